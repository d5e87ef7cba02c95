//! Entry points for the fuzz targets in `fuzz/` and for regression tests of what they found: the whole
//! pipeline on bytes in memory, plus the invariants every run must keep.

use std::path::PathBuf;

use crate::classify::FileKind;
use crate::lint::{FileResult, Report, lint_source};
use crate::render::{self, OutputFormat, Style};
use crate::source::SourceFile;

/// The stack a lint worker runs on: threads spawned by `std::thread` (the `lint` workers, the fix
/// threads) get 2 MiB, far less than the main thread's 8 MiB. Fuzzing on the main thread would miss a
/// recursion that overflows a worker, so every run here gets exactly this.
pub const WORKER_STACK: usize = 2 * 1024 * 1024;

/// Reads `data` as a file of `kind` named `name`, lints it with every rule on a worker-sized stack,
/// renders it in every format and checks the invariants: spans lie inside the text on char
/// boundaries, fixes are well-formed, the masked view keeps offsets and lines, and no output has a
/// raw control character or a line that starts with `::` from the file or its name.
pub fn lint_bytes(kind: FileKind, name: &str, data: &[u8]) {
    let name = name.to_owned();
    let data = data.to_vec();
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || lint_bytes_checked(kind, &name, data, true))
        .expect("spawning a fuzz worker");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

/// [`lint_bytes`] on each of `inputs`, all on one worker thread (one spawn for many small inputs, as
/// the truncation tests need). A result with no diagnostic and no problem renders nothing from its
/// file, so its outputs are only checked when `name` could carry something hostile: never here,
/// where the name is the caller's.
pub fn lint_bytes_each(kind: FileKind, name: &str, inputs: Vec<Vec<u8>>) {
    let name = name.to_owned();
    let worker = std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(move || {
            for data in inputs {
                lint_bytes_checked(kind, &name, data, false);
            }
        })
        .expect("spawning a fuzz worker");
    if let Err(panic) = worker.join() {
        std::panic::resume_unwind(panic);
    }
}

fn lint_bytes_checked(kind: FileKind, name: &str, data: Vec<u8>, render_clean: bool) {
    let Ok(source) = SourceFile::from_bytes(PathBuf::from(name), kind, data) else {
        return;
    };
    let result = lint_source(source);
    let text = &result.source.text;
    let on_boundary = |at: usize| at <= text.len() && text.is_char_boundary(at);
    for d in &result.diagnostics {
        assert!(d.span.start <= d.span.end && on_boundary(d.span.start) && on_boundary(d.span.end));
        for label in &d.labels {
            assert!(on_boundary(label.span.start) && on_boundary(label.span.end));
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(on_boundary(edit.span.start) && on_boundary(edit.span.end));
        }
        let _ = result.source.line_col(d.span.end);
    }
    for p in &result.facts.problems {
        assert!(on_boundary(p.span.start) && on_boundary(p.span.end));
    }
    let masked = result.source.masked();
    assert_eq!(masked.len(), text.len());
    assert_eq!(masked.lines().count(), text.lines().count());
    for s in result.source.secrets() {
        assert!(
            masked[s.start..s.end]
                .bytes()
                .all(|b| matches!(b, b'*' | b'\n' | b'\r'))
        );
    }
    if render_clean || !result.diagnostics.is_empty() || !result.facts.problems.is_empty() {
        check_outputs(result);
    }
}

/// Every format's output of one file's result, as text.
pub fn outputs(result: FileResult) -> Vec<(OutputFormat, String)> {
    let report = Report {
        files: vec![Box::new(result)],
        files_checked: 1,
        ..Report::default()
    };
    let style = Style::plain(false);
    let formats = [
        OutputFormat::Human,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Github,
        OutputFormat::Gitlab,
        OutputFormat::Junit,
    ];
    let mut all = Vec::new();
    for format in formats {
        let mut out = Vec::new();
        render::render(format, &report, style, &mut out).expect("rendering into memory");
        let text = String::from_utf8(out).expect("every format writes UTF-8");
        all.push((format, text));
    }
    all.push((
        OutputFormat::Github,
        render::github::step_summary(&report, style),
    ));
    all
}

/// The output sanitizer's promises, checked on every format: no control character but tab and
/// newline; no line starting with `::` after leading whitespace (the runner trims it) except the
/// GitHub format's own workflow commands; no legacy `##[` or Azure `##vso[` command anywhere.
pub fn check_outputs(result: FileResult) {
    for (format, text) in outputs(result) {
        if let Some(bad) = text
            .chars()
            .find(|&c| c.is_control() && c != '\n' && c != '\t')
        {
            panic!("{format:?} output holds {bad:?}:\n{text}");
        }
        for line in text.lines() {
            let own_command = format == OutputFormat::Github
                && ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|c| line.starts_with(c));
            assert!(
                !line.trim_start().starts_with("::") || own_command,
                "{format:?} output line starts with `::`: {line}"
            );
            assert!(
                !line.contains("##[") && !line.to_ascii_lowercase().contains("##vso["),
                "{format:?} output line holds a log command: {line}"
            );
        }
    }
}
