//! Knowledge for the client rules: which CLI/SDK versions read the STS endpoint setting and which default
//! to `legacy`, which distro base images ship AWS CLI v1, and which container images are tagged with a CLI
//! version. Data only, each row with its source (`shared/reference/sts-facts.md` §2 and §8); the
//! version arithmetic lives in [`super::versions`].

use crate::extract::facts::Ecosystem;

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
    /// False when sts-facts marks the thresholds as not confirmed: such packages are never flagged.
    pub confirmed: bool,
    /// Where a user goes when no version of this package defaults to regional.
    pub successor: &'static str,
    /// Which regions `legacy` sends to the global endpoint (sts-facts §3: JS v2 sends every commercial
    /// region, the others only the 16 legacy regions).
    pub legacy_reach: &'static str,
    pub source: &'static str,
}

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
        package: "awscli",
        display: "awscli",
        // PyPI `awscli` is always v1; the 2.x band is for `.tool-versions` and image tags.
        bands: &[
            band("0", Some("2.0.0"), Some("1.16.266"), Some("1.42.0")),
            band("2.0.0", None, None, Some("2.0.0")),
        ],
        confirmed: true,
        successor: "AWS CLI v2",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "aws/aws-cli CHANGELOG.rst 1.16.266 and 1.42.0; v2 CHANGELOG 2.0.0 (sts-facts §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::PyPi,
        package: "botocore",
        display: "botocore",
        bands: &[band("0", None, Some("1.13.2"), Some("1.40.0"))],
        confirmed: true,
        successor: "botocore 1.40.0",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "boto/botocore CHANGELOG.rst 1.13.2 and 1.40.0 (sts-facts §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::PyPi,
        package: "boto3",
        display: "boto3",
        bands: &[band("0", None, Some("1.10.2"), Some("1.40.0"))],
        confirmed: true,
        successor: "boto3 1.40.0",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "boto/boto3 CHANGELOG.rst 1.10.2 and 1.40.0, issue #4583 (sts-facts §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Npm,
        package: "aws-sdk",
        display: "aws-sdk",
        bands: &[band("0.0.0", None, Some("2.525.0"), None)],
        confirmed: true,
        successor: "the JavaScript SDK v3 (`@aws-sdk/client-sts`)",
        legacy_reach: "every commercial region",
        source: "aws/aws-sdk-js CHANGELOG.md 2.525.0; sdkref STS Regional endpoints table (sts-facts §1, §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Go,
        package: "github.com/aws/aws-sdk-go",
        display: "github.com/aws/aws-sdk-go",
        bands: &[band("0.0.0", None, Some("1.25.18"), None)],
        confirmed: true,
        successor: "`github.com/aws/aws-sdk-go-v2`",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "aws/aws-sdk-go CHANGELOG.md v1.25.18; sdkref STS Regional endpoints table (sts-facts §1, §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Maven,
        package: "com.amazonaws:aws-java-sdk*",
        display: "the AWS SDK for Java 1.x",
        bands: &[band("0", None, Some("1.11.618"), None)],
        confirmed: true,
        successor: "the AWS SDK for Java 2.x (`software.amazon.awssdk`)",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "aws/aws-sdk-java PR #2428 (1.11.618); sdkref STS Regional endpoints table (sts-facts §1, §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::RubyGems,
        package: "aws-sdk-core",
        display: "aws-sdk-core",
        bands: &[
            band("0", Some("3.0.0"), Some("2.11.380"), Some("2.11.474")),
            band("3.0.0", None, Some("3.71.0"), Some("3.92.0")),
        ],
        confirmed: true,
        successor: "aws-sdk-core 3.92.0",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "aws/aws-sdk-ruby gems/aws-sdk-core/CHANGELOG.md 3.71.0 and 3.92.0; version-2 CHANGELOG 2.11.380 and 2.11.474 (sts-facts §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::Packagist,
        package: "aws/aws-sdk-php",
        display: "aws/aws-sdk-php",
        // The first version that reads the setting is not confirmed, so nothing is called unconfigurable.
        bands: &[band("0", None, None, Some("3.351.12"))],
        confirmed: true,
        successor: "aws/aws-sdk-php 3.351.12",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "aws/aws-sdk-php issue #3159, PR #3117 (3.351.12, 2025-07-31) (sts-facts §2)",
    },
    ClientInfo {
        ecosystem: Ecosystem::NuGet,
        package: "AWSSDK.*",
        display: "the AWS SDK for .NET",
        // sts-facts §2: neither the version that added the setting nor the one that flipped the default
        // is confirmed for AWSSDK.Core v3, so the .NET packages are known but never flagged.
        bands: &[
            band("0", Some("4.0.0"), None, None),
            band("4.0.0", None, None, Some("4.0.0")),
        ],
        confirmed: false,
        successor: "AWSSDK v4",
        legacy_reach: "us-east-1 and 15 other regions",
        source: "not confirmed: sts-facts §2 (AWSSDK.Core v3 thresholds unknown; v4 ignores the setting)",
    },
];

/// The knowledge row for a package, if stslint judges it.
pub fn lookup(ecosystem: Ecosystem, package: &str) -> Option<&'static ClientInfo> {
    CLIENTS.iter().find(|c| {
        c.ecosystem == ecosystem
            && match c.package.strip_suffix('*') {
                Some(prefix) => package.starts_with(prefix),
                None => package == c.package,
            }
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
    /// The botocore version that package runs on: it decides the STS default (sts-facts §2).
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
        source: "sts-facts §8 (apt on focal: aws-cli/1.18.69 botocore/1.16.19)",
    },
    DistroRelease {
        display: "Ubuntu 22.04",
        images: &["ubuntu"],
        tags: &["22.04", "jammy"],
        commands: &["apt", "apt-get"],
        awscli: Some("1.22.34"),
        botocore: "1.23.34",
        source: "sts-facts §8 (apt on jammy: aws-cli/1.22.34 botocore/1.23.34)",
    },
    DistroRelease {
        display: "Debian 11",
        images: &["debian"],
        tags: &["11", "bullseye"],
        commands: &["apt", "apt-get"],
        awscli: Some("1.19.1"),
        botocore: "1.20.0",
        source: "sts-facts §8 (apt on bullseye: aws-cli/1.19.1 botocore/1.20.0)",
    },
    DistroRelease {
        display: "Debian 12",
        images: &["debian"],
        tags: &["12", "bookworm"],
        commands: &["apt", "apt-get"],
        awscli: Some("2.9.19"),
        botocore: "",
        source: "sts-facts §8 (apt on bookworm: awscli 2.9.19-1, CLI v2)",
    },
    DistroRelease {
        display: "Amazon Linux 2",
        images: &["amazonlinux"],
        tags: &["2"],
        commands: &["yum"],
        awscli: None,
        botocore: "1.18.6",
        source: "AWS CLI user guide, install-linux-al2017 (CLI v1 on Amazon Linux 2, botocore/1.18.6) (sts-facts §8)",
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
        source: "AWS CLI v2 user guide, getting-started-docker (tags are v2 versions) (sts-facts §8)",
    },
    CliImage {
        repository: "mesosphere/aws-cli",
        source: "Docker Hub mesosphere/aws-cli (tags are the pip awscli version; stslint issue 3)",
    },
    CliImage {
        repository: "public.ecr.aws/aws-cli/aws-cli",
        source: "AWS CLI v2 user guide, getting-started-docker (sts-facts §8)",
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
