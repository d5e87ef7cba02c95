//! STS002: `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS` set to `legacy`.

use super::{Facts, FixAvailability, Input, Rule};
use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;

pub static RULE: Rule = Rule {
    code: "STS002",
    name: "legacy-sts-mode",
    summary: "the STS endpoint mode is set to `legacy`",
    severity: Severity::Warning,
    reads: Facts::STS_MODE.or(Facts::USE_GLOBAL_ENDPOINT),
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS002-legacy-sts-mode.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for setting in facts.settings(SettingName::StsRegionalEndpoints) {
        if setting.value != "legacy" {
            continue;
        }
        // In source, the setting is a JavaScript v2 client option: v2's legacy mode sends every
        // commercial region to the global host, not only the 16 (sts-facts §3).
        let message = if facts.kind == FileKind::JavaScript {
            format!(
                "`{}` is `legacy`: the JavaScript v2 client sends STS calls from every commercial region, opt-in regions included, to the global endpoint `sts.amazonaws.com`",
                setting.key
            )
        } else {
            format!(
                "`{}` is `legacy`: SDKs that read it send STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`",
                setting.key
            )
        };
        out.push(
            Diagnostic::new(
                &RULE,
                setting.value_span,
                message,
                format!("set `{}` to `regional`", setting.key),
            )
            .with_fix(Fix::safe(Edit::replace(setting.value_span, "regional"))),
        );
    }
    // JS v3 `useGlobalEndpoint: true` is the ruleset's `UseGlobalEndpoint`: the 16 legacy regions go global.
    for setting in facts.settings(SettingName::UseGlobalEndpoint) {
        if setting.value != "true" {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                setting.value_span,
                format!(
                    "`{}: true` is the JavaScript v3 form of `legacy`: the client sends STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`",
                    setting.key
                ),
                format!("remove `{}` or set it to `false`", setting.key),
            )
            .with_fix(Fix::safe(Edit::replace(setting.value_span, "false"))),
        );
    }
}
