//! Extractor for YAML templates that do not parse even neutralised (branches that indent differently,
//! directives that build keys): a line-based reading of `key: value` pairs, Kubernetes `- name:` /
//! `value:` env items and Compose `- KEY=value` items, each with its exact span, all in the file's
//! context. It finds settings, annotations and endpoints; structure (jobs, containers) is not known.

use super::facts::{FileFacts, Setting, SettingName};
use crate::source::{SourceFile, Span};

/// One `key: value` line: the key and value with their spans (quotes and a trailing comment removed).
struct Pair<'a> {
    key: &'a str,
    key_span: Span,
    value: &'a str,
    value_span: Span,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    // The `- name: X` of the env item being read, waiting for its `value:`.
    let mut pending: Option<(&str, Span, usize)> = None;
    for (start, line) in source.lines() {
        let indent = line.len() - line.trim_start().len();
        let (item, body_at) = match line[indent..].strip_prefix("- ") {
            Some(rest) => (true, indent + 2 + (rest.len() - rest.trim_start().len())),
            None => (false, indent),
        };
        let body = &line[body_at..];
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        let Some(pair) = pair(body, start + body_at) else {
            if item {
                pending = None;
                // Compose list form: `- KEY=value`.
                let entry = body.trim_end();
                if let Some((name, value)) = entry.split_once('=') {
                    let at = start + body_at;
                    let value_start = at + name.len() + 1;
                    facts.push_env(
                        name,
                        Span::new(at, at + name.len()),
                        value,
                        Span::new(value_start, value_start + value.len()),
                        0,
                    );
                }
            }
            continue;
        };
        match (pair.key, &pending) {
            ("name", _) if item => {
                pending = Some((pair.value, pair.value_span, body_at));
                continue;
            }
            ("value", Some((name, name_span, at))) if !item && *at == body_at => {
                facts.push_env(name, *name_span, pair.value, pair.value_span, 0);
                pending = None;
                continue;
            }
            _ => {}
        }
        if item {
            pending = None;
        }
        if pair.key == super::terraform::IRSA_ANNOTATION {
            facts.push_setting(Setting {
                name: SettingName::IrsaRegionalSts,
                key: pair.key.to_owned(),
                key_span: pair.key_span,
                value: pair.value.to_owned(),
                value_span: pair.value_span,
                context: 0,
            });
        } else if super::hadoop::is_sts_endpoint_property(pair.key) {
            super::hadoop::push_property(
                &mut facts,
                pair.key,
                pair.key_span,
                pair.value,
                pair.value_span,
                0,
            );
        } else {
            facts.push_env(pair.key, pair.key_span, pair.value, pair.value_span, 0);
        }
    }
    super::yaml::quote_annotations(source, &mut facts);
    facts
}

/// `key: value` at `at` (a plain key, or a quoted one), when the value is a scalar on this line.
fn pair(body: &str, at: usize) -> Option<Pair<'_>> {
    let (key, key_start, after_key) = match body.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let close = body[1..].find(*q as char)? + 1;
            (&body[1..close], 1, close + 1)
        }
        _ => {
            let colon = body
                .find(": ")
                .or_else(|| body.strip_suffix(':').map(str::len))?;
            (body[..colon].trim_end(), 0, colon)
        }
    };
    let rest = body[after_key..].strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) || key.is_empty() {
        return None;
    }
    let value_at = after_key + 1 + (rest.len() - rest.trim_start().len());
    let raw = body[value_at..].trim_end();
    let (value, value_start) = match raw.as_bytes().first() {
        Some(q @ (b'"' | b'\'')) => {
            let close = raw[1..].find(*q as char)? + 1;
            (&raw[1..close], value_at + 1)
        }
        // Block scalars, flow collections and anchors are not scalars on this line.
        Some(b'|' | b'>' | b'[' | b'{' | b'&' | b'*') => return None,
        _ => {
            let value = raw.find(" #").map_or(raw, |i| raw[..i].trim_end());
            (value, value_at)
        }
    };
    Some(Pair {
        key,
        key_span: Span::new(at + key_start, at + key_start + key.len()),
        value,
        value_span: Span::new(at + value_start, at + value_start + value.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn settings(text: &str) -> Vec<(String, String, String)> {
        let source = SourceFile::from_text("t.yaml", FileKind::Yaml, text);
        extract(&source)
            .settings
            .iter()
            .map(|s| {
                (
                    s.key.clone(),
                    s.value.clone(),
                    text[s.value_span.start..s.value_span.end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn pairs_env_items_and_annotations_with_exact_spans() {
        let text = "metadata:\n  annotations:\n    eks.amazonaws.com/sts-regional-endpoints: \"false\"\nenv:\n  - name: AWS_STS_REGIONAL_ENDPOINTS\n    value: legacy # old\n  - name: OTHER\n  - AWS_REGION=eu-west-1\nAWS_ENDPOINT_URL_STS: 'https://sts.amazonaws.com'\n";
        assert_eq!(
            settings(text),
            [
                (
                    "eks.amazonaws.com/sts-regional-endpoints".into(),
                    "false".into(),
                    "\"false\"".into()
                ),
                (
                    "AWS_STS_REGIONAL_ENDPOINTS".into(),
                    "legacy".into(),
                    "legacy".into()
                ),
                ("AWS_REGION".into(), "eu-west-1".into(), "eu-west-1".into()),
                (
                    "AWS_ENDPOINT_URL_STS".into(),
                    "https://sts.amazonaws.com".into(),
                    "https://sts.amazonaws.com".into()
                ),
            ]
        );
    }

    #[test]
    fn a_value_of_another_item_is_not_paired() {
        let text = "- name: AWS_STS_REGIONAL_ENDPOINTS\n- value: legacy\n";
        assert!(settings(text).is_empty());
        assert!(settings("key: |\n  AWS_STS_REGIONAL_ENDPOINTS: legacy\nx: 'open").len() == 1);
    }
}
