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
    /// Python source.
    Python,
    /// JavaScript and TypeScript source (`.js`, `.mjs`, `.cjs`, `.jsx`, `.ts`, `.mts`, `.cts`, `.tsx`).
    JavaScript,
    /// Go source.
    Go,
    /// Java and Kotlin source (`.java`, `.kt`, `.kts`).
    Jvm,
    /// C# source.
    CSharp,
    /// Ruby source.
    Ruby,
    /// PHP source.
    Php,
    /// Rust source.
    Rust,
    /// Terraform / OpenTofu configuration (`.tf`).
    Terraform,
    /// Terraform / OpenTofu JSON configuration (`.tf.json`).
    TerraformJson,
}

impl FileKind {
    pub const ALL: &'static [FileKind] = &[
        FileKind::AwsConfig,
        FileKind::AwsCredentials,
        FileKind::Shell,
        FileKind::DotEnv,
        FileKind::Dockerfile,
        FileKind::Yaml,
        FileKind::Python,
        FileKind::JavaScript,
        FileKind::Go,
        FileKind::Jvm,
        FileKind::CSharp,
        FileKind::Ruby,
        FileKind::Php,
        FileKind::Rust,
        FileKind::Terraform,
        FileKind::TerraformJson,
    ];

    /// Programming-language source files: their extractors read string literals, not settings.
    pub const CODE: &'static [FileKind] = &[
        FileKind::Python,
        FileKind::JavaScript,
        FileKind::Go,
        FileKind::Jvm,
        FileKind::CSharp,
        FileKind::Ruby,
        FileKind::Php,
        FileKind::Rust,
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
            FileKind::Python => "python",
            FileKind::JavaScript => "javascript",
            FileKind::Go => "go",
            FileKind::Jvm => "java",
            FileKind::CSharp => "csharp",
            FileKind::Ruby => "ruby",
            FileKind::Php => "php",
            FileKind::Rust => "rust",
            FileKind::Terraform => "terraform",
            FileKind::TerraformJson => "terraform-json",
        }
    }

    /// Whether `#` starts a comment in this kind (used by rule-doc examples and suppressions).
    pub fn hash_comments(self) -> bool {
        !matches!(
            self,
            FileKind::JavaScript
                | FileKind::Go
                | FileKind::Jvm
                | FileKind::CSharp
                | FileKind::Rust
                | FileKind::TerraformJson
        )
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
    ("cjs", FileKind::JavaScript),
    ("cs", FileKind::CSharp),
    ("cts", FileKind::JavaScript),
    ("dockerfile", FileKind::Dockerfile),
    ("env", FileKind::DotEnv),
    ("fish", FileKind::Shell),
    ("go", FileKind::Go),
    ("java", FileKind::Jvm),
    ("js", FileKind::JavaScript),
    ("jsx", FileKind::JavaScript),
    ("kt", FileKind::Jvm),
    ("kts", FileKind::Jvm),
    ("mjs", FileKind::JavaScript),
    ("mts", FileKind::JavaScript),
    ("php", FileKind::Php),
    ("py", FileKind::Python),
    ("rb", FileKind::Ruby),
    ("rs", FileKind::Rust),
    ("sh", FileKind::Shell),
    ("tf", FileKind::Terraform),
    ("ts", FileKind::JavaScript),
    ("tsx", FileKind::JavaScript),
    ("yaml", FileKind::Yaml),
    ("yml", FileKind::Yaml),
    ("zsh", FileKind::Shell),
];

/// Directory names that hold tests, mocks and fixtures.
const TEST_DIRS: &[&str] = &["__tests__", "spec", "test", "testdata", "tests"];

/// Whether a path (relative to the directory being linted) is a test file: findings there describe
/// mocks and fixtures, so they are reported at `info` (the one place this is decided).
pub fn is_test_path(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or(name);
    let by_name = name.ends_with("_test.go")
        || (name.ends_with(".py") && (stem.starts_with("test_") || stem.ends_with("_test")))
        || name.contains(".spec.")
        || name.contains(".test.")
        || name.ends_with("_spec.rb")
        || name.ends_with("Test.java")
        || name.ends_with("Test.kt")
        || name.ends_with("Tests.cs")
        || name.ends_with("Test.php");
    let by_dir = path
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|c| TEST_DIRS.contains(&c))
        });
    by_name || by_dir
}

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
    if name.ends_with(".tf.json") {
        return Some(FileKind::TerraformJson);
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
        assert!(TEST_DIRS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn test_paths() {
        for p in [
            "pkg/sts/client_test.go",
            "tests/test_sts.py",
            "app/test_sts.py",
            "web/__tests__/sts.ts",
            "web/src/sts.spec.ts",
            "spec/sts_spec.rb",
            "src/test/java/StsTest.java",
        ] {
            assert!(is_test_path(Path::new(p)), "{p}");
        }
        for p in [
            "pkg/sts/client.go",
            "app/sts.py",
            "latest/sts.ts",
            "contest.py",
            "attest/x.go",
        ] {
            assert!(!is_test_path(Path::new(p)), "{p}");
        }
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
            ("app/sts.py", Some(FileKind::Python)),
            ("web/src/aws.ts", Some(FileKind::JavaScript)),
            ("cmd/main.go", Some(FileKind::Go)),
            ("src/Sts.kt", Some(FileKind::Jvm)),
            ("Program.cs", Some(FileKind::CSharp)),
            ("lib/sts.rb", Some(FileKind::Ruby)),
            ("index.php", Some(FileKind::Php)),
            ("src/main.rs", Some(FileKind::Rust)),
            ("infra/main.tf", Some(FileKind::Terraform)),
            ("infra/main.tf.json", Some(FileKind::TerraformJson)),
            ("package.json", None),
        ];
        for (path, want) in cases {
            assert_eq!(classify(Path::new(path)), want, "{path}");
        }
    }
}
