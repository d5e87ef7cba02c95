//! Path globs as `--exclude`, `exclude` and `per-file-ignores` match them: one matcher, so a glob means
//! the same on the command line (relative to the working directory) and in a config file (relative
//! to the file).
//!
//! globset compiles and matches the patterns; this module only decides *what* is matched, as
//! gitignore does: a pattern without a `/` is a name and matches any component of the path
//! (`vendor`, `*.env`); a pattern with a `/`, or starting with `./`, is anchored at the base directory
//! and matches the path or one of the directories above it (`tests/**`, `./x`, `**/fixtures`); an
//! absolute pattern matches the absolute path.

use std::path::{Component, Path};

use globset::{Glob, GlobSet, GlobSetBuilder};

#[derive(Debug, Clone, Default)]
pub struct PathGlobs {
    /// Patterns matched against the relative path and its ancestors.
    anchored: GlobSet,
    /// Patterns matched against the absolute path and its ancestors.
    absolute: GlobSet,
    /// Patterns matched against every name in the relative path.
    names: GlobSet,
}

/// `./tests/**` is `tests/**`, anchored.
fn split(pattern: &str) -> (&str, bool) {
    let mut p = pattern;
    let mut dotted = false;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.trim_start_matches('/');
        dotted = true;
    }
    (p, dotted)
}

/// Checks one pattern: the error globset gives for it, if any.
pub fn check(pattern: &str) -> Result<(), globset::Error> {
    Glob::new(split(pattern).0).map(drop)
}

impl PathGlobs {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Result<Self, globset::Error> {
        let (mut anchored, mut absolute, mut names) = (
            GlobSetBuilder::new(),
            GlobSetBuilder::new(),
            GlobSetBuilder::new(),
        );
        for pattern in patterns {
            let (p, dotted) = split(pattern);
            let glob = Glob::new(p)?;
            if Path::new(p).is_absolute() {
                absolute.add(glob);
            } else if dotted || p.contains('/') {
                anchored.add(glob);
            } else {
                names.add(glob);
            }
        }
        Ok(PathGlobs {
            anchored: anchored.build()?,
            absolute: absolute.build()?,
            names: names.build()?,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.anchored.is_empty() && self.absolute.is_empty() && self.names.is_empty()
    }

    /// Whether `relative` (to the base directory; `.` components are ignored) or `absolute` matches.
    pub fn matches(&self, relative: &Path, absolute: Option<&Path>) -> bool {
        if self.is_empty() {
            return false;
        }
        let relative: std::path::PathBuf = relative
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect();
        let up = |set: &GlobSet, path: &Path| {
            !set.is_empty()
                && path
                    .ancestors()
                    .filter(|a| !a.as_os_str().is_empty())
                    .any(|a| set.is_match(a))
        };
        up(&self.anchored, &relative)
            || absolute.is_some_and(|a| up(&self.absolute, a))
            || (!self.names.is_empty()
                && relative
                    .components()
                    .any(|c| matches!(c, Component::Normal(n) if self.names.is_match(n))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(patterns: &[&str], path: &str) -> bool {
        PathGlobs::new(patterns.iter().copied())
            .unwrap()
            .matches(Path::new(path), Some(&Path::new("/work").join(path)))
    }

    #[test]
    fn names_anchored_and_absolute() {
        assert!(m(&["vendor"], "a/vendor/x.env"));
        assert!(m(&["*.env"], "a/b.env"));
        assert!(m(&["tests/**"], "tests/a/b.env"));
        assert!(!m(&["tests/**"], "src/tests/b.env"));
        assert!(m(&["**/tests"], "src/tests/b.env"));
        assert!(m(&["./x"], "x/e.env"));
        assert!(m(&["./x"], "./x/e.env"));
        assert!(!m(&["./x"], "src/x/e.env"));
        assert!(m(&["x"], "src/x/e.env"));
        assert!(m(&["/work/tests/**"], "tests/a.env"));
        assert!(!m(&["/work/tests/**"], "src/a.env"));
        assert!(!m(&[], "a.env"));
    }
}
