//! Part of the Java/Kotlin extractor ([`super::java`]): `new AWSSecurityTokenServiceClient(…)`, the
//! deprecated SDK v1 constructors that ignore `AWS_STS_REGIONAL_ENDPOINTS` (sts-facts §1).
//!
//! Hand-written: only comments, string and character literals and text blocks must be skipped to find a
//! constructor call, which a full Java parser (tree-sitter) would do at many times the build cost.

use crate::source::{SourceFile, Span};

const CLASS: &str = "AWSSecurityTokenServiceClient";

/// Spans of the class name in each `new AWSSecurityTokenServiceClient(` call.
pub fn deprecated_constructors(source: &SourceFile) -> Vec<Span> {
    let mut found = Vec::new();
    if !super::mentions_any(&source.text, &[CLASS]) {
        return found;
    }
    let code = blank_non_code(&source.text);
    let bytes = code.as_bytes();
    for at in memchr::memmem::find_iter(bytes, CLASS.as_bytes()) {
        let end = at + CLASS.len();
        // Not a prefix of a longer name (`AWSSecurityTokenServiceClientBuilder`).
        if bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            continue;
        }
        // A `(` (after optional spaces or a diamond/generic) must follow.
        let after = code[end..].trim_start();
        if !after.starts_with('(') {
            continue;
        }
        // `new` must precede it, possibly with a qualified name (`new com.amazonaws….AWSSecurity…`).
        let before = code[..at]
            .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_');
        let before = before.trim_end();
        let is_new = before.ends_with("new")
            && !before[..before.len() - 3]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if is_new {
            found.push(Span::new(at, end));
        }
    }
    found
}

/// The text with comments and literals replaced by spaces (newlines kept), so offsets stay the same.
fn blank_non_code(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to.min(bytes.len())] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    while i < bytes.len() {
        let rest = &bytes[i..];
        let end = if rest.starts_with(b"//") {
            memchr::memchr(b'\n', rest).map_or(bytes.len(), |n| i + n)
        } else if rest.starts_with(b"/*") {
            memchr::memmem::find(&rest[2..], b"*/").map_or(bytes.len(), |n| i + 2 + n + 2)
        } else if rest.starts_with(b"\"\"\"") {
            memchr::memmem::find(&rest[3..], b"\"\"\"").map_or(bytes.len(), |n| i + 3 + n + 3)
        } else if rest[0] == b'"' || rest[0] == b'\'' {
            let quote = rest[0];
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != quote && bytes[j] != b'\n' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(bytes.len())
        } else {
            i += 1;
            continue;
        };
        blank(&mut out, i, end);
        i = end.max(i + 1);
    }
    // Only ASCII bytes were replaced, by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn finds_constructor_calls_only() {
        let text = r#"import com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClient;
class A {
  // new AWSSecurityTokenServiceClient() in a comment
  String s = "new AWSSecurityTokenServiceClient(creds)";
  AWSSecurityTokenService a = new AWSSecurityTokenServiceClient(creds);
  AWSSecurityTokenService b = new com.amazonaws.services.securitytoken.AWSSecurityTokenServiceClient ();
  AWSSecurityTokenService c = AWSSecurityTokenServiceClientBuilder.standard().build();
  AWSSecurityTokenService d = renew AWSSecurityTokenServiceClient(x);
}
"#;
        let source = SourceFile::from_text("A.java", FileKind::Jvm, text);
        let lines: Vec<_> = deprecated_constructors(&source)
            .iter()
            .map(|s| source.line_col(s.start).0)
            .collect();
        assert_eq!(lines, vec![5, 6]);
    }
}
