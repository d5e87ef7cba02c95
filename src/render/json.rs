//! JSON format, a public contract: `{"version":1,"diagnostics":[…],"summary":{…}}` with 1-based positions.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Applicability, Severity};
use crate::lint::{FileResult, Report};
use crate::source::display_path;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Diagnostics<'a>,
    summary: Summary,
    errors: Vec<JsonError>,
    /// Findings silenced by inline comments; present only with `--show-suppressed`.
    #[serde(skip_serializing_if = "Suppressions::is_empty")]
    suppressed: Suppressions<'a>,
}

/// The findings, each built only while it is written: memory does not grow with their number.
struct Diagnostics<'a>(&'a Report);

impl Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics().map(|(f, d)| diagnostic(f, d)))
    }
}

struct Suppressions<'a>(&'a Report);

impl Suppressions<'_> {
    fn is_empty(&self) -> bool {
        self.0.files.iter().all(|f| f.suppressed.is_empty())
    }
}

impl Serialize for Suppressions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.files.iter().flat_map(|f| {
            f.suppressed.iter().map(move |s| JsonSuppressed {
                diagnostic: diagnostic(f, &s.diagnostic),
                reason: s.reason.as_deref(),
            })
        }))
    }
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    diagnostic: JsonDiagnostic<'a>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: &'a str,
    /// The command that prints the rule's documentation, offline.
    doc: String,
    fix: Option<JsonFix>,
    /// Repository facts the finding depends on, each where it is written; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    context: Vec<JsonContext<'a>>,
}

#[derive(Serialize)]
struct JsonContext<'a> {
    path: String,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: Applicability,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonEdit {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: String,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    problems: usize,
    fixable: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Fixes written by `--fix` (0 without it).
    fixed: usize,
}

/// A file that could not be read or understood.
#[derive(Serialize)]
struct JsonError {
    path: String,
    line: Option<usize>,
    message: String,
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let c = super::counts(report);
    let mut errors: Vec<JsonError> = report
        .errors
        .iter()
        .map(|e| JsonError {
            path: display_path(&e.path),
            line: None,
            message: e.message.clone(),
        })
        .collect();
    for (path, message, _) in super::skip_notices(report) {
        errors.push(JsonError {
            path: display_path(path),
            line: None,
            message,
        });
    }
    for file in &report.files {
        for p in &file.facts.problems {
            errors.push(JsonError {
                path: file.source.display_path(),
                line: Some(file.source.line_col(p.span.start).0),
                message: p.message.clone(),
            });
        }
    }
    let doc = Document {
        version: 1,
        diagnostics: Diagnostics(report),
        summary: Summary {
            files: report.files_checked,
            problems: c.problems,
            fixable: c.fixable,
            errors: c.errors,
            warnings: c.warnings,
            infos: c.infos,
            fixed: report.fixed,
        },
        errors,
        suppressed: Suppressions(report),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}

fn diagnostic<'a>(file: &FileResult, d: &'a crate::diagnostic::Diagnostic) -> JsonDiagnostic<'a> {
    let (line, column) = file.source.line_col(d.span.start);
    let (end_line, end_column) = file.source.line_col(d.span.end);
    JsonDiagnostic {
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity,
        path: file.source.display_path(),
        line,
        column,
        end_line,
        end_column,
        message: &d.message,
        help: &d.help,
        doc: d.rule.doc_command(),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    let (line, column) = file.source.line_col(e.span.start);
                    let (end_line, end_column) = file.source.line_col(e.span.end);
                    JsonEdit {
                        line,
                        column,
                        end_line,
                        end_column,
                        content: e.content.clone(),
                    }
                })
                .collect(),
        }),
        context: d
            .context
            .iter()
            .map(|c| JsonContext {
                path: display_path(&c.place.path),
                line: c.place.line,
                column: c.place.column,
                message: &c.message,
            })
            .collect(),
    }
}
