//! Extract stage, shared by the source-code extractors (Python, JavaScript/TypeScript, Go, Java/Kotlin,
//! C#, Ruby, PHP, Rust): the shared lexer's tokens ([`crate::extract::syntax::lexer`]) go through the
//! binding analysis ([`binding`]), which decides whether an STS host string literal is an *endpoint*
//! or an *identifier*, and one hop of data flow ([`flow`]); regions bound beside an endpoint become its
//! context. One file per language below holds that language's glue: the syntax family it is lexed with and
//! the facts only it has.

pub mod binding;
pub mod csharp;
mod flow;
pub mod go;
pub mod java;
pub mod java_source;
pub mod javascript;
mod names;
pub mod php;
pub mod python;
pub mod ruby;
pub mod rust_lang;

pub use binding::{Binding, LiteralUse, Name, Role, literal_use};
pub(crate) use names::normalize;

use super::facts::{
    Context, ContextId, ContextKind, Endpoint, FileFacts, Identifier, Setting, SettingName,
};
use crate::extract::syntax::lexer::{Lexed, Syntax, TokKind};
use crate::knowledge::hosts;
use crate::source::{SourceFile, Span};
use binding::MAX_LOOKBACK;
use flow::follow_carriers;
use names::{enum_region, is_region_name_key};

/// Records STS host literals (endpoints and identifiers) and the regions they are configured with.
///
/// A region applies to the bracket group that binds it (`boto3.client(…, region_name=…)`,
/// `&aws.Config{Region: …}`, `StsClient { region = … }`) and every group inside it; a region bound at
/// the top level of the file applies to the whole file. A group or file naming two different regions
/// names none.
pub fn scan(facts: &mut FileFacts, lexed: &Lexed) {
    let mut endpoints: Vec<Endpoint> = Vec::new();
    let mut regions: Vec<(Option<usize>, String, Span, Name)> = Vec::new();
    for (i, tok) in lexed.toks.iter().enumerate() {
        if tok.kind == TokKind::Word
            && let Some(region) = enum_region(&tok.text)
        {
            // `Region.AP_EAST_1` (Java), `RegionEndpoint.APEast1` (.NET) bound to a region.
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.iter().find(|n| is_region_name_key(&n.text))
            {
                regions.push((name.group, region, tok.span, name.clone()));
            }
            continue;
        }
        if tok.kind != TokKind::Str {
            continue;
        }
        if let Some(host) = hosts::classify_sts_url(&tok.text) {
            let binding = lexed.binding(i);
            let used_as = lexed.returned_by(i, &binding, literal_use(&binding, &tok.text));
            match used_as {
                LiteralUse::Endpoint { via } => endpoints.push(Endpoint {
                    url: tok.text.clone(),
                    host,
                    span: tok.span,
                    // The token index for now; replaced by its context below.
                    context: i,
                    via,
                    all_services: false,
                }),
                LiteralUse::Identifier { bound_to } => facts.identifiers.push(Identifier {
                    host,
                    span: tok.span,
                    bound_to,
                }),
            }
        } else if matches!(
            tok.text.as_str(),
            "0" | "F"
                | "FALSE"
                | "False"
                | "f"
                | "false"
                | "1"
                | "T"
                | "TRUE"
                | "True"
                | "t"
                | "true"
        ) {
            // CDK and SDK code that renders a ServiceAccount:
            // `{"eks.amazonaws.com/sts-regional-endpoints": "false"}`.
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.first()
                && name.text == super::facts::IRSA_ANNOTATION
            {
                facts.push_setting(Setting {
                    name: SettingName::IrsaRegionalSts,
                    key: name.text.clone(),
                    key_span: name.span,
                    value: tok.text.clone(),
                    value_span: tok.span,
                    context: 0,
                });
            }
        } else if hosts::is_region_name(&tok.text) {
            let binding = lexed.binding(i);
            if binding.role == Role::Value
                && let Some(name) = binding.names.iter().find(|n| is_region_name_key(&n.text))
            {
                regions.push((name.group, tok.text.clone(), tok.span, name.clone()));
            }
        }
    }
    follow_carriers(facts, lexed, &mut endpoints);
    let mut groups: Vec<(Option<usize>, ContextId)> = Vec::new();
    let mut seen: Vec<Option<usize>> = Vec::new();
    for (group, value, ..) in &regions {
        if seen.contains(group) {
            continue;
        }
        seen.push(*group);
        let same: Vec<_> = regions.iter().filter(|r| r.0 == *group).collect();
        if same.iter().any(|r| &r.1 != value) {
            continue;
        }
        let context = match group {
            None => 0,
            Some(_) => facts.add_context(Context {
                kind: ContextKind::CodeGroup,
                parent: Some(0),
                header: None,
            }),
        };
        groups.push((*group, context));
        for (_, value, span, name) in same {
            facts.push_setting(Setting {
                name: SettingName::Region,
                key: name.text.clone(),
                key_span: name.span,
                value: value.clone(),
                value_span: *span,
                context,
            });
        }
    }
    for mut endpoint in endpoints {
        let token = endpoint.context;
        let enclosing = std::iter::successors(lexed.parent(token), |&g| lexed.parent(g));
        endpoint.context = enclosing
            .into_iter()
            .find_map(|g| groups.iter().find(|(k, _)| *k == Some(g)).map(|(_, c)| *c))
            .unwrap_or(0);
        facts.endpoints.push(endpoint);
    }
}

/// The context a token at `i` belongs to: the [`ContextKind::CodeGroup`] of the innermost enclosing
/// group that binds a region (recorded by [`scan`]), else the whole file. For extractors that record
/// settings of their own (JavaScript client options), so the region written beside them applies.
pub fn enclosing_context(facts: &FileFacts, lexed: &Lexed, i: usize) -> ContextId {
    let enclosing: Vec<usize> = std::iter::successors(lexed.parent(i), |&g| lexed.parent(g))
        .take(MAX_LOOKBACK)
        .collect();
    facts
        .settings(SettingName::Region)
        .filter(|s| s.context != 0)
        .filter_map(|s| {
            let j = lexed
                .toks
                .binary_search_by_key(&s.value_span.start, |t| t.span.start)
                .ok()?;
            let depth = enclosing.iter().position(|&g| Some(g) == lexed.parent(j))?;
            Some((depth, s.context))
        })
        .min_by_key(|&(depth, _)| depth)
        .map_or(0, |(_, c)| c)
}

/// Lexes and scans one source file with its syntax.
pub fn extract(source: &SourceFile, syntax: &Syntax) -> (FileFacts, Lexed) {
    let mut facts = FileFacts::new(source.kind);
    let lexed = Lexed::new(&source.text, syntax);
    scan(&mut facts, &lexed);
    (facts, lexed)
}

/// Test helper: every STS host literal with its use, as `endpoint(via)` / `identifier(bound_to)`.
#[cfg(test)]
pub fn literal_uses(source: &SourceFile, facts: &FileFacts) -> Vec<String> {
    use crate::knowledge::hosts::Host;
    let mut out: Vec<(Span, String)> = facts
        .endpoints
        .iter()
        .map(|e| {
            let kind = if e.host == Host::Global {
                "global"
            } else {
                "regional"
            };
            (e.span, format!("{kind} endpoint via {}", e.via))
        })
        .chain(
            facts
                .identifiers
                .iter()
                .map(|i| (i.span, format!("identifier: {}", i.bound_to))),
        )
        .collect();
    out.sort();
    out.into_iter()
        .map(|(span, v)| {
            let (line, _) = source.line_col(span.start);
            format!("{line}: {v}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::syntax::lexer::{C_FAMILY, GO, JAVASCRIPT, PHP, PYTHON, RUBY, RUST};

    #[test]
    fn hostile_input_never_panics() {
        for text in [
            "\"", "'", "`", "r#\"", "@\"", "/*", "'\\", "é'", "x = 'é", "\"\\", "r###", "$@",
            "'\\'",
        ] {
            for syntax in [PYTHON, JAVASCRIPT, GO, C_FAMILY, RUBY, PHP, RUST] {
                let lexed = Lexed::new(text, &syntax);
                for i in 0..lexed.toks.len() {
                    let _ = lexed.binding(i);
                }
            }
        }
    }

    #[test]
    fn huge_flat_inputs_stay_fast() {
        let one_line = "x = ".to_owned() + &"\"sts.amazonaws.com\" + ".repeat(20_000) + "1\n";
        let array = "x = [".to_owned() + &"\"sts.amazonaws.com\", ".repeat(20_000) + "]\n";
        for text in [one_line, array] {
            let started = std::time::Instant::now();
            let source = SourceFile::from_text("big.py", crate::classify::FileKind::Python, text);
            let (facts, _) = extract(&source, &PYTHON);
            assert_eq!(facts.endpoints.len() + facts.identifiers.len(), 20_000);
            assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
        }
    }

    fn run(
        path: &str,
        kind: crate::classify::FileKind,
        syntax: &Syntax,
        text: &str,
    ) -> Vec<String> {
        let source = SourceFile::from_text(path, kind, text);
        let (facts, _) = extract(&source, syntax);
        literal_uses(&source, &facts)
    }

    #[test]
    fn one_hop_through_a_constant_or_a_function() {
        use crate::classify::FileKind;
        let rust = "fn sts_host() -> &'static str {\n    \"sts.amazonaws.com\"\n}\nconst GLOBAL: &str = \"https://sts.amazonaws.com\";\nfn conf() { Builder::new().endpoint_url(GLOBAL).build(); }\nconst ISSUER_AUD: &str = \"x\";\nconst DEFAULT: &str = \"sts.amazonaws.com\";\nfn token() { Options { audience: DEFAULT } }\n";
        assert_eq!(
            run("src/sts.rs", FileKind::Rust, &RUST, rust),
            [
                "2: global endpoint via sts_host()",
                "4: global endpoint via endpoint_url = GLOBAL",
                "7: identifier: audience (via DEFAULT)",
            ]
        );
        let py = "def audience():\n    return \"sts.amazonaws.com\"\n\ndef sts_url():\n    return \"https://sts.amazonaws.com\"\n\nboto3.client(\"sts\", region_name=\"ap-east-1\", endpoint_url=sts_url())\n";
        let source = SourceFile::from_text("app.py", FileKind::Python, py);
        let (facts, _) = extract(&source, &PYTHON);
        assert_eq!(
            literal_uses(&source, &facts),
            [
                "2: identifier: audience",
                "5: global endpoint via endpoint_url = sts_url()"
            ]
        );
        // The use's region is the endpoint's: the fix and STS202 name it.
        assert_eq!(facts.region(facts.endpoints[0].context), Some("ap-east-1"));
        let go = "func stsEndpoint() string {\n\treturn \"https://sts.amazonaws.com\"\n}\n";
        assert_eq!(
            run("main.go", FileKind::Go, &GO, go),
            ["2: global endpoint via stsEndpoint()"]
        );
    }

    #[test]
    fn keys_records_and_go_blocks_bind_where_they_stand() {
        use crate::classify::FileKind;
        let go = "package auth\n\nconst (\n\tretries = 3\n\tstsHost = \"sts.amazonaws.com\"\n)\n\nvar (\n\tname    = \"x\"\n\tissuerAud = \"sts.amazonaws.com\"\n)\n\nvar tokens = map[string]Token{\n\t\"sts.amazonaws.com\": {},\n}\n";
        assert_eq!(
            run("auth.go", FileKind::Go, &GO, go),
            [
                "5: global endpoint via stsHost",
                "10: identifier: issuerAud",
                "14: identifier: map key",
            ]
        );
        let py = "RECORD = {\n    \"eventSource\": \"sts.amazonaws.com\",\n    \"tlsDetails\": {\n        \"clientProvidedHostHeader\": \"sts.amazonaws.com\",\n    },\n    \"userIdentity\": {\"sub\": \"sts.amazonaws.com\"},\n}\n";
        assert_eq!(
            run("tests/test_trail.py", FileKind::Python, &PYTHON, py),
            [
                "2: identifier: eventSource",
                "4: identifier: clientProvidedHostHeader",
                "6: identifier: sub",
            ]
        );
    }
}
