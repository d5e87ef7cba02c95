//! End-to-end checks for the client rules through the real binary: `stslint rules` lists them, a
//! Dockerfile stage that sets `regional` clears STS102 while its sibling stage does not, and a large
//! lockfile without any AWS SDK is linted quickly.

use std::fs;
use std::process::Command;

fn stslint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
}

#[test]
fn rules_lists_the_client_rules() {
    let out = stslint().arg("rules").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for (code, name) in [
        ("STS101", "unconfigurable-client"),
        ("STS102", "legacy-default-client"),
        ("STS103", "sts-client-ignores-setting"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(code) && l.contains(name)),
            "{code} missing from:\n{text}"
        );
    }
}

#[test]
fn stage_context_decides_and_errors_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("Dockerfile"),
        "FROM python:3.12 AS a\nRUN pip install awscli==1.16.0 boto3==1.30.0\n\nFROM python:3.12 AS b\nENV AWS_STS_REGIONAL_ENDPOINTS=regional\nRUN pip install boto3==1.30.0\n",
    )
    .unwrap();
    let out = stslint()
        .args(["check", "--format", "concise", "--select", "STS1"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let codes: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|w| w.starts_with("STS"))
        .collect();
    assert_eq!(codes, ["STS101", "STS102"], "{text}");
    assert!(text.contains("Dockerfile:2:"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

/// A ~10 MB package-lock.json with 100,000 packages, the last one `last` at `last_version`.
fn big_lock(last: &str, last_version: &str) -> String {
    let mut lock = String::from("{\"lockfileVersion\": 3, \"packages\": {\n");
    for i in 0..100_000 {
        lock.push_str(&format!(
            "  \"node_modules/pkg-{i}\": {{\"version\": \"1.0.{i}\", \"resolved\": \"https://registry.example/pkg-{i}.tgz\"}},\n"
        ));
    }
    lock.push_str(&format!(
        "  \"node_modules/{last}\": {{\"version\": \"{last_version}\"}}\n}}}}\n"
    ));
    lock
}

/// A 10 MB lockfile is read whole: without the SDK the prefilter skips it, with it the one package
/// that matters is found. Its cost per byte is tests/it/scaling.rs's concern, not a time limit here.
#[test]
fn large_lockfiles_are_read() {
    for (last, findings) in [("left-pad", 0), ("aws-sdk", 1)] {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("package-lock.json"),
            big_lock(last, "2.1692.0"),
        )
        .unwrap();
        let out = stslint()
            .args(["check", "--format", "concise", "--select", "STS102"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.matches(" STS102 ").count(), findings, "{last}: {text}");
        assert_eq!(out.status.code(), Some(i32::from(findings > 0)), "{last}");
    }
}

#[test]
fn index_url_tokens_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("requirements.txt"),
        "--extra-index-url https://deploy:s3cr3t-t0ken@pypi.example.com/simple\nboto3==1.34.147\n",
    )
    .unwrap();
    for format in ["human", "concise", "json"] {
        let out = stslint()
            .args(["check", "--format", format, "--color", "never"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("STS102"), "{format}: {text}");
        assert!(
            !text.contains("s3cr3t-t0ken"),
            "{format} leaked the token:\n{text}"
        );
    }
}
