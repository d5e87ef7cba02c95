//! Extractor for `yarn.lock`, classic (v1) and Berry (v2+): the resolved `aws-sdk` (JS v2) versions.
//!
//! Hand-written: the classic format is yarn's own (not YAML, no Rust parser), and both formats put each
//! resolution in the same shape — an unindented header naming `aws-sdk@<range>` entries, then an indented
//! `version "x"` (classic) or `version: x` (Berry) line. Only those two lines are read.

use super::facts::{Client, Ecosystem, FileFacts};
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, &["aws-sdk@"]) {
        return facts;
    }
    let mut in_sdk = false;
    for (offset, line) in source.lines() {
        if !line.starts_with(' ') {
            in_sdk = !line.starts_with('#') && header_names_sdk(line);
            continue;
        }
        if !in_sdk {
            continue;
        }
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix("version") else {
            continue;
        };
        let rest = rest.trim_start_matches(':').trim_start();
        let value = rest.trim_matches('"');
        if value.is_empty() || !rest.starts_with(|c: char| c == '"' || c.is_ascii_digit()) {
            continue;
        }
        // `value` is a slice of `line`, so its offset in the file is exact.
        let start = offset + (value.as_ptr() as usize - line.as_ptr() as usize);
        let span = Span::new(start, start + value.len());
        facts.clients.push(Client::locked(
            source,
            Ecosystem::Npm,
            "aws-sdk".to_owned(),
            value.to_owned(),
            span,
        ));
        in_sdk = false;
    }
    facts
}

/// `aws-sdk@^2.1.0, aws-sdk@^2.2.0:` or `"aws-sdk@npm:^2.1.0":` — never `@aws-sdk/…` (v3).
fn header_names_sdk(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(':')
        .split(',')
        .map(|e| e.trim().trim_matches('"'))
        .any(|e| e.starts_with("aws-sdk@"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn versions(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("yarn.lock", FileKind::YarnLock, text);
        extract(&source)
            .clients
            .iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect()
    }

    #[test]
    fn classic_and_berry() {
        let classic = "# yarn lockfile v1\n\n\"@aws-sdk/client-sts@^3.600.0\":\n  version \"3.600.0\"\n\naws-sdk@^2.1000.0, aws-sdk@^2.814.0:\n  version \"2.1692.0\"\n  resolved \"https://registry.yarnpkg.com/aws-sdk/-/aws-sdk-2.1692.0.tgz\"\n";
        assert_eq!(versions(classic), vec!["2.1692.0"]);
        let berry = "__metadata:\n  version: 8\n\n\"aws-sdk@npm:^2.1500.0\":\n  version: 2.1692.0\n  resolution: \"aws-sdk@npm:2.1692.0\"\n";
        assert_eq!(versions(berry), vec!["2.1692.0"]);
    }
}
