//! Diagnostics stage, identities: a content fingerprint per finding that survives lines moving, shared
//! by SARIF `partialFingerprints`, GitLab Code Quality and the baseline file; and the repo-relative
//! `/`-separated path every machine format shows.
//!
//! The fingerprint hashes the rule code, the artifact path and the finding's line with whitespace
//! collapsed and secrets masked (so neither a secret nor a hash of one leaves the machine), plus how
//! many earlier findings in the file had the same key. No line number goes in, so inserting lines
//! above a finding keeps its fingerprint.

use std::collections::HashMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::lint::FileResult;
use crate::source::{SourceFile, Span, display_path};

/// The path as machine formats show it: relative to the working directory (the repository root in
/// CI), `/`-separated, never empty. Absolute paths inside the working directory are made relative;
/// others keep their `..` steps, so the result is always a relative reference.
pub fn artifact_path(path: &Path) -> String {
    let relative = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| pathdiff::diff_paths(path, cwd))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let shown = display_path(&relative);
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shown
    }
}

/// The text of the line holding `offset`, without its terminator.
pub fn line_text(source: &SourceFile, text: &str, offset: usize) -> (usize, usize) {
    let (line, _) = source.line_col(offset);
    let start = source.line_start(line - 1).min(text.len());
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    (start, end)
}

/// `<16 hex digits>:<occurrence>`, one per diagnostic of `file`, in the same order.
pub fn fingerprints(file: &FileResult) -> Vec<String> {
    let spans: Vec<(&'static str, Span)> = file
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.span))
        .collect();
    fingerprints_of(&file.source, &spans)
}

/// Fingerprints of findings given by rule code and span, in order.
/// The line text is taken from the masked view, so neither a secret nor a hash of one goes in.
pub fn fingerprints_of(source: &SourceFile, findings: &[(&'static str, Span)]) -> Vec<String> {
    let text = source.masked();
    let path = artifact_path(&source.path);
    let mut seen: HashMap<String, usize> = HashMap::new();
    findings
        .iter()
        .map(|(code, span)| {
            let (start, end) = line_text(source, text, span.start);
            let normalized = text[start..end].split_whitespace().collect::<Vec<_>>();
            let mut hasher = Sha256::new();
            for part in [*code, path.as_str(), &normalized.join(" ")] {
                hasher.update(part.as_bytes());
                hasher.update([0]);
            }
            let digest = hasher.finalize();
            let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            let n = seen.entry(hex.clone()).or_insert(0);
            *n += 1;
            format!("{hex}:{n}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn prints(text: &str, offsets: &[usize]) -> Vec<String> {
        let source = SourceFile::from_text(".env", FileKind::DotEnv, text);
        let findings: Vec<_> = offsets
            .iter()
            .map(|&o| ("STS002", Span::new(o, o + 1)))
            .collect();
        fingerprints_of(&source, &findings)
    }

    #[test]
    fn stable_under_line_shifts_and_whitespace() {
        let a = prints("A=legacy\n", &[2]);
        let b = prints("# new\n\nA=legacy  \n", &[9]);
        assert_eq!(a, b);
        assert!(a[0].ends_with(":1"));
    }

    #[test]
    fn same_line_content_counts_occurrences() {
        let p = prints("A=legacy\nA=legacy\n", &[2, 11]);
        assert_ne!(p[0], p[1]);
        assert_eq!(p[0].split(':').next(), p[1].split(':').next());
    }

    #[test]
    fn secrets_do_not_change_the_hash_input() {
        let source = SourceFile::from_text(".env", FileKind::DotEnv, "TOKEN=abc X=legacy\n");
        let other = SourceFile::from_text(".env", FileKind::DotEnv, "TOKEN=xyz X=legacy\n");
        let f = [("STS002", Span::new(12, 18))];
        assert_eq!(fingerprints_of(&source, &f), fingerprints_of(&other, &f));
    }

    #[test]
    fn artifact_paths_are_relative_and_slashed() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(artifact_path(&cwd.join("a").join(".env")), "a/.env");
        assert_eq!(artifact_path(Path::new("./x/y")), "x/y");
        assert!(!artifact_path(Path::new("/")).starts_with('/'));
    }
}
