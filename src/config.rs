//! Configure stage: project config (`.stslint.toml`, `stslint.toml`, or `[tool.stslint]` in
//! `pyproject.toml`), found by walking up from each linted file's directory, validated so that every
//! mistake is a diagnostic pointing into the config file; then applied to the report.
//!
//! Precedence: command line over config file over defaults. `--select` replaces the config's `select`;
//! `--ignore` and `--extend-select` add to the config's lists; `--fail-on` replaces `fail-on`.
//!
//! `toml` with `deny_unknown_fields` and [`toml::Spanned`] values gives every error a byte span, which
//! miette draws as a code frame of the config file.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::pathglob::{self, PathGlobs};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Deserialize;
use toml::Spanned;

use crate::classify::FileKind;
use crate::diagnostic::Severity;
use crate::knowledge::hosts;
use crate::lint::FilePlan;
use crate::rules::{self, RuleSet, Selection};
use crate::source::SourceFile;

/// Config file names in one directory, in the order they win (as ruff orders its own).
pub const FILE_NAMES: &[&str] = &[".stslint.toml", "stslint.toml", "pyproject.toml"];

type Codes = Vec<Spanned<String>>;

/// The file as written. Every key is listed here; anything else is an error. The doc comments are the
/// descriptions of the JSON schema (`stslint config-schema`).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    title = "stslint configuration",
    description = "stslint.toml, .stslint.toml, or the [tool.stslint] table of pyproject.toml"
)]
struct RawConfig {
    /// Rules to enable: codes (STS002), names (legacy-sts-mode), code prefixes (STS00) or ALL. Default: all rules.
    #[schemars(with = "Option<Vec<String>>")]
    select: Option<Codes>,
    /// Rules to disable; an ignored rule stays off even when selected.
    #[schemars(with = "Option<Vec<String>>")]
    ignore: Option<Codes>,
    /// Rules to enable on top of `select`.
    #[schemars(with = "Option<Vec<String>>")]
    extend_select: Option<Codes>,
    /// Per rule (code or name): its severity, or `off`.
    #[schemars(with = "Option<BTreeMap<String, SeverityName>>")]
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// The lowest severity that fails the run (default: warning).
    #[schemars(with = "Option<FailOnName>")]
    fail_on: Option<Spanned<String>>,
    /// Globs, relative to this file, of paths not to lint (replaces nothing: built-in excludes always apply).
    #[schemars(with = "Option<Vec<String>>")]
    exclude: Option<Codes>,
    /// More globs like `exclude`.
    #[schemars(with = "Option<Vec<String>>")]
    extend_exclude: Option<Codes>,
    /// Glob (relative to this file) → the rules not to report in the files it matches.
    #[schemars(with = "Option<BTreeMap<String, Vec<String>>>")]
    per_file_ignores: Option<BTreeMap<Spanned<String>, Codes>>,
    /// The region fix suggestions use when a file sets none, e.g. eu-west-1.
    #[schemars(with = "Option<String>")]
    default_region: Option<Spanned<String>>,
    /// Glob (relative to this file) → the file kind its files are read as (a name `stslint rules`
    /// shows, e.g. aws-config, yaml, shell), before their names decide; the first match wins.
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    kinds: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    /// Files larger than this are skipped with a notice, e.g. "16M" (the default), "512K", or bytes;
    /// lockfiles read in one pass (package-lock.json, yarn.lock, …) get 16 times it.
    #[schemars(with = "Option<SizeValue>")]
    max_file_size: Option<Spanned<SizeValue>>,
    /// A file skipped for its size does not fail the run (the notice is still shown).
    allow_skipped: Option<bool>,
}

/// `max-file-size` as written: a number of bytes or a string with a unit.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

/// The values of `[severity]`, for the schema only (the parser reads strings to point at bad ones).
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum SeverityName {
    Error,
    Warning,
    Info,
    Off,
}

/// The values of `fail-on`, for the schema only.
#[derive(schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum FailOnName {
    Error,
    Warning,
    Info,
}

/// The JSON schema of the config file, generated from the types the parser reads it into.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawConfig);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[derive(Debug, Deserialize)]
struct Pyproject {
    tool: Option<PyprojectTool>,
}

#[derive(Debug, Deserialize)]
struct PyprojectTool {
    stslint: Option<RawConfig>,
}

/// A config file that cannot be used: the message, and where in the file.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: PathBuf,
    pub text: String,
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    fn at(path: &Path, text: &str, span: Range<usize>, message: String, help: &str) -> Self {
        ConfigError {
            path: path.to_path_buf(),
            text: text.to_owned(),
            span: Some(span),
            message,
            help: (!help.is_empty()).then(|| help.to_owned()),
        }
    }

    /// A miette report with a code frame of the config file. Like every frame, it is cut from the
    /// file's masked view and passes the output sanitizer: a secret or an escape sequence near the
    /// mistake shows as `*` or as visible escapes, and so does anything the message quotes.
    pub fn render(&self, color: bool) -> String {
        let shown = crate::sanitize::path_str(&crate::fingerprint::artifact_path(&self.path));
        let source = SourceFile::from_text(&self.path, FileKind::PyProject, self.text.clone());
        let scrubber = crate::secrets::Scrubber::new(&source);
        // The source drops a leading BOM; the error's offsets count it.
        let bom = if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        let span = self.span.as_ref().map(|span| {
            let start = span.start.saturating_sub(bom).min(source.text.len());
            let end = span.end.saturating_sub(bom).clamp(start, source.text.len());
            crate::source::Span::new(start, end)
        });
        let scrub = |s: &str| crate::sanitize::terminal(&scrubber.scrub(s, span)).into_owned();
        let frame = crate::sanitize::frame(source.masked());
        let mut diagnostic = MietteDiagnostic::new(format!(
            "invalid config `{shown}`: {}",
            scrub(&self.message)
        ))
        .with_code("stslint::config");
        if let Some(span) = span {
            let start = frame.offset(span.start);
            let end = frame.offset(span.end).max(start);
            diagnostic = diagnostic.with_label(LabeledSpan::at(start..end, "here"));
        }
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_help(scrub(help));
        }
        let report =
            miette::Report::new(diagnostic).with_source_code(NamedSource::new(shown, frame.text));
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out = format!("error: {}", scrub(&self.message));
        }
        out
    }
}

/// One config file, validated.
#[derive(Debug, Default)]
pub struct ConfigFile {
    /// The file these settings came from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The directory that relative globs in the file are matched from.
    pub root: PathBuf,
    selection: Selection,
    /// By rule code; `None` turns a rule off.
    severities: Vec<(&'static str, Option<Severity>)>,
    pub fail_on: Option<Severity>,
    exclude: PathGlobs,
    per_file_ignores: Vec<(PathGlobs, RuleSet)>,
    /// The region fix suggestions use when a file sets none (`default-region`).
    pub default_region: Option<String>,
    /// `[kinds]`: globs and the kind their files are read as, in the file's order.
    pub kinds: Vec<(PathGlobs, FileKind)>,
    pub max_file_size: Option<u64>,
    pub allow_skipped: Option<bool>,
}

fn parse_severity(value: &str) -> Option<Option<Severity>> {
    match value {
        "error" => Some(Some(Severity::Error)),
        "warning" => Some(Some(Severity::Warning)),
        "info" => Some(Some(Severity::Info)),
        "off" => Some(None),
        _ => None,
    }
}

/// Parses a `--fail-on` / `fail-on` value.
pub fn parse_fail_on(value: &str) -> Option<Severity> {
    parse_severity(value).flatten()
}

/// Reads and validates one config file. `Ok(None)`: a `pyproject.toml` without `[tool.stslint]`.
pub fn load(path: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    let text = crate::source::read_text_capped(path).map_err(|message| ConfigError {
        path: path.to_path_buf(),
        text: String::new(),
        span: None,
        message,
        help: None,
    })?;
    parse(path, &text)
}

/// Validates config text; `path` decides whether it is a `pyproject.toml`.
pub fn parse(path: &Path, text: &str) -> Result<Option<ConfigFile>, ConfigError> {
    let toml_error = |e: toml::de::Error| ConfigError {
        path: path.to_path_buf(),
        text: text.to_owned(),
        span: e.span(),
        message: e.message().trim_end().to_owned(),
        help: None,
    };
    let raw = if path.file_name().is_some_and(|n| n == "pyproject.toml") {
        // Somebody else's file: only read it when it can hold our table.
        if !text.contains("stslint") {
            return Ok(None);
        }
        let doc: Pyproject = toml::from_str(text).map_err(toml_error)?;
        match doc.tool.and_then(|t| t.stslint) {
            Some(raw) => raw,
            None => return Ok(None),
        }
    } else {
        toml::from_str::<RawConfig>(text).map_err(toml_error)?
    };
    let root = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    validate(path, text, raw, root).map(Some)
}

fn validate(
    path: &Path,
    text: &str,
    raw: RawConfig,
    root: PathBuf,
) -> Result<ConfigFile, ConfigError> {
    let rules_of = |codes: &Option<Codes>| -> Result<RuleSet, ConfigError> {
        codes
            .iter()
            .flatten()
            .try_fold(RuleSet::EMPTY, |set, code| {
                let found = RuleSet::parse(&[code.get_ref()]).map_err(|message| {
                    ConfigError::at(
                        path,
                        text,
                        code.span(),
                        message,
                        "run `stslint rules` to list the codes and names",
                    )
                })?;
                Ok(set.union(found))
            })
    };
    let globs = |patterns: &[&Spanned<String>]| -> Result<PathGlobs, ConfigError> {
        for p in patterns {
            pathglob::check(p.get_ref()).map_err(|e| {
                ConfigError::at(
                    path,
                    text,
                    p.span(),
                    format!("invalid glob `{}`: {}", p.get_ref(), e.kind()),
                    "",
                )
            })?;
        }
        PathGlobs::new(patterns.iter().map(|p| p.get_ref().as_str()))
            .map_err(|e| ConfigError::at(path, text, 0..0, e.to_string(), ""))
    };
    let mut severity = Vec::new();
    for (code, value) in raw.severity.iter().flatten() {
        let rule = rules::find(code.get_ref()).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                code.span(),
                format!("unknown rule `{}`", code.get_ref()),
                "run `stslint rules` to list the codes and names",
            )
        })?;
        let level = parse_severity(value.get_ref()).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                value.span(),
                format!("invalid severity `{}`", value.get_ref()),
                "use one of \"error\", \"warning\", \"info\", \"off\"",
            )
        })?;
        severity.push((rule.code, level));
    }
    let fail_on = match &raw.fail_on {
        None => None,
        Some(v) => Some(parse_fail_on(v.get_ref()).ok_or_else(|| {
            ConfigError::at(
                path,
                text,
                v.span(),
                format!("invalid fail-on `{}`", v.get_ref()),
                "use one of \"error\", \"warning\", \"info\"",
            )
        })?),
    };
    let default_region = match &raw.default_region {
        None => None,
        Some(v) if hosts::is_region_name(v.get_ref()) => Some(v.get_ref().clone()),
        Some(v) => {
            return Err(ConfigError::at(
                path,
                text,
                v.span(),
                format!("`{}` is not an AWS region name", v.get_ref()),
                "write a region such as \"eu-west-1\"",
            ));
        }
    };
    let max_file_size = match &raw.max_file_size {
        None => None,
        Some(v) => Some(
            match v.get_ref() {
                SizeValue::Bytes(n) => Some(*n),
                SizeValue::Text(t) => crate::source::parse_size(t),
            }
            .ok_or_else(|| {
                ConfigError::at(
                    path,
                    text,
                    v.span(),
                    "invalid max-file-size".to_owned(),
                    "write a size such as \"16M\", \"512K\" or a number of bytes",
                )
            })?,
        ),
    };
    let excludes: Vec<&Spanned<String>> = raw
        .exclude
        .iter()
        .flatten()
        .chain(raw.extend_exclude.iter().flatten())
        .collect();
    let mut per_file_ignores = Vec::new();
    for (glob, codes) in raw.per_file_ignores.iter().flatten() {
        per_file_ignores.push((globs(&[glob])?, rules_of(&Some(codes.clone()))?));
    }
    let mut kinds = Vec::new();
    let mut entries: Vec<_> = raw.kinds.iter().flatten().collect();
    entries.sort_by_key(|(glob, _)| glob.span().start);
    for (glob, kind) in entries {
        let parsed = FileKind::parse_name(kind.get_ref()).map_err(|message| {
            ConfigError::at(
                path,
                text,
                kind.span(),
                message,
                "write a kind name as `stslint rules` shows it, e.g. \"aws-config\"",
            )
        })?;
        kinds.push((globs(&[glob])?, parsed));
    }
    Ok(ConfigFile {
        file: Some(path.to_path_buf()),
        root,
        selection: Selection {
            select: match raw.select {
                Some(_) => Some(rules_of(&raw.select)?),
                None => None,
            },
            extend_select: rules_of(&raw.extend_select)?,
            ignore: rules_of(&raw.ignore)?,
        },
        severities: severity,
        fail_on,
        exclude: globs(&excludes)?,
        per_file_ignores,
        default_region,
        kinds,
        max_file_size,
        allow_skipped: raw.allow_skipped,
    })
}

/// Whether globs match a path relative to the config's directory, the way `--exclude` matches one
/// relative to the working directory ([`PathGlobs`]).
fn glob_matches(set: &PathGlobs, settings: &ConfigFile, relative: &Path) -> bool {
    set.matches(relative, Some(&settings.root.join(relative)))
}

/// What the command line says about rules; it wins over every config file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub selection: Selection,
    pub fail_on: Option<Severity>,
    /// `--max-file-size`.
    pub max_file_size: Option<u64>,
    /// `--allow-skipped` (only ever turns it on).
    pub allow_skipped: bool,
}

/// Which config files apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChoice {
    /// Walk up from each file's directory (the default).
    Discover,
    /// `--config PATH`: one file for every linted file.
    File(PathBuf),
    /// `--isolated`: defaults and the command line only.
    Isolated,
}

/// How many directories' config files a resolver remembers (a few tens of KB).
const MAX_CACHED_DIRS: usize = 1024;

/// Finds and caches the config file that applies to each linted file, and turns it, the command line
/// and the file's path into the file's one [`FilePlan`]. Each walking thread has its own clone.
#[derive(Clone)]
pub struct ConfigResolver {
    choice: ConfigChoice,
    overrides: Overrides,
    defaults: Arc<ConfigFile>,
    /// The working directory, asked once: relative paths are made absolute against it, never with a
    /// `getcwd` per file.
    cwd: Option<PathBuf>,
    /// Directory (absolute) → the config file that applies to files in it. Bounded: when full it is
    /// emptied, so memory does not grow with the tree; the walk meets a directory's files together,
    /// so a refill costs a few `stat`s per directory level once.
    by_dir: HashMap<PathBuf, Arc<ConfigFile>>,
    /// Every config file read (`None`: a `pyproject.toml` without our table), kept for the whole run
    /// so that a refilled `by_dir` finds the same `Arc` (plans are keyed by its address). It grows
    /// with the config files of the tree, not with its directories.
    loaded: HashMap<PathBuf, Option<Arc<ConfigFile>>>,
    /// Plans already built, keyed by what they depend on: the config file, the test flag and the
    /// per-file ignores that matched. Most files of a tree share a handful of plans.
    plans: HashMap<(usize, bool, RuleSet), Arc<FilePlan>>,
    inline_suppressions: bool,
}

impl ConfigResolver {
    pub fn new(
        choice: ConfigChoice,
        overrides: Overrides,
        inline_suppressions: bool,
    ) -> Result<Self, ConfigError> {
        let mut defaults = Arc::new(ConfigFile::default());
        if let ConfigChoice::File(path) = &choice {
            defaults = match load(path)? {
                Some(s) => Arc::new(s),
                None => {
                    // `--config pyproject.toml` without the table: an explicit file must configure.
                    return Err(ConfigError {
                        path: path.to_path_buf(),
                        text: String::new(),
                        span: None,
                        message: "no `[tool.stslint]` table".into(),
                        help: Some("add `[tool.stslint]` or pass a stslint.toml".into()),
                    });
                }
            };
        }
        Ok(ConfigResolver {
            choice,
            overrides,
            defaults,
            cwd: std::env::current_dir().ok(),
            by_dir: HashMap::new(),
            loaded: HashMap::new(),
            plans: HashMap::new(),
            inline_suppressions,
        })
    }

    /// The config file for a linted file (its path as the report shows it).
    pub fn config_for(&mut self, file: &Path) -> Result<Arc<ConfigFile>, ConfigError> {
        if self.choice != ConfigChoice::Discover {
            return Ok(self.defaults.clone());
        }
        let abs = self.absolute(file);
        let dir = abs.parent().unwrap_or(Path::new(""));
        if self.by_dir.len() >= MAX_CACHED_DIRS {
            self.by_dir.clear();
        }
        self.config_for_dir(dir)
    }

    /// The path made absolute against the working directory (as `std::path::absolute` does on Unix:
    /// `.` components dropped, `..` kept), without asking for the working directory again.
    fn absolute(&self, file: &Path) -> PathBuf {
        let joined;
        let path = match &self.cwd {
            Some(cwd) if file.is_relative() => {
                joined = cwd.join(file);
                &joined
            }
            _ => file,
        };
        path.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    }

    /// Walks up from `dir` to the first directory that is cached or holds a config file, and caches
    /// the answer for every directory on the way. A loop, not recursion: a tree 2,000 directories
    /// deep must not exhaust a walking thread's stack.
    fn config_for_dir(&mut self, dir: &Path) -> Result<Arc<ConfigFile>, ConfigError> {
        let mut visited: Vec<&Path> = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(cached) = self.by_dir.get(ancestor) {
                found = Some(cached.clone());
                break;
            }
            visited.push(ancestor);
            if let Some(settings) = self.config_in(ancestor)? {
                found = Some(settings);
                break;
            }
        }
        let settings = found.unwrap_or_else(|| self.defaults.clone());
        for dir in visited {
            self.by_dir.insert(dir.to_path_buf(), settings.clone());
        }
        Ok(settings)
    }

    /// The config file held by `dir` itself, if any.
    fn config_in(&mut self, dir: &Path) -> Result<Option<Arc<ConfigFile>>, ConfigError> {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if !candidate.is_file() {
                continue;
            }
            let settings = match self.loaded.get(&candidate) {
                Some(settings) => settings.clone(),
                None => {
                    let settings = load(&candidate)?.map(Arc::new);
                    self.loaded.insert(candidate, settings.clone());
                    settings
                }
            };
            if settings.is_some() {
                return Ok(settings);
            }
        }
        Ok(None)
    }

    fn relative(&self, config: &ConfigFile, file: &Path) -> PathBuf {
        let abs = self.absolute(file);
        abs.strip_prefix(&config.root)
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }

    /// Whether the config's `exclude`/`extend-exclude` drops this file.
    pub fn is_excluded(&mut self, file: &Path) -> Result<bool, ConfigError> {
        let config = self.config_for(file)?;
        // Most configs exclude nothing beyond the built-in directories, which the walk skips.
        if config.exclude.is_empty() {
            return Ok(false);
        }
        Ok(glob_matches(
            &config.exclude,
            &config,
            &self.relative(&config, file),
        ))
    }

    /// The plan for one file: its rules (command line over config over defaults, less per-file ignores
    /// and rules turned `off`), their severities, whether it is a test file, what fails the run.
    pub fn plan_for(&mut self, file: &Path, test: bool) -> Result<Arc<FilePlan>, ConfigError> {
        let config = self.config_for(file)?;
        let per_file = if config.per_file_ignores.is_empty() {
            RuleSet::EMPTY
        } else {
            let relative = self.relative(&config, file);
            config
                .per_file_ignores
                .iter()
                .filter(|(g, _)| glob_matches(g, &config, &relative))
                .fold(RuleSet::EMPTY, |set, (_, rules)| set.union(*rules))
        };
        let key = (Arc::as_ptr(&config) as usize, test, per_file);
        if let Some(plan) = self.plans.get(&key) {
            return Ok(plan.clone());
        }
        let off = RuleSet::filter(rules::ALL, |r| {
            config
                .severities
                .iter()
                .any(|(code, level)| *code == r.code && level.is_none())
        });
        let enabled = rules::enabled(
            rules::Defaults::Check,
            &[&config.selection, &self.overrides.selection],
            per_file.union(off),
        );
        let plan = Arc::new(FilePlan {
            registry: rules::ALL,
            rules: enabled,
            severities: config
                .severities
                .iter()
                .filter_map(|(code, level)| level.map(|l| (*code, l)))
                .collect(),
            test,
            inline_suppressions: self.inline_suppressions,
            fail_on: self
                .overrides
                .fail_on
                .or(config.fail_on)
                .unwrap_or(Severity::Warning),
            default_region: config.default_region.clone(),
            repo: None,
            max_file_size: self
                .overrides
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(crate::source::MAX_FILE_BYTES),
            allow_skipped: self.overrides.allow_skipped || config.allow_skipped == Some(true),
        });
        self.plans.insert(key, plan.clone());
        Ok(plan)
    }
}

/// Writes a config error to stderr.
pub fn report_error(error: &ConfigError, color: bool) {
    let _ = writeln!(io::stderr(), "{}", error.render(color));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        parse(Path::new("stslint.toml"), text).unwrap_err()
    }

    #[test]
    fn unknown_keys_and_bad_values_point_at_the_text() {
        let text = "select = [\"STS002\"]\nfail-onn = \"error\"\n";
        let e = err(text);
        assert!(
            e.message.contains("unknown field `fail-onn`"),
            "{}",
            e.message
        );
        assert_eq!(&text[e.span.clone().unwrap()], "fail-onn");
        let text = "[severity]\nSTS002 = \"loud\"\n";
        let e = err(text);
        assert_eq!(&text[e.span.clone().unwrap()], "\"loud\"");
        let text = "ignore = [\"STS999\"]\n";
        let e = err(text);
        assert_eq!(&text[e.span.clone().unwrap()], "\"STS999\"");
        let text = "default-region = \"eu-west-99x\"\n";
        assert!(err(text).message.contains("not an AWS region"));
        let text = "fail-on = \"never\"\n";
        assert!(err(text).message.contains("fail-on"));
        let text = "select = \"STS001\"\n";
        assert!(err(text).span.is_some());
        let rendered = err("exclude = [\"a[\"]\n").render(false);
        assert!(rendered.contains("stslint.toml:1:"), "{rendered}");
    }

    #[test]
    fn pyproject_without_our_table_is_not_a_config() {
        let p = Path::new("pyproject.toml");
        assert!(
            parse(p, "[tool.black]\nline-length = 1\n")
                .unwrap()
                .is_none()
        );
        assert!(
            parse(p, "[tool.ruff]\nx = \"stslint\"\n")
                .unwrap()
                .is_none()
        );
        let s = parse(p, "[tool.stslint]\nignore = [\"global-region\"]\n")
            .unwrap()
            .unwrap();
        assert_eq!(s.selection.ignore, RuleSet::parse(&["STS005"]).unwrap());
        assert!(parse(p, "[tool.stslint]\nnope = 1\n").is_err());
    }

    #[test]
    fn keys_parse_into_settings() {
        let s = parse(
            Path::new("stslint.toml"),
            "select = [\"STS00\"]\nextend-select = [\"STS001\"]\nfail-on = \"error\"\ndefault-region = \"eu-central-1\"\n[severity]\nglobal-region = \"off\"\nSTS001 = \"error\"\n[per-file-ignores]\n\"legacy/**\" = [\"STS002\"]\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(s.selection.select.unwrap().iter(rules::ALL).count(), 6);
        assert_eq!(s.fail_on, Some(Severity::Error));
        assert_eq!(s.default_region.as_deref(), Some("eu-central-1"));
        assert_eq!(s.severities.len(), 2);
        assert!(glob_matches(
            &s.per_file_ignores[0].0,
            &s,
            Path::new("legacy/a/.env")
        ));
        assert!(!glob_matches(
            &s.per_file_ignores[0].0,
            &s,
            Path::new("app/.env")
        ));
    }
}
