//! Extractor for `pyproject.toml`: PEP 621 `[project]` dependencies and optional dependencies, PEP 735
//! `[dependency-groups]`, Poetry's `[tool.poetry.*dependencies]` and uv's dev/constraint/override lists.
//!
//! PEP 508 strings go through the requirement splitter shared with requirements files; Poetry's own
//! `^`/`~` constraints are rewritten to the PEP 440 ranges they mean (Poetry docs, "Version constraints").

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::facts::{Client, Ecosystem, FileFacts};
use super::requirements::{PYTHON_CLIENTS, normalise, parse_requirement, push_requirement};
use super::syntax::toml_doc;
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let lower = source.text.to_ascii_lowercase();
    if !PYTHON_CLIENTS.iter().any(|n| lower.contains(n)) {
        return facts;
    }
    let Some(root) = toml_doc::parse(source, &mut facts) else {
        return facts;
    };
    let mut lists: Vec<&Spanned<DeValue>> = Vec::new();
    if let Some(project) = toml_doc::table(&root, &["project"]) {
        lists.extend(toml_doc::get(project, "dependencies"));
        if let Some(optional) = toml_doc::table(project, &["optional-dependencies"]) {
            lists.extend(optional.iter().map(|(_, v)| v));
        }
    }
    if let Some(groups) = toml_doc::table(&root, &["dependency-groups"]) {
        lists.extend(groups.iter().map(|(_, v)| v));
    }
    if let Some(uv) = toml_doc::table(&root, &["tool", "uv"]) {
        for key in [
            "dev-dependencies",
            "constraint-dependencies",
            "override-dependencies",
        ] {
            lists.extend(toml_doc::get(uv, key));
        }
    }
    for list in lists {
        let Some(items) = list.get_ref().as_array() else {
            continue;
        };
        for item in items {
            let Some((text, span)) = toml_doc::string(item, &source.text) else {
                continue;
            };
            if let Some(req) = parse_requirement(text) {
                push_requirement(&mut facts, source, &req, span.start, 0);
            }
        }
    }
    if let Some(poetry) = toml_doc::table(&root, &["tool", "poetry"]) {
        poetry_section(&mut facts, source, poetry, "dependencies");
        poetry_section(&mut facts, source, poetry, "dev-dependencies");
        if let Some(groups) = toml_doc::table(poetry, &["group"]) {
            for (_, group) in groups.iter() {
                if let Some(group) = group.get_ref().as_table() {
                    poetry_section(&mut facts, source, group, "dependencies");
                }
            }
        }
    }
    // TOML maps iterate by key, not by position.
    facts.clients.sort_by_key(|c| c.span);
    facts
}

fn poetry_section(facts: &mut FileFacts, source: &SourceFile, table: &DeTable, key: &str) {
    let Some(deps) = toml_doc::table(table, &[key]) else {
        return;
    };
    for (name, value) in deps.iter() {
        let name = normalise(name.get_ref());
        if !PYTHON_CLIENTS.contains(&name.as_str()) {
            continue;
        }
        // `boto3 = "^1.26"` or `boto3 = { version = "^1.26", extras = ["crt"] }`.
        let version = match value.get_ref() {
            DeValue::Table(t) => toml_doc::get(t, "version"),
            _ => Some(value),
        };
        let Some((constraint, span)) = version.and_then(|v| toml_doc::string(v, &source.text))
        else {
            continue;
        };
        let Some(pep440) = poetry_to_pep440(constraint) else {
            continue;
        };
        push(facts, source, &name, &pep440, span);
    }
}

fn push(facts: &mut FileFacts, source: &SourceFile, name: &str, spec: &str, span: Span) {
    facts.clients.push(Client {
        ecosystem: Ecosystem::PyPi,
        package: name.to_owned(),
        version: spec.to_owned(),
        installed: super::requirements::installed_by(spec),
        span,
        origin: super::origin(source, span),
        context: 0,
    });
}

/// Poetry constraints as PEP 440: `^1.26` → `>=1.26,<2`, `~1.26.3` → `>=1.26.3,<1.27`, `1.2.3` →
/// `==1.2.3`, `1.2.*` stays, `*` is no constraint; comma- and space-joined parts, `||` is not supported.
pub(crate) fn poetry_to_pep440(constraint: &str) -> Option<String> {
    if constraint.contains("||") {
        return None;
    }
    let mut parts = Vec::new();
    for part in constraint
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if part == "*" {
            continue;
        }
        let converted = if let Some(v) = part.strip_prefix('^') {
            let nums = numbers(v)?;
            let keep = nums.iter().take_while(|&&n| n == 0).count() + 1;
            format!(">={v},<{}", bump(&nums, keep.min(nums.len())))
        } else if let Some(v) = part.strip_prefix("~=") {
            format!("~={v}")
        } else if let Some(v) = part.strip_prefix('~') {
            let nums = numbers(v)?;
            let keep = if nums.len() >= 2 { 2 } else { 1 };
            format!(">={v},<{}", bump(&nums, keep))
        } else if part.starts_with(|c: char| c.is_ascii_digit()) {
            format!("=={part}")
        } else {
            part.to_owned()
        };
        parts.push(converted);
    }
    Some(parts.join(","))
}

fn numbers(v: &str) -> Option<Vec<u64>> {
    v.trim()
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u64>>>()
        .filter(|n| !n.is_empty())
}

fn bump(nums: &[u64], keep: usize) -> String {
    let mut out: Vec<u64> = nums.iter().copied().take(keep).collect();
    if let Some(last) = out.last_mut() {
        *last += 1;
    }
    out.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::Installed;

    #[test]
    fn poetry_constraints_become_pep440() {
        assert_eq!(poetry_to_pep440("^1.26").unwrap(), ">=1.26,<2");
        assert_eq!(poetry_to_pep440("^0.3.1").unwrap(), ">=0.3.1,<0.4");
        assert_eq!(poetry_to_pep440("~1.26.3").unwrap(), ">=1.26.3,<1.27");
        assert_eq!(poetry_to_pep440("1.34.0").unwrap(), "==1.34.0");
        assert_eq!(poetry_to_pep440(">=1.20,<1.30").unwrap(), ">=1.20,<1.30");
        assert_eq!(poetry_to_pep440("*").unwrap(), "");
    }

    #[test]
    fn pep621_groups_uv_and_poetry() {
        let text = r#"[project]
name = "app"
dependencies = ["boto3==1.34.147", "requests>=2"]

[project.optional-dependencies]
cli = ['awscli>=1.20']

[tool.uv]
constraint-dependencies = ["botocore<1.35"]

[tool.poetry.group.dev.dependencies]
boto3 = { version = "~1.26.0", extras = ["crt"] }
"#;
        let source = SourceFile::from_text("pyproject.toml", FileKind::PyProject, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| {
                (
                    &text[c.span.start..c.span.end],
                    c.version.as_str(),
                    c.installed.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("==1.34.147", "==1.34.147", Installed::Pin),
                (">=1.20", ">=1.20", Installed::Range),
                ("<1.35", "<1.35", Installed::Range),
                ("~1.26.0", ">=1.26.0,<1.27", Installed::Range),
            ]
        );
    }

    #[test]
    fn malformed_toml_is_a_problem() {
        let source = SourceFile::from_text("pyproject.toml", FileKind::PyProject, "boto3 = [");
        assert_eq!(extract(&source).problems.len(), 1);
    }
}
