//! Extractor for Terraform / OpenTofu (`.tf`): the AWS provider's `endpoints { sts = … }` and `region`,
//! the S3 backend's `sts_endpoint` / `endpoints = { sts = … }` and `region`, Vault's
//! `vault_aws_auth_backend_client` `sts_endpoint` and `sts_region`, environment maps
//! (`environment { variables = { … } }`, `env { name value }`) and the IRSA ServiceAccount annotation
//! `eks.amazonaws.com/sts-regional-endpoints` in Kubernetes resources (aws/amazon-eks-pod-identity-webhook
//! README and `pkg/annotations.go`), and the AWS
//! provider's version constraint (`required_providers`, `provider "aws" { version }`).
//!
//! Parsed with `hcl-edit`, which keeps byte spans for every node. Only literal strings count: a value
//! built from variables or interpolation is not known until plan time, so nothing is claimed about it.

use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body, Structure};

use super::facts::{
    Client, Context, ContextId, ContextKind, Ecosystem, FileFacts, Installed, Problem, Setting,
    SettingName, StsVpcEndpoint, TerraformVersion, TokenVersion,
};
use crate::source::{SourceFile, Span};

// Defined with the facts it names, so that the source-code scan need not import this extractor;
// re-exported while YAML still reads it from here.
pub use super::facts::IRSA_ANNOTATION;

pub fn extract(source: &SourceFile) -> FileFacts {
    extract_with(source, true)
}

/// [`extract`], with idle blocks blanked before parsing or not (the two must agree: tested).
fn extract_with(source: &SourceFile, blank: bool) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if nesting(&source.text) > MAX_DEPTH {
        // The parser recurses per bracket: refuse what no real configuration looks like.
        facts.problems.push(Problem {
            message: format!("Terraform nested deeper than {MAX_DEPTH} levels was not read"),
            span: Span::new(0, 0),
        });
        return facts;
    }
    // Parsing is most of a Terraform file's cost, and most of a module is resources that hold
    // nothing read here: those are blanked first ([`without_idle_blocks`]). Should the blanked text
    // not parse, the file's own text is parsed, and its error reported.
    let parsed = blank
        .then(|| without_idle_blocks(&source.text))
        .flatten()
        .and_then(|text| hcl_edit::parser::parse_body(&text).ok())
        .map_or_else(|| hcl_edit::parser::parse_body(&source.text), Ok);
    match parsed {
        Ok(body) => {
            walk_body(&mut facts, source, &body, 0, 0);
            repository_facts(&mut facts, source, &body);
        }
        Err(e) => {
            let loc = e.location();
            // The parser counts columns in characters, not bytes.
            let at = source.offset_at(loc.line().saturating_sub(1), loc.column().saturating_sub(1));
            facts.problems.push(Problem {
                message: format!("malformed Terraform: {}", e.message()),
                span: Span::new(at, at),
            });
        }
    }
    facts
}

/// `text` with every top-level `resource` and `data` block that can hold no fact read here blanked to
/// spaces, newlines kept, so every byte offset and line of the rest is where it was; `None` when no
/// block is blanked.
///
/// Only blocks laid out as `terraform fmt` writes them are blanked: the header alone on a line at
/// column 0 ending in `{`, every other line indented, the closing `}` alone at column 0, no heredoc and
/// no block comment (whose lines could be a `}` at column 0). A block can hold a fact only if its text
/// names STS (`sts`, any case: endpoints, the IRSA annotation, Vault's `sts_*`, Hadoop properties, a
/// VPC endpoint's `…sts` service), an `AWS_` environment variable, an EMR release label, a VPC endpoint
/// (whose service a data source elsewhere names), the STS token preferences resource, or a key that
/// may name a secret (whose value the extractor masks: [`crate::secrets::may_name_a_secret`]). Should a
/// layout fool this, the closing `}` of the real block is left unmatched, the blanked text does not
/// parse, and the file's own text is parsed instead. A syntax error inside a blanked block goes
/// unread (`terraform validate` reports it); the rest of the file is linted.
fn without_idle_blocks(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let line_end =
        |from: usize| memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i);
    let mut blanked: Option<Vec<u8>> = None;
    let mut at = 0;
    while at < bytes.len() {
        let end = line_end(at);
        if opens_top_level_block(&bytes[at..end])
            && let Some(close) = closing_line(bytes, end, line_end)
            && !names_anything_read(&bytes[at..close])
        {
            let out = blanked.get_or_insert_with(|| bytes.to_vec());
            for b in &mut out[at..close] {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
            at = close;
        } else {
            at = end + 1;
        }
    }
    // Whole lines of the text, each byte made an ASCII space: still UTF-8.
    blanked.map(|b| String::from_utf8(b).expect("blanking keeps UTF-8"))
}

/// `resource "aws_s3_bucket" "logs" {` or `data "…" "…" {` at column 0.
fn opens_top_level_block(line: &[u8]) -> bool {
    let line = line.trim_ascii_end();
    (line.starts_with(b"resource ") || line.starts_with(b"data ")) && line.ends_with(b"{")
}

/// The end of the `}` line that closes the block whose header line ends at `header_end`, when every
/// line between is indented (or empty).
fn closing_line(
    bytes: &[u8],
    header_end: usize,
    line_end: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut at = header_end + 1;
    while at < bytes.len() {
        let end = line_end(at);
        let line = bytes[at..end].trim_ascii_end();
        if line == b"}" {
            return Some(end);
        }
        if !line.is_empty() && !matches!(line[0], b' ' | b'\t') {
            return None;
        }
        at = end + 1;
    }
    None
}

/// Whether a block's text names anything [`without_idle_blocks`] must keep (see there), or holds a
/// heredoc or block comment.
fn names_anything_read(block: &[u8]) -> bool {
    static NEEDLES: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            let needles = ["sts", "vpc_endpoint", "security_token_service", "<<", "/*"];
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(needles.iter().chain(super::hadoop::RELEASE_LABEL_KEYS))
                .expect("static needles")
        });
    NEEDLES.is_match(block)
        || memchr::memmem::find(block, b"AWS_").is_some()
        || crate::secrets::may_name_a_secret(block)
}

/// Deeper nesting is not walked: recursion stays bounded on hostile input.
pub(crate) const MAX_DEPTH: usize = 64;

/// The deepest bracket nesting, counted without regard to strings (an over-estimate is harmless).
pub(crate) fn nesting(text: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'{' | b'[' | b'(' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn walk_body(
    facts: &mut FileFacts,
    source: &SourceFile,
    body: &Body,
    ctx: ContextId,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    for structure in body.iter() {
        match structure {
            Structure::Attribute(attr) => {
                let key = attr.key.as_str();
                walk_expr(facts, source, &attr.value, ctx, depth + 1);
                match key {
                    "region" if is_aws_block(facts, ctx) => {
                        push_string(facts, source, SettingName::Region, key, &attr.value, ctx)
                    }
                    // `aws_emr_cluster` (and any resource) `release_label = "emr-5.30.1"`.
                    key if super::hadoop::RELEASE_LABEL_KEYS.contains(&key) => {
                        if let Some((label, span)) = string_value(source, &attr.value) {
                            let origin = super::origin(source, span);
                            super::hadoop::push_release_label(facts, origin, &label, span, 0);
                        }
                    }
                    // Vault's `sts_region` is the region of its `sts_endpoint`.
                    "sts_region" if is_vault_client(facts, ctx) => {
                        push_string(facts, source, SettingName::Region, key, &attr.value, ctx)
                    }
                    "sts_endpoint" if is_aws_block(facts, ctx) => push_string(
                        facts,
                        source,
                        SettingName::StsEndpointUrl,
                        key,
                        &attr.value,
                        ctx,
                    ),
                    // Backend `endpoints = { sts = "…" }` (Terraform 1.6+).
                    "endpoints" if is_aws_block(facts, ctx) => {
                        if let Expression::Object(object) = &attr.value {
                            for (k, v) in object.iter() {
                                if object_key(k) == Some("sts") {
                                    push_string(
                                        facts,
                                        source,
                                        SettingName::StsEndpointUrl,
                                        "endpoints.sts",
                                        v.expr(),
                                        ctx,
                                    );
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Structure::Block(block) => walk_block(facts, source, block, ctx, depth + 1),
        }
    }
}

fn walk_block(
    facts: &mut FileFacts,
    source: &SourceFile,
    block: &Block,
    ctx: ContextId,
    depth: usize,
) {
    let ident = block.ident.as_str();
    let labels: Vec<&str> = block.labels.iter().map(|l| l.as_str()).collect();
    provider_versions(facts, source, ident, &labels, block);
    let aws_block = match (ident, labels.as_slice()) {
        ("provider", ["aws", ..]) => Some("provider \"aws\""),
        ("backend", ["s3", ..]) => Some("backend \"s3\""),
        // Vault's AWS auth method client: `sts_endpoint` is where Vault sends STS calls.
        ("resource", ["vault_aws_auth_backend_client", ..]) => {
            Some("resource \"vault_aws_auth_backend_client\"")
        }
        _ => None,
    };
    if let Some(name) = aws_block {
        let header = block.ident.span().map(|r| Span::new(r.start, r.end));
        let ctx = facts.add_context(Context {
            kind: ContextKind::TerraformBlock { name: name.into() },
            parent: Some(0),
            header,
        });
        walk_body(facts, source, &block.body, ctx, depth);
        return;
    }
    // Provider `endpoints { sts = "…" }`.
    if ident == "endpoints" && is_aws_block(facts, ctx) {
        for structure in block.body.iter() {
            if let Structure::Attribute(attr) = structure
                && attr.key.as_str() == "sts"
            {
                push_string(
                    facts,
                    source,
                    SettingName::StsEndpointUrl,
                    "endpoints.sts",
                    &attr.value,
                    ctx,
                );
            }
        }
        return;
    }
    // Kubernetes provider `env { name = "AWS_…" value = "…" }`.
    if ident == "env"
        && let (Some(name), Some(value)) = (
            block.body.get_attribute("name"),
            block.body.get_attribute("value"),
        )
        && let (Some((name, name_span)), Some((value, value_span))) = (
            string_ref(source, &name.value),
            string_ref(source, &value.value),
        )
    {
        facts.push_env(name, name_span, value, value_span, ctx);
        return;
    }
    walk_body(facts, source, &block.body, ctx, depth);
}

/// The Terraform AWS provider's version: `terraform { required_providers { aws = { source =
/// "hashicorp/aws", version = "~> 3.0" } } }` (any local name whose source is `hashicorp/aws`, or the
/// local name `aws` with no source, which Terraform resolves to `hashicorp/aws`), the pre-0.13 shorthand
/// `aws = "~> 3.0"`, and the deprecated `provider "aws" { version = … }`.
fn provider_versions(
    facts: &mut FileFacts,
    source: &SourceFile,
    ident: &str,
    labels: &[&str],
    block: &Block,
) {
    match (ident, labels) {
        ("terraform", []) => {
            s3_backend_core_version(facts, source, block);
            for inner in block.body.blocks() {
                if inner.ident.as_str() != "required_providers" {
                    continue;
                }
                for attr in inner.body.attributes() {
                    let local = attr.key.as_str();
                    let version = match &attr.value {
                        Expression::Object(object) => {
                            let field = |name: &str| {
                                object
                                    .iter()
                                    .find(|(k, _)| object_key(k) == Some(name))
                                    .map(|(_, v)| v.expr())
                            };
                            let from = field("source").and_then(|e| string_value(source, e));
                            let is_aws = match &from {
                                Some((src, _)) => is_aws_provider_source(src),
                                None => local == "aws",
                            };
                            if !is_aws {
                                continue;
                            }
                            field("version")
                        }
                        expr @ Expression::String(_) if local == "aws" => Some(expr),
                        _ => None,
                    };
                    if let Some(expr) = version {
                        push_provider(facts, source, expr);
                    }
                }
            }
        }
        ("provider", ["aws", ..]) => {
            if let Some(attr) = block.body.get_attribute("version") {
                push_provider(facts, source, &attr.value);
            }
        }
        _ => {}
    }
}

/// `terraform { required_version = "…" backend "s3" { role_arn = … } }`: the Terraform version matters
/// only when its S3 backend assumes a role (`role_arn`, or the 1.6+ `assume_role` block or attribute).
/// Every `required_version` is also recorded as the module's Terraform version: the backend is often
/// written in another file of the module (`backend.tf` beside `versions.tf`), and a backend whose own
/// block requires no version is recorded unversioned, for the plan to resolve from the repository
/// ([`crate::repo::resolve_terraform`]).
fn s3_backend_core_version(facts: &mut FileFacts, source: &SourceFile, block: &Block) {
    let required = block
        .body
        .get_attribute("required_version")
        .and_then(|attr| string_value(source, &attr.value));
    if let Some((version, span)) = &required {
        facts.terraform_versions.push(TerraformVersion {
            version: version.clone(),
            span: *span,
            manager: false,
        });
    }
    let backend = block.body.blocks().find(|b| {
        b.ident.as_str() == "backend" && b.labels.first().is_some_and(|l| l.as_str() == "s3")
    });
    let Some(backend) = backend else {
        return;
    };
    // Where the backend assumes its role: the span a finding points at when the version is elsewhere.
    let role = backend
        .body
        .get_attribute("role_arn")
        .or_else(|| backend.body.get_attribute("assume_role"))
        .map(|a| a.key.span())
        .or_else(|| {
            backend
                .body
                .blocks()
                .find(|inner| inner.ident.as_str() == "assume_role")
                .map(|b| b.ident.span())
        })
        .flatten();
    let Some(role) = role else {
        return;
    };
    let (version, span, installed) = match required {
        Some((version, span)) => {
            let exact = version
                .trim()
                .trim_start_matches('=')
                .trim()
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.');
            let installed = if exact {
                Installed::Pin
            } else {
                Installed::Range
            };
            (version, span, installed)
        }
        None => (
            String::new(),
            Span::new(role.start, role.end),
            Installed::Unversioned,
        ),
    };
    facts.clients.push(Client {
        ecosystem: Ecosystem::Tool,
        package: crate::knowledge::tools::TERRAFORM_CORE.to_owned(),
        version,
        installed,
        span,
        origin: super::origin(source, span),
        context: 0,
    });
}

/// `hashicorp/aws`, with or without the registry host.
pub(crate) fn is_aws_provider_source(src: &str) -> bool {
    let src = src.trim().to_ascii_lowercase();
    let src = src.strip_prefix("registry.terraform.io/").unwrap_or(&src);
    let src = src.strip_prefix("registry.opentofu.org/").unwrap_or(src);
    src == crate::knowledge::tools::TERRAFORM_AWS_PROVIDER
}

fn push_provider(facts: &mut FileFacts, source: &SourceFile, expr: &Expression) {
    let Some((version, span)) = string_value(source, expr) else {
        return;
    };
    let exact = version
        .trim()
        .trim_start_matches('=')
        .trim()
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.');
    facts.clients.push(Client {
        ecosystem: Ecosystem::Tool,
        package: crate::knowledge::tools::TERRAFORM_AWS_PROVIDER.to_owned(),
        version,
        installed: if exact {
            Installed::Pin
        } else {
            Installed::Range
        },
        span,
        origin: super::origin(source, span),
        context: 0,
    });
}

/// Objects anywhere: environment maps (`variables = { AWS_STS_REGIONAL_ENDPOINTS = "legacy" }`) and
/// Kubernetes annotations.
fn walk_expr(
    facts: &mut FileFacts,
    source: &SourceFile,
    expr: &Expression,
    ctx: ContextId,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match expr {
        Expression::Object(object) => {
            for (k, v) in object.iter() {
                let Some(key) = object_key(k) else {
                    walk_expr(facts, source, v.expr(), ctx, depth + 1);
                    continue;
                };
                if let Some((value, value_span)) = string_ref(source, v.expr()) {
                    let key_span = key_span(k).unwrap_or(value_span);
                    // EMR `configurations_json = jsonencode([{ Properties = { "fs.s3.sts.endpoint" = … } }])`.
                    if super::hadoop::is_sts_endpoint_property(key) {
                        super::hadoop::push_property(facts, key, key_span, value, value_span, ctx);
                    }
                    if key == IRSA_ANNOTATION {
                        facts.push_setting(Setting {
                            name: SettingName::IrsaRegionalSts,
                            key: key.to_owned(),
                            key_span,
                            value: value.to_owned(),
                            value_span,
                            context: ctx,
                        });
                    }
                    facts.push_env(key, key_span, value, value_span, ctx);
                } else {
                    walk_expr(facts, source, v.expr(), ctx, depth + 1);
                }
            }
        }
        Expression::Array(array) => {
            for item in array.iter() {
                walk_expr(facts, source, item, ctx, depth + 1);
            }
        }
        Expression::FuncCall(call) => {
            for arg in call.args.iter() {
                walk_expr(facts, source, arg, ctx, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_vault_client(facts: &FileFacts, ctx: ContextId) -> bool {
    matches!(&facts.contexts[ctx].kind, ContextKind::TerraformBlock { name } if name.contains("vault_aws_auth_backend_client"))
}

/// Repository-level facts, from top-level blocks (where Terraform declares resources, data sources
/// and modules): STS interface VPC endpoints and the account's global-endpoint token version.
///
/// An endpoint is STS's when its `service_name` is `com.amazonaws.<region>.sts` (a literal, a template
/// or `format()`), names a `data "aws_vpc_endpoint_service"` of this file with `service = "sts"`, or is
/// the `sts` entry of the `terraform-aws-modules/vpc` `vpc-endpoints` module (`service = "sts"`).
fn repository_facts(facts: &mut FileFacts, source: &SourceFile, body: &Body) {
    let blocks = || body.iter().filter_map(|s| s.as_block());
    let sts_services: Vec<&str> = blocks()
        .filter_map(|b| match block_labels(b).as_slice() {
            ["aws_vpc_endpoint_service", name] if b.ident.as_str() == "data" => {
                let service = b.body.get_attribute("service")?;
                matches!(&service.value, Expression::String(s) if s.value() == "sts")
                    .then_some(*name)
            }
            _ => None,
        })
        .collect();
    for block in blocks() {
        let Some(header) = block.ident.span().map(|r| Span::new(r.start, r.end)) else {
            continue;
        };
        match (block.ident.as_str(), block_labels(block).as_slice()) {
            ("resource", ["aws_vpc_endpoint", name]) => {
                let Some(service) = block.body.get_attribute("service_name") else {
                    continue;
                };
                let region = match service_name(source, &service.value) {
                    Some(name) => StsVpcEndpoint::service_region(&name),
                    None => {
                        names_sts_service(source, &service.value, &sts_services).then_some(None)
                    }
                };
                if let Some(region) = region {
                    facts.vpc_endpoints.push(StsVpcEndpoint {
                        resource: format!("aws_vpc_endpoint.{}", identifier(name)),
                        span: header,
                        region,
                        private_dns: literal_bool(block.body.get_attribute("private_dns_enabled")),
                    });
                }
            }
            ("resource", ["aws_iam_security_token_service_preferences", name]) => {
                if let Some(attr) = block.body.get_attribute("global_endpoint_token_version")
                    && let Some((value, span)) = string_value(source, &attr.value)
                {
                    facts.token_versions.push(TokenVersion {
                        resource: format!(
                            "aws_iam_security_token_service_preferences.{}",
                            identifier(name)
                        ),
                        value,
                        span,
                    });
                }
            }
            ("module", [name]) => module_endpoints(facts, block, name, header),
            _ => {}
        }
    }
    // An interpolated service name's region is the one the file's providers name.
    facts.give_vpc_endpoints_the_one_region(|facts, s| {
        matches!(&facts.contexts[s.context].kind, ContextKind::TerraformBlock { name } if name.starts_with("provider"))
    });
}

fn block_labels(block: &Block) -> Vec<&str> {
    block.labels.iter().map(|l| l.as_str()).collect()
}

fn literal_bool(attr: Option<&hcl_edit::structure::Attribute>) -> Option<bool> {
    match &attr?.value {
        Expression::Bool(b) => Some(*b.value()),
        _ => None,
    }
}

/// `data.aws_vpc_endpoint_service.<name>.service_name` for a data source of this file that looks up
/// `sts`.
fn names_sts_service(source: &SourceFile, expr: &Expression, sts_services: &[&str]) -> bool {
    let Some(raw) = expr.span().and_then(|r| source.text.get(r)) else {
        return false;
    };
    raw.trim()
        .strip_prefix("data.aws_vpc_endpoint_service.")
        .and_then(|rest| rest.strip_suffix(".service_name"))
        .is_some_and(|name| sts_services.contains(&name))
}

/// The `sts` entry of the community `vpc-endpoints` module
/// (terraform-aws-modules/terraform-aws-vpc, `modules/vpc-endpoints`): `endpoints = { sts = {
/// service = "sts", private_dns_enabled = true } }`.
fn module_endpoints(facts: &mut FileFacts, block: &Block, name: &str, header: Span) {
    let from_module = block
        .body
        .get_attribute("source")
        .is_some_and(|s| matches!(&s.value, Expression::String(v) if v.value().contains("modules/vpc-endpoints")));
    let Some(Expression::Object(endpoints)) = from_module
        .then(|| block.body.get_attribute("endpoints"))
        .flatten()
        .map(|a| &a.value)
    else {
        return;
    };
    for (key, value) in endpoints.iter() {
        let Expression::Object(entry) = value.expr() else {
            continue;
        };
        let field = |wanted: &str| {
            entry
                .iter()
                .find(|(k, _)| object_key(k) == Some(wanted))
                .map(|(_, v)| v.expr())
        };
        if !matches!(field("service"), Some(Expression::String(s)) if s.value() == "sts") {
            continue;
        }
        let key = object_key(key).unwrap_or_default();
        facts.vpc_endpoints.push(StsVpcEndpoint {
            resource: format!("module.{}.endpoints.{}", identifier(name), identifier(key)),
            span: header,
            region: None,
            private_dns: match field("private_dns_enabled") {
                Some(Expression::Bool(b)) => Some(*b.value()),
                _ => None,
            },
        });
    }
}

/// A resource label as shown in messages: Terraform identifiers only, anything else elided, so no byte
/// of an odd label reaches the output.
fn identifier(label: &str) -> &str {
    let ok = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if ok { label } else { "…" }
}

/// An endpoint `service_name` as a string with its interpolations kept as `${…}`: a literal, a
/// template (`"com.amazonaws.${var.region}.sts"`) or `format("com.amazonaws.%s.sts", var.region)`.
fn service_name(source: &SourceFile, expr: &Expression) -> Option<String> {
    match expr {
        Expression::String(s) => Some(s.value().clone()),
        Expression::StringTemplate(t) => {
            let raw = source.text.get(t.span()?)?;
            Some(raw.trim_matches('"').to_owned())
        }
        Expression::FuncCall(call) if call.name.name.as_str() == "format" => {
            match call.args.iter().next()? {
                Expression::String(s) => Some(s.value().replace("%s", "${}")),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_aws_block(facts: &FileFacts, ctx: ContextId) -> bool {
    matches!(facts.contexts[ctx].kind, ContextKind::TerraformBlock { .. })
}

fn object_key(key: &ObjectKey) -> Option<&str> {
    match key {
        ObjectKey::Ident(ident) => Some(ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => Some(s.value().as_str()),
        _ => None,
    }
}

fn key_span(key: &ObjectKey) -> Option<Span> {
    let range = match key {
        ObjectKey::Ident(ident) => ident.span(),
        ObjectKey::Expression(e) => e.span(),
    }?;
    Some(Span::new(range.start, range.end))
}

/// A literal string and the span inside its quotes; `None` for anything computed.
fn string_value(source: &SourceFile, expr: &Expression) -> Option<(String, Span)> {
    string_ref(source, expr).map(|(value, span)| (value.to_owned(), span))
}

/// [`string_value`], borrowed: most strings of a file are looked at and dropped.
fn string_ref<'a>(source: &SourceFile, expr: &'a Expression) -> Option<(&'a str, Span)> {
    let Expression::String(s) = expr else {
        return None;
    };
    let range = s.span()?;
    let raw = source.text.get(range.clone())?;
    let span = if raw.len() >= 2 && raw.starts_with('"') && raw.ends_with('"') {
        Span::new(range.start + 1, range.end - 1)
    } else {
        Span::new(range.start, range.end)
    };
    Some((s.value().as_str(), span))
}

fn push_string(
    facts: &mut FileFacts,
    source: &SourceFile,
    name: SettingName,
    key: &str,
    expr: &Expression,
    ctx: ContextId,
) {
    if let Some((value, value_span)) = string_value(source, expr) {
        facts.push_setting(Setting {
            name,
            key: key.to_owned(),
            key_span: value_span,
            value,
            value_span,
            context: ctx,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::knowledge::hosts::Host;

    /// Every Terraform file of the tests, and modules as `terraform fmt` lays them out, give the same
    /// facts with idle blocks blanked as without.
    #[test]
    fn blanking_idle_blocks_changes_no_fact() {
        let mut texts: Vec<(String, String)> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "tf") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                texts.push((entry.path().display().to_string(), text));
            }
        }
        assert!(texts.len() > 50, "{} files", texts.len());
        texts.push(("idle".into(), IDLE.into()));
        let mut blanked = Vec::new();
        for (name, text) in &texts {
            let source = SourceFile::from_text("main.tf", FileKind::Terraform, text);
            assert_eq!(
                format!("{:?}", extract_with(&source, true)),
                format!("{:?}", extract_with(&source, false)),
                "{name}"
            );
            if without_idle_blocks(text).is_some() {
                blanked.push(name.replace('\\', "/"));
            }
        }
        // Blocks were blanked where the corpus has them: the comparison above compared something.
        for name in [
            "corpus/infra/legacy-vpc/main.tf",
            "corpus/infra/dns/main.tf",
            "idle",
        ] {
            assert!(
                blanked.iter().any(|b| b.ends_with(name)),
                "{name}: {blanked:?}"
            );
        }
    }

    const IDLE: &str = r#"terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
  endpoints {
    sts = "https://sts.amazonaws.com"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  tags = {
    Name = "logs — ünïcode"
  }
}

resource "aws_iam_role" "ci" {
  assume_role_policy = <<EOF
{
  "Statement": []
}
EOF
}

resource "aws_lambda_function" "f" {
  environment {
    variables = { AWS_STS_REGIONAL_ENDPOINTS = "legacy" }
  }
}

data "aws_caller_identity" "me" {}

resource "aws_vpc_endpoint" "x" {
  service_name = data.aws_vpc_endpoint_service.this.service_name
}

data "aws_vpc_endpoint_service" "this" {
  service = "sts"
}

resource "kubernetes_secret" "db" {
  data = {
    DB_PASSWORD = "hunter2"
  }
}
"#;

    #[test]
    fn idle_blocks_are_blanked_in_place() {
        let blanked = without_idle_blocks(IDLE).unwrap();
        assert_eq!(blanked.len(), IDLE.len());
        let lines = |t: &str| t.match_indices('\n').map(|(i, _)| i).collect::<Vec<_>>();
        assert_eq!(lines(&blanked), lines(IDLE));
        // The bucket goes; the heredoc, the environment, the endpoint and its data source, and the
        // secret (whose value the extractor masks) stay (and `data … {}` on one line is no block
        // layout this reads).
        assert!(!blanked.contains("aws_s3_bucket") && !blanked.contains("ünïcode"));
        for kept in [
            "<<EOF",
            "AWS_STS_REGIONAL_ENDPOINTS",
            "aws_vpc_endpoint\" \"x\"",
            "service = \"sts\"",
            "aws_caller_identity",
            "endpoints {",
            "DB_PASSWORD",
        ] {
            assert!(blanked.contains(kept), "{kept}");
        }
        // A block whose lines are not laid out as `terraform fmt` writes them is kept.
        let odd = "resource \"a\" \"b\" {\nx = 1\n}\n";
        assert_eq!(without_idle_blocks(odd), None);
        let unclosed = "resource \"a\" \"b\" {\n  x = 1\n";
        assert_eq!(without_idle_blocks(unclosed), None);
        // A syntax error is reported where a fact could be; inside an idle block it goes unread, and
        // the rest of the file is linted.
        let relevant = "provider \"aws\" {\n  region = = \"x\"\n}\n";
        assert_eq!(facts(relevant).1.problems.len(), 1);
        let idle = "resource \"a\" \"b\" {\n  x = = 1\n}\n\nprovider \"aws\" {\n  region = \"eu-west-1\"\n}\n";
        let (_, read) = facts(idle);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.settings.len(), 1);
    }

    fn facts(text: &str) -> (SourceFile, FileFacts) {
        let source = SourceFile::from_text("main.tf", FileKind::Terraform, text);
        let facts = extract(&source);
        (source, facts)
    }

    #[test]
    fn provider_endpoints_and_region() {
        let text = r#"provider "aws" {
  region = "af-south-1"
  endpoints {
    sts = "https://sts.amazonaws.com"
    s3  = "https://s3.af-south-1.amazonaws.com"
  }
}

terraform {
  backend "s3" {
    bucket       = "state"
    region       = "eu-west-1"
    sts_endpoint = "https://sts.eu-west-1.amazonaws.com"
    endpoints = {
      sts = "sts.amazonaws.com"
    }
  }
}

# ok: the OIDC audience in a trust policy is no endpoint
data "aws_iam_policy_document" "trust" {
  statement {
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_openid_connect_provider" "github" {
  client_id_list = ["sts.amazonaws.com"]
}
"#;
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| {
                (
                    e.via.as_str(),
                    &source.text[e.span.start..e.span.end],
                    facts.region(e.context),
                    e.host == Host::Global,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "endpoints.sts",
                    "https://sts.amazonaws.com",
                    Some("af-south-1"),
                    true
                ),
                (
                    "sts_endpoint",
                    "https://sts.eu-west-1.amazonaws.com",
                    Some("eu-west-1"),
                    false
                ),
                (
                    "endpoints.sts",
                    "sts.amazonaws.com",
                    Some("eu-west-1"),
                    true
                ),
            ]
        );
        assert!(facts.problems.is_empty());
    }

    #[test]
    fn env_maps_annotations_and_bad_input() {
        let text = r#"resource "aws_lambda_function" "f" {
  environment {
    variables = {
      AWS_STS_REGIONAL_ENDPOINTS = "legacy"
    }
  }
}
resource "kubernetes_service_account" "sa" {
  metadata {
    annotations = {
      "eks.amazonaws.com/sts-regional-endpoints" = "false"
      "eks.amazonaws.com/audience"               = "sts.amazonaws.com"
    }
  }
}
"#;
        let (_, facts) = facts(text);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| (s.name, s.value.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (SettingName::StsRegionalEndpoints, "legacy"),
                (SettingName::IrsaRegionalSts, "false"),
            ]
        );
        assert!(facts.endpoints.is_empty());
        let (_, bad) = self::facts("provider \"aws\" {\n  endpoints { sts = \n");
        assert_eq!(bad.problems.len(), 1);
        let (_, deep) = self::facts(&format!("x = {}{}", "[".repeat(50_000), "]".repeat(50_000)));
        assert_eq!(deep.problems.len(), 1);
    }

    #[test]
    fn sts_vpc_endpoints_and_token_versions() {
        let text = r#"provider "aws" {
  region = "ap-east-1"
}
resource "aws_vpc_endpoint" "sts" {
  service_name        = "com.amazonaws.${data.aws_region.current.name}.sts"
  private_dns_enabled = true
}
resource "aws_vpc_endpoint" "sts_dr" {
  service_name = "com.amazonaws.eu-west-1.sts"
}
resource "aws_vpc_endpoint" "fmt" {
  service_name        = format("com.amazonaws.%s.sts", var.region)
  private_dns_enabled = var.private_dns
}
# ok: other services, and a name built from parts not known to be STS
resource "aws_vpc_endpoint" "s3" {
  service_name = "com.amazonaws.${var.region}.s3"
}
resource "aws_vpc_endpoint" "any" {
  service_name = var.service
}
data "aws_vpc_endpoint_service" "sts" {
  service = "sts"
}
resource "aws_vpc_endpoint" "looked_up" {
  service_name = data.aws_vpc_endpoint_service.sts.service_name
}
module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  endpoints = {
    s3  = { service = "s3" }
    sts = {
      service             = "sts"
      private_dns_enabled = true
    }
  }
}
resource "aws_iam_security_token_service_preferences" "account" {
  global_endpoint_token_version = "v2Token"
}
resource "aws_iam_security_token_service_preferences" "computed" {
  global_endpoint_token_version = var.version
}
"#;
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .vpc_endpoints
            .iter()
            .map(|e| {
                (
                    e.resource.as_str(),
                    source.line_col(e.span.start).0,
                    e.region.as_deref(),
                    e.private_dns,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("aws_vpc_endpoint.sts", 4, Some("ap-east-1"), Some(true)),
                ("aws_vpc_endpoint.sts_dr", 8, Some("eu-west-1"), None),
                ("aws_vpc_endpoint.fmt", 11, Some("ap-east-1"), None),
                ("aws_vpc_endpoint.looked_up", 25, Some("ap-east-1"), None),
                (
                    "module.endpoints.endpoints.sts",
                    28,
                    Some("ap-east-1"),
                    Some(true)
                ),
            ]
        );
        let tokens: Vec<_> = facts
            .token_versions
            .iter()
            .map(|t| (t.resource.as_str(), &source.text[t.span.start..t.span.end]))
            .collect();
        assert_eq!(
            tokens,
            [(
                "aws_iam_security_token_service_preferences.account",
                "v2Token"
            )]
        );
        // Two provider regions: an interpolated service name's region is not known.
        let (_, two) = self::facts(
            "provider \"aws\" {\n  region = \"eu-west-1\"\n}\nprovider \"aws\" {\n  alias  = \"us\"\n  region = \"us-east-1\"\n}\nresource \"aws_vpc_endpoint\" \"sts\" {\n  service_name = \"com.amazonaws.${var.region}.sts\"\n}\n",
        );
        assert_eq!(two.vpc_endpoints[0].region, None);
    }
}

#[cfg(test)]
mod backend_tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn a_backend_without_its_version_is_recorded_unversioned_and_required_version_as_the_module_s()
    {
        let text = "terraform {\n  backend \"s3\" {\n    bucket   = \"b\"\n    role_arn = \"arn:aws:iam::1:role/r\"\n  }\n}\nterraform {\n  required_version = \"~> 1.5.0\"\n}\n";
        let source = SourceFile::from_text("main.tf", FileKind::Terraform, text);
        let facts = extract(&source);
        let core: Vec<_> = facts
            .clients
            .iter()
            .filter(|c| c.package == crate::knowledge::tools::TERRAFORM_CORE)
            .map(|c| (&text[c.span.start..c.span.end], c.installed.clone()))
            .collect();
        assert_eq!(core, vec![("role_arn", Installed::Unversioned)]);
        let versions: Vec<_> = facts
            .terraform_versions
            .iter()
            .map(|t| (&text[t.span.start..t.span.end], t.manager))
            .collect();
        assert_eq!(versions, vec![("~> 1.5.0", false)]);
    }
}
