//! Extractor for Ruby `Gemfile` / `gems.rb`: `gem "aws-sdk-core", "~> 3.71.0"` requirements.
//!
//! Hand-written: a Gemfile is Ruby code; only `gem` calls whose leading arguments are string literals are
//! read (name, then the version requirements until the first non-string argument such as `require:`).
//! Versions are judged as RubyGems requirements; `Gemfile.lock` gives the resolved version.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[crate::knowledge::clients::RUBY_CORE]) {
        return facts;
    }
    for (offset, line) in source.lines() {
        let code = line.trim_start();
        let Some(rest) = code.strip_prefix("gem") else {
            continue;
        };
        if !rest.starts_with([' ', '(']) {
            continue;
        }
        let base = offset + (line.len() - rest.len());
        let args = string_args(rest);
        let Some(((name, _), requirements)) = args.split_first() else {
            continue;
        };
        if name != crate::knowledge::clients::RUBY_CORE {
            continue;
        }
        let (version, span, installed) = match (requirements.first(), requirements.last()) {
            (Some((_, first)), Some((_, last))) => {
                let joined: Vec<&str> = requirements.iter().map(|(r, _)| r.as_str()).collect();
                let version = joined.join(", ");
                let pinned = requirements.len() == 1
                    && version
                        .trim_start_matches(['=', ' '])
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.');
                let installed = if pinned {
                    Installed::Pin
                } else {
                    Installed::Range
                };
                (
                    version,
                    Span::new(first.start, last.end).offset(base),
                    installed,
                )
            }
            _ => (
                String::new(),
                args[0].1.offset(base),
                Installed::Unversioned,
            ),
        };
        facts.clients.push(Client {
            ecosystem: Ecosystem::RubyGems,
            package: name.clone(),
            version,
            installed,
            span,
            origin: super::origin(source, span),
            context: 0,
        });
    }
    facts
}

/// Leading string-literal arguments with their spans (inside the quotes), relative to `text`.
fn string_args(text: &str) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'(' | b',') {
            i += 1;
        }
        let Some(&quote) = bytes.get(i).filter(|b| matches!(b, b'"' | b'\'')) else {
            return out;
        };
        let start = i + 1;
        let Some(len) = memchr::memchr(quote, &bytes[start..]) else {
            return out;
        };
        out.push((
            text[start..start + len].to_owned(),
            Span::new(start, start + len),
        ));
        i = start + len + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn gem_lines_with_requirements() {
        let text = "source 'https://rubygems.org'\n\ngem 'rails', '~> 7.1'\ngem \"aws-sdk-core\", \"~> 3.71\", \">= 3.71.2\", require: false\ngem('aws-sdk-core', '3.91.1')\ngem 'aws-sdk-core'\n";
        let source = SourceFile::from_text("Gemfile", FileKind::Gemfile, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| {
                (
                    text[c.span.start..c.span.end].to_owned(),
                    c.version,
                    c.installed,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "~> 3.71\", \">= 3.71.2".to_owned(),
                    "~> 3.71, >= 3.71.2".to_owned(),
                    Installed::Range
                ),
                ("3.91.1".to_owned(), "3.91.1".to_owned(), Installed::Pin),
                (
                    "aws-sdk-core".to_owned(),
                    String::new(),
                    Installed::Unversioned
                ),
            ]
        );
    }
}
