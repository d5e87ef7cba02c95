//! Extractor for JavaScript and TypeScript source: STS host string literals, each an endpoint or an
//! identifier by what it is bound to (the shared lexer and binding analysis are in [`super::code`]),
//! and the SDK client options that choose the global endpoint: JS v2 `stsRegionalEndpoints: 'legacy'`
//! and JS v3 `useGlobalEndpoint: true` (sts-facts §3).

use super::code::{self, TokKind};
use super::facts::{FileFacts, Setting, SettingName};
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let (mut facts, lexed) = code::extract(source, &code::JAVASCRIPT);
    for (i, tok) in lexed.toks.iter().enumerate() {
        // JS v2 reads the option case-insensitively (sts-facts §3), so `'Legacy'` is legacy too.
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
        if binding.role == code::Role::Value && code::normalize(&key.text) == wanted {
            facts.push_setting(Setting {
                name,
                key: key.text.clone(),
                key_span: key.span,
                value: value.to_owned(),
                value_span: tok.span,
                context: 0,
            });
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/sts.ts", FileKind::JavaScript, text);
        code::verdicts(&source, &extract(&source))
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
    fn identifier_fixture_is_all_identifiers() {
        let text =
            include_str!("../../tests/fixtures/global-endpoint/input/identifiers/audiences.ts");
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
