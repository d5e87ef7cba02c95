//! Repository context, end to end through the binary: each directory under `tests/repos/` is one
//! repository (an STS VPC endpoint, a token-version preference, the regions it deploys to), linted with
//! `stslint check .` from inside it. `expected.txt` holds the exit code, then one line per finding
//! (`path:line:col: CODE severity message`) with the repository facts it depends on indented below it.
//!
//! `UPDATE_EXPECT=1 cargo test --test it repos::` rewrites `expected.txt`; read the diff before committing it.

use crate::support::tree;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/repos")
}

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("AWS_STS_REGIONAL_ENDPOINTS")
        .env_remove("AWS_REGION")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("run stslint")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// The findings of a JSON report with their context, in the `expected.txt` format.
fn render(o: &Output) -> String {
    let mut out = format!("exit: {}\n", o.status.code().unwrap_or(-1));
    for d in json(o)["diagnostics"].as_array().unwrap() {
        out.push_str(&format!(
            "{}:{}:{}: {} {} {}\n",
            d["path"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["code"].as_str().unwrap(),
            d["severity"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        ));
        for c in d["context"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "    context {}:{}: {}\n",
                c["path"].as_str().unwrap(),
                c["line"],
                c["message"].as_str().unwrap()
            ));
        }
    }
    out
}

#[test]
fn every_repository_matches_its_expected_findings() {
    let mut dirs: Vec<_> = fs::read_dir(repos())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6, "the repositories are missing");
    let mut failures = Vec::new();
    for dir in &dirs {
        let got = render(&stslint(
            dir,
            &["check", ".", "--no-ignore", "--format", "json"],
        ));
        let expected_path = dir.join("expected.txt");
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            let name = dir.file_name().unwrap().to_string_lossy();
            failures.push(format!("--- {name}: expected\n{expected}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const ENDPOINT: &str = "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n\nresource \"aws_vpc_endpoint\" \"sts\" {\n  service_name        = \"com.amazonaws.eu-west-1.sts\"\n  private_dns_enabled = true\n}\n";
const LEGACY: &str = "AWS_STS_REGIONAL_ENDPOINTS=legacy\n";

/// `code severity context-count` of every finding, in report order.
fn summary(o: &Output) -> Vec<String> {
    json(o)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["path"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["context"].as_array().map_or(0, Vec::len)
            )
        })
        .collect()
}

#[test]
fn a_repository_is_the_directory_holding_git_below_the_given_path() {
    let dir = tree(&[
        ("a/.git/HEAD", "ref: refs/heads/main\n"),
        ("a/infra/vpc.tf", ENDPOINT),
        ("a/app/.env", LEGACY),
        ("b/.git/HEAD", "ref: refs/heads/main\n"),
        ("b/app/.env", LEGACY),
    ]);
    let o = stslint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(
        summary(&o),
        ["a/app/.env STS002 error 1", "b/app/.env STS002 warning 0"],
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Without `.git`, the path given is the repository: the endpoint now applies to both.
    fs::remove_dir_all(dir.path().join("a/.git")).unwrap();
    fs::remove_dir_all(dir.path().join("b/.git")).unwrap();
    let o = stslint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(
        summary(&o),
        ["a/app/.env STS002 error 1", "b/app/.env STS002 error 1"]
    );
    // Each path given is its own repository.
    let o = stslint(dir.path(), &["check", "a", "b", "--format", "json"]);
    assert_eq!(
        summary(&o),
        ["a/app/.env STS002 error 1", "b/app/.env STS002 warning 0"]
    );
}

#[test]
fn every_output_format_shows_the_context_and_fix_keeps_it() {
    let dir = tree(&[("infra/vpc.tf", ENDPOINT), ("app/.env", LEGACY)]);
    let human = stslint(dir.path(), &["check", "."]);
    let text = String::from_utf8_lossy(&human.stdout);
    // miette wraps the note; its start says where the fact is written.
    assert!(
        text.contains("note: infra/vpc.tf:5: `aws_vpc_endpoint.sts`"),
        "{text}"
    );
    let sarif: serde_json::Value =
        serde_json::from_slice(&stslint(dir.path(), &["check", ".", "--format", "sarif"]).stdout)
            .unwrap();
    let related = &sarif["runs"][0]["results"][0]["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "infra/vpc.tf"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 5);
    // `--diff` and `--fix` lint with the same plan: the context is there in every round.
    let diff = stslint(dir.path(), &["check", ".", "--diff"]);
    assert!(String::from_utf8_lossy(&diff.stdout).contains("+AWS_STS_REGIONAL_ENDPOINTS=regional"));
    let select = [
        "check",
        ".",
        "--select",
        "STS002,STS005",
        "--format",
        "json",
    ];
    fs::write(
        dir.path().join("app/.env"),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=aws-global\n",
    )
    .unwrap();
    // The fix round re-lints the fixed text: what is left keeps the context and its raised severity.
    let fixed = stslint(dir.path(), &[&select[..], &["--fix"]].concat());
    assert_eq!(summary(&fixed), ["app/.env STS005 error 1"]);
    assert!(
        fs::read_to_string(dir.path().join("app/.env"))
            .unwrap()
            .contains("=regional")
    );
    assert_eq!(fixed.status.code(), Some(1));
}

#[test]
fn a_repository_without_these_resources_lints_as_before() {
    let dir = tree(&[
        (
            "infra/main.tf",
            "provider \"aws\" {\n  region = \"eu-west-1\"\n}\n",
        ),
        ("app/.env", LEGACY),
    ]);
    let o = stslint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(summary(&o), ["app/.env STS002 warning 0"]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"context\""));
}

#[test]
fn sarif_with_related_locations_validates_against_the_official_schema() {
    // As in tests/ci.rs: the schema lives in the shared folder beside the repository, when present.
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = fs::read_to_string(&schema_path) else {
        eprintln!("skipped: {} not present", schema_path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = tree(&[("infra/vpc.tf", ENDPOINT), ("app/.env", LEGACY)]);
    let sarif = json(&stslint(dir.path(), &["check", ".", "--format", "sarif"]));
    assert!(sarif["runs"][0]["results"][0]["relatedLocations"].is_array());
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
