//! JUnit XML format for CI test-report views: one test suite per file with findings, one test case per
//! finding. A finding at or above the severity that fails the run (`fail-on`) is a failure; one below it
//! is a passing test case that carries the finding in `<system-out>`, so the test view is green exactly
//! when the exit code is 0. A run without findings is one passing test case.
//!
//! Written by hand: the document is three element kinds deep, and the only subtle part, escaping, is
//! [`escape`] below (which also drops the control characters XML 1.0 cannot hold at all).

use std::io::{self, Write};

use crate::fingerprint::artifact_path;
use crate::lint::{FileResult, Report};

/// XML escaping is the output sanitizer's XML family ([`super::sanitize::xml`]).
pub fn escape(s: &str) -> String {
    super::sanitize::xml(s)
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let c = super::counts(report);
    let failing = |file: &FileResult| {
        let threshold = file.plan.fail_on;
        file.diagnostics
            .iter()
            .filter(|d| d.severity >= threshold)
            .count()
    };
    let failures: usize = report.files.iter().map(|f| failing(f)).sum();
    let problems: usize = report.files.iter().map(|f| f.facts.problems.len()).sum();
    // A file not read (unreadable, or skipped for its size) is an error test case, or a skipped one
    // when `--allow-skipped` accepts it.
    let unread: Vec<(String, String, bool)> = report
        .errors
        .iter()
        .map(|e| (artifact_path(&e.path), e.message.clone(), true))
        .chain(
            super::skip_notices(report)
                .map(|(path, message, fails)| (artifact_path(path), message, fails)),
        )
        .collect();
    let unread_errors = unread.iter().filter(|u| u.2).count();
    let errors = unread_errors + problems;
    let tests = c.problems.max(1) + problems + unread.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="stslint" tests="{tests}" failures="{failures}" errors="{errors}">"#
    )?;
    for file in &report.files {
        let path = escape(&artifact_path(&file.source.path));
        let threshold = file.plan.fail_on;
        let file_errors = file.facts.problems.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{}" failures="{}" errors="{file_errors}">"#,
            file.diagnostics.len() + file_errors,
            failing(file)
        )?;
        for d in &file.diagnostics {
            let (line, col) = file.source.line_col(d.span.start);
            writeln!(
                out,
                r#"    <testcase name="{} {} at line {line}, column {col}" classname="{path}" file="{path}" line="{line}">"#,
                d.rule.code, d.rule.name
            )?;
            let text = format!(
                "{path}:{line}:{col}: {} {}&#10;help: {}",
                d.rule.code,
                escape(&d.message),
                escape(&d.help)
            );
            if d.severity >= threshold {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{text}</failure>"#,
                    d.rule.code,
                    escape(&d.message),
                )?;
            } else {
                writeln!(
                    out,
                    "      <system-out>{}: below the failing severity ({}): {text}</system-out>",
                    d.severity.as_str(),
                    threshold.as_str()
                )?;
            }
            writeln!(out, "    </testcase>")?;
        }
        for p in &file.facts.problems {
            let (line, _) = file.source.line_col(p.span.start);
            writeln!(
                out,
                r#"    <testcase name="parse at line {line}" classname="{path}" file="{path}" line="{line}">"#
            )?;
            writeln!(out, r#"      <error message="{}"/>"#, escape(&p.message))?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if !unread.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="stslint" tests="{}" failures="0" errors="{unread_errors}" skipped="{}">"#,
            unread.len(),
            unread.len() - unread_errors
        )?;
        for (path, message, error) in &unread {
            let path = escape(path);
            writeln!(
                out,
                r#"    <testcase name="read {path}" classname="{path}" file="{path}">"#
            )?;
            let element = if *error { "error" } else { "skipped" };
            writeln!(out, r#"      <{element} message="{}"/>"#, escape(message))?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    if c.problems == 0 {
        writeln!(
            out,
            r#"  <testsuite name="stslint" tests="1" failures="0" errors="0">"#
        )?;
        let n = report.files_checked;
        writeln!(
            out,
            r#"    <testcase name="no problems in {n} file{}" classname="stslint"/>"#,
            if n == 1 { "" } else { "s" }
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_invalid_controls() {
        assert_eq!(
            escape("a<b>&\"'\u{1}\n"),
            "a&lt;b&gt;&amp;&quot;&apos;\\x01&#10;"
        );
    }
}
