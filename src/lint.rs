//! The driver: runs discover → read → extract → rules for every file and collects one [`Report`].

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::discover::{self, DiscoverOptions, PathError};
use crate::extract::{self, facts::FileFacts};
use crate::rules::{self, Rule};
use crate::source::{Skip, SourceFile};
use crate::suppress::{self, Suppressed};

/// What to lint and with which rules.
#[derive(Debug, Clone)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub discover: DiscoverOptions,
    pub rules: Vec<&'static Rule>,
}

/// One linted file that has something to show: diagnostics or problems.
#[derive(Debug)]
pub struct FileResult {
    pub source: SourceFile,
    pub facts: FileFacts,
    /// Sorted by position, then code.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings silenced by inline suppression comments, sorted like `diagnostics`.
    pub suppressed: Vec<Suppressed>,
}

/// Everything a run found, in a deterministic order.
#[derive(Debug, Default)]
pub struct Report {
    /// Files with diagnostics or problems, sorted by path.
    pub files: Vec<FileResult>,
    /// How many files were read and checked.
    pub files_checked: usize,
    pub errors: Vec<PathError>,
    pub skipped: Vec<(PathBuf, Skip)>,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = (&FileResult, &Diagnostic)> {
        self.files
            .iter()
            .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
    }

    fn add(&mut self, result: FileResult) {
        self.files_checked += 1;
        if result.has_output() {
            self.files.push(result);
        }
    }
}

impl FileResult {
    /// Whether the file has anything to report (findings, suppressed findings or problems).
    pub fn has_output(&self) -> bool {
        !self.diagnostics.is_empty()
            || !self.suppressed.is_empty()
            || !self.facts.problems.is_empty()
    }
}

/// Lints one source already in memory (stdin, rule-doc examples, tests), honouring inline suppressions.
pub fn lint_source(source: SourceFile, rules: &[&'static Rule]) -> FileResult {
    lint_source_with(source, rules, true)
}

/// Lints one source; `inline_suppressions: false` ignores `stslint: ignore` comments (for auditors).
pub fn lint_source_with(
    source: SourceFile,
    rules: &[&'static Rule],
    inline_suppressions: bool,
) -> FileResult {
    let facts = extract::extract(&source);
    let enabled = |r: &'static Rule| rules.iter().any(|e| std::ptr::eq(*e, r));
    let (mut diagnostics, mut suppressed) = if inline_suppressions {
        // Every rule runs, so that whether a suppression is used does not depend on the selection.
        let all = rules::check(&facts, rules::ALL);
        let directives = suppress::scan(&source);
        let outcome = suppress::apply(&source, &directives, all);
        let mut kept = outcome.kept;
        kept.extend(outcome.unused);
        kept.retain(|d| enabled(d.rule));
        let mut suppressed = outcome.suppressed;
        suppressed.retain(|s| enabled(s.diagnostic.rule));
        (kept, suppressed)
    } else {
        (rules::check(&facts, rules), Vec::new())
    };
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.rule.code);
    diagnostics.sort_by_key(key);
    suppressed.sort_by_key(|s| key(&s.diagnostic));
    FileResult {
        source,
        facts,
        diagnostics,
        suppressed,
    }
}

/// Lints every file discovered under `options.paths`.
pub fn run(options: &Options) -> Result<Report, String> {
    run_filtered(options, &mut |_| true, true)
}

/// Lints the discovered files that `keep` accepts (project-config excludes decide here, after the
/// names are known and before anything is read).
pub fn run_filtered(
    options: &Options,
    keep: &mut dyn FnMut(&discover::Candidate) -> bool,
    inline_suppressions: bool,
) -> Result<Report, String> {
    let mut found = discover::discover(&options.paths, &options.discover)?;
    found.candidates.retain(|c| keep(c));
    let mut report = Report {
        errors: found.errors,
        ..Report::default()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = found.candidates.len().div_ceil(threads).max(1);
    let results: Vec<Vec<Outcome>> = std::thread::scope(|scope| {
        let handles: Vec<_> = found
            .candidates
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|c| {
                            lint_path(
                                &c.path,
                                c.kind,
                                c.explicit,
                                &options.rules,
                                inline_suppressions,
                            )
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    for outcome in results.into_iter().flatten() {
        match outcome {
            Outcome::Linted(result) => report.add(*result),
            Outcome::Skipped(path, skip) => report.skipped.push((path, skip)),
            Outcome::Failed(error) => report.errors.push(error),
        }
    }
    report
        .files
        .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    report.errors.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(report)
}

enum Outcome {
    Linted(Box<FileResult>),
    Skipped(PathBuf, Skip),
    Failed(PathError),
}

fn lint_path(
    path: &Path,
    kind: crate::classify::FileKind,
    explicit: bool,
    rules: &[&'static Rule],
    inline_suppressions: bool,
) -> Outcome {
    match SourceFile::read(path, path.to_path_buf(), kind) {
        Ok(Ok(source)) => Outcome::Linted(Box::new(lint_source_with(
            source,
            rules,
            inline_suppressions,
        ))),
        Ok(Err(skip)) => Outcome::Skipped(path.to_path_buf(), skip),
        Err(e) => Outcome::Failed(PathError {
            path: path.to_path_buf(),
            message: discover::io_message(&e),
            explicit,
        }),
    }
}
