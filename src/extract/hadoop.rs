//! Shared by the YAML, Terraform and shell extractors (not an extractor of its own): Amazon EMR release
//! labels and the Hadoop configuration properties that set an STS endpoint.
//!
//! - `fs.s3a.assumed.role.sts.endpoint`: the S3A assumed-role STS endpoint; unset means the SDK default
//!   (apache/hadoop `hadoop-aws` `Constants.java`, `ASSUMED_ROLE_STS_ENDPOINT`). Spark passes Hadoop
//!   properties with the `spark.hadoop.` prefix.
//! - `fs.s3.sts.endpoint`: the EMRFS STS endpoint in the `emrfs-site` classification (Amazon EMR
//!   Management Guide, "Managing the default AWS Security Token Service endpoint").

use super::facts::{Client, ContextId, Ecosystem, FileFacts, Installed, Setting, SettingName};
use crate::knowledge::tools::{EMR, emr_release};
use crate::source::Span;

/// Property names whose value is an STS endpoint URL.
pub(crate) const STS_ENDPOINT_PROPERTIES: &[&str] = &[
    "fs.s3a.assumed.role.sts.endpoint",
    "spark.hadoop.fs.s3a.assumed.role.sts.endpoint",
    "fs.s3.sts.endpoint",
];

/// Keys that hold an EMR release label: CloudFormation `ReleaseLabel`, Terraform `release_label`, the
/// EMR API's `releaseLabel`.
pub(crate) const RELEASE_LABEL_KEYS: &[&str] = &["ReleaseLabel", "release_label", "releaseLabel"];

pub(crate) fn is_sts_endpoint_property(key: &str) -> bool {
    STS_ENDPOINT_PROPERTIES.contains(&key)
}

/// Records `property = value` as the STS endpoint it configures.
pub(crate) fn push_property(
    facts: &mut FileFacts,
    key: &str,
    key_span: Span,
    value: &str,
    value_span: Span,
    context: ContextId,
) {
    facts.push_setting(Setting {
        name: SettingName::StsEndpointUrl,
        key: key.to_owned(),
        key_span,
        value: value.to_owned(),
        value_span,
        context,
    });
}

/// Records an EMR release label (`emr-5.30.1`) as the release it pins; anything else is ignored.
/// `origin` may be left empty by extractors that fill every client's origin at the end.
pub(crate) fn push_release_label(
    facts: &mut FileFacts,
    origin: String,
    label: &str,
    span: Span,
    context: ContextId,
) {
    if emr_release(label).is_none() {
        return;
    }
    facts.clients.push(Client {
        ecosystem: Ecosystem::Tool,
        package: EMR.to_owned(),
        version: label.trim().to_owned(),
        installed: Installed::Pin,
        span,
        origin,
        context,
    });
}

/// `PROPERTY=value` inside one shell word as written (`--conf spark.hadoop.fs.s3a.…=URL`,
/// `--emrfs Args=[fs.s3.sts.endpoint=URL]`): the property, its span, the value and its span. The value
/// ends at a quote, comma, bracket or the end of the word.
pub(crate) fn property_in_word(raw: &str, base: usize) -> Option<(&'static str, Span, &str, Span)> {
    for property in STS_ENDPOINT_PROPERTIES {
        let needle = format!("{property}=");
        let Some(at) = raw.find(&needle) else {
            continue;
        };
        // `spark.hadoop.fs.s3a.…` also contains `fs.s3a.…`: only a match at a word boundary counts.
        if at > 0
            && !matches!(
                raw.as_bytes()[at - 1],
                b'[' | b',' | b'"' | b'\'' | b'=' | b' '
            )
        {
            continue;
        }
        let start = at + needle.len();
        let len = raw[start..]
            .find(['"', '\'', ',', ']', ' '])
            .unwrap_or(raw.len() - start);
        let value = &raw[start..start + len];
        return Some((
            property,
            Span::new(base + at, base + at + property.len()),
            value,
            Span::new(base + start, base + start + len),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_in_words_have_exact_spans() {
        let raw = "Args=[fs.s3.sts.endpoint=https://sts.amazonaws.com]";
        let (p, ps, v, vs) = property_in_word(raw, 10).unwrap();
        assert_eq!(p, "fs.s3.sts.endpoint");
        assert_eq!(&raw[ps.start - 10..ps.end - 10], p);
        assert_eq!(v, "https://sts.amazonaws.com");
        assert_eq!(&raw[vs.start - 10..vs.end - 10], v);
        let raw = "spark.hadoop.fs.s3a.assumed.role.sts.endpoint=sts.amazonaws.com";
        let (p, _, v, _) = property_in_word(raw, 0).unwrap();
        assert_eq!(p, "spark.hadoop.fs.s3a.assumed.role.sts.endpoint");
        assert_eq!(v, "sts.amazonaws.com");
        assert!(property_in_word("fs.s3a.assumed.role.sts.endpoint.region=us-east-1", 0).is_none());
        assert!(property_in_word("x.fs.s3.sts.endpoint=https://sts.amazonaws.com", 0).is_none());
    }
}
