//! Extractor for Gradle version catalogs (`gradle/libs.versions.toml`): `[libraries]` entries for AWS
//! SDK for Java 1.x modules, as `"group:artifact:version"` strings or tables with `module` or
//! `group`/`name` and a `version` string, `version.ref` into `[versions]`, or `version = { ref = … }`.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use super::gradle::{ARTIFACT_PREFIX, GROUP};
use super::syntax::toml_doc;
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[ARTIFACT_PREFIX]) {
        return facts;
    }
    let Some(root) = toml_doc::parse(source, &mut facts) else {
        return facts;
    };
    let versions = toml_doc::table(&root, &["versions"]);
    let Some(libraries) = toml_doc::table(&root, &["libraries"]) else {
        return facts;
    };
    let text = &source.text;
    for (_, library) in libraries.iter() {
        let (coordinate, version) = match library.get_ref() {
            DeValue::String(_) => {
                let Some((s, span)) = toml_doc::string(library, text) else {
                    continue;
                };
                let mut parts = s.splitn(3, ':');
                let (Some(g), Some(a)) = (parts.next(), parts.next()) else {
                    continue;
                };
                let version = parts.next().map(|v| {
                    let start = span.start + g.len() + a.len() + 2;
                    (v.to_owned(), Span::new(start, start + v.len()), None)
                });
                (
                    format!("{g}:{a}"),
                    version.or(Some((String::new(), span, None))),
                )
            }
            DeValue::Table(t) => {
                let coordinate = match toml_doc::get(t, "module")
                    .and_then(|m| toml_doc::string(m, text))
                {
                    Some((m, _)) => m.to_owned(),
                    None => {
                        let group =
                            toml_doc::get(t, "group").and_then(|g| toml_doc::string(g, text));
                        let name = toml_doc::get(t, "name").and_then(|n| toml_doc::string(n, text));
                        match (group, name) {
                            (Some((g, _)), Some((n, _))) => format!("{g}:{n}"),
                            _ => continue,
                        }
                    }
                };
                (
                    coordinate,
                    table_version(t, versions, text).or(Some((
                        String::new(),
                        Span::new(library.span().start, library.span().start),
                        None,
                    ))),
                )
            }
            _ => continue,
        };
        let Some((group, artifact)) = coordinate.split_once(':') else {
            continue;
        };
        if group != GROUP || !artifact.starts_with(ARTIFACT_PREFIX) {
            continue;
        }
        let Some((version, span, via)) = version else {
            continue;
        };
        let mut origin = super::origin(source, span);
        if let Some(via) = via {
            origin.push_str(&format!(" via `versions.{via}`"));
        }
        facts.clients.push(Client {
            ecosystem: Ecosystem::Maven,
            package: coordinate.clone(),
            installed: if version.is_empty() {
                Installed::Unversioned
            } else {
                Installed::Pin
            },
            version,
            span,
            origin,
            context: 0,
        });
    }
    facts.clients.sort_by_key(|c| c.span);
    facts.clients.dedup_by_key(|c| c.span);
    facts
}

/// `version = "1.12.0"`, `version.ref = "aws"`, or `version = { ref = "aws" }` / `{ strictly = "…" }`.
fn table_version(
    library: &DeTable,
    versions: Option<&DeTable>,
    text: &str,
) -> Option<(String, Span, Option<String>)> {
    let version: &Spanned<DeValue> = toml_doc::get(library, "version")?;
    match version.get_ref() {
        DeValue::String(_) => {
            let (v, span) = toml_doc::string(version, text)?;
            Some((v.to_owned(), span, None))
        }
        DeValue::Table(t) => {
            if let Some(reference) = toml_doc::get(t, "ref").and_then(|r| toml_doc::string(r, text))
            {
                let target = toml_doc::get(versions?, reference.0)?;
                let (v, span) = toml_doc::string(target, text)?;
                return Some((v.to_owned(), span, Some(reference.0.to_owned())));
            }
            let exact = toml_doc::get(t, "strictly").or_else(|| toml_doc::get(t, "require"))?;
            let (v, span) = toml_doc::string(exact, text)?;
            Some((v.to_owned(), span, None))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn strings_modules_and_refs() {
        let text = "[versions]\naws = \"1.12.780\"\n\n[libraries]\naws-sts = { module = \"com.amazonaws:aws-java-sdk-sts\", version.ref = \"aws\" }\naws-s3 = \"com.amazonaws:aws-java-sdk-s3:1.11.500\"\nsts2 = { group = \"software.amazon.awssdk\", name = \"sts\", version = \"2.25.0\" }\n";
        let source = SourceFile::from_text("libs.versions.toml", FileKind::VersionCatalog, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (c.package, c.version, c.origin))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "com.amazonaws:aws-java-sdk-sts".into(),
                    "1.12.780".into(),
                    "libs.versions.toml:2 via `versions.aws`".into()
                ),
                (
                    "com.amazonaws:aws-java-sdk-s3".into(),
                    "1.11.500".into(),
                    "libs.versions.toml:6".into()
                ),
            ]
        );
    }
}
