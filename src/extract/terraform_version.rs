//! Extractor for tfenv's `.terraform-version`: the Terraform version for its directory and every
//! directory below it (tfutils/tfenv `libexec/tfenv-version-file` looks for it from the working directory
//! upward). Only an exact
//! release counts: `latest`, `latest:^1.5` and `min-required` name no single version.

use super::facts::{FileFacts, TerraformVersion};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    // tfenv reads the first line; surrounding blanks are not part of the version.
    let Some((offset, line)) = source.lines().find(|(_, l)| !l.trim().is_empty()) else {
        return facts;
    };
    let word = line.trim();
    let version = word.strip_prefix('v').unwrap_or(word);
    if super::tool_versions::is_release(version) {
        let start = offset + (version.as_ptr() as usize - line.as_ptr() as usize);
        facts.terraform_versions.push(TerraformVersion {
            version: version.to_owned(),
            span: Span::new(start, start + version.len()),
            manager: true,
        });
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn version(text: &str) -> Option<String> {
        let source = SourceFile::from_text(".terraform-version", FileKind::TerraformVersion, text);
        let facts = extract(&source);
        facts.terraform_versions.first().map(|t| {
            assert_eq!(&text[t.span.start..t.span.end], t.version);
            t.version.clone()
        })
    }

    #[test]
    fn exact_releases_only() {
        assert_eq!(version("1.5.7\n").as_deref(), Some("1.5.7"));
        assert_eq!(version("\n  v1.4.6  \n").as_deref(), Some("1.4.6"));
        assert_eq!(version("latest\n"), None);
        assert_eq!(version("latest:^1.5\n"), None);
        assert_eq!(version("min-required\n"), None);
        assert_eq!(version(""), None);
    }
}
