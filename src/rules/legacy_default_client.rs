//! STS102: a CLI/SDK whose default STS endpoint mode is `legacy`, with nothing in its context setting
//! `regional`.

use super::client_text::{self, is_range};
use super::{Facts, FixAvailability, Input, Rule};
use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::{ContextKind, Ecosystem, SettingName, defaults_mode_is_regional};
use crate::knowledge::clients::LegacyReach;
use crate::knowledge::hosts::Host;
use crate::knowledge::regions::is_opt_in;
use crate::knowledge::tools::{self, ToolVerdict};
use crate::knowledge::versions::{self, Verdict};

pub static RULE: Rule = Rule {
    code: "STS102",
    name: "legacy-default-client",
    summary: "an AWS CLI or SDK version that defaults to the legacy (global) STS endpoint",
    severity: Severity::Warning,
    reads: Facts::CLIENTS.or(Facts::TERRAFORM_VERSION),
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/STS102-legacy-default-client.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for client in &facts.clients {
        // The same Dockerfile stage, CI job or container sets `regional`: the default never applies.
        // (A repository's AWS config does not count: an image does not read `~/.aws/config`.)
        let regional = facts
            .visible(client.context, SettingName::StsRegionalEndpoints)
            .is_some_and(|s| s.value == "regional");
        if let Some(t) = tools::assess(client) {
            // A tool that takes an STS endpoint (the provider's `endpoints { sts = … }`) and has a
            // non-global one in this file does not use its default.
            let overridden =
                t.tool.endpoint_overrides && facts.endpoints.iter().any(|e| e.host != Host::Global);
            if t.verdict == Some(ToolVerdict::LegacyDefault) && !regional && !overridden {
                out.push(client_text::tool_finding(&RULE, client, &t));
            }
            continue;
        }
        // boto3 follows a botocore pinned beside it (whose own line carries the same verdict).
        let Some((a, _)) = versions::assess_beside(client, &facts.clients) else {
            continue;
        };
        if a.verdict != Verdict::LegacyDefault {
            continue;
        }
        if regional {
            continue;
        }
        // `defaults_mode` other than `legacy` makes the default `regional` in the clients that
        // implement it (botocore >= 1.23.37: `sdk-default-configuration.json` `base.stsRegionalEndpoints`).
        let defaults_mode = facts
            .visible(client.context, SettingName::DefaultsMode)
            .is_some_and(|s| defaults_mode_is_regional(&s.value));
        if defaults_mode && versions::honours_defaults_mode(client) {
            continue;
        }
        // Legacy mode sends only the 16 legacy regions to the global host (botocore
        // `LEGACY_GLOBAL_STS_REGIONS`): a workload in another region calls its regional endpoint.
        let region = facts.region(client.context);
        if let Some(r) = region
            && !a.info.legacy.sends_global(r)
        {
            continue;
        }
        let region_note = match region {
            Some(r)
                if a.info.legacy == LegacyReach::EveryCommercialRegion
                    && !crate::knowledge::regions::is_legacy_global(r) =>
            {
                let tokens = if is_opt_in(r) {
                    ", an opt-in region where global-endpoint session tokens are rejected unless the account issues version 2 tokens"
                } else {
                    ""
                };
                format!(
                    "; the region here, `{r}`{tokens}, goes to the global endpoint too, since this client's legacy mode is global for every commercial region"
                )
            }
            _ => String::new(),
        };
        let subject = client_text::subject(client);
        let verb = if is_range(client) {
            "allows only versions that default"
        } else {
            "defaults"
        };
        let message = format!(
            "{subject} {verb} to `legacy` STS endpoints (global from {}); {}{region_note}",
            a.info.legacy.text(),
            client_text::regional_from(&a)
        );
        let upgrade = match (a.band.regional_from, client.ecosystem) {
            (_, Ecosystem::Distro | Ecosystem::Image) => {
                "install AWS CLI v2 instead of the distribution's v1 package".to_owned()
            }
            (Some(v), _) => format!(
                "upgrade to {}",
                client_text::requirement(client, facts.kind, v)
            ),
            (None, _) => format!("move to {}", a.info.successor),
        };
        let help = format!("{}, or {upgrade}", client_text::set_regional(facts.kind));
        let mut diagnostic = Diagnostic::new(&RULE, client.span, message, help);
        // In a Dockerfile stage the setting can be written right after its `FROM`.
        let stage = matches!(
            facts.contexts.get(client.context).map(|c| &c.kind),
            Some(ContextKind::DockerStage { .. })
        );
        if facts.kind == FileKind::Dockerfile
            && stage
            && let Some(layout) = facts.layout(client.context)
        {
            let line = layout.line("ENV AWS_STS_REGIONAL_ENDPOINTS", "regional");
            diagnostic = diagnostic.with_fix(Fix::safe(Edit::insert(layout.at, line)));
        }
        out.push(diagnostic);
    }
}
