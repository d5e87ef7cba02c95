//! Version semantics for the client rules: turns a [`Client`]'s version or constraint into the set of
//! versions it allows, in its ecosystem's own grammar, and judges that set against [`super::clients`].
//!
//! - PyPI uses `pep440_rs` (PEP 440 specifiers, converted to `version_ranges::Ranges`).
//! - npm uses `node-semver` (npm's range grammar: `^`, `~`, x-ranges, hyphens, `||`).
//! - Go uses `semver` (module versions are semver with a `v` prefix).
//! - Maven, RubyGems, Packagist and NuGet use the small [`Dotted`] comparison below: no well-kept crate
//!   implements Maven's `ComparableVersion`, RubyGems' `Gem::Requirement` or Composer's constraints, and
//!   the AWS SDKs publish plain numeric versions, so numeric segments plus "a qualifier sorts before the
//!   release" decide every case that matters here. Their range operators are parsed by hand, each
//!   documented at its function.
//!
//! A set is judged conservatively: it is *unconfigurable* or *legacy* only when **every** version it
//! allows is; an open range (`boto3>=1.20`) allows today's regional versions and is not a finding.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use version_ranges::Ranges;

use super::clients::{Band, ClientInfo};
use crate::extract::facts::{Client, Ecosystem, Installed};

/// What every version a client may resolve to does with STS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Too old to read `AWS_STS_REGIONAL_ENDPOINTS`: always global from the legacy regions.
    Unconfigurable,
    /// Reads the setting, but defaults to `legacy`.
    LegacyDefault,
    /// At least one allowed version defaults to `regional`, or the version cannot be read.
    NotFlagged,
}

/// The versions a constraint allows, with the parser for its ecosystem's version strings.
type VersionSet<V> = Option<(Ranges<V>, fn(&str) -> Option<V>)>;

/// A judged client: the verdict and the band of the knowledge row that explains it.
#[derive(Debug, Clone, Copy)]
pub struct Assessment {
    pub verdict: Verdict,
    pub info: &'static ClientInfo,
    pub band: &'static Band,
}

/// Judges a client among the other clients of its file. boto3 only bounds botocore to a minor range
/// (`setup.py` at 1.10.0 allows 1.13.0 to 1.13.x, some of which predate the setting), so a legacy-default
/// boto3 with a botocore pinned or locked beside it in the same context that predates the setting is
/// unconfigurable too. Only that refinement is made: a botocore pin outside boto3's own range is a
/// resolver conflict, not a verdict. Returns the assessment and the botocore that decided it, if any.
pub fn assess_beside<'a>(
    client: &Client,
    clients: &'a [Client],
) -> Option<(Assessment, Option<&'a Client>)> {
    let own = assess(client)?;
    if client.ecosystem != Ecosystem::PyPi || client.package != super::clients::BOTO3 {
        return Some((own, None));
    }
    let botocore = clients.iter().find(|c| {
        c.ecosystem == Ecosystem::PyPi
            && c.package == super::clients::BOTOCORE
            && c.context == client.context
            && matches!(c.installed, Installed::Pin | Installed::Lock)
            && !c.version.trim().is_empty()
    });
    let Some(botocore) = botocore else {
        return Some((own, None));
    };
    let Some(decided) = assess(botocore) else {
        return Some((own, None));
    };
    if !(own.verdict == Verdict::LegacyDefault && decided.verdict == Verdict::Unconfigurable) {
        return Some((own, None));
    }
    Some((
        Assessment {
            verdict: decided.verdict,
            ..own
        },
        Some(botocore),
    ))
}

/// Judges a client against the knowledge table; `None` for packages stslint does not know.
pub fn assess(client: &Client) -> Option<Assessment> {
    let (ecosystem, package, version, unversioned) = effective(client)?;
    let info = super::clients::lookup(ecosystem, package)?;
    let (verdict, band) = match ecosystem {
        Ecosystem::PyPi => judge(info, unversioned, version, pep440_set),
        Ecosystem::Go => judge(info, unversioned, version, go_set),
        Ecosystem::Npm => npm_judge(info, unversioned, version),
        Ecosystem::Maven => judge(info, unversioned, version, maven_set),
        Ecosystem::RubyGems => judge(info, unversioned, version, ruby_set),
        Ecosystem::Packagist => judge(info, unversioned, version, composer_set),
        Ecosystem::NuGet => judge(info, unversioned, version, nuget_set),
        Ecosystem::Distro | Ecosystem::Image | Ecosystem::Tool => (Verdict::NotFlagged, None),
    };
    let band = band.or_else(|| info.bands.last())?;
    let verdict = if info.confirmed {
        verdict
    } else {
        Verdict::NotFlagged
    };
    Some(Assessment {
        verdict,
        info,
        band,
    })
}

/// The package and version that decide a client's behaviour: a distro package is judged by the
/// botocore the release ships (Debian and Ubuntu package it separately: Debian `awscli` depends on
/// `python3-botocore`), or by the CLI version for a v2 package; a CLI image by its tag.
fn effective(client: &Client) -> Option<(Ecosystem, &str, &str, bool)> {
    Some(match (&client.installed, client.ecosystem) {
        (Installed::DistroPackage { image, .. }, _) => {
            let release = super::clients::distro_of(image)?;
            match (release.botocore, release.awscli) {
                ("", Some(cli)) => (Ecosystem::PyPi, "awscli", cli, false),
                (botocore, _) => (Ecosystem::PyPi, super::clients::BOTOCORE, botocore, false),
            }
        }
        (_, Ecosystem::Image) => (Ecosystem::PyPi, "awscli", client.version.trim(), false),
        (installed, ecosystem) => {
            let version = client.version.trim();
            let unversioned = version.is_empty()
                || matches!(installed, Installed::Unversioned | Installed::SourceImport);
            (ecosystem, client.package.as_str(), version, unversioned)
        }
    })
}

/// Whether a non-legacy `defaults_mode` makes this client regional: every version it allows implements
/// defaults modes (the knowledge row's `defaults_mode_from`). Only PyPI rows carry that threshold.
pub fn honours_defaults_mode(client: &Client) -> bool {
    let Some((ecosystem, package, version, unversioned)) = effective(client) else {
        return false;
    };
    let Some(from) = super::clients::lookup(ecosystem, package).and_then(|i| i.defaults_mode_from)
    else {
        return false;
    };
    if unversioned || ecosystem != Ecosystem::PyPi {
        return false;
    }
    let (Some((allowed, _)), Some(from)) = (pep440_set(version), pep440_parse(from)) else {
        return false;
    };
    !allowed.is_empty() && allowed.subset_of(&Ranges::higher_than(from))
}

/// The sets of unconfigurable and legacy-default versions of a knowledge row, in one version type.
fn bad_sets<V: Ord + Clone>(
    info: &ClientInfo,
    parse: &impl Fn(&str) -> Option<V>,
) -> Option<(Ranges<V>, Ranges<V>)> {
    let mut unconfigurable = Ranges::empty();
    let mut legacy = Ranges::empty();
    for (i, band) in info.bands.iter().enumerate() {
        let from = parse(band.from)?;
        let until = band.until.map(parse);
        // The first band reaches down to every version, pre-releases of `0` included.
        let lowest = if i == 0 {
            Ranges::full()
        } else {
            Ranges::higher_than(from.clone())
        };
        let end = |v: Option<&str>| -> Option<Ranges<V>> {
            Some(match v.map(parse) {
                Some(v) => Ranges::strictly_lower_than(v?),
                None => match &until {
                    Some(u) => Ranges::strictly_lower_than(u.clone()?),
                    None => Ranges::full(),
                },
            })
        };
        let band_set = lowest.intersection(&end(None)?);
        let configurable_from = match band.setting_from {
            Some(s) => {
                let s = parse(s)?;
                unconfigurable = unconfigurable
                    .union(&band_set.intersection(&Ranges::strictly_lower_than(s.clone())));
                s
            }
            None => from,
        };
        let configurable = match band.setting_from {
            None if i == 0 => Ranges::full(),
            _ => Ranges::higher_than(configurable_from),
        };
        legacy = legacy.union(
            &band_set
                .intersection(&configurable)
                .intersection(&end(band.regional_from)?),
        );
    }
    Some((unconfigurable, legacy))
}

/// Judges an allowed set for ecosystems whose versions fit `version_ranges`.
fn judge<V: Ord + Clone>(
    info: &'static ClientInfo,
    unversioned: bool,
    constraint: &str,
    set: fn(&str) -> VersionSet<V>,
) -> (Verdict, Option<&'static Band>) {
    let parsed = if unversioned {
        set("").map(|(_, parse)| (Ranges::full(), parse))
    } else {
        set(constraint)
    };
    let Some((allowed, parse)) = parsed else {
        return (Verdict::NotFlagged, None);
    };
    let Some((unconfigurable, legacy)) = bad_sets(info, &parse) else {
        return (Verdict::NotFlagged, None);
    };
    let band = info.bands.iter().rev().find(|b| {
        let Some(from) = parse(b.from) else {
            return false;
        };
        let mut set = Ranges::higher_than(from);
        if let Some(until) = b.until.and_then(parse) {
            set = set.intersection(&Ranges::strictly_lower_than(until));
        }
        !set.is_disjoint(&allowed)
    });
    let verdict = if allowed.is_empty() {
        Verdict::NotFlagged
    } else if allowed.subset_of(&unconfigurable) {
        Verdict::Unconfigurable
    } else if allowed.subset_of(&unconfigurable.union(&legacy)) {
        Verdict::LegacyDefault
    } else {
        Verdict::NotFlagged
    };
    (verdict, band)
}

fn pep440_parse(s: &str) -> Option<pep440_rs::Version> {
    pep440_rs::Version::from_str(s).ok()
}

/// PEP 440: a bare version (a lockfile's) is `==version`; anything else is a specifier set.
fn pep440_set(constraint: &str) -> VersionSet<pep440_rs::Version> {
    let parse = pep440_parse as fn(&str) -> Option<pep440_rs::Version>;
    if constraint.is_empty() {
        return Some((Ranges::full(), parse));
    }
    let allowed = match pep440_parse(constraint) {
        Some(v) => Ranges::singleton(v),
        None => {
            let specifiers = pep440_rs::VersionSpecifiers::from_str(constraint).ok()?;
            Ranges::from(specifiers)
        }
    };
    Some((allowed, parse))
}

fn go_parse(s: &str) -> Option<semver::Version> {
    let s = s.strip_prefix('v').unwrap_or(s);
    // `v1.44.0+incompatible` and pseudo-versions parse as semver build metadata and pre-releases.
    semver::Version::parse(s).ok().or_else(|| {
        // Knowledge rows write `0` for "the beginning"; Go versions always have three parts.
        let parts = s.split('.').count();
        let padded = format!("{s}{}", ".0".repeat(3usize.saturating_sub(parts)));
        semver::Version::parse(&padded).ok()
    })
}

/// go.mod's `require` line names the selected version (minimal version selection): one version.
fn go_set(constraint: &str) -> VersionSet<semver::Version> {
    let parse = go_parse as fn(&str) -> Option<semver::Version>;
    if constraint.is_empty() {
        return Some((Ranges::full(), parse));
    }
    Some((Ranges::singleton(go_parse(constraint)?), parse))
}

/// npm: node-semver ranges. A set is bad when it does not meet the good versions: node-semver's
/// `intersect` is exact per comparator set (its `allows_all` answers "some pair", so it is not used).
fn npm_judge(
    info: &'static ClientInfo,
    unversioned: bool,
    constraint: &str,
) -> (Verdict, Option<&'static Band>) {
    let constraint = if unversioned { "*" } else { constraint };
    let Ok(allowed) = node_semver::Range::parse(constraint) else {
        return (Verdict::NotFlagged, None);
    };
    let mut configurable = Vec::new();
    let mut regional = Vec::new();
    for band in info.bands {
        let until = band.until.map(|u| format!(" <{u}")).unwrap_or_default();
        configurable.push(format!(
            ">={}{until}",
            band.setting_from.unwrap_or(band.from)
        ));
        if let Some(r) = band.regional_from {
            regional.push(format!(">={r}{until}"));
        }
    }
    let meets = |parts: &[String]| {
        !parts.is_empty()
            && node_semver::Range::parse(parts.join(" || "))
                .ok()
                .is_none_or(|good| allowed.intersect(&good).is_some())
    };
    let has_setting = info.bands.iter().any(|b| b.setting_from.is_some());
    let verdict = if has_setting && !meets(&configurable) {
        Verdict::Unconfigurable
    } else if !meets(&regional) {
        Verdict::LegacyDefault
    } else {
        Verdict::NotFlagged
    };
    (verdict, info.bands.last())
}

/// A numeric dotted version (`1.11.618`, `3.92.0`, `v3.351.12`) with an optional qualifier.
///
/// Trailing zero segments are insignificant (`3.0` = `3.0.0`, as in Maven, RubyGems and Composer); a
/// qualifier (`-SNAPSHOT`, `.rc1`, `-beta`) sorts before the plain release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dotted {
    release: Vec<u64>,
    qualifier: Option<String>,
}

impl Dotted {
    pub fn parse(s: &str) -> Option<Dotted> {
        let s = s.trim();
        let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
        let mut release = Vec::new();
        let mut rest = s;
        loop {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                break;
            }
            release.push(rest[..digits].parse().ok()?);
            rest = &rest[digits..];
            match rest.strip_prefix('.') {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
                _ => break,
            }
        }
        if release.is_empty() {
            return None;
        }
        while release.len() > 1 && release.last() == Some(&0) {
            release.pop();
        }
        let qualifier = rest.trim_start_matches(['.', '-', '+']);
        Some(Dotted {
            release,
            qualifier: (!qualifier.is_empty()).then(|| qualifier.to_owned()),
        })
    }

    /// The first version after every version that starts with `self`'s first `keep` segments.
    fn bump(&self, keep: usize) -> Dotted {
        let mut release: Vec<u64> = self.release.iter().copied().take(keep.max(1)).collect();
        release.resize(keep.max(1), 0);
        if let Some(last) = release.last_mut() {
            *last += 1;
        }
        Dotted {
            release,
            qualifier: None,
        }
    }

    fn segments(s: &str) -> usize {
        s.trim()
            .trim_start_matches(['v', 'V'])
            .split(['.', '-'])
            .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .count()
    }
}

impl Ord for Dotted {
    fn cmp(&self, other: &Self) -> Ordering {
        let n = self.release.len().max(other.release.len());
        for i in 0..n {
            let a = self.release.get(i).copied().unwrap_or(0);
            let b = other.release.get(i).copied().unwrap_or(0);
            match a.cmp(&b) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        match (&self.qualifier, &other.qualifier) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => a.cmp(b),
        }
    }
}

impl PartialOrd for Dotted {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Dotted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.release.iter().map(u64::to_string).collect();
        write!(f, "{}", parts.join("."))?;
        if let Some(q) = &self.qualifier {
            write!(f, "-{q}")?;
        }
        Ok(())
    }
}

type DottedSet = VersionSet<Dotted>;

fn dotted_parse(s: &str) -> Option<Dotted> {
    Dotted::parse(s)
}

/// One comparison (`>= 1.2`, `<2`, `=1.0`, `!= 1.3`, a bare version) as a set.
fn comparison(op: &str, version: &str) -> Option<Ranges<Dotted>> {
    let v = Dotted::parse(version)?;
    Some(match op {
        "" | "=" | "==" => Ranges::singleton(v),
        "!=" => Ranges::singleton(v).complement(),
        ">=" => Ranges::higher_than(v),
        ">" => Ranges::strictly_higher_than(v),
        "<=" => Ranges::lower_than(v),
        "<" => Ranges::strictly_lower_than(v),
        _ => return None,
    })
}

fn split_op(s: &str) -> (&str, &str) {
    let s = s.trim();
    let n = s
        .bytes()
        .take_while(|b| matches!(b, b'<' | b'>' | b'=' | b'!' | b'~' | b'^'))
        .count();
    (&s[..n], s[n..].trim())
}

/// Maven: a bare version is a (soft) pin; `[1.0,2.0)`, `[1.0,)`, `(,1.0]` and `[1.5]` are ranges, and a
/// comma-joined list of ranges is their union.
fn maven_set(constraint: &str) -> DottedSet {
    let parse = dotted_parse as fn(&str) -> Option<Dotted>;
    let c = constraint.trim();
    if c.is_empty() {
        return Some((Ranges::full(), parse));
    }
    if !c.starts_with(['[', '(']) {
        return Some((Ranges::singleton(Dotted::parse(c)?), parse));
    }
    let mut allowed = Ranges::empty();
    let mut rest = c;
    while !rest.is_empty() {
        let open = rest.chars().next()?;
        let close_at = rest.find([']', ')'])?;
        let inner = &rest[1..close_at];
        let close = rest[close_at..].chars().next()?;
        let set = match inner.split_once(',') {
            None => Ranges::singleton(Dotted::parse(inner)?),
            Some((lo, hi)) => {
                let mut set = Ranges::full();
                if !lo.trim().is_empty() {
                    let op = if open == '[' { ">=" } else { ">" };
                    set = set.intersection(&comparison(op, lo)?);
                }
                if !hi.trim().is_empty() {
                    let op = if close == ']' { "<=" } else { "<" };
                    set = set.intersection(&comparison(op, hi)?);
                }
                set
            }
        };
        allowed = allowed.union(&set);
        rest = rest[close_at + 1..].trim_start_matches([',', ' ']);
    }
    Some((allowed, parse))
}

/// RubyGems: comma-separated requirements, each `op version` with `=`, `!=`, `>`, `>=`, `<`, `<=` or the
/// pessimistic `~>` (`~> 3.71.0` is `>= 3.71.0, < 3.72`; `~> 3.71` is `>= 3.71, < 4`).
fn ruby_set(constraint: &str) -> DottedSet {
    let parse = dotted_parse as fn(&str) -> Option<Dotted>;
    let mut allowed = Ranges::full();
    for part in constraint.split(',').filter(|p| !p.trim().is_empty()) {
        let (op, version) = split_op(part);
        let set = if op == "~>" {
            let v = Dotted::parse(version)?;
            let keep = Dotted::segments(version).saturating_sub(1);
            Ranges::higher_than(v.clone()).intersection(&Ranges::strictly_lower_than(v.bump(keep)))
        } else {
            comparison(op, version)?
        };
        allowed = allowed.intersection(&set);
    }
    Some((allowed, parse))
}

/// Composer: `||` (or `|`) separates alternatives; within one, spaces or commas join constraints. Each is
/// `^1.2` (`>=1.2 <2`), `~1.2` (`>=1.2 <2`; `~1.2.3` is `<1.3`), `1.2.*`, a comparison or a bare pin.
fn composer_set(constraint: &str) -> DottedSet {
    let parse = dotted_parse as fn(&str) -> Option<Dotted>;
    let mut allowed = Ranges::empty();
    for alternative in constraint.split('|').filter(|a| !a.trim().is_empty()) {
        let mut set = Ranges::full();
        for part in alternative
            .split([' ', ','])
            .filter(|p| !p.trim().is_empty())
        {
            let (op, version) = split_op(part);
            let part_set = if version == "*" {
                Ranges::full()
            } else if let Some(prefix) = version.strip_suffix(".*") {
                let v = Dotted::parse(prefix)?;
                let keep = Dotted::segments(prefix);
                Ranges::higher_than(v.clone())
                    .intersection(&Ranges::strictly_lower_than(v.bump(keep)))
            } else if op == "^" || op == "~" {
                let v = Dotted::parse(version)?;
                let segments = Dotted::segments(version);
                let keep = if op == "^" {
                    // `^` keeps the first non-zero segment: `^0.3` is `<0.4`.
                    v.release.iter().take_while(|&&n| n == 0).count() + 1
                } else {
                    segments.saturating_sub(1).max(1)
                };
                Ranges::higher_than(v.clone())
                    .intersection(&Ranges::strictly_lower_than(v.bump(keep)))
            } else {
                comparison(op, version)?
            };
            set = set.intersection(&part_set);
        }
        allowed = allowed.union(&set);
    }
    Some((allowed, parse))
}

/// NuGet: a bare version is a minimum (`>= 3.7`), `[1.0]` is exact, brackets are Maven-style ranges.
fn nuget_set(constraint: &str) -> DottedSet {
    let parse = dotted_parse as fn(&str) -> Option<Dotted>;
    let c = constraint.trim();
    if c.is_empty() || c.starts_with(['[', '(']) {
        return maven_set(c);
    }
    Some((Ranges::higher_than(Dotted::parse(c)?), parse))
}

/// The versions a Maven version or range allows, for knowledge rows outside [`super::clients`]
/// ([`super::tools`]): the same grammar as the SDK rows.
pub(crate) fn maven_versions(constraint: &str) -> Option<Ranges<Dotted>> {
    maven_set(constraint).map(|(allowed, _)| allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn client(ecosystem: Ecosystem, package: &str, version: &str, installed: Installed) -> Client {
        Client {
            ecosystem,
            package: package.into(),
            version: version.into(),
            installed,
            span: Span::default(),
            origin: String::new(),
            context: 0,
        }
    }

    fn verdict(ecosystem: Ecosystem, package: &str, version: &str) -> Option<Verdict> {
        let installed = if version.is_empty() {
            Installed::Unversioned
        } else {
            Installed::Range
        };
        assess(&client(ecosystem, package, version, installed)).map(|a| a.verdict)
    }

    use Verdict::*;

    #[test]
    fn python_thresholds_exactly_at_each_boundary() {
        let py = |p, v| verdict(Ecosystem::PyPi, p, v).unwrap();
        // boto3 1.10.0 and 1.10.1 require botocore >=1.13.0/>=1.13.1,<1.14.0 (setup.py at those
        // tags), which resolve to botocore releases that read the setting: legacy, not unconfigurable.
        assert_eq!(py("boto3", "==1.9.253"), Unconfigurable);
        assert_eq!(py("boto3", "==1.10.0"), LegacyDefault);
        assert_eq!(py("boto3", "==1.10.1"), LegacyDefault);
        assert_eq!(py("boto3", "1.10.2"), LegacyDefault);
        assert_eq!(py("boto3", "==1.39.99"), LegacyDefault);
        assert_eq!(py("boto3", "==1.40.0"), NotFlagged);
        assert_eq!(py("botocore", "==1.13.1"), Unconfigurable);
        assert_eq!(py("botocore", "==1.13.2"), LegacyDefault);
        assert_eq!(py("botocore", "==1.40.0"), NotFlagged);
        assert_eq!(py("awscli", "==1.16.265"), Unconfigurable);
        assert_eq!(py("awscli", "==1.16.266"), LegacyDefault);
        assert_eq!(py("awscli", "==1.41.99"), LegacyDefault);
        assert_eq!(py("awscli", "==1.42.0"), NotFlagged);
        assert_eq!(py("awscli", "2.15.0"), NotFlagged);
    }

    #[test]
    fn boto3_follows_the_botocore_pinned_beside_it() {
        let boto3 = client(Ecosystem::PyPi, "boto3", "==1.10.0", Installed::Pin);
        let verdict = |botocore: &str| {
            let installed = if botocore.starts_with("==") {
                Installed::Pin
            } else {
                Installed::Range
            };
            let clients = [
                boto3.clone(),
                client(Ecosystem::PyPi, "botocore", botocore, installed),
            ];
            assess_beside(&boto3, &clients).unwrap().0.verdict
        };
        // Alone, boto3 1.10.0 allows botocore 1.13.0 to 1.13.x: legacy-default.
        assert_eq!(
            assess_beside(&boto3, std::slice::from_ref(&boto3))
                .unwrap()
                .0
                .verdict,
            LegacyDefault
        );
        // botocore 1.13.1 predates the setting (boto/botocore CHANGELOG.rst 1.13.2).
        assert_eq!(verdict("==1.13.1"), Unconfigurable);
        assert_eq!(verdict("==1.13.2"), LegacyDefault);
        // A range beside it does not decide; the boto3 range does.
        assert_eq!(verdict("<1.13.2"), LegacyDefault);
        assert_eq!(verdict(">=1.13"), LegacyDefault);
        // Only the refinement to unconfigurable is made: a regional botocore beside a legacy boto3
        // is a resolver conflict, and boto3 keeps its own verdict.
        assert_eq!(verdict("==1.40.0"), LegacyDefault);
    }

    #[test]
    fn defaults_mode_needs_every_allowed_version_to_implement_it() {
        let honours = |p: &str, v: &str| {
            honours_defaults_mode(&client(Ecosystem::PyPi, p, v, Installed::Pin))
        };
        // botocore CHANGELOG 1.23.37 added `defaults_mode`; boto3 1.20.37 and awscli 1.22.37 pair with it.
        assert!(!honours("botocore", "1.23.36"));
        assert!(honours("botocore", "1.23.37"));
        assert!(honours("botocore", "1.39.17"));
        assert!(!honours("boto3", "1.20.36"));
        assert!(honours("boto3", "1.34.0"));
        assert!(!honours("boto3", "<1.40"));
        assert!(honours("boto3", "~=1.26.0"));
        assert!(!honours("awscli", "1.22.34"));
        assert!(honours("awscli", "1.29.0"));
        // No defaults-mode threshold is known for the other rows.
        assert!(!honours_defaults_mode(&client(
            Ecosystem::Packagist,
            "aws/aws-sdk-php",
            "3.300.0",
            Installed::Lock
        )));
    }

    #[test]
    fn python_ranges_are_flagged_only_when_every_version_is_bad() {
        let py = |v| verdict(Ecosystem::PyPi, "boto3", v).unwrap();
        assert_eq!(py("<1.40"), LegacyDefault);
        assert_eq!(py("<1.40.0"), LegacyDefault);
        assert_eq!(py("<=1.40.0"), NotFlagged);
        assert_eq!(py("~=1.26.0"), LegacyDefault);
        assert_eq!(py("==1.34.*"), LegacyDefault);
        assert_eq!(py(">=1.20"), NotFlagged);
        assert_eq!(py(">=1.20,<2"), NotFlagged);
        assert_eq!(py("<1.10"), Unconfigurable);
        assert_eq!(py("<1.10.0"), Unconfigurable);
        assert_eq!(py("<1.10.2"), LegacyDefault);
        assert_eq!(py(""), NotFlagged);
        assert_eq!(py("not a version"), NotFlagged);
    }

    #[test]
    fn npm_every_v2_is_legacy_and_old_ones_unconfigurable() {
        let js = |v| verdict(Ecosystem::Npm, "aws-sdk", v).unwrap();
        assert_eq!(js("^2.1000.0"), LegacyDefault);
        assert_eq!(js("2.525.0"), LegacyDefault);
        assert_eq!(js("2.524.0"), Unconfigurable);
        assert_eq!(js("~2.400.0"), Unconfigurable);
        assert_eq!(js("^2.400.0"), LegacyDefault);
        assert_eq!(js("*"), LegacyDefault);
        assert_eq!(js(""), LegacyDefault);
        assert_eq!(js("github:aws/aws-sdk-js"), NotFlagged);
        assert!(verdict(Ecosystem::Npm, "@aws-sdk/client-sts", "^3.0.0").is_none());
    }

    #[test]
    fn go_java_ruby_php_thresholds() {
        let go = |v| verdict(Ecosystem::Go, "github.com/aws/aws-sdk-go", v).unwrap();
        assert_eq!(go("v1.25.17"), Unconfigurable);
        assert_eq!(go("v1.25.18"), LegacyDefault);
        assert_eq!(go("v1.55.5"), LegacyDefault);
        let java = |v| verdict(Ecosystem::Maven, "com.amazonaws:aws-java-sdk-sts", v).unwrap();
        assert_eq!(java("1.11.617"), Unconfigurable);
        assert_eq!(java("1.11.618"), LegacyDefault);
        assert_eq!(java("1.12.780"), LegacyDefault);
        assert_eq!(java("[1.11,1.11.600)"), Unconfigurable);
        assert_eq!(java(""), LegacyDefault);
        let ruby = |v| verdict(Ecosystem::RubyGems, "aws-sdk-core", v).unwrap();
        assert_eq!(ruby("= 2.11.379"), Unconfigurable);
        assert_eq!(ruby("2.11.380"), LegacyDefault);
        assert_eq!(ruby("2.11.473"), LegacyDefault);
        assert_eq!(ruby("2.11.474"), NotFlagged);
        assert_eq!(ruby("3.70.0"), Unconfigurable);
        assert_eq!(ruby("3.71.0"), LegacyDefault);
        assert_eq!(ruby("3.91.1"), LegacyDefault);
        assert_eq!(ruby("3.92.0"), NotFlagged);
        assert_eq!(ruby("~> 3.71.0"), LegacyDefault);
        assert_eq!(ruby("~> 3.71"), NotFlagged);
        assert_eq!(ruby("~> 3"), NotFlagged);
        assert_eq!(ruby(">= 3.0, < 3.50"), Unconfigurable);
        let php = |v| verdict(Ecosystem::Packagist, "aws/aws-sdk-php", v).unwrap();
        assert_eq!(php("3.351.11"), LegacyDefault);
        assert_eq!(php("3.351.12"), NotFlagged);
        assert_eq!(php("^3.300"), NotFlagged);
        assert_eq!(php("~3.300.0"), LegacyDefault);
        assert_eq!(php("3.300.*"), LegacyDefault);
        assert_eq!(php("3.2.0 || ^3.352"), NotFlagged);
        assert_eq!(php("3.0.0"), LegacyDefault);
        assert_eq!(php("dev-master"), NotFlagged);
    }

    #[test]
    fn unconfirmed_dotnet_is_never_flagged() {
        for v in ["3.3.0", "[3.3.0]", "3.7.100"] {
            assert_eq!(
                verdict(Ecosystem::NuGet, "AWSSDK.Core", v),
                Some(NotFlagged)
            );
        }
    }

    #[test]
    fn dotted_versions_compare_numerically() {
        let d = |s| Dotted::parse(s).unwrap();
        assert!(d("1.11.618") > d("1.11.99"));
        assert_eq!(d("3.0"), d("3.0.0"));
        assert!(d("1.0-SNAPSHOT") < d("1.0"));
        assert_eq!(d("v3.351.12").to_string(), "3.351.12");
        assert!(Dotted::parse("dev-master").is_none());
    }
}
