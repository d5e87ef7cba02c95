//! STS101: a CLI/SDK version too old to read the regional setting at all.

use super::client_text::{self, is_range};
use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::Ecosystem;
use crate::knowledge::tools::{self, ToolVerdict};
use crate::knowledge::versions::{self, Verdict};

pub static RULE: Rule = Rule {
    code: "STS101",
    name: "unconfigurable-client",
    summary: "an AWS CLI or SDK version too old to be switched to regional STS endpoints",
    severity: Severity::Error,
    reads: Facts::CLIENTS,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS101-unconfigurable-client.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for client in &facts.clients {
        // Tools that are not SDK packages (boto 2, EMR releases) carry their own wording.
        if let Some(t) = tools::assess(client) {
            if t.verdict == Some(ToolVerdict::Unconfigurable) {
                let message = format!(
                    "{}: {}",
                    client_text::tool_subject(client, &t),
                    t.tool.behaviour
                );
                out.push(Diagnostic::new(&RULE, client.span, message, t.tool.remedy));
            }
            continue;
        }
        let Some(a) = versions::assess(client) else {
            continue;
        };
        if a.verdict != Verdict::Unconfigurable {
            continue;
        }
        let Some(setting_from) = a.band.setting_from else {
            continue;
        };
        let subject = client_text::subject(client);
        let verb = if is_range(client) {
            "allows only versions that predate"
        } else {
            "predates"
        };
        let message = format!(
            "{subject} {verb} `AWS_STS_REGIONAL_ENDPOINTS` (first read in {setting_from}): STS calls from {} always go to the global endpoint `sts.amazonaws.com`",
            a.info.legacy_reach
        );
        let help = match a.band.regional_from {
            _ if a.info.package == "awscli" && client.ecosystem != Ecosystem::PyPi => {
                "use AWS CLI v2, which is regional by design".to_owned()
            }
            Some(regional) if a.info.package == "awscli" => format!(
                "use AWS CLI v2 (regional by design); or, since awscli {regional} and later default to `regional`, upgrade to {}",
                client_text::requirement(client, facts.kind, regional)
            ),
            Some(regional) => format!(
                "{} {regional} and later default to `regional`: upgrade to {}",
                a.info.display,
                client_text::requirement(client, facts.kind, regional)
            ),
            None => format!(
                "move to {}; or upgrade to at least {} and set `AWS_STS_REGIONAL_ENDPOINTS=regional` where it runs",
                a.info.successor,
                client_text::requirement(client, facts.kind, setting_from)
            ),
        };
        out.push(Diagnostic::new(&RULE, client.span, message, help));
    }
}
