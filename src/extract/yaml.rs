//! Extractor for YAML: environment maps in Kubernetes (`env: [{name, value}]`), Compose
//! (`environment:` as a map or a `KEY=value` list), GitHub Actions (`env:`) and GitLab CI (`variables:`).
//!
//! yaml-rust2's event parser supplies the structure and each node's position; aliases are kept as
//! aliases, never expanded, so a billion-laughs document costs nothing. Each mapping that owns an env
//! map is a context; the nearest enclosing one is its parent (workflow `env` → job `env` → step `env`).

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::facts::{
    Client, Context, ContextId, ContextKind, DeployRegion, Ecosystem, FileFacts, Installed,
    Problem, Setting, SettingName, StsVpcEndpoint,
};
use crate::knowledge::tools::CONFIGURE_AWS_CREDENTIALS;
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

    fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.scalar().is_some_and(|(v, _)| v == key))
                .map(|(k, v)| (k, v)),
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
    source.offset_at(mark.line().saturating_sub(1), mark.col())
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let template = super::template::Template::scan(&source.text);
    let mut facts = if template.is_templated() || super::template::in_chart(&source.path) {
        let neutral = source.with_text(template.neutralise(&source.text));
        read(&neutral, true)
    } else {
        read(source, false)
    };
    template.apply(&source.text, &mut facts);
    facts
}

/// Reads one YAML file. A template (`templated`: read from its neutralised text) that still does not
/// parse was never meant to be plain YAML: it is read line by line instead of reported as malformed.
fn read(source: &SourceFile, templated: bool) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let mut builder = Builder {
        source,
        stack: Vec::new(),
        documents: Vec::new(),
        too_deep: false,
    };
    // The events are pulled one by one rather than through `Parser::load`, which recurses once per
    // nesting level and overflows a worker thread's stack on a few kilobytes of `- - - …`.
    let mut parser = Parser::new_from_str(&source.text);
    let mut deepest = Span::new(0, 0);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, mark)) => {
                let was_deep = builder.too_deep;
                builder.on_event(event, mark);
                if builder.too_deep && !was_deep {
                    let at = offset_of(source, mark);
                    deepest = Span::new(at, at);
                }
            }
            Err(_) if templated => return super::yaml_lines::extract(source),
            Err(e) => {
                let at = offset_of(source, *e.marker());
                facts.problems.push(Problem {
                    message: format!("malformed YAML: {}", e.info()),
                    span: Span::new(at, at),
                });
                break;
            }
        }
    }
    if builder.too_deep {
        facts.problems.push(Problem {
            message: format!(
                "too deeply nested: YAML nested deeper than {MAX_DEPTH} levels was not read"
            ),
            span: deepest,
        });
    }
    for doc in &builder.documents {
        walk(&mut facts, doc, &mut String::new(), 0, 0);
        read_run_steps(&mut facts, source, doc);
        read_buildspec_commands(&mut facts, source, doc);
        read_ansible_commands(&mut facts, source, doc);
        read_ci_step_commands(&mut facts, source, doc);
    }
    for doc in &builder.documents {
        conda_dependencies(&mut facts, doc);
        cloudformation_vpc_endpoints(&mut facts, doc);
        matrix_regions(&mut facts, doc, 0);
    }
    action_versions(&mut facts, source);
    for client in &mut facts.clients {
        client.origin = super::origin(source, client.span);
    }
    quote_annotations(source, &mut facts);
    facts
}

/// The IRSA annotation's value span, quotes included.
pub(super) fn quote_annotations(source: &SourceFile, facts: &mut FileFacts) {
    // An annotation value is a string to Kubernetes: its span takes in the quotes, so a fix writes a
    // quoted `"true"` whether the file quoted the old value or not (a bare `true` would be a boolean).
    for setting in &mut facts.settings {
        if setting.name == SettingName::IrsaRegionalSts && !setting.key.starts_with("--") {
            setting.value_span = with_quotes(&source.text, setting.value_span);
        }
    }
}

/// Keys whose value is an environment map or list.
const ENV_KEYS: &[&str] = &["env", "environment", "variables", "Variables"];

// `CONFIGURE_AWS_CREDENTIALS`: the action whose `sts-endpoint` input overrides its STS endpoint
// (aws-actions/configure-aws-credentials `action.yml`, input `sts-endpoint`, first released in v6.2.0),
// and whose old v1 tags are judged by `crate::knowledge::tools`.
/// The pod identity webhook's flag (a Go `flag` bool: only the `=value` form can say false).
const WEBHOOK_FLAG: &str = "--sts-regional-endpoint=";

/// `path` names `node` (`jobs.build.steps[2]`); each child's name is written after it while the
/// child is walked and cut off again, so no name is built for a leaf, nor one string per entry.
fn walk(facts: &mut FileFacts, node: &Node, path: &mut String, parent: ContextId, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Node::Map(entries) => {
            // CloudFormation ECS `Environment: [{Name, Value}]`; a Lambda/SAM `Environment` is a map
            // holding `Variables`, read below as its own env map.
            let env = ENV_KEYS
                .iter()
                .find_map(|k| node.get(k).map(|v| (k, v)))
                .or_else(|| {
                    node.get("Environment")
                        .filter(|v| matches!(v, Node::Seq(_)))
                        .map(|v| (&"Environment", v))
                });
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
            read_action_inputs(facts, node, path, context);
            push_iam_authenticator(facts, node, context);
            read_annotations(facts, node, context);
            for (key, value) in entries {
                if let Some((key, key_span)) = key.scalar() {
                    if crate::secrets::is_secret_key(key)
                        && let Some((_, span)) = value.scalar()
                    {
                        facts.secrets.push(span);
                    }
                    if let Some((v, span)) = value.scalar() {
                        if super::hadoop::is_sts_endpoint_property(key) {
                            super::hadoop::push_property(facts, key, key_span, v, span, context);
                        }
                        if super::hadoop::RELEASE_LABEL_KEYS.contains(&key) {
                            super::hadoop::push_release_label(
                                facts,
                                String::new(),
                                v,
                                span,
                                context,
                            );
                        }
                    }
                    if key == "image" {
                        push_image(facts, value, context);
                        push_kube2iam(facts, node, value, context);
                    }
                    if ENV_KEYS.contains(&key)
                        || (key == "Environment" && matches!(value, Node::Seq(_)))
                    {
                        continue;
                    }
                    if holds_entries(value) {
                        let len = push_key(path, key);
                        walk(facts, value, path, context, depth + 1);
                        path.truncate(len);
                    }
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                if let Some((arg, span)) = item.scalar()
                    && let Some(value) = arg.strip_prefix(WEBHOOK_FLAG)
                {
                    let start = span.start + WEBHOOK_FLAG.len();
                    facts.push_setting(Setting {
                        name: SettingName::IrsaRegionalSts,
                        key: WEBHOOK_FLAG.trim_end_matches('=').to_owned(),
                        key_span: Span::new(span.start, start.min(span.end)),
                        value: value.to_owned(),
                        value_span: Span::new(start.min(span.end), span.end),
                        context: parent,
                    });
                }
            }
            for (i, item) in items
                .iter()
                .enumerate()
                .filter(|(_, item)| holds_entries(item))
            {
                let len = push_index(path, i);
                walk(facts, item, path, parent, depth + 1);
                path.truncate(len);
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

/// A kube2iam container (`image: jtblin/kube2iam:…`) whose `args`/`command` lack
/// `--use-regional-sts-endpoint`: kube2iam then calls the global STS endpoint whatever its region
/// (jtblin/kube2iam `main.go`, flag default `false`; README "STS regional endpoints").
fn push_kube2iam(facts: &mut FileFacts, container: &Node, image: &Node, context: ContextId) {
    let Some((reference, span)) = image.scalar() else {
        return;
    };
    let repository = reference.split(['@', ':']).next().unwrap_or(reference);
    if !(repository == "jtblin/kube2iam" || repository.ends_with("/jtblin/kube2iam")) {
        return;
    }
    let regional = ["args", "command"].iter().any(|key| {
        let Some(Node::Seq(items)) = container.get(key) else {
            return false;
        };
        items.iter().filter_map(Node::scalar).any(|(arg, _)| {
            matches!(
                arg,
                "--use-regional-sts-endpoint"
                    | "--use-regional-sts-endpoint=true"
                    | "--use-regional-sts-endpoint=1"
            )
        })
    });
    if regional {
        return;
    }
    facts.clients.push(Client {
        ecosystem: Ecosystem::Tool,
        package: crate::knowledge::tools::KUBE2IAM.to_owned(),
        version: reference.to_owned(),
        installed: Installed::Unversioned,
        span,
        origin: String::new(),
        context,
    });
}

/// A kubeconfig `exec` entry running `aws-iam-authenticator token` without `--region`: the token is
/// then signed for the STS endpoint its AWS SDK for Go v1 session picks, `legacy` by default
/// (kubernetes-sigs/aws-iam-authenticator#283: only an explicit `--region` selects the regional one).
fn push_iam_authenticator(facts: &mut FileFacts, exec: &Node, context: ContextId) {
    let Some((command, span)) = exec.get("command").and_then(Node::scalar) else {
        return;
    };
    let program = command.rsplit(['/', '\\']).next().unwrap_or(command);
    if program != "aws-iam-authenticator" && program != "aws-iam-authenticator.exe" {
        return;
    }
    let Some(Node::Seq(args)) = exec.get("args") else {
        return;
    };
    let args: Vec<&str> = args
        .iter()
        .filter_map(Node::scalar)
        .map(|(a, _)| a)
        .collect();
    let token = args.first() == Some(&"token");
    let region = args
        .iter()
        .any(|a| *a == "--region" || a.starts_with("--region="));
    if !token || region {
        return;
    }
    facts.clients.push(Client {
        ecosystem: Ecosystem::Tool,
        package: crate::knowledge::tools::AWS_IAM_AUTHENTICATOR.to_owned(),
        version: String::new(),
        installed: Installed::Unversioned,
        span,
        origin: String::new(),
        context,
    });
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

/// Regions a CI matrix deploys to: GitHub Actions `strategy: matrix: { region: [...] }` (and its
/// `include` entries), GitLab `parallel: matrix: [{ AWS_REGION: [...] }]`; any matrix key naming a
/// region. A repository-level fact, see [`crate::repo`].
fn matrix_regions(facts: &mut FileFacts, node: &Node, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                if key.scalar().is_some_and(|(k, _)| k == "matrix") {
                    matrix_entries(facts, value, 0);
                } else {
                    matrix_regions(facts, value, depth + 1);
                }
            }
        }
        Node::Seq(items) => {
            for item in items {
                matrix_regions(facts, item, depth + 1);
            }
        }
        _ => {}
    }
}

fn matrix_entries(facts: &mut FileFacts, node: &Node, depth: usize) {
    match node {
        // GitLab: a list of matrices; GitHub: `include` lists more combinations.
        Node::Seq(items) if depth < 3 => {
            for item in items {
                matrix_entries(facts, item, depth + 1);
            }
        }
        Node::Map(entries) if depth < 3 => {
            for (key, value) in entries {
                let Some((key, _)) = key.scalar() else {
                    continue;
                };
                if key.to_ascii_lowercase().contains("region") {
                    let values: Vec<&Node> = match value {
                        Node::Seq(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for (name, span) in values.into_iter().filter_map(Node::scalar) {
                        if crate::knowledge::hosts::is_region_name(name) {
                            facts.deploy_regions.push(DeployRegion {
                                name: name.to_owned(),
                                span,
                            });
                        }
                    }
                } else if key == "include" {
                    matrix_entries(facts, value, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// CloudFormation / SAM `AWS::EC2::VPCEndpoint` resources whose `ServiceName` is STS's: a literal,
/// `!Sub 'com.amazonaws.${AWS::Region}.sts'`, or `!Join ['', [com.amazonaws., !Ref AWS::Region, .sts]]`
/// (the `Fn::` long forms too). A repository-level fact, see [`crate::repo`].
fn cloudformation_vpc_endpoints(facts: &mut FileFacts, doc: &Node) {
    let Some(Node::Map(resources)) = doc.get("Resources") else {
        return;
    };
    for (id, resource) in resources {
        let Some((logical_id, span)) = id.scalar() else {
            continue;
        };
        if resource.get("Type").and_then(Node::scalar).map(|(t, _)| t)
            != Some("AWS::EC2::VPCEndpoint")
        {
            continue;
        }
        let Some(properties) = resource.get("Properties") else {
            continue;
        };
        let Some(region) = properties
            .get("ServiceName")
            .and_then(cloudformation_string)
            .and_then(|name| StsVpcEndpoint::service_region(&name))
        else {
            continue;
        };
        let private_dns = properties
            .get("PrivateDnsEnabled")
            .and_then(Node::scalar)
            .and_then(|(v, _)| match v {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            });
        let readable = logical_id.bytes().all(|b| b.is_ascii_alphanumeric());
        facts.vpc_endpoints.push(StsVpcEndpoint {
            resource: if readable { logical_id } else { "…" }.to_owned(),
            span,
            region,
            private_dns,
        });
    }
}

/// A CloudFormation string value with references kept as `${…}`: a scalar (a `!Sub` keeps its text),
/// `Fn::Sub`, or a `Join` with an empty delimiter whose non-literal parts become `${}`.
fn cloudformation_string(node: &Node) -> Option<String> {
    match node {
        Node::Scalar { value, .. } => Some(value.clone()),
        // `!Join ['', [...]]`: a sequence of the delimiter and the parts.
        Node::Seq(items) => join_parts(items),
        Node::Map(_) => {
            if let Some(sub) = node.get("Fn::Sub") {
                return match sub {
                    Node::Seq(items) => items.first().and_then(cloudformation_string),
                    other => cloudformation_string(other),
                };
            }
            match node.get("Fn::Join")? {
                Node::Seq(items) => join_parts(items),
                _ => None,
            }
        }
        Node::Other => None,
    }
}

fn join_parts(items: &[Node]) -> Option<String> {
    let [delimiter, Node::Seq(parts)] = items else {
        return None;
    };
    if !delimiter.scalar()?.0.is_empty() {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| match p {
                // `!Ref AWS::Region` reads as the pseudo parameter's name: a reference, not text.
                Node::Scalar { value, .. } if !value.contains("::") => value.clone(),
                _ => "${}".to_owned(),
            })
            .collect(),
    )
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

/// GitHub Actions: a `configure-aws-credentials` step's `aws-region` and `sts-endpoint` inputs, in a
/// context of their own. `audience` is the OIDC audience and is never read as an endpoint.
fn read_action_inputs(facts: &mut FileFacts, node: &Node, path: &str, parent: ContextId) {
    let Some((uses, _)) = node.get("uses").and_then(Node::scalar) else {
        return;
    };
    if !uses.starts_with(CONFIGURE_AWS_CREDENTIALS) {
        return;
    }
    if let Some((r#ref, span)) = node.get("uses").and_then(Node::scalar)
        && let Some(r#ref) = r#ref
            .strip_prefix(CONFIGURE_AWS_CREDENTIALS)
            .and_then(|r| r.strip_prefix('@'))
    {
        // The ref is resolved to a version once the source text is at hand (`action_versions`).
        facts.clients.push(Client {
            ecosystem: Ecosystem::Tool,
            package: CONFIGURE_AWS_CREDENTIALS.to_owned(),
            version: r#ref.to_owned(),
            installed: Installed::Pin,
            span,
            origin: String::new(),
            context: parent,
        });
    }
    let Some(with) = node.get("with") else {
        return;
    };
    let context = facts.add_context(Context {
        kind: ContextKind::YamlScope {
            path: path.to_owned(),
        },
        parent: Some(parent),
        header: None,
    });
    for (input, name) in [
        ("aws-region", SettingName::Region),
        ("sts-endpoint", SettingName::StsEndpointUrl),
    ] {
        if let Some((key, value)) = with.entry(input)
            && let (Some((_, key_span)), Some((value, value_span))) = (key.scalar(), value.scalar())
        {
            facts.push_setting(Setting {
                name,
                key: input.to_owned(),
                key_span,
                value: value.to_owned(),
                value_span,
                context,
            });
        }
    }
}

/// The released version a `uses: aws-actions/configure-aws-credentials@…` ref names: a tag `v1.1.2`, or
/// a commit SHA followed on its line by the version comment Dependabot and Renovate write
/// (`@5fd3084fc36e372ff1fff382a39b10d03659f355 # v1.1.2`). A moving tag (`@v1`, `@main`) or a bare SHA
/// names no version, and its client is dropped: nothing is claimed about it.
fn action_versions(facts: &mut FileFacts, source: &SourceFile) {
    facts.clients.retain_mut(|client| {
        if client.package != CONFIGURE_AWS_CREDENTIALS || client.ecosystem != Ecosystem::Tool {
            return true;
        }
        let r#ref = client.version.trim();
        let written = if r#ref.len() == 40 && r#ref.bytes().all(|b| b.is_ascii_hexdigit()) {
            let rest = source.text.get(client.span.end..).unwrap_or_default();
            let line = rest.split('\n').next().unwrap_or_default();
            line.trim_start_matches(['"', '\''])
                .trim_start()
                .strip_prefix('#')
                .map(str::trim)
        } else {
            Some(r#ref)
        };
        let version = written
            .and_then(|w| w.split_whitespace().next())
            .and_then(|w| w.strip_prefix('v'))
            .filter(|v| {
                v.split('.').count() == 3 && v.split('.').all(|p| p.parse::<u64>().is_ok())
            });
        match version {
            Some(v) => {
                client.version = v.to_owned();
                true
            }
            None => false,
        }
    });
}

/// CI shell steps (GitHub Actions `run:`, GitLab `script:` items): `aws … --endpoint-url …`,
/// assignments and client installs (`pip install awscli==…`), read with the shell extractor. Only one-line values written as they are parsed are
/// read, so every span points at the file's own bytes (block scalars lose their indentation).
fn read_run_steps(facts: &mut FileFacts, source: &SourceFile, doc: &Node) {
    each_entry(facts, doc, &mut |facts, key, value, path| {
        let context = || env_context(facts, path);
        match (key, value) {
            ("run", _) => {
                let context = context();
                scan_command_line(facts, source, value, context);
            }
            ("script" | "before_script" | "after_script", Node::Seq(items)) => {
                let context = context();
                for item in items {
                    scan_command_line(facts, source, item, context);
                }
            }
            ("script" | "before_script" | "after_script", _) => {
                let context = context();
                scan_command_line(facts, source, value, context);
            }
            _ => return false,
        }
        true
    });
}

/// Every mapping entry below `node`, depth-first in document order, with the path of the mapping
/// that holds it (`jobs.build.steps[2]`, as `walk` names contexts): `visit(facts, key, value, path)`
/// returns true where it has read the entry, which is then not descended into. Nesting deeper than
/// [`MAX_DEPTH`] is not visited.
fn each_entry(
    facts: &mut FileFacts,
    node: &Node,
    visit: &mut dyn FnMut(&mut FileFacts, &str, &Node, &str) -> bool,
) {
    entries_below(facts, node, &mut String::new(), 0, visit);
}

/// [`each_entry`] below the node named `path`: each child's name is written after it while the child
/// is visited and cut off again, so no name is built for a leaf, nor one string per entry.
fn entries_below(
    facts: &mut FileFacts,
    node: &Node,
    path: &mut String,
    depth: usize,
    visit: &mut dyn FnMut(&mut FileFacts, &str, &Node, &str) -> bool,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Node::Map(entries) => {
            for (key, value) in entries {
                let Some((key, _)) = key.scalar() else {
                    continue;
                };
                if !visit(facts, key, value, path) && holds_entries(value) {
                    let len = push_key(path, key);
                    entries_below(facts, value, path, depth + 1, visit);
                    path.truncate(len);
                }
            }
        }
        Node::Seq(items) => {
            for (i, item) in items
                .iter()
                .enumerate()
                .filter(|(_, item)| holds_entries(item))
            {
                let len = push_index(path, i);
                entries_below(facts, item, path, depth + 1, visit);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether a node can hold mapping entries: only these are descended into.
fn holds_entries(node: &Node) -> bool {
    matches!(node, Node::Map(_) | Node::Seq(_))
}

/// Writes the name of `key`'s value inside the mapping named `path` (`jobs.build`) into `path`, and
/// returns the length to cut it back to.
fn push_key(path: &mut String, key: &str) -> usize {
    let len = path.len();
    if len > 0 {
        path.push('.');
    }
    path.push_str(key);
    len
}

/// Writes the name of item `i` of the sequence named `path` (`steps[2]`), like [`push_key`].
fn push_index(path: &mut String, i: usize) -> usize {
    use std::fmt::Write as _;
    let len = path.len();
    let _ = write!(path, "[{i}]");
    len
}

/// AWS CodeBuild `buildspec.yml` (also `buildspec-*.yml`, `buildspec_*.yaml`): every
/// `phases.<phase>.commands` item (and `finally.commands`) is a shell command line, run with the
/// buildspec's `env.variables` (AWS CodeBuild User Guide, "Build
/// specification reference for CodeBuild", <https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html>).
fn read_buildspec_commands(facts: &mut FileFacts, source: &SourceFile, doc: &Node) {
    let name = source
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !name.starts_with("buildspec") {
        return;
    }
    let Some(Node::Map(phases)) = doc.get("phases") else {
        return;
    };
    // `env` is an env key to `walk`, which reads its entries as variables and does not descend: the
    // buildspec's variables sit one level deeper, in `env.variables`.
    let mut context = 0;
    if let Some(variables) = doc.get("env").and_then(|e| e.get("variables"))
        && holds_env(variables)
    {
        context = facts.add_context(Context {
            kind: ContextKind::YamlScope {
                path: "env.variables".into(),
            },
            parent: Some(0),
            header: None,
        });
        read_env(facts, variables, context);
    }
    for (_, phase) in phases {
        let blocks = [
            phase.get("commands"),
            phase.get("finally").and_then(|f| f.get("commands")),
        ];
        for commands in blocks.into_iter().flatten() {
            let Node::Seq(items) = commands else {
                continue;
            };
            for item in items {
                scan_command_line(facts, source, item, context);
            }
        }
    }
}

/// Ansible task modules whose argument is a command line: `shell` runs it through `/bin/sh`, `command`
/// splits it into words (no pipes or expansions, but the words are the same); the free-form argument
/// or the `cmd:` parameter (Ansible documentation, `ansible.builtin.shell` and
/// `ansible.builtin.command` module pages).
const ANSIBLE_COMMAND_MODULES: &[&str] = &[
    "ansible.builtin.command",
    "ansible.builtin.shell",
    "ansible.legacy.command",
    "ansible.legacy.shell",
    "command",
    "shell",
];

/// Ansible tasks (in a playbook, a role's `tasks/`, or handlers): each `shell:`/`command:` line is read
/// as shell in the context of the nearest `environment:` (the task's, its block's or the play's, which
/// `walk` made contexts of). Only a mapping that is a task (an item of a list)
/// counts, and only a one-line or block scalar: a Kubernetes `command: [..]` list is not Ansible. The
/// same shape is a Buildkite step's one-line `command:`.
fn read_ansible_commands(facts: &mut FileFacts, source: &SourceFile, doc: &Node) {
    each_entry(facts, doc, &mut |facts, key, value, path| {
        let task = path.ends_with(']');
        if !(task && ANSIBLE_COMMAND_MODULES.contains(&key)) {
            return false;
        }
        let line = value.get("cmd").unwrap_or(value);
        if matches!(line, Node::Scalar { .. }) {
            let context = env_context(facts, path);
            scan_command_line(facts, source, line, context);
        }
        true
    });
}

/// Shell steps of CI systems beyond GitHub Actions and GitLab, in the context of the nearest env map
/// (which `walk` made contexts of), each a step of a list:
/// - CircleCI `- run: {command: …, environment: …}` (the one-line `- run: …` is a `run:` step already);
/// - Drone and Buildkite `commands: [ … ]` (Buildkite's one-line `command: …` is read with Ansible's);
/// - Azure Pipelines `- bash: …` (its `- script: …` is GitLab's `script:` shape).
///
/// Bitbucket Pipelines `script:` lists and Azure `variables:` are the shapes read above already.
fn read_ci_step_commands(facts: &mut FileFacts, source: &SourceFile, doc: &Node) {
    each_entry(facts, doc, &mut |facts, key, value, path| {
        if !path.ends_with(']') {
            return false;
        }
        match (key, value) {
            ("run", Node::Map(_)) => {
                if let Some(command) = value.get("command") {
                    let context = {
                        let mut run = path.to_owned();
                        push_key(&mut run, key);
                        env_context(facts, &run)
                    };
                    scan_command_line(facts, source, command, context);
                }
            }
            ("commands", Node::Seq(items)) => {
                let context = env_context(facts, path);
                for item in items {
                    scan_command_line(facts, source, item, context);
                }
            }
            ("bash", Node::Scalar { .. }) => {
                let context = env_context(facts, path);
                scan_command_line(facts, source, value, context);
            }
            _ => return false,
        }
        true
    });
}

/// One YAML scalar that holds a shell command line, read with the shell reader when its spans are the
/// file's own (a plain one-line value, or the raw lines of a block scalar).
fn scan_command_line(facts: &mut FileFacts, source: &SourceFile, value: &Node, context: ContextId) {
    let Some((command, span)) = value.scalar() else {
        return;
    };
    let words = if source.text.get(span.start..span.end) == Some(command) {
        super::shell::words(command, span.start)
    } else if let Some(block) = block_scalar_region(source, span) {
        super::shell::words(&source.text[block.start..block.end], block.start)
    } else if let Some(inner) = source
        .text
        .get(span.start.saturating_sub(1)..span.end + 1)
        .filter(|raw| raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\'')))
    {
        // A quoted one-line command: its bytes inside the quotes.
        super::shell::words(&inner[1..inner.len() - 1], span.start)
    } else {
        return;
    };
    super::shell::scan_commands(facts, &source.text, &words, context);
    super::installs::scan(facts, source, &words, context, &[]);
}

/// The innermost env-map context (as `walk` named them) enclosing the mapping at `path`, so a step's
/// commands see its job's and workflow's `env`.
fn env_context(facts: &FileFacts, path: &str) -> ContextId {
    facts
        .contexts
        .iter()
        .enumerate()
        .filter_map(|(id, c)| match &c.kind {
            ContextKind::YamlScope { path: scope } => {
                let encloses = scope == "(root)"
                    || path == scope
                    || path
                        .strip_prefix(scope.as_str())
                        .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['));
                encloses.then_some((scope.len(), id))
            }
            _ => None,
        })
        .max()
        .map_or(0, |(_, id)| id)
}

/// The raw lines of a `|` / `>` block scalar whose parsed value starts at `span` (the parser marks
/// the first content character; some versions mark the indicator): the first content line and every
/// following line that is blank or indented at least as deep.
fn block_scalar_region(source: &SourceFile, span: Span) -> Option<Span> {
    let text = &source.text;
    let at = text.get(span.start..)?;
    let body_start = if at.starts_with('|') || at.starts_with('>') {
        span.start + at.find('\n')? + 1
    } else {
        // The line before the content must end in a block indicator (`|`, `>-`, `|+`, `|2`).
        let (line, _) = source.line_col(span.start);
        let start = source.line_start(line.saturating_sub(1));
        let before = text.get(..start)?.trim_end();
        let indicator =
            before.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
        if !(indicator.ends_with('|') || indicator.ends_with('>')) {
            return None;
        }
        start
    };
    let first = text
        .get(body_start..)?
        .split_inclusive('\n')
        .find(|l| !l.trim().is_empty())?;
    let indent = first.bytes().take_while(|&b| b == b' ').count();
    let mut end = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let deep = line.bytes().take_while(|&b| b == b' ').count() >= indent;
        if !line.trim().is_empty() && !deep {
            break;
        }
        end += line.len();
    }
    (end > body_start).then(|| Span::new(body_start, end))
}

/// The span widened to the quotes around it, when it has matching ones.
fn with_quotes(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).and_then(|i| bytes.get(i));
    match (before, bytes.get(span.end)) {
        (Some(&q), Some(&r)) if q == r && (q == b'"' || q == b'\'') => {
            Span::new(span.start - 1, span.end + 1)
        }
        _ => span,
    }
}

/// Kubernetes (and Helm-rendered) `metadata.annotations` with the IRSA annotation (aws/amazon-eks-pod-identity-webhook
/// `pkg/annotations.go`).
fn read_annotations(facts: &mut FileFacts, node: &Node, context: ContextId) {
    let Some(annotations) = node.get("annotations") else {
        return;
    };
    let annotation = super::terraform::IRSA_ANNOTATION;
    if let Some((key, value)) = annotations.entry(annotation)
        && let (Some((_, key_span)), Some((value, value_span))) = (key.scalar(), value.scalar())
    {
        facts.push_setting(Setting {
            name: SettingName::IrsaRegionalSts,
            key: annotation.to_owned(),
            key_span,
            value: value.to_owned(),
            value_span,
            context,
        });
    }
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
                // Kubernetes: `- name: X` / `value: Y`; CloudFormation ECS: `- Name: X` / `Value: Y`.
                let name = item.get("name").or_else(|| item.get("Name"));
                let value = item.get("value").or_else(|| item.get("Value"));
                if let (Some(name), Some(value)) = (name, value) {
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
        assert!(facts.problems.is_empty());
        assert!(facts.settings.is_empty());
    }

    #[test]
    fn a_doubled_quote_does_not_end_a_single_quoted_value() {
        let (source, facts) = facts("env:\n  AWS_REGION: 'it''s'\n  AWS_PROFILE: x\n");
        assert_eq!(spans(&source, &facts), vec!["it''s"]);
    }

    #[test]
    fn action_inputs_annotations_and_webhook_flag() {
        let text = "jobs:\n  deploy:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v6\n        with:\n          aws-region: eu-west-1\n          audience: sts.amazonaws.com\n          sts-endpoint: https://sts.amazonaws.com\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n    eks.amazonaws.com/audience: sts.amazonaws.com\n    eks.amazonaws.com/sts-regional-endpoints: \"false\"\n---\nspec:\n  containers:\n    - args: [\"--in-cluster=true\", \"--sts-regional-endpoint=false\"]\n";
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| {
                (
                    s.name,
                    s.key.as_str(),
                    &source.text[s.value_span.start..s.value_span.end],
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (SettingName::Region, "aws-region", "eu-west-1"),
                (
                    SettingName::StsEndpointUrl,
                    "sts-endpoint",
                    "https://sts.amazonaws.com"
                ),
                (
                    SettingName::IrsaRegionalSts,
                    "eks.amazonaws.com/sts-regional-endpoints",
                    "\"false\""
                ),
                (
                    SettingName::IrsaRegionalSts,
                    "--sts-regional-endpoint",
                    "false"
                ),
            ]
        );
        assert_eq!(facts.endpoints.len(), 1);
        assert_eq!(facts.region(facts.endpoints[0].context), Some("eu-west-1"));
    }

    #[test]
    fn cloudformation_environments() {
        let text = "Resources:\n  Fn:\n    Properties:\n      Environment:\n        Variables:\n          AWS_STS_REGIONAL_ENDPOINTS: legacy\n  Task:\n    Properties:\n      ContainerDefinitions:\n        - Environment:\n            - Name: AWS_ENDPOINT_URL_STS\n              Value: https://sts.amazonaws.com\n";
        let (source, facts) = facts(text);
        assert_eq!(
            spans(&source, &facts),
            vec!["legacy", "https://sts.amazonaws.com"]
        );
    }

    #[test]
    fn cloudformation_sts_vpc_endpoints() {
        let text = "Resources:\n  Sts:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.sts'\n      PrivateDnsEnabled: true\n  StsJoin:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Join ['', [com.amazonaws., !Ref 'AWS::Region', .sts]]\n  StsLong:\n    Type: 'AWS::EC2::VPCEndpoint'\n    Properties:\n      ServiceName:\n        Fn::Join: ['', ['com.amazonaws.', {Ref: 'AWS::Region'}, '.sts']]\n      PrivateDnsEnabled: false\n  Literal:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: com.amazonaws.me-south-1.sts\n  Logs:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.logs'\n  NotAnEndpoint:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Value: com.amazonaws.eu-west-1.sts\n";
        let (_, facts) = facts(text);
        let got: Vec<_> = facts
            .vpc_endpoints
            .iter()
            .map(|e| (e.resource.as_str(), e.region.as_deref(), e.private_dns))
            .collect();
        assert_eq!(
            got,
            [
                ("Sts", None, Some(true)),
                ("StsJoin", None, None),
                ("StsLong", None, Some(false)),
                ("Literal", Some("me-south-1"), None),
            ]
        );
    }

    #[test]
    fn ci_matrix_regions() {
        let text = "jobs:\n  deploy:\n    strategy:\n      matrix:\n        region: [eu-west-1, ap-east-1]\n        include:\n          - region: me-south-1\n        stage: [dev, prod]\n    steps:\n      - run: echo\ndeploy-gitlab:\n  parallel:\n    matrix:\n      - AWS_REGION: [af-south-1, '${REGION}']\n";
        let (_, facts) = facts(text);
        let names: Vec<_> = facts
            .deploy_regions
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(
            names,
            ["eu-west-1", "ap-east-1", "me-south-1", "af-south-1"]
        );
        assert!(facts.settings.is_empty(), "a matrix entry is no setting");
    }

    #[test]
    fn run_steps_are_shell() {
        let text = "jobs:\n  a:\n    steps:\n      - run: aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n      - name: multi\n        run: |\n          echo multi-line\n          aws sts get-caller-identity \\\n            --endpoint-url https://sts.amazonaws.com\n      - name: next\n        run: echo 'aws --endpoint-url https://sts.amazonaws.com'\ntest:\n  script:\n    - aws s3 ls --endpoint-url=https://sts.amazonaws.com\n";
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| &source.text[e.span.start..e.span.end])
            .collect();
        assert_eq!(got, ["https://sts.amazonaws.com"; 3]);
        // The one-line step, the `run: |` block (not the `echo`ed text) and the GitLab script item.
        let lines: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| source.line_col(e.span.start).0)
            .collect();
        assert_eq!(lines, [4, 9, 14]);
    }

    #[test]
    fn run_steps_see_their_job_env() {
        let text = "env:\n  AWS_REGION: eu-west-1\njobs:\n  hk:\n    env:\n      AWS_REGION: ap-east-1\n    steps:\n      - run: aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n  eu:\n    steps:\n      - run: aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n";
        let (_, facts) = facts(text);
        let regions: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| facts.region(e.context))
            .collect();
        assert_eq!(regions, [Some("ap-east-1"), Some("eu-west-1")]);
    }
}
#[cfg(test)]
mod buildspec_tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn buildspec_commands_see_env_variables() {
        let text = "version: 0.2\nenv:\n  variables:\n    AWS_REGION: ap-east-1\nphases:\n  build:\n    commands:\n      - aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n";
        let source = SourceFile::from_text("buildspec.yml", FileKind::Yaml, text);
        let facts = extract(&source);
        assert_eq!(facts.endpoints.len(), 1, "{:?}", facts.contexts);
        assert_eq!(facts.region(facts.endpoints[0].context), Some("ap-east-1"));
    }
}
