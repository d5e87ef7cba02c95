//! trail, render stage: `--redact`'s stable hashes of account ids, principal ids and names and source
//! IPs. Escaping for output is the one output sanitizer's job ([`crate::sanitize`]), not this module's.

use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

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
