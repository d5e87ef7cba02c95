//! The pipeline as a value: the command line becomes one [`Plan`], built once; [`run`] carries it out.
//!
//! A plan has three parts, as ripgrep's `HiArgs` has: the inputs (paths to walk, standard input as one
//! more in-memory source), a resolver that gives each file its one [`FilePlan`] (rules, mode,
//! severities, what fails the run), and a consumer (report, fix, diff). Every entry point lints through
//! [`crate::lint::lint`] with the file's plan — the walk, stdin, each fix round — so no stage rebuilds a
//! per-file decision. `cli` only builds the plan, prints the outcome and picks the exit code.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::classify::{self, FileKind};
use crate::config::{ConfigChoice, ConfigError, ConfigResolver, Overrides};
use crate::discover::Candidate;
use crate::fingerprint::artifact_path;
use crate::fix::{self, FixOptions, FixSummary};
use crate::lint::{self, FilePlan, Report, Walk};
use crate::source::{Skip, SourceFile};

/// Standard input as a source: its name decides its kind and its config.
#[derive(Debug, Clone)]
pub struct Stdin {
    pub name: PathBuf,
    pub kind: FileKind,
}

/// What `--fix` / `--diff` asked for.
#[derive(Debug, Clone, Copy)]
pub struct FixRequest {
    pub mode: fix::Mode,
    pub options: FixOptions,
}

/// One run of `check`, decided before anything is read.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Paths to walk (empty: none) and how to discover files under them.
    pub walk: Walk,
    pub stdin: Option<Stdin>,
    pub config: ConfigChoice,
    pub overrides: Overrides,
    pub inline_suppressions: bool,
    pub fix: Option<FixRequest>,
    /// Record the artifact path of every linted file (`--baseline` needs it to tell stale entries
    /// from files not linted now); without it memory does not grow with clean files.
    pub record_linted: bool,
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub report: Report,
    pub fixes: FixSummary,
    /// With `--fix` on standard input: the bytes to print (the fixed text, or the input unchanged).
    pub fixed_stdin: Option<Vec<u8>>,
    /// Artifact paths of every linted file, to tell stale baseline entries from files not linted now
    /// (only with [`Plan::record_linted`]).
    pub linted: HashSet<String>,
}

/// Why a run could not finish.
#[derive(Debug)]
pub enum RunError {
    /// A config file that cannot be used: shown as a code frame of the config file.
    Config(Box<ConfigError>),
    Other(String),
}

impl From<ConfigError> for RunError {
    fn from(e: ConfigError) -> Self {
        RunError::Config(Box::new(e))
    }
}

impl From<String> for RunError {
    fn from(e: String) -> Self {
        RunError::Other(e)
    }
}

/// Carries out a plan: lints standard input (read from `stdin`) and every walked file, each with its
/// own file plan, then fixes or describes fixes when asked.
pub fn run(plan: &Plan, stdin: &mut dyn Read) -> Result<Outcome, RunError> {
    let mut resolver = ConfigResolver::new(
        plan.config.clone(),
        plan.overrides.clone(),
        plan.inline_suppressions,
    )?;
    let mut outcome = Outcome::default();
    if let Some(input) = &plan.stdin {
        lint_stdin(plan, input, stdin, &mut resolver, &mut outcome)?;
    }
    if plan.walk.paths.is_empty() && plan.walk.discover.aws_config.is_empty() {
        return Ok(outcome);
    }
    let roots: Vec<PathBuf> = plan
        .walk
        .paths
        .iter()
        .chain(&plan.walk.discover.aws_config)
        .cloned()
        .collect();
    let walk = with_config_kinds(&plan.walk, &roots, &mut resolver)?;
    let new_planner = || WalkPlanner {
        resolver: resolver.clone(),
        roots: &roots,
        force_exclude: plan.walk.discover.force_exclude,
        error: None,
        linted: plan.record_linted.then(HashSet::new),
    };
    let (mut walked, planners) = lint::run(&walk, &new_planner)?;
    let mut config_error: Option<ConfigError> = None;
    for planner in planners {
        outcome.linted.extend(planner.linted.into_iter().flatten());
        // With several broken config files, the one with the first path is shown, whichever thread
        // met which first.
        if let Some(e) = planner.error
            && config_error.as_ref().is_none_or(|c| e.path < c.path)
        {
            config_error = Some(e);
        }
    }
    if let Some(e) = config_error {
        return Err(e.into());
    }
    if let Some(request) = plan.fix {
        let done = fix::fix_report(
            &mut walked,
            request.options,
            request.mode,
            &fix::roots(&roots),
        );
        outcome.fixes.fixed += done.fixed;
        outcome.fixes.files += done.files;
        outcome.fixes.diff.push_str(&done.diff);
    }
    outcome.report.extend(walked);
    Ok(outcome)
}

/// The walk with the `[kinds]` tables of the config files that apply to the named paths (for a
/// directory, the one that applies to the files directly in it). A config deeper in a walked tree
/// decides rules and excludes for its files, but not their kinds: kinds are decided while walking.
fn with_config_kinds(
    walk: &Walk,
    roots: &[PathBuf],
    resolver: &mut ConfigResolver,
) -> Result<Walk, RunError> {
    let mut walk = walk.clone();
    let mut seen = HashSet::new();
    for root in roots {
        let probe = if root.is_dir() {
            root.join("-")
        } else {
            root.clone()
        };
        let config = resolver.config_for(&probe)?;
        if !seen.insert(config.file.clone()) {
            continue;
        }
        for (globs, kind) in &config.kinds {
            walk.discover.kinds.push(crate::discover::KindGlobs {
                globs: globs.clone(),
                root: config.root.clone(),
                kind: *kind,
            });
        }
    }
    Ok(walk)
}

/// One walking thread's planner: its own config resolver (caches without a lock), the first config
/// error it met (after which it plans nothing), and with `--baseline` the files it planned.
struct WalkPlanner<'a> {
    resolver: ConfigResolver,
    roots: &'a [PathBuf],
    force_exclude: bool,
    error: Option<ConfigError>,
    linted: Option<HashSet<String>>,
}

impl lint::Planner for WalkPlanner<'_> {
    fn plan(&mut self, c: &Candidate) -> Option<std::sync::Arc<FilePlan>> {
        if self.error.is_some() {
            return None;
        }
        let planned = (|| {
            // Explicit paths are always linted (pre-commit names them), unless `--force-exclude`.
            let may_exclude = self.force_exclude || !c.explicit;
            if may_exclude && self.resolver.is_excluded(&c.path)? {
                return Ok(None);
            }
            let test = lint::is_test_file(&c.path, self.roots);
            self.resolver.plan_for(&c.path, test).map(Some)
        })();
        match planned {
            Ok(Some(file_plan)) => {
                if let Some(linted) = &mut self.linted {
                    linted.insert(artifact_path(&c.path));
                }
                Some(file_plan)
            }
            Ok(None) => None,
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }
}

fn lint_stdin(
    plan: &Plan,
    input: &Stdin,
    stdin: &mut dyn Read,
    resolver: &mut ConfigResolver,
    outcome: &mut Outcome,
) -> Result<(), RunError> {
    if plan.record_linted {
        outcome.linted.insert(artifact_path(&input.name));
    }
    outcome.report.files_checked += 1;
    let file_plan = resolver.plan_for(&input.name, classify::is_test_path(&input.name))?;
    // Standard input has the same size cap as a file of its kind (`/dev/zero` must not fill memory).
    let limit = crate::source::size_limit(input.kind, file_plan.max_file_size);
    let bytes = crate::source::read_capped_within(stdin, 0, limit)
        .map_err(|e| format!("reading standard input: {e}"))?
        .map_err(|skip| format!("standard input: {skip}"))?;
    let source = match SourceFile::from_bytes(input.name.clone(), input.kind, bytes.clone()) {
        Ok(source) => source,
        Err(skip) => {
            if matches!(plan.fix, Some(r) if r.mode == fix::Mode::Write) {
                outcome.fixed_stdin = Some(bytes);
            }
            outcome.report.skipped.push((input.name.clone(), skip));
            return Ok(());
        }
    };
    let mut result = lint::lint(source, &file_plan);
    if let Some(request) = plan.fix {
        let fixed = fix::fix_file(result, request.options);
        outcome.fixed_stdin = fix_stdin(&fixed, &input.name, bytes, request.mode, outcome);
        result = fixed.result;
    }
    if result.has_output() {
        outcome.report.files.push(Box::new(result));
    }
    Ok(())
}

/// Accounts for a fixed stdin and returns, for `--fix`, the bytes to print: the fixed text, or the input
/// byte for byte when nothing changed.
fn fix_stdin(
    fixed: &fix::FixedFile,
    name: &Path,
    input: Vec<u8>,
    mode: fix::Mode,
    outcome: &mut Outcome,
) -> Option<Vec<u8>> {
    if let Some(note) = &fixed.note {
        outcome
            .report
            .skipped
            .push((name.to_path_buf(), Skip::NotFixed(note.clone())));
    }
    if fixed.changed() {
        outcome.fixes.fixed += fixed.applied;
        outcome.fixes.files += 1;
        match mode {
            // The diff is made from the masked views: context lines never show a secret.
            fix::Mode::Diff => outcome.fixes.diff.push_str(&fix::unified_diff(
                &crate::source::display_path(name),
                &fixed.original_masked,
                fixed.result.source.masked(),
            )),
            fix::Mode::Write => outcome.report.fixed += fixed.applied,
        }
    }
    match mode {
        fix::Mode::Write if fixed.changed() => Some(fixed.result.source.to_bytes()),
        fix::Mode::Write => Some(input),
        fix::Mode::Diff => None,
    }
}
