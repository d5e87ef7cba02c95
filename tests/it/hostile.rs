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
    // Not seen is not clean: the run fails unless the skip is accepted.
    assert_survives(dir.path(), &[], 2);
    assert_survives(dir.path(), &["--allow-skipped"], 1);
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
    // The human format draws no frame for a line that long (miette pads to the column, which the
    // formatter refuses past 65,535) and says where the finding is instead.
    let (o, _) = run(dir.path(), &["check", "--format", "human"]);
    let out = text(&o);
    assert!(!out.contains("panicked"), "{}", &out[..out.len().min(2000)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out.contains("at long.sh:1:1048614 (no code frame: the line is longer than 1000 bytes)"),
        "{}",
        &out[..out.len().min(2000)]
    );
    assert!(out.len() < 10_000, "the long line is not printed");
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
fn minified_lockfile_is_linted_in_memory_about_its_size() {
    // Read as a stream, not a tree: 8 MB of entries on one line cost their bytes, not a multiple.
    let dir = with_canary();
    let mut lock = String::from("{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{");
    let mut i = 0;
    while lock.len() < 8 * 1024 * 1024 {
        lock.push_str(&format!(
            "\"node_modules/pad-{i}\":{{\"version\":\"1.0.{i}\"}},"
        ));
        i += 1;
    }
    lock.push_str("\"node_modules/aws-sdk\":{\"version\":\"2.1692.0\"}}}");
    fs::create_dir(dir.path().join("web")).unwrap();
    fs::write(dir.path().join("web/package-lock.json"), lock).unwrap();
    let start = Instant::now();
    let o = Command::new("/usr/bin/time")
        .args(["-f", "maxrss=%M"])
        .arg(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", "--format", "concise"])
        .current_dir(dir.path())
        .output();
    let Ok(o) = o else { return }; // no GNU time on this machine: the other cases cover the rest
    assert!(start.elapsed() < Duration::from_secs(30));
    let out = text(&o);
    assert!(out.contains("web/package-lock.json:1:"), "{out}");
    assert!(out.contains("canary/.env:1:28: STS002"), "{out}");
    if let Some(kb) = out
        .lines()
        .find_map(|l| l.strip_prefix("maxrss="))
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        assert!(kb < 64 * 1024, "peak RSS {kb} KB");
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
    assert!(!report.errors[0].fails);
    assert_eq!(report.diagnostics().count(), 1);
}

/// Every output line of every format: no raw control character but tab, and no line that starts
/// with `::` unless it is the GitHub format's own workflow command.
fn assert_no_injection(what: &str, out: &[u8], github: bool) {
    let out = String::from_utf8_lossy(out);
    // Controls, and the bidirectional and invisible characters the sanitizer shows as escapes.
    let hidden =
        |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}');
    if let Some(c) = out
        .chars()
        .find(|&c| (c.is_control() && c != '\n' && c != '\t') || hidden(c))
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
        // The runner trims leading whitespace before it looks for `::`, and finds the legacy
        // `##[command]` (and Azure's `##vso[`) anywhere in a line.
        assert!(
            !line.trim_start().starts_with("::") || own,
            "{what}: a line starts with `::`: {line:?}\n{out}"
        );
        assert!(
            !line.contains("##[") && !line.to_lowercase().contains("##vso["),
            "{what}: a log command in {line:?}\n{out}"
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
    // The legacy `##[command]` form anywhere in a line, Azure's `##vso[`, a bidi override and a zero
    // width space, on the lines a frame shows.
    fs::write(
        p.join("legacy.env"),
        "# ##[stop-commands]tok ##vso[task.complete]x\nAWS_STS_REGIONAL_ENDPOINTS=legacy ##[add-mask]m\n# \u{202e}\u{200b}\n",
    )
    .unwrap();
    // A name whose `::` follows spaces: the runner trims them before it looks.
    fs::create_dir(p.join(" \u{3000}::warning::spaced")).unwrap();
    fs::write(
        p.join(" \u{3000}::warning::spaced/.env"),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
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

/// A generated file with thousands of findings: the formats people read show the first
/// `--max-findings-per-file` (100) of that file and a note of the rest; the machine formats list every
/// finding; the summary and the exit code count every finding whatever is shown.
#[test]
fn thousands_of_findings_in_one_file_show_the_first_hundred_and_a_note() {
    let dir = with_canary();
    let p = dir.path();
    fs::write(
        p.join("many.env"),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\n".repeat(3000),
    )
    .unwrap();
    let note =
        "note: 2900 more findings in many.env not shown (`--max-findings-per-file 0` shows all";
    let count = |out: &str, needle: &str| out.matches(needle).count();
    let (all, _) = run(
        p,
        &[
            "check",
            ".",
            "--format",
            "concise",
            "--max-findings-per-file",
            "0",
        ],
    );
    let all_out = text(&all);
    assert_eq!(count(&all_out, "many.env:"), 3000, "{all_out}");
    for format in ["human", "concise", "github"] {
        let (o, _) = run(p, &["check", ".", "--format", format]);
        let out = text(&o);
        assert_eq!(o.status.code(), all.status.code(), "{format}");
        assert!(out.contains(note), "{format}: {out}");
        // The rest of the tree is shown in full; the summary counts what was not shown.
        assert!(out.contains("canary/.env"), "{format}");
        assert!(out.contains("3001 problems"), "{format}: {out}");
        let shown = match format {
            "human" => count(&out, "[many.env:"),
            "concise" => count(&out, "\nmany.env:") + usize::from(out.starts_with("many.env:")),
            _ => count(&out, "file=many.env,"),
        };
        assert_eq!(shown, 100, "{format}: {out}");
    }
    let (o, _) = run(
        p,
        &[
            "check",
            ".",
            "--format",
            "concise",
            "--max-findings-per-file",
            "7",
        ],
    );
    let out = text(&o);
    assert!(
        out.contains("note: 2993 more findings in many.env"),
        "{out}"
    );
    assert!(
        out.contains("many.env:7:28:") && !out.contains("many.env:8:28:"),
        "{out}"
    );
    // Machine formats: every finding, never a note.
    for (format, needle) in [
        ("json", "\"STS002\""),
        ("sarif", "\"ruleId\": \"STS002\""),
        ("gitlab", "\"check_name\""),
        ("junit", "<testcase "),
    ] {
        let (o, _) = run(p, &["check", ".", "--format", format]);
        let out = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            count(&out, needle) >= 3001,
            "{format}: {}",
            count(&out, needle)
        );
        assert!(!out.contains("not shown"), "{format}");
    }
}
