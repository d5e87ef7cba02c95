//! STS004: a profile in an AWS config file that does not set `sts_regional_endpoints`.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::{ContextKind, SettingName};

pub static RULE: Rule = Rule {
    code: "STS004",
    name: "missing-regional-setting",
    summary: "an AWS config profile leaves the STS endpoint mode to each client's default",
    severity: Severity::Warning,
    reads: Facts::PROFILES,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/STS004-missing-regional-setting.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for (id, context) in facts.contexts.iter().enumerate() {
        let ContextKind::Profile {
            name,
            in_config_file: true,
        } = &context.kind
        else {
            continue;
        };
        let Some(header) = context.header else {
            continue;
        };
        let set = facts
            .settings(SettingName::StsRegionalEndpoints)
            .any(|s| s.context == id);
        if set {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            &RULE,
            header,
            format!(
                "profile `{name}` does not set `sts_regional_endpoints`: AWS CLI v1 before 1.42.0, boto3/botocore before 1.40.0 and the JavaScript v2, Go v1 and Java v1 SDKs still default to `legacy` and call the global endpoint"
            ),
            "add `sts_regional_endpoints = regional` under this profile header",
        );
        // The line goes right after the header, spaced like the file's own keys; the extractor records no
        // layout where an inserted line would change how the SDKs read the lines below it.
        if let Some(layout) = facts.layout(id) {
            diagnostic = diagnostic.with_fix(Fix::safe(Edit::insert(
                layout.at,
                layout.line("sts_regional_endpoints", "regional"),
            )));
        }
        out.push(diagnostic);
    }
}
