//! Data-driven rule fixtures: `tests/fixtures/<rule-name>/input/` holds real file names with flagged and
//! must-not-flag cases side by side; `expected.txt` holds the concise lines of *that rule only*.
//!
//! `UPDATE_EXPECT=1 cargo test --test it rules::` rewrites `expected.txt`; read the diff before committing it.

use crate::support::fixtures;
use std::fs;
use std::path::Path;

use stslint::discover::DiscoverOptions;
use stslint::lint::{self, FilePlan, Walk};
use stslint::rules;

/// Lints `input/` with one rule and renders `path:line:col: CODE message`, paths relative to `input/`.
fn lint_fixture(rule: &'static stslint::rules::Rule, input: &Path) -> String {
    let walk = Walk {
        paths: vec![input.to_path_buf()],
        discover: DiscoverOptions {
            no_ignore: true,
            ..Default::default()
        },
    };
    let report = lint::run_with(&walk, &FilePlan::only(rule)).expect("fixture run");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let mut out = String::new();
    for (file, d) in report.diagnostics() {
        let (line, col) = file.source.line_col(d.span.start);
        let rel = file
            .source
            .path
            .strip_prefix(input)
            .unwrap_or(&file.source.path);
        out.push_str(&format!(
            "{}:{line}:{col}: {} {}\n",
            rel.to_string_lossy().replace('\\', "/"),
            d.rule.code,
            d.message
        ));
    }
    out
}

#[test]
fn every_fixture_matches_its_expected_output() {
    let mut dirs: Vec<_> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input").is_dir())
        .collect();
    dirs.sort();
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_str().unwrap();
        let rule = rules::find(name).unwrap_or_else(|| panic!("fixture `{name}` names no rule"));
        let got = lint_fixture(rule, &dir.join("input"));
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("--- {name}: expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_with_a_finding() {
    for rule in rules::ALL {
        let expected = fixtures().join(rule.name).join("expected.txt");
        let text = fs::read_to_string(&expected)
            .unwrap_or_else(|_| panic!("{} has no fixture", rule.code));
        assert!(
            text.lines().any(|l| l.contains(rule.code)),
            "{}: the fixture flags nothing",
            rule.code
        );
    }
}
