//! Render stage: one renderer per format, all fed the same sorted report. Only this stage writes output.

mod concise;
pub mod doctor;
mod human;
mod json;

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
        OutputFormat::Json => json::render(report, out),
    }
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
