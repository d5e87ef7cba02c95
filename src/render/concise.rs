//! Concise format: `path:line:col: CODE message`, one finding a line, for editors, grep and tests.

use std::io::{self, Write};

use super::{Style, sanitize};
use crate::lint::Report;

pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    super::per_file(&report.files, out, |file, out| {
        let (shown, hidden) = super::shown(file, style);
        let path = sanitize::path(&file.source.path);
        for d in shown {
            let (line, col) = file.source.line_col(d.span.start);
            writeln!(
                out,
                "{path}:{line}:{col}: {} {}",
                d.rule.code,
                sanitize::terminal(&d.message)
            )?;
        }
        if hidden > 0 {
            writeln!(out, "{}", super::not_shown(file, hidden))?;
        }
        Ok(())
    })?;
    // What could not be parsed is a finding with a position, never silent.
    for file in &report.files {
        let level = if super::problems_are_errors(file) {
            "error"
        } else {
            "warning"
        };
        for p in &file.facts.problems {
            let (line, col) = file.source.line_col(p.span.start);
            writeln!(
                out,
                "{}:{line}:{col}: {level}: {}; the file was not linted",
                sanitize::path(&file.source.path),
                sanitize::terminal(&p.message)
            )?;
        }
    }
    super::write_suppressed(report, out)?;
    // Errors (a path that cannot be read, a fix that cannot be written) are never silent; their lines do
    // not match `path:line:col:`, so tools parsing findings skip them.
    for error in &report.errors {
        writeln!(
            out,
            "{}: error: {}",
            sanitize::path(&error.path),
            sanitize::terminal(&error.message)
        )?;
    }
    for (path, message, fails) in super::skip_notices(report) {
        writeln!(
            out,
            "{}: {}: {}",
            sanitize::path(path),
            if fails { "error" } else { "warning" },
            sanitize::terminal(&message)
        )?;
    }
    if !style.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
        if let Some(hint) = super::fix_hint(report) {
            writeln!(out, "{hint}")?;
        }
    }
    Ok(())
}
