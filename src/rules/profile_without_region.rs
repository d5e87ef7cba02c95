//! STS006: a profile that assumes a role but has no region from any source.
//!
//! Only `role_arn` and `web_identity_token_file` profiles call STS; SSO (`sso_session`,
//! `sso_start_url`) and `credential_process` profiles never do ([`crate::extract::facts::Setting::calls_sts`]).

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::{ContextKind, SettingName};

pub static RULE: Rule = Rule {
    code: "STS006",
    name: "profile-without-region",
    summary: "a profile that assumes a role has no region, so botocore and the AWS CLI v1 call the global endpoint",
    severity: Severity::Warning,
    reads: Facts::PROFILES,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS006-profile-without-region.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for (id, context) in facts.contexts.iter().enumerate() {
        // A credentials-file profile takes its region from the config file's profile of that name.
        let (
            ContextKind::Profile {
                name,
                in_config_file: true,
            },
            Some(header),
        ) = (&context.kind, context.header)
        else {
            continue;
        };
        let Some(source) = facts
            .in_context(id, SettingName::CredentialSource)
            .find(|s| s.calls_sts())
        else {
            continue;
        };
        // Any region value counts here, even an invalid one: that is another rule's finding.
        if facts.visible(id, SettingName::Region).is_some() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                header,
                format!(
                    "profile `{name}` assumes a role (`{}`) but has no region: botocore, boto3 and the AWS CLI v1 then send its STS calls to the global endpoint `sts.amazonaws.com`, even with `sts_regional_endpoints = regional`",
                    source.key
                ),
                "add `region = <the region the workload runs in>` to this profile, or set `AWS_REGION` where it runs",
            )
            .with_label(source.key_span, "role credentials configured here"),
        );
    }
}
