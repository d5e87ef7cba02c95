//! STS202: the global endpoint configured where the region is an opt-in region (token v1 rejected there).

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::SettingName;
use crate::knowledge::hosts::{Host, regional_like};
use crate::knowledge::regions::is_opt_in;

pub static RULE: Rule = Rule {
    code: "STS202",
    name: "opt-in-region-global-token",
    summary: "the global STS endpoint is configured for a workload in an opt-in region",
    severity: Severity::Error,
    reads: Facts::ENDPOINTS,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS202-opt-in-region-global-token.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for endpoint in facts.endpoints.iter().filter(|e| e.host == Host::Global) {
        let Some(region) = facts
            .visible(endpoint.context, SettingName::Region)
            .filter(|r| facts.region(endpoint.context) == Some(r.value.as_str()))
        else {
            continue;
        };
        if !is_opt_in(&region.value) {
            continue;
        }
        let url = regional_like(&endpoint.url, &region.value);
        out.push(
            Diagnostic::new(
                &RULE,
                endpoint.span,
                format!(
                    "`{}` sends STS calls to the global endpoint `sts.amazonaws.com` for a workload in the opt-in region `{}`: global-endpoint session tokens are version 1, and rejected there, unless the account issues version 2 tokens (`SetSecurityTokenServicePreferences`)",
                    endpoint.via, region.value
                ),
                format!(
                    "use `{url}`; or, if the account does not issue version 2 tokens yet (`aws iam get-account-summary`: `GlobalEndpointTokenVersion`), make the global endpoint issue tokens valid in every region with `aws iam set-security-token-service-preferences --global-endpoint-token-version v2Token` (IAM `SetSecurityTokenServicePreferences`)"
                ),
            )
            .with_label(region.value_span, "opt-in region set here")
            .with_fix(Fix::unsafe_edit(Edit::replace(endpoint.span, url.clone()))),
        );
        // With the account issuing v2 tokens, the token failure does not happen (see the rule doc).
        if let Some(v2) = facts.repo.and_then(|r| r.v2_tokens())
            && let Some(d) = out.last_mut()
        {
            d.severity = Severity::Info;
            d.message = format!(
                "`{}` sends STS calls to the global endpoint `sts.amazonaws.com` for a workload in the opt-in region `{}`; its session tokens are valid there only because the account issues version 2 tokens",
                endpoint.via, region.value
            );
            d.help = format!(
                "`{}` sets `v2Token`, so global-endpoint tokens are valid in `{}` and this does not fail; still, use `{url}` to keep the workload's STS calls in its region",
                v2.resource, region.value
            );
            d.context.push(crate::diagnostic::ContextNote {
                place: v2.place.clone(),
                message: format!(
                    "`{}` makes the global endpoint issue version 2 tokens, valid in every region",
                    v2.resource
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::classify::FileKind;
    use crate::lint::lint_source;
    use crate::source::SourceFile;

    fn fixes(path: &str, kind: FileKind, text: &str) -> Vec<(&'static str, String)> {
        let source = SourceFile::from_text(path, kind, text);
        lint_source(source)
            .diagnostics
            .iter()
            .filter_map(|d| Some((d.rule.code, d.fix.as_ref()?.edits[0].content.clone())))
            .collect()
    }

    #[test]
    fn fix_keeps_the_form_of_the_endpoint() {
        // One problem, one finding: STS202 supersedes STS001 on the same endpoint (rules::SUPERSEDES).
        let go = "var c = &aws.Config{\n\tRegion:   aws.String(\"ap-east-1\"),\n\tEndpoint: aws.String(\"sts.amazonaws.com\"),\n}\n";
        assert_eq!(
            fixes("main.go", FileKind::Go, go),
            [("STS202", "sts.ap-east-1.amazonaws.com".to_owned())]
        );
        let py = "boto3.client(\"sts\", region_name=\"me-south-1\", endpoint_url=\"https://sts.amazonaws.com\")\n";
        assert_eq!(
            fixes("app.py", FileKind::Python, py),
            [("STS202", "https://sts.me-south-1.amazonaws.com".to_owned())]
        );
        let java = "StsClient sts = StsClient.builder()\n    .region(Region.AP_EAST_1)\n    .endpointOverride(URI.create(\"https://sts.amazonaws.com\"))\n    .build();\n";
        assert_eq!(
            fixes("Sts.java", FileKind::Jvm, java),
            [("STS202", "https://sts.ap-east-1.amazonaws.com".to_owned())]
        );
        let cs = "var c = new AmazonSecurityTokenServiceConfig\n{\n    RegionEndpoint = RegionEndpoint.MECentral1,\n    ServiceURL = \"https://sts.amazonaws.com\",\n};\n";
        assert_eq!(fixes("Sts.cs", FileKind::CSharp, cs).len(), 1);
        let rust = "let conf = aws_sdk_sts::config::Builder::new()\n    .region(Region::new(\"ap-east-1\"))\n    .endpoint_url(\"https://sts.amazonaws.com\")\n    .build();\n";
        assert_eq!(fixes("sts.rs", FileKind::Rust, rust).len(), 1);
        // A constant outside the client call does not inherit the client's region.
        let go = "const global = \"https://sts.amazonaws.com\"\nvar c = &aws.Config{Region: aws.String(\"ap-east-1\")}\n";
        assert!(fixes("main.go", FileKind::Go, go).is_empty());
    }
}
