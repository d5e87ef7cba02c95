//! STS004: a profile in an AWS config file that does not set `sts_regional_endpoints`.
//!
//! In 2026 most clients that read the line already default to `regional` (AWS CLI v1 1.42.0, boto3 and
//! botocore 1.40.0, PHP 3.351.12, Ruby 3.92.0, .NET and PowerShell since 2025-07-31), and JS v2 and
//! Go v1 read it only with `AWS_SDK_LOAD_CONFIG`. So the finding is `info`, raised to `warning` when a
//! client whose default is `legacy` and that reads the file is known: in this file's own facts, or in
//! [`FileFacts::legacy_config_readers`], which the plan fills from the rest of the repository (or, in
//! `doctor`, from the clients installed on the machine). [`config_reader`] says which clients count.

use super::client_text;
use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::extract::facts::{
    Client, ConfigReader, ContextKind, FileFacts, SettingName, defaults_mode_is_regional,
};
use crate::knowledge::clients::ConfigFile;
use crate::knowledge::versions::{self, Verdict};

pub static RULE: Rule = Rule {
    code: "STS004",
    name: "missing-regional-setting",
    summary: "an AWS config profile leaves the STS endpoint mode to each client's default",
    severity: Severity::Info,
    reads: Facts::PROFILES,
    fix: FixAvailability::Sometimes,
    doc: include_str!("../../rules/STS004-missing-regional-setting.md"),
    check,
};

/// The [`ConfigReader`] a client is, when its default is `legacy` and it reads `sts_regional_endpoints`
/// from `~/.aws/config` (botocore, boto3, AWS CLI v1, Java v1, Ruby, PHP; not JS v2 or Go v1, which need
/// `AWS_SDK_LOAD_CONFIG`). For the plan: call it on every client of the repository (or the machine) and
/// put the results in [`FileFacts::legacy_config_readers`] of each AWS config file before its rules run.
pub fn config_reader(client: &Client) -> Option<ConfigReader> {
    let a = versions::assess(client)?;
    (a.verdict == Verdict::LegacyDefault && a.info.config_file == ConfigFile::Reads).then(|| {
        ConfigReader {
            name: client_text::subject(client),
            honours_defaults_mode: versions::honours_defaults_mode(client),
        }
    })
}

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    let own: Vec<ConfigReader> = facts.clients.iter().filter_map(config_reader).collect();
    let readers: Vec<&ConfigReader> = own.iter().chain(&facts.legacy_config_readers).collect();
    for (id, context) in facts.contexts.iter().enumerate() {
        let Some(header) = context.header else {
            continue;
        };
        let Some((severity, message)) = judge_profile(facts, id, &readers) else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            &RULE,
            header,
            message,
            "add `sts_regional_endpoints = regional` under this profile header (for the JavaScript v2 and Go v1 SDKs, set `AWS_STS_REGIONAL_ENDPOINTS=regional` or `AWS_SDK_LOAD_CONFIG=1` where they run)",
        );
        diagnostic.severity = severity;
        // The line goes right after the header, spaced like the file's own keys; the extractor records no
        // layout where an inserted line would change how the SDKs read the lines below it.
        if let Some(layout) = facts.layout(id) {
            diagnostic = diagnostic.with_fix(Fix::safe(Edit::insert(
                layout.at,
                layout.line("sts_regional_endpoints", "regional"),
            )));
        }
        out.push(diagnostic);
    }
}

/// The severity and message for config-file profile `id`, or `None` when it needs no finding: it
/// sets `sts_regional_endpoints`, or a regional `defaults_mode` covers every known reader. `readers`
/// are the legacy-default clients known to read the file (this file's, the plan's, the machine's).
pub fn judge_profile(
    facts: &FileFacts,
    id: usize,
    readers: &[&ConfigReader],
) -> Option<(Severity, String)> {
    let ContextKind::Profile {
        name,
        in_config_file: true,
    } = &facts.contexts.get(id)?.kind
    else {
        return None;
    };
    if facts
        .in_context(id, SettingName::StsRegionalEndpoints)
        .next()
        .is_some()
    {
        return None;
    }
    // `defaults_mode = standard` (any mode but `legacy`) is `regional` for the clients that implement
    // defaults modes, exactly as the line would be.
    let defaults_mode = facts
        .in_context(id, SettingName::DefaultsMode)
        .any(|s| defaults_mode_is_regional(&s.value));
    let affected: Vec<&str> = readers
        .iter()
        .filter(|r| !(defaults_mode && r.honours_defaults_mode))
        .map(|r| r.name.as_str())
        .collect();
    if defaults_mode && affected.is_empty() {
        return None;
    }
    Some(match affected.as_slice() {
        [] => (
            Severity::Info,
            format!(
                "profile `{name}` does not set `sts_regional_endpoints`: clients whose default is still `legacy` (AWS CLI v1 before 1.42.0, boto3/botocore before 1.40.0, the Java v1 SDK, PHP before 3.351.12) call the global endpoint with it; the JavaScript v2 and Go v1 SDKs read this line only when `AWS_SDK_LOAD_CONFIG` is set"
            ),
        ),
        [first, rest @ ..] => {
            let more = if rest.is_empty() {
                String::new()
            } else {
                format!(" and {} more", rest.len())
            };
            (
                Severity::Warning,
                format!(
                    "profile `{name}` does not set `sts_regional_endpoints`, and {first}{more} reads this file with a `legacy` default: with this profile it calls the global endpoint"
                ),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::{Ecosystem, Installed};
    use crate::source::{SourceFile, Span};

    fn config(text: &str) -> FileFacts {
        crate::extract::extract(&SourceFile::from_text(
            ".aws/config",
            FileKind::AwsConfig,
            text,
        ))
    }

    fn reader(package: &str, version: &str) -> Option<ConfigReader> {
        config_reader(&Client {
            ecosystem: Ecosystem::PyPi,
            package: package.into(),
            version: version.into(),
            installed: Installed::Lock,
            span: Span::default(),
            origin: "poetry.lock:5".into(),
            context: 0,
        })
    }

    fn found(facts: &FileFacts) -> Vec<(Severity, String)> {
        let mut out = Vec::new();
        let input = Input {
            facts,
            default_region: None,
            repo: None,
        };
        check(&input, &mut out);
        out.into_iter().map(|d| (d.severity, d.message)).collect()
    }

    #[test]
    fn info_alone_warning_with_a_legacy_reader_set_by_the_plan() {
        let text = "[default]\nregion = eu-west-1\n\n[profile smart]\ndefaults_mode = standard\n";
        let mut facts = config(text);
        let alone = found(&facts);
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].0, Severity::Info);
        // boto3 1.34.0 reads the file and defaults to legacy, and implements defaults modes.
        facts.legacy_config_readers = vec![reader("boto3", "1.34.0").unwrap()];
        let raised = found(&facts);
        assert_eq!(raised.len(), 1, "{raised:?}");
        assert_eq!(raised[0].0, Severity::Warning);
        assert!(
            raised[0]
                .1
                .contains("boto3 `1.34.0` (locked in poetry.lock:5)"),
            "{}",
            raised[0].1
        );
        // botocore 1.20.0 predates defaults modes: `defaults_mode = standard` does not cover it.
        facts.legacy_config_readers = vec![reader("botocore", "1.20.0").unwrap()];
        let both = found(&facts);
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(both.iter().all(|(s, _)| *s == Severity::Warning));
    }

    #[test]
    fn only_legacy_default_clients_that_read_the_file_count() {
        assert!(reader("boto3", "1.34.0").is_some());
        // Regional by default, or too old to read the line at all.
        assert!(reader("boto3", "1.40.0").is_none());
        assert!(reader("botocore", "1.13.1").is_none());
        // JS v2 reads ~/.aws/config only with AWS_SDK_LOAD_CONFIG (aws-sdk-js lib/util.js).
        let js = Client {
            ecosystem: Ecosystem::Npm,
            package: "aws-sdk".into(),
            version: "2.1692.0".into(),
            installed: Installed::Lock,
            span: Span::default(),
            origin: "package-lock.json:3".into(),
            context: 0,
        };
        assert!(config_reader(&js).is_none());
    }
}
