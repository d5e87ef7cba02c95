//! Shared by the TOML extractors (pyproject.toml, poetry.lock, uv.lock): `toml`'s span-keeping
//! `DeTable` parser, with small lookups and malformed TOML reported as a [`Problem`].

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::extract::facts::{FileFacts, Problem};
use crate::source::{SourceFile, Span};

/// The document's root table, or `None` (with a problem recorded) when the text is not TOML.
pub(crate) fn parse<'a>(source: &'a SourceFile, facts: &mut FileFacts) -> Option<DeTable<'a>> {
    match DeTable::parse(&source.text) {
        Ok(table) => Some(table.into_inner()),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start).min(source.text.len());
            facts.problems.push(Problem {
                message: format!("malformed TOML: {}", e.message()),
                span: Span::new(at, at),
            });
            None
        }
    }
}

/// The value under `key`.
pub(crate) fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == key)
        .map(|(_, v)| v)
}

/// The table at a dotted path of keys.
pub(crate) fn table<'a, 'i>(root: &'a DeTable<'i>, path: &[&str]) -> Option<&'a DeTable<'i>> {
    path.iter()
        .try_fold(root, |t, key| get(t, key)?.get_ref().as_table())
}

/// A string value and the span inside its quotes (one quote character each side; `'''`/`"""` three).
pub(crate) fn string<'a>(value: &'a Spanned<DeValue>, text: &str) -> Option<(&'a str, Span)> {
    let s = value.get_ref().as_str()?;
    let r = value.span();
    let raw = text.get(r.clone())?;
    let quote = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let span = if raw.len() >= 2 * quote {
        Span::new(r.start + quote, r.end - quote)
    } else {
        Span::new(r.start, r.end)
    };
    Some((s, span))
}
