//! Property tests: span arithmetic and the whole pipeline never panic and keep their invariants on
//! arbitrary input (the long-running search is the cargo-fuzz targets in `fuzz/`).

use proptest::prelude::*;
use stslint::classify::FileKind;
use stslint::source::{SourceFile, Span};

/// Text built from the pieces that matter to the extractors, so shrinking finds readable cases.
fn settings_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("AWS_STS_REGIONAL_ENDPOINTS".to_owned()),
        Just("sts_regional_endpoints".to_owned()),
        Just("legacy".to_owned()),
        Just("regional".to_owned()),
        Just("https://sts.amazonaws.com".to_owned()),
        Just("aws-global".to_owned()),
        Just("[profile x]".to_owned()),
        Just("export ".to_owned()),
        Just("ENV ".to_owned()),
        Just("FROM x".to_owned()),
        Just("env:".to_owned()),
        Just("- name: ".to_owned()),
        Just("value: ".to_owned()),
        "[=:\"'\\\\ \\t\\r\\n#;\\[\\]{}|&-]".prop_map(|s: String| s),
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn line_col_and_lines_agree(text in "\\PC{0,60}|[a\\r\\n\\u{e9}]{0,30}") {
        let source = SourceFile::from_text("f.env", FileKind::DotEnv, text.clone());
        for (offset, line) in source.lines() {
            prop_assert!(text.is_char_boundary(offset));
            prop_assert_eq!(&text[offset..offset + line.len()], line);
            let (l, c) = source.line_col(offset);
            prop_assert_eq!(c, 1);
            prop_assert!(l >= 1);
        }
        for (i, _) in text.char_indices() {
            let (l, c) = source.line_col(i);
            prop_assert!(l >= 1 && c >= 1);
        }
    }

    #[test]
    fn redaction_keeps_length_and_validity(text in "\\PC{0,40}", cuts in prop::collection::vec((0usize..40, 0usize..10), 0..4)) {
        let spans: Vec<Span> = cuts
            .into_iter()
            .filter_map(|(s, n)| {
                let start = text.char_indices().map(|(i, _)| i).nth(s)?;
                let end = text[start..].char_indices().map(|(i, _)| start + i).nth(n).unwrap_or(text.len());
                Some(Span::new(start, end))
            })
            .collect();
        let masked = stslint::secrets::redact(&text, &spans);
        prop_assert_eq!(masked.len(), text.len());
    }

    #[test]
    fn every_kind_survives_arbitrary_text(text in settings_text(), kind in 0usize..64) {
        let kind = FileKind::ALL[kind % FileKind::ALL.len()];
        stslint::fuzzing::lint_bytes(kind, "prop", text.as_bytes());
    }

    /// The output sanitizer on arbitrary file names: `lint_bytes` renders every format and asserts
    /// that no line starts with `::` and no raw control character appears.
    #[test]
    fn no_output_line_starts_with_a_workflow_command_for_any_name_or_content(
        name in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}`:|\\n #\\[\\u{3000}])*{0,12}",
        text in settings_text(),
        kind in 0usize..64,
    ) {
        let kind = FileKind::ALL[kind % FileKind::ALL.len()];
        let name = format!("{name}/.env");
        stslint::fuzzing::lint_bytes(kind, &name, format!("{text}\n::add-mask::{name}\n \u{3000}::error::x ##[stop-commands]t ##vso[x]\n\x1b]0;t\x07").as_bytes());
    }

    #[test]
    fn every_kind_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200), kind in 0usize..64) {
        let kind = FileKind::ALL[kind % FileKind::ALL.len()];
        stslint::fuzzing::lint_bytes(kind, "prop", &bytes);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Autofix on arbitrary text: never panics, never makes a file less readable, and what it leaves is
    /// a fixed point (a second run applies nothing).
    #[test]
    fn fixing_settles_and_never_adds_problems(text in settings_text(), kind in 0usize..64) {
        use stslint::fix::{FixOptions, fix_file};
        let kind = FileKind::ALL[kind % FileKind::ALL.len()];
        let options = FixOptions { unsafe_fixes: true };
        let source = SourceFile::from_text("prop", kind, text.clone());
        let before = stslint::lint::lint_source(source);
        let problems = before.facts.problems.len();
        let fixed = fix_file(before, options);
        prop_assert!(fixed.result.facts.problems.len() <= problems);
        if fixed.note.is_none() {
            let again = fix_file(fixed.result, options);
            prop_assert_eq!(again.applied, 0, "not a fixed point: {:?}", again.result.source.text);
        }
    }
}
