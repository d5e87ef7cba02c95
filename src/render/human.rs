//! Human format: rustc-style diagnostics through miette, with secrets masked in every code frame.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};

use super::Style;
use super::sanitize::{self, Frame};
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
    /// `None` when a line of the frame is too long to draw ([`drawable`]).
    source: Option<Window<'a>>,
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
        self.source.as_ref().map(|w| w as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// A secondary label further than this many lines from the finding becomes a note ("region set at
/// line 3") instead of stretching the code frame over everything in between.
const MAX_LABEL_GAP: usize = 3;

/// Lines of context miette shows above and below a label.
const CONTEXT_LINES: usize = 1;

/// The few lines of a file around one diagnostic, as miette reads them.
///
/// miette's `SourceCode` for a `String` counts lines from byte 0 on every `read_span`, which makes a
/// file with many findings quadratic. A window holds only the lines the frame shows and tells miette
/// where they sit in the file (byte offset and line number), so each diagnostic costs its own lines.
struct Window<'a> {
    name: &'a str,
    text: &'a str,
    /// Byte offset of `text` in the file.
    base: usize,
    /// 0-based line number of the first line of `text`.
    first_line: usize,
}

impl miette::SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let offset = span
            .offset()
            .checked_sub(self.base)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let local = SourceSpan::new(offset.into(), span.len());
        let c = self.text.read_span(&local, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.to_owned(),
            c.data(),
            SourceSpan::new((c.span().offset() + self.base).into(), c.span().len()),
            c.line() + self.first_line,
            c.column(),
            c.line_count(),
        )))
    }
}

/// The longest line a code frame draws. A minified or generated line is unreadable in a frame, and
/// miette pads to the column, which Rust's formatter refuses past 65,535 (a panic, not an error).
const MAX_FRAME_LINE: usize = 1_000;

/// Whether every line of the window fits in a code frame.
fn drawable(window: &Window) -> bool {
    window.text.lines().all(|l| l.len() <= MAX_FRAME_LINE)
}

/// The frame for `spans`, or, when a line is too long to draw, no frame and a note that says where
/// the finding is instead.
fn frame_or_note<'a>(
    file: &FileResult,
    frame: &'a Frame,
    name: &'a str,
    spans: &[Span],
    labels: Vec<LabeledSpan>,
    extra: &mut Vec<String>,
) -> (Option<Window<'a>>, Vec<LabeledSpan>) {
    let window = window(file, frame, name, spans);
    if drawable(&window) {
        return (Some(window), labels);
    }
    let at = spans.first().map_or(0, |s| s.start);
    let (line, column) = file.source.line_col(at);
    extra.insert(
        0,
        format!(
            "at {name}:{line}:{column} (no code frame: the line is longer than {MAX_FRAME_LINE} bytes)"
        ),
    );
    (None, Vec::new())
}

/// A span of the file as it lies in the frame (control characters shown escaped shift offsets).
fn source_span(frame: &Frame, span: Span) -> SourceSpan {
    let (start, end) = (frame.offset(span.start), frame.offset(span.end));
    SourceSpan::new(start.into(), end.saturating_sub(start))
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // No links: the doc is named as the command that prints it (`render_file`).
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(style.width)
        .with_break_words(false)
        // Break at spaces only: never inside `us-east-1` or a URL.
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(CONTEXT_LINES)
}

pub fn render(report: &Report, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    super::per_file(&report.files, out, |file, out| {
        render_file(&handler, style, file, out)
    })?;
    for error in &report.errors {
        writeln!(
            out,
            "error: {}: {}",
            sanitize::path(&error.path),
            sanitize::terminal(&error.message)
        )?;
    }
    // A file skipped for its size is shown even with `--quiet`: the run did not see it.
    for (path, message, fails) in super::skip_notices(report) {
        writeln!(
            out,
            "{}: {}: {}",
            if fails { "error" } else { "warning" },
            sanitize::path(path),
            sanitize::terminal(&message)
        )?;
    }
    super::write_suppressed(report, out)?;
    if !style.quiet {
        for (path, skip) in report.skipped.iter().filter(|(_, s)| !s.is_notice()) {
            let skip = skip.to_string();
            writeln!(
                out,
                "note: {}: {}",
                sanitize::path(path),
                sanitize::terminal(&skip)
            )?;
        }
        writeln!(out, "{}", super::summary_line(report))?;
        if let Some(hint) = super::fix_hint(report) {
            writeln!(out, "{hint}")?;
        }
    }
    Ok(())
}

/// One diagnostic's labels split into those drawn in the frame and the far ones turned into notes.
fn split_labels(
    file: &FileResult,
    frame: &Frame,
    primary: Span,
    labels: &[crate::diagnostic::Label],
) -> (Vec<LabeledSpan>, Vec<String>) {
    let (line, _) = file.source.line_col(primary.start);
    let mut near = Vec::new();
    let mut notes = Vec::new();
    for l in labels {
        let (at, _) = file.source.line_col(l.span.start);
        if at.abs_diff(line) <= MAX_LABEL_GAP {
            near.push(LabeledSpan::new_with_span(
                Some(sanitize::terminal(&l.message).into_owned()),
                source_span(frame, l.span),
            ));
        } else {
            let message = sanitize::terminal(&l.message);
            notes.push(match message.strip_suffix(" here") {
                Some(what) => format!("{what} at line {at}"),
                None => format!("{message} (line {at})"),
            });
        }
    }
    (near, notes)
}

/// The lines from `CONTEXT_LINES` above the first span to `CONTEXT_LINES` below the last one, cut
/// from the frame. The spans are the file's own; the frame keeps the file's lines (CRLF and CR become
/// LF), so line numbers agree.
fn window<'a>(file: &FileResult, frame: &'a Frame, name: &'a str, spans: &[Span]) -> Window<'a> {
    let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
    let (first, _) = file.source.line_col(start);
    let (last, _) = file.source.line_col(end);
    let first_line = (first - 1).saturating_sub(CONTEXT_LINES);
    let from = frame
        .offset(file.source.line_start(first_line))
        .min(frame.text.len());
    let to = frame
        .offset(file.source.line_start(last + CONTEXT_LINES))
        .min(frame.text.len());
    Window {
        name,
        text: &frame.text[from..to.max(from)],
        base: from,
        first_line,
    }
}

/// The repository facts a finding depends on, one `note:` line each with where it is written.
fn context_notes(d: &crate::diagnostic::Diagnostic) -> impl Iterator<Item = String> + '_ {
    d.context.iter().map(|c| {
        format!(
            "note: {}:{}: {}",
            sanitize::path(&c.place.path),
            c.place.line,
            sanitize::terminal(&c.message)
        )
    })
}

fn render_file(
    handler: &GraphicalReportHandler,
    style: Style,
    file: &FileResult,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The code frame is cut from the masked view, with control characters made visible.
    let frame = sanitize::frame(file.source.masked());
    let name = sanitize::path(&file.source.path);
    let text = |s: &str| sanitize::terminal(s).into_owned();
    for p in &file.facts.problems {
        let labels = vec![LabeledSpan::new_primary_with_span(
            Some("here".into()),
            source_span(&frame, p.span),
        )];
        let mut extra = Vec::new();
        let (source, labels) = frame_or_note(file, &frame, &name, &[p.span], labels, &mut extra);
        let shown = Shown {
            message: text(&p.message),
            code: None,
            severity: miette::Severity::Warning,
            help: Some("the file was not linted; fix the syntax and run stslint again".into()),
            url: None,
            source,
            labels,
        };
        write_shown(handler, style.width, &shown, &extra, out)?;
    }
    let (listed, hidden) = super::shown(file, style);
    for d in listed {
        let (near, notes) = split_labels(file, &frame, d.span, &d.labels);
        // The frame spans the finding and the labels drawn in it (far ones became notes).
        let line = |s: Span| file.source.line_col(s.start).0;
        let mut spans = vec![d.span];
        spans.extend(
            d.labels
                .iter()
                .map(|l| l.span)
                .filter(|&s| line(s).abs_diff(line(d.span)) <= MAX_LABEL_GAP),
        );
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(d.rule.name.to_owned()),
            source_span(&frame, d.span),
        )];
        labels.extend(near);
        let mut extra: Vec<String> = notes.iter().map(|n| format!("note: {n}")).collect();
        extra.extend(context_notes(d));
        // The offline doc: the project publishes no site that a link could point to.
        extra.push(format!("see `{}`", d.rule.doc_command()));
        let (source, labels) = frame_or_note(file, &frame, &name, &spans, labels, &mut extra);
        let shown = Shown {
            message: text(&d.message),
            code: Some(format!("{} {}", d.rule.code, d.rule.name)),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help: Some(text(&d.help)),
            url: None,
            source,
            labels,
        };
        write_shown(handler, style.width, &shown, &extra, out)?;
    }
    if hidden > 0 {
        writeln!(out, "{}\n", super::not_shown(file, hidden))?;
    }
    Ok(())
}

/// One report from miette, then its notes and doc line wrapped to the width like miette's `help:`.
fn write_shown(
    handler: &GraphicalReportHandler,
    width: usize,
    shown: &Shown,
    extra: &[String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = String::new();
    handler
        .render_report(&mut buf, shown)
        .map_err(|_| io::Error::other("formatting a diagnostic failed"))?;
    writeln!(out, "{}", buf.trim_end())?;
    for line in extra {
        for wrapped in super::wrap(line, width, "  ", "        ") {
            writeln!(out, "{wrapped}")?;
        }
    }
    writeln!(out)
}
