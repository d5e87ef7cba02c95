//! Knowledge for the client rules: which CLI/SDK versions read the STS endpoint setting and which default
//! to `legacy`, which distro base images ship AWS CLI v1, and which container images are tagged with a CLI
//! version. Data only, each row with its primary source (SDK changelogs, `setup.py` pins, source files
//! at a tag, AWS documentation pages); the version arithmetic lives in [`super::versions`].

use crate::extract::facts::Ecosystem;

/// The package names stslint judges, defined once: the knowledge rows below, the extractors, the
/// user-agent table that `trail` reads and the installs `doctor` finds all name packages with these.
pub const AWSCLI: &str = "awscli";
/// How AWS CLI v2 names itself (its user agent `aws-cli/2.x`, its install directories).
pub const AWS_CLI_V2: &str = "aws-cli";
pub const BOTOCORE: &str = "botocore";
pub const BOTO3: &str = "boto3";
/// npm `aws-sdk`: the JavaScript SDK v2.
pub const JS_V2: &str = "aws-sdk";
pub const GO_V1: &str = "github.com/aws/aws-sdk-go";
pub const JAVA_V1_STS: &str = "com.amazonaws:aws-java-sdk-sts";
pub const RUBY_CORE: &str = "aws-sdk-core";
pub const PHP: &str = "aws/aws-sdk-php";
pub const DOTNET_CORE: &str = "AWSSDK.Core";
/// The Python distributions `doctor` looks for in `site-packages` (`*.dist-info`, `*.egg-info`).
pub const PYTHON_PACKAGES: &[&str] = &[AWSCLI, BOTO3, BOTOCORE];

/// One contiguous stretch of a package's versions that behaves alike, usually one major version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The first version of the band (inclusive).
    pub from: &'static str,
    /// The first version after the band; `None` when the band is open-ended.
    pub until: Option<&'static str>,
    /// The first version that reads `AWS_STS_REGIONAL_ENDPOINTS`; `None` when no source confirms it
    /// (then no version of the band is called unconfigurable).
    pub setting_from: Option<&'static str>,
    /// The first version whose default is `regional`; `None` when the band never flipped.
    pub regional_from: Option<&'static str>,
}

/// What is known about one package's STS endpoint behaviour.
#[derive(Debug, PartialEq, Eq)]
pub struct ClientInfo {
    pub ecosystem: Ecosystem,
    /// The package name; a trailing `*` matches every name with that prefix.
    pub package: &'static str,
    /// How messages name it (`boto3`, `the JavaScript SDK v2 (aws-sdk)`).
    pub display: &'static str,
    pub bands: &'static [Band],
    /// More package names for the same client (`com.amazonaws:aws-java-sdk`, the all-services jar).
    pub aliases: &'static [&'static str],
    /// False when no primary source confirms the thresholds: such packages are never flagged.
    pub confirmed: bool,
    /// Where a user goes when no version of this package defaults to regional.
    pub successor: &'static str,
    /// How `legacy` chooses the global endpoint: JS v2 sends every commercial region there, the others
    /// only the 16 legacy regions (botocore `LEGACY_GLOBAL_STS_REGIONS`, aws/aws-sdk-js
    /// `lib/region_config_data.json` `"*/sts": "globalSSL"`).
    pub legacy: LegacyReach,
    /// Which regions the versions that predate the setting send to the global endpoint, for messages.
    pub unconfigurable_reach: &'static str,
    /// Whether the versions that predate the setting send opt-in regions to the global endpoint too
    /// (then their session tokens are rejected there unless the account issues version 2 tokens).
    pub unconfigurable_opt_in_global: bool,
    /// Whether the client reads `sts_regional_endpoints` from the shared config file.
    pub config_file: ConfigFile,
    /// The first version in which a `defaults_mode` other than `legacy` (`AWS_DEFAULTS_MODE`) makes the
    /// STS default `regional`; `None` when the client has no defaults modes or no source names the
    /// version.
    pub defaults_mode_from: Option<&'static str>,
    pub source: &'static str,
}

/// Which regions a client in `legacy` mode sends to `sts.amazonaws.com`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyReach {
    /// Only the 16 names of [`super::regions::LEGACY_GLOBAL_REGIONS`]; every other region is regional.
    LegacyRegions,
    /// Every commercial region, opt-in regions included (JS v2).
    EveryCommercialRegion,
}

impl LegacyReach {
    /// How messages say it.
    pub fn text(self) -> &'static str {
        match self {
            LegacyReach::LegacyRegions => "us-east-1 and 15 other regions",
            LegacyReach::EveryCommercialRegion => "every commercial region",
        }
    }

    /// Whether legacy mode sends a workload in `region` to the global endpoint.
    pub fn sends_global(self, region: &str) -> bool {
        match self {
            LegacyReach::LegacyRegions => super::regions::is_legacy_global(region),
            LegacyReach::EveryCommercialRegion => {
                region == "aws-global" || super::regions::is_aws_partition(region)
            }
        }
    }
}

/// Whether a client reads `sts_regional_endpoints` from `~/.aws/config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFile {
    /// Always (botocore, Java v1, PHP, Ruby).
    Reads,
    /// Only when `AWS_SDK_LOAD_CONFIG` is truthy (JS v2 `lib/util.js` `getProfilesFromSharedConfig`;
    /// Go v1 `aws/session/session.go`, `EnableSharedConfig`); otherwise only the environment variable.
    WithLoadConfig,
}

/// The botocore family before 1.13.2: `endpoints.json` at botocore 1.13.1 sets the STS service default
/// hostname to `sts.amazonaws.com` and overrides only ap-east-1, ap-northeast-2 and me-south-1.
const BOTOCORE_PRE_SETTING: &str = "every commercial region but ap-east-1, ap-northeast-2 and me-south-1 (opt-in regions included)";

const fn band(
    from: &'static str,
    until: Option<&'static str>,
    setting_from: Option<&'static str>,
    regional_from: Option<&'static str>,
) -> Band {
    Band {
        from,
        until,
        setting_from,
        regional_from,
    }
}

/// Every client stslint judges. Rows are matched in order; the first match wins.
pub static CLIENTS: &[ClientInfo] = &[
    ClientInfo {
        ecosystem: Ecosystem::PyPi,
        package: AWSCLI,
        display: AWSCLI,
        // PyPI `awscli` is always v1; the 2.x band is for `.tool-versions` and image tags.
        bands: &[
            band("0", Some("2.0.0"), Some("1.16.266"), Some("1.42.0")),
            band("2.0.0", None, None, Some("2.0.0")),
        ],
        confirmed: true,
        successor: "AWS CLI v2",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: BOTOCORE_PRE_SETTING,
        unconfigurable_opt_in_global: true,
        config_file: ConfigFile::Reads,
        defaults_mode_from: Some("1.22.37"),
        source: "aws/aws-cli CHANGELOG.rst 1.16.266 (setup.py pins botocore==1.13.2) and 1.42.0 (pins botocore==1.40.0), issue #9634; v2 CHANGELOG.rst 2.0.0; defaults_mode: 1.22.37 pins botocore 1.23.37",
    },
    ClientInfo {
        ecosystem: Ecosystem::PyPi,
        package: BOTOCORE,
        display: BOTOCORE,
        bands: &[band("0", None, Some("1.13.2"), Some("1.40.0"))],
        confirmed: true,
        successor: "botocore 1.40.0",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: BOTOCORE_PRE_SETTING,
        unconfigurable_opt_in_global: true,
        config_file: ConfigFile::Reads,
        defaults_mode_from: Some("1.23.37"),
        source: "boto/botocore CHANGELOG.rst 1.13.2 and 1.40.0, botocore/args.py at both tags; endpoints.json at 1.13.1 (STS default hostname sts.amazonaws.com); defaults_mode: CHANGELOG.rst 1.23.37, PR #2591, botocore/data/sdk-default-configuration.json (base stsRegionalEndpoints regional)",
    },
    ClientInfo {
        ecosystem: Ecosystem::PyPi,
        package: BOTO3,
        display: BOTO3,
        // boto3 judged by the botocore it allows (setup.py): 1.9.253 requires botocore>=1.12.253,<1.13.0
        // (predates the setting); 1.10.0 requires >=1.13.0,<1.14.0 and 1.10.1 >=1.13.1,<1.14.0, which
        // resolve to botocore 1.13.x releases that read it. So 1.10.0 is the first that reads it (its
        // CHANGELOG entry is in 1.10.2). A botocore pinned beside it below 1.13.2 makes it unconfigurable
        // (versions::assess_beside).
        bands: &[band("0", None, Some("1.10.0"), Some("1.40.0"))],
        confirmed: true,
        successor: "boto3 1.40.0",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: BOTOCORE_PRE_SETTING,
        unconfigurable_opt_in_global: true,
        config_file: ConfigFile::Reads,
        defaults_mode_from: Some("1.20.37"),
        source: "boto/boto3 setup.py at 1.9.253, 1.10.0, 1.10.1 (botocore pins) and 1.40.0; CHANGELOG.rst 1.10.2 and 1.40.0, issue #4583; defaults_mode: 1.20.37 requires botocore>=1.23.37",
    },
    ClientInfo {
        ecosystem: Ecosystem::Npm,
        package: JS_V2,
        display: JS_V2,
        bands: &[band("0.0.0", None, Some("2.525.0"), None)],
        confirmed: true,
        successor: "the JavaScript SDK v3 (`@aws-sdk/client-sts`)",
        legacy: LegacyReach::EveryCommercialRegion,
        aliases: &[],
        unconfigurable_reach: "every commercial region",
        unconfigurable_opt_in_global: true,
        config_file: ConfigFile::WithLoadConfig,
        defaults_mode_from: None,
        source: "aws/aws-sdk-js CHANGELOG.md 2.525.0; lib/services/sts.js and lib/region_config_data.json at v2.1692.0 (never regional by default); lib/util.js (~/.aws/config only with AWS_SDK_LOAD_CONFIG)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Go,
        package: GO_V1,
        display: GO_V1,
        bands: &[band("0.0.0", None, Some("1.25.18"), None)],
        confirmed: true,
        successor: "`github.com/aws/aws-sdk-go-v2`",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: "us-east-1 and 15 other regions",
        unconfigurable_opt_in_global: false,
        config_file: ConfigFile::WithLoadConfig,
        defaults_mode_from: None,
        source: "aws/aws-sdk-go CHANGELOG.md v1.25.18; aws/endpoints/legacy_regions.go at HEAD (never flipped); aws/session/session.go (shared config only with AWS_SDK_LOAD_CONFIG)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Maven,
        // Only the artifacts that hold the STS client: `aws-java-sdk-s3` and the other service modules
        // have none (the BOM counts where it manages `-sts`; the extractors record that).
        package: JAVA_V1_STS,
        display: "the AWS SDK for Java 1.x",
        bands: &[band("0", None, Some("1.11.618"), None)],
        confirmed: true,
        successor: "the AWS SDK for Java 2.x (`software.amazon.awssdk`)",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[
            "com.amazonaws:aws-java-sdk",
            "com.amazonaws:aws-java-sdk-bundle",
        ],
        unconfigurable_reach: "us-east-1 and 15 other regions",
        unconfigurable_opt_in_global: false,
        config_file: ConfigFile::Reads,
        defaults_mode_from: None,
        source: "aws/aws-sdk-java PR #2428 (1.11.618); aws-java-sdk-sts/.../RegionalEndpointsOptionResolver.java (legacy unless regional, config file only); SDK for Java 1.x end-of-support 2025-12-31",
    },
    ClientInfo {
        ecosystem: Ecosystem::RubyGems,
        package: RUBY_CORE,
        display: RUBY_CORE,
        bands: &[
            band("0", Some("3.0.0"), Some("2.11.380"), Some("2.11.474")),
            band("3.0.0", None, Some("3.71.0"), Some("3.92.0")),
        ],
        confirmed: true,
        successor: "aws-sdk-core 3.92.0",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: "us-east-1 and 15 other regions",
        unconfigurable_opt_in_global: false,
        config_file: ConfigFile::Reads,
        defaults_mode_from: None,
        source: "aws/aws-sdk-ruby gems/aws-sdk-core/CHANGELOG.md 3.71.0 and 3.92.0; version-2 CHANGELOG.md 2.11.380 and 2.11.474 (defaults modes, PR #2624 of 2021-12, came after the 3.92.0 flip)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Packagist,
        package: PHP,
        display: PHP,
        // The first version that reads the setting is not confirmed, so nothing is called unconfigurable.
        bands: &[band("0", None, None, Some("3.351.12"))],
        confirmed: true,
        successor: "aws/aws-sdk-php 3.351.12",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: "us-east-1 and 15 other regions",
        unconfigurable_opt_in_global: false,
        config_file: ConfigFile::Reads,
        defaults_mode_from: None,
        source: "aws/aws-sdk-php issue #3159, PR #3117 (3.351.12, 2025-07-31); src/Sts/RegionalEndpoints/ConfigurationProvider.php (env, then ~/.aws/config); the version of defaults-mode support (PR #2368) is not confirmed",
    },
    ClientInfo {
        ecosystem: Ecosystem::NuGet,
        package: "AWSSDK.*",
        display: "the AWS SDK for .NET",
        // Neither the version that added the setting nor the one that flipped the default is confirmed
        // for AWSSDK.Core v3, so the .NET packages are known but never flagged.
        bands: &[
            band("0", Some("4.0.0"), None, None),
            band("4.0.0", None, None, Some("4.0.0")),
        ],
        confirmed: false,
        successor: "AWSSDK v4",
        legacy: LegacyReach::LegacyRegions,
        aliases: &[],
        unconfigurable_reach: "us-east-1 and 15 other regions",
        unconfigurable_opt_in_global: false,
        config_file: ConfigFile::Reads,
        defaults_mode_from: None,
        source: "not confirmed: AWSSDK.Core v3 thresholds unknown (AWS Developer Tools Blog, 2025-07: .NET flipped on 2025-07-31, no version); v4 ignores the setting (aws/aws-sdk-net PR #3236)",
    },
];

/// The SDK for Java 1.x artifacts that hold the STS client (`AWSSecurityTokenServiceClient`,
/// `STSAssumeRoleSessionCredentialsProvider`): the `-sts` module and the all-services jars. Other
/// `aws-java-sdk-*` modules (`-s3`, `-core`) have no STS client (aws/aws-sdk-java module layout:
/// `aws-java-sdk-sts/src/main/java/com/amazonaws/services/securitytoken/`), and a BOM only manages
/// versions: the extractors record a BOM as the `-sts` module when it manages one.
pub const JAVA_V1_STS_ARTIFACTS: &[&str] =
    &["aws-java-sdk-sts", "aws-java-sdk", "aws-java-sdk-bundle"];

/// The knowledge row for a package, if stslint judges it.
pub fn lookup(ecosystem: Ecosystem, package: &str) -> Option<&'static ClientInfo> {
    CLIENTS.iter().find(|c| {
        c.ecosystem == ecosystem
            && std::iter::once(&c.package)
                .chain(c.aliases)
                .any(|p| match p.strip_suffix('*') {
                    Some(prefix) => package.starts_with(prefix),
                    None => package == *p,
                })
    })
}

/// A Linux release whose package manager installs a known AWS CLI.
#[derive(Debug, PartialEq, Eq)]
pub struct DistroRelease {
    /// How messages name it.
    pub display: &'static str,
    /// Image repositories (Docker Hub short names) that are this distribution.
    pub images: &'static [&'static str],
    /// Tags (or dash-separated tag segments, for `python:3.11-slim-bullseye`) that select this release.
    pub tags: &'static [&'static str],
    /// The package manager commands that install it.
    pub commands: &'static [&'static str],
    /// The `awscli` package version, when known.
    pub awscli: Option<&'static str>,
    /// The botocore version that package runs on: it decides the STS default (Debian and Ubuntu ship it
    /// as the separate `python3-botocore` package).
    pub botocore: &'static str,
    pub source: &'static str,
}

/// Base images whose package manager installs AWS CLI v1 (or, for contrast, v2). Unknown bases give nothing.
pub static DISTROS: &[DistroRelease] = &[
    DistroRelease {
        display: "Ubuntu 20.04",
        images: &["ubuntu"],
        tags: &["20.04", "focal"],
        commands: &["apt", "apt-get"],
        awscli: Some("1.18.69"),
        botocore: "1.16.19",
        source: "Ubuntu focal archive awscli 1.18.69, python3-botocore 1.16.19 (user-agent printouts aws-cli/1.18.69 botocore/1.16.19; not read from the archive)",
    },
    DistroRelease {
        display: "Ubuntu 22.04",
        images: &["ubuntu"],
        tags: &["22.04", "jammy"],
        commands: &["apt", "apt-get"],
        awscli: Some("1.22.34"),
        botocore: "1.23.34",
        source: "Ubuntu jammy archive awscli 1.22.34, python3-botocore 1.23.34 (user-agent printouts aws-cli/1.22.34 botocore/1.23.34; not read from the archive)",
    },
    DistroRelease {
        display: "Debian 11",
        images: &["debian"],
        tags: &["11", "bullseye"],
        commands: &["apt", "apt-get"],
        awscli: Some("1.19.1"),
        botocore: "1.20.0",
        source: "Debian bullseye/main Packages: awscli 1.19.1-1 (Depends: python3-botocore (>= 1.20.0)), python3-botocore 1.20.0+repack-1",
    },
    DistroRelease {
        display: "Debian 12",
        images: &["debian"],
        tags: &["12", "bookworm"],
        commands: &["apt", "apt-get"],
        awscli: Some("2.9.19"),
        botocore: "",
        source: "Debian bookworm apt metadata: awscli 2.9.19-1 (CLI v2; no python3-botocore dependency)",
    },
    DistroRelease {
        display: "Debian 13",
        images: &["debian"],
        tags: &["13", "trixie"],
        commands: &["apt", "apt-get"],
        awscli: Some("2.23.6"),
        botocore: "",
        source: "Debian trixie/main Packages: awscli 2.23.6-1 (CLI v2; no python3-botocore dependency)",
    },
    DistroRelease {
        display: "Amazon Linux 2",
        images: &["amazonlinux"],
        tags: &["2"],
        commands: &["yum"],
        awscli: None,
        botocore: "1.18.6",
        source: "AWS CLI v1 user guide, https://docs.aws.amazon.com/cli/v1/userguide/install-linux-al2017.html (CLI v1 preinstalled on Amazon Linux 2, botocore/1.18.6)",
    },
];

/// The release a base image reference is built on, when stslint knows it.
///
/// `ubuntu:22.04`, `docker.io/library/debian:bullseye-slim` and `python:3.11-slim-bullseye` all resolve;
/// `ubuntu:latest`, an untagged image or an `ARG`-built reference resolve to nothing.
pub fn distro_of(image: &str) -> Option<&'static DistroRelease> {
    let (repo, tag) = split_image(image)?;
    let segments: Vec<&str> = tag.split('-').collect();
    DISTROS.iter().find(|d| {
        let first = segments.first().copied().unwrap_or_default();
        // The distribution's own image: the tag's first segment is the release (`11`, `11.9`, `focal`).
        let own = d.images.contains(&repo)
            && d.tags.iter().any(|t| {
                first == *t
                    || first
                        .strip_prefix(t)
                        .is_some_and(|rest| rest.starts_with('.'))
            });
        // A language image built on it names the codename as a tag segment (`3.11-slim-bullseye`).
        let derived = segments
            .iter()
            .any(|s| d.tags.contains(s) && s.chars().any(|c| c.is_ascii_alphabetic()));
        own || derived
    })
}

/// A container image whose tag is the AWS CLI version it ships.
#[derive(Debug, PartialEq, Eq)]
pub struct CliImage {
    pub repository: &'static str,
    pub source: &'static str,
}

/// Images tagged with the CLI version: the tag resolves through the `awscli` row of [`CLIENTS`].
pub static CLI_IMAGES: &[CliImage] = &[
    CliImage {
        repository: "amazon/aws-cli",
        source: "AWS CLI v2 user guide, https://docs.aws.amazon.com/cli/latest/userguide/getting-started-docker.html (tags are v2 versions)",
    },
    CliImage {
        repository: "mesosphere/aws-cli",
        source: "Docker Hub mesosphere/aws-cli (tags are the pip awscli version; stslint issue 3)",
    },
    CliImage {
        repository: "public.ecr.aws/aws-cli/aws-cli",
        source: "AWS CLI v2 user guide, https://docs.aws.amazon.com/cli/latest/userguide/getting-started-docker.html",
    },
];

/// The CLI version an image reference pins, when its repository is tagged with CLI versions.
pub fn cli_image_version(image: &str) -> Option<&str> {
    let (repo, tag) = split_image(image)?;
    let full = image.split(['@']).next().unwrap_or(image);
    let full_repo = full.rsplit_once(':').map_or(full, |(r, _)| r);
    CLI_IMAGES
        .iter()
        .any(|i| i.repository == repo || i.repository == full_repo)
        .then_some(tag)
}

/// Splits `registry/ns/name:tag` into the Docker Hub short repository (`ubuntu`, `mesosphere/aws-cli`)
/// and the tag. Digests and untagged references give `None`: their version cannot be read from the name.
fn split_image(image: &str) -> Option<(&str, &str)> {
    if image.contains('$') {
        return None;
    }
    let image = image.split('@').next()?;
    let (repo, tag) = image.rsplit_once(':')?;
    if tag.contains('/') {
        // `localhost:5000/ubuntu`: the colon was a registry port, there is no tag.
        return None;
    }
    let repo = repo
        .strip_prefix("docker.io/")
        .or_else(|| repo.strip_prefix("index.docker.io/"))
        .unwrap_or(repo);
    let repo = repo.strip_prefix("library/").unwrap_or(repo);
    Some((repo, tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_matches_exact_names_and_prefixes() {
        assert_eq!(lookup(Ecosystem::PyPi, "boto3").unwrap().display, "boto3");
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-sts").is_some());
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk").is_some());
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-bundle").is_some());
        // Service modules without the STS client are recorded by the extractors, not judged.
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-s3").is_none());
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-core").is_none());
        assert!(lookup(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-bom").is_none());
        assert!(lookup(Ecosystem::Maven, "software.amazon.awssdk:sts").is_none());
        assert!(lookup(Ecosystem::Npm, "@aws-sdk/client-sts").is_none());
        assert!(lookup(Ecosystem::Go, "github.com/aws/aws-sdk-go-v2").is_none());
        assert!(lookup(Ecosystem::PyPi, "awscliv2").is_none());
        assert!(!lookup(Ecosystem::NuGet, "AWSSDK.Core").unwrap().confirmed);
    }

    #[test]
    fn distro_images_resolve_by_release_and_codename() {
        let name = |i: &str| distro_of(i).map(|d| d.display);
        assert_eq!(name("ubuntu:22.04"), Some("Ubuntu 22.04"));
        assert_eq!(name("ubuntu:focal-20240123"), Some("Ubuntu 20.04"));
        assert_eq!(
            name("docker.io/library/debian:11.9-slim"),
            Some("Debian 11")
        );
        assert_eq!(name("python:3.11-slim-bullseye"), Some("Debian 11"));
        assert_eq!(name("debian:bookworm"), Some("Debian 12"));
        assert_eq!(name("debian:trixie-slim"), Some("Debian 13"));
        assert_eq!(name("amazonlinux:2"), Some("Amazon Linux 2"));
        assert_eq!(name("amazonlinux:2023"), None);
        assert_eq!(name("ubuntu:24.04"), None);
        assert_eq!(name("ubuntu:latest"), None);
        assert_eq!(name("ubuntu"), None);
        assert_eq!(name("debian:${DEBIAN_VERSION}"), None);
        assert_eq!(name("localhost:5000/ubuntu"), None);
        assert_eq!(name("python:3.11"), None);
    }

    #[test]
    fn cli_images_give_their_tag() {
        assert_eq!(
            cli_image_version("mesosphere/aws-cli:1.14.5"),
            Some("1.14.5")
        );
        assert_eq!(
            cli_image_version("public.ecr.aws/aws-cli/aws-cli:2.15.0"),
            Some("2.15.0")
        );
        assert_eq!(cli_image_version("mesosphere/aws-cli"), None);
        assert_eq!(cli_image_version("alpine:3.19"), None);
    }
}
