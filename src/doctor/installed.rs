//! Doctor, installed clients: which AWS CLI and Python SDK versions this machine has, read statically
//! from install layouts and package metadata, never by running them.

use std::path::{Path, PathBuf};

/// One installed client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// `aws-cli` (v2 install tree), `awscli`, `botocore` or `boto3`.
    pub package: &'static str,
    pub version: String,
    /// Every place this package and version was found, for the user to act on.
    pub locations: Vec<PathBuf>,
}

const PYTHON_PACKAGES: &[&str] = &["awscli", "boto3", "botocore"];

/// Finds clients on `PATH` and in the Python environments reachable cheaply from `home` and `PATH`.
pub fn find(home: &Path, path_dirs: &[PathBuf]) -> Vec<Installed> {
    let mut found = Vec::new();
    if let Some(v2) = path_dirs.iter().find_map(|d| aws_cli_v2(&d.join("aws"))) {
        found.push(v2);
    }
    for dir in site_packages(home, path_dirs) {
        found.extend(dist_infos(&dir));
    }
    merge(found)
}

/// One entry per package and version, with every location it was found at (each once, in order).
fn merge(found: Vec<Installed>) -> Vec<Installed> {
    let mut out: Vec<Installed> = Vec::new();
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

/// `aws` on PATH that resolves into a v2 install tree (`…/aws-cli/v2/<version>/…` or `…/v2/current`).
fn aws_cli_v2(aws: &Path) -> Option<Installed> {
    let target = std::fs::canonicalize(aws).ok()?;
    let components: Vec<_> = target
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let v2 = components.iter().position(|c| c == "v2")?;
    let version = components.get(v2 + 1)?;
    let version = if version == "current" {
        // `current` is a symlink to the version directory.
        let current: PathBuf = components[..=v2 + 1].iter().collect();
        std::fs::read_link(&current)
            .ok()?
            .file_name()?
            .to_string_lossy()
            .into_owned()
    } else {
        version.clone()
    };
    version.starts_with("2.").then(|| Installed {
        package: "aws-cli",
        version,
        locations: vec![aws.to_path_buf()],
    })
}

/// The site-packages of the Pythons on PATH (with Debian's `lib/python3/dist-packages`), the user site
/// and pipx venvs.
fn site_packages(home: &Path, path_dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut lib_dirs: Vec<PathBuf> = Vec::new();
    for dir in path_dirs {
        let has_python = ["python3", "python"].iter().any(|p| dir.join(p).exists());
        if has_python && let Some(prefix) = dir.parent() {
            lib_dirs.push(prefix.join("lib"));
        }
    }
    lib_dirs.push(home.join(".local/lib"));
    for pipx in [
        home.join(".local/pipx/venvs"),
        home.join(".local/share/pipx/venvs"),
    ] {
        for venv in read_dir_sorted(&pipx) {
            lib_dirs.push(venv.join("lib"));
        }
    }
    let mut out: Vec<PathBuf> = Vec::new();
    for lib in lib_dirs {
        for python in read_dir_sorted(&lib) {
            let name = python
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with("python3") {
                out.push(python.join("site-packages"));
                out.push(python.join("dist-packages"));
            }
        }
    }
    out.retain(|p| p.is_dir());
    out.dedup();
    out
}

/// `awscli-1.22.34.dist-info`, `botocore-1.29.0.egg-info`, … in one site-packages directory.
fn dist_infos(dir: &Path) -> Vec<Installed> {
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
            out.push(Installed {
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
        let found = find(h, &[bin]);
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
}
