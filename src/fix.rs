//! Fix stage: another consumer of diagnostics. Applies their edits in memory, re-lints until nothing
//! fixable is left, and hands the result to [`write`] (atomic write-back) or to a unified diff.
//!
//! The engine never reads rule internals: a [`Fix`] is byte-range edits plus an applicability, and the
//! engine's only promises are about bytes. Every byte outside an edit is kept, the BOM is kept aside by
//! [`SourceFile`] and put back on write, and a file whose bytes do not map one to one onto its text
//! (invalid UTF-8, UTF-16) is never written.

pub mod write;

use std::path::PathBuf;

use crate::diagnostic::{Edit, Fix};
use crate::discover::PathError;
use crate::lint::{FileResult, Report};
use crate::source::{Encoding, Skip, Span};

/// Drops the fixes of shell-syntax files (scripts, `.env`, Dockerfiles) whose edits replace anything
/// but a plain word: a continuation (`leg\` + newline + `acy`), an expansion (`${X:-legacy}`,
/// `legacy$SUFFIX`), quotes or a second assignment on the line would make the replacement change what
/// the shell sees beyond the value. The finding stays, without a fix. The check reads the bytes an
/// edit replaces, which is the fix engine's business, not a rule's.
pub fn keep_plain_word_fixes(result: &mut FileResult) {
    use crate::classify::FileKind;
    if !matches!(
        result.source.kind,
        FileKind::Shell | FileKind::DotEnv | FileKind::Dockerfile
    ) {
        return;
    }
    let text = &result.source.text;
    let bytes = text.as_bytes();
    let plain = |span: Span| {
        // The word itself, and what delimits it: the shell must end the word where the edit ends.
        let word = text.get(span.start..span.end).is_some_and(|s| {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/' | b':'))
        });
        let before = span.start == 0
            || matches!(
                bytes[span.start - 1],
                b'=' | b' ' | b'\t' | b'"' | b'\'' | b'\n'
            );
        let after = bytes.get(span.end).is_none_or(|b| {
            matches!(
                b,
                b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b')' | b'"' | b'\''
            )
        });
        // An insertion (a new line) replaces no word.
        span.is_empty() || (word && before && after)
    };
    for d in &mut result.diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|f| f.edits.iter().any(|e| !plain(e.span)))
        {
            d.fix = None;
        }
    }
}

/// Re-lint rounds before giving up: a fix that keeps producing new fixable findings is a rule bug, and
/// the loop must end anyway.
pub const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
}

/// One file after fixing in memory.
#[derive(Debug)]
pub struct FixedFile {
    /// The text as read, without its BOM.
    pub original: String,
    /// The masked view of the text as read: what a diff may show of it.
    pub original_masked: String,
    /// The lint of the final text: what remains after fixing.
    pub result: FileResult,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
    /// Why applicable fixes were not applied (encoding, a fix that would break the file, no convergence).
    pub note: Option<String>,
}

impl FixedFile {
    pub fn changed(&self) -> bool {
        self.result.source.text != self.original
    }
}

/// Whether any diagnostic of the file carries a fix that `options` allows.
pub fn has_applicable(result: &FileResult, options: FixOptions) -> bool {
    result
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .any(|f| f.applies(options.unsafe_fixes))
}

/// Applies the allowed fixes of one linted file in memory, re-linting after each round until nothing
/// fixable remains or [`MAX_ROUNDS`] is reached. Every round re-lints with the file's own plan, so what
/// remains is reported exactly as `check` would report it. A file with no applicable fix comes back
/// untouched.
pub fn fix_file(result: FileResult, options: FixOptions) -> FixedFile {
    let original = result.source.text.clone();
    let original_masked = result.source.masked().to_owned();
    let mut fixed = FixedFile {
        original,
        original_masked,
        result,
        applied: 0,
        note: None,
    };
    if !has_applicable(&fixed.result, options) {
        return fixed;
    }
    match fixed.result.source.encoding {
        Encoding::Utf8 => {}
        Encoding::Lossy => {
            fixed.note = Some(
                "not fixed: the file is not valid UTF-8, so edits cannot be written back byte for byte"
                    .into(),
            );
            return fixed;
        }
        Encoding::Utf16 => {
            fixed.note = Some(
                "not fixed: the file is UTF-16; fixes are only written into UTF-8 files".into(),
            );
            return fixed;
        }
    }
    let problems = fixed.result.facts.problems.len();
    let mut rounds = 0;
    loop {
        let fixes: Vec<&Fix> = fixed
            .result
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applies(options.unsafe_fixes))
            .collect();
        if fixes.is_empty() {
            break;
        }
        if rounds == MAX_ROUNDS {
            fixed.note = Some(format!(
                "fixes did not settle after {MAX_ROUNDS} rounds; the rest is left as it is"
            ));
            break;
        }
        rounds += 1;
        let (text, applied) = apply(&fixed.result.source.text, &fixes);
        if applied == 0 || text == fixed.result.source.text {
            fixed.note = Some("a fix changed nothing; the rest is left as it is".into());
            break;
        }
        let next = fixed.result.relint(text);
        if next.facts.problems.len() > problems {
            // A fix must never turn a readable file into one the SDKs reject: undo every round.
            fixed.result = fixed.result.relint(fixed.original.clone());
            fixed.applied = 0;
            fixed.note = Some(
                "not fixed: the fixes would leave the file malformed; nothing was changed".into(),
            );
            return fixed;
        }
        fixed.applied += applied;
        fixed.result = next;
    }
    fixed
}

/// Applies non-overlapping fixes to `text` and returns the new text and how many fixes it applied.
///
/// Fixes are taken in order of their first edit; a fix whose edits overlap an edit already taken waits
/// for the next round (its diagnostic is recomputed on the new text). A fix is all or nothing, so a
/// multi-edit fix never lands half-applied. Edits out of bounds or inside a character are refused.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| is_valid(text, f))
        .collect();
    fixes.sort_by_key(|f| first_span(f));
    let mut taken: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in fixes {
        if fix
            .edits
            .iter()
            .all(|e| taken.iter().all(|t| !conflict(e.span, t.span)))
        {
            taken.extend(&fix.edits);
            applied += 1;
        }
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

fn first_span(fix: &Fix) -> (usize, usize) {
    fix.edits
        .iter()
        .map(|e| (e.span.start, e.span.end))
        .min()
        .unwrap_or((usize::MAX, usize::MAX))
}

/// Two edits conflict when their ranges share a byte, or when they start at the same offset (two
/// insertions there, or an insertion before a replacement, have no single right order).
fn conflict(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

fn is_valid(text: &str, fix: &Fix) -> bool {
    let in_bounds = |e: &Edit| {
        e.span.start <= e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    };
    !fix.edits.is_empty()
        && fix.edits.iter().all(in_bounds)
        && fix
            .edits
            .iter()
            .enumerate()
            .all(|(i, a)| fix.edits[i + 1..].iter().all(|b| !conflict(a.span, b.span)))
}

/// What to do with the fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write it back (`--fix`).
    Write,
    /// Only describe it (`--diff`).
    Diff,
}

/// What a fix run did, for the summary and the exit code.
#[derive(Debug, Default)]
pub struct FixSummary {
    /// Fixes applied (written, or that would be written in diff mode).
    pub fixed: usize,
    /// Files changed (or that would change).
    pub files: usize,
    /// The unified diffs of every changed file, in path order (diff mode only).
    pub diff: String,
}

/// Fixes every file of a report, each under its own plan (only the rules enabled for a file fix it). In
/// [`Mode::Write`] each changed file is written atomically and its result replaced by what remains; a
/// failed write keeps the file's original findings and adds an error.
/// `report.fixed` counts fixes actually written. Files that end with nothing to show leave the report.
pub fn fix_report(
    report: &mut Report,
    options: FixOptions,
    mode: Mode,
    roots: &write::Roots,
) -> FixSummary {
    let files = std::mem::take(&mut report.files);
    // Writes are dominated by fsync, which waits on the disk, not the CPU: files are fixed on a few
    // threads, each file by exactly one thread, and the results are put back in path order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(4, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<FileResult>> = Vec::new();
    let mut files = files.into_iter().map(|f| *f).peekable();
    while files.peek().is_some() {
        chunks.push(files.by_ref().take(chunk).collect());
    }
    let done: Vec<Done> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|r| fix_one(r, options, mode, roots))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let mut summary = FixSummary::default();
    for d in done {
        if let Some(note) = d.note {
            report
                .skipped
                .push((d.kept.source.path.clone(), Skip::NotFixed(note)));
        }
        if let Some(error) = d.error {
            report.errors.push(error);
        }
        if d.applied > 0 {
            summary.fixed += d.applied;
            summary.files += 1;
            if mode == Mode::Write {
                report.fixed += d.applied;
            }
        }
        if let Some(diff) = d.diff {
            summary.diff.push_str(&diff);
        }
        if d.kept.has_output() {
            report.files.push(Box::new(d.kept));
        }
    }
    report
        .files
        .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    report.errors.sort_by(|a, b| a.path.cmp(&b.path));
    summary
}

/// One file's share of [`fix_report`].
struct Done {
    /// What the report shows for the file afterwards: what remains, or the original on a failed write.
    kept: FileResult,
    /// Fixes written (or, in diff mode, that would be); 0 when the file did not change.
    applied: usize,
    note: Option<String>,
    error: Option<PathError>,
    diff: Option<String>,
}

fn fix_one(result: FileResult, options: FixOptions, mode: Mode, roots: &write::Roots) -> Done {
    let fixed = fix_file(result, options);
    let mut done = Done {
        applied: 0,
        note: fixed.note.clone(),
        error: None,
        diff: None,
        kept: fixed.result,
    };
    if done.kept.source.text == fixed.original {
        return done;
    }
    match mode {
        Mode::Diff => {
            let path = done.kept.source.display_path();
            done.diff = Some(unified_diff(
                &path,
                &fixed.original_masked,
                done.kept.source.masked(),
            ));
            done.applied = fixed.applied;
        }
        Mode::Write => {
            let path = done.kept.source.path.clone();
            let before = done.kept.source.with_text(fixed.original.clone());
            match write::write_atomic(
                &path,
                &before.to_bytes(),
                &done.kept.source.to_bytes(),
                roots,
            ) {
                Ok(()) => done.applied = fixed.applied,
                Err(e) => {
                    done.error = Some(PathError {
                        path,
                        message: format!("not fixed: {e}"),
                        fails: true,
                    });
                    done.kept = done.kept.relint(fixed.original);
                }
            }
        }
    }
    done
}

/// A unified diff (3 lines of context) from the text as read to the fixed text, headed by the path.
/// Callers pass masked views ([`FixedFile::original_masked`], [`crate::source::SourceFile::masked`]):
/// context and edited lines are file text. The result passes the terminal sanitizer: control
/// characters are visible and no line starts with `::`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = crate::sanitize::path_str(path);
    let diff = similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&path, &path)
        .to_string();
    crate::sanitize::block(&diff).into_owned()
}

/// The paths named on the command line, as the write stage's [`write::Roots`] needs them.
pub fn roots(paths: &[PathBuf]) -> write::Roots {
    write::Roots::new(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::diagnostic::Applicability;
    use crate::source::SourceFile;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            edits: edits
                .iter()
                .map(|&(s, e, c)| Edit::replace(Span::new(s, e), c))
                .collect(),
        }
    }

    #[test]
    fn shell_fixes_only_replace_plain_words() {
        let text = "export AWS_STS_REGIONAL_ENDPOINTS=leg\\\nacy\nexport AWS_STS_REGIONAL_ENDPOINTS=${X:-legacy}\nexport AWS_STS_REGIONAL_ENDPOINTS=legacy$SUFFIX\nexport AWS_STS_REGIONAL_ENDPOINTS=Legacy B=1\n";
        let source = SourceFile::from_text(".bashrc", FileKind::Shell, text);
        let result = lint_source(source);
        let fixable: Vec<usize> = result
            .diagnostics
            .iter()
            .filter(|d| d.fix.is_some())
            .map(|d| result.source.line_col(d.span.start).0)
            .collect();
        // Only `Legacy B=1`: the edit replaces `Legacy` and keeps the second assignment.
        assert_eq!(fixable, [5], "{:?}", result.diagnostics);
        let fixed = fix_file(result, FixOptions { unsafe_fixes: true });
        assert!(
            fixed
                .result
                .source
                .text
                .ends_with("ENDPOINTS=regional B=1\n")
        );
    }

    #[test]
    fn applies_in_order_and_keeps_every_other_byte() {
        let text = "a=legacy\r\nb=legacy\r\n";
        let one = fix(&[(2, 8, "regional")]);
        let two = fix(&[(12, 18, "regional")]);
        let (out, n) = apply(text, &[&two, &one]);
        assert_eq!(out, "a=regional\r\nb=regional\r\n");
        assert_eq!(n, 2);
    }

    #[test]
    fn overlapping_fix_waits_for_the_next_round() {
        let text = "abcdef";
        let first = fix(&[(1, 3, "X")]);
        let overlapping = fix(&[(2, 4, "Y")]);
        let touching = fix(&[(3, 3, "T")]);
        let (out, n) = apply(text, &[&overlapping, &first, &touching]);
        assert_eq!((out.as_str(), n), ("aXTdef", 2));
        // Two edits at one offset have no single right order: the first by position wins.
        let insert = fix(&[(1, 1, "Z")]);
        let (out, n) = apply(text, &[&first, &insert]);
        assert_eq!((out.as_str(), n), ("aZbcdef", 1));
    }

    #[test]
    fn multi_edit_fix_is_all_or_nothing() {
        let text = "0123456789";
        let blocker = fix(&[(2, 3, "b")]);
        let multi = fix(&[(8, 9, "M"), (2, 3, "m")]);
        let (out, n) = apply(text, &[&blocker, &multi]);
        assert_eq!((out.as_str(), n), ("01b3456789", 1));
        let (out, n) = apply(text, &[&multi]);
        assert_eq!((out.as_str(), n), ("01m34567M9", 1));
    }

    #[test]
    fn invalid_edits_are_refused_not_panicked_on() {
        let text = "é=1";
        let inside_char = fix(&[(1, 2, "x")]);
        let out_of_bounds = fix(&[(2, 99, "x")]);
        let self_overlapping = fix(&[(0, 2, "x"), (1, 3, "y")]);
        let empty = Fix {
            applicability: Applicability::Safe,
            edits: Vec::new(),
        };
        let (out, n) = apply(
            text,
            &[&inside_char, &out_of_bounds, &self_overlapping, &empty],
        );
        assert_eq!((out.as_str(), n), (text, 0));
    }

    use crate::lint::{FilePlan, lint, lint_source};
    use crate::rules::RuleSet;
    use std::sync::Arc;

    fn lint_env(text: &str) -> FileResult {
        lint_source(SourceFile::from_text(".env", FileKind::DotEnv, text))
    }

    /// A plan running only the test registry's rules.
    fn only(registry: &'static [&'static Rule]) -> Arc<FilePlan> {
        Arc::new(FilePlan::with_rules(registry, RuleSet::all(registry)))
    }

    #[test]
    fn fix_file_relints_until_nothing_fixable_remains() {
        let fixed = fix_file(
            lint_env("AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_STS_REGIONAL_ENDPOINTS=REGIONAL\n"),
            FixOptions::default(),
        );
        assert_eq!(
            fixed.result.source.text,
            "AWS_STS_REGIONAL_ENDPOINTS=regional\nAWS_STS_REGIONAL_ENDPOINTS=regional\n"
        );
        assert_eq!(fixed.applied, 2);
        assert!(fixed.result.diagnostics.is_empty());
        assert!(fixed.note.is_none());
    }

    #[test]
    fn unsafe_fixes_need_the_option() {
        let text = "AWS_STS_REGIONAL_ENDPOINTS=global\n";
        let safe_only = fix_file(lint_env(text), FixOptions::default());
        assert!(!safe_only.changed());
        assert_eq!(safe_only.result.diagnostics.len(), 1);
        let with_unsafe = fix_file(lint_env(text), FixOptions { unsafe_fixes: true });
        assert_eq!(
            with_unsafe.result.source.text,
            "AWS_STS_REGIONAL_ENDPOINTS=regional\n"
        );
    }

    #[test]
    fn lossy_and_utf16_files_are_not_fixed() {
        let lossy = SourceFile::from_bytes(
            ".env".into(),
            FileKind::DotEnv,
            b"AWS_STS_REGIONAL_ENDPOINTS=legacy\n# \xff\n".to_vec(),
        )
        .unwrap();
        let fixed = fix_file(lint_source(lossy), FixOptions::default());
        assert!(!fixed.changed());
        assert!(fixed.note.unwrap().contains("not valid UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes()),
            )
            .collect();
        let source = SourceFile::from_bytes(".env".into(), FileKind::DotEnv, utf16).unwrap();
        let fixed = fix_file(lint_source(source), FixOptions::default());
        assert!(!fixed.changed());
        assert!(fixed.note.unwrap().contains("UTF-16"));
    }

    #[test]
    fn a_file_without_applicable_fixes_is_returned_as_is() {
        let fixed = fix_file(
            lint_env("AWS_REGION=aws-global\n"),
            FixOptions { unsafe_fixes: true },
        );
        assert!(!fixed.changed() && fixed.note.is_none() && fixed.applied == 0);
    }

    use crate::diagnostic::Diagnostic;
    use crate::rules::{Facts, FixAvailability, Input, Rule};

    /// A rule whose fix breaks the INI syntax: the engine must undo it.
    static BREAKS_SYNTAX: Rule = Rule {
        code: "STS900",
        name: "test-breaks-syntax",
        summary: "test",
        severity: crate::diagnostic::Severity::Warning,
        reads: Facts::PROFILES,
        fix: FixAvailability::Always,
        doc: "",
        check: |facts: &Input, out: &mut Vec<Diagnostic>| {
            // An unclosed section header after the last value: the INI parser rejects the file.
            if let Some(end) = facts.settings.last().map(|s| s.value_span.end) {
                let d = Diagnostic::new(&BREAKS_SYNTAX, Span::new(0, 0), "m", "h")
                    .with_fix(Fix::safe(Edit::insert(end, "\n[broken")));
                out.push(d);
            }
        },
    };

    /// A rule that always finds something to fix: the loop must still end.
    static NEVER_SETTLES: Rule = Rule {
        code: "STS901",
        name: "test-never-settles",
        summary: "test",
        severity: crate::diagnostic::Severity::Warning,
        reads: Facts::NONE,
        fix: FixAvailability::Always,
        doc: "",
        check: |_: &Input, out: &mut Vec<Diagnostic>| {
            let d = Diagnostic::new(&NEVER_SETTLES, Span::new(0, 0), "m", "h")
                .with_fix(Fix::safe(Edit::insert(0, "#\n")));
            out.push(d);
        },
    };

    #[test]
    fn a_fix_that_would_make_the_file_malformed_is_undone() {
        let text = "[default]\nregion = eu-west-1\n";
        let source = SourceFile::from_text(".aws/config", FileKind::AwsConfig, text);
        static REGISTRY: &[&Rule] = &[&BREAKS_SYNTAX];
        let fixed = fix_file(lint(source, &only(REGISTRY)), FixOptions::default());
        assert!(!fixed.changed());
        assert_eq!(fixed.applied, 0);
        assert!(fixed.note.unwrap().contains("malformed"));
    }

    #[test]
    fn the_fix_loop_is_bounded() {
        let source = SourceFile::from_text(".env", FileKind::DotEnv, "A=1\n");
        static REGISTRY: &[&Rule] = &[&NEVER_SETTLES];
        let fixed = fix_file(lint(source, &only(REGISTRY)), FixOptions::default());
        assert_eq!(fixed.applied, MAX_ROUNDS);
        assert_eq!(fixed.result.source.text, "#\n".repeat(MAX_ROUNDS) + "A=1\n");
        assert!(fixed.note.unwrap().contains("did not settle"));
    }

    #[test]
    fn diff_shows_only_the_changed_line() {
        let fixed = fix_file(
            lint_env("A=1\nAWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
            FixOptions::default(),
        );
        assert_eq!(
            unified_diff(".env", &fixed.original_masked, fixed.result.source.masked()),
            "--- .env\n+++ .env\n@@ -1,2 +1,2 @@\n A=1\n-AWS_STS_REGIONAL_ENDPOINTS=legacy\n+AWS_STS_REGIONAL_ENDPOINTS=regional\n"
        );
    }
}
