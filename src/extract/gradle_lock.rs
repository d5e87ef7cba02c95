//! Extractor for Gradle dependency locks (`gradle.lockfile`, `buildscript-gradle.lockfile`): one
//! `group:artifact:version=configurations` line per resolved module.

use super::facts::{Client, Ecosystem, FileFacts};
use super::gradle::{ARTIFACT_PREFIX, GROUP};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[ARTIFACT_PREFIX]) {
        return facts;
    }
    for (offset, line) in source.lines() {
        if line.starts_with('#') {
            continue;
        }
        let coordinate = line.split('=').next().unwrap_or_default();
        let mut parts = coordinate.splitn(3, ':');
        let (Some(group), Some(artifact), Some(version)) =
            (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if group != GROUP || !artifact.starts_with(ARTIFACT_PREFIX) || version.is_empty() {
            continue;
        }
        let start = offset + group.len() + artifact.len() + 2;
        let span = Span::new(start, start + version.len());
        facts.clients.push(Client::locked(
            source,
            Ecosystem::Maven,
            format!("{group}:{artifact}"),
            version.to_owned(),
            span,
        ));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn locked_modules() {
        let text = "# This is a Gradle generated file for dependency locking.\ncom.amazonaws:aws-java-sdk-core:1.12.780=compileClasspath,runtimeClasspath\ncom.amazonaws:jmespath-java:1.12.780=runtimeClasspath\nsoftware.amazon.awssdk:sts:2.25.0=runtimeClasspath\nempty=annotationProcessor\n";
        let source = SourceFile::from_text("gradle.lockfile", FileKind::GradleLock, text);
        let got: Vec<_> = extract(&source)
            .clients
            .iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect();
        assert_eq!(got, vec!["1.12.780"]);
    }
}
