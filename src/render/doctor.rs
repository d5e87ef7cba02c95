//! Doctor output: the machine's configuration table, then the findings in the chosen format.

use std::io::{self, Write};

use super::{OutputFormat, Style, sanitize};
use crate::doctor::{ClientDefault, Examination, ProfileView, Sourced};

/// A value the doctor read from a file or the environment, as the table shows it: secrets masked
/// (URL userinfo in an endpoint, a token) and controls made visible.
fn shown(s: &str) -> String {
    sanitize::terminal(&crate::secrets::mask_str(s)).into_owned()
}

/// The same masking for every string of the JSON `machine` object (the document is the doctor's own
/// small tree, a few levels deep).
fn mask_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(masked) = crate::secrets::mask_str(s) {
                *s = masked;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(mask_json),
        _ => {}
    }
}

/// An environment variable's value: wholly masked when its name is secret-ish.
fn env_value(key: &str, value: &str) -> String {
    if crate::secrets::is_secret_key(key) {
        "*".repeat(value.len())
    } else {
        crate::secrets::mask_str(value).into_owned()
    }
}

pub fn render(
    exam: &Examination,
    format: OutputFormat,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => json(exam, &mut sanitize::JsonWriter::new(out)),
        // Machine formats other than JSON carry findings only: the table is for people.
        OutputFormat::Sarif | OutputFormat::Github | OutputFormat::Gitlab | OutputFormat::Junit => {
            super::render(format, &exam.report, style, out)
        }
        OutputFormat::Human | OutputFormat::Concise => {
            table(exam, style.width, out)?;
            writeln!(out)?;
            super::render(format, &exam.report, style, out)
        }
    }
}

fn json(exam: &Examination, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = Vec::new();
    super::render(
        OutputFormat::Json,
        &exam.report,
        Style::plain(true),
        &mut buf,
    )?;
    let mut doc: serde_json::Value = serde_json::from_slice(&buf).map_err(io::Error::other)?;
    let env: std::collections::BTreeMap<&String, String> =
        exam.env.iter().map(|(k, v)| (k, env_value(k, v))).collect();
    let mut machine = serde_json::json!({
        "config_file": exam.config_file.display().to_string(),
        "credentials_file": exam.credentials_file.display().to_string(),
        "shell_files": exam.shell_files.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "environment": env,
        "clients": exam.clients,
        "profiles": exam.profiles,
    });
    mask_json(&mut machine);
    doc["machine"] = machine;
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

fn presence(path: &std::path::Path) -> &'static str {
    if path.is_file() { "" } else { " (not found)" }
}

/// Width of the labels of the header lines ("Credentials file: ").
const LABEL: usize = 18;

/// `label value`, the value wrapped under itself when it does not fit.
fn field(out: &mut dyn Write, width: usize, label: &str, value: &str) -> io::Result<()> {
    let first = format!("{label:<LABEL$}");
    for line in super::wrap(value, width, &first, &" ".repeat(LABEL)) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn table(exam: &Examination, width: usize, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "stslint doctor: this machine's effective AWS STS configuration\n"
    )?;
    field(
        out,
        width,
        "Config file:",
        &format!(
            "{}{}",
            sanitize::path(&exam.config_file),
            presence(&exam.config_file)
        ),
    )?;
    field(
        out,
        width,
        "Credentials file:",
        &format!(
            "{}{} (read for profile names and non-secret keys only)",
            sanitize::path(&exam.credentials_file),
            presence(&exam.credentials_file)
        ),
    )?;
    let shells: Vec<String> = exam.shell_files.iter().map(|p| sanitize::path(p)).collect();
    field(
        out,
        width,
        "Shell start-up:",
        &if shells.is_empty() {
            "none found".into()
        } else {
            shells.join(", ")
        },
    )?;
    if exam.env.is_empty() {
        field(out, width, "Environment:", "no AWS variables set")?;
    } else {
        let vars: Vec<String> = exam
            .env
            .iter()
            .map(|(k, v)| format!("{}={}", shown(k), shown(&env_value(k, v))))
            .collect();
        field(out, width, "Environment:", &vars.join(" "))?;
    }
    writeln!(out, "\nInstalled clients:")?;
    if exam.clients.is_empty() {
        for line in super::wrap(
            "none found (looked on PATH and through pyenv, asdf, mise and rtx shims, in conda envs, \
             Homebrew, the AWS CLI v2 installers' trees, the user sites, pipx venvs and the Pythons \
             on PATH)",
            width,
            "  ",
            "    ",
        ) {
            writeln!(out, "{line}")?;
        }
    }
    for c in &exam.clients {
        let verdict = match c.default {
            ClientDefault::Unconfigurable => "cannot be configured: always legacy",
            ClientDefault::Legacy => "defaults to legacy",
            ClientDefault::Regional => "defaults to regional",
            ClientDefault::RegionalOnly => "always regional",
        };
        writeln!(out, "  {:<9} {:<9} {verdict}", c.package, shown(&c.version))?;
        // Every place this version was found, one a line: a path is never broken.
        for location in &c.locations {
            writeln!(out, "    {}", shown(location))?;
        }
    }
    writeln!(out)?;
    let headers = [
        "PROFILE",
        "REGION",
        "STS MODE",
        "LEGACY-DEFAULT CLIENT CALLS",
        "AFFECTED CLIENTS",
    ];
    let rows: Vec<[String; 5]> = exam.profiles.iter().map(row).collect();
    let mut widths = headers.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // Columns joined by two spaces; below the terminal's width, one block per profile instead.
    let total = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    if total > width {
        return vertical(&rows, width, out);
    }
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 4 {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s.trim_end().to_owned()
    };
    writeln!(out, "{}", line(headers))?;
    for r in &rows {
        // A row starts with a profile name from a file: it must not start a workflow command.
        let text = line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
        writeln!(out, "{}", sanitize::block(&text))?;
    }
    Ok(())
}

/// The profiles as blocks of `label: value` lines, for terminals narrower than the table.
fn vertical(rows: &[[String; 5]], width: usize, out: &mut dyn Write) -> io::Result<()> {
    const LABELS: [&str; 4] = [
        "region:",
        "STS mode:",
        "legacy-default clients call:",
        "affected clients:",
    ];
    let pad = LABELS.iter().map(|l| l.len()).max().unwrap_or(0) + 1;
    writeln!(out, "Profiles (* = the active one):")?;
    for r in rows {
        writeln!(out, "  {}", r[0])?;
        for (label, value) in LABELS.iter().zip(&r[1..]) {
            let first = format!("    {label:<pad$}");
            let rest = " ".repeat(4 + pad);
            for line in super::wrap(value, width, &first, &rest) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

fn sourced(s: &Option<Sourced>, none: &str) -> String {
    match s {
        Some(s) if s.value.is_empty() => format!("(empty) ({})", shown(&s.from)),
        Some(s) => format!("{} ({})", shown(&s.value), shown(&s.from)),
        None => none.to_owned(),
    }
}

fn row(p: &ProfileView) -> [String; 5] {
    let name = if p.active {
        format!("{} *", shown(&p.name))
    } else {
        shown(&p.name)
    };
    let mode = sourced(&p.mode, "not set (client default)");
    let mut calls = shown(&p.legacy_client_host);
    if let Some(e) = &p.endpoint_override {
        calls = format!("{calls} (override: {})", shown(&e.from));
    }
    let affected = if p.affected.is_empty() {
        "none".to_owned()
    } else {
        shown(&p.affected.join(", "))
    };
    [name, sourced(&p.region, "none"), mode, calls, affected]
}
