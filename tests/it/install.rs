//! The install paths the README shows: every `cargo install` is `--locked`, every snippet names the
//! repository of `Cargo.toml` (the one constant a packager sets), the minimum Rust is the manifest's,
//! and the GitHub Action's steps call subcommands its script has with inputs it declares. Running
//! them is `.ci/wheel-test.sh`, `.ci/pre-commit-test.sh`, `.ci/action-test.sh` and
//! `.ci/readme-install-test.sh`.

use std::path::Path;

use yaml_rust2::YamlLoader;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

#[test]
fn every_cargo_install_in_the_readme_is_locked_and_from_this_repository() {
    let readme = read("README.md");
    let installs: Vec<&str> = readme
        .lines()
        .filter(|l| l.contains("cargo install"))
        .collect();
    assert!(installs.len() >= 5, "{installs:?}");
    for line in &installs {
        assert!(
            line.contains("cargo install --locked"),
            "not --locked: {line}"
        );
        if let Some(rest) = line.split("--git ").nth(1) {
            let url = rest.split_whitespace().next().unwrap();
            assert_eq!(url, REPOSITORY, "{line}");
        }
    }
    // No crate of that name on a registry, no tag: snippets that promised them are gone.
    for stale in ["cargo install --locked stslint", "rev: v0.1.0"] {
        assert!(!readme.contains(stale), "README still says `{stale}`");
    }
    // pre-commit's `repo:` and the action's `uses:` are the same repository.
    let path = REPOSITORY.strip_prefix("https://github.com/").unwrap();
    assert!(readme.contains(&format!("- repo: {REPOSITORY}\n")));
    assert!(readme.contains(&format!("uses: {path}@")));
    for line in readme.lines().filter(|l| l.contains("- repo: ")) {
        assert!(line.ends_with(REPOSITORY), "{line}");
    }
}

#[test]
fn the_readme_states_the_manifests_minimum_rust() {
    let manifest: toml::Value = toml::from_str(&read("Cargo.toml")).unwrap();
    let rust_version = manifest["package"]["rust-version"].as_str().unwrap();
    assert_eq!(rust_version, env!("CARGO_PKG_RUST_VERSION"));
    let readme = read("README.md");
    assert!(
        readme.contains(&format!("**Rust {rust_version} or later**")),
        "README does not state Rust {rust_version}"
    );
    // Edition 2024 cannot build before 1.85.
    let minor: u32 = rust_version.split('.').nth(1).unwrap().parse().unwrap();
    assert!(minor >= 85);
}

#[test]
fn the_action_calls_its_script_with_declared_inputs() {
    let action = read("action.yml");
    let doc = &YamlLoader::load_from_str(&action).unwrap()[0];
    assert_eq!(doc["runs"]["using"].as_str(), Some("composite"));
    let script = read(".ci/action.sh");
    let declared: Vec<&str> = doc["inputs"]
        .as_hash()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect();
    let steps = doc["runs"]["steps"].as_vec().unwrap();
    let mut subcommands = Vec::new();
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            assert_eq!(step["shell"].as_str(), Some("bash"), "{run}");
            let sub = run
                .strip_prefix("bash \"$GITHUB_ACTION_PATH/.ci/action.sh\" ")
                .unwrap_or_else(|| panic!("a step runs more than the script: {run}"));
            assert!(
                script.contains(&format!("\n  {sub})\n")),
                "no `{sub}` in .ci/action.sh"
            );
            subcommands.push(sub.to_owned());
            // Inputs reach the script through the environment, never spliced into the command.
            assert!(!run.contains("${{"), "{run}");
        }
    }
    assert_eq!(subcommands, ["install", "sarif", "check"]);
    // Every `inputs.X` the action uses is declared.
    for used in action.split("inputs.").skip(1) {
        let name: String = used
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        assert!(
            declared.contains(&name.as_str()),
            "undeclared input `{name}`"
        );
    }
    // The SARIF upload is optional and uses the file the sarif step names.
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .unwrap();
    assert_eq!(upload["if"].as_str(), Some("inputs.sarif == 'true'"));
    assert_eq!(
        upload["with"]["sarif_file"].as_str(),
        Some("${{ steps.sarif.outputs.sarif-file }}")
    );
}
