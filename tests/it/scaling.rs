//! Every per-file pass is linear in the file: for each input shape that was once quadratic, linting
//! (and rendering) an 8× input costs about 8× a 1× input. The test compares the two costs, never a
//! wall-clock limit: linear gives about 8, quadratic about 64; the bound sits well between.

use std::sync::Arc;
use std::time::Duration;

use stslint::classify::FileKind;
use stslint::lint::{FilePlan, Report, lint};
use stslint::render::{self, OutputFormat, Style};
use stslint::rules::{self, RuleSet};
use stslint::source::SourceFile;

/// Linear is 8; allow noise from a busy machine, but not a quadratic pass (64).
const MAX_RATIO: f64 = 24.0;

/// The CPU time this thread has used: unlike the wall clock it does not grow while the thread
/// waits for a core, so the ratio holds on a loaded CI machine too.
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID exists on Linux and macOS.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn best_of_five(mut f: impl FnMut()) -> Duration {
    (0..5)
        .map(|_| {
            let start = thread_cpu_time();
            f();
            thread_cpu_time() - start
        })
        .min()
        .unwrap()
}

fn lint_text(path: &str, kind: FileKind, text: &str) -> stslint::lint::FileResult {
    let plan = Arc::new(FilePlan::with_rules(rules::ALL, RuleSet::all(rules::ALL)));
    lint(SourceFile::from_text(path, kind, text), &plan)
}

/// Lints `make(n)` and `make(8 n)` and checks the cost ratio; `findings` checks each result.
fn assert_linear(
    name: &str,
    path: &str,
    kind: FileKind,
    n: usize,
    make: impl Fn(usize) -> String,
    findings: impl Fn(usize) -> usize,
) {
    let (small, large) = (make(n), make(8 * n));
    for (text, count) in [(&small, n), (&large, 8 * n)] {
        assert_eq!(
            lint_text(path, kind, text).diagnostics.len(),
            findings(count),
            "{name}: the input must hold the findings it is built to hold"
        );
    }
    let one = best_of_five(|| drop(lint_text(path, kind, &small)));
    let eight = best_of_five(|| drop(lint_text(path, kind, &large)));
    let ratio = eight.as_secs_f64() / one.as_secs_f64().max(1e-6);
    assert!(
        ratio < MAX_RATIO,
        "{name}: 8x the input cost {ratio:.1}x ({one:?} -> {eight:?}); a per-file pass is not linear"
    );
}

#[test]
fn minified_yaml_on_one_line() {
    assert_linear(
        "flow-style YAML",
        "deploy.yaml",
        FileKind::Yaml,
        1500,
        |n| {
            let items: Vec<String> = (0..n)
                .map(|i| format!("{{\"name\":\"svc{i}\",\"env\":[{{\"name\":\"AWS_ENDPOINT_URL_STS\",\"value\":\"https://sts.amazonaws.com\"}}]}}"))
                .collect();
            format!("{{\"services\":[{}]}}", items.join(","))
        },
        |n| n,
    );
}

#[test]
fn templated_yaml_with_many_directives() {
    // A Helm template: many directives on one line, and many lines of directives and env items,
    // neutralised and parsed; the literal `legacy` values are the findings, the templated ones not.
    assert_linear(
        "templated YAML",
        "templates/deploy.yaml",
        FileKind::Yaml,
        400,
        |n| {
            let mut text = format!("labels: {}\nenv:\n", "a{{ .Values.x }}".repeat(n));
            for i in 0..n {
                text.push_str(&format!(
                    "{{{{- if .Values.c{i} }}}}\n  - name: AWS_STS_REGIONAL_ENDPOINTS\n    value: legacy\n  - name: AWS_STS_REGIONAL_ENDPOINTS\n    value: {{{{ .Values.m{i} }}}}\n{{{{- end }}}}\n"
                ));
            }
            text
        },
        |n| n,
    );
}

#[test]
fn many_yaml_documents_with_findings() {
    assert_linear(
        "multi-document YAML",
        "pods.yaml",
        FileKind::Yaml,
        1000,
        |n| {
            (0..n)
                .map(|i| format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p{i}\nspec:\n  containers:\n    - name: c\n      env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: legacy\n"))
                .collect()
        },
        |n| n,
    );
}

#[test]
fn aws_config_with_many_profiles() {
    assert_linear(
        "AWS config",
        ".aws/config",
        FileKind::AwsConfig,
        1500,
        |n| {
            (0..n)
                .map(|i| format!("[profile p{i}]\nregion = eu-west-1\nrole_arn = arn:aws:iam::111122223333:role/r{i}\nsource_profile = base\n\n"))
                .collect()
        },
        // STS004 for every profile that lacks the setting.
        |n| n,
    );
}

#[test]
fn dockerfile_line_with_many_pins() {
    assert_linear(
        "Dockerfile pins",
        "Dockerfile",
        FileKind::Dockerfile,
        6000,
        |n| {
            let pins: Vec<String> = (0..n).map(|i| format!("pkg{i}==1.{i}")).collect();
            format!(
                "FROM python:3.12\nRUN pip install boto3==1.26.0 {}\n",
                pins.join(" ")
            )
        },
        |_| 1,
    );
}

#[test]
fn package_lock_with_many_packages() {
    // Read as a stream: lockfiles of monorepos are linted up to 16 times the size limit.
    assert_linear(
        "package-lock.json",
        "package-lock.json",
        FileKind::PackageLock,
        4000,
        |n| {
            let pads: String = (0..n)
                .map(|i| format!("    \"node_modules/pad-{i}\": {{\"version\": \"1.0.{i}\", \"integrity\": \"sha512-{i:0>40}\", \"dependencies\": {{\"x\": \"^1\"}}}},\n"))
                .collect();
            format!(
                "{{\n  \"lockfileVersion\": 3,\n  \"packages\": {{\n{pads}    \"node_modules/aws-sdk\": {{\"version\": \"2.1692.0\"}}\n  }}\n}}\n"
            )
        },
        |_| 1,
    );
}

#[test]
fn composer_and_pipfile_locks_with_many_packages() {
    // Streams too, with the same higher limit.
    assert_linear(
        "composer.lock",
        "composer.lock",
        FileKind::ComposerLock,
        4000,
        |n| {
            let pads: String = (0..n)
                .map(|i| format!("    {{\"name\": \"vendor/pad-{i}\", \"version\": \"1.0.{i}\", \"require\": {{\"php\": \">=8.1\"}}}},\n"))
                .collect();
            format!(
                "{{\"packages\": [\n{pads}    {{\"name\": \"aws/aws-sdk-php\", \"version\": \"3.100.0\"}}\n]}}\n"
            )
        },
        |_| 1,
    );
    assert_linear(
        "Pipfile.lock",
        "Pipfile.lock",
        FileKind::PythonLock,
        4000,
        |n| {
            let pads: String = (0..n)
                .map(|i| format!("    \"pad-{i}\": {{\"hashes\": [\"sha256:{i:0>64}\"], \"version\": \"==1.0.{i}\"}},\n"))
                .collect();
            format!("{{\"default\": {{\n{pads}    \"boto3\": {{\"version\": \"==1.26.0\"}}\n}}}}\n")
        },
        |_| 1,
    );
}

#[test]
fn yarn_lock_with_many_packages() {
    assert_linear(
        "yarn.lock",
        "yarn.lock",
        FileKind::YarnLock,
        4000,
        |n| {
            let pads: String = (0..n)
                .map(|i| format!("pad-{i}@^1.0.0:\n  version \"1.0.{i}\"\n  resolved \"https://registry.yarnpkg.com/pad-{i}/-/pad-{i}-1.0.{i}.tgz\"\n\n"))
                .collect();
            format!("{pads}aws-sdk@^2.1692.0:\n  version \"2.1692.0\"\n")
        },
        |_| 1,
    );
}

#[test]
fn rendering_many_findings_in_one_file() {
    let report = |n: usize| {
        let text: String = (0..n)
            .map(|i| format!("AWS_STS_REGIONAL_ENDPOINTS=legacy # {i}\n"))
            .collect();
        let result = lint_text(".env", FileKind::DotEnv, &text);
        assert_eq!(result.diagnostics.len(), n);
        Report {
            files: vec![Box::new(result)],
            files_checked: 1,
            ..Report::default()
        }
    };
    let (small, large) = (report(500), report(4000));
    for format in [
        OutputFormat::Human,
        OutputFormat::Json,
        OutputFormat::Sarif,
        OutputFormat::Gitlab,
    ] {
        let cost = |r: &Report| {
            best_of_five(|| {
                let mut out = Vec::new();
                render::render(format, r, Style::plain(true), &mut out).unwrap();
            })
        };
        let (one, eight) = (cost(&small), cost(&large));
        let ratio = eight.as_secs_f64() / one.as_secs_f64().max(1e-6);
        assert!(
            ratio < MAX_RATIO,
            "{format:?}: 8x the findings cost {ratio:.1}x ({one:?} -> {eight:?})"
        );
    }
}
