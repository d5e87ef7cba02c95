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

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::knowledge::hosts;
use crate::lint::Report;
use crate::rules::{self, Rule};

/// Config file names in one directory, in the order they win (as ruff orders its own).
pub const FILE_NAMES: &[&str] = &[".stslint.toml", "stslint.toml", "pyproject.toml"];

type Codes = Vec<Spanned<String>>;

/// The file as written. Every key is listed here; anything else is an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Codes>,
    ignore: Option<Codes>,
    extend_select: Option<Codes>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    fail_on: Option<Spanned<String>>,
    exclude: Option<Codes>,
    extend_exclude: Option<Codes>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Codes>>,
    default_region: Option<Spanned<String>>,
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

    /// A miette report with a code frame of the config file.
    pub fn render(&self, color: bool) -> String {
        let shown = crate::fingerprint::artifact_path(&self.path);
        let mut diagnostic =
            MietteDiagnostic::new(format!("invalid config `{shown}`: {}", self.message))
                .with_code("stslint::config");
        if let Some(span) = &self.span {
            let start = span.start.min(self.text.len());
            let len = span.end.min(self.text.len()).saturating_sub(start);
            diagnostic = diagnostic.with_label(LabeledSpan::at(start..start + len, "here"));
        }
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_help(help.clone());
        }
        let report = miette::Report::new(diagnostic)
            .with_source_code(NamedSource::new(shown, self.text.clone()));
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let mut out = String::new();
        let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out = format!("error: {}", self.message);
        }
        out
    }
}

/// One config file, validated.
#[derive(Debug, Default)]
pub struct Settings {
    /// The file these settings came from; `None` for the defaults.
    pub file: Option<PathBuf>,
    /// The directory that relative globs in the file are matched from.
    pub root: PathBuf,
    select: Option<Vec<&'static Rule>>,
    extend_select: Vec<&'static Rule>,
    ignore: Vec<&'static Rule>,
    /// `None` turns a rule off.
    severity: Vec<(&'static Rule, Option<Severity>)>,
    pub fail_on: Option<Severity>,
    exclude: GlobSet,
    per_file_ignores: Vec<(GlobSet, Vec<&'static Rule>)>,
    /// The region fix suggestions use when a file sets none (`default-region`).
    pub default_region: Option<String>,
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
pub fn load(path: &Path) -> Result<Option<Settings>, ConfigError> {
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
pub fn parse(path: &Path, text: &str) -> Result<Option<Settings>, ConfigError> {
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
) -> Result<Settings, ConfigError> {
    let rules_of = |codes: &Option<Codes>| -> Result<Vec<&'static Rule>, ConfigError> {
        let mut out = Vec::new();
        for code in codes.iter().flatten() {
            let found = rules::matching(code.get_ref()).map_err(|message| {
                ConfigError::at(
                    path,
                    text,
                    code.span(),
                    message,
                    "run `stslint rules` to list the codes and names",
                )
            })?;
            out.extend(found);
        }
        Ok(out)
    };
    let globs = |patterns: &[&Spanned<String>]| -> Result<GlobSet, ConfigError> {
        let mut builder = GlobSetBuilder::new();
        for p in patterns {
            let glob = Glob::new(p.get_ref()).map_err(|e| {
                ConfigError::at(
                    path,
                    text,
                    p.span(),
                    format!("invalid glob `{}`: {}", p.get_ref(), e.kind()),
                    "",
                )
            })?;
            builder.add(glob);
        }
        builder
            .build()
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
        severity.push((rule, level));
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
    Ok(Settings {
        file: Some(path.to_path_buf()),
        root,
        select: match raw.select {
            Some(_) => Some(rules_of(&raw.select)?),
            None => None,
        },
        extend_select: rules_of(&raw.extend_select)?,
        ignore: rules_of(&raw.ignore)?,
        severity,
        fail_on,
        exclude: globs(&excludes)?,
        per_file_ignores,
        default_region,
    })
}

/// Whether a glob set matches a path (relative to the config's directory) or one of its names, the
/// way `--exclude` matches.
fn glob_matches(set: &GlobSet, relative: &Path) -> bool {
    !set.is_empty()
        && (set.is_match(relative)
            || relative
                .ancestors()
                .filter_map(Path::file_name)
                .any(|n| set.is_match(n)))
}

/// What the command line says about rules; it wins over every config file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Option<Vec<&'static Rule>>,
    pub extend_select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub fail_on: Option<Severity>,
}

enum Mode {
    /// `--isolated`: defaults and the command line only.
    Isolated,
    /// `--config PATH`: one file for every linted file.
    Fixed,
    /// Walk up from each file's directory.
    Discover,
}

/// Finds and caches the settings that apply to each linted file.
pub struct Resolver {
    mode: Mode,
    overrides: Overrides,
    defaults: Arc<Settings>,
    /// Directory → the settings that apply to files in it.
    by_dir: HashMap<PathBuf, Arc<Settings>>,
    by_file: HashMap<PathBuf, Arc<Settings>>,
}

impl Resolver {
    pub fn new(
        config: Option<&Path>,
        isolated: bool,
        overrides: Overrides,
    ) -> Result<Self, ConfigError> {
        let mut resolver = Resolver {
            mode: if isolated {
                Mode::Isolated
            } else {
                Mode::Discover
            },
            overrides,
            defaults: Arc::new(Settings::default()),
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
        };
        if let Some(path) = config {
            let settings = match load(path)? {
                Some(s) => s,
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
            resolver.defaults = Arc::new(settings);
            resolver.mode = Mode::Fixed;
        }
        Ok(resolver)
    }

    /// The settings for a linted file (its path as the report shows it).
    pub fn settings_for(&mut self, file: &Path) -> Result<Arc<Settings>, ConfigError> {
        if !matches!(self.mode, Mode::Discover) {
            return Ok(self.defaults.clone());
        }
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
        self.settings_for_dir(&dir)
    }

    fn settings_for_dir(&mut self, dir: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(found) = self.by_dir.get(dir) {
            return Ok(found.clone());
        }
        let mut found = None;
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file()
                && let Some(settings) = load(&candidate)?
            {
                found = Some(Arc::new(settings));
                break;
            }
        }
        let settings = match found {
            Some(s) => s,
            None => match dir.parent() {
                Some(parent) => self.settings_for_dir(parent)?,
                None => self.defaults.clone(),
            },
        };
        self.by_dir.insert(dir.to_path_buf(), settings.clone());
        Ok(settings)
    }

    fn relative(settings: &Settings, file: &Path) -> PathBuf {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        abs.strip_prefix(&settings.root)
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }

    /// Whether the config's `exclude`/`extend-exclude` drops this file.
    pub fn is_excluded(&mut self, file: &Path) -> Result<bool, ConfigError> {
        let settings = self.settings_for(file)?;
        Ok(glob_matches(
            &settings.exclude,
            &Self::relative(&settings, file),
        ))
    }

    /// The rules enabled for this file, with the severity the config sets for them, if it sets one
    /// (CLI over config over defaults).
    pub fn rules_for(
        &mut self,
        file: &Path,
    ) -> Result<Vec<(&'static Rule, Option<Severity>)>, ConfigError> {
        let settings = self.settings_for(file)?;
        self.by_file.insert(file.to_path_buf(), settings.clone());
        let base: Vec<&'static Rule> = match (&self.overrides.select, &settings.select) {
            (Some(cli), _) => cli.clone(),
            (None, Some(config)) => config.clone(),
            // Machine-wide rules (STS006) belong to `doctor`; `check` runs them only when selected.
            (None, None) => rules::ALL
                .iter()
                .copied()
                .filter(|r| !rules::DOCTOR_ONLY.contains(&r.code))
                .collect(),
        };
        let relative = Self::relative(&settings, file);
        let ignored = |r: &&'static Rule| {
            settings
                .ignore
                .iter()
                .chain(&self.overrides.ignore)
                .chain(
                    settings
                        .per_file_ignores
                        .iter()
                        .filter(|(g, _)| glob_matches(g, &relative))
                        .flat_map(|(_, rules)| rules),
                )
                .any(|i| std::ptr::eq(*i, *r))
        };
        let wanted = |r: &&'static Rule| {
            base.iter()
                .chain(&settings.extend_select)
                .chain(&self.overrides.extend_select)
                .any(|b| std::ptr::eq(*b, *r))
        };
        Ok(rules::ALL
            .iter()
            .filter(|r| wanted(r) && !ignored(r))
            .filter_map(
                |r| match settings.severity.iter().find(|(s, _)| std::ptr::eq(*s, *r)) {
                    Some((_, level)) => level.map(|l| (*r, Some(l))),
                    None => Some((*r, None)),
                },
            )
            .collect())
    }

    /// The severity at which findings in this file fail the run.
    pub fn fail_on(&self, file: &Path) -> Severity {
        self.overrides
            .fail_on
            .or_else(|| self.by_file.get(file).and_then(|s| s.fail_on))
            .unwrap_or(Severity::Warning)
    }

    /// The `default-region` that applies to a file, for fix suggestions.
    pub fn default_region(&mut self, file: &Path) -> Result<Option<String>, ConfigError> {
        Ok(self.settings_for(file)?.default_region.clone())
    }

    /// Drops findings of rules not enabled for their file and applies severity overrides.
    pub fn apply(&mut self, report: &mut Report) -> Result<(), ConfigError> {
        for file in &mut report.files {
            let enabled = self.rules_for(&file.source.path)?;
            let configure = |d: &mut crate::diagnostic::Diagnostic| match enabled
                .iter()
                .find(|(r, _)| std::ptr::eq(*r, d.rule))
            {
                // Only an explicit override changes the severity: a test file's `info` stays.
                Some((_, Some(level))) => {
                    d.severity = *level;
                    true
                }
                Some((_, None)) => true,
                None => false,
            };
            file.diagnostics.retain_mut(configure);
            file.suppressed.retain_mut(|s| configure(&mut s.diagnostic));
        }
        Ok(())
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
        assert_eq!(s.ignore[0].code, "STS005");
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
        assert_eq!(s.select.as_ref().unwrap().len(), 6);
        assert_eq!(s.fail_on, Some(Severity::Error));
        assert_eq!(s.default_region.as_deref(), Some("eu-central-1"));
        assert_eq!(s.severity.len(), 2);
        assert!(glob_matches(
            &s.per_file_ignores[0].0,
            Path::new("legacy/a/.env")
        ));
        assert!(!glob_matches(
            &s.per_file_ignores[0].0,
            Path::new("app/.env")
        ));
    }
}
