//! The lint stage: one [`lint`] of one file under its [`FilePlan`], and the walk that runs it on every
//! discovered file and collects one [`Report`] (with a second pass for repositories whose account-level
//! facts change findings). What each file's plan is, is decided in [`crate::plan`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Severity};
use crate::discover::{self, DiscoverOptions, PathError};
use crate::extract::{self, facts::FileFacts};
use crate::repo::{RepoContext, Roots};
use crate::rules::{self, Rule, RuleSet};
use crate::source::{Skip, SourceFile};
use crate::suppress::{self, Suppressed};

/// What to walk: the paths and how to discover files under them.
#[derive(Debug, Clone)]
pub struct Walk {
    pub paths: Vec<PathBuf>,
    pub discover: DiscoverOptions,
}

/// Everything decided about one file before it is read: which rules run, in which mode, at which
/// severity, what fails the run. Built once per file by the plan ([`crate::plan`]) and used by every
/// entry point — the walk, stdin, each `--fix` round, `--diff`, `--write-baseline`, `doctor` — so the
/// same file is linted the same way however it is reached.
#[derive(Debug, Clone)]
pub struct FilePlan {
    /// The rules `rules` indexes (the registry; tests bring their own).
    pub registry: &'static [&'static Rule],
    /// The rules enabled for this file.
    pub rules: RuleSet,
    /// Severities the configuration sets explicitly, by rule code; they win over everything else.
    pub severities: Vec<(&'static str, Severity)>,
    /// A test file: findings without an explicit severity are lowered to `info` (the one place
    /// severity depends on the path), so CI does not fail on mocks and fixtures.
    pub test: bool,
    /// Honour `stslint: ignore` comments (`--no-inline-suppressions` turns this off for auditors).
    pub inline_suppressions: bool,
    /// The lowest severity that fails the run for this file.
    pub fail_on: Severity,
    /// The region fixes and help name when the file sets none (`default-region`).
    pub default_region: Option<String>,
    /// The account-level facts of the file's repository, when it has any that change a finding
    /// ([`crate::repo`]); `None` lints the file with its own such facts only.
    pub repo: Option<Arc<RepoContext>>,
    /// The size limit (`max-file-size`); lockfiles read in one pass get a multiple of it
    /// ([`crate::source::size_limit`]).
    pub max_file_size: u64,
    /// A file skipped for its size does not fail the run (`allow-skipped`); its notice stays.
    pub allow_skipped: bool,
}

impl FilePlan {
    /// Every registry rule that `check` runs by default, no configuration, not a test file.
    pub fn defaults() -> Self {
        FilePlan::with_rules(
            rules::ALL,
            rules::enabled(rules::Defaults::Check, &[], RuleSet::EMPTY),
        )
    }

    /// A skip as this plan judges it: over the size limit is accepted with `allow-skipped`.
    pub fn judge(&self, skip: Skip) -> Skip {
        match skip {
            Skip::TooLarge { size, limit, .. } => Skip::TooLarge {
                size,
                limit,
                allowed: self.allow_skipped,
            },
            other => other,
        }
    }

    /// A plan running `set` of `registry`, with default modes.
    pub fn with_rules(registry: &'static [&'static Rule], set: RuleSet) -> Self {
        FilePlan {
            registry,
            rules: set,
            severities: Vec::new(),
            test: false,
            inline_suppressions: true,
            fail_on: Severity::Warning,
            default_region: None,
            repo: None,
            max_file_size: crate::source::MAX_FILE_BYTES,
            allow_skipped: false,
        }
    }

    /// A plan running one registry rule, with default modes.
    pub fn only(rule: &Rule) -> Self {
        FilePlan::with_rules(
            rules::ALL,
            RuleSet::filter(rules::ALL, |r| r.code == rule.code),
        )
    }

    /// Whether findings of `rule` are reported for this file.
    pub fn enables(&self, rule: &Rule) -> bool {
        self.rules.contains(self.registry, rule)
    }

    /// The severity a finding of `rule` is reported at in this file.
    fn severity(&self, rule: &Rule, found: Severity) -> Severity {
        match self.severities.iter().find(|(code, _)| *code == rule.code) {
            Some((_, level)) => *level,
            None if self.test => Severity::Info,
            None => found,
        }
    }
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
    /// The plan the file was linted with: fixing re-lints with it, the exit code reads its `fail_on`.
    pub plan: Arc<FilePlan>,
}

/// Everything a run found, in a deterministic order.
#[derive(Debug, Default)]
pub struct Report {
    /// Files with diagnostics or problems, sorted by path. Boxed as the walk's threads made them, so
    /// collecting them moves a pointer, not the result.
    pub files: Vec<Box<FileResult>>,
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
            .flat_map(|f| f.diagnostics.iter().map(move |d| (&**f, d)))
    }

    fn add(&mut self, result: Box<FileResult>) {
        self.files_checked += 1;
        if result.has_output() {
            self.files.push(result);
        }
    }

    /// Takes in another report's files, errors and skips (the walk's, beside stdin's).
    pub fn extend(&mut self, other: Report) {
        self.files_checked += other.files_checked;
        self.files.extend(other.files);
        self.errors.extend(other.errors);
        self.skipped.extend(other.skipped);
        self.fixed += other.fixed;
    }
}

impl FileResult {
    /// Whether the file has anything to report (findings, suppressed findings or problems).
    pub fn has_output(&self) -> bool {
        !self.diagnostics.is_empty()
            || !self.suppressed.is_empty()
            || !self.facts.problems.is_empty()
    }

    /// Lints new text of the same file with the same plan (a fix round).
    pub fn relint(&self, text: String) -> FileResult {
        lint(self.source.with_text(text), &self.plan)
    }
}

/// Lints one source with the default plan, judging from its whole path whether it is a test file: for
/// rule-doc examples and tests.
pub fn lint_source(source: SourceFile) -> FileResult {
    let plan = FilePlan {
        test: crate::classify::is_test_path(&source.path),
        ..FilePlan::defaults()
    };
    lint(source, &Arc::new(plan))
}

/// The one lint of one file: extract, run the rules, apply suppressions and the plan's severities.
pub fn lint(source: SourceFile, plan: &Arc<FilePlan>) -> FileResult {
    let mut facts = extract::extract(&source);
    // Without the repository's context (stdin, a doc example, the first pass of the walk), the file's
    // own account-level facts still count.
    let own;
    let repo = match &plan.repo {
        Some(repo) => Some(&**repo),
        None if facts.vpc_endpoints.is_empty()
            && facts.token_versions.is_empty()
            && facts.terraform_versions.is_empty() =>
        {
            None
        }
        None => {
            own = RepoContext::of(&source, &facts);
            Some(&own)
        }
    };
    if let Some(repo) = repo {
        crate::repo::resolve_terraform(&mut facts, &source.path, repo);
    }
    let input = rules::Input {
        facts: &facts,
        default_region: plan.default_region.as_deref(),
        repo,
    };
    let (mut diagnostics, mut suppressed) = if plan.inline_suppressions {
        // Every rule runs, so that whether a suppression is used does not depend on the selection.
        let all = rules::check(&input, plan.registry, RuleSet::all(plan.registry));
        let directives = suppress::scan(&source);
        let outcome = suppress::apply(&source, &directives, all);
        let mut kept = outcome.kept;
        kept.extend(outcome.unused);
        kept.retain(|d| plan.enables(d.rule));
        let mut suppressed = outcome.suppressed;
        suppressed.retain(|s| plan.enables(s.diagnostic.rule));
        (kept, suppressed)
    } else {
        (rules::check(&input, plan.registry, plan.rules), Vec::new())
    };
    let findings = diagnostics
        .iter_mut()
        .chain(suppressed.iter_mut().map(|s| &mut s.diagnostic));
    for d in findings {
        d.severity = plan.severity(d.rule, d.severity);
    }
    let silenced: Vec<&Diagnostic> = suppressed.iter().map(|s| &s.diagnostic).collect();
    rules::supersede(&mut diagnostics, &silenced);
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.rule.code);
    diagnostics.sort_by_key(key);
    suppressed.sort_by_key(|s| key(&s.diagnostic));
    let mut result = FileResult {
        source,
        facts,
        diagnostics,
        suppressed,
        plan: plan.clone(),
    };
    crate::secrets::scrub_result(&mut result);
    crate::fix::keep_plain_word_fixes(&mut result);
    result
}

/// Gives each discovered file its plan; `None` leaves the file out (excluded by configuration). Every
/// walking thread has its own, so a planner keeps its caches without a lock.
pub trait Planner: Send {
    fn plan(&mut self, candidate: &discover::Candidate) -> Option<Arc<FilePlan>>;
}

impl<F: FnMut(&discover::Candidate) -> Option<Arc<FilePlan>> + Send> Planner for F {
    fn plan(&mut self, candidate: &discover::Candidate) -> Option<Arc<FilePlan>> {
        self(candidate)
    }
}

/// One walking thread's share of the run: only what will be shown is kept, clean files are a count.
struct Worker<P> {
    planner: P,
    outcomes: Vec<Outcome>,
    /// The outcomes' paths, for sorting them.
    shapes: discover::PathShapes,
    repos: Vec<RepoContext>,
    errors: Vec<PathError>,
    clean: usize,
}

impl<P: Planner> discover::Sink for Worker<P> {
    fn found(&mut self, found: discover::Found) {
        match found {
            discover::Found::Candidate(c) => {
                let Some(plan) = self.planner.plan(&c) else {
                    return;
                };
                let (outcome, repo) = lint_path(&c.path, c.kind, c.explicit, &plan);
                match outcome {
                    Outcome::Clean => self.clean += 1,
                    other => {
                        self.shapes.add(other.path());
                        self.outcomes.push(other);
                    }
                }
                // Kept apart: most files have no repository facts, and cost nothing here.
                if let Some(repo) = repo {
                    self.repos.push(*repo);
                }
            }
            discover::Found::Error(e) => self.errors.push(e),
        }
    }

    /// Each thread sorts its own share, so the merge after the walk is a merge of sorted runs.
    fn finish(&mut self) {
        discover::sort_by_path_shaped(&mut self.outcomes, Outcome::path, self.shapes);
    }
}

/// Lints every file discovered under `walk.paths` with the plan its thread's planner (made by
/// `new_planner`) gives it, and returns the report with every planner (for what they collected).
///
/// Each walking thread lints the files it finds itself ([`discover::discover_each`]), so reading and
/// checking run on every core with the walk and nothing is handed over per file. Results are sorted by
/// path afterwards, so the report is the same whatever the scheduling. A file with nothing to report is
/// dropped as soon as it is checked (memory holds only what will be shown), keeping only its repository
/// facts ([`crate::repo`]), if it has any, and its text if it sets the token version (a finding only
/// the second pass can see).
///
/// Second pass: when a repository has an STS VPC endpoint, a token preference, or a Terraform version
/// for an S3 backend written elsewhere, its files with output are linted again with the repository's context in their plan, so fix rounds, the diff and
/// the exit code see it. Repositories without these facts take no second pass.
pub fn run<P: Planner>(
    walk: &Walk,
    new_planner: &(dyn Fn() -> P + Sync),
) -> Result<(Report, Vec<P>), String> {
    let new_worker = || Worker {
        planner: new_planner(),
        outcomes: Vec::new(),
        shapes: discover::PathShapes::default(),
        repos: Vec::new(),
        errors: Vec::new(),
        clean: 0,
    };
    let workers = discover::discover_each(&walk.paths, &walk.discover, &new_worker)?;
    let mut report = Report::default();
    let (mut outcomes, mut repos, mut planners) = (Vec::new(), Vec::new(), Vec::new());
    let mut shapes = discover::PathShapes::default();
    for worker in workers {
        report.files_checked += worker.clean;
        report.errors.extend(worker.errors);
        outcomes.extend(worker.outcomes);
        shapes = shapes.join(worker.shapes);
        repos.extend(worker.repos);
        planners.push(worker.planner);
    }
    // The threads' runs are each sorted already (`Worker::finish`): the stable sort finds the runs
    // and merges them.
    discover::sort_by_path_shaped(&mut outcomes, Outcome::path, shapes);
    report.files.reserve(outcomes.len());
    let mut roots = Roots::new(&walk.paths);
    let contexts = repository_contexts(&mut roots, repos);
    let mut plans = HashMap::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Linted(result) if contexts.is_empty() => report.add(result),
            Outcome::Linted(result) => report.add(Box::new(with_context(
                *result, &mut roots, &contexts, &mut plans,
            ))),
            Outcome::Clean => report.files_checked += 1,
            Outcome::Skipped(path, skip) => report.skipped.push((path, skip)),
            Outcome::Failed(error) => report.errors.push(error),
        }
    }
    // The files are in the outcomes' order, sorted; the errors came from every thread.
    discover::sort_by_path(&mut report.errors, |e| Some(&e.path));
    Ok((report, planners))
}

/// The second pass's input: each repository's account-level facts, merged in path order, for the
/// repositories that have any that change a finding (most have none, and then nothing more happens).
fn repository_contexts(
    roots: &mut Roots,
    mut repos: Vec<RepoContext>,
) -> HashMap<PathBuf, Arc<RepoContext>> {
    // An S3 backend's Terraform version matters only once merged with another file's pin.
    if !repos
        .iter()
        .any(|repo| repo.matters() || !repo.s3_role_backends.is_empty())
    {
        return HashMap::new();
    }
    // Sorted only here: in most runs nothing matters, and every Terraform file has a region.
    discover::sort_by_path(&mut repos, RepoContext::first_path);
    let mut merged: HashMap<PathBuf, RepoContext> = HashMap::new();
    for repo in repos {
        // Every fact of one file's context is written in that file.
        let Some(path) = repo.first_path() else {
            continue;
        };
        let root = roots.root_of(path);
        merged.entry(root).or_default().merge(repo);
    }
    merged
        .into_iter()
        .filter(|(_, repo)| repo.matters())
        .map(|(root, repo)| (root, Arc::new(repo)))
        .collect()
}

/// A file of a repository with context, linted again with the context in its plan: fix rounds, the
/// diff and the exit code then all see it. Plans are shared per (configured plan, repository).
fn with_context(
    result: FileResult,
    roots: &mut Roots,
    contexts: &HashMap<PathBuf, Arc<RepoContext>>,
    plans: &mut HashMap<(usize, PathBuf), Arc<FilePlan>>,
) -> FileResult {
    let root = roots.root_of(&result.source.path);
    let Some(repo) = contexts.get(&root) else {
        return result;
    };
    let key = (Arc::as_ptr(&result.plan) as usize, root);
    let plan = plans
        .entry(key)
        .or_insert_with(|| {
            Arc::new(FilePlan {
                repo: Some(repo.clone()),
                ..(*result.plan).clone()
            })
        })
        .clone();
    lint(result.source, &plan)
}

/// Walks with one plan for every file, test files judged below the roots: for tools and tests that
/// need no configuration.
pub fn run_with(walk: &Walk, plan: &FilePlan) -> Result<Report, String> {
    let normal = Arc::new(FilePlan {
        test: false,
        ..plan.clone()
    });
    let test = Arc::new(FilePlan {
        test: true,
        ..plan.clone()
    });
    let planner = || {
        let (normal, test) = (normal.clone(), test.clone());
        move |c: &discover::Candidate| {
            Some(if is_test_file(&c.path, &walk.paths) {
                test.clone()
            } else {
                normal.clone()
            })
        }
    };
    Ok(run(walk, &planner)?.0)
}

enum Outcome {
    Linted(Box<FileResult>),
    /// Checked, nothing to report: neither the text nor the facts are kept.
    Clean,
    Skipped(PathBuf, Skip),
    Failed(PathError),
}

impl Outcome {
    /// The file the outcome is about (none for a clean file, which is only counted).
    fn path(&self) -> Option<&Path> {
        match self {
            Outcome::Linted(result) => Some(&result.source.path),
            Outcome::Clean => None,
            Outcome::Skipped(path, _) => Some(path),
            Outcome::Failed(error) => Some(&error.path),
        }
    }
}

/// Lints one discovered file, and returns with the outcome the file's repository facts, if any (boxed:
/// one pointer per discovered file, most of them `None`).
fn lint_path(
    path: &Path,
    kind: crate::classify::FileKind,
    explicit: bool,
    plan: &Arc<FilePlan>,
) -> (Outcome, Option<Box<RepoContext>>) {
    let limit = crate::source::size_limit(kind, plan.max_file_size);
    let bytes = match SourceFile::read_bytes_within(path, limit) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(skip)) => {
            return (Outcome::Skipped(path.to_path_buf(), plan.judge(skip)), None);
        }
        Err(e) => {
            let error = PathError {
                path: path.to_path_buf(),
                message: discover::io_message(&e),
                fails: explicit,
            };
            return (Outcome::Failed(error), None);
        }
    };
    // Most files of a kind cannot hold a fact at all; a byte search rules them out before any parsing.
    if !extract::may_hold_facts(kind, &bytes) {
        return (Outcome::Clean, None);
    }
    match SourceFile::from_bytes(path.to_path_buf(), kind, bytes) {
        Ok(source) => {
            // A panic is a bug in stslint, not in the file: the file fails the run with an error
            // that says so, and the other files are still linted (the panic hook set by the command
            // line prints where, never the panic's text, which can quote the file).
            let linted =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint(source, plan)));
            let Ok(result) = linted else {
                let error = PathError {
                    path: path.to_path_buf(),
                    message: INTERNAL_ERROR.to_owned(),
                    fails: true,
                };
                return (Outcome::Failed(error), None);
            };
            let repo = RepoContext::of(&result.source, &result.facts);
            let repo = (!repo.is_empty()).then(|| Box::new(repo));
            // A token-version file is kept even when clean: with the repository's regions in view, the
            // second pass may find something in it. So is an S3 backend whose Terraform version is
            // written in another file.
            let unresolved = result
                .facts
                .clients
                .iter()
                .any(crate::repo::is_unresolved_terraform);
            if result.has_output() || !result.facts.token_versions.is_empty() || unresolved {
                let mut result = Box::new(result);
                result.facts.shrink();
                result.diagnostics.shrink_to_fit();
                result.suppressed.shrink_to_fit();
                (Outcome::Linted(result), repo)
            } else {
                (Outcome::Clean, repo)
            }
        }
        Err(skip) => (Outcome::Skipped(path.to_path_buf(), skip), None),
    }
}

/// What a file that stslint failed on (a panic) says in every format.
pub const INTERNAL_ERROR: &str =
    "stslint failed on this file (an internal error: please report it, with the file's kind)";

/// Whether a discovered file is a test file, judged from its path below the root it was found under
/// (so linting `tests/fixtures/x` judges `x`'s own layout, not where the fixture lives).
pub fn is_test_file(path: &Path, roots: &[PathBuf]) -> bool {
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

    #[test]
    fn a_panic_on_a_file_is_an_error_that_fails_the_run_and_the_others_are_linted() {
        fn panics(input: &rules::Input, _: &mut Vec<Diagnostic>) {
            if input.facts.settings.iter().any(|s| s.value == "boom") {
                panic!("a bug, quoting the file: boom");
            }
        }
        static PANICS: rules::Rule = rules::Rule {
            code: "STS999",
            name: "test-panics",
            summary: "panics on a file that sets a value `boom`",
            severity: crate::diagnostic::Severity::Warning,
            reads: rules::Facts::STS_MODE,
            fix: rules::FixAvailability::None,
            doc: "",
            check: panics,
        };
        static REGISTRY: [&rules::Rule; 1] = [&PANICS];
        let plan = Arc::new(FilePlan::with_rules(&REGISTRY, RuleSet::all(&REGISTRY)));
        let dir = tempfile::tempdir().unwrap();
        let (bad, good) = (dir.path().join("bad.env"), dir.path().join("good.env"));
        std::fs::write(&bad, "AWS_STS_REGIONAL_ENDPOINTS=boom\n").unwrap();
        std::fs::write(&good, "AWS_STS_REGIONAL_ENDPOINTS=regional\n").unwrap();
        let (outcome, _) = lint_path(&bad, FileKind::DotEnv, false, &plan);
        let Outcome::Failed(error) = outcome else {
            panic!("a panic is a failed file");
        };
        assert_eq!(
            (error.message.as_str(), error.fails),
            (INTERNAL_ERROR, true)
        );
        assert!(matches!(
            lint_path(&good, FileKind::DotEnv, false, &plan).0,
            Outcome::Clean
        ));
    }

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
            lint_source(source)
                .diagnostics
                .iter()
                .map(|d| d.severity)
                .collect::<Vec<_>>()
        };
        assert_eq!(lint("app/sts.py"), [Severity::Warning]);
        assert_eq!(lint("app/test_sts.py"), [Severity::Info]);
    }
}
