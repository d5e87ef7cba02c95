//! Extractor for PHP `composer.json`: `aws/aws-sdk-php` in `require` and `require-dev`.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use super::syntax::json;
use crate::source::SourceFile;

pub(crate) const PACKAGE: &str = crate::knowledge::clients::PHP;

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
    for section in ["require", "require-dev"] {
        let Some(deps) = root.get_object(section) else {
            continue;
        };
        for (name, spec, span) in json::string_props(deps) {
            if !name.eq_ignore_ascii_case(PACKAGE) {
                continue;
            }
            let exact = crate::knowledge::versions::Dotted::parse(spec).is_some()
                && spec.trim().bytes().all(|b| b.is_ascii_digit() || b == b'.');
            let installed = match spec.trim() {
                "" | "*" => Installed::Unversioned,
                _ if exact => Installed::Pin,
                _ => Installed::Range,
            };
            facts.clients.push(Client {
                ecosystem: Ecosystem::Packagist,
                package: PACKAGE.to_owned(),
                version: spec.to_owned(),
                installed,
                span,
                origin: super::origin(source, span),
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

    #[test]
    fn require_and_require_dev() {
        let text = r#"{"require": {"php": ">=8.1", "aws/aws-sdk-php": "^3.300"},
 "require-dev": {"aws/aws-sdk-php": "3.300.0"}}"#;
        let source = SourceFile::from_text("composer.json", FileKind::ComposerJson, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (c.version, c.installed))
            .collect();
        assert_eq!(
            got,
            vec![
                ("^3.300".to_owned(), Installed::Range),
                ("3.300.0".to_owned(), Installed::Pin)
            ]
        );
    }
}
