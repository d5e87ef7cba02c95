//! Classify stage: a path becomes a `FileKind` from its name alone, before anything is read.

use std::path::Path;

/// The kinds of file stslint understands. Each kind has exactly one extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// `~/.aws/config` (profiles are `[profile x]`, plus `[sso-session x]` and `[services x]`).
    AwsConfig,
    /// `~/.aws/credentials` (profiles are `[x]`; holds secrets).
    AwsCredentials,
    /// Shell profiles and scripts: bash, zsh, POSIX sh, fish, direnv.
    Shell,
    /// dotenv files.
    DotEnv,
    /// Dockerfiles and Containerfiles.
    Dockerfile,
    /// YAML: Kubernetes, Compose, GitHub Actions, GitLab CI.
    Yaml,
}

impl FileKind {
    pub const ALL: &'static [FileKind] = &[
        FileKind::AwsConfig,
        FileKind::AwsCredentials,
        FileKind::Shell,
        FileKind::DotEnv,
        FileKind::Dockerfile,
        FileKind::Yaml,
    ];

    /// The name used in `stslint rules` and in `--stdin-filename` errors.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::AwsConfig => "aws-config",
            FileKind::AwsCredentials => "aws-credentials",
            FileKind::Shell => "shell",
            FileKind::DotEnv => "dotenv",
            FileKind::Dockerfile => "dockerfile",
            FileKind::Yaml => "yaml",
        }
    }

    /// Whether `#` starts a comment in this kind (used by rule-doc examples and suppressions).
    pub fn hash_comments(self) -> bool {
        true
    }
}

/// File names (exact, case-sensitive) that decide the kind on their own.
const EXACT_NAMES: &[(&str, FileKind)] = &[
    (".bash_login", FileKind::Shell),
    (".bash_logout", FileKind::Shell),
    (".bash_profile", FileKind::Shell),
    (".bashrc", FileKind::Shell),
    (".env", FileKind::DotEnv),
    (".envrc", FileKind::Shell),
    (".profile", FileKind::Shell),
    (".zlogin", FileKind::Shell),
    (".zprofile", FileKind::Shell),
    (".zshenv", FileKind::Shell),
    (".zshrc", FileKind::Shell),
    ("Containerfile", FileKind::Dockerfile),
    ("Dockerfile", FileKind::Dockerfile),
    ("config.fish", FileKind::Shell),
];

/// Extensions (after the last dot, case-insensitive) that decide the kind.
const EXTENSIONS: &[(&str, FileKind)] = &[
    ("bash", FileKind::Shell),
    ("dockerfile", FileKind::Dockerfile),
    ("env", FileKind::DotEnv),
    ("fish", FileKind::Shell),
    ("sh", FileKind::Shell),
    ("yaml", FileKind::Yaml),
    ("yml", FileKind::Yaml),
    ("zsh", FileKind::Shell),
];

/// Decides a file's kind from its path. `None` means stslint has nothing to say about it.
pub fn classify(path: &Path) -> Option<FileKind> {
    // A name that is not UTF-8 is still classified by its readable parts (`bad-\u{fffd}.env`).
    let name = path.file_name()?.to_string_lossy();
    let name = name.as_ref();
    if let Some(kind) = aws_shared_file(path, name) {
        return Some(kind);
    }
    if let Ok(i) = EXACT_NAMES.binary_search_by(|(n, _)| n.cmp(&name)) {
        return Some(EXACT_NAMES[i].1);
    }
    if name.starts_with(".env.") {
        return Some(FileKind::DotEnv);
    }
    if name.starts_with("Dockerfile.") || name.starts_with("Containerfile.") {
        return Some(FileKind::Dockerfile);
    }
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    EXTENSIONS
        .binary_search_by(|(e, _)| e.cmp(&ext.as_str()))
        .ok()
        .map(|i| EXTENSIONS[i].1)
}

/// `config` / `credentials` inside a directory named `.aws` or `aws`.
fn aws_shared_file(path: &Path, name: &str) -> Option<FileKind> {
    let parent = path.parent()?.file_name()?.to_str()?;
    if parent != ".aws" && parent != "aws" {
        return None;
    }
    match name {
        "config" => Some(FileKind::AwsConfig),
        "credentials" => Some(FileKind::AwsCredentials),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(EXACT_NAMES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(EXTENSIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn classifies_real_names() {
        let cases = [
            ("home/.aws/config", Some(FileKind::AwsConfig)),
            ("deploy/aws/credentials", Some(FileKind::AwsCredentials)),
            ("config", None),
            ("src/config", None),
            (".bashrc", Some(FileKind::Shell)),
            ("scripts/deploy.sh", Some(FileKind::Shell)),
            (".config/fish/config.fish", Some(FileKind::Shell)),
            (".env", Some(FileKind::DotEnv)),
            (".env.production", Some(FileKind::DotEnv)),
            ("prod.env", Some(FileKind::DotEnv)),
            ("Dockerfile", Some(FileKind::Dockerfile)),
            ("Dockerfile.prod", Some(FileKind::Dockerfile)),
            ("api.Dockerfile", Some(FileKind::Dockerfile)),
            ("Containerfile", Some(FileKind::Dockerfile)),
            ("k8s/deploy.yaml", Some(FileKind::Yaml)),
            (".github/workflows/ci.YML", Some(FileKind::Yaml)),
            ("README.md", None),
            ("Makefile", None),
        ];
        for (path, want) in cases {
            assert_eq!(classify(Path::new(path)), want, "{path}");
        }
    }
}
