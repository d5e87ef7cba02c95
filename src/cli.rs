//! Command line: clap definitions, and the glue from arguments to a run, its output and an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::classify::{self, FileKind};
use crate::config;
use crate::diagnostic::Severity;
use crate::discover::DiscoverOptions;
use crate::fix::{self, FixOptions, FixSummary};
use crate::lint::{self, Options, Report};
use crate::render::{self, OutputFormat, Style};
use crate::rules::{self, Rule};
use crate::source::{Skip, SourceFile};

/// Exit codes (documented in the README).
pub const EXIT_OK: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "stslint",
    version,
    about = "Find every place that still sends AWS STS calls to the global endpoint sts.amazonaws.com",
    after_help = "`stslint PATHS…` is short for `stslint check PATHS…`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per process: the size of the `check` arguments costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default command).
    Check(CheckArgs),
    /// Audit this machine: AWS config and credentials files, shell start-up files, the environment
    /// and installed clients, with each profile's effective STS endpoint.
    Doctor(DoctorArgs),
    /// Print the documentation of one rule.
    Rule {
        /// A rule code (`STS001`) or name (`global-endpoint`).
        rule: String,
    },
    /// List every rule with its default severity, fix availability and file kinds.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Examine this directory as the home directory instead of `$HOME`.
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Output format (the table is shown in human and concise formats; JSON carries it as data).
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// When to use colour (`NO_COLOR` is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Enable only these rules (codes, names, code prefixes or ALL; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Disable these rules (codes, names or code prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Exit 0 even when problems are found.
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// When to use colour (`NO_COLOR` is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print diagnostics only: no summary line, no notes.
    #[arg(short, long)]
    pub quiet: bool,
    /// Exit 0 even when problems are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Enable only these rules (codes, names, code prefixes or ALL; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Disable these rules (codes, names or code prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Skip paths matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Apply excludes to paths named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// Do not honour `.gitignore` and `.ignore` files.
    #[arg(long)]
    pub no_ignore: bool,
    /// Read this file as an AWS config file whatever its name (repeatable).
    #[arg(long, value_name = "PATH")]
    pub aws_config: Vec<PathBuf>,
    /// The file name that decides the kind of standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply safe fixes in place, then report what remains (with `-`: print the fixed text).
    #[arg(long)]
    pub fix: bool,
    /// Apply unsafe fixes too (with `--fix` or `--diff`); review them before committing.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change and write nothing; exit 1 if there is any.
    #[arg(long)]
    pub diff: bool,
    /// Exit 1 when `--fix` changed anything, even if nothing remains (for pre-commit).
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Enable these rules on top of the selection (codes, names or prefixes; comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// The lowest severity that makes the run fail: error, warning (default) or info.
    #[arg(long, value_name = "SEVERITY", value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,
    /// Use this config file for every linted file instead of discovering one.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every config file: defaults and the command line only.
    #[arg(long)]
    pub isolated: bool,
    /// Ignore `stslint: ignore[…]` comments: report everything (for audits).
    #[arg(long)]
    pub no_inline_suppressions: bool,
    /// Also list the findings that inline comments suppress, with their reasons.
    #[arg(long)]
    pub show_suppressed: bool,
    /// Record today's findings in FILE (then exit 0) so that `--baseline FILE` hides them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings not recorded in FILE, and list its entries that match nothing any more.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

impl CheckArgs {
    /// What fixing was asked for: none, write (`--fix`) or describe (`--diff`, which wins).
    fn fix_mode(&self) -> Option<fix::Mode> {
        if self.diff {
            Some(fix::Mode::Diff)
        } else if self.fix {
            Some(fix::Mode::Write)
        } else {
            None
        }
    }
}

/// Inserts `check` when the first argument is not a subcommand, so `stslint PATHS…` works.
pub fn normalize_args(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let known = [
        "check",
        "doctor",
        "rule",
        "rules",
        "help",
        "-h",
        "--help",
        "-V",
        "--version",
    ];
    let first = args.get(1).and_then(|a| a.to_str());
    if !first.is_some_and(|f| known.contains(&f)) {
        args.insert(1.min(args.len()), "check".into());
    }
    args
}

/// Runs the command line and returns the process exit code.
pub fn main(args: Vec<std::ffi::OsString>) -> u8 {
    let cli = match Cli::try_parse_from(normalize_args(args)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Check(args) => check(&args, &mut out),
        Command::Doctor(args) => doctor(&args, &mut out),
        Command::Rule { rule } => show_rule(&rule, &mut out),
        Command::Rules { format } => list_rules(format, &mut out)
            .map(|()| EXIT_OK)
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(io::stderr(), "stslint: error: {message}");
            EXIT_ERROR
        }
    }
}

/// Resolves the rule flags of the command line; unknown codes are usage errors.
fn overrides(args: &CheckArgs) -> Result<config::Overrides, String> {
    let resolve = |keys: &[String]| -> Result<Vec<&'static Rule>, String> {
        let mut out = Vec::new();
        for key in keys {
            out.extend(rules::matching(key)?);
        }
        Ok(out)
    };
    Ok(config::Overrides {
        select: (!args.select.is_empty())
            .then(|| resolve(&args.select))
            .transpose()?,
        extend_select: resolve(&args.extend_select)?,
        ignore: resolve(&args.ignore)?,
        fail_on: args.fail_on.as_deref().and_then(config::parse_fail_on),
    })
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, String> {
    let color = use_color(args.color);
    let mut resolver =
        match config::Resolver::new(args.config.as_deref(), args.isolated, overrides(args)?) {
            Ok(r) => r,
            Err(e) => {
                config::report_error(&e, color);
                return Ok(EXIT_ERROR);
            }
        };
    let mode = args.fix_mode();
    let fix_options = FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    let mut summary = FixSummary::default();
    let inline_suppressions = !args.no_inline_suppressions;
    // Every rule runs; the per-file selection of the config is applied to the findings afterwards.
    let rules = rules::ALL.to_vec();
    let mut config_error = None;
    // Artifact paths of every linted file, to tell stale baseline entries from files not linted now.
    let mut linted = std::collections::HashSet::new();
    if let Some(name) = &args.stdin_filename {
        linted.insert(crate::fingerprint::artifact_path(name));
    }
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let mut report = Report::default();
    // With `--fix` on stdin the fixed text owns standard output, so diagnostics go to stderr.
    let mut fixed_stdin: Option<Vec<u8>> = None;
    if stdin {
        report.files_checked += 1;
        let name = args
            .stdin_filename
            .clone()
            .ok_or("reading standard input needs --stdin-filename NAME to decide the file kind")?;
        let kind = stdin_kind(&name, &args.aws_config)?;
        let bytes = crate::source::read_capped(io::stdin().lock(), 0)
            .map_err(|e| format!("reading standard input: {e}"))?
            .map_err(|skip| format!("standard input: {skip}"))?;
        match SourceFile::from_bytes(name.clone(), kind, bytes.clone()) {
            Ok(source) => {
                // Fixing needs this file's own selection before it starts, not after.
                let file_rules = match resolver.rules_for(&name) {
                    Ok(enabled) => enabled.into_iter().map(|(r, _)| r).collect::<Vec<_>>(),
                    Err(e) => {
                        config::report_error(&e, color);
                        return Ok(EXIT_ERROR);
                    }
                };
                let lint_mode = lint::LintMode {
                    test: classify::is_test_path(&name),
                    inline_suppressions,
                };
                let mut result = lint::lint_source_with(source, &file_rules, lint_mode);
                if let Some(mode) = mode {
                    let fixed = fix::fix_file(result, &file_rules, fix_options);
                    fixed_stdin = fix_stdin(&fixed, &name, bytes, mode, &mut report, &mut summary);
                    result = fixed.result;
                }
                if result.has_output() {
                    report.files.push(result);
                }
            }
            Err(skip) => {
                if mode == Some(fix::Mode::Write) {
                    fixed_stdin = Some(bytes);
                }
                report.skipped.push((name, skip));
            }
        }
    }
    let paths: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    if !paths.is_empty() || !args.aws_config.is_empty() {
        let roots: Vec<PathBuf> = paths.iter().chain(&args.aws_config).cloned().collect();
        let options = Options {
            paths,
            discover: DiscoverOptions {
                exclude: args.exclude.clone(),
                force_exclude: args.force_exclude,
                no_ignore: args.no_ignore,
                aws_config: args.aws_config.clone(),
            },
            rules,
        };
        let force_exclude = args.force_exclude;
        let mut walked = lint::run_filtered(
            &options,
            &mut |c| {
                let keep = (c.explicit && !force_exclude)
                    || config_error.is_some()
                    || match resolver.is_excluded(&c.path) {
                        Ok(excluded) => !excluded,
                        Err(e) => {
                            config_error = Some(e);
                            true
                        }
                    };
                if keep {
                    linted.insert(crate::fingerprint::artifact_path(&c.path));
                }
                keep
            },
            inline_suppressions,
        )?;
        if let Some(mode) = mode {
            // Only the rules enabled for a file may fix it: resolve them first, then fix.
            if let Err(e) = resolver.apply(&mut walked) {
                config_error.get_or_insert(e);
            }
            let mut per_file = std::collections::HashMap::new();
            for file in &walked.files {
                if let Ok(enabled) = resolver.rules_for(&file.source.path) {
                    let enabled: Vec<&'static Rule> = enabled.into_iter().map(|(r, _)| r).collect();
                    per_file.insert(file.source.path.clone(), enabled);
                }
            }
            let rules_for = |path: &Path| per_file.get(path).cloned().unwrap_or_default();
            let done = fix::fix_report(
                &mut walked,
                &rules_for,
                fix_options,
                mode,
                &fix::roots(&roots),
            );
            summary.fixed += done.fixed;
            summary.files += done.files;
            summary.diff.push_str(&done.diff);
        }
        report.files_checked += walked.files_checked;
        report.files.extend(walked.files);
        report.errors.extend(walked.errors);
        report.skipped.extend(walked.skipped);
        report.fixed += walked.fixed;
    }
    if let Some(e) = config_error.or_else(|| resolver.apply(&mut report).err()) {
        config::report_error(&e, color);
        return Ok(EXIT_ERROR);
    }
    if mode == Some(fix::Mode::Diff) {
        return show_diff(args, &report, &summary, out);
    }
    if !args.show_suppressed {
        for file in &mut report.files {
            file.suppressed.clear();
        }
    }
    if let Some(path) = &args.write_baseline {
        let baseline = crate::baseline::from_report(&report);
        crate::baseline::write(path, &baseline)?;
        let _ = writeln!(
            io::stderr(),
            "stslint: wrote {} findings to baseline `{}`",
            baseline.entries.len(),
            path.display()
        );
        return Ok(EXIT_OK);
    }
    if let Some(path) = &args.baseline {
        let baseline = crate::baseline::load(path)?;
        let stale = crate::baseline::apply(&mut report, &baseline, &linted);
        if !stale.is_empty() && !args.quiet {
            let mut err = io::stderr().lock();
            let _ = writeln!(
                err,
                "note: {} baseline entries in `{}` match no finding any more (fixed, or the line changed); run with `--write-baseline {}` to drop them:",
                stale.len(),
                path.display(),
                path.display()
            );
            for e in &stale {
                let _ = writeln!(
                    err,
                    "  {}: {} {}",
                    render::sanitize::path_str(&e.path),
                    render::sanitize::terminal(&e.code),
                    render::sanitize::terminal(&e.message)
                );
            }
        }
    }
    report.files.retain(|f| f.has_output());
    let style = Style {
        color: color && args.output_file.is_none(),
        quiet: args.quiet,
    };
    let mut file_out;
    let mut stderr_out;
    let out: &mut dyn Write = match (&args.output_file, &fixed_stdin) {
        (Some(path), _) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("creating `{}`: {e}", dir.display()))?;
            }
            let file = std::fs::File::create(path)
                .map_err(|e| format!("writing `{}`: {e}", path.display()))?;
            file_out = io::BufWriter::new(file);
            &mut file_out
        }
        // The fixed text of stdin goes to stdout; the report to stderr.
        (None, Some(_)) => {
            stderr_out = io::stderr().lock();
            &mut stderr_out
        }
        (None, None) => out,
    };
    let rendered = if args.statistics {
        render::statistics(args.format, &report, out)
    } else {
        render::render(args.format, &report, style, out)
    };
    let written = match &fixed_stdin {
        Some(bytes) => rendered.and_then(|()| io::stdout().lock().write_all(bytes)),
        None => rendered,
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`stslint … | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(format!("writing output: {e}"));
        }
        _ => {}
    }
    if args.format == OutputFormat::Github
        && let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty())
    {
        append_step_summary(Path::new(&summary), &render::github::step_summary(&report))?;
    }
    let code = exit_code_with(&report, args.exit_zero, &|path| resolver.fail_on(path));
    if code != EXIT_ERROR && args.exit_non_zero_on_fix && report.fixed > 0 {
        return Ok(EXIT_FINDINGS);
    }
    Ok(code)
}

/// Accounts for a fixed stdin and returns, for `--fix`, the bytes to print: the fixed text, or the input
/// byte for byte when nothing changed.
fn fix_stdin(
    fixed: &fix::FixedFile,
    name: &std::path::Path,
    input: Vec<u8>,
    mode: fix::Mode,
    report: &mut Report,
    summary: &mut FixSummary,
) -> Option<Vec<u8>> {
    if let Some(note) = &fixed.note {
        report
            .skipped
            .push((name.to_path_buf(), Skip::NotFixed(note.clone())));
    }
    if fixed.changed() {
        summary.fixed += fixed.applied;
        summary.files += 1;
        match mode {
            fix::Mode::Diff => summary.diff.push_str(&fix::unified_diff(
                &crate::source::display_path(name),
                &fixed.original_masked,
                fixed.result.source.masked(),
            )),
            fix::Mode::Write => report.fixed += fixed.applied,
        }
    }
    match mode {
        fix::Mode::Write if fixed.changed() => Some(fixed.result.source.to_bytes()),
        fix::Mode::Write => Some(input),
        fix::Mode::Diff => None,
    }
}

/// `--diff`: the diffs on stdout; errors, notes and a one-line summary on stderr. Exit 1 if any diff.
fn show_diff(
    args: &CheckArgs,
    report: &Report,
    summary: &FixSummary,
    out: &mut dyn Write,
) -> Result<u8, String> {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let written = out.write_all(summary.diff.as_bytes()).and_then(|()| {
        for error in &report.errors {
            writeln!(
                err,
                "error: {}: {}",
                render::sanitize::path(&error.path),
                render::sanitize::terminal(&error.message)
            )?;
        }
        if !args.quiet {
            for (path, skip) in &report.skipped {
                writeln!(
                    err,
                    "note: {}: {}",
                    render::sanitize::path(path),
                    render::sanitize::terminal(&skip.to_string())
                )?;
            }
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            if summary.files > 0 {
                writeln!(
                    err,
                    "would fix {} in {}",
                    plural(summary.fixed, "problem"),
                    plural(summary.files, "file")
                )?;
            } else {
                writeln!(err, "nothing to fix")?;
            }
        }
        Ok(())
    });
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(format!("writing output: {e}"));
        }
        _ => {}
    }
    Ok(if report.errors.iter().any(|e| e.explicit) {
        EXIT_ERROR
    } else if summary.files > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn doctor(args: &DoctorArgs, out: &mut dyn Write) -> Result<u8, String> {
    let mut rules = rules::select(&args.select, &args.ignore)?;
    if args.select.is_empty() {
        // The doctor sees the whole machine, so the machine-wide rules run by default.
        for code in rules::DOCTOR_ONLY {
            let ignored = args
                .ignore
                .iter()
                .any(|i| rules::matching(i).is_ok_and(|m| m.iter().any(|r| r.code == *code)));
            if !ignored && let Some(rule) = rules::find(code) {
                rules.push(rule);
            }
        }
    }
    let machine = crate::doctor::Machine::current(args.home.clone());
    let exam = crate::doctor::examine(&machine, &rules);
    let style = Style {
        color: use_color(args.color),
        quiet: false,
    };
    match render::doctor::render(&exam, args.format, style, out) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(format!("writing output: {e}"));
        }
        _ => {}
    }
    Ok(exit_code(&exam.report, args.exit_zero))
}

fn stdin_kind(name: &std::path::Path, aws_config: &[PathBuf]) -> Result<FileKind, String> {
    if aws_config.iter().any(|p| p == name) {
        return Ok(FileKind::AwsConfig);
    }
    classify::classify(name).ok_or_else(|| {
        format!(
            "--stdin-filename `{}` is not a kind of file stslint reads (e.g. `.aws/config`, `.env`, `Dockerfile`, `deploy.yaml`)",
            name.display()
        )
    })
}

/// 2 for an error on an explicit path, 1 for findings at warning or above, else 0.
pub fn exit_code(report: &Report, exit_zero: bool) -> u8 {
    if report.errors.iter().any(|e| e.explicit) {
        return EXIT_ERROR;
    }
    let failing = report
        .diagnostics()
        .any(|(_, d)| d.severity >= Severity::Warning)
        || render::unreadable_configs(report) > 0;
    if failing && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// Appends to the job summary file GitHub Actions names in `GITHUB_STEP_SUMMARY`.
fn append_step_summary(path: &Path, text: &str) -> Result<(), String> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| format!("writing GITHUB_STEP_SUMMARY `{}`: {e}", path.display()))
}

/// Like [`exit_code`], with the failing severity decided per file (`fail-on`).
pub fn exit_code_with(
    report: &Report,
    exit_zero: bool,
    fail_on: &dyn Fn(&std::path::Path) -> Severity,
) -> u8 {
    if report.errors.iter().any(|e| e.explicit) {
        return EXIT_ERROR;
    }
    let failing = report
        .diagnostics()
        .any(|(f, d)| d.severity >= fail_on(&f.source.path))
        || render::unreadable_configs(report) > 0;
    if failing && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn kinds(rule: &Rule) -> String {
    rule.kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_rule(key: &str, out: &mut dyn Write) -> Result<u8, String> {
    let rule = rules::find(key)
        .ok_or_else(|| format!("unknown rule `{key}` (run `stslint rules` to list them)"))?;
    let header = format!(
        "{} {} · default severity: {} · fix: {} · file kinds: {}\n\n",
        rule.code,
        rule.name,
        rule.severity.as_str(),
        rule.fix.as_str(),
        kinds(rule)
    );
    out.write_all(header.as_bytes())
        .and_then(|()| out.write_all(rule.doc.as_bytes()))
        .map_err(|e| e.to_string())?;
    Ok(EXIT_OK)
}

fn list_rules(format: RulesFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        RulesFormat::Human => {
            writeln!(
                out,
                "{:<7} {:<26} {:<8} {:<9} {:<40}",
                "CODE", "NAME", "SEVERITY", "FIX", "FILE KINDS"
            )?;
            for rule in rules::ALL {
                writeln!(
                    out,
                    "{:<7} {:<26} {:<8} {:<9} {}",
                    rule.code,
                    rule.name,
                    rule.severity.as_str(),
                    rule.fix.as_str(),
                    kinds(rule)
                )?;
            }
            Ok(())
        }
        RulesFormat::Json => {
            let list: Vec<_> = rules::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "severity": r.severity,
                        "fix": r.fix.as_str(),
                        "kinds": r.kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
                        "url": r.doc_url(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
            writeln!(out)
        }
    }
}
