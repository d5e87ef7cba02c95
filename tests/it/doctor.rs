//! `stslint doctor` end to end, on fake homes with a controlled environment.

use crate::support::text;
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

/// STS004 is `info` on its own (most clients that read the line default to `regional` in 2026) and
/// `warning`, naming the client, when the machine has one whose default is `legacy`: awscli 1.22.34
/// pins botocore 1.23.34, below the 1.40.0 flip (aws/aws-cli CHANGELOG.rst 1.42.0).
#[test]
fn sts004_is_raised_to_warning_by_an_installed_legacy_client() {
    let sts004 = |home: &Path| {
        let o = doctor(home, &[], &["--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "STS004")
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let home = tempfile::tempdir().unwrap();
    write(
        home.path(),
        ".aws/config",
        "[default]\nregion = eu-west-1\n",
    );
    fs::create_dir_all(home.path().join("bin")).unwrap();
    let alone = sts004(home.path());
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0].0, "info", "{alone:?}");

    let site = home.path().join(".local/lib/python3.11/site-packages");
    fs::create_dir_all(site.join("awscli-1.22.34.dist-info")).unwrap();
    let raised = sts004(home.path());
    assert_eq!(raised.len(), 1, "{raised:?}");
    assert_eq!(raised[0].0, "warning", "{raised:?}");
    assert!(raised[0].1.contains("awscli 1.22.34"), "{raised:?}");

    // A regional-default client changes nothing.
    fs::remove_dir(site.join("awscli-1.22.34.dist-info")).unwrap();
    fs::create_dir_all(site.join("boto3-1.40.0.dist-info")).unwrap();
    assert_eq!(sts004(home.path())[0].0, "info");
}

/// A `*.dist-info` folder as pip writes it.
fn dist_info(site: &Path, name: &str, version: &str) {
    let dir = site.join(format!("{name}-{version}.dist-info"));
    write(
        &dir,
        "METADATA",
        &format!("Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: x\n"),
    );
    write(&dir, "INSTALLER", "pip\n");
    write(
        &dir,
        "WHEEL",
        "Wheel-Version: 1.0\nGenerator: bdist_wheel (0.41.2)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n",
    );
    write(&dir, "RECORD", &format!("{name}/__init__.py,,\n"));
    write(&dir, "top_level.txt", &format!("{name}\n"));
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) {
    fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// A laptop with clients through every install layout the doctor knows.
#[cfg(unix)]
fn crowded_home() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // pyenv and asdf, through their shims on PATH; mise and rtx through their data directories only.
    write(
        h,
        ".pyenv/shims/python",
        "#!/usr/bin/env bash\nexec pyenv exec \"$0\" \"$@\"\n",
    );
    write(
        h,
        ".pyenv/shims/aws",
        "#!/usr/bin/env bash\nexec pyenv exec \"$0\" \"$@\"\n",
    );
    let pyenv = h.join(".pyenv/versions/3.11.7/lib/python3.11/site-packages");
    dist_info(&pyenv, "awscli", "1.45.0");
    dist_info(&pyenv, "boto3", "1.43.0");
    write(h, ".asdf/shims/python3", "#!/usr/bin/env bash\n");
    dist_info(
        &h.join(".asdf/installs/python/3.10.4/lib/python3.10/site-packages"),
        "botocore",
        "1.31.0",
    );
    dist_info(
        &h.join(".local/share/mise/installs/python/3.12.1/lib/python3.12/site-packages"),
        "boto3",
        "1.28.0",
    );
    dist_info(
        &h.join(".local/share/rtx/installs/python/3.9.18/lib/python3.9/site-packages"),
        "awscli",
        "1.16.200",
    );
    // conda: an env and the base.
    dist_info(
        &h.join("miniconda3/envs/data/lib/python3.9/site-packages"),
        "boto3",
        "1.26.0",
    );
    dist_info(
        &h.join("miniconda3/lib/python3.12/site-packages"),
        "botocore",
        "1.34.0",
    );
    // Homebrew: `brew` and the linked `aws` on PATH, the formula in the Cellar.
    write(h, "brew/bin/brew", "#!/bin/bash\n");
    write(h, "brew/Cellar/awscli/2.15.30_1/bin/aws", "#!/bin/bash\n");
    symlink(
        "../Cellar/awscli/2.15.30_1/bin/aws",
        &h.join("brew/bin/aws"),
    );
    // The official Linux installer: <install-dir>/v2/<version>, `current`, and a bin-dir symlink.
    write(h, "opt/aws-cli/v2/2.17.0/dist/aws", "\u{7f}ELF");
    symlink("../dist/aws", &h.join("opt/aws-cli/v2/2.17.0/bin/aws"));
    symlink("2.17.0", &h.join("opt/aws-cli/v2/current"));
    symlink("../aws-cli/v2/current/bin/aws", &h.join("opt/bin/aws"));
    // The macOS .pkg: /usr/local/aws-cli/aws, linked from /usr/local/bin, with its receipt.
    write(h, "mac/usr/local/aws-cli/aws", "\u{7f}ELF");
    write(h, "mac/usr/local/aws-cli/aws_completer", "\u{7f}ELF");
    symlink("../aws-cli/aws", &h.join("mac/usr/local/bin/aws"));
    write(
        h,
        "mac/var/db/receipts/com.amazon.aws.cli2.plist",
        "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>PackageIdentifier</key>\n\t<string>com.amazon.aws.cli2</string>\n\t<key>PackageVersion</key>\n\t<string>2.13.0</string>\n</dict>\n</plist>\n",
    );
    // The macOS user site of a Python found (asdf's 3.10), and pipx holding pyenv's awscli again.
    dist_info(
        &h.join("Library/Python/3.10/lib/python/site-packages"),
        "awscli",
        "1.29.0",
    );
    dist_info(
        &h.join(".local/pipx/venvs/awscli/lib/python3.11/site-packages"),
        "awscli",
        "1.45.0",
    );
    // ~/.local/bin/aws, not on PATH: a pip script whose shebang names a venv.
    let venv = h.join("tools/venv");
    write(
        h,
        ".local/bin/aws",
        &format!(
            "#!{}/bin/python3.11\nimport sys\nfrom awscli.clidriver import main\n",
            venv.display()
        ),
    );
    dist_info(
        &venv.join("lib/python3.11/site-packages"),
        "awscli",
        "1.30.0",
    );
    // A project venv named on PATH.
    write(h, "proj/.venv/bin/python", "");
    dist_info(
        &h.join("proj/.venv/lib/python3.12/site-packages"),
        "botocore",
        "1.39.0",
    );
    let path = [
        ".pyenv/shims",
        ".asdf/shims",
        "brew/bin",
        "opt/bin",
        "mac/usr/local/bin",
        "proj/.venv/bin",
        "bin",
    ]
    .map(|d| h.join(d).display().to_string())
    .join(":");
    (home, path)
}

#[cfg(unix)]
#[test]
fn finds_clients_in_every_install_layout_once_with_every_location() {
    let (home, path) = crowded_home();
    let h = home.path();
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["doctor", "--format", "json", "--home"])
        .arg(h)
        .env_clear()
        .env("PATH", &path)
        .current_dir(h)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let clients = v["machine"]["clients"].as_array().unwrap();
    let at = |rel: &str| h.join(rel).display().to_string();
    let locations = |package: &str, version: &str| -> Vec<String> {
        let matching: Vec<_> = clients
            .iter()
            .filter(|c| c["package"] == package && c["version"] == version)
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{package} {version} once in {clients:#?}"
        );
        matching[0]["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_owned())
            .collect()
    };
    let pyenv = at(".pyenv/versions/3.11.7/lib/python3.11/site-packages");
    let pipx = at(".local/pipx/venvs/awscli/lib/python3.11/site-packages");
    assert_eq!(locations("awscli", "1.45.0"), [pyenv.clone(), pipx]);
    assert_eq!(locations("boto3", "1.43.0"), [pyenv]);
    assert_eq!(
        locations("botocore", "1.31.0"),
        [at(
            ".asdf/installs/python/3.10.4/lib/python3.10/site-packages"
        )]
    );
    assert_eq!(
        locations("boto3", "1.28.0"),
        [at(
            ".local/share/mise/installs/python/3.12.1/lib/python3.12/site-packages"
        )]
    );
    assert_eq!(
        locations("awscli", "1.16.200"),
        [at(
            ".local/share/rtx/installs/python/3.9.18/lib/python3.9/site-packages"
        )]
    );
    assert_eq!(
        locations("boto3", "1.26.0"),
        [at("miniconda3/envs/data/lib/python3.9/site-packages")]
    );
    assert_eq!(
        locations("botocore", "1.34.0"),
        [at("miniconda3/lib/python3.12/site-packages")]
    );
    assert_eq!(
        locations("aws-cli", "2.15.30"),
        [at("brew/bin/aws"), at("brew/Cellar/awscli/2.15.30_1")]
    );
    assert_eq!(locations("aws-cli", "2.17.0"), [at("opt/bin/aws")]);
    assert_eq!(
        locations("aws-cli", "2.13.0"),
        [at("mac/usr/local/bin/aws")]
    );
    assert_eq!(
        locations("awscli", "1.29.0"),
        [at("Library/Python/3.10/lib/python/site-packages")]
    );
    assert_eq!(
        locations("awscli", "1.30.0"),
        [at("tools/venv/lib/python3.11/site-packages")]
    );
    assert_eq!(
        locations("botocore", "1.39.0"),
        [at("proj/.venv/lib/python3.12/site-packages")]
    );
    assert_eq!(clients.len(), 13, "{clients:#?}");
    // The verdicts follow the versions: rtx's awscli cannot be configured, pyenv's is regional.
    let default_of = |package: &str, version: &str| {
        clients
            .iter()
            .find(|c| c["package"] == package && c["version"] == version)
            .unwrap()["default"]
            .clone()
    };
    assert_eq!(default_of("awscli", "1.16.200"), "unconfigurable");
    assert_eq!(default_of("awscli", "1.45.0"), "regional");
    assert_eq!(default_of("botocore", "1.31.0"), "legacy");
    assert_eq!(default_of("aws-cli", "2.13.0"), "regional-only");

    // The table lists each client once, each location on its own line.
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["doctor", "--color", "never", "--home"])
        .arg(h)
        .env_clear()
        .env("PATH", &path)
        .current_dir(h)
        .output()
        .unwrap();
    let out = text(&o);
    assert_eq!(
        out.matches("  awscli    1.45.0    defaults to regional\n")
            .count(),
        1,
        "{out}"
    );
    let after = out
        .split("  awscli    1.45.0    defaults to regional\n")
        .nth(1)
        .unwrap();
    let mut lines = after.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(".pyenv/versions/3.11.7/lib/python3.11/site-packages")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(".local/pipx/venvs/awscli/lib/python3.11/site-packages")
    );
}

#[test]
fn a_home_that_does_not_exist_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["doctor", "--home"])
        .arg(dir.path().join("typo"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("typo`: no such directory"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
