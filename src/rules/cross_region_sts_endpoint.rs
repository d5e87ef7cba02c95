//! STS203: a regional STS endpoint of one region configured where the region is another.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::SettingName;
use crate::knowledge::hosts::{Host, regional_url};

pub static RULE: Rule = Rule {
    code: "STS203",
    name: "cross-region-sts-endpoint",
    summary: "a regional STS endpoint of another region than the workload's is configured",
    severity: Severity::Info,
    reads: Facts::ENDPOINTS,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS203-cross-region-sts-endpoint.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for endpoint in &facts.endpoints {
        let Host::Regional {
            region: endpoint_region,
        } = &endpoint.host
        else {
            continue;
        };
        let Some(region) = facts
            .visible(endpoint.context, SettingName::Region)
            .filter(|r| facts.region(endpoint.context) == Some(r.value.as_str()))
        else {
            continue;
        };
        if &region.value == endpoint_region {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                endpoint.span,
                format!(
                    "`{}` calls the STS endpoint of `{endpoint_region}` while the region here is `{}`: STS calls then depend on `{endpoint_region}` being reachable and active",
                    endpoint.via, region.value
                ),
                format!(
                    "use the endpoint of the workload's own region, `{}`, unless the cross-region call is deliberate",
                    regional_url(&region.value)
                ),
            )
            .with_label(region.value_span, "region set here"),
        );
    }
}
