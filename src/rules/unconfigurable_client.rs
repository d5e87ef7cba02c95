//! STS101: a CLI/SDK version too old to read the regional setting at all.

use super::client_text::{self, is_range};
use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::Ecosystem;
use crate::knowledge::regions::is_opt_in;
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
                out.push(client_text::tool_finding(&RULE, client, &t));
            }
            continue;
        }
        let Some((a, botocore)) = versions::assess_beside(client, &facts.clients) else {
            continue;
        };
        if a.verdict != Verdict::Unconfigurable {
            continue;
        }
        // boto3 decided by the botocore pinned beside it: say so, with botocore's threshold.
        let decided = botocore.and_then(|b| Some((b, versions::assess(b)?)));
        let Some(setting_from) = decided.map_or(a.band.setting_from, |(_, b)| b.band.setting_from)
        else {
            continue;
        };
        let subject = client_text::subject(client);
        let verb = match decided {
            Some((b, _)) => format!(
                "runs on botocore `{}` ({}), which predates",
                b.version.trim().trim_start_matches(['=', ' ']),
                b.origin
            ),
            None if is_range(client) => "allows only versions that predate".to_owned(),
            None => "predates".to_owned(),
        };
        // Versions that predate the setting send opt-in regions to the global host too (botocore
        // 1.13.1 `endpoints.json`; JS v2's `"*/sts": "globalSSL"`): there, global-endpoint session
        // tokens are rejected unless the account issues version 2 tokens.
        let region = facts.region(client.context);
        let tokens = match region {
            Some(r) if a.info.unconfigurable_opt_in_global && is_opt_in(r) => format!(
                "; the region here, `{r}`, is an opt-in region, where global-endpoint session tokens are rejected unless the account issues version 2 tokens"
            ),
            _ if a.info.unconfigurable_opt_in_global => "; in opt-in regions their session tokens are then rejected unless the account issues version 2 tokens".to_owned(),
            _ => String::new(),
        };
        let message = format!(
            "{subject} {verb} `AWS_STS_REGIONAL_ENDPOINTS` (first read in {setting_from}): STS calls from {} always go to the global endpoint `sts.amazonaws.com`{tokens}",
            a.info.unconfigurable_reach
        );
        let help = match a.band.regional_from {
            _ if a.info.package == crate::knowledge::clients::AWSCLI
                && client.ecosystem != Ecosystem::PyPi =>
            {
                "use AWS CLI v2, which is regional by design".to_owned()
            }
            Some(regional) if a.info.package == crate::knowledge::clients::AWSCLI => format!(
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
