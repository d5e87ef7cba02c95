//! The labelled corpus: realistic files of every supported kind under `tests/corpus/`, with the
//! hand-labelled findings in `tests/corpus/expected.txt`. Precision and recall over it must both be
//! 100%: every expected finding reported, nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use stslint::classify::{FileKind, classify};
use stslint::discover::DiscoverOptions;
use stslint::lint::{self, FilePlan, Walk};
use stslint::rules::{self, RuleSet};
use stslint::source::SourceFile;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The labels: `path:line: CODE severity`.
fn expected() -> BTreeSet<String> {
    fs::read_to_string(corpus().join("expected.txt"))
        .expect("expected.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Every corpus file but the label list, as (path relative to the corpus, text), sorted.
fn corpus_files() -> Vec<(String, String)> {
    let root = corpus();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "expected.txt") {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                out.push((rel.replace('\\', "/"), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// What stslint reports on the corpus, in the label format, and how many files it checked.
fn run() -> (BTreeSet<String>, usize) {
    let root = corpus();
    let walk = Walk {
        paths: vec![root.clone()],
        discover: DiscoverOptions {
            no_ignore: true,
            ..Default::default()
        },
    };
    let plan = FilePlan::with_rules(rules::ALL, RuleSet::all(rules::ALL));
    let report = lint::run_with(&walk, &plan).expect("corpus run");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut found = BTreeSet::new();
    for file in &report.files {
        assert!(
            file.facts.problems.is_empty(),
            "{}: {:?}",
            file.source.path.display(),
            file.facts.problems
        );
        let rel = file
            .source
            .path
            .strip_prefix(&root)
            .unwrap_or(&file.source.path);
        let rel = rel.to_string_lossy().replace('\\', "/");
        for d in &file.diagnostics {
            let (line, _) = file.source.line_col(d.span.start);
            found.insert(format!(
                "{rel}:{line}: {} {}",
                d.rule.code,
                d.severity.as_str()
            ));
        }
    }
    (found, report.files_checked)
}

#[test]
fn corpus_precision_and_recall_are_100_percent() {
    let expected = expected();
    let (found, files) = run();
    let true_positives = found.intersection(&expected).count();
    let false_positives: Vec<_> = found.difference(&expected).collect();
    let false_negatives: Vec<_> = expected.difference(&found).collect();
    let precision = true_positives as f64 / found.len().max(1) as f64;
    let recall = true_positives as f64 / expected.len().max(1) as f64;
    eprintln!(
        "corpus: {files} files checked, {} expected findings, {} reported; precision {:.1}%, recall {:.1}%",
        expected.len(),
        found.len(),
        precision * 100.0,
        recall * 100.0
    );
    assert!(
        false_positives.is_empty() && false_negatives.is_empty(),
        "false positives (reported, not expected): {false_positives:#?}\nfalse negatives (expected, not reported): {false_negatives:#?}"
    );
}

#[test]
fn corpus_is_substantial_on_both_sides() {
    let expected = expected();
    let files = corpus_files();
    // Lines that mention the global host (Markdown and AsciiDoc included), as `path:line`.
    let mentions: BTreeSet<String> = files
        .iter()
        .flat_map(|(rel, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains("sts.amazonaws.com"))
                .map(move |(i, _)| format!("{rel}:{}", i + 1))
        })
        .collect();
    let flagged_lines: BTreeSet<String> = expected
        .iter()
        .filter_map(|l| l.split_once(": ").map(|(at, _)| at.to_owned()))
        .collect();
    let must_not_flag = mentions.difference(&flagged_lines).count();
    // Global-host strings the code and Terraform-JSON extractors recorded as identifiers.
    let identifiers: usize = files
        .iter()
        .filter_map(|(rel, text)| {
            let kind = classify(Path::new(rel))?;
            let source = SourceFile::from_text(rel.as_str(), kind, text.as_str());
            Some(stslint::extract::extract(&source).identifiers.len())
        })
        .sum();
    eprintln!(
        "corpus: {} lines mention sts.amazonaws.com, {must_not_flag} of them must not be flagged; {identifiers} recorded as identifiers by the code extractors",
        mentions.len()
    );
    // The negative side (identifiers, prose, comparisons) is larger than the positive side.
    assert!(
        must_not_flag >= 50,
        "only {must_not_flag} must-not-flag lines"
    );
    assert!(identifiers >= 30, "only {identifiers} identifiers recorded");
    assert!(
        expected.len() >= 30,
        "only {} expected findings",
        expected.len()
    );
    for code in ["STS001", "STS002", "STS201", "STS202", "STS203"] {
        assert!(
            expected.iter().any(|l| l.contains(code)),
            "the corpus has no {code} case"
        );
    }
}

/// Bad input never panics: every corpus file, cut at every fifth byte, through its own extractor
/// and every rule; and whole, halved and quartered through every other extractor (mismatched input).
/// Every cut of every file through every kind would be quadratic in the corpus; the fuzz targets
/// cover arbitrary cuts.
#[test]
fn truncated_and_mismatched_input_never_panics() {
    let mut texts: Vec<(Option<FileKind>, String)> = corpus_files()
        .into_iter()
        .map(|(path, text)| (classify(Path::new(&path)), text))
        .collect();
    texts.extend(
        [
            "\"",
            "'",
            "`",
            "r#\"",
            "@\"",
            "/*",
            "=begin",
            "{{{{",
            "]]]]",
            "x = '\u{e9}",
            "provider \"aws\" {",
            "a: [",
            "- --sts-regional-endpoint=",
            "run: |\n",
        ]
        .map(|t| (None, t.to_owned())),
    );
    let cuts = |text: &str, step: usize| -> Vec<Vec<u8>> {
        (0..=text.len())
            .step_by(step)
            .chain([text.len()])
            .filter(|&i| text.is_char_boundary(i))
            .map(|i| text.as_bytes()[..i].to_vec())
            .collect()
    };
    for (own, text) in &texts {
        let sparse = (text.len() / 4).max(5);
        for &kind in FileKind::ALL {
            // Spans, labels and fix edits on char boundaries inside the text, masking that keeps it
            // valid: the fuzz targets' invariants, checked on every cut.
            let step = if own.is_none_or(|own| own == kind) {
                5
            } else {
                sparse
            };
            stslint::fuzzing::lint_bytes_each(kind, "x", cuts(text, step));
        }
    }
}
