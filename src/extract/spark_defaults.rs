//! Extractor for Spark's `spark-defaults.conf`: `spark.hadoop.fs.s3a.assumed.role.sts.endpoint` (and the
//! other [`super::hadoop::STS_ENDPOINT_PROPERTIES`]) set to an STS host.
//!
//! Spark loads the file as a Java properties file (`Utils.getPropertiesFromFile`): a line is a key, then
//! whitespace, `=` or `:`, then the value; `#` and `!` start comment lines. Written by hand: the format
//! is one split per line, and no properties crate keeps byte spans. Continuation lines (`\` at the end)
//! are not joined, so a value continued over lines is not read (none of these values is that long).

use super::facts::FileFacts;
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let text = &source.text;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let content = &body[lead..];
        if content.is_empty() || content.starts_with(['#', '!']) {
            continue;
        }
        let key_len = content
            .find(|c: char| c.is_whitespace() || c == '=' || c == ':')
            .unwrap_or(content.len());
        let key = &content[..key_len];
        if !super::hadoop::is_sts_endpoint_property(key) {
            continue;
        }
        let rest = &content[key_len..];
        let after_ws = rest.trim_start();
        let after_sep = after_ws
            .strip_prefix(['=', ':'])
            .map_or(after_ws, str::trim_start);
        let value = after_sep.trim_end();
        let value_start = start + lead + key_len + (rest.len() - after_sep.len());
        let key_span = Span::new(start + lead, start + lead + key_len);
        let value_span = Span::new(value_start, value_start + value.len());
        super::hadoop::push_property(&mut facts, key, key_span, value, value_span, 0);
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::knowledge::hosts::Host;

    #[test]
    fn properties_in_every_separator_with_exact_spans() {
        let text = "# Spark defaults\r\nspark.master yarn\r\nspark.hadoop.fs.s3a.assumed.role.sts.endpoint   https://sts.amazonaws.com  \r\n  fs.s3a.assumed.role.sts.endpoint=sts.amazonaws.com\n! spark.hadoop.fs.s3a.assumed.role.sts.endpoint sts.amazonaws.com\nspark.hadoop.fs.s3a.assumed.role.sts.endpoint.region us-east-1\nspark.hadoop.fs.s3a.assumed.role.sts.endpoint : https://sts.eu-west-1.amazonaws.com";
        let source = SourceFile::from_text("spark-defaults.conf", FileKind::SparkDefaults, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| (&text[e.span.start..e.span.end], e.host == Host::Global))
            .collect();
        assert_eq!(
            got,
            [
                ("https://sts.amazonaws.com", true),
                ("sts.amazonaws.com", true),
                ("https://sts.eu-west-1.amazonaws.com", false),
            ]
        );
    }
}
