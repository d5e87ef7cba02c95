//! `stslint report` end to end on the built binary, from a fixture set (a repository tree and four weeks
//! of S3-delivered trail files in two regions): the join, the trend, every format, redaction, secrets,
//! HTML validity and the size budget.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use stslint::diagnostic::Severity;
use stslint::report::{self, CallerEntry, Data, Day, FindingEntry, Headline, StaticMatch};

const REPO: &str = "tests/fixtures/report/repo";
const TRAIL: &str = "tests/fixtures/report/trail";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SESSION_TOKEN: &str = "FIXTURE-SESSION-TOKEN-never-shown";

fn stslint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn report(format: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "report", "--repo", REPO, "--trail", TRAIL, "--format", format,
    ];
    args.extend_from_slice(extra);
    let out = stslint(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json() -> Value {
    serde_json::from_str(&report("json", &[])).unwrap()
}

#[test]
fn the_join_names_the_pinned_client_behind_each_caller() {
    let doc = json();
    assert_eq!(doc["version"], 1);
    let callers = doc["callers"].as_array().unwrap();
    let find = |role: &str| {
        callers
            .iter()
            .find(|c| c["caller"] == format!("arn:aws:iam::111122223333:role/{role}"))
            .unwrap_or_else(|| panic!("no caller {role}"))
    };
    let matches = |role: &str| find(role)["static_matches"].clone();
    assert_eq!(
        matches("batch-etl"),
        serde_json::json!([{"client": "awscli 1.18.69", "locations": [format!("{REPO}/services/etl/Dockerfile:2")]}])
    );
    assert_eq!(
        matches("ci-deploy"),
        serde_json::json!([{"client": "boto3 1.26.0", "locations": [format!("{REPO}/requirements.txt:1")]}])
    );
    assert_eq!(
        matches("web-app"),
        serde_json::json!([{"client": "aws-sdk 2.1000.0", "locations": [format!("{REPO}/web/package.json:5")]}])
    );
    // CLI v2 is regional and pinned nowhere: no join. boto3 1.20.0 is pinned but nobody claims it.
    assert_eq!(matches("api"), serde_json::json!([]));
    let findings = doc["findings"].as_array().unwrap();
    let seen: Vec<(String, Value)> = findings
        .iter()
        .map(|f| {
            (
                format!("{}:{}", f["path"].as_str().unwrap(), f["line"]),
                f["seen_by"].clone(),
            )
        })
        .collect();
    let role = |r: &str| serde_json::json!([format!("arn:aws:iam::111122223333:role/{r}")]);
    assert_eq!(
        seen,
        [
            (format!("{REPO}/.aws/config:3"), Value::Null),
            (format!("{REPO}/deploy/export.sh:5"), Value::Null),
            (format!("{REPO}/requirements.txt:1"), role("ci-deploy")),
            (
                format!("{REPO}/services/etl/Dockerfile:2"),
                role("batch-etl")
            ),
            (
                format!("{REPO}/services/legacy/requirements.txt:1"),
                serde_json::json!([])
            ),
            (format!("{REPO}/web/package.json:5"), role("web-app")),
        ]
    );
}

#[test]
fn the_trend_has_every_day_of_the_period_and_the_headline_adds_up() {
    let doc = json();
    let days = doc["days"].as_array().unwrap();
    // Monday 2026-10-05 to Friday 2026-10-30: 26 days, weekends at zero.
    assert_eq!(days.len(), 26);
    assert_eq!(
        doc["period"],
        serde_json::json!({"first": "2026-10-05", "last": "2026-10-30"})
    );
    let weekend = days.iter().find(|d| d["date"] == "2026-10-10").unwrap();
    assert_eq!(
        weekend,
        &serde_json::json!({"date": "2026-10-10", "global": 0, "global_served_locally": 0, "regional": 0, "unknown": 0})
    );
    let sum = |k: &str| days.iter().map(|d| d[k].as_u64().unwrap()).sum::<u64>();
    let h = &doc["headline"];
    assert_eq!(sum("global"), h["global_calls"].as_u64().unwrap());
    assert_eq!(
        sum("global_served_locally"),
        h["global_served_locally_calls"].as_u64().unwrap()
    );
    assert_eq!(sum("regional"), h["regional_calls"].as_u64().unwrap());
    assert_eq!(
        (
            h["global_calls"].as_u64(),
            h["global_served_locally_calls"].as_u64(),
            h["regional_calls"].as_u64()
        ),
        (Some(40), Some(15), Some(30))
    );
    // batch-etl and web-app are still global on their last day; ci-deploy moved to regional.
    assert_eq!(h["callers_still_global"], 2);
    assert_eq!(h["callers_moved"], 1);
    assert_eq!(h["findings"], 6);
    assert_eq!(h["fixable"], 3);
    let codes: Vec<&str> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["STS002", "STS102"]);
}

#[test]
fn markdown_has_the_same_content() {
    let md = report("markdown", &[]);
    assert!(
        md.contains("awscli 1.18.69 — tests/fixtures/report/repo/services/etl/Dockerfile:2"),
        "{md}"
    );
    assert!(md.contains("| 2026-10-10 | 0 | 0 | 0 |"), "{md}");
    assert!(md.contains("not seen in the period"), "{md}");
    assert!(
        md.contains("2 still global, 1 moved to regional, 4 in all"),
        "{md}"
    );
    assert!(md.contains("hint"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("::")));
}

#[test]
fn secrets_never_appear_and_redact_hides_identities() {
    for format in ["html", "markdown", "json"] {
        let out = report(format, &[]);
        assert!(!out.contains(SECRET), "{format} shows the secret key");
        assert!(
            !out.contains(SESSION_TOKEN),
            "{format} shows a session token"
        );
        assert!(
            !out.contains("ASIAFIXTURERESPONSE1"),
            "{format} shows a response key id"
        );
        let redacted = report(format, &["--redact"]);
        assert!(
            !redacted.contains("111122223333"),
            "{format} --redact shows the account"
        );
        assert!(
            !redacted.contains("role/batch-etl"),
            "{format} --redact shows a role name"
        );
        assert!(
            !redacted.contains("198.51.100.7"),
            "{format} --redact shows an IP"
        );
        assert!(
            redacted.contains("awscli 1.18.69"),
            "{format} --redact lost the join"
        );
    }
}

#[test]
fn usage_errors_exit_2() {
    let out = stslint(&["report"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--repo"));
    let out = stslint(&["report", "--trail", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = stslint(&[
        "report",
        "--repo",
        REPO,
        "--trail",
        TRAIL,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
}

/// The parse errors an HTML5 parser (html5ever, through scraper) reports.
fn parse_errors(html: &str) -> Vec<String> {
    scraper::Html::parse_document(html)
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect()
}

/// Every `src`/`href` attribute of the page.
fn urls(doc: &scraper::Html) -> Vec<String> {
    let sel = scraper::Selector::parse("[src], [href]").unwrap();
    doc.select(&sel)
        .flat_map(|e| {
            ["src", "href"]
                .into_iter()
                .filter_map(|a| e.value().attr(a).map(str::to_owned))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_parser_reports_errors_it_finds() {
    let broken = "<!DOCTYPE html><html><head><title>x</title></head><body><p></div><table><td>x</table></body></html>";
    assert!(!parse_errors(broken).is_empty());
}

#[test]
fn the_page_is_valid_html_and_names_no_url_outside_itself() {
    let html = report("html", &[]);
    assert_eq!(parse_errors(&html), Vec::<String>::new());
    let doc = scraper::Html::parse_document(&html);
    let links = urls(&doc);
    assert!(!links.is_empty());
    for url in &links {
        assert!(url.starts_with('#'), "a link leaves the page: {url}");
    }
    let csp = scraper::Selector::parse("meta[http-equiv=Content-Security-Policy]").unwrap();
    let policy = doc
        .select(&csp)
        .next()
        .unwrap()
        .value()
        .attr("content")
        .unwrap();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    // Rule docs keep their lines.
    let pre = scraper::Selector::parse("#rule-STS102 pre.doc").unwrap();
    let doc_text: String = doc.select(&pre).next().unwrap().text().collect();
    assert!(doc_text.lines().count() > 10, "{doc_text}");
    assert!(doc_text.contains("## What it does"), "{doc_text}");
    assert!(!doc_text.contains("\\u{a}"), "{doc_text}");
    // Every rule link has its section in the page.
    for url in links.iter().filter(|u| u.starts_with("#rule-")) {
        let id = scraper::Selector::parse(url).unwrap();
        assert!(doc.select(&id).next().is_some(), "{url} points nowhere");
    }
}

fn caller(i: usize, caller: &str) -> CallerEntry {
    CallerEntry {
        caller: caller.to_owned(),
        account: Some("111122223333".to_owned()),
        endpoint: "global",
        global: 1000 - i as u64,
        global_served_locally: 3,
        regional: 7,
        unknown: 0,
        first_seen: Some("2026-09-01T00:00:00Z".to_owned()),
        last_seen: Some("2026-10-30T23:59:59Z".to_owned()),
        client: Some("boto3 1.26.0".to_owned()),
        code: Some("STS102"),
        help: Some("set `AWS_STS_REGIONAL_ENDPOINTS=regional` where it runs (or `sts_regional_endpoints = regional` in its profile), or upgrade to botocore >= 1.40.0".to_owned()),
        days: (1..=30)
            .map(|d| Day { date: format!("2026-10-{d:02}"), global: 3, global_served_locally: 1, regional: 2, unknown: 0 })
            .collect(),
        static_matches: vec![StaticMatch {
            client: "boto3 1.26.0".to_owned(),
            locations: vec![format!("services/svc-{i}/requirements.txt:3"), format!("services/svc-{i}/Dockerfile:7")],
        }],
    }
}

fn finding(i: usize, text: &str) -> FindingEntry {
    FindingEntry {
        code: "STS102",
        name: "legacy-default-client",
        severity: Severity::Warning,
        path: format!("services/svc-{}/requirements.txt", i / 10),
        line: i % 10 + 1,
        column: 6,
        message: format!(
            "boto3 `1.26.0` (pinned in requirements.txt:{}) defaults to `legacy` STS endpoints{text}",
            i % 10 + 1
        ),
        help:
            "set `AWS_STS_REGIONAL_ENDPOINTS=regional` where it runs, or upgrade to boto3 >= 1.40.0"
                .to_owned(),
        fix: None,
        client: Some("boto3 ==1.26.0".to_owned()),
        seen_by: Some(vec![format!(
            "arn:aws:iam::111122223333:role/svc-{}",
            i / 10
        )]),
    }
}

fn data(callers: usize, findings: usize, hostile: &str) -> Data {
    let rule = stslint::rules::find("STS102").unwrap();
    Data {
        version: 1,
        period: Some(report::Period {
            first: "2026-10-01".to_owned(),
            last: "2026-10-30".to_owned(),
        }),
        headline: Headline::default(),
        days: (1..=30)
            .map(|d| Day {
                date: format!("2026-10-{d:02}"),
                global: 300,
                global_served_locally: 100,
                regional: 200,
                unknown: 0,
            })
            .collect(),
        callers: (0..callers)
            .map(|i| {
                caller(
                    i,
                    &format!("arn:aws:iam::111122223333:role/svc-{i}{hostile}"),
                )
            })
            .collect(),
        findings: (0..findings).map(|i| finding(i, hostile)).collect(),
        rules: vec![report::RuleEntry {
            code: rule.code,
            name: rule.name,
            summary: rule.summary,
            doc: rule.doc,
        }],
        errors: vec![report::ErrorEntry {
            path: format!("logs/{hostile}.json"),
            message: hostile.to_owned(),
        }],
    }
}

#[test]
fn hostile_strings_stay_text() {
    let hostile = "</td></tr></table><script>alert(1)</script><img src=\"https://evil.example/x\"> \u{1b}[31m ::error::x \u{202e}";
    let html = report::html::render(&data(3, 5, hostile));
    assert_eq!(parse_errors(&html), Vec::<String>::new());
    let doc = scraper::Html::parse_document(&html);
    let scripts = scraper::Selector::parse("script, img").unwrap();
    assert_eq!(
        doc.select(&scripts).count(),
        1,
        "only the page's own script"
    );
    assert!(urls(&doc).iter().all(|u| u.starts_with('#')));
    assert!(!html.contains('\u{1b}') && !html.contains('\u{202e}'));
    let rows = scraper::Selector::parse("#callers-table tbody tr").unwrap();
    assert_eq!(doc.select(&rows).count(), 3);
    let md = report::markdown::render(&data(3, 5, hostile));
    assert!(!md.contains("<script>") && !md.contains('\u{1b}'));
    assert!(!md.lines().any(|l| l.starts_with("::")));
}

#[test]
fn the_page_for_1000_callers_and_10000_findings_is_under_5_mb() {
    let html = report::html::render(&data(1000, 10_000, ""));
    assert!(html.len() < 5 * 1024 * 1024, "{} bytes", html.len());
    let doc = scraper::Html::parse_document(&html);
    let rows = scraper::Selector::parse("#findings-table tbody tr").unwrap();
    assert_eq!(doc.select(&rows).count(), 10_000);
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/report/README.md")
            .exists()
    );
}
