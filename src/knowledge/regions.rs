//! Region data: which regions legacy mode sends to the global endpoint, and which regions are opt-in.
//!
//! Sources:
//! - boto/botocore `botocore/args.py` `LEGACY_GLOBAL_STS_REGIONS`; aws/aws-sdk-go
//!   `aws/endpoints/legacy_regions.go` and its CHANGELOG v1.25.18; the STS endpoint ruleset
//!   `botocore/data/sts/2011-06-15/endpoint-rule-set-1.json` (the same 16 region literals).
//! - AWS Account Management guide, "Enable or disable AWS Regions in your account"
//!   (<https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html>): "Regions
//!   launched before March 20, 2019 are enabled by default … Regions launched after March 20, 2019 are
//!   disabled by default and referred to as opt-in Regions".
//! - boto/botocore `botocore/data/partitions.json`: the `aws` partition's `regionRegex`
//!   `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$` and its region list.

use std::sync::LazyLock;

use regex::Regex;

/// Regions that legacy mode sends to `sts.amazonaws.com` (botocore `LEGACY_GLOBAL_STS_REGIONS`,
/// aws-sdk-go `legacy_regions.go`, the STS ruleset). Every other region stays regional even in legacy
/// mode, except in the JavaScript SDK v2, whose `"*/sts": "globalSSL"` rule (aws/aws-sdk-js
/// `lib/region_config_data.json`) sends every commercial region to the global host.
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

/// The commercial (`aws` partition) regions enabled by default in every account: the regions launched
/// before 2019-03-20 (Account Management guide, above; botocore `partitions.json` lists 17 of the
/// `aws` partition's regions that predate that date). Every other `aws`-partition region is opt-in by
/// AWS's own rule, so a region launched next year is judged right without an edit here.
pub const DEFAULT_ENABLED_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
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

/// botocore `partitions.json`, partition `aws`, `regionRegex`: China, GovCloud, the ISO partitions and
/// the European Sovereign Cloud do not match it. Compiled only for a name that is not ASCII (where
/// `\w` and `\d` are Unicode's); ASCII names are matched by hand, the same way.
static AWS_PARTITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$").expect("static regex")
});

/// The prefixes of [`AWS_PARTITION`].
const AWS_PARTITION_PREFIXES: &[&str] = &["af", "ap", "ca", "eu", "il", "me", "mx", "sa", "us"];

/// Whether a region belongs to the commercial `aws` partition (`aws-global` does not: it is a pseudo
/// region). Every region a rule reads is asked about; the regex took a hundredth of a Terraform run.
pub fn is_aws_partition(region: &str) -> bool {
    if !region.is_ascii() {
        return AWS_PARTITION.is_match(region);
    }
    let Some((prefix, rest)) = region.split_once('-') else {
        return false;
    };
    let Some((word, number)) = rest.split_once('-') else {
        return false;
    };
    AWS_PARTITION_PREFIXES.contains(&prefix)
        && !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a region must be enabled before use, where global-endpoint version 1 session tokens are
/// rejected: any `aws`-partition region that is not enabled by default (IAM User Guide, "Manage AWS STS
/// in an AWS Region"; Account Management guide, above).
pub fn is_opt_in(region: &str) -> bool {
    is_aws_partition(region) && DEFAULT_ENABLED_REGIONS.binary_search(&region).is_err()
}

pub fn is_legacy_global(region: &str) -> bool {
    LEGACY_GLOBAL_REGIONS.binary_search(&region).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        assert!(LEGACY_GLOBAL_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(DEFAULT_ENABLED_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(LEGACY_GLOBAL_REGIONS.len(), 16);
        assert_eq!(DEFAULT_ENABLED_REGIONS.len(), 17);
        // Legacy mode's 16 are default-enabled regions (plus `aws-global`); Seoul and Osaka are not
        // among them and stay regional even in legacy mode.
        assert!(
            LEGACY_GLOBAL_REGIONS
                .iter()
                .all(|r| *r == "aws-global" || !is_opt_in(r))
        );
        assert!(!is_legacy_global("ap-northeast-2"));
        assert!(!is_legacy_global("ap-northeast-3"));
    }

    proptest::proptest! {
        #[test]
        fn partition_by_hand_is_the_regex(region in "((us|eu|ap|mx|cn|aws|x)(-[a-z0-9_ -]{0,6}){0,3})|.{0,12}") {
            proptest::prop_assert_eq!(is_aws_partition(&region), AWS_PARTITION.is_match(&region), "{:?}", region);
        }
    }

    #[test]
    fn partition_names() {
        for (region, aws) in [
            ("us-east-1", true),
            ("mx-central-1", true),
            ("eu_x-west-1", false),
            ("eu-we_st-1", true),
            ("us-gov-west-1", false),
            ("cn-north-1", false),
            ("aws-global", false),
            ("us-east-1a", false),
            ("us-east-", false),
            ("us--1", false),
            ("us-éast-1", true),
            ("us-east-\u{661}", true),
        ] {
            assert_eq!(is_aws_partition(region), aws, "{region}");
            assert_eq!(AWS_PARTITION.is_match(region), aws, "{region}");
        }
    }

    #[test]
    fn opt_in_by_rule() {
        // The 17 opt-in regions of botocore `partitions.json` as of 2026 (IAM "AWS STS Regions and
        // endpoints" table: "No¹"), ap-east-2 and ap-southeast-6 included (launched 2025).
        for r in [
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
        ] {
            assert!(is_opt_in(r), "{r}");
        }
        // A region launched after this list was written is opt-in without an edit.
        assert!(is_opt_in("eu-west-4"));
        assert!(is_opt_in("sa-west-1"));
        // Default-enabled, pseudo and other-partition regions are not.
        for r in [
            "us-east-1",
            "ap-northeast-3",
            "aws-global",
            "cn-north-1",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            "${AWS_REGION}",
        ] {
            assert!(!is_opt_in(r), "{r}");
        }
    }
}
