//! Knowledge for clients that are not AWS SDK packages: tools a team pins (the Terraform AWS provider,
//! Amazon EMR releases) and libraries whose STS behaviour does not follow the SDK setting (boto 2).
//! Data only, each row with its primary source; [`assess`] judges a [`Client`] against it.
//!
//! Versions are compared with [`Dotted`] (numeric segments; a qualifier sorts before the release), which
//! is exact for the plain numeric versions these tools publish. Terraform's constraint grammar is parsed
//! by [`terraform_constraint`] below: no well-kept Rust crate implements `hashicorp/go-version`'s
//! constraints (`=`, `!=`, `>`, `>=`, `<`, `<=`, `~>`, comma for "and"), and the grammar is small.

use std::sync::LazyLock;

use version_ranges::Ranges;

use super::versions::{Dotted, maven_versions};
use crate::extract::facts::{Client, Ecosystem, Installed};

/// What every version a tool constraint allows does with STS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToolVerdict {
    /// Goes to the global endpoint whatever is configured: STS101.
    Unconfigurable,
    /// Goes to the global endpoint unless a setting says otherwise: STS102.
    LegacyDefault,
}

/// One stretch of versions, `from` (inclusive) to `until` (exclusive; `None` is open-ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stretch {
    pub from: &'static str,
    pub until: Option<&'static str>,
    pub verdict: ToolVerdict,
}

/// How a tool's version or constraint is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grammar {
    /// Terraform version constraints (`~> 3.0`, `>= 2.0, < 4.0`) and lockfile versions.
    Terraform,
    /// An EMR release label (`emr-5.30.1`): one release.
    EmrLabel,
    /// Maven versions and ranges.
    Maven,
    /// One released version (`1.1.2`), as a GitHub Action ref names it.
    Exact,
    /// Every version behaves alike, so the constraint is never read.
    AnyVersion,
}

/// What is known about one tool.
#[derive(Debug, PartialEq, Eq)]
pub struct Tool {
    pub ecosystem: Ecosystem,
    /// The name its [`Client`] facts carry.
    pub package: &'static str,
    pub grammar: Grammar,
    /// The versions that reach the global endpoint; every other version is not flagged.
    pub stretches: &'static [Stretch],
    /// What those versions do, a sentence that follows the client's name in the message.
    pub behaviour: &'static str,
    /// What to do about it.
    pub remedy: &'static str,
    /// A regional STS endpoint configured in the same file (`endpoints { sts = … }`) overrides the default.
    pub endpoint_overrides: bool,
    pub source: &'static str,
}

const fn stretch(from: &'static str, until: Option<&'static str>, verdict: ToolVerdict) -> Stretch {
    Stretch {
        from,
        until,
        verdict,
    }
}

/// The Terraform AWS provider, as `required_providers` and `.terraform.lock.hcl` name it.
pub const TERRAFORM_AWS_PROVIDER: &str = "hashicorp/aws";
/// The package name of an EMR release label.
pub const EMR: &str = "Amazon EMR";

/// Terraform itself (`required_version`), judged only where its S3 backend assumes a role.
pub const TERRAFORM_CORE: &str = "terraform";

/// aws-iam-authenticator, found as a kubeconfig `exec` command without `--region`.
pub const AWS_IAM_AUTHENTICATOR: &str = "aws-iam-authenticator";

/// kube2iam, found as a container image without its regional flag.
pub const KUBE2IAM: &str = "kube2iam";

/// The GitHub Action, found as a workflow step's `uses:` ref.
pub const CONFIGURE_AWS_CREDENTIALS: &str = "aws-actions/configure-aws-credentials";

/// Every tool stslint judges this way.
pub static TOOLS: &[Tool] = &[
    Tool {
        ecosystem: Ecosystem::Tool,
        package: TERRAFORM_AWS_PROVIDER,
        grammar: Grammar::Terraform,
        stretches: &[stretch("0", Some("4.0.0"), ToolVerdict::LegacyDefault)],
        behaviour: "provider versions before 4.0.0 authenticate (`assume_role` included) with the AWS SDK for Go v1, whose STS default is `legacy`: the global endpoint `sts.amazonaws.com` from us-east-1 and 15 other regions",
        remedy: "require `hashicorp/aws` `>= 4.0.0` (it authenticates with the Go SDK v2, which is regional); until then set `AWS_STS_REGIONAL_ENDPOINTS=regional` where Terraform runs, or `endpoints { sts = \"https://sts.<region>.amazonaws.com\" }` in the provider",
        endpoint_overrides: true,
        source: "hashicorp/terraform-provider-aws CHANGELOG.md 4.0.0: \"Updates AWS authentication to use AWS SDK for Go v2 (#20587)\"; hashicorp/terraform-provider-aws#14435",
    },
    Tool {
        ecosystem: Ecosystem::Tool,
        package: TERRAFORM_CORE,
        grammar: Grammar::Terraform,
        stretches: &[stretch("0", Some("1.6.0"), ToolVerdict::LegacyDefault)],
        behaviour: "Terraform before 1.6 runs the S3 backend on the AWS SDK for Go v1, so the backend's `role_arn` / `assume_role` call goes to the global endpoint `sts.amazonaws.com` (its `sts_endpoint` was reported ignored, hashicorp/terraform#25056)",
        remedy: "require Terraform `>= 1.6.0`, whose S3 backend uses the AWS SDK for Go v2 (regional) and reads `endpoints = { sts = … }`",
        endpoint_overrides: false,
        source: "hashicorp/terraform#33631 (backend/s3 on aws-sdk-go-base v2 and the Go SDK v2, 1.6), #33625 (`assume_role` block, 1.6.0), #25056",
    },
    Tool {
        ecosystem: Ecosystem::Tool,
        package: EMR,
        grammar: Grammar::EmrLabel,
        stretches: &[
            stretch("0", Some("5.31.0"), ToolVerdict::Unconfigurable),
            stretch("6.0.0", Some("6.1.0"), ToolVerdict::Unconfigurable),
        ],
        behaviour: "releases before 5.31.0 (and 6.0.x) send every EMRFS STS request to the global endpoint `sts.amazonaws.com`; `fs.s3.sts.endpoint` in `emrfs-site` can only change that from 5.31.0 and 6.1.0",
        remedy: "use release 5.31.0 or later on 5.x, or 6.1.0 or later, whose EMRFS uses the regional STS endpoint",
        endpoint_overrides: false,
        source: "Amazon EMR Management Guide, \"Managing the default AWS Security Token Service endpoint\" (emr-emrfs-sts-endpoint)",
    },
    Tool {
        ecosystem: Ecosystem::Tool,
        package: KUBE2IAM,
        grammar: Grammar::AnyVersion,
        stretches: &[stretch("0", None, ToolVerdict::LegacyDefault)],
        behaviour: "without `--use-regional-sts-endpoint` kube2iam assumes roles at the global STS endpoint `sts.amazonaws.com` whatever its region",
        remedy: "add `--use-regional-sts-endpoint` to the container's `args` and set `AWS_REGION` in its `env` (kube2iam needs both)",
        endpoint_overrides: false,
        source: "jtblin/kube2iam `main.go` (`use-regional-sts-endpoint`, default false: \"use the regional sts endpoint if AWS_REGION is set\") and README, STS regional endpoints",
    },
    Tool {
        ecosystem: Ecosystem::Tool,
        package: AWS_IAM_AUTHENTICATOR,
        grammar: Grammar::AnyVersion,
        stretches: &[stretch("0", None, ToolVerdict::LegacyDefault)],
        behaviour: "`aws-iam-authenticator token` without `--region` signs its token with the AWS SDK for Go v1 default, `legacy`: the global endpoint `sts.amazonaws.com` from us-east-1 and 15 other regions (a region from `AWS_REGION` or the profile does not turn the regional mode on)",
        remedy: "add `--region <cluster region>` to the `exec` `args` (or set `AWS_STS_REGIONAL_ENDPOINTS=regional` in its `env`); `aws eks get-token` from AWS CLI v2 is regional",
        endpoint_overrides: false,
        source: "kubernetes-sigs/aws-iam-authenticator#283 (\"use regional STS endpoint when --region is specified\"); `pkg/token/token.go` (`WithSTSRegionalEndpoint` only when a region option is given); `go.mod` (aws-sdk-go v1.55.7)",
    },
    Tool {
        ecosystem: Ecosystem::Tool,
        package: CONFIGURE_AWS_CREDENTIALS,
        grammar: Grammar::Exact,
        // v1.0.x and v1.1.x call GetCallerIdentity on `new aws.STS()` with neither a region endpoint nor
        // `stsRegionalEndpoints` (index.js at those tags); the JavaScript SDK v2 sends that to the global
        // host from every commercial region. v1.1.0–v1.1.2 send AssumeRole to a hard-coded
        // `https://sts.<region>.amazonaws.com`, v1.3.0/v1.3.1 send both calls there (issue #47, China
        // regions), and v1.3.2 lets the SDK pick the regional endpoint (`stsRegionalEndpoints:
        // 'regional'`, PR #48). v1.2.0's source was not confirmed, so it is not flagged; the action has
        // no input that selects the endpoint before `sts-endpoint` (v6.2.0).
        stretches: &[stretch("0", Some("1.2.0"), ToolVerdict::LegacyDefault)],
        behaviour: "v1.0.0 to v1.1.2 call GetCallerIdentity (which every run makes) with an AWS SDK for JavaScript v2 STS client that sets no regional option, so it goes to the global endpoint `sts.amazonaws.com` from every commercial region",
        remedy: "pin `aws-actions/configure-aws-credentials` v1.3.2 or later (it asks the SDK for the regional endpoint of `aws-region`), or a current major such as `@v4`",
        endpoint_overrides: false,
        source: "aws-actions/configure-aws-credentials CHANGELOG.md 1.3.2 (\"let the AWS SDK determine the STS regional endpoint\", #48, 2020-03-18); index.js at v1.0.x/v1.1.x (`new aws.STS()` for GetCallerIdentity) and after #48 (`stsRegionalEndpoints: 'regional'`); issue #47",
    },
    Tool {
        ecosystem: Ecosystem::PyPi,
        package: "boto",
        grammar: Grammar::AnyVersion,
        stretches: &[stretch("0", None, ToolVerdict::Unconfigurable)],
        behaviour: "boto 2 never reads `AWS_STS_REGIONAL_ENDPOINTS`: its `STSConnection` defaults to `sts.amazonaws.com` (us-east-1) unless a region is passed to it",
        remedy: "move to boto3 1.40.0 or later (regional by default); until then pass a regional `RegionInfo` to `boto.sts.connect_to_region` or `STSConnection`",
        endpoint_overrides: false,
        source: "boto/boto boto/sts/connection.py: `DefaultRegionName = 'us-east-1'`, `DefaultRegionEndpoint = 'sts.amazonaws.com'`",
    },
];

/// A distribution's own Python SDK package on one release, and the botocore it installs (which decides
/// the STS default, as for the `awscli` rows of [`super::clients::DISTROS`]).
#[derive(Debug, PartialEq, Eq)]
pub struct DistroPython {
    /// The release as [`super::clients::DistroRelease::display`] names it.
    pub release: &'static str,
    pub package: &'static str,
    /// The package's own version, for messages.
    pub version: &'static str,
    /// The botocore version it runs on.
    pub botocore: &'static str,
    pub source: &'static str,
}

/// Distribution Python packages whose version is confirmed from the distribution's own package data
/// (`apt-cache policy` / `apt-cache show` against each release's `main` Packages index). Releases whose
/// index was not read (Ubuntu, Alpine `py3-botocore`, Amazon Linux 2023) are not listed: an unknown
/// release gives no finding.
pub static DISTRO_PYTHON: &[DistroPython] = &[
    DistroPython {
        release: "Debian 11",
        package: "python3-botocore",
        version: "1.20.0+repack-1",
        botocore: "1.20.0",
        source: "Debian bullseye/main Packages: python3-botocore 1.20.0+repack-1",
    },
    DistroPython {
        release: "Debian 11",
        package: "python3-boto3",
        version: "1.13.14-1",
        // Depends: python3-botocore (>= 1.6.6); bullseye's is 1.20.0.
        botocore: "1.20.0",
        source: "Debian bullseye/main Packages: python3-boto3 1.13.14-1, python3-botocore 1.20.0+repack-1",
    },
    DistroPython {
        release: "Debian 12",
        package: "python3-botocore",
        version: "1.29.27+repack-1",
        botocore: "1.29.27",
        source: "Debian bookworm/main Packages: python3-botocore 1.29.27+repack-1 (`apt-cache policy` on debian:bookworm)",
    },
    DistroPython {
        release: "Debian 12",
        package: "python3-boto3",
        version: "1.26.27+dfsg-1",
        // python3-boto3 depends on python3-botocore, which is 1.29.27 on bookworm.
        botocore: "1.29.27",
        source: "Debian bookworm/main Packages: python3-boto3 1.26.27+dfsg-1, python3-botocore 1.29.27+repack-1 (`apt-cache policy` on debian:bookworm)",
    },
    DistroPython {
        release: "Debian 13",
        package: "python3-botocore",
        version: "1.37.9+repack-1",
        botocore: "1.37.9",
        source: "Debian trixie/main Packages: python3-botocore 1.37.9+repack-1",
    },
    DistroPython {
        release: "Debian 13",
        package: "python3-boto3",
        version: "1.37.9-1",
        // Depends: python3-botocore (>= 1.37.9); trixie's is 1.37.9.
        botocore: "1.37.9",
        source: "Debian trixie/main Packages: python3-boto3 1.37.9-1 (Depends: python3-botocore (>= 1.37.9)), python3-botocore 1.37.9+repack-1",
    },
];

/// The distribution Python package `package` on the release `release` (a `DistroRelease` display name).
pub fn distro_python(release: &str, package: &str) -> Option<&'static DistroPython> {
    DISTRO_PYTHON
        .iter()
        .find(|d| d.release == release && d.package == package)
}

/// The row every distribution Python package is judged by: its botocore decides.
pub static DISTRO_BOTOCORE: Tool = Tool {
    ecosystem: Ecosystem::Distro,
    package: "python3-botocore",
    grammar: Grammar::AnyVersion,
    stretches: &[],
    behaviour: "runs on a botocore older than 1.40.0, whose STS default is `legacy`: the global endpoint `sts.amazonaws.com` from us-east-1 and 15 other regions",
    remedy: "add `ENV AWS_STS_REGIONAL_ENDPOINTS=regional` to this stage, or install `boto3`/`botocore` 1.40.0 or later with pip instead of the distribution's package",
    endpoint_overrides: false,
    source: "boto/botocore CHANGELOG.rst 1.40.0; Debian bullseye, bookworm and trixie Packages (see DISTRO_PYTHON)",
};

/// A judged tool client.
#[derive(Debug, Clone, Copy)]
pub struct ToolAssessment {
    pub verdict: Option<ToolVerdict>,
    pub tool: &'static Tool,
    /// How messages name the client when the SDK wording does not fit (a distribution package).
    pub subject: Option<&'static DistroPython>,
}

/// The row for a client, if it is a tool judged here.
pub fn lookup(ecosystem: Ecosystem, package: &str) -> Option<&'static Tool> {
    TOOLS
        .iter()
        .find(|t| t.ecosystem == ecosystem && t.package == package)
}

/// Judges a client against [`TOOLS`]; `None` when it is not a tool judged here.
pub fn assess(client: &Client) -> Option<ToolAssessment> {
    if let Installed::DistroPackage { image, .. } = &client.installed
        && client.package != super::clients::AWSCLI
    {
        return Some(distro_assess(client, image));
    }
    let tool = lookup(client.ecosystem, &client.package)?;
    let version = client.version.trim();
    let allowed = match tool.grammar {
        Grammar::AnyVersion => Some(Ranges::full()),
        _ if version.is_empty() || client.installed == Installed::Unversioned => None,
        Grammar::Terraform => terraform_constraint(version),
        Grammar::EmrLabel => emr_release(version).map(Ranges::singleton),
        Grammar::Maven => maven_versions(version),
        Grammar::Exact => Dotted::parse(version).map(Ranges::singleton),
    };
    let verdict = allowed.and_then(|allowed| judge(tool, &allowed));
    Some(ToolAssessment {
        verdict,
        tool,
        subject: None,
    })
}

/// A distribution Python package: its release's botocore, judged by the SDK row for botocore.
fn distro_assess(client: &Client, image: &str) -> ToolAssessment {
    let row =
        super::clients::distro_of(image).and_then(|r| distro_python(r.display, &client.package));
    let verdict = row.and_then(|row| {
        let botocore = Client {
            ecosystem: Ecosystem::PyPi,
            package: super::clients::BOTOCORE.to_owned(),
            version: format!("=={}", row.botocore),
            installed: Installed::Pin,
            ..client.clone()
        };
        match super::versions::assess(&botocore)?.verdict {
            super::versions::Verdict::Unconfigurable => Some(ToolVerdict::Unconfigurable),
            super::versions::Verdict::LegacyDefault => Some(ToolVerdict::LegacyDefault),
            super::versions::Verdict::NotFlagged => None,
        }
    });
    ToolAssessment {
        verdict,
        tool: &DISTRO_BOTOCORE,
        subject: row,
    }
}

/// The verdict when every allowed version is bad: `Unconfigurable` if all are, else `LegacyDefault`.
fn judge(tool: &Tool, allowed: &Ranges<Dotted>) -> Option<ToolVerdict> {
    if allowed.is_empty() {
        return None;
    }
    let built;
    let (unconfigurable, bad) = match TOOLS.iter().position(|t| std::ptr::eq(t, tool)) {
        Some(i) => &VERDICT_SETS[i],
        None => {
            built = verdict_sets(tool);
            &built
        }
    };
    if allowed.subset_of(unconfigurable) {
        Some(ToolVerdict::Unconfigurable)
    } else if allowed.subset_of(bad) {
        Some(ToolVerdict::LegacyDefault)
    } else {
        None
    }
}

/// Each of [`TOOLS`]' [`verdict_sets`], built once: every client of a tool is judged against them,
/// and building them again for each was a fiftieth of a run on Terraform modules.
static VERDICT_SETS: LazyLock<Vec<(Ranges<Dotted>, Ranges<Dotted>)>> =
    LazyLock::new(|| TOOLS.iter().map(verdict_sets).collect());

/// A tool's unconfigurable versions, and all its versions that reach the global endpoint.
fn verdict_sets(tool: &Tool) -> (Ranges<Dotted>, Ranges<Dotted>) {
    let set = |verdicts: &[ToolVerdict]| {
        tool.stretches
            .iter()
            .filter(|s| verdicts.contains(&s.verdict))
            .filter_map(stretch_set)
            .fold(Ranges::empty(), |acc, s| acc.union(&s))
    };
    (
        set(&[ToolVerdict::Unconfigurable]),
        set(&[ToolVerdict::Unconfigurable, ToolVerdict::LegacyDefault]),
    )
}

fn stretch_set(s: &Stretch) -> Option<Ranges<Dotted>> {
    // `0` reaches down to every version, pre-releases included.
    let lower = if s.from == "0" {
        Ranges::full()
    } else {
        Ranges::higher_than(Dotted::parse(s.from)?)
    };
    Some(match s.until {
        Some(until) => lower.intersection(&Ranges::strictly_lower_than(Dotted::parse(until)?)),
        None => lower,
    })
}

/// `emr-5.30.1` → 5.30.1. Anything else (a variable, `emr-latest`) is no release.
pub fn emr_release(label: &str) -> Option<Dotted> {
    let version = label.trim().strip_prefix("emr-")?;
    version
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.')
        .then(|| Dotted::parse(version))
        .flatten()
}

/// A Terraform version constraint as the set of versions it allows.
///
/// Terraform's grammar (`hashicorp/go-version`, documented at developer.hashicorp.com/terraform/language/
/// expressions/version-constraints): comma-separated conditions that must all hold, each an operator and a
/// version; no operator means `=`. `~>` lets only the right-most written segment grow: `~> 3.0` is
/// `>= 3.0, < 4`, `~> 3.74.1` is `>= 3.74.1, < 3.75`, and with a single segment nothing is held equal, so
/// `~> 3` is `>= 3` (`constraintPessimistic` compares the first `si - 1` segments): the reading that
/// flags least.
/// A lockfile's `version = "3.76.1"` is the same grammar's exact version.
pub fn terraform_constraint(constraint: &str) -> Option<Ranges<Dotted>> {
    let mut allowed = Ranges::full();
    let mut any = false;
    for part in constraint.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let n = part
            .bytes()
            .take_while(|b| matches!(b, b'<' | b'>' | b'=' | b'!' | b'~'))
            .count();
        let (op, version) = (&part[..n], part[n..].trim());
        if !version
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'v')
        {
            return None;
        }
        let v = Dotted::parse(version)?;
        let set = match op {
            "" | "=" => Ranges::singleton(v),
            "!=" => Ranges::singleton(v).complement(),
            ">" => Ranges::strictly_higher_than(v),
            ">=" => Ranges::higher_than(v),
            "<" => Ranges::strictly_lower_than(v),
            "<=" => Ranges::lower_than(v),
            "~>" => {
                let segments = version
                    .split(['-', '+'])
                    .next()
                    .unwrap_or(version)
                    .split('.')
                    .count();
                if segments < 2 {
                    Ranges::higher_than(v)
                } else {
                    let upper = bump(version, segments - 1)?;
                    Ranges::higher_than(v).intersection(&Ranges::strictly_lower_than(upper))
                }
            }
            _ => return None,
        };
        allowed = allowed.intersection(&set);
        any = true;
    }
    any.then_some(allowed)
}

/// The first version after every version that starts with `version`'s first `keep` segments.
fn bump(version: &str, keep: usize) -> Option<Dotted> {
    let mut segments: Vec<u64> = version
        .trim_start_matches('v')
        .split(['-', '+'])
        .next()?
        .split('.')
        .take(keep)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    segments.resize(keep, 0);
    *segments.last_mut()? += 1;
    let text: Vec<String> = segments.iter().map(u64::to_string).collect();
    Dotted::parse(&text.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn verdict(ecosystem: Ecosystem, package: &str, version: &str) -> Option<ToolVerdict> {
        let installed = if version.is_empty() {
            Installed::Unversioned
        } else {
            Installed::Range
        };
        let client = Client {
            ecosystem,
            package: package.into(),
            version: version.into(),
            installed,
            span: Span::default(),
            origin: String::new(),
            context: 0,
        };
        assess(&client).expect("a tool").verdict
    }

    use ToolVerdict::*;

    #[test]
    fn terraform_constraints_follow_go_version() {
        let allows = |c: &str, v: &str| {
            terraform_constraint(c)
                .unwrap()
                .contains(&Dotted::parse(v).unwrap())
        };
        assert!(allows("~> 3.0", "3.76.1"));
        assert!(!allows("~> 3.0", "4.0.0"));
        assert!(allows("~> 3.74.1", "3.74.9"));
        assert!(!allows("~> 3.74.1", "3.75.0"));
        assert!(allows("~> 3", "3.9.0"));
        assert!(allows("~> 3", "4.0.0"));
        assert!(!allows("~> 3", "2.9.0"));
        assert!(allows(">= 2.0, < 4.0, != 3.1.0", "3.2.0"));
        assert!(!allows(">= 2.0, < 4.0, != 3.1.0", "3.1.0"));
        assert!(allows("3.76.1", "3.76.1"));
        assert!(!allows("= 3.76.1", "3.76.2"));
        assert!(terraform_constraint("${var.v}").is_none());
        assert!(terraform_constraint("").is_none());
        assert!(terraform_constraint("~> x").is_none());
    }

    #[test]
    fn terraform_provider_before_4_is_legacy() {
        let tf = |v| verdict(Ecosystem::Tool, TERRAFORM_AWS_PROVIDER, v);
        assert_eq!(tf("~> 3.0"), Some(LegacyDefault));
        assert_eq!(tf("3.76.1"), Some(LegacyDefault));
        assert_eq!(tf("< 4.0.0"), Some(LegacyDefault));
        assert_eq!(tf("4.0.0"), None);
        assert_eq!(tf("<= 4.0.0"), None);
        assert_eq!(tf(">= 3.0"), None);
        assert_eq!(tf(">= 3.0, < 5.0"), None);
        assert_eq!(tf("~> 4.0"), None);
        assert_eq!(tf("~> 5.0"), None);
        assert_eq!(tf(""), None);
    }

    #[test]
    fn terraform_before_1_6_is_legacy_for_the_s3_backend() {
        let tf = |v| verdict(Ecosystem::Tool, TERRAFORM_CORE, v);
        assert_eq!(tf("~> 1.5.0"), Some(LegacyDefault));
        assert_eq!(tf("1.5.7"), Some(LegacyDefault));
        assert_eq!(tf(">= 0.13, < 1.6"), Some(LegacyDefault));
        assert_eq!(tf("1.6.0"), None);
        assert_eq!(tf(">= 1.3"), None);
        assert_eq!(tf("~> 1.5"), None);
    }

    #[test]
    fn emr_labels_before_the_regional_releases_are_unconfigurable() {
        let emr = |v| verdict(Ecosystem::Tool, EMR, v);
        assert_eq!(emr("emr-5.30.1"), Some(Unconfigurable));
        assert_eq!(emr("emr-4.9.6"), Some(Unconfigurable));
        assert_eq!(emr("emr-6.0.0"), Some(Unconfigurable));
        assert_eq!(emr("emr-5.31.0"), None);
        assert_eq!(emr("emr-6.1.0"), None);
        assert_eq!(emr("emr-7.2.0"), None);
        assert_eq!(emr("emr-latest"), None);
        assert_eq!(emr("5.30.1"), None);
    }

    #[test]
    fn debian_12_python_packages_run_on_a_legacy_botocore() {
        let apt = |image: &str, package: &str| {
            let client = Client {
                ecosystem: Ecosystem::Distro,
                package: package.into(),
                version: String::new(),
                installed: Installed::DistroPackage {
                    image: image.into(),
                    command: "apt-get install".into(),
                },
                span: Span::default(),
                origin: String::new(),
                context: 0,
            };
            assess(&client).unwrap().verdict
        };
        assert_eq!(
            apt("debian:bookworm", "python3-botocore"),
            Some(LegacyDefault)
        );
        assert_eq!(
            apt("python:3.12-slim-bookworm", "python3-boto3"),
            Some(LegacyDefault)
        );
        assert_eq!(
            apt("debian:bullseye", "python3-botocore"),
            Some(LegacyDefault)
        );
        assert_eq!(apt("debian:11-slim", "python3-boto3"), Some(LegacyDefault));
        assert_eq!(
            apt("debian:trixie", "python3-botocore"),
            Some(LegacyDefault)
        );
        assert_eq!(
            apt("python:3.13-slim-trixie", "python3-boto3"),
            Some(LegacyDefault)
        );
        // Releases whose package data is not confirmed give nothing.
        assert_eq!(apt("ubuntu:24.04", "python3-botocore"), None);
        assert_eq!(apt("ubuntu:22.04", "python3-botocore"), None);
        assert_eq!(apt("debian:bookworm", "python3-requests"), None);
    }

    #[test]
    fn configure_aws_credentials_v1_0_and_v1_1_are_legacy() {
        let action = |v| verdict(Ecosystem::Tool, CONFIGURE_AWS_CREDENTIALS, v);
        assert_eq!(action("1.0.0"), Some(LegacyDefault));
        assert_eq!(action("1.1.2"), Some(LegacyDefault));
        // v1.2.0 is not confirmed; v1.3.1 hard-coded the regional host; v1.3.2 asks the SDK for it.
        assert_eq!(action("1.2.0"), None);
        assert_eq!(action("1.3.1"), None);
        assert_eq!(action("1.3.2"), None);
        assert_eq!(action("4.0.2"), None);
        assert_eq!(action("main"), None);
    }

    #[test]
    fn boto2_is_unconfigurable_at_any_version() {
        assert_eq!(
            verdict(Ecosystem::PyPi, "boto", "==2.49.0"),
            Some(Unconfigurable)
        );
        assert_eq!(verdict(Ecosystem::PyPi, "boto", ""), Some(Unconfigurable));
        assert!(lookup(Ecosystem::PyPi, "boto3").is_none());
        assert!(lookup(Ecosystem::PyPi, "botocore").is_none());
    }
}
