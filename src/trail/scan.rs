//! trail, read stage: splits a JSON stream into its records without parsing them, so a record that cannot
//! be STS is skipped at memory speed and a `{"Records":[…]}` file of any size is read in bounded memory.
//!
//! Hand-written rather than serde_json's `StreamDeserializer`/visitors: those parse every byte of every
//! record (even into `IgnoredAny`) and cannot borrow from a reader, while this scanner only tracks string
//! and nesting state (memchr inside strings) and hands out each record's bytes for a prefilter; the
//! records that pass are then parsed by serde_json from those bytes, borrowed. It checks structure, not
//! full JSON grammar: a record it hands out is validated by that parse, and one it skips needs no more.

use std::io::{self, BufRead};

/// Keys of a top-level object whose array value holds the records: S3 trail files (`Records`),
/// `aws cloudtrail lookup-events` (`Events`), Logs Insights results (`results`), CloudTrail Lake query
/// results (`QueryResultRows`) and CloudWatch Logs subscription payloads (`logEvents`).
pub const CONTAINERS: &[&[u8]] = &[
    b"Records",
    b"Events",
    b"results",
    b"QueryResultRows",
    b"logEvents",
];

/// Indexes into [`CONTAINERS`], as [`Item::Element`] carries them.
pub const RECORDS: usize = 0;
pub const LOOKUP_EVENTS: usize = 1;
pub const INSIGHTS_RESULTS: usize = 2;
pub const LAKE_RESULTS: usize = 3;
pub const LOG_EVENTS: usize = 4;

/// What a top-level value turned out to be.
pub enum Item<'a> {
    /// An element of the array under a container key (its index in [`CONTAINERS`]).
    Element(usize, &'a [u8]),
    /// An element of a top-level array (`[ {event}, … ]`, `[ "<event json>", … ]`).
    ArrayElement(&'a [u8]),
    /// A whole top-level object that had no container key: a bare event, a digest, or something else.
    Object(&'a [u8]),
}

/// A scan error, with the byte offset in the (decompressed) stream.
#[derive(Debug)]
pub enum ScanError {
    Io(io::Error),
    Syntax { offset: u64, message: &'static str },
    TooLarge { offset: u64 },
}

impl From<io::Error> for ScanError {
    fn from(e: io::Error) -> Self {
        ScanError::Io(e)
    }
}

/// The largest record kept in memory: CloudTrail caps events at 256 KB, so this only stops runaway input.
pub const MAX_RECORD: usize = 32 * 1024 * 1024;

pub struct Scanner<R> {
    r: R,
    offset: u64,
    capturing: bool,
    buf: Vec<u8>,
}

/// Bytes that change nesting or start a string, outside strings.
const fn structural() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'{' as usize] = true;
    t[b'}' as usize] = true;
    t[b'[' as usize] = true;
    t[b']' as usize] = true;
    t
}
static STRUCTURAL: [bool; 256] = structural();

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl<R: BufRead> Scanner<R> {
    pub fn new(r: R) -> Self {
        Scanner {
            r,
            offset: 0,
            capturing: false,
            buf: Vec::new(),
        }
    }

    fn syntax(&self, message: &'static str) -> ScanError {
        ScanError::Syntax {
            offset: self.offset,
            message,
        }
    }

    /// Consumes `n` bytes of the current buffer, keeping them when capturing.
    fn bump(&mut self, n: usize) -> Result<(), ScanError> {
        if self.capturing {
            let chunk = self.r.fill_buf()?;
            self.buf.extend_from_slice(&chunk[..n]);
            if self.buf.len() > MAX_RECORD {
                return Err(ScanError::TooLarge {
                    offset: self.offset,
                });
            }
        }
        self.r.consume(n);
        self.offset += n as u64;
        Ok(())
    }

    /// The next byte that is not whitespace, not consumed; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, ScanError> {
        loop {
            let chunk = self.r.fill_buf()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            match chunk.iter().position(|&b| !is_ws(b)) {
                Some(i) => {
                    let b = chunk[i];
                    self.bump(i)?;
                    return Ok(Some(b));
                }
                None => {
                    let n = chunk.len();
                    self.bump(n)?;
                }
            }
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), ScanError> {
        match self.peek()? {
            Some(b) if b == byte => self.bump(1),
            _ => Err(self.syntax(message)),
        }
    }

    /// Skips a string (at its opening quote); with `key`, also keeps its raw content there.
    fn string(&mut self, mut key: Option<&mut Vec<u8>>) -> Result<(), ScanError> {
        self.bump(1)?;
        loop {
            let chunk = self.r.fill_buf()?;
            if chunk.is_empty() {
                return Err(self.syntax("unterminated string"));
            }
            match memchr::memchr2(b'"', b'\\', chunk) {
                None => {
                    let n = chunk.len();
                    if let Some(k) = key.as_deref_mut() {
                        k.extend_from_slice(chunk);
                    }
                    self.bump(n)?;
                }
                Some(i) => {
                    let quote = chunk[i] == b'"';
                    if let Some(k) = key.as_deref_mut() {
                        k.extend_from_slice(&chunk[..i]);
                    }
                    self.bump(i + 1)?;
                    if quote {
                        return Ok(());
                    }
                    // The escaped byte: never a closing quote.
                    if self.r.fill_buf()?.is_empty() {
                        return Err(self.syntax("unterminated string"));
                    }
                    self.bump(1)?;
                }
            }
        }
    }

    /// Skips one value of any kind.
    fn value(&mut self) -> Result<(), ScanError> {
        match self.peek()? {
            None => Err(self.syntax("unexpected end of input")),
            Some(b'"') => self.string(None),
            Some(b'{' | b'[') => self.nested(),
            Some(b'}' | b']' | b',' | b':') => Err(self.syntax("expected a value")),
            Some(_) => {
                // A number, `true`, `false` or `null`: up to the next delimiter.
                loop {
                    let chunk = self.r.fill_buf()?;
                    if chunk.is_empty() {
                        return Ok(());
                    }
                    match chunk
                        .iter()
                        .position(|&b| is_ws(b) || matches!(b, b',' | b'}' | b']' | b':'))
                    {
                        Some(i) => return self.bump(i),
                        None => {
                            let n = chunk.len();
                            self.bump(n)?;
                        }
                    }
                }
            }
        }
    }

    /// Skips an object or array (at its opening bracket), strings included.
    fn nested(&mut self) -> Result<(), ScanError> {
        let mut depth = 0usize;
        loop {
            let chunk = self.r.fill_buf()?;
            if chunk.is_empty() {
                return Err(self.syntax("unexpected end of input inside an object or array"));
            }
            let mut i = 0;
            let mut string_at = None;
            'bytes: while i < chunk.len() {
                let b = chunk[i];
                if STRUCTURAL[b as usize] {
                    match b {
                        b'"' => {
                            // Skip the string inside this chunk when it ends here (the common case);
                            // one that crosses the chunk's end is left to `string`.
                            let mut j = i + 1;
                            loop {
                                match memchr::memchr2(b'"', b'\\', &chunk[j.min(chunk.len())..]) {
                                    Some(k) if chunk[j + k] == b'"' => {
                                        i = j + k;
                                        break;
                                    }
                                    Some(k) if j + k + 2 < chunk.len() => j += k + 2,
                                    _ => {
                                        string_at = Some(i);
                                        break 'bytes;
                                    }
                                }
                            }
                        }
                        b'{' | b'[' => depth += 1,
                        _ => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                return self.bump(i + 1);
                            }
                        }
                    }
                }
                i += 1;
            }
            match string_at {
                Some(at) => {
                    self.bump(at)?;
                    self.string(None)?;
                }
                None => {
                    let n = chunk.len();
                    self.bump(n)?;
                }
            }
        }
    }

    /// Captures one value into `self.buf`.
    fn capture_value(&mut self) -> Result<(), ScanError> {
        self.peek()?;
        self.buf.clear();
        self.capturing = true;
        let result = self.value();
        self.capturing = false;
        result
    }

    /// Streams the elements of an array (at its `[`) to `each`.
    fn array(
        &mut self,
        each: &mut dyn FnMut(&[u8]) -> Result<(), ScanError>,
    ) -> Result<(), ScanError> {
        self.bump(1)?;
        if self.peek()? == Some(b']') {
            return self.bump(1);
        }
        loop {
            self.capture_value()?;
            // The capture buffer is reused for the next element.
            each(&self.buf)?;
            match self.peek()? {
                Some(b',') => self.bump(1)?,
                Some(b']') => return self.bump(1),
                _ => return Err(self.syntax("expected `,` or `]` in an array")),
            }
        }
    }

    /// Reads every top-level value of the stream (one document, NDJSON or concatenated JSON) and hands
    /// out its records.
    pub fn run(
        &mut self,
        sink: &mut dyn FnMut(Item<'_>) -> Result<(), ScanError>,
    ) -> Result<(), ScanError> {
        loop {
            match self.peek()? {
                None => return Ok(()),
                Some(b'[') => self.array(&mut |bytes| sink(Item::ArrayElement(bytes)))?,
                Some(b'{') => self.object(sink)?,
                Some(_) => return Err(self.syntax("expected a JSON object or array")),
            }
        }
    }

    /// One top-level object: captured whole unless a container key holds an array, which is streamed.
    fn object(
        &mut self,
        sink: &mut dyn FnMut(Item<'_>) -> Result<(), ScanError>,
    ) -> Result<(), ScanError> {
        self.buf.clear();
        self.capturing = true;
        self.bump(1)?;
        let mut streamed = false;
        let mut key = Vec::new();
        loop {
            match self.peek()? {
                Some(b'}') => {
                    self.bump(1)?;
                    break;
                }
                Some(b',') => self.bump(1)?,
                Some(b'"') => {
                    key.clear();
                    self.string(Some(&mut key))?;
                    self.expect(b':', "expected `:` after an object key")?;
                    let container = CONTAINERS.iter().position(|c| *c == key.as_slice());
                    match (container, self.peek()?) {
                        (Some(index), Some(b'[')) => {
                            self.capturing = false;
                            streamed = true;
                            self.array(&mut |bytes| sink(Item::Element(index, bytes)))?;
                        }
                        _ => self.value()?,
                    }
                }
                None => {
                    self.capturing = false;
                    return Err(self.syntax("unexpected end of input inside an object"));
                }
                Some(_) => {
                    self.capturing = false;
                    return Err(self.syntax("expected an object key"));
                }
            }
        }
        let whole = self.capturing;
        self.capturing = false;
        if whole && !streamed {
            sink(Item::Object(&self.buf))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &str, cap: usize) -> Result<Vec<String>, ScanError> {
        let reader = io::BufReader::with_capacity(cap, input.as_bytes());
        let mut out = Vec::new();
        Scanner::new(reader).run(&mut |item| {
            out.push(match item {
                Item::Element(i, b) => format!("{i}:{}", String::from_utf8_lossy(b)),
                Item::ArrayElement(b) => format!("a:{}", String::from_utf8_lossy(b)),
                Item::Object(b) => format!("o:{}", String::from_utf8_lossy(b)),
            });
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn records_are_streamed_at_every_buffer_size() {
        let input = r#"{"Records":[{"a":"x\"}]{","b":[1,{"c":null}]}, {"d":true}]}"#;
        for cap in [1, 2, 3, 7, 64, 8192] {
            assert_eq!(
                items(input, cap).unwrap(),
                vec![
                    r#"0:{"a":"x\"}]{","b":[1,{"c":null}]}"#.to_owned(),
                    r#"0:{"d":true}"#.to_owned()
                ],
                "capacity {cap}"
            );
        }
    }

    #[test]
    fn bare_objects_ndjson_and_arrays() {
        let input = "{\"eventSource\":\"s\"}\n{\"x\":{\"Records\":1}}\n[{\"e\":1},\"s\"]";
        assert_eq!(
            items(input, 5).unwrap(),
            vec![
                r#"o:{"eventSource":"s"}"#,
                r#"o:{"x":{"Records":1}}"#,
                r#"a:{"e":1}"#,
                r#"a:"s""#
            ]
        );
        // A container key whose value is not an array is an ordinary key.
        assert_eq!(
            items(r#"{"Records":null,"k":2}"#, 4).unwrap(),
            vec![r#"o:{"Records":null,"k":2}"#]
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512), cap in 1usize..64) {
            let reader = io::BufReader::with_capacity(cap, bytes.as_slice());
            let _ = Scanner::new(reader).run(&mut |_| Ok(()));
        }

        #[test]
        fn records_come_out_byte_for_byte(
            keys in proptest::collection::vec("[a-z\\\\\"{}\\[\\] ]{0,12}", 1..6),
            cap in 1usize..48,
        ) {
            let records: Vec<String> = keys
                .iter()
                .map(|k| serde_json::json!({ k.as_str(): [k, {"n": null}], "x": 1.5 }).to_string())
                .collect();
            let input = format!("{{\"Records\":[{}]}}", records.join(" ,\n"));
            let got = items(&input, cap).unwrap();
            let want: Vec<String> = records.iter().map(|r| format!("0:{r}")).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn broken_input_is_an_error_not_a_hang() {
        for bad in [
            "{\"Records\":[{\"a\":1}",
            "{\"a\" 1}",
            "not json",
            "{\"a\":\"unterminated",
            "{\"Records\":[{}}",
        ] {
            assert!(items(bad, 3).is_err(), "{bad}");
        }
    }
}
