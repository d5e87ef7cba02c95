//! report, render stage: the same content as the page, as Markdown (for a pull request comment or a
//! wiki). Every string from a file, a file name or a log passes the output sanitizer, then Markdown
//! escaping of the characters that would change the table or inline markup.

use std::fmt::Write;

use super::{CHART_CLASSES, Data};
use crate::sanitize;

/// A string for a Markdown table cell: the output sanitizer's Markdown variant (no line breaks, no
/// pipes, no inline markup or HTML).
pub fn md(s: &str) -> String {
    sanitize::markdown_text(s)
}

pub fn render(data: &Data) -> String {
    let mut o = String::new();
    let h = &data.headline;
    let _ = writeln!(o, "# STS endpoint report (stslint report)\n");
    if let Some(p) = &data.period {
        let _ = writeln!(o, "Period: {} to {} (UTC days).\n", p.first, p.last);
    }
    let _ = writeln!(o, "## Headline\n");
    let _ = writeln!(
        o,
        "- Global calls: {} in us-east-1, {} served locally ({} regional, {} unknown)",
        h.global_calls, h.global_served_locally_calls, h.regional_calls, h.unknown_calls
    );
    let _ = writeln!(
        o,
        "- Callers: {} still global, {} moved to regional, {} in all",
        h.callers_still_global, h.callers_moved, h.callers
    );
    let _ = writeln!(
        o,
        "- Findings: {} ({} errors, {} warnings, {} infos), {} fixable with `stslint check --fix`, in {} files checked\n",
        h.findings, h.errors, h.warnings, h.infos, h.fixable, h.files_checked
    );
    let _ = writeln!(o, "## Calls per day\n");
    if data.days.is_empty() {
        let _ = writeln!(
            o,
            "No STS calls with a time in the given CloudTrail data.\n"
        );
    } else {
        let _ = write!(o, "| Day |");
        for (_, label) in CHART_CLASSES {
            let _ = write!(o, " {label} |");
        }
        let _ = writeln!(o, "\n|---|---:|---:|---:|");
        for d in &data.days {
            let _ = write!(o, "| {} |", d.date);
            for (e, _) in CHART_CLASSES {
                let _ = write!(o, " {} |", d.of(e));
            }
            let _ = writeln!(o);
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## Callers (stslint trail)\n");
    let _ = writeln!(
        o,
        "The static findings column is a hint: a repository pinning the client version a caller's user agent claims, not proof that the caller runs that code.\n"
    );
    if !data.callers.is_empty() {
        let _ = writeln!(
            o,
            "| Caller | Endpoint | Global | Served locally | Regional | Last seen | Client (claimed) | Rule | Do | Static findings (hint) |"
        );
        let _ = writeln!(o, "|---|---|---:|---:|---:|---|---|---|---|---|");
        for c in &data.callers {
            let matches: Vec<String> = c
                .static_matches
                .iter()
                .map(|m| {
                    format!(
                        "{} — {}",
                        md(&m.client),
                        m.locations
                            .iter()
                            .map(|l| md(l))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&c.caller),
                c.endpoint,
                c.global,
                c.global_served_locally,
                c.regional,
                c.last_seen
                    .as_deref()
                    .map_or("-", |t| t.get(..10).unwrap_or(t)),
                c.client.as_deref().map_or("?".to_owned(), md),
                c.code.unwrap_or("-"),
                c.help.as_deref().map_or("-".to_owned(), md),
                if matches.is_empty() {
                    "-".to_owned()
                } else {
                    matches.join("; ")
                },
            );
        }
        let _ = writeln!(o);
    }
    let _ = writeln!(o, "## Findings (stslint check)\n");
    if !data.findings.is_empty() {
        let _ = writeln!(
            o,
            "| Rule | Severity | Location | Message | Help | Seen at runtime (hint) |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|");
        for f in &data.findings {
            let seen = match &f.seen_by {
                None => "-".to_owned(),
                Some(v) if v.is_empty() => "not seen in the period".to_owned(),
                Some(v) => format!(
                    "seen: {}",
                    v.iter().map(|c| md(c)).collect::<Vec<_>>().join(", ")
                ),
            };
            let _ = writeln!(
                o,
                "| {} `{}` | {} | {}:{}:{} | {} | {} | {} |",
                f.code,
                f.name,
                f.severity.as_str(),
                md(&f.path),
                f.line,
                f.column,
                md(&f.message),
                md(&f.help),
                seen
            );
        }
        let _ = writeln!(o);
    }
    if !data.rules.is_empty() {
        let _ = writeln!(o, "## Rules\n");
        for r in &data.rules {
            let _ = writeln!(
                o,
                "- {} `{}`: {} (`stslint rule {}`)",
                r.code,
                r.name,
                md(r.summary),
                r.code
            );
        }
        let _ = writeln!(o);
    }
    if !data.errors.is_empty() {
        let _ = writeln!(o, "## Files not read\n");
        for e in &data.errors {
            let _ = writeln!(o, "- {}: {}", md(&e.path), md(&e.message));
        }
        let _ = writeln!(o);
    }
    o
}
