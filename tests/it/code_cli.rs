//! End to end: the binary on source files, where test files report at `info` and do not fail CI.

use std::fs;
use std::process::Command;

fn stslint(dir: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", "--format", "concise", "--color", "never"])
        .arg(dir)
        .output()
        .expect("run stslint");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn test_files_report_info_and_pass_while_code_fails() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg/sts");
    fs::create_dir_all(&pkg).unwrap();
    fs::write(
        pkg.join("client_test.go"),
        "package sts\n\nconst fake = \"https://sts.amazonaws.com\"\n",
    )
    .unwrap();
    let (code, out) = stslint(dir.path());
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("STS001"), "{out}");

    fs::write(
        pkg.join("client.go"),
        "package sts\n\n// ok: the OIDC audience\nconst audience = \"sts.amazonaws.com\"\nconst endpoint = \"https://sts.amazonaws.com\"\n",
    )
    .unwrap();
    let (code, out) = stslint(dir.path());
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.matches("STS001").count(), 2, "{out}");
    assert!(out.contains("client.go:5:"), "{out}");
    assert!(!out.contains("client.go:4:"), "{out}");
}
