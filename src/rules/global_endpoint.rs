//! STS001: the global host `sts.amazonaws.com` configured as the STS endpoint.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;
use crate::knowledge::hosts::{Host, regional_like};

pub static RULE: Rule = Rule {
    code: "STS001",
    name: "global-endpoint",
    summary: "the global STS endpoint `sts.amazonaws.com` is configured as an endpoint",
    severity: Severity::Warning,
    reads: Facts::ENDPOINTS,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/STS001-global-endpoint.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for endpoint in facts.endpoints.iter().filter(|e| e.host == Host::Global) {
        let message = format!(
            "`{}` sends STS calls to the global endpoint `sts.amazonaws.com`, served from us-east-1 for callers outside AWS or in opt-in regions",
            endpoint.via
        );
        let region = facts
            .visible(endpoint.context, SettingName::Region)
            .filter(|r| facts.region(endpoint.context) == Some(r.value.as_str()));
        let diagnostic = match region {
            // An endpoint for every service cannot become an STS host: other services would break.
            _ if endpoint.all_services => Diagnostic::new(
                &RULE,
                endpoint.span,
                message,
                format!(
                    "remove `{}`: it points every service at STS; to override STS alone, use `AWS_ENDPOINT_URL_STS` or a `[services]` `sts` block with a regional endpoint",
                    endpoint.via
                ),
            ),
            Some(region) => {
                let url = regional_like(&endpoint.url, &region.value);
                Diagnostic::new(
                    &RULE,
                    endpoint.span,
                    message,
                    format!("use the regional endpoint of `{}`: `{url}`", region.value),
                )
                .with_label(region.value_span, "region set here")
                .with_fix(Fix::unsafe_edit(Edit::replace(endpoint.span, url)))
            }
            // The project's `default-region` stands in for a region the file does not set.
            None => match facts.default_region {
                Some(default) => {
                    let url = regional_like(&endpoint.url, default);
                    Diagnostic::new(
                        &RULE,
                        endpoint.span,
                        message,
                        format!(
                            "use the regional endpoint of `{default}` (the project's `default-region`): `{url}`"
                        ),
                    )
                    .with_fix(Fix::unsafe_edit(Edit::replace(endpoint.span, url)))
                }
                None => Diagnostic::new(
                    &RULE,
                    endpoint.span,
                    message,
                    "use the regional endpoint of the region the workload runs in, `https://sts.<region>.amazonaws.com`, or remove the override",
                ),
            },
        };
        out.push(diagnostic);
    }
}
