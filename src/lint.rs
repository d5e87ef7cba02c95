//! The driver: runs discover → read → extract → rules for every file and collects one [`Report`].

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::discover::{self, DiscoverOptions, PathError};
use crate::extract::{self, facts::FileFacts};
use crate::rules::{self, Rule};
use crate::source::{Skip, SourceFile};

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
        if !result.diagnostics.is_empty() || !result.facts.problems.is_empty() {
            self.files.push(result);
        }
    }
}

/// Lints one source already in memory (stdin, rule-doc examples, tests).
///
/// Whether it is a test file is judged from its whole path.
pub fn lint_source(source: SourceFile, rules: &[&'static Rule]) -> FileResult {
    let test = crate::classify::is_test_path(&source.path);
    lint_source_as(source, rules, test)
}

/// Lints one source; findings in a test file are lowered to `info` (the one place severity depends on
/// the path), so CI does not fail on mocks and fixtures.
pub fn lint_source_as(source: SourceFile, rules: &[&'static Rule], test: bool) -> FileResult {
    let facts = extract::extract(&source);
    let mut diagnostics = rules::check(&facts, rules);
    if test {
        for d in &mut diagnostics {
            d.severity = crate::diagnostic::Severity::Info;
        }
    }
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code).cmp(&(b.span.start, b.span.end, b.rule.code))
    });
    FileResult {
        source,
        facts,
        diagnostics,
    }
}

/// Lints every file discovered under `options.paths`.
pub fn run(options: &Options) -> Result<Report, String> {
    let found = discover::discover(&options.paths, &options.discover)?;
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
                            let test = is_test_file(&c.path, &options.paths);
                            lint_path(&c.path, c.kind, c.explicit, test, &options.rules)
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
    test: bool,
    rules: &[&'static Rule],
) -> Outcome {
    match SourceFile::read(path, path.to_path_buf(), kind) {
        Ok(Ok(source)) => Outcome::Linted(Box::new(lint_source_as(source, rules, test))),
        Ok(Err(skip)) => Outcome::Skipped(path.to_path_buf(), skip),
        Err(e) => Outcome::Failed(PathError {
            path: path.to_path_buf(),
            message: discover::io_message(&e),
            explicit,
        }),
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
