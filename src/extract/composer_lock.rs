//! Extractor for PHP `composer.lock`: the resolved `aws/aws-sdk-php` in `packages` and `packages-dev`.
//!
//! Lockfiles run large, so the document is read as a stream with serde_json, as `package-lock.json`
//! is: every field but a package's `name` and `version` is skipped in place, and the `version` is
//! kept as a borrowed slice of the text (`RawValue`), which gives its span. Memory is two words per
//! package, whatever the file's size. A document the stream refuses (comments, another shape) is read
//! with the span-keeping tree, within the ordinary size limit.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::composer_json::PACKAGE;
use super::facts::{Client, Ecosystem, FileFacts};
use super::syntax::json;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[PACKAGE]) {
        return facts;
    }
    match serde_json::from_str::<Lock>(&source.text) {
        Ok(lock) => {
            for package in lock.packages.iter().chain(&lock.packages_dev) {
                let is_sdk = package
                    .name
                    .as_ref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(PACKAGE));
                if let (true, Some(version)) = (is_sdk, package.version) {
                    push_raw(&mut facts, source, version);
                }
            }
        }
        Err(e) => {
            if json::stream_refused(source, &e, &mut facts) {
                tree(&mut facts, source);
            }
        }
    }
    facts
}

#[derive(Deserialize)]
struct Lock<'a> {
    #[serde(borrow, default)]
    packages: Vec<Package<'a>>,
    #[serde(borrow, default, rename = "packages-dev")]
    packages_dev: Vec<Package<'a>>,
}

#[derive(Deserialize)]
struct Package<'a> {
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    version: Option<&'a RawValue>,
}

/// A raw `version` that is a string becomes a client; its span is where the slice lies in the text.
fn push_raw(facts: &mut FileFacts, source: &SourceFile, raw: &RawValue) {
    let Some((version, span)) = json::raw_string(source, raw) else {
        return;
    };
    facts.clients.push(Client::locked(
        source,
        Ecosystem::Packagist,
        PACKAGE.to_owned(),
        version,
        span,
    ));
}

/// The span-keeping tree, for documents that are not strict JSON or not of the usual shape.
fn tree(facts: &mut FileFacts, source: &SourceFile) {
    let Some(root) = json::parse(source, facts) else {
        return;
    };
    let Some(root) = root.as_object() else {
        return;
    };
    for section in ["packages", "packages-dev"] {
        let Some(list) = root.get_array(section) else {
            continue;
        };
        for entry in list.elements.iter().filter_map(|e| e.as_object()) {
            let is_sdk = entry
                .get_string("name")
                .is_some_and(|n| n.value.eq_ignore_ascii_case(PACKAGE));
            let Some(version) = entry.get_string("version").filter(|_| is_sdk) else {
                continue;
            };
            let span = json::string_span(version);
            facts.clients.push(Client::locked(
                source,
                Ecosystem::Packagist,
                PACKAGE.to_owned(),
                version.value.to_string(),
                span,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn packages_and_packages_dev() {
        let text = r#"{"packages": [{"name": "guzzlehttp/guzzle", "version": "7.8.1"},
  {"name": "aws/aws-sdk-php", "version": "3.351.11"}],
 "packages-dev": [{"name": "aws/aws-sdk-php", "version": "v3.351.12"}]}"#;
        let source = SourceFile::from_text("composer.lock", FileKind::ComposerLock, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| c.version)
            .collect();
        assert_eq!(got, vec!["3.351.11", "v3.351.12"]);
    }
}
