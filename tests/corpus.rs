//! The labelled corpus: realistic files of every supported kind under `tests/corpus/`, with the
//! hand-labelled findings in `tests/corpus/expected.txt`. Precision and recall over it must both be
//! 100%: every expected finding reported, nothing else.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use stslint::classify::FileKind;
use stslint::discover::DiscoverOptions;
use stslint::lint::{self, Options};
use stslint::rules;
use stslint::source::SourceFile;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn expected() -> BTreeSet<String> {
    fs::read_to_string(corpus().join("expected.txt"))
        .expect("expected.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

struct Run {
    found: BTreeSet<String>,
    /// Mentions of the global host the extractors recorded as identifiers (audiences, client IDs, …).
    identifiers: usize,
    /// Files read and checked.
    files: usize,
}

fn run() -> Run {
    let root = corpus();
    let report = lint::run(&Options {
        paths: vec![root.clone()],
        discover: DiscoverOptions {
            no_ignore: true,
            ..Default::default()
        },
        rules: rules::ALL.to_vec(),
    })
    .expect("corpus run");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut found = BTreeSet::new();
    let mut identifiers = 0;
    for file in &report.files {
        assert!(
            file.facts.problems.is_empty(),
            "{}: {:?}",
            file.source.path.display(),
            file.facts.problems
        );
        identifiers += file.facts.identifiers.len();
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
    Run {
        found,
        identifiers,
        files: report.files_checked,
    }
}

#[test]
fn corpus_precision_and_recall_are_100_percent() {
    let expected = expected();
    let run = run();
    let true_positives = run.found.intersection(&expected).count();
    let false_positives: Vec<_> = run.found.difference(&expected).collect();
    let false_negatives: Vec<_> = expected.difference(&run.found).collect();
    let precision = true_positives as f64 / run.found.len().max(1) as f64;
    let recall = true_positives as f64 / expected.len().max(1) as f64;
    eprintln!(
        "corpus: {} files, {} expected findings, {} reported, {} identifier mentions not reported; precision {:.1}%, recall {:.1}%",
        run.files,
        expected.len(),
        run.found.len(),
        run.identifiers,
        precision * 100.0,
        recall * 100.0
    );
    assert!(
        false_positives.is_empty() && false_negatives.is_empty(),
        "false positives (reported, not expected): {false_positives:#?}\nfalse negatives (expected, not reported): {false_negatives:#?}"
    );
}

/// Lines of corpus files (every file, Markdown and AsciiDoc included) that mention the global host, as
/// `path:line`.
fn global_host_lines() -> BTreeSet<String> {
    let root = corpus();
    let mut out = BTreeSet::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.file_name().is_some_and(|n| n == "expected.txt") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let rel = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (i, line) in text.lines().enumerate() {
                if line.contains("sts.amazonaws.com") {
                    out.insert(format!("{rel}:{}", i + 1));
                }
            }
        }
    }
    out
}

#[test]
fn corpus_is_substantial_on_both_sides() {
    let expected = expected();
    let run = run();
    let flagged_lines: BTreeSet<String> = expected
        .iter()
        .filter_map(|l| l.split_once(": ").map(|(at, _)| at.to_owned()))
        .collect();
    let mentions = global_host_lines();
    let must_not_flag = mentions.difference(&flagged_lines).count();
    eprintln!(
        "corpus: {} lines mention sts.amazonaws.com, {must_not_flag} of them must not be flagged; {} recorded as identifiers by the code extractors",
        mentions.len(),
        run.identifiers
    );
    // The negative side (identifiers, prose, comparisons) is larger than the positive side.
    assert!(
        must_not_flag >= 50,
        "only {must_not_flag} must-not-flag lines"
    );
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

/// Bad input never panics: every corpus file, cut at many points, through every extractor.
#[test]
fn truncated_and_mismatched_input_never_panics() {
    let mut texts: Vec<String> = global_host_lines()
        .iter()
        .filter_map(|at| at.rsplit_once(':').map(|(path, _)| path.to_owned()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|rel| fs::read_to_string(corpus().join(rel)).unwrap())
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
        ]
        .map(str::to_owned),
    );
    for text in &texts {
        let cuts: Vec<usize> = (0..=text.len())
            .step_by(5)
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &kind in FileKind::ALL {
            for &cut in &cuts {
                let source = SourceFile::from_text("x", kind, &text[..cut]);
                let facts = stslint::extract::extract(&source);
                for e in &facts.endpoints {
                    assert!(source.text.get(e.span.start..e.span.end).is_some());
                }
            }
        }
    }
}
