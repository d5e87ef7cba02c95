//! STS202: the global endpoint configured where the region is an opt-in region (token v1 rejected there).

use super::{ENDPOINT_KINDS, FixAvailability, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::{FileFacts, SettingName};
use crate::knowledge::hosts::{Host, regional_url};
use crate::knowledge::regions::is_opt_in;

pub static RULE: Rule = Rule {
    code: "STS202",
    name: "opt-in-region-global-token",
    summary: "the global STS endpoint is configured for a workload in an opt-in region",
    severity: Severity::Error,
    kinds: ENDPOINT_KINDS,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS202-opt-in-region-global-token.md"),
    check,
};

fn check(facts: &FileFacts, out: &mut Vec<Diagnostic>) {
    for endpoint in facts.endpoints.iter().filter(|e| e.host == Host::Global) {
        let Some(region) = facts
            .visible(endpoint.context, SettingName::Region)
            .filter(|r| facts.region(endpoint.context) == Some(r.value.as_str()))
        else {
            continue;
        };
        if !is_opt_in(&region.value) {
            continue;
        }
        let url = regional_url(&region.value);
        out.push(
            Diagnostic::new(
                &RULE,
                endpoint.span,
                format!(
                    "`{}` sends STS calls to the global endpoint `sts.amazonaws.com` for a workload in the opt-in region `{}`: global-endpoint session tokens are version 1 by default and are rejected there",
                    endpoint.via, region.value
                ),
                format!(
                    "use `{url}`, or make the global endpoint issue tokens valid in every region with `aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token`"
                ),
            )
            .with_label(region.value_span, "opt-in region set here")
            .with_fix(Fix::unsafe_edit(Edit::replace(endpoint.span, url))),
        );
    }
}
