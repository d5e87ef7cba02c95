//! Shared by the JSON manifest extractors (package.json, package-lock.json, composer.json/lock,
//! Pipfile.lock): parses with `jsonc-parser`, which keeps every node's byte range (serde_json keeps
//! none), and reports malformed JSON as a [`Problem`]. The lockfiles are read first as serde_json
//! streams, which keep the few values they need as slices of the text ([`raw_string`]) and fall
//! back to the tree as [`stream_refused`] says.

use jsonc_parser::ast::{Object, StringLit, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};
use serde_json::value::RawValue;

use crate::extract::facts::{FileFacts, Problem};
use crate::source::{MAX_FILE_BYTES, SourceFile, Span};

/// A value a serde_json stream kept as a slice of the source text: the string it holds and the span
/// of its contents (inside the quotes), or `None` when it is not a string.
pub(crate) fn raw_string(source: &SourceFile, raw: &RawValue) -> Option<(String, Span)> {
    let value = serde_json::from_str::<String>(raw.get()).ok()?;
    let start = raw.get().as_ptr() as usize - source.text.as_ptr() as usize;
    Some((value, Span::new(start + 1, start + raw.get().len() - 1)))
}

/// Whether to read the span-keeping tree after a lockfile's stream stopped at `e`: yes within the
/// ordinary size limit (comments, trailing commas, an unusual shape); above it, malformed JSON is a
/// problem, and valid JSON of another shape has nothing to read.
pub(crate) fn stream_refused(
    source: &SourceFile,
    e: &serde_json::Error,
    facts: &mut FileFacts,
) -> bool {
    if source.text.len() as u64 <= MAX_FILE_BYTES {
        return true;
    }
    if !e.is_data() {
        let at = source.offset_at(e.line().saturating_sub(1), e.column().saturating_sub(1));
        facts.problems.push(Problem {
            message: format!("malformed JSON: {e}"),
            span: Span::new(at, at),
        });
    }
    false
}

/// The document's root value, or `None` (with a problem recorded) when the text is not JSON.
pub(crate) fn parse<'a>(source: &'a SourceFile, facts: &mut FileFacts) -> Option<Value<'a>> {
    match jsonc_parser::parse_to_ast(
        &source.text,
        &CollectOptions::default(),
        &ParseOptions::default(),
    ) {
        Ok(result) => result.value,
        Err(e) => {
            let at = e.range().start.min(source.text.len());
            facts.problems.push(Problem {
                message: format!("malformed JSON: {}", e.kind()),
                span: Span::new(at, at),
            });
            None
        }
    }
}

/// The span of a string literal without its quotes.
pub(crate) fn string_span(lit: &StringLit) -> Span {
    let r = lit.range();
    Span::new(
        (r.start + 1).min(r.end),
        r.end.saturating_sub(1).max(r.start),
    )
}

/// `(key, value string, span inside the quotes)` for every string property of an object.
pub(crate) fn string_props<'b>(
    object: &'b Object,
) -> impl Iterator<Item = (&'b str, &'b str, Span)> {
    object.properties.iter().filter_map(|p| match &p.value {
        Value::StringLit(lit) => Some((p.name.as_str(), lit.value.as_ref(), string_span(lit))),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    /// What a stream expecting an array of numbers makes of `text`.
    fn refused(text: String) -> (bool, Vec<Problem>) {
        let source = SourceFile::from_text("composer.lock", FileKind::ComposerLock, text);
        let e = serde_json::from_str::<Vec<u8>>(&source.text).unwrap_err();
        let mut facts = FileFacts::new(FileKind::ComposerLock);
        (stream_refused(&source, &e, &mut facts), facts.problems)
    }

    #[test]
    fn a_refused_stream_falls_back_to_the_tree_only_within_the_ordinary_limit() {
        let pad = " ".repeat(MAX_FILE_BYTES as usize);
        assert_eq!(refused("[1, ".to_owned()), (true, Vec::new()));
        // Above the limit: malformed JSON is a problem where the stream stopped ...
        let (tree, problems) = refused(format!("{pad}[1, "));
        assert!(!tree);
        assert!(
            problems[0].message.starts_with("malformed JSON: "),
            "{problems:?}"
        );
        // ... and valid JSON of another shape has nothing to read.
        assert_eq!(refused(format!("{pad}{{\"a\": 1}}")), (false, Vec::new()));
    }

    #[test]
    fn a_raw_string_is_its_value_and_the_span_inside_its_quotes() {
        let text = r#"{"version": "3.\u0031", "n": 1}"#;
        let source = SourceFile::from_text("composer.lock", FileKind::ComposerLock, text);
        let map: std::collections::BTreeMap<&str, &RawValue> =
            serde_json::from_str(&source.text).unwrap();
        let (value, span) = raw_string(&source, map["version"]).unwrap();
        assert_eq!(
            (value.as_str(), &text[span.start..span.end]),
            ("3.1", r"3.\u0031")
        );
        assert_eq!(raw_string(&source, map["n"]), None);
    }
}
