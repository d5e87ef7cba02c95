//! Classify stage: a path becomes a `FileKind` from its name alone, before anything is read.

use std::path::Path;

use crate::rules::Facts;

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
    /// tfenv's `.terraform-version`: the Terraform version for its directory and below.
    TerraformVersion,
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
    /// Terraform's dependency lock file (`.terraform.lock.hcl`): the provider versions `init` selected.
    TerraformLock,
    /// Hadoop configuration XML (`core-site.xml`, `emrfs-site.xml`, `hive-site.xml`): `<property>`
    /// name/value pairs.
    HadoopXml,
    /// Spark's `spark-defaults.conf`: a Java properties file of `key value` lines.
    SparkDefaults,
    /// Makefiles: variable assignments and recipe lines (read as shell).
    Makefile,
    /// Jenkins pipelines: `environment { … }` blocks and `sh` steps (read as shell).
    Jenkinsfile,
}

/// How comments are written in a file kind: the markers, and whether a comment may end a line of code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentStyle {
    /// Comment openers with their closers (`("<!--", "-->")`; `""` when the comment runs to the end).
    pub markers: &'static [(&'static str, &'static str)],
    /// Whether a comment may follow code on the same line (after whitespace).
    pub trailing: bool,
}

/// `#` comments that may end a line.
const HASH: CommentStyle = CommentStyle {
    markers: &[("#", "")],
    trailing: true,
};
/// `#` comments on their own line only: an inline `#` is part of the value (INI read by botocore's
/// parser, Dockerfile instructions, yarn's lockfile).
const HASH_OWN_LINE: CommentStyle = CommentStyle {
    markers: &[("#", "")],
    trailing: false,
};
/// INI files, where `;` starts a comment too, on its own line only.
const INI: CommentStyle = CommentStyle {
    markers: &[("#", ""), (";", "")],
    trailing: false,
};
const SLASHES: CommentStyle = CommentStyle {
    markers: &[("//", ""), ("/*", "*/")],
    trailing: true,
};
/// go.mod has line comments only.
const LINE_SLASHES: CommentStyle = CommentStyle {
    markers: &[("//", "")],
    trailing: true,
};
const SLASHES_AND_HASH: CommentStyle = CommentStyle {
    markers: &[("#", ""), ("//", ""), ("/*", "*/")],
    trailing: true,
};
const XML: CommentStyle = CommentStyle {
    markers: &[("<!--", "-->")],
    trailing: true,
};
/// JSON has no comments: `per-file-ignores` in the config is the way to suppress there.
const NO_COMMENTS: CommentStyle = CommentStyle {
    markers: &[],
    trailing: false,
};

/// Everything stslint knows about a file kind, declared once.
#[derive(Debug)]
pub struct Spec {
    pub kind: FileKind,
    /// The name used in `stslint rules` and in `--stdin-filename` errors.
    pub name: &'static str,
    /// Exact file names (case-sensitive) that decide the kind on their own.
    pub file_names: &'static [&'static str],
    /// Extensions (after the last dot, case-insensitive) that decide the kind.
    pub extensions: &'static [&'static str],
    /// Where an inline `stslint: ignore` comment may sit.
    pub comment: CommentStyle,
    /// The fact families its extractor can record; a test checks them against real extractions, and
    /// a rule runs wherever what it reads can occur.
    pub yields: Facts,
}

const SETTINGS: Facts = Facts::STS_MODE.or(Facts::REGION).or(Facts::ENDPOINTS);
const PROFILE_FILE: Facts = SETTINGS.or(Facts::PROFILES).or(Facts::CREDENTIAL_SOURCE);
const CLIENTS: Facts = Facts::CLIENTS;
/// Source code: endpoints and regions in client construction, IRSA settings written by code.
const CODE: Facts = Facts::ENDPOINTS.or(Facts::REGION).or(Facts::IRSA);

/// The kind table: one row per kind, in [`FileKind`] order (a test checks it).
pub static KINDS: &[Spec] = &[
    spec(
        FileKind::AwsConfig,
        "aws-config",
        &[],
        &[],
        INI,
        PROFILE_FILE,
    ),
    spec(
        FileKind::AwsCredentials,
        "aws-credentials",
        &[],
        &[],
        INI,
        PROFILE_FILE,
    ),
    spec(
        FileKind::Shell,
        "shell",
        &[
            ".bash_aliases",
            ".bash_login",
            ".bash_logout",
            ".bash_profile",
            ".bashrc",
            ".envrc",
            ".profile",
            ".zlogin",
            ".zprofile",
            ".zshenv",
            ".zshrc",
            "config.fish",
        ],
        &["bash", "fish", "sh", "zsh"],
        HASH,
        SETTINGS.or(CLIENTS),
    ),
    spec(
        FileKind::DotEnv,
        "dotenv",
        &[".env"],
        &["env"],
        HASH,
        SETTINGS,
    ),
    spec(
        FileKind::Dockerfile,
        "dockerfile",
        &["Containerfile", "Dockerfile"],
        &["dockerfile"],
        HASH_OWN_LINE,
        SETTINGS.or(CLIENTS),
    ),
    spec(
        FileKind::Yaml,
        "yaml",
        &[],
        &["yaml", "yml"],
        HASH,
        SETTINGS
            .or(CLIENTS)
            .or(Facts::IRSA)
            .or(Facts::VPC_ENDPOINTS),
    ),
    spec(
        FileKind::PipRequirements,
        "pip-requirements",
        &[],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::PyProject,
        "pyproject",
        &["pyproject.toml"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::PythonLock,
        "python-lock",
        &["Pipfile.lock", "poetry.lock", "uv.lock"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::PackageJson,
        "package-json",
        &["package.json"],
        &[],
        NO_COMMENTS,
        CLIENTS,
    ),
    spec(
        FileKind::PackageLock,
        "package-lock",
        &["npm-shrinkwrap.json", "package-lock.json"],
        &[],
        NO_COMMENTS,
        CLIENTS,
    ),
    spec(
        FileKind::GoMod,
        "go-mod",
        &["go.mod"],
        &[],
        LINE_SLASHES,
        CLIENTS,
    ),
    spec(
        FileKind::MavenPom,
        "maven-pom",
        &["pom.xml"],
        &[],
        XML,
        CLIENTS,
    ),
    spec(
        FileKind::GemfileLock,
        "gemfile-lock",
        &["Gemfile.lock"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::ComposerJson,
        "composer-json",
        &["composer.json"],
        &[],
        NO_COMMENTS,
        CLIENTS,
    ),
    spec(
        FileKind::ComposerLock,
        "composer-lock",
        &["composer.lock"],
        &[],
        NO_COMMENTS,
        CLIENTS,
    ),
    spec(
        FileKind::YarnLock,
        "yarn-lock",
        &["yarn.lock"],
        &[],
        HASH_OWN_LINE,
        CLIENTS,
    ),
    spec(
        FileKind::PnpmLock,
        "pnpm-lock",
        &["pnpm-lock.yaml"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::Gemfile,
        "gemfile",
        &["Gemfile", "gems.rb"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::ToolVersions,
        "tool-versions",
        &[".mise.toml", ".tool-versions", "mise.toml"],
        &[],
        HASH,
        CLIENTS.or(Facts::TERRAFORM_VERSION),
    ),
    spec(
        FileKind::TerraformVersion,
        "terraform-version",
        &[".terraform-version"],
        &[],
        NO_COMMENTS,
        Facts::TERRAFORM_VERSION,
    ),
    spec(
        FileKind::Pipfile,
        "pipfile",
        &["Pipfile"],
        &[],
        HASH,
        CLIENTS,
    ),
    // setup.cfg is read by configparser, which keeps an inline `#` in the value.
    spec(
        FileKind::SetupCfg,
        "setup-cfg",
        &["setup.cfg"],
        &[],
        INI,
        CLIENTS,
    ),
    spec(
        FileKind::Gradle,
        "gradle",
        &["build.gradle.kts"],
        &["gradle"],
        SLASHES,
        CLIENTS,
    ),
    spec(
        FileKind::GradleLock,
        "gradle-lock",
        &["buildscript-gradle.lockfile", "gradle.lockfile"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::VersionCatalog,
        "version-catalog",
        &["libs.versions.toml"],
        &[],
        HASH,
        CLIENTS,
    ),
    spec(
        FileKind::NuGet,
        "nuget",
        &["Directory.Packages.props", "packages.config"],
        &["csproj", "fsproj", "vbproj"],
        XML,
        CLIENTS,
    ),
    spec(FileKind::Python, "python", &[], &["py"], HASH, CODE),
    spec(
        FileKind::JavaScript,
        "javascript",
        &[],
        &["cjs", "cts", "js", "jsx", "mjs", "mts", "ts", "tsx"],
        SLASHES,
        CODE.or(Facts::STS_MODE).or(Facts::USE_GLOBAL_ENDPOINT),
    ),
    spec(FileKind::Go, "go", &[], &["go"], SLASHES, CODE),
    spec(
        FileKind::Jvm,
        "java",
        &[],
        &["java", "kt", "kts"],
        SLASHES,
        // Code that imports the v1 STS client is a client of the Java SDK v1.
        CODE.or(Facts::DEPRECATED_CONSTRUCTORS).or(CLIENTS),
    ),
    spec(FileKind::CSharp, "csharp", &[], &["cs"], SLASHES, CODE),
    spec(FileKind::Ruby, "ruby", &[], &["rb"], HASH, CODE),
    spec(FileKind::Php, "php", &[], &["php"], SLASHES_AND_HASH, CODE),
    spec(FileKind::Rust, "rust", &[], &["rs"], SLASHES, CODE),
    spec(
        FileKind::Terraform,
        "terraform",
        &[],
        &["tf"],
        SLASHES_AND_HASH,
        SETTINGS
            .or(Facts::IRSA)
            .or(Facts::CLIENTS)
            .or(Facts::VPC_ENDPOINTS)
            .or(Facts::TOKEN_VERSION)
            .or(Facts::TERRAFORM_VERSION),
    ),
    spec(
        FileKind::TerraformJson,
        "terraform-json",
        &[],
        &[],
        NO_COMMENTS,
        SETTINGS.or(Facts::VPC_ENDPOINTS).or(Facts::TOKEN_VERSION),
    ),
    spec(
        FileKind::TerraformLock,
        "terraform-lock",
        &[".terraform.lock.hcl"],
        &[],
        SLASHES_AND_HASH,
        Facts::CLIENTS,
    ),
    spec(
        FileKind::HadoopXml,
        "hadoop-xml",
        &["core-site.xml", "emrfs-site.xml", "hive-site.xml"],
        &[],
        XML,
        Facts::ENDPOINTS,
    ),
    spec(
        FileKind::SparkDefaults,
        "spark-defaults",
        &["spark-defaults.conf"],
        &[],
        HASH_OWN_LINE,
        Facts::ENDPOINTS,
    ),
    spec(
        FileKind::Makefile,
        "makefile",
        &["GNUmakefile", "Makefile", "makefile"],
        &["mk"],
        HASH,
        SETTINGS.or(CLIENTS),
    ),
    spec(
        FileKind::Jenkinsfile,
        "jenkinsfile",
        &["Jenkinsfile"],
        &["jenkinsfile"],
        SLASHES,
        SETTINGS.or(CLIENTS),
    ),
];

/// A row of [`KINDS`]; every kind can hold a suppression comment where it has a comment syntax.
const fn spec(
    kind: FileKind,
    name: &'static str,
    file_names: &'static [&'static str],
    extensions: &'static [&'static str],
    comment: CommentStyle,
    yields: Facts,
) -> Spec {
    let yields = if comment.markers.is_empty() {
        yields
    } else {
        yields.or(Facts::SUPPRESSIONS)
    };
    Spec {
        kind,
        name,
        file_names,
        extensions,
        comment,
        yields,
    }
}

impl FileKind {
    /// Every kind, in declaration order.
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
        FileKind::TerraformVersion,
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
        FileKind::TerraformLock,
        FileKind::HadoopXml,
        FileKind::SparkDefaults,
        FileKind::Makefile,
        FileKind::Jenkinsfile,
    ];

    /// This kind's row of the kind table.
    pub fn spec(self) -> &'static Spec {
        &KINDS[self as usize]
    }

    /// The name used in `stslint rules` and in `--stdin-filename` errors.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The kind a name (as `stslint rules` and `--kind` write it) stands for.
    pub fn from_name(name: &str) -> Option<FileKind> {
        KINDS.iter().find(|s| s.name == name).map(|s| s.kind)
    }

    /// Parses a kind name (`--kind`, a config's `[kinds]` value); the error names the closest kind
    /// when one is close (Jaro-Winkler, as `unknown_rule` does) and lists them all otherwise.
    pub fn parse_name(name: &str) -> Result<FileKind, String> {
        if let Some(kind) = FileKind::from_name(name) {
            return Ok(kind);
        }
        let lower = name.trim().to_ascii_lowercase();
        let best = KINDS
            .iter()
            .map(|s| (strsim::jaro_winkler(&lower, s.name), s.name))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Err(match best {
            Some((score, candidate)) if score > 0.8 => {
                format!("unknown file kind `{name}`: did you mean `{candidate}`?")
            }
            _ => format!(
                "unknown file kind `{name}` (kinds: {})",
                KINDS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
            ),
        })
    }

    /// Programming-language source, read by the shared lexer (`extract::code`).
    pub fn is_source_code(self) -> bool {
        matches!(
            self,
            FileKind::Python
                | FileKind::JavaScript
                | FileKind::Go
                | FileKind::Jvm
                | FileKind::CSharp
                | FileKind::Ruby
                | FileKind::Php
                | FileKind::Rust
        )
    }
}

/// `(name, kind)` lookups derived from the kind table, sorted for binary search.
struct Lookups {
    file_names: Vec<(&'static str, FileKind)>,
    extensions: Vec<(&'static str, FileKind)>,
}

static LOOKUPS: std::sync::LazyLock<Lookups> = std::sync::LazyLock::new(|| {
    let collect = |field: fn(&Spec) -> &'static [&'static str]| {
        let mut v: Vec<(&'static str, FileKind)> = KINDS
            .iter()
            .flat_map(|s| field(s).iter().map(move |n| (*n, s.kind)))
            .collect();
        v.sort_unstable();
        v
    };
    Lookups {
        file_names: collect(|s| s.file_names),
        extensions: collect(|s| s.extensions),
    }
});

/// Name prefixes of pip requirement files; the rest of the name must end in `.txt` or `.in`
/// (`requirements-dev.txt`, `constraints.in`).
const REQUIREMENTS_PREFIXES: &[&str] = &["constraints", "requirements"];

/// Directory names that hold tests, mocks and fixtures.
pub const TEST_DIRS: &[&str] = &["__tests__", "spec", "test", "testdata", "tests"];

/// File-name globs of test files, in every language stslint reads. With [`TEST_DIRS`], the one
/// definition of a test file (the README states it from these lists, and a test holds it to them).
pub const TEST_FILE_NAMES: &[&str] = &[
    "*.spec.*",
    "*.test.*",
    "*Test.java",
    "*Test.kt",
    "*Test.php",
    "*Tests.cs",
    "*_spec.rb",
    "*_test.go",
    "*_test.py",
    "test_*.py",
];

/// Whether a file name matches one of [`TEST_FILE_NAMES`]. Those are names with `*` as their only
/// wildcard, so they are matched here piece by piece: a `GlobSet` compiles them to a regex, which
/// was a sixth of a pre-commit run on one file.
fn is_test_name(name: &str) -> bool {
    TEST_FILE_NAMES
        .iter()
        .any(|pattern| wildcard_match(pattern, name))
}

/// `*` matches any run of characters (none included); everything else matches itself.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let mut pieces: Vec<&str> = pieces.collect();
    let Some(last) = pieces.pop() else {
        return rest.is_empty();
    };
    for piece in pieces {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Whether a path (relative to the directory being linted) is a test file: findings there describe
/// mocks and fixtures, so they are reported at `info` (the one place this is decided).
pub fn is_test_path(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let by_dir = path
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|c| TEST_DIRS.contains(&c))
        });
    by_dir || is_test_name(&name.to_string_lossy())
}

/// Decides a file's kind from its path. `None` means stslint has nothing to say about it.
pub fn classify(path: &Path) -> Option<FileKind> {
    // A name that is not UTF-8 is still classified by its readable parts (`bad-\u{fffd}.env`).
    let name = path.file_name()?.to_string_lossy();
    let name = name.as_ref();
    if let Some(kind) = aws_shared_file(path, name) {
        return Some(kind);
    }
    if let Some(kind) = managed_dotfile(path, name) {
        return Some(kind);
    }
    let lookups = &*LOOKUPS;
    if let Ok(i) = lookups.file_names.binary_search_by(|(n, _)| n.cmp(&name)) {
        return Some(lookups.file_names[i].1);
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
    lookups
        .extensions
        .binary_search_by(|(e, _)| e.cmp(&ext.as_str()))
        .ok()
        .map(|i| lookups.extensions[i].1)
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

/// chezmoi's source-state attributes on a file name, in the order chezmoi writes them (chezmoi
/// reference, "Source state attributes", <https://www.chezmoi.io/reference/source-state-attributes/>):
/// they change permissions or when the file is written, not what it holds.
const CHEZMOI_FILE_ATTRIBUTES: &[&str] =
    &["create_", "private_", "readonly_", "empty_", "executable_"];
/// chezmoi's attributes on a directory name.
const CHEZMOI_DIR_ATTRIBUTES: &[&str] = &["exact_", "private_", "readonly_"];
/// chezmoi attributes whose file holds something else than the target's text: an encrypted blob, a
/// script that edits the target, a symlink's target, a script to run, a removal.
const CHEZMOI_OTHER_CONTENT: &[&str] = &["encrypted_", "modify_", "remove_", "run_", "symlink_"];

/// The target name a chezmoi source name stands for (`private_dot_aws` → `.aws`); `None` when the name
/// carries no attribute (so it is not chezmoi's) or its content is not the target's.
fn chezmoi_target(name: &str, attributes: &[&str]) -> Option<String> {
    let mut rest = name;
    let mut changed = false;
    'strip: loop {
        if CHEZMOI_OTHER_CONTENT.iter().any(|a| rest.starts_with(a)) {
            return None;
        }
        for attribute in attributes {
            if let Some(r) = rest.strip_prefix(attribute) {
                rest = r;
                changed = true;
                continue 'strip;
            }
        }
        break;
    }
    let target = match rest.strip_prefix("dot_") {
        Some(r) => format!(".{r}"),
        None => rest.to_owned(),
    };
    (changed || target.starts_with('.')).then_some(target)
}

/// Home-directory files kept by a dotfile manager, under the name it gives them: chezmoi's
/// `dot_aws/config`, `private_dot_aws/private_credentials`, `dot_bashrc`, with a `.tmpl` template
/// suffix or not; yadm's alternates (`.aws/config##os.Darwin`, `##template`); a template suffix on any
/// file (`deploy.yaml.j2`). yadm and GNU stow keep the real names (`<pkg>/.aws/config`), which
/// [`aws_shared_file`] and the name table already read.
fn managed_dotfile(path: &Path, name: &str) -> Option<FileKind> {
    // yadm alternates: `##` and its conditions are no part of the target's name.
    let bare = name.split_once("##").map_or(name, |(n, _)| n);
    let bare = crate::extract::template::TEMPLATE_SUFFIXES
        .iter()
        .find_map(|s| bare.strip_suffix(s))
        .unwrap_or(bare);
    let target = chezmoi_target(bare, CHEZMOI_FILE_ATTRIBUTES).unwrap_or_else(|| bare.to_owned());
    let dir = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|d| d.to_str());
    let target_dir = dir.and_then(|d| chezmoi_target(d, CHEZMOI_DIR_ATTRIBUTES));
    if target_dir.as_deref() == Some(".aws") || (dir == Some(".aws") && target != name) {
        return match target.as_str() {
            "config" => Some(FileKind::AwsConfig),
            "credentials" => Some(FileKind::AwsCredentials),
            _ => None,
        };
    }
    if target == name || target.is_empty() {
        return None;
    }
    classify(&path.with_file_name(target))
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
        for (i, spec) in KINDS.iter().enumerate() {
            assert_eq!(spec.kind as usize, i, "{} is out of order", spec.name);
            assert_eq!(FileKind::ALL[i], spec.kind);
        }
        assert_eq!(KINDS.len(), FileKind::ALL.len());
        // No name or extension decides two kinds.
        assert!(LOOKUPS.file_names.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(LOOKUPS.extensions.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(REQUIREMENTS_PREFIXES.windows(2).all(|w| w[0] < w[1]));
        assert!(TEST_DIRS.windows(2).all(|w| w[0] < w[1]));
        assert!(TEST_FILE_NAMES.windows(2).all(|w| w[0] < w[1]));
        // The piecewise match agrees with globset's on names that match, nearly match and overlap.
        let names = [
            "app.spec.ts",
            "app.test.js",
            ".test.",
            "x.test",
            "UserTest.java",
            "Test.java",
            "UserTest.java.bak",
            "FooTests.cs",
            "foo_spec.rb",
            "spec.rb",
            "main_test.go",
            "test_app.py",
            "test_.py",
            "test.py",
            "app_test.py",
            "app_test.pyc",
            "test_x.py.orig",
            "contest.py",
            "latest.json",
            "a.spec",
            "",
            "*",
        ];
        for name in names {
            let globset = TEST_FILE_NAMES.iter().any(|p| {
                globset::Glob::new(p)
                    .unwrap()
                    .compile_matcher()
                    .is_match(name)
            });
            assert_eq!(is_test_name(name), globset, "{name}");
        }
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
            ("Makefile", Some(FileKind::Makefile)),
            ("build/rules.mk", Some(FileKind::Makefile)),
            ("ci/Jenkinsfile", Some(FileKind::Jenkinsfile)),
            ("ci/deploy.Jenkinsfile", Some(FileKind::Jenkinsfile)),
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
            ("infra/.terraform.lock.hcl", Some(FileKind::TerraformLock)),
            ("infra/modules.hcl", None),
            ("etc/hadoop/conf/core-site.xml", Some(FileKind::HadoopXml)),
            ("etc/hadoop/conf/yarn-site.xml", None),
            (
                "spark/conf/spark-defaults.conf",
                Some(FileKind::SparkDefaults),
            ),
            // chezmoi source names, yadm alternates, stow packages and templates.
            ("home/dot_aws/config", Some(FileKind::AwsConfig)),
            ("private_dot_aws/config", Some(FileKind::AwsConfig)),
            (
                "dot_aws/private_credentials",
                Some(FileKind::AwsCredentials),
            ),
            (
                "exact_private_dot_aws/config.tmpl",
                Some(FileKind::AwsConfig),
            ),
            (
                "dot_aws/private_readonly_credentials.tmpl",
                Some(FileKind::AwsCredentials),
            ),
            ("dot_aws/encrypted_private_credentials.age", None),
            ("dot_aws/symlink_config", None),
            ("dot_aws/cli/alias", None),
            ("dot_bashrc", Some(FileKind::Shell)),
            ("private_dot_zshrc.tmpl", Some(FileKind::Shell)),
            ("run_once_install.sh", Some(FileKind::Shell)),
            ("dot_gitconfig", None),
            (".aws/config##os.Darwin", Some(FileKind::AwsConfig)),
            (".aws/credentials##template", Some(FileKind::AwsCredentials)),
            (".bashrc##class.work", Some(FileKind::Shell)),
            ("aws/.aws/config", Some(FileKind::AwsConfig)),
            ("deploy/api.yaml.j2", Some(FileKind::Yaml)),
            ("helmfile.d/values.yaml.gotmpl", Some(FileKind::Yaml)),
            ("Dockerfile.j2", Some(FileKind::Dockerfile)),
            ("notes.tmpl", None),
            ("dot_aws", None),
        ];
        for (path, want) in cases {
            assert_eq!(classify(Path::new(path)), want, "{path}");
        }
    }
}
