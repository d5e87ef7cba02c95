//! trail, discover and read stages: which files to read, and for one file, its format recognised by
//! content (gzip or plain; `{"Records":[…]}`, lookup-events, NDJSON or concatenated events, CloudWatch
//! Logs exports, query results as JSON or CSV), streamed record by record into observations.
//!
//! S3 layout and digest names: CloudTrail User Guide, "Finding your CloudTrail log files"
//! (`AWSLogs/[o-…/]<account>/CloudTrail/<region>/YYYY/MM/DD/`, digests under `CloudTrail-Digest/` named
//! `…_CloudTrail-Digest_…`, Insights under `CloudTrail-Insight/`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::LazyLock;

use flate2::bufread::MultiGzDecoder;
use memchr::memmem::Finder;

use super::record::{self, Filter, Observation};
use super::rows::{self, Col};
use super::scan::{self, Item, ScanError, Scanner};

/// Read buffer: large enough that most CloudTrail files decompress in a few reads.
const BUFFER: usize = 256 * 1024;

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Read as CloudTrail data (possibly with an error part-way, kept in `error`).
    Read,
    /// A digest or Insights file: skipped by path or by shape, not an error.
    Skipped,
    /// Not CloudTrail data, or unreadable: skipped, with the reason in `error`.
    Rejected,
}

#[derive(Debug)]
pub struct FileOutcome {
    pub index: usize,
    pub path: String,
    pub status: Status,
    pub records: u64,
    pub observations: Vec<Observation>,
    pub error: Option<String>,
}

impl FileOutcome {
    pub fn skipped(index: usize, path: String) -> Self {
        FileOutcome {
            index,
            path,
            status: Status::Skipped,
            records: 0,
            observations: Vec::new(),
            error: None,
        }
    }
}

/// Why a path is skipped without reading it: digests, Insights, and files that are never records.
pub fn skip_by_path(path: &Path) -> bool {
    let s = path.to_string_lossy();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.components().any(|c| {
        matches!(
            c.as_os_str().to_str(),
            Some("CloudTrail-Digest" | "CloudTrail-Insight")
        )
    }) || s.contains("_CloudTrail-Digest_")
        || s.contains("_CloudTrail-Insight_")
        || name.ends_with(".csv.metadata")
        || name == "result_sign.json"
}

/// Whether a directory walk reads this file: names that exports and deliveries use (`.json.gz`,
/// `.csv`, CloudWatch's `000000.gz`…). A file named on the command line is always read.
pub fn wanted_in_walk(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".json", ".jsonl", ".ndjson", ".csv", ".log"]
        .iter()
        .any(|ext| name.ends_with(ext))
        || path.extension().is_some_and(|e| e == "gz")
}

static STS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(record::STS_SOURCE));
static EVENT_SOURCE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\"eventSource\""));
static DIGEST: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\"digestStartTime\""));

/// Per-file counters and results while reading.
struct State<'f> {
    filter: &'f Filter,
    records: u64,
    recognised: u64,
    digests: u64,
    others: u64,
    bad: u64,
    first_bad: Option<String>,
    observations: Vec<Observation>,
}

#[derive(serde::Deserialize)]
struct Lookup<'a> {
    #[serde(rename = "CloudTrailEvent", borrow, default)]
    event: Option<Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
struct LogEvent<'a> {
    #[serde(borrow, default)]
    message: Option<Cow<'a, str>>,
}

#[derive(serde::Deserialize)]
struct InsightsCell {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Option<serde_json::Value>,
}

fn text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    }
}

impl State<'_> {
    fn bad(&mut self, e: &dyn std::fmt::Display) {
        self.bad += 1;
        if self.first_bad.is_none() {
            self.first_bad = Some(e.to_string());
        }
    }

    /// One event's bytes: prefiltered, then parsed only when it can be STS.
    fn event(&mut self, bytes: &[u8]) {
        self.records += 1;
        self.recognised += 1;
        if STS.find(bytes).is_none() {
            return;
        }
        // An event is STS by its own `eventSource` (an Insights event names one only inside
        // `insightDetails`); only query rows, which the query filtered, may omit it.
        let sts = |f: &record::Fields<'_>| {
            f.event_source
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(record::STS_SOURCE))
        };
        match record::with_event(bytes, |f| {
            if sts(f) {
                record::observe(f, self.filter)
            } else {
                None
            }
        }) {
            Ok(Some(o)) => self.observations.push(o),
            Ok(None) => {}
            Err(e) => self.bad(&e),
        }
    }

    /// A top-level object or array element of unknown kind.
    fn object(&mut self, bytes: &[u8]) {
        if EVENT_SOURCE.find(bytes).is_some() {
            self.event(bytes);
        } else if DIGEST.find(bytes).is_some() {
            self.digests += 1;
        } else {
            self.others += 1;
        }
    }

    /// An event carried as a JSON string (lookup-events, log events, arrays of strings).
    fn embedded(&mut self, json: Option<&str>) {
        match json {
            Some(s) if s.trim_start().starts_with('{') => self.event(s.as_bytes()),
            _ => self.others += 1,
        }
    }

    fn row(&mut self, cells: &[(Col, &str)]) {
        let filter = self.filter;
        match rows::with_row(cells, |f| {
            let known = f.event_name.is_some() || f.identity_type.is_some();
            (known, f.calls.unwrap_or(1), record::observe(f, filter))
        }) {
            Err(json) => self.embedded(Some(json)),
            Ok((false, _, _)) => self.others += 1,
            Ok((true, calls, o)) => {
                self.records += calls;
                self.recognised += 1;
                if let Some(o) = o {
                    self.observations.push(o);
                }
            }
        }
    }

    fn named_row(&mut self, pairs: &[(String, String)]) {
        let cells: Vec<(Col, &str)> = pairs
            .iter()
            .filter_map(|(k, v)| rows::column(k).map(|c| (c, v.as_str())))
            .collect();
        if rows::is_trail_table(&cells.iter().map(|(c, _)| Some(*c)).collect::<Vec<_>>()) {
            self.row(&cells);
        } else {
            self.others += 1;
        }
    }

    fn item(&mut self, item: Item<'_>) {
        match item {
            Item::Element(scan::RECORDS, bytes) => self.event(bytes),
            Item::Element(scan::LOOKUP_EVENTS, bytes) => {
                match serde_json::from_slice::<Lookup<'_>>(bytes) {
                    Ok(l) => self.embedded(l.event.as_deref()),
                    Err(e) => self.bad(&e),
                }
            }
            Item::Element(scan::INSIGHTS_RESULTS, bytes) => {
                match serde_json::from_slice::<Vec<InsightsCell>>(bytes) {
                    Ok(cells) => {
                        let pairs: Vec<(String, String)> = cells
                            .into_iter()
                            .filter_map(|c| Some((c.field, text(c.value.as_ref()?)?)))
                            .collect();
                        self.named_row(&pairs);
                    }
                    Err(e) => self.bad(&e),
                }
            }
            Item::Element(scan::LAKE_RESULTS, bytes) => {
                match serde_json::from_slice::<Vec<HashMap<String, serde_json::Value>>>(bytes) {
                    Ok(cells) => {
                        let mut pairs: Vec<(String, String)> = cells
                            .into_iter()
                            .flatten()
                            .filter_map(|(k, v)| Some((k, text(&v)?)))
                            .collect();
                        pairs.sort();
                        self.named_row(&pairs);
                    }
                    Err(e) => self.bad(&e),
                }
            }
            Item::Element(scan::LOG_EVENTS, bytes) => {
                match serde_json::from_slice::<LogEvent<'_>>(bytes) {
                    Ok(l) => self.embedded(l.message.as_deref()),
                    Err(e) => self.bad(&e),
                }
            }
            Item::Element(_, _) => self.others += 1,
            Item::ArrayElement(bytes) if bytes.first() == Some(&b'"') => {
                match serde_json::from_slice::<Cow<'_, str>>(bytes) {
                    Ok(s) => self.embedded(Some(&s)),
                    Err(e) => self.bad(&e),
                }
            }
            Item::ArrayElement(bytes) | Item::Object(bytes) => self.object(bytes),
        }
    }
}

/// How the decompressed stream looks from its first bytes.
enum Shape {
    Json,
    /// Lines of `<timestamp> <event JSON>` (CloudWatch Logs export to S3).
    TimestampedLines,
    Csv,
}

fn shape(head: &[u8]) -> Shape {
    let start = head
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    let Some(start) = start else {
        return Shape::Json;
    };
    match head[start] {
        b'{' | b'[' => Shape::Json,
        b'0'..=b'9' => {
            let line = &head[start..];
            let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
            match memchr::memchr(b'{', line) {
                Some(i) if line[..i].ends_with(b" ") && !line[..i].contains(&b',') => {
                    Shape::TimestampedLines
                }
                _ => Shape::Csv,
            }
        }
        _ => Shape::Csv,
    }
}

fn scan_error(e: ScanError, gzip: bool) -> String {
    match e {
        ScanError::Io(e) => io_error(&e, gzip),
        ScanError::Syntax { offset, message } => {
            format!("invalid JSON at byte {offset}: {message}")
        }
        ScanError::TooLarge { offset } => format!(
            "a record at byte {offset} is larger than {} MB",
            scan::MAX_RECORD >> 20
        ),
    }
}

fn io_error(e: &io::Error, gzip: bool) -> String {
    if gzip && e.kind() == io::ErrorKind::UnexpectedEof {
        "truncated gzip stream".to_owned()
    } else if gzip {
        format!("corrupt gzip stream: {e}")
    } else {
        format!("read error: {e}")
    }
}

/// Reads one decompressed stream into `state`; returns the error that stopped it, if any.
fn read_stream(mut r: impl BufRead, state: &mut State<'_>, gzip: bool) -> Option<String> {
    let head = match r.fill_buf() {
        Ok(h) => h,
        Err(e) => return Some(io_error(&e, gzip)),
    };
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let shape = shape(if bom { &head[3..] } else { head });
    if bom {
        r.consume(3);
    }
    match shape {
        Shape::Json => Scanner::new(r)
            .run(&mut |item| {
                state.item(item);
                Ok(())
            })
            .err()
            .map(|e| scan_error(e, gzip)),
        Shape::TimestampedLines => {
            let mut line = Vec::new();
            loop {
                line.clear();
                let limit = scan::MAX_RECORD as u64 + 1;
                match (&mut r).take(limit).read_until(b'\n', &mut line) {
                    Ok(0) => return None,
                    Ok(n) if n as u64 >= limit => {
                        return Some(format!(
                            "a line is longer than {} MB",
                            scan::MAX_RECORD >> 20
                        ));
                    }
                    Ok(_) => match memchr::memchr(b'{', &line) {
                        Some(i) => state.object(line[i..].trim_ascii_end()),
                        None => state.others += u64::from(!line.trim_ascii().is_empty()),
                    },
                    Err(e) => return Some(io_error(&e, gzip)),
                }
            }
        }
        Shape::Csv => read_csv(r, state, gzip),
    }
}

fn read_csv(r: impl Read, state: &mut State<'_>, gzip: bool) -> Option<String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(r);
    let csv_error = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => io_error(&e, gzip),
        other => format!("invalid CSV: {other:?}"),
    };
    let columns: Vec<Option<Col>> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|name| rows::column(&String::from_utf8_lossy(name)))
            .collect(),
        Err(e) => return Some(csv_error(e)),
    };
    if !rows::is_trail_table(&columns) {
        state.others += 1;
        return None;
    }
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => return None,
            Ok(true) => {
                let cells: Vec<(Col, Cow<'_, str>)> = record
                    .iter()
                    .zip(&columns)
                    .filter_map(|(v, c)| Some(((*c)?, String::from_utf8_lossy(v))))
                    .collect();
                let cells: Vec<(Col, &str)> = cells.iter().map(|(c, v)| (*c, v.as_ref())).collect();
                state.row(&cells);
            }
            Err(e) => return Some(csv_error(e)),
        }
    }
}

/// Reads one input (a path, or standard input when `path` is `None`) into its outcome.
pub fn read(index: usize, path: Option<&Path>, display: String, filter: &Filter) -> FileOutcome {
    let mut outcome = FileOutcome {
        index,
        path: display,
        status: Status::Rejected,
        records: 0,
        observations: Vec::new(),
        error: None,
    };
    let input: Box<dyn Read> = match path {
        None => Box::new(io::stdin()),
        Some(p) => match std::fs::File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                outcome.error = Some(format!("cannot read: {e}"));
                return outcome;
            }
        },
    };
    let mut raw = BufReader::with_capacity(BUFFER, input);
    let gzip = match raw.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            outcome.error = Some(format!("cannot read: {e}"));
            return outcome;
        }
    };
    let mut state = State {
        filter,
        records: 0,
        recognised: 0,
        digests: 0,
        others: 0,
        bad: 0,
        first_bad: None,
        observations: Vec::new(),
    };
    let stopped = if gzip {
        read_stream(
            BufReader::with_capacity(BUFFER, MultiGzDecoder::new(raw)),
            &mut state,
            true,
        )
    } else {
        read_stream(raw, &mut state, false)
    };
    outcome.records = state.records;
    outcome.observations = state.observations;
    outcome.status = if state.recognised > 0 {
        Status::Read
    } else if state.digests > 0 && stopped.is_none() {
        Status::Skipped
    } else {
        Status::Rejected
    };
    let mut messages = Vec::new();
    if let Some(stop) = stopped {
        messages.push(if state.recognised > 0 {
            format!("{stop} (the {} records before it were read)", state.records)
        } else {
            stop
        });
    } else if outcome.status == Status::Rejected {
        messages.push(
            "not a CloudTrail export (no CloudTrail records, query results or digest found)"
                .to_owned(),
        );
    }
    if state.bad > 0 {
        messages.push(format!(
            "{} records could not be parsed (first: {})",
            state.bad,
            state.first_bad.unwrap_or_default()
        ));
    }
    outcome.error = (!messages.is_empty()).then(|| messages.join("; "));
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn digest_and_insight_paths_are_skipped() {
        for p in [
            "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/10/02/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261002T000000Z.json.gz",
            "x/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20261002T000000Z.json.gz",
            "AWSLogs/o-abc/111122223333/CloudTrail-Insight/us-east-1/2026/10/02/f.json.gz",
            "q/abc.csv.metadata",
        ] {
            assert!(skip_by_path(&PathBuf::from(p)), "{p}");
        }
        assert!(!skip_by_path(&PathBuf::from(
            "AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/02/111122223333_CloudTrail_us-east-1_20261002T0000Z_abc.json.gz"
        )));
    }

    #[test]
    fn shapes_by_first_bytes() {
        assert!(matches!(shape(b"  {\"Records\""), Shape::Json));
        assert!(matches!(
            shape(b"2026-10-02T00:00:00.000Z {\"eventVersion\":1}\n"),
            Shape::TimestampedLines
        ));
        assert!(matches!(shape(b"eventid,eventname\n"), Shape::Csv));
        assert!(matches!(shape(b"2026,x,{a}\n"), Shape::Csv));
    }
}
