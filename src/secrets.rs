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

static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)[\w.-]*(?:secret|token|passw(?:or)?d|private_?key|api_?key|credential)[\w.-]*["']?\s*(?:=>|:=|=|:)\s*(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s"',;#)\]}]+))"#,
    )
    .expect("static regex")
});

/// A quoted 40-character string shaped like an AWS secret access key, wherever it is passed.
static SECRET_KEY_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"["']([A-Za-z0-9/+]{40})["']"#).expect("static regex"));

/// Values assigned to secret-named keys in any syntax (`password = "…"`, `"apiKey": "…"`,
/// `aws_secret_access_key="…"`, `secret_key => '…'`), and quoted strings shaped like a secret access
/// key. The net under every extractor: whatever a file kind's own extractor understands, a code frame of
/// a source file, a lockfile or Terraform never shows these.
pub fn find_assigned_secrets(text: &str) -> Vec<Span> {
    let mut found: Vec<Span> = ASSIGNED
        .captures_iter(text)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3)))
        .filter(|m| !m.is_empty())
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    found.extend(
        SECRET_KEY_SHAPE
            .captures_iter(text)
            .filter_map(|c| c.get(1))
            .map(|m| Span::new(m.start(), m.end())),
    );
    found
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
    fn assigned_secrets_in_any_syntax() {
        let text = r#"AWS_SECRET_ACCESS_KEY = "s1"
client(aws_secret_access_key='s2', region="eu-west-1")
{"apiKey": "s3", "name": "x"}
secret_key => 's4'
password: s5
creds := NewCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12")
region = "us-east-1"
"#;
        let values: Vec<&str> = find_assigned_secrets(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            values,
            [
                "s1",
                "s2",
                "s3",
                "s4",
                "s5",
                "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12"
            ]
        );
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
