//! STS003: an STS endpoint mode other than exactly `legacy` or `regional`.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;

pub static RULE: Rule = Rule {
    code: "STS003",
    name: "invalid-sts-mode",
    summary: "the STS endpoint mode is neither `legacy` nor `regional`",
    severity: Severity::Error,
    reads: Facts::STS_MODE,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS003-invalid-sts-mode.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for setting in facts.settings(SettingName::StsRegionalEndpoints) {
        let value = setting.value.as_str();
        // A template directive or CI expression: what it renders to is not known here.
        if value == "legacy" || value == "regional" || facts.is_unknown(setting.value_span) {
            continue;
        }
        // An empty value is unset for botocore (`if not sts_regional_endpoints_config`), Go v1
        // (`len(v) != 0`), Ruby (`nil if == ''`) and PHP (`!empty()`): their default applies. Only JS v2
        // (`InvalidEnvironmentalVariable`) and Java v1 (`SdkClientException`) throw.
        let message = if value.is_empty() {
            format!(
                "`{}` is empty: botocore, boto3, the AWS CLI v1 and the Go v1, Ruby and PHP SDKs ignore it and use their default (`legacy` in versions before the 2025 flip), while the JavaScript v2 and Java v1 SDKs throw an error",
                setting.key
            )
        } else {
            format!(
                "`{}` is `{value}`, not `legacy` or `regional`: botocore, boto3 and the AWS CLI v1 refuse to start, Ruby silently treats it as `regional`",
                setting.key
            )
        };
        // An empty value sits right after the `=`; in a file spaced `key = value` the new value gets its
        // space (never in env syntax, where `KEY= value` means something else: no layout there).
        let spaced = value.is_empty()
            && facts
                .layout(setting.context)
                .is_some_and(|l| l.separator.ends_with(' '));
        let content = if spaced { " regional" } else { "regional" };
        // Only a case variant of `regional` keeps the meaning every lenient SDK already gave it.
        let fix = if value.eq_ignore_ascii_case("regional") {
            Fix::safe(Edit::replace(setting.value_span, content))
        } else {
            Fix::unsafe_edit(Edit::replace(setting.value_span, content))
        };
        out.push(
            Diagnostic::new(
                &RULE,
                setting.value_span,
                message,
                format!("set `{}` to `regional`", setting.key),
            )
            .with_fix(fix),
        );
    }
}
