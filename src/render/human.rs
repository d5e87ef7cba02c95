//! Human format: rustc-style diagnostics through miette, with secrets masked in every code frame.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::Style;
use crate::diagnostic::Severity;
use crate::lint::{FileResult, Report};
use crate::secrets::redact;
use crate::source::{Span, display_path};

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

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.len())
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
            display_path(&error.path),
            error.message
        )?;
    }
    super::write_suppressed(report, out)?;
    if !style.quiet {
        for (path, skip) in &report.skipped {
            writeln!(out, "note: {}: {skip}", display_path(path))?;
        }
        writeln!(out, "{}", super::summary_line(report))?;
    }
    Ok(())
}

/// The repository facts a finding depends on, one `note:` line each with where it is written.
fn context_notes(d: &crate::diagnostic::Diagnostic) -> String {
    d.context
        .iter()
        .map(|c| {
            format!(
                "\nnote: {}:{}: {}",
                display_path(&c.place.path),
                c.place.line,
                c.message
            )
        })
        .collect()
}

fn render_file(
    handler: &GraphicalReportHandler,
    file: &FileResult,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The code frame is cut from a copy whose secret values are masked byte for byte.
    let text = redact(&file.source.text, &file.facts.secrets);
    let source = NamedSource::new(file.source.display_path(), text);
    let mut shown: Vec<Shown> = file
        .facts
        .problems
        .iter()
        .map(|p| Shown {
            message: p.message.clone(),
            code: None,
            severity: miette::Severity::Warning,
            help: Some("the file was not linted; fix the syntax and run stslint again".into()),
            url: None,
            labels: vec![LabeledSpan::new_primary_with_span(
                Some("here".into()),
                source_span(p.span),
            )],
            source: &source,
        })
        .collect();
    for d in &file.diagnostics {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(d.rule.name.to_owned()),
            source_span(d.span),
        )];
        labels.extend(
            d.labels
                .iter()
                .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), source_span(l.span))),
        );
        shown.push(Shown {
            message: d.message.clone(),
            code: Some(format!("{} {}", d.rule.code, d.rule.name)),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help: Some(format!(
                "{}{}\nsee `{}`",
                d.help,
                context_notes(d),
                d.rule.doc_command()
            )),
            url: None,
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
