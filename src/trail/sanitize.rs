//! trail, render stage: the output sanitizer for strings from logs (user agents, ARNs, file names) and
//! `--redact`'s stable hashes.
//!
//! The repository has no shared sanitizer yet (the GitHub and JUnit renderers each escape for their own
//! format), so this one lives here: control characters (C0, DEL, C1) and bidirectional overrides are
//! written as `\u{…}`, and a string that would start an output line with `::` (a GitHub Actions workflow
//! command) has its first colon escaped.

use std::borrow::Cow;
use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

fn dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A string from a log, safe to print on a terminal or in a CI log.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(dangerous) && !s.starts_with("::") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        if dangerous(c) || (i == 0 && c == ':' && s.starts_with("::")) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A stable, short hash of a value, for sharing a report without its identifiers.
pub fn hash(kind: &str, value: &str) -> String {
    let digest = Sha256::digest(value.as_bytes());
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{kind}-{hex}")
}

static ACCOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{12}\b").expect("static regex"));
static PRINCIPAL_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bA(?:IDA|ROA|SIA|KIA|GPA|IPA|NPA|NVA)[A-Z0-9]{8,}\b").expect("static regex")
});
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(:(?:role|user|assumed-role|federated-user|group|oidc-provider|saml-provider)/)([^\s]+)",
    )
    .expect("static regex")
});

/// `--redact` for identifiers: account ids, principal ids and principal names become stable hashes.
pub fn redact_identity(s: &str) -> String {
    let s = ACCOUNT.replace_all(s, |c: &regex::Captures<'_>| hash("acct", &c[0]));
    let s = PRINCIPAL_ID.replace_all(&s, |c: &regex::Captures<'_>| hash("id", &c[0]));
    let s = NAME.replace_all(&s, |c: &regex::Captures<'_>| {
        format!("{}{}", &c[1], hash("name", &c[2]))
    });
    s.into_owned()
}

/// `--redact` for a source IP: addresses become hashes; AWS service names (`ec2.amazonaws.com`,
/// `AWS Internal`) stay.
pub fn redact_ip(s: &str) -> String {
    if s.parse::<std::net::IpAddr>().is_ok() {
        hash("ip", s)
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_workflow_commands_are_escaped() {
        assert_eq!(clean("aws-cli/2.0"), "aws-cli/2.0");
        assert_eq!(clean("a\x1b[31mred\nb"), "a\\u{1b}[31mred\\u{a}b");
        assert_eq!(clean("::error::boom"), "\\u{3a}:error::boom");
        assert_eq!(clean("x::y"), "x::y");
        assert_eq!(clean("\u{202e}abc"), "\\u{202e}abc");
    }

    #[test]
    fn redaction_is_stable_and_keeps_the_shape() {
        let r = redact_identity("arn:aws:iam::111122223333:role/ci-deploy");
        assert!(r.starts_with("arn:aws:iam::acct-"), "{r}");
        assert!(r.contains(":role/name-"), "{r}");
        assert!(!r.contains("111122223333") && !r.contains("ci-deploy"));
        assert_eq!(
            r,
            redact_identity("arn:aws:iam::111122223333:role/ci-deploy")
        );
        assert_eq!(redact_ip("ec2.amazonaws.com"), "ec2.amazonaws.com");
        assert!(redact_ip("192.0.2.1").starts_with("ip-"));
    }
}
