//! Shared by the JSON manifest extractors (package.json, package-lock.json, composer.json/lock): parses
//! with `jsonc-parser`, which keeps every node's byte range (serde_json keeps none), and reports
//! malformed JSON as a [`Problem`].

use jsonc_parser::ast::{Object, StringLit, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::extract::facts::{FileFacts, Problem};
use crate::source::{SourceFile, Span};

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
