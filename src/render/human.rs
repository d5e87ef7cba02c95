//! Human format: rustc-style diagnostics through miette, with secrets masked in every code frame.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::Style;
use super::sanitize;
use crate::diagnostic::Severity;
use crate::lint::{FileResult, Report};
use crate::source::Span;

/// One diagnostic (or file problem) as miette sees it.
struct Shown<'a> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    url: Option<String>,
    labels: Vec<LabeledSpan>,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.url
            .as_ref()
            .map(|u| Box::new(u) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn source_span(frame: &sanitize::Frame, span: Span) -> SourceSpan {
    let (start, end) = (frame.offset(span.start), frame.offset(span.end));
    SourceSpan::new(start.into(), end.saturating_sub(start))
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Terminal hyperlinks only in colour mode; otherwise the URL is printed as text after the code.
    GraphicalReportHandler::new_themed(theme)
        .with_links(style.color)
        .with_width(100)
}

pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for file in &report.files {
        render_file(&handler, file, out)?;
    }
    for error in &report.errors {
        writeln!(
            out,
            "error: {}: {}",
            sanitize::path(&error.path),
            sanitize::terminal(&error.message)
        )?;
    }
    super::write_suppressed(report, out)?;
    if !style.quiet {
        for (path, skip) in &report.skipped {
            let skip = skip.to_string();
            writeln!(
                out,
                "note: {}: {}",
                sanitize::path(path),
                sanitize::terminal(&skip)
            )?;
        }
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

fn render_file(
    handler: &GraphicalReportHandler,
    file: &FileResult,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The code frame is cut from the masked view, with control characters made visible.
    let mut frame = sanitize::frame(file.source.masked());
    let source = NamedSource::new(
        sanitize::path(&file.source.path),
        std::mem::take(&mut frame.text),
    );
    let text = |s: &str| sanitize::terminal(s).into_owned();
    let mut shown: Vec<Shown> = file
        .facts
        .problems
        .iter()
        .map(|p| Shown {
            message: text(&p.message),
            code: None,
            severity: if super::problems_are_errors(file) {
                miette::Severity::Error
            } else {
                miette::Severity::Warning
            },
            help: Some("the file was not linted; fix the syntax and run stslint again".into()),
            url: None,
            labels: vec![LabeledSpan::new_primary_with_span(
                Some("here".into()),
                source_span(&frame, p.span),
            )],
            source: &source,
        })
        .collect();
    for d in &file.diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(d.rule.name.to_owned()),
            source_span(&frame, d.span),
        )];
        labels.extend(d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(text(&l.message)), source_span(&frame, l.span))
        }));
        shown.push(Shown {
            message: text(&d.message),
            code: Some(format!("{} {}", d.rule.code, d.rule.name)),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help: Some(text(&d.help)),
            url: Some(d.rule.doc_url()),
            labels,
            source: &source,
        });
    }
    for s in &shown {
        let mut buf = String::new();
        handler
            .render_report(&mut buf, s)
            .map_err(|_| io::Error::other("formatting a diagnostic failed"))?;
        writeln!(out, "{buf}")?;
    }
    Ok(())
}
