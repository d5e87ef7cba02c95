//! Render stage, every format: the one output sanitizer. Every string that came from a file, a file
//! name or a log (`check`, `doctor`, `trail`, `report`) passes one of these functions before it is
//! written; the policy lives here once, and each output family gets the variant it needs. CI logs are
//! often public and terminals obey escape sequences, so such a string must never be able to:
//! - send a control character to a terminal: ESC starts CSI and OSC sequences (colours, window title,
//!   screen clear, hyperlinks), CR overwrites a line, C1 `U+009B` is a CSI on some terminals; even with
//!   colour off;
//! - issue a CI log command. The GitHub Actions runner executes a line that starts with `::` *after
//!   leading whitespace is trimmed* (`ActionCommand.TryParseV2` calls `TrimStart()`), and falls back to
//!   the legacy form `##[command]` found *anywhere* in a line (`ActionCommand.TryParse` uses
//!   `IndexOf("##[")`; both in actions/runner `src/Runner.Common/ActionCommand.cs`, tried in that order
//!   by `src/Runner.Worker/ActionCommandManager.cs`). Azure Pipelines reads `##vso[` anywhere in a line
//!   the same way. So a `:` that would start a line's `::` is written `\x3a`, and the second `#` of
//!   `##[` or `##vso[` is written `\x23`, in every non-JSON format; in JSON every line starts with
//!   structure, and [`JsonWriter`] writes the `[` of `##[` as `\u005b`;
//! - reorder or hide what a reader sees: bidirectional overrides and isolates (`U+202A`–`U+202E`,
//!   `U+2066`–`U+2069`, "Trojan Source"), the invisible marks and separators that make two strings look
//!   alike (`U+200B` zero width space, `U+200E`/`U+200F`/`U+061C` direction marks, `U+2060`–`U+2064`,
//!   `U+FEFF` inside text, `U+2028`/`U+2029`). Zero width (non-)joiners `U+200C`/`U+200D` stay: Indic
//!   and Persian text and emoji need them, and they cannot reorder or split a line;
//! - break out of a Markdown code span (`$GITHUB_STEP_SUMMARY`), a table cell or an XML attribute.
//!
//! | family              | function                         | what it does                                |
//! |---------------------|----------------------------------|---------------------------------------------|
//! | terminal, one line  | [`terminal`], [`path`]           | unsafe characters, CR and LF escaped as `\x1b`, `\r`, `\n`, `\u{202e}`; CI commands defused; a path starting with `:` gets `./` |
//! | terminal, a block   | [`block`], [`frame`]             | the same, line breaks kept, each line guarded |
//! | Markdown            | [`markdown_text`], [`markdown_code`] | table-safe text with inline markup escaped; a code span fenced longer than any backtick run |
//! | XML                 | [`xml`]                          | markup escaped, LF/CR and `#` of `##[` as character references, other controls visible |
//! | JSON                | [`JsonWriter`]                   | what serde leaves raw (DEL, C1, bidi and invisible characters, `##[`) as `\u` escapes |
//!
//! HTML escaping of `stslint report`'s page is the HTML writer's own step, after [`terminal`].
//! Escapes are visible text, never removal: a reader can see that the file held an ESC byte. The
//! functions take `&str`; [`path`] takes a [`Path`] and shows it `/`-separated.
//!
//! Hand-written: the crates that strip ANSI sequences (`strip-ansi-escapes`, `console`) remove them
//! instead of showing them and know nothing of CI log commands or Markdown fences.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

/// Whether a character may not reach an output as it is.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{061c}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
        )
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

/// Whether `rest` (text from a `#` on) is a CI log command prefix: `##[` (GitHub's legacy form) or
/// `##vso[` (Azure Pipelines), case-insensitively.
fn is_log_command(b: &[u8]) -> bool {
    b.starts_with(b"##[") || (b.len() >= 6 && b[..6].eq_ignore_ascii_case(b"##vso["))
}

/// How line breaks are treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Breaks {
    /// Escaped: the text is one line.
    Escape,
    /// Kept (LF and CRLF), a lone CR escaped; every line guarded against a leading `::`.
    Keep,
    /// A code frame: CRLF and CR become LF; lines are drawn behind a gutter, so `::` stays.
    Frame,
}

/// The one pass every text variant shares. With `shifts`, records where the output grew or shrank
/// (`(original offset after the change, total shift from there on)`) so spans can be moved.
fn walk(s: &str, breaks: Breaks, mut shifts: Option<&mut Vec<(usize, isize)>>) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut shift: isize = 0;
    let mut line_start = true;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let before = out.len();
        let mut consumed = c.len_utf8();
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\n' if breaks != Breaks::Escape => {
                out.push('\n');
                line_start = true;
            }
            '\r' if breaks == Breaks::Keep && next == Some('\n') => out.push('\r'),
            '\r' if breaks == Breaks::Frame && next == Some('\n') => {}
            '\r' if breaks == Breaks::Frame => {
                out.push('\n');
                line_start = true;
            }
            ':' if line_start && breaks != Breaks::Frame && next == Some(':') => {
                out.push_str("\\x3a");
                line_start = false;
            }
            '#' if is_log_command(&s.as_bytes()[i..]) => {
                chars.next();
                consumed += 1;
                out.push_str("#\\x23");
                line_start = false;
            }
            c if is_unsafe(c) => {
                escape_char(c, &mut out);
                line_start = false;
            }
            c => {
                out.push(c);
                // The runner trims leading whitespace (.NET `char.IsWhiteSpace`, the same set).
                line_start &= c.is_whitespace();
            }
        }
        if let Some(shifts) = shifts.as_deref_mut() {
            let grew = (out.len() - before) as isize - consumed as isize;
            if grew != 0 {
                shift += grew;
                shifts.push((i + consumed, shift));
            }
        }
    }
    out
}

/// Whether [`walk`] would change `s`: the fast path of every variant.
fn is_plain(s: &str, breaks: Breaks) -> bool {
    // Most of what is shown is one line of printable ASCII: there, only a `::` after nothing but
    // spaces and a `##` that starts a log command are not plain.
    let bytes = s.as_bytes();
    if bytes.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        let leading = bytes.iter().take_while(|&&b| b == b' ').count();
        return !(bytes[leading..].starts_with(b"::") && breaks != Breaks::Frame)
            // A `#` search, not a `##` one: building a substring searcher for each string shown
            // cost more than the search.
            && memchr::memchr_iter(b'#', bytes).all(|i| !is_log_command(&bytes[i..]));
    }
    let mut line_start = true;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let fine = match c {
            '\n' => breaks != Breaks::Escape,
            '\r' => breaks == Breaks::Keep && next == Some('\n'),
            ':' => !(line_start && breaks != Breaks::Frame && next == Some(':')),
            '#' => !is_log_command(&s.as_bytes()[i..]),
            c => !is_unsafe(c),
        };
        if !fine {
            return false;
        }
        line_start = if c == '\n' {
            true
        } else {
            line_start && c.is_whitespace()
        };
    }
    true
}

/// One-line terminal and plain text (messages, labels, reasons, names, log fields, table cells):
/// every unsafe character is escaped visibly, line breaks included, so the text cannot start a line
/// of its own; a leading `::` (after whitespace) and `##[` anywhere are defused, so the text is safe
/// wherever on a line it lands.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if is_plain(s, Breaks::Escape) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(walk(s, Breaks::Escape, None))
    }
}

/// A path as text output shows it: `/`-separated, escaped as in [`terminal`] (a newline in a file
/// name is `\n`), and `./` in front of a path that starts with `:`.
pub fn path(p: &Path) -> String {
    path_str(&crate::source::shown_path(p))
}

/// [`path`] for a path already in display form.
pub fn path_str(shown: &str) -> String {
    if shown.starts_with(':') {
        terminal(&format!("./{shown}")).into_owned()
    } else {
        terminal(shown).into_owned()
    }
}

/// Multi-line terminal text (a diff, a table): LF and CRLF line breaks are kept, every other unsafe
/// character is escaped (a lone CR as `\r`), and no line can start a CI log command.
pub fn block(s: &str) -> Cow<'_, str> {
    if is_plain(s, Breaks::Keep) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(walk(s, Breaks::Keep, None))
    }
}

/// A code frame's source text with its byte offsets remapped: unsafe characters escaped and `##[`
/// defused as in [`block`] (each line is shown behind a gutter, so a leading `::` is harmless and
/// kept), CRLF and CR become LF. Spans into the original text are moved with [`Frame::offset`].
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
    let mut shifts = Vec::new();
    let text = walk(s, Breaks::Frame, Some(&mut shifts));
    Frame { text, shifts }
}

/// Text in a Markdown table cell or list item: escaped as in [`terminal`] (so no line break), then
/// every character that would change the table or start inline markup or HTML (`` \ ` * _ [ ] < > # ~
/// & | ``) backslash-escaped, as CommonMark allows for any ASCII punctuation.
pub fn markdown_text(s: &str) -> String {
    let s = terminal(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
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
    let mut skip = false;
    for (i, c) in s.char_indices() {
        if std::mem::take(&mut skip) {
            continue;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{fffe}' | '\u{ffff}' => {}
            // `&#35;` is `#` to an XML reader, but no longer `##[` to a CI log.
            '#' if is_log_command(&s.as_bytes()[i..]) => {
                out.push_str("#&#35;");
                skip = true;
            }
            c if is_unsafe(c) => escape_char(c, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// A writer for JSON documents: serde_json escapes C0 controls, quotes and backslashes, but writes
/// DEL, C1 controls, bidirectional and invisible characters raw, and a CI log reads `##[`/`##vso[`
/// anywhere in a line; this rewrites each character as a `\uXXXX` escape (the `[` of `##[` as
/// `\u005b`) on the way out. The data is unchanged (a JSON reader sees the same string) and the bytes
/// are safe to print. Such characters and `#` only ever occur inside JSON strings, so the rewrite is
/// always valid.
pub struct JsonWriter<W: Write> {
    inner: W,
    /// The first bytes of a UTF-8 sequence or of a `##[` split across two writes.
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

/// Whether `tail` (from a `#` to the end of the data) could still become a log command prefix.
fn could_be_log_command(tail: &[u8]) -> bool {
    tail.len() < 6
        && (b"##[".starts_with(tail) || b"##vso[".starts_with(&tail.to_ascii_lowercase()[..]))
}

impl<W: Write> Write for JsonWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Fast path: nothing that could start an unsafe character (DEL, C1 `C2 80..9F`, ALM `D8 9C`,
        // the `E2 80`/`E2 81` marks and controls, BOM `EF BB BF`) or a log command.
        if self.pending.is_empty()
            && !buf
                .iter()
                .any(|&b| matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2 | 0xEF | b'#'))
        {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        let mut out = Vec::with_capacity(data.len() + 16);
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if b == b'#' {
                let rest = &data[i..];
                if is_log_command(rest) {
                    // `##[` or `##vso[`: everything up to the `[` as it is, then the `[` escaped.
                    let open = rest.iter().position(|&b| b == b'[').unwrap_or(0);
                    out.extend_from_slice(&rest[..open]);
                    out.extend_from_slice(b"\\u005b");
                    i += open + 1;
                    continue;
                }
                if could_be_log_command(rest) {
                    self.pending = rest.to_vec();
                    break;
                }
            }
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
    fn the_fast_path_says_plain_only_where_the_walk_changes_nothing() {
        let samples = [
            "plain",
            "a: b",
            "::warning::x",
            "  ::x",
            "a ::x",
            "#x",
            "## x",
            "a ##[group]b",
            "##vso[task]",
            "x:y::z",
            "",
            " ",
            "\tx",
            "caf\u{e9}",
            "a\nb",
            "\u{202e}",
        ];
        for s in samples {
            for breaks in [Breaks::Escape, Breaks::Keep, Breaks::Frame] {
                if is_plain(s, breaks) {
                    assert_eq!(walk(s, breaks, None), s, "{s:?}");
                }
            }
        }
        assert!(is_plain("a: b", Breaks::Escape));
        assert!(!is_plain("  ::x", Breaks::Escape));
        assert!(is_plain("  ::x", Breaks::Frame));
    }

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
            "x\n\\x3a:stop-commands::y\\r::e\r\n\\x3a:f"
        );
        // The runner trims leading whitespace (Unicode spaces too) before it looks for `::`.
        assert_eq!(block("a\n \u{3000}\t::e::x"), "a\n \u{3000}\t\\x3a:e::x");
        assert_eq!(terminal(" ::warning::x"), " \\x3a:warning::x");
        assert_eq!(terminal("x ::y"), "x ::y");
        assert_eq!(path(Path::new(" ::e::x")), " \\x3a:e::x");
    }

    #[test]
    fn legacy_and_azure_log_commands_are_defused_anywhere_in_a_line() {
        assert_eq!(
            terminal("ua ##[stop-commands]tok ##VSO[task.setvariable]x ###[y"),
            "ua #\\x23[stop-commands]tok #\\x23VSO[task.setvariable]x ##\\x23[y"
        );
        assert_eq!(block("a\n##[error]b"), "a\n#\\x23[error]b");
        assert!(matches!(terminal("# heading ## [x]"), Cow::Borrowed(_)));
        let f = frame("k=##[add-mask]v\nz");
        assert_eq!(f.text, "k=#\\x23[add-mask]v\nz");
        assert_eq!(&f.text[f.offset(5)..f.offset(13)], "add-mask");
        assert_eq!(xml("##[x]"), "#&#35;[x]");
    }

    #[test]
    fn invisible_and_direction_characters_are_shown() {
        assert_eq!(
            terminal("sts\u{200b}.amazonaws.com\u{200e}\u{feff}\u{2066}"),
            "sts\\u{200b}.amazonaws.com\\u{200e}\\u{feff}\\u{2066}"
        );
        // Joiners stay: emoji and Indic/Persian text need them.
        assert!(matches!(
            terminal("\u{1f469}\u{200d}\u{1f4bb} \u{645}\u{200c}"),
            Cow::Borrowed(_)
        ));
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
        assert_eq!(
            markdown_text("<img> | x\ny *b* [l](u) `c`"),
            "\\<img\\> \\| x\\\\ny \\*b\\* \\[l\\](u) \\`c\\`"
        );
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

    #[test]
    fn json_writer_defuses_log_commands_across_writes() {
        let text = "x ##[stop-commands]t ##vSo[y] ## [z] #";
        let bytes = serde_json::to_vec(&serde_json::json!({ "m": text })).unwrap();
        for cut in 0..bytes.len() {
            let mut out = Vec::new();
            {
                let mut w = JsonWriter::new(&mut out);
                w.write_all(&bytes[..cut]).unwrap();
                w.write_all(&bytes[cut..]).unwrap();
            }
            let s = String::from_utf8(out).unwrap();
            assert!(
                !s.contains("##[") && !s.to_lowercase().contains("##vso["),
                "{cut}: {s}"
            );
            let back: serde_json::Value = serde_json::from_str(&s).unwrap();
            assert_eq!(back["m"], text);
        }
    }
}
