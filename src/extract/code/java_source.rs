//! Part of the Java/Kotlin extractor ([`super::java`]): `new AWSSecurityTokenServiceClient(…)`, the
//! deprecated SDK v1 constructors that ignore `AWS_STS_REGIONAL_ENDPOINTS` unless a region or endpoint is set on the client
//! (aws/aws-sdk-java `aws-java-sdk-sts/src/main/java/com/amazonaws/services/securitytoken/
//! AWSSecurityTokenServiceClient.java`: `init()` sets `sts.amazonaws.com`; `setRegion` goes through
//! `RegionalEndpointsOptionResolver`).
//!
//! Hand-written: only comments, string and character literals and text blocks must be skipped to find a
//! constructor call, which a full Java parser (tree-sitter) would do at many times the build cost.

use crate::source::{SourceFile, Span};

const CLASS: &str = "AWSSecurityTokenServiceClient";

/// Calls that make a constructor-built client resolve its endpoint again: `setRegion`/`withRegion` go
/// through `mapToLegacyRegionIfNecessary` and `RegionalEndpointsOptionResolver` (aws/aws-sdk-java
/// `AWSSecurityTokenServiceClient.java`), `setEndpoint` sets one outright.
const RESOLVING_CALLS: &[&str] = &[".setRegion(", ".withRegion(", ".setEndpoint("];

/// How far after a constructor call its arguments and the rest of its scope are read: a real method
/// is far shorter, and a hostile file with many calls must stay linear.
const SCOPE_WINDOW: usize = 16 * 1024;

/// Spans of the class name in each `new AWSSecurityTokenServiceClient(` call after which no
/// `setRegion`/`withRegion`/`setEndpoint` follows on the same variable in the same scope (or chained on
/// the call itself): only such a client stays on `sts.amazonaws.com` whatever the setting.
pub fn deprecated_constructors(source: &SourceFile) -> Vec<Span> {
    let mut found = Vec::new();
    if !crate::extract::mentions_any(&source.text, &[CLASS]) {
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
        if is_new && !resolved_later(&code, at, end) {
            found.push(Span::new(at, end));
        }
    }
    found
}

/// Whether a `setRegion`/`withRegion`/`setEndpoint` call follows the constructor at `at..end`: chained
/// on it, or on the variable it is assigned to, before the enclosing block closes.
fn resolved_later(code: &str, at: usize, end: usize) -> bool {
    let mut limit = (end + SCOPE_WINDOW).min(code.len());
    while !code.is_char_boundary(limit) {
        limit -= 1;
    }
    let code = &code[..limit];
    let bytes = code.as_bytes();
    // The constructor's argument list, then what is chained on it.
    let Some(open) = code[end..].find('(').map(|i| end + i) else {
        return false;
    };
    let mut depth = 0usize;
    let mut close = None;
    for (i, b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(close) = close else {
        return false;
    };
    let chained = code[close + 1..].trim_start();
    if RESOLVING_CALLS.iter().any(|c| chained.starts_with(c)) {
        return true;
    }
    // `Type sts = new …`, `sts = new …`, `this.sts = new …`, Kotlin `val sts = …`.
    let before = code[..at]
        .trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        .trim_end();
    let Some(before) = before.strip_suffix("new") else {
        return false;
    };
    let Some(lhs) = before.trim_end().strip_suffix('=') else {
        return false;
    };
    let lhs = lhs.trim_end();
    let var: &str = lhs
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .next()
        .unwrap_or("");
    if var.is_empty() {
        return false;
    }
    // The end of the enclosing block: the `}` that closes the scope the assignment is in.
    let mut depth = 0usize;
    let mut scope_end = bytes.len();
    for (i, b) in bytes.iter().enumerate().skip(close) {
        match b {
            b'{' => depth += 1,
            b'}' if depth == 0 => {
                scope_end = i;
                break;
            }
            b'}' => depth -= 1,
            _ => {}
        }
    }
    let scope = &code[close..scope_end];
    RESOLVING_CALLS.iter().any(|call| {
        memchr::memmem::find_iter(scope.as_bytes(), call.as_bytes()).any(|i| {
            let receiver = scope[..i].trim_end();
            receiver.ends_with(var)
                && !receiver[..receiver.len() - var.len()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    })
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

    /// The lines of the deprecated constructor calls in a Java file.
    fn constructor_lines(text: &str) -> Vec<usize> {
        let source = SourceFile::from_text("A.java", FileKind::Jvm, text);
        deprecated_constructors(&source)
            .iter()
            .map(|s| source.line_col(s.start).0)
            .collect()
    }

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
        assert_eq!(constructor_lines(text), vec![5, 6]);
    }

    #[test]
    fn a_later_region_or_endpoint_call_resolves_the_client() {
        // aws/aws-sdk-java `AWSSecurityTokenServiceClient.java`: `setRegion` goes through
        // `RegionalEndpointsOptionResolver`, so the setting is honoured from then on.
        let text = r#"class A {
  void a() {
    AWSSecurityTokenService a = new AWSSecurityTokenServiceClient(creds);
    a.setRegion(Region.getRegion(Regions.EU_WEST_1));
  }
  void b() {
    AWSSecurityTokenServiceClient b = new AWSSecurityTokenServiceClient(creds);
    other.setRegion(region);
  }
  void c() {
    AWSSecurityTokenService c = new AWSSecurityTokenServiceClient(creds).withRegion(Regions.EU_WEST_1);
    this.d = new AWSSecurityTokenServiceClient(creds, config);
    this.d.setEndpoint("https://sts.eu-west-1.amazonaws.com");
  }
  void e() {
    AWSSecurityTokenService e = new AWSSecurityTokenServiceClient(creds);
  }
  void f() { e.setRegion(region); }
}
"#;
        assert_eq!(constructor_lines(text), vec![7, 16]);
    }
}
