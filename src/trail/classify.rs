//! trail, classify stage: which STS endpoint one CloudTrail record reached.
//!
//! As documented in the AWS IAM User Guide, "Logging IAM and AWS STS API calls with AWS CloudTrail"
//! (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html): the host the client asked
//! for is `tlsDetails.clientProvidedHostHeader`; since the 2025 change a call to `sts.amazonaws.com`
//! served in another region is logged with host `sts-global.<region>.amazonaws.com` and
//! `additionalEventData.RequestDetails.endpointType = global`, `awsServingRegion = <region>`. A call through
//! an STS interface VPC endpoint reaches a regional endpoint ("How to use Regional AWS STS endpoints",
//! AWS Security Blog, 2024-02-26).

use crate::knowledge::hosts::{self, Host};

/// The endpoint class of one STS call, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Endpoint {
    /// `sts.amazonaws.com` served in us-east-1.
    Global,
    /// `sts.amazonaws.com` served in the caller's region (2025): still global in CloudTrail, IAM
    /// conditions and for callers outside AWS.
    GlobalServedLocally,
    /// A regional, FIPS, dual-stack or VPC-endpoint host.
    Regional,
    /// No host and no endpoint type: AWS services acting for you, the console, old event versions.
    Unknown,
}

impl Endpoint {
    pub const ALL: [Endpoint; 4] = [
        Endpoint::Global,
        Endpoint::GlobalServedLocally,
        Endpoint::Regional,
        Endpoint::Unknown,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The JSON and CSV name.
    pub fn key(self) -> &'static str {
        match self {
            Endpoint::Global => "global",
            Endpoint::GlobalServedLocally => "global_served_locally",
            Endpoint::Regional => "regional",
            Endpoint::Unknown => "unknown",
        }
    }

    /// How the human table names it.
    pub fn label(self) -> &'static str {
        match self {
            Endpoint::Global => "global (us-east-1)",
            Endpoint::GlobalServedLocally => "global (served locally)",
            Endpoint::Regional => "regional",
            Endpoint::Unknown => "unknown",
        }
    }
}

/// The fields of a record that decide its endpoint, as found (any may be missing).
#[derive(Debug, Default, Clone, Copy)]
pub struct EndpointFields<'a> {
    pub host: Option<&'a str>,
    pub endpoint_type: Option<&'a str>,
    pub serving_region: Option<&'a str>,
    pub vpc_endpoint_id: Option<&'a str>,
}

fn present(v: Option<&str>) -> Option<&str> {
    v.map(str::trim)
        .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("null"))
}

/// The host without port, trailing dot or surrounding space, lowercased.
pub fn normalize_host(host: &str) -> String {
    let host = host.trim();
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// What a host header alone says.
fn host_class(host: &str) -> Option<Endpoint> {
    if host == hosts::GLOBAL_HOST {
        return Some(Endpoint::Global);
    }
    if let Some(rest) = host.strip_prefix("sts-global.")
        && let Some(region) = rest.strip_suffix(".amazonaws.com")
        && hosts::is_region_name(region)
    {
        return Some(if region == "us-east-1" {
            Endpoint::Global
        } else {
            Endpoint::GlobalServedLocally
        });
    }
    if let Some(Host::Regional { .. }) = hosts::classify_sts_url(host) {
        return Some(Endpoint::Regional);
    }
    // Interface VPC endpoint DNS names: `vpce-…-….sts.<region>.vpce.amazonaws.com`.
    if host.starts_with("vpce-") && host.contains(".sts.") && host.ends_with(".vpce.amazonaws.com")
    {
        return Some(Endpoint::Regional);
    }
    None
}

/// Classifies one STS record.
pub fn classify(f: EndpointFields<'_>) -> Endpoint {
    if present(f.vpc_endpoint_id).is_some() {
        return Endpoint::Regional;
    }
    let served_elsewhere =
        present(f.serving_region).is_some_and(|r| !r.eq_ignore_ascii_case("us-east-1"));
    let endpoint_type = present(f.endpoint_type).map(str::to_ascii_lowercase);
    let host = present(f.host).map(normalize_host);
    let by_host = host.as_deref().and_then(host_class);
    let global = |served_elsewhere: bool| {
        if served_elsewhere {
            Endpoint::GlobalServedLocally
        } else {
            Endpoint::Global
        }
    };
    match (by_host, endpoint_type.as_deref()) {
        (Some(Endpoint::Global), _) => global(served_elsewhere),
        (Some(class), _) => class,
        (None, Some("global")) => global(served_elsewhere),
        (None, Some("regional")) => Endpoint::Regional,
        _ => Endpoint::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(h: &str) -> Endpoint {
        classify(EndpointFields {
            host: Some(h),
            ..Default::default()
        })
    }

    #[test]
    fn hosts_of_every_class() {
        assert_eq!(host("sts.amazonaws.com"), Endpoint::Global);
        assert_eq!(host("STS.AmazonAWS.com:443"), Endpoint::Global);
        assert_eq!(host("sts.amazonaws.com."), Endpoint::Global);
        assert_eq!(
            host("sts-global.eu-north-1.amazonaws.com"),
            Endpoint::GlobalServedLocally
        );
        assert_eq!(host("sts-global.us-east-1.amazonaws.com"), Endpoint::Global);
        assert_eq!(host("sts.eu-north-1.amazonaws.com"), Endpoint::Regional);
        assert_eq!(host("sts-fips.us-east-1.amazonaws.com"), Endpoint::Regional);
        assert_eq!(host("sts.us-east-1.api.aws"), Endpoint::Regional);
        assert_eq!(host("sts.cn-north-1.amazonaws.com.cn"), Endpoint::Regional);
        assert_eq!(
            host("vpce-0123-abcd.sts.eu-west-1.vpce.amazonaws.com"),
            Endpoint::Regional
        );
        assert_eq!(host("localhost:4566"), Endpoint::Unknown);
        assert_eq!(host(""), Endpoint::Unknown);
    }

    #[test]
    fn endpoint_type_and_serving_region() {
        let f = |t, r| {
            classify(EndpointFields {
                endpoint_type: t,
                serving_region: r,
                ..Default::default()
            })
        };
        assert_eq!(f(Some("global"), None), Endpoint::Global);
        assert_eq!(f(Some("global"), Some("us-east-1")), Endpoint::Global);
        assert_eq!(
            f(Some("global"), Some("eu-north-1")),
            Endpoint::GlobalServedLocally
        );
        assert_eq!(f(Some("regional"), Some("eu-north-1")), Endpoint::Regional);
        assert_eq!(f(None, None), Endpoint::Unknown);
        assert_eq!(
            classify(EndpointFields {
                host: Some("sts.amazonaws.com"),
                vpc_endpoint_id: Some("vpce-0abc"),
                ..Default::default()
            }),
            Endpoint::Regional
        );
    }
}
