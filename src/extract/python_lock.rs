//! Extractor for Python lockfiles: `poetry.lock` and `uv.lock` (TOML `[[package]]` tables with `name`
//! and `version`) and `Pipfile.lock` (JSON `default`/`develop` maps with `"version": "==x"`).
//!
//! Lockfiles are large, so a file that mentions none of the client names is not parsed.

use super::facts::{Client, Ecosystem, FileFacts};
use super::requirements::{PYTHON_CLIENTS, normalise};
use super::syntax::{json, toml_doc};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["awscli", "boto"]) {
        return facts;
    }
    let is_pipfile = source
        .path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("Pipfile.lock"));
    if is_pipfile {
        pipfile_lock(&mut facts, source);
    } else {
        toml_lock(&mut facts, source);
    }
    facts
}

fn toml_lock(facts: &mut FileFacts, source: &SourceFile) {
    let Some(root) = toml_doc::parse(source, facts) else {
        return;
    };
    let Some(packages) = toml_doc::get(&root, "package").and_then(|p| p.get_ref().as_array())
    else {
        return;
    };
    for package in packages {
        let Some(table) = package.get_ref().as_table() else {
            continue;
        };
        let name = toml_doc::get(table, "name").and_then(|n| toml_doc::string(n, &source.text));
        let version =
            toml_doc::get(table, "version").and_then(|v| toml_doc::string(v, &source.text));
        if let (Some((name, _)), Some((version, span))) = (name, version) {
            push(facts, source, name, version, span);
        }
    }
}

fn pipfile_lock(facts: &mut FileFacts, source: &SourceFile) {
    let Some(root) = json::parse(source, facts) else {
        return;
    };
    let Some(root) = root.as_object() else {
        return;
    };
    for section in ["default", "develop"] {
        let Some(deps) = root.get_object(section) else {
            continue;
        };
        for prop in &deps.properties {
            let version = prop.value.as_object().and_then(|o| o.get_string("version"));
            if let Some(version) = version {
                let span = json::string_span(version);
                let v = version.value.trim_start_matches("==");
                push(facts, source, prop.name.as_str(), v, span);
            }
        }
    }
}

fn push(facts: &mut FileFacts, source: &SourceFile, name: &str, version: &str, span: Span) {
    let name = normalise(name);
    if !PYTHON_CLIENTS.contains(&name.as_str()) {
        return;
    }
    facts.clients.push(Client::locked(
        source,
        Ecosystem::PyPi,
        name,
        version.to_owned(),
        span,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn versions(name: &str, text: &str) -> Vec<(String, String)> {
        let source = SourceFile::from_text(name, FileKind::PythonLock, text);
        extract(&source)
            .clients
            .into_iter()
            .map(|c| (c.package, text[c.span.start..c.span.end].to_owned()))
            .collect()
    }

    #[test]
    fn poetry_uv_and_pipfile_locks() {
        let toml = "[[package]]\nname = \"boto3\"\nversion = \"1.34.147\"\n\n[[package]]\nname = \"jmespath\"\nversion = \"1.0.1\"\n";
        assert_eq!(
            versions("poetry.lock", toml),
            vec![("boto3".into(), "1.34.147".into())]
        );
        assert_eq!(versions("uv.lock", toml).len(), 1);
        let json =
            r#"{"default": {"botocore": {"hashes": [], "version": "==1.35.0"}}, "develop": {}}"#;
        assert_eq!(
            versions("Pipfile.lock", json),
            vec![("botocore".into(), "==1.35.0".into())]
        );
    }
}
