//! What the README states about the registry and the code is held to them, so it cannot drift.

use stslint::classify::{TEST_DIRS, TEST_FILE_NAMES};
use stslint::rules::{self, FixAvailability};

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The rows of the README's rule table: `| STS001 | `name` | default | fix | what |`.
fn rule_rows(readme: &str) -> Vec<Vec<String>> {
    readme
        .lines()
        .skip_while(|l| !l.starts_with("| Code | Name | Default | Fix |"))
        .skip(2)
        .take_while(|l| l.starts_with("| STS"))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_rule_table_matches_the_registry() {
    let text = readme();
    let rows = rule_rows(&text);
    let codes: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let registry: Vec<&str> = rules::ALL.iter().map(|r| r.code).collect();
    assert_eq!(codes, registry, "one row per rule, in code order");
    for (row, rule) in rows.iter().zip(rules::ALL) {
        assert_eq!(row[1], format!("`{}`", rule.name), "{}", rule.code);
        assert!(
            row[2].starts_with(rule.severity.as_str()),
            "{}: README says `{}`, the registry `{}`",
            rule.code,
            row[2],
            rule.severity.as_str()
        );
        assert_eq!(
            row[3] == "—",
            rule.fix == FixAvailability::None,
            "{}: README's fix column `{}`, registry `{}`",
            rule.code,
            row[3],
            rule.fix.as_str()
        );
    }
}

#[test]
fn the_test_file_definition_is_stated_once_and_whole() {
    let text = readme();
    assert_eq!(
        text.matches("Findings in test files").count(),
        1,
        "one paragraph"
    );
    let paragraph = text
        .split("Findings in test files")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    for pattern in TEST_FILE_NAMES.iter().chain(TEST_DIRS) {
        assert!(
            paragraph.contains(&format!("`{pattern}`")),
            "README's test-file paragraph does not name `{pattern}`"
        );
    }
    // Nothing else that looks like a pattern: every backticked glob is one of the code's.
    for quoted in paragraph.split('`').skip(1).step_by(2) {
        if quoted.contains('*') {
            assert!(
                TEST_FILE_NAMES.contains(&quoted),
                "`{quoted}` is not in the code's list"
            );
        }
    }
}
