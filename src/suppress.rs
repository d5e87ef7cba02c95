//! Suppress stage: inline `stslint: ignore[…]` and `stslint: ignore-file[…]` comments, found by one
//! per-kind comment scanner here (rules stay facts-only), matched against a file's findings; the
//! suppressions that match nothing become `STS900 unused-suppression`.
//!
//! Where a comment may sit depends on the kind, because a comment in the wrong place changes meaning:
//! in AWS config files an inline `# …` is part of the value (botocore reads `legacy # x` as the value),
//! and in Dockerfiles `#` only starts a comment at the beginning of a line. Those kinds take the
//! directive on its own line, before the line it suppresses.

use std::sync::LazyLock;

use regex::Regex;

use crate::classify::FileKind;
use crate::diagnostic::Diagnostic;
use crate::rules::{self, Rule, unused_suppression};
use crate::source::{SourceFile, Span};

pub use crate::classify::CommentStyle;

/// A kind's comment syntax, from the kind table.
pub fn comment_style(kind: FileKind) -> CommentStyle {
    kind.spec().comment
}

/// What a directive covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A 0-based line.
    Line(usize),
    File,
}

/// One code or name inside the brackets.
#[derive(Debug, Clone)]
pub struct Code {
    pub text: String,
    pub span: Span,
    pub rule: Option<&'static Rule>,
}

/// One `stslint: ignore[…]` comment.
#[derive(Debug, Clone)]
pub struct Directive {
    /// The comment, from its marker to the end of the directive.
    pub span: Span,
    pub target: Target,
    pub codes: Vec<Code>,
    /// The text after `--`, if any.
    pub reason: Option<String>,
    /// `stslint: ignore` without a bracketed list of codes: suppresses nothing, reported as STS900.
    pub malformed: bool,
}

/// A finding that a directive suppressed, kept for `--show-suppressed` and SARIF.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub reason: Option<String>,
}

static MALFORMED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*stslint:[ \t]*ignore(-file)?\b").expect("static regex"));

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*stslint:[ \t]*(ignore-file|ignore)\[([^\]\n]*)\]").expect("static regex")
});

/// Whether a line holds nothing but (optional) whitespace and a comment.
fn comment_only(line: &str, style: CommentStyle) -> bool {
    let t = line.trim_start();
    style.markers.iter().any(|(open, _)| t.starts_with(open))
}

/// Every directive in a file, in order.
pub fn scan(source: &SourceFile) -> Vec<Directive> {
    let style = comment_style(source.kind);
    if !source.text.contains("stslint:") {
        return Vec::new();
    }
    let lines: Vec<(usize, &str)> = source.lines().collect();
    let mut out = Vec::new();
    for (index, &(offset, line)) in lines.iter().enumerate() {
        if !line.contains("stslint:") {
            continue;
        }
        for &(open, close) in style.markers {
            let mut from = 0;
            while let Some(found) = line[from..].find(open) {
                let at = from + found;
                from = at + open.len();
                let before = &line[..at];
                let own_line = before.trim().is_empty();
                if !own_line && (!style.trailing || !before.ends_with([' ', '\t'])) {
                    continue;
                }
                let rest = &line[at + open.len()..];
                let Some(caps) = DIRECTIVE.captures(rest) else {
                    // `stslint: ignore STS002` or `stslint: ignore[]` looks like a suppression but
                    // suppresses nothing: say so rather than leave a false sense of safety.
                    if let Some(m) = MALFORMED.find(rest) {
                        let start = offset + at;
                        out.push(Directive {
                            span: Span::new(start, offset + at + open.len() + m.end()),
                            target: Target::File,
                            codes: Vec::new(),
                            reason: None,
                            malformed: true,
                        });
                        break;
                    }
                    continue;
                };
                let base = offset + at + open.len();
                let (Some(all), Some(which), Some(list)) = (caps.get(0), caps.get(1), caps.get(2))
                else {
                    continue;
                };
                let codes = codes(list.as_str(), base + list.start());
                let mut tail = rest[all.end()..].trim();
                if !close.is_empty() {
                    tail = tail.strip_suffix(close).unwrap_or(tail).trim_end();
                }
                // The reason is shown (`--show-suppressed`, SARIF): it is cut from the masked view.
                let masked_line = &source.masked()[offset..offset + line.len()];
                let reason = tail
                    .strip_prefix("--")
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(|r| {
                        let at = r.as_ptr() as usize - line.as_ptr() as usize;
                        masked_line[at..at + r.len()].to_owned()
                    });
                let target = if which.as_str() == "ignore-file" {
                    Target::File
                } else if own_line {
                    // The next line that holds more than comments: directives and notes may stack.
                    let next = lines[index + 1..]
                        .iter()
                        .position(|(_, l)| !l.trim().is_empty() && !comment_only(l, style));
                    match next {
                        Some(n) => Target::Line(index + 1 + n),
                        None => Target::Line(lines.len()),
                    }
                } else {
                    Target::Line(index)
                };
                out.push(Directive {
                    span: Span::new(offset + at, base + all.end()),
                    target,
                    malformed: codes.is_empty(),
                    codes,
                    reason,
                });
                break;
            }
        }
    }
    out
}

fn codes(list: &str, base: usize) -> Vec<Code> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in list.split(',') {
        let lead = part.len() - part.trim_start().len();
        let text = part.trim();
        if !text.is_empty() {
            let s = base + start + lead;
            out.push(Code {
                text: text.to_owned(),
                span: Span::new(s, s + text.len()),
                rule: rules::find(text),
            });
        }
        start += part.len() + 1;
    }
    out
}

fn covers(directive: &Directive, code: &Code, line: usize, rule: &Rule) -> bool {
    let on_target = match directive.target {
        Target::File => true,
        Target::Line(l) => l == line,
    };
    on_target && code.rule.is_some_and(|r| std::ptr::eq(r, rule))
}

/// The findings that stay, those suppressed, and one `STS900` per code that suppressed nothing.
pub struct Outcome {
    pub kept: Vec<Diagnostic>,
    pub suppressed: Vec<Suppressed>,
    pub unused: Vec<Diagnostic>,
}

/// Matches a file's findings (of every rule, so that "unused" does not depend on `--select`) against
/// its directives.
pub fn apply(
    source: &SourceFile,
    directives: &[Directive],
    diagnostics: Vec<Diagnostic>,
) -> Outcome {
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.codes.len()])
        .collect();
    let mut kept = Vec::new();
    let mut suppressed = Vec::new();
    for d in diagnostics {
        let line = source.line_col(d.span.start).0 - 1;
        let mut by = None;
        for (i, directive) in directives.iter().enumerate() {
            for (j, code) in directive.codes.iter().enumerate() {
                if covers(directive, code, line, d.rule) {
                    used[i][j] = true;
                    by.get_or_insert(i);
                }
            }
        }
        match by {
            Some(i) => suppressed.push(Suppressed {
                diagnostic: d,
                reason: directives[i].reason.clone(),
            }),
            None => kept.push(d),
        }
    }
    let mut unused = Vec::new();
    for directive in directives.iter().filter(|d| d.malformed) {
        unused.push(Diagnostic::new(
            &unused_suppression::RULE,
            directive.span,
            "malformed suppression: it names no rule, so it suppresses nothing",
            "write `stslint: ignore[CODE]` or `stslint: ignore-file[CODE]` with codes or names in brackets",
        ));
    }
    for (directive, used) in directives.iter().zip(&used) {
        for (code, used) in directive.codes.iter().zip(used) {
            if *used
                || code
                    .rule
                    .is_some_and(|r| std::ptr::eq(r, &unused_suppression::RULE))
            {
                continue;
            }
            let only = directive.codes.len() == 1;
            let d = match code.rule {
                None => Diagnostic::new(
                    &unused_suppression::RULE,
                    code.span,
                    format!("`{}` is not a stslint rule code or name", code.text),
                    if only {
                        "remove the comment, or name a rule listed by `stslint rules`".to_owned()
                    } else {
                        format!("remove `{}` from the comment", code.text)
                    },
                ),
                Some(rule) => Diagnostic::new(
                    &unused_suppression::RULE,
                    code.span,
                    format!(
                        "`{}` ({}) is suppressed here but reports nothing {}",
                        rule.code,
                        rule.name,
                        match directive.target {
                            Target::File => "in this file".to_owned(),
                            Target::Line(l) if l + 1 == source.line_col(directive.span.start).0 => {
                                "on this line".to_owned()
                            }
                            Target::Line(l) => format!("on line {}", l + 1),
                        }
                    ),
                    if only {
                        "remove the comment".to_owned()
                    } else {
                        format!("remove `{}` from the comment", code.text)
                    },
                ),
            };
            unused.push(d);
        }
    }
    // `ignore[STS900]` / `ignore-file[STS900]` silence these reports too.
    unused.retain(|d| {
        let line = source.line_col(d.span.start).0 - 1;
        !directives
            .iter()
            .any(|dir| dir.codes.iter().any(|c| covers(dir, c, line, d.rule)))
    });
    Outcome {
        kept,
        suppressed,
        unused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(kind: FileKind, text: &str) -> Vec<Directive> {
        scan(&SourceFile::from_text("f", kind, text))
    }

    #[test]
    fn trailing_and_own_line_forms() {
        let text = "A=legacy # stslint: ignore[STS002, global-endpoint] -- migrating in Q3\n# stslint: ignore[STS001]\n# a note\n\nB=1\n";
        let d = directives(FileKind::DotEnv, text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].target, Target::Line(0));
        assert_eq!(d[0].reason.as_deref(), Some("migrating in Q3"));
        assert_eq!(d[0].codes.len(), 2);
        assert_eq!(
            &text[d[0].codes[1].span.start..d[0].codes[1].span.end],
            "global-endpoint"
        );
        assert_eq!(d[0].codes[1].rule.map(|r| r.code), Some("STS001"));
        assert_eq!(d[1].target, Target::Line(4));
        assert_eq!(d[1].reason, None);
    }

    #[test]
    fn file_form_and_kinds_without_trailing_comments() {
        let d = directives(FileKind::Shell, "# stslint: ignore-file[STS004]\n");
        assert_eq!(d[0].target, Target::File);
        // In an AWS config file `# …` after a value is part of the value, so it is no directive.
        let text = "[default]\nsts_regional_endpoints = legacy # stslint: ignore[STS002]\n; stslint: ignore[STS002]\nx = 1\n";
        let d = directives(FileKind::AwsConfig, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].target, Target::Line(3));
        assert!(
            directives(
                FileKind::Dockerfile,
                "ENV A=legacy # stslint: ignore[STS002]\n"
            )
            .is_empty()
        );
        // No whitespace before `#`: part of a word, not a comment.
        assert!(directives(FileKind::Shell, "echo a#stslint: ignore[STS002]\n").is_empty());
        let d = directives(
            FileKind::Shell,
            "x=1 # stslint: ignore STS002\n# stslint: ignore[ ]\n# see stslint: docs\n",
        );
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.malformed));
    }
}
