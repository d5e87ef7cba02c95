//! Extractor for JavaScript and TypeScript source: STS host string literals, each an endpoint or an
//! identifier by what it is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]),
//! and the SDK client options that choose the global endpoint: JS v2 `stsRegionalEndpoints: 'legacy'`
//! and JS v3 `useGlobalEndpoint: true` (aws/aws-sdk-js `lib/services/sts.js`,
//! `lib/config_regional_endpoint.js`; aws/aws-sdk-js-v3 `clients/client-sts/src/endpoint/EndpointParameters.ts`).

use crate::extract::code;
use crate::extract::facts::{FileFacts, Setting, SettingName};
use crate::extract::syntax::lexer::{self, TokKind};
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let (mut facts, lexed) = code::extract(source, &lexer::JAVASCRIPT);
    for (i, tok) in lexed.toks.iter().enumerate() {
        // JS v2 reads the option case-insensitively (aws/aws-sdk-js `lib/config_regional_endpoint.js`:
        // `toLowerCase()`), so `'Legacy'` is legacy too.
        let (name, value) = match tok.kind {
            TokKind::Str if tok.text.eq_ignore_ascii_case("legacy") => {
                (SettingName::StsRegionalEndpoints, "legacy")
            }
            TokKind::Word if tok.text == "true" => (SettingName::UseGlobalEndpoint, "true"),
            _ => continue,
        };
        let binding = lexed.binding(i);
        let Some(key) = binding.names.first() else {
            continue;
        };
        let wanted = match name {
            SettingName::StsRegionalEndpoints => "stsregionalendpoints",
            _ => "useglobalendpoint",
        };
        if binding.role == code::Role::Value
            && code::normalize(&key.text) == wanted
            && (name != SettingName::UseGlobalEndpoint || sts_client_option(source, &lexed, i))
        {
            facts.push_setting(Setting {
                name,
                key: key.text.clone(),
                key_span: key.span,
                value: value.to_owned(),
                value_span: tok.span,
                context: code::enclosing_context(&facts, &lexed, i),
            });
        }
    }
    facts
}

/// Whether the object holding the option at token `i` configures an STS client: `@aws-sdk/client-s3`'s
/// `S3Client` has an option of the same name (`useGlobalEndpoint`, for S3's us-east-1 global endpoint),
/// so `useGlobalEndpoint: true` is the STS ruleset's `UseGlobalEndpoint` only in an STS context.
///
/// The enclosing calls decide: `new STSClient({…})`/`new STS({…})`, or a credential provider
/// (`fromTemporaryCredentials({ clientConfig: {…} })`, `fromWebToken`, `fromIni`, …, which build an
/// STS client from these options) is STS; another `…Client(` is not. An object literal outside any
/// call counts when the file imports the STS client or the credential providers and not the S3 client.
fn sts_client_option(source: &SourceFile, lexed: &code::Lexed, i: usize) -> bool {
    let mut group = lexed.parent(i);
    // Bounded: options sit a few brackets deep; hostile nesting must stay linear.
    for _ in 0..8 {
        let Some(g) = group else { break };
        if lexed.toks[g].text == "(" {
            let callee = lexed.toks[..g]
                .iter()
                .rev()
                .take(64)
                .find(|t| t.kind != TokKind::Newline)
                .filter(|t| t.kind == TokKind::Word);
            if let Some(callee) = callee {
                let name = callee.text.as_str();
                if name.contains("STS") || is_credential_provider(name) {
                    return true;
                }
                if name.ends_with("Client") {
                    return false;
                }
            }
        }
        group = lexed.parent(g);
    }
    let text = &source.text;
    (text.contains("@aws-sdk/client-sts") || text.contains("@aws-sdk/credential-provider"))
        && !text.contains("@aws-sdk/client-s3")
}

/// `@aws-sdk/credential-providers` factories (`fromTemporaryCredentials`, `fromWebToken`, `fromIni`,
/// `fromNodeProviderChain`, …): `from` and an upper-case letter.
fn is_credential_provider(name: &str) -> bool {
    name.strip_prefix("from")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/sts.ts", FileKind::JavaScript, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r#"import * as core from '@actions/core';
const sts = new STSClient({ region: 'eu-west-1', endpoint: 'https://sts.amazonaws.com' });
const token = await core.getIDToken('sts.amazonaws.com');
new iam.OpenIdConnectProvider(this, 'Gh', { url: issuer, clientIds: ['sts.amazonaws.com'] });
const cond = { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } };
export const STS_GLOBAL = "sts.amazonaws.com";
// endpoint: 'https://sts.amazonaws.com' in a comment is prose
if (record.eventSource === 'sts.amazonaws.com') { count++; }
const audience: string = "sts.amazonaws.com";
const v2 = new AWS.STS({ stsRegionalEndpoints: 'legacy', endpoint: `https://sts.eu-west-1.amazonaws.com` });
const ns = "https://sts.amazonaws.com/doc/2011-06-15/";
"#;
        assert_eq!(
            run(text),
            [
                "2: global endpoint via endpoint",
                "3: identifier: getIDToken",
                "4: identifier: clientIds",
                "5: identifier: token.actions.githubusercontent.com:aud",
                "6: global endpoint via STS_GLOBAL",
                "8: identifier: ===",
                "9: identifier: audience",
                "10: regional endpoint via endpoint",
            ]
        );
    }

    #[test]
    fn client_options_are_settings() {
        let text = "new AWS.STS({ stsRegionalEndpoints: 'Legacy' });\nnew STSClient({ useGlobalEndpoint: true, region });\nconst x = { debug: true };\n";
        let source = SourceFile::from_text("a.js", FileKind::JavaScript, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| (s.name, s.key.as_str(), s.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    SettingName::StsRegionalEndpoints,
                    "stsRegionalEndpoints",
                    "legacy"
                ),
                (SettingName::UseGlobalEndpoint, "useGlobalEndpoint", "true"),
            ]
        );
    }

    #[test]
    fn use_global_endpoint_only_in_an_sts_context() {
        let found = |text: &str| {
            let source = SourceFile::from_text("a.ts", FileKind::JavaScript, text);
            extract(&source)
                .settings(SettingName::UseGlobalEndpoint)
                .map(|s| source.line_col(s.value_span.start).0)
                .collect::<Vec<_>>()
        };
        let text = "import { S3Client } from '@aws-sdk/client-s3';\nimport { STSClient } from '@aws-sdk/client-sts';\nconst s3 = new S3Client({ region: 'us-east-1', useGlobalEndpoint: true });\nconst sts = new STSClient({ useGlobalEndpoint: true });\nconst creds = fromTemporaryCredentials({ params: {}, clientConfig: { useGlobalEndpoint: true } });\nconst opts = { useGlobalEndpoint: true };\n";
        assert_eq!(found(text), [4, 5]);
        // An options object outside any call: the file's imports decide.
        assert_eq!(
            found(
                "import { STSClient } from '@aws-sdk/client-sts';\nconst opts = { useGlobalEndpoint: true };\n"
            ),
            [2]
        );
        assert!(found("import { S3Client } from '@aws-sdk/client-s3';\nconst opts = { useGlobalEndpoint: true };\n").is_empty());
    }

    #[test]
    fn identifier_fixture_is_all_identifiers() {
        let text =
            include_str!("../../../tests/fixtures/global-endpoint/input/identifiers/audiences.ts");
        let source = SourceFile::from_text("audiences.ts", FileKind::JavaScript, text);
        let facts = extract(&source);
        assert!(facts.endpoints.is_empty(), "{:?}", facts.endpoints);
        let mut bound: Vec<_> = facts
            .identifiers
            .iter()
            .map(|i| i.bound_to.as_str())
            .collect();
        bound.sort_unstable();
        assert_eq!(
            bound,
            [
                "--client-id-list",
                "--token-audience",
                "ClientIdList",
                "ServicePrincipal",
                "aud",
                "audience",
                "clientIds",
                "eks.amazonaws.com/audience",
                "event.provider",
                "eventSource",
                "getIDToken",
                "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:aud",
            ]
        );
    }
}
