//! Extractor for setuptools' `setup.cfg`: requirements in `[options] install_requires`,
//! `setup_requires`, `tests_require` and every key of `[options.extras_require]`.
//!
//! Read line by line rather than with `rust-ini` (already a dependency), because every requirement needs
//! its byte span and multi-line values are indented continuation lines, one requirement each.

use super::facts::FileFacts;
use super::requirements::{PYTHON_CLIENTS, parse_requirement, push_requirement};
use crate::source::SourceFile;

const REQUIREMENT_KEYS: &[&str] = &["install_requires", "setup_requires", "tests_require"];

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let lower = source.text.to_ascii_lowercase();
    if !PYTHON_CLIENTS.iter().any(|n| lower.contains(n)) {
        return facts;
    }
    let mut section = String::new();
    let mut in_value = false;
    for (offset, line) in source.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            section = name.trim().to_owned();
            in_value = false;
            continue;
        }
        let (text, at) = if line.starts_with([' ', '\t']) {
            if !in_value {
                continue;
            }
            (line, offset)
        } else {
            let Some((raw_key, value)) = line.split_once(['=', ':']) else {
                in_value = false;
                continue;
            };
            let key = raw_key.trim();
            in_value = (section == "options" && REQUIREMENT_KEYS.contains(&key))
                || section == "options.extras_require";
            if !in_value {
                continue;
            }
            (value, offset + raw_key.len() + 1)
        };
        let text = text.split(" #").next().unwrap_or_default();
        if text.trim().is_empty() {
            continue;
        }
        if let Some(req) = parse_requirement(text) {
            push_requirement(&mut facts, source, &req, at, 0);
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn install_requires_and_extras() {
        let text = "[metadata]\nname = app\n\n[options]\npackages = find:\ninstall_requires =\n    boto3==1.34.0\n    requests>=2\n\n[options.extras_require]\ncli = awscli>=1.20,<1.30\n";
        let source = SourceFile::from_text("setup.cfg", FileKind::SetupCfg, text);
        let got: Vec<_> = extract(&source)
            .clients
            .into_iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect();
        assert_eq!(got, vec!["==1.34.0", ">=1.20,<1.30"]);
    }
}
