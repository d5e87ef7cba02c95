//! Output that fits the terminal: `COLUMNS` decides the width of `check`, `doctor` and `rules`, words
//! are never broken across lines, far labels become notes, and a rule's doc is named as the command
//! that prints it offline.

use crate::support::stdout;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", dir.join("bin"))
        .env("HOME", dir)
        .envs(env.iter().copied())
        .output()
        .expect("run stslint")
}

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A repository with findings of several rules, one of them with a label 46 lines away.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        ".aws/config",
        "[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n\n[profile ci]\nregion = us-east-1\n",
    );
    let mut env = String::from("AWS_REGION=us-east-1\n");
    for i in 0..45 {
        env.push_str(&format!("# setting {i} of the deploy job\n"));
    }
    env.push_str("AWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n");
    write(d, "deploy.env", &env);
    write(d, "requirements.txt", "boto3==1.26.0\nawscli==1.16.200\n");
    fs::create_dir_all(d.join("bin")).unwrap();
    dir
}

/// A home with a config, clients in two places and a shell file.
fn home() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let h = dir.path();
    write(
        h,
        ".aws/config",
        "[default]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = default\nsts_regional_endpoints = regional\n\n[profile old]\nregion = us-east-1\nsts_regional_endpoints = legacy\n",
    );
    write(h, ".zshrc", "export AWS_STS_REGIONAL_ENDPOINTS=legacy\n");
    for d in ["awscli-1.22.34.dist-info", "botocore-1.29.0.dist-info"] {
        fs::create_dir_all(h.join(".local/lib/python3.11/site-packages").join(d)).unwrap();
    }
    fs::create_dir_all(h.join("bin")).unwrap();
    dir
}

/// Words of the output, with the frame drawing taken out.
fn tokens(text: &str) -> BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "│╭╰─┬·┤├┼╮╯".contains(c))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every line fits `width` columns, and every word of the narrow output is a word of the same output
/// laid out without a width limit (or a word of the narrow layout's own labels): a word broken across
/// two lines would leave fragments that are neither.
fn assert_fits(narrow: &str, wide: &str, width: usize, layout_words: &[&str]) {
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= width,
            "line of {} columns, over {width}:\n{line}\nin\n{narrow}",
            line.chars().count()
        );
    }
    let known = tokens(wide);
    for word in tokens(narrow) {
        assert!(
            known.contains(&word)
                || layout_words.contains(&word.as_str())
                || is_code_in_backticks(&word),
            "`{word}` is not a whole word of the unwrapped output:\n{narrow}"
        );
    }
}

/// The end of "see `stslint rule STS002`".
fn is_code_in_backticks(word: &str) -> bool {
    word.strip_prefix("STS")
        .and_then(|w| w.strip_suffix('`'))
        .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn check_doctor_and_rules_fit_80_columns_without_breaking_words() {
    let repo = repo();
    let narrow = stdout(&run(repo.path(), &[("COLUMNS", "80")], &["check", "."]));
    let wide = stdout(&run(repo.path(), &[("COLUMNS", "1000")], &["check", "."]));
    assert!(narrow.contains("STS002 legacy-sts-mode"), "{narrow}");
    assert_fits(&narrow, &wide, 80, &["`stslint", "rule"]);
    assert!(narrow.contains("see `stslint rule STS001`"), "{narrow}");
    // The same messages do run past 80 columns when the terminal is wide.
    assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");

    let home = home();
    let doctor = |columns| {
        stdout(&run(
            home.path(),
            &[("COLUMNS", columns)],
            &["doctor", "--home", home.path().to_str().unwrap()],
        ))
    };
    let (narrow, wide) = (doctor("80"), doctor("1000"));
    assert!(
        narrow.contains("Profiles (* = the active one):"),
        "{narrow}"
    );
    assert!(wide.contains("PROFILE "), "{wide}");
    assert_fits(
        &narrow,
        &wide,
        80,
        &[
            "Profiles",
            "(*",
            "=",
            "the",
            "active",
            "one):",
            "region:",
            "STS",
            "mode:",
            "legacy-default",
            "clients",
            "call:",
            "affected",
            "clients:",
            "`stslint",
            "rule",
        ],
    );

    let rules = |columns| stdout(&run(repo.path(), &[("COLUMNS", columns)], &["rules"]));
    let (narrow, wide) = (rules("80"), rules("1000"));
    assert!(wide.starts_with("CODE "), "{wide}");
    assert_fits(
        &narrow,
        &wide,
        80,
        &["severity:", "·", "fix:", "file", "kinds:"],
    );
    // At 100 columns it is a table again, and still fits.
    let hundred = rules("100");
    assert!(hundred.starts_with("CODE "), "{hundred}");
    assert_fits(&hundred, &wide, 100, &[]);
}

#[test]
fn default_width_is_100_when_not_a_terminal() {
    let repo = repo();
    let out = stdout(&run(repo.path(), &[], &["check", "."]));
    let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        longest <= 100 && longest > 80,
        "longest line {longest}:\n{out}"
    );
}

#[test]
fn a_far_label_is_a_note_not_a_tall_frame() {
    let repo = repo();
    let out = stdout(&run(repo.path(), &[], &["check", "deploy.env"]));
    assert!(out.contains("note: region set at line 1"), "{out}");
    // The frame shows the finding's line and its neighbour, not the 45 lines in between.
    assert!(out.contains("47 │ AWS_ENDPOINT_URL_STS="), "{out}");
    assert!(out.contains("46 │ # setting 44 of the deploy job"), "{out}");
    assert!(!out.contains("# setting 10 of"), "{out}");
    assert!(!out.contains(" 1 │ AWS_REGION"), "{out}");
}

#[test]
fn a_near_label_stays_in_the_frame() {
    let dir = repo();
    write(
        dir.path(),
        "near.env",
        "AWS_REGION=us-east-1\nAWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n",
    );
    let out = stdout(&run(dir.path(), &[], &["check", "near.env"]));
    assert!(out.contains("region set here"), "{out}");
    assert!(!out.contains("note: region set at line"), "{out}");
    assert!(out.contains("1 │ AWS_REGION=us-east-1"), "{out}");
}

#[test]
fn no_link_is_printed_even_with_colour() {
    // The project publishes no documentation site: the doc is the command that prints it offline.
    let repo = repo();
    let out = stdout(&run(repo.path(), &[], &["check", ".", "--color", "always"]));
    assert!(!out.contains("\u{1b}]8;;"), "{out:?}");
    assert!(!out.contains("https://github.com"), "{out}");
    assert!(out.contains("see `stslint rule STS002`"), "{out}");
}
