//! Extractor for .NET package manifests: `*.csproj` / `*.fsproj` / `*.vbproj` (`<PackageReference
//! Include="AWSSDK.Core" Version="3.7.0" />`), `Directory.Packages.props` (`<PackageVersion …>`) and
//! `packages.config` (`<package id="AWSSDK.Core" version="3.3.104" />`).
//!
//! The facts are recorded so the .NET SDK is known, but no primary source names the AWSSDK.Core v3
//! version that first read the setting or flipped the default (aws/aws-sdk-net `changelogs/`; the AWS
//! Developer Tools Blog of 2025-07 gives only the date), so the knowledge table never flags them.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::facts::{Client, Ecosystem, FileFacts, Installed, Problem};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["AWSSDK.", "awssdk."]) {
        return facts;
    }
    let text = &source.text;
    let mut reader = Reader::from_str(text);
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
                package(&mut facts, source, &e, before, end);
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
    facts
}

fn package(facts: &mut FileFacts, source: &SourceFile, e: &BytesStart, start: usize, end: usize) {
    let element = e.local_name().as_ref().to_owned();
    let (name_attr, version_attr) = match element.as_str() {
        "PackageReference" | "PackageVersion" => ("Include", "Version"),
        "package" => ("id", "version"),
        _ => return,
    };
    let mut name = None;
    let mut version = None;
    for attr in e.attributes().flatten() {
        let key = attr.key.local_name().as_ref().to_owned();
        let value = attr.value.to_string();
        if key.eq_ignore_ascii_case(name_attr) {
            name = Some(value);
        } else if key.eq_ignore_ascii_case(version_attr) {
            version = Some(value);
        }
    }
    let Some(name) = name.filter(|n| n.to_ascii_lowercase().starts_with("awssdk.")) else {
        return;
    };
    let tag = source.text.get(start..end).unwrap_or_default();
    let span = version
        .as_deref()
        .and_then(|v| {
            tag.find(&format!("\"{v}\""))
                .map(|i| Span::new(start + i + 1, start + i + 1 + v.len()))
        })
        .unwrap_or_else(|| Span::new(start, start));
    let version = version.unwrap_or_default();
    facts.clients.push(Client {
        ecosystem: Ecosystem::NuGet,
        package: name,
        installed: if version.is_empty() {
            Installed::Unversioned
        } else if version.starts_with(['[', '(']) {
            Installed::Range
        } else {
            Installed::Pin
        },
        version,
        span,
        origin: super::origin(source, span),
        context: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn package_references_versions_and_packages_config() {
        let csproj = r#"<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="AWSSDK.SecurityToken" Version="3.3.103.3" />
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
  </ItemGroup>
</Project>"#;
        let source = SourceFile::from_text("App.csproj", FileKind::NuGet, csproj);
        let facts = extract(&source);
        assert_eq!(facts.clients.len(), 1);
        let c = &facts.clients[0];
        assert_eq!(&csproj[c.span.start..c.span.end], "3.3.103.3");
        let config = r#"<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="AWSSDK.Core" version="3.3.104.14" targetFramework="net472" />
</packages>"#;
        let source = SourceFile::from_text("packages.config", FileKind::NuGet, config);
        assert_eq!(extract(&source).clients[0].package, "AWSSDK.Core");
    }
}
