//! Extractor for Makefiles (`Makefile`, `GNUmakefile`, `makefile`, `*.mk`): variable assignments
//! (`export AWS_REGION = …`, `VAR := …`, `VAR ?= …`) as environment settings, and recipe lines read
//! with the shell reader (`aws sts … --endpoint-url …`, `pip install awscli==…`).
//!
//! Hand-written: no maintained Rust crate parses Makefiles with byte spans, and only assignments and
//! recipe lines matter here. A recipe line is one that starts with a tab; its `@`, `-` and `+` prefixes
//! belong to make, and backslash-continued lines are one command, as make hands them to the shell.
//! Make's own `$(VAR)` references are not expanded.

use super::facts::FileFacts;
use super::shell;
use crate::source::{SourceFile, Span};

/// Assignment operators, longest first so `:=` is not read as `=`.
const OPERATORS: &[&str] = &["::=", ":::=", ":=", "?=", "+=", "!=", "="];

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let text = &source.text;
    let mut lines = source.lines().peekable();
    while let Some((offset, line)) = lines.next() {
        // The logical line: this one and every continuation after it.
        let mut end = offset + line.trim_end_matches(['\r', '\n']).len();
        while text[..end].ends_with('\\') {
            let Some((next, next_line)) = lines.next() else {
                break;
            };
            end = next + next_line.trim_end_matches(['\r', '\n']).len();
        }
        if let Some(recipe) = line.strip_prefix('\t') {
            let prefix = recipe.len() - recipe.trim_start_matches(['@', '-', '+', ' ']).len();
            let start = offset + 1 + prefix;
            let words = shell::words(&text[start..end.max(start)], start);
            shell::scan_commands(&mut facts, text, &words, 0);
            super::installs::scan(&mut facts, source, &words, 0, &[]);
        } else {
            assignment(&mut facts, text, offset, end);
        }
    }
    shell::fill_origins(&mut facts, source);
    facts
}

/// `[export|override] NAME op value`: an environment setting when the name is one stslint knows (an
/// exported make variable is in every recipe's environment; an unexported one is passed on the command
/// line of `aws` only through `$(NAME)`, which reads the same value).
fn assignment(facts: &mut FileFacts, text: &str, start: usize, end: usize) {
    let line = &text[start..end];
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return;
    }
    let mut rest = trimmed;
    for word in ["export ", "override ", "private "] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start();
        }
    }
    let Some((at, op)) = OPERATORS
        .iter()
        .filter_map(|op| rest.find(op).map(|i| (i, *op)))
        .min_by_key(|(i, op)| (*i, std::cmp::Reverse(op.len())))
    else {
        return;
    };
    let name = rest[..at].trim_end();
    if name.is_empty() || !name.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric()) {
        return;
    }
    let name_start = end - rest.len();
    let after = &rest[at + op.len()..];
    // A `#` starts a comment in a make variable's value.
    let value = after.split('#').next().unwrap_or("").trim();
    let value_start = end - after.len() + (after.len() - after.trim_start().len());
    let span = shell::unquoted_span(text, Span::new(value_start, value_start + value.len()));
    let value = &text[span.start..span.end];
    facts.push_env(
        name,
        Span::new(name_start, name_start + name.len()),
        value,
        span,
        0,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn assignments_and_recipes() {
        let text = "export AWS_STS_REGIONAL_ENDPOINTS = legacy\nAWS_REGION ?= ap-east-1 # default\n\nwhoami:\n\t@aws sts get-caller-identity \\\n\t  --endpoint-url https://sts.amazonaws.com\n\tpip install awscli==1.16.0\n";
        let source = SourceFile::from_text("Makefile", FileKind::Makefile, text);
        let facts = extract(&source);
        let values: Vec<_> = facts
            .settings
            .iter()
            .map(|s| &text[s.value_span.start..s.value_span.end])
            .collect();
        assert_eq!(values, ["legacy", "ap-east-1", "https://sts.amazonaws.com"]);
        assert_eq!(facts.region(0), Some("ap-east-1"));
        assert_eq!(facts.endpoints.len(), 1);
        assert_eq!(facts.clients[0].version, "==1.16.0");
    }
}
