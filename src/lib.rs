//! stslint finds every place where a workload still depends on the global AWS STS endpoint.
//!
//! The flow runs one way, through stages that each have one job:
//!
//! ```text
//! paths/stdin ─► discover ─► classify ─► read ─► extract ─► rules ─► diagnostics ─► configure ─► render
//!                (ignore,    FileKind   Source   Facts     Rule      Diagnostic     (select,     (human,
//!                parallel)              +lines   +spans    table                   ignore)      concise, json)
//! ```
//!
//! - [`discover`] decides which files to look at, from names alone, on every core; each walking thread
//!   lints what it finds ([`lint::run`]), and results are sorted by path before anything is shown.
//! - [`classify`] maps a path to a [`classify::FileKind`].
//! - [`source`] reads a file into a [`source::SourceFile`] with a line index.
//! - [`extract`] turns each file kind's syntax into domain [`extract::facts`].
//! - [`rules`] holds one file per rule and the registry; rules see facts, never syntax.
//! - [`diagnostic`] is what rules produce; [`render`] is the only stage that writes output.
//! - [`sanitize`] is the one output sanitizer every string from a file, a file name or a log passes
//!   (`check`, `doctor`, `trail` and `report` alike).
//! - [`fix`] is another consumer of diagnostics: applies their edits, re-lints, writes atomically.
//! - [`doctor`] examines this machine's effective configuration with the same extractors and rules.
//! - [`suppress`] matches inline `stslint: ignore[…]` comments to findings (and reports unused ones);
//!   [`config`] applies the project config per file; [`baseline`] hides recorded findings;
//!   [`fingerprint`] gives each finding the content identity SARIF, GitLab and baselines share.
//! - [`plan`] turns the arguments into one [`plan::Plan`] and gives each file one [`lint::FilePlan`];
//!   [`lint::lint`] is the one lint of one file, called by every entry point. `cli` builds the plan,
//!   prints and picks the exit code; `main` only calls it.
//! - [`repo`] gathers account-level facts (STS VPC endpoints, the token version, deploy regions) per
//!   repository after the walk; the files with findings are linted again with them in their plan.
#![warn(clippy::print_stdout, clippy::print_stderr)]

/// Where the project lives: the one constant a packager sets (`repository` in `Cargo.toml`), printed
/// only as SARIF's `informationUri`. Diagnostics point to `stslint rule CODE`, which works offline:
/// there is no published documentation site to link to.
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

pub mod baseline;
pub mod classify;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod doctor;
pub mod extract;
pub mod fingerprint;
pub mod fix;
pub mod fuzzing;
pub mod knowledge;
pub mod lint;
pub mod pathglob;
pub mod plan;
pub mod render;
pub mod repo;
pub mod report;
pub mod rules;
pub mod sanitize;
pub mod secrets;
pub mod source;
pub mod suppress;
pub mod trail;
