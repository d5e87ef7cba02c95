//! Extractor for Pipenv's `Pipfile`: `[packages]` and `[dev-packages]`, each value a PEP 440 specifier
//! (`"==1.34.0"`, `"*"`) or a table with a `version` key.

use toml::de::DeValue;

use super::facts::{Client, Ecosystem, FileFacts};
use super::requirements::{PYTHON_CLIENTS, installed_by, normalise};
use super::syntax::toml_doc;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let lower = source.text.to_ascii_lowercase();
    if !PYTHON_CLIENTS.iter().any(|n| lower.contains(n)) {
        return facts;
    }
    let Some(root) = toml_doc::parse(source, &mut facts) else {
        return facts;
    };
    for section in ["packages", "dev-packages"] {
        let Some(packages) = toml_doc::table(&root, &[section]) else {
            continue;
        };
        for (name, value) in packages.iter() {
            let name = normalise(name.get_ref());
            if !PYTHON_CLIENTS.contains(&name.as_str()) {
                continue;
            }
            let value = match value.get_ref() {
                DeValue::Table(t) => toml_doc::get(t, "version"),
                _ => Some(value),
            };
            let Some((spec, span)) = value.and_then(|v| toml_doc::string(v, &source.text)) else {
                continue;
            };
            let spec = if spec.trim() == "*" { "" } else { spec };
            facts.clients.push(Client {
                ecosystem: Ecosystem::PyPi,
                package: name,
                version: spec.to_owned(),
                installed: installed_by(spec),
                span,
                origin: super::origin(source, span),
                context: 0,
            });
        }
    }
    facts.clients.sort_by_key(|c| c.span);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::Installed;

    #[test]
    fn packages_and_dev_packages() {
        let text = "[[source]]\nurl = \"https://pypi.org/simple\"\nverify_ssl = true\nname = \"pypi\"\n\n[packages]\nboto3 = \"==1.34.0\"\nrequests = \"*\"\n\n[dev-packages]\nawscli = {version = \"<1.30\", extras = []}\nbotocore = \"*\"\n";
        let source = SourceFile::from_text("Pipfile", FileKind::Pipfile, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (c.package, c.version, c.installed))
            .collect();
        assert_eq!(
            got,
            vec![
                ("boto3".into(), "==1.34.0".into(), Installed::Pin),
                ("awscli".into(), "<1.30".into(), Installed::Range),
                ("botocore".into(), String::new(), Installed::Unversioned),
            ]
        );
    }
}
