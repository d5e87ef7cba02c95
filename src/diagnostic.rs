//! Diagnostics: what rules produce and every later stage (configure, render, fix) consumes.

use serde::Serialize;

use crate::rules::Rule;
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without review (as in ruff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning the user intended; applied by `--fix`.
    Safe,
    /// Changes behaviour in a way that needs review (a regional endpoint may be deactivated).
    Unsafe,
}

/// Replace the bytes of `span` with `content` (an insertion when the span is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Edit {
            span,
            content: content.into(),
        }
    }

    /// Insert `content` before the byte at `at`.
    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Edit::replace(Span::new(at, at), content)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(edit: Edit) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits: vec![edit],
        }
    }

    pub fn unsafe_edit(edit: Edit) -> Self {
        Fix {
            applicability: Applicability::Unsafe,
            edits: vec![edit],
        }
    }

    /// Several edits that only make sense together: the fix engine applies all of them or none.
    pub fn safe_edits(edits: Vec<Edit>) -> Self {
        Fix {
            applicability: Applicability::Safe,
            edits,
        }
    }

    /// Whether `--fix` applies this fix (`--unsafe-fixes` also applies unsafe ones).
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        self.applicability == Applicability::Safe || unsafe_fixes
    }
}

/// A secondary span with its own message ("region set here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A repository fact elsewhere that this finding depends on: shown with its place (JSON `context`,
/// SARIF `relatedLocations`, a `note:` in the human format), so the reader can check it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextNote {
    pub place: crate::repo::Place,
    pub message: String,
}

/// One finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub span: Span,
    /// The problem, lowercase, no trailing period, offending key or value in backticks.
    pub message: String,
    /// The remedy, concretely: the exact line or value to write.
    pub help: String,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// Repository facts the finding depends on (see [`crate::repo`]); empty for most findings.
    pub context: Vec<ContextNote>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static Rule,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity: rule.severity,
            span,
            message: message.into(),
            help: help.into(),
            labels: Vec::new(),
            fix: None,
            context: Vec::new(),
        }
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_context(mut self, place: crate::repo::Place, message: impl Into<String>) -> Self {
        self.context.push(ContextNote {
            place,
            message: message.into(),
        });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
