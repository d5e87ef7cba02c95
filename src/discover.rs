//! Discover stage: which files to look at, decided from names before anything is read.
//!
//! walkdir does the walk (sorted by name, so the order is deterministic); `ignore`'s gitignore matcher
//! decides `.gitignore`/`.ignore` patterns, which are subtle enough (negation, anchoring, `**`) that a
//! hand-written matcher would be wrong somewhere. Symlinks met during the walk are not followed, so a
//! symlink loop cannot trap it; paths named on the command line are always taken.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use walkdir::WalkDir;

use crate::classify::{FileKind, classify};
use crate::pathglob::{self, PathGlobs};

/// Directory names never descended into: VCS metadata, dependencies and build output.
pub const BUILTIN_EXCLUDES: &[&str] = &[
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".terraform",
    ".tox",
    ".venv",
    "__pycache__",
    "bower_components",
    "dist",
    "node_modules",
    "site-packages",
    "target",
    "vendor",
    "venv",
];

#[derive(Debug, Default, Clone)]
pub struct DiscoverOptions {
    /// `--exclude` globs, matched as a config file's `exclude` is: against the path relative to the
    /// working directory (or the absolute path, for absolute globs) and against each of its names.
    pub exclude: Vec<String>,
    /// Apply excludes to paths named on the command line too (for pre-commit).
    pub force_exclude: bool,
    /// Skip `.gitignore`/`.ignore` handling (`--no-ignore`).
    pub no_ignore: bool,
    /// Extra files to read as AWS config files (`--aws-config`).
    pub aws_config: Vec<PathBuf>,
    /// `--kind`: the kind of every file named on the command line.
    pub kind: Option<FileKind>,
    /// The `[kinds]` tables of the config files that apply to the named paths: consulted before the
    /// name table, for named and walked files alike.
    pub kinds: Vec<KindGlobs>,
}

/// One `[kinds]` entry: the files its globs match (relative to the config's directory) are of `kind`.
#[derive(Debug, Clone)]
pub struct KindGlobs {
    pub globs: PathGlobs,
    /// The directory of the config file that declared it.
    pub root: PathBuf,
    pub kind: FileKind,
}

impl DiscoverOptions {
    /// A file's kind: `--kind` for a named file, then the first `[kinds]` glob that matches, then its
    /// name ([`classify`]).
    pub fn kind_of(&self, path: &Path, explicit: bool) -> Option<FileKind> {
        if explicit && let Some(kind) = self.kind {
            return Some(kind);
        }
        if !self.kinds.is_empty() {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
            for entry in &self.kinds {
                if let Ok(relative) = abs.strip_prefix(&entry.root)
                    && entry.globs.matches(relative, Some(&abs))
                {
                    return Some(entry.kind);
                }
            }
        }
        classify(path)
    }
}

/// Why a file named on the command line is not read, and how to say what it is.
pub fn unknown_kind_message(path: &Path) -> String {
    format!(
        "`{}` is not a kind of file stslint recognises by its name: name its kind with `--kind KIND` or a `[kinds]` entry in the config (`\"{}\" = \"aws-config\"`); kind names are those `stslint rules` shows",
        crate::source::display_path(path),
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    )
}

/// A file to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Named on the command line: an error reading it is a usage error (exit 2).
    pub explicit: bool,
}

/// A path that could not be walked or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    pub path: PathBuf,
    pub message: String,
    pub explicit: bool,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub errors: Vec<PathError>,
}

/// One thing the walk found, handed over as soon as it is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Candidate(Candidate),
    Error(PathError),
}

/// Collects the whole discovery; [`discover_each`] streams it instead.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovery, String> {
    let mut out = Discovery::default();
    discover_each(paths, options, &mut |found| match found {
        Found::Candidate(c) => out.candidates.push(c),
        Found::Error(e) => out.errors.push(e),
    })?;
    Ok(out)
}

/// Walks the paths in a deterministic order and hands each file to lint (and each error) to `sink` as
/// soon as it is found, so linting can start while the walk goes on.
pub fn discover_each(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    sink: &mut dyn FnMut(Found),
) -> Result<(), String> {
    let excludes = build_globs(&options.exclude)?;
    let aws_config: Vec<PathBuf> = options.aws_config.iter().map(|p| normalize(p)).collect();
    for path in options.aws_config.iter() {
        sink(Found::Candidate(Candidate {
            path: normalize(path),
            kind: FileKind::AwsConfig,
            explicit: true,
        }));
    }
    for root in paths {
        let root = normalize(root);
        let meta = match std::fs::metadata(&root) {
            Ok(meta) => meta,
            Err(e) => {
                sink(Found::Error(PathError {
                    path: root.clone(),
                    message: io_message(&e),
                    explicit: true,
                }));
                continue;
            }
        };
        if !meta.is_dir() {
            let excluded = options.force_exclude
                && (is_excluded(&root, &excludes) || in_builtin_exclude(&root));
            if excluded || aws_config.contains(&root) {
                continue;
            }
            match options.kind_of(&root, true) {
                Some(kind) => sink(Found::Candidate(Candidate {
                    path: root,
                    kind,
                    explicit: true,
                })),
                // Named explicitly and read by nothing: a silent "0 files" would hide it.
                None => sink(Found::Error(PathError {
                    message: unknown_kind_message(&root),
                    path: root,
                    explicit: true,
                })),
            }
            continue;
        }
        walk(&root, &excludes, options, &aws_config, sink);
    }
    Ok(())
}

fn walk(
    root: &Path,
    excludes: &Excludes,
    options: &DiscoverOptions,
    aws_config: &[PathBuf],
    sink: &mut dyn FnMut(Found),
) {
    // Matchers of the directories above the current entry, with the depth they were found at.
    let mut ignores: Vec<(usize, Gitignore)> = Vec::new();
    // Ignore files are matched on absolute paths, so matchers from above the root agree with those below.
    let abs_root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    if !options.no_ignore {
        ignores.extend(ancestor_ignores(root).into_iter().map(|g| (0, g)));
    }
    let mut it = WalkDir::new(root).sort_by_file_name().into_iter();
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let message = e
                    .io_error()
                    .map(io_message)
                    .unwrap_or_else(|| e.to_string());
                sink(Found::Error(PathError {
                    path,
                    message,
                    explicit: e.depth() == 0,
                }));
                continue;
            }
        };
        let depth = entry.depth();
        // Matchers of directories the walk has left apply no more.
        ignores.retain(|(level, _)| *level <= depth);
        let path = entry.path();
        let is_dir = entry.file_type().is_dir();
        if depth > 0 {
            let name = entry.file_name().to_string_lossy();
            let skip = (is_dir && BUILTIN_EXCLUDES.contains(&name.as_ref()))
                || is_excluded(path, excludes)
                || (!ignores.is_empty()
                    && is_ignored(&ignores, &absolute_in(&abs_root, root, path), is_dir));
            if skip {
                if is_dir {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        if is_dir {
            if !options.no_ignore
                && let Some(g) = dir_ignores(&absolute_in(&abs_root, root, path))
            {
                ignores.push((depth + 1, g));
            }
            continue;
        }
        if !entry.file_type().is_file() || aws_config.iter().any(|p| p == path) {
            continue;
        }
        if let Some(kind) = options.kind_of(path, false) {
            sink(Found::Candidate(Candidate {
                path: path.to_path_buf(),
                kind,
                explicit: false,
            }));
        }
    }
}

fn absolute_in(abs_root: &Path, root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => abs_root.to_path_buf(),
        Ok(rel) => abs_root.join(rel),
        Err(_) => path.to_path_buf(),
    }
}

/// Whether the deepest matcher with an opinion ignores the path (a `!negation` whitelists it).
fn is_ignored(ignores: &[(usize, Gitignore)], path: &Path, is_dir: bool) -> bool {
    for (_, g) in ignores.iter().rev() {
        let m = g.matched(path, is_dir);
        if m.is_ignore() {
            return true;
        }
        if m.is_whitelist() {
            return false;
        }
    }
    false
}

fn dir_ignores(dir: &Path) -> Option<Gitignore> {
    let mut builder = GitignoreBuilder::new(dir);
    let mut any = false;
    for name in [".gitignore", ".ignore"] {
        let file = dir.join(name);
        if file.is_file() {
            // A malformed pattern line is skipped by the builder; the rest of the file still applies.
            let _ = builder.add(file);
            any = true;
        }
    }
    any.then(|| builder.build().ok()).flatten()
}

/// `.gitignore` files above the walk root, up to the repository top (the directory holding `.git`).
fn ancestor_ignores(root: &Path) -> Vec<Gitignore> {
    let Ok(abs) = std::path::absolute(root) else {
        return Vec::new();
    };
    if abs.join(".git").exists() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for dir in abs.ancestors().skip(1) {
        if let Some(g) = dir_ignores(dir) {
            found.push(g);
        }
        if dir.join(".git").exists() {
            found.reverse();
            return found;
        }
    }
    // Not inside a repository: ignore files above the root are somebody else's.
    Vec::new()
}

/// The `--exclude` globs and the directory they are relative to.
struct Excludes {
    globs: PathGlobs,
    /// The working directory, absolute; `None` when it cannot be known (then paths match as given).
    cwd: Option<PathBuf>,
}

fn build_globs(patterns: &[String]) -> Result<Excludes, String> {
    for p in patterns {
        pathglob::check(p).map_err(|e| format!("invalid --exclude glob `{p}`: {e}"))?;
    }
    Ok(Excludes {
        globs: PathGlobs::new(patterns.iter().map(String::as_str)).map_err(|e| e.to_string())?,
        cwd: std::env::current_dir().ok(),
    })
}

/// Whether a `--exclude` glob matches the path relative to the working directory (or, for absolute
/// globs, the absolute path): the same matcher as the config's `exclude`, relative to its file.
fn is_excluded(path: &Path, excludes: &Excludes) -> bool {
    if excludes.globs.is_empty() {
        return false;
    }
    let absolute: PathBuf = match &excludes.cwd {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    }
    .components()
    .filter(|c| !matches!(c, std::path::Component::CurDir))
    .collect();
    let relative = excludes
        .cwd
        .as_deref()
        .and_then(|cwd| absolute.strip_prefix(cwd).ok())
        .unwrap_or(path);
    excludes.globs.matches(relative, Some(&absolute))
}

fn in_builtin_exclude(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .filter_map(|a| a.file_name()?.to_str())
        .any(|n| BUILTIN_EXCLUDES.contains(&n))
}

/// `./a/b` → `a/b`, so shown paths read the same however they were typed.
fn normalize(path: &Path) -> PathBuf {
    let stripped = path.strip_prefix(".").unwrap_or(path);
    if stripped.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        stripped.to_path_buf()
    }
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn builtin_excludes_are_sorted() {
        assert!(BUILTIN_EXCLUDES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn walk_honours_gitignore_excludes_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b/.env",
            "a/.env",
            "ignored/.env",
            "node_modules/x/.env",
            "keep.env",
            "x.log.env",
            "README.md",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "A=1\n").unwrap();
        }
        fs::write(root.join(".gitignore"), "ignored/\n*.log.env\n").unwrap();
        let options = DiscoverOptions {
            exclude: vec!["keep.env".into()],
            ..Default::default()
        };
        let found = discover(&[root.to_path_buf()], &options).unwrap();
        let names: Vec<_> = found
            .candidates
            .iter()
            .map(|c| {
                c.path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a/.env", "b/.env"]);
        let all = discover(
            &[root.to_path_buf()],
            &DiscoverOptions {
                no_ignore: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(all.candidates.len(), 5);
    }

    #[test]
    fn explicit_paths_are_taken_unless_force_excluded() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("prod.env");
        fs::write(&file, "A=1\n").unwrap();
        let mut options = DiscoverOptions {
            exclude: vec!["*.env".into()],
            ..Default::default()
        };
        assert_eq!(
            discover(std::slice::from_ref(&file), &options)
                .unwrap()
                .candidates
                .len(),
            1
        );
        options.force_exclude = true;
        assert!(discover(&[file], &options).unwrap().candidates.is_empty());
        let missing = discover(&[dir.path().join("nope")], &options).unwrap();
        assert!(missing.errors[0].explicit);
    }
}
