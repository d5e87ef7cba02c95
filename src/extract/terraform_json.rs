//! Extractor for Terraform JSON (`.tf.json`): the same endpoints, regions, environment maps and IRSA
//! annotations as `.tf`, read with the shared string-literal scanner of [`super::code`] over JSON.
//!
//! JSON needs no parser of its own here: every fact is a string bound to a key, which is exactly what
//! the code scanner's binding analysis finds (`"endpoints": {"sts": "…"}`, `"region": "…"` in the same
//! `provider.aws` object), and it keeps the byte spans a JSON value parser would discard.

use super::code::{self, Role};
use super::facts::{FileFacts, SettingName, StsVpcEndpoint, TokenVersion};
use super::syntax::lexer::{self, TokKind};
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let (mut facts, lexed) = code::extract(source, &lexer::JSON);
    // `"endpoints": {"sts": …}` is named as in HCL, for one message across both syntaxes.
    for endpoint in &mut facts.endpoints {
        if endpoint.via == "endpoints" {
            endpoint.via = "endpoints.sts".into();
        }
    }
    // Lambda `"variables": {"AWS_STS_REGIONAL_ENDPOINTS": "legacy"}` and other env maps.
    for (i, tok) in lexed.toks.iter().enumerate() {
        if tok.kind != TokKind::Str {
            continue;
        }
        let binding = lexed.binding(i);
        if binding.role != Role::Value {
            continue;
        }
        if let Some(name) = binding.names.first()
            && SettingName::from_env_var(&name.text).is_some()
            && !matches!(
                SettingName::from_env_var(&name.text),
                Some(SettingName::EndpointUrl | SettingName::StsEndpointUrl)
            )
        {
            // Endpoint variables are already endpoints (the scanner saw the host); the rest are settings.
            facts.push_env(&name.text, name.span, &tok.text, tok.span, 0);
        }
        repository_fact(&mut facts, &binding.names, &tok.text, tok.span);
    }
    // An interpolated service name's region is the file's one region.
    facts.give_vpc_endpoints_the_one_region(|_, _| true);
    facts
}

/// Repository-level facts, as in `.tf`: `"resource": {"aws_vpc_endpoint": {"<name>": {"service_name":
/// "com.amazonaws.<region>.sts"}}}` and `"aws_iam_security_token_service_preferences": {"<name>":
/// {"global_endpoint_token_version": "…"}}`. `names` is innermost first: the key, the resource name,
/// the resource type.
fn repository_fact(
    facts: &mut FileFacts,
    names: &[code::Name],
    value: &str,
    span: crate::source::Span,
) {
    let [key, name, kind, ..] = names else {
        return;
    };
    let readable = name
        .text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let label = if readable { name.text.as_str() } else { "…" };
    match (kind.text.as_str(), key.text.as_str()) {
        ("aws_vpc_endpoint", "service_name") => {
            if let Some(region) = StsVpcEndpoint::service_region(value) {
                facts.vpc_endpoints.push(StsVpcEndpoint {
                    resource: format!("aws_vpc_endpoint.{label}"),
                    span: name.span,
                    region,
                    // A JSON boolean is no string literal the scanner binds; unknown.
                    private_dns: None,
                });
            }
        }
        ("aws_iam_security_token_service_preferences", "global_endpoint_token_version") => {
            facts.token_versions.push(TokenVersion {
                resource: format!("aws_iam_security_token_service_preferences.{label}"),
                value: value.to_owned(),
                span,
            });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn provider_backend_env_and_identifiers() {
        let text = r#"{
  "terraform": {"backend": {"s3": {"region": "eu-west-1", "sts_endpoint": "https://sts.amazonaws.com"}}},
  "provider": {"aws": [{"region": "af-south-1", "endpoints": {"sts": "https://sts.amazonaws.com"}}]},
  "resource": {
    "aws_iam_openid_connect_provider": {"gh": {"client_id_list": ["sts.amazonaws.com"]}},
    "aws_lambda_function": {"f": {"environment": {"variables": {"AWS_STS_REGIONAL_ENDPOINTS": "legacy"}}}}
  }
}
"#;
        let source = SourceFile::from_text("main.tf.json", FileKind::TerraformJson, text);
        let facts = extract(&source);
        assert_eq!(
            code::literal_uses(&source, &facts),
            [
                "2: global endpoint via sts_endpoint",
                "3: global endpoint via endpoints.sts",
                "5: identifier: client_id_list",
            ]
        );
        let regions: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| facts.region(e.context))
            .collect();
        assert_eq!(regions, [Some("eu-west-1"), Some("af-south-1")]);
        assert!(
            facts
                .settings(SettingName::StsRegionalEndpoints)
                .any(|s| s.value == "legacy")
        );
    }

    #[test]
    fn sts_vpc_endpoints_and_token_versions() {
        let text = r#"{
  "provider": {"aws": {"region": "me-south-1"}},
  "resource": {
    "aws_vpc_endpoint": {
      "sts": {"service_name": "com.amazonaws.${var.region}.sts", "private_dns_enabled": true},
      "s3": {"service_name": "com.amazonaws.${var.region}.s3"}
    },
    "aws_iam_security_token_service_preferences": {"account": {"global_endpoint_token_version": "v1Token"}}
  }
}
"#;
        let source = SourceFile::from_text("main.tf.json", FileKind::TerraformJson, text);
        let facts = extract(&source);
        let endpoints: Vec<_> = facts
            .vpc_endpoints
            .iter()
            .map(|e| (e.resource.as_str(), e.region.as_deref()))
            .collect();
        assert_eq!(endpoints, [("aws_vpc_endpoint.sts", Some("me-south-1"))]);
        let tokens: Vec<_> = facts
            .token_versions
            .iter()
            .map(|t| (t.resource.as_str(), &text[t.span.start..t.span.end]))
            .collect();
        assert_eq!(
            tokens,
            [(
                "aws_iam_security_token_service_preferences.account",
                "v1Token"
            )]
        );
    }
}
