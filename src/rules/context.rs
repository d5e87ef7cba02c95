//! Rules stage, after every rule: what the repository's STS interface VPC endpoints mean for findings
//! that send calls to the global endpoint ([`super::GLOBAL_TRAFFIC`]). Applied once here rather than in
//! seven rules, so each finding says it the same way.
//!
//! An interface endpoint for STS (`com.amazonaws.<region>.sts`) answers for the regional host of its
//! region; with private DNS on, that host resolves to the endpoint inside the VPC. Nothing answers for
//! `sts.amazonaws.com` there: such calls leave over the internet, and from a private subnet with no NAT
//! path they time out. A finding that sends calls to the global host therefore names the endpoint, and
//! a warning becomes an error when the endpoint is in the workload's region (the file's region, else
//! the repository's only region) with private DNS on.

use super::{GLOBAL_TRAFFIC, Input};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::SettingName;
use crate::knowledge::hosts::{self, regional_like};
use crate::repo::{RepoContext, VpcEndpoint};

pub(super) fn annotate(input: &Input, repo: &RepoContext, out: &mut [Diagnostic]) {
    if repo.vpc_endpoints.is_empty() {
        return;
    }
    let mut workload: Vec<&str> = input
        .settings(SettingName::Region)
        .map(|s| s.value.as_str())
        .filter(|r| hosts::is_region_name(r))
        .collect();
    if workload.is_empty()
        && let Some(only) = repo.only_region()
    {
        workload.push(only);
    }
    fn region_of<'a>(e: &'a VpcEndpoint, repo: &'a RepoContext) -> Option<&'a str> {
        e.region.as_deref().or(repo.only_region())
    }
    let matching = repo
        .vpc_endpoints
        .iter()
        .find(|e| region_of(e, repo).is_some_and(|r| workload.contains(&r)));
    let (endpoint, same_region) = match matching {
        Some(e) => (e, true),
        None => (&repo.vpc_endpoints[0], false),
    };
    let note = note(endpoint, region_of(endpoint, repo));
    for d in out
        .iter_mut()
        .filter(|d| GLOBAL_TRAFFIC.contains(&d.rule.code))
    {
        if same_region && endpoint.private_dns == Some(true) && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
        d.context.push(crate::diagnostic::ContextNote {
            place: endpoint.place.clone(),
            message: note.clone(),
        });
    }
}

fn note(endpoint: &VpcEndpoint, region: Option<&str>) -> String {
    let resource = &endpoint.resource;
    let serves = match region {
        Some(region) => format!(
            "`{resource}` is an STS interface VPC endpoint in {region}: it serves `{}` only",
            regional_like("sts.amazonaws.com", region)
        ),
        None => format!(
            "`{resource}` is an STS interface VPC endpoint: it serves its region's `sts.<region>.amazonaws.com` only"
        ),
    };
    let dns = match endpoint.private_dns {
        Some(true) => "",
        Some(false) => " (through its own DNS names: private DNS is off)",
        None => "",
    };
    format!(
        "{serves}{dns}; calls to `sts.amazonaws.com` bypass it and, from a private subnet without a NAT path, time out"
    )
}
