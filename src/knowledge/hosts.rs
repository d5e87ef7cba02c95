//! STS host names (sts-facts §6): which strings are the global endpoint, which are regional.
//!
//! Hand-written rather than through the `url` crate: the inputs are often bare hosts without a scheme,
//! which URL parsers reject or read as paths, and only the host, port and path shape matter here.

use std::sync::LazyLock;

use regex::Regex;

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

static REGIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^sts(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws|api\.amazonwebservices\.com\.cn|amazonaws\.eu|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$",
    )
    .expect("static regex")
});

static REGION_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]{2}(?:-[a-z]+)+-\d+$").expect("static regex"));

/// Whether `value` looks like a real region name (`us-east-1`, `us-gov-west-1`), not `aws-global`.
pub fn is_region_name(value: &str) -> bool {
    value != "aws-global" && REGION_NAME.is_match(value)
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
    REGIONAL.captures(&host).map(|c| Host::Regional {
        region: c[1].to_owned(),
    })
}

/// The regional endpoint URL for a region, in its partition's DNS suffix.
pub fn regional_url(region: &str) -> String {
    if region.starts_with("cn-") {
        format!("https://sts.{region}.amazonaws.com.cn")
    } else {
        format!("https://sts.{region}.amazonaws.com")
    }
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
    fn region_names() {
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
