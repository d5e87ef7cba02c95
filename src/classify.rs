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
    /// pip requirements and constraints files (`requirements*.txt`, `constraints*.txt`, `requirements/*.txt`).
    PipRequirements,
    /// `pyproject.toml` (PEP 621, Poetry, uv).
    PyProject,
    /// `poetry.lock`, `uv.lock`, `Pipfile.lock`: Python lockfiles with resolved versions.
    PythonLock,
    /// npm `package.json`.
    PackageJson,
    /// `package-lock.json` / `npm-shrinkwrap.json`.
    PackageLock,
    /// Go `go.mod`.
    GoMod,
    /// Maven `pom.xml`.
    MavenPom,
    /// Ruby `Gemfile.lock`.
    GemfileLock,
    /// PHP `composer.json`.
    ComposerJson,
    /// PHP `composer.lock`.
    ComposerLock,
    /// `yarn.lock` (classic and Berry).
    YarnLock,
    /// `pnpm-lock.yaml`.
    PnpmLock,
    /// Ruby `Gemfile` / `gems.rb`.
    Gemfile,
    /// asdf `.tool-versions`, mise `mise.toml` / `.mise.toml`.
    ToolVersions,
    /// Pipenv `Pipfile`.
    Pipfile,
    /// setuptools `setup.cfg`.
    SetupCfg,
    /// Gradle build scripts: `build.gradle`, `build.gradle.kts`, `*.gradle`.
    Gradle,
    /// Gradle dependency locks: `gradle.lockfile`, `buildscript-gradle.lockfile`.
    GradleLock,
    /// Gradle version catalogs: `libs.versions.toml`.
    VersionCatalog,
    /// .NET package manifests: `*.csproj`, `*.fsproj`, `*.vbproj`, `Directory.Packages.props`,
    /// `packages.config`.
    NuGet,
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
        FileKind::PipRequirements,
        FileKind::PyProject,
        FileKind::PythonLock,
        FileKind::PackageJson,
        FileKind::PackageLock,
        FileKind::GoMod,
        FileKind::MavenPom,
        FileKind::GemfileLock,
        FileKind::ComposerJson,
        FileKind::ComposerLock,
        FileKind::YarnLock,
        FileKind::PnpmLock,
        FileKind::Gemfile,
        FileKind::ToolVersions,
        FileKind::Pipfile,
        FileKind::SetupCfg,
        FileKind::Gradle,
        FileKind::GradleLock,
        FileKind::VersionCatalog,
        FileKind::NuGet,
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
            FileKind::PipRequirements => "pip-requirements",
            FileKind::PyProject => "pyproject",
            FileKind::PythonLock => "python-lock",
            FileKind::PackageJson => "package-json",
            FileKind::PackageLock => "package-lock",
            FileKind::GoMod => "go-mod",
            FileKind::MavenPom => "maven-pom",
            FileKind::GemfileLock => "gemfile-lock",
            FileKind::ComposerJson => "composer-json",
            FileKind::ComposerLock => "composer-lock",
            FileKind::YarnLock => "yarn-lock",
            FileKind::PnpmLock => "pnpm-lock",
            FileKind::Gemfile => "gemfile",
            FileKind::ToolVersions => "tool-versions",
            FileKind::Pipfile => "pipfile",
            FileKind::SetupCfg => "setup-cfg",
            FileKind::Gradle => "gradle",
            FileKind::GradleLock => "gradle-lock",
            FileKind::VersionCatalog => "version-catalog",
            FileKind::NuGet => "nuget",
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
}

/// File names (exact, case-sensitive) that decide the kind on their own.
const EXACT_NAMES: &[(&str, FileKind)] = &[
    (".bash_login", FileKind::Shell),
    (".bash_logout", FileKind::Shell),
    (".bash_profile", FileKind::Shell),
    (".bashrc", FileKind::Shell),
    (".env", FileKind::DotEnv),
    (".envrc", FileKind::Shell),
    (".mise.toml", FileKind::ToolVersions),
    (".profile", FileKind::Shell),
    (".tool-versions", FileKind::ToolVersions),
    (".zlogin", FileKind::Shell),
    (".zprofile", FileKind::Shell),
    (".zshenv", FileKind::Shell),
    (".zshrc", FileKind::Shell),
    ("Containerfile", FileKind::Dockerfile),
    ("Directory.Packages.props", FileKind::NuGet),
    ("Dockerfile", FileKind::Dockerfile),
    ("Gemfile", FileKind::Gemfile),
    ("Gemfile.lock", FileKind::GemfileLock),
    ("Pipfile", FileKind::Pipfile),
    ("Pipfile.lock", FileKind::PythonLock),
    ("build.gradle.kts", FileKind::Gradle),
    ("buildscript-gradle.lockfile", FileKind::GradleLock),
    ("composer.json", FileKind::ComposerJson),
    ("composer.lock", FileKind::ComposerLock),
    ("config.fish", FileKind::Shell),
    ("gems.rb", FileKind::Gemfile),
    ("go.mod", FileKind::GoMod),
    ("gradle.lockfile", FileKind::GradleLock),
    ("libs.versions.toml", FileKind::VersionCatalog),
    ("mise.toml", FileKind::ToolVersions),
    ("npm-shrinkwrap.json", FileKind::PackageLock),
    ("package-lock.json", FileKind::PackageLock),
    ("package.json", FileKind::PackageJson),
    ("packages.config", FileKind::NuGet),
    ("pnpm-lock.yaml", FileKind::PnpmLock),
    ("poetry.lock", FileKind::PythonLock),
    ("pom.xml", FileKind::MavenPom),
    ("pyproject.toml", FileKind::PyProject),
    ("setup.cfg", FileKind::SetupCfg),
    ("uv.lock", FileKind::PythonLock),
    ("yarn.lock", FileKind::YarnLock),
];

/// Name prefixes of pip requirement files; the rest of the name must end in `.txt` or `.in`
/// (`requirements-dev.txt`, `constraints.in`).
const REQUIREMENTS_PREFIXES: &[&str] = &["constraints", "requirements"];

/// Extensions (after the last dot, case-insensitive) that decide the kind.
const EXTENSIONS: &[(&str, FileKind)] = &[
    ("bash", FileKind::Shell),
    ("cjs", FileKind::JavaScript),
    ("cs", FileKind::CSharp),
    ("csproj", FileKind::NuGet),
    ("cts", FileKind::JavaScript),
    ("dockerfile", FileKind::Dockerfile),
    ("env", FileKind::DotEnv),
    ("fish", FileKind::Shell),
    ("fsproj", FileKind::NuGet),
    ("go", FileKind::Go),
    ("gradle", FileKind::Gradle),
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
    ("vbproj", FileKind::NuGet),
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
    if let Some(kind) = requirements_file(path, name) {
        return Some(kind);
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

/// `requirements*.txt`, `constraints*.in`, and any `.txt` inside a `requirements/` directory.
fn requirements_file(path: &Path, name: &str) -> Option<FileKind> {
    let (stem, ext) = name.rsplit_once('.')?;
    if ext != "txt" && ext != "in" {
        return None;
    }
    let prefixed = REQUIREMENTS_PREFIXES.iter().any(|p| stem.starts_with(p));
    let in_dir = path
        .parent()
        .and_then(|p| p.file_name())
        .is_some_and(|d| d == "requirements");
    (prefixed || in_dir).then_some(FileKind::PipRequirements)
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
        assert!(REQUIREMENTS_PREFIXES.windows(2).all(|w| w[0] < w[1]));
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
            ("requirements.txt", Some(FileKind::PipRequirements)),
            ("requirements-dev.txt", Some(FileKind::PipRequirements)),
            ("constraints.in", Some(FileKind::PipRequirements)),
            ("requirements/base.txt", Some(FileKind::PipRequirements)),
            ("notes.txt", None),
            ("pyproject.toml", Some(FileKind::PyProject)),
            ("poetry.lock", Some(FileKind::PythonLock)),
            ("web/package.json", Some(FileKind::PackageJson)),
            ("package-lock.json", Some(FileKind::PackageLock)),
            ("go.mod", Some(FileKind::GoMod)),
            ("pom.xml", Some(FileKind::MavenPom)),
            ("Gemfile.lock", Some(FileKind::GemfileLock)),
            ("composer.lock", Some(FileKind::ComposerLock)),
            ("src/main/java/App.java", Some(FileKind::Jvm)),
            ("yarn.lock", Some(FileKind::YarnLock)),
            ("Gemfile", Some(FileKind::Gemfile)),
            (".tool-versions", Some(FileKind::ToolVersions)),
            ("mise.toml", Some(FileKind::ToolVersions)),
            ("Pipfile", Some(FileKind::Pipfile)),
            ("setup.cfg", Some(FileKind::SetupCfg)),
            ("app/build.gradle", Some(FileKind::Gradle)),
            ("build.gradle.kts", Some(FileKind::Gradle)),
            ("gradle.lockfile", Some(FileKind::GradleLock)),
            ("gradle/libs.versions.toml", Some(FileKind::VersionCatalog)),
            ("src/App/App.csproj", Some(FileKind::NuGet)),
            ("Directory.Packages.props", Some(FileKind::NuGet)),
            ("packages.config", Some(FileKind::NuGet)),
            ("pnpm-lock.yaml", Some(FileKind::PnpmLock)),
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
        ];
        for (path, want) in cases {
            assert_eq!(classify(Path::new(path)), want, "{path}");
        }
    }
}
