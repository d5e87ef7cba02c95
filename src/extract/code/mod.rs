//! Extract stage, shared by the source-code extractors (Python, JavaScript/TypeScript, Go, Java/Kotlin,
//! C#, Ruby, PHP, Rust): a lexer for one comment/string syntax family, and the binding analysis that
//! decides whether an STS host string literal is an *endpoint* or an *identifier*.
//!
//! Hand-written rather than eight tree-sitter grammars: the question needs only string literals,
//! comments, brackets and the few tokens that bind a literal to a name (`=`, `:`, `=>`, a call, a
//! preceding `"--flag"`), and those work the same way in every language here. A literal is an endpoint
//! only when its *whole* value is an STS host or URL (`hosts::classify_sts_url`), so prose, the XML
//! namespace, ARNs and `com.amazonaws.<region>.sts` never match; the binding then separates
//! `endpoint_url = "https://sts.amazonaws.com"` from `audience = "sts.amazonaws.com"`.
//!
//! One file per language below holds that language's glue: its syntax and the facts only it has.

pub mod csharp;
pub mod go;
pub mod java;
pub mod java_source;
pub mod javascript;
pub mod php;
pub mod python;
pub mod ruby;
pub mod rust_lang;

use super::facts::{
    Context, ContextId, ContextKind, Endpoint, FileFacts, Identifier, Setting, SettingName,
};
use crate::knowledge::hosts;
use crate::source::{SourceFile, Span};

/// The comment and string syntax of one language family.
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    /// `#` starts a line comment (Python, Ruby, PHP).
    pub hash_comments: bool,
    /// `//` and `/* */` comments.
    pub slash_comments: bool,
    /// `'''`/`"""` strings (Python; `"""` text blocks in Java, Kotlin and C# 11).
    pub triple_quotes: bool,
    /// `'` opens a character literal or a lifetime, not a string (Go, Java, Kotlin, C#, Rust).
    pub char_quotes: bool,
    /// `` ` `` opens a string (JavaScript templates, Go raw strings).
    pub backtick_strings: bool,
    /// Ruby `=begin`/`=end` block comments.
    pub ruby_block_comments: bool,
    /// Letters that may prefix a string (`r`, `b`, `f` in Python; `r`, `b` in Rust); `r` makes it raw.
    pub string_prefixes: &'static [&'static str],
}

pub const PYTHON: Syntax = Syntax {
    hash_comments: true,
    slash_comments: false,
    triple_quotes: true,
    char_quotes: false,
    backtick_strings: false,
    ruby_block_comments: false,
    string_prefixes: &[
        "b", "br", "f", "fr", "r", "rb", "rf", "u", "B", "BR", "Br", "F", "FR", "Fr", "R", "RB",
        "Rb", "RF", "Rf", "U", "bR", "fR", "rB", "rF",
    ],
};

pub const JAVASCRIPT: Syntax = Syntax {
    hash_comments: false,
    slash_comments: true,
    triple_quotes: false,
    char_quotes: false,
    backtick_strings: true,
    ruby_block_comments: false,
    string_prefixes: &[],
};

pub const GO: Syntax = Syntax {
    hash_comments: false,
    slash_comments: true,
    triple_quotes: false,
    char_quotes: true,
    backtick_strings: true,
    ruby_block_comments: false,
    string_prefixes: &[],
};

/// Java, Kotlin and C# (C# verbatim `@"…"` and interpolated `$"…"` strings are read by the lexer).
pub const C_FAMILY: Syntax = Syntax {
    hash_comments: false,
    slash_comments: true,
    triple_quotes: true,
    char_quotes: true,
    backtick_strings: false,
    ruby_block_comments: false,
    string_prefixes: &[],
};

pub const RUBY: Syntax = Syntax {
    hash_comments: true,
    slash_comments: false,
    triple_quotes: false,
    char_quotes: false,
    backtick_strings: false,
    ruby_block_comments: true,
    string_prefixes: &[],
};

pub const PHP: Syntax = Syntax {
    hash_comments: true,
    slash_comments: true,
    triple_quotes: false,
    char_quotes: false,
    backtick_strings: false,
    ruby_block_comments: false,
    string_prefixes: &[],
};

pub const RUST: Syntax = Syntax {
    hash_comments: false,
    slash_comments: true,
    triple_quotes: false,
    char_quotes: true,
    backtick_strings: false,
    ruby_block_comments: false,
    string_prefixes: &["b", "br", "r"],
};

/// JSON (Terraform's `.tf.json`): double-quoted strings, no comments.
pub const JSON: Syntax = Syntax {
    hash_comments: false,
    slash_comments: false,
    triple_quotes: false,
    char_quotes: false,
    backtick_strings: false,
    ruby_block_comments: false,
    string_prefixes: &[],
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A string literal; `text` is its value, `span` the bytes inside the quotes.
    Str,
    /// An identifier, keyword or number.
    Word,
    Punct,
    Newline,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub text: String,
    pub span: Span,
}

/// Multi-character operators, longest first.
const OPERATORS: &[&str] = &[
    "===", "!==", "==", "!=", "=>", ":=", "::", "->", "<=", ">=", "&&", "||", "?.", "??", "+=",
];

/// Splits source text into tokens, dropping comments and whitespace other than newlines.
pub fn lex(text: &str, syntax: &Syntax) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        let at_line_start = line_start;
        line_start = false;
        match c {
            b'\n' => {
                out.push(Token {
                    kind: TokKind::Newline,
                    text: "\n".into(),
                    span: Span::new(i, i + 1),
                });
                i += 1;
                line_start = true;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                line_start = at_line_start;
            }
            b'\\' if matches!(bytes.get(i + 1), Some(b'\n')) => i += 2,
            b'#' if syntax.hash_comments => i = line_end(bytes, i),
            b'/' if syntax.slash_comments && bytes.get(i + 1) == Some(&b'/') => {
                i = line_end(bytes, i)
            }
            b'/' if syntax.slash_comments && bytes.get(i + 1) == Some(&b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |e| e + 2);
            }
            b'=' if syntax.ruby_block_comments
                && at_line_start
                && bytes[i..].starts_with(b"=begin") =>
            {
                i = find(bytes, i, b"\n=end").map_or(bytes.len(), |e| line_end(bytes, e + 1));
            }
            b'"' | b'\'' | b'`' => {
                let is_string = match c {
                    b'`' => syntax.backtick_strings,
                    b'\'' => !syntax.char_quotes,
                    _ => true,
                };
                if is_string {
                    // Go's backtick strings are raw; JavaScript templates take escapes.
                    let raw = c == b'`' && syntax.char_quotes;
                    i = string(text, i, syntax, raw, 0, &mut out);
                } else if c == b'\'' {
                    i = char_literal(text, i, &mut out);
                } else {
                    i = punct(text, i, &mut out);
                }
            }
            // C#: `@"…"` verbatim, `$"…"` interpolated, `$@"…"` / `@$"…"` both.
            b'@' | b'$' if syntax.char_quotes && !syntax.backtick_strings => {
                let rest = &bytes[i..];
                let prefix = [b"@$\"".as_slice(), b"$@\"", b"@\"", b"$\""]
                    .into_iter()
                    .find(|p| rest.starts_with(p));
                match prefix {
                    Some(p) => {
                        let raw = p.contains(&b'@');
                        i = string(text, i + p.len() - 1, syntax, raw, 0, &mut out);
                    }
                    None if c == b'$' => i = word(text, i, syntax, &mut out),
                    None => i = punct(text, i, &mut out),
                }
            }
            _ if c == b'_' || c == b'$' || c.is_ascii_alphanumeric() || c >= 0x80 => {
                i = word(text, i, syntax, &mut out);
            }
            _ => i = punct(text, i, &mut out),
        }
    }
    out
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |n| from + n)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    memchr::memmem::find(hay, needle).map(|n| from + n)
}

fn next_char_len(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

fn punct(text: &str, i: usize, out: &mut Vec<Token>) -> usize {
    let rest = &text[i..];
    let len = OPERATORS
        .iter()
        .find(|op| rest.starts_with(**op))
        .map_or_else(|| next_char_len(text, i), |op| op.len());
    let end = (i + len).min(text.len());
    out.push(Token {
        kind: TokKind::Punct,
        text: text[i..end].to_owned(),
        span: Span::new(i, end),
    });
    end
}

fn word(text: &str, start: usize, syntax: &Syntax, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'_' || c == b'$' || c.is_ascii_alphanumeric() {
            i += 1;
        } else if c >= 0x80 {
            i += next_char_len(text, i);
        } else {
            break;
        }
    }
    let w = &text[start..i];
    // A string prefix (`f"…"`, `r#"…"#`) belongs to the string that follows it.
    if syntax.string_prefixes.contains(&w) {
        let raw = w.contains(['r', 'R']);
        let mut hashes = 0;
        if raw && !syntax.hash_comments {
            while bytes.get(i + hashes) == Some(&b'#') {
                hashes += 1;
            }
        }
        if matches!(bytes.get(i + hashes), Some(b'"' | b'\'')) {
            let quote_ok = bytes[i + hashes] == b'"' || !syntax.char_quotes;
            if quote_ok {
                return string(text, i + hashes, syntax, raw, hashes, out);
            }
        }
    }
    out.push(Token {
        kind: TokKind::Word,
        text: w.to_owned(),
        span: Span::new(start, i),
    });
    i
}

/// A `'x'` / `'\n'` character literal is skipped; anything else (a Rust lifetime) is punctuation.
fn char_literal(text: &str, i: usize, out: &mut Vec<Token>) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(i + 1) == Some(&b'\\') {
        if let Some(end) = bytes[i + 2..]
            .iter()
            .take(12)
            .position(|&b| b == b'\'')
            .map(|n| i + 2 + n)
        {
            return end + 1;
        }
    } else if i + 1 < bytes.len() {
        let len = next_char_len(text, i + 1);
        if bytes.get(i + 1 + len) == Some(&b'\'') {
            return i + 2 + len;
        }
    }
    punct(text, i, out)
}

/// Reads a string starting at the quote at `i`; returns the index after it.
fn string(
    text: &str,
    i: usize,
    syntax: &Syntax,
    raw: bool,
    hashes: usize,
    out: &mut Vec<Token>,
) -> usize {
    let bytes = text.as_bytes();
    let q = bytes[i];
    let triple =
        syntax.triple_quotes && bytes.get(i + 1) == Some(&q) && bytes.get(i + 2) == Some(&q);
    let (open, close_len) = if triple { (3, 3) } else { (1, 1) };
    let start = i + open;
    let mut j = start;
    let mut end = None;
    while j < bytes.len() {
        let b = bytes[j];
        if b == b'\\' && !raw {
            j += 2;
            continue;
        }
        if b == q {
            if triple {
                if bytes.get(j + 1) == Some(&q) && bytes.get(j + 2) == Some(&q) {
                    end = Some(j);
                    break;
                }
            } else if raw && q == b'"' && bytes.get(j + 1) == Some(&b'"') && hashes == 0 {
                // C# verbatim `""` is an escaped quote (Rust raw strings cannot contain `"` unhashed).
                j += 2;
                continue;
            } else if bytes[j + 1..]
                .iter()
                .take(hashes)
                .filter(|&&h| h == b'#')
                .count()
                == hashes
            {
                end = Some(j);
                break;
            }
        }
        if b == b'\n' && !triple && q != b'`' && !raw {
            // Unterminated: stop at the line end so one stray quote cannot swallow the file.
            break;
        }
        j += 1;
    }
    let Some(end) = end else {
        return j.min(bytes.len());
    };
    let end = end.min(bytes.len());
    let inner = text.get(start..end).unwrap_or("");
    out.push(Token {
        kind: TokKind::Str,
        text: inner.replace("\\/", "/"),
        span: Span::new(start, end),
    });
    (end + close_len + hashes).min(bytes.len())
}

/// Tokens with their bracket structure.
pub struct Lexed {
    pub toks: Vec<Token>,
    /// The innermost open bracket around each token (closers share their opener's parent).
    parent: Vec<Option<usize>>,
    /// For a closer, its opener.
    opener: Vec<Option<usize>>,
    /// For an opener, its closer.
    closer: Vec<Option<usize>>,
}

impl Lexed {
    pub fn new(text: &str, syntax: &Syntax) -> Self {
        let toks = lex(text, syntax);
        let n = toks.len();
        let mut parent = vec![None; n];
        let mut opener = vec![None; n];
        let mut closer = vec![None; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            parent[i] = stack.last().copied();
            if t.kind != TokKind::Punct {
                continue;
            }
            match t.text.as_str() {
                "(" | "[" | "{" => stack.push(i),
                ")" | "]" | "}" => {
                    let want = match t.text.as_str() {
                        ")" => "(",
                        "]" => "[",
                        _ => "{",
                    };
                    if let Some(pos) = stack.iter().rposition(|&o| toks[o].text == want) {
                        let o = stack[pos];
                        stack.truncate(pos);
                        parent[i] = stack.last().copied();
                        opener[i] = Some(o);
                        closer[o] = Some(i);
                    }
                }
                _ => {}
            }
        }
        Lexed {
            toks,
            parent,
            opener,
            closer,
        }
    }

    /// The innermost open bracket around token `i`.
    pub fn parent(&self, i: usize) -> Option<usize> {
        self.parent.get(i).copied().flatten()
    }

    fn is(&self, i: usize, text: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text == text)
    }

    /// Whether token `i` ends the element it is in (a `,`, a `;`, or a newline outside `(`/`[`).
    fn is_separator(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.kind {
            TokKind::Newline => {
                // A line that ends in an operator, or a next line that starts a `.call()` chain,
                // continues the statement.
                let continued = i
                    .checked_sub(1)
                    .and_then(|j| self.toks.get(j))
                    .is_some_and(|t| {
                        t.kind == TokKind::Punct && CONTINUES.contains(&t.text.as_str())
                    })
                    || self
                        .toks
                        .get(i + 1)
                        .is_some_and(|t| t.text == "." || t.text == "?.");
                !continued
                    && self.parent[i]
                        .is_none_or(|p| self.toks[p].text == "{" || self.is_declaration_block(p))
            }
            TokKind::Punct => t.text == "," || t.text == ";",
            _ => false,
        }
    }

    /// Go's `const (…)` / `var (…)`: one declaration per line, so a newline ends each.
    fn is_declaration_block(&self, open: usize) -> bool {
        self.toks[open].text == "("
            && open
                .checked_sub(1)
                .and_then(|j| self.toks.get(j))
                .is_some_and(|t| {
                    t.kind == TokKind::Word && matches!(t.text.as_str(), "const" | "var")
                })
    }

    /// The same-level tokens before `p` in its element, first to last (nested groups as their opener
    /// and closer only).
    fn element_before(&self, p: usize) -> (Vec<usize>, Option<usize>) {
        let mut out = Vec::new();
        let mut j = p;
        let floor = self.parent[p].map_or(0, |o| o + 1);
        // Bounded: a real binding sits within a few tokens; hostile one-line files must stay linear.
        let floor = floor.max(p.saturating_sub(MAX_LOOKBACK));
        let mut separator = None;
        while j > floor {
            j -= 1;
            if let Some(o) = self.opener[j] {
                out.push(j);
                j = o;
                out.push(j);
                continue;
            }
            if self.is_separator(j) {
                separator = Some(j);
                break;
            }
            out.push(j);
        }
        out.reverse();
        (out, separator)
    }

    /// The token right after `i` on the same line (after a group's closer when `i` is an opener).
    fn next_after(&self, i: usize) -> Option<usize> {
        let i = self.closer[i].unwrap_or(i) + 1;
        (i < self.toks.len() && self.toks[i].kind != TokKind::Newline).then_some(i)
    }

    /// What the token at `i` is bound to, innermost first.
    pub fn binding(&self, i: usize) -> Binding {
        let mut binding = Binding::default();
        // A string followed by `:` or `=>` is a map key, not a value.
        if let Some(next) = self.next_after(i)
            && (self.is(next, ":") || self.is(next, "=>"))
            && self.toks[i].kind == TokKind::Str
            && self
                .element_before(i)
                .0
                .iter()
                .all(|&t| self.toks[t].kind == TokKind::Newline)
        {
            binding.role = Role::Key;
            return binding;
        }
        let mut p = i;
        for _level in 0..5 {
            let (elem, separator) = self.element_before(p);
            if let Some(next) = self.next_after(p)
                && COMPARISONS.contains(&self.toks[next].text.as_str())
                && self.toks[next].kind != TokKind::Str
            {
                binding.role = Role::Comparison(self.toks[next].text.clone());
                return binding;
            }
            // `"sts.amazonaws.com".equals(host)`: the literal is the receiver of a comparison call.
            if let Some(dot) = self.next_after(p)
                && (self.is(dot, ".") || self.is(dot, "?."))
                && let Some(call) = self.toks.get(dot + 1)
                && COMPARISON_CALLS
                    .iter()
                    .any(|c| normalize(&call.text).ends_with(c))
            {
                binding.role = Role::Comparison(call.text.clone());
                return binding;
            }
            let mut elem = &elem[..];
            if p == i {
                // Assigned, returned or chosen (`x = …`, `return …`, `cond ? … :`, a match arm),
                // rather than passed as an argument or listed in a collection.
                binding.direct = !elem.is_empty();
            }
            // `return "…"`: what is returned has no name of its own; only what follows matters.
            if let Some(k) = elem.iter().rposition(|&t| {
                self.toks[t].kind == TokKind::Word
                    && matches!(self.toks[t].text.as_str(), "return" | "yield" | "throw")
            }) {
                elem = &elem[k + 1..];
            }
            if let Some(&last) = elem.last()
                && self.toks[last].kind != TokKind::Str
                && COMPARISONS.contains(&self.toks[last].text.as_str())
            {
                binding.role = Role::Comparison(self.toks[last].text.clone());
                return binding;
            }
            if self.is(p, "(") {
                // The callee: `aws.String`, `new EndpointConfiguration`, `.endpointOverride`, and a
                // Rust macro (`assert_eq!(`).
                if let [.., word, bang] = elem
                    && self.is(*bang, "!")
                    && self.toks[*word].kind == TokKind::Word
                {
                    elem = &elem[..elem.len() - 1];
                }
                if let Some((&last, rest)) = elem.split_last()
                    && self.toks[last].kind == TokKind::Word
                {
                    let name = self.toks[last].text.clone();
                    if COMPARISON_CALLS
                        .iter()
                        .any(|c| normalize(&name).ends_with(c))
                    {
                        binding.role = Role::Comparison(name);
                        return binding;
                    }
                    binding.names.push(Name {
                        text: name,
                        span: self.toks[last].span,
                        group: self.parent[p],
                    });
                    elem = rest;
                }
            }
            if let [.., before, last] = elem
                && matches!(self.toks[*last].text.as_str(), "||" | "??" | "or" | "?:")
            {
                // `process.env.AUDIENCE || "sts.amazonaws.com"`: the fallback of a named value.
                let named = match self.opener[*before] {
                    Some(o) => (o + 1..*before).find(|&t| self.toks[t].kind == TokKind::Str),
                    None => Some(*before),
                };
                if let Some(t) =
                    named.filter(|&t| matches!(self.toks[t].kind, TokKind::Word | TokKind::Str))
                {
                    binding.names.push(Name {
                        text: self.toks[t].text.clone(),
                        span: self.toks[t].span,
                        group: self.parent[p],
                    });
                }
            }
            if let Some(mut name) = self.assigned_name(elem) {
                name.group = self.parent[p];
                binding.names.push(name);
            } else if elem.is_empty()
                && let Some(sep) = separator
                && self.is(sep, ",")
            {
                // `["--client-id-list", "sts.amazonaws.com"]`, `put("aud", "sts.amazonaws.com")`.
                let (prev, _) = self.element_before(sep);
                if let [only] = prev[..]
                    && self.toks[only].kind == TokKind::Str
                {
                    binding.names.push(Name {
                        text: self.toks[only].text.clone(),
                        span: self.toks[only].span,
                        group: self.parent[p],
                    });
                }
            }
            let Some(open) = self.parent[p] else {
                break;
            };
            if p == i && !self.is_block(open) {
                binding.sibling_identifier = self.sibling_identifier(open, i);
            }
            // `add_argument("--audience", default="sts.amazonaws.com")`: the call's flag names it.
            if self.is(open, "(")
                && let Some(flag) = (open + 1
                    ..self.closer[open]
                        .unwrap_or(self.toks.len())
                        .min(open + 1 + MAX_LOOKBACK))
                    .filter(|&t| self.parent[t] == Some(open) && t != p)
                    .find(|&t| {
                        self.toks[t].kind == TokKind::Str && self.toks[t].text.starts_with("--")
                    })
            {
                binding.names.push(Name {
                    text: self.toks[flag].text.clone(),
                    span: self.toks[flag].span,
                    group: Some(open),
                });
            }
            // A `{` after `)`, `else`, `=>` … opens a code block: the statement ends there.
            if self.is_block(open) {
                break;
            }
            p = open;
        }
        binding
    }

    /// A literal a function returns (`return "…"`, a Rust tail expression, a match arm) under no name
    /// of its own is named by the function: `fn sts_endpoint() -> &str { "sts.amazonaws.com" }` is an
    /// endpoint via `sts_endpoint()`, `def audience(): return "sts.amazonaws.com"` an identifier.
    fn returned_by(&self, i: usize, binding: &Binding, verdict: Verdict) -> Verdict {
        let unnamed = match &verdict {
            Verdict::Endpoint { via } => via.starts_with('"'),
            Verdict::Identifier { .. } => binding.role == Role::Value && !binding.direct,
        };
        if !unnamed
            || !binding
                .names
                .iter()
                .all(|n| name_kind(&n.text) == NameKind::Neutral)
        {
            return verdict;
        }
        let (elem, _) = self.element_before(i);
        let returned = elem.iter().any(|&t| self.toks[t].text == "return")
            || elem.last().is_some_and(|&t| self.is(t, "=>"))
            || (elem.iter().all(|&t| self.toks[t].kind == TokKind::Newline) && self.is_tail(i));
        if !returned {
            return verdict;
        }
        let Some(function) = self.enclosing_function(i) else {
            return verdict;
        };
        match name_kind(&function) {
            NameKind::Identifier => Verdict::Identifier { bound_to: function },
            _ => Verdict::Endpoint {
                via: format!("{function}()"),
            },
        }
    }

    /// Whether token `i` is the last expression of a `{` block (a Rust tail expression).
    fn is_tail(&self, i: usize) -> bool {
        let Some(open) = self.parent[i] else {
            return false;
        };
        if !self.is_block(open) && !self.is_definition(open) {
            return false;
        }
        let mut j = i + 1;
        while self.toks.get(j).is_some_and(|t| t.kind == TokKind::Newline) {
            j += 1;
        }
        self.closer[open] == Some(j)
    }

    /// Whether the word at `i`, followed by `(`, is a function's name where it is defined
    /// (`fn x(`, `func x(`, `func (r T) x(`, `def x(`, `function x(`).
    fn is_definition(&self, i: usize) -> bool {
        let (elem, _) = self.element_before(i);
        elem.iter().any(|&t| {
            self.toks[t].kind == TokKind::Word
                && matches!(
                    self.toks[t].text.as_str(),
                    "fn" | "func" | "def" | "function"
                )
        })
    }

    /// The name of the function whose body holds token `i`: the nearest enclosing `{` block opened
    /// by a definition (brace languages), else the nearest `def name` before it (Python, Ruby).
    fn enclosing_function(&self, i: usize) -> Option<String> {
        let mut g = self.parent[i];
        for _ in 0..8 {
            let Some(open) = g else {
                break;
            };
            if self.toks[open].text == "{" {
                let (elem, _) = self.element_before(open);
                if let Some(name) = elem.iter().enumerate().find_map(|(k, &t)| {
                    let tok = &self.toks[t];
                    let next = elem.get(k + 1).copied()?;
                    (tok.kind == TokKind::Word
                        && self.is(next, "(")
                        && !KEYWORDS.contains(&tok.text.as_str())
                        && !CONDITION_WORDS.contains(&tok.text.as_str())
                        && !matches!(
                            tok.text.as_str(),
                            "fn" | "func" | "function" | "switch" | "match" | "catch" | "return"
                        ))
                    .then(|| tok.text.clone())
                }) && (self.is_definition(open)
                    || elem.first().is_some_and(|&f| self.toks[f].text == name))
                {
                    return Some(name);
                }
            }
            g = self.parent[open];
        }
        // `def name(…):` / `def name` within the look-back window.
        let floor = i.saturating_sub(MAX_LOOKBACK);
        (floor..i).rev().find_map(|t| {
            (self.toks[t].kind == TokKind::Word && self.toks[t].text == "def")
                .then(|| self.toks.get(t + 1))
                .flatten()
                .filter(|n| n.kind == TokKind::Word)
                .map(|n| n.text.clone())
        })
    }

    /// Whether the `{` at `open` opens a code block (after `)`, `else`, `=>`, …) rather than a literal.
    fn is_block(&self, open: usize) -> bool {
        if self.toks[open].text != "{" {
            return false;
        }
        let (before, separator) = self.element_before(open);
        match before.last() {
            // First in its element: a literal inside a list or call (`[{ … }]`, `f({ … })`), else a
            // bare block.
            None => {
                let in_list = separator.is_some_and(|s| self.is(s, ","))
                    || self.parent[open]
                        .is_some_and(|o| matches!(self.toks[o].text.as_str(), "(" | "["));
                !in_list
            }
            Some(&b) => {
                let t = &self.toks[b];
                t.text == ")"
                    || t.text == "=>"
                    || t.text == "->"
                    || (t.kind == TokKind::Word && BLOCK_WORDS.contains(&t.text.as_str()))
            }
        }
    }

    /// A key or value directly inside `group` (other than `except`) that names an identifier:
    /// `{"AttributeKey": "EventSource", "AttributeValue": "sts.amazonaws.com"}`.
    fn sibling_identifier(&self, group: usize, except: usize) -> Option<String> {
        let end = self.closer[group]
            .unwrap_or(self.toks.len())
            .min(group + 1 + MAX_LOOKBACK);
        (group + 1..end)
            .filter(|&t| t != except && self.parent[t] == Some(group))
            // Strings only: a word in a function body (`let aud = …`) is a statement, not a sibling.
            .filter(|&t| self.toks[t].kind == TokKind::Str)
            .map(|t| &self.toks[t].text)
            .find(|text| {
                hosts::classify_sts_url(text).is_none() && name_kind(text) == NameKind::Identifier
            })
            .cloned()
    }

    /// `name =`, `name:`, `name :=`, `name =>` (skipping a ternary's `:`): the name, without its type.
    fn assigned_name(&self, elem: &[usize]) -> Option<Name> {
        let mut lhs_end = None;
        for (k, &t) in elem.iter().enumerate() {
            let tok = &self.toks[t];
            if tok.kind != TokKind::Punct || k == 0 {
                continue;
            }
            let ternary = tok.text == ":" && elem[..k].iter().any(|&x| self.is(x, "?"));
            if matches!(tok.text.as_str(), "=" | ":" | ":=" | "=>" | "+=" | "??") && !ternary {
                lhs_end = Some(k);
                break;
            }
        }
        let lhs = &elem[..lhs_end?];
        // `case "us-east-1":`, `if region == "us-east-1":` end a condition, not an assignment.
        if lhs.iter().any(|&t| {
            let tok = &self.toks[t];
            (tok.kind == TokKind::Word && CONDITION_WORDS.contains(&tok.text.as_str()))
                || (tok.kind == TokKind::Punct && COMPARISONS.contains(&tok.text.as_str()))
        }) {
            return None;
        }
        // Cut a type annotation (`audience: string`, `STS: &str`) before taking the name.
        let lhs = match lhs.iter().position(|&t| self.is(t, ":")) {
            Some(0) | None => lhs,
            Some(k) => &lhs[..k],
        };
        // The name is the last word or string key, unless it is a type after the name (Go `var x string`).
        let first = *lhs.first()?;
        let last = *lhs.last()?;
        let mut candidates: Vec<usize> = (first..=last)
            .filter(|&t| matches!(self.toks[t].kind, TokKind::Word | TokKind::Str))
            .filter(|&t| !KEYWORDS.contains(&self.toks[t].text.as_str()))
            .collect();
        if candidates.len() > 1
            && let Some(&l) = candidates.last()
            && TYPES.contains(&self.toks[l].text.as_str())
        {
            candidates.pop();
        }
        let &name = candidates.last()?;
        Some(Name {
            text: self.toks[name].text.clone(),
            span: self.toks[name].span,
            group: None,
        })
    }
}

/// How many tokens a binding looks at around a literal.
const MAX_LOOKBACK: usize = 256;

/// Punctuation that cannot end a statement.
const CONTINUES: &[&str] = &[
    "=", ":", ":=", "=>", "(", "[", "{", ",", "+", "?", "||", "&&", "??", ".",
];
const COMPARISONS: &[&str] = &[
    "==", "!=", "===", "!==", "in", "case", "when", "not", "<=", ">=",
];
/// Calls that compare or search rather than configure (normalized, suffix match).
const COMPARISON_CALLS: &[&str] = &[
    "equals",
    "equalsignorecase",
    "startswith",
    "endswith",
    "contains",
    "includes",
    "hassuffix",
    "hasprefix",
    "equalfold",
    "match",
    "search",
    "indexof",
    "assertequal",
    "assertequals",
    "asserteq",
    "assertthat",
    "tobe",
    "toequal",
    "eq",
];
const CONDITION_WORDS: &[&str] = &[
    "case", "if", "elif", "elsif", "else", "when", "while", "unless", "default", "for",
];
const BLOCK_WORDS: &[&str] = &[
    "else", "try", "do", "finally", "begin", "loop", "unsafe", "async", "then",
];
const KEYWORDS: &[&str] = &[
    "const",
    "let",
    "var",
    "val",
    "final",
    "static",
    "private",
    "public",
    "protected",
    "internal",
    "readonly",
    "export",
    "pub",
    "def",
    "global",
    "mut",
    "override",
    "lateinit",
    "private_constant",
    "self",
    "this",
    "new",
    "return",
];
const TYPES: &[&str] = &[
    "string", "String", "str", "bool", "int", "Uri", "URI", "URL",
];

/// One name a literal is bound to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    /// The bracket group (its opener's token index) whose element binds this name; `None` at top level.
    pub group: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Role {
    /// Bound to names (possibly none); the verdict comes from them.
    #[default]
    Value,
    /// A map key (`{"sts.amazonaws.com": …}`).
    Key,
    /// An operand of a comparison or a search (`==`, `case`, `.equals(…)`).
    Comparison(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binding {
    pub role: Role,
    /// Innermost first: the key or variable, then the callee, then the enclosing key.
    pub names: Vec<Name>,
    /// A key or value beside the literal in its own group that names an identifier; decides only when
    /// no name does.
    pub sibling_identifier: Option<String>,
    /// The literal is assigned, returned or chosen where it stands, not passed as an argument or
    /// listed in a collection.
    pub direct: bool,
}

/// What an STS host literal is, from its binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Configures where calls go; `via` names what configured it.
    Endpoint { via: String },
    /// Names something: an audience, a client ID, an event source, a principal, a key, a comparison.
    Identifier { bound_to: String },
}

/// Lower-case words of a name: `ClientIdList` → `client id list`, `token.actions…com:aud` → `… aud`.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if !ch.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.extend(ch.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(crate) fn normalize(name: &str) -> String {
    words(name).concat()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameKind {
    Identifier,
    Endpoint,
    Neutral,
}

/// Whether a name says "identifier" (audience, client ID, event source, principal) or "endpoint".
fn name_kind(name: &str) -> NameKind {
    let w = words(name);
    let norm = w.concat();
    // JWT claims (`aud`, `sub`, `iss`) and what a log record says a request carried (CloudTrail
    // `tlsDetails.clientProvidedHostHeader`, an HTTP `Host` header) name hosts, they do not configure one.
    let ident = w
        .iter()
        .any(|x| matches!(x.as_str(), "aud" | "sub" | "iss" | "xmlns" | "arn"))
        || w.last()
            .is_some_and(|x| matches!(x.as_str(), "header" | "headers"))
        || [
            "audience",
            "clientid",
            "idtoken",
            "eventsource",
            "principal",
            "thumbprint",
            "namespace",
            "oidc",
            "issuer",
        ]
        .iter()
        .any(|k| norm.contains(k))
        || w.last()
            .is_some_and(|x| matches!(x.as_str(), "provider" | "providers" | "source" | "sources"))
        || norm == "service";
    if ident {
        return NameKind::Identifier;
    }
    let endpoint = [
        "endpoint", "url", "uri", "host", "address", "addr", "server", "domain",
    ]
    .iter()
    .any(|k| norm.contains(k));
    if endpoint {
        NameKind::Endpoint
    } else {
        NameKind::Neutral
    }
}

/// Decides endpoint versus identifier: the innermost name that says either wins; a literal bound only
/// to neutral names (a constant of any name, a `return`) is an endpoint, because its whole value is one.
pub fn verdict(binding: &Binding, literal: &str) -> Verdict {
    match &binding.role {
        Role::Key => {
            return Verdict::Identifier {
                bound_to: "map key".into(),
            };
        }
        Role::Comparison(op) => {
            return Verdict::Identifier {
                bound_to: op.clone(),
            };
        }
        Role::Value => {}
    }
    for name in &binding.names {
        match name_kind(&name.text) {
            NameKind::Identifier => {
                return Verdict::Identifier {
                    bound_to: name.text.clone(),
                };
            }
            NameKind::Endpoint => {
                return Verdict::Endpoint {
                    via: name.text.clone(),
                };
            }
            NameKind::Neutral => {}
        }
    }
    if let Some(sibling) = &binding.sibling_identifier {
        return Verdict::Identifier {
            bound_to: sibling.clone(),
        };
    }
    // A bare host handed to a function or listed in a collection under no telling name is a value
    // being talked about (`ensure_scope(…, "sts.amazonaws.com")`, a table of event sources); a URL
    // there is still a place to call (`requests.post("https://sts.amazonaws.com", …)`).
    if !binding.direct && !literal.contains("://") {
        return Verdict::Identifier {
            bound_to: "an argument or collection item under no endpoint name".into(),
        };
    }
    Verdict::Endpoint {
        via: binding
            .names
            .iter()
            // A name, not a value: `"us-east-1" => "https://sts.amazonaws.com"` is a match arm.
            .find(|n| {
                !COMPARISON_CALLS.contains(&normalize(&n.text).as_str())
                    && !n.text.is_empty()
                    && (n.text.starts_with("--")
                        || n.text
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '$'))
            })
            .map_or_else(|| format!("\"{literal}\""), |n| n.text.clone()),
    }
}

/// The region an SDK enum constant names: Java `AP_EAST_1` (v1 `Regions`, v2 `Region`), .NET
/// `APEast1` (`RegionEndpoint`). Only names that come out as real region names count.
fn enum_region(word: &str) -> Option<String> {
    let name = if word.contains('_') {
        if !word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        {
            return None;
        }
        word.to_ascii_lowercase().replace('_', "-")
    } else {
        // `APEast1` → `ap-east-1`: a two-letter upper-case prefix, a direction, a number.
        let prefix = word.get(..2)?;
        if !prefix.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let rest = &word[2..];
        let digits = rest.find(|c: char| c.is_ascii_digit())?;
        let (direction, number) = rest.split_at(digits);
        if direction.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        format!(
            "{}-{}-{number}",
            prefix.to_ascii_lowercase(),
            direction.to_ascii_lowercase()
        )
    };
    // Region names are `<area>-[gov-]<direction>-<n>`; anything else (`HTTP2`) is another constant.
    let parts: Vec<&str> = name.split('-').collect();
    let known = match parts[..] {
        [area, direction, _] | [area, "gov", direction, _] => {
            REGION_AREAS.contains(&area) && REGION_DIRECTIONS.contains(&direction)
        }
        _ => false,
    };
    (known && hosts::is_region_name(&name)).then_some(name)
}

/// Area prefixes of region names (boto/botocore `botocore/data/partitions.json` `regionRegex` of the
/// `aws`, `aws-cn` and `aws-us-gov` partitions).
const REGION_AREAS: &[&str] = &["af", "ap", "ca", "cn", "eu", "il", "me", "mx", "sa", "us"];
const REGION_DIRECTIONS: &[&str] = &[
    "central",
    "east",
    "north",
    "northeast",
    "northwest",
    "south",
    "southeast",
    "southwest",
    "west",
];

/// Whether a name is about the region (`region`, `region_name`, `Region`, `AWS_REGION`).
fn is_region_name_key(name: &str) -> bool {
    words(name).iter().any(|w| w == "region")
}

/// Records STS host literals (endpoints and identifiers) and the regions they are configured with.
///
/// A region applies to the bracket group that binds it (`boto3.client(…, region_name=…)`,
/// `&aws.Config{Region: …}`, `StsClient { region = … }`) and every group inside it; a region bound at
/// the top level of the file applies to the whole file. A group or file naming two different regions
/// names none.
pub fn scan(facts: &mut FileFacts, lexed: &Lexed) {
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut regions: Vec<(Option<usize>, String, Span, Name)> = Vec::new();
    for (i, tok) in lexed.toks.iter().enumerate() {
        if tok.kind == TokKind::Word
            && let Some(region) = enum_region(&tok.text)
        {
            // `Region.AP_EAST_1` (Java), `RegionEndpoint.APEast1` (.NET) bound to a region.
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.iter().find(|n| is_region_name_key(&n.text))
            {
                regions.push((name.group, region, tok.span, name.clone()));
            }
            continue;
        }
        if tok.kind != TokKind::Str {
            continue;
        }
        if let Some(host) = hosts::classify_sts_url(&tok.text) {
            let binding = lexed.binding(i);
            let verdict = lexed.returned_by(i, &binding, verdict(&binding, &tok.text));
            match verdict {
                Verdict::Endpoint { via } => endpoints.push(Endpoint {
                    url: tok.text.clone(),
                    host,
                    span: tok.span,
                    // The token index for now; replaced by its context below.
                    context: i,
                    via,
                    all_services: false,
                }),
                Verdict::Identifier { bound_to } => facts.identifiers.push(Identifier {
                    host,
                    span: tok.span,
                    bound_to,
                }),
            }
        } else if matches!(
            tok.text.as_str(),
            "0" | "F"
                | "FALSE"
                | "False"
                | "f"
                | "false"
                | "1"
                | "T"
                | "TRUE"
                | "True"
                | "t"
                | "true"
        ) {
            // CDK and SDK code that renders a ServiceAccount:
            // `{"eks.amazonaws.com/sts-regional-endpoints": "false"}`.
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.first()
                && name.text == super::terraform::IRSA_ANNOTATION
            {
                facts.push_setting(Setting {
                    name: SettingName::IrsaRegionalSts,
                    key: name.text.clone(),
                    key_span: name.span,
                    value: tok.text.clone(),
                    value_span: tok.span,
                    context: 0,
                });
            }
        } else if hosts::is_region_name(&tok.text) {
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.iter().find(|n| is_region_name_key(&n.text))
            {
                regions.push((name.group, tok.text.clone(), tok.span, name.clone()));
            }
        }
    }
    follow_carriers(facts, lexed, &mut endpoints);
    let mut groups: Vec<(Option<usize>, ContextId)> = Vec::new();
    let mut seen: Vec<Option<usize>> = Vec::new();
    for (group, value, ..) in &regions {
        if seen.contains(group) {
            continue;
        }
        seen.push(*group);
        let same: Vec<_> = regions.iter().filter(|r| r.0 == *group).collect();
        if same.iter().any(|r| &r.1 != value) {
            continue;
        }
        let context = match group {
            None => 0,
            Some(_) => facts.add_context(Context {
                kind: ContextKind::CodeGroup,
                parent: Some(0),
                header: None,
            }),
        };
        groups.push((*group, context));
        for (_, value, span, name) in same {
            facts.push_setting(Setting {
                name: SettingName::Region,
                key: name.text.clone(),
                key_span: name.span,
                value: value.clone(),
                value_span: *span,
                context,
            });
        }
    }
    for mut endpoint in endpoints {
        let token = endpoint.context;
        let enclosing = std::iter::successors(lexed.parent(token), |&g| lexed.parent(g));
        endpoint.context = enclosing
            .into_iter()
            .find_map(|g| groups.iter().find(|(k, _)| *k == Some(g)).map(|(_, c)| *c))
            .unwrap_or(0);
        facts.endpoints.push(endpoint);
    }
}

/// How many uses of one constant or function [`follow_carriers`] reads.
const MAX_USES: usize = 16;

/// One hop of same-file data flow: an endpoint found under a neutral name (`GLOBAL = "…"`) or returned
/// by a function (`sts_endpoint()`) is judged again by where that name is used. A use bound to an
/// endpoint name (`endpoint_url=GLOBAL`, `.endpoint_url(sts_endpoint())`) names both in the message and
/// lends the use's region (its context); when no use is an endpoint and one is bound to an identifier
/// name (`audience: GLOBAL`), the literal is an identifier. Every word is indexed once and each name's
/// uses are capped, so the pass stays linear.
fn follow_carriers(facts: &mut FileFacts, lexed: &Lexed, endpoints: &mut Vec<Endpoint>) {
    let carriers: Vec<usize> = endpoints
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let name = e.via.trim_end_matches("()");
            !name.starts_with('"')
                && !name.starts_with("--")
                && (name_kind(name) == NameKind::Neutral || e.via.ends_with("()"))
        })
        .map(|(k, _)| k)
        .collect();
    if carriers.is_empty() {
        return;
    }
    let mut uses: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (t, tok) in lexed.toks.iter().enumerate() {
        if tok.kind == TokKind::Word {
            let list = uses.entry(tok.text.as_str()).or_default();
            if list.len() < MAX_USES + 1 {
                list.push(t);
            }
        }
    }
    let mut dropped: Vec<usize> = Vec::new();
    for k in carriers {
        let carrier = endpoints[k].via.clone();
        let name = carrier.trim_end_matches("()");
        let mut endpoint_use = None;
        let mut identifier_use = None;
        for &u in uses
            .get(name)
            .map_or(&[][..], |v| &v[..])
            .iter()
            .take(MAX_USES)
        {
            // The definition itself (`GLOBAL = "…"`, `fn sts_endpoint()`) is not a use.
            let defines = lexed.next_after(u).is_some_and(|n| {
                matches!(lexed.toks[n].text.as_str(), "=" | ":=" | ":")
                    || (lexed.toks[n].text == "(" && lexed.is_definition(u))
            });
            if defines {
                continue;
            }
            let binding = lexed.binding(u);
            if binding.role != Role::Value {
                continue;
            }
            let named = binding
                .names
                .iter()
                .filter(|n| n.text != name)
                .find(|n| name_kind(&n.text) != NameKind::Neutral);
            match named.map(|n| (name_kind(&n.text), n)) {
                Some((NameKind::Endpoint, n)) if endpoint_use.is_none() => {
                    endpoint_use = Some((n.text.clone(), u));
                }
                Some((NameKind::Identifier, n)) if identifier_use.is_none() => {
                    identifier_use = Some(n.text.clone());
                }
                _ => {}
            }
        }
        if let Some((via, u)) = endpoint_use {
            endpoints[k].via = format!("{via} = {carrier}");
            endpoints[k].context = u;
        } else if let Some(bound_to) = identifier_use {
            facts.identifiers.push(Identifier {
                host: endpoints[k].host.clone(),
                span: endpoints[k].span,
                bound_to: format!("{bound_to} (via {carrier})"),
            });
            dropped.push(k);
        }
    }
    for k in dropped.into_iter().rev() {
        endpoints.remove(k);
    }
}

/// The context a token at `i` belongs to: the [`ContextKind::CodeGroup`] of the innermost enclosing
/// group that binds a region (recorded by [`scan`]), else the whole file. For extractors that record
/// settings of their own (JavaScript client options), so the region written beside them applies.
pub fn enclosing_context(facts: &FileFacts, lexed: &Lexed, i: usize) -> ContextId {
    let enclosing: Vec<usize> = std::iter::successors(lexed.parent(i), |&g| lexed.parent(g))
        .take(MAX_LOOKBACK)
        .collect();
    facts
        .settings(SettingName::Region)
        .filter(|s| s.context != 0)
        .filter_map(|s| {
            let j = lexed
                .toks
                .binary_search_by_key(&s.value_span.start, |t| t.span.start)
                .ok()?;
            let depth = enclosing.iter().position(|&g| Some(g) == lexed.parent(j))?;
            Some((depth, s.context))
        })
        .min_by_key(|&(depth, _)| depth)
        .map_or(0, |(_, c)| c)
}

/// Lexes and scans one source file with its syntax.
pub fn extract(source: &SourceFile, syntax: &Syntax) -> (FileFacts, Lexed) {
    let mut facts = FileFacts::new(source.kind);
    let lexed = Lexed::new(&source.text, syntax);
    scan(&mut facts, &lexed);
    (facts, lexed)
}

/// Test helper: every STS host literal with its verdict, as `endpoint(via)` / `identifier(bound_to)`.
#[cfg(test)]
pub fn verdicts(source: &SourceFile, facts: &FileFacts) -> Vec<String> {
    use crate::knowledge::hosts::Host;
    let mut out: Vec<(Span, String)> = facts
        .endpoints
        .iter()
        .map(|e| {
            let kind = if e.host == Host::Global {
                "global"
            } else {
                "regional"
            };
            (e.span, format!("{kind} endpoint via {}", e.via))
        })
        .chain(
            facts
                .identifiers
                .iter()
                .map(|i| (i.span, format!("identifier: {}", i.bound_to))),
        )
        .collect();
    out.sort();
    out.into_iter()
        .map(|(span, v)| {
            let (line, _) = source.line_col(span.start);
            format!("{line}: {v}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str, syntax: &Syntax) -> Vec<(TokKind, String)> {
        lex(text, syntax)
            .into_iter()
            .filter(|t| t.kind != TokKind::Newline)
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn comments_are_dropped_and_strings_kept() {
        let got = kinds("x = 'a' # 'b'\n\"\"\"doc 'c'\"\"\"", &PYTHON);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[2], (TokKind::Str, "a".into()));
        assert_eq!(got[3], (TokKind::Str, "doc 'c'".into()));
        let got = kinds("a := `raw\\` // \"x\"\n/* \"y\" */ 'c'", &GO);
        assert_eq!(
            got.iter().filter(|t| t.0 == TokKind::Str).count(),
            1,
            "{got:?}"
        );
        let got = kinds("let s = r#\"a\"b\"#; fn f<'a>(x: &'a str) {}", &RUST);
        assert!(got.contains(&(TokKind::Str, "a\"b".into())), "{got:?}");
        let got = kinds("var u = @\"c:\\x\"\"y\"; var v = $\"{a}\";", &C_FAMILY);
        assert!(
            got.contains(&(TokKind::Str, "c:\\x\"\"y".into())),
            "{got:?}"
        );
        let got = kinds("=begin\n'no'\n=end\nx = 'yes'", &RUBY);
        assert_eq!(got.iter().filter(|t| t.0 == TokKind::Str).count(), 1);
    }

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "\"", "'", "`", "r#\"", "@\"", "/*", "'\\", "é'", "x = 'é", "\"\\", "r###", "$@",
            "'\\'",
        ] {
            for syntax in [PYTHON, JAVASCRIPT, GO, C_FAMILY, RUBY, PHP, RUST] {
                let lexed = Lexed::new(text, &syntax);
                for i in 0..lexed.toks.len() {
                    let _ = lexed.binding(i);
                }
            }
        }
    }

    #[test]
    fn sdk_region_enums() {
        assert_eq!(enum_region("AP_EAST_1").as_deref(), Some("ap-east-1"));
        assert_eq!(enum_region("APEast1").as_deref(), Some("ap-east-1"));
        assert_eq!(enum_region("MECentral1").as_deref(), Some("me-central-1"));
        assert_eq!(
            enum_region("APSoutheast3").as_deref(),
            Some("ap-southeast-3")
        );
        assert_eq!(
            enum_region("US_GOV_WEST_1").as_deref(),
            Some("us-gov-west-1")
        );
        for not in [
            "MAX_RETRIES_3",
            "HTTP2",
            "US",
            "Ap_east_1",
            "é",
            "AB",
            "TLS_V1_2",
            "XXEast1",
        ] {
            assert_eq!(enum_region(not), None, "{not}");
        }
    }

    #[test]
    fn huge_flat_inputs_stay_fast() {
        let one_line = "x = ".to_owned() + &"\"sts.amazonaws.com\" + ".repeat(20_000) + "1\n";
        let array = "x = [".to_owned() + &"\"sts.amazonaws.com\", ".repeat(20_000) + "]\n";
        for text in [one_line, array] {
            let started = std::time::Instant::now();
            let source = SourceFile::from_text("big.py", crate::classify::FileKind::Python, text);
            let (facts, _) = extract(&source, &PYTHON);
            assert_eq!(facts.endpoints.len() + facts.identifiers.len(), 20_000);
            assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        }
    }

    #[test]
    fn words_split_case_and_punctuation() {
        assert_eq!(words("ClientIdList"), ["client", "id", "list"]);
        assert_eq!(
            words("token.actions.githubusercontent.com:aud")
                .last()
                .unwrap(),
            "aud"
        );
        assert_eq!(words("STS_ENDPOINT"), ["sts", "endpoint"]);
        assert_eq!(name_kind("auditEndpoint"), NameKind::Endpoint);
        assert_eq!(name_kind("audiences"), NameKind::Identifier);
        assert_eq!(name_kind("ServiceURL"), NameKind::Endpoint);
        assert_eq!(name_kind("DEFAULT_STS"), NameKind::Neutral);
    }

    fn run(
        path: &str,
        kind: crate::classify::FileKind,
        syntax: &Syntax,
        text: &str,
    ) -> Vec<String> {
        let source = SourceFile::from_text(path, kind, text);
        let (facts, _) = extract(&source, syntax);
        verdicts(&source, &facts)
    }

    #[test]
    fn one_hop_through_a_constant_or_a_function() {
        use crate::classify::FileKind;
        let rust = "fn sts_host() -> &'static str {\n    \"sts.amazonaws.com\"\n}\nconst GLOBAL: &str = \"https://sts.amazonaws.com\";\nfn conf() { Builder::new().endpoint_url(GLOBAL).build(); }\nconst ISSUER_AUD: &str = \"x\";\nconst DEFAULT: &str = \"sts.amazonaws.com\";\nfn token() { Options { audience: DEFAULT } }\n";
        assert_eq!(
            run("src/sts.rs", FileKind::Rust, &RUST, rust),
            [
                "2: global endpoint via sts_host()",
                "4: global endpoint via endpoint_url = GLOBAL",
                "7: identifier: audience (via DEFAULT)",
            ]
        );
        let py = "def audience():\n    return \"sts.amazonaws.com\"\n\ndef sts_url():\n    return \"https://sts.amazonaws.com\"\n\nboto3.client(\"sts\", region_name=\"ap-east-1\", endpoint_url=sts_url())\n";
        let source = SourceFile::from_text("app.py", FileKind::Python, py);
        let (facts, _) = extract(&source, &PYTHON);
        assert_eq!(
            verdicts(&source, &facts),
            [
                "2: identifier: audience",
                "5: global endpoint via endpoint_url = sts_url()"
            ]
        );
        // The use's region is the endpoint's: the fix and STS202 name it.
        assert_eq!(facts.region(facts.endpoints[0].context), Some("ap-east-1"));
        let go = "func stsEndpoint() string {\n\treturn \"https://sts.amazonaws.com\"\n}\n";
        assert_eq!(
            run("main.go", FileKind::Go, &GO, go),
            ["2: global endpoint via stsEndpoint()"]
        );
    }

    #[test]
    fn keys_records_and_go_blocks_bind_where_they_stand() {
        use crate::classify::FileKind;
        let go = "package auth\n\nconst (\n\tretries = 3\n\tstsHost = \"sts.amazonaws.com\"\n)\n\nvar (\n\tname    = \"x\"\n\tissuerAud = \"sts.amazonaws.com\"\n)\n\nvar tokens = map[string]Token{\n\t\"sts.amazonaws.com\": {},\n}\n";
        assert_eq!(
            run("auth.go", FileKind::Go, &GO, go),
            [
                "5: global endpoint via stsHost",
                "10: identifier: issuerAud",
                "14: identifier: map key",
            ]
        );
        let py = "RECORD = {\n    \"eventSource\": \"sts.amazonaws.com\",\n    \"tlsDetails\": {\n        \"clientProvidedHostHeader\": \"sts.amazonaws.com\",\n    },\n    \"userIdentity\": {\"sub\": \"sts.amazonaws.com\"},\n}\n";
        assert_eq!(
            run("tests/test_trail.py", FileKind::Python, &PYTHON, py),
            [
                "2: identifier: eventSource",
                "4: identifier: clientProvidedHostHeader",
                "6: identifier: sub",
            ]
        );
    }
}
