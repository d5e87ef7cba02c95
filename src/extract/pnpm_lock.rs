//! Extractor for `pnpm-lock.yaml`: the resolved `aws-sdk` (JS v2) versions under `packages:`.
//!
//! The package keys carry the version (`aws-sdk@2.1692.0` in lockfile v9, `/aws-sdk@2.1692.0` in v6,
//! `/aws-sdk/2.1692.0` in v5, with an optional `(peer@x)` suffix), so reading the two-space-indented keys
//! of the `packages:` section is enough; building a YAML tree of a multi-megabyte lockfile is not needed.

use super::facts::{Client, Ecosystem, FileFacts};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["aws-sdk@", "aws-sdk/"]) {
        return facts;
    }
    let mut in_packages = false;
    for (offset, line) in source.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() {
            in_packages = line.trim_end() == "packages:";
            continue;
        }
        let Some(key) = line.strip_prefix("  ").filter(|k| !k.starts_with(' ')) else {
            continue;
        };
        if !in_packages {
            continue;
        }
        let raw = key.trim_end().trim_end_matches(':');
        let unquoted = raw.trim_matches(['\'', '"']);
        let name_and_version = unquoted.strip_prefix('/').unwrap_or(unquoted);
        let Some(version) = name_and_version
            .strip_prefix("aws-sdk@")
            .or_else(|| name_and_version.strip_prefix("aws-sdk/"))
        else {
            continue;
        };
        let version = version.split('(').next().unwrap_or(version);
        let start = offset + (version.as_ptr() as usize - line.as_ptr() as usize);
        let span = Span::new(start, start + version.len());
        facts.clients.push(Client::locked(
            source,
            Ecosystem::Npm,
            crate::knowledge::clients::JS_V2.to_owned(),
            version.to_owned(),
            span,
        ));
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn v5_v6_and_v9_keys() {
        let text = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      aws-sdk:\n        specifier: ^2.1500.0\n        version: 2.1692.0\n\npackages:\n\n  '@aws-sdk/client-sts@3.600.0':\n    resolution: {integrity: sha512-x}\n\n  aws-sdk@2.1692.0:\n    resolution: {integrity: sha512-y}\n\n  /aws-sdk@2.1500.0(encoding@0.1.13):\n    dev: false\n\n  /aws-sdk/2.400.0:\n    dev: false\n";
        let source = SourceFile::from_text("pnpm-lock.yaml", FileKind::PnpmLock, text);
        let got: Vec<_> = extract(&source)
            .clients
            .iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect();
        assert_eq!(got, vec!["2.1692.0", "2.1500.0", "2.400.0"]);
    }
}
