//! `stslint report`: composes `check` (where: the repositories) and `trail` (who: CloudTrail) into one
//! [`Data`] value — the version-1 JSON document — that the HTML, Markdown and JSON renderers print.
//!
//! ```text
//! --repo PATHS ─► plan::run (check's one driver) ─► findings ─┐
//!                                                              ├─► join (hint) ─► Data ─► html | markdown | json
//! --trail PATHS ─► trail::collect (trail's one reader) ─► callers, calls per day ─┘
//! ```
//!
//! Nothing is computed here beyond the join: findings, severities, fixes and masking come from `check`'s
//! pipeline; callers, endpoint classes, clients and calls per day from `trail`'s aggregation. The join
//! matches the client a caller's user agent *claims* (read by [`crate::knowledge::user_agents`]) with the
//! client facts behind static findings, by the knowledge table's package and the exact version; it is a
//! hint, labelled as such everywhere it is shown.

pub mod html;
pub mod json;
pub mod markdown;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::config::ConfigChoice;
use crate::diagnostic::{Applicability, Severity};
use crate::discover::DiscoverOptions;
use crate::extract::facts::{Client, Ecosystem, Installed};
use crate::knowledge::{clients, user_agents};
use crate::lint::Walk;
use crate::plan::{self, Plan, RunError};
use crate::sanitize;
use crate::trail::{self, aggregate, classify::Endpoint, record::Filter};

/// The command's documentation, printed by `stslint report --help`.
pub const DOC: &str = include_str!("README.md");

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (no network requests).
    Html,
    /// The same content as a Markdown document.
    Markdown,
    /// The data behind the page (version 1).
    Json,
}

#[derive(Debug, Args)]
#[command(
    about = "One page that joins the static findings of `check` with the runtime callers of `trail`",
    after_long_help = DOC
)]
pub struct ReportArgs {
    /// A repository (or any file or directory) to check (repeatable).
    #[arg(long = "repo", value_name = "PATH")]
    pub repos: Vec<PathBuf>,
    /// CloudTrail files or directories, as `stslint trail` reads them (repeatable).
    #[arg(long = "trail", value_name = "PATH")]
    pub trails: Vec<PathBuf>,
    /// Write the report to this file instead of standard output.
    #[arg(short = 'o', long = "output-file", value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Replace account ids, IPs and principal names with stable hashes, as `stslint trail --redact`.
    #[arg(long)]
    pub redact: bool,
    /// Worker threads for reading CloudTrail files (default: one per core).
    #[arg(long, value_name = "N", hide = true)]
    pub threads: Option<usize>,
}

/// The version-1 document: everything the page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Data {
    pub version: u32,
    /// First and last day with calls (`YYYY-MM-DD`), when any call had a time.
    pub period: Option<Period>,
    pub headline: Headline,
    /// One entry per day of the period (days without calls included, at zero).
    pub days: Vec<Day>,
    pub callers: Vec<CallerEntry>,
    pub findings: Vec<FindingEntry>,
    /// The rules the findings and callers name, in registry order.
    pub rules: Vec<RuleEntry>,
    /// Files `check` or `trail` could not read.
    pub errors: Vec<ErrorEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Period {
    pub first: String,
    pub last: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Headline {
    /// Calls to `sts.amazonaws.com` served in us-east-1.
    pub global_calls: u64,
    /// Calls to `sts.amazonaws.com` served in the caller's region.
    pub global_served_locally_calls: u64,
    pub regional_calls: u64,
    pub unknown_calls: u64,
    /// Callers whose last day of calls includes a global call.
    pub callers_still_global: usize,
    /// Callers that made global calls in the period but only regional ones on their last day.
    pub callers_moved: usize,
    pub callers: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings with a safe fix (`stslint check --fix`).
    pub fixable: usize,
    pub files_checked: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Day {
    pub date: String,
    pub global: u64,
    pub global_served_locally: u64,
    pub regional: u64,
    pub unknown: u64,
}

impl Day {
    fn new(date: String, e: [u64; 4]) -> Day {
        Day {
            date,
            global: e[0],
            global_served_locally: e[1],
            regional: e[2],
            unknown: e[3],
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CallerEntry {
    pub caller: String,
    pub account: Option<String>,
    /// The worst endpoint class the caller reached (`global`, `global_served_locally`, …).
    pub endpoint: &'static str,
    pub global: u64,
    pub global_served_locally: u64,
    pub regional: u64,
    pub unknown: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// The client its user agent claims (`boto3 1.26.0`), when recognised.
    pub client: Option<String>,
    pub code: Option<&'static str>,
    pub help: Option<String>,
    /// Calls per day, as [`Data::days`] (only days with calls).
    pub days: Vec<Day>,
    /// The join (a hint): static findings whose client is the one this caller's user agents claim.
    pub static_matches: Vec<StaticMatch>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StaticMatch {
    /// `boto3 1.26.0`: the client and version as the user agent claims it.
    pub client: String,
    /// `requirements.txt:3`: where the repository pins or installs it.
    pub locations: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
    /// `safe`, `unsafe`, or absent when there is no fix.
    pub fix: Option<Applicability>,
    /// The client fact behind a client finding (`boto3 ==1.26.0`).
    pub client: Option<String>,
    /// For client findings (the join, a hint): callers seen in the period whose user agent claims this
    /// client at this version. Absent for findings that are not about a client.
    pub seen_by: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleEntry {
    pub code: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    /// The rule's documentation (Markdown), as `stslint rule CODE` prints it.
    pub doc: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorEntry {
    pub path: String,
    pub message: String,
}

/// A client named on both sides: the knowledge table's package (or the name as written) in its
/// ecosystem, and a version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ClientKey {
    ecosystem: Ecosystem,
    package: String,
}

fn key(ecosystem: Ecosystem, package: &str) -> ClientKey {
    let package = clients::lookup(ecosystem, package)
        .map(|i| i.package.trim_end_matches('*').to_owned())
        .unwrap_or_else(|| package.to_ascii_lowercase());
    ClientKey { ecosystem, package }
}

/// `==1.26.0`, `v1.44.0`, `=1.26.0` → `1.26.0`.
fn bare_version(v: &str) -> &str {
    v.trim()
        .trim_start_matches("==")
        .trim_start_matches('=')
        .trim_start_matches('v')
        .trim()
}

/// The exact version a static client fact pins (`None` for ranges and unversioned installs: the join
/// cannot tell which version runs).
fn pinned(c: &Client) -> Option<&str> {
    let v = bare_version(&c.version);
    let exact = matches!(c.installed, Installed::Pin | Installed::Lock)
        && !v.is_empty()
        && v.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '.');
    exact.then_some(v)
}

/// The clients a user agent claims, with versions: the product itself (`boto3 1.26.0`) and the package
/// that decides its endpoint (`botocore 1.29.0`), each as the knowledge table names it.
fn claimed(user_agent: &str) -> Vec<(ClientKey, String, String)> {
    let c = user_agents::parse(user_agent);
    let mut out = Vec::new();
    if c.kind != user_agents::CallerKind::Sdk {
        return out;
    }
    if let Some((ecosystem, package, version)) = &c.judged {
        if !c.client.is_empty() && !c.version.is_empty() {
            // The product's own package: the CLI is `awscli` on PyPI; the others are named as reported.
            let own = if c.client == "aws-cli" {
                "awscli"
            } else {
                c.client
            };
            let k = key(*ecosystem, own);
            if k != key(*ecosystem, package) {
                out.push((k, c.version.clone(), format!("{} {}", c.client, c.version)));
            }
        }
        out.push((
            key(*ecosystem, package),
            bare_version(version).to_owned(),
            format!("{package} {}", bare_version(version)),
        ));
    }
    out
}

/// Gathers `check` over `repos` and `trail` over `trails`, and joins them.
pub fn gather(
    repos: &[PathBuf],
    trails: &[PathBuf],
    redact: bool,
    threads: usize,
) -> Result<Data, String> {
    let checked = if repos.is_empty() {
        crate::lint::Report::default()
    } else {
        let plan = Plan {
            walk: Walk {
                paths: repos.to_vec(),
                discover: DiscoverOptions::default(),
            },
            stdin: None,
            config: ConfigChoice::Discover,
            overrides: Default::default(),
            inline_suppressions: true,
            fix: None,
            record_linted: false,
        };
        match plan::run(&plan, &mut io::empty()) {
            Ok(outcome) => outcome.report,
            Err(RunError::Config(e)) => return Err(e.render(false)),
            Err(RunError::Other(m)) => return Err(m),
        }
    };
    let mut runtime = if trails.is_empty() {
        aggregate::Aggregate::default().finish()
    } else {
        let (report, missing) = trail::collect(trails, &Filter::default(), threads.max(1));
        if let Some(path) = missing {
            return Err(format!(
                "{}: no such file or directory",
                sanitize::path_str(&path)
            ));
        }
        report
    };
    if redact {
        trail::render::redact(&mut runtime);
    }
    Ok(join(&checked, &runtime))
}

/// The join of one `check` report and one `trail` report.
pub fn join(checked: &crate::lint::Report, runtime: &aggregate::Report) -> Data {
    // Static side: each finding, and the client fact behind it when it has one.
    let mut findings = Vec::new();
    let mut by_client: HashMap<(ClientKey, String), Vec<usize>> = HashMap::new();
    for (file, d) in checked.diagnostics() {
        let (line, column) = file.source.line_col(d.span.start);
        let path = file.source.display_path();
        let client =
            file.facts.clients.iter().find(|c| {
                c.span == d.span || (c.span.start < d.span.end && d.span.start < c.span.end)
            });
        let joined =
            client.and_then(|c| Some((key(c.ecosystem, &c.package), pinned(c)?.to_owned())));
        if let Some(k) = &joined {
            by_client.entry(k.clone()).or_default().push(findings.len());
        }
        findings.push(FindingEntry {
            code: d.rule.code,
            name: d.rule.name,
            severity: d.severity,
            path: path.clone(),
            line,
            column,
            message: d.message.clone(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(|f| f.applicability),
            client: client.map(|c| {
                format!("{} {}", c.package, c.version.trim())
                    .trim()
                    .to_owned()
            }),
            seen_by: client.map(|_| Vec::new()),
        });
    }
    // Runtime side: each caller, with the findings of the clients it claims.
    let mut callers = Vec::new();
    let mut still_global = 0;
    let mut moved = 0;
    for c in &runtime.callers {
        let mut matches: Vec<StaticMatch> = Vec::new();
        let mut hit: Vec<usize> = Vec::new();
        for agent in &c.user_agents {
            for (k, version, label) in claimed(&agent.user_agent) {
                let Some(ids) = by_client.get(&(k, version)) else {
                    continue;
                };
                let mut locations: Vec<String> = Vec::new();
                for &i in ids {
                    let f = &findings[i];
                    let loc = format!("{}:{}", f.path, f.line);
                    if !locations.contains(&loc) {
                        locations.push(loc);
                    }
                    if !hit.contains(&i) {
                        hit.push(i);
                    }
                }
                match matches.iter_mut().find(|m| m.client == label) {
                    Some(m) => m.locations.extend(locations),
                    None => matches.push(StaticMatch {
                        client: label,
                        locations,
                    }),
                }
            }
        }
        for i in hit {
            if let Some(seen) = &mut findings[i].seen_by
                && !seen.contains(&c.caller)
            {
                seen.push(c.caller.clone());
            }
        }
        let global = c.endpoints[0] + c.endpoints[1];
        if global > 0 {
            match c.days.last_key_value() {
                Some((_, last)) if last[0] + last[1] == 0 && last[2] > 0 => moved += 1,
                _ => still_global += 1,
            }
        }
        callers.push(CallerEntry {
            caller: c.caller.clone(),
            account: (!c.account.is_empty()).then(|| c.account.clone()),
            endpoint: c.worst().key(),
            global: c.endpoints[0],
            global_served_locally: c.endpoints[1],
            regional: c.endpoints[2],
            unknown: c.endpoints[3],
            first_seen: (!c.first_seen.is_empty()).then(|| c.first_seen.clone()),
            last_seen: (!c.last_seen.is_empty()).then(|| c.last_seen.clone()),
            client: c.client.as_ref().and_then(|v| {
                (v.kind != user_agents::CallerKind::Unknown).then(|| c.client_label())
            }),
            code: c.code,
            help: c.help.clone(),
            days: c
                .days
                .iter()
                .map(|(d, e)| Day::new(d.clone(), *e))
                .collect(),
            static_matches: matches,
        });
    }
    let days = fill_days(&runtime.summary.days);
    let period = match (days.first(), days.last()) {
        (Some(a), Some(b)) => Some(Period {
            first: a.date.clone(),
            last: b.date.clone(),
        }),
        _ => None,
    };
    let counts = crate::render::counts(checked);
    let e = runtime.summary.endpoints;
    let headline = Headline {
        global_calls: e[0],
        global_served_locally_calls: e[1],
        regional_calls: e[2],
        unknown_calls: e[3],
        callers_still_global: still_global,
        callers_moved: moved,
        callers: callers.len(),
        findings: counts.problems,
        errors: counts.errors,
        warnings: counts.warnings,
        infos: counts.infos,
        fixable: counts.fixable,
        files_checked: checked.files_checked,
    };
    let named: Vec<&str> = findings
        .iter()
        .map(|f| f.code)
        .chain(callers.iter().filter_map(|c| c.code))
        .collect();
    let rules = crate::rules::ALL
        .iter()
        .filter(|r| named.contains(&r.code))
        .map(|r| RuleEntry {
            code: r.code,
            name: r.name,
            summary: r.summary,
            doc: r.doc,
        })
        .collect();
    let mut errors: Vec<ErrorEntry> = checked
        .errors
        .iter()
        .map(|e| ErrorEntry {
            path: crate::source::display_path(&e.path),
            message: e.message.clone(),
        })
        .collect();
    errors.extend(runtime.errors.iter().map(|(p, m)| ErrorEntry {
        path: p.clone(),
        message: m.clone(),
    }));
    Data {
        version: 1,
        period,
        headline,
        days,
        callers,
        findings,
        rules,
        errors,
    }
}

/// Every day from the first to the last day with calls, days without calls at zero, so a chart's points
/// are evenly spaced. The span is capped at ten years so a stray timestamp cannot blow the page up.
fn fill_days(days: &std::collections::BTreeMap<String, [u64; 4]>) -> Vec<Day> {
    const MAX_DAYS: usize = 3660;
    let parse = |s: &str| s.parse::<jiff::civil::Date>().ok();
    let (Some((first, _)), Some((last, _))) = (days.first_key_value(), days.last_key_value())
    else {
        return Vec::new();
    };
    let (Some(mut d), Some(end)) = (parse(first), parse(last)) else {
        return days.iter().map(|(k, e)| Day::new(k.clone(), *e)).collect();
    };
    let mut out = Vec::new();
    while d <= end && out.len() < MAX_DAYS {
        let k = d.strftime("%Y-%m-%d").to_string();
        out.push(Day::new(
            k.clone(),
            days.get(&k).copied().unwrap_or_default(),
        ));
        match d.tomorrow() {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// The endpoint classes the chart draws, in stacking order (bottom first), with their labels.
pub const CHART_CLASSES: [(Endpoint, &str); 3] = [
    (Endpoint::Global, "global (us-east-1)"),
    (Endpoint::GlobalServedLocally, "global, served locally"),
    (Endpoint::Regional, "regional"),
];

impl Day {
    pub fn of(&self, e: Endpoint) -> u64 {
        match e {
            Endpoint::Global => self.global,
            Endpoint::GlobalServedLocally => self.global_served_locally,
            Endpoint::Regional => self.regional,
            Endpoint::Unknown => self.unknown,
        }
    }
}

/// Renders `data` in `format`.
pub fn render(data: &Data, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Html => out.write_all(html::render(data).as_bytes()),
        ReportFormat::Markdown => out.write_all(markdown::render(data).as_bytes()),
        ReportFormat::Json => json::render(data, out),
    }
}

/// Runs `stslint report`; returns the exit code (0, or 2 on a usage or I/O error).
pub fn main(args: &ReportArgs) -> u8 {
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
        .clamp(1, 64);
    let fail = |m: String| {
        let _ = writeln!(io::stderr(), "stslint: error: {}", sanitize::terminal(&m));
        2
    };
    if args.repos.is_empty() && args.trails.is_empty() {
        return fail("nothing to report: give `--repo PATH` and/or `--trail PATH`".to_owned());
    }
    if let Some(p) = args.repos.iter().chain(&args.trails).find(|p| !p.exists()) {
        return fail(format!(
            "{}: no such file or directory",
            crate::source::display_path(p)
        ));
    }
    let data = match gather(&args.repos, &args.trails, args.redact, threads) {
        Ok(d) => d,
        Err(m) => return fail(m),
    };
    let written = match &args.output_file {
        Some(path) => {
            let mut buf = Vec::new();
            render(&data, args.format, &mut buf)
                .and_then(|()| std::fs::write(path, &buf))
                .map_err(|e| format!("writing `{}`: {e}", path.display()))
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            match render(&data, args.format, &mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("writing output: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    match written {
        Ok(()) => 0,
        Err(m) => fail(m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(package: &str, version: &str, installed: Installed) -> Client {
        Client {
            ecosystem: Ecosystem::PyPi,
            package: package.to_owned(),
            version: version.to_owned(),
            installed,
            span: Default::default(),
            origin: String::new(),
            context: 0,
        }
    }

    #[test]
    fn a_user_agent_claims_its_product_and_the_package_that_decides() {
        let got: Vec<(String, String)> =
            claimed("Boto3/1.26.0 Python/3.9 Linux/5.10 Botocore/1.29.0")
                .into_iter()
                .map(|(k, v, _)| (k.package, v))
                .collect();
        assert_eq!(
            got,
            [
                ("boto3".to_owned(), "1.26.0".to_owned()),
                ("botocore".to_owned(), "1.29.0".to_owned())
            ]
        );
        assert!(claimed("AWS Internal").is_empty());
        assert!(claimed("curl/8.0").is_empty());
    }

    #[test]
    fn only_exact_pins_and_locks_join() {
        assert_eq!(
            pinned(&client("boto3", "==1.26.0", Installed::Pin)),
            Some("1.26.0")
        );
        assert_eq!(
            pinned(&client("boto3", "1.26.0", Installed::Lock)),
            Some("1.26.0")
        );
        assert_eq!(
            pinned(&client("boto3", ">=1.20,<1.30", Installed::Range)),
            None
        );
        assert_eq!(pinned(&client("boto3", "", Installed::Unversioned)), None);
    }

    #[test]
    fn days_are_filled_between_the_first_and_the_last() {
        let mut days = std::collections::BTreeMap::new();
        days.insert("2026-10-30".to_owned(), [1, 0, 0, 0]);
        days.insert("2026-11-02".to_owned(), [0, 0, 3, 0]);
        let filled = fill_days(&days);
        let dates: Vec<&str> = filled.iter().map(|d| d.date.as_str()).collect();
        assert_eq!(
            dates,
            ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"]
        );
        assert_eq!(filled[3].regional, 3);
        assert_eq!(filled[1].global + filled[1].regional, 0);
    }
}
