//! Autofix, end to end through the binary: `tests/fixtures/<rule-name>/fixed/` is what `input/` becomes
//! under `stslint --fix --select <rule>`, byte for byte (CRLF, BOM and missing final newlines included),
//! and `fixed-unsafe/` what it becomes with `--unsafe-fixes` too. A second `--fix` must change nothing.
//!
//! `UPDATE_EXPECT=1 cargo test --test it fixes::` rewrites the `fixed*/` trees and `fix.diff`; read the diff
//! before committing it.

use crate::support::{fixtures, run_with_stdin};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use stslint::rules::{self, FixAvailability};

fn update() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some()
}

/// Every file under `root` with its bytes, keyed by `/`-separated relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy();
                out.insert(rel.replace('\\', "/"), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn write_tree(root: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (rel, bytes) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

/// A scratch copy of a fixture's `input/`.
fn copy_input(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path(), &tree(&fixtures().join(name).join("input")));
    dir
}

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .current_dir(dir)
        .args(args)
        .args(["--no-ignore", "--color", "never"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Shows the first differing file, with its bytes escaped so CR and BOM are visible.
fn compare(name: &str, got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>) {
    let got_names: Vec<_> = got.keys().collect();
    let want_names: Vec<_> = want.keys().collect();
    assert_eq!(got_names, want_names, "{name}: file lists differ");
    for (rel, bytes) in got {
        assert_eq!(
            bytes.escape_ascii().to_string(),
            want[rel].escape_ascii().to_string(),
            "{name}: `{rel}` differs"
        );
    }
}

/// Runs `--fix` with one rule on a copy of `input/` and returns the resulting tree, after checking that
/// a second run changes nothing and fixes nothing.
fn fix_tree(name: &str, unsafe_fixes: bool) -> BTreeMap<String, Vec<u8>> {
    let rule = rules::find(name).unwrap();
    let dir = copy_input(name);
    let mut args = vec!["check", ".", "--fix", "--select", rule.code];
    if unsafe_fixes {
        args.push("--unsafe-fixes");
    }
    let input = tree(dir.path());
    let first = stslint(dir.path(), &args);
    assert_ne!(
        first.status.code(),
        Some(2),
        "{name}: {}",
        text(&first.stdout)
    );
    let fixed = tree(dir.path());
    assert_eq!(
        fixed != input,
        text(&first.stdout).contains(" fixed"),
        "{name}: the summary disagrees with the tree: {}",
        text(&first.stdout)
    );
    let second = stslint(dir.path(), &args);
    compare(&format!("{name} (second --fix)"), &tree(dir.path()), &fixed);
    assert!(
        !text(&second.stdout).contains(" fixed"),
        "{name}: the second --fix fixed something: {}",
        text(&second.stdout)
    );
    fixed
}

#[test]
fn fix_turns_input_into_fixed_and_is_idempotent() {
    let fixable: Vec<_> = rules::ALL
        .iter()
        .filter(|r| r.fix != FixAvailability::None)
        .collect();
    for rule in &fixable {
        let dir = fixtures().join(rule.name);
        let input = tree(&dir.join("input"));
        let safe = fix_tree(rule.name, false);
        let with_unsafe = fix_tree(rule.name, true);
        // `fixed/` exists when --fix changes something, `fixed-unsafe/` when --unsafe-fixes adds to it.
        let (fixed_dir, unsafe_dir) = (dir.join("fixed"), dir.join("fixed-unsafe"));
        if update() {
            for (path, tree, wanted) in [
                (&fixed_dir, &safe, safe != input),
                (&unsafe_dir, &with_unsafe, with_unsafe != safe),
            ] {
                let _ = fs::remove_dir_all(path);
                if wanted {
                    write_tree(path, tree);
                }
            }
            continue;
        }
        let want_safe = if fixed_dir.is_dir() {
            tree(&fixed_dir)
        } else {
            input
        };
        compare(rule.name, &safe, &want_safe);
        let want_unsafe = if unsafe_dir.is_dir() {
            tree(&unsafe_dir)
        } else {
            want_safe
        };
        compare(
            &format!("{} --unsafe-fixes", rule.name),
            &with_unsafe,
            &want_unsafe,
        );
    }
}

#[test]
fn every_fixable_rule_has_a_fixed_tree() {
    for rule in rules::ALL.iter().filter(|r| r.fix != FixAvailability::None) {
        let dir = fixtures().join(rule.name);
        assert!(
            dir.join("fixed").is_dir() || dir.join("fixed-unsafe").is_dir(),
            "{}: no fixed/ or fixed-unsafe/ tree",
            rule.code
        );
    }
}

#[test]
fn unsafe_fixes_are_applied_only_with_the_flag() {
    // STS001's fix is unsafe: without --unsafe-fixes nothing may change and the findings remain.
    let dir = copy_input("global-endpoint");
    let before = tree(dir.path());
    let out = stslint(dir.path(), &["check", ".", "--fix", "--select", "STS001"]);
    assert_eq!(tree(dir.path()), before);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("58 problems (23 fixable with --unsafe-fixes) in 47 files"),
        "{}",
        text(&out.stdout)
    );
    let out = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--fix",
            "--unsafe-fixes",
            "--select",
            "STS001",
        ],
    );
    assert_ne!(tree(dir.path()), before);
    // Fixes that need a region nobody set are suggestions only, so findings still remain: exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn diff_prints_what_fix_would_do_and_writes_nothing() {
    let dir = copy_input("missing-regional-setting");
    let before = tree(dir.path());
    let out = stslint(dir.path(), &["check", ".", "--diff"]);
    assert_eq!(tree(dir.path()), before, "--diff wrote to the tree");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let golden = fixtures().join("missing-regional-setting/fix.diff");
    if update() {
        fs::write(&golden, &out.stdout).unwrap();
    } else {
        assert_eq!(
            text(&out.stdout),
            fs::read_to_string(&golden).unwrap(),
            "--diff output"
        );
    }
    assert!(text(&out.stderr).contains("would fix"));
    // The diff is exactly what --fix then does: applying --fix leaves nothing for --diff.
    stslint(dir.path(), &["check", ".", "--fix"]);
    let after = stslint(dir.path(), &["check", ".", "--diff"]);
    assert_eq!(after.status.code(), Some(0), "{}", text(&after.stderr));
    assert!(after.stdout.is_empty(), "{}", text(&after.stdout));
}

#[test]
fn fix_on_stdin_prints_the_fixed_text_byte_for_byte() {
    // BOM, CRLF, compact spacing and no final newline: the insertion (STS004) and the replacement
    // (STS002) follow the file's own style and every other byte comes back as it was.
    let input = b"\xEF\xBB\xBF[default]\r\nregion=eu-west-1\r\n\r\n[profile dev]\r\nsts_regional_endpoints=legacy";
    let out = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint")).args([
            "check",
            "-",
            "--fix",
            "--stdin-filename",
            ".aws/config",
        ]),
        input,
    );
    let expected: &[u8] = b"\xEF\xBB\xBF[default]\r\nsts_regional_endpoints=regional\r\nregion=eu-west-1\r\n\r\n[profile dev]\r\nsts_regional_endpoints=regional";
    assert_eq!(
        out.stdout.escape_ascii().to_string(),
        expected.escape_ascii().to_string()
    );
    // Nothing remains, and the summary went to stderr, not into the fixed text.
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("2 problems fixed"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn read_only_file_is_an_error_and_stays_untouched() {
    let dir = copy_input("legacy-sts-mode");
    let file = dir.path().join(".bashrc");
    let before = fs::read(&file).unwrap();
    let mut perms = fs::metadata(&file).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&file, perms).unwrap();
    let out = stslint(dir.path(), &["check", ".", "--fix", "--select", "STS002"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert_eq!(fs::read(&file).unwrap(), before);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("error: .bashrc: not fixed: the file is read-only; it was left untouched"),
        "{stdout}"
    );
    // Its findings are still reported; the other files were fixed.
    assert!(stdout.contains("2 problems (2 fixable)"), "{stdout}");
    // The concise format says it too.
    fs::write(
        dir.path().join(".env.production"),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    )
    .unwrap();
    let out = stslint(
        dir.path(),
        &[
            "check", ".", "--fix", "--select", "STS002", "--format", "concise",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stdout).contains(".bashrc: error: not fixed: the file is read-only"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(fs::read(&file).unwrap(), before);
    let env = fs::read_to_string(dir.path().join(".env.production")).unwrap();
    assert_eq!(env, "AWS_STS_REGIONAL_ENDPOINTS=regional\n");
}

#[test]
fn files_without_applicable_fixes_are_not_rewritten() {
    let dir = copy_input("global-region");
    let file = dir.path().join(".zshrc");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let before = tree(dir.path());
    // STS005 has no fix: its findings stay, and no file may even be rewritten with the same bytes.
    let out = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--fix",
            "--unsafe-fixes",
            "--select",
            "STS005",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert_eq!(tree(dir.path()), before);
    assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), old);
}

#[test]
fn exit_non_zero_on_fix_reports_that_something_changed() {
    let dir = copy_input("legacy-sts-mode");
    let out = stslint(
        dir.path(),
        &["check", ".", "--fix", "--select", "STS002", "--quiet"],
    );
    assert_eq!(out.status.code(), Some(0), "nothing remains after fixing");
    let dir = copy_input("legacy-sts-mode");
    let out = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--fix",
            "--select",
            "STS002",
            "--exit-non-zero-on-fix",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
}

#[test]
fn invalid_utf8_file_is_not_fixed_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"AWS_STS_REGIONAL_ENDPOINTS=legacy\n# caf\xe9\n".to_vec();
    fs::write(dir.path().join(".env"), &bytes).unwrap();
    let out = stslint(dir.path(), &["check", ".", "--fix"]);
    assert_eq!(fs::read(dir.path().join(".env")).unwrap(), bytes);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("note: .env: not fixed: the file is not valid UTF-8"),
        "{}",
        text(&out.stdout)
    );
}

/// Fenced blocks as (title, body) in a part of a rule doc (the same reading as tests/docs.rs).
fn code_blocks(doc: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let Some(title) = info
            .split("title=\"")
            .nth(1)
            .and_then(|t| t.split('"').next())
        else {
            continue;
        };
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.starts_with("```"))
            .collect();
        blocks.push((title.to_owned(), body.join("\n") + "\n"));
    }
    blocks
}

#[test]
fn doc_example_fixed_is_use_instead() {
    // What `## Fix safety` promises is what the fix does: the flagged Example, fixed (unsafe fixes
    // included), is exactly the "Use instead" block.
    for rule in rules::ALL.iter().filter(|r| r.fix != FixAvailability::None) {
        let example = rule.doc.split("\n## Example\n").nth(1).unwrap();
        let example = example.split("\n## ").next().unwrap();
        let (bad, good) = example.split_once("Use instead:").unwrap();
        for ((title, bad), (_, good)) in code_blocks(bad).into_iter().zip(code_blocks(good)) {
            let kind = stslint::classify::classify(Path::new(&title)).unwrap();
            let source = stslint::source::SourceFile::from_text(title.as_str(), kind, bad);
            let plan = std::sync::Arc::new(stslint::lint::FilePlan::only(rule));
            let result = stslint::lint::lint(source, &plan);
            let fixed =
                stslint::fix::fix_file(result, stslint::fix::FixOptions { unsafe_fixes: true });
            assert_eq!(fixed.result.source.text, good, "{}: `{title}`", rule.code);
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_outside_the_checked_paths_is_not_written_through() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("shared.env");
    fs::write(&target, "AWS_STS_REGIONAL_ENDPOINTS=legacy\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("app.env")).unwrap();
    let out = stslint(dir.path(), &["check", "app.env", "--fix"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("outside the paths being checked"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"
    );
}

#[test]
fn diff_on_stdin_is_headed_by_the_stdin_filename() {
    let out = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint")).args([
            "check",
            "-",
            "--diff",
            "--stdin-filename",
            "deploy/.env",
        ]),
        b"AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
    );
    assert_eq!(
        text(&out.stdout),
        "--- deploy/.env\n+++ deploy/.env\n@@ -1 +1 @@\n-AWS_STS_REGIONAL_ENDPOINTS=legacy\n+AWS_STS_REGIONAL_ENDPOINTS=regional\n"
    );
    assert_eq!(out.status.code(), Some(1));
}
