//! Secret hygiene, end to end on the built binary: distinctive markers are planted as secret values in
//! every file kind and every place a secret hides (key names beyond a short list, continuation lines,
//! multi-line and unterminated strings, escaped quotes, URL userinfo, bearer tokens, PEM bodies,
//! access key ids with the digits 0, 1, 8 and 9, suppression reasons, parse errors), next to findings
//! so that code frames, diffs and messages show their neighbourhood; then every output stslint can
//! produce (seven formats, `--diff`, `--fix -`, `--show-suppressed`, baselines, `doctor`, the GitHub
//! step summary) is grepped for them.

use crate::support::run_with_stdin;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Every marker contains this; none of stslint's own text does.
const MARK: &str = "QZMARK";

/// Access key ids in AWS's documented format, including the digits 0, 1, 8 and 9 and AWS's own
/// example id.
const KEY_IDS: &[&str] = &[
    "AKIAIOSFODNN7EXAMPLE",
    "ASIA0189ABCDEF018901",
    "AKIA9Z8Y1X0W9V8U1T0S",
];

fn files() -> Vec<(&'static str, String)> {
    vec![
        (
            ".aws/credentials",
            "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = QZMARKcred1\naws_session_token =\n    QZMARKcred2\n    QZMARKcred3\nsts_regional_endpoints = legacy\n"
                .into(),
        ),
        (
            ".aws/config",
            "[profile dev] ; a comment botocore ignores\nregion = us-east-1\nsts_regional_endpoints = legacy DB_PASSWORD=QZMARKcfg1\ncredential_process = /bin/creds --token QZMARKcfg2\nendpoint_url = https://admin:QZMARKcfg3@sts.amazonaws.com\n"
                .into(),
        ),
        (
            ".env",
            "AWS_STS_REGIONAL_ENDPOINTS=legacy DB_PASSWORD=QZMARKenv1\nMYSQL_PWD=QZMARKenv2\nNPM_AUTH=QZMARKenv3\nauth=QZMARKenv4\nAPI_TOKEN=\"abc\\\"QZMARKenv5\"\nAWS_REGION=aws-global\n"
                .into(),
        ),
        (
            "Dockerfile",
            "FROM python:3.12\nENV AWS_STS_REGIONAL_ENDPOINTS=legacy\nENV API_KEY QZMARKdock1\nARG GITHUB_TOKEN=QZMARKdock2\nRUN curl -H \"Authorization: Bearer QZMARKdock3abc\" https://sts.amazonaws.com/\n"
                .into(),
        ),
        (
            ".bashrc",
            "export AWS_STS_REGIONAL_ENDPOINTS=legacy\nexport SECRET=QZMARKsh1\\\nQZMARKsh2\nexport DATABASE_URL=postgres://admin:QZMARKsh3@db.example.com/app\nexport KEY_ID=ASIA0189ABCDEF018901\n"
                .into(),
        ),
        (
            "k8s/deploy.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: AWS_STS_REGIONAL_ENDPOINTS\n              value: legacy\n            - name: DB_PASSWORD\n              value: QZMARKyaml1\n            - name: TLS_KEY\n              value: |\n                -----BEGIN PRIVATE KEY-----\n                QZMARKyaml2\n                -----END PRIVATE KEY-----\n"
                .into(),
        ),
        (
            "app/client.py",
            "import boto3\nsts = boto3.client(\"sts\", endpoint_url=\"https://sts.amazonaws.com\", aws_access_key_id=\"AKIA9Z8Y1X0W9V8U1T0S\", aws_secret_access_key=\"QZMARKpy1\")\nPEM = \"-----BEGIN RSA PRIVATE KEY-----\\nQZMARKpy2\\n-----END RSA PRIVATE KEY-----\"\n"
                .into(),
        ),
        (
            "infra/main.tf",
            "provider \"aws\" {\n  region     = \"us-east-1\"\n  secret_key = \"QZMARKtf1\"\n  endpoints {\n    sts = \"https://sts.amazonaws.com\"\n  }\n}\n"
                .into(),
        ),
        (
            "suppressed/.env",
            "# stslint: ignore[STS002] -- rotating, token=QZMARKsupp1\nAWS_STS_REGIONAL_ENDPOINTS=legacy\n"
                .into(),
        ),
        (
            "broken/.aws/config",
            "[default\naws_secret_access_key = QZMARKparse1\nsts_regional_endpoints = legacy\n".into(),
        ),
        (
            "broken/ci.yaml",
            "env:\n  AWS_STS_REGIONAL_ENDPOINTS: legacy\n  password: \"QZMARKparse2\n  x: [\n".into(),
        ),
    ]
}

fn plant(dir: &Path) {
    for (name, content) in files() {
        let p = dir.join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, content).unwrap();
    }
}

fn stslint(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stslint"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env(
            "AWS_ENDPOINT_URL",
            "https://envuser:QZMARKenvvar@sts.amazonaws.com",
        );
    run_with_stdin(&mut cmd, stdin.unwrap_or_default().as_bytes())
}

fn assert_clean(what: &str, out: &str) {
    assert!(!out.contains(MARK), "{what} leaks a secret:\n{out}");
    for id in KEY_IDS {
        assert!(!out.contains(id), "{what} leaks access key id {id}:\n{out}");
    }
    assert!(!out.contains("QZMARK"), "{what}");
}

fn both(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

const FORMATS: &[&str] = &[
    "human", "concise", "json", "sarif", "github", "gitlab", "junit",
];

#[test]
fn no_output_format_shows_a_planted_secret() {
    let dir = tempfile::tempdir().unwrap();
    plant(dir.path());
    for format in FORMATS {
        for extra in [&[][..], &["--show-suppressed"], &["--statistics"]] {
            let mut args = vec!["check", ".", "--format", format];
            args.extend_from_slice(extra);
            let o = stslint(dir.path(), &args, None);
            let out = both(&o);
            assert_clean(&format!("--format {format} {extra:?}"), &out);
            assert_eq!(o.status.code(), Some(1), "{out}");
        }
    }
    // The findings are there: the test would see a leak if masking stopped working.
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "concise", "--show-suppressed"],
        None,
    );
    let out = both(&o);
    for expected in [
        ".env:1:28: STS003",
        ".aws/config:3:26: STS003",
        "Dockerfile:2:",
        "k8s/deploy.yaml:10:",
        "app/client.py:2:",
        "broken/.aws/config:1:1: error: malformed INI",
        "suppressed: suppressed/.env:2:28: STS002",
        "reason: rotating, token=***********",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
    // STS003 quotes the value of its own span, through the masked view.
    assert!(
        out.contains("`sts_regional_endpoints` is `legacy DB_PASSWORD=**********`"),
        "{out}"
    );
    let human = both(&stslint(
        dir.path(),
        &["check", ".", "--format", "human"],
        None,
    ));
    assert!(
        human.contains("aws_secret_access_key = ***********"),
        "{human}"
    );
}

#[test]
fn diffs_fixes_baselines_and_the_step_summary_show_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    plant(dir.path());
    let o = stslint(
        dir.path(),
        &["check", ".", "--diff", "--unsafe-fixes"],
        None,
    );
    let diff = both(&o);
    assert!(
        diff.contains("+export AWS_STS_REGIONAL_ENDPOINTS=regional"),
        "{diff}"
    );
    assert!(
        diff.contains(" export SECRET=**********"),
        "context lines are masked:\n{diff}"
    );
    // `legacy DB_PASSWORD=…` is no plain word: its unsafe fix is not offered in shell syntax.
    assert!(
        !diff.contains("+AWS_STS_REGIONAL_ENDPOINTS=regional\n"),
        "{diff}"
    );
    assert_clean("--diff", &diff);

    // `--fix -`: stdout is the fixed file itself (it must hold what the file holds); the report on
    // stderr shows nothing of it.
    let input = files()[2].1.clone();
    let o = stslint(
        dir.path(),
        &["check", "-", "--stdin-filename", ".env", "--fix"],
        Some(&input),
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("DB_PASSWORD=QZMARKenv1"), "{stdout}");
    assert_clean("--fix - report", &String::from_utf8_lossy(&o.stderr));
    let o = stslint(
        dir.path(),
        &["check", "-", "--stdin-filename", ".env", "--diff"],
        Some(&input),
    );
    assert_clean("--diff on stdin", &both(&o));

    let o = stslint(
        dir.path(),
        &["check", ".", "--write-baseline", "base.json"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", both(&o));
    let baseline = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(baseline.contains("STS003"), "{baseline}");
    assert_clean("the baseline file", &baseline);
    let o = stslint(dir.path(), &["check", ".", "--baseline", "base.json"], None);
    assert_clean("a run against the baseline", &both(&o));

    let summary = dir.path().join("summary.md");
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", ".", "--format", "github"])
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_clean("--format github", &both(&o));
    assert_clean("the step summary", &fs::read_to_string(&summary).unwrap());
}

#[test]
fn doctor_shows_no_secret_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    plant(dir.path());
    for format in FORMATS {
        let home = dir.path().to_str().unwrap();
        let o = stslint(
            dir.path(),
            &["doctor", "--home", home, "--format", format],
            None,
        );
        let out = both(&o);
        assert!(!out.contains("panicked"), "{out}");
        assert_clean(&format!("doctor --format {format}"), &out);
        if *format == "human" {
            assert!(
                out.contains("envuser:************@sts.amazonaws.com")
                    || out.contains("AWS_ENDPOINT_URL=https://"),
                "{out}"
            );
        }
    }
}

/// A config file's error is drawn as a frame of the config file: made from its masked view and
/// passed through the output sanitizer like every other frame, so neither a secret nor an escape
/// sequence next to the mistake reaches the terminal, and the message quotes neither.
#[test]
fn config_errors_show_no_secret_and_no_escape_sequence() {
    let cases: &[(&str, &str)] = &[
        // An unterminated string holding a secret, an OSC title sequence on the same line.
        (
            "stslint.toml",
            "select = [\"STS001\"]\npassword = \"QZMARKtoml1 \x1b]0;pwned\x07\n",
        ),
        // An unknown key whose value is a secret, next to a line with a screen clear and `##[`.
        (
            "stslint.toml",
            "# \x1b[2J ##[stop-commands]tok\naws_secret_access_key = \"QZMARKtoml2\"\nselect = [\"STS001\"]\n",
        ),
        // pyproject.toml: a bad value after an access key id and a bearer token.
        (
            "pyproject.toml",
            "[tool.other]\napi = \"AKIAIOSFODNN7EXAMPLE\"\nauth = \"Bearer QZMARKpy1abcdef\"\n[tool.stslint]\ntoken = \"QZMARKpy2 \x1b[31m\"\n",
        ),
    ];
    for (name, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".env"), "AWS_REGION=aws-global\n").unwrap();
        fs::write(dir.path().join(name), text).unwrap();
        for format in ["human", "concise", "json"] {
            let o = stslint(dir.path(), &["check", ".", "--format", format], None);
            let out = both(&o);
            assert_eq!(o.status.code(), Some(2), "{name}: {out}");
            assert!(out.contains("invalid config"), "{name}: {out}");
            assert_clean(&format!("{name} {format}"), &out);
            assert!(
                !out.chars().any(|c| c.is_control() && c != '\n'),
                "{name}: raw control in {out:?}"
            );
            assert!(!out.contains("##["), "{name}: {out}");
        }
    }
}
