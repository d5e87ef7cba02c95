//! Extractor for Jenkins pipelines (`Jenkinsfile`, `*.jenkinsfile`, `*.Jenkinsfile`): `environment { … }`
//! blocks (`NAME = 'value'`) as environment settings, and `sh` steps (`sh '…'`, `sh "…"`,
//! `sh '''…'''`, `sh """…"""`, `sh(script: '…')`) read with the shell reader.
//!
//! Hand-written: there is no Groovy parser crate that keeps byte spans, and a pipeline needs only its
//! string literals after `sh` and the assignments of its `environment` blocks. Every block's settings
//! apply to the whole file (a stage-level `environment` is not yet its own context). A Groovy string's
//! raw bytes are read as shell, so spans stay the file's own; `${…}` interpolation is not expanded.

use std::sync::LazyLock;

use regex::Regex;

use super::facts::FileFacts;
use super::shell;
use crate::source::{SourceFile, Span};

/// `sh`, `sh(`, `sh(script:` followed by the opening quote of its script.
static SH_STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\bsh\s*(?:\(\s*(?:script\s*:\s*)?)?('''|"""|'|")"#).expect("static regex")
});
/// `environment {`: its assignments up to the matching `}`.
static ENVIRONMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\benvironment\s*\{").expect("static regex"));
/// `NAME = 'value'` / `NAME = "value"` on one line of an `environment` block.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(?:'([^'\n]*)'|"([^"\n]*)")"#)
        .expect("static regex")
});

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let text = &source.text;
    for block in ENVIRONMENT.find_iter(text) {
        let body_start = block.end();
        let body_end = text[body_start..]
            .find('}')
            .map_or(text.len(), |n| body_start + n);
        let body = &text[body_start..body_end];
        for caps in ASSIGNMENT.captures_iter(body) {
            let (Some(name), Some(value)) = (caps.get(1), caps.get(2).or_else(|| caps.get(3)))
            else {
                continue;
            };
            facts.push_env(
                name.as_str(),
                Span::new(body_start + name.start(), body_start + name.end()),
                value.as_str(),
                Span::new(body_start + value.start(), body_start + value.end()),
                0,
            );
        }
    }
    for step in SH_STEP.captures_iter(text) {
        let Some(quote) = step.get(1) else {
            continue;
        };
        let start = quote.end();
        let Some(len) = text[start..].find(quote.as_str()) else {
            continue;
        };
        let script = &text[start..start + len];
        let words = shell::words(script, start);
        shell::scan_commands(&mut facts, text, &words, 0);
        super::installs::scan(&mut facts, source, &words, 0, &[]);
    }
    shell::fill_origins(&mut facts, source);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn environment_blocks_and_sh_steps() {
        let text = "pipeline {\n  agent any\n  environment {\n    AWS_REGION = 'me-south-1'\n    AWS_STS_REGIONAL_ENDPOINTS = \"legacy\"\n  }\n  stages {\n    stage('id') {\n      steps {\n        sh 'aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com'\n        sh \"\"\"\n          pip install awscli==1.16.0\n        \"\"\"\n        sh(script: \"aws sts get-caller-identity --endpoint-url=sts.amazonaws.com\", returnStdout: true)\n      }\n    }\n  }\n}\n";
        let source = SourceFile::from_text("Jenkinsfile", FileKind::Jenkinsfile, text);
        let facts = extract(&source);
        let values: Vec<_> = facts
            .settings
            .iter()
            .map(|s| &text[s.value_span.start..s.value_span.end])
            .collect();
        assert_eq!(
            values,
            [
                "me-south-1",
                "legacy",
                "https://sts.amazonaws.com",
                "sts.amazonaws.com"
            ]
        );
        assert_eq!(facts.endpoints.len(), 2);
        assert_eq!(facts.clients.len(), 1);
        assert_eq!(facts.region(0), Some("me-south-1"));
    }
}
