//! Extractor for `package-lock.json` / `npm-shrinkwrap.json`: the resolved `aws-sdk` (JS v2) versions.
//!
//! Lockfile v2/v3 list installs under `packages` keyed by path (`node_modules/aws-sdk`, also nested
//! `node_modules/x/node_modules/aws-sdk`); v1 nests `dependencies`. A file that never mentions
//! `aws-sdk"` is not parsed at all.
//!
//! Lockfiles of monorepos run to hundreds of megabytes, so the document is read as a stream with
//! serde_json, never as a tree: every value is skipped in place (`IgnoredAny`) except the few entries
//! named `aws-sdk`, whose `version` is kept as a borrowed slice of the text (`RawValue`), which gives
//! its span. Time is one pass over the bytes and memory is the nesting depth, whatever the size.
//! A document serde_json refuses (comments, trailing commas) is read with the span-keeping `jsonc`
//! tree as the other JSON manifests are, within the ordinary size limit only.

use std::borrow::Cow;
use std::fmt;

use jsonc_parser::ast::Object;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

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
    match stream(&source.text) {
        Ok(versions) => {
            for raw in versions {
                push_raw(&mut facts, source, raw);
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

/// The raw `version` values of every `aws-sdk` install, in file order, read in one pass.
fn stream(text: &str) -> serde_json::Result<Vec<&RawValue>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let found = de.deserialize_map(Root)?;
    de.end()?;
    Ok(found)
}

/// Lockfile v2 has both sections; `packages` is the one npm reads when it is there.
struct Root;

impl<'de> Visitor<'de> for Root {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a lockfile object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut packages, mut v1) = (None, Vec::new());
        while let Some(key) = map.next_key::<Key>()? {
            match &*key.0 {
                "packages" => packages = Some(map.next_value_seed(Packages)?),
                "dependencies" => map.next_value_seed(V1 {
                    depth: 0,
                    out: &mut v1,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(packages.unwrap_or(v1))
    }
}

/// An object key, borrowed from the text unless it holds escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Values other than objects are skipped where an entry is expected.
macro_rules! skip_other_values {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Default::default())
        }
    };
}

/// v2/v3 `packages`: install path → entry.
struct Packages;

impl<'de> DeserializeSeed<'de> for Packages {
    type Value = Vec<&'de RawValue>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Packages {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the packages object")
    }

    skip_other_values!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            let path = &*key.0;
            if path == "node_modules/aws-sdk" || path.ends_with("/node_modules/aws-sdk") {
                if let Some(version) = map.next_value_seed(Entry { v1: None })? {
                    out.push(version);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

/// v1 `dependencies`: name → entry, nested.
struct V1<'o, 'de> {
    depth: usize,
    out: &'o mut Vec<&'de RawValue>,
}

impl<'de> DeserializeSeed<'de> for V1<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for V1<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a dependencies object")
    }

    skip_other_values!();

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key>()? {
            let entry = Entry {
                v1: Some((self.depth, &mut *self.out)),
            };
            let version = map.next_value_seed(entry)?;
            if let (true, Some(version)) = (&*key.0 == "aws-sdk", version) {
                self.out.push(version);
            }
        }
        Ok(())
    }
}

/// One install: its raw `version`; in v1 also its nested `dependencies`, walked into `v1`.
struct Entry<'o, 'de> {
    v1: Option<(usize, &'o mut Vec<&'de RawValue>)>,
}

impl<'de> DeserializeSeed<'de> for Entry<'_, 'de> {
    type Value = Option<&'de RawValue>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Entry<'_, 'de> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a package entry")
    }

    skip_other_values!();

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut version = None;
        while let Some(key) = map.next_key::<Key>()? {
            match (&*key.0, self.v1.as_mut()) {
                ("version", _) => version = Some(map.next_value::<&RawValue>()?),
                ("dependencies", Some((depth, out))) if *depth < MAX_DEPTH => {
                    map.next_value_seed(V1 {
                        depth: *depth + 1,
                        out,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(version)
    }
}

/// A raw `version` that is a string becomes a client; its span is where the slice lies in the text.
fn push_raw(facts: &mut FileFacts, source: &SourceFile, raw: &RawValue) {
    let Some((version, span)) = json::raw_string(source, raw) else {
        return;
    };
    facts.clients.push(Client::locked(
        source,
        Ecosystem::Npm,
        "aws-sdk".to_owned(),
        version,
        span,
    ));
}

/// The span-keeping tree, for documents that are not strict JSON.
fn tree(facts: &mut FileFacts, source: &SourceFile) {
    let Some(root) = json::parse(source, facts) else {
        return;
    };
    let Some(root) = root.as_object() else {
        return;
    };
    if let Some(packages) = root.get_object("packages") {
        for prop in &packages.properties {
            let path = prop.name.as_str();
            let is_sdk = path == "node_modules/aws-sdk" || path.ends_with("/node_modules/aws-sdk");
            if let (true, Some(entry)) = (is_sdk, prop.value.as_object()) {
                push_locked(facts, source, entry);
            }
        }
    } else if let Some(deps) = root.get_object("dependencies") {
        walk_v1(facts, source, deps, 0);
    }
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

    #[test]
    fn v2_reads_packages_only_and_skips_values_that_are_not_entries() {
        let text = r#"{"lockfileVersion": 2, "packages": {
  "node_modules/aws-sdk": "not an entry",
  "node_modules/a/node_modules/aws-sdk": {"version": "2.6.0", "requires": {"aws-sdk": "^2"}},
  "node_modules/b": {"version": [1, {"x": null}], "dev": true, "n": 1.5}
}, "dependencies": {"aws-sdk": {"version": "2.6.0", "requires": {"x": "1"}}}}"#;
        assert_eq!(versions(text), vec!["2.6.0"]);
    }

    #[test]
    fn escaped_versions_keep_their_spans() {
        let text = r#"{"packages": {"node_modules/aws-sdk": {"version": "2.\u0037.0"}}}"#;
        let source = SourceFile::from_text("package-lock.json", FileKind::PackageLock, text);
        let facts = extract(&source);
        assert_eq!(facts.clients[0].version, "2.7.0");
        assert_eq!(
            &text[facts.clients[0].span.start..facts.clients[0].span.end],
            r"2.\u0037.0"
        );
    }

    #[test]
    fn a_document_that_is_not_strict_json_is_read_as_a_tree() {
        // Comments and trailing commas: serde_json refuses them, the jsonc tree reads them.
        let text = "{\"packages\": {\"node_modules/aws-sdk\": {\"version\": \"2.5.0\",}, // x\n}}";
        assert_eq!(versions(text), vec!["2.5.0"]);
        let source =
            SourceFile::from_text("package-lock.json", FileKind::PackageLock, "{\"aws-sdk\": ");
        assert!(
            extract(&source).problems[0]
                .message
                .contains("malformed JSON")
        );
    }
}
