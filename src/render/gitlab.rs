//! GitLab Code Quality format: a JSON array of issues with unique fingerprints (GitLab shows only the
//! first of several issues that share one), relative paths and a Code Climate severity.

use std::io::{self, Write};

use serde_json::json;
use sha2::{Digest, Sha256};

use crate::diagnostic::Severity;
use crate::fingerprint::{artifact_path, fingerprints};
use crate::lint::Report;

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

fn digest_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Every issue, serialized one at a time, so memory does not grow with the number of findings.
struct Issues<'a>(&'a Report);

impl serde::Serialize for Issues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let report = self.0;
        let mut seq = serializer.serialize_seq(None)?;
        for file in &report.files {
            let path = artifact_path(&file.source.path);
            for (d, print) in file.diagnostics.iter().zip(fingerprints(file)) {
                let (begin, _) = file.source.line_col(d.span.start);
                let (end, _) = file.source.line_col(d.span.end);
                // The content fingerprint already holds code, path and occurrence; hashing it gives
                // the fixed-width hex string GitLab expects.
                seq.serialize_element(&json!({
                    "type": "issue",
                    "check_name": d.rule.code,
                    "description": format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                    "content": { "body": format!("help: {}\n\nsee `{}`", d.help, d.rule.doc_command()) },
                    "categories": ["Bug Risk"],
                    "severity": severity(d.severity),
                    "fingerprint": digest_hex(&print),
                    "engine_name": "stslint",
                    "location": { "path": path, "lines": { "begin": begin, "end": end } },
                }))?;
            }
        }
        for file in &report.files {
            let path = artifact_path(&file.source.path);
            let error = super::problems_are_errors(file);
            for p in &file.facts.problems {
                let (begin, _) = file.source.line_col(p.span.start);
                let (end, _) = file.source.line_col(p.span.end);
                seq.serialize_element(&json!({
                    "type": "issue",
                    "check_name": "parse-error",
                    "description": format!("{}; the file was not linted", p.message),
                    "categories": ["Bug Risk"],
                    "severity": if error { "major" } else { "minor" },
                    "fingerprint": digest_hex(&format!("parse-error\0{path}\0{begin}\0{}", p.message)),
                    "engine_name": "stslint",
                    "location": { "path": path, "lines": { "begin": begin, "end": end } },
                }))?;
            }
        }
        // Code Climate has no issue type for "not analysed", so a file that was not read (unreadable, or
        // skipped for its size) is an issue on its first line, major when it fails the run.
        let unread = report
            .errors
            .iter()
            .map(|e| {
                let severity = if e.fails { "major" } else { "minor" };
                (e.path.as_path(), e.message.clone(), "read-error", severity)
            })
            .chain(super::skip_notices(report).map(|(path, message, fails)| {
                let severity = if fails { "major" } else { "info" };
                (path, message, "skipped-file", severity)
            }));
        for (path, message, check, severity) in unread {
            let path = artifact_path(path);
            seq.serialize_element(&json!({
                "type": "issue",
                "check_name": check,
                "description": format!("{path}: {message}"),
                "categories": ["Bug Risk"],
                "severity": severity,
                "fingerprint": digest_hex(&format!("{check}\0{path}")),
                "engine_name": "stslint",
                "location": { "path": path, "lines": { "begin": 1, "end": 1 } },
            }))?;
        }
        seq.end()
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Issues(report)).map_err(io::Error::other)?;
    writeln!(out)
}
