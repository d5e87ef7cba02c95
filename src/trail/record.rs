//! trail, extract stage: the few fields of a CloudTrail record that `trail` needs, parsed borrowed from the
//! record's bytes (serde_json skips every other field), and the caller and endpoint they give.
//!
//! Field names: CloudTrail User Guide, "CloudTrail record contents for management, data, and network
//! activity events" and "CloudTrail userIdentity element"
//! (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html).
//! `responseElements` is never read (it holds session tokens and access key ids), and of
//! `requestParameters` only `roleArn`.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use serde::Deserialize;
use serde::de::IgnoredAny;
use sha2::{Digest, Sha256};

use super::classify::{self, Endpoint, EndpointFields};

/// The service name every STS record carries in `eventSource`, for regional and global calls alike.
pub const STS_SOURCE: &str = "sts.amazonaws.com";

/// A nested value of the expected object shape, or anything else (ignored rather than failing the record).
#[derive(Deserialize)]
#[serde(untagged)]
enum Lenient<T> {
    Ok(T),
    Other(IgnoredAny),
}

impl<T> Lenient<T> {
    fn get(&self) -> Option<&T> {
        match self {
            Lenient::Ok(t) => Some(t),
            Lenient::Other(_) => None,
        }
    }
}

type Str<'a> = Option<Cow<'a, str>>;

#[derive(Deserialize, Default)]
#[serde(default)]
struct Issuer<'a> {
    #[serde(borrow)]
    arn: Str<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SessionContext<'a> {
    #[serde(rename = "sessionIssuer", borrow)]
    session_issuer: Option<Lenient<Issuer<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Identity<'a> {
    #[serde(rename = "type", borrow)]
    kind: Str<'a>,
    #[serde(borrow)]
    arn: Str<'a>,
    #[serde(rename = "accountId", borrow)]
    account_id: Str<'a>,
    #[serde(rename = "principalId", borrow)]
    principal_id: Str<'a>,
    #[serde(rename = "invokedBy", borrow)]
    invoked_by: Str<'a>,
    #[serde(rename = "sessionContext", borrow)]
    session_context: Option<Lenient<SessionContext<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Tls<'a> {
    #[serde(rename = "clientProvidedHostHeader", borrow)]
    host: Str<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RequestDetails<'a> {
    #[serde(rename = "endpointType", borrow)]
    endpoint_type: Str<'a>,
    #[serde(rename = "awsServingRegion", borrow)]
    serving_region: Str<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Additional<'a> {
    #[serde(rename = "RequestDetails", borrow)]
    request_details: Option<Lenient<RequestDetails<'a>>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Request<'a> {
    #[serde(rename = "roleArn", borrow)]
    role_arn: Str<'a>,
}

/// One CloudTrail event: only the fields `trail` reads.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Event<'a> {
    #[serde(rename = "eventSource", borrow)]
    event_source: Str<'a>,
    #[serde(rename = "eventName", borrow)]
    event_name: Str<'a>,
    #[serde(rename = "eventTime", borrow)]
    event_time: Str<'a>,
    #[serde(rename = "eventID", borrow)]
    event_id: Str<'a>,
    #[serde(rename = "sourceIPAddress", borrow)]
    source_ip: Str<'a>,
    #[serde(rename = "userAgent", borrow)]
    user_agent: Str<'a>,
    #[serde(rename = "recipientAccountId", borrow)]
    recipient_account_id: Str<'a>,
    #[serde(rename = "vpcEndpointId", borrow)]
    vpc_endpoint_id: Str<'a>,
    #[serde(rename = "userIdentity", borrow)]
    user_identity: Option<Lenient<Identity<'a>>>,
    #[serde(rename = "tlsDetails", borrow)]
    tls_details: Option<Lenient<Tls<'a>>>,
    #[serde(rename = "additionalEventData", borrow)]
    additional: Option<Lenient<Additional<'a>>>,
    #[serde(rename = "requestParameters", borrow)]
    request: Option<Lenient<Request<'a>>>,
}

/// The fields of one record (an event, or a row of a query result), whatever format it came in.
#[derive(Debug, Default, Clone)]
pub struct Fields<'a> {
    pub event_id: Option<&'a str>,
    pub event_time: Option<&'a str>,
    pub event_source: Option<&'a str>,
    pub event_name: Option<&'a str>,
    pub identity_type: Option<&'a str>,
    pub user_arn: Option<&'a str>,
    pub issuer_arn: Option<&'a str>,
    pub account_id: Option<&'a str>,
    pub principal_id: Option<&'a str>,
    pub invoked_by: Option<&'a str>,
    pub role_arn: Option<&'a str>,
    pub source_ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub host: Option<&'a str>,
    pub endpoint_type: Option<&'a str>,
    pub serving_region: Option<&'a str>,
    pub vpc_endpoint_id: Option<&'a str>,
    pub recipient_account_id: Option<&'a str>,
    /// A grouped row (the output of `--emit-sql`): how many calls it stands for.
    pub calls: Option<u64>,
    pub first_seen: Option<&'a str>,
    pub last_seen: Option<&'a str>,
}

/// Parses one event's bytes and hands its fields to `f`; `Err` when the bytes are not a JSON object.
pub fn with_event<R>(
    bytes: &[u8],
    f: impl FnOnce(&Fields<'_>) -> R,
) -> Result<R, serde_json::Error> {
    let e: Event<'_> = serde_json::from_slice(bytes)?;
    let identity = e.user_identity.as_ref().and_then(Lenient::get);
    let issuer = identity
        .and_then(|i| i.session_context.as_ref())
        .and_then(Lenient::get)
        .and_then(|s| s.session_issuer.as_ref())
        .and_then(Lenient::get);
    let details = e
        .additional
        .as_ref()
        .and_then(Lenient::get)
        .and_then(|a| a.request_details.as_ref())
        .and_then(Lenient::get);
    fn s<'b>(v: &'b Str<'_>) -> Option<&'b str> {
        v.as_deref()
    }
    let fields = Fields {
        event_id: s(&e.event_id),
        event_time: s(&e.event_time),
        event_source: s(&e.event_source),
        event_name: s(&e.event_name),
        identity_type: identity.and_then(|i| s(&i.kind)),
        user_arn: identity.and_then(|i| s(&i.arn)),
        issuer_arn: issuer.and_then(|i| s(&i.arn)),
        account_id: identity.and_then(|i| s(&i.account_id)),
        principal_id: identity.and_then(|i| s(&i.principal_id)),
        invoked_by: identity.and_then(|i| s(&i.invoked_by)),
        role_arn: e
            .request
            .as_ref()
            .and_then(Lenient::get)
            .and_then(|r| s(&r.role_arn)),
        source_ip: s(&e.source_ip),
        user_agent: s(&e.user_agent),
        host: e
            .tls_details
            .as_ref()
            .and_then(Lenient::get)
            .and_then(|t| s(&t.host)),
        endpoint_type: details.and_then(|d| s(&d.endpoint_type)),
        serving_region: details.and_then(|d| s(&d.serving_region)),
        vpc_endpoint_id: s(&e.vpc_endpoint_id),
        recipient_account_id: s(&e.recipient_account_id),
        calls: None,
        first_seen: None,
        last_seen: None,
    };
    Ok(f(&fields))
}

/// One STS call (or, from a grouped row, several alike), owned, as it leaves a worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The `eventID`, reduced to 128 bits, for de-duplication across files and formats.
    pub key: Option<u128>,
    pub count: u64,
    /// `YYYY-MM-DDTHH:MM:SSZ`, or empty when unknown.
    pub first: String,
    pub last: String,
    pub caller: String,
    pub account: String,
    pub identity_type: String,
    pub endpoint: Endpoint,
    pub event_name: String,
    pub source_ip: String,
    pub user_agent: String,
    /// The host header was exactly `sts.amazonaws.com` (with an endpoint-override feature: hard-coded).
    pub global_host: bool,
}

/// Longest string kept from a record (CloudTrail truncates `userAgent` at 1 KB).
const MAX_FIELD: usize = 1024;

fn clip(s: &str) -> String {
    let s = s.trim();
    if s.len() <= MAX_FIELD {
        return s.to_owned();
    }
    let mut end = MAX_FIELD;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

fn present(v: Option<&str>) -> Option<&str> {
    v.map(str::trim)
        .filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("null"))
}

/// The account in an ARN (`arn:aws:iam::111122223333:role/x` → `111122223333`).
fn arn_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}

/// `arn:aws:sts::A:assumed-role/R/S` → `arn:aws:iam::A:role/R` (when the session issuer is missing).
fn role_of_session(arn: &str) -> Option<String> {
    let mut parts = arn.splitn(6, ':');
    let (_, partition, _, _, account, resource) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let role = resource.strip_prefix("assumed-role/")?.split('/').next()?;
    Some(format!("arn:{partition}:iam::{account}:role/{role}"))
}

/// Who made the call: the stable identity to aggregate on (the role, never the session).
pub fn caller(f: &Fields<'_>) -> (String, String, String) {
    let kind = present(f.identity_type).unwrap_or("Unknown");
    let user_arn = present(f.user_arn);
    let issuer = present(f.issuer_arn);
    let role = present(f.role_arn);
    let account = present(f.account_id);
    let recipient = present(f.recipient_account_id);
    let principal = present(f.principal_id);
    let caller = match kind {
        "AssumedRole" => issuer
            .map(str::to_owned)
            .or_else(|| user_arn.and_then(role_of_session)),
        "WebIdentityUser" | "SAMLUser" => role.map(str::to_owned),
        "AWSAccount" => account.map(|a| match principal {
            Some(p) => format!("account:{a}/{p}"),
            None => format!("account:{a}"),
        }),
        "AWSService" => present(f.invoked_by)
            .or(present(f.source_ip))
            .map(|s| format!("service:{s}")),
        "FederatedUser" => issuer.or(user_arn).map(str::to_owned),
        _ => user_arn.or(issuer).map(str::to_owned),
    }
    .or_else(|| principal.map(|p| format!("principal:{p}")))
    .unwrap_or_else(|| format!("unknown:{kind}"));
    let account = match kind {
        "WebIdentityUser" | "SAMLUser" => role.and_then(arn_account).or(recipient),
        "AWSService" => recipient.or(account),
        _ => account
            .or_else(|| user_arn.and_then(arn_account))
            .or(recipient),
    }
    .unwrap_or_default();
    (clip(&caller), clip(account), clip(kind))
}

/// `eventID` as 128 bits: a UUID's own bits, else the first 128 bits of its SHA-256.
pub fn event_key(id: &str) -> u128 {
    let hex: String = id.chars().filter(|c| *c != '-').collect();
    if hex.len() == 32
        && let Ok(v) = u128::from_str_radix(&hex, 16)
    {
        return v;
    }
    let digest = Sha256::digest(id.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(bytes)
}

/// A time as `YYYY-MM-DDTHH:MM:SSZ` (UTC), from RFC 3339 (`eventTime`, offsets included) or the
/// `YYYY-MM-DD HH:MM:SS[.fff]` of Athena, Lake and Logs Insights; empty when unreadable.
pub fn normalize_time(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() == 20 && b[10] == b'T' && b[19] == b'Z' && b[4] == b'-' {
        return s.to_owned();
    }
    let parsed = s.parse::<jiff::Timestamp>().ok().or_else(|| {
        s.parse::<jiff::civil::DateTime>()
            .ok()
            .and_then(|dt| jiff::tz::TimeZone::UTC.to_timestamp(dt).ok())
    });
    parsed
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// A stable 64-bit hash (for bounded sets of source IPs).
pub fn hash64(s: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// The filters of the command line, applied in the workers.
#[derive(Debug, Default)]
pub struct Filter {
    /// Inclusive bounds as `YYYY-MM-DDTHH:MM:SSZ`.
    pub since: Option<String>,
    pub until: Option<String>,
    pub accounts: Vec<String>,
    pub caller: Option<globset::GlobMatcher>,
}

/// Turns an STS record into an observation; `None` when it is not STS or a filter drops it.
pub fn observe(f: &Fields<'_>, filter: &Filter) -> Option<Observation> {
    if let Some(source) = present(f.event_source)
        && !source.eq_ignore_ascii_case(STS_SOURCE)
    {
        return None;
    }
    let (first, last) = match f.calls {
        Some(_) => (
            normalize_time(f.first_seen.or(f.event_time).unwrap_or_default()),
            normalize_time(f.last_seen.or(f.event_time).unwrap_or_default()),
        ),
        None => {
            let t = normalize_time(f.event_time.unwrap_or_default());
            (t.clone(), t)
        }
    };
    if let Some(since) = &filter.since
        && (last.is_empty() || last < *since)
    {
        return None;
    }
    if let Some(until) = &filter.until
        && (first.is_empty() || first > *until)
    {
        return None;
    }
    let (caller, account, identity_type) = caller(f);
    if !filter.accounts.is_empty() {
        let recipient = present(f.recipient_account_id).unwrap_or_default();
        if !filter
            .accounts
            .iter()
            .any(|a| *a == account || *a == recipient)
        {
            return None;
        }
    }
    if let Some(glob) = &filter.caller
        && !glob.is_match(&caller)
    {
        return None;
    }
    let endpoint = classify::classify(EndpointFields {
        host: f.host,
        endpoint_type: f.endpoint_type,
        serving_region: f.serving_region,
        vpc_endpoint_id: f.vpc_endpoint_id,
    });
    let global_host = present(f.host)
        .is_some_and(|h| classify::normalize_host(h) == crate::knowledge::hosts::GLOBAL_HOST);
    Some(Observation {
        key: present(f.event_id).map(event_key),
        count: f.calls.unwrap_or(1),
        first,
        last,
        caller,
        account,
        identity_type,
        endpoint,
        event_name: clip(present(f.event_name).unwrap_or("(unknown)")),
        source_ip: clip(present(f.source_ip).unwrap_or_default()),
        user_agent: clip(present(f.user_agent).unwrap_or_default()),
        global_host,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callers_by_identity_type() {
        let f = |kind, user, issuer, role, account, principal, invoked| Fields {
            identity_type: Some(kind),
            user_arn: user,
            issuer_arn: issuer,
            role_arn: role,
            account_id: account,
            principal_id: principal,
            invoked_by: invoked,
            recipient_account_id: Some("999988887777"),
            ..Default::default()
        };
        let c = |x: Fields<'_>| caller(&x).0;
        assert_eq!(
            c(f(
                "AssumedRole",
                Some("arn:aws:sts::1:assumed-role/R/session"),
                Some("arn:aws:iam::1:role/path/R"),
                None,
                Some("1"),
                None,
                None
            )),
            "arn:aws:iam::1:role/path/R"
        );
        assert_eq!(
            c(f(
                "AssumedRole",
                Some("arn:aws:sts::111:assumed-role/R/session"),
                None,
                None,
                None,
                None,
                None
            )),
            "arn:aws:iam::111:role/R"
        );
        let web = f(
            "WebIdentityUser",
            None,
            None,
            Some("arn:aws:iam::444455556666:role/Web"),
            None,
            Some("p"),
            None,
        );
        assert_eq!(caller(&web).0, "arn:aws:iam::444455556666:role/Web");
        assert_eq!(caller(&web).1, "444455556666");
        assert_eq!(
            c(f(
                "AWSAccount",
                None,
                None,
                None,
                Some("2"),
                Some("AIDA"),
                None
            )),
            "account:2/AIDA"
        );
        assert_eq!(
            c(f(
                "AWSService",
                None,
                None,
                None,
                None,
                None,
                Some("ec2.amazonaws.com")
            )),
            "service:ec2.amazonaws.com"
        );
        assert_eq!(
            c(f(
                "IAMUser",
                Some("arn:aws:iam::1:user/u"),
                None,
                None,
                None,
                None,
                None
            )),
            "arn:aws:iam::1:user/u"
        );
    }

    #[test]
    fn times_normalize_to_utc_seconds() {
        assert_eq!(
            normalize_time("2025-02-12T22:16:48Z"),
            "2025-02-12T22:16:48Z"
        );
        assert_eq!(
            normalize_time("2026-08-27T12:29:28-07:00"),
            "2026-08-27T19:29:28Z"
        );
        assert_eq!(
            normalize_time("2026-08-27 12:29:28.000"),
            "2026-08-27T12:29:28Z"
        );
        assert_eq!(normalize_time("yesterday"), "");
    }

    #[test]
    fn uuid_event_ids_keep_their_bits() {
        assert_eq!(
            event_key("02b3f115-9fe4-4935-9c25-64a6963e38f5"),
            0x02b3f1159fe449359c2564a6963e38f5
        );
        assert_ne!(event_key("EXAMPLE-1"), event_key("EXAMPLE-2"));
    }
}
