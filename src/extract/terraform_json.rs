//! Extractor for Terraform JSON (`.tf.json`): the same endpoints, regions, environment maps and IRSA
//! annotations as `.tf`, read with the shared string-literal scanner of [`super::code`] over JSON.
//!
//! JSON needs no parser of its own here: every fact is a string bound to a key, which is exactly what
//! the code scanner's binding analysis finds (`"endpoints": {"sts": "…"}`, `"region": "…"` in the same
//! `provider.aws` object), and it keeps the byte spans a JSON value parser would discard.

use super::code::{self, Role, TokKind};
use super::facts::{FileFacts, SettingName};
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let (mut facts, lexed) = code::extract(source, &code::JSON);
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
    }
    facts
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
            code::verdicts(&source, &facts),
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
}
