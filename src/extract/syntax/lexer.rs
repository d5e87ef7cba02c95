//! Extract stage, shared syntax: the source-code lexer. It splits the text of one language family
//! (Python, JavaScript/TypeScript, Go, Java/Kotlin, C#, Ruby, PHP, Rust, and JSON for `.tf.json`)
//! into string literals, words, punctuation and newlines, dropping comments, and pairs the brackets.
//!
//! Hand-written rather than eight tree-sitter grammars: the binding analysis that reads these tokens
//! ([`crate::extract::code`]) needs only string literals, comments, brackets and a few operators, and
//! those work the same way in every language here.

use crate::source::Span;

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
    pub(crate) parent: Vec<Option<usize>>,
    /// For a closer, its opener.
    pub(crate) opener: Vec<Option<usize>>,
    /// For an opener, its closer.
    pub(crate) closer: Vec<Option<usize>>,
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
}
