//! Extract stage, source code: what a name says. The words of an identifier as written
//! (`ClientIdList`, `STS_ENDPOINT`, `token…:aud`), whether it names an endpoint, an identifier or
//! neither, and the region an SDK enum constant (`AP_EAST_1`, `APEast1`) stands for.

use crate::knowledge::hosts;

/// Lower-case words of a name: `ClientIdList` → `client id list`, `token.actions…com:aud` → `… aud`.
pub(super) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if !ch.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.extend(ch.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(crate) fn normalize(name: &str) -> String {
    words(name).concat()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameKind {
    Identifier,
    Endpoint,
    Neutral,
}

/// Whether a name says "identifier" (audience, client ID, event source, principal) or "endpoint".
pub(super) fn name_kind(name: &str) -> NameKind {
    let w = words(name);
    let norm = w.concat();
    // JWT claims (`aud`, `sub`, `iss`) and what a log record says a request carried (CloudTrail
    // `tlsDetails.clientProvidedHostHeader`, an HTTP `Host` header) name hosts, they do not configure one.
    let ident = w
        .iter()
        .any(|x| matches!(x.as_str(), "aud" | "sub" | "iss" | "xmlns" | "arn"))
        || w.last()
            .is_some_and(|x| matches!(x.as_str(), "header" | "headers"))
        || [
            "audience",
            "clientid",
            "idtoken",
            "eventsource",
            "principal",
            "thumbprint",
            "namespace",
            "oidc",
            "issuer",
        ]
        .iter()
        .any(|k| norm.contains(k))
        || w.last()
            .is_some_and(|x| matches!(x.as_str(), "provider" | "providers" | "source" | "sources"))
        || norm == "service";
    if ident {
        return NameKind::Identifier;
    }
    let endpoint = [
        "endpoint", "url", "uri", "host", "address", "addr", "server", "domain",
    ]
    .iter()
    .any(|k| norm.contains(k));
    if endpoint {
        NameKind::Endpoint
    } else {
        NameKind::Neutral
    }
}

/// The region an SDK enum constant names: Java `AP_EAST_1` (v1 `Regions`, v2 `Region`), .NET
/// `APEast1` (`RegionEndpoint`). Only names that come out as real region names count.
pub(super) fn enum_region(word: &str) -> Option<String> {
    let name = if word.contains('_') {
        if !word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            return None;
        }
        word.to_ascii_lowercase().replace('_', "-")
    } else {
        // `APEast1` → `ap-east-1`: a two-letter upper-case prefix, a direction, a number.
        let prefix = word.get(..2)?;
        if !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let rest = &word[2..];
        let digits = rest.find(|c: char| c.is_ascii_digit())?;
        let (direction, number) = rest.split_at(digits);
        if direction.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        format!(
            "{}-{}-{number}",
            prefix.to_ascii_lowercase(),
            direction.to_ascii_lowercase()
        )
    };
    // Region names are `<area>-[gov-]<direction>-<n>`; anything else (`HTTP2`) is another constant.
    let parts: Vec<&str> = name.split('-').collect();
    let known = match parts[..] {
        [area, direction, _] | [area, "gov", direction, _] => {
            REGION_AREAS.contains(&area) && REGION_DIRECTIONS.contains(&direction)
        }
        _ => false,
    };
    (known && hosts::is_region_name(&name)).then_some(name)
}

/// Area prefixes of region names (boto/botocore `botocore/data/partitions.json` `regionRegex` of the
/// `aws`, `aws-cn` and `aws-us-gov` partitions).
const REGION_AREAS: &[&str] = &["af", "ap", "ca", "cn", "eu", "il", "me", "mx", "sa", "us"];
const REGION_DIRECTIONS: &[&str] = &[
    "central",
    "east",
    "north",
    "northeast",
    "northwest",
    "south",
    "southeast",
    "southwest",
    "west",
];

/// Whether a name is about the region (`region`, `region_name`, `Region`, `AWS_REGION`).
pub(super) fn is_region_name_key(name: &str) -> bool {
    words(name).iter().any(|w| w == "region")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_region_enums() {
        assert_eq!(enum_region("AP_EAST_1").as_deref(), Some("ap-east-1"));
        assert_eq!(enum_region("APEast1").as_deref(), Some("ap-east-1"));
        assert_eq!(enum_region("MECentral1").as_deref(), Some("me-central-1"));
        assert_eq!(
            enum_region("APSoutheast3").as_deref(),
            Some("ap-southeast-3")
        );
        assert_eq!(
            enum_region("US_GOV_WEST_1").as_deref(),
            Some("us-gov-west-1")
        );
        for not in [
            "MAX_RETRIES_3",
            "HTTP2",
            "US",
            "Ap_east_1",
            "é",
            "AB",
            "TLS_V1_2",
            "XXEast1",
        ] {
            assert_eq!(enum_region(not), None, "{not}");
        }
    }

    #[test]
    fn words_split_case_and_punctuation() {
        assert_eq!(words("ClientIdList"), ["client", "id", "list"]);
        assert_eq!(
            words("token.actions.githubusercontent.com:aud")
                .last()
                .unwrap(),
            "aud"
        );
        assert_eq!(words("STS_ENDPOINT"), ["sts", "endpoint"]);
        assert_eq!(name_kind("auditEndpoint"), NameKind::Endpoint);
        assert_eq!(name_kind("audiences"), NameKind::Identifier);
        assert_eq!(name_kind("ServiceURL"), NameKind::Endpoint);
        assert_eq!(name_kind("DEFAULT_STS"), NameKind::Neutral);
    }
}
