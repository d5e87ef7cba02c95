//! trail, knowledge stage: what the client a user agent claims to be would get from `stslint check`, the
//! rule code (STS101, STS102) and what to change. The user agent is read by
//! [`crate::knowledge::user_agents`] and judged by [`crate::knowledge::versions::assess`]: the thresholds
//! are the static rules' own table, never a copy.

use crate::extract::facts::{Client, Installed};
use crate::knowledge::user_agents::{self, CallerKind, Claimed};
use crate::knowledge::versions::{self, Assessment, Verdict};
use crate::rules;
use crate::source::Span;

/// The verdict on one user agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientVerdict {
    pub kind: CallerKind,
    /// `botocore`, `aws-cli`, `terraform-provider-aws`; empty when not recognised.
    pub client: String,
    pub version: String,
    /// STS101 or STS102, as `check` would report this client; `None` when it defaults to regional, is
    /// unknown, or is not judged.
    pub code: Option<&'static str>,
    /// What to change, for a caller of this client that reached the global endpoint.
    pub help: String,
    /// botocore said it used an endpoint override (`m/…N…`).
    pub endpoint_override: bool,
}

fn code_of(name: &str) -> &'static str {
    rules::find(name).map_or("", |r| r.code)
}

/// The rule code that STS001 (a hard-coded global endpoint) has in the rule table.
pub fn hard_coded_code() -> &'static str {
    code_of("global-endpoint")
}

fn assess(claimed: &Claimed) -> Option<Assessment> {
    let (ecosystem, package, version) = claimed.judged.as_ref()?;
    versions::assess(&Client {
        ecosystem: *ecosystem,
        package: (*package).to_owned(),
        version: version.clone(),
        installed: Installed::Pin,
        span: Span::default(),
        origin: String::new(),
        context: 0,
    })
}

const SET_REGIONAL: &str = "set `AWS_STS_REGIONAL_ENDPOINTS=regional` where it runs (or `sts_regional_endpoints = regional` in its profile)";

/// Judges one user agent.
pub fn judge(user_agent: &str) -> ClientVerdict {
    let claimed = user_agents::parse(user_agent);
    let display = match &claimed.via {
        Some(via) => format!("{} {} ({via})", claimed.client, claimed.version),
        None => format!("{} {}", claimed.client, claimed.version),
    };
    let mut verdict = ClientVerdict {
        kind: claimed.kind,
        client: claimed.client.to_owned(),
        version: claimed.version.clone(),
        code: None,
        help: String::new(),
        endpoint_override: claimed.endpoint_override,
    };
    verdict.help = match claimed.kind {
        CallerKind::AwsOperated => {
            "an AWS service or AWS-internal caller: not a client you run, nothing to change".to_owned()
        }
        CallerKind::Unknown => {
            "client not recognised from its user agent: run `stslint check` on the code that runs as this caller, and `stslint doctor` where it runs".to_owned()
        }
        CallerKind::Sdk => match assess(&claimed) {
            Some(a) if a.verdict == Verdict::Unconfigurable => {
                verdict.code = Some(code_of("unconfigurable-client"));
                unconfigurable_help(&a, &display)
            }
            Some(a) if a.verdict == Verdict::LegacyDefault => {
                verdict.code = Some(code_of("legacy-default-client"));
                match a.band.regional_from {
                    Some(v) => format!(
                        "{SET_REGIONAL}, or upgrade to {} >= {v}",
                        a.info.display
                    ),
                    // A wrapper (the Terraform provider) is upgraded as a whole, not its SDK.
                    None if claimed.via.is_some() => format!(
                        "{SET_REGIONAL}, or upgrade {} to a release built on {}",
                        claimed.client, a.info.successor
                    ),
                    None => format!("{SET_REGIONAL}, or move to {}", a.info.successor),
                }
            }
            _ => format!(
                "{display} defaults to regional endpoints, so its configuration sends it to the global one (`sts_regional_endpoints = legacy`, `AWS_STS_REGIONAL_ENDPOINTS=legacy`, a hard-coded `sts.amazonaws.com`, region `aws-global` or no region): run `stslint check` on its code and `stslint doctor` where it runs"
            ),
        },
    };
    verdict
}

fn unconfigurable_help(a: &Assessment, display: &str) -> String {
    let setting = a.band.setting_from.unwrap_or("a later version");
    match a.band.regional_from {
        Some(v) if a.info.package == crate::knowledge::clients::AWSCLI => format!(
            "{display} cannot be switched to regional endpoints (`AWS_STS_REGIONAL_ENDPOINTS` is read from {setting}): use AWS CLI v2, or upgrade to awscli >= {v}"
        ),
        Some(v) => format!(
            "{display} cannot be switched to regional endpoints (`AWS_STS_REGIONAL_ENDPOINTS` is read from {setting}): upgrade to {} >= {v}",
            a.info.display
        ),
        None => format!(
            "{display} cannot be switched to regional endpoints: move to {}, or upgrade to at least {setting} and {SET_REGIONAL}",
            a.info.successor
        ),
    }
}

/// The help for a caller whose calls to `sts.amazonaws.com` came with an endpoint override.
pub fn hard_coded_help(display: &str) -> String {
    format!(
        "{display} was given the endpoint `sts.amazonaws.com` explicitly (its user agent reports an endpoint override): replace it with `https://sts.<region>.amazonaws.com` where it is set (`endpoint_url`, `AWS_ENDPOINT_URL_STS`, `endpoint_url` in the profile, or the code)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(ua: &str) -> Option<&'static str> {
        judge(ua).code
    }

    #[test]
    fn thresholds_come_from_the_knowledge_table() {
        // botocore: setting read from 1.13.2, regional from 1.40.0.
        assert_eq!(
            code("Boto3/1.10.1 Python/3.7 Botocore/1.13.1"),
            Some("STS101")
        );
        assert_eq!(
            code("Boto3/1.10.2 Python/3.7 Botocore/1.13.2"),
            Some("STS102")
        );
        assert_eq!(
            code("Boto3/1.39.9 md/Botocore#1.39.9 ua/2.1 Botocore/1.39.9"),
            Some("STS102")
        );
        assert_eq!(
            code("Boto3/1.40.0 md/Botocore#1.40.0 ua/2.1 Botocore/1.40.0"),
            None
        );
        // AWS CLI v1: setting from 1.16.266, regional from 1.42.0; v2 regional.
        assert_eq!(
            code("aws-cli/1.16.265 Python/2.7 botocore/1.13.1"),
            Some("STS101")
        );
        assert_eq!(
            code("aws-cli/1.16.266 Python/2.7 botocore/1.13.2"),
            Some("STS102")
        );
        assert_eq!(
            code("aws-cli/1.41.99 Python/3.12 botocore/1.39.99"),
            Some("STS102")
        );
        assert_eq!(code("aws-cli/1.42.0 md/Botocore#1.40.0 ua/2.1"), None);
        assert_eq!(code("aws-cli/2.15.33 Python/3.11.8 Linux/5.10"), None);
        let help = judge("Boto3/1.26.0 Python/3.9 Botocore/1.29.74").help;
        assert!(help.contains(">= 1.40.0"), "{help}");
    }
}
