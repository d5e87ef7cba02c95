//! GitHub Actions format: one workflow command per finding (`::error file=…,line=…::message`), which
//! the runner turns into annotations on the pull request.
//!
//! Escaping follows `@actions/core` (`command.ts`): `%`, CR and LF in the message; additionally `:` and
//! `,` in property values. `col`/`endColumn` are only written for one-line spans, as GitHub mis-draws
//! multi-line spans that carry columns (ruff issue 22074).

use std::io::{self, Write};

use super::{Style, sanitize};
use crate::diagnostic::Severity;
use crate::fingerprint::artifact_path;
use crate::lint::Report;

/// GitHub shows at most this many error and this many warning annotations per step.
const ANNOTATIONS_PER_STEP: usize = 10;

pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    super::per_file(&report.files, out, |file, out| {
        let path = escape_property(&sanitize::terminal(&artifact_path(&file.source.path)));
        let (shown, hidden) = super::shown(file, style);
        for d in shown {
            let (line, col) = file.source.line_col(d.span.start);
            let (end_line, end_col) = file.source.line_col(d.span.end);
            let columns = if line == end_line {
                format!(",col={col},endColumn={end_col}")
            } else {
                String::new()
            };
            let title = escape_property(&format!("stslint ({})", d.rule.code));
            let message = escape_data(&format!(
                "{}\nhelp: {}",
                sanitize::terminal(&d.message),
                sanitize::terminal(&d.help)
            ));
            writeln!(
                out,
                "::{} file={path},line={line},endLine={end_line}{columns},title={title}::{message}",
                command(d.severity)
            )?;
        }
        if hidden > 0 {
            // A plain log line, not an annotation: the cap is about the log, not the findings.
            writeln!(out, "{}", super::not_shown(file, hidden))?;
        }
        for p in &file.facts.problems {
            let (line, _) = file.source.line_col(p.span.start);
            let message = escape_data(&format!(
                "{}; the file was not linted",
                sanitize::terminal(&p.message)
            ));
            let level = if super::problems_are_errors(file) {
                "error"
            } else {
                "warning"
            };
            writeln!(
                out,
                "::{level} file={path},line={line},title=stslint::{message}"
            )?;
        }
        Ok(())
    })?;
    for e in &report.errors {
        let path = escape_property(&sanitize::terminal(&artifact_path(&e.path)));
        writeln!(
            out,
            "::error file={path},title=stslint::{}",
            escape_data(&sanitize::terminal(&e.message))
        )?;
    }
    for (path, message, _) in super::skip_notices(report) {
        let path = escape_property(&sanitize::terminal(&artifact_path(path)));
        writeln!(
            out,
            "::warning file={path},title=stslint::{}",
            escape_data(&sanitize::terminal(&message))
        )?;
    }
    let c = super::counts(report);
    if c.errors > ANNOTATIONS_PER_STEP || c.warnings + c.infos > ANNOTATIONS_PER_STEP {
        writeln!(
            out,
            "::notice title=stslint::{}",
            escape_data(&format!(
                "{} findings; GitHub shows only {ANNOTATIONS_PER_STEP} errors and {ANNOTATIONS_PER_STEP} warnings per step as annotations, so upload `--format sarif` to code scanning to see them all",
                c.problems
            ))
        )?;
    }
    if !style.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

/// Bytes the step summary may take. GitHub refuses a whole step summary over 1 MiB ("upload aborted,
/// supports content up to a size of 1024k", seen in run logs), and other tools of the same step may
/// append to the same file, so stslint keeps to half of that.
pub const SUMMARY_BUDGET: usize = 512 * 1024;

/// A Markdown table of the findings for `$GITHUB_STEP_SUMMARY`: the job page lists findings past
/// GitHub's annotation cap, up to `--max-findings-per-file` per file and [`SUMMARY_BUDGET`] in all,
/// then says how many more there are.
pub fn step_summary(report: &Report, style: Style) -> String {
    let mut out = format!("### stslint\n\n{}\n\n", super::summary_line(report));
    if report.diagnostics().next().is_none() {
        return out;
    }
    out.push_str("| location | rule | severity | message |\n|---|---|---|---|\n");
    let mut left_out = 0;
    for file in &report.files {
        let (shown, hidden) = super::shown(file, style);
        left_out += hidden;
        for (i, d) in shown.iter().enumerate() {
            if out.len() >= SUMMARY_BUDGET {
                left_out += shown.len() - i;
                break;
            }
            let (line, col) = file.source.line_col(d.span.start);
            out.push_str(&format!(
                "| {} | {} {} | {} | {} |\n",
                sanitize::markdown_code(&format!(
                    "{}:{line}:{col}",
                    artifact_path(&file.source.path)
                )),
                d.rule.code,
                d.rule.name,
                d.severity.as_str(),
                sanitize::markdown_text(&d.message)
            ));
        }
    }
    if left_out > 0 {
        out.push_str(&format!(
            "\n{left_out} more finding{} not listed here (`--format sarif` or `--format json` lists \
             every one).\n",
            if left_out == 1 { "" } else { "s" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_actions_core() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn columns_only_for_one_line_spans() {
        use crate::classify::FileKind;
        use crate::diagnostic::Diagnostic;
        use crate::source::{SourceFile, Span};
        let source = SourceFile::from_text("a.env", FileKind::DotEnv, "AB=1\nCD=2\n");
        let facts = crate::extract::extract(&source);
        let rule = crate::rules::ALL[0];
        let diagnostics = vec![
            Diagnostic::new(rule, Span::new(0, 7), "two, lines", "fix: it"),
            Diagnostic::new(rule, Span::new(5, 7), "one line", "x"),
        ];
        let report = Report {
            files: vec![Box::new(crate::lint::FileResult {
                source,
                facts,
                diagnostics,
                suppressed: Vec::new(),
                plan: std::sync::Arc::new(crate::lint::FilePlan::defaults()),
            })],
            files_checked: 1,
            ..Report::default()
        };
        let mut out = Vec::new();
        render(&report, Style::plain(true), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "::warning file=a.env,line=1,endLine=2,title=stslint (STS001)::two, lines%0Ahelp: fix: it"
        );
        assert!(lines[1].starts_with("::warning file=a.env,line=2,endLine=2,col=1,endColumn=3,"));
    }
}
