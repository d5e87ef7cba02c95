//! One driver: every entry point (paths, stdin, `--fix`, `--diff`, `--write-baseline`, `doctor`) lints a
//! file with the same per-file plan, so the same file gives the same findings however it is reached.

use crate::support::{run_with_stdin, tree};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn stslint(dir: &Path, args: &[&str]) -> Output {
    stslint_stdin(dir, args, None)
}

fn stslint_stdin(dir: &Path, args: &[&str], input: Option<&str>) -> Output {
    run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env_remove("AWS_STS_REGIONAL_ENDPOINTS")
            .env_remove("AWS_REGION")
            .env_remove("AWS_PROFILE"),
        input.unwrap_or_default().as_bytes(),
    )
}

/// The `code severity` pairs of a JSON report, sorted by path and position as the report orders them.
fn findings(o: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["path"].as_str().unwrap(),
                d["line"],
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect()
}

const SUPPRESSED: &str =
    "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=aws-global # stslint: ignore[STS005]\n";

#[test]
fn fix_keeps_no_inline_suppressions() {
    let dir = tree(&[(".env", SUPPRESSED)]);
    let check = stslint(
        dir.path(),
        &["check", ".", "--no-inline-suppressions", "--format", "json"],
    );
    assert_eq!(
        findings(&check),
        [".env:1 STS002 warning", ".env:2 STS005 warning"]
    );
    assert_eq!(check.status.code(), Some(1));
    // --fix rewrites STS002; STS005 has no fix and is still reported, as `check` reports it.
    let fixed = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--no-inline-suppressions",
            "--fix",
            "--format",
            "json",
        ],
    );
    assert_eq!(findings(&fixed), [".env:2 STS005 warning"]);
    assert_eq!(fixed.status.code(), Some(1));
    assert!(
        fs::read_to_string(dir.path().join(".env"))
            .unwrap()
            .starts_with("AWS_STS_REGIONAL_ENDPOINTS=regional\n")
    );
}

#[test]
fn a_finding_left_after_fix_keeps_its_severity() {
    let dir = tree(&[(
        "tests/fx/.env",
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=aws-global\n",
    )]);
    // Linted from its own root, `tests/fx/.env` is not a test file: `tests/` is above the root.
    let check = stslint(dir.path(), &["check", "tests/fx", "--format", "json"]);
    assert_eq!(
        findings(&check),
        [
            "tests/fx/.env:1 STS002 warning",
            "tests/fx/.env:2 STS005 warning"
        ]
    );
    let fixed = stslint(
        dir.path(),
        &["check", "tests/fx", "--fix", "--format", "json"],
    );
    assert_eq!(findings(&fixed), ["tests/fx/.env:2 STS005 warning"]);
    assert_eq!(fixed.status.code(), Some(1));
}

#[test]
fn settings_rules_run_on_every_kind_that_records_the_setting() {
    let dir = tree(&[
        (
            "infra/lambda.tf",
            r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  environment {
    variables = {
      AWS_REGION                 = "aws-global"
      AWS_STS_REGIONAL_ENDPOINTS = "sometimes"
    }
  }
}
"#,
        ),
        (
            "infra/lambda.tf.json",
            r#"{
  "resource": {
    "aws_lambda_function": {
      "api": {
        "environment": {
          "variables": {
            "AWS_REGION": "aws-global",
            "AWS_STS_REGIONAL_ENDPOINTS": "sometimes"
          }
        }
      }
    }
  }
}
"#,
        ),
        (
            "k8s/deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          env:\n            - name: AWS_REGION\n              value: aws-global\n            - name: AWS_STS_REGIONAL_ENDPOINTS\n              value: sometimes\n",
        ),
        (
            ".env",
            "AWS_REGION=aws-global\nAWS_STS_REGIONAL_ENDPOINTS=sometimes\n",
        ),
    ]);
    let o = stslint(dir.path(), &["check", ".", "--format", "json"]);
    let got = findings(&o);
    for want in [
        ".env:1 STS005 warning",
        ".env:2 STS003 error",
        "infra/lambda.tf:5 STS005 warning",
        "infra/lambda.tf:6 STS003 error",
        "infra/lambda.tf.json:7 STS005 warning",
        "infra/lambda.tf.json:8 STS003 error",
        "k8s/deploy.yaml:10 STS005 warning",
        "k8s/deploy.yaml:12 STS003 error",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want} in {got:#?}");
    }
}

/// One tree through every entry point; where they must agree, they do.
#[test]
fn every_entry_point_lints_the_same_way() {
    let files: &[(&str, &str)] = &[
        (".env", SUPPRESSED),
        (
            "app/Dockerfile",
            "FROM python:3.12-slim\nENV AWS_STS_REGIONAL_ENDPOINTS=legacy AWS_REGION=aws-global\n",
        ),
        (
            "tests/integration/.env",
            "AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        ),
        ("stslint.toml", "[severity]\nglobal-region = \"error\"\n"),
    ];
    let dir = tree(files);
    let check = findings(&stslint(dir.path(), &["check", ".", "--format", "json"]));
    assert_eq!(
        check,
        [
            ".env:1 STS002 warning",
            "app/Dockerfile:2 STS002 warning",
            "app/Dockerfile:2 STS005 error",
            "tests/integration/.env:1 STS002 info",
        ]
    );

    // stdin: each file fed through `-` with its name gives that file's findings.
    for (name, text) in &files[..3] {
        let o = stslint_stdin(
            dir.path(),
            &["check", "-", "--stdin-filename", name, "--format", "json"],
            Some(text),
        );
        let want: Vec<&String> = check
            .iter()
            .filter(|c| c.starts_with(&format!("{name}:")))
            .collect();
        let got = findings(&o);
        assert_eq!(got.iter().collect::<Vec<_>>(), want, "stdin {name}");
    }

    // --diff describes exactly the fixable findings and changes nothing.
    let diff = stslint(dir.path(), &["check", ".", "--diff"]);
    let diff_text = String::from_utf8_lossy(&diff.stdout);
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(
        diff_text
            .matches("\n+AWS_STS_REGIONAL_ENDPOINTS=regional")
            .count(),
        2,
        "{diff_text}"
    );
    assert!(diff_text.contains("+ENV AWS_STS_REGIONAL_ENDPOINTS=regional AWS_REGION=aws-global"));
    assert_eq!(
        fs::read_to_string(dir.path().join(".env")).unwrap(),
        SUPPRESSED
    );

    // --write-baseline records exactly what `check` reports.
    let baseline = dir.path().join("baseline.json");
    let o = stslint(
        dir.path(),
        &["check", ".", "--write-baseline", baseline.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0));
    let recorded: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    let mut codes: Vec<String> = recorded["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["path"].as_str().unwrap(),
                e["code"].as_str().unwrap()
            )
        })
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ".env STS002",
            "app/Dockerfile STS002",
            "app/Dockerfile STS005",
            "tests/integration/.env STS002"
        ]
    );
    fs::remove_file(&baseline).unwrap();

    // --fix on a copy: what remains is what `check` reported minus what was fixed, at the same severity.
    let copy = tree(files);
    let fixed = findings(&stslint(
        copy.path(),
        &["check", ".", "--fix", "--format", "json"],
    ));
    assert_eq!(fixed, ["app/Dockerfile:2 STS005 error"]);

    // doctor reads a home's `.aws/config` with the same rules as `check` reads it.
    let config = "[default]\nregion = aws-global\nsts_regional_endpoints = legacy\n";
    let home = tree(&[(".aws/config", config)]);
    let repo = tree(&[(".aws/config", config)]);
    let checked = findings(&stslint(
        repo.path(),
        &["check", ".", "--format", "json", "--isolated"],
    ));
    let o = stslint(
        home.path(),
        &[
            "doctor",
            "--home",
            home.path().to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut doctored: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().ends_with(".aws/config"))
        .map(|d| {
            format!(
                ".aws/config:{} {} {}",
                d["line"],
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap()
            )
        })
        .collect();
    doctored.sort();
    let mut checked_sorted = checked.clone();
    checked_sorted.sort();
    assert_eq!(doctored, checked_sorted);
}

#[test]
fn default_region_names_the_region_a_file_does_not_set() {
    let files: &[(&str, &str)] = &[
        (
            "app/.env",
            "AWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\nAWS_REGION=aws-global\n",
        ),
        (
            "web/.env",
            "AWS_REGION=eu-central-1\nAWS_ENDPOINT_URL_STS=https://sts.amazonaws.com\n",
        ),
    ];
    let dir = tree(files);
    let helps = |dir: &Path| -> Vec<String> {
        let o = stslint(dir, &["check", ".", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap(),
                    d["help"].as_str().unwrap()
                )
            })
            .collect()
    };
    // Without `default-region`, a file with no region gets the generic advice and no fix.
    let before = helps(dir.path());
    assert!(
        before[0]
            .starts_with("STS001 use the regional endpoint of the region the workload runs in"),
        "{before:?}"
    );
    assert!(before[1].ends_with("e.g. `us-east-1`"), "{before:?}");

    fs::write(
        dir.path().join("stslint.toml"),
        "default-region = \"eu-west-1\"\n",
    )
    .unwrap();
    let after = helps(dir.path());
    assert_eq!(
        after,
        [
            "STS001 use the regional endpoint of `eu-west-1` (the project's `default-region`): `https://sts.eu-west-1.amazonaws.com`",
            "STS005 set `AWS_REGION` to the region the workload runs in, e.g. `eu-west-1` (the project's `default-region`)",
            // A region the file sets wins over the project's default.
            "STS001 use the regional endpoint of `eu-central-1`: `https://sts.eu-central-1.amazonaws.com`",
        ]
    );
    let o = stslint(
        dir.path(),
        &["check", ".", "--fix", "--unsafe-fixes", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(1), "STS005 has no fix and remains");
    assert_eq!(
        fs::read_to_string(dir.path().join("app/.env")).unwrap(),
        "AWS_ENDPOINT_URL_STS=https://sts.eu-west-1.amazonaws.com\nAWS_REGION=aws-global\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("web/.env")).unwrap(),
        "AWS_REGION=eu-central-1\nAWS_ENDPOINT_URL_STS=https://sts.eu-central-1.amazonaws.com\n"
    );
}
