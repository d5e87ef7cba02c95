//! Region data from sts-facts §3 and §5 (botocore `endpoints.json`, IAM "AWS STS Regions and endpoints").

/// Regions that legacy mode sends to `sts.amazonaws.com` (botocore `LEGACY_GLOBAL_STS_REGIONS`,
/// aws-sdk-go `legacy_regions.go`; sts-facts §3). Every other region stays regional even in legacy mode,
/// except in the JavaScript SDK v2.
pub const LEGACY_GLOBAL_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "aws-global",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

/// Regions that must be enabled before use; global-endpoint v1 tokens are rejected there
/// (IAM User Guide, "Manage AWS STS in an AWS Region"; sts-facts §5). `ap-east-2` and
/// `ap-southeast-6` are presumed opt-in: botocore lists them, the IAM table copy does not.
pub const OPT_IN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-west-1",
    "eu-central-2",
    "eu-south-1",
    "eu-south-2",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
];

pub fn is_opt_in(region: &str) -> bool {
    OPT_IN_REGIONS.binary_search(&region).is_ok()
}

pub fn is_legacy_global(region: &str) -> bool {
    LEGACY_GLOBAL_REGIONS.binary_search(&region).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_disjoint() {
        assert!(LEGACY_GLOBAL_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(OPT_IN_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(OPT_IN_REGIONS.iter().all(|r| !is_legacy_global(r)));
        assert_eq!(LEGACY_GLOBAL_REGIONS.len(), 16);
    }
}
