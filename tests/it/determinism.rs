//! Output is byte-for-byte the same on every run, whatever the thread scheduling: the walk finds files
//! in any order on any number of threads, and the report is put back in path order.

use std::fs;
use std::process::Command;

#[test]
fn repeated_runs_give_identical_bytes_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    // Enough files of mixed sizes that the workers interleave differently from run to run.
    for i in 0..400 {
        let sub = dir.path().join(format!("svc{:03}", i % 37));
        fs::create_dir_all(&sub).unwrap();
        let padding = "# filler line\n".repeat((i * 7919) % 300);
        fs::write(
            sub.join(format!("f{i}.env")),
            format!("{padding}AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_REGION=aws-global\n"),
        )
        .unwrap();
        if i % 5 == 0 {
            fs::write(
                sub.join(format!("d{i}.Dockerfile")),
                "FROM ubuntu:22.04\nRUN apt-get install -y awscli\n",
            )
            .unwrap();
        }
    }
    for format in ["concise", "json", "sarif"] {
        let run = || {
            Command::new(env!("CARGO_BIN_EXE_stslint"))
                .args(["check", ".", "--format", format])
                .current_dir(dir.path())
                .output()
                .unwrap()
                .stdout
        };
        let first = run();
        assert!(
            first.len() > 10_000,
            "{format}: too little output to compare"
        );
        for _ in 0..4 {
            assert!(run() == first, "{format}: output differs between runs");
        }
    }
}

/// The parallel walk finds the same files whatever the number of threads: every discover rule (ignore
/// files with a negation, nested ignore files, built-in and `--exclude` excludes, hidden files, a
/// symlinked directory met during the walk, an explicit file that is also under a walked directory's
/// excludes) decides the same way on one thread as on several.
#[cfg(unix)]
#[test]
fn one_thread_and_many_find_the_same_files() {
    use crate::support::{stdout, tree};
    let legacy = "AWS_STS_REGIONAL_ENDPOINTS=legacy\n";
    let mut files: Vec<(String, &str)> = Vec::new();
    for i in 0..60 {
        files.push((format!("svc{:02}/app/{i}.env", i % 13), legacy));
        files.push((format!("svc{:02}/deep/a/b/c/{i}.env", i % 7), legacy));
    }
    for path in [
        ".hidden/.env",
        "ignored/.env",
        "keep.log.env",
        "debug.log.env",
        "nested/secret.env",
        "nested/public.env",
        "node_modules/pkg/.env",
        "build-out/.env",
        "excluded/.env",
    ] {
        files.push((path.to_owned(), legacy));
    }
    files.push((".gitignore".into(), "ignored/\n*.log.env\n!keep.log.env\n"));
    files.push(("nested/.gitignore".into(), "secret.env\n"));
    files.push(("build-out/.ignore".into(), "*\n"));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let dir = tree(&borrowed);
    std::os::unix::fs::symlink(dir.path().join("svc00"), dir.path().join("link")).unwrap();
    let found = |threads: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args([
                "check",
                ".",
                "excluded/.env",
                "--exclude",
                "excluded",
                "--isolated",
            ])
            .args([
                "--format",
                "concise",
                "--quiet",
                "--exit-zero",
                "-j",
                threads,
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "-j {threads}: {o:?}");
        let mut paths: Vec<String> = stdout(&o)
            .lines()
            .map(|l| l.split(':').next().unwrap().to_owned())
            .collect();
        paths.dedup();
        paths
    };
    let one = found("1");
    // 60 + 60 service files, the hidden one, the negated and the public one, the explicit excluded one.
    assert_eq!(one.len(), 124, "{one:#?}");
    for path in [
        ".hidden/.env",
        "keep.log.env",
        "nested/public.env",
        "excluded/.env",
    ] {
        assert!(one.iter().any(|p| p == path), "{path} missing: {one:#?}");
    }
    for path in [
        "ignored/",
        "debug.log.env",
        "secret.env",
        "node_modules",
        "build-out",
        "link/",
    ] {
        assert!(
            !one.iter().any(|p| p.contains(path)),
            "{path} found: {one:#?}"
        );
    }
    for threads in ["2", "4", "8"] {
        assert_eq!(
            found(threads),
            one,
            "-j {threads} found other files than -j 1"
        );
    }
    // Inside a repository the ignore files apply as git applies them; here that is the same set.
    fs::create_dir(dir.path().join(".git")).unwrap();
    for threads in ["1", "4"] {
        assert_eq!(found(threads), one, "in a repository, -j {threads}");
    }
}
