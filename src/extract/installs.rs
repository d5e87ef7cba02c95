//! Shared by the shell and Dockerfile extractors: install commands that bring in an AWS client —
//! `pip install awscli==…` (also `pip3`, `python -m pip`, `uv pip`, `pipx`), the versioned
//! `awscli-bundle-X.zip` installer, and distro packages (`apt-get install awscli`, `yum install awscli`)
//! resolved through the Dockerfile stage's base image.
//!
//! Reads the shell words `shell::words` produced; `${VAR}` in a requirement is resolved from the
//! variables the caller knows (a Dockerfile's `ARG`/`ENV` defaults), so `awscli==${AWSCLI_VERSION}` is
//! judged by its default.

use super::facts::{Client, ContextId, ContextKind, Ecosystem, FileFacts, Installed};
use super::requirements::{PYTHON_CLIENTS, installed_by, parse_requirement};
use super::shell::{self, Word};
use crate::knowledge::clients;
use crate::source::{SourceFile, Span};

/// A variable's value and where it was set, for `awscli==${AWSCLI_VERSION}`.
#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    pub value: String,
    pub span: Span,
}

/// pip options that take a value, which must not be read as a requirement.
const PIP_OPTIONS_WITH_VALUE: &[&str] = &[
    "--constraint",
    "--extra-index-url",
    "--find-links",
    "--index-url",
    "--platform",
    "--prefix",
    "--python-version",
    "--requirement",
    "--root",
    "--target",
    "--trusted-host",
    "-c",
    "-e",
    "-f",
    "-i",
    "-r",
    "-t",
];

/// Scans every command in `words` for client installs.
pub fn scan(
    facts: &mut FileFacts,
    source: &SourceFile,
    words: &[Word],
    context: ContextId,
    vars: &[Variable],
) {
    for command in words.split(|w| w.separator) {
        // Leading `NAME=value` assignments and `sudo [-H -E …]` do not change what is installed.
        let mut start = 0;
        while let Some(word) = command.get(start) {
            let assignment = !word.text.starts_with('-') && word.text.contains('=');
            let sudo = word.text == "sudo"
                || (start > 0
                    && word.text.starts_with('-')
                    && command[..start].iter().any(|w| w.text == "sudo"));
            if !(assignment || sudo) {
                break;
            }
            start += 1;
        }
        let command = &command[start..];
        for word in command {
            if word.text.contains("awscli-bundle-") {
                bundle(facts, source, word, context);
            }
        }
        if let Some(args) = pip_install_args(command) {
            pip_install(facts, source, args, context, vars);
        } else {
            distro_install(facts, source, command, context);
        }
    }
}

/// The words after `install` when the command is a pip install.
fn pip_install_args(command: &[Word]) -> Option<&[Word]> {
    let program = |w: &Word| {
        let name = w.text.rsplit('/').next().unwrap_or(&w.text);
        name.to_owned()
    };
    let first = command.first().map(program)?;
    let is_pip = |n: &str| n == "pip" || n.starts_with("pip3") || n == "pipx";
    let rest = if is_pip(&first) {
        &command[1..]
    } else if first.starts_with("python")
        && command.get(1)?.text == "-m"
        && is_pip(&command.get(2)?.text)
    {
        &command[3..]
    } else if first == "uv" && command.get(1)?.text == "pip" {
        &command[2..]
    } else {
        return None;
    };
    let at = rest.iter().position(|w| !w.text.starts_with('-'))?;
    (rest[at].text == "install").then(|| &rest[at + 1..])
}

fn pip_install(
    facts: &mut FileFacts,
    source: &SourceFile,
    args: &[Word],
    context: ContextId,
    vars: &[Variable],
) {
    let mut skip_next = false;
    for word in args {
        if skip_next {
            skip_next = false;
            // `--index-url https://user:TOKEN@host/simple`: the token is a secret.
            let inner = shell::unquoted_span(&source.text, word.span);
            if let Some(value) = source.text.get(inner.start..inner.end) {
                for span in super::requirements::url_credentials(value) {
                    facts.secrets.push(span.offset(inner.start));
                }
            }
            continue;
        }
        if word.text.starts_with('-') {
            skip_next = PIP_OPTIONS_WITH_VALUE.contains(&word.text.as_str());
            continue;
        }
        let (text, via) = expand(&word.text, vars);
        let Some(req) = parse_requirement(&text) else {
            continue;
        };
        if !PYTHON_CLIENTS.contains(&req.name.as_str()) {
            continue;
        }
        // Precise spans when the word is written as it reads (no quotes, no variables).
        let inner = shell::unquoted_span(&source.text, word.span);
        let exact =
            source.text.get(inner.start..inner.end) == Some(word.text.as_str()) && via.is_none();
        let span = match (exact, req.specifier.is_empty()) {
            (true, false) => req.specifier_span.offset(inner.start),
            (true, true) => req.name_span.offset(inner.start),
            _ => via.as_ref().map_or(word.span, |v| v.span),
        };
        let mut origin = super::origin(source, word.span);
        if let Some(v) = &via {
            origin.push_str(&format!(
                ", `{}` set at line {}",
                v.name,
                source.line_col(v.span.start).0
            ));
        }
        facts.clients.push(Client {
            ecosystem: Ecosystem::PyPi,
            package: req.name.clone(),
            version: req.specifier.clone(),
            installed: installed_by(&req.specifier),
            span,
            origin,
            context,
        });
    }
}

/// Substitutes `$NAME` / `${NAME}` (the last variable used is reported as `via`).
fn expand<'v>(text: &str, vars: &'v [Variable]) -> (String, Option<&'v Variable>) {
    if !text.contains('$') {
        return (text.to_owned(), None);
    }
    let mut out = text.to_owned();
    let mut via = None;
    for var in vars.iter().rev() {
        for pattern in [format!("${{{}}}", var.name), format!("${}", var.name)] {
            if out.contains(&pattern) {
                out = out.replace(&pattern, &var.value);
                via = Some(var);
            }
        }
    }
    (out, via)
}

/// `…/awscli-bundle-1.16.312.zip`: the bundled installer of one CLI v1 version.
fn bundle(facts: &mut FileFacts, source: &SourceFile, word: &Word, context: ContextId) {
    let Some(i) = word.text.find("awscli-bundle-") else {
        return;
    };
    let rest = &word.text[i + "awscli-bundle-".len()..];
    let Some(version) = rest
        .strip_suffix(".zip")
        .or_else(|| rest.split(".zip").next())
    else {
        return;
    };
    if crate::knowledge::versions::Dotted::parse(version).is_none() {
        return;
    }
    facts.clients.push(Client {
        ecosystem: Ecosystem::PyPi,
        package: crate::knowledge::clients::AWSCLI.to_owned(),
        version: format!("=={version}"),
        installed: Installed::Pin,
        span: word.span,
        origin: super::origin(source, word.span),
        context,
    });
}

/// `apt-get install … awscli`, `yum install awscli` in a Dockerfile stage whose base image is known.
fn distro_install(
    facts: &mut FileFacts,
    source: &SourceFile,
    command: &[Word],
    context: ContextId,
) {
    let Some(first) = command.first() else {
        return;
    };
    let program = first.text.rsplit('/').next().unwrap_or(&first.text);
    let Some(at) = command.iter().position(|w| w.text == "install") else {
        return;
    };
    let ContextKind::DockerStage { base_image } = &facts.contexts[context].kind else {
        return;
    };
    let Some(release) = clients::distro_of(base_image) else {
        return;
    };
    if !release.commands.contains(&program) {
        return;
    }
    let image = base_image.clone();
    for word in &command[at + 1..] {
        // `awscli=1.22.34-1ubuntu…` pins the distro's own build; the release still decides the version.
        let name = word.text.split('=').next().unwrap_or_default();
        if let Some(python) = crate::knowledge::tools::distro_python(release.display, name) {
            // `python3-botocore` / `python3-boto3`: judged by the botocore the release ships.
            facts.clients.push(Client {
                ecosystem: Ecosystem::Distro,
                package: python.package.to_owned(),
                version: python.version.to_owned(),
                installed: Installed::DistroPackage {
                    image: image.clone(),
                    command: format!("{program} install"),
                },
                span: word.span,
                origin: super::origin(source, word.span),
                context,
            });
            continue;
        }
        if name != crate::knowledge::clients::AWSCLI {
            continue;
        }
        facts.clients.push(Client {
            ecosystem: Ecosystem::Distro,
            package: crate::knowledge::clients::AWSCLI.to_owned(),
            version: release.awscli.unwrap_or_default().to_owned(),
            installed: Installed::DistroPackage {
                image: image.clone(),
                command: format!("{program} install"),
            },
            span: word.span,
            origin: super::origin(source, word.span),
            context,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::Context;

    fn scan_text(text: &str, base: Option<&str>, vars: &[Variable]) -> Vec<(String, String)> {
        let source = SourceFile::from_text("Dockerfile", FileKind::Dockerfile, text);
        let mut facts = FileFacts::new(FileKind::Dockerfile);
        let context = match base {
            Some(image) => facts.add_context(Context {
                kind: ContextKind::DockerStage {
                    base_image: image.into(),
                },
                parent: None,
                header: None,
            }),
            None => 0,
        };
        let words = shell::words(text, 0);
        scan(&mut facts, &source, &words, context, vars);
        facts
            .clients
            .iter()
            .map(|c| (c.package.clone(), text[c.span.start..c.span.end].to_owned()))
            .collect()
    }

    #[test]
    fn pip_forms() {
        let got = scan_text(
            "pip install --no-cache-dir -r req.txt awscli==1.22.0 && sudo -H python3 -m pip install -U 'boto3[crt]<1.30' && pip uninstall -y botocore && pip install awscliv2 botocore\n",
            None,
            &[],
        );
        assert_eq!(
            got,
            vec![
                ("awscli".into(), "==1.22.0".into()),
                ("boto3".into(), "<1.30".into()),
                ("botocore".into(), "botocore".into()),
            ]
        );
    }

    #[test]
    fn variables_bundles_and_distro_packages() {
        let vars = [Variable {
            name: "AWSCLI_VERSION".into(),
            value: "1.18.0".into(),
            span: Span::new(0, 3),
        }];
        let got = scan_text("pip install awscli==${AWSCLI_VERSION}\n", None, &vars);
        assert_eq!(got, vec![("awscli".into(), "pip".into())]);
        let got = scan_text(
            "curl -o b.zip https://s3.amazonaws.com/aws-cli/awscli-bundle-1.16.312.zip\n",
            None,
            &[],
        );
        assert_eq!(got.len(), 1);
        let apt = "apt-get update && apt-get install -y --no-install-recommends awscli jq\n";
        assert_eq!(scan_text(apt, Some("ubuntu:22.04"), &[]).len(), 1);
        assert_eq!(scan_text(apt, Some("ubuntu:24.04"), &[]).len(), 0);
        assert_eq!(scan_text(apt, None, &[]).len(), 0);
        assert_eq!(
            scan_text("yum install -y awscli\n", Some("amazonlinux:2"), &[]).len(),
            1
        );
        assert_eq!(
            scan_text("apk add aws-cli\n", Some("alpine:3.12"), &[]).len(),
            0
        );
    }
}
