//! STS005: region `aws-global`, which resolves STS to the global endpoint in every mode.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::SettingName;

pub static RULE: Rule = Rule {
    code: "STS005",
    name: "global-region",
    summary: "the region is `aws-global`, which always means the global STS endpoint",
    severity: Severity::Warning,
    reads: Facts::REGION,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS005-global-region.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for setting in facts.settings(SettingName::Region) {
        if setting.value != "aws-global" {
            continue;
        }
        out.push(Diagnostic::new(
            &RULE,
            setting.value_span,
            format!(
                "`{}` is `aws-global`, which sends STS calls to the global endpoint `sts.amazonaws.com` even when `sts_regional_endpoints` is `regional`",
                setting.key
            ),
            match facts.default_region {
                Some(default) => format!(
                    "set `{}` to the region the workload runs in, e.g. `{default}` (the project's `default-region`)",
                    setting.key
                ),
                None => format!(
                    "set `{}` to the region the workload runs in, e.g. `us-east-1`",
                    setting.key
                ),
            },
        ));
    }
}
