//! Rules stage: the registry. One file per rule; each reads the facts of one file and pushes diagnostics.

mod client_text;
mod context;
mod cross_region_sts_endpoint;
mod global_endpoint;
mod global_region;
mod invalid_sts_mode;
mod irsa_global_endpoint;
mod legacy_default_client;
mod legacy_sts_mode;
mod legacy_token_version;
pub mod missing_regional_setting;
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

/// What a rule reads: the facts of one file, and what the plan knows beyond the file.
///
/// It dereferences to [`FileFacts`], so a rule reads `facts.settings` whichever it is given.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub facts: &'a FileFacts,
    /// The project's `default-region`: the region a fix or help names when the file sets none.
    pub default_region: Option<&'a str>,
    /// Account-level facts of the file's repository (VPC endpoints, token version, regions), when it
    /// has any that matter ([`crate::repo`]).
    pub repo: Option<&'a crate::repo::RepoContext>,
}

impl std::ops::Deref for Input<'_> {
    type Target = FileFacts;
    fn deref(&self) -> &FileFacts {
        self.facts
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
    /// The facts without which the rule has nothing to say. Every rule runs on every file; this only
    /// tells `stslint rules` which file kinds can give the rule something to read (see
    /// [`crate::classify::Spec::yields`]).
    pub reads: Facts,
    pub fix: FixAvailability,
    /// The embedded user doc (`rules/<CODE>-<name>.md`).
    pub doc: &'static str,
    pub check: fn(&Input, &mut Vec<Diagnostic>),
}

impl Rule {
    /// How a user reads the doc, offline, in every output format: there is no published site yet.
    pub fn doc_command(&self) -> String {
        format!("stslint rule {}", self.code)
    }

    /// The file kinds whose extractors can yield what this rule reads.
    pub fn kinds(&self) -> impl Iterator<Item = FileKind> + '_ {
        FileKind::ALL
            .iter()
            .copied()
            .filter(|k| self.reads.intersects(k.spec().yields))
    }
}

/// Families of facts, as a set: what a file kind's extractor yields and what a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Facts(u16);

impl Facts {
    pub const NONE: Facts = Facts(0);
    /// `sts_regional_endpoints` / `AWS_STS_REGIONAL_ENDPOINTS` settings, and `defaults_mode`.
    pub const STS_MODE: Facts = Facts(1);
    /// Region settings.
    pub const REGION: Facts = Facts(1 << 1);
    /// JavaScript v3's `useGlobalEndpoint` option.
    pub const USE_GLOBAL_ENDPOINT: Facts = Facts(1 << 2);
    /// The IRSA annotation or pod identity webhook flag.
    pub const IRSA: Facts = Facts(1 << 3);
    /// Profile keys that make an SDK call STS for credentials.
    pub const CREDENTIAL_SOURCE: Facts = Facts(1 << 4);
    /// STS hosts in endpoint positions.
    pub const ENDPOINTS: Facts = Facts(1 << 5);
    /// CLIs and SDKs a file installs, pins or locks.
    pub const CLIENTS: Facts = Facts(1 << 6);
    /// AWS shared-file profiles.
    pub const PROFILES: Facts = Facts(1 << 7);
    /// Java SDK v1 STS clients built with the deprecated constructors.
    pub const DEPRECATED_CONSTRUCTORS: Facts = Facts(1 << 8);
    /// `stslint: ignore` comments (every kind has a comment syntax).
    pub const SUPPRESSIONS: Facts = Facts(1 << 9);
    /// STS interface VPC endpoints (a repository-level fact, read through [`Input::repo`]).
    pub const VPC_ENDPOINTS: Facts = Facts(1 << 10);
    /// The global endpoint's token version (a repository-level fact).
    pub const TOKEN_VERSION: Facts = Facts(1 << 11);
    /// The Terraform version a version manager pins or a root module requires (a repository-level
    /// fact: it decides the S3 backend's STS client in another file).
    pub const TERRAFORM_VERSION: Facts = Facts(1 << 12);

    pub const fn or(self, other: Facts) -> Facts {
        Facts(self.0 | other.0)
    }

    pub const fn intersects(self, other: Facts) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn contains(self, other: Facts) -> bool {
        self.0 & other.0 == other.0
    }

    /// The families present in one file's facts.
    pub fn of(facts: &FileFacts) -> Facts {
        use crate::extract::facts::{ContextKind, SettingName};
        let mut set = Facts::NONE;
        for s in &facts.settings {
            set = set.or(match s.name {
                // `defaults_mode` decides the STS mode of the clients that honour it.
                SettingName::StsRegionalEndpoints | SettingName::DefaultsMode => Facts::STS_MODE,
                SettingName::Region => Facts::REGION,
                // Endpoint settings are read by rules as the endpoints they configure.
                SettingName::StsEndpointUrl | SettingName::EndpointUrl => Facts::NONE,
                SettingName::UseGlobalEndpoint => Facts::USE_GLOBAL_ENDPOINT,
                SettingName::IrsaRegionalSts => Facts::IRSA,
                SettingName::CredentialSource => Facts::CREDENTIAL_SOURCE,
            });
        }
        let flag = |present: bool, f: Facts| if present { f } else { Facts::NONE };
        set = set.or(flag(!facts.deploy_regions.is_empty(), Facts::REGION));
        set.or(flag(!facts.endpoints.is_empty(), Facts::ENDPOINTS))
            .or(flag(!facts.clients.is_empty(), Facts::CLIENTS))
            .or(flag(
                facts
                    .contexts
                    .iter()
                    .any(|c| matches!(c.kind, ContextKind::Profile { .. })),
                Facts::PROFILES,
            ))
            .or(flag(
                !facts.deprecated_sts_constructors.is_empty(),
                Facts::DEPRECATED_CONSTRUCTORS,
            ))
            .or(flag(!facts.vpc_endpoints.is_empty(), Facts::VPC_ENDPOINTS))
            .or(flag(!facts.token_versions.is_empty(), Facts::TOKEN_VERSION))
            .or(flag(
                !facts.terraform_versions.is_empty(),
                Facts::TERRAFORM_VERSION,
            ))
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
    &legacy_token_version::RULE,
    &unused_suppression::RULE,
];

/// Rules whose findings send STS calls to the global endpoint `sts.amazonaws.com`: in a repository with
/// an STS interface VPC endpoint, which serves only the regional host, each of their findings says so
/// (see `context.rs`). Severity and wording stay with each rule.
pub const GLOBAL_TRAFFIC: &[&str] = &[
    "STS001", "STS002", "STS005", "STS101", "STS102", "STS201", "STS202",
];

/// One problem, one finding: `(specific, general)` pairs where a finding of `specific` implies a
/// finding of `general` on the same span. Only the specific one is reported, with the general one's
/// labels, context and fix folded in, unless it is reported at a lower severity than the general one
/// (STS202 lowered to `info` under `v2Token` leaves STS001's warning standing).
pub const SUPERSEDES: &[(&str, &str)] = &[
    // The global endpoint in an opt-in region: STS202 names the token failure and the regional fix.
    ("STS202", "STS001"),
];

/// Applies [`SUPERSEDES`] to one file's reported findings; `suppressed` are the findings silenced by
/// comments, which still supersede (silencing the specific finding silences the problem).
pub fn supersede(diagnostics: &mut Vec<Diagnostic>, suppressed: &[&Diagnostic]) {
    // Only findings on the same span can imply each other: group them, so that a file with thousands of
    // findings is not compared pair by pair.
    let mut by_span: std::collections::HashMap<crate::source::Span, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        by_span.entry(d.span).or_default().push(i);
    }
    let mut suppressed_by_span: std::collections::HashMap<crate::source::Span, Vec<&Diagnostic>> =
        std::collections::HashMap::new();
    for d in suppressed {
        suppressed_by_span.entry(d.span).or_default().push(d);
    }
    let mut superseded = vec![false; diagnostics.len()];
    for group in by_span
        .values()
        .filter(|g| g.len() > 1 || !suppressed_by_span.is_empty())
    {
        for &general in group {
            let (span, code, severity) = {
                let d = &diagnostics[general];
                (d.span, d.rule.code, d.severity)
            };
            let implies = |d: &Diagnostic| {
                d.span == span
                    && d.severity >= severity
                    && SUPERSEDES.contains(&(d.rule.code, code))
            };
            if suppressed_by_span
                .get(&span)
                .is_some_and(|s| s.iter().any(|d| implies(d)))
            {
                superseded[general] = true;
                continue;
            }
            let Some(&specific) = group
                .iter()
                .find(|&&i| i != general && !superseded[i] && implies(&diagnostics[i]))
            else {
                continue;
            };
            superseded[general] = true;
            let folded = diagnostics[general].clone();
            let keep = &mut diagnostics[specific];
            for label in folded.labels {
                if !keep.labels.iter().any(|l| l.span == label.span) {
                    keep.labels.push(label);
                }
            }
            for note in folded.context {
                if !keep.context.contains(&note) {
                    keep.context.push(note);
                }
            }
            if keep.fix.is_none() {
                keep.fix = folded.fix;
            }
        }
    }
    let mut flags = superseded.into_iter();
    diagnostics.retain(|_| !flags.next().unwrap_or(false));
}

/// Rules that only make sense with the whole machine in view (`stslint doctor` enables them by
/// default); in `check` they run only when selected.
pub const DOCTOR_ONLY: &[&str] = &["STS006"];

/// A set of rules of one registry (a bitset of registry positions). Rules are compared by position,
/// never by pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct RuleSet(u128);

impl RuleSet {
    pub const EMPTY: RuleSet = RuleSet(0);

    /// Every rule of a registry.
    pub fn all(registry: &[&Rule]) -> RuleSet {
        assert!(registry.len() <= 128, "a RuleSet holds at most 128 rules");
        RuleSet(if registry.len() == 128 {
            u128::MAX
        } else {
            (1u128 << registry.len()) - 1
        })
    }

    /// The rules of a registry for which `keep` holds.
    pub fn filter(registry: &[&'static Rule], keep: impl Fn(&Rule) -> bool) -> RuleSet {
        registry
            .iter()
            .enumerate()
            .filter(|(_, r)| keep(r))
            .fold(RuleSet::EMPTY, |s, (i, _)| RuleSet(s.0 | 1 << i))
    }

    /// Whether `rule`, a rule of `registry`, is in the set.
    pub fn contains(self, registry: &[&Rule], rule: &Rule) -> bool {
        registry
            .iter()
            .position(|r| r.code == rule.code)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }

    pub fn union(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 | other.0)
    }

    pub fn without(self, other: RuleSet) -> RuleSet {
        RuleSet(self.0 & !other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The rules of the set, in registry order.
    pub fn iter(
        self,
        registry: &'static [&'static Rule],
    ) -> impl Iterator<Item = &'static Rule> + 'static {
        registry
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, r)| *r)
    }

    /// Resolves `--select`/`--ignore`/config values against the registry: codes, names, code
    /// prefixes (`STS0`) or `ALL`.
    pub fn parse(keys: &[impl AsRef<str>]) -> Result<RuleSet, String> {
        keys.iter().try_fold(RuleSet::EMPTY, |set, key| {
            Ok(set.union(RuleSet::parse_one(key.as_ref())?))
        })
    }

    fn parse_one(key: &str) -> Result<RuleSet, String> {
        let key = key.trim();
        if key.eq_ignore_ascii_case("ALL") {
            return Ok(RuleSet::all(ALL));
        }
        if let Some(rule) = find(key) {
            return Ok(RuleSet::filter(ALL, |r| r.code == rule.code));
        }
        let upper = key.to_ascii_uppercase();
        let by_prefix = RuleSet::filter(ALL, |r| {
            upper.starts_with("STS") && r.code.starts_with(&upper)
        });
        if by_prefix.is_empty() {
            Err(unknown_rule(key))
        } else {
            Ok(by_prefix)
        }
    }
}

/// One layer of rule selection (the command line, or one config file): `select` replaces what the
/// layers below chose; `extend_select` and `ignore` add to them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub select: Option<RuleSet>,
    pub extend_select: RuleSet,
    pub ignore: RuleSet,
}

/// Which rules run by default where no layer selects: `check` leaves the machine-wide rules to
/// `doctor`, which runs every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defaults {
    Check,
    Doctor,
}

/// The one place rules are selected: layers from lowest (a config file) to highest (the command line),
/// plus whatever else is ignored for this file (per-file ignores, severity `off`).
pub fn enabled(defaults: Defaults, layers: &[&Selection], also_ignored: RuleSet) -> RuleSet {
    let default = match defaults {
        Defaults::Check => RuleSet::filter(ALL, |r| !DOCTOR_ONLY.contains(&r.code)),
        Defaults::Doctor => RuleSet::all(ALL),
    };
    let base = layers
        .iter()
        .rev()
        .find_map(|l| l.select)
        .unwrap_or(default);
    let extended = layers
        .iter()
        .fold(base, |set, l| set.union(l.extend_select));
    let ignored = layers
        .iter()
        .fold(also_ignored, |set, l| set.union(l.ignore));
    extended.without(ignored)
}

/// A rule by code (`STS001`, any case) or name (`global-endpoint`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
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

/// Runs the rules of `set` (positions in `registry`) on one file's facts.
pub fn check(input: &Input, registry: &'static [&'static Rule], set: RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in set.iter(registry) {
        (rule.check)(input, &mut out);
    }
    if let Some(repo) = input.repo {
        context::annotate(input, repo, &mut out);
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
        let codes = |set: RuleSet| set.iter(ALL).map(|r| r.code).collect::<Vec<_>>();
        let cli = |select: &[&str], ignore: &[&str]| Selection {
            select: (!select.is_empty()).then(|| RuleSet::parse(select).unwrap()),
            extend_select: RuleSet::EMPTY,
            ignore: RuleSet::parse(ignore).unwrap(),
        };
        let check = |s: Selection| codes(enabled(Defaults::Check, &[&s], RuleSet::EMPTY));
        assert_eq!(check(cli(&["sts002"], &[])), ["STS002"]);
        assert_eq!(check(cli(&["global-region"], &[])), ["STS005"]);
        assert_eq!(
            check(cli(&["STS00"], &["STS004"])),
            ["STS001", "STS002", "STS003", "STS005", "STS006"]
        );
        assert!(!check(cli(&[], &[])).contains(&"STS006"));
        assert!(
            codes(enabled(Defaults::Doctor, &[&cli(&[], &[])], RuleSet::EMPTY)).contains(&"STS006")
        );
        assert!(RuleSet::parse(&["STS999"]).is_err());
        assert!(RuleSet::parse(&["nope"]).is_err());
    }

    #[test]
    fn supersession_names_registered_rules_and_keeps_the_specific_finding() {
        for (specific, general) in SUPERSEDES {
            assert!(find(specific).is_some() && find(general).is_some());
            assert_ne!(specific, general);
        }
        let rule = |code| find(code).unwrap();
        let at = |code, start, severity| {
            let mut d = Diagnostic::new(
                rule(code),
                crate::source::Span::new(start, start + 5),
                "m",
                "h",
            );
            d.severity = severity;
            d
        };
        let codes = |ds: &[Diagnostic]| ds.iter().map(|d| d.rule.code).collect::<Vec<_>>();
        // Same span: only the specific finding, with the general one's fix and labels folded in.
        let mut general = at("STS001", 0, Severity::Warning)
            .with_label(crate::source::Span::new(20, 25), "region set here")
            .with_fix(crate::diagnostic::Fix::unsafe_edit(
                crate::diagnostic::Edit::replace(crate::source::Span::new(0, 5), "x"),
            ));
        general.labels.push(crate::diagnostic::Label {
            span: crate::source::Span::new(30, 31),
            message: "other".into(),
        });
        let mut ds = vec![general, at("STS202", 0, Severity::Error)];
        supersede(&mut ds, &[]);
        assert_eq!(codes(&ds), ["STS202"]);
        assert!(ds[0].fix.is_some());
        assert_eq!(ds[0].labels.len(), 2);
        // Another span, or a specific finding reported lower (v2Token), supersedes nothing.
        let mut ds = vec![
            at("STS001", 0, Severity::Warning),
            at("STS202", 9, Severity::Error),
        ];
        supersede(&mut ds, &[]);
        assert_eq!(codes(&ds), ["STS001", "STS202"]);
        let mut ds = vec![
            at("STS001", 0, Severity::Warning),
            at("STS202", 0, Severity::Info),
        ];
        supersede(&mut ds, &[]);
        assert_eq!(codes(&ds), ["STS001", "STS202"]);
        // A suppressed specific finding silences the problem: the general one goes too.
        let silenced = at("STS202", 0, Severity::Error);
        let mut ds = vec![at("STS001", 0, Severity::Warning)];
        supersede(&mut ds, &[&silenced]);
        assert!(ds.is_empty());
        // Pairs not in the table are left alone.
        let mut ds = vec![
            at("STS001", 0, Severity::Warning),
            at("STS203", 0, Severity::Error),
        ];
        supersede(&mut ds, &[]);
        assert_eq!(codes(&ds), ["STS001", "STS203"]);
    }

    #[test]
    fn higher_layers_replace_select_and_add_ignores_and_extensions() {
        let parse = |k: &[&str]| RuleSet::parse(k).unwrap();
        let config = Selection {
            select: Some(parse(&["STS001", "STS002"])),
            extend_select: parse(&["STS006"]),
            ignore: parse(&["STS002"]),
        };
        let none = Selection::default();
        let codes = |set: RuleSet| set.iter(ALL).map(|r| r.code).collect::<Vec<_>>();
        assert_eq!(
            codes(enabled(Defaults::Check, &[&config, &none], RuleSet::EMPTY)),
            ["STS001", "STS006"]
        );
        let cli = Selection {
            select: Some(parse(&["STS005"])),
            ..Selection::default()
        };
        assert_eq!(
            codes(enabled(
                Defaults::Check,
                &[&config, &cli],
                parse(&["STS006"])
            )),
            ["STS005"]
        );
    }
}
