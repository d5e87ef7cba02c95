//! Extractor for version-manager pins: asdf's `.tool-versions` (`awscli 1.29.0`) and mise's `mise.toml`
//! / `.mise.toml` (`[tools] awscli = "1.29.0"`). The asdf/mise `awscli` (or `aws-cli`) tool installs the
//! CLI major its version names, so the version is judged like the PyPI `awscli` (2.x is regional). A
//! `terraform` pin is recorded as the Terraform version of this directory and those below it.

use super::facts::{Client, Ecosystem, FileFacts, Installed, TerraformVersion};
use super::syntax::toml_doc;
use crate::source::{SourceFile, Span};

/// The asdf plugin and mise tool name for Terraform.
const TERRAFORM: &str = "terraform";

const TOOLS: &[&str] = &[
    crate::knowledge::clients::AWS_CLI_V2,
    crate::knowledge::clients::AWSCLI,
];

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !super::mentions_any(&source.text, TOOLS) && !source.text.contains(TERRAFORM) {
        return facts;
    }
    let is_toml = source
        .path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if is_toml {
        mise(&mut facts, source);
    } else {
        asdf(&mut facts, source);
    }
    facts
}

/// `awscli 1.29.0 2.15.0`: the first version is the one in use.
fn asdf(facts: &mut FileFacts, source: &SourceFile) {
    for (offset, line) in source.lines() {
        let code = line.split('#').next().unwrap_or_default();
        let mut words = code.split_whitespace();
        let (Some(tool), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        if !TOOLS.contains(&tool) && tool != TERRAFORM {
            continue;
        }
        let Some(start) = code.find(version).filter(|&i| i >= tool.len()) else {
            continue;
        };
        let span = Span::new(offset + start, offset + start + version.len());
        if tool == TERRAFORM {
            push_terraform(facts, version, span);
        } else {
            push(facts, source, version, span);
        }
    }
}

fn mise(facts: &mut FileFacts, source: &SourceFile) {
    let Some(root) = toml_doc::parse(source, facts) else {
        return;
    };
    let Some(tools) = toml_doc::table(&root, &["tools"]) else {
        return;
    };
    for (name, value) in tools.iter() {
        let name: &str = name.get_ref().as_ref();
        if !TOOLS.contains(&name) && name != TERRAFORM {
            continue;
        }
        // `awscli = "1.29.0"`, `awscli = ["1.29.0", "2"]` (first wins), `awscli = { version = "…" }`.
        let value = match value.get_ref() {
            toml::de::DeValue::Array(items) => items.first(),
            toml::de::DeValue::Table(t) => toml_doc::get(t, "version"),
            _ => Some(value),
        };
        if let Some((version, span)) = value.and_then(|v| toml_doc::string(v, &source.text)) {
            if name == TERRAFORM {
                push_terraform(facts, version, span);
            } else {
                push(facts, source, version, span);
            }
        }
    }
    // The TOML map iterates by key, not by position.
    facts.clients.sort_by_key(|c| c.span);
    facts.terraform_versions.sort_by_key(|t| t.span);
}

/// `1.5.7`: a single release. `latest`, `system`, `ref:…` and partial versions (`1`, `1.29`) name none.
pub(crate) fn is_release(version: &str) -> bool {
    version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u64>().is_ok())
}

fn push_terraform(facts: &mut FileFacts, version: &str, span: Span) {
    if is_release(version) {
        facts.terraform_versions.push(TerraformVersion {
            version: version.to_owned(),
            span,
            manager: true,
        });
    }
}

fn push(facts: &mut FileFacts, source: &SourceFile, version: &str, span: Span) {
    if !is_release(version) {
        return;
    }
    facts.clients.push(Client {
        ecosystem: Ecosystem::PyPi,
        package: crate::knowledge::clients::AWSCLI.to_owned(),
        version: format!("=={version}"),
        installed: Installed::Pin,
        span,
        origin: super::origin(source, span),
        context: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn versions(name: &str, text: &str) -> Vec<String> {
        let source = SourceFile::from_text(name, FileKind::ToolVersions, text);
        extract(&source)
            .clients
            .iter()
            .map(|c| text[c.span.start..c.span.end].to_owned())
            .collect()
    }

    #[test]
    fn asdf_and_mise() {
        assert_eq!(
            versions(
                ".tool-versions",
                "nodejs 20.11.0\nawscli 1.29.0 2.15.0 # pinned\nterraform 1.7.0\n"
            ),
            vec!["1.29.0"]
        );
        assert!(versions(".tool-versions", "awscli latest\n").is_empty());
        let terraform = |name: &str, text: &str| {
            let source = SourceFile::from_text(name, FileKind::ToolVersions, text);
            extract(&source)
                .terraform_versions
                .iter()
                .map(|t| text[t.span.start..t.span.end].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            terraform(
                ".tool-versions",
                "terraform 1.5.7 # pinned\nnodejs 20.11.0\n"
            ),
            vec!["1.5.7"]
        );
        assert!(terraform(".tool-versions", "terraform latest\n").is_empty());
        assert_eq!(
            terraform("mise.toml", "[tools]\nterraform = \"1.4.6\"\n"),
            vec!["1.4.6"]
        );
        assert_eq!(
            versions(
                "mise.toml",
                "[tools]\nnode = \"20\"\nawscli = \"1.32.0\"\naws-cli = { version = \"2.15.0\" }\n"
            ),
            vec!["1.32.0", "2.15.0"]
        );
    }
}
