//! End-to-end tests of the CI-facing surface on the built binary: every output format, `--output-file`,
//! `--statistics`, project config, suppressions and baselines. Each test lints a throw-away tree from
//! inside it, so paths are repo-relative as they are in CI.

use crate::support::{run_with_stdin, write};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";

/// A tree with one finding of each of STS002 (fixable) and STS001, and a secret beside a finding.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                ".aws/config",
                "[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n",
            ),
            (
                "deploy/run.sh",
                &format!(
                    "export AWS_ACCESS_KEY_ID={KEY_ID} AWS_SECRET_ACCESS_KEY={SECRET} AWS_STS_REGIONAL_ENDPOINTS=legacy\nexport AWS_REGION=us-east-1\naws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n"
                ),
            ),
        ],
    );
    dir
}

fn stslint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn sarif_has_rules_results_regions_fingerprints_and_fixes() {
    let dir = tree();
    let o = stslint(dir.path(), &["check", ".", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let rules = runs[0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), stslint::rules::ALL.len());
    for (i, rule) in rules.iter().enumerate() {
        assert_eq!(rule["id"], stslint::rules::ALL[i].code);
        for key in ["shortDescription", "fullDescription", "help"] {
            let text = rule[key]["text"].as_str().unwrap();
            assert!(!text.is_empty() && text.chars().count() <= 4096, "{key}");
        }
        // The doc itself, not a link to a site that does not exist.
        assert!(rule["help"]["markdown"].as_str().unwrap().starts_with("# "));
        assert!(rule.get("helpUri").is_none());
        assert!(rule["defaultConfiguration"]["level"].is_string());
    }
    let results = runs[0]["results"].as_array().unwrap();
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["STS002", "STS002", "STS001"]);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert!(
            !uri.is_empty() && !uri.starts_with('/') && !uri.contains('\\') && !uri.contains(':'),
            "{uri}"
        );
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(loc["region"][key].as_u64().unwrap() >= 1, "{key}");
        }
        let print = r["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap();
        assert!(print.ends_with(":1"), "{print}");
    }
    let first = &results[0];
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        ".aws/config"
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 3, "startColumn": 26, "endLine": 3, "endColumn": 32})
    );
    let replacement = &first["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "regional");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "deploy/run.sh"
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    // The schema lives in the shared folder beside the repository; without it there is nothing to check.
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let Ok(schema) = fs::read_to_string(&schema_path) else {
        eprintln!("skipped: {} not present", schema_path.display());
        return;
    };
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // The validator must be able to fail: a region with line 0 is invalid SARIF.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
        "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": "a"}, "region": {"startLine": 0}}}]}]}]});
    assert!(!validator.is_valid(&broken));
    let dir = tree();
    write(
        dir.path(),
        &[(
            ".env",
            "AWS_STS_REGIONAL_ENDPOINTS=legacy # stslint: ignore[STS002] -- tested\nA=1 # stslint: ignore[STS001]\n",
        )],
    );
    write(
        dir.path(),
        &[
            ("my dir/#1/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
            ("big dir/.env", &"# padding\n".repeat(200)),
        ],
    );
    for args in [
        &["check", ".", "--format", "sarif"][..],
        // A file skipped for its size is a tool execution notification with its artifact.
        &["check", ".", "--format", "sarif", "--max-file-size", "1K"][..],
        &["check", ".", "--format", "sarif", "--show-suppressed"][..],
        &["check", ".", "--format", "sarif", "--select", "STS005"][..],
    ] {
        let o = stslint(dir.path(), args);
        let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
        let uris: Vec<&str> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
            })
            .collect();
        assert!(
            uris.contains(&"my%20dir/%231/.env") || args.contains(&"STS005"),
            "{uris:?}"
        );
        assert!(
            !doc["runs"][0]["results"].as_array().unwrap().is_empty() || args.contains(&"STS005")
        );
        let invocation = &doc["runs"][0]["invocations"][0];
        let skipped = args.contains(&"--max-file-size");
        assert_eq!(invocation["executionSuccessful"], !skipped, "{args:?}");
        if skipped {
            let notice = &invocation["toolExecutionNotifications"][0];
            let artifact = &notice["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(artifact["uri"], "big%20dir/.env", "{invocation}");
        }
    }
}

#[test]
fn github_annotations_are_escaped_and_drop_columns_on_multi_line_spans() {
    let dir = tree();
    let o = stslint(dir.path(), &["check", ".", "--format", "github", "--quiet"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("::warning file=.aws/config,line=3,endLine=3,col=26,endColumn=32,title=stslint (STS002)::`sts_regional_endpoints` is `legacy`"),
        "{}",
        lines[0]
    );
    // The message is one line: the help is joined with an escaped newline.
    assert!(lines[0].contains("%0Ahelp: set `sts_regional_endpoints` to `regional`"));
    assert!(
        lines[2].starts_with("::warning file=deploy/run.sh,line=3,endLine=3,col=44,endColumn=69,title=stslint (STS001)::"),
        "{}",
        lines[2]
    );
}

#[test]
fn gitlab_code_quality_has_unique_fingerprints() {
    let dir = tree();
    write(
        dir.path(),
        &[(
            ".env",
            "AWS_STS_REGIONAL_ENDPOINTS=legacy\nAWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        )],
    );
    let o = stslint(dir.path(), &["check", ".", "--format", "gitlab"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), 5);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), 5);
    let env: Vec<&Value> = issues
        .iter()
        .filter(|i| i["location"]["path"] == ".env")
        .collect();
    assert_eq!(env[0]["location"]["lines"]["begin"], 1);
    assert_eq!(env[1]["location"]["lines"]["begin"], 2);
    assert_eq!(env[0]["severity"], "minor");
    assert_eq!(env[0]["check_name"], "STS002");
}

#[test]
fn junit_lists_one_failure_per_finding() {
    let dir = tree();
    let o = stslint(dir.path(), &["check", ".", "--format", "junit"]);
    let out = stdout(&o);
    assert!(out.starts_with("<?xml"));
    assert!(
        out.contains(r#"<testsuites name="stslint" tests="3" failures="3" errors="0">"#),
        "{out}"
    );
    assert_eq!(out.matches("<failure ").count(), 3);
    assert!(out.contains(r#"<testsuite name=".aws/config" tests="1" failures="1""#));
    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), &[(".env", "A=1\n")]);
    let o = stslint(clean.path(), &["check", ".", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(r#"failures="0""#));
}

#[test]
fn junit_failures_agree_with_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (".env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
            // Findings in test files are `info`: below the default fail-on (warning).
            ("tests/mock.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
        ],
    );
    let failures = |out: &str| out.matches("<failure ").count();
    let o = stslint(dir.path(), &["check", ".", "--format", "junit"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out.contains(r#"<testsuites name="stslint" tests="2" failures="1" errors="0">"#),
        "{out}"
    );
    assert_eq!(failures(&out), 1, "{out}");
    assert!(
        out.contains(r#"<testsuite name="tests/mock.env" tests="1" failures="0""#),
        "{out}"
    );
    assert!(
        out.contains(
            "<system-out>info: below the failing severity (warning): tests/mock.env:1:28: STS002"
        ),
        "{out}"
    );
    // --fail-on info makes both fail, and the exit code says so too.
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "junit", "--fail-on", "info"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(failures(&stdout(&o)), 2);
    assert!(!stdout(&o).contains("<system-out>"));
    // A config's fail-on = "error": the run exits 0 and JUnit shows no failure.
    write(dir.path(), &[("stslint.toml", "fail-on = \"error\"\n")]);
    let o = stslint(dir.path(), &["check", ".", "--format", "junit"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(failures(&stdout(&o)), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains(r#"failures="0" errors="0">"#));
    // One file is "1 file".
    let clean = tempfile::tempdir().unwrap();
    write(clean.path(), &[(".env", "A=1\n")]);
    let o = stslint(clean.path(), &["check", ".", "--format", "junit"]);
    assert!(
        stdout(&o).contains(r#"name="no problems in 1 file""#),
        "{}",
        stdout(&o)
    );
}

#[test]
fn no_format_prints_a_secret() {
    let dir = tree();
    write(
        dir.path(),
        &[(
            ".env",
            &format!(
                "AWS_SECRET_ACCESS_KEY={SECRET} AWS_STS_REGIONAL_ENDPOINTS=legacy # stslint: ignore[STS002]\n"
            ),
        )],
    );
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "junit",
    ] {
        for extra in [
            &[][..],
            &["--statistics"][..],
            &["--color", "always"][..],
            &["--show-suppressed"][..],
        ] {
            let mut args = vec!["check", ".", "--format", format];
            args.extend_from_slice(extra);
            let o = stslint(dir.path(), &args);
            let all = stdout(&o) + &stderr(&o);
            assert!(!all.is_empty(), "{format}");
            assert!(
                !all.contains(SECRET) && !all.contains(KEY_ID),
                "{format} {extra:?}: {all}"
            );
        }
    }
}

#[test]
fn output_file_and_statistics() {
    let dir = tree();
    let o = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "sarif",
            "--output-file",
            "out/stslint.sarif",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    let written: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("out/stslint.sarif")).unwrap())
            .unwrap();
    assert_eq!(written["runs"][0]["results"].as_array().unwrap().len(), 3);
    let o = stslint(dir.path(), &["check", ".", "--statistics"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "    2  STS002  [*] legacy-sts-mode\n    1  STS001      global-endpoint\n"
    );
}

fn concise(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let mut all = vec!["check", "--format", "concise", "--quiet"];
    all.extend_from_slice(args);
    let o = stslint(dir, &all);
    let lines = stdout(&o)
        .lines()
        .map(|l| l.split(": ").next().unwrap().to_owned())
        .collect();
    (o.status.code(), lines)
}

#[test]
fn config_errors_point_at_the_offending_line_and_exit_2() {
    let dir = tree();
    write(
        dir.path(),
        &[(
            "stslint.toml",
            "select = [\"STS002\"]\nfail-onn = \"error\"\n",
        )],
    );
    let o = stslint(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("unknown field `fail-onn`"), "{err}");
    assert!(err.contains("[stslint.toml:2:1]"), "{err}");
    assert!(stdout(&o).is_empty());
    write(
        dir.path(),
        &[(
            "stslint.toml",
            "[severity]\nSTS002 = \"error\"\nSTS001 = \"loud\"\n",
        )],
    );
    let err = stderr(&stslint(dir.path(), &["check", "."]));
    assert!(
        err.contains("invalid severity `loud`") && err.contains("[stslint.toml:3:10]"),
        "{err}"
    );
    write(
        dir.path(),
        &[
            ("stslint.toml", "select = [\"STS005\"]\n"),
            ("pyproject.toml", "[tool.stslint]\nignore = [\"STS999\"]\n"),
        ],
    );
    let o = stslint(dir.path(), &["check", "."]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "stslint.toml wins over pyproject.toml in one directory"
    );
    fs::remove_file(dir.path().join("stslint.toml")).unwrap();
    let o = stslint(dir.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("[pyproject.toml:2:11]"),
        "{}",
        stderr(&o)
    );
    // --isolated reads no config at all.
    assert_eq!(
        stslint(dir.path(), &["check", ".", "--isolated"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn config_selects_ignores_overrides_severity_and_excludes() {
    let dir = tree();
    write(
        dir.path(),
        &[
            ("legacy/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
            ("vendor-ish/.env", "AWS_STS_REGIONAL_ENDPOINTS=legacy\n"),
            (
                "pyproject.toml",
                "[project]\nname = \"x\"\n[tool.stslint]\nextend-exclude = [\"vendor-ish\"]\nfail-on = \"error\"\n[tool.stslint.severity]\nglobal-endpoint = \"error\"\n[tool.stslint.per-file-ignores]\n\"legacy/*\" = [\"STS002\"]\n",
            ),
        ],
    );
    let (code, lines) = concise(dir.path(), &["."]);
    assert_eq!(
        lines,
        [
            ".aws/config:3:26",
            "deploy/run.sh:1:137",
            "deploy/run.sh:3:44"
        ]
    );
    assert_eq!(code, Some(1), "STS001 is an error now and fail-on is error");
    // CLI over config: --ignore adds to the config's ignores; --fail-on replaces fail-on.
    assert_eq!(concise(dir.path(), &[".", "--ignore", "STS001"]).0, Some(0));
    assert_eq!(
        concise(
            dir.path(),
            &[".", "--ignore", "STS001", "--fail-on", "warning"]
        )
        .0,
        Some(1)
    );
    // --select replaces the config's selection.
    let (_, lines) = concise(dir.path(), &[".", "--select", "STS001"]);
    assert_eq!(lines, ["deploy/run.sh:3:44"]);
    // Explicit paths (pre-commit) are linted unless --force-exclude applies the config's excludes.
    assert_eq!(concise(dir.path(), &["vendor-ish/.env"]).1.len(), 1);
    assert!(
        concise(dir.path(), &["vendor-ish/.env", "--force-exclude"])
            .1
            .is_empty()
    );
    // A nearer config file replaces the outer one for the files below it.
    write(
        dir.path(),
        &[("deploy/stslint.toml", "select = [\"STS001\"]\n")],
    );
    let (code, lines) = concise(dir.path(), &["."]);
    assert_eq!(lines, [".aws/config:3:26", "deploy/run.sh:3:44"]);
    assert_eq!(
        code,
        Some(1),
        "the nearer config's default fail-on is warning"
    );
    // --config uses one file for everything.
    write(
        dir.path(),
        &[("ci/only-sts002.toml", "select = [\"legacy-sts-mode\"]\n")],
    );
    let (_, lines) = concise(dir.path(), &[".", "--config", "ci/only-sts002.toml"]);
    assert_eq!(
        lines,
        [
            ".aws/config:3:26",
            "deploy/run.sh:1:137",
            "legacy/.env:1:28",
            "vendor-ish/.env:1:28"
        ]
    );
}

#[test]
fn inline_suppressions_unused_reports_and_audit_flags() {
    let dir = tree();
    write(
        dir.path(),
        &[
            (
                ".aws/config",
                "[profile prod]\nregion = eu-west-1\n# stslint: ignore[legacy-sts-mode] -- moving in Q3\nsts_regional_endpoints = legacy\n",
            ),
            (
                "deploy/run.sh",
                "# stslint: ignore-file[STS001]\nexport AWS_STS_REGIONAL_ENDPOINTS=regional # stslint: ignore[STS002]\n",
            ),
        ],
    );
    let (code, lines) = concise(dir.path(), &["."]);
    assert_eq!(lines, ["deploy/run.sh:1:24", "deploy/run.sh:2:62"]);
    assert_eq!(code, Some(1), "unused suppressions are warnings");
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "concise", "--show-suppressed"],
    );
    assert!(
        stdout(&o)
            .contains("suppressed: .aws/config:4:26: STS002 `sts_regional_endpoints` is `legacy`"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("(reason: moving in Q3)"));
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "sarif", "--show-suppressed"],
    );
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let suppressed: Vec<&Value> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["suppressions"][0]["justification"],
        "moving in Q3"
    );
    // Auditors see everything, and no STS900 (nothing is judged).
    let (_, lines) = concise(dir.path(), &[".", "--no-inline-suppressions"]);
    assert_eq!(lines, [".aws/config:4:26"]);
    // STS900 follows the selection and the config like any rule.
    let (code, lines) = concise(dir.path(), &[".", "--ignore", "unused-suppression"]);
    assert!(lines.is_empty());
    assert_eq!(code, Some(0));
}

#[test]
fn baseline_hides_known_findings_survives_line_shifts_and_reports_stale_entries() {
    let dir = tree();
    let o = stslint(
        dir.path(),
        &["check", ".", "--write-baseline", "stslint-baseline.json"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("wrote 3 findings"), "{}", stderr(&o));
    let written = fs::read_to_string(dir.path().join("stslint-baseline.json")).unwrap();
    assert!(!written.contains(SECRET) && !written.contains(KEY_ID));
    let (code, lines) = concise(dir.path(), &[".", "--baseline", "stslint-baseline.json"]);
    assert_eq!((code, lines.len()), (Some(0), 0));
    // Lines inserted above, and a new finding: only the new one is reported.
    write(
        dir.path(),
        &[(
            ".aws/config",
            "# prod account\n\n[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n\n[profile ci]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n",
        )],
    );
    let (code, lines) = concise(dir.path(), &[".", "--baseline", "stslint-baseline.json"]);
    assert_eq!(lines, [".aws/config:9:26"]);
    assert_eq!(code, Some(1));
    // Fixing a baselined finding makes its entry stale.
    write(
        dir.path(),
        &[(
            "deploy/run.sh",
            "export AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        )],
    );
    let o = stslint(
        dir.path(),
        &[
            "check",
            ".",
            "--format",
            "concise",
            "--baseline",
            "stslint-baseline.json",
        ],
    );
    let err = stderr(&o);
    assert!(err.contains("note: 2 baseline entries"), "{err}");
    assert!(
        err.contains("deploy/run.sh: STS002 `AWS_STS_REGIONAL_ENDPOINTS` is `legacy`"),
        "{err}"
    );
    assert!(err.contains("deploy/run.sh: STS001"), "{err}");
    // Linting only one file does not call the other files' entries stale.
    let o = stslint(
        dir.path(),
        &[
            "check",
            ".aws/config",
            "--baseline",
            "stslint-baseline.json",
        ],
    );
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    // A file that is not a baseline is a usage error.
    let o = stslint(dir.path(), &["check", ".", "--baseline", ".aws/config"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn human_concise_and_json_end_to_end() {
    let dir = tree();
    let o = stslint(dir.path(), &["check", ".", "--color", "never"]);
    assert_eq!(o.status.code(), Some(1));
    let human = stdout(&o);
    assert!(human.contains("STS002 legacy-sts-mode"), "{human}");
    assert!(
        human.contains("help: set `sts_regional_endpoints` to `regional`"),
        "{human}"
    );
    assert!(
        human
            .trim_end()
            .ends_with("3 problems (2 fixable, 1 with --unsafe-fixes) in 2 files\nrun with --fix to apply 2 fixes (add --unsafe-fixes for 1 more)"),
        "{human}"
    );
    let (_, lines) = concise(dir.path(), &["."]);
    assert_eq!(
        lines,
        [
            ".aws/config:3:26",
            "deploy/run.sh:1:137",
            "deploy/run.sh:3:44"
        ]
    );
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "json", "--severity-is-not-a-flag"],
    );
    assert_eq!(o.status.code(), Some(2), "unknown flags are usage errors");
    let o = stslint(dir.path(), &["check", ".", "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["summary"]["problems"], 3);
    assert!(
        doc.get("suppressed").is_none(),
        "only with --show-suppressed"
    );
    let o = stslint(
        dir.path(),
        &["check", ".", "--format", "json", "--statistics"],
    );
    let stats: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(stats[0]["code"], "STS002");
    assert_eq!(stats[0]["count"], 2);
    assert_eq!(stats[0]["fixable"], 2);
}

#[test]
fn standard_input_uses_the_config_of_its_file_name() {
    let dir = tree();
    write(
        dir.path(),
        &[("deploy/stslint.toml", "[severity]\nSTS002 = \"off\"\n")],
    );
    let run = |name: &str| {
        let o = run_with_stdin(
            Command::new(env!("CARGO_BIN_EXE_stslint"))
                .args([
                    "check",
                    "-",
                    "--stdin-filename",
                    name,
                    "--format",
                    "concise",
                    "--quiet",
                ])
                .current_dir(dir.path()),
            b"AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        );
        (o.status.code(), stdout(&o))
    };
    assert_eq!(run("deploy/.env"), (Some(0), String::new()));
    let (code, out) = run("app/.env");
    assert_eq!(code, Some(1));
    assert!(out.starts_with("app/.env:1:28: STS002"), "{out}");
}

#[test]
fn github_format_writes_the_job_summary_when_asked() {
    let dir = tree();
    let summary = dir.path().join("summary.md");
    let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", ".aws", "deploy", "--format", "github"])
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with(
            "### stslint\n\n3 problems (2 fixable, 1 with --unsafe-fixes) in 2 files\n"
        ),
        "{text}"
    );
    assert_eq!(text.matches("\n| `").count(), 3, "{text}");
    assert!(
        // No link: the project has no documentation site yet, and every printed link must resolve.
        text.contains("| `.aws/config:3:26` | STS002 legacy-sts-mode | warning |"),
        "{text}"
    );
    assert!(!text.contains(SECRET) && !text.contains(KEY_ID));
    // Other formats leave the summary alone.
    fs::remove_file(&summary).unwrap();
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(["check", ".", "--format", "sarif"])
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert!(!summary.exists());
}

#[test]
fn github_format_says_when_annotations_exceed_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..11 {
        write(
            dir.path(),
            &[(
                &format!("s{i:02}/.env"),
                "AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
            )],
        );
    }
    let out = stdout(&stslint(
        dir.path(),
        &["check", ".", "--format", "github", "--quiet"],
    ));
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::warning ")).count(),
        11
    );
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("::notice title=stslint::11 findings; GitHub shows only 10 errors and 10 warnings per step"), "{last}");
    write(
        dir.path(),
        &[("s00/.env", "AWS_STS_REGIONAL_ENDPOINTS=regional\n")],
    );
    let out = stdout(&stslint(
        dir.path(),
        &["check", ".", "--format", "github", "--quiet"],
    ));
    assert!(!out.contains("::notice"), "{out}");
}
