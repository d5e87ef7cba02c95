//! `stslint doctor` end to end, on fake homes with a controlled environment.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const SECRETS: &[&str] = &[
    "AKIAZZZZZZZZZZZZZZZZ",
    "wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET",
    "FwoGZXIvYXdzEJrSESSION",
];

fn write(root: &Path, path: &str, text: &str) {
    let p = root.join(path);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A laptop with CLI v1 and botocore from pip, a CLI v2 install tree, profiles and a `.zshrc`.
fn fake_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    write(
        h,
        ".aws/config",
        "[default]\nregion = eu-west-1\n\n[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = default\nsts_regional_endpoints = regional\n\n[profile old]\nregion = us-east-1\nsts_regional_endpoints = legacy\n\n[profile seoul]\nregion = ap-northeast-2\nsts_regional_endpoints = regional\n",
    );
    write(
        h,
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\naws_session_token = FwoGZXIvYXdzEJrSESSION\n",
    );
    write(
        h,
        ".zshrc",
        "export AWS_SESSION_TOKEN=FwoGZXIvYXdzEJrSESSION\nexport PATH=$HOME/bin:$PATH\n",
    );
    for d in ["awscli-1.22.34.dist-info", "botocore-1.29.0.dist-info"] {
        fs::create_dir_all(h.join(".local/lib/python3.11/site-packages").join(d)).unwrap();
    }
    write(h, "aws-cli/v2/2.15.30/dist/aws", "");
    fs::create_dir_all(h.join("bin")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(h.join("aws-cli/v2/2.15.30/dist/aws"), h.join("bin/aws")).unwrap();
    home
}

fn doctor(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .arg("doctor")
        .arg("--home")
        .arg(home)
        .args(args)
        .env_clear()
        .env("PATH", home.join("bin"))
        .envs(env.iter().copied())
        .current_dir(home)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The environment plus a terminal wide enough for the profile table (narrower ones get blocks).
fn wide<'a>(env: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = env.to_vec();
    env.push(("COLUMNS", "250"));
    env
}

fn row<'a>(out: &'a str, profile: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(&format!("{profile} ")))
        .unwrap_or_else(|| panic!("no row for {profile} in\n{out}"))
}

#[test]
fn table_resolves_each_profile_and_names_affected_clients() {
    let home = fake_home();
    let o = doctor(home.path(), &wide(&[]), &["--color", "never"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    #[cfg(unix)]
    assert!(out.contains("aws-cli   2.15.30   always regional"), "{out}");
    assert!(
        out.contains("awscli    1.22.34   defaults to legacy"),
        "{out}"
    );
    assert!(
        out.contains("botocore  1.29.0    defaults to legacy"),
        "{out}"
    );

    let default = row(&out, "default *");
    assert!(
        default.contains("eu-west-1 (config file `region`)"),
        "{default}"
    );
    assert!(default.contains("not set (client default)"), "{default}");
    assert!(default.contains("sts.amazonaws.com"), "{default}");
    assert!(
        default.ends_with("awscli 1.22.34, botocore 1.29.0"),
        "{default}"
    );

    // No region: every botocore-based client and CLI v2 fall back to the global endpoint.
    let deploy = row(&out, "deploy");
    assert!(
        deploy.contains("regional (config file `sts_regional_endpoints`)"),
        "{deploy}"
    );
    assert!(deploy.contains(" none "), "{deploy}");
    assert!(
        deploy.contains("aws-cli 2.15.30") || cfg!(not(unix)),
        "{deploy}"
    );

    let old = row(&out, "old");
    assert!(old.contains("legacy (config file"), "{old}");
    assert!(old.ends_with("awscli 1.22.34, botocore 1.29.0"), "{old}");

    // Seoul is not one of the 16 legacy-global regions, and the mode is regional anyway.
    let seoul = row(&out, "seoul");
    assert!(
        seoul.contains("sts.ap-northeast-2.amazonaws.com"),
        "{seoul}"
    );
    assert!(seoul.ends_with("none"), "{seoul}");

    assert!(out.contains("STS002 legacy-sts-mode"), "{out}");
    assert!(out.contains("STS004 missing-regional-setting"), "{out}");
    assert!(out.contains("STS006 profile-without-region"), "{out}");
    assert!(out.contains("profile `deploy` assumes a role"), "{out}");
}

#[test]
fn environment_wins_over_profiles_and_clears_sts006() {
    let home = fake_home();
    let env = [
        ("AWS_REGION", "eu-central-1"),
        ("AWS_STS_REGIONAL_ENDPOINTS", "regional"),
        ("AWS_PROFILE", "deploy"),
    ];
    let out = text(&doctor(home.path(), &wide(&env), &["--color", "never"]));
    let deploy = row(&out, "deploy *");
    assert!(
        deploy.contains("eu-central-1 (env `AWS_REGION`)"),
        "{deploy}"
    );
    assert!(
        deploy.contains("regional (env `AWS_STS_REGIONAL_ENDPOINTS`)"),
        "{deploy}"
    );
    assert!(
        deploy.contains("sts.eu-central-1.amazonaws.com"),
        "{deploy}"
    );
    assert!(!out.contains("STS006"), "{out}");
    let env = [("AWS_STS_REGIONAL_ENDPOINTS", "legacy")];
    let out = text(&doctor(home.path(), &env, &["--format", "concise"]));
    assert!(out.contains("<environment>:1:28: STS002"), "{out}");
}

#[test]
fn clean_machine_and_missing_aws_directory() {
    let home = tempfile::tempdir().unwrap();
    fs::create_dir_all(home.path().join("bin")).unwrap();
    let o = doctor(home.path(), &[], &["--color", "never"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("(not found)"), "{out}");
    assert!(out.contains("Installed clients:\n  none found"), "{out}");
    assert!(out.contains("0 problems in 1 file"), "{out}");
}

#[test]
fn malformed_config_is_a_clear_line() {
    let home = tempfile::tempdir().unwrap();
    write(home.path(), ".aws/config", "[default\nregion = us-east-1\n");
    let out = text(&doctor(home.path(), &[], &["--color", "never"]));
    assert!(out.contains("malformed INI"), "{out}");
}

#[test]
fn json_carries_the_machine_and_no_secret_in_any_format() {
    let home = fake_home();
    let o = doctor(home.path(), &[], &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let profiles = v["machine"]["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 4);
    assert_eq!(profiles[0]["name"], "default");
    assert_eq!(profiles[0]["legacy_client_host"], "sts.amazonaws.com");
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "STS006")
    );
    // Findings right next to the secrets, so code frames would show them if masking failed.
    write(
        home.path(),
        ".aws/credentials",
        "[default]\naws_access_key_id = AKIAZZZZZZZZZZZZZZZZ\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYzzSECRET\nsts_regional_endpoints = legacy\naws_session_token = FwoGZXIvYXdzEJrSESSION\n",
    );
    write(
        home.path(),
        ".zshrc",
        "export AWS_SESSION_TOKEN=FwoGZXIvYXdzEJrSESSION\nexport AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    );
    for format in ["human", "concise", "json"] {
        let out = text(&doctor(
            home.path(),
            &[("AWS_PROFILE", "old")],
            &["--format", format],
        ));
        let findings = match format {
            "human" => out.lines().filter(|l| l.starts_with("STS002 ")).count(),
            "concise" => out.lines().filter(|l| l.contains(": STS002 ")).count(),
            _ => out.matches("\"code\": \"STS002\"").count(),
        };
        assert_eq!(
            findings, 3,
            "{format}: three STS002 findings expected\n{out}"
        );
        for secret in SECRETS {
            assert!(!out.contains(secret), "{format} leaked {secret}:\n{out}");
        }
    }
}
