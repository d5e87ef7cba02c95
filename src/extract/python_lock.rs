//! Extractor for Python lockfiles: `poetry.lock` and `uv.lock` (TOML `[[package]]` tables with `name`
//! and `version`) and `Pipfile.lock` (JSON `default`/`develop` maps with `"version": "==x"`).
//!
//! Lockfiles are large, so a file that mentions none of the client names is not parsed, and none is
//! held as a tree when it need not be. `Pipfile.lock` is read as a serde_json stream, as
//! `package-lock.json` is (every field but `version` skipped in place). `poetry.lock` and `uv.lock`
//! are parsed as a TOML tree within the ordinary size limit, where a malformed file is reported; a
//! bigger one (a monorepo's, up to 16 times the limit) is read line by line, as their writers lay
//! them out: a `[[package]]` header at the start of a line, then its `name = "…"` and
//! `version = "…"` lines, until the next header. The toml crate has no streaming reader, and the
//! line reader skips the contents of multi-line strings, so a quoted header cannot start a package.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::facts::{Client, Ecosystem, FileFacts};
use super::requirements::{PYTHON_CLIENTS, normalise};
use super::syntax::{json, toml_doc};
use crate::source::{MAX_FILE_BYTES, SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["awscli", "boto"]) {
        return facts;
    }
    let is_pipfile = source
        .path
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("Pipfile.lock"));
    let small = source.text.len() as u64 <= MAX_FILE_BYTES;
    match (is_pipfile, small) {
        (true, _) => pipfile_lock(&mut facts, source),
        (false, true) => toml_lock(&mut facts, source),
        (false, false) => toml_lock_lines(&mut facts, source),
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

/// `poetry.lock`/`uv.lock` over the tree's size limit, in one pass over its lines.
fn toml_lock_lines(facts: &mut FileFacts, source: &SourceFile) {
    let mut in_package = false;
    let mut name: Option<&str> = None;
    let mut version: Option<(&str, Span)> = None;
    // The closing quotes of the multi-line string the current line is inside, if any.
    let mut open: Option<&str> = None;
    let mut flush = |name: &mut Option<&str>, version: &mut Option<(&str, Span)>| {
        if let (Some(n), Some((v, span))) = (name.take(), version.take()) {
            push(facts, source, n, v, span);
        }
    };
    for (start, line) in source.lines() {
        if let Some(quotes) = open {
            if line.matches(quotes).count() % 2 == 1 {
                open = None;
            }
            continue;
        }
        if let Some(quotes) = ["\"\"\"", "'''"]
            .into_iter()
            .find(|q| line.matches(q).count() % 2 == 1)
        {
            open = Some(quotes);
        }
        if line.starts_with('[') {
            flush(&mut name, &mut version);
            in_package = line.trim_end() == "[[package]]";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let value_start = start + key.len() + 1;
        let trimmed = value.trim_start();
        let Some(inner) = trimmed
            .trim_end()
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .filter(|v| !v.contains(['"', '\\']))
        else {
            continue;
        };
        let at = value_start + (value.len() - trimmed.len()) + 1;
        match key.trim() {
            "name" => name = Some(inner),
            "version" => version = Some((inner, Span::new(at, at + inner.len()))),
            _ => {}
        }
    }
    flush(&mut name, &mut version);
}

fn pipfile_lock(facts: &mut FileFacts, source: &SourceFile) {
    match serde_json::from_str::<PipfileLock>(&source.text) {
        Ok(lock) => {
            for (name, dep) in lock.default.iter().chain(&lock.develop) {
                let Some(raw) = dep.version else {
                    continue;
                };
                let Some((version, span)) = json::raw_string(source, raw) else {
                    continue;
                };
                push(facts, source, name, version.trim_start_matches("=="), span);
            }
        }
        Err(e) => {
            if json::stream_refused(source, &e, facts) {
                pipfile_lock_tree(facts, source);
            }
        }
    }
}

#[derive(Deserialize)]
struct PipfileLock<'a> {
    #[serde(borrow, default)]
    default: BTreeMap<Cow<'a, str>, Dependency<'a>>,
    #[serde(borrow, default)]
    develop: BTreeMap<Cow<'a, str>, Dependency<'a>>,
}

#[derive(Deserialize)]
struct Dependency<'a> {
    #[serde(borrow, default)]
    version: Option<&'a RawValue>,
}

/// The span-keeping tree, for documents that are not strict JSON or not of the usual shape.
fn pipfile_lock_tree(facts: &mut FileFacts, source: &SourceFile) {
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

    /// What the tree reads, read by lines (the reader for lockfiles over the tree's size limit).
    fn by_lines(name: &str, text: &str) -> Vec<(String, String)> {
        let source = SourceFile::from_text(name, FileKind::PythonLock, text);
        let mut facts = FileFacts::new(FileKind::PythonLock);
        toml_lock_lines(&mut facts, &source);
        facts
            .clients
            .into_iter()
            .map(|c| (c.package, text[c.span.start..c.span.end].to_owned()))
            .collect()
    }

    #[test]
    fn the_line_reader_reads_what_the_tree_reads() {
        // As uv and poetry write them: nested tables, inline tables in arrays, a multi-line string
        // holding what looks like a package.
        let uv = r#"version = 1
requires-python = ">=3.11"

[[package]]
name = "boto3"
version = "1.34.147"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "botocore" },
    { name = "jmespath" },
]

[package.optional-dependencies]
crt = [
    { name = "botocore", extra = ["crt"] },
]

[[package]]
name = "botocore"
version = "1.34.147"
description = """
[[package]]
name = "awscli"
version = "1.0.0"
"""

[[package]]
name = "jmespath"
version = "1.0.1"

[metadata]
content-hash = "abc"
"#;
        let want = vec![
            ("boto3".to_owned(), "1.34.147".to_owned()),
            ("botocore".to_owned(), "1.34.147".to_owned()),
        ];
        assert_eq!(versions("uv.lock", uv), want);
        assert_eq!(by_lines("uv.lock", uv), want);
        // CRLF line ends and a version before the name.
        let crlf = "[[package]]\r\nversion = \"1.35.0\"\r\nname = \"awscli\"\r\n";
        assert_eq!(
            by_lines("poetry.lock", crlf),
            vec![("awscli".into(), "1.35.0".into())]
        );
        assert_eq!(versions("poetry.lock", crlf), by_lines("poetry.lock", crlf));
    }

    #[test]
    fn pipfile_lock_of_another_shape_falls_back_to_the_tree() {
        // A dependency that is not an object stops the stream; the tree still reads the rest.
        let json = r#"{"default": {"odd": "1.0", "boto3": {"version": "==1.26.0"}}, /* c */ "develop": {}}"#;
        assert_eq!(
            versions("Pipfile.lock", json),
            vec![("boto3".into(), "==1.26.0".into())]
        );
    }
}
