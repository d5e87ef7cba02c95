//! Extractor for `package-lock.json` / `npm-shrinkwrap.json`: the resolved `aws-sdk` (JS v2) versions.
//!
//! Lockfile v2/v3 list installs under `packages` keyed by path (`node_modules/aws-sdk`, also nested
//! `node_modules/x/node_modules/aws-sdk`); v1 nests `dependencies`. Lockfiles run to megabytes, so a
//! file that never mentions `aws-sdk"` is not parsed at all.

use jsonc_parser::ast::Object;

use super::facts::{Client, Ecosystem, FileFacts};
use super::syntax::json;
use crate::source::SourceFile;

/// Bounds the v1 `dependencies` recursion on hostile input.
const MAX_DEPTH: usize = 64;

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["aws-sdk\""]) {
        return facts;
    }
    let Some(root) = json::parse(source, &mut facts) else {
        return facts;
    };
    let Some(root) = root.as_object() else {
        return facts;
    };
    if let Some(packages) = root.get_object("packages") {
        for prop in &packages.properties {
            let path = prop.name.as_str();
            let is_sdk = path == "node_modules/aws-sdk" || path.ends_with("/node_modules/aws-sdk");
            if let (true, Some(entry)) = (is_sdk, prop.value.as_object()) {
                push_locked(&mut facts, source, entry);
            }
        }
    } else if let Some(deps) = root.get_object("dependencies") {
        walk_v1(&mut facts, source, deps, 0);
    }
    facts
}

fn walk_v1(facts: &mut FileFacts, source: &SourceFile, deps: &Object, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for prop in &deps.properties {
        let Some(entry) = prop.value.as_object() else {
            continue;
        };
        if prop.name.as_str() == crate::knowledge::clients::JS_V2 {
            push_locked(facts, source, entry);
        }
        if let Some(nested) = entry.get_object("dependencies") {
            walk_v1(facts, source, nested, depth + 1);
        }
    }
}

fn push_locked(facts: &mut FileFacts, source: &SourceFile, entry: &Object) {
    let Some(version) = entry.get_string("version") else {
        return;
    };
    let span = json::string_span(version);
    facts.clients.push(Client::locked(
        source,
        Ecosystem::Npm,
        crate::knowledge::clients::JS_V2.to_owned(),
        version.value.to_string(),
        span,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn versions(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("package-lock.json", FileKind::PackageLock, text);
        extract(&source)
            .clients
            .iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect()
    }

    #[test]
    fn v3_packages_including_nested_installs() {
        let text = r#"{"lockfileVersion": 3, "packages": {
  "": {"dependencies": {"aws-sdk": "^2.1500.0"}},
  "node_modules/aws-sdk": {"version": "2.1692.0"},
  "node_modules/old/node_modules/aws-sdk": {"version": "2.400.0"},
  "node_modules/@aws-sdk/client-sts": {"version": "3.600.0"}
}}"#;
        assert_eq!(versions(text), vec!["2.1692.0", "2.400.0"]);
    }

    #[test]
    fn v1_nested_dependencies_and_prefilter() {
        let text = r#"{"lockfileVersion": 1, "dependencies": {
  "x": {"version": "1.0.0", "dependencies": {"aws-sdk": {"version": "2.100.0"}}}
}}"#;
        assert_eq!(versions(text), vec!["2.100.0"]);
        assert!(versions(r#"{"packages": {"node_modules/left-pad": {}}}"#).is_empty());
    }
}
