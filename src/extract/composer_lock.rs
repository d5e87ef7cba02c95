//! Extractor for PHP `composer.lock`: the resolved `aws/aws-sdk-php` in `packages` and `packages-dev`.

use super::composer_json::PACKAGE;
use super::facts::{Client, Ecosystem, FileFacts};
use super::syntax::json;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &[PACKAGE]) {
        return facts;
    }
    let Some(root) = json::parse(source, &mut facts) else {
        return facts;
    };
    let Some(root) = root.as_object() else {
        return facts;
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
    facts
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
