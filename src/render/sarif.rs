//! SARIF 2.1.0 format for code scanning: one run, full rule metadata from the registry and the embedded
//! docs, repo-relative `/` URIs, full 1-based regions, `primaryLocationLineHash`, and `fixes`.
//!
//! Built with `serde_json::json!` rather than a typed SARIF crate: we fill a small, fixed subset of the
//! spec, and the schema test in `tests/it/ci.rs` checks the result against the official schema.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Severity};
use crate::fingerprint::{artifact_path, fingerprints};
use crate::lint::{FileResult, Report};
use crate::rules::{self, Rule};
use crate::source::{SourceFile, Span};

/// GitHub and the SARIF spec cap `shortDescription` and `fullDescription` at 1024 characters.
const MAX_DESCRIPTION: usize = 1024;
/// The longest plain help text written (the Markdown help carries the whole doc).
const MAX_HELP: usize = 4096;

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The body of a `## heading` section of a rule doc, as one paragraph of plain text.
pub fn doc_section(doc: &str, heading: &str) -> String {
    let marker = format!("\n## {heading}\n");
    let Some(start) = doc.find(&marker) else {
        return String::new();
    };
    let body = &doc[start + marker.len()..];
    let body = body.split("\n## ").next().unwrap_or(body);
    body.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A relative path as a URI reference: bytes outside RFC 3986 `pchar` and `/` (and `:`, which would
/// read as a scheme in a first segment) are percent-encoded, so
/// `my dir/#1/.env` stays one path. (Ten lines; the `percent-encoding` crate would need the same
/// character set spelled out.)
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@/".contains(&b);
        if keep {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

/// The rule's doc as plain help text, within [`MAX_HELP`]: past it, cut at a line end with a pointer to
/// the command that prints the whole doc.
fn help_text(rule: &Rule) -> String {
    if rule.doc.chars().count() <= MAX_HELP {
        return rule.doc.to_owned();
    }
    let tail = format!("\n… the whole doc: `{}`\n", rule.doc_command());
    let budget = MAX_HELP - tail.chars().count();
    let cut: String = rule.doc.chars().take(budget).collect();
    let cut = cut.rfind('\n').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut}{tail}")
}

fn rule_descriptor(rule: &Rule) -> Value {
    let summary = truncate(rule.summary, MAX_DESCRIPTION);
    let what = doc_section(rule.doc, "What it does");
    let full = if what.is_empty() {
        summary.clone()
    } else {
        truncate(&what, MAX_DESCRIPTION)
    };
    // No `helpUri`: the project publishes no documentation site, and every link printed must resolve.
    // The whole doc travels in `help`, and `stslint rule CODE` prints it offline.
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": full },
        "help": {
            "text": help_text(rule),
            "markdown": rule.doc,
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": ["reliability", "aws", "sts"],
            "precision": "very-high",
            "problem.severity": match rule.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    })
}

fn region(source: &SourceFile, span: Span) -> Value {
    let (start_line, start_column) = source.line_col(span.start);
    let (end_line, end_column) = source.line_col(span.end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    })
}

fn location(uri: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    })
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// SARIF `fixes`, unless an edit touches a secret (a fix must never carry or reveal one).
fn fixes(file: &FileResult, d: &Diagnostic, uri: &str) -> Option<Value> {
    let fix = d.fix.as_ref()?;
    let touches_secret = fix.edits.iter().any(|e| {
        file.source
            .secrets()
            .iter()
            .any(|s| overlaps(*s, e.span) || *s == e.span)
    });
    if touches_secret {
        return None;
    }
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|e| {
            json!({
                "deletedRegion": region(&file.source, e.span),
                "insertedContent": { "text": e.content },
            })
        })
        .collect();
    Some(json!([{
        "description": { "text": d.help },
        "artifactChanges": [{
            "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" },
            "replacements": replacements,
        }],
        "properties": { "applicability": fix.applicability },
    }]))
}

/// Repository facts the finding depends on, in other files of the repository.
fn related_locations(d: &Diagnostic) -> Value {
    let related: Vec<Value> = d
        .context
        .iter()
        .enumerate()
        .map(|(id, c)| {
            let region = json!({ "startLine": c.place.line, "startColumn": c.place.column });
            let mut location = location(&uri(&artifact_path(&c.place.path)), region);
            location["id"] = json!(id);
            location["message"] = json!({ "text": c.message });
            location
        })
        .collect();
    Value::Array(related)
}

fn result(file: &FileResult, d: &Diagnostic, fingerprint: &str, uri: &str) -> Value {
    let index = rules::ALL
        .iter()
        .position(|r| std::ptr::eq(*r, d.rule))
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": d.rule.code,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": { "text": format!("{}\nhelp: {}", d.message, d.help) },
        "locations": [location(uri, region(&file.source, d.span))],
        "partialFingerprints": { "primaryLocationLineHash": fingerprint },
    });
    if let Some(fixes) = fixes(file, d, uri) {
        result["fixes"] = fixes;
    }
    if !d.context.is_empty() {
        result["relatedLocations"] = related_locations(d);
    }
    result
}

/// The results of every file, serialized one at a time: each result's JSON exists only while it is
/// written, so memory does not grow with the number of findings.
struct Results<'a>(&'a Report);

impl serde::Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for file in &self.0.files {
            let uri = uri(&artifact_path(&file.source.path));
            for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
                seq.serialize_element(&result(file, d, &fingerprint, &uri))?;
            }
            let suppressed: Vec<(&'static str, Span)> = file
                .suppressed
                .iter()
                .map(|s| (s.diagnostic.rule.code, s.diagnostic.span))
                .collect();
            let prints = crate::fingerprint::fingerprints_of(&file.source, &suppressed);
            for (s, fingerprint) in file.suppressed.iter().zip(prints) {
                let mut r = result(file, &s.diagnostic, &fingerprint, &uri);
                let mut suppression = json!({ "kind": "inSource" });
                if let Some(reason) = &s.reason {
                    suppression["justification"] = json!(reason);
                }
                r["suppressions"] = json!([suppression]);
                seq.serialize_element(&r)?;
            }
        }
        seq.end()
    }
}

/// The document's skeleton; fields are declared in the order `serde_json::Value` sorts keys, so the
/// output reads as it always did.
#[derive(serde::Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(serde::Serialize)]
struct Run<'a> {
    #[serde(rename = "automationDetails")]
    automation_details: Value,
    #[serde(rename = "columnKind")]
    column_kind: &'static str,
    invocations: [Value; 1],
    results: Results<'a>,
    tool: Value,
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut notifications = Vec::new();
    for file in &report.files {
        let uri = uri(&artifact_path(&file.source.path));
        for p in &file.facts.problems {
            notifications.push(json!({
                "level": if super::problems_are_errors(file) { "error" } else { "warning" },
                "message": { "text": format!("{}; the file was not linted", p.message) },
                "locations": [location(&uri, region(&file.source, p.span))],
            }));
        }
    }
    for e in &report.errors {
        notifications.push(json!({
            "level": "error",
            "message": { "text": format!("{}: {}", artifact_path(&e.path), e.message) },
        }));
    }
    let mut skipped_fail = false;
    for (path, message, fails) in super::skip_notices(report) {
        skipped_fail |= fails;
        let uri = uri(&artifact_path(path));
        notifications.push(json!({
            "level": "warning",
            "message": { "text": format!("{}: {message}", artifact_path(path)) },
            "locations": [{
                "physicalLocation": { "artifactLocation": { "uri": uri, "uriBaseId": "%SRCROOT%" } }
            }],
        }));
    }
    let successful = report.errors.iter().all(|e| !e.fails) && !skipped_fail;
    let mut invocation = json!({ "executionSuccessful": successful });
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let doc = Document {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            automation_details: json!({ "id": "stslint/" }),
            column_kind: "unicodeCodePoints",
            invocations: [invocation],
            results: Results(report),
            // Rule metadata once per run; results point at it by index.
            tool: json!({
                "driver": {
                    "name": "stslint",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": crate::REPOSITORY,
                    "rules": rules::ALL.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            }),
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(uri(".aws/config"), ".aws/config");
        assert_eq!(uri("my dir/#1/é.env"), "my%20dir/%231/%C3%A9.env");
        assert_eq!(uri("a%b?c"), "a%25b%3Fc");
        assert_eq!(uri("c:x/y"), "c%3Ax/y");
    }
}
