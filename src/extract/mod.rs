//! Extract stage: one extractor per file kind turns syntax into [`facts::FileFacts`].

pub mod aws_config;
pub mod code;
pub mod composer_json;
pub mod composer_lock;
pub mod csharp;
pub mod dockerfile;
pub mod dotenv;
pub mod facts;
pub mod gemfile;
pub mod gemfile_lock;
pub mod go;
pub mod go_mod;
pub mod gradle;
pub mod gradle_lock;
pub mod installs;
pub mod java;
pub mod java_source;
pub mod javascript;
pub mod json;
pub mod maven_pom;
pub mod nuget;
pub mod package_json;
pub mod package_lock;
pub mod php;
pub mod pipfile;
pub mod pnpm_lock;
pub mod pyproject;
pub mod python;
pub mod python_lock;
pub mod requirements;
pub mod ruby;
pub mod rust_lang;
pub mod setup_cfg;
pub mod shell;
pub mod terraform;
pub mod terraform_json;
pub mod toml_doc;
pub mod tool_versions;
pub mod version_catalog;
pub mod yaml;
pub mod yarn_lock;

use crate::classify::FileKind;
use crate::source::SourceFile;
use facts::FileFacts;

/// Byte strings without which a file holds no fact stslint reads: every STS setting, endpoint, client
/// and annotation contains one of them (`AWS_…`, `aws-sdk`, `awscli`, `amazonaws`, `AWSSDK`, `Boto3`,
/// `sts_regional_endpoints`, `sts-endpoint`, `sts.amazonaws.com`, `stsRegionalEndpoints`,
/// `StsRegionalEndpoints`, `useGlobalEndpoint`), and so does every suppression comment (`stslint:`).
/// The short ones match in every ASCII casing (package names and hosts are case-insensitive).
const ANY_CASE: &[&str] = &["aws", "boto", "sts-", "sts.", "sts_"];
const EXACT: &[&str] = &["GlobalEndpoint", "StsRegional", "stsRegional", "stslint"];

/// Every ASCII casing of `word` (`aws`, `Aws`, `aWs`, …).
fn casings(word: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in word.chars() {
        let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
        out = out
            .into_iter()
            .flat_map(|prefix| {
                let mut variants = vec![format!("{prefix}{lower}")];
                if upper != lower {
                    variants.push(format!("{prefix}{upper}"));
                }
                variants
            })
            .collect();
    }
    out
}

fn needles() -> Vec<String> {
    ANY_CASE
        .iter()
        .flat_map(|w| casings(w))
        .chain(EXACT.iter().map(|w| (*w).to_owned()))
        .collect()
}

/// The needle search: aho-corasick's packed (SIMD Teddy) searcher over the casings spelled out, which
/// scans at memory speed (a case-insensitive automaton had been two thirds of the run time on a large
/// tree), with the general automaton as the fallback where the CPU has no SIMD for it.
enum Prefilter {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl Prefilter {
    fn new() -> Self {
        let needles = needles();
        match aho_corasick::packed::Searcher::new(needles.iter()) {
            Some(packed) => Prefilter::Packed(packed),
            None => Prefilter::Automaton(
                aho_corasick::AhoCorasick::new(&needles).expect("static needles"),
            ),
        }
    }

    fn is_match(&self, haystack: &[u8]) -> bool {
        match self {
            Prefilter::Packed(s) => s.find(haystack).is_some(),
            Prefilter::Automaton(a) => a.is_match(haystack),
        }
    }
}

static PREFILTER: std::sync::LazyLock<Prefilter> = std::sync::LazyLock::new(Prefilter::new);

/// Whether a file of this kind could hold a fact, decided by one byte search before any decoding or
/// parsing. AWS config and credentials files are always read (a profile's absence of a setting is a
/// finding); UTF-16 text cannot be searched as bytes, so it is always read too. A file that cannot hold
/// a fact is not parsed, so its syntax errors are not reported either: they are not stslint's to judge.
pub fn may_hold_facts(kind: FileKind, bytes: &[u8]) -> bool {
    matches!(kind, FileKind::AwsConfig | FileKind::AwsCredentials)
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || PREFILTER.is_match(bytes)
}

/// Runs the extractor for the file's kind.
pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = match source.kind {
        FileKind::AwsConfig | FileKind::AwsCredentials => aws_config::extract(source),
        FileKind::Shell => shell::extract(source),
        FileKind::DotEnv => dotenv::extract(source),
        FileKind::Dockerfile => dockerfile::extract(source),
        FileKind::Yaml => yaml::extract(source),
        FileKind::PipRequirements => requirements::extract(source),
        FileKind::PyProject => pyproject::extract(source),
        FileKind::PythonLock => python_lock::extract(source),
        FileKind::PackageJson => package_json::extract(source),
        FileKind::PackageLock => package_lock::extract(source),
        FileKind::GoMod => go_mod::extract(source),
        FileKind::MavenPom => maven_pom::extract(source),
        FileKind::GemfileLock => gemfile_lock::extract(source),
        FileKind::ComposerJson => composer_json::extract(source),
        FileKind::ComposerLock => composer_lock::extract(source),
        FileKind::YarnLock => yarn_lock::extract(source),
        FileKind::PnpmLock => pnpm_lock::extract(source),
        FileKind::Gemfile => gemfile::extract(source),
        FileKind::ToolVersions => tool_versions::extract(source),
        FileKind::Pipfile => pipfile::extract(source),
        FileKind::SetupCfg => setup_cfg::extract(source),
        FileKind::Gradle => gradle::extract(source),
        FileKind::GradleLock => gradle_lock::extract(source),
        FileKind::VersionCatalog => version_catalog::extract(source),
        FileKind::NuGet => nuget::extract(source),
        FileKind::Python => python::extract(source),
        FileKind::JavaScript => javascript::extract(source),
        FileKind::Go => go::extract(source),
        FileKind::Jvm => java::extract(source),
        FileKind::CSharp => csharp::extract(source),
        FileKind::Ruby => ruby::extract(source),
        FileKind::Php => php::extract(source),
        FileKind::Rust => rust_lang::extract(source),
        FileKind::Terraform => terraform::extract(source),
        FileKind::TerraformJson => terraform_json::extract(source),
    };
    // Value shapes and secret-named keys in every syntax are found when the file is read (the
    // source's masked view); these are the extractor's own, from keys it parsed.
    facts.secrets.sort();
    facts.secrets.dedup();
    facts
}

/// `file:line` of a span, for client messages ("pinned in requirements.txt:3").
pub(crate) fn origin(source: &SourceFile, span: crate::source::Span) -> String {
    let name = source.path.file_name().map_or_else(
        || source.display_path(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("{name}:{}", source.line_col(span.start).0)
}

/// Whether any of the package names occurs in the text: a lockfile without them is not parsed at all.
pub(crate) fn mentions_any(text: &str, needles: &[&str]) -> bool {
    needles
        .iter()
        .any(|n| memchr::memmem::find(text.as_bytes(), n.as_bytes()).is_some())
}

#[cfg(test)]
mod prefilter_tests {
    use super::*;

    #[test]
    fn the_prefilter_lets_through_every_fact_shape_and_stops_plain_files() {
        let through = [
            "export AWS_REGION=x",
            "boto3==1.2",
            "\"aws-sdk\": \"2\"",
            "endpoint = 'https://sts.amazonaws.com'",
            "new StsClient({ useGlobalEndpoint: true })",
            "stsRegionalEndpoints: 'legacy'",
            "sts_regional_endpoints = legacy",
            "eks.amazonaws.com/sts-regional-endpoints",
            "# stslint: ignore[STS001]",
            "<PackageReference Include=\"AWSSDK.Core\" />",
            "Boto3[crt]==1.33.13",
            "BOTOCORE==1.2",
            "HTTPS://STS.AMAZONAWS.COM",
            "config.StsRegionalEndpoints = StsRegionalEndpointsValue.Legacy;",
        ];
        for text in through {
            assert!(may_hold_facts(FileKind::Python, text.as_bytes()), "{text}");
        }
        assert!(!may_hold_facts(
            FileKind::Python,
            b"def f():\n    return items.count\n"
        ));
        assert!(may_hold_facts(FileKind::AwsConfig, b"[default]\n"));
        assert_eq!(casings("aws").len(), 8);
        assert!(needles().len() <= 64, "Teddy takes at most 64 needles");
        assert!(may_hold_facts(FileKind::DotEnv, &[0xFF, 0xFE, b'A', 0]));
    }
}
