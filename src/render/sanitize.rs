//! The output sanitizer: every string that came from a file or a file name passes one of these
//! functions, one per output family, before it is written. CI logs are often public and terminals
//! obey escape sequences, so file content must never be able to:
//! - send a control character to a terminal (ESC and OSC sequences set the window title or clear the
//!   screen, CR overwrites a line, C1 `U+009B` is a CSI on some terminals), even with colour off;
//! - start an output line with `::`, which GitHub Actions executes as a workflow command
//!   (`::add-mask::`, `::stop-commands::`, `::error::`) in every non-JSON format;
//! - break out of a Markdown code span (`$GITHUB_STEP_SUMMARY`) or an XML attribute;
//! - reorder what a reader sees with bidirectional overrides (`U+202E`, "Trojan Source").
//!
//! | family              | function                         | what it does                                |
//! |---------------------|----------------------------------|---------------------------------------------|
//! | terminal, plain     | [`terminal`], [`path`]           | controls, CR and LF escaped as `\x1b`, `\r`, `\n`; a leading `::` of a path gets `./` |
//! | terminal, a block   | [`block`], [`frame`]             | the same, line breaks kept, each line guarded |
//! | Markdown            | [`markdown_text`], [`markdown_code`] | table-safe text; a code span fenced longer than any backtick run |
//! | XML                 | [`xml`]                          | markup escaped, LF/CR as character references, other controls visible |
//! | JSON                | [`JsonWriter`]                   | what serde leaves raw (DEL, C1, bidi controls) as `\u` escapes |
//!
//! Escapes are visible text, never removal: a reader can see that the file held an ESC byte. The
//! functions take `&str`; [`path`] takes a [`Path`] and shows it `/`-separated.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// Whether a character may not reach an output as it is.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// The visible form of an unsafe character.
fn escape_char(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// One-line terminal and plain text (messages, labels, reasons, names): every control character but
/// tab is escaped visibly, line breaks included, so the text cannot start a line of its own.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            escape_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as text output shows it: `/`-separated, controls escaped as in [`terminal`] (a newline in a
/// file name is `\n`), and `./` in front of a path that would put `::` at the start of a line.
pub fn path(p: &Path) -> String {
    path_str(&crate::source::display_path(p))
}

/// [`path`] for a path already in display form.
pub fn path_str(shown: &str) -> String {
    let s = terminal(shown);
    if s.starts_with("::") || s.starts_with(':') {
        format!("./{s}")
    } else {
        s.into_owned()
    }
}

/// Multi-line terminal text (a diff, a table row): LF and CRLF line breaks are kept, every other
/// control is escaped (a lone CR as `\r`), and a line that would start with `::` starts with a space
/// instead.
pub fn block(s: &str) -> Cow<'_, str> {
    let guarded = |s: &str| s.split('\n').any(|l| l.starts_with("::"));
    let plain = s
        .char_indices()
        .all(|(i, c)| !is_unsafe(c) || c == '\n' || (c == '\r' && s[i + 1..].starts_with('\n')));
    if plain && !guarded(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut line_start = true;
    while let Some(c) = chars.next() {
        if line_start && c == ':' && chars.peek() == Some(&':') {
            out.push(' ');
        }
        line_start = false;
        match c {
            '\n' => {
                out.push('\n');
                line_start = true;
            }
            // CRLF stays (a diff of a CRLF file must still apply); a lone CR would overwrite the line.
            '\r' if chars.peek() == Some(&'\n') => out.push('\r'),
            c if is_unsafe(c) => escape_char(c, &mut out),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A code frame's source text with its byte offsets remapped: controls are escaped as in [`block`]
/// (each line is shown behind a gutter, so a leading `::` is harmless and kept), CRLF and CR become
/// LF. Spans into the original text are moved with [`Frame::offset`].
pub struct Frame {
    pub text: String,
    /// `(original offset after a changed character, total shift from there on)`, in order.
    shifts: Vec<(usize, isize)>,
}

impl Frame {
    /// Where an offset of the original text lies in [`Frame::text`].
    pub fn offset(&self, original: usize) -> usize {
        let i = self.shifts.partition_point(|&(at, _)| at <= original);
        let shift = if i == 0 { 0 } else { self.shifts[i - 1].1 };
        (original as isize + shift).max(0) as usize
    }
}

pub fn frame(s: &str) -> Frame {
    let mut text = String::with_capacity(s.len());
    let mut shifts = Vec::new();
    let mut shift: isize = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let before = text.len();
        match c {
            '\n' => text.push('\n'),
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
            '\r' => text.push('\n'),
            c if is_unsafe(c) => escape_char(c, &mut text),
            c => text.push(c),
        }
        let grew = (text.len() - before) as isize - c.len_utf8() as isize;
        if grew != 0 {
            shift += grew;
            shifts.push((i + c.len_utf8(), shift));
        }
    }
    Frame { text, shifts }
}

/// Text in a Markdown table cell: controls escaped, line breaks as spaces, `|` escaped, and HTML
/// markup characters as entities so file content cannot open a tag.
pub fn markdown_text(s: &str) -> String {
    let s = terminal(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown code span that no content can leave: fenced with one backtick more than the longest
/// run inside, padded with a space when the content starts or ends with a backtick, controls escaped
/// and `|` escaped for a table cell.
pub fn markdown_code(s: &str) -> String {
    let s = terminal(s).replace('|', "\\|");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// XML text and attribute values: `& < > " '` escaped, LF and CR as character references (so no
/// line of the document starts with file content), tab kept, every other control shown visibly as in
/// [`terminal`] (XML 1.0 cannot hold most of them at all), and the non-characters U+FFFE/U+FFFF
/// dropped.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{fffe}' | '\u{ffff}' => {}
            c if is_unsafe(c) => escape_char(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// A writer for JSON documents: serde_json escapes C0 controls, quotes and backslashes, but writes
/// DEL, C1 controls and bidirectional overrides raw; this rewrites each as a `\uXXXX` escape on the
/// way out. The data is unchanged (a JSON reader sees the same string) and the bytes are safe to
/// print. Such characters only ever occur inside JSON strings, so the rewrite is always valid.
pub struct JsonWriter<W: Write> {
    inner: W,
    /// The first bytes of a UTF-8 sequence split across two writes.
    pending: Vec<u8>,
}

impl<W: Write> JsonWriter<W> {
    pub fn new(inner: W) -> Self {
        JsonWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

impl<W: Write> Write for JsonWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Fast path: nothing that could start an unsafe character (DEL, C1 `C2 80..9F`, the
        // bidirectional controls and separators `E2 80 A8..AE`, `E2 81 A6..A9`).
        if self.pending.is_empty() && !buf.iter().any(|&b| matches!(b, 0x7F | 0xC2 | 0xE2)) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        let mut out = Vec::with_capacity(data.len() + 16);
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if b < 0x80 {
                if b == 0x7F {
                    out.extend_from_slice(b"\\u007f");
                } else {
                    out.push(b);
                }
                i += 1;
                continue;
            }
            let n = utf8_len(b);
            if i + n > data.len() {
                self.pending = data[i..].to_vec();
                break;
            }
            let seq = &data[i..i + n];
            match std::str::from_utf8(seq).ok().and_then(|s| s.chars().next()) {
                Some(c) if is_unsafe(c) => {
                    out.extend_from_slice(format!("\\u{:04x}", c as u32).as_bytes());
                }
                _ => out.extend_from_slice(seq),
            }
            i += n;
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.inner.write_all(&rest)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for JsonWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_every_control_but_tab() {
        assert_eq!(
            terminal("a\x1b]0;t\x07b\rc\nd\te\u{7f}\u{9b}\u{202e}"),
            "a\\x1b]0;t\\x07b\\rc\\nd\te\\x7f\\u{9b}\\u{202e}"
        );
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn no_line_starts_with_a_workflow_command() {
        assert_eq!(path(Path::new("::add-mask::x")), "./::add-mask::x");
        assert_eq!(path(Path::new("a\n::error::b")), "a\\n::error::b");
        assert_eq!(
            block("x\n::stop-commands::y\r::e\r\n::f"),
            "x\n ::stop-commands::y\\r::e\r\n ::f"
        );
    }

    #[test]
    fn frames_remap_offsets() {
        let f = frame("a\x1bb\r\nc");
        assert_eq!(f.text, "a\\x1bb\nc");
        assert_eq!(f.offset(0), 0);
        assert_eq!(f.offset(1), 1);
        assert_eq!(f.offset(2), 5);
        assert_eq!(f.offset(5), 7);
        assert_eq!(&f.text[f.offset(5)..], "c");
    }

    #[test]
    fn markdown_code_spans_cannot_be_left() {
        assert_eq!(markdown_code("a`b``c"), "```a`b``c```");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_text("<img> | x\ny"), "&lt;img&gt; \\| x\\ny");
    }

    #[test]
    fn xml_keeps_every_line_its_own() {
        assert_eq!(
            xml("a<b>&\"'\u{1}\n::x"),
            "a&lt;b&gt;&amp;&quot;&apos;\\x01&#10;::x"
        );
    }

    #[test]
    fn json_writer_escapes_what_serde_leaves_raw() {
        let mut out = Vec::new();
        {
            let mut w = JsonWriter::new(&mut out);
            let doc = serde_json::json!({ "m": "a\u{7f}b\u{9b}c\u{1b}é" });
            let bytes = serde_json::to_vec(&doc).unwrap();
            // Split inside the two-byte C1 sequence.
            let cut = bytes.iter().position(|&b| b == 0xC2).unwrap() + 1;
            w.write_all(&bytes[..cut]).unwrap();
            w.write_all(&bytes[cut..]).unwrap();
        }
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, r#"{"m":"a\u007fb\u009bc\u001bé"}"#);
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["m"], "a\u{7f}b\u{9b}c\u{1b}é");
    }
}
