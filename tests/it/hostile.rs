//! Hostile input, end to end: every case gives a clear exit code and message, the rest of the tree is
//! still linted, nothing panics and nothing hangs.

use crate::support::text;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A finding planted beside every hostile file, to prove the rest of the tree is still linted.
const CANARY: (&str, &str) = ("canary/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n");

fn run(dir: &Path, args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (o, start.elapsed())
}

fn with_canary() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(CANARY.0);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, CANARY.1).unwrap();
    dir
}

/// Lints the tree and checks: no panic, bounded time, canary found, expected exit code.
fn assert_survives(dir: &Path, args: &[&str], code: i32) -> String {
    let (o, took) = run(dir, &[&["check", "--format", "concise"], args].concat());
    let out = text(&o);
    assert!(!out.contains("panicked"), "{out}");
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert!(
        out.contains("canary/.env:1:28: STS002"),
        "canary lost:\n{out}"
    );
    assert_eq!(o.status.code(), Some(code), "{out}");
    out
}

#[test]
fn huge_file_is_skipped_with_a_note_not_read() {
    let dir = with_canary();
    // Sparse: 200 MB on paper, nothing on disk.
    let f = fs::File::create(dir.path().join("huge.env")).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let (o, _) = run(dir.path(), &["check"]);
    let out = text(&o);
    assert!(
        out.contains("huge.env: file skipped: 209715200 bytes is over the 16 MiB limit"),
        "{out}"
    );
    assert_survives(dir.path(), &[], 1);
}

#[test]
fn one_megabyte_single_line() {
    let dir = with_canary();
    let mut line = "A=".to_owned();
    line.push_str(&"x".repeat(1024 * 1024));
    line.push_str(" AWS_STS_REGIONAL_ENDPOINTS=legacy");
    fs::write(dir.path().join("long.sh"), format!("export {line}")).unwrap();
    let out = assert_survives(dir.path(), &[], 1);
    assert!(out.contains("long.sh:1:"), "{out}");
}

#[test]
fn binary_invalid_utf8_utf16_crlf_and_lone_cr() {
    let dir = with_canary();
    let p = dir.path();
    fs::write(
        p.join(".env"),
        b"AWS_STS_REGIONAL_ENDPOINTS=legacy\0\0\x01\x02binary",
    )
    .unwrap();
    fs::write(
        p.join("Dockerfile"),
        b"FROM x\nENV A=\xff\xfe\xfd\nENV AWS_REGION=aws-global\n",
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "AWS_STS_REGIONAL_ENDPOINTS=legacy\r\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    fs::create_dir(p.join("utf16")).unwrap();
    fs::write(p.join("utf16/.env"), utf16).unwrap();
    fs::create_dir(p.join("cr")).unwrap();
    fs::write(
        p.join("cr/.env"),
        "A=1\rAWS_STS_REGIONAL_ENDPOINTS=legacy\rB=2",
    )
    .unwrap();
    fs::create_dir(p.join("crlf")).unwrap();
    fs::write(
        p.join("crlf/.bashrc"),
        "export A=1\r\nexport AWS_STS_REGIONAL_ENDPOINTS=legacy\r\n",
    )
    .unwrap();
    let out = assert_survives(p, &[], 1);
    assert!(!out.contains("\n.env:"), "binary .env was linted:\n{out}");
    assert!(out.contains("Dockerfile:3:16: STS005"), "{out}");
    assert!(out.contains("utf16/.env:1:28: STS002"), "{out}");
    assert!(out.contains("cr/.env:2:28: STS002"), "{out}");
    assert!(out.contains("crlf/.bashrc:2:35: STS002"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlink_loop_dev_zero_fifo_and_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = with_canary();
    let p = dir.path();
    fs::create_dir(p.join("loop")).unwrap();
    std::os::unix::fs::symlink(p.join("loop"), p.join("loop/again")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", p.join("zero.env")).unwrap();
    let fifo = p.join("pipe.env");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let name = std::ffi::OsStr::from_bytes(b"bad-\xff-name.env");
    fs::write(p.join(name), "AWS_REGION=aws-global\n").unwrap();
    let out = assert_survives(p, &[], 1);
    assert!(out.contains("STS005"), "non-UTF-8 name not linted:\n{out}");
    // Named explicitly, a device or a FIFO is an error on an explicit path, not a hang.
    let (o, took) = run(p, &["check", "zero.env", "canary/.env"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("zero.env: not a regular file"),
        "{}",
        text(&o)
    );
    assert!(took < Duration::from_secs(10));
    if made {
        let (o, took) = run(p, &["check", "pipe.env"]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(took < Duration::from_secs(10));
    }
}

#[test]
fn deep_nesting() {
    let dir = with_canary();
    let mut deep = dir.path().to_path_buf();
    for _ in 0..2000 {
        deep.push("d");
    }
    if fs::create_dir_all(&deep).is_ok() {
        fs::write(deep.join(".env"), "AWS_REGION=aws-global\n").unwrap();
        let out = assert_survives(dir.path(), &[], 1);
        assert!(out.contains("STS005"), "{out}");
    }
}

#[test]
fn malformed_ini_and_yaml_bomb() {
    let dir = with_canary();
    let p = dir.path();
    fs::create_dir(p.join(".aws")).unwrap();
    fs::write(
        p.join(".aws/config"),
        "[default\nsts_regional_endpoints = legacy\n",
    )
    .unwrap();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        bomb.push_str(&format!(
            "{n}: &{n} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
        prev = n;
    }
    bomb.push_str("env:\n  AWS_STS_REGIONAL_ENDPOINTS: *i\n");
    fs::write(p.join("bomb.yaml"), bomb).unwrap();
    let mut deep_yaml = "[".repeat(5000);
    deep_yaml.push_str(&"]".repeat(5000));
    fs::write(p.join("deep.yaml"), deep_yaml).unwrap();
    assert_survives(p, &[], 1);
    let (o, _) = run(p, &["check"]);
    assert!(text(&o).contains("malformed INI"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn unreadable_directory_and_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_canary();
    let p = dir.path();
    fs::create_dir(p.join("locked")).unwrap();
    fs::write(p.join("locked/.env"), "AWS_REGION=aws-global\n").unwrap();
    fs::write(p.join("secret.env"), "AWS_REGION=aws-global\n").unwrap();
    fs::set_permissions(p.join("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(p.join("secret.env"), fs::Permissions::from_mode(0o000)).unwrap();
    // root reads everything: the case cannot be arranged there.
    if fs::read(p.join("secret.env")).is_err() {
        let out = assert_survives(p, &[], 1);
        assert!(out.contains("permission denied"), "{out}");
        let (o, _) = run(p, &["check", "secret.env"]);
        assert_eq!(o.status.code(), Some(2));
    }
    fs::set_permissions(p.join("locked"), fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn hundred_megabyte_minified_lockfile_is_skipped_in_bounded_memory() {
    let dir = with_canary();
    let mut lock = String::from("{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{");
    let entry = "\"node_modules/aws-sdk\":{\"version\":\"2.1692.0\"},";
    while lock.len() < 100 * 1024 * 1024 {
        lock.push_str(entry);
    }
    lock.push_str("\"\":{}}}");
    fs::create_dir(dir.path().join("web")).unwrap();
    fs::write(dir.path().join("web/package-lock.json"), lock).unwrap();
    let start = Instant::now();
    let o = Command::new("/usr/bin/time")
        .args(["-f", "maxrss=%M"])
        .arg(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", "--color", "never"])
        .current_dir(dir.path())
        .output();
    let Ok(o) = o else { return }; // no GNU time on this machine: the other cases cover the rest
    assert!(start.elapsed() < Duration::from_secs(30));
    let out = text(&o);
    assert!(
        out.contains("note: web/package-lock.json: file skipped"),
        "{out}"
    );
    assert!(out.contains("[canary/.env:1:28]"), "{out}");
    if let Some(kb) = out
        .lines()
        .find_map(|l| l.strip_prefix("maxrss="))
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        assert!(kb < 100 * 1024, "peak RSS {kb} KB");
    }
}

#[test]
fn a_file_that_vanishes_mid_walk_is_an_error_line_not_a_crash() {
    use stslint::discover::DiscoverOptions;
    use stslint::lint::{FilePlan, Walk, run};
    let dir = with_canary();
    fs::write(dir.path().join("gone.env"), "AWS_REGION=aws-global\n").unwrap();
    let walk = Walk {
        paths: vec![dir.path().to_path_buf()],
        discover: DiscoverOptions::default(),
    };
    let plan = std::sync::Arc::new(FilePlan::defaults());
    // The file is deleted after the walk found it and before a worker reads it.
    let planner = || {
        let plan = plan.clone();
        move |c: &stslint::discover::Candidate| {
            if c.path.ends_with("gone.env") {
                fs::remove_file(&c.path).unwrap();
            }
            Some(plan.clone())
        }
    };
    let (report, _) = run(&walk, &planner).unwrap();
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(report.errors[0].path.ends_with("gone.env"));
    assert_eq!(report.errors[0].message, "no such file or directory");
    assert!(!report.errors[0].explicit);
    assert_eq!(report.diagnostics().count(), 1);
}

/// Every output line of every format: no raw control character but tab, and no line that starts
/// with `::` unless it is the GitHub format's own workflow command.
fn assert_no_injection(what: &str, out: &[u8], github: bool) {
    let out = String::from_utf8_lossy(out);
    if let Some(c) = out
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("{what}: raw {c:?} in output:\n{out}");
    }
    for line in out.lines() {
        let own = github
            && [
                "::error file=",
                "::warning file=",
                "::notice ",
                "::error title=",
            ]
            .iter()
            .any(|p| line.starts_with(p));
        assert!(
            !line.starts_with("::") || own,
            "{what}: a line starts with `::`: {line:?}\n{out}"
        );
    }
}

#[cfg(unix)]
#[test]
fn control_bytes_and_workflow_commands_in_content_and_file_names_are_neutralised() {
    let dir = with_canary();
    let p = dir.path();
    // Content: a quoted multi-line value whose second line is a workflow command, terminal escapes
    // (OSC title, screen clear), a CR that would overwrite the line, DEL and C1 controls.
    fs::write(
        p.join(".env"),
        "AWS_STS_REGIONAL_ENDPOINTS=\x1b]0;pwned\x07\x1b[2J\u{7f}\u{9b}31m\rlegacy\n",
    )
    .unwrap();
    fs::write(
        p.join("ci.yaml"),
        "env:\n  AWS_STS_REGIONAL_ENDPOINTS: |\n    legacy\n    ::add-mask::x\n    ::stop-commands::y\n",
    )
    .unwrap();
    // File names: a newline then a workflow command, ESC, and a backtick for the step summary.
    let evil = p.join("evil\n::error::pwned");
    fs::create_dir(&evil).unwrap();
    fs::write(evil.join(".env"), "AWS_STS_REGIONAL_ENDPOINTS=legacy\n").unwrap();
    fs::create_dir(p.join("::add-mask::dir")).unwrap();
    fs::write(
        p.join("::add-mask::dir/.env"),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    )
    .unwrap();
    fs::create_dir(p.join("esc\x1b[31mred")).unwrap();
    fs::write(p.join("esc\x1b[31mred/.env"), "AWS_REGION=aws-global\n").unwrap();
    fs::create_dir(p.join("tick`|x")).unwrap();
    fs::write(p.join("tick`|x/.env"), "AWS_REGION=aws-global\n").unwrap();
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "junit",
    ] {
        for extra in [
            &[][..],
            &["--show-suppressed"],
            &["--diff"],
            &["--statistics"],
        ] {
            let mut args = vec!["check", ".", "--format", format, "--color", "always"];
            args.extend_from_slice(extra);
            let summary = p.join("summary.md");
            let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
                .args(&args)
                .current_dir(p)
                .env("GITHUB_STEP_SUMMARY", &summary)
                .output()
                .unwrap();
            let what = format!("{args:?}");
            assert!(!text(&o).contains("panicked"), "{}", text(&o));
            if format != "human" {
                // With colour on, the human format writes its own ANSI styling; the check there is
                // the no-colour run below.
                assert_no_injection(&what, &o.stdout, format == "github");
            }
            assert_no_injection(&what, &o.stderr, false);
            if format == "github" && extra.is_empty() {
                let md = fs::read_to_string(&summary).unwrap();
                assert_no_injection("step summary", md.as_bytes(), false);
                assert!(md.contains("``tick`\\|x/.env:1:12``"), "{md}");
                fs::remove_file(&summary).unwrap();
            }
        }
        let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args(["check", ".", "--format", format, "--color", "never"])
            .current_dir(p)
            .output()
            .unwrap();
        assert_no_injection(format, &o.stdout, format == "github");
        let out = text(&o);
        if format == "concise" {
            assert!(
                out.contains("evil\\n::error::pwned/.env:1:28: STS002"),
                "{out}"
            );
            assert!(out.contains("./::add-mask::dir/.env:1:28: STS002"), "{out}");
            assert!(out.contains("esc\\x1b[31mred/.env:1:12: STS005"), "{out}");
            assert!(
                out.contains("\\x1b]0;pwned\\x07\\x1b[2J\\x7f\\u{9b}31m`"),
                "{out}"
            );
            assert!(
                out.contains("legacy\\n::add-mask::x\\n::stop-commands::y"),
                "{out}"
            );
        }
    }
}

#[test]
fn deeply_nested_yaml_is_a_note_not_a_stack_overflow() {
    let dir = with_canary();
    // 12 KB: overflowed a worker thread's 2 MiB stack when the YAML parser recursed per level.
    let mut yaml = "aws:\n".to_owned();
    yaml.push_str(&"- ".repeat(6000));
    yaml.push_str("x\n");
    fs::write(dir.path().join("deep.yaml"), &yaml).unwrap();
    let out = assert_survives(dir.path(), &[], 1);
    assert!(
        out.contains("deep.yaml:2:") && out.contains("too deeply nested"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn stdin_baseline_and_config_from_dev_zero_are_capped_not_read_forever() {
    let dir = with_canary();
    let p = dir.path();
    let zero = || fs::File::open("/dev/zero").unwrap();
    let start = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", "-", "--stdin-filename", ".env"])
        .current_dir(p)
        .stdin(zero())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("over the 16 MiB limit"), "{}", text(&o));
    for args in [
        &["check", ".", "--baseline", "/dev/zero"][..],
        &["check", ".", "--config", "/dev/zero"][..],
    ] {
        let (o, _) = run(p, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("not a regular file"), "{}", text(&o));
    }
    assert!(start.elapsed() < Duration::from_secs(30));
}
