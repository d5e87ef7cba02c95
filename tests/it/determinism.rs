//! Output is byte-for-byte the same on every run, whatever the thread scheduling: workers finish in any
//! order, and the report is put back in discovery order.

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
