//! Secret hygiene: which byte ranges of a file hold secrets, found once when the file is read
//! ([`crate::source::SourceFile`] carries them and its masked view), so no output ever shows them.
//!
//! What counts as a secret:
//! - the value of any key named like a secret ([`is_secret_key`]: `password`, `MYSQL_PWD`, `NPM_AUTH`,
//!   `apiKey`, `aws_secret_access_key`, `Authorization`, …) in any assignment syntax (`k=v`, `k = v`,
//!   `k: v`, `"k": "v"`, `k => 'v'`, `k := "v"`, `--k v`, `ENV K v`, `<k>v</k>`), and the `value` of a
//!   `name: K` / `value: v` pair (Kubernetes env lists, ECS task definitions, CloudFormation
//!   parameters); a value runs across shell continuation lines, quoted strings over several lines
//!   (escaped quotes included), YAML block scalars and INI continuation lines; an unterminated quote
//!   masks the rest of its line;
//! - value shapes wherever they are: access key ids in AWS's documented format (a four-letter prefix
//!   such as `AKIA` or `ASIA`, then 16 upper-case letters and digits), bearer and basic credentials,
//!   URL userinfo (`https://user:pw@host`), PEM block bodies, well-known token formats (GitHub, GitLab,
//!   Slack, npm, JWTs), quoted 40-character strings shaped like a secret access key, and high-entropy
//!   tokens on the line of a secret-named key whose value stslint could not delimit.
//!
//! Hand-written rather than a secret-scanning crate: the candidates are found with one set of
//! `aho-corasick` needles (built lazily: an NFA for the first files, a DFA once enough text was
//! searched to repay building it), and the values are delimited by the file's own syntax rules, which
//! no general scanner knows.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::classify::FileKind;
use crate::source::Span;

/// Substrings of a normalised key (lower-case, letters and digits only) that make its value a secret.
const SECRET_KEY_PARTS: &[&str] = &[
    "secret",
    "token",
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "credential",
    "privatekey",
    "apikey",
    "accesskey",
    "sessionkey",
    "signingkey",
    "encryptionkey",
    "masterkey",
    "sshkey",
    "clientkey",
    "authorization",
    "cookie",
    "connectionstring",
];

/// Normalised keys that contain a secret-ish part but name no secret.
const NOT_SECRET_KEYS: &[&str] = &[
    "author",
    "authors",
    "authority",
    "authorities",
    "authored",
    "authoritative",
    "passthrough",
    "bypass",
    "compass",
    "tokenizer",
    "tokenizers",
];

/// Words that make a secret-ish key name something about a secret rather than the secret itself:
/// `--token-audience`, `web_identity_token_file`, `token_url`, `max_tokens`, `password_length`.
const ABOUT_A_SECRET: &[&str] = &[
    "audience", "file", "path", "url", "uri", "endpoint", "type", "ttl", "expir", "duration",
    "lifetime", "length", "count", "max", "min", "limit", "header", "format", "enabled", "policy",
    "rotation", "arn", "region", "provider",
];

/// Whether the value of `key` is a secret: `aws_secret_access_key`, `aws_session_token`,
/// `DB_PASSWORD`, `MYSQL_PWD`, `NPM_AUTH`, `_auth`, `apiKey`, `Authorization`, `DB_PASS`, `SENTRY_DSN`…
pub fn is_secret_key(key: &str) -> bool {
    // Every key of every parsed file is asked about: a short name is normalised on the stack.
    let mut short = [0u8; 64];
    let mut long = Vec::new();
    let mut len = 0;
    for b in key.bytes().filter(u8::is_ascii_alphanumeric) {
        let b = b.to_ascii_lowercase();
        if len < short.len() {
            short[len] = b;
        } else {
            if long.is_empty() {
                long.extend_from_slice(&short);
            }
            long.push(b);
        }
        len += 1;
    }
    let k = if long.is_empty() {
        &short[..len]
    } else {
        &long[..]
    };
    // Key names are short: a plain window comparison beats setting up a substring searcher for each
    // of the parts.
    let has = |part: &str| k.windows(part.len()).any(|w| w == part.as_bytes());
    // Most keys name no secret at all: that is asked first.
    let secretish = SECRET_KEY_PARTS.iter().any(|p| has(p))
        || k.ends_with(b"pass")
        || k.ends_with(b"auth")
        || (k.starts_with(b"auth") && !k.starts_with(b"author"))
        || k.ends_with(b"dsn");
    secretish
        && !NOT_SECRET_KEYS.iter().any(|n| n.as_bytes() == k)
        && !ABOUT_A_SECRET.iter().any(|w| has(w))
}

/// Whether some key inside `text` could be one [`is_secret_key`] takes, from the text alone: its
/// letters and digits, lower-cased and run together, hold a part of a secret's name (a key's
/// normalised name is a piece of the normalised text). Never false for such a text; true for more.
pub fn may_name_a_secret(text: &[u8]) -> bool {
    static PARTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let ends = ["pass", "auth", "dsn"];
        AhoCorasick::new(SECRET_KEY_PARTS.iter().chain(&ends)).expect("static needles")
    });
    let normalised: Vec<u8> = text
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(u8::to_ascii_lowercase)
        .collect();
    PARTS.is_match(&normalised)
}

/// What an automaton needle starts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Needle {
    /// A part of a secret-ish key name: the whole identifier around it is judged.
    Key,
    Bearer,
    Basic,
    /// `://`: URL userinfo may follow.
    Url,
    Pem,
    /// An access key id prefix (`AKIA`, `ASIA`, …).
    KeyId,
    /// A token prefix with the minimum length of what follows it.
    Token(usize),
    /// `eyJ`: a JSON Web Token (three base64url parts).
    Jwt,
}

const KEY_NEEDLES: &[&str] = &[
    "secret",
    "token",
    "pass",
    "pwd",
    "credential",
    "auth",
    "privatekey",
    "private_key",
    "private-key",
    "apikey",
    "api_key",
    "api-key",
    "accesskey",
    "access_key",
    "access-key",
    "sessionkey",
    "session_key",
    "signingkey",
    "signing_key",
    "encryptionkey",
    "encryption_key",
    "masterkey",
    "master_key",
    "sshkey",
    "ssh_key",
    "clientkey",
    "client_key",
    "cookie",
    "dsn",
    "connectionstring",
    "connection_string",
];

/// Unique-id prefixes of IAM identifiers that are access key ids or credentials, from the IAM User
/// Guide, "IAM identifiers", section "Understanding unique ID prefixes"
/// (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes>).
const KEY_ID_PREFIXES: &[&str] = &[
    "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "AKIA", "ANPA", "ANVA", "APKA", "AROA", "ASCA", "ASIA",
];

/// Token formats whose prefix says what they are, with the least length of the rest.
const TOKEN_PREFIXES: &[(&str, usize)] = &[
    ("ghp_", 30),
    ("gho_", 30),
    ("ghu_", 30),
    ("ghs_", 30),
    ("ghr_", 30),
    ("github_pat_", 30),
    ("glpat-", 20),
    ("xoxb-", 10),
    ("xoxp-", 10),
    ("xoxa-", 10),
    ("xoxs-", 10),
    ("xoxr-", 10),
    ("npm_", 30),
    ("AIza", 30),
    ("sk_live_", 16),
    ("rk_live_", 16),
];

struct Automaton {
    ac: AhoCorasick,
    kinds: Vec<Needle>,
}

/// Every needle, and what each starts.
fn needles() -> (Vec<&'static str>, Vec<Needle>) {
    let mut patterns: Vec<&str> = Vec::new();
    let mut kinds = Vec::new();
    for k in KEY_NEEDLES {
        patterns.push(k);
        kinds.push(Needle::Key);
    }
    for (p, k) in [
        ("bearer", Needle::Bearer),
        ("basic", Needle::Basic),
        ("://", Needle::Url),
        ("-----begin", Needle::Pem),
        ("eyj", Needle::Jwt),
    ] {
        patterns.push(p);
        kinds.push(k);
    }
    for p in KEY_ID_PREFIXES {
        patterns.push(p);
        kinds.push(Needle::KeyId);
    }
    for (p, n) in TOKEN_PREFIXES {
        patterns.push(p);
        kinds.push(Needle::Token(*n));
    }
    (patterns, kinds)
}

fn build(kind: AhoCorasickKind) -> Automaton {
    let (patterns, kinds) = needles();
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(kind))
        .build(&patterns)
        .expect("static needles");
    Automaton { ac, kinds }
}

/// The automaton for the first files searched: a contiguous NFA, built in half the time of the DFA,
/// which a pre-commit run on one small file would pay in full.
static NFA: LazyLock<Automaton> = LazyLock::new(|| build(AhoCorasickKind::ContiguousNFA));

/// The automaton once [`DFA_AFTER`] bytes have been searched: two to three times as fast per byte
/// (1.5 ns beside 3 to 4.7 on this project's benchmark trees), for 130 µs more to build.
static DFA: LazyLock<Automaton> = LazyLock::new(|| build(AhoCorasickKind::DFA));

/// Bytes searched with the NFA before the DFA takes over: about what the DFA saves back its build.
const DFA_AFTER: usize = 128 * 1024;

static SEARCHED: AtomicUsize = AtomicUsize::new(0);

/// The automaton for a text of `len` bytes.
fn automaton(len: usize) -> &'static Automaton {
    if SEARCHED.fetch_add(len, Ordering::Relaxed) < DFA_AFTER {
        &NFA
    } else {
        &DFA
    }
}

/// Every secret in `text`, a file of `kind`: sorted, non-overlapping, on character boundaries.
pub fn scan(text: &str, kind: FileKind) -> Vec<Span> {
    let mut found = Vec::new();
    quoted_secret_keys(text, &mut found);
    let automaton = automaton(text.len());
    let bytes = text.as_bytes();
    let mut skip_to = 0;
    for m in automaton.ac.find_iter(bytes) {
        if m.start() < skip_to {
            continue;
        }
        match automaton.kinds[m.pattern().as_usize()] {
            Needle::Key => {
                let (start, end) = identifier_around(bytes, m.start(), m.end());
                skip_to = end;
                if is_secret_key(&text[start..end]) {
                    key_value(text, kind, start, end, &mut found);
                }
            }
            Needle::Bearer | Needle::Basic => {
                let basic = automaton.kinds[m.pattern().as_usize()] == Needle::Basic;
                credential_after(text, m.start(), m.end(), basic, &mut found);
            }
            Needle::Url => userinfo(text, m.start(), m.end(), &mut found),
            Needle::Pem => pem(text, m.start(), m.end(), &mut found),
            Needle::KeyId => key_id(bytes, m.start(), &mut found),
            Needle::Token(min) => prefixed_token(text, m.start(), m.end(), min, &mut found),
            Needle::Jwt => jwt(bytes, m.start(), &mut found),
        }
    }
    normalize(text, found)
}

/// Sorts and merges spans, widened to character boundaries and cut to the text.
pub fn normalize(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    for s in &mut spans {
        s.end = s.end.min(text.len());
        s.start = s.start.min(s.end);
        while !text.is_char_boundary(s.start) {
            s.start -= 1;
        }
        while !text.is_char_boundary(s.end) {
            s.end += 1;
        }
    }
    spans.retain(|s| !s.is_empty());
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$' | b'@')
}

/// The identifier (`[A-Za-z0-9_.$@-]+`) that holds `start..end`.
fn identifier_around(bytes: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start > 0 && is_ident(bytes[start - 1]) {
        start -= 1;
    }
    while end < bytes.len() && is_ident(bytes[end]) {
        end += 1;
    }
    // `$DB_PASSWORD` is a reference, `@password` an attribute marker: the name starts after them.
    while start < end && matches!(bytes[start], b'$' | b'@' | b'.' | b'-') {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    (start, end)
}

fn line_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

fn line_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| at + i)
}

fn indent_of(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

fn skip_blanks(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
        at += 1;
    }
    at
}

/// How far a quoted string or continued value is followed before it is taken as unterminated.
const MAX_VALUE_BYTES: usize = 64 * 1024;

/// A secret-named key at `start..end`: find its separator and mask the value after it.
fn key_value(text: &str, kind: FileKind, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut at = end;
    let opener = start.checked_sub(1).map(|i| bytes[i]);
    // The key's own closing quote or bracket: `"apiKey": …`, `ENV['DB_PASSWORD'] = …`.
    if at < bytes.len() && matches!(bytes[at], b'"' | b'\'' | b'`') {
        at += 1;
    }
    if at < bytes.len() && bytes[at] == b']' {
        at += 1;
    }
    let before_sep = skip_blanks(bytes, at);
    let spaced_before = before_sep > at;
    at = before_sep;
    let rest = &bytes[at..];
    let sep_len = if rest.starts_with(b"=>") || rest.starts_with(b":=") {
        2
    } else if rest.starts_with(b"==") || rest.starts_with(b"::") {
        0
    } else if rest.first() == Some(&b'=') || rest.first() == Some(&b':') {
        1
    } else if rest.first() == Some(&b'>') && opener == Some(b'<') {
        // `<password>value</password>`
        let from = at + 1;
        let to = bytes[from..]
            .iter()
            .position(|&b| b == b'<')
            .map_or(bytes.len(), |i| from + i)
            .min(from + MAX_VALUE_BYTES);
        out.push(Span::new(from, to));
        return;
    } else {
        0
    };
    if sep_len == 0 {
        let ls = line_start(bytes, start);
        let head = text[ls..start].trim_start().to_ascii_lowercase();
        let flag = start >= 1 && bytes[start - 1] == b'-';
        let docker = matches!(head.as_str(), "env " | "arg ") || head.ends_with(" env ");
        if (flag || docker)
            && spaced_before
            && at < bytes.len()
            && !matches!(bytes[at], b'\n' | b'\r')
        {
            if docker {
                let to = line_end(bytes, at);
                out.push(Span::new(at, trim_end(bytes, at, to)));
            } else if bytes[at] != b'-' {
                value(text, kind, at, true, out);
            }
            return;
        }
        if named_value(text, kind, start, end, out) {
            return;
        }
        near_key_tokens(text, end, out);
        return;
    }
    let sep = &bytes[at..at + sep_len];
    at += sep_len;
    let after = skip_blanks(bytes, at);
    let spaced_after = after > at;
    // Shell words end at whitespace: `A=legacy DB_PASSWORD=x OTHER=1`. Elsewhere (`k = v`, `k: v`)
    // a bare value runs to the end of the line in INI and YAML files.
    let shell_word = (sep == b"=" && !spaced_before && !spaced_after && !is_code(kind))
        || matches!(
            kind,
            FileKind::Shell | FileKind::DotEnv | FileKind::Dockerfile
        );
    if sep == b"=" && bytes.get(after) == Some(&b'=') {
        return;
    }
    value_or_block(text, kind, start, after, shell_word, out);
}

/// Source code: `f(password='x', b=1)` is an argument list, not shell words.
fn is_code(kind: FileKind) -> bool {
    matches!(
        kind,
        FileKind::Python
            | FileKind::JavaScript
            | FileKind::Go
            | FileKind::Jvm
            | FileKind::CSharp
            | FileKind::Ruby
            | FileKind::Php
            | FileKind::Rust
            | FileKind::Terraform
            | FileKind::TerraformJson
            | FileKind::Gradle
            | FileKind::PackageJson
            | FileKind::ComposerJson
    )
}

/// The value at `at` (after a separator), or the indented block below when the line ends there.
fn value_or_block(
    text: &str,
    kind: FileKind,
    key_start: usize,
    at: usize,
    shell_word: bool,
    out: &mut Vec<Span>,
) {
    let bytes = text.as_bytes();
    let key_line = line_start(bytes, key_start);
    let key_indent = indent_of(bytes, key_line);
    let at_eol = at >= bytes.len() || matches!(bytes[at], b'\n' | b'\r' | b'#');
    let block_scalar = matches!(bytes.get(at), Some(b'|' | b'>'))
        && bytes[at + 1..line_end(bytes, at)]
            .iter()
            .all(|b| matches!(b, b'-' | b'+' | b'0'..=b'9' | b' ' | b'\t'));
    if at_eol || block_scalar {
        indented_block(bytes, line_end(bytes, at), key_indent, out);
        return;
    }
    let end = value(text, kind, at, shell_word, out);
    // INI (AWS config, setup.cfg): more-indented lines below continue the value.
    if matches!(
        kind,
        FileKind::AwsConfig | FileKind::AwsCredentials | FileKind::SetupCfg
    ) {
        indented_block(bytes, line_end(bytes, end), key_indent, out);
    }
}

/// Masks the lines after `from` (a line end) that are indented deeper than `indent`.
fn indented_block(bytes: &[u8], from: usize, indent: usize, out: &mut Vec<Span>) {
    let mut at = from;
    let limit = from.saturating_add(MAX_VALUE_BYTES * 16);
    loop {
        // Step over the line terminator.
        if at < bytes.len() && bytes[at] == b'\r' {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'\n' {
            at += 1;
        }
        if at >= bytes.len() || at > limit {
            return;
        }
        let end = line_end(bytes, at);
        let ind = indent_of(bytes, at);
        let blank = at + ind == end;
        if !blank && ind <= indent {
            return;
        }
        if !blank {
            out.push(Span::new(at + ind, end));
        }
        at = end;
    }
}

fn trim_end(bytes: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    end
}

/// Masks one value starting at `at` and returns where it ends.
fn value(text: &str, kind: FileKind, at: usize, shell_word: bool, out: &mut Vec<Span>) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.get(at) else {
        return at;
    };
    if matches!(first, b'{' | b'[') && !shell_word {
        // A structure: its own keys are scanned on their own.
        return at;
    }
    if matches!(first, b'"' | b'\'' | b'`') {
        let triple = bytes[at..].starts_with(&[first; 3]);
        let open = if triple { 3 } else { 1 };
        let from = at + open;
        let limit = (from + MAX_VALUE_BYTES).min(bytes.len());
        let mut i = from;
        let mut closed = None;
        while i < limit {
            let b = bytes[i];
            if b == b'\\' && first != b'`' {
                i += 2;
                continue;
            }
            if b == first && (!triple || bytes[i..].starts_with(&[first; 3])) {
                closed = Some(i);
                break;
            }
            i += 1;
        }
        return match closed {
            Some(close) => {
                out.push(Span::new(from, close));
                let after = close + open;
                if shell_word {
                    // `"a"b'c'`: one shell word.
                    word(bytes, after, out)
                } else {
                    after
                }
            }
            None => {
                // Unterminated: the rest of the line is the value as far as anyone can tell.
                let to = line_end(bytes, from);
                out.push(Span::new(from, to));
                to
            }
        };
    }
    if shell_word {
        return word(bytes, at, out);
    }
    let line_to = line_end(bytes, at);
    let to = match kind {
        FileKind::AwsConfig
        | FileKind::AwsCredentials
        | FileKind::SetupCfg
        | FileKind::Yaml
        | FileKind::PnpmLock
        | FileKind::ToolVersions => {
            // YAML ends a plain scalar at ` #`; INI values keep everything.
            let mut to = line_to;
            if kind == FileKind::Yaml
                && let Some(i) = memchr::memmem::find(&bytes[at..line_to], b" #")
            {
                to = at + i;
            }
            trim_end(bytes, at, to)
        }
        _ => bytes[at..line_to]
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b',' | b';' | b')' | b'}' | b']' | b'>'))
            .map_or(line_to, |i| at + i),
    };
    out.push(Span::new(at, to));
    to
}

/// A shell word from `at`: up to unquoted whitespace or an operator, across quotes, escapes and
/// backslash-newline continuations.
fn word(bytes: &[u8], at: usize, out: &mut Vec<Span>) -> usize {
    let limit = (at + MAX_VALUE_BYTES).min(bytes.len());
    let mut i = at;
    let mut quote: Option<u8> = None;
    while i < limit {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(b'"') if b == b'\\' => i += 1,
            Some(_) => {}
            None => match b {
                b'\\' => i += 1,
                b'"' | b'\'' => quote = Some(b),
                b' ' | b'\t' | b'\n' | b'\r' | b';' | b'&' | b'|' | b')' | b'`' | b'<' | b'>' => {
                    break;
                }
                _ => {}
            },
        }
        i += 1;
    }
    let end = i.min(limit);
    if end > at {
        out.push(Span::new(at, end));
    }
    end
}

/// `name: DB_PASSWORD` then `value: …` (Kubernetes env lists, ECS, CloudFormation parameters,
/// `<add key="DbPassword" value="…"/>`): masks the value that belongs to the secret-named name.
fn named_value(text: &str, kind: FileKind, start: usize, end: usize, out: &mut Vec<Span>) -> bool {
    let bytes = text.as_bytes();
    let mut i = start;
    while i > 0 && matches!(bytes[i - 1], b'"' | b'\'' | b' ' | b'\t') {
        i -= 1;
    }
    if i == 0 || !matches!(bytes[i - 1], b':' | b'=') {
        return false;
    }
    i -= 1;
    while i > 0 && matches!(bytes[i - 1], b'"' | b'\'' | b' ' | b'\t') {
        i -= 1;
    }
    let (ks, ke) = identifier_around(bytes, i, i);
    let key = text[ks..ke].to_ascii_lowercase();
    if !matches!(
        key.as_str(),
        "name" | "key" | "parameterkey" | "optionname" | "variable" | "env" | "id"
    ) {
        return false;
    }
    // The `value` key within the next few lines.
    let mut window_end = (end + 512).min(bytes.len());
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let window = &text[end..window_end];
    let lower = window.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("value") {
        let vs = end + from + found;
        from += found + 5;
        let (s, e) = identifier_around(bytes, vs, vs + 5);
        let name = text[s..e].to_ascii_lowercase();
        if !matches!(name.as_str(), "value" | "parametervalue") {
            continue;
        }
        let mut at = e;
        if at < bytes.len() && matches!(bytes[at], b'"' | b'\'') {
            at += 1;
        }
        at = skip_blanks(bytes, at);
        if at < bytes.len() && matches!(bytes[at], b':' | b'=') {
            let after = skip_blanks(bytes, at + 1);
            value_or_block(text, kind, s, after, false, out);
            return true;
        }
    }
    false
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-' | b'.' | b'~')
}

/// Bits per character of `s`: random keys have about 4 and more, words and paths less.
fn entropy(s: &[u8]) -> f64 {
    let mut counts = [0u32; 256];
    for &b in s {
        counts[usize::from(b)] += 1;
    }
    let n = s.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// A dotted name such as a property key, a package or a host (`spark.hadoop.fs.s3a.endpoint`,
/// `org.apache.hadoop.fs.s3a.auth`): every dot-separated part a short word starting with a letter.
fn is_dotted_name(token: &[u8]) -> bool {
    token.contains(&b'.')
        && token.split(|&b| b == b'.').all(|part| {
            (1..=64).contains(&part.len())
                && part[0].is_ascii_alphabetic()
                && part
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        })
}

fn looks_random(token: &[u8]) -> bool {
    !is_dotted_name(token)
        && token.len() >= 16
        && token.iter().any(u8::is_ascii_digit)
        && token.iter().any(u8::is_ascii_alphabetic)
        && entropy(token) >= 3.5
}

/// A secret-named key without a separator (`Credentials(secretKey, "wJalr…")`, a key on its own
/// line): high-entropy tokens after it on its line and the next are masked.
fn near_key_tokens(text: &str, from: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let first_end = line_end(bytes, from);
    let mut next = first_end;
    if next < bytes.len() && bytes[next] == b'\r' {
        next += 1;
    }
    if next < bytes.len() && bytes[next] == b'\n' {
        next += 1;
    }
    let to = line_end(bytes, next.min(bytes.len()));
    let mut i = from;
    while i < to {
        if is_token_byte(bytes[i]) {
            let s = i;
            while i < to && is_token_byte(bytes[i]) {
                i += 1;
            }
            if looks_random(&bytes[s..i]) {
                out.push(Span::new(s, i));
            }
        } else {
            i += 1;
        }
    }
}

/// Quoted 40-character strings shaped like a secret access key (`"wJalrXUtnFEMI/K7MDENG/…"`),
/// wherever they are passed; lower-case hex (a commit hash) is left alone.
fn quoted_secret_keys(text: &str, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    for q in memchr::memchr2_iter(b'"', b'\'', bytes) {
        let from = q + 1;
        let to = from + 40;
        if to >= bytes.len() || bytes[to] != bytes[q] {
            continue;
        }
        let body = &bytes[from..to];
        if !body
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'+'))
        {
            continue;
        }
        let hex = body
            .iter()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
        if (!hex && body.iter().any(u8::is_ascii_uppercase)) || body.contains(&b'/') {
            out.push(Span::new(from, to));
        }
    }
}

fn boundary_before(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

fn key_id(bytes: &[u8], start: usize, out: &mut Vec<Span>) {
    let end = start + 20;
    if end > bytes.len() || !boundary_before(bytes, start) {
        return;
    }
    let id = &bytes[start..end];
    let shaped = id[..4].iter().all(u8::is_ascii_uppercase)
        && id[4..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let after_ok = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
    if shaped && after_ok {
        out.push(Span::new(start, end));
    }
}

fn credential_after(text: &str, start: usize, end: usize, basic: bool, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    if !boundary_before(bytes, start) || bytes.get(end).is_none_or(|b| !matches!(b, b' ' | b'\t')) {
        return;
    }
    let from = skip_blanks(bytes, end);
    let mut to = from;
    while to < bytes.len() && is_token_byte(bytes[to]) {
        to += 1;
    }
    let token = &bytes[from..to];
    let plausible = if basic {
        token.len() >= 8
            && (token
                .iter()
                .any(|b| b.is_ascii_digit() || matches!(b, b'+' | b'/' | b'='))
                || token[1..].iter().any(u8::is_ascii_uppercase))
    } else {
        token.len() >= 8
    };
    if plausible {
        out.push(Span::new(from, to));
    }
}

/// `scheme://user:password@host`: the whole userinfo is masked.
fn userinfo(text: &str, _start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let limit = (end + 2048).min(bytes.len());
    for (i, &b) in bytes.iter().enumerate().take(limit).skip(end) {
        match b {
            b'@' => {
                if i > end {
                    out.push(Span::new(end, i));
                }
                return;
            }
            b'/' | b'?' | b'#' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'<' | b'>'
            | b'`' => return,
            _ => {}
        }
    }
}

/// `-----BEGIN … -----` up to `-----END`: the body is masked (to the end of the file when no end).
fn pem(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let Some(close) = memchr::memmem::find(&bytes[end..], b"-----") else {
        return;
    };
    let body = end + close + 5;
    let stop = memchr::memmem::find(&bytes[body..], b"-----END")
        .or_else(|| memchr::memmem::find(&bytes[body..], b"-----end"))
        .map_or(bytes.len(), |i| body + i);
    let _ = start;
    out.push(Span::new(body, stop));
}

fn prefixed_token(text: &str, start: usize, end: usize, min: usize, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let prefix_exact = TOKEN_PREFIXES
        .iter()
        .any(|(p, _)| bytes[start..end] == *p.as_bytes());
    if !prefix_exact || !boundary_before(bytes, start) {
        return;
    }
    let mut to = end;
    while to < bytes.len()
        && (bytes[to].is_ascii_alphanumeric() || matches!(bytes[to], b'_' | b'-'))
    {
        to += 1;
    }
    if to - end >= min {
        out.push(Span::new(start, to));
    }
}

fn jwt(bytes: &[u8], start: usize, out: &mut Vec<Span>) {
    if &bytes[start..start + 3] != b"eyJ" || !boundary_before(bytes, start) {
        return;
    }
    let mut to = start;
    let mut dots = 0;
    while to < bytes.len()
        && (bytes[to].is_ascii_alphanumeric() || matches!(bytes[to], b'_' | b'-' | b'.'))
    {
        dots += usize::from(bytes[to] == b'.');
        to += 1;
    }
    if dots >= 2 && to - start >= 24 {
        out.push(Span::new(start, to));
    }
}

/// A copy of `text` with every secret span replaced by `*`, byte for byte, so offsets stay valid.
/// Line terminators inside a span are kept, so the masked view has the same lines as the text.
pub fn redact(text: &str, secrets: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in secrets {
        let end = span.end.min(bytes.len());
        for b in &mut bytes[span.start.min(end)..end] {
            // Continuation bytes of a multi-byte char become `*` too: the result is ASCII there.
            if *b != b'\n' && *b != b'\r' {
                *b = b'*';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Masks every secret [`scan`] finds in a string that did not come from a linted file (an
/// environment variable, a value the doctor prints): the same rules, applied to the string itself.
pub fn mask_str(s: &str) -> Cow<'_, str> {
    let spans = scan(s, FileKind::Shell);
    if spans.is_empty() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(redact(s, &spans))
    }
}

/// Masks a file's secrets in text built from the file (a message quoting a value, a parse error
/// quoting a line, a suppression reason): built once per file, one pass per string.
pub struct Scrubber<'a> {
    source: &'a crate::source::SourceFile,
    /// Every line-long piece of every secret of at least four bytes.
    parts: Option<AhoCorasick>,
}

impl<'a> Scrubber<'a> {
    pub fn new(source: &'a crate::source::SourceFile) -> Self {
        let mut parts: Vec<&str> = source
            .secrets()
            .iter()
            .flat_map(|s| source.text[s.start..s.end].split(['\n', '\r']))
            .filter(|p| p.len() >= 4)
            .collect();
        parts.sort_unstable();
        parts.dedup();
        let parts = (!parts.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&parts)
                    .ok()
            })
            .flatten();
        Scrubber { source, parts }
    }

    /// `s` with the file's secrets masked. Where `s` quotes the raw text of `span` (the finding's own
    /// span) that holds a secret, the quote becomes the masked view of that span, so even a one-byte
    /// secret inside it is masked; elsewhere secrets of four bytes and more are.
    pub fn scrub(&self, s: &str, span: Option<Span>) -> String {
        let text = &self.source.text;
        let mut out = s.to_owned();
        if let Some(span) = span {
            let overlaps = self
                .source
                .secrets()
                .iter()
                .any(|x| x.start < span.end && span.start < x.end);
            if overlaps
                && span.end <= text.len()
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end)
            {
                let raw = &text[span.start..span.end];
                if !raw.is_empty() && out.contains(raw) {
                    out = out.replace(raw, self.source.masked_slice(span));
                }
            }
        }
        if let Some(parts) = &self.parts {
            let mut masked = String::with_capacity(out.len());
            let mut at = 0;
            for m in parts.find_iter(&out) {
                masked.push_str(&out[at..m.start()]);
                masked.extend(std::iter::repeat_n('*', m.end() - m.start()));
                at = m.end();
            }
            masked.push_str(&out[at..]);
            out = masked;
        }
        out
    }

    /// Scrubs a diagnostic's message, help and label messages in place.
    pub fn diagnostic(&self, d: &mut crate::diagnostic::Diagnostic) {
        if self.source.secrets().is_empty() {
            return;
        }
        d.message = self.scrub(&d.message, Some(d.span));
        d.help = self.scrub(&d.help, Some(d.span));
        for label in &mut d.labels {
            label.message = self.scrub(&label.message, Some(label.span));
        }
    }
}

/// The last step of linting a file: the extractor's own secrets join the source's masked view, and
/// every message, help, label, suppression reason and problem is scrubbed through it.
pub fn scrub_result(result: &mut crate::lint::FileResult) {
    let extra = std::mem::take(&mut result.facts.secrets);
    result.source.add_secrets(&extra);
    // Nothing from a file without output is shown: its secrets are left unsearched until something
    // asks for its masked view.
    if !result.has_output() || result.source.secrets().is_empty() {
        return;
    }
    let scrubber = Scrubber::new(&result.source);
    for d in &mut result.diagnostics {
        scrubber.diagnostic(d);
    }
    for s in &mut result.suppressed {
        scrubber.diagnostic(&mut s.diagnostic);
        if let Some(reason) = &mut s.reason {
            *reason = scrubber.scrub(reason, None);
        }
    }
    for p in &mut result.facts.problems {
        p.message = scrubber.scrub(&p.message, Some(p.span));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(kind: FileKind, text: &str) -> String {
        redact(text, &scan(text, kind))
    }

    fn values(kind: FileKind, text: &str) -> Vec<String> {
        scan(text, kind)
            .iter()
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    }

    proptest::proptest! {
        /// A text holding a secret's key is never taken as naming none.
        #[test]
        fn a_secret_key_is_never_missed_by_the_text_check(
            before in "[ -~]{0,12}",
            key in "[a-zA-Z_.-]{0,6}(secret|token|pass|auth|pwd|dsn|api_key|Private-Key|x)[a-zA-Z_.-]{0,6}",
            after in "[ -~]{0,12}",
        ) {
            let text = format!("{before}{key}{after}");
            if is_secret_key(&key) {
                proptest::prop_assert!(may_name_a_secret(text.as_bytes()), "{:?}", text);
            }
        }
    }

    #[test]
    fn texts_that_name_no_secret() {
        assert!(!may_name_a_secret(
            b"bucket = \"logs\"\n tags = { Name = \"x\" }"
        ));
        assert!(may_name_a_secret(b"data = { DB_PASSWORD = \"x\" }"));
        assert!(may_name_a_secret(b"api-Key: x"));
    }

    #[test]
    fn both_automata_find_the_same_needles() {
        let texts = [
            "AWS_SECRET_ACCESS_KEY=x\npassword: y\nAuthorization: Bearer abc.def\n",
            "url = https://user:pw@host/ -----BEGIN RSA PRIVATE KEY----- eyJhbGciOi",
            "AKIAIOSFODNN7EXAMPLE ghp_0123456789 xoxb-1 sk_live_ npm_x AIza basic",
            "ApiKey api-key API_KEY private_key PrivateKey sshKey ssh_key DSN cookie",
            "nothing here at all, only words and numbers 12345",
        ];
        for text in texts {
            let found = |a: &Automaton| {
                a.ac.find_iter(text)
                    .map(|m| (m.start(), m.end(), a.kinds[m.pattern().as_usize()]))
                    .collect::<Vec<_>>()
            };
            assert_eq!(found(&NFA), found(&DFA), "{text}");
        }
        assert!(NFA.ac.find_iter(texts[0]).count() >= 4);
    }

    #[test]
    fn secret_keys() {
        for k in [
            "aws_secret_access_key",
            "aws_session_token",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "DB_PASSWORD",
            "github_token",
            "MYSQL_PWD",
            "NPM_AUTH",
            "_auth",
            "auth",
            "Authorization",
            "apiKey",
            "x-api-key",
            "DB_PASS",
            "SENTRY_DSN",
            "client_secret",
            "passphrase",
            "private_key",
            "ConnectionString",
            "npm_config__authToken",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in [
            "region",
            "AWS_REGION",
            "sts_regional_endpoints",
            "AWS_STS_REGIONAL_ENDPOINTS",
            "AWS_PROFILE",
            "author",
            "authority",
            "endpoint_url",
            "role_arn",
            "useGlobalEndpoint",
            "compass",
            "private",
            "--token-audience",
            "web_identity_token_file",
            "max_tokens",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
        // Names longer than the stack buffer are judged whole: the part past it counts too.
        let long = "x".repeat(70);
        assert!(is_secret_key(&format!("{long}_password")));
        assert!(is_secret_key(&format!("{long}_db_pass")));
        assert!(!is_secret_key(&format!("{long}_password_file")));
        assert!(!is_secret_key(&format!("{long}_region")));
        assert!(is_secret_key(&format!("token_{long}")));
    }

    #[test]
    fn assigned_secrets_in_any_syntax() {
        let text = r#"AWS_SECRET_ACCESS_KEY = "s1"
client(aws_secret_access_key='s2', region="eu-west-1")
{"apiKey": "s3", "name": "x"}
secret_key => 's4'
password: s5
creds := NewCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12")
region = "us-east-1"
"#;
        assert_eq!(
            values(FileKind::Python, text),
            [
                "s1",
                "s2",
                "s3",
                "s4",
                "s5",
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12"
            ]
        );
    }

    #[test]
    fn shell_words_stop_at_whitespace_and_follow_continuations() {
        let text =
            "AWS_STS_REGIONAL_ENDPOINTS=legacy DB_PASSWORD=x OTHER=1\nexport TOKEN=ab\\\ncd next\n";
        assert_eq!(values(FileKind::DotEnv, text), ["x", "ab\\\ncd"]);
        let text = "ENV A=1 MYSQL_PWD=\"p w\"x B=2\nENV NPM_AUTH hunter2 two\n";
        assert_eq!(
            values(FileKind::Dockerfile, text),
            ["p w", "x", "hunter2 two"]
        );
    }

    #[test]
    fn escaped_quotes_multi_line_strings_and_unterminated_quotes() {
        let text = "password = \"a\\\"b\" region = 'x'\n";
        assert_eq!(values(FileKind::Python, text), ["a\\\"b"]);
        let text = "token = \"\"\"line1\nline2\"\"\"\nregion = 'x'\n";
        assert_eq!(values(FileKind::Python, text), ["line1\nline2"]);
        let text = "password = \"abc def\nregion = 'x'\n";
        assert_eq!(values(FileKind::Python, text), ["abc def"]);
    }

    #[test]
    fn yaml_blocks_env_lists_and_ini_continuations() {
        let text = "env:\n  - name: DB_PASSWORD\n    value: \"hunter2\"\n  - name: REGION\n    value: x\nkey: |\n  not masked\nsecret: |\n  line one\n  line two\nnext: 1\n";
        assert_eq!(
            values(FileKind::Yaml, text),
            ["hunter2", "line one", "line two"]
        );
        let text = "[default]\naws_secret_access_key =\n    part1\n    part2\nregion = eu-west-1\n";
        assert_eq!(values(FileKind::AwsCredentials, text), ["part1", "part2"]);
        let text = "[default]\naws_session_token = abc def ; not a comment\nregion = x\n";
        assert_eq!(
            values(FileKind::AwsCredentials, text),
            ["abc def ; not a comment"]
        );
    }

    #[test]
    fn value_shapes_anywhere() {
        let text = "id AKIAIOSFODNN7EXAMPLE and ASIA0123456789ABCDEF\n\
            curl -H 'X: Bearer abc.def-ghi_jkl' https://bob:hunter2@example.com/x\n\
            Basic dXNlcjpwYXNz\nBasic settings are here\n\
            -----BEGIN RSA PRIVATE KEY-----\nMIIEpA\nxyz\n-----END RSA PRIVATE KEY-----\n\
            ghp_0123456789abcdefghijklmnopqrstuvwxyz\n";
        assert_eq!(
            values(FileKind::Shell, text),
            [
                "AKIAIOSFODNN7EXAMPLE",
                "ASIA0123456789ABCDEF",
                "abc.def-ghi_jkl",
                "bob:hunter2",
                "dXNlcjpwYXNz",
                "\nMIIEpA\nxyz\n",
                "ghp_0123456789abcdefghijklmnopqrstuvwxyz"
            ]
        );
    }

    #[test]
    fn high_entropy_tokens_next_to_a_secret_key() {
        let text =
            "c = Credentials(secret_key, k9Xq2LmP7vR4tZ8wN3bY6)\nother k9Xq2LmP7vR4tZ8wN3bY6\n";
        // The line of the key and the next one.
        assert_eq!(
            values(FileKind::Python, text),
            ["k9Xq2LmP7vR4tZ8wN3bY6", "k9Xq2LmP7vR4tZ8wN3bY6"]
        );
        assert!(scan("x = 1\nother k9Xq2LmP7vR4tZ8wN3bY6\n", FileKind::Python).is_empty());
    }

    #[test]
    fn dotted_names_next_to_a_secret_named_word_are_not_masked() {
        // A Hadoop credentials-provider class name is secret-named; the property on the next line is
        // a name, not a token.
        let text = "spark.hadoop.fs.s3a.aws.credentials.provider  org.apache.hadoop.fs.s3a.auth.AssumedRoleCredentialProvider\nspark.hadoop.fs.s3a.assumed.role.sts.endpoint https://sts.amazonaws.com\n";
        assert!(scan(text, FileKind::SparkDefaults).is_empty());
        // A secret property's value still is.
        let text = "spark.hadoop.fs.s3a.secret.key  k9Xq2LmP7vR4tZ8wN3bY6\n";
        assert_eq!(
            values(FileKind::SparkDefaults, text),
            ["k9Xq2LmP7vR4tZ8wN3bY6"]
        );
    }

    #[test]
    fn nothing_sts_related_is_masked() {
        let text = "AWS_STS_REGIONAL_ENDPOINTS=legacy\nsts_regional_endpoints = legacy\nendpoint = \"https://sts.amazonaws.com\"\nregion: aws-global\n";
        for kind in [
            FileKind::DotEnv,
            FileKind::AwsConfig,
            FileKind::Yaml,
            FileKind::Python,
        ] {
            assert!(scan(text, kind).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn redaction_keeps_offsets_and_lines() {
        let text = "id=AKIAIOSFODNN7EXAMPLE é\n";
        let out = redact(text, &[Span::new(3, 23), Span::new(24, 26)]);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "id=******************** **\n");
        assert_eq!(
            masked(FileKind::Yaml, "secret: |\n  a\n  b\n"),
            "secret: |\n  *\n  *\n"
        );
        assert_eq!(mask_str("https://u:p@h/x"), "https://***@h/x");
    }
}
