//! Render stage: one renderer per format, all fed the same sorted report. Only this stage writes output.

mod concise;
pub mod doctor;
pub mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

/// The one output sanitizer, under the name the renderers have always used for it.
pub use crate::sanitize;

use std::io::{self, Write};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::lint::{FileResult, Report};

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
    /// Columns to wrap to: [`terminal_width`] on a terminal, 100 otherwise.
    pub width: usize,
    /// `--max-findings-per-file`: findings shown per file in the formats people read; 0 for all.
    pub max_per_file: usize,
}

impl Style {
    /// Plain text at the default width, no colour.
    pub fn plain(quiet: bool) -> Self {
        Style {
            color: false,
            quiet,
            width: DEFAULT_WIDTH,
            max_per_file: MAX_FINDINGS_PER_FILE,
        }
    }
}

/// How many findings per file the human, concise and github formats show by default. A generated or
/// hostile file can hold 100k findings; printed whole they flood a terminal or a CI log (and GitHub
/// shows only ten annotations of a kind per step anyway), while the first hundred already say what
/// is wrong with the file. ruff and hadolint print everything; eslint's `--max-warnings` is a
/// threshold for the exit code, not a display cap, so there is no peer convention to follow. Machine
/// formats are never capped: a program reading them needs every finding.
pub const MAX_FINDINGS_PER_FILE: usize = 100;

/// The findings of a file that a capped format shows, and how many it leaves out.
pub fn shown(file: &FileResult, style: Style) -> (&[Diagnostic], usize) {
    let cap = match style.max_per_file {
        0 => usize::MAX,
        n => n,
    };
    let n = file.diagnostics.len().min(cap);
    (&file.diagnostics[..n], file.diagnostics.len() - n)
}

/// The note after a file's shown findings: how many more, and how to see them.
pub fn not_shown(file: &FileResult, hidden: usize) -> String {
    format!(
        "note: {hidden} more finding{} in {} not shown (`--max-findings-per-file 0` shows all; `--format json` or `sarif` lists every one)",
        if hidden == 1 { "" } else { "s" },
        sanitize::path(&file.source.path)
    )
}

/// The width when standard output is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 100;

/// The narrowest width anything is laid out for; a smaller `COLUMNS` is taken as this.
pub const MIN_WIDTH: usize = 40;

/// The width to wrap to: `COLUMNS` when set to a number, else the size of the terminal on standard
/// output, else [`DEFAULT_WIDTH`].
pub fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let width = columns.or_else(|| {
        let stdout = io::stdout();
        if std::io::IsTerminal::is_terminal(&stdout) {
            terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0))
        } else {
            None
        }
    });
    width.unwrap_or(DEFAULT_WIDTH).max(MIN_WIDTH)
}

/// Wraps `text` to `width` columns at word boundaries (a word longer than the line is kept whole).
pub fn wrap(text: &str, width: usize, first_indent: &str, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(MIN_WIDTH))
        .initial_indent(first_indent)
        .subsequent_indent(indent)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// Renders the report in one format. JUnit marks as failures only the findings at or above their
/// file's `fail-on` (from its plan), so its view agrees with the exit code.
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

/// Writes every file's block, in report order, rendering the blocks on every core: on a tree full of
/// findings, rendering on the main thread alone was the longest serial step of the run (a code frame
/// per finding, for the human format).
///
/// The files go in blocks of [`FILES_PER_BLOCK`]. Thread `t` of `n` renders blocks `t`, `t + n`, …
/// and hands each over a queue of two, so memory holds a few blocks' output at most, and the calling
/// thread writes them in order. The threads live for the whole output: starting two threads for
/// every few hundred files cost more than a tenth of the rendering. A few files are rendered
/// straight into `out`.
fn per_file<T: Sync, F>(files: &[T], out: &mut dyn Write, render: F) -> io::Result<()>
where
    F: Fn(&T, &mut dyn Write) -> io::Result<()> + Sync,
{
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || files.len() <= FILES_PER_BLOCK {
        return files.iter().try_for_each(|file| render(file, out));
    }
    let blocks = files.chunks(FILES_PER_BLOCK);
    let threads = threads.min(blocks.len());
    let render = &render;
    std::thread::scope(|scope| {
        let (queues, workers): (Vec<_>, Vec<_>) = (0..threads)
            .map(|t| {
                let (send, receive) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(2);
                let mine = blocks.clone().skip(t).step_by(threads);
                let worker = scope.spawn(move || {
                    for block in mine {
                        let mut bytes = Vec::new();
                        let rendered = block
                            .iter()
                            .try_for_each(|file| render(file, &mut bytes))
                            .map(|()| bytes);
                        let failed = rendered.is_err();
                        // The writer stopped (an error): so does this thread.
                        if send.send(rendered).is_err() || failed {
                            break;
                        }
                    }
                });
                (receive, worker)
            })
            .collect();
        let written = (0..blocks.len()).try_for_each(|i| match queues[i % threads].recv() {
            Ok(block) => out.write_all(&block?),
            // The thread panicked: nothing more is written, and its panic is raised below.
            Err(_) => Err(io::Error::other("a rendering thread panicked")),
        });
        // Closing the queues stops the threads still rendering when writing failed.
        drop(queues);
        for worker in workers {
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        written
    })
}

/// Files rendered into one block (see [`per_file`]).
const FILES_PER_BLOCK: usize = 256;

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

/// Files that were not linted at all because of their size: a notice in every format, never silent,
/// with what to do about it.
pub fn skip_notices(report: &Report) -> impl Iterator<Item = (&std::path::Path, String, bool)> {
    report
        .skipped
        .iter()
        .filter(|(_, skip)| skip.is_notice())
        .map(|(path, skip)| {
            let remedy = if skip.fails() {
                "; raise --max-file-size, or pass --allow-skipped to accept it"
            } else {
                "; accepted (--allow-skipped)"
            };
            (path.as_path(), format!("{skip}{remedy}"), skip.fails())
        })
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
    let skipped = match skip_notices(report).count() {
        0 => String::new(),
        n => format!(", {} skipped for size", plural(n, "file")),
    };
    format!(
        "{}{fixable} in {}{skipped}{fixed}",
        plural(c.problems, "problem"),
        plural(report.files_checked, "file")
    )
}

/// "run with --fix to apply 2 fixes" after the summary line when anything is fixable, naming
/// `--unsafe-fixes` for the fixes only it applies; `None` when nothing is.
pub fn fix_hint(report: &Report) -> Option<String> {
    let c = counts(report);
    let fixes = |n: usize| format!("{n} fix{}", if n == 1 { "" } else { "es" });
    match (c.fixable, c.unsafe_fixable) {
        (0, 0) => None,
        (safe, 0) => Some(format!("run with --fix to apply {}", fixes(safe))),
        (0, unsafe_) => Some(format!(
            "run with --fix --unsafe-fixes to apply {} (review before committing)",
            fixes(unsafe_)
        )),
        (safe, unsafe_) => Some(format!(
            "run with --fix to apply {} (add --unsafe-fixes for {unsafe_} more)",
            fixes(safe)
        )),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_rendered_on_many_threads_come_out_in_order() {
        for n in [0, 3, FILES_PER_BLOCK + 1, 5 * FILES_PER_BLOCK + 7] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            per_file(&items, &mut out, |i, out| writeln!(out, "{i}")).unwrap();
            let want: String = items.iter().map(|i| format!("{i}\n")).collect();
            assert_eq!(String::from_utf8(out).unwrap(), want, "{n} files");
        }
        // A failing block stops the output there.
        let items: Vec<usize> = (0..3 * FILES_PER_BLOCK).collect();
        let mut out = Vec::new();
        let failed = per_file(&items, &mut out, |&i, out| {
            if i == 600 {
                return Err(io::Error::other("disk full"));
            }
            writeln!(out, "{i}")
        });
        assert_eq!(failed.unwrap_err().to_string(), "disk full");
        assert!(!String::from_utf8(out).unwrap().contains("\n600\n"));
    }

    #[test]
    fn a_panic_while_rendering_reaches_the_caller() {
        let items: Vec<usize> = (0..4 * FILES_PER_BLOCK).collect();
        let panicked = std::panic::catch_unwind(|| {
            let mut out = Vec::new();
            let _ = per_file(&items, &mut out, |&i, out| {
                assert!(i != 700, "bad file");
                writeln!(out, "{i}")
            });
        });
        let payload = panicked.unwrap_err();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"bad file"));
    }
}
