//! trail, render stage: the report as a table (human), Markdown, CSV or the version-1 JSON contract.
//! Every string from a log passes the one output sanitizer ([`crate::sanitize`]): its terminal variant
//! for the table and CSV, its Markdown variants for Markdown, its JSON writer for JSON.

use std::io::{self, Write};

use serde::Serialize;

use super::aggregate::{CallerRow, Report};
use super::classify::Endpoint;
use super::redact;
use crate::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrailFormat {
    /// A table, one row per caller, worst first, with a summary line.
    Human,
    /// The version-1 JSON document.
    Json,
    /// One CSV row per caller.
    Csv,
    /// A Markdown table, for an issue or a pull request.
    Markdown,
}

/// `--redact`: account ids, principal names and ids, and IPs become stable hashes.
pub fn redact(report: &mut Report) {
    for c in &mut report.callers {
        c.caller = redact::redact_identity(&c.caller);
        c.account = redact::redact_identity(&c.account);
        for ip in &mut c.source_ips {
            *ip = redact::redact_ip(ip);
        }
        c.source_ips.sort();
    }
    for (path, message) in &mut report.errors {
        *path = redact::redact_identity(path);
        *message = redact::redact_identity(message);
    }
    report.callers.sort_by(|a, b| {
        b.endpoints[0]
            .cmp(&a.endpoints[0])
            .then_with(|| b.endpoints[1].cmp(&a.endpoints[1]))
            .then_with(|| a.caller.cmp(&b.caller))
    });
}

pub fn render(
    report: &Report,
    format: TrailFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TrailFormat::Json => json(report, out),
        TrailFormat::Human => {
            human(report, out)?;
            errors(report, err)
        }
        TrailFormat::Markdown => {
            markdown(report, out)?;
            errors(report, err)
        }
        TrailFormat::Csv => {
            csv_rows(report, out)?;
            errors(report, err)
        }
    }
}

fn errors(report: &Report, err: &mut dyn Write) -> io::Result<()> {
    for (path, message) in &report.errors {
        writeln!(
            err,
            "error: {}: {}",
            sanitize::path_str(path),
            sanitize::terminal(message)
        )?;
    }
    Ok(())
}

fn date(t: &str) -> &str {
    if t.is_empty() {
        "-"
    } else {
        t.get(..10).unwrap_or(t)
    }
}

fn calls(c: &CallerRow) -> u64 {
    c.endpoints[c.worst().index()]
}

fn todo(c: &CallerRow) -> String {
    match (&c.help, c.code) {
        (Some(h), Some(code)) => format!("{code}: {h}"),
        (Some(h), None) => h.clone(),
        (None, _) if c.worst() == Endpoint::Regional => "nothing: regional".to_owned(),
        (None, _) => "-".to_owned(),
    }
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let e = s.endpoints;
    let errors = match report.errors.len() {
        0 => String::new(),
        n => format!(
            "; {} (listed on standard error)",
            plural(n as u64, "file error")
        ),
    };
    format!(
        "{} from {}: {} global (us-east-1), {} global served locally, {} regional, {} unknown; {} read, {}, {}, {} skipped{errors}",
        plural(s.sts_records, "STS call"),
        plural(report.callers.len() as u64, "caller"),
        e[0],
        e[1],
        e[2],
        e[3],
        plural(s.files, "file"),
        plural(s.records, "record"),
        plural(s.duplicates, "duplicate"),
        plural(s.skipped_files, "file"),
    )
}

fn human(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let header = [
        "CALLER",
        "ENDPOINT",
        "CALLS",
        "FIRST SEEN",
        "LAST SEEN",
        "CLIENT (claimed)",
        "DO",
    ];
    let rows: Vec<[String; 7]> = report
        .callers
        .iter()
        .map(|c| {
            [
                sanitize::terminal(&c.caller).into_owned(),
                c.worst().label().to_owned(),
                calls(c).to_string(),
                date(&c.first_seen).to_owned(),
                date(&c.last_seen).to_owned(),
                sanitize::terminal(&c.client_label()).into_owned(),
                sanitize::terminal(&todo(c)).into_owned(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |cells: [&str; 7]| {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                if i == 2 {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(cell);
                } else {
                    s.push_str(cell);
                    if i < 6 {
                        s.push_str(&" ".repeat(pad));
                    }
                }
                if i < 6 {
                    s.push_str("  ");
                }
            }
            s
        };
        writeln!(out, "{}", line(header))?;
        for row in &rows {
            writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(report))
}

fn markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## STS callers (stslint trail)\n")?;
    if !report.callers.is_empty() {
        writeln!(
            out,
            "| Caller | Endpoint | Calls | First seen | Last seen | Client (claimed) | Do |"
        )?;
        writeln!(out, "|---|---|---:|---|---|---|---|")?;
        for c in &report.callers {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                sanitize::markdown_code(&c.caller),
                c.worst().label(),
                calls(c),
                date(&c.first_seen),
                date(&c.last_seen),
                sanitize::markdown_text(&c.client_label()),
                sanitize::markdown_text(&todo(c)),
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(report))
}

fn csv_rows(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let map = |e: csv::Error| io::Error::other(e.to_string());
    w.write_record([
        "caller",
        "account",
        "identity_type",
        "global",
        "global_served_locally",
        "regional",
        "unknown",
        "first_seen",
        "last_seen",
        "events",
        "source_ips",
        "source_ip_count",
        "client",
        "version",
        "user_agent",
        "code",
        "help",
    ])
    .map_err(map)?;
    for c in &report.callers {
        let events: Vec<String> = c.events.iter().map(|(n, k)| format!("{n}={k}")).collect();
        let lead = c.user_agents.first();
        let record = [
            sanitize::terminal(&c.caller).into_owned(),
            sanitize::terminal(&c.account).into_owned(),
            sanitize::terminal(&c.identity_type).into_owned(),
            c.endpoints[0].to_string(),
            c.endpoints[1].to_string(),
            c.endpoints[2].to_string(),
            c.endpoints[3].to_string(),
            c.first_seen.clone(),
            c.last_seen.clone(),
            sanitize::terminal(&events.join(";")).into_owned(),
            sanitize::terminal(&c.source_ips.join(" ")).into_owned(),
            c.source_ip_count.to_string(),
            c.client
                .as_ref()
                .map(|v| sanitize::terminal(&v.client).into_owned())
                .unwrap_or_default(),
            c.client
                .as_ref()
                .map(|v| sanitize::terminal(&v.version).into_owned())
                .unwrap_or_default(),
            lead.map(|a| sanitize::terminal(&a.user_agent).into_owned())
                .unwrap_or_default(),
            c.code.unwrap_or_default().to_owned(),
            sanitize::terminal(c.help.as_deref().unwrap_or_default()).into_owned(),
        ];
        w.write_record(&record).map_err(map)?;
    }
    w.flush()
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary,
    callers: Vec<JsonCaller<'a>>,
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: u64,
    records: u64,
    sts_records: u64,
    duplicates: u64,
    global: u64,
    global_served_locally: u64,
    regional: u64,
    unknown: u64,
    skipped_files: u64,
}

#[derive(Serialize)]
struct JsonEndpoints {
    global: u64,
    global_served_locally: u64,
    regional: u64,
    unknown: u64,
}

#[derive(Serialize)]
struct JsonAgent<'a> {
    user_agent: &'a str,
    client: Option<&'a str>,
    version: Option<&'a str>,
    code: Option<&'a str>,
    count: u64,
}

#[derive(Serialize)]
struct JsonCaller<'a> {
    caller: &'a str,
    account: Option<&'a str>,
    identity_type: &'a str,
    endpoints: JsonEndpoints,
    events: std::collections::BTreeMap<&'a str, u64>,
    first_seen: Option<&'a str>,
    last_seen: Option<&'a str>,
    source_ips: &'a [String],
    source_ip_count: u64,
    user_agents: Vec<JsonAgent<'a>>,
    code: Option<&'a str>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    path: &'a str,
    message: &'a str,
}

fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let doc = JsonReport {
        version: 1,
        summary: JsonSummary {
            files: s.files,
            records: s.records,
            sts_records: s.sts_records,
            duplicates: s.duplicates,
            global: s.endpoints[0],
            global_served_locally: s.endpoints[1],
            regional: s.endpoints[2],
            unknown: s.endpoints[3],
            skipped_files: s.skipped_files,
        },
        callers: report
            .callers
            .iter()
            .map(|c| JsonCaller {
                caller: &c.caller,
                account: some(&c.account),
                identity_type: &c.identity_type,
                endpoints: JsonEndpoints {
                    global: c.endpoints[0],
                    global_served_locally: c.endpoints[1],
                    regional: c.endpoints[2],
                    unknown: c.endpoints[3],
                },
                events: c.events.iter().map(|(n, k)| (n.as_str(), *k)).collect(),
                first_seen: some(&c.first_seen),
                last_seen: some(&c.last_seen),
                source_ips: &c.source_ips,
                source_ip_count: c.source_ip_count,
                user_agents: c
                    .user_agents
                    .iter()
                    .map(|a| JsonAgent {
                        user_agent: &a.user_agent,
                        client: some(&a.verdict.client),
                        version: some(&a.verdict.version),
                        code: a.code,
                        count: a.count,
                    })
                    .collect(),
                code: c.code,
                help: c.help.as_deref(),
            })
            .collect(),
        errors: report
            .errors
            .iter()
            .map(|(path, message)| JsonError { path, message })
            .collect(),
    };
    let mut out = sanitize::JsonWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}
