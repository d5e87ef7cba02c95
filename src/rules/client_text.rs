//! Shared wording for the client rules (STS101, STS102): how a client, its version and the upgrade are
//! named, so both rules say it the same way. Not a rule.

use super::Rule;
use crate::classify::FileKind;
use crate::diagnostic::Diagnostic;
use crate::extract::facts::{Client, Ecosystem, Installed};
use crate::knowledge::clients;
use crate::knowledge::tools::ToolAssessment;
use crate::knowledge::versions::Assessment;

/// `boto3 `1.34.147` (pinned in requirements.txt:3)`, `awscli from `apt-get install` on Ubuntu 22.04 …`.
pub(crate) fn subject(client: &Client) -> String {
    let name = match client.ecosystem {
        Ecosystem::Distro | Ecosystem::Image => "awscli",
        _ => client.package.as_str(),
    };
    let origin = &client.origin;
    let version = client.version.trim();
    match &client.installed {
        Installed::Pin => format!(
            "{name} `{}` (pinned in {origin})",
            version.trim_start_matches(['=', ' '])
        ),
        Installed::Lock => format!("{name} `{version}` (locked in {origin})"),
        Installed::Range => format!("{name} `{version}` (required in {origin})"),
        Installed::Unversioned if version.is_empty() => {
            format!("{name} (version set outside this file; {origin})")
        }
        Installed::Unversioned => format!("{name} `{version}` (any version, in {origin})"),
        Installed::DistroPackage { image, command } => {
            let release = clients::distro_of(image);
            let display = release.map_or("this base image", |r| r.display);
            let version = release
                .and_then(|r| r.awscli)
                .map_or_else(|| "v1".to_owned(), |v| format!("`{v}`"));
            let botocore = release
                .map(|r| r.botocore)
                .filter(|b| !b.is_empty())
                .map(|b| format!(", with botocore {b}"))
                .unwrap_or_default();
            format!("{name} {version} (`{command}` on {display}, `{image}`{botocore})")
        }
        Installed::SourceImport => format!(
            "the AWS SDK for Java 1.x STS client (imported in {origin}; its version is set by the build)"
        ),
        Installed::ContainerImage => {
            format!(
                "{name} `{version}` (image `{}` in {origin})",
                client.package
            )
        }
    }
}

/// The subject for a client judged by [`crate::knowledge::tools`]: a distribution package is named with
/// its release's version (`python3-botocore 1.29.27+repack-1 (`apt-get install` on Debian 12, …)`).
pub(crate) fn tool_subject(client: &Client, t: &ToolAssessment) -> String {
    match (&client.installed, t.subject) {
        (Installed::DistroPackage { image, command }, Some(row)) => format!(
            "{} `{}` (`{command}` on {}, `{image}`, in {})",
            row.package, row.version, row.release, client.origin
        ),
        _ if client.package == crate::knowledge::tools::AWS_IAM_AUTHENTICATOR => {
            format!(
                "aws-iam-authenticator (kubeconfig `exec` in {})",
                client.origin
            )
        }
        _ if client.package == crate::knowledge::tools::KUBE2IAM => {
            format!("kube2iam (image `{}` in {})", client.version, client.origin)
        }
        _ => subject(client),
    }
}

/// The finding for a tool that is not an SDK package (boto 2, EMR releases, kube2iam): its own
/// wording of the behaviour and the remedy, the same in every client rule.
pub(crate) fn tool_finding(rule: &'static Rule, client: &Client, t: &ToolAssessment) -> Diagnostic {
    let message = format!("{}: {}", tool_subject(client, t), t.tool.behaviour);
    Diagnostic::new(rule, client.span, message, t.tool.remedy)
}

/// Whether the subject reads as a range ("allows only versions that …").
pub(crate) fn is_range(client: &Client) -> bool {
    matches!(client.installed, Installed::Range | Installed::Unversioned)
}

/// "1.40.0 and later default to `regional`" or where to go when no version does.
pub(crate) fn regional_from(a: &Assessment) -> String {
    match a.band.regional_from {
        Some(v) => format!("{} {v} and later default to `regional`", a.info.display),
        None => format!(
            "no version of {} defaults to `regional`; {} is regional by design",
            a.info.display, a.info.successor
        ),
    }
}

/// The requirement for `version` in the manifest's own syntax, in backticks, with where it goes when
/// the finding is in a lockfile (`boto3>=1.40.0` in pyproject.toml, then re-lock).
pub(crate) fn requirement(client: &Client, kind: FileKind, version: &str) -> String {
    let package = client.package.as_str();
    let (code, note) = match (client.ecosystem, kind) {
        (Ecosystem::PyPi, FileKind::Dockerfile | FileKind::Shell | FileKind::Yaml) => {
            (format!("pip install \"{package}>={version}\""), "")
        }
        (Ecosystem::PyPi, FileKind::PythonLock) => (
            format!("{package}>={version}"),
            " in the project's requirements, then re-lock",
        ),
        (Ecosystem::PyPi, FileKind::ToolVersions) => (format!("awscli {version}"), ""),
        (Ecosystem::PyPi, _) => (format!("{package}>={version}"), ""),
        (Ecosystem::Npm, FileKind::PackageJson) => (format!("\"aws-sdk\": \"^{version}\""), ""),
        (Ecosystem::Npm, _) => (
            format!("\"aws-sdk\": \"^{version}\""),
            " in package.json, then re-lock",
        ),
        (Ecosystem::Go, _) => (format!("require github.com/aws/aws-sdk-go v{version}"), ""),
        (Ecosystem::Maven, FileKind::MavenPom) => (format!("<version>{version}</version>"), ""),
        (Ecosystem::Maven, FileKind::VersionCatalog) => (format!("version = \"{version}\""), ""),
        (Ecosystem::Maven, FileKind::GradleLock) => (
            format!("{package}:{version}"),
            " in the build script, then re-lock",
        ),
        (Ecosystem::Maven, _) => (format!("{package}:{version}"), ""),
        (Ecosystem::RubyGems, FileKind::GemfileLock) => (
            format!("gem \"aws-sdk-core\", \">= {version}\""),
            " in the Gemfile, then `bundle update aws-sdk-core`",
        ),
        (Ecosystem::RubyGems, _) => (format!("gem \"aws-sdk-core\", \">= {version}\""), ""),
        (Ecosystem::Packagist, FileKind::ComposerLock) => (
            format!("\"aws/aws-sdk-php\": \"^{version}\""),
            " in composer.json, then `composer update aws/aws-sdk-php`",
        ),
        (Ecosystem::Packagist, _) => (format!("\"aws/aws-sdk-php\": \"^{version}\""), ""),
        (Ecosystem::NuGet, _) => (format!("Version=\"{version}\""), ""),
        (Ecosystem::Distro | Ecosystem::Image, _) => ("AWS CLI v2".to_owned(), ""),
        (Ecosystem::Tool, _) => (format!("{package} {version}"), ""),
    };
    format!("`{code}`{note}")
}

/// Where `AWS_STS_REGIONAL_ENDPOINTS=regional` goes for a client found in this kind of file.
pub(crate) fn set_regional(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "add `ENV AWS_STS_REGIONAL_ENDPOINTS=regional` to this stage",
        FileKind::Yaml => {
            "set `AWS_STS_REGIONAL_ENDPOINTS: regional` in the environment (`env:`, `variables:`) of the job, container or conda environment that runs it"
        }
        FileKind::Shell => "`export AWS_STS_REGIONAL_ENDPOINTS=regional` before this command",
        _ => "set `AWS_STS_REGIONAL_ENDPOINTS=regional` wherever this code runs",
    }
}
