//! Extractor for Ruby `Gemfile.lock`: the resolved `aws-sdk-core` (and the v2 meta-gem `aws-sdk`).
//!
//! Hand-written: Bundler's lockfile is an indented line format with no maintained Rust parser. Resolved
//! gems are the four-space-indented `name (version)` lines under a `specs:` heading; six-space lines are
//! their dependency constraints and are not installs. The modular v3 gems (`aws-sdk-s3 (1.x)`) carry
//! their own version numbers and say nothing about the SDK major: only `aws-sdk-core` decides.

use super::facts::{Client, Ecosystem, FileFacts};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["aws-sdk-core ("]) {
        return facts;
    }
    let mut in_specs = false;
    for (offset, line) in source.lines() {
        if !line.starts_with(' ') {
            in_specs = false;
            continue;
        }
        if line.trim() == "specs:" {
            in_specs = true;
            continue;
        }
        let Some(spec) = line.strip_prefix("    ").filter(|s| !s.starts_with(' ')) else {
            continue;
        };
        if !in_specs {
            continue;
        }
        let Some((name, rest)) = spec.split_once(" (") else {
            continue;
        };
        let Some(version) = rest.strip_suffix(')') else {
            continue;
        };
        if name != "aws-sdk-core" {
            continue;
        }
        // `1.2.3-x86_64-linux`: a platform suffix is not part of the version.
        let version = version.split('-').next().unwrap_or(version);
        let start = offset + 4 + name.len() + 2;
        let span = Span::new(start, start + version.len());
        facts.clients.push(Client::locked(
            source,
            Ecosystem::RubyGems,
            name.to_owned(),
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
    fn resolved_specs_only() {
        let text = "GEM\n  remote: https://rubygems.org/\n  specs:\n    aws-eventstream (1.3.0)\n    aws-sdk-core (3.91.1)\n      aws-eventstream (~> 1, >= 1.0.2)\n    aws-sdk-s3 (1.60.0)\n      aws-sdk-core (~> 3, >= 3.83.0)\n\nDEPENDENCIES\n  aws-sdk-s3\n";
        let source = SourceFile::from_text("Gemfile.lock", FileKind::GemfileLock, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| (text[c.span.start..c.span.end].to_owned(), c.origin))
            .collect();
        assert_eq!(
            got,
            vec![("3.91.1".to_owned(), "Gemfile.lock:5".to_owned())]
        );
    }
}
