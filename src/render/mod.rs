//! Render stage: one renderer per format, all fed the same sorted report. Only this stage writes output.

mod concise;
pub mod doctor;
pub mod github;
mod gitlab;
mod human;
mod json;
mod junit;
pub mod sanitize;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::Applicability;
use crate::lint::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with code frames (miette).
    Human,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// A stable JSON document (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML, for CI test-report views.
    Junit,
}

/// How the human format draws.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub quiet: bool,
}

pub fn render(
    format: OutputFormat,
    report: &Report,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::render(report, style, out),
        OutputFormat::Concise => concise::render(report, style, out),
        OutputFormat::Json => json_family(out, |w| json::render(report, w)),
        OutputFormat::Sarif => json_family(out, |w| sarif::render(report, w)),
        OutputFormat::Github => github::render(report, style, out),
        OutputFormat::Gitlab => json_family(out, |w| gitlab::render(report, w)),
        OutputFormat::Junit => junit::render(report, out),
    }
}

/// A JSON-family renderer writes through the JSON sanitizer and a buffer (serde writes many small
/// pieces; the document is streamed, never held whole).
fn json_family(
    out: &mut dyn Write,
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut writer = sanitize::JsonWriter::new(io::BufWriter::with_capacity(64 * 1024, out));
    render(&mut writer)?;
    writer.flush()
}

/// `--statistics`: how many findings each rule produced, most first, instead of the findings.
/// JSON for `--format json`, a table otherwise.
pub fn statistics(format: OutputFormat, report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<(&'static crate::rules::Rule, usize, usize)> = Vec::new();
    for (_, d) in report.diagnostics() {
        let safe = d
            .fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe);
        match rows.iter_mut().find(|(r, _, _)| std::ptr::eq(*r, d.rule)) {
            Some(row) => {
                row.1 += 1;
                row.2 += usize::from(safe);
            }
            None => rows.push((d.rule, 1, usize::from(safe))),
        }
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(b.0.code)));
    if format == OutputFormat::Json {
        let list: Vec<_> = rows
            .iter()
            .map(|(rule, count, fixable)| {
                serde_json::json!({
                    "code": rule.code,
                    "name": rule.name,
                    "count": count,
                    "fixable": fixable,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
        return writeln!(out);
    }
    for (rule, count, fixable) in &rows {
        let mark = if *fixable > 0 { "[*]" } else { "   " };
        writeln!(out, "{count:>5}  {:<7} {mark} {}", rule.code, rule.name)?;
    }
    Ok(())
}

/// Whether a file's problems (text stslint could not parse) are errors: a config or credentials file
/// the AWS SDKs cannot read either. Elsewhere a parse problem is a warning (the file may not be
/// stslint's to judge).
pub fn problems_are_errors(file: &crate::lint::FileResult) -> bool {
    matches!(
        file.source.kind,
        crate::classify::FileKind::AwsConfig | crate::classify::FileKind::AwsCredentials
    )
}

/// Problems in AWS config and credentials files: the run must not pass when there is one.
pub fn unreadable_configs(report: &Report) -> usize {
    report
        .files
        .iter()
        .filter(|f| problems_are_errors(f))
        .map(|f| f.facts.problems.len())
        .sum()
}

/// Counts shown in the summary line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub problems: usize,
    pub fixable: usize,
    /// Findings whose fix is unsafe: applied only with `--unsafe-fixes`.
    pub unsafe_fixable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn counts(report: &Report) -> Counts {
    let mut c = Counts::default();
    for (_, d) in report.diagnostics() {
        c.problems += 1;
        match d.severity {
            crate::diagnostic::Severity::Error => c.errors += 1,
            crate::diagnostic::Severity::Warning => c.warnings += 1,
            crate::diagnostic::Severity::Info => c.infos += 1,
        }
        match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => c.fixable += 1,
            Some(Applicability::Unsafe) => c.unsafe_fixable += 1,
            None => {}
        }
    }
    c
}

/// "3 problems (2 fixable) in 57 files", "(1 fixable, 1 with --unsafe-fixes)" when unsafe fixes exist,
/// with ", 4 problems fixed" after `--fix`.
pub fn summary_line(report: &Report) -> String {
    let c = counts(report);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let fixable = match (c.fixable, c.unsafe_fixable) {
        (0, 0) => String::new(),
        (safe, 0) => format!(" ({safe} fixable)"),
        (0, unsafe_) => format!(" ({unsafe_} fixable with --unsafe-fixes)"),
        (safe, unsafe_) => format!(" ({safe} fixable, {unsafe_} with --unsafe-fixes)"),
    };
    let fixed = if report.fixed > 0 {
        format!(", {} fixed", plural(report.fixed, "problem"))
    } else {
        String::new()
    };
    format!(
        "{}{fixable} in {}{fixed}",
        plural(c.problems, "problem"),
        plural(report.files_checked, "file")
    )
}

/// `--show-suppressed` in the text formats: one concise line per suppressed finding, with its reason.
pub fn write_suppressed(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        for s in &file.suppressed {
            let (line, col) = file.source.line_col(s.diagnostic.span.start);
            let reason = s
                .reason
                .as_deref()
                .map_or_else(|| "no reason given".to_owned(), |r| format!("reason: {r}"));
            writeln!(
                out,
                "suppressed: {}:{line}:{col}: {} {} ({})",
                sanitize::path(&file.source.path),
                s.diagnostic.rule.code,
                sanitize::terminal(&s.diagnostic.message),
                sanitize::terminal(&reason)
            )?;
        }
    }
    Ok(())
}
