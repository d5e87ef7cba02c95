//! Extract stage, the vocabulary: the domain facts every extractor produces and every rule reads.
//!
//! The same setting written in five syntaxes (`.aws/config`, `.bashrc`, `.env`, a Dockerfile, YAML) is
//! one [`Setting`]; rules are written once against these types and work for every file kind.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::classify::FileKind;
use crate::knowledge::hosts::{self, Host};
use crate::source::Span;

/// Index of a [`Context`] in [`FileFacts::contexts`].
pub type ContextId = usize;

/// Where settings apply together: a profile, a Dockerfile stage, a CI job, a container, a whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub kind: ContextKind,
    /// The enclosing context whose settings also apply here (a workflow's `env` for its jobs).
    pub parent: Option<ContextId>,
    /// The header that opens this context (`[profile dev]`, `FROM …`), when it has one.
    pub header: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContextKind {
    /// A whole file (env files, shell scripts) or the part of a file outside any section.
    File,
    /// An AWS shared-file profile. `in_config_file` is false for the credentials file.
    Profile { name: String, in_config_file: bool },
    /// An AWS config section that is not a profile: `[sso-session x]`, `[services x]`, `[x]`.
    Section { name: String },
    /// One `FROM` stage of a Dockerfile.
    DockerStage { base_image: String },
    /// A YAML mapping that owns environment variables: a container, a Compose service, a CI job.
    YamlScope { path: String },
    /// A Terraform block whose arguments apply together: `provider "aws"`, `backend "s3"`.
    TerraformBlock { name: String },
    /// A call or literal in source code that configures one client (`boto3.client(…)`,
    /// `&aws.Config{…}`): the region written in it applies to the endpoints in it.
    CodeGroup,
    /// One `aws …` command line that names its own `--region`: that region applies to the
    /// `--endpoint-url` in it, inside the enclosing context (a script, a Dockerfile stage, a CI job).
    ShellCommand,
}

impl Context {
    pub fn file() -> Self {
        Context {
            kind: ContextKind::File,
            parent: None,
            header: None,
        }
    }
}

/// The settings stslint knows; anything else is not recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingName {
    /// `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS`.
    StsRegionalEndpoints,
    /// `region` / `AWS_REGION` / `AWS_DEFAULT_REGION`.
    Region,
    /// An endpoint for STS only: `AWS_ENDPOINT_URL_STS`, `endpoint_url` in a `[services]` `sts` block.
    StsEndpointUrl,
    /// An endpoint for every service: `AWS_ENDPOINT_URL`, a profile's `endpoint_url`, `--endpoint-url`.
    EndpointUrl,
    /// JavaScript SDK v3 client option `useGlobalEndpoint` (a boolean): `true` is what `legacy` is to the
    /// other SDKs (the STS ruleset's `UseGlobalEndpoint` parameter: aws/aws-sdk-js-v3
    /// `clients/client-sts/src/endpoint/EndpointParameters.ts`, builtIn `AWS::STS::UseGlobalEndpoint`).
    UseGlobalEndpoint,
    /// EKS IRSA: the ServiceAccount annotation `eks.amazonaws.com/sts-regional-endpoints` or the pod
    /// identity webhook flag `--sts-regional-endpoint`, both parsed with Go `strconv.ParseBool`
    /// (aws/amazon-eks-pod-identity-webhook `main.go`, `pkg/cache/cache.go`).
    IrsaRegionalSts,
    /// A profile key that says where credentials come from: `role_arn`, `web_identity_token_file`,
    /// `credential_process`, SSO keys. Only `role_arn` and `web_identity_token_file` make the SDK call
    /// STS ([`SettingName::calls_sts`]). Its value may be a secret and is never shown.
    CredentialSource,
    /// `defaults_mode` / `AWS_DEFAULTS_MODE`: every mode but `legacy` makes the STS default `regional`
    /// in the SDKs that implement defaults modes (boto/botocore `botocore/data/sdk-default-configuration.json`
    /// `base.stsRegionalEndpoints = "regional"`, `defaults_mode` default `legacy`).
    DefaultsMode,
}

/// The `defaults_mode` values that select regional STS: every documented mode but `legacy` (sdkref
/// "Smart configuration defaults", <https://docs.aws.amazon.com/sdkref/latest/guide/feature-smart-config-defaults.html>;
/// botocore `DefaultConfigResolver` adds `legacy` and `auto` to the modes of the JSON file).
pub const REGIONAL_DEFAULTS_MODES: &[&str] =
    &["standard", "in-region", "cross-region", "mobile", "auto"];

/// Whether a `defaults_mode` value makes the STS default `regional` (botocore matches it exactly).
pub fn defaults_mode_is_regional(value: &str) -> bool {
    REGIONAL_DEFAULTS_MODES.contains(&value)
}

impl SettingName {
    /// Environment variable names, case-sensitive as every SDK reads them.
    pub fn from_env_var(name: &str) -> Option<Self> {
        match name {
            "AWS_STS_REGIONAL_ENDPOINTS" => Some(Self::StsRegionalEndpoints),
            "AWS_REGION" | "AWS_DEFAULT_REGION" => Some(Self::Region),
            // The Terraform AWS provider's `TF_AWS_STS_ENDPOINT` and its deprecated alias
            // `AWS_STS_ENDPOINT`, also read by the S3 backend (terraform-provider-aws
            // `names/data` service data `EnvVar`/`DeprecatedEnvVar`, CHANGELOG 4.0.0 #23052); and
            // `STS_ENDPOINT` (the MongoDB Atlas provider's AWS Secrets Manager `sts_endpoint`, nginx-s3-gateway).
            "AWS_ENDPOINT_URL_STS"
            | "TF_AWS_STS_ENDPOINT"
            | "AWS_STS_ENDPOINT"
            | "STS_ENDPOINT" => Some(Self::StsEndpointUrl),
            "AWS_ENDPOINT_URL" => Some(Self::EndpointUrl),
            "AWS_DEFAULTS_MODE" => Some(Self::DefaultsMode),
            _ => None,
        }
    }

    /// Shared config-file keys; botocore's parser lower-cases keys, so matching ignores case.
    pub fn from_config_key(key: &str) -> Option<Self> {
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "sts_regional_endpoints" => Some(Self::StsRegionalEndpoints),
            "region" => Some(Self::Region),
            "endpoint_url" => Some(Self::EndpointUrl),
            "defaults_mode" => Some(Self::DefaultsMode),
            "role_arn"
            | "web_identity_token_file"
            | "credential_process"
            | "sso_session"
            | "sso_start_url" => Some(Self::CredentialSource),
            _ => None,
        }
    }
}

impl Setting {
    /// Whether this credential-source key makes the SDK call STS: `role_arn` (with `source_profile` or
    /// `credential_source`) calls `AssumeRole`, `web_identity_token_file` calls
    /// `AssumeRoleWithWebIdentity`. SSO profiles get credentials from the SSO portal in `sso_region`
    /// (botocore `credentials.py` `SSOProvider`: `sso:GetRoleCredentials`), and `credential_process`
    /// runs another program: neither calls STS.
    pub fn calls_sts(&self) -> bool {
        self.name == SettingName::CredentialSource
            && matches!(
                self.key.to_ascii_lowercase().as_str(),
                "role_arn" | "web_identity_token_file"
            )
    }
}

/// A setting as written: `key = value` in any syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub name: SettingName,
    /// The key as written (`AWS_STS_REGIONAL_ENDPOINTS`, `sts_regional_endpoints`, `--endpoint-url`).
    pub key: String,
    pub key_span: Span,
    /// The value with quotes removed.
    pub value: String,
    /// The value without its quotes; empty (at the point of the missing value) for `KEY=`.
    pub value_span: Span,
    pub context: ContextId,
}

/// An STS host or URL in an endpoint position (never an audience, namespace or ARN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub url: String,
    pub host: Host,
    pub span: Span,
    pub context: ContextId,
    /// What configured it, for messages: `endpoint_url`, `AWS_ENDPOINT_URL_STS`, `--endpoint-url`.
    pub via: String,
    /// The setting points every service there (`AWS_ENDPOINT_URL`, a profile's `endpoint_url`), so
    /// the remedy is to remove it or scope it to STS, not to swap in an STS host.
    pub all_services: bool,
}

/// The package ecosystem a [`Client`] was found in; it decides the version grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecosystem {
    /// PyPI (PEP 440 versions): requirements files, pyproject, lockfiles, `pip install`.
    PyPi,
    /// npm (node-semver ranges): package.json and its lockfiles.
    Npm,
    /// Go modules (semver with a `v` prefix): go.mod.
    Go,
    /// Maven coordinates `group:artifact`: pom.xml, Gradle files, version catalogs.
    Maven,
    /// RubyGems: Gemfile, Gemfile.lock.
    RubyGems,
    /// Packagist: composer.json, composer.lock.
    Packagist,
    /// NuGet: .csproj, packages.config, Directory.Packages.props.
    NuGet,
    /// A distribution package (`apt-get install awscli`) resolved through the stage's base image.
    Distro,
    /// A container image whose tag is the CLI version (`mesosphere/aws-cli:1.14.5`).
    Image,
    /// A tool judged by [`crate::knowledge::tools`] rather than by an SDK row: the Terraform AWS
    /// provider (`hashicorp/aws`), a GitHub Action ref, an Amazon EMR release label. Each tool's row
    /// names its version grammar.
    Tool,
}

/// The annotation the pod identity webhook reads (aws/amazon-eks-pod-identity-webhook `pkg/annotations.go`;
/// EKS User Guide, <https://docs.aws.amazon.com/eks/latest/userguide/configure-sts-endpoint.html>).
pub const IRSA_ANNOTATION: &str = "eks.amazonaws.com/sts-regional-endpoints";

/// How a client's version is fixed, as the manifest writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Installed {
    /// An exact pin in a manifest or install command (`boto3==1.34.147`).
    Pin,
    /// A resolved version in a lockfile.
    Lock,
    /// A version range (`boto3>=1.20,<1.30`, `^2.1000.0`): judged by every version it allows.
    Range,
    /// No version at all (`pip install awscli`, a BOM-managed Maven dependency).
    Unversioned,
    /// A distribution package on a known base image; the knowledge table gives its version.
    DistroPackage {
        /// The base image as written in `FROM` (`ubuntu:22.04`).
        image: String,
        /// The install command (`apt-get install`, `yum install`).
        command: String,
    },
    /// A container image whose tag is the client's version.
    ContainerImage,
    /// Source code that imports the client's classes (`import com.amazonaws.services.securitytoken.…`):
    /// the version is set by the build, elsewhere, and judged as "any version".
    SourceImport,
}

/// An AWS CLI or SDK that a manifest, lockfile, install command or image brings in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    pub ecosystem: Ecosystem,
    /// The package as the ecosystem names it (`boto3`, `com.amazonaws:aws-java-sdk-sts`, `awscli`).
    pub package: String,
    /// The version or constraint as written after resolving indirection (`1.34.147`, `>=1.20,<1.30`,
    /// `${aws.version}` resolved to `1.11.500`); empty when none is written.
    pub version: String,
    pub installed: Installed,
    /// Where the version is written (the package name when there is no version).
    pub span: Span,
    /// Where this happens, for messages: `requirements.txt:3`, `pom.xml:12 via ${aws.version}`.
    pub origin: String,
    pub context: ContextId,
}

impl Client {
    /// A version resolved in a lockfile: it applies to the whole file, and its origin is `file:line`.
    pub fn locked(
        source: &crate::source::SourceFile,
        ecosystem: Ecosystem,
        package: impl Into<String>,
        version: impl Into<String>,
        span: Span,
    ) -> Self {
        Client {
            ecosystem,
            package: package.into(),
            version: version.into(),
            installed: Installed::Lock,
            span,
            origin: super::origin(source, span),
            context: 0,
        }
    }
}

/// Why an STS host string is an identifier rather than an endpoint, decided by the extractor from
/// the key, argument or variable the string is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    pub host: Host,
    pub span: Span,
    /// What it is bound to, as written (`audience`, `ClientIdList`, `eventSource`, `==`).
    pub bound_to: String,
}

/// How the lines of a context are written, so a fix can add one that reads, and parses, like its
/// neighbours. A layout fact, recorded by the extractor so rules never look at raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineLayout {
    pub context: ContextId,
    /// Where a new first line of the context goes: the start of the line after its header, or the end of
    /// the file when the header is the last line and has no line terminator.
    pub at: usize,
    /// The header is the file's last line and has no terminator: a new line then starts with one and
    /// ends without, so the file keeps ending without a newline.
    pub after_unterminated: bool,
    /// Leading whitespace a new line needs to read like the context's keys. The AWS config extractor
    /// records layouts only for sections whose keys are unindented (an INI line indented deeper than the
    /// one above continues that line's value), so there it is always empty.
    pub indent: String,
    /// What the file writes between a key and its value (` = `, `=`).
    pub separator: String,
    /// The header line's terminator (`\n` or `\r\n`), so an inserted line matches the file.
    pub newline: &'static str,
}

impl LineLayout {
    /// The text to insert at [`LineLayout::at`] for a `key`/`value` line.
    pub fn line(&self, key: &str, value: &str) -> String {
        let LineLayout {
            indent,
            separator,
            newline,
            ..
        } = self;
        if self.after_unterminated {
            format!("{newline}{indent}{key}{separator}{value}")
        } else {
            format!("{indent}{key}{separator}{value}{newline}")
        }
    }
}

/// An STS interface VPC endpoint the file declares (Terraform `aws_vpc_endpoint`, CloudFormation
/// `AWS::EC2::VPCEndpoint`): a repository-level fact. An interface endpoint answers for the regional
/// host of its region only, never for `sts.amazonaws.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StsVpcEndpoint {
    /// The resource as the file names it: `aws_vpc_endpoint.sts`, a CloudFormation logical ID.
    pub resource: String,
    /// The resource's declaration (its `resource` keyword or logical ID).
    pub span: Span,
    /// The endpoint's region when the file states it: a literal service name
    /// (`com.amazonaws.eu-west-1.sts`), or the one region of the file's AWS provider.
    pub region: Option<String>,
    /// `private_dns_enabled` / `PrivateDnsEnabled` when written as a literal boolean.
    pub private_dns: Option<bool>,
}

impl StsVpcEndpoint {
    /// Whether an endpoint service name is STS's, and the region it names when it is a literal:
    /// `com.amazonaws.eu-west-1.sts` → `Some(Some("eu-west-1"))`, `com.amazonaws.${var.region}.sts` →
    /// `Some(None)`, any other service → `None`. China regions prefix `cn.`; `sts-fips` is the FIPS
    /// endpoint of the same region.
    pub fn service_region(name: &str) -> Option<Option<String>> {
        let name = name.trim();
        let name = name.strip_prefix("cn.").unwrap_or(name);
        let middle = name
            .strip_prefix("com.amazonaws.")?
            .strip_suffix(".sts")
            .or_else(|| {
                name.strip_prefix("com.amazonaws.")?
                    .strip_suffix(".sts-fips")
            })?;
        if hosts::is_region_name(middle) {
            Some(Some(middle.to_owned()))
        } else if middle.starts_with("${") && middle.ends_with('}') || middle.is_empty() {
            // An interpolation (`${var.region}`, CloudFormation's `${AWS::Region}`), or a `Join` of
            // parts around a reference: STS in a region known only at deploy time.
            Some(None)
        } else {
            None
        }
    }
}

/// The account's global-endpoint token version as infrastructure code sets it
/// (`aws_iam_security_token_service_preferences { global_endpoint_token_version = "v2Token" }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenVersion {
    pub resource: String,
    /// `v1Token` or `v2Token` as written.
    pub value: String,
    /// The value inside its quotes.
    pub span: Span,
}

/// A Terraform version written down for a directory: pinned by a version manager (tfenv's
/// `.terraform-version`, asdf's `.tool-versions`, mise's `[tools]`), which holds for the directory and
/// everything below it, or required by a module (`terraform { required_version = … }`), which holds for
/// the module's own directory. A repository-level fact: it decides the S3 backend written in another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerraformVersion {
    /// The exact version (`1.5.7`) or the constraint (`~> 1.5.0`) as written.
    pub version: String,
    pub span: Span,
    /// A version manager's pin rather than a module's `required_version`.
    pub manager: bool,
}

/// A region a CI matrix deploys to (`strategy: matrix: region: [eu-west-1, ap-east-1]`): a
/// repository-level fact, not a setting (no client reads it as its region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployRegion {
    pub name: String,
    pub span: Span,
}

/// Something in the file that stops it from meaning what it seems to (malformed INI, bad YAML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub span: Span,
}

/// The lazily built lookup of [`FileFacts::in_context`]. It is derived data: equal facts are equal
/// whether or not it has been built, and a clone starts without it.
#[derive(Debug, Default)]
struct SettingsIndex(OnceLock<HashMap<(ContextId, SettingName), Vec<usize>>>);

impl Clone for SettingsIndex {
    fn clone(&self) -> Self {
        SettingsIndex::default()
    }
}

impl PartialEq for SettingsIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SettingsIndex {}

/// Everything one extractor learned from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    pub kind: FileKind,
    /// Context 0 is always the whole file.
    pub contexts: Vec<Context>,
    pub settings: Vec<Setting>,
    pub endpoints: Vec<Endpoint>,
    /// AWS CLIs and SDKs this file installs, pins or locks.
    pub clients: Vec<Client>,
    /// Java SDK v1 STS clients built with the deprecated constructors (`new AWSSecurityTokenServiceClient(`),
    /// which ignore the regional setting: the span of the constructor call's type name.
    pub deprecated_sts_constructors: Vec<Span>,
    /// STS host strings that name something (an OIDC audience, a CloudTrail event source) rather than
    /// configure where calls go: never flagged, recorded so tests and `--debug`-style tools can see why.
    pub identifiers: Vec<Identifier>,
    /// Byte ranges holding secret values: masked in every output, code frames included.
    pub secrets: Vec<Span>,
    pub problems: Vec<Problem>,
    /// Where and how a line can be added to a context (AWS config sections), for insertion fixes.
    pub layouts: Vec<LineLayout>,
    /// Clients found elsewhere in the same repository (or, for `doctor`, on the same machine) whose
    /// default is `legacy` and that read `sts_regional_endpoints` from the shared config file, as
    /// messages name them. **Set by the plan** before the rules
    /// run on an AWS config file (extractors leave it empty); STS004 reports at `warning` when it is not
    /// empty, at `info` otherwise. See [`crate::rules::missing_regional_setting::config_reader`].
    pub legacy_config_readers: Vec<ConfigReader>,
    /// Settings by context and name, built on the first lookup, so that rules asking about every
    /// endpoint, client or profile stay linear in the file (a 100k-profile config, minified YAML).
    settings_index: SettingsIndex,
    /// STS interface VPC endpoints declared here (a repository-level fact, see [`crate::repo`]).
    pub vpc_endpoints: Vec<StsVpcEndpoint>,
    /// Global-endpoint token versions set here (a repository-level fact).
    pub token_versions: Vec<TokenVersion>,
    /// Terraform versions written here (a repository-level fact).
    pub terraform_versions: Vec<TerraformVersion>,
    /// Regions CI matrices deploy to (a repository-level fact; region settings count too).
    pub deploy_regions: Vec<DeployRegion>,
    /// Value spans known only when the file is rendered or run (a template directive, a CI
    /// expression): sorted. A setting whose value is unknown is present, but its value is not judged.
    pub unknown_values: Vec<Span>,
}

/// A client whose default is `legacy` and that reads `sts_regional_endpoints` from `~/.aws/config`,
/// found in another file of the repository or installed on the machine (see
/// [`FileFacts::legacy_config_readers`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigReader {
    /// How messages name it: `boto3 1.34.0 (requirements.txt:3)`.
    pub name: String,
    /// Whether a non-legacy `defaults_mode` in the profile also makes it regional.
    pub honours_defaults_mode: bool,
}

impl FileFacts {
    /// Gives back what a file kept for the report does not need: spare capacity, and the settings
    /// lookup (rebuilt if anything asks again). On a tree where every file has a finding, the kept
    /// results are most of the memory, and every page of it is zeroed when first touched.
    pub fn shrink(&mut self) {
        self.settings_index = SettingsIndex::default();
        self.contexts.shrink_to_fit();
        self.settings.shrink_to_fit();
        self.endpoints.shrink_to_fit();
        self.clients.shrink_to_fit();
        self.deprecated_sts_constructors.shrink_to_fit();
        self.identifiers.shrink_to_fit();
        self.secrets.shrink_to_fit();
        self.problems.shrink_to_fit();
        self.layouts.shrink_to_fit();
        self.legacy_config_readers.shrink_to_fit();
        self.vpc_endpoints.shrink_to_fit();
        self.token_versions.shrink_to_fit();
        self.terraform_versions.shrink_to_fit();
        self.deploy_regions.shrink_to_fit();
        self.unknown_values.shrink_to_fit();
    }

    pub fn new(kind: FileKind) -> Self {
        FileFacts {
            kind,
            contexts: vec![Context::file()],
            settings: Vec::new(),
            endpoints: Vec::new(),
            clients: Vec::new(),
            deprecated_sts_constructors: Vec::new(),
            identifiers: Vec::new(),
            secrets: Vec::new(),
            problems: Vec::new(),
            layouts: Vec::new(),
            legacy_config_readers: Vec::new(),
            settings_index: SettingsIndex::default(),
            vpc_endpoints: Vec::new(),
            token_versions: Vec::new(),
            terraform_versions: Vec::new(),
            deploy_regions: Vec::new(),
            unknown_values: Vec::new(),
        }
    }

    /// Whether a setting's value is known only when the file is rendered or run.
    pub fn is_unknown(&self, value_span: Span) -> bool {
        self.unknown_values.binary_search(&value_span).is_ok()
    }

    pub fn add_context(&mut self, context: Context) -> ContextId {
        self.contexts.push(context);
        self.contexts.len() - 1
    }

    /// How a line is added to `context`, when the extractor recorded it.
    pub fn layout(&self, context: ContextId) -> Option<&LineLayout> {
        // Sorted by context once extraction is done (`extract::extract`).
        self.layouts
            .binary_search_by_key(&context, |l| l.context)
            .ok()
            .map(|i| &self.layouts[i])
    }

    /// Settings with this name, in file order.
    pub fn settings(&self, name: SettingName) -> impl Iterator<Item = &Setting> {
        self.settings.iter().filter(move |s| s.name == name)
    }

    /// The context and its ancestors, innermost first.
    pub fn scope(&self, context: ContextId) -> impl Iterator<Item = ContextId> + '_ {
        std::iter::successors(Some(context), |&c| self.contexts[c].parent)
    }

    /// The settings named `name` in `context` itself, in file order.
    pub fn in_context(
        &self,
        context: ContextId,
        name: SettingName,
    ) -> impl Iterator<Item = &Setting> + '_ {
        let index = self.settings_index.0.get_or_init(|| {
            let mut map: HashMap<(ContextId, SettingName), Vec<usize>> = HashMap::new();
            for (i, s) in self.settings.iter().enumerate() {
                map.entry((s.context, s.name)).or_default().push(i);
            }
            map
        });
        index
            .get(&(context, name))
            .into_iter()
            .flatten()
            .map(|&i| &self.settings[i])
    }

    /// The last value of `name` visible from `context` (its own, else an enclosing context's).
    pub fn visible(&self, context: ContextId, name: SettingName) -> Option<&Setting> {
        self.scope(context)
            .find_map(|c| self.in_context(c, name).last())
    }

    /// The region a client in `context` would use, when one is set there and is a real region name.
    pub fn region(&self, context: ContextId) -> Option<&str> {
        self.visible(context, SettingName::Region)
            .map(|s| s.value.as_str())
            .filter(|r| hosts::is_region_name(r))
    }

    /// An STS VPC endpoint whose service name leaves the region to deploy time is created in the
    /// region of the file's AWS provider: when the region settings that `counts` keeps name exactly
    /// one real region, every such endpoint gets it (Terraform `.tf` and `.tf.json` alike).
    pub fn give_vpc_endpoints_the_one_region(
        &mut self,
        counts: impl Fn(&FileFacts, &Setting) -> bool,
    ) {
        if self.vpc_endpoints.iter().all(|e| e.region.is_some()) {
            return;
        }
        let mut regions: Vec<&str> = self
            .settings(SettingName::Region)
            .filter(|s| counts(self, s))
            .map(|s| s.value.as_str())
            .filter(|r| hosts::is_region_name(r))
            .collect();
        regions.sort_unstable();
        regions.dedup();
        let [only] = regions.as_slice() else {
            return;
        };
        let only = (*only).to_owned();
        for endpoint in self.vpc_endpoints.iter_mut().filter(|e| e.region.is_none()) {
            endpoint.region = Some(only.clone());
        }
    }

    /// Records a setting, and the endpoint it configures when its value is an STS host.
    pub fn push_setting(&mut self, setting: Setting) {
        self.settings_index = SettingsIndex::default();
        if matches!(
            setting.name,
            SettingName::EndpointUrl | SettingName::StsEndpointUrl
        ) && let Some(host) = hosts::classify_sts_url(&setting.value)
        {
            self.endpoints.push(Endpoint {
                url: setting.value.clone(),
                host,
                span: setting.value_span,
                context: setting.context,
                via: setting.key.clone(),
                all_services: setting.name == SettingName::EndpointUrl
                    && setting.key != "--endpoint-url",
            });
        }
        self.settings.push(setting);
    }

    /// Records a variable assignment from any env-style syntax; unknown names only matter for secrets.
    pub fn push_env(
        &mut self,
        key: &str,
        key_span: Span,
        value: &str,
        value_span: Span,
        context: ContextId,
    ) {
        if crate::secrets::is_secret_key(key) {
            self.secrets.push(value_span);
        }
        if let Some(name) = SettingName::from_env_var(key) {
            if is_expansion(value) {
                let at = self.unknown_values.partition_point(|s| *s < value_span);
                if self.unknown_values.get(at) != Some(&value_span) {
                    self.unknown_values.insert(at, value_span);
                }
            }
            self.push_setting(Setting {
                name,
                key: key.to_owned(),
                key_span,
                value: value.to_owned(),
                value_span,
                context,
            });
        }
    }
}

/// Whether an env-style value is expanded when the file is run or loaded (`$MODE`, `${MODE:-legacy}`,
/// `$(get_mode)`, `` `get_mode` ``): shells, Dockerfile `ENV`, Make, docker compose and python-dotenv
/// all expand it, so the value as written is not the value the SDK sees. The same value in a YAML env
/// map is unknown too: Kubernetes expands `$(VAR)`, and a literal `$MODE` that nothing expands is rare
/// enough that judging it is not worth a false finding where something does. A bare `$` is what the shell
/// reader leaves of `X=$(cmd)`: it splits a command substitution into words of its own, so that an
/// `aws` call inside one is read.
fn is_expansion(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.contains(&b'`')
        || bytes.windows(2).any(|w| {
            w[0] == b'$' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'_' | b'{' | b'('))
        })
        || value == "$"
}
