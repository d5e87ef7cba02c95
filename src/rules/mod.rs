//! Rules stage: the registry. One file per rule; each reads the facts of one file and pushes diagnostics.

mod client_text;
mod cross_region_sts_endpoint;
mod global_endpoint;
mod global_region;
mod invalid_sts_mode;
mod irsa_global_endpoint;
mod legacy_default_client;
mod legacy_sts_mode;
mod missing_regional_setting;
mod opt_in_region_global_token;
mod profile_without_region;
mod sts_client_ignores_setting;
mod unconfigurable_client;
pub mod unused_suppression;

use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::FileFacts;

/// Whether a rule's diagnostics carry a [`crate::diagnostic::Fix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "no",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "yes",
        }
    }
}

/// A rule's metadata and its check. Codes and names are a public contract: never renumbered or reused.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    /// One line, used by `stslint rules` and as SARIF `shortDescription`.
    pub summary: &'static str,
    pub severity: Severity,
    /// The file kinds whose extractors produce the facts this rule reads.
    pub kinds: &'static [FileKind],
    pub fix: FixAvailability,
    /// The embedded user doc (`rules/<CODE>-<name>.md`).
    pub doc: &'static str,
    pub check: fn(&FileFacts, &mut Vec<Diagnostic>),
}

impl Rule {
    /// Where the doc lives in the repository, for links in every output format.
    pub fn doc_url(&self) -> String {
        format!(
            "{}/blob/main/rules/{}-{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.code,
            self.name
        )
    }
}

/// Every rule, ordered by code.
pub static ALL: &[&Rule] = &[
    &global_endpoint::RULE,
    &legacy_sts_mode::RULE,
    &invalid_sts_mode::RULE,
    &missing_regional_setting::RULE,
    &global_region::RULE,
    &profile_without_region::RULE,
    &unconfigurable_client::RULE,
    &legacy_default_client::RULE,
    &sts_client_ignores_setting::RULE,
    &irsa_global_endpoint::RULE,
    &opt_in_region_global_token::RULE,
    &cross_region_sts_endpoint::RULE,
    &unused_suppression::RULE,
];

/// The settings kinds: every file kind whose extractor reads environment or profile settings.
pub(crate) const SETTINGS_KINDS: &[FileKind] = &[
    FileKind::AwsConfig,
    FileKind::AwsCredentials,
    FileKind::Shell,
    FileKind::DotEnv,
    FileKind::Dockerfile,
    FileKind::Yaml,
];

/// The client kinds: every file kind whose extractor records [`crate::extract::facts::Client`]s.
pub(crate) const CLIENT_KINDS: &[FileKind] = &[
    FileKind::Shell,
    FileKind::Dockerfile,
    FileKind::Yaml,
    FileKind::PipRequirements,
    FileKind::PyProject,
    FileKind::PythonLock,
    FileKind::PackageJson,
    FileKind::PackageLock,
    FileKind::GoMod,
    FileKind::MavenPom,
    FileKind::GemfileLock,
    FileKind::ComposerJson,
    FileKind::ComposerLock,
    FileKind::YarnLock,
    FileKind::PnpmLock,
    FileKind::Gemfile,
    FileKind::ToolVersions,
    FileKind::Pipfile,
    FileKind::SetupCfg,
    FileKind::Gradle,
    FileKind::GradleLock,
    FileKind::VersionCatalog,
    FileKind::NuGet,
];

/// The kinds whose extractors record STS endpoints: the settings kinds, source code and Terraform.
pub(crate) const ENDPOINT_KINDS: &[FileKind] = &[
    FileKind::AwsConfig,
    FileKind::AwsCredentials,
    FileKind::Shell,
    FileKind::DotEnv,
    FileKind::Dockerfile,
    FileKind::Yaml,
    FileKind::Python,
    FileKind::JavaScript,
    FileKind::Go,
    FileKind::Jvm,
    FileKind::CSharp,
    FileKind::Ruby,
    FileKind::Php,
    FileKind::Rust,
    FileKind::Terraform,
    FileKind::TerraformJson,
];

/// The kinds that can set the STS endpoint mode to legacy: the settings kinds, plus JavaScript's
/// client options (`stsRegionalEndpoints`, `useGlobalEndpoint`).
pub(crate) const LEGACY_MODE_KINDS: &[FileKind] = &[
    FileKind::AwsConfig,
    FileKind::AwsCredentials,
    FileKind::Shell,
    FileKind::DotEnv,
    FileKind::Dockerfile,
    FileKind::Yaml,
    FileKind::JavaScript,
    FileKind::Terraform,
    FileKind::TerraformJson,
];

/// A rule by code (`STS001`, any case) or name (`global-endpoint`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// Resolves `--select`/`--ignore` values: codes, names, code prefixes (`STS0`) or `ALL`.
pub fn matching(key: &str) -> Result<Vec<&'static Rule>, String> {
    let key = key.trim();
    if key.eq_ignore_ascii_case("ALL") {
        return Ok(ALL.to_vec());
    }
    if let Some(rule) = find(key) {
        return Ok(vec![rule]);
    }
    let upper = key.to_ascii_uppercase();
    let by_prefix: Vec<_> = ALL
        .iter()
        .copied()
        .filter(|r| upper.starts_with("STS") && r.code.starts_with(&upper))
        .collect();
    if by_prefix.is_empty() {
        Err(unknown_rule(key))
    } else {
        Ok(by_prefix)
    }
}

/// "unknown rule `legacy-sts-mod`: did you mean `legacy-sts-mode`?", naming the closest code or name
/// (Jaro-Winkler similarity, as clap suggests subcommands) when one is close.
pub fn unknown_rule(key: &str) -> String {
    let lower = key.trim().to_ascii_lowercase();
    let best = ALL
        .iter()
        .flat_map(|r| [r.code, r.name])
        .map(|candidate| {
            let score = strsim::jaro_winkler(&lower, &candidate.to_ascii_lowercase());
            (score, candidate)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, candidate)) if score > 0.8 => format!(
            "unknown rule `{key}`: did you mean `{candidate}`? (run `stslint rules` to list them)"
        ),
        _ => format!("unknown rule `{key}` (run `stslint rules` to list them)"),
    }
}

/// Rules that only make sense with the whole machine in view (`stslint doctor` enables them); in
/// `check` they run only when selected.
pub const DOCTOR_ONLY: &[&str] = &["STS006"];

/// The rules enabled by a selection, in registry order.
pub fn select(select: &[String], ignore: &[String]) -> Result<Vec<&'static Rule>, String> {
    let mut enabled: Vec<&'static Rule> = if select.is_empty() {
        ALL.iter()
            .copied()
            .filter(|r| !DOCTOR_ONLY.contains(&r.code))
            .collect()
    } else {
        let mut v = Vec::new();
        for key in select {
            v.extend(matching(key)?);
        }
        v
    };
    for key in ignore {
        let ignored = matching(key)?;
        enabled.retain(|r| !ignored.iter().any(|i| std::ptr::eq(*i, *r)));
    }
    Ok(ALL
        .iter()
        .copied()
        .filter(|r| enabled.iter().any(|e| std::ptr::eq(*e, *r)))
        .collect())
}

/// Runs the enabled rules that apply to this file's kind.
pub fn check(facts: &FileFacts, rules: &[&'static Rule]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.kinds.contains(&facts.kind)) {
        (rule.check)(facts, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_names_kebab_case() {
        assert!(ALL.windows(2).all(|w| w[0].code < w[1].code));
        for rule in ALL {
            assert!(
                rule.code.len() == 6 && rule.code.starts_with("STS"),
                "{}",
                rule.code
            );
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.name
            );
            for prefix in ["no-", "use-", "avoid-", "prefer-"] {
                assert!(!rule.name.starts_with(prefix), "{}", rule.name);
            }
            assert!(!rule.summary.ends_with('.'), "{}", rule.code);
        }
    }

    #[test]
    fn selection_by_code_name_prefix_and_ignore() {
        let codes = |v: Vec<&Rule>| v.iter().map(|r| r.code).collect::<Vec<_>>();
        assert_eq!(codes(select(&["sts002".into()], &[]).unwrap()), ["STS002"]);
        assert_eq!(
            codes(select(&["global-region".into()], &[]).unwrap()),
            ["STS005"]
        );
        assert_eq!(
            codes(select(&["STS00".into()], &["STS004".into()]).unwrap()),
            ["STS001", "STS002", "STS003", "STS005", "STS006"]
        );
        assert!(!codes(select(&[], &[]).unwrap()).contains(&"STS006"));
        assert!(select(&["STS999".into()], &[]).is_err());
        assert!(select(&[], &["nope".into()]).is_err());
    }
}
