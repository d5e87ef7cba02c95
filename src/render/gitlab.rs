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

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in &report.files {
        let path = artifact_path(&file.source.path);
        for (d, print) in file.diagnostics.iter().zip(fingerprints(file)) {
            let (begin, _) = file.source.line_col(d.span.start);
            let (end, _) = file.source.line_col(d.span.end);
            // The content fingerprint already holds code, path and occurrence; hashing it gives the
            // fixed-width hex string GitLab expects.
            let digest = Sha256::digest(print.as_bytes());
            let fingerprint: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            issues.push(json!({
                "type": "issue",
                "check_name": d.rule.code,
                "description": format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                "content": { "body": format!("help: {}\n\n{}", d.help, d.rule.doc_url()) },
                "categories": ["Bug Risk"],
                "severity": severity(d.severity),
                "fingerprint": fingerprint,
                "engine_name": "stslint",
                "location": { "path": path, "lines": { "begin": begin, "end": end } },
            }));
        }
    }
    for file in &report.files {
        let path = artifact_path(&file.source.path);
        let error = super::problems_are_errors(file);
        for p in &file.facts.problems {
            let (begin, _) = file.source.line_col(p.span.start);
            let (end, _) = file.source.line_col(p.span.end);
            let digest = Sha256::digest(format!("parse-error\0{path}\0{begin}\0{}", p.message));
            let fingerprint: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            issues.push(json!({
                "type": "issue",
                "check_name": "parse-error",
                "description": format!("{}; the file was not linted", p.message),
                "categories": ["Bug Risk"],
                "severity": if error { "major" } else { "minor" },
                "fingerprint": fingerprint,
                "engine_name": "stslint",
                "location": { "path": path, "lines": { "begin": begin, "end": end } },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
    writeln!(out)
}
