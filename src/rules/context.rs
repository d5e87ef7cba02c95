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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::classify::FileKind;
    use crate::lint::{FilePlan, lint};
    use crate::repo::{Place, Region, RepoContext, VpcEndpoint};
    use crate::source::SourceFile;

    fn repo(region: Option<&str>, private_dns: Option<bool>, regions: &[&str]) -> RepoContext {
        let place = |line| Place {
            path: "infra/vpc.tf".into(),
            line,
            column: 1,
        };
        RepoContext {
            vpc_endpoints: vec![VpcEndpoint {
                place: place(3),
                resource: "aws_vpc_endpoint.sts".into(),
                region: region.map(str::to_owned),
                private_dns,
            }],
            token_versions: Vec::new(),
            regions: regions
                .iter()
                .map(|r| Region {
                    place: place(1),
                    name: (*r).to_owned(),
                })
                .collect(),
            ..RepoContext::default()
        }
    }

    /// `code severity notes` of each finding in an env file linted under `repo`.
    fn lint_env(text: &str, repo: RepoContext) -> Vec<String> {
        let plan = FilePlan {
            repo: Some(Arc::new(repo)),
            ..FilePlan::defaults()
        };
        let source = SourceFile::from_text("app/.env", FileKind::DotEnv, text);
        lint(source, &Arc::new(plan))
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {}",
                    d.rule.code,
                    d.severity.as_str(),
                    d.context.len()
                )
            })
            .collect()
    }

    #[test]
    fn severity_rises_only_for_the_workloads_region_with_private_dns() {
        let legacy = "AWS_STS_REGIONAL_ENDPOINTS=legacy\n";
        let in_region = "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=eu-west-1\n";
        let elsewhere = "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=us-west-2\n";
        let on = || repo(Some("eu-west-1"), Some(true), &["eu-west-1"]);
        assert_eq!(lint_env(in_region, on()), ["STS002 error 1"]);
        // The repository's only region stands in for a file that sets none.
        assert_eq!(lint_env(legacy, on()), ["STS002 error 1"]);
        // Another region, several regions, private DNS off or unknown: named, not raised.
        assert_eq!(lint_env(elsewhere, on()), ["STS002 warning 1"]);
        let two = repo(Some("eu-west-1"), Some(true), &["eu-west-1", "us-west-2"]);
        assert_eq!(lint_env(legacy, two), ["STS002 warning 1"]);
        let off = repo(Some("eu-west-1"), Some(false), &["eu-west-1"]);
        assert_eq!(lint_env(in_region, off), ["STS002 warning 1"]);
        let unknown = repo(Some("eu-west-1"), None, &["eu-west-1"]);
        assert_eq!(lint_env(in_region, unknown), ["STS002 warning 1"]);
        // An endpoint whose region is unknown takes the repository's only region.
        let only = repo(None, Some(true), &["eu-west-1"]);
        assert_eq!(lint_env(in_region, only), ["STS002 error 1"]);
        // A regional setting is never a finding, endpoint or not.
        let regional = "AWS_STS_REGIONAL_ENDPOINTS=regional\nAWS_REGION=eu-west-1\n";
        assert!(lint_env(regional, on()).is_empty());
        // Rules that do not send calls to the global endpoint are left alone.
        let cross =
            "AWS_REGION=eu-west-1\nAWS_ENDPOINT_URL_STS=https://sts.us-west-2.amazonaws.com\n";
        assert!(
            lint_env(cross, on())
                .iter()
                .all(|d| d.ends_with(" 0") && !d.starts_with("STS002")),
            "{:?}",
            lint_env(cross, on())
        );
    }
}
