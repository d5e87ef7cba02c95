//! Doctor, installed clients: which AWS CLI and Python SDK versions this machine has, read statically
//! from install layouts and package metadata, never by running them.
//!
//! Where they are looked for, all derived from the home directory, `PATH` and a few well-known
//! variables ([`LOCATOR_VARS`]), so that a fake home with a controlled environment is a complete test:
//!
//! - `aws` on `PATH` (and in `~/.local/bin`): a symlink into an AWS CLI v2 tree — the official Linux
//!   installer's `…/aws-cli/v2/<version>/…`, the macOS `.pkg`'s `…/aws-cli/aws`, Homebrew's
//!   `Cellar/awscli/<version>/…` — or a pip entry-point script, whose shebang names the Python (a
//!   pipx venv, a pyenv version, a venv) whose site-packages hold it;
//! - the Pythons on `PATH` (venvs named on `PATH` included), each with its site-packages;
//! - pyenv, asdf, mise and rtx: a shims directory on `PATH` stands for every Python version the tool
//!   has installed (which one a shim picks depends on the directory it runs in, so all are shown);
//!   their default data directories are searched even when the shims are not on `PATH`;
//! - conda: the base of Miniconda/Anaconda/Miniforge/Mambaforge installs and every env under `envs/`,
//!   plus the envs listed in `~/.conda/environments.txt`;
//! - Homebrew/Linuxbrew: `Cellar/awscli/<version>` under each prefix (`HOMEBREW_PREFIX`, or the
//!   prefix of a `brew` on `PATH`), linked or not;
//! - the user site of every Python version found (`~/.local/lib/pythonX.Y/site-packages`, and macOS's
//!   `~/Library/Python/X.Y/lib/python/site-packages`), and pipx venvs.
//!
//! A package version found in several places is one entry with every location.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::knowledge::clients::{AWS_CLI_V2, AWSCLI, PYTHON_PACKAGES};

/// One AWS client installed on this machine (not [`crate::extract::facts::Installed`], how a manifest
/// fixes a client's version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstalledClient {
    /// `aws-cli` (v2), `awscli`, `botocore` or `boto3`.
    pub package: &'static str,
    pub version: String,
    /// Every place this package and version was found, for the user to act on.
    pub locations: Vec<PathBuf>,
}

/// Variables that say where version managers and package managers keep their installs.
pub const LOCATOR_VARS: &[&str] = &[
    "ASDF_DATA_DIR",
    "CONDA_PREFIX",
    "HOMEBREW_PREFIX",
    "MISE_DATA_DIR",
    "PIPX_HOME",
    "PYENV_ROOT",
    "RTX_DATA_DIR",
    "VIRTUAL_ENV",
    "XDG_DATA_HOME",
];

/// Where to look: the home directory, `PATH`, and [`LOCATOR_VARS`] as set.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub home: PathBuf,
    pub path_dirs: Vec<PathBuf>,
    pub vars: BTreeMap<String, String>,
}

impl Places {
    fn var(&self, name: &str) -> Option<PathBuf> {
        self.vars
            .get(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    }

    fn data_home(&self) -> PathBuf {
        self.var("XDG_DATA_HOME")
            .unwrap_or_else(|| self.home.join(".local/share"))
    }
}

/// Finds clients on `PATH` and in the Python environments reachable from `home`, `PATH` and the
/// locator variables.
pub fn find(places: &Places) -> Vec<InstalledClient> {
    let mut found = Vec::new();
    let mut prefixes: Vec<PathBuf> = Vec::new();
    let local_bin = places.home.join(".local/bin");
    for dir in places.path_dirs.iter().chain([&local_bin]) {
        let aws = dir.join("aws");
        if aws.exists() {
            if let Some(v2) = aws_cli_v2(&aws) {
                found.push(v2);
            } else if let Some(python) = shebang_python(&aws) {
                prefixes.extend(prefix_of(&python));
            }
        }
        if ["python3", "python"].iter().any(|p| dir.join(p).exists())
            && let Some(prefix) = dir.parent()
        {
            prefixes.push(prefix.to_path_buf());
        }
    }
    prefixes.extend(version_managers(places));
    prefixes.extend(conda_prefixes(places));
    prefixes.extend(places.var("VIRTUAL_ENV"));
    prefixes.extend(places.var("CONDA_PREFIX"));
    for brew in brew_prefixes(places) {
        found.extend(cellar(&brew));
    }
    let mut sites: Vec<PathBuf> = Vec::new();
    let mut versions: Vec<String> = Vec::new();
    for prefix in &prefixes {
        for (version, site) in site_packages(prefix) {
            if !versions.contains(&version) {
                versions.push(version);
            }
            sites.push(site);
        }
    }
    sites.extend(user_sites(places, &versions));
    sites.extend(pipx_sites(places));
    let mut seen: Vec<PathBuf> = Vec::new();
    for site in sites {
        // One directory reached twice (a symlinked prefix, a shim and its data directory) once.
        let key = std::fs::canonicalize(&site).unwrap_or_else(|_| site.clone());
        if site.is_dir() && !seen.contains(&key) {
            seen.push(key);
            found.extend(dist_infos(&site));
        }
    }
    merge(found)
}

/// One entry per package and version, with every location it was found at (each once, in order).
fn merge(found: Vec<InstalledClient>) -> Vec<InstalledClient> {
    let mut out: Vec<InstalledClient> = Vec::new();
    for i in found {
        match out
            .iter_mut()
            .find(|o| o.package == i.package && o.version == i.version)
        {
            Some(o) => {
                for l in i.locations {
                    if !o.locations.contains(&l) {
                        o.locations.push(l);
                    }
                }
            }
            None => out.push(i),
        }
    }
    out.sort_by(|a, b| (a.package, &a.version).cmp(&(b.package, &b.version)));
    out
}

fn names(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// `aws` that resolves into an AWS CLI v2 install: the official Linux installer's
/// `…/aws-cli/v2/<version>/…` (or `v2/current`), Homebrew's `…/Cellar/awscli/<version>/…`, or the
/// macOS `.pkg`'s `…/aws-cli/aws` (its version from the installer's receipt when it can be read).
fn aws_cli_v2(aws: &Path) -> Option<InstalledClient> {
    let target = std::fs::canonicalize(aws).ok()?;
    let parts = names(&target);
    let at = |i: usize| parts.get(i).map(String::as_str);
    let version = if let Some(v2) = parts.iter().position(|c| c == "v2") {
        let version = at(v2 + 1)?;
        if version == "current" {
            // `current` is a symlink to the version directory.
            let current = target.ancestors().nth(parts.len() - v2 - 2)?;
            std::fs::read_link(current)
                .ok()?
                .file_name()?
                .to_string_lossy()
                .into_owned()
        } else {
            version.to_owned()
        }
    } else if let Some(cellar) = parts
        .windows(2)
        // The Homebrew formula is named like the PyPI package.
        .position(|w| w[0] == "Cellar" && w[1] == AWSCLI)
    {
        // `2.15.30_1`: Homebrew's `_N` is the formula's revision, not part of the version.
        let version = at(cellar + 2)?;
        version.split('_').next()?.to_owned()
    } else if parts.len() >= 2
        && at(parts.len() - 2) == Some(AWS_CLI_V2)
        && at(parts.len() - 1) == Some("aws")
        && target.with_file_name("aws_completer").exists()
    {
        pkg_receipt_version(&target).unwrap_or_else(|| "2 (version unknown)".to_owned())
    } else {
        return None;
    };
    version.starts_with('2').then(|| InstalledClient {
        package: AWS_CLI_V2,
        version,
        locations: vec![aws.to_path_buf()],
    })
}

/// The version in the macOS installer's receipt for the AWS CLI v2 package, looked for relative to the
/// install's root (`/usr/local/aws-cli/aws` → `/var/db/receipts/com.amazon.aws.cli2.plist`).
fn pkg_receipt_version(aws: &Path) -> Option<String> {
    let root = aws.ancestors().nth(4)?;
    let text =
        std::fs::read_to_string(root.join("var/db/receipts/com.amazon.aws.cli2.plist")).ok()?;
    let after = &text[text.find("<key>PackageVersion</key>")?..];
    let start = after.find("<string>")? + "<string>".len();
    let end = after[start..].find("</string>")?;
    Some(after[start..start + end].trim().to_owned())
}

/// The Python a pip entry-point script runs: its `#!` line, or pip's `#!/bin/sh` + `'''exec' "…"`
/// form for long paths. `None` for binaries, `/usr/bin/env` shebangs and anything unreadable.
fn shebang_python(script: &Path) -> Option<PathBuf> {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(script).ok()?.read(&mut head).ok()?;
    let text = std::str::from_utf8(&head[..n]).ok()?;
    let mut lines = text.lines();
    let first = lines.next()?.strip_prefix("#!")?.trim();
    let interpreter = first.split_whitespace().next()?;
    let python = if interpreter == "/bin/sh" {
        let line = lines.next()?;
        let rest = line.strip_prefix("'''exec' \"")?;
        &rest[..rest.find('"')?]
    } else {
        interpreter
    };
    let name = Path::new(python).file_name()?.to_str()?;
    name.starts_with("python").then(|| PathBuf::from(python))
}

/// `…/bin/python3.11` → `…`.
fn prefix_of(python: &Path) -> Option<PathBuf> {
    Some(python.parent()?.parent()?.to_path_buf())
}

/// Every Python version pyenv, asdf, mise and rtx have installed: from their data directories (the
/// variable or the default), and from a shims directory on `PATH` (`<root>/shims`).
fn version_managers(places: &Places) -> Vec<PathBuf> {
    let home = &places.home;
    let data = places.data_home();
    let mut roots: Vec<PathBuf> = vec![
        places
            .var("PYENV_ROOT")
            .unwrap_or_else(|| home.join(".pyenv"))
            .join("versions"),
        places
            .var("ASDF_DATA_DIR")
            .unwrap_or_else(|| home.join(".asdf"))
            .join("installs/python"),
        places
            .var("MISE_DATA_DIR")
            .unwrap_or_else(|| data.join("mise"))
            .join("installs/python"),
        places
            .var("RTX_DATA_DIR")
            .unwrap_or_else(|| data.join("rtx"))
            .join("installs/python"),
    ];
    for dir in &places.path_dirs {
        if dir.file_name().is_some_and(|n| n == "shims")
            && let Some(root) = dir.parent()
        {
            // pyenv keeps versions in `versions/`; asdf, mise and rtx in `installs/python/`.
            roots.push(root.join("versions"));
            roots.push(root.join("installs/python"));
        }
    }
    let mut out = Vec::new();
    for root in roots {
        for version in read_dir_sorted(&root) {
            if version.is_dir() && !out.contains(&version) {
                out.push(version);
            }
        }
    }
    out
}

/// Conda installs in the home directory, each base and every env below it, plus the envs conda
/// records in `~/.conda/environments.txt`.
fn conda_prefixes(places: &Places) -> Vec<PathBuf> {
    let home = &places.home;
    let mut bases: Vec<PathBuf> = [
        "miniconda3",
        "miniconda",
        "anaconda3",
        "anaconda",
        "miniforge3",
        "mambaforge",
        "opt/miniconda3",
        "opt/anaconda3",
        ".conda",
    ]
    .iter()
    .map(|d| home.join(d))
    .filter(|d| d.is_dir())
    .collect();
    let mut out = Vec::new();
    for base in bases.drain(..) {
        out.extend(read_dir_sorted(&base.join("envs")));
        out.push(base);
    }
    if let Ok(list) = std::fs::read_to_string(home.join(".conda/environments.txt")) {
        out.extend(
            list.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(PathBuf::from),
        );
    }
    out
}

/// Homebrew prefixes: `HOMEBREW_PREFIX` (which `brew shellenv` sets) and the prefix of a `brew` on
/// `PATH` (`/opt/homebrew`, `/usr/local`, `/home/linuxbrew/.linuxbrew`, `~/.linuxbrew`, …). A prefix
/// nothing points at is not searched, so a fake home sees only what it names.
fn brew_prefixes(places: &Places) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = places.var("HOMEBREW_PREFIX").into_iter().collect();
    for dir in &places.path_dirs {
        if dir.join("brew").exists()
            && let Some(prefix) = dir.parent()
        {
            out.push(prefix.to_path_buf());
        }
    }
    out.dedup();
    out
}

/// Every version of Homebrew's `awscli` formula (AWS CLI v2) in a prefix's Cellar, linked or not.
fn cellar(prefix: &Path) -> Vec<InstalledClient> {
    read_dir_sorted(&prefix.join("Cellar/awscli"))
        .into_iter()
        .filter_map(|dir| {
            let name = dir.file_name()?.to_str()?;
            let version = name.split('_').next()?;
            version.starts_with("2.").then(|| InstalledClient {
                package: AWS_CLI_V2,
                version: version.to_owned(),
                locations: vec![dir.clone()],
            })
        })
        .collect()
}

/// `(X.Y, site-packages)` of a Python prefix: `lib/pythonX.Y/site-packages`, Debian's
/// `dist-packages` and `lib/python3/dist-packages`.
fn site_packages(prefix: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for lib in ["lib", "lib64"] {
        for python in read_dir_sorted(&prefix.join(lib)) {
            let Some(name) = python.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let Some(version) = name.strip_prefix("python") else {
                continue;
            };
            if !version.starts_with('3') {
                continue;
            }
            for site in ["site-packages", "dist-packages"] {
                let dir = python.join(site);
                if dir.is_dir() {
                    out.push((version.to_owned(), dir));
                }
            }
        }
    }
    out
}

/// The user sites: of each Python version found, and any under the home directory (Linux's
/// `~/.local/lib/pythonX.Y/site-packages`, macOS's `~/Library/Python/X.Y/lib/python/site-packages`).
fn user_sites(places: &Places, versions: &[String]) -> Vec<PathBuf> {
    let home = &places.home;
    let mut out: Vec<PathBuf> = versions
        .iter()
        .filter(|v| v.contains('.'))
        .flat_map(|v| {
            [
                home.join(format!(".local/lib/python{v}/site-packages")),
                home.join(format!("Library/Python/{v}/lib/python/site-packages")),
            ]
        })
        .collect();
    out.extend(
        site_packages(&home.join(".local"))
            .into_iter()
            .map(|(_, s)| s),
    );
    for version in read_dir_sorted(&home.join("Library/Python")) {
        out.push(version.join("lib/python/site-packages"));
    }
    out
}

/// The site-packages of every pipx venv (`PIPX_HOME`, `~/.local/pipx`, `~/.local/share/pipx`).
fn pipx_sites(places: &Places) -> Vec<PathBuf> {
    let mut homes: Vec<PathBuf> = places.var("PIPX_HOME").into_iter().collect();
    homes.push(places.home.join(".local/pipx"));
    homes.push(places.data_home().join("pipx"));
    homes
        .iter()
        .flat_map(|h| read_dir_sorted(&h.join("venvs")))
        .flat_map(|venv| site_packages(&venv).into_iter().map(|(_, s)| s))
        .collect()
}

/// `awscli-1.22.34.dist-info`, `botocore-1.29.0.egg-info`, … in one site-packages directory. The
/// `awscli` distribution at 2.x is the v2 CLI (as distributions and Homebrew package it).
fn dist_infos(dir: &Path) -> Vec<InstalledClient> {
    let mut out = Vec::new();
    for entry in read_dir_sorted(dir) {
        let Some(name) = entry.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name
            .strip_suffix(".dist-info")
            .or_else(|| name.strip_suffix(".egg-info"))
        else {
            continue;
        };
        let Some((package, version)) = stem.split_once('-') else {
            continue;
        };
        // Debian's egg-info names carry the Python tag: `botocore-1.29.0.egg-info` or `…-py3.11.egg-info`.
        let version = version.split("-py").next().unwrap_or(version);
        let package = package.to_ascii_lowercase();
        if let Some(known) = PYTHON_PACKAGES.iter().find(|p| **p == package) {
            let known = if *known == AWSCLI && version.starts_with("2.") {
                AWS_CLI_V2
            } else {
                known
            };
            out.push(InstalledClient {
                package: known,
                version: version.to_owned(),
                locations: vec![dir.to_path_buf()],
            });
        }
    }
    out
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn places(home: &Path, path_dirs: Vec<PathBuf>) -> Places {
        Places {
            home: home.to_path_buf(),
            path_dirs,
            vars: BTreeMap::new(),
        }
    }

    #[test]
    fn finds_dist_infos_and_a_v2_tree() {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let site = h.join(".local/lib/python3.11/site-packages");
        for d in [
            "awscli-1.22.34.dist-info",
            "botocore-1.29.0.dist-info",
            "requests-2.0.dist-info",
            "boto3-1.9.0-py3.11.egg-info",
        ] {
            fs::create_dir_all(site.join(d)).unwrap();
        }
        let v2 = h.join("aws-cli/v2/2.15.30/bin");
        fs::create_dir_all(&v2).unwrap();
        fs::write(v2.join("aws"), "").unwrap();
        let bin = h.join("bin");
        fs::create_dir_all(&bin).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(v2.join("aws"), bin.join("aws")).unwrap();
        let found = find(&places(h, vec![bin]));
        let got: Vec<_> = found
            .iter()
            .map(|i| (i.package, i.version.as_str()))
            .collect();
        #[cfg(unix)]
        assert!(got.contains(&("aws-cli", "2.15.30")), "{got:?}");
        for want in [
            ("awscli", "1.22.34"),
            ("botocore", "1.29.0"),
            ("boto3", "1.9.0"),
        ] {
            assert!(got.contains(&want), "{got:?}");
        }
        assert!(!got.iter().any(|(p, _)| *p == "requests"));
    }

    #[test]
    fn shebangs_name_the_python() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("aws");
        fs::write(&script, "#!/opt/venv/bin/python3.11\nimport sys\n").unwrap();
        assert_eq!(
            shebang_python(&script),
            Some(PathBuf::from("/opt/venv/bin/python3.11"))
        );
        fs::write(
            &script,
            "#!/bin/sh\n'''exec' \"/a very/long/bin/python\" \"$0\" \"$@\"\n' '''\n",
        )
        .unwrap();
        assert_eq!(
            shebang_python(&script),
            Some(PathBuf::from("/a very/long/bin/python"))
        );
        fs::write(&script, "#!/usr/bin/env bash\n").unwrap();
        assert_eq!(shebang_python(&script), None);
        fs::write(&script, [0x7f, b'E', b'L', b'F', 0, 0]).unwrap();
        assert_eq!(shebang_python(&script), None);
    }
}
