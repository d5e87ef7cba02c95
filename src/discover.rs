//! Discover stage: which files to look at, decided from names before anything is read.
//!
//! The `ignore` crate's parallel walker does the walk (the well-kept choice, ripgrep's own): every
//! thread lists directories and hands each file it finds straight to its own [`Sink`] (the lint stage's
//! worker), so there is no channel and no lock per file, and the walk scales with the cores. The order
//! files are found in depends on the scheduling; whoever needs an order sorts by path (the lint stage
//! does, before anything is rendered). The same crate decides `.gitignore`/`.ignore` patterns, which are
//! subtle enough (negation, anchoring, `**`) that a hand-written matcher would be wrong somewhere.
//! Symlinks met during the walk are not followed, so a symlink loop cannot trap it; paths named on the
//! command line are always taken, and a named directory that is a symlink is walked. `walkdir` stays
//! where one sequential, sorted walk is the right tool: `trail`'s log discovery.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

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
    /// Threads that walk and lint (`--threads`); 0 picks one per core.
    pub threads: usize,
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
    /// Fails the run (exit 2): the path was named on the command line (an error reading it is a
    /// usage error), or stslint itself failed on the file.
    pub fails: bool,
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

/// Where one walking thread puts what it finds: each thread has its own, so nothing is shared per file.
pub trait Sink: Send {
    fn found(&mut self, found: Found);

    /// The thread's walk is over: last work on it (sorting what it kept), before the sink is handed
    /// back.
    fn finish(&mut self) {}
}

impl Sink for Discovery {
    fn found(&mut self, found: Found) {
        match found {
            Found::Candidate(c) => self.candidates.push(c),
            Found::Error(e) => self.errors.push(e),
        }
    }
}

/// Sorts `items` by path, in `Path`'s order (component by component, no path first), as every
/// report is ordered.
///
/// For the paths a walk makes (no `.`, `..` or empty component, no trailing separator, and either
/// all or none under `./`) that order is the order of the bytes with the separator before every other
/// byte, which compares without splitting paths into components: on a tree where every file has a
/// finding, `Path::cmp` was a twentieth of the run. Other paths sort the whole slice with `Path::cmp`.
pub fn sort_by_path<T>(items: &mut [T], path: impl Fn(&T) -> Option<&Path>) {
    let mut shapes = PathShapes::default();
    for item in items.iter() {
        shapes.add(path(item));
    }
    sort_by_path_shaped(items, path, shapes);
}

/// [`sort_by_path`] for items whose [`PathShapes`] were gathered as they were made (while each path
/// was still in the cache: looking at every path again before the merge after the walk was a
/// tenth of that step).
pub fn sort_by_path_shaped<T>(
    items: &mut [T],
    path: impl Fn(&T) -> Option<&Path>,
    shapes: PathShapes,
) {
    if shapes.bytes_order() {
        items.sort_by(|a, b| match (path(a), path(b)) {
            (Some(a), Some(b)) => plain_path_order(
                a.as_os_str().as_encoded_bytes(),
                b.as_os_str().as_encoded_bytes(),
            ),
            (a, b) => a.is_some().cmp(&b.is_some()),
        });
    } else {
        items.sort_by(|a, b| path(a).cmp(&path(b)));
    }
}

/// What [`sort_by_path`] needs to know of a set of paths: whether their bytes order them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathShapes {
    /// Every path is plain.
    plain: bool,
    /// Every path is `./` and a plain relative path (a walk of `.`), which then orders nothing.
    dotted: bool,
}

impl Default for PathShapes {
    /// No path yet: any order will do.
    fn default() -> Self {
        PathShapes {
            plain: true,
            dotted: true,
        }
    }
}

impl PathShapes {
    pub fn add(&mut self, path: Option<&Path>) {
        let Some(path) = path else {
            return;
        };
        let bytes = path.as_os_str().as_encoded_bytes();
        self.plain &= is_plain_path(bytes);
        self.dotted &= bytes
            .strip_prefix(b"./")
            .is_some_and(|rest| is_plain_path(rest) && !rest.starts_with(b"/"));
    }

    /// The shapes of two sets together.
    pub fn join(self, other: PathShapes) -> PathShapes {
        PathShapes {
            plain: self.plain && other.plain,
            dotted: self.dotted && other.dotted,
        }
    }

    fn bytes_order(self) -> bool {
        self.plain || self.dotted
    }
}

/// Whether [`plain_path_order`] orders a path as `Path::cmp` does.
fn is_plain_path(bytes: &[u8]) -> bool {
    cfg!(unix)
        && bytes.last().is_some_and(|&b| b != b'/')
        && bytes
            .split(|&b| b == b'/')
            .enumerate()
            .all(|(i, part)| !matches!(part, b"." | b"..") && (i == 0 || !part.is_empty()))
}

fn plain_path_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let rank = |byte: u8| (byte != b'/', byte);
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => rank(a[i]).cmp(&rank(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// Collects the whole discovery, sorted by path; [`discover_each`] streams it instead.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovery, String> {
    let mut out = Discovery::default();
    for part in discover_each(paths, options, &Discovery::default)? {
        out.candidates.extend(part.candidates);
        out.errors.extend(part.errors);
    }
    sort_by_path(&mut out.candidates, |c| Some(&c.path));
    sort_by_path(&mut out.errors, |e| Some(&e.path));
    Ok(out)
}

/// Walks the paths on `options.threads` threads and hands each file to lint (and each error) to the
/// calling thread's sink (made by `new_sink`) as soon as it is found, so linting runs inside the walk.
/// Returns every sink, in no particular order.
pub fn discover_each<S: Sink>(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    new_sink: &(dyn Fn() -> S + Sync),
) -> Result<Vec<S>, String> {
    let excludes = Arc::new(build_globs(&options.exclude)?);
    let mut first = new_sink();
    let aws_config: Vec<PathBuf> = options.aws_config.iter().map(|p| normalize(p)).collect();
    // Named files by path: a file named twice is linted once.
    let mut explicit: HashMap<PathBuf, Candidate> = HashMap::new();
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in &aws_config {
        let candidate = Candidate {
            path: path.clone(),
            kind: FileKind::AwsConfig,
            explicit: true,
        };
        explicit.insert(path.clone(), candidate);
        roots.push(path.clone());
    }
    // Directory roots, with whether they lie inside a repository (which decides how ignore files
    // above and inside them apply).
    let mut dirs: Vec<(PathBuf, bool)> = Vec::new();
    for root in paths {
        let root = normalize(root);
        let meta = match std::fs::metadata(&root) {
            Ok(meta) => meta,
            Err(e) => {
                first.found(Found::Error(PathError {
                    path: root.clone(),
                    message: io_message(&e),
                    fails: true,
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
                Some(kind) => {
                    let candidate = Candidate {
                        path: root.clone(),
                        kind,
                        explicit: true,
                    };
                    explicit.insert(root.clone(), candidate);
                    roots.push(root);
                }
                // Named explicitly and read by nothing: a silent "0 files" would hide it.
                None => first.found(Found::Error(PathError {
                    message: unknown_kind_message(&root),
                    path: root,
                    fails: true,
                })),
            }
            continue;
        }
        let inside = !options.no_ignore && inside_repository(&root);
        dirs.push((walkable(root), inside));
    }
    let named: Vec<Candidate> = roots
        .iter()
        .filter_map(|root| explicit.remove(root))
        .collect();
    let mut sinks = hand_over(named, options.threads, first, new_sink);
    let context = Context {
        aws_config: Arc::new(aws_config),
        options: options.clone(),
    };
    // One walk per way ignore files apply; nearly always there is only one.
    let outside: Vec<PathBuf> = dirs.iter().filter(|d| !d.1).map(|d| d.0.clone()).collect();
    let inside: Vec<PathBuf> = dirs.into_iter().filter(|d| d.1).map(|d| d.0).collect();
    for (group, in_repo) in [(outside, false), (inside, true)] {
        if group.is_empty() {
            continue;
        }
        let walker = builder(&group, options, in_repo, &excludes);
        let out = Mutex::new(Vec::new());
        walker.build_parallel().visit(&mut Builder {
            new_sink,
            out: &out,
            context: &context,
        });
        sinks.extend(out.into_inner().unwrap_or_else(|e| e.into_inner()));
    }
    Ok(sinks)
}

/// The walker for a group of roots. Inside a repository ignore files apply as git applies them: up to
/// the repository top, and not across a nested repository's boundary. Outside one, the ignore files of
/// the walked tree apply and those above the root are somebody else's.
fn builder(
    roots: &[PathBuf],
    options: &DiscoverOptions,
    in_repo: bool,
    excludes: &Arc<Excludes>,
) -> WalkBuilder {
    let mut walker = WalkBuilder::new(&roots[0]);
    for root in &roots[1..] {
        walker.add(root);
    }
    let ignores = !options.no_ignore;
    walker
        .standard_filters(false)
        .ignore(ignores)
        .git_ignore(ignores)
        .parents(ignores && in_repo)
        .require_git(in_repo)
        .follow_links(false)
        .threads(options.threads);
    let excludes = excludes.clone();
    walker.filter_entry(move |entry| {
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        let builtin =
            is_dir && BUILTIN_EXCLUDES.contains(&entry.file_name().to_string_lossy().as_ref());
        !(builtin || is_excluded(entry.path(), &excludes))
    });
    walker
}

/// Files named on the command line need no walk: they go straight to the sinks. A few (what a
/// pre-commit hook passes) are linted on the calling thread, as starting the walker's threads and
/// waiting for them to go idle would cost more than linting them; more are split over scoped threads,
/// at least [`NAMED_PER_THREAD`] each.
fn hand_over<S: Sink>(
    named: Vec<Candidate>,
    threads: usize,
    mut first: S,
    new_sink: &(dyn Fn() -> S + Sync),
) -> Vec<S> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let threads = threads.min(named.len().div_ceil(NAMED_PER_THREAD)).max(1);
    let chunk = named.len().div_ceil(threads).max(1);
    let mut chunks = named.chunks(chunk);
    let own = chunks.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let others: Vec<_> = chunks
            .map(|files| {
                scope.spawn(move || {
                    let mut sink = new_sink();
                    for file in files {
                        sink.found(Found::Candidate(file.clone()));
                    }
                    sink.finish();
                    sink
                })
            })
            .collect();
        for file in own {
            first.found(Found::Candidate(file.clone()));
        }
        first.finish();
        let mut sinks = vec![first];
        for other in others {
            match other.join() {
                Ok(sink) => sinks.push(sink),
                // The lint stage turns a panic on a file into an error: this is a bug elsewhere.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        sinks
    })
}

/// Below this many named files per thread, another thread costs more than it saves.
const NAMED_PER_THREAD: usize = 64;

/// What every walking thread needs to know about the roots.
struct Context {
    /// `--aws-config` files: linted as AWS config, so left out where the walk meets them.
    aws_config: Arc<Vec<PathBuf>>,
    /// The options, for the kind of each file the walk meets (`[kinds]`, then its name).
    options: DiscoverOptions,
}

struct Builder<'a, S> {
    new_sink: &'a (dyn Fn() -> S + Sync),
    out: &'a Mutex<Vec<S>>,
    context: &'a Context,
}

impl<'a, S: Sink + 'a> ParallelVisitorBuilder<'a> for Builder<'a, S> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 'a> {
        Box::new(Visitor {
            sink: Some((self.new_sink)()),
            out: self.out,
            context: self.context,
        })
    }
}

/// One walking thread: it classifies what it meets and passes it to its sink, which is handed back
/// (under the one lock per thread) when the thread ends.
struct Visitor<'a, S: Sink> {
    sink: Option<S>,
    out: &'a Mutex<Vec<S>>,
    context: &'a Context,
}

impl<S: Sink> Drop for Visitor<'_, S> {
    fn drop(&mut self) {
        if let Some(mut sink) = self.sink.take() {
            sink.finish();
            match self.out.lock() {
                Ok(mut out) => out.push(sink),
                Err(poisoned) => poisoned.into_inner().push(sink),
            }
        }
    }
}

impl<S: Sink> ParallelVisitor for Visitor<'_, S> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        let Some(sink) = self.sink.as_mut() else {
            return WalkState::Quit;
        };
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                if let Some(error) = path_error(&e, None, None) {
                    sink.found(Found::Error(error));
                }
                return WalkState::Continue;
            }
        };
        if entry.depth() == 0 {
            return WalkState::Continue;
        }
        if !entry.file_type().is_some_and(|t| t.is_file())
            || self.context.aws_config.iter().any(|p| p == entry.path())
        {
            return WalkState::Continue;
        }
        if let Some(kind) = self.context.options.kind_of(entry.path(), false) {
            sink.found(Found::Candidate(Candidate {
                path: entry.into_path(),
                kind,
                explicit: false,
            }));
        }
        WalkState::Continue
    }
}

/// The walk error as a path error; `None` for a malformed line in an ignore file, which is skipped
/// while the rest of the file still applies.
fn path_error(e: &ignore::Error, path: Option<&Path>, depth: Option<usize>) -> Option<PathError> {
    use ignore::Error;
    match e {
        Error::WithPath { path, err } => path_error(err, Some(path), depth),
        Error::WithDepth { depth, err } => path_error(err, path, Some(*depth)),
        Error::WithLineNumber { err, .. } => path_error(err, path, depth),
        Error::Partial(_)
        | Error::Glob { .. }
        | Error::UnrecognizedFileType(_)
        | Error::InvalidDefinition => None,
        _ => Some(PathError {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            message: match e {
                Error::Io(io) => io_message(io),
                other => other.to_string(),
            },
            fails: depth == Some(0),
        }),
    }
}

/// Whether the directory is in a repository: it or a directory above it holds `.git`.
fn inside_repository(root: &Path) -> bool {
    let Ok(abs) = std::path::absolute(root) else {
        return false;
    };
    abs.ancestors().any(|dir| dir.join(".git").exists())
}

/// A named directory that is a symlink is walked: a trailing `/` makes the walker see the directory
/// (as `ls link/` does), while links met below it stay unfollowed.
fn walkable(root: PathBuf) -> PathBuf {
    match std::fs::symlink_metadata(&root) {
        Ok(meta) if meta.file_type().is_symlink() => root.join(""),
        _ => root,
    }
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

    proptest::proptest! {
        /// The byte order is `Path::cmp` for plain paths, and any mix sorts as `Path::cmp` sorts.
        #[test]
        fn paths_sort_as_path_cmp_sorts(
            paths in proptest::collection::vec("(/|\\./)?([a-c._ -]{0,3}/{1,2}){0,3}[a-c.-]{0,3}", 0..24),
        ) {
            let bytes = |p: &PathBuf| p.as_os_str().as_encoded_bytes().to_vec();
            let plain: Vec<&String> = paths.iter().filter(|p| is_plain_path(p.as_bytes())).collect();
            for a in &plain {
                for b in &plain {
                    let (a, b) = (PathBuf::from(a), PathBuf::from(b));
                    proptest::prop_assert_eq!(plain_path_order(&bytes(&a), &bytes(&b)), a.cmp(&b), "{:?} {:?}", a, b);
                }
            }
            let sorts = |mut paths: Vec<Option<PathBuf>>| {
                let mut want = paths.clone();
                want.sort();
                paths.reverse();
                sort_by_path(&mut paths, |p| p.as_deref());
                (paths, want)
            };
            let some = |p: &String| (!p.is_empty()).then(|| PathBuf::from(p));
            // Any mix.
            let (got, want) = sorts(paths.iter().map(some).collect());
            proptest::prop_assert_eq!(got, want);
            // Shapes gathered in two parts and joined are the whole's.
            let all: Vec<Option<PathBuf>> = paths.iter().map(some).collect();
            let shapes = |part: &[Option<PathBuf>]| {
                let mut s = PathShapes::default();
                part.iter().for_each(|p| s.add(p.as_deref()));
                s
            };
            let (left, right) = all.split_at(all.len() / 2);
            proptest::prop_assert_eq!(shapes(left).join(shapes(right)), shapes(&all));
            // Plain paths, then the same paths all under `./`, as a walk of `.` gives them.
            let (got, want) = sorts(plain.iter().copied().map(some).collect());
            proptest::prop_assert_eq!(got, want);
            let dotted = plain.iter().map(|p| Some(PathBuf::from(format!("./{p}")))).collect();
            let (got, want) = sorts(dotted);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn plain_paths_are_the_walks() {
        for plain in ["a", "a/b", "/a/b", ".env", "a/.b/c..d", "a-b/c"] {
            assert!(is_plain_path(plain.as_bytes()), "{plain}");
        }
        for other in ["", "/", "./a", "a/./b", "a//b", "a/", "../a", "a/..", "a/."] {
            assert!(!is_plain_path(other.as_bytes()), "{other}");
        }
        // Where bytes alone would put `a-b` first (`-` sorts before `/`).
        assert_eq!(plain_path_order(b"a/b", b"a-b"), std::cmp::Ordering::Less);
        // `.//a` is `./a` to `Path::cmp`: it is not taken as plain.
        let mut paths = [".//a", "./-"].map(|p| Some(Path::new(p)));
        sort_by_path(&mut paths, |p| *p);
        assert_eq!(paths, ["./-", ".//a"].map(|p| Some(Path::new(p))));
        // A walk of `.`: every path under `./`.
        let mut paths = ["./b", "./a-b", "./a/b", "./a"].map(|p| Some(Path::new(p)));
        sort_by_path(&mut paths, |p| *p);
        assert_eq!(
            paths,
            ["./a", "./a/b", "./a-b", "./b"].map(|p| Some(Path::new(p)))
        );
    }

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
        assert!(missing.errors[0].fails);
    }

    #[test]
    fn named_files_are_each_linted_once_on_as_many_threads_as_they_fill() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..300 {
            let file = dir.path().join(format!("{i:03}.env"));
            fs::write(&file, "A=1\n").unwrap();
            paths.push(file);
        }
        // Named twice: linted once.
        paths.push(paths[7].clone());
        for (threads, sinks) in [(1, 1), (2, 2), (8, 5)] {
            let options = DiscoverOptions {
                threads,
                ..Default::default()
            };
            let parts = discover_each(&paths, &options, &Discovery::default).unwrap();
            assert_eq!(parts.len(), sinks, "{threads} threads");
            let mut found: Vec<PathBuf> = parts
                .into_iter()
                .flat_map(|p| p.candidates.into_iter().map(|c| c.path))
                .collect();
            found.sort();
            assert_eq!(found, paths[..300], "{threads} threads");
        }
        // A handful stay on the calling thread.
        let few = discover_each(
            &paths[..5],
            &DiscoverOptions::default(),
            &Discovery::default,
        );
        assert_eq!(few.unwrap().len(), 1);
    }
}
