//! Extractor for Maven `pom.xml`: AWS SDK for Java 1.x artifacts (`com.amazonaws:aws-java-sdk*`) in
//! `dependencies` and `dependencyManagement` (the `aws-java-sdk-bom` import included), with versions
//! resolved through the file's own `<properties>`.
//!
//! quick-xml supplies the events; element text spans come from the reader's byte positions. A dependency
//! without a version whose version this file manages is not recorded twice: the managed entry is.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::facts::{Client, Ecosystem, FileFacts, Installed, Problem};
use crate::knowledge::clients::JAVA_V1_STS_ARTIFACTS;
use crate::source::{SourceFile, Span};

const GROUP: &str = "com.amazonaws";
const ARTIFACT_PREFIX: &str = "aws-java-sdk";
/// Property references nest (`${a}` → `${b}`) only so deep in real POMs; the bound stops cycles.
const MAX_RESOLVE: usize = 8;

#[derive(Debug, Default, Clone)]
struct Dependency {
    group: String,
    artifact: String,
    version: Option<(String, Span)>,
    managed: bool,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[ARTIFACT_PREFIX]) {
        return facts;
    }
    let text = &source.text;
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut properties: HashMap<String, (String, Span)> = HashMap::new();
    let mut deps: Vec<Dependency> = Vec::new();
    let mut current: Option<Dependency> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event();
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_owned();
                if name == "dependency" {
                    current = Some(Dependency {
                        managed: path.iter().any(|p| p == "dependencyManagement"),
                        ..Dependency::default()
                    });
                }
                path.push(name);
            }
            Ok(Event::End(_)) => {
                if path.pop().as_deref() == Some("dependency")
                    && let Some(dep) = current.take()
                {
                    deps.push(dep);
                }
            }
            Ok(Event::Text(_)) => {
                let (Some(raw), true) = (text.get(before..after), before <= after) else {
                    continue;
                };
                let lead = raw.len() - raw.trim_start().len();
                let value = raw.trim();
                let span = Span::new(before + lead, before + lead + value.len());
                let depth = path.len();
                let parent = depth.checked_sub(2).and_then(|i| path.get(i));
                let leaf = path.last().map(String::as_str).unwrap_or_default();
                if depth == 3 && path[0] == "project" && path[1] == "properties" {
                    properties.insert(leaf.to_owned(), (value.to_owned(), span));
                } else if let (Some(dep), Some("dependency")) =
                    (current.as_mut(), parent.map(String::as_str))
                {
                    match leaf {
                        "groupId" => dep.group = value.to_owned(),
                        "artifactId" => dep.artifact = value.to_owned(),
                        "version" => dep.version = Some((value.to_owned(), span)),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let at = before.min(text.len());
                facts.problems.push(Problem {
                    message: format!("malformed XML: {e}"),
                    span: Span::new(at, at),
                });
                break;
            }
            Ok(_) => {}
        }
    }
    let is_sdk = |d: &Dependency| d.group == GROUP && d.artifact.starts_with(ARTIFACT_PREFIX);
    let bom_managed = deps
        .iter()
        .any(|d| d.managed && is_sdk(d) && d.artifact == "aws-java-sdk-bom");
    // The STS module the BOM manages here (an unversioned `-sts` dependency): the BOM's version is
    // that module's, so it is recorded under the module's name; a BOM that manages only other modules
    // is recorded as itself, which the knowledge table does not judge.
    let bom_sts = deps
        .iter()
        .find(|d| {
            !d.managed
                && d.version.is_none()
                && is_sdk(d)
                && JAVA_V1_STS_ARTIFACTS.contains(&d.artifact.as_str())
        })
        .map(|d| d.artifact.clone());
    let mut seen: Vec<Span> = Vec::new();
    for dep in deps.iter().filter(|d| is_sdk(d)) {
        let managed_here = bom_managed
            || deps
                .iter()
                .any(|m| m.managed && m.artifact == dep.artifact && m.group == dep.group);
        let client = match &dep.version {
            Some((version, span)) => resolve(version, *span, &properties),
            None if !dep.managed && managed_here => continue,
            None => None,
        };
        let (version, span, via) = match client {
            Some(found) => found,
            None => {
                // Unversioned here (a parent POM or an unresolved property decides): still SDK v1.
                let span = dep
                    .version
                    .as_ref()
                    .map_or_else(|| find_artifact(text, &dep.artifact), |(_, span)| *span);
                (String::new(), span, None)
            }
        };
        if seen.contains(&span) {
            continue;
        }
        seen.push(span);
        let mut origin = super::origin(source, span);
        if let Some(via) = via {
            origin.push_str(&format!(" via `${{{via}}}`"));
        }
        let mut artifact = dep.artifact.clone();
        if dep.managed
            && dep.artifact == "aws-java-sdk-bom"
            && let Some(sts) = &bom_sts
        {
            origin.push_str(", managed by `aws-java-sdk-bom`");
            artifact.clone_from(sts);
        }
        let installed = if version.is_empty() {
            Installed::Unversioned
        } else if version.starts_with(['[', '(']) {
            Installed::Range
        } else {
            Installed::Pin
        };
        facts.clients.push(Client {
            ecosystem: Ecosystem::Maven,
            package: format!("{}:{artifact}", dep.group),
            version,
            installed,
            span,
            origin,
            context: 0,
        });
    }
    facts
}

/// Follows `${name}` through `<properties>`; `None` when a reference is not defined in this file.
fn resolve(
    version: &str,
    span: Span,
    properties: &HashMap<String, (String, Span)>,
) -> Option<(String, Span, Option<String>)> {
    let mut current = (version.to_owned(), span);
    let mut via = None;
    for _ in 0..MAX_RESOLVE {
        let Some(name) = current
            .0
            .strip_prefix("${")
            .and_then(|r| r.strip_suffix('}'))
        else {
            return Some((current.0, current.1, via));
        };
        via.get_or_insert_with(|| name.to_owned());
        current = properties.get(name)?.clone();
    }
    None
}

/// The artifactId's position, for dependencies that carry no version element.
fn find_artifact(text: &str, artifact: &str) -> Span {
    let needle = format!("<artifactId>{artifact}</artifactId>");
    text.find(&needle).map_or(Span::new(0, 0), |i| {
        let start = i + "<artifactId>".len();
        Span::new(start, start + artifact.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn properties_bom_and_managed_dependencies() {
        let text = r#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <properties>
    <aws.version>1.11.500</aws.version>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.amazonaws</groupId>
        <artifactId>aws-java-sdk-bom</artifactId>
        <version>${aws.version}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-java-sdk-sts</artifactId>
    </dependency>
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>sts</artifactId>
      <version>2.25.0</version>
    </dependency>
  </dependencies>
</project>
"#;
        let source = SourceFile::from_text("pom.xml", FileKind::MavenPom, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| (c.package.as_str(), c.version.as_str(), c.origin.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![(
                "com.amazonaws:aws-java-sdk-sts",
                "1.11.500",
                "pom.xml:4 via `${aws.version}`, managed by `aws-java-sdk-bom`"
            )]
        );
        // A BOM that manages only modules without the STS client is recorded as itself (not judged).
        let s3_only = text.replace("aws-java-sdk-sts", "aws-java-sdk-s3");
        let source = SourceFile::from_text("pom.xml", FileKind::MavenPom, s3_only);
        let facts = extract(&source);
        assert_eq!(facts.clients.len(), 1);
        assert_eq!(facts.clients[0].package, "com.amazonaws:aws-java-sdk-bom");
        assert_eq!(
            &text[facts.clients[0].span.start..facts.clients[0].span.end],
            "1.11.500"
        );
    }

    #[test]
    fn unmanaged_unversioned_and_malformed() {
        let text = "<project><dependencies><dependency><groupId>com.amazonaws</groupId><artifactId>aws-java-sdk-s3</artifactId></dependency></dependencies></project>";
        let facts = extract(&SourceFile::from_text("pom.xml", FileKind::MavenPom, text));
        assert_eq!(facts.clients[0].installed, Installed::Unversioned);
        let facts = extract(&SourceFile::from_text(
            "pom.xml",
            FileKind::MavenPom,
            "<project><aws-java-sdk></project>",
        ));
        assert_eq!(facts.problems.len(), 1);
    }
}
