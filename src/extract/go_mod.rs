//! Extractor for Go `go.mod`: `github.com/aws/aws-sdk-go` (SDK v1) in `require` lines and blocks.
//!
//! Hand-written: go.mod is a line grammar (`require path version`, `require ( … )`, `//` comments) and
//! the Rust crates for it are unmaintained; `aws-sdk-go-v2` and its sub-modules are a different path and
//! never match. Under minimal version selection the `require` version is the one the build selects.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use crate::source::{SourceFile, Span};

const MODULE: &str = "github.com/aws/aws-sdk-go";

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[MODULE]) {
        return facts;
    }
    let mut in_require = false;
    for (offset, line) in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let trimmed = code.trim();
        if in_require {
            if trimmed.starts_with(')') {
                in_require = false;
                continue;
            }
        } else if let Some(rest) = trimmed.strip_prefix("require") {
            let rest = rest.trim_start();
            if rest.starts_with('(') {
                in_require = true;
                continue;
            }
            if rest.len() == trimmed.len() - "require".len() {
                // `requirements …` is not a directive.
                continue;
            }
        } else {
            continue;
        }
        let mut words = word_spans(code);
        if words.first().is_some_and(|(w, _)| *w == "require") {
            words.remove(0);
        }
        let [(path, _), (version, span), ..] = words[..] else {
            continue;
        };
        if path.trim_matches('"') != MODULE {
            continue;
        }
        let span = span.offset(offset);
        facts.clients.push(Client {
            ecosystem: Ecosystem::Go,
            package: MODULE.to_owned(),
            version: version.to_owned(),
            installed: Installed::Pin,
            span,
            origin: super::origin(source, span),
            context: 0,
        });
    }
    facts
}

fn word_spans(line: &str) -> Vec<(&str, Span)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((&line[s..i], Span::new(s, i)));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn require_lines_and_blocks_but_not_v2() {
        let text = "module example.com/app\n\ngo 1.22\n\nrequire github.com/aws/aws-sdk-go v1.25.17\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2 v1.30.0\n\tgithub.com/aws/aws-sdk-go v1.55.5 // indirect\n)\n";
        let source = SourceFile::from_text("go.mod", FileKind::GoMod, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (text[c.span.start..c.span.end].to_owned(), c.origin))
            .collect();
        assert_eq!(
            got,
            vec![
                ("v1.25.17".to_owned(), "go.mod:5".to_owned()),
                ("v1.55.5".to_owned(), "go.mod:9".to_owned())
            ]
        );
    }
}
