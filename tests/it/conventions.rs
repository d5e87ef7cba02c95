//! The command line's conventions, with ruff's as the anchor: unknown subcommands, `--output-format`,
//! "did you mean", the `--fix` hint, `--show-settings`, grouped help, completions, the man page and the
//! config file's JSON schema.

use crate::support::{stderr, stdout, tree};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("run stslint")
}

const LEGACY: &str = "AWS_STS_REGIONAL_ENDPOINTS=legacy\n";

#[test]
fn a_misspelt_subcommand_is_an_error_with_a_suggestion() {
    // `stslint chek .` itself: tests/cmd/misspelt-subcommand.toml.
    // The same word as an existing path is linted: paths stay the short form of `check`.
    let dir = tree(&[("chek/.env", LEGACY), ("docs/.env", LEGACY)]);
    for path in ["chek", "docs"] {
        let o = stslint(dir.path(), &[path, "--format", "concise"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(stdout(&o).starts_with(&format!("{path}/.env:1:28: STS002")));
    }
    // A missing path unlike any subcommand is still reported as a path.
    let o = stslint(dir.path(), &["no-such-place"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("no-such-place: no such file or directory"));
}

#[test]
fn output_format_is_an_alias_of_format() {
    let dir = tree(&[(".env", LEGACY)]);
    let a = stslint(dir.path(), &["check", "--output-format", "concise"]);
    let b = stslint(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).starts_with(".env:1:28: STS002"));
    let o = stslint(dir.path(), &["rules", "--output-format", "json"]);
    assert!(stdout(&o).starts_with('['), "{}", stdout(&o));
    assert!(
        stdout(&stslint(dir.path(), &["check", "--help"])).contains("[alias: --output-format]")
    );
}

#[test]
fn unknown_rules_get_a_did_you_mean() {
    // On the command line: tests/cmd/unknown-rule-*.toml and nothing-close-no-guess.toml.
    // A config file's rule names get the same help.
    let dir = tree(&[
        (".env", LEGACY),
        ("stslint.toml", "ignore = [\"global-endpont\"]\n"),
    ]);
    let o = stslint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `global-endpoint`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_summary_says_how_to_apply_the_fixes() {
    let dir = tree(&[(".env", LEGACY)]);
    let out = stdout(&stslint(dir.path(), &["check"]));
    assert!(
        out.ends_with("1 problem (1 fixable) in 1 file\nrun with --fix to apply 1 fix\n"),
        "{out}"
    );
    // Only an unsafe fix (the global endpoint with a known region).
    let dir = tree(&[(
        ".env",
        "AWS_REGION=eu-west-1\nAWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n",
    )]);
    let out = stdout(&stslint(dir.path(), &["check", "--format", "concise"]));
    assert!(
        out.ends_with("run with --fix --unsafe-fixes to apply 1 fix (review before committing)\n"),
        "{out}"
    );
    // Nothing fixable: no hint; --quiet: no summary at all.
    let dir = tree(&[(".env", "AWS_REGION=aws-global\n")]);
    let out = stdout(&stslint(dir.path(), &["check"]));
    assert!(
        out.contains("1 problem in 1 file") && !out.contains("--fix"),
        "{out}"
    );
    let dir = tree(&[(".env", LEGACY)]);
    assert!(!stdout(&stslint(dir.path(), &["check", "-q"])).contains("--fix"));
}

#[test]
fn show_settings_names_the_config_and_what_it_makes_of_a_file() {
    let dir = tree(&[
        (".env", LEGACY),
        (
            "svc/stslint.toml",
            "fail-on = \"error\"\ndefault-region = \"eu-west-1\"\nexclude = [\"generated/**\"]\nignore = [\"STS004\"]\n\n[severity]\nlegacy-sts-mode = \"error\"\n",
        ),
        ("svc/generated/.env", LEGACY),
    ]);
    let o = stslint(
        dir.path(),
        &["check", "--show-settings", "svc/generated/.env"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "Settings for `svc/generated/.env`",
        "config file:    svc/stslint.toml",
        "file kind:      dotenv",
        "excluded:       yes",
        "fail-on:        error",
        "default-region: eu-west-1",
        "STS002  legacy-sts-mode            error (configured)",
    ] {
        assert!(out.contains(want), "missing `{want}` in\n{out}");
    }
    assert!(!out.contains("STS004"), "{out}");
    let out = stdout(&stslint(dir.path(), &["check", "--show-settings", ".env"]));
    assert!(out.contains("config file:    none found"), "{out}");
    assert!(out.contains("excluded:       no"), "{out}");
    assert!(
        // STS004's default is info (issue 14: most clients that read the line default to regional).
        out.contains("STS004  missing-regional-setting   info"),
        "{out}"
    );
    // The command line wins, and says so.
    let out = stdout(&stslint(
        dir.path(),
        &[
            "check",
            "--fail-on",
            "info",
            "--show-settings",
            "svc/generated/.env",
        ],
    ));
    assert!(out.contains("fail-on:        info"), "{out}");
    let out = stdout(&stslint(
        dir.path(),
        &[
            "check",
            "--isolated",
            "--show-settings",
            "svc/generated/.env",
        ],
    ));
    assert!(out.contains("config file:    none (--isolated"), "{out}");
}

#[test]
fn check_help_is_grouped() {
    let dir = tree(&[]);
    let help = stdout(&stslint(dir.path(), &["check", "--help"]));
    let at = |heading: &str| {
        help.find(&format!("\n{heading}:\n"))
            .unwrap_or_else(|| panic!("no `{heading}:` in\n{help}"))
    };
    let (rules, fixing) = (at("Rule selection"), at("Fixing"));
    for heading in [
        "Output",
        "File selection",
        "Exit status",
        "Configuration",
        "Baselines",
    ] {
        at(heading);
    }
    let select = help.find("--select").unwrap();
    let fix = help.find("--unsafe-fixes").unwrap();
    assert!(rules < select && fixing < fix, "{help}");
}

#[test]
fn completions_and_man_page_come_from_the_binary() {
    let dir = tree(&[]);
    for (shell, marker) in [
        ("bash", "complete -F _stslint"),
        ("zsh", "#compdef stslint"),
        ("fish", "complete -c stslint"),
    ] {
        let o = stslint(dir.path(), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0));
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}:\n{script}");
        assert!(script.contains("unsafe-fixes"), "{shell}");
    }
    assert_eq!(
        stslint(dir.path(), &["completions", "tcsh"]).status.code(),
        Some(2)
    );
    let man = stdout(&stslint(dir.path(), &["man"]));
    assert!(man.contains(".TH stslint 1"), "{man}");
    assert!(man.contains("doctor"), "{man}");
}

#[test]
fn the_checked_in_schema_is_the_generated_one_and_validates_configs() {
    let dir = tree(&[]);
    let generated = stdout(&stslint(dir.path(), &["config-schema"]));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/stslint.schema.json");
    let checked_in = fs::read_to_string(&path).unwrap();
    assert_eq!(
        checked_in.trim_end(),
        generated.trim_end(),
        "src/stslint.schema.json is stale: run `stslint config-schema > src/stslint.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&generated).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let as_json = |toml_text: &str| -> serde_json::Value {
        serde_json::to_value(toml::from_str::<toml::Value>(toml_text).unwrap()).unwrap()
    };
    // The README's example config is valid, and stslint accepts it too.
    let example = "select = [\"ALL\"]\nextend-select = []\nignore = [\"missing-regional-setting\"]\nfail-on = \"error\"\nexclude = [\"fixtures/**\"]\nextend-exclude = [\"vendor\"]\ndefault-region = \"eu-west-1\"\n\n[severity]\nglobal-region = \"info\"\nSTS001 = \"error\"\n\n[per-file-ignores]\n\"legacy/**\" = [\"STS002\"]\n";
    assert!(validator.is_valid(&as_json(example)));
    let accepted = tree(&[("stslint.toml", example), (".env", "A=1\n")]);
    assert_eq!(stslint(accepted.path(), &["check"]).status.code(), Some(0));
    // What stslint rejects, the schema rejects.
    for bad in [
        "selct = [\"ALL\"]\n",
        "fail-on = \"warn\"\n",
        "[severity]\nSTS001 = \"loud\"\n",
    ] {
        assert!(!validator.is_valid(&as_json(bad)), "{bad}");
        let rejected = tree(&[("stslint.toml", bad), (".env", "A=1\n")]);
        assert_eq!(
            stslint(rejected.path(), &["check"]).status.code(),
            Some(2),
            "{bad}"
        );
    }
}
