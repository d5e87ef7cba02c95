//! Rule docs: every rule has a doc and every doc a rule; headings are fixed; the doc's Example is flagged
//! by its rule and its "Use instead" block is not.

use std::fs;
use std::path::Path;

use stslint::classify::classify;
use stslint::lint::{FilePlan, lint};
use stslint::rules::{self, Rule};
use stslint::source::SourceFile;

const HEADINGS: &[&str] = &[
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## References",
];

/// Fenced blocks as (title, body), in order.
fn code_blocks(doc: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        if info.is_empty() {
            continue;
        }
        let title = info
            .split("title=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
            .unwrap_or_else(|| panic!("code block without title=\"…\": {line}"))
            .to_owned();
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        blocks.push((title, body.join("\n") + "\n"));
    }
    blocks
}

fn count(rule: &'static Rule, title: &str, body: &str) -> usize {
    let kind = classify(Path::new(title))
        .unwrap_or_else(|| panic!("{}: `{title}` is no known file kind", rule.code));
    let source = SourceFile::from_text(title, kind, body);
    let plan = std::sync::Arc::new(FilePlan::only(rule));
    lint(source, &plan).diagnostics.len()
}

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut docs: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("STS") && n.ends_with(".md"))
        .collect();
    docs.sort();
    let expected: Vec<String> = rules::ALL
        .iter()
        .map(|r| format!("{}-{}.md", r.code, r.name))
        .collect();
    assert_eq!(docs, expected);
    for rule in rules::ALL {
        let on_disk =
            fs::read_to_string(dir.join(format!("{}-{}.md", rule.code, rule.name))).unwrap();
        assert_eq!(
            on_disk, rule.doc,
            "{}: the embedded doc is stale",
            rule.code
        );
    }
}

#[test]
fn docs_have_the_fixed_headings_in_order() {
    for rule in rules::ALL {
        let title = format!("# {} ({})", rule.name, rule.code);
        assert_eq!(
            rule.doc.lines().next(),
            Some(title.as_str()),
            "{}",
            rule.code
        );
        let mut at = 0;
        for heading in HEADINGS {
            let found = rule.doc[at..]
                .find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("{}: `{heading}` missing or out of order", rule.code));
            at += found + 1;
        }
        let fixable = rule.fix != rules::FixAvailability::None;
        assert_eq!(
            rule.doc.contains("\n## Fix safety\n"),
            fixable,
            "{}: `## Fix safety` iff fixable",
            rule.code
        );
    }
}

#[test]
fn doc_examples_are_flagged_and_use_instead_is_not() {
    for rule in rules::ALL {
        let example = rule.doc.split("\n## Example\n").nth(1).unwrap();
        let example = example.split("\n## ").next().unwrap();
        let (bad, good) = example
            .split_once("Use instead:")
            .unwrap_or_else(|| panic!("{}: no `Use instead:`", rule.code));
        let bad = code_blocks(bad);
        let good = code_blocks(good);
        assert!(!bad.is_empty() && !good.is_empty(), "{}", rule.code);
        for (title, body) in &bad {
            assert!(
                count(rule, title, body) > 0,
                "{}: Example `{title}` is not flagged",
                rule.code
            );
        }
        for (title, body) in &good {
            assert_eq!(
                count(rule, title, body),
                0,
                "{}: Use instead `{title}` is flagged",
                rule.code
            );
        }
    }
}
