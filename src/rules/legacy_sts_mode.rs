//! STS002: `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS` set to `legacy`.

use super::{Facts, FixAvailability, Input, Rule};
use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;
use crate::knowledge::regions::{is_legacy_global, is_opt_in};

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
        let key = &setting.key;
        let region = facts.region(setting.context);
        // In source, the setting is a JavaScript v2 client option: v2's legacy mode sends every
        // commercial region to the global host, not only the 16 (aws/aws-sdk-js
        // `lib/region_config_data.json`: `"*/sts": "globalSSL"`).
        let (message, severity) = if facts.kind == FileKind::JavaScript {
            let note = match region {
                Some(r) if is_opt_in(r) => format!(
                    " (the region here, `{r}`, is an opt-in region: global-endpoint session tokens are rejected there unless the account issues version 2 tokens)"
                ),
                _ => String::new(),
            };
            (
                format!(
                    "`{key}` is `legacy`: the JavaScript v2 client sends STS calls from every commercial region, opt-in regions included, to the global endpoint `sts.amazonaws.com`{note}"
                ),
                Severity::Warning,
            )
        } else if let Some(r) = region.filter(|r| !is_legacy_global(r)) {
            // Outside the 16 legacy regions, legacy mode is regional in every SDK but JS v2
            // (botocore `LEGACY_GLOBAL_STS_REGIONS`, aws-sdk-go `legacy_regions.go`, Java v1
            // `LEGACY_ENABLED_REGIONS`, the STS ruleset).
            (
                format!(
                    "`{key}` is `legacy`, but the region here, `{r}`, is not one of the 16 that legacy mode sends to the global endpoint: botocore, the AWS CLI v1 and the Go v1, Java v1, Ruby and PHP SDKs call `sts.{r}` regionally; only the JavaScript SDK v2 sends it to `sts.amazonaws.com`"
                ),
                Severity::Info,
            )
        } else {
            // JS v2 and Go v1 read the config file only when `AWS_SDK_LOAD_CONFIG` is truthy
            // (aws/aws-sdk-js `lib/util.js`; aws/aws-sdk-go `aws/session/session.go`).
            let readers = if facts.kind == FileKind::AwsConfig {
                "botocore, boto3, the AWS CLI v1 and the Java v1, Ruby and PHP SDKs (and JavaScript v2 and Go v1 when `AWS_SDK_LOAD_CONFIG` is set) send"
            } else {
                "SDKs that read it send"
            };
            (
                format!(
                    "`{key}` is `legacy`: {readers} STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`"
                ),
                Severity::Warning,
            )
        };
        let mut diagnostic = Diagnostic::new(
            &RULE,
            setting.value_span,
            message,
            format!("set `{key}` to `regional`"),
        )
        .with_fix(Fix::safe(Edit::replace(setting.value_span, "regional")));
        diagnostic.severity = severity;
        out.push(diagnostic);
    }
    // JS v3 `useGlobalEndpoint: true` is the ruleset's `UseGlobalEndpoint`: the 16 legacy regions go
    // global. The extractor records it only for STS clients (`S3Client` has an S3 option of the name).
    for setting in facts.settings(SettingName::UseGlobalEndpoint) {
        if setting.value != "true" {
            continue;
        }
        if facts
            .region(setting.context)
            .is_some_and(|r| !is_legacy_global(r))
        {
            continue;
        }
        out.push(
            Diagnostic::new(
                &RULE,
                setting.value_span,
                format!(
                    "`{}: true` is the JavaScript v3 form of `legacy`: the STS client sends STS calls from us-east-1 and 15 other regions to the global endpoint `sts.amazonaws.com`",
                    setting.key
                ),
                format!("remove `{}` or set it to `false`", setting.key),
            )
            .with_fix(Fix::safe(Edit::replace(setting.value_span, "false"))),
        );
    }
}
