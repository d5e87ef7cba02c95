//! End-to-end tests on the built binary: formats, exit codes, stdin, rule docs, secrets, bad input.

use crate::support::{run_with_stdin, stdout, tree};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run stslint")
}

const BAD_CONFIG: &str = "[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n";

// Exit codes 0, 1 and 2: tests/cmd/*-exits-*.toml.

#[test]
fn bare_paths_mean_check() {
    let bad = tree(&[("a/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n")]);
    let o = stslint(bad.path(), &["a", "--format", "concise"]);
    assert_eq!(
        stdout(&o),
        "a/.env:1:28: STS002 `AWS_STS_REGIONAL_ENDPOINTS` is `legacy`: SDKs that read it send STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`\n1 problem (1 fixable) in 1 file\nrun with --fix to apply 1 fix\n"
    );
}

#[test]
fn human_format_has_code_frame_label_help_and_link() {
    let bad = tree(&[(".aws/config", BAD_CONFIG)]);
    let out = stdout(&stslint(bad.path(), &["--color", "never"]));
    for needle in [
        "STS002 legacy-sts-mode",
        "[.aws/config:3:26]",
        "3 │ sts_regional_endpoints = legacy",
        "╰── legacy-sts-mode",
        "help: set `sts_regional_endpoints` to `regional`",
        "see `stslint rule STS002`",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in\n{out}");
    }
    assert!(!out.contains('\u{1b}'), "NO_COLOR output has escape codes");
}

#[test]
fn json_format_is_the_documented_contract() {
    let bad = tree(&[
        (".aws/config", BAD_CONFIG),
        ("ok.env", "AWS_REGION=us-east-1\n"),
    ]);
    let o = stslint(bad.path(), &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "STS002");
    assert_eq!(d["name"], "legacy-sts-mode");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["path"], ".aws/config");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(26))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(3), Some(32))
    );
    assert_eq!(d["fix"]["applicability"], "safe");
    assert_eq!(d["fix"]["edits"][0]["content"], "regional");
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["problems"], 1);
}

#[test]
fn select_and_ignore() {
    let bad = tree(&[(".aws/config", "[default]\nregion = aws-global\n")]);
    let codes = |args: &[&str]| {
        let o = stslint(bad.path(), &[&["--format", "json"], args].concat());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&[]), ["STS004", "STS005"]);
    assert_eq!(codes(&["--select", "global-region"]), ["STS005"]);
    assert_eq!(codes(&["--ignore", "STS004,STS005"]), Vec::<String>::new());
}

#[test]
fn stdin_with_stdin_filename() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args([
                "check",
                "-",
                "--stdin-filename",
                "Dockerfile",
                "--format",
                "concise",
                "-q",
            ])
            .current_dir(dir.path()),
        b"FROM x\nENV AWS_REGION=aws-global\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with("Dockerfile:2:16: STS005 "),
        "{}",
        stdout(&o)
    );

    let o = stslint(dir.path(), &["check", "-"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--stdin-filename"));
}

#[test]
fn rule_and_rules_commands() {
    let dir = tempfile::tempdir().unwrap();
    let o = stslint(dir.path(), &["rule", "STS001"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("STS001 global-endpoint · default severity: warning"));
    assert!(out.contains("# global-endpoint (STS001)"));
    assert!(stdout(&stslint(dir.path(), &["rule", "legacy-sts-mode"])).contains("(STS002)"));
    assert_eq!(
        stslint(dir.path(), &["rule", "STS999"]).status.code(),
        Some(2)
    );

    let list = stdout(&stslint(dir.path(), &["rules"]));
    for code in ["STS001", "STS002", "STS003", "STS004", "STS005"] {
        assert!(list.contains(code), "{code} missing from\n{list}");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&stslint(dir.path(), &["rules", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(json[0]["code"], "STS001");
}

/// Fake secrets planted next to findings in every settings kind never reach any output.
#[test]
fn secrets_never_leave_the_machine() {
    const SECRETS: &[&str] = &[
        "AKIAZZZZZZZZZZZZZZZZ",
        "wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET",
        "FwoGZXIvYXdzEJr//////////wEaDSESSIONTOKEN",
        "hunter2-password-value",
        "wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET1234",
    ];
    let files = [
        (
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\naws_session_token = FwoGZXIvYXdzEJr//////////wEaDSESSIONTOKEN\nsts_regional_endpoints = legacy\n",
        ),
        (
            ".aws/config",
            "[default]\nsts_regional_endpoints = legacy\ncredential_process = x --password hunter2-password-value\n",
        ),
        (
            ".env",
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\nAWS_STS_REGIONAL_ENDPOINTS=legacy\nDB_PASSWORD=hunter2-password-value\n",
        ),
        (
            ".bashrc",
            "export AWS_SESSION_TOKEN=FwoGZXIvYXdzEJr//////////wEaDSESSIONTOKEN\nexport AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        ),
        (
            "Dockerfile",
            "FROM x\nENV AWS_ACCESS_KEY_ID=AKIAZZZZZZZZZZZZZZZZ AWS_STS_REGIONAL_ENDPOINTS=legacy\nARG GITHUB_TOKEN=hunter2-password-value\n",
        ),
        (
            "k8s/deploy.yaml",
            "env:\n  - name: AWS_SECRET_ACCESS_KEY\n    value: wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\n  - name: AWS_STS_REGIONAL_ENDPOINTS\n    value: legacy\n",
        ),
    ];
    let dir = tree(&files);
    // Source code, Terraform and manifests: secrets sit beside findings there too.
    let more = [
        (
            "app/sts.py",
            "AWS_SECRET_ACCESS_KEY = \"wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\"\nclient = boto3.client(\"sts\", endpoint_url=\"https://sts.amazonaws.com\", aws_session_token=\"FwoGZXIvYXdzEJr//////////wEaDSESSIONTOKEN\")\npassword = \"hunter2-password-value\"\n",
        ),
        (
            "infra/main.tf",
            "provider \"aws\" {\n  secret_key = \"wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\"\n  endpoints {\n    sts = \"https://sts.amazonaws.com\"\n  }\n}\n",
        ),
        (
            "requirements.txt",
            "--extra-index-url https://user:hunter2-password-value@pypi.example.com/simple\nboto3==1.34.0\n",
        ),
        (
            "src/Sts.java",
            "class Sts {\n  AWSCredentials c = new BasicAWSCredentials(\"AKIAZZZZZZZZZZZZZZZZ\", \"wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET1234\");\n  AWSSecurityTokenService s = new AWSSecurityTokenServiceClient(c);\n}\n",
        ),
    ];
    for (path, text) in more {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "junit",
    ] {
        let o = stslint(dir.path(), &["--format", format]);
        assert_eq!(o.status.code(), Some(1), "{format}");
        let all = format!("{}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        for code in ["STS001", "STS002", "STS102", "STS103"] {
            assert!(all.contains(code), "{format}: no {code} finding\n{all}");
        }
        for secret in SECRETS {
            assert!(!all.contains(secret), "{format} leaked `{secret}`:\n{all}");
        }
    }
}

#[test]
fn bad_input_is_reported_not_a_crash() {
    let dir = tree(&[
        (
            ".aws/config",
            "[default]\nsts_regional_endpoints = legacy\n[broken\n",
        ),
        ("k8s/bad.yaml", "env: [AWS_REGION, 2\n  x: }\n"),
        (
            "crlf/.env",
            "AWS_STS_REGIONAL_ENDPOINTS=legacy\r\nAWS_REGION=us-east-1\r\n",
        ),
    ]);
    fs::write(
        dir.path().join(".env"),
        b"AWS_REGION=\xff\xfe\nAWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("bin.env"),
        b"\x00\x01\x02AWS_STS_REGIONAL_ENDPOINTS=legacy",
    )
    .unwrap();
    let o = stslint(dir.path(), &["--format", "concise"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(".env:2:28: STS002"), "{out}");
    assert!(out.contains("crlf/.env:1:28: STS002"), "{out}");
    assert!(!out.contains("bin.env"), "{out}");
    let human = stdout(&stslint(dir.path(), &[]));
    assert!(human.contains("malformed INI"), "{human}");
    assert!(human.contains("malformed YAML"), "{human}");
    assert!(human.contains("bin.env: binary file skipped"), "{human}");
    let json: serde_json::Value =
        serde_json::from_slice(&stslint(dir.path(), &["--format", "json"]).stdout).unwrap();
    assert_eq!(json["errors"].as_array().unwrap().len(), 2);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    let dir = tree(&[("a/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n")]);
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
    let o = stslint(dir.path(), &["--format", "concise", "-q"]);
    assert_eq!(stdout(&o).lines().count(), 1, "{}", stdout(&o));
}

#[test]
fn a_named_file_of_no_known_kind_is_an_error_that_says_how_to_name_it() {
    let dir = tree(&[("profiles.ini", BAD_CONFIG)]);
    let o = stslint(dir.path(), &["check", "profiles.ini"]);
    assert_eq!(o.status.code(), Some(2), "{}", crate::support::text(&o));
    let out = crate::support::text(&o);
    assert!(out.contains("profiles.ini"), "{out}");
    assert!(
        out.contains("--kind KIND") && out.contains("[kinds]"),
        "{out}"
    );
    // The error comes first, as every error on a named path does (the summary line follows it).
    assert!(out.starts_with("error: profiles.ini: "), "{out}");
    // Walked, the same file is simply not read.
    assert_eq!(stslint(dir.path(), &["check", "."]).status.code(), Some(0));
}

#[test]
fn kind_flag_reads_named_files_and_stdin_as_that_kind() {
    let dir = tree(&[("profiles.ini", BAD_CONFIG), ("ops/notes.ini", BAD_CONFIG)]);
    let o = stslint(
        dir.path(),
        &[
            "check",
            "profiles.ini",
            "--kind",
            "aws-config",
            "--format",
            "concise",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", crate::support::text(&o));
    assert!(
        stdout(&o).starts_with("profiles.ini:3:26: STS002 "),
        "{}",
        stdout(&o)
    );
    // A directory is walked as usual: its files keep their own kinds.
    let o = stslint(dir.path(), &["check", "ops", "--kind", "aws-config"]);
    assert_eq!(o.status.code(), Some(0), "{}", crate::support::text(&o));

    let o = stslint(
        dir.path(),
        &["check", "profiles.ini", "--kind", "aws-confg"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        crate::support::stderr(&o).contains("did you mean `aws-config`?"),
        "{}",
        crate::support::text(&o)
    );

    let o = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args([
                "check", "-", "--kind", "dotenv", "--format", "concise", "-q",
            ])
            .current_dir(dir.path()),
        b"AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains(":1:28: STS002 "), "{}", stdout(&o));
}

#[test]
fn config_kinds_table_names_kinds_by_glob() {
    let dir = tree(&[
        (
            "stslint.toml",
            "[kinds]\n\"deploy/aws-profiles\" = \"aws-config\"\n\"*.vars\" = \"dotenv\"\n",
        ),
        ("deploy/aws-profiles", BAD_CONFIG),
        ("ci/build.vars", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
        ("ci/notes", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
    ]);
    let o = stslint(dir.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", crate::support::text(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(": STS"))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(lines, ["ci/build.vars:1:28", "deploy/aws-profiles:3:26"]);
    // Named, a file the table covers is read too.
    let o = stslint(dir.path(), &["check", "deploy/aws-profiles"]);
    assert_eq!(o.status.code(), Some(1), "{}", crate::support::text(&o));
    let o = stslint(dir.path(), &["check", "--show-settings", "ci/build.vars"]);
    assert!(
        stdout(&o).contains("file kind:      dotenv"),
        "{}",
        crate::support::text(&o)
    );
    let o = stslint(dir.path(), &["check", "--show-settings", "ci/notes"]);
    assert!(
        stdout(&o).contains("file kind:      not a kind"),
        "{}",
        crate::support::text(&o)
    );

    let bad = tree(&[
        ("stslint.toml", "[kinds]\n\"*.vars\" = \"dot-env\"\n"),
        ("x.vars", "A=1\n"),
    ]);
    let o = stslint(bad.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        crate::support::text(&o).contains("did you mean `dotenv`?"),
        "{}",
        crate::support::text(&o)
    );
}

#[test]
fn templated_yaml_is_never_malformed_and_its_expressions_are_unknown() {
    let dir = tree(&[
        (
            "chart/Chart.yaml",
            "apiVersion: v2\nname: x\nversion: 0.1.0\n",
        ),
        (
            "chart/templates/cm.yaml",
            "data:\n{{- if .Values.a }}\n  AWS_STS_REGIONAL_ENDPOINTS: legacy\n{{- else }}\n    AWS_STS_REGIONAL_ENDPOINTS: {{ .Values.mode }}\n{{- end }}\n",
        ),
        (
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      AWS_STS_REGIONAL_ENDPOINTS: ${{ vars.STS_MODE }}\n    steps:\n      - run: aws sts get-caller-identity --endpoint-url ${{ vars.STS_URL }}\n",
        ),
        // Plain YAML that does not parse is still reported.
        ("k8s/broken.yaml", "AWS_REGION: [\n"),
    ]);
    let o = stslint(dir.path(), &["check", ".", "--format", "concise"]);
    let out = crate::support::text(&o);
    assert!(
        out.contains("chart/templates/cm.yaml:3:31: STS002 "),
        "{out}"
    );
    assert!(!out.contains("cm.yaml:5"), "{out}");
    assert!(!out.contains("ci.yml"), "{out}");
    assert!(
        !out.contains("cm.yaml: malformed") && !out.contains("cm.yaml:1:1: malformed"),
        "{out}"
    );
    assert_eq!(out.matches("malformed YAML").count(), 1, "{out}");
    assert!(out.contains("broken.yaml"), "{out}");
}
