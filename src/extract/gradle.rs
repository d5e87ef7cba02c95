//! Extractor for Gradle build scripts (`build.gradle`, `build.gradle.kts`, `*.gradle`): AWS SDK for
//! Java 1.x coordinates in string literals (`'com.amazonaws:aws-java-sdk-sts:1.12.780'`), in map notation
//! (`group: 'com.amazonaws', name: 'aws-java-sdk-s3', version: '1.11.500'`) and with versions from the
//! script's own variables (`"com.amazonaws:aws-java-sdk-sts:$awsVersion"`, `def`/`val`/`ext.` names).
//!
//! Hand-written: build scripts are Groovy or Kotlin programs with no Rust parser; dependency coordinates
//! are string literals by convention, and reading literals (not evaluating code) is what Gradle linters
//! do. Versions set elsewhere (`gradle.properties`, a parent build) leave the version unknown: every
//! SDK v1 version defaults to legacy, so STS102 still applies and STS101 cannot.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use crate::knowledge::clients::JAVA_V1_STS_ARTIFACTS;
use crate::source::{SourceFile, Span};

pub(crate) const GROUP: &str = "com.amazonaws";
pub(crate) const ARTIFACT_PREFIX: &str = "aws-java-sdk";

/// A string literal on one line: its text and the span inside its quotes.
#[derive(Debug)]
struct Literal<'a> {
    text: &'a str,
    span: Span,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[ARTIFACT_PREFIX]) {
        return facts;
    }
    let lines: Vec<(usize, &str)> = source
        .lines()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .collect();
    let variables: Vec<(&str, Literal)> =
        lines.iter().filter_map(|&(o, l)| variable(l, o)).collect();
    let has_bom = source.text.contains("aws-java-sdk-bom:");
    // The STS module a BOM here manages (written without a version): the BOM's line is recorded
    // under its name, since the BOM's version is that module's.
    let bom_sts = JAVA_V1_STS_ARTIFACTS.iter().copied().find(|a| {
        ['"', '\''].iter().any(|q| {
            source.text.contains(&format!("{GROUP}:{a}{q}"))
                || source.text.contains(&format!("name: {q}{a}{q}"))
        })
    });
    for &(offset, line) in &lines {
        let literals = literals(line, offset);
        // Map notation: `group: 'com.amazonaws', name: 'aws-java-sdk-s3', version: '1.11.500'`.
        if line.contains("group") && literals.iter().any(|l| l.text == GROUP) {
            let name = literals
                .iter()
                .find(|l| l.text.starts_with(ARTIFACT_PREFIX));
            if let Some(name) = name {
                let version = literals.iter().rev().find(|l| {
                    !std::ptr::eq(*l, name) && l.text != GROUP && line.contains("version")
                });
                push(
                    &mut facts,
                    source,
                    name.text,
                    version,
                    name.span,
                    &Scope {
                        variables: &variables,
                        has_bom,
                        bom_sts,
                    },
                );
            }
            continue;
        }
        for literal in &literals {
            let mut parts = literal.text.splitn(3, ':');
            let (Some(group), Some(artifact)) = (parts.next(), parts.next()) else {
                continue;
            };
            if group != GROUP || !artifact.starts_with(ARTIFACT_PREFIX) {
                continue;
            }
            let version = parts.next().map(|v| {
                let start = literal.span.start + group.len() + artifact.len() + 2;
                // `1.12.780@jar`, `1.12.780:classifier`: the version ends there.
                let v = v.split(['@', ':']).next().unwrap_or(v);
                Literal {
                    text: v,
                    span: Span::new(start, start + v.len()),
                }
            });
            push(
                &mut facts,
                source,
                artifact,
                version.as_ref(),
                literal.span,
                &Scope {
                    variables: &variables,
                    has_bom,
                    bom_sts,
                },
            );
        }
    }
    facts
}

/// What the whole script says about its dependencies.
struct Scope<'a, 'b> {
    variables: &'a [(&'b str, Literal<'b>)],
    has_bom: bool,
    bom_sts: Option<&'static str>,
}

fn push(
    facts: &mut FileFacts,
    source: &SourceFile,
    artifact: &str,
    version: Option<&Literal>,
    fallback: Span,
    scope: &Scope,
) {
    let Scope {
        variables,
        has_bom,
        bom_sts,
    } = *scope;
    let (version, span, via) = match version {
        Some(v) if v.text.starts_with('$') => {
            let name = v
                .text
                .trim_start_matches('$')
                .trim_start_matches('{')
                .trim_end_matches('}');
            match variables.iter().rev().find(|(n, _)| *n == name) {
                Some((_, lit)) => (lit.text.to_owned(), lit.span, Some(name)),
                None => (String::new(), v.span, Some(name)),
            }
        }
        Some(v) => (v.text.to_owned(), v.span, None),
        // Managed by a BOM in this file: the BOM's line is the one recorded.
        None if has_bom && artifact != "aws-java-sdk-bom" => return,
        None => (String::new(), fallback, None),
    };
    let mut origin = super::origin(source, span);
    if let Some(via) = via {
        origin.push_str(&format!(" via `{via}`"));
    }
    let artifact = match bom_sts {
        Some(sts) if artifact == "aws-java-sdk-bom" => {
            origin.push_str(", managed by `aws-java-sdk-bom`");
            sts
        }
        _ => artifact,
    };
    facts.clients.push(Client {
        ecosystem: Ecosystem::Maven,
        package: format!("{GROUP}:{artifact}"),
        installed: if version.is_empty() {
            Installed::Unversioned
        } else if version.starts_with(['[', '(']) {
            Installed::Range
        } else {
            Installed::Pin
        },
        version,
        span,
        origin,
        context: 0,
    });
}

/// `def awsVersion = '1.12.0'`, `val awsVersion = "1.12.0"`, `ext.awsVersion = '…'`, or `awsVersion = '…'`
/// inside an `ext { }` block: a name bound to one string literal.
fn variable(line: &str, offset: usize) -> Option<(&str, Literal<'_>)> {
    let trimmed = line.trim_start();
    let trimmed = ["def ", "val ", "var ", "project.ext.", "ext."]
        .iter()
        .find_map(|p| trimmed.strip_prefix(p))
        .unwrap_or(trimmed);
    let (name, value) = trimmed.split_once('=')?;
    let name = name.trim().split(':').next()?.trim();
    let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !valid || value.starts_with('=') {
        return None;
    }
    let value_offset = offset + (line.len() - value.len());
    let mut found = literals(value, value_offset);
    (found.len() == 1).then(|| (name, found.remove(0)))
}

/// The single- or double-quoted literals of a line.
fn literals(line: &str, offset: usize) -> Vec<Literal<'_>> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let quote = bytes[i];
        if quote != b'\'' && quote != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let Some(len) = memchr::memchr(quote, &bytes[start..]) else {
            break;
        };
        out.push(Literal {
            text: &line[start..start + len],
            span: Span::new(offset + start, offset + start + len),
        });
        i = start + len + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn got(name: &str, text: &str) -> Vec<(String, String, String)> {
        let source = SourceFile::from_text(name, FileKind::Gradle, text);
        extract(&source)
            .clients
            .into_iter()
            .map(|c| {
                (
                    c.package,
                    c.version,
                    text[c.span.start..c.span.end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn groovy_literals_map_notation_and_variables() {
        let text = "ext {\n    awsVersion = '1.11.500'\n}\ndependencies {\n    implementation \"com.amazonaws:aws-java-sdk-sts:$awsVersion\"\n    implementation group: 'com.amazonaws', name: 'aws-java-sdk-s3', version: '1.12.0'\n    // implementation 'com.amazonaws:aws-java-sdk-sqs:1.0.0'\n    implementation 'software.amazon.awssdk:sts:2.25.0'\n}\n";
        assert_eq!(
            got("build.gradle", text),
            vec![
                (
                    "com.amazonaws:aws-java-sdk-sts".into(),
                    "1.11.500".into(),
                    "1.11.500".into()
                ),
                (
                    "com.amazonaws:aws-java-sdk-s3".into(),
                    "1.12.0".into(),
                    "1.12.0".into()
                ),
            ]
        );
    }

    #[test]
    fn kotlin_bom_manages_versionless_dependencies() {
        let text = "dependencies {\n    implementation(platform(\"com.amazonaws:aws-java-sdk-bom:1.12.780\"))\n    implementation(\"com.amazonaws:aws-java-sdk-sts\")\n}\n";
        assert_eq!(
            got("build.gradle.kts", text),
            vec![(
                "com.amazonaws:aws-java-sdk-sts".into(),
                "1.12.780".into(),
                "1.12.780".into()
            )]
        );
    }
}
