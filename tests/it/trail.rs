//! End-to-end tests of `stslint trail` on the built binary: every input format gives the same report,
//! every endpoint class and caller type, duplicates, digests, broken input, secrets, exit codes.
//!
//! The events are `tests/fixtures/trail/events.json` (one of each kind, with planted session tokens and
//! access key ids); each test writes them in the format it needs.

use crate::support::{run_with_stdin, stderr, stdout, text};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/trail")
        .join(name)
}

fn events() -> Vec<Value> {
    serde_json::from_str(&fs::read_to_string(fixture("events.json")).unwrap()).unwrap()
}

fn trail(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stslint"))
        .arg("trail")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run stslint")
}

fn report(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let o = trail(dir, &all);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&o)))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(&p, bytes).unwrap();
    p
}

fn records_file(events: &[Value]) -> Vec<u8> {
    serde_json::to_vec(&json!({ "Records": events })).unwrap()
}

fn s3_name(region: &str, n: u32) -> String {
    format!(
        "AWSLogs/111122223333/CloudTrail/{region}/2026/10/02/111122223333_CloudTrail_{region}_20261002T09{n:02}Z_Ab3dEf6hIj9kLm0p.json.gz"
    )
}

/// A field of an event by dot path, as a string (absent or null: empty).
fn path<'a>(e: &'a Value, dotted: &str) -> &'a str {
    let mut v = e;
    for part in dotted.split('.') {
        v = match v.get(part) {
            Some(x) => x,
            None => return "",
        };
    }
    v.as_str().unwrap_or("")
}

/// The flat columns a Logs Insights `fields …` export would have, in a shuffled order.
const FLAT: &[(&str, &str)] = &[
    ("userAgent", "userAgent"),
    (
        "tlsDetails.clientProvidedHostHeader",
        "tlsDetails.clientProvidedHostHeader",
    ),
    ("eventName", "eventName"),
    (
        "userIdentity.sessionContext.sessionIssuer.arn",
        "userIdentity.sessionContext.sessionIssuer.arn",
    ),
    ("eventID", "eventID"),
    ("sourceIPAddress", "sourceIPAddress"),
    ("userIdentity.type", "userIdentity.type"),
    ("eventSource", "eventSource"),
    (
        "additionalEventData.RequestDetails.awsServingRegion",
        "additionalEventData.RequestDetails.awsServingRegion",
    ),
    ("userIdentity.arn", "userIdentity.arn"),
    ("recipientAccountId", "recipientAccountId"),
    ("userIdentity.accountId", "userIdentity.accountId"),
    ("eventTime", "eventTime"),
    ("userIdentity.principalId", "userIdentity.principalId"),
    ("userIdentity.invokedBy", "userIdentity.invokedBy"),
    ("requestParameters.roleArn", "requestParameters.roleArn"),
    ("vpcEndpointId", "vpcEndpointId"),
    (
        "additionalEventData.RequestDetails.endpointType",
        "additionalEventData.RequestDetails.endpointType",
    ),
];

fn csv_of(header: &[&str], rows: Vec<Vec<String>>) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(&r).unwrap();
    }
    w.into_inner().unwrap()
}

/// Every format the same events can come in: (file name, bytes).
fn formats(events: &[Value]) -> Vec<(String, Vec<u8>)> {
    let strings: Vec<String> = events.iter().map(|e| e.to_string()).collect();
    let ndjson = strings.join("\n") + "\n";
    let half = events.len() / 2;
    // Two gzip members in one object, as concatenated S3 objects are.
    let mut multi = gzip(&records_file(&events[..half]));
    multi.extend(gzip(&records_file(&events[half..])));
    let lookup = json!({
        "Events": events.iter().map(|e| json!({
            "EventId": e["eventID"], "EventName": e["eventName"], "ReadOnly": "true",
            "EventTime": "2026-10-02T02:15:02-07:00", "EventSource": e["eventSource"],
            "Resources": [], "CloudTrailEvent": e.to_string(),
        })).collect::<Vec<_>>(),
        "NextToken": "eyJwbGFudGVkIjoidG9rZW4ifQ==",
    });
    let pretty_concat: String = events
        .iter()
        .map(|e| serde_json::to_string_pretty(e).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let timestamped: String = events
        .iter()
        .map(|e| {
            format!(
                "{}.000Z {}\n",
                path(e, "eventTime").trim_end_matches('Z'),
                e
            )
        })
        .collect();
    let lake_csv = csv_of(
        &["eventjson"],
        strings.iter().map(|s| vec![s.clone()]).collect(),
    );
    let insights_csv = csv_of(
        &["@timestamp", "@message"],
        events
            .iter()
            .map(|e| vec![path(e, "eventTime").replace('T', " "), e.to_string()])
            .collect(),
    );
    let flat_csv = csv_of(
        &FLAT.iter().map(|(h, _)| *h).collect::<Vec<_>>(),
        events
            .iter()
            .map(|e| FLAT.iter().map(|(_, p)| path(e, p).to_owned()).collect())
            .collect(),
    );
    let insights_json = json!({
        "results": events.iter().map(|e| json!([
            {"field": "@timestamp", "value": path(e, "eventTime").replace('T', " ")},
            {"field": "@message", "value": e.to_string()},
            {"field": "@ptr", "value": "CmAKJwojMTExMTIyMjIzMzMzOi9hd3MvY2xvdWR0cmFpbBAA"},
        ])).collect::<Vec<_>>(),
        "statistics": {"recordsMatched": 13.0, "recordsScanned": 13.0, "bytesScanned": 1.0},
        "status": "Complete",
    });
    let lake_json = json!({
        "QueryStatus": "FINISHED",
        "QueryStatistics": {"ResultsCount": 13, "TotalResultsCount": 13},
        "QueryResultRows": events.iter().map(|e| json!([{"eventjson": e.to_string()}])).collect::<Vec<_>>(),
    });
    let strings_array = serde_json::to_vec(&strings).unwrap();
    vec![
        (s3_name("us-east-1", 5), gzip(&records_file(events))),
        ("trail-plain.json".into(), records_file(events)),
        ("concatenated-members.json.gz".into(), multi),
        (
            "lookup-events.json".into(),
            serde_json::to_vec(&lookup).unwrap(),
        ),
        ("cloudwatch.ndjson".into(), ndjson.clone().into_bytes()),
        ("cloudwatch.ndjson.gz".into(), gzip(ndjson.as_bytes())),
        ("pretty-events.json".into(), pretty_concat.into_bytes()),
        ("000000.gz".into(), gzip(timestamped.as_bytes())),
        ("result_1.csv.gz".into(), gzip(&lake_csv)),
        ("logs-insights-export.csv".into(), insights_csv),
        ("insights-fields-reordered.csv".into(), flat_csv),
        (
            "insights-results.json".into(),
            serde_json::to_vec(&insights_json).unwrap(),
        ),
        (
            "lake-results.json".into(),
            serde_json::to_vec(&lake_json).unwrap(),
        ),
        ("event-strings.json".into(), strings_array),
    ]
}

fn callers(report: &Value) -> Vec<(String, String, Option<String>)> {
    report["callers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let e = &c["endpoints"];
            let class = ["global", "global_served_locally", "regional", "unknown"]
                .iter()
                .find(|k| e[**k].as_u64().unwrap() > 0)
                .unwrap();
            (
                c["caller"].as_str().unwrap().to_owned(),
                (*class).to_owned(),
                c["code"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn every_endpoint_class_and_caller_type_from_s3_trail_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &s3_name("us-east-1", 5),
        &gzip(&records_file(&events())),
    );
    let r = report(dir.path(), &[]);
    let c = |s: &str| s.to_owned();
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        callers(&r),
        vec![
            (
                c("arn:aws:iam::111122223333:role/ci-deploy"),
                c("global"),
                some("STS102")
            ),
            (
                c("account:444455556666/AIDAEXAMPLEVENDOR001"),
                c("global"),
                some("STS102")
            ),
            (
                c("arn:aws:iam::111122223333:role/report-lambda"),
                c("global"),
                some("STS001")
            ),
            (
                c("arn:aws:iam::111122223333:role/terraform-plan"),
                c("global"),
                some("STS102")
            ),
            (
                c("arn:aws:iam::111122223333:user/legacy-batch"),
                c("global"),
                some("STS101")
            ),
            (
                c("arn:aws:iam::111122223333:role/Admin"),
                c("global_served_locally"),
                None
            ),
            (
                c("arn:aws:iam::111122223333:role/payments-api"),
                c("regional"),
                None
            ),
            (
                c("arn:aws:iam::111122223333:role/sso-engineers"),
                c("regional"),
                None
            ),
            (c("arn:aws:iam::111122223333:root"), c("regional"), None),
            (c("service:ec2.amazonaws.com"), c("unknown"), None),
        ]
    );
    assert_eq!(
        r["summary"],
        json!({"files": 1, "records": 13, "sts_records": 11, "duplicates": 0, "global": 6,
               "global_served_locally": 1, "regional": 3, "unknown": 1, "skipped_files": 0})
    );
    let ci = &r["callers"][0];
    assert_eq!(ci["identity_type"], "AssumedRole");
    assert_eq!(ci["account"], "111122223333");
    assert_eq!(
        ci["events"],
        json!({"AssumeRole": 1, "GetCallerIdentity": 1})
    );
    assert_eq!(ci["first_seen"], "2026-10-02T09:15:02Z");
    assert_eq!(ci["last_seen"], "2026-10-31T17:40:11Z");
    assert_eq!(ci["source_ips"], json!(["20.42.7.10", "20.42.7.11"]));
    assert_eq!(ci["source_ip_count"], 2);
    assert_eq!(ci["user_agents"][0]["client"], "boto3");
    assert_eq!(ci["user_agents"][0]["version"], "1.26.74");
    assert_eq!(ci["user_agents"][0]["count"], 2);
    let help = ci["help"].as_str().unwrap();
    assert!(
        help.contains("AWS_STS_REGIONAL_ENDPOINTS=regional") && help.contains(">= 1.40.0"),
        "{help}"
    );
    let lambda = &r["callers"][2];
    assert!(
        lambda["help"].as_str().unwrap().contains("explicitly"),
        "{lambda}"
    );
    let web = r["callers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["identity_type"] == "WebIdentityUser")
        .unwrap();
    assert_eq!(web["account"], "111122223333");
    assert_eq!(web["events"], json!({"AssumeRoleWithWebIdentity": 1}));
    let admin = &r["callers"][5];
    assert!(
        admin["help"]
            .as_str()
            .unwrap()
            .contains("defaults to regional"),
        "{admin}"
    );
}

#[test]
fn the_same_events_through_every_format_give_the_same_report() {
    let events = events();
    let baseline_dir = tempfile::tempdir().unwrap();
    let all = formats(&events);
    write(baseline_dir.path(), &all[0].0, &all[0].1);
    let baseline = report(baseline_dir.path(), &[]);
    assert_eq!(baseline["summary"]["sts_records"], 11);
    for (name, bytes) in &all {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, bytes);
        let r = report(dir.path(), &[]);
        assert_eq!(r["errors"], json!([]), "{name}");
        assert_eq!(r["callers"], baseline["callers"], "{name}");
        assert_eq!(r["summary"], baseline["summary"], "{name}");
    }
    // All of them at once: every STS record after the first copy is a duplicate.
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in &all {
        write(dir.path(), name, bytes);
    }
    let r = report(dir.path(), &[]);
    assert_eq!(r["callers"], baseline["callers"]);
    assert_eq!(r["summary"]["files"], all.len());
    assert_eq!(r["summary"]["duplicates"], 11 * (all.len() - 1));
    assert_eq!(r["summary"]["sts_records"], 11);
}

#[test]
fn standard_input_is_read_like_a_file() {
    let o = run_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_stslint")).args(["trail", "-", "--format", "json"]),
        &gzip(&records_file(&events())),
    );
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["summary"]["sts_records"], 11);
}

/// Groups the events the way `--emit-sql` does and writes the result with its columns in another order.
fn grouped_csv(events: &[Value]) -> Vec<u8> {
    let columns = [
        ("calls", ""),
        ("user_agent", "userAgent"),
        ("last_seen", ""),
        ("identity_type", "userIdentity.type"),
        ("user_arn", "userIdentity.arn"),
        (
            "issuer_arn",
            "userIdentity.sessionContext.sessionIssuer.arn",
        ),
        ("account_id", "userIdentity.accountId"),
        ("principal_id", "userIdentity.principalId"),
        ("invoked_by", "userIdentity.invokedBy"),
        ("role_arn", "requestParameters.roleArn"),
        ("recipient_account_id", "recipientAccountId"),
        ("event_name", "eventName"),
        ("source_ip", "sourceIPAddress"),
        ("host", "tlsDetails.clientProvidedHostHeader"),
        (
            "endpoint_type",
            "additionalEventData.RequestDetails.endpointType",
        ),
        (
            "serving_region",
            "additionalEventData.RequestDetails.awsServingRegion",
        ),
        ("vpc_endpoint_id", "vpcEndpointId"),
        ("first_seen", ""),
    ];
    let mut groups: std::collections::BTreeMap<Vec<String>, (u64, String, String)> =
        Default::default();
    for e in events
        .iter()
        .filter(|e| e["eventSource"] == "sts.amazonaws.com")
    {
        let key: Vec<String> = columns
            .iter()
            .filter(|(_, p)| !p.is_empty())
            .map(|(_, p)| path(e, p).to_owned())
            .collect();
        let t = path(e, "eventTime").to_owned();
        let g = groups.entry(key).or_insert((0, t.clone(), t.clone()));
        g.0 += 1;
        g.1 = g.1.clone().min(t.clone());
        g.2 = g.2.clone().max(t);
    }
    let rows = groups
        .into_iter()
        .map(|(key, (calls, first, last))| {
            let mut values = key.into_iter();
            columns
                .iter()
                .map(|(name, p)| match (*name, p.is_empty()) {
                    ("calls", _) => calls.to_string(),
                    ("first_seen", _) => first.clone(),
                    ("last_seen", _) => last.clone(),
                    _ => values.next().unwrap(),
                })
                .collect()
        })
        .collect();
    csv_of(&columns.map(|(n, _)| n), rows)
}

#[test]
fn the_emitted_query_result_read_back_gives_the_same_callers() {
    let events = events();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "trail.json", &records_file(&events));
    let from_events = report(dir.path(), &[]);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "athena-result.csv", &grouped_csv(&events));
    let from_query = report(dir.path(), &[]);
    assert_eq!(from_query["errors"], json!([]));
    assert_eq!(from_query["callers"], from_events["callers"]);
    assert_eq!(from_query["summary"]["sts_records"], 11);
    // The query's header is the one the grouped CSV uses, whatever the engine.
    for engine in ["athena", "insights", "lake"] {
        let o = trail(
            dir.path(),
            &[
                "--emit-sql",
                engine,
                "--since",
                "2026-10-01",
                "--until",
                "2026-10-31",
            ],
        );
        assert_eq!(o.status.code(), Some(0));
        let q = stdout(&o);
        for column in [
            "identity_type",
            "issuer_arn",
            "role_arn",
            "host",
            "endpoint_type",
            "serving_region",
            "calls",
            "first_seen",
        ] {
            assert!(
                q.contains(&format!(" as {column}")) || q.contains(&format!(" AS {column}")),
                "{engine}: {column}"
            );
        }
        assert!(!q.contains("responseelements") && !q.contains("responseElements"));
    }
}

#[test]
fn duplicates_across_files_digests_and_broken_input() {
    let events = events();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, &s3_name("us-east-1", 5), &gzip(&records_file(&events)));
    // The same delivery copied under another trail's prefix: every STS record is a duplicate.
    write(
        p,
        &format!("other-trail/{}", s3_name("us-east-1", 5)),
        &gzip(&records_file(&events)),
    );
    // Digest files: by path, and by shape under an ordinary name.
    let digest = json!({"awsAccountId": "111122223333", "digestStartTime": "2026-10-02T08:00:00Z",
        "digestEndTime": "2026-10-02T09:00:00Z", "digestS3Bucket": "trail-bucket",
        "logFiles": [], "previousDigestSignature": "abc"});
    write(
        p,
        "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/10/02/111122223333_CloudTrail-Digest_us-east-1_org_us-east-1_20261002T090000Z.json.gz",
        &gzip(digest.to_string().as_bytes()),
    );
    write(p, "copied-digest.json", digest.to_string().as_bytes());
    // An Insights event names STS only inside `insightDetails`: not an STS call.
    let insight = json!({"Records": [{"eventVersion": "1.07", "eventTime": "2026-10-02T09:00:00Z",
        "awsRegion": "us-east-1", "eventID": "7a0c3e4a-1f2d-4c5e-8a9b-0c1d2e3f4a99",
        "eventType": "AwsCloudTrailInsight", "recipientAccountId": "111122223333",
        "insightDetails": {"state": "Start", "eventSource": "sts.amazonaws.com", "eventName": "AssumeRole",
            "insightType": "ApiCallRateInsight"}, "eventCategory": "Insight"}]});
    write(p, "insight-copy.json", insight.to_string().as_bytes());
    // A truncated gzip, invalid JSON, and a file that is not CloudTrail data.
    let full = gzip(&records_file(&events));
    write(p, &s3_name("eu-west-1", 7), &full[..full.len() / 2]);
    write(
        p,
        "broken.json",
        br#"{"Records":[{"eventSource":"sts.amazonaws.com","eventName":"#,
    );
    write(
        p,
        "package.json",
        br#"{"name": "deploy-scripts", "version": "1.0.0"}"#,
    );
    // Not a name exports use: not read in a walk at all.
    write(p, "notes.txt", b"remember to rotate the keys\n");
    let r = report(p, &[]);
    // The second copy is all duplicates, and so is what the truncated file held before it broke.
    assert!(
        r["summary"]["duplicates"].as_u64().unwrap() > 11,
        "{}",
        r["summary"]
    );
    assert_eq!(r["summary"]["sts_records"], 11);
    let errors: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{}: {}",
                e["path"].as_str().unwrap(),
                e["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].starts_with("AWSLogs/111122223333/CloudTrail/eu-west-1/")
            && errors[0].contains("truncated gzip stream"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("broken.json: invalid JSON at byte"),
        "{errors:#?}"
    );
    assert!(
        errors[2].starts_with("package.json: not a CloudTrail export"),
        "{errors:#?}"
    );
    // Read: the two trail files, the Insights copy and the truncated one (up to where it breaks);
    // skipped: the two digests, the broken file and package.json.
    assert_eq!(r["summary"]["skipped_files"], 4, "{}", r["summary"]);
    assert_eq!(r["summary"]["files"], 4, "{}", r["summary"]);
    // The human format reports the same errors on standard error and still fails on the findings.
    let o = trail(p, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o)
            .lines()
            .filter(|l| l.starts_with("error: "))
            .count(),
        3,
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_large_file_of_other_services_is_streamed_and_finds_nothing() {
    // ~30 MB of JSON, no STS record: the run reads it all and reports none (performance is measured in
    // benches/trail.sh, not here).
    let template = json!({"eventVersion": "1.11", "userIdentity": {"type": "AssumedRole",
        "arn": "arn:aws:sts::111122223333:assumed-role/app/i-0abc"}, "eventTime": "2026-10-02T09:00:00Z",
        "eventSource": "s3.amazonaws.com", "eventName": "GetObject", "awsRegion": "us-east-1",
        "sourceIPAddress": "10.0.0.1", "userAgent": "aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17 Java/17 vendor/Amazon.com_Inc. io/sync http/Apache",
        "requestParameters": {"bucketName": "data", "key": "x".repeat(600)}, "responseElements": null,
        "eventID": "00000000-0000-0000-0000-000000000000", "eventType": "AwsApiCall", "recipientAccountId": "111122223333",
        "tlsDetails": {"clientProvidedHostHeader": "data.s3.us-east-1.amazonaws.com"}});
    let one = template.to_string();
    let n = 30_000_000 / one.len();
    let mut body = Vec::with_capacity(30_000_000 + 64);
    body.extend_from_slice(b"{\"Records\":[");
    for i in 0..n {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(one.as_bytes());
    }
    body.extend_from_slice(b"]}");
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &s3_name("us-east-1", 1), &gzip(&body));
    let o = trail(dir.path(), &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["summary"]["records"], n);
    assert_eq!(r["summary"]["sts_records"], 0);
    assert_eq!(r["callers"], json!([]));
}

const PLANTED: &[&str] = &[
    "PLANTEDSESSIONTOKEN",
    "ASIAPLANTEDRESPONSE01",
    "ASIAPLANTEDIDENTITY1",
    "AKIAPLANTEDUSERKEY01",
    "ASIAPLANTEDROOTKEY01",
    "AROAPLANTEDASSUMED01",
    "planted-session",
    "PLANTED-EXTERNAL-ID",
    "_planted-assertion-id",
    "eyJwbGFudGVkIjoidG9rZW4ifQ",
];

#[test]
fn tokens_and_access_key_ids_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in formats(&events()) {
        write(dir.path(), &name, &bytes);
    }
    for format in ["human", "json", "csv", "markdown"] {
        for extra in [&[][..], &["--redact"][..]] {
            let mut args = vec!["--format", format];
            args.extend_from_slice(extra);
            let o = trail(dir.path(), &args);
            let all = format!("{}{}", stdout(&o), stderr(&o));
            assert!(
                all.contains("ci-deploy") || extra.contains(&"--redact"),
                "{format}: {all}"
            );
            for secret in PLANTED {
                assert!(!all.contains(secret), "{format} {extra:?} printed {secret}");
            }
        }
    }
}

#[test]
fn redaction_hides_accounts_ips_and_names_stably() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "t.json", &records_file(&events()));
    let a = trail(dir.path(), &["--format", "json", "--redact"]);
    let b = trail(dir.path(), &["--format", "json", "--redact"]);
    assert_eq!(a.stdout, b.stdout);
    let text = stdout(&a);
    for secret in [
        "111122223333",
        "444455556666",
        "20.42.7.10",
        "ci-deploy",
        "legacy-batch",
        "AIDAEXAMPLEVENDOR001",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    assert!(text.contains("arn:aws:iam::acct-"), "{text}");
    assert!(text.contains("service:ec2.amazonaws.com"));
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let events = events();
    let dir = tempfile::tempdir().unwrap();
    // Many small files in the S3 layout, each event in several, to race the workers.
    for i in 0..120u32 {
        let region = ["us-east-1", "eu-west-1", "eu-north-1"][i as usize % 3];
        let start = i as usize % events.len();
        let slice: Vec<Value> = events.iter().cycle().skip(start).take(5).cloned().collect();
        write(
            dir.path(),
            &format!("{}-{i}", s3_name(region, i % 60)),
            &gzip(&records_file(&slice)),
        );
    }
    let one = trail(dir.path(), &["--format", "json", "--threads", "1"]);
    for format in ["json", "human", "csv", "markdown"] {
        let a = trail(dir.path(), &["--format", format]);
        let b = trail(dir.path(), &["--format", format, "--threads", "4"]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
    assert_eq!(one.stdout, trail(dir.path(), &["--format", "json"]).stdout);
}

#[test]
fn exit_codes_and_fail_on() {
    let events = events();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "all.json", &records_file(&events));
    let locally: Vec<Value> = events
        .iter()
        .filter(|e| e["eventID"].as_str().unwrap().ends_with("04"))
        .cloned()
        .collect();
    write(
        dir.path(),
        "local/only-served-locally.json",
        &records_file(&locally),
    );
    let regional: Vec<Value> = events
        .iter()
        .filter(|e| e["eventID"].as_str().unwrap().ends_with("06"))
        .cloned()
        .collect();
    write(
        dir.path(),
        "regional/only-regional.json",
        &records_file(&regional),
    );
    assert_eq!(trail(dir.path(), &["all.json"]).status.code(), Some(1));
    assert_eq!(
        trail(dir.path(), &["all.json", "--exit-zero"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(trail(dir.path(), &["local"]).status.code(), Some(1));
    assert_eq!(
        trail(dir.path(), &["local", "--fail-on", "global"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        trail(dir.path(), &["all.json", "--fail-on", "global"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(trail(dir.path(), &["regional"]).status.code(), Some(0));
    let o = trail(dir.path(), &["does-not-exist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does-not-exist: no such file or directory"));
    assert_eq!(
        trail(dir.path(), &["--format", "xml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        trail(dir.path(), &["--since", "last tuesday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        trail(dir.path(), &["--emit-sql", "bigquery"]).status.code(),
        Some(2)
    );
}

#[test]
fn filters_by_time_account_and_caller() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "all.json", &records_file(&events()));
    let names = |args: &[&str]| -> Vec<String> {
        callers(&report(dir.path(), args))
            .into_iter()
            .map(|c| c.0)
            .collect()
    };
    assert_eq!(
        names(&["--since", "2026-10-09", "--until", "2026-10-10"]),
        vec![
            "account:444455556666/AIDAEXAMPLEVENDOR001",
            "service:ec2.amazonaws.com"
        ]
    );
    // RFC 3339 with an offset: 2026-10-31T19:00:00+02:00 is 17:00Z, before the 17:40Z call.
    let r = report(
        dir.path(),
        &[
            "--caller",
            "*:role/ci-*",
            "--until",
            "2026-10-31T19:00:00+02:00",
        ],
    );
    assert_eq!(callers(&r).len(), 1);
    assert_eq!(r["callers"][0]["endpoints"]["global"], 1);
    assert_eq!(
        names(&["--account", "444455556666"]),
        vec!["account:444455556666/AIDAEXAMPLEVENDOR001"]
    );
    // The recipient account matches too: every record here was delivered to 111122223333.
    assert_eq!(names(&["--account", "111122223333"]).len(), 10);
}

/// Fields of a hostile record: every output family must show them as inert text.
const HOSTILE_UA: &str = "Boto3/1.26.74 \u{1b}[2J\u{1b}]0;pwned\u{7}\n  ::error::injected ##[stop-commands]tok \u{9b}31m\u{202e}\u{200b} Botocore/1.29.74";
const HOSTILE_ARN: &str = "arn:aws:iam::111122223333:role/ci\r\n\u{3000}::warning file=x::spoofed ##vso[task.setvariable]x `tick`|";
const HOSTILE_IP: &str = " ::add-mask::192.0.2.1\u{2066}";

/// What no output line may hold: raw terminal controls, bidi or invisible characters, or a CI log
/// command (a `::` at the start after whitespace, as the runner trims; `##[`/`##vso[` anywhere).
fn assert_inert(what: &str, out: &str) {
    for c in [
        '\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}', '\u{2066}', '\u{200b}',
    ] {
        assert!(!out.contains(c), "{what}: raw {c:?} in {out:?}");
    }
    for line in out.lines() {
        assert!(!line.trim_start().starts_with("::"), "{what}: {line:?}");
        assert!(
            !line.to_lowercase().contains("##vso[") && !line.contains("##["),
            "{what}: {line:?}"
        );
    }
}

fn hostile_log(dir: &Path) {
    let mut e = events()[0].clone();
    e["userAgent"] = json!(HOSTILE_UA);
    e["userIdentity"]["sessionContext"]["sessionIssuer"]["arn"] = json!(HOSTILE_ARN);
    e["userIdentity"]["arn"] = json!(format!("{HOSTILE_ARN}/session"));
    e["sourceIPAddress"] = json!(HOSTILE_IP);
    write(
        dir,
        "logs/t##[group]x\n::error::f.json",
        &records_file(&[e]),
    );
}

#[test]
fn strings_from_logs_cannot_escape_the_terminal_or_issue_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    hostile_log(dir.path());
    for format in ["human", "csv", "markdown", "json"] {
        for extra in [&[][..], &["--redact"][..]] {
            let mut args = vec!["--format", format, "logs"];
            args.extend_from_slice(extra);
            let o = trail(dir.path(), &args);
            let out = stdout(&o);
            assert!(
                out.contains("AssumedRole") || out.contains("STS call"),
                "{format}: {out}\n{}",
                stderr(&o)
            );
            assert_inert(&format!("trail {format} {extra:?}"), &text(&o));
            if extra.is_empty() && matches!(format, "csv" | "json") {
                // The fields are shown, escaped, not dropped.
                assert!(
                    out.contains("pwned") && out.contains("injected"),
                    "{format}: {out}"
                );
            }
        }
    }
    // JSON escapes on the way out, but the data is unchanged for a reader.
    let r = report(dir.path(), &["logs"]);
    assert_eq!(r["callers"][0]["user_agents"][0]["user_agent"], HOSTILE_UA);
    assert_eq!(r["callers"][0]["source_ips"][0], HOSTILE_IP.trim_start());
    // `stslint report` shows the same strings through the same sanitizer in each of its formats.
    for format in ["html", "markdown", "json"] {
        let o = Command::new(env!("CARGO_BIN_EXE_stslint"))
            .args(["report", "--trail", "logs", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(stdout(&o).contains("spoofed"), "{format}");
        assert_inert(&format!("report {format}"), &text(&o));
    }
}

#[test]
fn help_prints_the_command_doc() {
    let dir = tempfile::tempdir().unwrap();
    let o = trail(dir.path(), &["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for needle in [
        "global-served-locally",
        "--emit-sql",
        "EXIT CODES",
        "WORKFLOW",
        "--redact",
    ] {
        assert!(text.contains(needle), "{needle}");
    }
}

/// The user agents of `tests/fixtures/trail/user-agents.tsv`, each on a global call, judged end to end.
#[test]
fn user_agents_of_every_client_at_each_threshold() {
    let table = fs::read_to_string(fixture("user-agents.tsv")).unwrap();
    let mut events = Vec::new();
    let mut expected = Vec::new();
    for (i, line) in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .enumerate()
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{line}");
        events.push(json!({"eventVersion": "1.11", "eventSource": "sts.amazonaws.com",
            "eventName": "GetCallerIdentity", "eventTime": "2026-10-02T09:00:00Z",
            "eventID": format!("ua-{i}"), "userAgent": cols[0],
            "userIdentity": {"type": "IAMUser", "arn": format!("arn:aws:iam::111122223333:user/u{i:03}"), "accountId": "111122223333"},
            "tlsDetails": {"clientProvidedHostHeader": "sts.amazonaws.com"}}));
        expected.push((
            cols[0].to_owned(),
            cols[1].to_owned(),
            cols[2].to_owned(),
            cols[3].to_owned(),
        ));
    }
    assert!(expected.len() >= 40, "{}", expected.len());
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ua.json", &records_file(&events));
    let r = report(dir.path(), &[]);
    let mut got: Vec<(String, String, String, String)> = r["callers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let a = &c["user_agents"][0];
            let s = |v: &Value| v.as_str().unwrap_or("-").to_owned();
            (
                s(&a["user_agent"]),
                s(&a["client"]),
                s(&a["version"]),
                s(&a["code"]),
            )
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

/// The public sample records of `../shared/data/cloudtrail-samples` (CI has them), read where they are.
#[test]
fn shared_public_samples_when_present() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/cloudtrail-samples");
    if !samples.is_dir() {
        eprintln!("skipped: {} is absent", samples.display());
        return;
    }
    let r = report(&samples, &["."]);
    let by = |name: &str| {
        r["callers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["caller"] == name)
            .unwrap_or_else(|| panic!("{name} in {r}"))
            .clone()
    };
    // AWS's documented example of a global call served in eu-north-1 (host sts-global.eu-north-1).
    assert_eq!(
        by("arn:aws:iam::777788889999:role/Admin")["endpoints"]["global_served_locally"],
        1
    );
    assert_eq!(
        by("arn:aws:iam::777788889999:role/Admin")["endpoints"]["regional"],
        1
    );
    // The vendor's cross-account Java v1 call and the Go v1 role chain, on sts.amazonaws.com.
    assert_eq!(
        by("account:282028653949/AIDAJGRKFTMVORFLD2F4K")["code"],
        "STS102"
    );
    assert_eq!(
        by("arn:aws:iam::607481580000:role/whodunnit-e2e-Initial")["code"],
        "STS102"
    );
    assert_eq!(
        by("arn:aws:iam::444455556666:role/FederatedWebIdentityRole")["endpoints"]["regional"],
        1
    );
    assert_eq!(
        by("arn:aws:iam::444455556666:role/SAMLTestRoleShibboleth")["user_agents"][0]["client"],
        "aws-internal"
    );
    assert_eq!(r["summary"]["global"], 4);
    let text = r.to_string();
    assert!(
        !text.contains("FwoGZXIvYXdzEND"),
        "a sample's session token was printed"
    );
}
