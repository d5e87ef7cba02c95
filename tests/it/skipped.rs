//! A file too big to lint is never hidden: it is a notice in every format and fails the run (exit 2)
//! unless `--allow-skipped`; lockfiles read in one pass get a higher limit. The limit is lowered with
//! `--max-file-size` so every file here is a few kilobytes.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{stdout, text, tree, write};

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

/// `package-lock.json` pinning aws-sdk v2, padded with other packages to about `bytes`.
fn package_lock(bytes: usize) -> String {
    let mut lock = String::from(
        "{\n  \"name\": \"app\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"\": {\"dependencies\": {\"aws-sdk\": \"^2.1692.0\"}},\n",
    );
    let mut i = 0;
    while lock.len() < bytes {
        lock.push_str(&format!(
            "    \"node_modules/pad-{i}\": {{\"version\": \"1.0.{i}\"}},\n"
        ));
        i += 1;
    }
    lock.push_str("    \"node_modules/aws-sdk\": {\"version\": \"2.1692.0\"}\n  }\n}\n");
    lock
}

/// `.env` with a finding (34 bytes), and `big.env` (2,000 bytes) that would have one.
fn with_big_file() -> tempfile::TempDir {
    let mut big = "# padding\n".repeat(197);
    big.push_str("AWS_REGION=aws-global\n");
    assert!(big.len() > 1024 && big.len() < 4096);
    tree(&[
        (".env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
        ("big.env", &big),
    ])
}

const NOTICE: &str = "file skipped: 1992 bytes is over the 1 KiB limit (--max-file-size)";

#[test]
fn a_skipped_file_is_a_notice_in_every_format_and_fails_the_run() {
    let dir = with_big_file();
    let p = dir.path();
    let run = |format: &str, extra: &[&str]| {
        let mut args = vec!["check", "--color", "never", "--format", format];
        args.extend(["--max-file-size", "1K"]);
        args.extend(extra);
        stslint(p, &args)
    };
    for allow in [false, true] {
        let extra: &[&str] = if allow { &["--allow-skipped"] } else { &[] };
        let expected = if allow { 1 } else { 2 };
        let level = if allow { "warning" } else { "error" };
        for format in [
            "human", "concise", "json", "sarif", "junit", "gitlab", "github",
        ] {
            let o = run(format, extra);
            assert_eq!(o.status.code(), Some(expected), "{format}: {}", text(&o));
            let out = stdout(&o);
            assert!(out.contains(NOTICE), "{format}: {out}");
            assert!(
                out.contains("STS002"),
                "{format}: the other file is linted: {out}"
            );
            match format {
                "human" => assert!(
                    out.contains(&format!("{level}: big.env: {NOTICE}")),
                    "{out}"
                ),
                "concise" => {
                    assert!(
                        out.contains(&format!("big.env: {level}: {NOTICE}")),
                        "{out}"
                    );
                    assert!(!out.contains("STS005"), "the skipped file was read: {out}");
                    assert!(
                        out.contains("1 problem (1 fixable) in 1 file, 1 file skipped for size"),
                        "{out}"
                    );
                }
                "json" => {
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    let errors = doc["errors"].as_array().unwrap();
                    assert_eq!(errors.len(), 1, "{out}");
                    assert_eq!(errors[0]["path"], "big.env");
                    assert_eq!(errors[0]["line"], Value::Null);
                }
                "sarif" => {
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    let invocation = &doc["runs"][0]["invocations"][0];
                    assert_eq!(invocation["executionSuccessful"], allow, "{out}");
                    let notes = invocation["toolExecutionNotifications"].as_array().unwrap();
                    assert_eq!(notes.len(), 1, "{out}");
                    assert_eq!(notes[0]["level"], "warning");
                    let artifact =
                        &notes[0]["locations"][0]["physicalLocation"]["artifactLocation"];
                    assert_eq!(artifact["uri"], "big.env", "{out}");
                }
                "junit" => {
                    let element = if allow { "skipped" } else { "error" };
                    assert!(
                        out.contains(&format!(
                            "<testcase name=\"read big.env\" classname=\"big.env\" file=\"big.env\">\n      <{element} message=\"{NOTICE}"
                        )),
                        "{out}"
                    );
                    let errors = if allow { 0 } else { 1 };
                    assert!(
                        out.contains(&format!("failures=\"1\" errors=\"{errors}\">")),
                        "{out}"
                    );
                }
                "gitlab" => {
                    let doc: Value = serde_json::from_str(&out).unwrap();
                    let issue = doc
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|i| i["check_name"] == "skipped-file")
                        .unwrap_or_else(|| panic!("{out}"));
                    assert_eq!(issue["location"]["path"], "big.env");
                    assert_eq!(issue["location"]["lines"]["begin"], 1);
                    assert_eq!(issue["severity"], if allow { "info" } else { "major" });
                }
                "github" => assert!(
                    out.lines()
                        .any(|l| l.starts_with("::warning file=big.env,title=stslint::")
                            && l.contains(NOTICE)),
                    "{out}"
                ),
                _ => unreachable!(),
            }
        }
    }
    // `--quiet` drops the summary, never the notice; without findings an accepted skip exits 0.
    let o = run("human", &["--quiet"]);
    assert!(stdout(&o).contains(NOTICE), "{}", text(&o));
    let o = run("concise", &["--allow-skipped", "--select", "STS005"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(stdout(&o).contains(NOTICE), "{}", text(&o));
    // The default limit is 16 MiB: the same tree is linted whole.
    let o = stslint(p, &["check", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        stdout(&o).contains("big.env:198:12: STS005"),
        "{}",
        text(&o)
    );
}

#[test]
fn the_config_sets_the_limit_and_accepts_skips_and_the_command_line_wins() {
    let dir = with_big_file();
    let p = dir.path();
    write(
        p,
        &[(
            ".stslint.toml",
            "max-file-size = 1024\nallow-skipped = true\n",
        )],
    );
    let o = stslint(p, &["check", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        stdout(&o).contains(&format!("big.env: warning: {NOTICE}")),
        "{}",
        text(&o)
    );
    let o = stslint(
        p,
        &["check", "--format", "concise", "--max-file-size", "16M"],
    );
    assert!(!stdout(&o).contains("skipped"), "{}", text(&o));
    write(p, &[(".stslint.toml", "max-file-size = \"1 KiB\"\n")]);
    let o = stslint(p, &["check", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    write(p, &[(".stslint.toml", "max-file-size = \"lots\"\n")]);
    let o = stslint(p, &["check", "--format", "concise"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("invalid max-file-size"), "{}", text(&o));
}

#[test]
fn lockfiles_get_sixteen_times_the_limit_and_are_linted() {
    // 4 KB and 20 KB lockfiles under a 1 KiB limit: the first is within 16 KiB, the second is not.
    // The PHP and Python lockfiles (5-15 KB) are read in one pass too.
    let pads = |line: &dyn Fn(usize) -> String| (0..200).map(line).collect::<String>();
    let composer = format!(
        "{{\"packages\": [\n{}  {{\"name\": \"aws/aws-sdk-php\", \"version\": \"3.100.0\"}}\n]}}\n",
        pads(&|i| format!("  {{\"name\": \"vendor/pad-{i}\", \"version\": \"1.0.{i}\"}},\n"))
    );
    let pipfile = format!(
        "{{\"default\": {{\n{}  \"boto3\": {{\"version\": \"==1.26.0\"}}\n}}}}\n",
        pads(&|i| format!("  \"pad-{i}\": {{\"version\": \"==1.0.{i}\"}},\n"))
    );
    let poetry = format!(
        "{}[[package]]\nname = \"boto3\"\nversion = \"1.26.0\"\n",
        pads(&|i| format!("[[package]]\nname = \"pad-{i}\"\nversion = \"1.0.{i}\"\n\n"))
    );
    for lock in [&composer, &pipfile, &poetry] {
        assert!(
            lock.len() > 4 * 1024 && lock.len() < 16 * 1024,
            "{}",
            lock.len()
        );
    }
    let dir = tree(&[
        ("web/package-lock.json", &package_lock(4 * 1024)),
        ("huge/package-lock.json", &package_lock(20 * 1024)),
        ("web/.env", &"# padding\n".repeat(200)),
        ("php/composer.lock", &composer),
        ("py/Pipfile.lock", &pipfile),
        ("py/poetry.lock", &poetry),
    ]);
    let o = stslint(
        dir.path(),
        &["check", "--format", "concise", "--max-file-size", "1K"],
    );
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(out.contains("web/package-lock.json:"), "{out}");
    assert!(out.contains(": STS102 aws-sdk `2.1692.0`"), "{out}");
    for lock in ["php/composer.lock:", "py/Pipfile.lock:", "py/poetry.lock:"] {
        assert!(
            out.lines()
                .any(|l| l.starts_with(lock) && l.contains(": STS1")),
            "{lock} {out}"
        );
    }
    assert!(
        out.contains("huge/package-lock.json: error: file skipped: ")
            && out.contains("over the 16 KiB limit"),
        "{out}"
    );
    assert!(
        out.contains("web/.env: error: file skipped: 2000 bytes is over the 1 KiB limit"),
        "{out}"
    );
}
