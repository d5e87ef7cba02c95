//! Read stage: a file's bytes become a `SourceFile` with a line index and its masked view, or a clear
//! reason why not.
//!
//! The masked view is the one copy of a file's text that output may show: secrets are found once,
//! the first time anything asks for the view or the secrets ([`crate::secrets::scan`]), and
//! [`SourceFile::masked`] has each of their bytes replaced by `*` (line terminators kept, so offsets
//! and lines are the same as the text's).
//! Code frames, diffs, messages that quote a value, suppression reasons, baselines and the doctor are
//! all made from it; the raw [`SourceFile::text`] is for extractors and the fix engine only.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::classify::FileKind;

/// The default size limit (`--max-file-size`, `max-file-size`): a larger file is skipped with a notice
/// in every format, and fails the run unless `--allow-skipped`. No hand-written file that steers STS
/// traffic is this big, and the extractors of most kinds build a syntax tree that costs a multiple of
/// the file's size (YAML, TOML, HCL, XML, the code lexer's tokens), so a limit keeps memory bounded on
/// hostile or generated input.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Lockfiles whose extractor reads in one linear pass without a syntax tree get this many times the
/// limit (256 MiB by default): monorepos have 20–50 MB lockfiles, and reading one costs the file's
/// bytes plus its line index, nothing that grows faster.
pub const LOCKFILE_FACTOR: u64 = 16;

/// The size limit for a file of `kind` under the limit `max` ([`MAX_FILE_BYTES`] by default).
///
/// The raised limit is for the kinds whose extractor is linear in time and memory: the line-based
/// lockfiles (`yarn.lock`, `pnpm-lock.yaml`, `Gemfile.lock`, Gradle locks), the JSON lockfiles read
/// as a stream (`package-lock.json`, `composer.lock`, `Pipfile.lock`), and `poetry.lock`/`uv.lock`,
/// read by lines above `max`. `.terraform.lock.hcl` is parsed as an HCL tree (a multiple of the
/// file's size in memory), so it keeps `max`; so does every kind that is not a lockfile.
pub fn size_limit(kind: FileKind, max: u64) -> u64 {
    match kind {
        FileKind::PackageLock
        | FileKind::YarnLock
        | FileKind::PnpmLock
        | FileKind::GemfileLock
        | FileKind::GradleLock
        | FileKind::ComposerLock
        | FileKind::PythonLock => max.saturating_mul(LOCKFILE_FACTOR),
        _ => max,
    }
}

/// A size as people write it (`16M`, `512K`, `1G`, `2000`; binary units, as ripgrep's
/// `--max-filesize`), in bytes.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let n: u64 = digits.parse().ok()?;
    let shift = match unit
        .trim()
        .to_ascii_uppercase()
        .trim_end_matches(['B', 'I'])
    {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return None,
    };
    n.checked_mul(1 << shift)
}

/// A size in the largest binary unit that divides it exactly (`16 MiB`), else in bytes.
pub fn format_size(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// A half-open byte range into [`SourceFile::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// Shifts a span found in a slice that starts at `offset` of the whole text.
    pub fn offset(self, offset: usize) -> Self {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// How the bytes on disk map to [`SourceFile::text`]; fixes are only written back when this is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, byte for byte (a leading BOM is kept aside in `bom`).
    Utf8,
    /// Invalid UTF-8 sequences were replaced: offsets no longer match the file, so no fix is written.
    Lossy,
    /// UTF-16 with a byte-order mark, decoded to UTF-8.
    Utf16,
}

/// One file (or stdin) ready for extraction.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown to the user: relative to the working directory where possible.
    pub path: PathBuf,
    pub kind: FileKind,
    /// The text without a UTF-8 BOM.
    pub text: String,
    pub bom: bool,
    pub encoding: Encoding,
    line_starts: Vec<usize>,
    /// Byte offsets of every [`CHARS_PER_CHECKPOINT`]th character; empty for ASCII text, where a
    /// character column is a byte column. Positions convert in constant time either way, so a parser
    /// that reports thousands of positions on one long line (minified YAML) stays linear.
    char_checkpoints: Vec<usize>,
    /// The secrets and the masked view, found the first time anything asks: most files read have
    /// nothing to show, and then their secrets need not be looked for (on a tree of real code that
    /// search was a third of the run).
    masking: OnceLock<Masking>,
    /// Secret ranges the extractors found with their knowledge of the syntax.
    extra_secrets: Vec<Span>,
}

#[derive(Debug, Clone)]
struct Masking {
    /// Secret byte ranges: sorted, disjoint, on character boundaries.
    secrets: Vec<Span>,
    /// The text with every secret masked; `None` when there is none (the view is the text itself).
    masked: Option<String>,
}

impl Masking {
    fn of(text: &str, secrets: Vec<Span>) -> Self {
        let secrets = crate::secrets::normalize(text, secrets);
        let masked = (!secrets.is_empty()).then(|| crate::secrets::redact(text, &secrets));
        Masking { secrets, masked }
    }
}

/// Spacing of the character index of non-ASCII text: at most this many characters are counted per
/// conversion.
const CHARS_PER_CHECKPOINT: usize = 256;

/// Why a file was not linted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Binary,
    /// Over the size limit in force for the file; `allowed` when `--allow-skipped` accepts it (the
    /// notice is shown either way, only the exit code differs).
    TooLarge {
        size: u64,
        limit: u64,
        allowed: bool,
    },
    /// Linted, but its fixes were not applied (the reason says why).
    NotFixed(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Binary => write!(f, "binary file skipped"),
            Skip::TooLarge { size, limit, .. } => write!(
                f,
                "file skipped: {size} bytes is over the {} limit (--max-file-size)",
                format_size(*limit).replace(" bytes", "-byte")
            ),
            Skip::NotFixed(reason) => write!(f, "{reason}"),
        }
    }
}

impl Skip {
    /// Whether this skip fails the run: a file over the size limit, unless `--allow-skipped`.
    pub fn fails(&self) -> bool {
        matches!(self, Skip::TooLarge { allowed: false, .. })
    }

    /// Whether every output format shows it as a notice (a file not linted at all); a binary file or a
    /// fix not applied is a note of the human formats only.
    pub fn is_notice(&self) -> bool {
        matches!(self, Skip::TooLarge { .. })
    }
}

impl SourceFile {
    /// Builds a source from text already in memory (stdin, tests, rule-doc examples).
    pub fn from_text(path: impl Into<PathBuf>, kind: FileKind, text: impl Into<String>) -> Self {
        let mut text = text.into();
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Self::new(path.into(), kind, text, bom, Encoding::Utf8)
    }

    /// Decodes bytes read from disk or stdin. NUL bytes in the head mean binary (as git and ripgrep decide).
    pub fn from_bytes(path: PathBuf, kind: FileKind, bytes: Vec<u8>) -> Result<Self, Skip> {
        if let Some(text) = decode_utf16(&bytes) {
            return Ok(Self::new(path, kind, text, false, Encoding::Utf16));
        }
        let head = &bytes[..bytes.len().min(8192)];
        if memchr::memchr(0, head).is_some() {
            return Err(Skip::Binary);
        }
        let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest.to_vec(), true),
            None => (bytes, false),
        };
        match String::from_utf8(body) {
            Ok(text) => Ok(Self::new(path, kind, text, bom, Encoding::Utf8)),
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Ok(Self::new(path, kind, text, bom, Encoding::Lossy))
            }
        }
    }

    /// The same file with new text (after fixes): path, kind, BOM and encoding are kept.
    pub fn with_text(&self, text: String) -> Self {
        Self::new(self.path.clone(), self.kind, text, self.bom, self.encoding)
    }

    /// The bytes this source stands for on disk: the BOM, then the text. Exact only for [`Encoding::Utf8`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.text.len() + 3);
        if self.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(self.text.as_bytes());
        bytes
    }

    /// Reads a file from disk, refusing oversized files before reading them.
    pub fn read(
        path: &Path,
        shown: PathBuf,
        kind: FileKind,
    ) -> std::io::Result<Result<Self, Skip>> {
        Ok(Self::read_bytes(path)?.and_then(|bytes| Self::from_bytes(shown, kind, bytes)))
    }

    /// A regular file's bytes within [`MAX_FILE_BYTES`] (stslint's own inputs: config, baseline).
    pub fn read_bytes(path: &Path) -> std::io::Result<Result<Vec<u8>, Skip>> {
        Self::read_bytes_within(path, MAX_FILE_BYTES)
    }

    /// A regular file's bytes, refusing files over `limit` bytes before reading them.
    ///
    /// The file is opened with `O_NONBLOCK` and its type is checked on the open descriptor, as
    /// ripgrep does: a regular file swapped for a FIFO between a `stat` and the `open` can neither
    /// block the open (no writer) nor the read. The read takes the size the open file has, so it is
    /// bounded by `limit` even if the file grows meanwhile, into a buffer of that size.
    pub fn read_bytes_within(path: &Path, limit: u64) -> std::io::Result<Result<Vec<u8>, Skip>> {
        let file = open_nonblocking(path)?;
        let meta = file.metadata()?;
        if !meta.is_file() {
            return Err(std::io::Error::other("not a regular file"));
        }
        if meta.len() > limit {
            return Ok(Err(too_large(meta.len(), limit)));
        }
        // The size it has now is what is read: a file that grows meanwhile is read as it was (no
        // further read to find its end, which was one system call in five per file). A size of 0
        // may be a procfs or sysfs file that has text all the same: read to its end, capped.
        let size = meta.len();
        if size == 0 {
            return read_capped_within(file, 0, limit);
        }
        let mut bytes = Vec::with_capacity(size as usize);
        std::io::Read::read_to_end(&mut std::io::Read::take(file, size), &mut bytes)?;
        Ok(Ok(bytes))
    }

    fn new(path: PathBuf, kind: FileKind, text: String, bom: bool, encoding: Encoding) -> Self {
        // `\n`, `\r\n` and a lone `\r` (classic Mac) all end a line.
        let bytes = text.as_bytes();
        let ends = || {
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
                .map(|i| i + 1)
        };
        // Counted first, so the index of a big file is allocated once at its size, never regrown
        // (a regrowth copies: the old and the new index at once).
        let mut line_starts = Vec::with_capacity(1 + ends().count());
        line_starts.push(0);
        line_starts.extend(ends());
        let char_checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHARS_PER_CHECKPOINT)
                .map(|(i, _)| i)
                .collect()
        };
        SourceFile {
            char_checkpoints,
            path,
            kind,
            text,
            bom,
            encoding,
            line_starts,
            masking: OnceLock::new(),
            extra_secrets: Vec::new(),
        }
    }

    fn masking(&self) -> &Masking {
        self.masking.get_or_init(|| {
            let mut secrets = crate::secrets::scan(&self.text, self.kind);
            secrets.extend_from_slice(&self.extra_secrets);
            Masking::of(&self.text, secrets)
        })
    }

    /// The secret byte ranges of the text (what [`crate::secrets::scan`] finds, plus what extractors
    /// added).
    pub fn secrets(&self) -> &[Span] {
        &self.masking().secrets
    }

    /// The masked view: the text with every secret byte replaced by `*`, the same length and lines.
    /// Every output that shows file text is made from this, never from [`SourceFile::text`].
    pub fn masked(&self) -> &str {
        self.masking().masked.as_deref().unwrap_or(&self.text)
    }

    /// The masked text of a span (clamped to the text and to character boundaries).
    pub fn masked_slice(&self, span: Span) -> &str {
        let masked = self.masked();
        let end = floor_char_boundary(masked, span.end.min(masked.len()));
        let start = floor_char_boundary(masked, span.start.min(end));
        &masked[start..end]
    }

    /// Adds secret ranges an extractor found with its knowledge of the syntax (a key it parsed).
    pub fn add_secrets(&mut self, spans: &[Span]) {
        if spans.is_empty() {
            return;
        }
        self.extra_secrets.extend_from_slice(spans);
        if let Some(known) = self.masking.take() {
            let mut all = known.secrets;
            all.extend_from_slice(spans);
            self.masking = OnceLock::from(Masking::of(&self.text, all));
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        (line + 1, self.char_of(offset) - self.char_of(start) + 1)
    }

    /// Byte offset of a 0-based line and 0-based column counted in characters, as parsers report
    /// positions; clamped to the line, so it always lies on a character boundary.
    pub fn offset_at(&self, line: usize, char_column: usize) -> usize {
        let start = self.line_start(line);
        let end = self.line_end(line);
        let target = self.char_of(start).saturating_add(char_column);
        self.byte_of(target).clamp(start, end)
    }

    /// The end of a 0-based line's content, before its terminator (`\n`, `\r\n` or a lone `\r`).
    fn line_end(&self, line: usize) -> usize {
        let start = self.line_start(line);
        let bytes = self.text.as_bytes();
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(bytes.len())
            .max(start);
        for terminator in [b'\n', b'\r'] {
            if end > start && bytes[end - 1] == terminator {
                end -= 1;
            }
        }
        end
    }

    /// How many characters precede a byte offset (on a character boundary).
    fn char_of(&self, offset: usize) -> usize {
        if self.char_checkpoints.is_empty() {
            return offset;
        }
        let k = self.char_checkpoints.partition_point(|&b| b <= offset) - 1;
        k * CHARS_PER_CHECKPOINT + self.text[self.char_checkpoints[k]..offset].chars().count()
    }

    /// The byte offset of a character index, or the end of the text past its last character.
    fn byte_of(&self, char_index: usize) -> usize {
        if self.char_checkpoints.is_empty() {
            return char_index.min(self.text.len());
        }
        let k = (char_index / CHARS_PER_CHECKPOINT).min(self.char_checkpoints.len() - 1);
        let from = self.char_checkpoints[k];
        self.text[from..]
            .char_indices()
            .nth(char_index - k * CHARS_PER_CHECKPOINT)
            .map_or(self.text.len(), |(i, _)| from + i)
    }

    /// Byte offset of the start of a 0-based line.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Lines with their byte offsets, without the line terminator (`\n` or `\r\n`).
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.line_starts
            .iter()
            .enumerate()
            .filter_map(|(i, &start)| {
                if start >= self.text.len() && i > 0 {
                    return None;
                }
                let end = self
                    .line_starts
                    .get(i + 1)
                    .copied()
                    .unwrap_or(self.text.len());
                let line = &self.text[start..end];
                let line = line.strip_suffix('\n').unwrap_or(line);
                Some((start, line.strip_suffix('\r').unwrap_or(line)))
            })
    }

    /// The path with `/` separators, as every output format shows it.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
    }
}

/// Opens a file for reading without blocking on a FIFO or device that has no writer.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn too_large(size: u64, limit: u64) -> Skip {
    Skip::TooLarge {
        size,
        limit,
        allowed: false,
    }
}

/// Reads at most `limit` bytes from any reader (stdin, a pipe): more is [`Skip::TooLarge`], and
/// memory never holds more than the cap, whatever the input (`/dev/zero`).
pub fn read_capped_within(
    reader: impl std::io::Read,
    size_hint: usize,
    limit: u64,
) -> std::io::Result<Result<Vec<u8>, Skip>> {
    use std::io::Read;
    let hint = size_hint.min(usize::try_from(limit).unwrap_or(usize::MAX));
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Err(too_large(bytes.len() as u64, limit)));
    }
    Ok(Ok(bytes))
}

/// A file stslint reads for itself (`--config`, `--baseline`) as UTF-8 text, with the same
/// non-blocking open, type check and size cap as linted files; the error says which of them failed.
pub fn read_text_capped(path: &Path) -> Result<String, String> {
    let bytes = match SourceFile::read_bytes(path) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(skip)) => {
            let reason = skip.to_string().replace("file skipped: ", "");
            return Err(reason.replace(" (--max-file-size)", ""));
        }
        Err(e) => return Err(crate::discover::io_message(&e)),
    };
    String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_owned())
}

/// `/`-separated path for output, the same on every platform.
pub fn display_path(path: &Path) -> String {
    shown_path(path).into_owned()
}

/// [`display_path`], borrowed from the path where nothing changes (every line of output names one).
pub fn shown_path(path: &Path) -> Cow<'_, str> {
    match path.to_string_lossy() {
        Cow::Borrowed(s) if !s.contains('\\') => Cow::Borrowed(s.strip_prefix("./").unwrap_or(s)),
        s => {
            let s = s.replace('\\', "/");
            Cow::Owned(s.strip_prefix("./").map(str::to_owned).unwrap_or(s))
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|c| {
        if le {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceFile {
        SourceFile::from_text("f", FileKind::DotEnv, text)
    }

    #[test]
    fn display_paths_are_slash_separated_without_a_leading_dot() {
        for (path, shown, borrowed) in [
            ("./a/b.tf", "a/b.tf", true),
            ("a/b.tf", "a/b.tf", true),
            ("/abs/x", "/abs/x", true),
            ("a\\b.tf", "a/b.tf", false),
            (".\\a\\b", "a/b", false),
            ("././a", "./a", true),
        ] {
            let got = shown_path(Path::new(path));
            assert_eq!(got, shown, "{path}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{path}");
            assert_eq!(display_path(Path::new(path)), shown);
        }
    }

    #[test]
    fn a_file_is_read_at_its_size_and_a_size_of_zero_is_read_to_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.env");
        std::fs::write(&file, "A=1\n").unwrap();
        let read = SourceFile::read_bytes_within(&file, MAX_FILE_BYTES).unwrap();
        assert_eq!(read.unwrap(), b"A=1\n");
        // procfs says 0 bytes and has text all the same.
        #[cfg(target_os = "linux")]
        {
            let status = SourceFile::read_bytes_within(Path::new("/proc/self/status"), 1 << 20);
            assert!(status.unwrap().unwrap().starts_with(b"Name:"));
        }
    }

    #[test]
    fn extractor_secrets_join_the_searched_ones_whenever_the_view_is_first_asked_for() {
        let text = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENG\nNAME=hunter2\n";
        let name = text.find("hunter2").unwrap();
        let extra = Span::new(name, name + "hunter2".len());
        // Added before the search ran ...
        let mut before = src(text);
        before.add_secrets(&[extra]);
        // ... and after it ran.
        let mut after = src(text);
        assert!(!after.masked().contains("wJalr"));
        assert!(after.masked().contains("hunter2"));
        after.add_secrets(&[extra]);
        for s in [before, after] {
            assert_eq!(s.secrets().len(), 2);
            assert_eq!(
                s.masked(),
                "AWS_SECRET_ACCESS_KEY=********************\nNAME=*******\n"
            );
        }
    }

    #[test]
    fn line_col_is_one_based_and_counts_chars() {
        let s = src("ab\néx = 1\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(6), (2, 3));
        assert_eq!(s.line_col(99), (3, 1));
    }

    #[test]
    fn offsets_and_columns_agree_on_ascii_and_non_ascii_text() {
        // Long lines of both kinds, so that the character index has several checkpoints.
        for text in [
            format!("a\r\n{}\nend", "x=1,".repeat(300)),
            format!("é\r\n{}\nend", "ü=1,".repeat(300)),
        ] {
            let s = src(&text);
            for (line, content) in text.split('\n').enumerate() {
                let content = content.strip_suffix('\r').unwrap_or(content);
                let start = s.line_start(line);
                for (col, (i, _)) in content.char_indices().enumerate() {
                    assert_eq!(s.offset_at(line, col), start + i, "{line}:{col}");
                    assert_eq!(s.line_col(start + i), (line + 1, col + 1));
                }
                // Past the end of the line: clamped to its end, before the terminator.
                assert_eq!(s.offset_at(line, 10_000), start + content.len());
            }
        }
    }

    #[test]
    fn lines_strip_crlf_and_keep_offsets() {
        let s = src("a=1\r\nb=2\r\n");
        let lines: Vec<_> = s.lines().collect();
        assert_eq!(lines, vec![(0, "a=1"), (5, "b=2")]);
        let s = src("a=1\rb=2\n\nc");
        let lines: Vec<_> = s.lines().collect();
        assert_eq!(lines, vec![(0, "a=1"), (4, "b=2"), (8, ""), (9, "c")]);
        assert_eq!(s.line_col(5), (2, 2));
    }

    #[test]
    fn bom_is_kept_aside_and_binary_is_refused() {
        let s = SourceFile::from_bytes("f".into(), FileKind::DotEnv, b"\xEF\xBB\xBFA=1".to_vec())
            .unwrap();
        assert!(s.bom);
        assert_eq!(s.text, "A=1");
        let bin = SourceFile::from_bytes("f".into(), FileKind::DotEnv, b"A=\0\x01".to_vec());
        assert_eq!(bin.unwrap_err(), Skip::Binary);
    }

    #[test]
    fn invalid_utf8_is_lossy_and_utf16_is_decoded() {
        let s = SourceFile::from_bytes("f".into(), FileKind::DotEnv, b"A=\xff\n".to_vec()).unwrap();
        assert_eq!(s.encoding, Encoding::Lossy);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("A=1".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let s = SourceFile::from_bytes("f".into(), FileKind::DotEnv, utf16).unwrap();
        assert_eq!((s.text.as_str(), s.encoding), ("A=1", Encoding::Utf16));
    }
}
