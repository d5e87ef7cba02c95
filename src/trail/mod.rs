//! `stslint trail`: the runtime half. Reads exported CloudTrail data offline and reports, per caller, who
//! still calls the global STS endpoint and what to change.
//!
//! ```text
//! paths/stdin ─► discover (AWSLogs layout, skip digests) ─► sniff (gzip? Records/Events/NDJSON/CSV)
//!   ─► scan records ─► prefilter (can it be STS?) ─► parse needed fields (borrowed) ─► classify endpoint
//!   ─► caller ─► aggregate (file order, dedup by eventID, bounded) ─► knowledge (user agent → client,
//!   rule code, help) ─► render (human, json, csv, markdown)
//! ```
//!
//! Files are read on every core (one worker per core takes the next file); their observations are folded
//! in file order, so the report is byte-identical on every run. The same grouping exists as SQL
//! (`--emit-sql`), whose results come back in through the same readers.

pub mod aggregate;
pub mod classify;
pub mod client;
pub mod input;
pub mod record;
pub mod redact;
pub mod render;
pub mod rows;
pub mod scan;
pub mod sql;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use clap::{Args, ValueEnum};

use self::aggregate::{Aggregate, Report};
use self::input::FileOutcome;
use self::record::Filter;
use self::render::TrailFormat;

/// The command's documentation, printed by `stslint trail --help`.
pub const DOC: &str = include_str!("README.md");

/// Which global calls make the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any call to `sts.amazonaws.com`, served in us-east-1 or locally (the default).
    AnyGlobal,
    /// Only calls served in us-east-1.
    Global,
}

#[derive(Debug, Args)]
#[command(
    about = "Report who still calls the global STS endpoint, from exported CloudTrail logs",
    after_long_help = DOC
)]
pub struct TrailArgs {
    /// CloudTrail files or directories (S3 trail files, lookup-events output, NDJSON, CSV, query
    /// results; gzip or plain); `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrailFormat::Human)]
    pub format: TrailFormat,
    /// Only calls at or after this time (`2026-10-01` or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only calls at or before this time (`2026-10-31`, inclusive, or RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only calls by or to this account (repeatable, or comma-separated).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub account: Vec<String>,
    /// Only callers matching this glob (`arn:aws:iam::*:role/ci-*`).
    #[arg(long, value_name = "GLOB")]
    pub caller: Option<String>,
    /// Replace account ids, IPs and principal names with stable hashes, for sharing a report.
    #[arg(long)]
    pub redact: bool,
    /// Print the query that does the same grouping on Athena, Logs Insights or CloudTrail Lake.
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub emit_sql: Option<sql::Engine>,
    /// Exit 0 even when global calls are found.
    #[arg(long)]
    pub exit_zero: bool,
    /// Which calls fail the run: `any-global` (default) or `global` (served in us-east-1 only).
    #[arg(long, value_enum, value_name = "WHICH", default_value_t = FailOn::AnyGlobal)]
    pub fail_on: FailOn,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", hide = true)]
    pub threads: Option<usize>,
}

/// Exit codes, as `check`'s.
const EXIT_OK: u8 = 0;
const EXIT_FOUND: u8 = 1;
const EXIT_USAGE: u8 = 2;

/// `2026-10-01` (start or end of day) or an RFC 3339 instant, as `YYYY-MM-DDTHH:MM:SSZ`.
fn parse_bound(value: &str, end_of_day: bool) -> Result<String, String> {
    let v = value.trim();
    if let Ok(date) = v.parse::<jiff::civil::Date>()
        && v.len() == 10
    {
        let time = if end_of_day { "23:59:59" } else { "00:00:00" };
        return Ok(format!("{}T{time}Z", date.strftime("%Y-%m-%d")));
    }
    match v.parse::<jiff::Timestamp>() {
        Ok(t) => Ok(t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()),
        Err(_) => Err(format!(
            "`{}` is not a date (2026-10-01) or an RFC 3339 time (2026-10-01T12:00:00Z)",
            crate::sanitize::terminal(value)
        )),
    }
}

fn filter(args: &TrailArgs) -> Result<Filter, String> {
    let caller = match &args.caller {
        Some(g) => Some(
            globset::GlobBuilder::new(g)
                .literal_separator(false)
                .build()
                .map_err(|e| format!("--caller: {e}"))?
                .compile_matcher(),
        ),
        None => None,
    };
    Ok(Filter {
        since: args
            .since
            .as_deref()
            .map(|s| parse_bound(s, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|s| parse_bound(s, true))
            .transpose()?,
        accounts: args
            .account
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        caller,
    })
}

/// One input to read, with its place in the order of the report.
enum Job {
    Read(usize, Option<PathBuf>, String),
    Skip(usize, String),
}

fn display(path: &Path) -> String {
    crate::source::display_path(path)
}

/// Walks the inputs in a stable order and sends one job per file; returns the first missing path.
fn discover(paths: &[PathBuf], send: &mut dyn FnMut(Job)) -> Option<String> {
    let mut index = 0;
    let mut missing = None;
    for root in paths {
        if root.as_os_str() == "-" {
            send(Job::Read(index, None, "-".to_owned()));
            index += 1;
            continue;
        }
        if root.is_file() {
            send(Job::Read(index, Some(root.clone()), display(root)));
            index += 1;
            continue;
        }
        if !root.is_dir() {
            missing.get_or_insert_with(|| display(root));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker.flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.into_path();
            if input::skip_by_path(&path) {
                send(Job::Skip(index, display(&path)));
            } else if input::wanted_in_walk(&path) {
                send(Job::Read(index, Some(path.clone()), display(&path)));
            } else {
                continue;
            }
            index += 1;
        }
    }
    missing
}

/// Reads every input on `threads` workers and folds the outcomes in input order.
pub fn collect(paths: &[PathBuf], filter: &Filter, threads: usize) -> (Report, Option<String>) {
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads * 64);
    let job_rx = Arc::new(Mutex::new(job_rx));
    let (out_tx, out_rx) = mpsc::sync_channel::<FileOutcome>(threads * 64);
    let mut aggregate = Aggregate::default();
    let mut missing = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let job_rx = Arc::clone(&job_rx);
            let out_tx = out_tx.clone();
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let outcome = match job {
                        Ok(Job::Read(index, path, name)) => {
                            input::read(index, path.as_deref(), name, filter)
                        }
                        Ok(Job::Skip(index, name)) => FileOutcome::skipped(index, name),
                        Err(_) => return,
                    };
                    if out_tx.send(outcome).is_err() {
                        return;
                    }
                }
            });
        }
        drop(out_tx);
        let walker = scope.spawn(move || discover(paths, &mut |job| drop(job_tx.send(job))));
        // Fold in input order: outcomes that arrive early wait for the ones before them.
        let mut pending: BTreeMap<usize, FileOutcome> = BTreeMap::new();
        let mut next = 0;
        for outcome in out_rx {
            pending.insert(outcome.index, outcome);
            while let Some(o) = pending.remove(&next) {
                aggregate.file(o);
                next += 1;
            }
        }
        for (_, o) in pending {
            aggregate.file(o);
        }
        missing = walker.join().ok().flatten();
    });
    (aggregate.finish(), missing)
}

/// Runs `stslint trail` and returns the exit code; usage errors go to `err`.
pub fn run(args: &TrailArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let filter = match filter(args) {
        Ok(f) => f,
        Err(e) => {
            let _ = writeln!(err, "stslint: error: {e}");
            return EXIT_USAGE;
        }
    };
    if let Some(engine) = args.emit_sql {
        let window = sql::Window {
            since: filter.since.as_deref(),
            until: filter.until.as_deref(),
        };
        return match out.write_all(sql::query(engine, &window).as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
            Err(e) => {
                let _ = writeln!(err, "stslint: error: writing output: {e}");
                EXIT_USAGE
            }
        };
    }
    if let Some(path) = args
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-" && !p.exists())
    {
        let _ = writeln!(
            err,
            "stslint: error: {}: no such file or directory",
            crate::sanitize::path(path)
        );
        return EXIT_USAGE;
    }
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .clamp(1, 64);
    let (mut report, missing) = collect(&args.paths, &filter, threads);
    if let Some(path) = missing {
        let _ = writeln!(
            err,
            "stslint: error: {}: no such file or directory",
            crate::sanitize::path_str(&path)
        );
        return EXIT_USAGE;
    }
    if args.redact {
        render::redact(&mut report);
    }
    match render::render(&report, args.format, out, err).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(err, "stslint: error: writing output: {e}");
            return EXIT_USAGE;
        }
        _ => {}
    }
    let (global, local) = report.global_calls();
    let failing = match args.fail_on {
        FailOn::AnyGlobal => global + local > 0,
        FailOn::Global => global > 0,
    };
    if failing && !args.exit_zero {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}

/// `stslint trail` from the command line: standard output and error.
pub fn main(args: &TrailArgs) -> u8 {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let code = run(args, &mut out, &mut err);
    let _ = out.flush();
    code
}
