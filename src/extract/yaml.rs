//! Extractor for YAML: environment maps in Kubernetes (`env: [{name, value}]`), Compose
//! (`environment:` as a map or a `KEY=value` list), GitHub Actions (`env:`) and GitLab CI (`variables:`).
//!
//! yaml-rust2's event parser supplies the structure and each node's position; aliases are kept as
//! aliases, never expanded, so a billion-laughs document costs nothing. Each mapping that owns an env
//! map is a context; the nearest enclosing one is its parent (workflow `env` → job `env` → step `env`).

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::facts::{
    Client, Context, ContextId, ContextKind, Ecosystem, FileFacts, Installed, Problem,
};
use crate::source::{SourceFile, Span};

/// Deeper documents are not walked: no real manifest nests this far, and recursion must stay bounded.
const MAX_DEPTH: usize = 200;

#[derive(Debug)]
enum Node {
    Scalar { value: String, span: Span },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Other,
}

impl Node {
    fn scalar(&self) -> Option<(&str, Span)> {
        match self {
            Node::Scalar { value, span } => Some((value, *span)),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.scalar().is_some_and(|(v, _)| v == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Builds the node tree from parser events.
struct Builder<'a> {
    source: &'a SourceFile,
    stack: Vec<(Node, Option<Node>)>,
    documents: Vec<Node>,
    too_deep: bool,
}

impl Builder<'_> {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(_) => {}
        }
    }

    fn open(&mut self, node: Node) {
        if self.stack.len() >= MAX_DEPTH {
            self.too_deep = true;
        }
        self.stack.push((node, None));
    }

    fn close(&mut self) {
        if let Some((node, _)) = self.stack.pop() {
            let node = if self.stack.len() >= MAX_DEPTH {
                Node::Other
            } else {
                node
            };
            self.push(node);
        }
    }

    fn scalar_span(&self, value: &str, style: TScalarStyle, mark: Marker) -> Span {
        let text = &self.source.text;
        let start = offset_of(self.source, mark);
        let rest = &text[start..];
        match style {
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                let quote = if style == TScalarStyle::SingleQuoted {
                    '\''
                } else {
                    '"'
                };
                let inner = start + 1;
                let bytes = text.as_bytes();
                let mut i = inner;
                while i < text.len() {
                    // A `\x` escape (double quotes) or a doubled `''` (single quotes) is not the end.
                    let escaped = (style == TScalarStyle::DoubleQuoted && bytes[i] == b'\\')
                        || (style == TScalarStyle::SingleQuoted
                            && bytes[i] == b'\''
                            && bytes.get(i + 1) == Some(&b'\''));
                    if escaped {
                        i += 2;
                    } else if bytes[i] == quote as u8 {
                        break;
                    } else {
                        i += 1;
                    }
                }
                Span::new(inner.min(text.len()), i.min(text.len()))
            }
            _ if rest.starts_with(value) => Span::new(start, start + value.len()),
            _ => {
                let line_end = rest.find('\n').unwrap_or(rest.len());
                Span::new(start, start + rest[..line_end].trim_end().len())
            }
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, _, _) => {
                let span = self.scalar_span(&value, style, mark);
                self.push(Node::Scalar { value, span });
            }
            Event::SequenceStart(..) => self.open(Node::Seq(Vec::new())),
            Event::MappingStart(..) => self.open(Node::Map(Vec::new())),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(_) => self.push(Node::Other),
            _ => {}
        }
    }
}

/// Byte offset of a parser marker (1-based line, 0-based column in characters).
fn offset_of(source: &SourceFile, mark: Marker) -> usize {
    let line_start = source.line_start(mark.line().saturating_sub(1));
    let line = &source.text[line_start..];
    line.char_indices()
        .nth(mark.col())
        .map_or(source.text.len(), |(i, _)| line_start + i)
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let mut builder = Builder {
        source,
        stack: Vec::new(),
        documents: Vec::new(),
        too_deep: false,
    };
    let mut parser = Parser::new_from_str(&source.text);
    if let Err(e) = parser.load(&mut builder, true) {
        let at = offset_of(source, *e.marker());
        facts.problems.push(Problem {
            message: format!("malformed YAML: {}", e.info()),
            span: Span::new(at, at),
        });
    }
    if builder.too_deep {
        facts.problems.push(Problem {
            message: format!("YAML nested deeper than {MAX_DEPTH} levels was not read"),
            span: Span::new(0, 0),
        });
    }
    for doc in &builder.documents {
        walk(&mut facts, source, doc, "", 0, 0);
    }
    for doc in &builder.documents {
        conda_dependencies(&mut facts, doc);
    }
    for client in &mut facts.clients {
        client.origin = super::origin(source, client.span);
    }
    facts
}

/// Keys whose value is an environment map or list.
const ENV_KEYS: &[&str] = &["env", "environment", "variables"];

fn walk(
    facts: &mut FileFacts,
    source: &SourceFile,
    node: &Node,
    path: &str,
    parent: ContextId,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Node::Map(entries) => {
            let env = ENV_KEYS.iter().find_map(|k| node.get(k).map(|v| (k, v)));
            let mut context = parent;
            if let Some((_, env)) = env.filter(|(_, v)| holds_env(v)) {
                context = facts.add_context(Context {
                    kind: ContextKind::YamlScope {
                        path: if path.is_empty() {
                            "(root)".into()
                        } else {
                            path.to_owned()
                        },
                    },
                    parent: (parent != 0).then_some(parent).or(Some(0)),
                    header: None,
                });
                read_env(facts, env, context);
            }
            for (key, value) in entries {
                if let Some((key, key_span)) = key.scalar() {
                    if crate::secrets::is_secret_key(key)
                        && let Some((_, span)) = value.scalar()
                    {
                        facts.secrets.push(span);
                    }
                    let _ = key_span;
                    if key == "image" {
                        push_image(facts, value, context);
                    }
                    if SCRIPT_KEYS.contains(&key) {
                        let scripts: Vec<(&str, Span)> = match value {
                            Node::Seq(items) => items.iter().filter_map(Node::scalar).collect(),
                            _ => value.scalar().into_iter().collect(),
                        };
                        for (script, span) in scripts {
                            scan_script(facts, source, script, span, context);
                        }
                    }
                    if ENV_KEYS.contains(&key) {
                        continue;
                    }
                    let child = if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(facts, source, value, &child, context, depth + 1);
                }
            }
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(
                    facts,
                    source,
                    item,
                    &format!("{path}[{i}]"),
                    parent,
                    depth + 1,
                );
            }
        }
        _ => {}
    }
}

/// `image: mesosphere/aws-cli:1.14.5` (Kubernetes, Compose, CI) or GitLab's `image: {name: …}`: an
/// image tagged with the AWS CLI version it ships is a client in this mapping's context.
fn push_image(facts: &mut FileFacts, value: &Node, context: ContextId) {
    let Some((image, span)) = value.get("name").unwrap_or(value).scalar() else {
        return;
    };
    let Some(version) = crate::knowledge::clients::cli_image_version(image) else {
        return;
    };
    facts.clients.push(Client {
        ecosystem: Ecosystem::Image,
        package: image.to_owned(),
        version: version.to_owned(),
        installed: Installed::ContainerImage,
        span,
        origin: String::new(),
        context,
    });
}

/// Keys whose value is shell: GitHub Actions `run`, GitLab CI `script` and its before/after hooks.
const SCRIPT_KEYS: &[&str] = &["after_script", "before_script", "run", "script"];

/// Scans a shell script held in a YAML scalar for client installs (`pip install awscli==…`).
///
/// A block scalar (`run: |`) loses its indentation, so each of its lines is located in the file after the
/// scalar's start and word spans are mapped back line by line.
fn scan_script(
    facts: &mut FileFacts,
    source: &SourceFile,
    script: &str,
    span: Span,
    context: ContextId,
) {
    if !super::mentions_any(script, &["pip", "awscli", "install"]) {
        return;
    }
    // (offset of a line in `script`, offset of the same text in the file).
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut cursor = span.start;
    let mut at = 0;
    for line in script.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(found) = source
            .text
            .get(cursor..)
            .and_then(|rest| rest.find(content))
        {
            lines.push((at, cursor + found));
            cursor += found + content.len();
        }
        at += line.len();
    }
    let map = |offset: usize| -> Option<usize> {
        let i = lines
            .partition_point(|&(start, _)| start <= offset)
            .checked_sub(1)?;
        let (start, file) = lines[i];
        Some(file + (offset - start))
    };
    let mut words = super::shell::words(script, 0);
    words.retain_mut(
        |w| match (map(w.span.start), map(w.span.end.saturating_sub(1))) {
            (Some(start), Some(last)) if last + 1 >= start => {
                w.span = Span::new(start, last + 1);
                true
            }
            _ => w.separator,
        },
    );
    super::installs::scan(facts, source, &words, context, &[]);
}

/// A conda `environment.yml` (a root `dependencies` list beside `name` or `channels`): conda match specs
/// (`boto3=1.34.0`, `boto3>=1.20,<1.30`, `boto3 1.34.0`) and the nested `pip:` requirement list.
///
/// A conda `=X` matches the `X` prefix (`=1.34` is any 1.34.x), so it becomes `==X.*` unless `X` names a
/// full three-part release; its clients belong to the root context, where conda's `variables:` apply.
fn conda_dependencies(facts: &mut FileFacts, doc: &Node) {
    let is_conda = doc.get("name").is_some() || doc.get("channels").is_some();
    let Some(Node::Seq(items)) = doc.get("dependencies").filter(|_| is_conda) else {
        return;
    };
    let context = facts
        .contexts
        .iter()
        .position(|c| matches!(&c.kind, ContextKind::YamlScope { path } if path == "(root)"))
        .unwrap_or(0);
    for item in items {
        if let Some(Node::Seq(pip)) = item.get("pip") {
            for (spec, span) in pip.iter().filter_map(Node::scalar) {
                if let Some(req) = super::requirements::parse_requirement(spec) {
                    push_python(
                        facts,
                        &req.name,
                        &req.specifier,
                        req.specifier_span,
                        req.name_span,
                        span,
                        context,
                    );
                }
            }
            continue;
        }
        let Some((spec, span)) = item.scalar() else {
            continue;
        };
        // `channel::name …` names the channel first.
        let spec_start = spec.rfind("::").map_or(0, |i| i + 2);
        let Some(req) = super::requirements::parse_requirement(&spec[spec_start..]) else {
            continue;
        };
        let mut specifier = req.specifier.clone();
        if let Some(version) = specifier.strip_prefix('=').filter(|v| !v.starts_with('=')) {
            let version = version
                .split('=')
                .next()
                .unwrap_or(version)
                .trim()
                .to_owned();
            specifier = if version.split('.').count() >= 3 || version.ends_with('*') {
                format!("=={version}")
            } else {
                format!("=={version}.*")
            };
        } else if specifier.starts_with(|c: char| c.is_ascii_digit()) {
            // `boto3 1.34.0 py_0`: a bare version, then a build string.
            let version = specifier
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            specifier = format!("=={version}");
        }
        let shift = |s: Span| Span::new(s.start + spec_start, s.end + spec_start);
        push_python(
            facts,
            &req.name,
            &specifier,
            shift(req.specifier_span),
            shift(req.name_span),
            span,
            context,
        );
    }
}

fn push_python(
    facts: &mut FileFacts,
    name: &str,
    specifier: &str,
    specifier_span: Span,
    name_span: Span,
    scalar: Span,
    context: ContextId,
) {
    if !super::requirements::PYTHON_CLIENTS.contains(&name) {
        return;
    }
    let local = if specifier.is_empty() {
        name_span
    } else {
        specifier_span
    };
    let span = Span::new(
        (scalar.start + local.start).min(scalar.end),
        (scalar.start + local.end).min(scalar.end),
    );
    facts.clients.push(Client {
        ecosystem: Ecosystem::PyPi,
        package: name.to_owned(),
        version: specifier.to_owned(),
        installed: super::requirements::installed_by(specifier),
        span,
        origin: String::new(),
        context,
    });
}

fn holds_env(node: &Node) -> bool {
    matches!(node, Node::Map(_) | Node::Seq(_))
}

fn read_env(facts: &mut FileFacts, env: &Node, context: ContextId) {
    match env {
        // Compose, GitHub Actions, GitLab CI: `KEY: value` (GitLab also allows `KEY: {value: …}`).
        Node::Map(entries) => {
            for (key, value) in entries {
                let Some((name, name_span)) = key.scalar() else {
                    continue;
                };
                let value = value.get("value").unwrap_or(value);
                if let Some((value, span)) = value.scalar() {
                    facts.push_env(name, name_span, value, span, context);
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                // Kubernetes: `- name: X` / `value: Y`.
                if let (Some(name), Some(value)) = (item.get("name"), item.get("value")) {
                    if let (Some((name, name_span)), Some((value, span))) =
                        (name.scalar(), value.scalar())
                    {
                        facts.push_env(name, name_span, value, span, context);
                    }
                } else if let Some((entry, span)) = item.scalar() {
                    // Compose list form: `- KEY=value`.
                    if let Some((name, value)) = entry.split_once('=') {
                        let value_start = span.start + name.len() + 1;
                        let value_span = Span::new(value_start.min(span.end), span.end);
                        facts.push_env(
                            name,
                            Span::new(span.start, span.start + name.len()),
                            value,
                            value_span,
                            context,
                        );
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::SettingName;

    fn facts(text: &str) -> (SourceFile, FileFacts) {
        let source = SourceFile::from_text("k8s/deploy.yaml", FileKind::Yaml, text);
        let facts = extract(&source);
        (source, facts)
    }

    fn spans(source: &SourceFile, facts: &FileFacts) -> Vec<String> {
        facts
            .settings
            .iter()
            .map(|s| source.text[s.value_span.start..s.value_span.end].to_owned())
            .collect()
    }

    #[test]
    fn kubernetes_env_list() {
        let text = "spec:\n  containers:\n    - name: app\n      env:\n        - name: AWS_STS_REGIONAL_ENDPOINTS\n          value: \"legacy\"\n        - name: AWS_REGION\n          value: eu-west-1\n";
        let (source, facts) = facts(text);
        assert_eq!(spans(&source, &facts), vec!["legacy", "eu-west-1"]);
        assert_eq!(facts.region(facts.settings[0].context), Some("eu-west-1"));
    }

    #[test]
    fn compose_and_actions_scopes_nest() {
        let text = "env:\n  AWS_REGION: us-east-2\njobs:\n  build:\n    env:\n      AWS_STS_REGIONAL_ENDPOINTS: 'legacy'\n";
        let (source, facts) = facts(text);
        assert_eq!(spans(&source, &facts), vec!["us-east-2", "legacy"]);
        let legacy = &facts.settings[1];
        assert_eq!(legacy.name, SettingName::StsRegionalEndpoints);
        assert_eq!(facts.region(legacy.context), Some("us-east-2"));
        let (source, facts) = self::facts(
            "services:\n  web:\n    environment:\n      - AWS_STS_REGIONAL_ENDPOINTS=legacy\n",
        );
        assert_eq!(spans(&source, &facts), vec!["legacy"]);
    }

    #[test]
    fn ci_scripts_are_scanned_in_their_job_context() {
        let text = "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_STS_REGIONAL_ENDPOINTS: regional\n    steps:\n      - run: |\n          python -m pip install \\\n            awscli==1.29.0\n          aws s3 ls\nbuild:\n  script:\n    - pip install boto3==1.34.0\n";
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| {
                (
                    &source.text[c.span.start..c.span.end],
                    facts
                        .visible(c.context, SettingName::StsRegionalEndpoints)
                        .map(|s| s.value.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![("==1.29.0", Some("regional")), ("==1.34.0", None)]
        );
    }

    #[test]
    fn conda_environment_and_pip_section() {
        let text = "name: etl\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - boto3=1.34\n  - conda-forge::botocore>=1.40\n  - pip\n  - pip:\n      - awscli==1.29.0\nvariables:\n  AWS_DEFAULT_REGION: eu-west-1\n";
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| {
                (
                    c.version.as_str(),
                    &source.text[c.span.start..c.span.end],
                    facts.region(c.context),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("==1.34.*", "=1.34", Some("eu-west-1")),
                (">=1.40", ">=1.40", Some("eu-west-1")),
                ("==1.29.0", "==1.29.0", Some("eu-west-1")),
            ]
        );
    }

    #[test]
    fn malformed_yaml_is_a_problem_and_aliases_are_not_expanded() {
        let (_, facts) = facts("a: [1, 2\nb: }\n");
        assert_eq!(facts.problems.len(), 1);
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nenv:\n  AWS_REGION: *c\n";
        let (_, facts) = self::facts(bomb);
        let (source, quoted) = self::facts("env:\n  AWS_REGION: 'it''s'\n  AWS_PROFILE: x\n");
        assert_eq!(spans(&source, &quoted), vec!["it''s"]);
        assert!(facts.problems.is_empty());
        assert!(facts.settings.is_empty());
    }
}
