//! STS201: EKS IRSA told not to use regional STS (ServiceAccount annotation or pod identity webhook flag).

use super::{Facts, FixAvailability, Input, Rule};
use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;

pub static RULE: Rule = Rule {
    code: "STS201",
    name: "irsa-global-endpoint",
    summary: "an EKS service account or the pod identity webhook turns regional STS off",
    severity: Severity::Warning,
    reads: Facts::IRSA,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS201-irsa-global-endpoint.md"),
    check,
};

/// The spellings Go's `strconv.ParseBool` reads as false (Go `strconv/atob.go`; the webhook parses the
/// annotation with it: aws/amazon-eks-pod-identity-webhook `pkg/cache/cache.go`).
const PARSE_BOOL_FALSE: &[&str] = &["0", "F", "FALSE", "False", "f", "false"];

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for setting in facts.settings(SettingName::IrsaRegionalSts) {
        if !PARSE_BOOL_FALSE.contains(&setting.value.as_str()) {
            continue;
        }
        let flag = setting.key.starts_with("--");
        let (message, help) = if flag {
            (
                format!(
                    "`{}={}` turns regional STS off for every pod the webhook mutates: it injects no `AWS_STS_REGIONAL_ENDPOINTS=regional`, so SDKs that still default to `legacy` call the global endpoint `sts.amazonaws.com`",
                    setting.key, setting.value
                ),
                format!(
                    "run the webhook with `{}=true`, then recreate the pods",
                    setting.key
                ),
            )
        } else {
            (
                format!(
                    "`{}` is `{}`: the pod identity webhook injects no `AWS_STS_REGIONAL_ENDPOINTS=regional`, so SDKs that still default to `legacy` call the global endpoint `sts.amazonaws.com`",
                    setting.key, setting.value
                ),
                format!(
                    "set `{}: \"true\"`, then recreate the pods (the webhook only mutates new pods)",
                    setting.key
                ),
            )
        };
        // YAML annotation spans take in the value's quotes (the extractor widens them), so the fix
        // writes a quoted string there; everywhere else the span is already inside a string or flag.
        let fixed = if facts.kind == FileKind::Yaml && !flag {
            "\"true\""
        } else {
            "true"
        };
        let diagnostic = Diagnostic::new(&RULE, setting.value_span, message, help)
            .with_fix(Fix::safe(Edit::replace(setting.value_span, fixed)));
        out.push(diagnostic);
    }
}
