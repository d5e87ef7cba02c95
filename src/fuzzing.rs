//! Entry points for the fuzz targets in `fuzz/` and for regression tests of what they found: the whole
//! pipeline on bytes in memory, plus the invariants every run must keep.

use std::path::PathBuf;

use crate::classify::FileKind;
use crate::lint::lint_source;
use crate::rules;
use crate::source::SourceFile;

/// Reads `data` as a file of `kind`, lints it with every rule and checks the invariants: spans lie
/// inside the text on char boundaries, fixes are well-formed, and masking keeps the text valid.
pub fn lint_bytes(kind: FileKind, name: &str, data: &[u8]) {
    let Ok(source) = SourceFile::from_bytes(PathBuf::from(name), kind, data.to_vec()) else {
        return;
    };
    let result = lint_source(source, rules::ALL);
    let text = &result.source.text;
    let on_boundary = |at: usize| at <= text.len() && text.is_char_boundary(at);
    for d in &result.diagnostics {
        assert!(d.span.start <= d.span.end && on_boundary(d.span.start) && on_boundary(d.span.end));
        for label in &d.labels {
            assert!(on_boundary(label.span.start) && on_boundary(label.span.end));
        }
        for edit in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(on_boundary(edit.span.start) && on_boundary(edit.span.end));
        }
        let _ = result.source.line_col(d.span.end);
    }
    for p in &result.facts.problems {
        assert!(on_boundary(p.span.start) && on_boundary(p.span.end));
    }
    let masked = result.source.masked();
    assert_eq!(masked.len(), text.len());
    assert_eq!(masked.lines().count(), text.lines().count());
}
