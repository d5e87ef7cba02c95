//! STS002: `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS` set to `legacy`.

use super::{FixAvailability, Rule, SETTINGS_KINDS};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::{FileFacts, SettingName};

pub static RULE: Rule = Rule {
    code: "STS002",
    name: "legacy-sts-mode",
    summary: "the STS endpoint mode is set to `legacy`",
    severity: Severity::Warning,
    kinds: SETTINGS_KINDS,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS002-legacy-sts-mode.md"),
    check,
};

fn check(facts: &FileFacts, out: &mut Vec<Diagnostic>) {
    for setting in facts.settings(SettingName::StsRegionalEndpoints) {
        if setting.value != "legacy" {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                setting.value_span,
                format!(
                    "`{}` is `legacy`: SDKs that read it send STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`",
                    setting.key
                ),
                format!("set `{}` to `regional`", setting.key),
            )
            .with_fix(Fix::safe(Edit::replace(setting.value_span, "regional"))),
        );
    }
}
