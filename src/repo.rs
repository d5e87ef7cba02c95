//! Repository context, between the walk and the rules: account-level facts one file of a repository
//! declares (an STS interface VPC endpoint, the global endpoint's token version, the regions it deploys
//! to) gathered after the walk, so that the rules of every other file of the repository can read them.
//!
//! A repository is the nearest directory at or below a path given on the command line that holds
//! `.git`, else that path itself; a file outside every given path (an AWS config named with
//! `--aws-config`, standard input) is its own repository. Facts are copied out of each file as small
//! owned values with their position, so the files themselves need not be kept.
//!
//! The Terraform version is one such fact: tfenv's `.terraform-version`, asdf's `.tool-versions` or a
//! module's `required_version` decide the S3 backend written in another file ([`resolve_terraform`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::extract::facts::{FileFacts, Installed, SettingName};
use crate::knowledge::hosts;
use crate::source::{SourceFile, Span};

/// Where a repository fact is written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

impl Place {
    fn of(source: &SourceFile, span: Span) -> Place {
        let (line, column) = source.line_col(span.start);
        Place {
            path: source.path.clone(),
            line,
            column,
        }
    }
}

/// An STS interface VPC endpoint of the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcEndpoint {
    pub place: Place,
    pub resource: String,
    pub region: Option<String>,
    pub private_dns: Option<bool>,
}

/// A global-endpoint token version the repository sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenVersion {
    pub place: Place,
    pub resource: String,
    pub value: String,
}

impl TokenVersion {
    pub fn is_v2(&self) -> bool {
        self.value == "v2Token"
    }
}

/// A region the repository deploys to: a region setting (provider, stack, CI job, env file) or a CI
/// matrix entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub place: Place,
    pub name: String,
}

/// A Terraform version written in the repository (see [`crate::extract::facts::TerraformVersion`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerraformPin {
    pub place: Place,
    pub version: String,
    /// A version manager's pin (its directory and below) rather than a module's `required_version`
    /// (its own directory).
    pub manager: bool,
}

/// The repository facts of one file, or of a whole repository once merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepoContext {
    pub vpc_endpoints: Vec<VpcEndpoint>,
    pub token_versions: Vec<TokenVersion>,
    /// The first mention of each region, in walk order.
    pub regions: Vec<Region>,
    pub terraform_versions: Vec<TerraformPin>,
    /// S3 backends that assume a role with no version in their own `terraform` block.
    pub s3_role_backends: Vec<Place>,
}

impl RepoContext {
    /// The repository facts one file holds.
    pub fn of(source: &SourceFile, facts: &FileFacts) -> RepoContext {
        let mut context = RepoContext {
            vpc_endpoints: facts
                .vpc_endpoints
                .iter()
                .map(|e| VpcEndpoint {
                    place: Place::of(source, e.span),
                    resource: e.resource.clone(),
                    region: e.region.clone(),
                    private_dns: e.private_dns,
                })
                .collect(),
            token_versions: facts
                .token_versions
                .iter()
                .map(|t| TokenVersion {
                    place: Place::of(source, t.span),
                    resource: t.resource.clone(),
                    value: t.value.clone(),
                })
                .collect(),
            regions: Vec::new(),
            terraform_versions: facts
                .terraform_versions
                .iter()
                .map(|t| TerraformPin {
                    place: Place::of(source, t.span),
                    version: t.version.clone(),
                    manager: t.manager,
                })
                .collect(),
            s3_role_backends: facts
                .clients
                .iter()
                .filter(|c| is_unresolved_terraform(c))
                .map(|c| Place::of(source, c.span))
                .collect(),
        };
        let settings = facts
            .settings(SettingName::Region)
            .map(|s| (&s.value, s.value_span));
        let matrices = facts.deploy_regions.iter().map(|r| (&r.name, r.span));
        for (name, span) in settings.chain(matrices) {
            if hosts::is_region_name(name) && !context.regions.iter().any(|r| &r.name == name) {
                context.regions.push(Region {
                    place: Place::of(source, span),
                    name: name.clone(),
                });
            }
        }
        context
    }

    /// Whether the context holds a fact that changes a finding: regions alone change nothing.
    pub fn matters(&self) -> bool {
        !self.vpc_endpoints.is_empty()
            || !self.token_versions.is_empty()
            || (!self.terraform_versions.is_empty() && !self.s3_role_backends.is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.vpc_endpoints.is_empty()
            && self.token_versions.is_empty()
            && self.regions.is_empty()
            && self.terraform_versions.is_empty()
            && self.s3_role_backends.is_empty()
    }

    /// Where one of the file's facts is written, to find its repository.
    pub fn first_path(&self) -> Option<&Path> {
        self.vpc_endpoints
            .first()
            .map(|e| &e.place.path)
            .or(self.token_versions.first().map(|t| &t.place.path))
            .or(self.regions.first().map(|r| &r.place.path))
            .or(self.terraform_versions.first().map(|t| &t.place.path))
            .or(self.s3_role_backends.first().map(|p| &p.path))
            .map(PathBuf::as_path)
    }

    /// Takes in another file's facts (files are merged in walk order, so the result is deterministic).
    pub fn merge(&mut self, other: RepoContext) {
        self.vpc_endpoints.extend(other.vpc_endpoints);
        self.token_versions.extend(other.token_versions);
        self.terraform_versions.extend(other.terraform_versions);
        self.s3_role_backends.extend(other.s3_role_backends);
        for region in other.regions {
            if !self.regions.iter().any(|r| r.name == region.name) {
                self.regions.push(region);
            }
        }
    }

    /// The one region the repository deploys to, when it names exactly one.
    pub fn only_region(&self) -> Option<&str> {
        match self.regions.as_slice() {
            [only] => Some(&only.name),
            _ => None,
        }
    }

    /// The first opt-in region the repository deploys to.
    pub fn opt_in_region(&self) -> Option<&Region> {
        self.regions
            .iter()
            .find(|r| crate::knowledge::regions::is_opt_in(&r.name))
    }

    /// The token version every preference in the repository agrees on being `v2Token`, when there is
    /// at least one and none says otherwise.
    pub fn v2_tokens(&self) -> Option<&TokenVersion> {
        let first = self.token_versions.first()?;
        self.token_versions
            .iter()
            .all(TokenVersion::is_v2)
            .then_some(first)
    }
}

/// An S3 backend's Terraform, recorded without a version (its own `terraform` block requires none).
pub fn is_unresolved_terraform(client: &crate::extract::facts::Client) -> bool {
    client.package == crate::knowledge::tools::TERRAFORM_CORE
        && client.ecosystem == crate::extract::facts::Ecosystem::Tool
        && client.installed == Installed::Unversioned
}

/// Gives each unversioned S3-backend Terraform of `facts` (a file at `path`) the version the repository
/// writes for its directory: the nearest version manager pin at or above it (tfenv and asdf look upward
/// from the working directory), else a `required_version` in another file of the same module directory.
/// Nothing is assumed when neither exists.
pub fn resolve_terraform(facts: &mut FileFacts, path: &Path, repo: &RepoContext) {
    let Some(dir) = path.parent() else {
        return;
    };
    let manager = repo
        .terraform_versions
        .iter()
        .filter(|t| t.manager && t.place.path.parent().is_some_and(|d| dir.starts_with(d)))
        .max_by_key(|t| t.place.path.components().count());
    let module = || {
        repo.terraform_versions
            .iter()
            .find(|t| !t.manager && t.place.path.parent() == Some(dir))
    };
    let Some(pin) = manager.or_else(module) else {
        return;
    };
    let exact = crate::extract::tool_versions::is_release(pin.version.trim());
    let name = pin.place.path.file_name().map_or_else(
        || pin.place.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for client in facts
        .clients
        .iter_mut()
        .filter(|c| is_unresolved_terraform(c))
    {
        client.version = pin.version.clone();
        client.installed = if exact {
            Installed::Pin
        } else {
            Installed::Range
        };
        client.origin = format!("{name}:{}", pin.place.line);
    }
}

/// Finds each file's repository root, caching what it learns per directory.
#[derive(Debug, Default)]
pub struct Roots {
    given: Vec<PathBuf>,
    known: HashMap<PathBuf, PathBuf>,
}

impl Roots {
    pub fn new(given: &[PathBuf]) -> Self {
        Roots {
            given: given.to_vec(),
            known: HashMap::new(),
        }
    }

    /// The repository `path` belongs to: the nearest directory holding `.git` at or below the given
    /// path it was found under, else that given path; a file under no given path is its own.
    pub fn root_of(&mut self, path: &Path) -> PathBuf {
        let Some(given) = self
            .given
            .iter()
            .filter(|g| path.starts_with(g))
            .max_by_key(|g| g.components().count())
            .cloned()
        else {
            return path.to_path_buf();
        };
        let Some(dir) = path.parent().filter(|d| d.starts_with(&given)) else {
            return given;
        };
        self.root_of_dir(dir, &given)
    }

    fn root_of_dir(&mut self, dir: &Path, given: &Path) -> PathBuf {
        if let Some(root) = self.known.get(dir) {
            return root.clone();
        }
        let root = if dir.join(".git").exists() {
            dir.to_path_buf()
        } else {
            match dir
                .parent()
                .filter(|p| p.starts_with(given) && dir != given)
            {
                Some(parent) => self.root_of_dir(parent, given),
                None => given.to_path_buf(),
            }
        };
        self.known.insert(dir.to_path_buf(), root.clone());
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_git_directories_below_the_given_path() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        std::fs::create_dir_all(base.join("a/.git")).unwrap();
        std::fs::create_dir_all(base.join("a/infra")).unwrap();
        std::fs::create_dir_all(base.join("b/app")).unwrap();
        // A worktree or submodule has a `.git` file.
        std::fs::create_dir_all(base.join("c")).unwrap();
        std::fs::write(base.join("c/.git"), "gitdir: elsewhere\n").unwrap();
        let mut roots = Roots::new(&[base.to_path_buf()]);
        assert_eq!(roots.root_of(&base.join("a/infra/main.tf")), base.join("a"));
        assert_eq!(roots.root_of(&base.join("a/Dockerfile")), base.join("a"));
        assert_eq!(roots.root_of(&base.join("b/app/Dockerfile")), base);
        assert_eq!(roots.root_of(&base.join("c/x.tf")), base.join("c"));
        assert_eq!(
            roots.root_of(Path::new("/elsewhere/config")),
            PathBuf::from("/elsewhere/config")
        );
        // A `.git` above the given path is not looked for: the given path is the repository.
        let mut below = Roots::new(&[base.join("a/infra")]);
        assert_eq!(
            below.root_of(&base.join("a/infra/main.tf")),
            base.join("a/infra")
        );
    }
}
