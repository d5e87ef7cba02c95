//! The pre-commit hook definitions: every hook is well-formed, and the `files` pattern selects exactly
//! the names stslint reads (identify tags extension-less files like `.aws/config` only as `text`, so
//! the pattern is what decides). The hook run itself is `.ci/pre-commit-test.sh`.

use std::path::Path;

use regex::Regex;
use stslint::classify::classify;
use yaml_rust2::{Yaml, YamlLoader};

fn hooks() -> Vec<Yaml> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let docs = YamlLoader::load_from_str(&text).unwrap();
    docs[0].as_vec().unwrap().clone()
}

#[test]
fn hooks_have_the_promised_shape() {
    let hooks = hooks();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "stslint",
            "stslint-system",
            "stslint-repo",
            "stslint-python"
        ]
    );
    for hook in &hooks {
        for key in ["name", "entry", "language"] {
            assert!(hook[key].as_str().is_some_and(|v| !v.is_empty()), "{key}");
        }
        assert!(hook["entry"].as_str().unwrap().starts_with("stslint check"));
    }
    assert_eq!(hooks[0]["language"].as_str(), Some("rust"));
    assert_eq!(
        hooks[0]["entry"].as_str(),
        Some("stslint check --force-exclude")
    );
    assert_eq!(hooks[0]["types"][0].as_str(), Some("text"));
    assert_eq!(hooks[1]["language"].as_str(), Some("system"));
    assert_eq!(hooks[2]["pass_filenames"].as_bool(), Some(false));
    assert_eq!(hooks[0]["files"], hooks[1]["files"]);
    // The wheel hook: pip installs this repository (pyproject.toml, maturin `bindings = "bin"`).
    assert_eq!(hooks[3]["language"].as_str(), Some("python"));
    assert_eq!(hooks[3]["entry"], hooks[0]["entry"]);
    assert_eq!(hooks[3]["files"], hooks[0]["files"]);
    let pyproject =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pyproject.toml"))
            .unwrap();
    let pyproject: toml::Value = toml::from_str(&pyproject).unwrap();
    assert_eq!(
        pyproject["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    assert_eq!(
        pyproject["tool"]["maturin"]["bindings"].as_str(),
        Some("bin")
    );
    assert_eq!(pyproject["tool"]["maturin"]["locked"].as_bool(), Some(true));
    assert_eq!(pyproject["project"]["name"].as_str(), Some("stslint"));
    // pre-commit's `cargo install --path .` needs a package at the root, not a virtual workspace.
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[package]"));
}

#[test]
fn files_pattern_matches_exactly_what_stslint_reads() {
    let hooks = hooks();
    // pre-commit applies `files` with Python's `re.search`; this pattern uses no syntax on which
    // Python and the regex crate differ.
    let files = Regex::new(hooks[0]["files"].as_str().unwrap()).unwrap();
    let samples = [
        ".aws/config",
        ".aws/credentials",
        "home/.aws/config",
        "deploy/aws/credentials",
        "aws/config",
        "config",
        "src/config",
        "aws/config.bak",
        ".aws/cli/alias",
        ".bashrc",
        ".bash_profile",
        ".bash_login",
        ".bash_logout",
        ".profile",
        ".zshrc",
        ".zprofile",
        ".zshenv",
        ".zlogin",
        "x/.envrc",
        "scripts/deploy.sh",
        "scripts/deploy.SH",
        "tools/run.bash",
        "z/x.zsh",
        ".config/fish/config.fish",
        "functions/x.fish",
        ".env",
        ".env.production",
        "app/.env.local",
        "prod.env",
        "Dockerfile",
        "Dockerfile.prod",
        "Dockerfile-dev",
        "api.Dockerfile",
        "Containerfile",
        "Containerfile.ci",
        "k8s/deploy.yaml",
        ".github/workflows/ci.YML",
        "compose.yml",
        "README.md",
        "Makefile",
        "notes.txt",
        "src/main.rs",
        "envfile",
        "my.env.bak",
        "requirements.txt",
        "requirements-dev.in",
        "constraints.txt",
        "requirements/base.txt",
        "docs/notes.txt",
        "pyproject.toml",
        "Pipfile",
        "Pipfile.lock",
        "poetry.lock",
        "uv.lock",
        "setup.cfg",
        "web/package.json",
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "go.mod",
        "go.sum",
        "pom.xml",
        "build.gradle",
        "app/build.gradle.kts",
        "gradle.lockfile",
        "gradle/libs.versions.toml",
        "Gemfile",
        "Gemfile.lock",
        "composer.json",
        "composer.lock",
        "src/App.csproj",
        "Directory.Packages.props",
        "packages.config",
        ".tool-versions",
        "mise.toml",
        ".mise.toml",
        "app/sts.py",
        "web/index.mjs",
        "web/app.tsx",
        "cmd/main.go",
        "src/Sts.java",
        "src/Sts.kt",
        "Program.cs",
        "lib/sts.rb",
        "index.php",
        "infra/main.tf",
        "infra/main.tf.json",
        "data.json",
        "Cargo.toml",
        // Dotfile managers and templates.
        "home/dot_aws/config",
        "private_dot_aws/config",
        "exact_private_dot_aws/private_credentials",
        "dot_aws/config.tmpl",
        "dot_aws/encrypted_private_credentials.age",
        "dot_aws/symlink_config",
        "dot_aws/cli/alias",
        "exact_aws/config",
        "private_aws/config",
        "aws/private_config",
        "dot_bashrc",
        "private_dot_zshrc.tmpl",
        "dot_env",
        "dot_gitconfig",
        "run_once_install.sh",
        ".aws/config##os.Darwin",
        ".aws/credentials##template",
        ".bashrc##class.work",
        "config##os.Linux",
        "stow/aws/.aws/config",
        "deploy/api.yaml.j2",
        "helmfile.d/values.yaml.gotmpl",
        "Dockerfile.j2",
        "requirements.txt.jinja",
        "notes.tmpl",
        "x.j2",
    ];
    for path in samples {
        assert_eq!(
            files.is_match(path),
            classify(Path::new(path)).is_some(),
            "`{path}`: the hook's files pattern and src/classify.rs disagree"
        );
    }
}
