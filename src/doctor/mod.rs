//! The workstation check (`stslint doctor`): this machine's effective STS configuration.
//!
//! It reads the AWS config and credentials files, the shell start-up files and the AWS variables of the
//! process environment through the same extractors and rules as `check`, finds installed clients
//! statically, and resolves per profile what the SDKs would do: environment over profile over the
//! client's default, `[default]` not inherited, credentials-file values winning over config-file ones
//! as botocore merges them (boto/botocore `botocore/session.py` `Session.full_config`,
//! `botocore/configloader.py` `build_profile_map`).

pub mod installed;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::classify::FileKind;
use crate::extract::facts::{ContextKind, FileFacts, SettingName};
use crate::knowledge::hosts::{self, GLOBAL_HOST, Host};
use crate::knowledge::regions;
use crate::knowledge::versions::Verdict;
use std::sync::Arc;

use crate::lint::{self, FilePlan, FileResult, Report};
use crate::source::SourceFile;
pub use installed::InstalledClient;

/// Environment variables the doctor reads. None of them holds a secret, so all may be shown.
pub const ENV_VARS: &[&str] = &[
    "AWS_CONFIG_FILE",
    "AWS_DEFAULTS_MODE",
    "AWS_DEFAULT_PROFILE",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_STS",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_SDK_LOAD_CONFIG",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_STS_REGIONAL_ENDPOINTS",
];

/// Shell start-up files of bash, zsh, fish and POSIX sh, relative to the home directory.
pub const SHELL_FILES: &[&str] = &[
    ".bash_login",
    ".bash_profile",
    ".bashrc",
    ".config/fish/config.fish",
    ".profile",
    ".zlogin",
    ".zprofile",
    ".zshenv",
    ".zshrc",
];

/// The shown name of the virtual file holding the process environment.
pub const ENVIRONMENT: &str = "<environment>";

/// What the doctor is pointed at; tests build all of it.
#[derive(Debug, Clone)]
pub struct Machine {
    pub home: PathBuf,
    /// The process environment, only [`ENV_VARS`].
    pub env: BTreeMap<String, String>,
    pub path_dirs: Vec<PathBuf>,
    /// The variables that say where version and package managers install ([`installed::LOCATOR_VARS`]).
    pub locators: BTreeMap<String, String>,
}

impl Machine {
    /// This process's machine: `$HOME` (or `home`), its environment and its `PATH`.
    pub fn current(home: Option<PathBuf>) -> Self {
        let home = home
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("."));
        let env = ENV_VARS
            .iter()
            .filter_map(|k| std::env::var(k).ok().map(|v| ((*k).to_owned(), v)))
            .collect();
        let path_dirs = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        let locators = installed::LOCATOR_VARS
            .iter()
            .filter_map(|k| std::env::var(k).ok().map(|v| ((*k).to_owned(), v)))
            .collect();
        Machine {
            home,
            env,
            path_dirs,
            locators,
        }
    }

    fn file(&self, var: &str, default: &str) -> PathBuf {
        self.env
            .get(var)
            .filter(|v| !v.is_empty())
            .map(|v| expand_home(v, &self.home))
            .unwrap_or_else(|| self.home.join(default))
    }
}

fn expand_home(path: &str, home: &Path) -> PathBuf {
    match path.strip_prefix("~/") {
        Some(rest) => home.join(rest),
        None => PathBuf::from(path),
    }
}

/// A value and where it came from ("env `AWS_REGION`", "config", "~/.zshrc").
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sourced {
    pub value: String,
    pub from: String,
}

/// One profile's effective STS behaviour.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProfileView {
    pub name: String,
    /// Selected by `AWS_PROFILE` (or `default` when it is unset).
    pub active: bool,
    pub region: Option<Sourced>,
    /// `None`: not set anywhere, so each client's default applies.
    pub mode: Option<Sourced>,
    pub endpoint_override: Option<Sourced>,
    /// The host a client whose default is `legacy` would call with this profile.
    pub legacy_client_host: String,
    /// Installed clients that would call the global endpoint with this profile.
    pub affected: Vec<String>,
}

/// How an installed client treats the STS setting (the thresholds of [`crate::knowledge::clients`]:
/// boto/botocore and aws/aws-cli `CHANGELOG.rst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClientDefault {
    /// Too old to read the setting: always `legacy`.
    Unconfigurable,
    /// Reads the setting; `legacy` when unset.
    Legacy,
    /// Reads the setting; `regional` when unset.
    Regional,
    /// Ignores the setting; always regional (AWS CLI v2).
    RegionalOnly,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ClientView {
    pub package: &'static str,
    pub version: String,
    /// The first place it was found (kept for the JSON contract); `locations` has them all.
    pub location: String,
    /// Every place this package and version was found, in the order they were looked at.
    pub locations: Vec<String>,
    pub default: ClientDefault,
    pub why: String,
}

/// Everything the doctor found.
#[derive(Debug)]
pub struct Examination {
    pub config_file: PathBuf,
    pub credentials_file: PathBuf,
    pub shell_files: Vec<PathBuf>,
    pub env: BTreeMap<String, String>,
    pub clients: Vec<ClientView>,
    pub profiles: Vec<ProfileView>,
    /// Findings of the same rules as `check`, plus STS006, over the files above and the environment.
    pub report: Report,
}

/// Examines a machine, linting each of its files with `plan` (the doctor's rules; machine files are
/// never test files, whatever directory the home is in).
pub fn examine(machine: &Machine, plan: &Arc<FilePlan>) -> Examination {
    let config_file = machine.file("AWS_CONFIG_FILE", ".aws/config");
    let credentials_file = machine.file("AWS_SHARED_CREDENTIALS_FILE", ".aws/credentials");
    let shell_files: Vec<PathBuf> = SHELL_FILES
        .iter()
        .map(|f| machine.home.join(f))
        .filter(|p| p.is_file())
        .collect();

    let mut report = Report::default();
    let config = read_into(&mut report, &config_file, FileKind::AwsConfig, plan);
    let credentials = read_into(
        &mut report,
        &credentials_file,
        FileKind::AwsCredentials,
        plan,
    );
    let shells: Vec<(PathBuf, FileFacts)> = shell_files
        .iter()
        .filter_map(|p| read_into(&mut report, p, FileKind::Shell, plan).map(|f| (p.clone(), f)))
        .collect();
    let env_text: String = machine
        .env
        .iter()
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect();
    let env_source = SourceFile::from_text(ENVIRONMENT, FileKind::DotEnv, env_text);
    let env_result = lint::lint(env_source, plan);
    let env_facts = env_result.facts.clone();
    report.files_checked += 1;
    if !env_result.diagnostics.is_empty() {
        report.files.push(Box::new(env_result));
    }

    let places = installed::Places {
        home: machine.home.clone(),
        path_dirs: machine.path_dirs.clone(),
        vars: machine.locators.clone(),
    };
    let clients: Vec<ClientView> = installed::find(&places)
        .into_iter()
        .map(client_view)
        .collect();
    let resolver = ProfileResolver {
        machine,
        env: &env_facts,
        shells: &shells,
        config: config.as_ref(),
        credentials: credentials.as_ref(),
        clients: &clients,
    };
    let profiles = resolver.profiles();
    drop_regioned_sts006(&mut report, config.as_ref(), &profiles);
    raise_sts004(&mut report, config.as_ref(), &clients);
    report
        .files
        .sort_by(|a, b| a.source.path.cmp(&b.source.path));
    Examination {
        config_file,
        credentials_file,
        shell_files,
        env: machine.env.clone(),
        clients,
        profiles,
        report,
    }
}

/// Lints one file of the machine into the report; a missing file is not an error, an unreadable one is.
fn read_into(
    report: &mut Report,
    path: &Path,
    kind: FileKind,
    plan: &Arc<FilePlan>,
) -> Option<FileFacts> {
    if !path.exists() {
        return None;
    }
    match SourceFile::read(path, path.to_path_buf(), kind) {
        Ok(Ok(source)) => {
            report.files_checked += 1;
            let result: FileResult = lint::lint(source, plan);
            let facts = result.facts.clone();
            if !result.diagnostics.is_empty() || !result.facts.problems.is_empty() {
                report.files.push(Box::new(result));
            }
            Some(facts)
        }
        Ok(Err(skip)) => {
            report.skipped.push((path.to_path_buf(), skip));
            None
        }
        Err(e) => {
            report.errors.push(crate::discover::PathError {
                path: path.to_path_buf(),
                message: crate::discover::io_message(&e),
                fails: false,
            });
            None
        }
    }
}

/// STS006 sees one file; the doctor also knows the environment's and the credentials file's region,
/// so it drops the findings on profile headers whose profile has a region after all.
fn drop_regioned_sts006(report: &mut Report, config: Option<&FileFacts>, profiles: &[ProfileView]) {
    let Some(config) = config else { return };
    let regioned: Vec<crate::source::Span> = config
        .contexts
        .iter()
        .filter_map(|c| match &c.kind {
            ContextKind::Profile { name, .. }
                if profiles
                    .iter()
                    .any(|p| &p.name == name && p.region.is_some()) =>
            {
                c.header
            }
            _ => None,
        })
        .collect();
    for file in &mut report.files {
        if file.source.kind == FileKind::AwsConfig {
            file.diagnostics
                .retain(|d| d.rule.code != "STS006" || !regioned.contains(&d.span));
        }
    }
    report
        .files
        .retain(|f| !f.diagnostics.is_empty() || !f.facts.problems.is_empty());
}

/// STS004 sees one file; the doctor also knows the clients installed on the machine. Each installed
/// client whose default is `legacy` reads `~/.aws/config` (the doctor finds awscli, boto3 and
/// botocore), so the findings on the profiles it would use are re-judged with them as readers:
/// `warning`, naming the client, instead of `info`.
fn raise_sts004(report: &mut Report, config: Option<&FileFacts>, clients: &[ClientView]) {
    let Some(config) = config else { return };
    let readers: Vec<crate::extract::facts::ConfigReader> = clients
        .iter()
        .filter(|c| c.default == ClientDefault::Legacy)
        .map(|c| crate::extract::facts::ConfigReader {
            name: format!("{} {} (installed at {})", c.package, c.version, c.location),
            honours_defaults_mode: crate::knowledge::versions::honours_defaults_mode(&pypi_client(
                c.package, &c.version,
            )),
        })
        .collect();
    if readers.is_empty() {
        return;
    }
    let readers: Vec<_> = readers.iter().collect();
    for file in &mut report.files {
        if file.source.kind != FileKind::AwsConfig {
            continue;
        }
        for d in file
            .diagnostics
            .iter_mut()
            .filter(|d| d.rule.code == "STS004")
        {
            let profile = config
                .contexts
                .iter()
                .position(|c| c.header == Some(d.span));
            let judged = profile.and_then(|id| {
                crate::rules::missing_regional_setting::judge_profile(config, id, &readers)
            });
            if let Some((severity, message)) = judged {
                d.severity = severity;
                d.message = message;
            }
        }
    }
}

/// An installed Python client as the knowledge table judges it.
fn pypi_client(package: &str, version: &str) -> crate::extract::facts::Client {
    crate::extract::facts::Client {
        ecosystem: crate::extract::facts::Ecosystem::PyPi,
        package: package.to_owned(),
        version: version.to_owned(),
        installed: crate::extract::facts::Installed::Pin,
        span: crate::source::Span::default(),
        origin: String::new(),
        context: 0,
    }
}

fn client_view(i: InstalledClient) -> ClientView {
    let (default, why) = client_default(i.package, &i.version);
    ClientView {
        package: i.package,
        version: i.version,
        location: i
            .locations
            .first()
            .map(|l| l.display().to_string())
            .unwrap_or_default(),
        locations: i
            .locations
            .iter()
            .map(|l| l.display().to_string())
            .collect(),
        default,
        why,
    }
}

/// The thresholds (boto/botocore, boto/boto3, aws/aws-cli `CHANGELOG.rst`) for the clients the doctor finds, read from the knowledge table
/// (`knowledge::clients`) that the client rules use, so a threshold lives in one place.
fn client_default(package: &str, version: &str) -> (ClientDefault, String) {
    if package == crate::knowledge::clients::AWS_CLI_V2 {
        return (
            ClientDefault::RegionalOnly,
            "AWS CLI v2 always uses regional endpoints".into(),
        );
    }
    let client = pypi_client(package, version);
    let Some(a) = crate::knowledge::versions::assess(&client) else {
        return (ClientDefault::Regional, String::new());
    };
    match (a.verdict, a.band.setting_from, a.band.regional_from) {
        (Verdict::Unconfigurable, Some(supports), _) => (
            ClientDefault::Unconfigurable,
            format!(
                "{package} {version} cannot read the setting (added in {supports}); it always uses the global endpoint for {}",
                a.info.unconfigurable_reach
            ),
        ),
        (Verdict::LegacyDefault, _, Some(regional_from)) => (
            ClientDefault::Legacy,
            format!(
                "{package} {version} defaults to legacy; {regional_from} and later default to regional"
            ),
        ),
        _ => (
            ClientDefault::Regional,
            format!("{package} {version} defaults to regional"),
        ),
    }
}

struct ProfileResolver<'a> {
    machine: &'a Machine,
    env: &'a FileFacts,
    shells: &'a [(PathBuf, FileFacts)],
    config: Option<&'a FileFacts>,
    credentials: Option<&'a FileFacts>,
    clients: &'a [ClientView],
}

impl ProfileResolver<'_> {
    fn profiles(&self) -> Vec<ProfileView> {
        let mut names: Vec<String> = Vec::new();
        for facts in [self.config, self.credentials].into_iter().flatten() {
            for c in &facts.contexts {
                if let ContextKind::Profile { name, .. } = &c.kind
                    && !names.contains(name)
                {
                    names.push(name.clone());
                }
            }
        }
        if names.is_empty() {
            names.push("default".into());
        }
        let active = self
            .machine
            .env
            .get("AWS_PROFILE")
            .or_else(|| self.machine.env.get("AWS_DEFAULT_PROFILE"))
            .cloned()
            .unwrap_or_else(|| "default".into());
        names
            .iter()
            .map(|n| self.profile(n, *n == active))
            .collect()
    }

    /// Environment first, then shell start-up files, then the credentials file, then the config file.
    fn lookup(&self, profile: &str, names: &[SettingName], env_keys: &[&str]) -> Option<Sourced> {
        for key in env_keys {
            if let Some(s) = self.env.settings.iter().rev().find(|s| s.key == *key) {
                return Some(Sourced {
                    value: s.value.clone(),
                    from: format!("env `{key}`"),
                });
            }
        }
        for key in env_keys {
            for (path, facts) in self.shells {
                if let Some(s) = facts.settings.iter().rev().find(|s| s.key == *key) {
                    return Some(Sourced {
                        value: s.value.clone(),
                        from: format!("`{key}` in {}", self.shown(path)),
                    });
                }
            }
        }
        for (facts, what) in [
            (self.credentials, "credentials file"),
            (self.config, "config file"),
        ] {
            let Some(facts) = facts else { continue };
            let found = facts
                .contexts
                .iter()
                .enumerate()
                .find_map(|(id, c)| match &c.kind {
                    ContextKind::Profile { name, .. } if name == profile => facts
                        .settings
                        .iter()
                        .rev()
                        .find(|s| s.context == id && names.contains(&s.name)),
                    _ => None,
                });
            if let Some(s) = found {
                return Some(Sourced {
                    value: s.value.clone(),
                    from: format!("{what} `{}`", s.key),
                });
            }
        }
        None
    }

    fn shown(&self, path: &Path) -> String {
        match path.strip_prefix(&self.machine.home) {
            Ok(rel) => format!("~/{}", rel.display()),
            Err(_) => path.display().to_string(),
        }
    }

    fn profile(&self, name: &str, active: bool) -> ProfileView {
        let region = self.lookup(
            name,
            &[SettingName::Region],
            &["AWS_REGION", "AWS_DEFAULT_REGION"],
        );
        let mode = self.lookup(
            name,
            &[SettingName::StsRegionalEndpoints],
            &["AWS_STS_REGIONAL_ENDPOINTS"],
        );
        let endpoint_override = self
            .lookup(
                name,
                &[SettingName::StsEndpointUrl],
                &["AWS_ENDPOINT_URL_STS"],
            )
            .or_else(|| self.lookup(name, &[SettingName::EndpointUrl], &["AWS_ENDPOINT_URL"]));
        let region_name = region.as_ref().map(|r| r.value.as_str());
        let mode_value = mode.as_ref().map(|m| m.value.as_str());
        let legacy_client_host = host_for(
            endpoint_override.as_ref(),
            region_name,
            mode_value.or(Some("legacy")),
        );
        let affected = self
            .clients
            .iter()
            .filter(|c| {
                let effective_mode = match (c.default, mode_value) {
                    (ClientDefault::RegionalOnly, _) => Some("regional"),
                    (ClientDefault::Unconfigurable, _) => Some("legacy"),
                    (_, Some(m)) => Some(m),
                    (ClientDefault::Legacy, None) => Some("legacy"),
                    (_, None) => Some("regional"),
                };
                host_for(endpoint_override.as_ref(), region_name, effective_mode) == GLOBAL_HOST
            })
            .map(|c| format!("{} {}", c.package, c.version))
            .collect();
        ProfileView {
            name: name.to_owned(),
            active,
            region,
            mode,
            endpoint_override,
            legacy_client_host,
            affected,
        }
    }
}

/// The STS host a botocore-style client would call (boto/botocore `botocore/args.py`
/// `_should_set_global_sts_endpoint` and `LEGACY_GLOBAL_STS_REGIONS`): an override wins; no region or
/// `aws-global` means global; `legacy` is global for the 16 legacy regions only.
fn host_for(endpoint: Option<&Sourced>, region: Option<&str>, mode: Option<&str>) -> String {
    if let Some(e) = endpoint {
        return match hosts::classify_sts_url(&e.value) {
            Some(Host::Global) => GLOBAL_HOST.to_owned(),
            _ => e.value.clone(),
        };
    }
    let Some(region) = region.filter(|r| !r.is_empty()) else {
        return GLOBAL_HOST.to_owned();
    };
    if region == "aws-global" || (mode == Some("legacy") && regions::is_legacy_global(region)) {
        return GLOBAL_HOST.to_owned();
    }
    hosts::regional_url(region)
        .trim_start_matches("https://")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_resolution_follows_botocore() {
        let global = GLOBAL_HOST.to_owned();
        assert_eq!(host_for(None, None, Some("regional")), global);
        assert_eq!(host_for(None, Some("aws-global"), Some("regional")), global);
        assert_eq!(host_for(None, Some("eu-west-1"), Some("legacy")), global);
        assert_eq!(
            host_for(None, Some("ap-northeast-2"), Some("legacy")),
            "sts.ap-northeast-2.amazonaws.com"
        );
        assert_eq!(
            host_for(None, Some("eu-west-1"), Some("regional")),
            "sts.eu-west-1.amazonaws.com"
        );
    }

    #[test]
    fn client_defaults_at_the_thresholds() {
        let d = |p, v| client_default(p, v).0;
        assert_eq!(d("awscli", "1.16.265"), ClientDefault::Unconfigurable);
        assert_eq!(d("awscli", "1.16.266"), ClientDefault::Legacy);
        assert_eq!(d("awscli", "1.41.99"), ClientDefault::Legacy);
        assert_eq!(d("awscli", "1.42.0"), ClientDefault::Regional);
        assert_eq!(d("botocore", "1.13.1"), ClientDefault::Unconfigurable);
        assert_eq!(d("botocore", "1.39.17"), ClientDefault::Legacy);
        assert_eq!(d("boto3", "1.40.0"), ClientDefault::Regional);
        assert_eq!(d("aws-cli", "2.0.0"), ClientDefault::RegionalOnly);
    }
}
