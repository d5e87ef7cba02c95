//! Concise format: `path:line:col: CODE message`, one finding a line, for editors, grep and tests.

use std::io::{self, Write};

use super::Style;
use crate::lint::Report;

pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    for (file, d) in report.diagnostics() {
        let (line, col) = file.source.line_col(d.span.start);
        writeln!(
            out,
            "{}:{line}:{col}: {} {}",
            file.source.display_path(),
            d.rule.code,
            d.message
        )?;
    }
    super::write_suppressed(report, out)?;
    if !style.quiet {
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}
