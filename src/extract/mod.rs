//! Extract stage: one extractor per file kind turns syntax into [`facts::FileFacts`].
//!
//! One file per file kind here; the source-code languages in [`code`], beside the binding analysis
//! they share; readers of a syntax that several extractors share in [`syntax`]; the fact types, which
//! import no extractor, in [`facts`].

pub mod aws_config;
pub mod code;
pub mod composer_json;
pub mod composer_lock;
pub mod dockerfile;
pub mod dotenv;
pub mod facts;
pub mod gemfile;
pub mod gemfile_lock;
pub mod go_mod;
pub mod gradle;
pub mod gradle_lock;
pub mod hadoop;
pub mod hadoop_xml;
pub mod installs;
pub mod jenkinsfile;
pub mod makefile;
pub mod maven_pom;
pub mod nuget;
pub mod package_json;
pub mod package_lock;
pub mod pipfile;
pub mod pnpm_lock;
pub mod pyproject;
pub mod python_lock;
pub mod requirements;
pub mod setup_cfg;
pub mod shell;
pub mod spark_defaults;
pub mod syntax;
pub mod template;
pub mod terraform;
pub mod terraform_json;
pub mod terraform_lock;
pub mod terraform_version;
pub mod tool_versions;
pub mod version_catalog;
pub mod yaml;
pub mod yaml_lines;
pub mod yarn_lock;

use crate::classify::FileKind;
use crate::rules::Facts;
use crate::source::SourceFile;
use facts::FileFacts;

/// The literals without which an extractor records no fact of a family. A kind's prefilter is the union
/// over the families its row in the kind table yields, so a source file is not lexed because it says
/// `aws` in a comment: only a literal its extractor would act on lets it through.
///
/// Hosts and package names are case-insensitive: a needle of up to four bytes matches in every ASCII
/// casing; a longer one as written, in lower case and in UPPER case, and a camelCase one Capitalized
/// too (`useGlobalEndpoint`, `UseGlobalEndpoint`), which is how code writes them. Spelling them out keeps the search on
/// aho-corasick's SIMD (Teddy) searcher: a case-insensitive automaton took 43% of a run on real code.
const FAMILY_NEEDLES: &[(Facts, &[&str])] = &[
    // Every STS host ends in a partition's DNS suffix (`knowledge::hosts`).
    (
        Facts::ENDPOINTS,
        &[
            "amazonaws",
            "amazonwebservices",
            "api.aws",
            "c2s.ic.gov",
            "sc2s.sgov.gov",
            "adc-e.uk",
            "hci.ic.gov",
        ],
    ),
    // `sts_regional_endpoints`, `AWS_STS_REGIONAL_ENDPOINTS`, `stsRegionalEndpoints`,
    // `defaults_mode`, `AWS_DEFAULTS_MODE`.
    (
        Facts::STS_MODE,
        &[
            "sts_regional_endpoints",
            "stsRegionalEndpoints",
            "defaults_mode",
        ],
    ),
    // A region is a finding on its own only as `aws-global` (STS005); elsewhere it qualifies another fact.
    (Facts::REGION, &["aws-global"]),
    (Facts::USE_GLOBAL_ENDPOINT, &["useGlobalEndpoint"]),
    // The IRSA annotation (`…/sts-regional-endpoints`) and the webhook flag `--sts-regional-endpoint`.
    (Facts::IRSA, &["sts-regional-endpoint"]),
    (
        Facts::CREDENTIAL_SOURCE,
        &["role_arn", "web_identity_token_file"],
    ),
    // Every client package name: `awscli`, `aws-sdk`, `AWSSDK.*`, `com.amazonaws`, `boto3`, `botocore`;
    // a kube2iam container without its regional flag need not mention AWS at all.
    (Facts::CLIENTS, &["aws", "boto", "kube2iam"]),
    (Facts::DEPRECATED_CONSTRUCTORS, &["SecurityTokenService"]),
    (Facts::SUPPRESSIONS, &["stslint"]),
    // `aws_vpc_endpoint` (and its data source), the `vpc-endpoints` module; every STS endpoint's
    // service name is `com.amazonaws.<region>.sts` (CloudFormation's `AWS::EC2::VPCEndpoint` included).
    (
        Facts::VPC_ENDPOINTS,
        &["vpc_endpoint", "vpc-endpoints", "amazonaws"],
    ),
    // `aws_iam_security_token_service_preferences { global_endpoint_token_version = … }`.
    (Facts::TOKEN_VERSION, &["token_version"]),
    // asdf/mise `terraform 1.5.7` and `required_version` in a `terraform` block (`.terraform-version`
    // holds only the version, and is always read).
    (Facts::TERRAFORM_VERSION, &["terraform", "required_version"]),
];

/// The needles of a set of fact families, spelled out (see [`FAMILY_NEEDLES`]); a needle that contains
/// another, in any case, is left out (`amazonaws` where `aws` is searched already).
pub fn needles(families: Facts) -> Vec<String> {
    let words: Vec<&str> = FAMILY_NEEDLES
        .iter()
        .filter(|(family, _)| families.contains(*family))
        .flat_map(|(_, needles)| needles.iter().copied())
        .collect();
    let covered = |w: &str| {
        let lower = w.to_ascii_lowercase();
        words
            .iter()
            .any(|o| o.len() < w.len() && lower.contains(&o.to_ascii_lowercase()))
    };
    let mut out: Vec<String> = words
        .iter()
        .filter(|w| !covered(w))
        .flat_map(|w| spellings(w))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn spellings(word: &str) -> Vec<String> {
    if word.len() <= 4 {
        return casings(word);
    }
    let mut out = vec![
        word.to_owned(),
        word.to_ascii_lowercase(),
        word.to_ascii_uppercase(),
    ];
    // A camelCase name is also written PascalCase (`useGlobalEndpoint`, `UseGlobalEndpoint`).
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut capitalized = word.to_owned();
        capitalized[..1].make_ascii_uppercase();
        out.push(capitalized);
    }
    out
}

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

/// One kind's needle search: aho-corasick's packed (SIMD Teddy) searcher, scanning at memory speed,
/// with the general automaton as the fallback where the CPU has no SIMD for it.
enum Prefilter {
    Packed(aho_corasick::packed::Searcher),
    Automaton(aho_corasick::AhoCorasick),
}

impl Prefilter {
    fn new(needles: &[String]) -> Self {
        match aho_corasick::packed::Searcher::new(needles.iter()) {
            Some(packed) => Prefilter::Packed(packed),
            None => Prefilter::Automaton(
                aho_corasick::AhoCorasick::new(needles).expect("static needles"),
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

/// One prefilter per kind, in kind-table order, each built the first time a file of its kind is
/// read (a pre-commit run on two files builds two, not one per kind); `None` for kinds that are
/// always read.
static PREFILTERS: std::sync::LazyLock<Vec<std::sync::OnceLock<Option<Prefilter>>>> =
    std::sync::LazyLock::new(|| {
        FileKind::ALL
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect()
    });

fn prefilter(kind: FileKind) -> Option<&'static Prefilter> {
    PREFILTERS[kind as usize]
        .get_or_init(|| {
            let yields = kind.spec().yields;
            // A profile's absence of a setting is a finding: AWS config files are always read.
            // A `.terraform-version` holds nothing but the version: no needle could find it.
            (!yields.contains(Facts::PROFILES) && kind != FileKind::TerraformVersion)
                .then(|| Prefilter::new(&needles(yields)))
        })
        .as_ref()
}

/// Whether a file of this kind could hold a fact, decided by one byte search before any decoding or
/// parsing. UTF-16 text cannot be searched as bytes, so it is always read. A file that cannot hold a
/// fact is not parsed, so its syntax errors are not reported either: they are not stslint's to judge.
pub fn may_hold_facts(kind: FileKind, bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || prefilter(kind).is_none_or(|p| p.is_match(bytes))
}

/// Runs the extractor for the file's kind.
pub fn extract(source: &SourceFile) -> FileFacts {
    // A template named as one (`dot_aws/config.tmpl`, `Dockerfile.j2`, yadm's `config##template`) is
    // read neutralised; YAML, templated in place (Helm, Ansible), is its extractor's to neutralise.
    if source.kind != FileKind::Yaml && template::by_name(&source.path) {
        let template = template::Template::scan(&source.text);
        if template.is_templated() {
            let neutral = source.with_text(template.neutralise(&source.text));
            let mut facts = extract_kind(&neutral);
            template.apply(&source.text, &mut facts);
            return facts;
        }
    }
    extract_kind(source)
}

fn extract_kind(source: &SourceFile) -> FileFacts {
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
        FileKind::TerraformVersion => terraform_version::extract(source),
        FileKind::Pipfile => pipfile::extract(source),
        FileKind::SetupCfg => setup_cfg::extract(source),
        FileKind::Gradle => gradle::extract(source),
        FileKind::GradleLock => gradle_lock::extract(source),
        FileKind::VersionCatalog => version_catalog::extract(source),
        FileKind::NuGet => nuget::extract(source),
        FileKind::Python => code::python::extract(source),
        FileKind::JavaScript => code::javascript::extract(source),
        FileKind::Go => code::go::extract(source),
        FileKind::Jvm => code::java::extract(source),
        FileKind::CSharp => code::csharp::extract(source),
        FileKind::Ruby => code::ruby::extract(source),
        FileKind::Php => code::php::extract(source),
        FileKind::Rust => code::rust_lang::extract(source),
        FileKind::Terraform => terraform::extract(source),
        FileKind::TerraformJson => terraform_json::extract(source),
        FileKind::TerraformLock => terraform_lock::extract(source),
        FileKind::HadoopXml => hadoop_xml::extract(source),
        FileKind::SparkDefaults => spark_defaults::extract(source),
        FileKind::Makefile => makefile::extract(source),
        FileKind::Jenkinsfile => jenkinsfile::extract(source),
    };
    // Value shapes and secret-named keys in every syntax are found when the file is read (the
    // source's masked view); these are the extractor's own, from keys it parsed.
    facts.secrets.sort();
    facts.secrets.dedup();
    facts.layouts.sort_by_key(|l| l.context);
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
            "sts_regional_endpoints = legacy",
            "eks.amazonaws.com/sts-regional-endpoints",
            "# stslint: ignore[STS001]",
            "<PackageReference Include=\"AWSSDK.Core\" />",
            "Boto3[crt]==1.33.13",
            "BOTOCORE==1.2",
            "HTTPS://STS.AMAZONAWS.COM",
        ];
        for text in through {
            assert!(may_hold_facts(FileKind::Yaml, text.as_bytes()), "{text}");
        }
        assert!(!may_hold_facts(
            FileKind::Python,
            b"def f():\n    return items.count\n"
        ));
        assert!(may_hold_facts(FileKind::AwsConfig, b"[default]\n"));
        assert!(may_hold_facts(FileKind::DotEnv, &[0xFF, 0xFE, b'A', 0]));
        assert_eq!(casings("aws").len(), 8);
    }

    #[test]
    fn every_kind_fits_the_simd_searcher() {
        for kind in FileKind::ALL {
            let n = needles(kind.spec().yields).len();
            assert!(n <= 64, "{kind:?} has {n} needles; Teddy takes at most 64");
        }
        // `aws` in every casing covers `amazonaws`, so manifests do not search for hosts twice.
        let yaml = needles(FileKind::Yaml.spec().yields);
        assert!(yaml.contains(&"aWs".to_owned()) && !yaml.contains(&"amazonaws".to_owned()));
        let python = needles(FileKind::Python.spec().yields);
        assert!(python.contains(&"AMAZONAWS".to_owned()) && !python.contains(&"aws".to_owned()));
    }

    #[test]
    fn source_code_needs_a_literal_its_extractor_acts_on() {
        use FileKind::{JavaScript, Jvm, Python};
        for (kind, text) in [
            (Python, "endpoint = 'https://sts.amazonaws.com'"),
            (Python, "HTTPS://STS.AMAZONAWS.COM"),
            (Python, "\"sts.cn-north-1.amazonaws.com.cn\""),
            (Python, "\"https://sts.us-east-1.api.aws\""),
            (Python, "region_name='aws-global'"),
            (Python, "args: [\"--sts-regional-endpoint=false\"]"),
            (Python, "# stslint: ignore[STS001]"),
            (JavaScript, "new STSClient({ useGlobalEndpoint: true })"),
            (
                JavaScript,
                "new AWS.STS({ stsRegionalEndpoints: 'legacy' })",
            ),
            (Jvm, "new AWSSecurityTokenServiceClient(creds)"),
        ] {
            assert!(may_hold_facts(kind, text.as_bytes()), "{kind:?}: {text}");
        }
        // An SDK's own source mentions AWS everywhere; without a host or option it holds no fact.
        for text in [
            "import boto3\nclient = boto3.client('s3')  # AWS S3\n",
            "from botocore.session import Session\nsts = session.create_client('sts')\n",
            "if os.path.exists(requests.tests_dir): pass\n",
        ] {
            assert!(!may_hold_facts(FileKind::Python, text.as_bytes()), "{text}");
        }
    }
}
