//! `--exclude GLOB` on the command line matches as the same glob in `stslint.toml` does: relative to the
//! working directory (the config's: relative to its file), against the path or any of its names.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

const LEGACY: &str = "AWS_STS_REGIONAL_ENDPOINTS=legacy\n";

fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "tests/a.env",
        "tests/deep/b.env",
        "src/fixtures/c.env",
        "src/app/d.env",
        "x/e.env",
        "src/x/f.env",
        "keep.env",
    ] {
        let p = dir.path().join(f);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, LEGACY).unwrap();
    }
    dir
}

/// The files linted (paths as reported), from `dir`.
fn linted(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", "--format", "concise", "--fail-on", "error"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.split_once(':').map(|(p, _)| p.to_owned()))
        .filter(|p| p.ends_with(".env"))
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| (*p).to_owned()).collect()
}

#[test]
fn command_line_excludes_match_like_config_excludes() {
    let dir = tree();
    let d = dir.path();
    let all = linted(d, &["."]);
    assert_eq!(all.len(), 7, "{all:?}");
    let cases: [(&str, &[&str]); 5] = [
        ("tests/**", &["tests/a.env", "tests/deep/b.env"]),
        ("**/fixtures", &["src/fixtures/c.env"]),
        ("./x", &["x/e.env"]),
        ("x", &["x/e.env", "src/x/f.env"]),
        (
            "*.env",
            &[
                "tests/a.env",
                "tests/deep/b.env",
                "src/fixtures/c.env",
                "src/app/d.env",
                "x/e.env",
                "src/x/f.env",
                "keep.env",
            ],
        ),
    ];
    for (glob, excluded) in cases {
        let want: BTreeSet<String> = all.difference(&set(excluded)).cloned().collect();
        let cli = linted(d, &[".", "--exclude", glob]);
        assert_eq!(cli, want, "--exclude {glob}");
        // The same glob in the config (at the working directory) excludes the same files.
        fs::write(d.join("stslint.toml"), format!("exclude = [\"{glob}\"]\n")).unwrap();
        let config = linted(d, &["."]);
        fs::remove_file(d.join("stslint.toml")).unwrap();
        assert_eq!(config, want, "exclude = [\"{glob}\"]");
        // Naming the directories instead of walking from `.` makes no difference (a file named on
        // the command line is linted whatever the excludes say, unless --force-exclude).
        let named = linted(d, &["tests", "src", "x", "keep.env", "--exclude", glob]);
        let mut named_want = want.clone();
        named_want.insert("keep.env".to_owned());
        assert_eq!(named, named_want, "named, --exclude {glob}");
    }
}

#[test]
fn excludes_are_relative_to_the_working_directory_or_absolute() {
    let dir = tree();
    let d = dir.path();
    // From `src/`, `fixtures/**` is `src/fixtures/**`.
    let from_src = linted(&d.join("src"), &[".", "--exclude", "fixtures/**"]);
    assert_eq!(from_src, set(&["app/d.env", "x/f.env"]));
    // From the top, `fixtures/**` matches nothing: it is not where the walk is.
    let from_top = linted(d, &["src", "--exclude", "fixtures/**"]);
    assert!(from_top.contains("src/fixtures/c.env"), "{from_top:?}");
    let from_top = linted(d, &["src", "--exclude", "src/fixtures/**"]);
    assert!(!from_top.contains("src/fixtures/c.env"), "{from_top:?}");
    // An absolute glob matches the absolute path, from wherever the walk starts.
    let absolute = format!("{}/tests/**", d.canonicalize().unwrap().display());
    for root in [".", "tests"] {
        let got = linted(&d.canonicalize().unwrap(), &[root, "--exclude", &absolute]);
        assert!(
            got.iter().all(|p| !p.starts_with("tests/")),
            "{root}: {got:?}"
        );
    }
    let got = linted(&d.canonicalize().unwrap(), &[".", "--exclude", &absolute]);
    assert_eq!(got.len(), 5, "{got:?}");
}

#[test]
fn force_exclude_applies_the_same_globs_to_named_files() {
    let dir = tree();
    let d = dir.path();
    let named = ["tests/a.env", "src/fixtures/c.env", "keep.env"];
    let mut args = vec![
        "--force-exclude",
        "--exclude",
        "tests/**",
        "--exclude",
        "**/fixtures",
    ];
    args.extend(named);
    assert_eq!(linted(d, &args), set(&["keep.env"]));
    // Without --force-exclude, named files are linted whatever the excludes say.
    let mut args = vec!["--exclude", "tests/**"];
    args.extend(named);
    assert_eq!(linted(d, &args), set(&named));
}
