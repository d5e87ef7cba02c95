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
    /// Fixes written back by `--fix` (0 without it).
    pub fixed: usize,
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

/// How one file is linted, beyond its rules.
#[derive(Debug, Clone, Copy)]
pub struct LintMode {
    /// A test file: its findings are lowered to `info` (the one place severity depends on the path),
    /// so CI does not fail on mocks and fixtures.
    pub test: bool,
    /// Honour `stslint: ignore` comments (`--no-inline-suppressions` turns this off for auditors).
    pub inline_suppressions: bool,
}

/// Lints one source already in memory (stdin, rule-doc examples, tests), honouring inline
/// suppressions; whether it is a test file is judged from its whole path.
pub fn lint_source(source: SourceFile, rules: &[&'static Rule]) -> FileResult {
    let mode = LintMode {
        test: crate::classify::is_test_path(&source.path),
        inline_suppressions: true,
    };
    lint_source_with(source, rules, mode)
}

/// Lints one source: extract, run the rules, apply suppressions, lower test-file findings.
pub fn lint_source_with(source: SourceFile, rules: &[&'static Rule], mode: LintMode) -> FileResult {
    let facts = extract::extract(&source);
    let enabled_in =
        |set: &[&'static Rule], r: &'static Rule| set.iter().any(|e| std::ptr::eq(*e, r));
    let enabled = |r: &'static Rule| enabled_in(rules, r);
    let (mut diagnostics, mut suppressed) = if mode.inline_suppressions {
        // Every rule runs, so that whether a suppression is used does not depend on the selection
        // (plus any requested rule outside the registry, such as a test's own).
        let mut every: Vec<&'static Rule> = rules::ALL.to_vec();
        every.extend(rules.iter().filter(|r| !enabled_in(rules::ALL, r)));
        let all = rules::check(&facts, &every);
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
    if mode.test {
        let lowered = diagnostics
            .iter_mut()
            .chain(suppressed.iter_mut().map(|s| &mut s.diagnostic));
        for d in lowered {
            d.severity = crate::diagnostic::Severity::Info;
        }
    }
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.rule.code);
    diagnostics.sort_by_key(key);
    suppressed.sort_by_key(|s| key(&s.diagnostic));
    let mut result = FileResult {
        source,
        facts,
        diagnostics,
        suppressed,
    };
    crate::secrets::scrub_result(&mut result);
    crate::fix::keep_plain_word_fixes(&mut result);
    result
}

/// Lints every file discovered under `options.paths`.
pub fn run(options: &Options) -> Result<Report, String> {
    run_filtered(options, &mut |_| true, true)
}

/// Lints the discovered files that `keep` accepts.
///
/// The walk runs on this thread and hands each file to a pool of workers as soon as it is found, so
/// reading and checking overlap the walk. Each result goes back to its discovery index, so the report is
/// the same whatever the scheduling. A file with nothing to report is dropped as soon as it is checked:
/// memory holds only what will be shown.
pub fn run_filtered(
    options: &Options,
    keep: &mut dyn FnMut(&discover::Candidate) -> bool,
    inline_suppressions: bool,
) -> Result<Report, String> {
    use std::sync::{Mutex, mpsc};

    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let (send, receive) = mpsc::sync_channel::<(usize, discover::Candidate)>(4096);
    let receive = Mutex::new(receive);
    let mut errors = Vec::new();
    let (walked, mut outcomes) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        // The lock is held only to take the next file, not while linting it.
                        let next = receive.lock().map(|r| r.recv());
                        let Ok(Ok((i, c))) = next else { break };
                        let mode = LintMode {
                            test: is_test_file(&c.path, &options.paths),
                            inline_suppressions,
                        };
                        mine.push((
                            i,
                            lint_path(&c.path, c.kind, c.explicit, mode, &options.rules),
                        ));
                    }
                    mine
                })
            })
            .collect();
        let mut index = 0;
        let walked = discover::discover_each(&options.paths, &options.discover, &mut |found| {
            match found {
                discover::Found::Candidate(c) if keep(&c) => {
                    // A send fails only if every worker is gone; the walk then has nobody to feed.
                    let _ = send.send((index, c));
                    index += 1;
                }
                discover::Found::Candidate(_) => {}
                discover::Found::Error(e) => errors.push(e),
            }
        });
        drop(send);
        let outcomes: Vec<(usize, Outcome)> = workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect();
        (walked, outcomes)
    });
    walked?;
    let mut report = Report {
        errors,
        ..Report::default()
    };
    outcomes.sort_unstable_by_key(|(i, _)| *i);
    for (_, outcome) in outcomes {
        match outcome {
            Outcome::Linted(result) => report.add(*result),
            Outcome::Clean => report.files_checked += 1,
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
    /// Checked, nothing to report: neither the text nor the facts are kept.
    Clean,
    Skipped(PathBuf, Skip),
    Failed(PathError),
}

fn lint_path(
    path: &Path,
    kind: crate::classify::FileKind,
    explicit: bool,
    mode: LintMode,
    rules: &[&'static Rule],
) -> Outcome {
    let bytes = match SourceFile::read_bytes(path) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(skip)) => return Outcome::Skipped(path.to_path_buf(), skip),
        Err(e) => {
            return Outcome::Failed(PathError {
                path: path.to_path_buf(),
                message: discover::io_message(&e),
                explicit,
            });
        }
    };
    // Most files of a kind cannot hold a fact at all; a byte search rules them out before any parsing.
    if !extract::may_hold_facts(kind, &bytes) {
        return Outcome::Clean;
    }
    match SourceFile::from_bytes(path.to_path_buf(), kind, bytes) {
        Ok(source) => {
            let result = lint_source_with(source, rules, mode);
            if result.has_output() {
                Outcome::Linted(Box::new(result))
            } else {
                Outcome::Clean
            }
        }
        Err(skip) => Outcome::Skipped(path.to_path_buf(), skip),
    }
}

/// Whether a discovered file is a test file, judged from its path below the root it was found under
/// (so linting `tests/fixtures/x` judges `x`'s own layout, not where the fixture lives).
fn is_test_file(path: &Path, roots: &[PathBuf]) -> bool {
    let below_root = roots
        .iter()
        .filter_map(|r| path.strip_prefix(r).ok())
        .filter(|rel| !rel.as_os_str().is_empty())
        .min_by_key(|rel| rel.components().count());
    match below_root {
        Some(rel) => crate::classify::is_test_path(rel),
        None => path
            .file_name()
            .is_some_and(|n| crate::classify::is_test_path(Path::new(n))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::diagnostic::Severity;

    #[test]
    fn test_files_are_judged_below_the_root() {
        let roots = [PathBuf::from("repo/tests/fixtures/x")];
        assert!(!is_test_file(
            Path::new("repo/tests/fixtures/x/app/sts.py"),
            &roots
        ));
        assert!(is_test_file(
            Path::new("repo/tests/fixtures/x/app/tests/sts.py"),
            &roots
        ));
        assert!(is_test_file(
            Path::new("pkg/sts_test.go"),
            &[PathBuf::from("pkg/sts_test.go")]
        ));
        assert!(!is_test_file(
            Path::new("pkg/sts.go"),
            &[PathBuf::from("pkg/sts.go")]
        ));
    }

    #[test]
    fn findings_in_test_files_are_info() {
        let text = "ENDPOINT = \"https://sts.amazonaws.com\"\n";
        let lint = |path: &str| {
            let source = SourceFile::from_text(path, FileKind::Python, text);
            lint_source(source, rules::ALL)
                .diagnostics
                .iter()
                .map(|d| d.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(lint("app/sts.py"), [Severity::Warning]);
        assert_eq!(lint("app/test_sts.py"), [Severity::Info]);
    }
}
