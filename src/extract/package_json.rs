//! Extractor for npm `package.json`: the JavaScript SDK v2 (`aws-sdk`) in every dependency section.
//!
//! `@aws-sdk/*` packages are the v3 SDK and never match: only the exact name `aws-sdk` is JS v2.

use super::facts::{Client, Ecosystem, FileFacts, Installed};
use super::syntax::json;
use crate::source::SourceFile;

/// Every section npm installs from (`bundleDependencies` is a list of names, not versions).
const SECTIONS: &[&str] = &[
    "dependencies",
    "devDependencies",
    "optionalDependencies",
    "peerDependencies",
    "overrides",
    "resolutions",
];

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["\"aws-sdk\""]) {
        return facts;
    }
    let Some(root) = json::parse(source, &mut facts) else {
        return facts;
    };
    let Some(root) = root.as_object() else {
        return facts;
    };
    for section in SECTIONS {
        let Some(deps) = root.get_object(section) else {
            continue;
        };
        for (name, spec, span) in json::string_props(deps) {
            if name != crate::knowledge::clients::JS_V2 {
                continue;
            }
            facts.clients.push(Client {
                ecosystem: Ecosystem::Npm,
                package: name.to_owned(),
                version: spec.to_owned(),
                installed: installed_by(spec),
                span,
                origin: super::origin(source, span),
                context: 0,
            });
        }
    }
    facts
}

/// An exact version (`2.1500.0`, `=2.1.0`) is a pin; `""`/`*`/`latest` are unversioned; the rest ranges.
pub(crate) fn installed_by(spec: &str) -> Installed {
    let s = spec.trim().trim_start_matches(['=', 'v']);
    if s.is_empty() || s == "*" || s == "latest" {
        Installed::Unversioned
    } else if node_semver::Version::parse(s).is_ok() {
        Installed::Pin
    } else {
        Installed::Range
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn finds_v2_in_every_section_and_ignores_v3() {
        let text = r#"{
  "name": "app",
  "dependencies": { "@aws-sdk/client-sts": "^3.600.0", "aws-sdk": "^2.1500.0" },
  "devDependencies": { "aws-sdk": "2.524.0" }
}"#;
        let source = SourceFile::from_text("package.json", FileKind::PackageJson, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| (&text[c.span.start..c.span.end], c.installed.clone()))
            .collect();
        assert_eq!(
            got,
            vec![("^2.1500.0", Installed::Range), ("2.524.0", Installed::Pin)]
        );
    }

    #[test]
    fn malformed_json_is_a_problem() {
        let source = SourceFile::from_text("package.json", FileKind::PackageJson, "{\"aws-sdk\": ");
        assert_eq!(extract(&source).problems.len(), 1);
    }
}
