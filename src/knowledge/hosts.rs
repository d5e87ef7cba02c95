//! STS host names: which strings are the global endpoint, which are regional.
//!
//! Sources: boto/botocore `botocore/data/endpoints.json` (`aws-global` → `sts.amazonaws.com`, credential
//! scope us-east-1; `fips` variants `sts-fips.<region>` in the four US regions) and
//! `botocore/data/partitions.json` at its 2026 HEAD (each partition's `regionRegex`, `dnsSuffix` and
//! `dualStackDnsSuffix`); the STS ruleset `botocore/data/sts/2011-06-15/endpoint-rule-set-1.json`
//! (`https://sts{-fips}.{Region}.{dnsSuffix|dualStackDnsSuffix}`).
//!
//! Hand-written rather than through the `url` crate: the inputs are often bare hosts without a scheme,
//! which URL parsers reject or read as paths, and only the host, port and path shape matter here.

/// The one global STS host (botocore `endpoints.json`: `aws-global` → `sts.amazonaws.com`).
pub const GLOBAL_HOST: &str = "sts.amazonaws.com";

/// What an STS host is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// `sts.amazonaws.com`, served from us-east-1 for callers outside AWS or in opt-in regions.
    Global,
    /// `sts.<region>.<partition suffix>`, FIPS and dual-stack variants included.
    Regional { region: String },
}

/// One partition's DNS names (botocore `partitions.json`).
struct Partition {
    /// The region-name prefix that selects it (its `regionRegex` without the `\w+-\d+` tail); the
    /// commercial `aws` partition is the fallback and has none.
    prefix: &'static str,
    dns_suffix: &'static str,
    dual_stack_suffix: &'static str,
}

/// Most specific prefix first; the `aws` partition (`amazonaws.com`, `api.aws`) is the fallback.
const PARTITIONS: &[Partition] = &[
    Partition {
        prefix: "cn-",
        dns_suffix: "amazonaws.com.cn",
        dual_stack_suffix: "api.amazonwebservices.com.cn",
    },
    Partition {
        prefix: "us-gov-",
        dns_suffix: "amazonaws.com",
        dual_stack_suffix: "api.aws",
    },
    Partition {
        prefix: "us-iso-",
        dns_suffix: "c2s.ic.gov",
        dual_stack_suffix: "api.aws.ic.gov",
    },
    Partition {
        prefix: "us-isob-",
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_suffix: "api.aws.scloud",
    },
    Partition {
        prefix: "eu-isoe-",
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_suffix: "api.cloud-aws.adc-e.uk",
    },
    Partition {
        prefix: "us-isof-",
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_suffix: "api.aws.hci.ic.gov",
    },
    Partition {
        prefix: "eusc-",
        dns_suffix: "amazonaws.eu",
        dual_stack_suffix: "api.amazonwebservices.eu",
    },
];

const AWS: Partition = Partition {
    prefix: "",
    dns_suffix: "amazonaws.com",
    dual_stack_suffix: "api.aws",
};

fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| region.starts_with(p.prefix))
        .unwrap_or(&AWS)
}

/// Whether `value` has a region name's shape: two lowercase letters (or `eusc`), one or more
/// `-word`s, then `-` and a number (`us-east-1`, `us-gov-west-1`, `eusc-de-east-1`), as the
/// partitions' `regionRegex` write it. Checked by hand, not with a regex: compiling one was a seventh
/// of a pre-commit run on one small file.
fn has_region_shape(value: &str) -> bool {
    let Some((words, number)) = value.rsplit_once('-') else {
        return false;
    };
    let mut words = words.split('-');
    let first = words.next().unwrap_or_default();
    let lower = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase());
    let first_ok = first == "eusc" || (first.len() == 2 && lower(first));
    let mut rest = 0;
    for word in words {
        if !lower(word) {
            return false;
        }
        rest += 1;
    }
    first_ok && rest > 0 && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `value` looks like a real region name (`us-east-1`, `us-gov-west-1`), not `aws-global`.
pub fn is_region_name(value: &str) -> bool {
    value != "aws-global" && has_region_shape(value)
}

/// Classifies a value written where an endpoint is expected: a bare host or a URL, with an optional
/// `https://`/`http://`, `:443` and trailing `/`. Anything with another path (the XML namespace
/// `https://sts.amazonaws.com/doc/2011-06-15/`), port or host is not an STS endpoint.
pub fn classify_sts_url(value: &str) -> Option<Host> {
    let value = value.trim();
    let rest = strip_prefix_ignore_case(value, "https://")
        .or_else(|| strip_prefix_ignore_case(value, "http://"))
        .unwrap_or(value);
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if !(path.is_empty() || path == "/") {
        return None;
    }
    let host = match authority.rsplit_once(':') {
        Some((host, "443")) => host,
        Some(_) => return None,
        None => authority,
    };
    let host = host.to_ascii_lowercase();
    if host == GLOBAL_HOST {
        return Some(Host::Global);
    }
    // `sts.<region>.<suffix>` and `sts-fips.<region>.<suffix>`, the region belonging to the
    // partition whose DNS or dual-stack suffix follows it.
    let rest = host
        .strip_prefix("sts-fips.")
        .or_else(|| host.strip_prefix("sts."))?;
    let (region, suffix) = rest.split_once('.')?;
    if !has_region_shape(region) {
        return None;
    }
    let p = partition(region);
    (suffix == p.dns_suffix || suffix == p.dual_stack_suffix).then(|| Host::Regional {
        region: region.to_owned(),
    })
}

/// The regional endpoint URL for a region, in its partition's DNS suffix (botocore `partitions.json`).
pub fn regional_url(region: &str) -> String {
    format!("https://sts.{region}.{}", partition(region).dns_suffix)
}

/// The regional endpoint written the way `original` is: a URL for a URL, a bare host for a bare host
/// (`Endpoint: aws.String("sts.amazonaws.com")` expects a host; a scheme there would change its meaning).
pub fn regional_like(original: &str, region: &str) -> String {
    let url = regional_url(region);
    if original.contains("://") {
        url
    } else {
        url.trim_start_matches("https://").to_owned()
    }
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_shape_is_the_partitions_region_regex() {
        let regex = regex::Regex::new(r"^(?:[a-z]{2}|eusc)(?:-[a-z]+)+-[0-9]+$").unwrap();
        let values = [
            "us-east-1",
            "us-gov-west-1",
            "eusc-de-east-1",
            "cn-north-1",
            "ap-southeast-10",
            "us-isob-east-1",
            "aws-global",
            "us-east",
            "us-1",
            "useast-1",
            "u-east-1",
            "US-EAST-1",
            "us--east-1",
            "us-east-1-",
            "us-east-1a",
            "-east-1",
            "eu-west-x",
            "us-east-01",
            "",
            "eusc-1",
            "us-ea st-1",
            "us-east-\u{661}",
            "xx-yy-zz-9",
        ];
        for v in values {
            assert_eq!(has_region_shape(v), regex.is_match(v), "{v}");
        }
    }

    #[test]
    fn global_in_every_spelling() {
        for v in [
            "sts.amazonaws.com",
            "https://sts.amazonaws.com",
            "https://sts.amazonaws.com/",
            "https://sts.amazonaws.com:443",
            "http://STS.amazonaws.com",
            " sts.amazonaws.com:443/ ",
        ] {
            assert_eq!(classify_sts_url(v), Some(Host::Global), "{v}");
        }
    }

    #[test]
    fn lookalikes_are_not_global() {
        for v in [
            "beta-sts.amazonaws.com",
            "sts.amazonaws.com.cn",
            "https://sts.amazonaws.com/doc/2011-06-15/",
            "sts.amazonaws.com:8443",
            "xsts.amazonaws.com",
            "https://sts.amazonaws.com.evil.example",
            "arn:aws:iam::123456789012:oidc-provider/sts.amazonaws.com",
            "",
        ] {
            assert_ne!(classify_sts_url(v), Some(Host::Global), "{v}");
        }
    }

    #[test]
    fn regional_hosts_carry_their_region() {
        let cases = [
            ("https://sts.eu-west-1.amazonaws.com", "eu-west-1"),
            ("sts-fips.us-east-2.amazonaws.com", "us-east-2"),
            ("https://sts.cn-north-1.amazonaws.com.cn/", "cn-north-1"),
            ("sts.us-gov-west-1.amazonaws.com", "us-gov-west-1"),
            ("sts.ap-southeast-3.api.aws", "ap-southeast-3"),
            ("sts-fips.us-west-2.api.aws", "us-west-2"),
            ("https://sts.eusc-de-east-1.amazonaws.eu", "eusc-de-east-1"),
            (
                "sts.eusc-de-east-1.api.amazonwebservices.eu",
                "eusc-de-east-1",
            ),
            ("sts.us-iso-east-1.c2s.ic.gov", "us-iso-east-1"),
            ("sts.us-iso-east-1.api.aws.ic.gov", "us-iso-east-1"),
            ("sts.us-isob-east-1.sc2s.sgov.gov", "us-isob-east-1"),
            ("sts.us-isob-east-1.api.aws.scloud", "us-isob-east-1"),
            ("sts.eu-isoe-west-1.cloud.adc-e.uk", "eu-isoe-west-1"),
            (
                "sts.eu-isoe-west-1.api.cloud-aws.adc-e.uk",
                "eu-isoe-west-1",
            ),
            ("sts.us-isof-south-1.csp.hci.ic.gov", "us-isof-south-1"),
            ("sts.us-isof-south-1.api.aws.hci.ic.gov", "us-isof-south-1"),
            ("sts.cn-north-1.api.amazonwebservices.com.cn", "cn-north-1"),
        ];
        for (v, region) in cases {
            assert_eq!(
                classify_sts_url(v),
                Some(Host::Regional {
                    region: region.into()
                }),
                "{v}"
            );
        }
    }

    #[test]
    fn a_suffix_of_another_partition_is_not_an_sts_host() {
        for v in [
            "sts.eu-west-1.amazonaws.eu",
            "sts.us-iso-east-1.amazonaws.com",
            "sts.cn-north-1.amazonaws.com",
        ] {
            assert_eq!(classify_sts_url(v), None, "{v}");
        }
    }

    #[test]
    fn regional_urls_use_the_partition_suffix() {
        for (region, url) in [
            ("eu-west-1", "https://sts.eu-west-1.amazonaws.com"),
            ("us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com"),
            (
                "cn-northwest-1",
                "https://sts.cn-northwest-1.amazonaws.com.cn",
            ),
            ("us-iso-east-1", "https://sts.us-iso-east-1.c2s.ic.gov"),
            ("us-isob-east-1", "https://sts.us-isob-east-1.sc2s.sgov.gov"),
            (
                "eu-isoe-west-1",
                "https://sts.eu-isoe-west-1.cloud.adc-e.uk",
            ),
            (
                "us-isof-south-1",
                "https://sts.us-isof-south-1.csp.hci.ic.gov",
            ),
            ("eusc-de-east-1", "https://sts.eusc-de-east-1.amazonaws.eu"),
        ] {
            assert_eq!(regional_url(region), url);
        }
    }

    #[test]
    fn region_names() {
        assert!(is_region_name("eusc-de-east-1"));
        assert!(is_region_name("us-east-1"));
        assert!(is_region_name("us-gov-west-1"));
        assert!(!is_region_name("aws-global"));
        assert!(!is_region_name("${AWS_REGION}"));
        assert_eq!(
            regional_url("eu-west-1"),
            "https://sts.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            regional_like("sts.amazonaws.com", "eu-west-1"),
            "sts.eu-west-1.amazonaws.com"
        );
        assert_eq!(
            regional_like("https://sts.amazonaws.com/", "cn-north-1"),
            "https://sts.cn-north-1.amazonaws.com.cn"
        );
    }
}
