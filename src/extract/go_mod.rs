//! Extractor for Go `go.mod`: `github.com/aws/aws-sdk-go` (SDK v1) in `require` lines and blocks.
//!
//! Hand-written: go.mod is a line grammar (`require path version`, `require ( … )`, `//` comments) and
//! the Rust crates for it are unmaintained; `aws-sdk-go-v2` and its sub-modules are a different path and
//! never match. Under minimal version selection the `require` version is the one the build selects,
//! unless a `replace` directive swaps the module: its target version wins, and a local-path replacement
//! leaves the version unknown, so nothing is recorded.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use crate::source::{SourceFile, Span};

const MODULE: &str = "github.com/aws/aws-sdk-go";

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[MODULE]) {
        return facts;
    }
    // Every `require` and `replace` line, block forms included; a module has one version per build.
    let mut block: Option<&str> = None;
    let mut required: Option<(String, Span)> = None;
    let mut replaced: Option<Option<(String, Span)>> = None;
    for (offset, line) in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let trimmed = code.trim();
        let mut words = word_spans(code);
        let directive = match block {
            Some(_) if trimmed.starts_with(')') => {
                block = None;
                continue;
            }
            Some(d) => d,
            None => {
                let Some(first) = words.first().map(|(w, _)| *w) else {
                    continue;
                };
                let d = match first {
                    "require" => "require",
                    "replace" => "replace",
                    _ => continue,
                };
                words.remove(0);
                if words.first().is_some_and(|(w, _)| *w == "(") {
                    block = Some(d);
                    continue;
                }
                d
            }
        };
        let Some((path, _)) = words.first() else {
            continue;
        };
        if path.trim_matches('"') != MODULE {
            continue;
        }
        match directive {
            "require" => {
                if let Some((version, span)) = words.get(1) {
                    required = Some(((*version).to_owned(), span.offset(offset)));
                }
            }
            _ => {
                // `replace M [v] => M' v'` sets the version; `=> ../path` leaves it unknown.
                let arrow = words.iter().position(|(w, _)| *w == "=>");
                let target = arrow.and_then(|i| words.get(i + 2));
                replaced = Some(target.map(|(v, span)| ((*v).to_owned(), span.offset(offset))));
            }
        }
    }
    let chosen = match replaced {
        Some(target) => target,
        None => required,
    };
    if let Some((version, span)) = chosen {
        facts.clients.push(Client {
            ecosystem: Ecosystem::Go,
            package: MODULE.to_owned(),
            version,
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
    fn replace_directives_decide_the_version() {
        let versions = |text: &str| -> Vec<String> {
            let source = SourceFile::from_text("go.mod", FileKind::GoMod, text);
            extract(&source)
                .clients
                .into_iter()
                .map(|c| text[c.span.start..c.span.end].to_owned())
                .collect()
        };
        let base = "module m\n\nrequire github.com/aws/aws-sdk-go v1.25.0\n";
        assert_eq!(
            versions(&format!(
                "{base}replace github.com/aws/aws-sdk-go => github.com/aws/aws-sdk-go v1.44.0\n"
            )),
            vec!["v1.44.0"]
        );
        assert_eq!(
            versions(&format!(
                "{base}replace (\n\tgithub.com/aws/aws-sdk-go v1.25.0 => ../aws-sdk-go\n)\n"
            )),
            Vec::<String>::new()
        );
        assert_eq!(versions(base), vec!["v1.25.0"]);
    }

    #[test]
    fn require_lines_and_blocks_but_not_v2() {
        let text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/aws/aws-sdk-go-v2 v1.30.0\n\tgithub.com/aws/aws-sdk-go v1.55.5 // indirect\n)\n";
        let source = SourceFile::from_text("go.mod", FileKind::GoMod, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (text[c.span.start..c.span.end].to_owned(), c.origin))
            .collect();
        assert_eq!(got, vec![("v1.55.5".to_owned(), "go.mod:7".to_owned())]);
    }
}
