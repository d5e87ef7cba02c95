//! Secret hygiene, used by every extractor: which values are secrets, so no output ever shows them.

use std::sync::LazyLock;

use crate::source::Span;
use regex::Regex;

/// Keys whose values are secrets: `aws_secret_access_key`, `aws_session_token`, `AWS_SECRET_ACCESS_KEY`,
/// and anything named like a secret, token or password.
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    [
        "secret",
        "token",
        "password",
        "passwd",
        "credential",
        "private_key",
        "api_key",
        "apikey",
    ]
    .iter()
    .any(|needle| key.contains(needle))
}

static KEY_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16}\b")
        .expect("static regex")
});

/// Access-key-id-shaped strings anywhere in a file, whatever the key they sit under.
pub fn find_key_ids(text: &str) -> Vec<Span> {
    if !text.contains("A") {
        return Vec::new();
    }
    KEY_ID
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect()
}

/// A copy of `text` with every secret span replaced by `*`, byte for byte, so offsets stay valid.
pub fn redact(text: &str, secrets: &[Span]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for span in secrets {
        let end = span.end.min(bytes.len());
        for b in &mut bytes[span.start.min(end)..end] {
            // Continuation bytes of a multi-byte char become `*` too: the result is ASCII there.
            *b = b'*';
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_keys() {
        for k in [
            "aws_secret_access_key",
            "aws_session_token",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "DB_PASSWORD",
            "github_token",
        ] {
            assert!(is_secret_key(k), "{k}");
        }
        for k in [
            "region",
            "AWS_REGION",
            "sts_regional_endpoints",
            "AWS_PROFILE",
        ] {
            assert!(!is_secret_key(k), "{k}");
        }
    }

    #[test]
    fn redaction_keeps_offsets() {
        let text = "id=AKIAIOSFODNN7EXAMPLE é\n";
        let spans = find_key_ids(text);
        assert_eq!(spans, vec![Span::new(3, 23)]);
        let out = redact(text, &[Span::new(3, 23), Span::new(24, 26)]);
        assert_eq!(out.len(), text.len());
        assert_eq!(out, "id=******************** **\n");
    }
}
