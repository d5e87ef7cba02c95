//! Command line: clap definitions, and the glue from arguments to a run, its output and an exit code.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::classify::{self, FileKind};
use crate::config::{self, ConfigChoice, ConfigResolver};
use crate::discover::DiscoverOptions;
use crate::fix::{self, FixOptions, FixSummary};
use crate::lint::{FilePlan, Report, Walk};
use crate::plan::{self, Plan, RunError};
use crate::render::{self, OutputFormat, Style};
use crate::rules::{self, Rule, RuleSet};

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
    Trail(crate::trail::TrailArgs),
    Report(crate::report::ReportArgs),
    /// Print the documentation of one rule.
    Rule {
        /// A rule code (`STS001`) or name (`global-endpoint`).
        rule: String,
    },
    /// List every rule with its default severity, fix availability and file kinds.
    Rules {
        #[arg(long, visible_alias = "output-format", value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
    /// Print a shell completion script (e.g. `stslint completions bash > ~/.local/share/bash-completion/completions/stslint`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `stslint man > ~/.local/share/man/man1/stslint.1`.
    Man,
    /// Print the JSON schema of `stslint.toml` (for editors; the same as `src/stslint.schema.json`).
    ConfigSchema,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Examine this directory as the home directory instead of `$HOME`.
    #[arg(long, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// Output format (the table is shown in human and concise formats; JSON carries it as data).
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = OutputFormat::Human)]
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
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = OutputFormat::Human, help_heading = OUTPUT)]
    pub format: OutputFormat,
    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH", help_heading = OUTPUT)]
    pub output_file: Option<PathBuf>,
    /// When to use colour (`NO_COLOR` is honoured in `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = OUTPUT)]
    pub color: ColorChoice,
    /// Print diagnostics only: no summary line, no notes.
    #[arg(short, long, help_heading = OUTPUT)]
    pub quiet: bool,
    /// Print how many findings each rule produced instead of the findings.
    #[arg(long, help_heading = OUTPUT)]
    pub statistics: bool,
    /// Show at most N findings per file in the human, concise and github formats, then a note of how
    /// many more there are; 0 shows every one. JSON, SARIF, GitLab and JUnit always list every
    /// finding, and counts and the exit code always count every finding.
    #[arg(long, value_name = "N", default_value_t = render::MAX_FINDINGS_PER_FILE, help_heading = OUTPUT)]
    pub max_findings_per_file: usize,
    /// Also list the findings that inline comments suppress, with their reasons.
    #[arg(long, help_heading = OUTPUT)]
    pub show_suppressed: bool,
    /// Print the config file and the settings that apply to PATH, then exit.
    #[arg(long, value_name = "PATH", help_heading = OUTPUT)]
    pub show_settings: Option<PathBuf>,
    /// Enable only these rules (codes, names, code prefixes or ALL; comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = RULES)]
    pub select: Vec<String>,
    /// Enable these rules on top of the selection (codes, names or prefixes; comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = RULES)]
    pub extend_select: Vec<String>,
    /// Disable these rules (codes, names or code prefixes; comma-separated).
    #[arg(long, value_delimiter = ',', help_heading = RULES)]
    pub ignore: Vec<String>,
    /// Skip paths matching this glob, relative to the working directory (repeatable).
    #[arg(long, value_name = "GLOB", help_heading = FILES)]
    pub exclude: Vec<String>,
    /// Apply excludes to paths named on the command line too (for pre-commit).
    #[arg(long, help_heading = FILES)]
    pub force_exclude: bool,
    /// Do not honour `.gitignore` and `.ignore` files.
    #[arg(long, help_heading = FILES)]
    pub no_ignore: bool,
    /// Skip files larger than SIZE (`16M` by default; `K`, `M`, `G` are binary units) with a notice;
    /// lockfiles read in one pass (package-lock.json, yarn.lock, …) get 16 times SIZE.
    #[arg(long, value_name = "SIZE", value_parser = parse_max_file_size, help_heading = FILES)]
    pub max_file_size: Option<u64>,
    /// Read this file as an AWS config file whatever its name (repeatable).
    #[arg(long, value_name = "PATH", help_heading = FILES)]
    pub aws_config: Vec<PathBuf>,
    /// Threads that walk and lint (default: one per core).
    #[arg(short = 'j', long, value_name = "N", help_heading = FILES)]
    pub threads: Option<usize>,
    /// The file name that decides the kind of standard input (`-`).
    #[arg(long, value_name = "NAME", help_heading = FILES)]
    pub stdin_filename: Option<PathBuf>,
    /// Read every file named on the command line, and standard input, as this kind (a name from
    /// `stslint rules`, e.g. aws-config, yaml, shell); directories are walked as usual.
    #[arg(long, value_name = "KIND", help_heading = FILES)]
    pub kind: Option<String>,
    /// Apply safe fixes in place, then report what remains (with `-`: print the fixed text).
    #[arg(long, help_heading = FIXING)]
    pub fix: bool,
    /// Apply unsafe fixes too (with `--fix` or `--diff`); review them before committing.
    #[arg(long, help_heading = FIXING)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change and write nothing; exit 1 if there is any.
    #[arg(long, help_heading = FIXING)]
    pub diff: bool,
    /// The lowest severity that makes the run fail: error, warning (default) or info.
    #[arg(long, value_name = "SEVERITY", value_parser = ["error", "warning", "info"], help_heading = EXIT)]
    pub fail_on: Option<String>,
    /// Exit 0 even when problems are found.
    #[arg(long, help_heading = EXIT)]
    pub exit_zero: bool,
    /// Exit 1 when `--fix` changed anything, even if nothing remains (for pre-commit).
    #[arg(long, help_heading = EXIT)]
    pub exit_non_zero_on_fix: bool,
    /// Do not fail (exit 2) because a file was skipped for its size; its notice is still shown.
    #[arg(long, help_heading = EXIT)]
    pub allow_skipped: bool,
    /// Use this config file for every linted file instead of discovering one.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated", help_heading = CONFIG)]
    pub config: Option<PathBuf>,
    /// Ignore every config file: defaults and the command line only.
    #[arg(long, help_heading = CONFIG)]
    pub isolated: bool,
    /// Ignore `stslint: ignore[…]` comments: report everything (for audits).
    #[arg(long, help_heading = CONFIG)]
    pub no_inline_suppressions: bool,
    /// Record today's findings in FILE (then exit 0) so that `--baseline FILE` hides them.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline", help_heading = BASELINE)]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings not recorded in FILE, and list its entries that match nothing any more.
    #[arg(long, value_name = "FILE", help_heading = BASELINE)]
    pub baseline: Option<PathBuf>,
}

// `check --help` groups its options as ruff's does.
const OUTPUT: &str = "Output";
const RULES: &str = "Rule selection";
const FILES: &str = "File selection";
const FIXING: &str = "Fixing";
const EXIT: &str = "Exit status";
const CONFIG: &str = "Configuration";
const BASELINE: &str = "Baselines";

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

/// Inserts `check` when the first argument is not a subcommand, so `stslint PATHS…` works. A first
/// argument that is no existing path but looks like a misspelt subcommand (`stslint chek .`) is left
/// for clap to report as an unknown subcommand, with its suggestion.
pub fn normalize_args(
    cli: &clap::Command,
    mut args: Vec<std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let names: Vec<&str> = cli
        .get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
        .chain(["help"])
        .collect();
    let first = args.get(1).and_then(|a| a.to_str());
    let keep = first.is_some_and(|f| {
        ["-h", "--help", "-V", "--version"].contains(&f)
            || names.contains(&f)
            || misspelt_subcommand(f, &names)
    });
    if !keep {
        args.insert(1.min(args.len()), "check".into());
    }
    args
}

/// A word (no path separator, no dot) that is not a path here and is close to a subcommand's name,
/// by the Jaro similarity clap itself uses for its suggestions.
fn misspelt_subcommand(arg: &str, names: &[&str]) -> bool {
    let word = !arg.is_empty()
        && !arg.starts_with('-')
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    word && !Path::new(arg).exists() && names.iter().any(|n| strsim::jaro(arg, n) > 0.7)
}

/// Runs the command line and returns the process exit code.
pub fn main(args: Vec<std::ffi::OsString>) -> u8 {
    // A panic's own text can quote a file (a string slice's panic shows the string), and CI logs are
    // public: only where it happened is printed. The file it happened on is an error in the report.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        let _ = writeln!(io::stderr(), "stslint: internal error{at}");
    }));
    // The command is built once, for the subcommand names and the parse (building it is a tenth of
    // a pre-commit run on one file).
    let command = Cli::command();
    let args = normalize_args(&command, args);
    let parsed = command.try_get_matches_from(args).and_then(|mut matches| {
        <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches)
            .map_err(|e: clap::Error| e.format(&mut Cli::command()))
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    // Into a pipe or a file, output is written in large blocks: stdout's own line buffering made one
    // write call per finding, the main thread's largest cost on a tree full of findings. A terminal
    // keeps it, so lines show as they are written.
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = if stdout.is_terminal() {
        Box::new(stdout.lock())
    } else {
        Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock()))
    };
    let result = match cli.command {
        Command::Check(args) => check(&args, &mut out),
        Command::Doctor(args) => doctor(&args, &mut out),
        Command::Trail(args) => Ok(crate::trail::main(&args)),
        Command::Report(args) => Ok(crate::report::main(&args)),
        Command::Rule { rule } => show_rule(&rule, &mut out),
        Command::Rules { format } => written(list_rules(format, &mut out)),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "stslint", &mut out);
            Ok(EXIT_OK)
        }
        Command::Man => written(clap_mangen::Man::new(Cli::command()).render(&mut out)),
        Command::ConfigSchema => written(writeln!(out, "{}", config::json_schema())),
    };
    let result = result.and_then(|code| written(out.flush()).map(|_| code));
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(io::stderr(), "stslint: error: {message}");
            EXIT_ERROR
        }
    }
}

/// Exit 0 once written; a closed pipe (`stslint man | head`) is the reader's choice, not an error.
fn written(result: io::Result<()>) -> Result<u8, String> {
    match result {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(format!("writing output: {e}")),
        _ => Ok(EXIT_OK),
    }
}

/// The rule flags of the command line, resolved; unknown codes are usage errors.
fn overrides(args: &CheckArgs) -> Result<config::Overrides, String> {
    Ok(config::Overrides {
        selection: rules::Selection {
            select: (!args.select.is_empty())
                .then(|| RuleSet::parse(&args.select))
                .transpose()?,
            extend_select: RuleSet::parse(&args.extend_select)?,
            ignore: RuleSet::parse(&args.ignore)?,
        },
        fail_on: args.fail_on.as_deref().and_then(config::parse_fail_on),
        max_file_size: args.max_file_size,
        allow_skipped: args.allow_skipped,
    })
}

fn parse_max_file_size(text: &str) -> Result<u64, String> {
    crate::source::parse_size(text)
        .ok_or_else(|| format!("`{text}` is not a size: write e.g. 16M, 512K or a number of bytes"))
}

/// The arguments of `check` as one plan.
fn plan(args: &CheckArgs) -> Result<Plan, String> {
    let kind = args
        .kind
        .as_deref()
        .map(|k| FileKind::parse_name(k).map_err(|e| format!("--kind: {e}")))
        .transpose()?;
    let stdin = if args.paths.iter().any(|p| p.as_os_str() == "-") {
        let name = match (&args.stdin_filename, kind) {
            (Some(name), _) => name.clone(),
            (None, Some(_)) => PathBuf::from("-"),
            (None, None) => {
                return Err(
                    "reading standard input needs --stdin-filename NAME or --kind KIND to decide the file kind"
                        .into(),
                );
            }
        };
        let kind = match kind {
            Some(kind) => kind,
            None => stdin_kind(&name, &args.aws_config)?,
        };
        Some(plan::Stdin { name, kind })
    } else {
        None
    };
    Ok(Plan {
        walk: Walk {
            paths: args
                .paths
                .iter()
                .filter(|p| p.as_os_str() != "-")
                .cloned()
                .collect(),
            discover: DiscoverOptions {
                exclude: args.exclude.clone(),
                force_exclude: args.force_exclude,
                no_ignore: args.no_ignore,
                aws_config: args.aws_config.clone(),
                kind,
                kinds: Vec::new(),
                threads: args.threads.unwrap_or(0),
            },
        },
        stdin,
        config: if args.isolated {
            ConfigChoice::Isolated
        } else if let Some(path) = &args.config {
            ConfigChoice::File(path.clone())
        } else {
            ConfigChoice::Discover
        },
        overrides: overrides(args)?,
        inline_suppressions: !args.no_inline_suppressions,
        fix: args.fix_mode().map(|mode| plan::FixRequest {
            mode,
            options: FixOptions {
                unsafe_fixes: args.unsafe_fixes,
            },
        }),
        record_linted: args.baseline.is_some(),
    })
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, String> {
    if let Some(path) = &args.show_settings {
        return show_settings(args, path, out);
    }
    let color = use_color(args.color);
    let plan = plan(args)?;
    let outcome = match plan::run(&plan, &mut io::stdin().lock()) {
        Ok(outcome) => outcome,
        Err(RunError::Config(e)) => {
            config::report_error(&e, color);
            return Ok(EXIT_ERROR);
        }
        Err(RunError::Other(message)) => return Err(message),
    };
    let plan::Outcome {
        mut report,
        fixes,
        fixed_stdin,
        linted,
    } = outcome;
    if args.fix_mode() == Some(fix::Mode::Diff) {
        return show_diff(args, &report, &fixes, out);
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
                    crate::sanitize::path_str(&e.path),
                    crate::sanitize::terminal(&e.code),
                    crate::sanitize::terminal(&e.message)
                );
            }
        }
    }
    report.files.retain(|f| f.has_output());
    let color = color && args.output_file.is_none();
    let style = Style {
        color,
        quiet: args.quiet,
        width: render::terminal_width(),
        max_per_file: args.max_findings_per_file,
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
        append_step_summary(
            Path::new(&summary),
            &render::github::step_summary(&report, style),
        )?;
    }
    let code = exit_code(&report, args.exit_zero);
    let fixed = report.fixed;
    // The process ends next, which frees it all at once: dropping every file's text, facts and
    // findings one by one took 5% of a run on a tree where every file has a finding.
    std::mem::forget(report);
    if code != EXIT_ERROR && args.exit_non_zero_on_fix && fixed > 0 {
        return Ok(EXIT_FINDINGS);
    }
    Ok(code)
}

/// `--show-settings PATH`: the config file that applies to PATH (or none), and the plan it and the
/// command line give that file: excluded or not, the rules enabled with their severities, fail-on,
/// default-region.
fn show_settings(args: &CheckArgs, path: &Path, out: &mut dyn Write) -> Result<u8, String> {
    let color = use_color(args.color);
    let plan = plan(args)?;
    let resolved = ConfigResolver::new(plan.config.clone(), plan.overrides.clone(), true).and_then(
        |mut resolver| {
            let config = resolver.config_for(path)?;
            let excluded = resolver.is_excluded(path)?;
            let file_plan = resolver.plan_for(path, classify::is_test_path(path))?;
            Ok((config, excluded, file_plan))
        },
    );
    let (config, excluded, file_plan) = match resolved {
        Ok(r) => r,
        Err(e) => {
            config::report_error(&e, color);
            return Ok(EXIT_ERROR);
        }
    };
    let shown = crate::source::display_path(path);
    let file = match (&config.file, args.isolated) {
        (_, true) => "none (--isolated: defaults and the command line only)".to_owned(),
        (Some(f), _) => crate::fingerprint::artifact_path(f),
        (None, false) => "none found (defaults and the command line only)".to_owned(),
    };
    // `--kind`, then the config's `[kinds]`, then the name: as the walk decides.
    let options = DiscoverOptions {
        kind: args
            .kind
            .as_deref()
            .map(|k| FileKind::parse_name(k).map_err(|e| format!("--kind: {e}")))
            .transpose()?,
        kinds: config
            .kinds
            .iter()
            .map(|(globs, kind)| crate::discover::KindGlobs {
                globs: globs.clone(),
                root: config.root.clone(),
                kind: *kind,
            })
            .collect(),
        ..DiscoverOptions::default()
    };
    let kind = options
        .kind_of(path, true)
        .map_or("not a kind of file stslint reads", |k| k.name());
    let mut text = format!("Settings for `{shown}`\n");
    text.push_str(&format!("  config file:    {file}\n"));
    text.push_str(&format!("  file kind:      {kind}\n"));
    text.push_str(&format!(
        "  excluded:       {}\n",
        if excluded {
            "yes, by the config's exclude (linted only when named, without --force-exclude)"
        } else {
            "no"
        }
    ));
    text.push_str(&format!(
        "  test file:      {}\n",
        if file_plan.test {
            "yes (findings without a configured severity are info)"
        } else {
            "no"
        }
    ));
    text.push_str(&format!(
        "  fail-on:        {}\n",
        file_plan.fail_on.as_str()
    ));
    text.push_str(&format!(
        "  default-region: {}\n",
        file_plan.default_region.as_deref().unwrap_or("none")
    ));
    let enabled: Vec<&Rule> = file_plan.rules.iter(file_plan.registry).collect();
    text.push_str(&format!("  rules enabled:  {}\n", enabled.len()));
    for rule in enabled {
        let level = match file_plan.severities.iter().find(|(c, _)| *c == rule.code) {
            Some((_, s)) => format!("{} (configured)", s.as_str()),
            None => rule.severity.as_str().to_owned(),
        };
        text.push_str(&format!("    {:<7} {:<26} {level}\n", rule.code, rule.name));
    }
    written(out.write_all(text.as_bytes()))
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
                crate::sanitize::path(&error.path),
                crate::sanitize::terminal(&error.message)
            )?;
        }
        if !args.quiet {
            for (path, skip) in &report.skipped {
                writeln!(
                    err,
                    "note: {}: {}",
                    crate::sanitize::path(path),
                    crate::sanitize::terminal(&skip.to_string())
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
    Ok(
        if report.errors.iter().any(|e| e.fails) || skipped_fail(report) {
            EXIT_ERROR
        } else if summary.files > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        },
    )
}

fn doctor(args: &DoctorArgs, out: &mut dyn Write) -> Result<u8, String> {
    // The doctor sees the whole machine, so the machine-wide rules run by default.
    let selection = rules::Selection {
        select: (!args.select.is_empty())
            .then(|| RuleSet::parse(&args.select))
            .transpose()?,
        extend_select: RuleSet::EMPTY,
        ignore: RuleSet::parse(&args.ignore)?,
    };
    let enabled = rules::enabled(rules::Defaults::Doctor, &[&selection], RuleSet::EMPTY);
    let plan = std::sync::Arc::new(FilePlan::with_rules(rules::ALL, enabled));
    if let Some(home) = &args.home
        && !home.is_dir()
    {
        return Err(format!(
            "--home `{}`: no such directory",
            crate::source::display_path(home)
        ));
    }
    let machine = crate::doctor::Machine::current(args.home.clone());
    let exam = crate::doctor::examine(&machine, &plan);
    let color = use_color(args.color);
    let style = Style {
        quiet: false,
        ..Style::plain(false)
    };
    let style = Style {
        color,
        width: render::terminal_width(),
        ..style
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
            "--stdin-filename `{}` is not a kind of file stslint reads (e.g. `.aws/config`, `.env`, `Dockerfile`, `deploy.yaml`); or name its kind with --kind KIND",
            name.display()
        )
    })
}

/// Whether a file was skipped for its size without `allow-skipped`: the run did not see it all.
fn skipped_fail(report: &Report) -> bool {
    report.skipped.iter().any(|(_, skip)| skip.fails())
}

/// 2 for an error on an explicit path or a file skipped for its size (unless `allow-skipped`), 1 for a
/// finding at or above its file's `fail-on` severity (warning unless configured), else 0.
pub fn exit_code(report: &Report, exit_zero: bool) -> u8 {
    if report.errors.iter().any(|e| e.fails) || skipped_fail(report) {
        return EXIT_ERROR;
    }
    let failing = report
        .diagnostics()
        .any(|(f, d)| d.severity >= f.plan.fail_on)
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
    rule.kinds()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn show_rule(key: &str, out: &mut dyn Write) -> Result<u8, String> {
    let rule = rules::find(key).ok_or_else(|| rules::unknown_rule(key))?;
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
        RulesFormat::Human => rules_table(render::terminal_width(), out),
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
                        "kinds": r.kinds().map(|k| k.name()).collect::<Vec<_>>(),
                        "doc": r.doc_command(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::other)?;
            writeln!(out)
        }
    }
}

/// `stslint rules`: a table whose file kinds wrap in their own column, or one block per rule when the
/// terminal is too narrow for the table to leave them room.
fn rules_table(width: usize, out: &mut dyn Write) -> io::Result<()> {
    const LEFT: usize = 7 + 1 + 26 + 1 + 8 + 1 + 9 + 1;
    // Below a kinds column of 40 the table grows taller than the blocks.
    if width >= LEFT + 40 {
        writeln!(
            out,
            "{:<7} {:<26} {:<8} {:<9} FILE KINDS",
            "CODE", "NAME", "SEVERITY", "FIX"
        )?;
        for rule in rules::ALL {
            let first = format!(
                "{:<7} {:<26} {:<8} {:<9} ",
                rule.code,
                rule.name,
                rule.severity.as_str(),
                rule.fix.as_str()
            );
            for line in render::wrap(&kinds(rule), width, &first, &" ".repeat(LEFT)) {
                writeln!(out, "{line}")?;
            }
        }
        return Ok(());
    }
    for (i, rule) in rules::ALL.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{} {}", rule.code, rule.name)?;
        writeln!(
            out,
            "  severity: {} · fix: {}",
            rule.severity.as_str(),
            rule.fix.as_str()
        )?;
        for line in render::wrap(&kinds(rule), width, "  file kinds: ", "    ") {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
