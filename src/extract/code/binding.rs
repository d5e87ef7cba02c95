//! Extract stage, source code: the binding analysis. What a string literal is bound to (the key or
//! variable it is assigned to, the call it is passed to, the flag before it, a comparison), and from
//! that whether an STS host literal is an endpoint or an identifier.
//!
//! A literal is an endpoint only when its *whole* value is an STS host or URL
//! (`hosts::classify_sts_url`), so prose, the XML namespace, ARNs and `com.amazonaws.<region>.sts`
//! never reach this module; the binding then separates `endpoint_url = "https://sts.amazonaws.com"`
//! from `audience = "sts.amazonaws.com"`.

use super::names::{NameKind, name_kind, normalize};
use crate::extract::syntax::lexer::{Lexed, TokKind};
use crate::knowledge::hosts;
use crate::source::Span;

/// How many tokens a binding looks at around a literal.
pub(super) const MAX_LOOKBACK: usize = 256;

/// Punctuation that cannot end a statement.
const CONTINUES: &[&str] = &[
    "=", ":", ":=", "=>", "(", "[", "{", ",", "+", "?", "||", "&&", "??", ".",
];
const COMPARISONS: &[&str] = &[
    "==", "!=", "===", "!==", "in", "case", "when", "not", "<=", ">=",
];
/// Calls that compare or search rather than configure (normalized, suffix match).
const COMPARISON_CALLS: &[&str] = &[
    "equals",
    "equalsignorecase",
    "startswith",
    "endswith",
    "contains",
    "includes",
    "hassuffix",
    "hasprefix",
    "equalfold",
    "match",
    "search",
    "indexof",
    "assertequal",
    "assertequals",
    "asserteq",
    "assertthat",
    "tobe",
    "toequal",
    "eq",
];
const CONDITION_WORDS: &[&str] = &[
    "case", "if", "elif", "elsif", "else", "when", "while", "unless", "default", "for",
];
const BLOCK_WORDS: &[&str] = &[
    "else", "try", "do", "finally", "begin", "loop", "unsafe", "async", "then",
];
const KEYWORDS: &[&str] = &[
    "const",
    "let",
    "var",
    "val",
    "final",
    "static",
    "private",
    "public",
    "protected",
    "internal",
    "readonly",
    "export",
    "pub",
    "def",
    "global",
    "mut",
    "override",
    "lateinit",
    "private_constant",
    "self",
    "this",
    "new",
    "return",
];
const TYPES: &[&str] = &[
    "string", "String", "str", "bool", "int", "Uri", "URI", "URL",
];

/// One name a literal is bound to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    /// The bracket group (its opener's token index) whose element binds this name; `None` at top level.
    pub group: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Role {
    /// Bound to names (possibly none); the use comes from them.
    #[default]
    Value,
    /// A map key (`{"sts.amazonaws.com": …}`).
    Key,
    /// An operand of a comparison or a search (`==`, `case`, `.equals(…)`).
    Comparison(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Binding {
    pub role: Role,
    /// Innermost first: the key or variable, then the callee, then the enclosing key.
    pub names: Vec<Name>,
    /// A key or value beside the literal in its own group that names an identifier; decides only when
    /// no name does.
    pub sibling_identifier: Option<String>,
    /// The literal is assigned, returned or chosen where it stands, not passed as an argument or
    /// listed in a collection.
    pub direct: bool,
}

/// How an STS host literal is used, decided from its binding: as an endpoint or as an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiteralUse {
    /// Configures where calls go; `via` names what configured it.
    Endpoint { via: String },
    /// Names something: an audience, a client ID, an event source, a principal, a key, a comparison.
    Identifier { bound_to: String },
}

impl Lexed {
    fn is(&self, i: usize, text: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text == text)
    }

    /// Whether token `i` ends the element it is in (a `,`, a `;`, or a newline outside `(`/`[`).
    fn is_separator(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.kind {
            TokKind::Newline => {
                // A line that ends in an operator, or a next line that starts a `.call()` chain,
                // continues the statement.
                let continued = i
                    .checked_sub(1)
                    .and_then(|j| self.toks.get(j))
                    .is_some_and(|t| {
                        t.kind == TokKind::Punct && CONTINUES.contains(&t.text.as_str())
                    })
                    || self
                        .toks
                        .get(i + 1)
                        .is_some_and(|t| t.text == "." || t.text == "?.");
                !continued
                    && self.parent[i]
                        .is_none_or(|p| self.toks[p].text == "{" || self.is_declaration_block(p))
            }
            TokKind::Punct => t.text == "," || t.text == ";",
            _ => false,
        }
    }

    /// Go's `const (…)` / `var (…)`: one declaration per line, so a newline ends each.
    fn is_declaration_block(&self, open: usize) -> bool {
        self.toks[open].text == "("
            && open
                .checked_sub(1)
                .and_then(|j| self.toks.get(j))
                .is_some_and(|t| {
                    t.kind == TokKind::Word && matches!(t.text.as_str(), "const" | "var")
                })
    }

    /// The same-level tokens before `p` in its element, first to last (nested groups as their opener
    /// and closer only).
    fn element_before(&self, p: usize) -> (Vec<usize>, Option<usize>) {
        let mut out = Vec::new();
        let mut j = p;
        let floor = self.parent[p].map_or(0, |o| o + 1);
        // Bounded: a real binding sits within a few tokens; hostile one-line files must stay linear.
        let floor = floor.max(p.saturating_sub(MAX_LOOKBACK));
        let mut separator = None;
        while j > floor {
            j -= 1;
            if let Some(o) = self.opener[j] {
                out.push(j);
                j = o;
                out.push(j);
                continue;
            }
            if self.is_separator(j) {
                separator = Some(j);
                break;
            }
            out.push(j);
        }
        out.reverse();
        (out, separator)
    }

    /// The token right after `i` on the same line (after a group's closer when `i` is an opener).
    pub(super) fn next_after(&self, i: usize) -> Option<usize> {
        let i = self.closer[i].unwrap_or(i) + 1;
        (i < self.toks.len() && self.toks[i].kind != TokKind::Newline).then_some(i)
    }

    /// What the token at `i` is bound to, innermost first.
    pub fn binding(&self, i: usize) -> Binding {
        let mut binding = Binding::default();
        // A string followed by `:` or `=>` is a map key, not a value.
        if let Some(next) = self.next_after(i)
            && (self.is(next, ":") || self.is(next, "=>"))
            && self.toks[i].kind == TokKind::Str
            && self
                .element_before(i)
                .0
                .iter()
                .all(|&t| self.toks[t].kind == TokKind::Newline)
        {
            binding.role = Role::Key;
            return binding;
        }
        let mut p = i;
        for _level in 0..5 {
            let (elem, separator) = self.element_before(p);
            if let Some(next) = self.next_after(p)
                && COMPARISONS.contains(&self.toks[next].text.as_str())
                && self.toks[next].kind != TokKind::Str
            {
                binding.role = Role::Comparison(self.toks[next].text.clone());
                return binding;
            }
            // `"sts.amazonaws.com".equals(host)`: the literal is the receiver of a comparison call.
            if let Some(dot) = self.next_after(p)
                && (self.is(dot, ".") || self.is(dot, "?."))
                && let Some(call) = self.toks.get(dot + 1)
                && COMPARISON_CALLS
                    .iter()
                    .any(|c| normalize(&call.text).ends_with(c))
            {
                binding.role = Role::Comparison(call.text.clone());
                return binding;
            }
            let mut elem = &elem[..];
            if p == i {
                // Assigned, returned or chosen (`x = …`, `return …`, `cond ? … :`, a match arm),
                // rather than passed as an argument or listed in a collection.
                binding.direct = !elem.is_empty();
            }
            // `return "…"`: what is returned has no name of its own; only what follows matters.
            if let Some(k) = elem.iter().rposition(|&t| {
                self.toks[t].kind == TokKind::Word
                    && matches!(self.toks[t].text.as_str(), "return" | "yield" | "throw")
            }) {
                elem = &elem[k + 1..];
            }
            if let Some(&last) = elem.last()
                && self.toks[last].kind != TokKind::Str
                && COMPARISONS.contains(&self.toks[last].text.as_str())
            {
                binding.role = Role::Comparison(self.toks[last].text.clone());
                return binding;
            }
            if self.is(p, "(") {
                // The callee: `aws.String`, `new EndpointConfiguration`, `.endpointOverride`, and a
                // Rust macro (`assert_eq!(`).
                if let [.., word, bang] = elem
                    && self.is(*bang, "!")
                    && self.toks[*word].kind == TokKind::Word
                {
                    elem = &elem[..elem.len() - 1];
                }
                if let Some((&last, rest)) = elem.split_last()
                    && self.toks[last].kind == TokKind::Word
                {
                    let name = self.toks[last].text.clone();
                    if COMPARISON_CALLS
                        .iter()
                        .any(|c| normalize(&name).ends_with(c))
                    {
                        binding.role = Role::Comparison(name);
                        return binding;
                    }
                    binding.names.push(Name {
                        text: name,
                        span: self.toks[last].span,
                        group: self.parent[p],
                    });
                    elem = rest;
                }
            }
            if let [.., before, last] = elem
                && matches!(self.toks[*last].text.as_str(), "||" | "??" | "or" | "?:")
            {
                // `process.env.AUDIENCE || "sts.amazonaws.com"`: the fallback of a named value.
                let named = match self.opener[*before] {
                    Some(o) => (o + 1..*before).find(|&t| self.toks[t].kind == TokKind::Str),
                    None => Some(*before),
                };
                if let Some(t) =
                    named.filter(|&t| matches!(self.toks[t].kind, TokKind::Word | TokKind::Str))
                {
                    binding.names.push(Name {
                        text: self.toks[t].text.clone(),
                        span: self.toks[t].span,
                        group: self.parent[p],
                    });
                }
            }
            if let Some(mut name) = self.assigned_name(elem) {
                name.group = self.parent[p];
                binding.names.push(name);
            } else if elem.is_empty()
                && let Some(sep) = separator
                && self.is(sep, ",")
            {
                // `["--client-id-list", "sts.amazonaws.com"]`, `put("aud", "sts.amazonaws.com")`.
                let (prev, _) = self.element_before(sep);
                if let [only] = prev[..]
                    && self.toks[only].kind == TokKind::Str
                {
                    binding.names.push(Name {
                        text: self.toks[only].text.clone(),
                        span: self.toks[only].span,
                        group: self.parent[p],
                    });
                }
            }
            let Some(open) = self.parent[p] else {
                break;
            };
            if p == i && !self.is_block(open) {
                binding.sibling_identifier = self.sibling_identifier(open, i);
            }
            // `add_argument("--audience", default="sts.amazonaws.com")`: the call's flag names it.
            if self.is(open, "(")
                && let Some(flag) = (open + 1
                    ..self.closer[open]
                        .unwrap_or(self.toks.len())
                        .min(open + 1 + MAX_LOOKBACK))
                    .filter(|&t| self.parent[t] == Some(open) && t != p)
                    .find(|&t| {
                        self.toks[t].kind == TokKind::Str && self.toks[t].text.starts_with("--")
                    })
            {
                binding.names.push(Name {
                    text: self.toks[flag].text.clone(),
                    span: self.toks[flag].span,
                    group: Some(open),
                });
            }
            // A `{` after `)`, `else`, `=>` … opens a code block: the statement ends there.
            if self.is_block(open) {
                break;
            }
            p = open;
        }
        binding
    }

    /// A literal a function returns (`return "…"`, a Rust tail expression, a match arm) under no name
    /// of its own is named by the function: `fn sts_endpoint() -> &str { "sts.amazonaws.com" }` is an
    /// endpoint via `sts_endpoint()`, `def audience(): return "sts.amazonaws.com"` an identifier.
    pub(super) fn returned_by(
        &self,
        i: usize,
        binding: &Binding,
        used_as: LiteralUse,
    ) -> LiteralUse {
        let unnamed = match &used_as {
            LiteralUse::Endpoint { via } => via.starts_with('"'),
            LiteralUse::Identifier { .. } => binding.role == Role::Value && !binding.direct,
        };
        if !unnamed
            || !binding
                .names
                .iter()
                .all(|n| name_kind(&n.text) == NameKind::Neutral)
        {
            return used_as;
        }
        let (elem, _) = self.element_before(i);
        let returned = elem.iter().any(|&t| self.toks[t].text == "return")
            || elem.last().is_some_and(|&t| self.is(t, "=>"))
            || (elem.iter().all(|&t| self.toks[t].kind == TokKind::Newline) && self.is_tail(i));
        if !returned {
            return used_as;
        }
        let Some(function) = self.enclosing_function(i) else {
            return used_as;
        };
        match name_kind(&function) {
            NameKind::Identifier => LiteralUse::Identifier { bound_to: function },
            _ => LiteralUse::Endpoint {
                via: format!("{function}()"),
            },
        }
    }

    /// Whether token `i` is the last expression of a `{` block (a Rust tail expression).
    fn is_tail(&self, i: usize) -> bool {
        let Some(open) = self.parent[i] else {
            return false;
        };
        if !self.is_block(open) && !self.is_definition(open) {
            return false;
        }
        let mut j = i + 1;
        while self.toks.get(j).is_some_and(|t| t.kind == TokKind::Newline) {
            j += 1;
        }
        self.closer[open] == Some(j)
    }

    /// Whether the word at `i`, followed by `(`, is a function's name where it is defined
    /// (`fn x(`, `func x(`, `func (r T) x(`, `def x(`, `function x(`).
    pub(super) fn is_definition(&self, i: usize) -> bool {
        let (elem, _) = self.element_before(i);
        elem.iter().any(|&t| {
            self.toks[t].kind == TokKind::Word
                && matches!(
                    self.toks[t].text.as_str(),
                    "fn" | "func" | "def" | "function"
                )
        })
    }

    /// The name of the function whose body holds token `i`: the nearest enclosing `{` block opened
    /// by a definition (brace languages), else the nearest `def name` before it (Python, Ruby).
    fn enclosing_function(&self, i: usize) -> Option<String> {
        let mut g = self.parent[i];
        for _ in 0..8 {
            let Some(open) = g else {
                break;
            };
            if self.toks[open].text == "{" {
                let (elem, _) = self.element_before(open);
                if let Some(name) = elem.iter().enumerate().find_map(|(k, &t)| {
                    let tok = &self.toks[t];
                    let next = elem.get(k + 1).copied()?;
                    (tok.kind == TokKind::Word
                        && self.is(next, "(")
                        && !KEYWORDS.contains(&tok.text.as_str())
                        && !CONDITION_WORDS.contains(&tok.text.as_str())
                        && !matches!(
                            tok.text.as_str(),
                            "fn" | "func" | "function" | "switch" | "match" | "catch" | "return"
                        ))
                    .then(|| tok.text.clone())
                }) && (self.is_definition(open)
                    || elem.first().is_some_and(|&f| self.toks[f].text == name))
                {
                    return Some(name);
                }
            }
            g = self.parent[open];
        }
        // `def name(…):` / `def name` within the look-back window.
        let floor = i.saturating_sub(MAX_LOOKBACK);
        (floor..i).rev().find_map(|t| {
            (self.toks[t].kind == TokKind::Word && self.toks[t].text == "def")
                .then(|| self.toks.get(t + 1))
                .flatten()
                .filter(|n| n.kind == TokKind::Word)
                .map(|n| n.text.clone())
        })
    }

    /// Whether the `{` at `open` opens a code block (after `)`, `else`, `=>`, …) rather than a literal.
    fn is_block(&self, open: usize) -> bool {
        if self.toks[open].text != "{" {
            return false;
        }
        let (before, separator) = self.element_before(open);
        match before.last() {
            // First in its element: a literal inside a list or call (`[{ … }]`, `f({ … })`), else a
            // bare block.
            None => {
                let in_list = separator.is_some_and(|s| self.is(s, ","))
                    || self.parent[open]
                        .is_some_and(|o| matches!(self.toks[o].text.as_str(), "(" | "["));
                !in_list
            }
            Some(&b) => {
                let t = &self.toks[b];
                t.text == ")"
                    || t.text == "=>"
                    || t.text == "->"
                    || (t.kind == TokKind::Word && BLOCK_WORDS.contains(&t.text.as_str()))
            }
        }
    }

    /// A key or value directly inside `group` (other than `except`) that names an identifier:
    /// `{"AttributeKey": "EventSource", "AttributeValue": "sts.amazonaws.com"}`.
    fn sibling_identifier(&self, group: usize, except: usize) -> Option<String> {
        let end = self.closer[group]
            .unwrap_or(self.toks.len())
            .min(group + 1 + MAX_LOOKBACK);
        (group + 1..end)
            .filter(|&t| t != except && self.parent[t] == Some(group))
            // Strings only: a word in a function body (`let aud = …`) is a statement, not a sibling.
            .filter(|&t| self.toks[t].kind == TokKind::Str)
            .map(|t| &self.toks[t].text)
            .find(|text| {
                hosts::classify_sts_url(text).is_none() && name_kind(text) == NameKind::Identifier
            })
            .cloned()
    }

    /// `name =`, `name:`, `name :=`, `name =>` (skipping a ternary's `:`): the name, without its type.
    fn assigned_name(&self, elem: &[usize]) -> Option<Name> {
        let mut lhs_end = None;
        for (k, &t) in elem.iter().enumerate() {
            let tok = &self.toks[t];
            if tok.kind != TokKind::Punct || k == 0 {
                continue;
            }
            let ternary = tok.text == ":" && elem[..k].iter().any(|&x| self.is(x, "?"));
            if matches!(tok.text.as_str(), "=" | ":" | ":=" | "=>" | "+=" | "??") && !ternary {
                lhs_end = Some(k);
                break;
            }
        }
        let lhs = &elem[..lhs_end?];
        // `case "us-east-1":`, `if region == "us-east-1":` end a condition, not an assignment.
        if lhs.iter().any(|&t| {
            let tok = &self.toks[t];
            (tok.kind == TokKind::Word && CONDITION_WORDS.contains(&tok.text.as_str()))
                || (tok.kind == TokKind::Punct && COMPARISONS.contains(&tok.text.as_str()))
        }) {
            return None;
        }
        // Cut a type annotation (`audience: string`, `STS: &str`) before taking the name.
        let lhs = match lhs.iter().position(|&t| self.is(t, ":")) {
            Some(0) | None => lhs,
            Some(k) => &lhs[..k],
        };
        // The name is the last word or string key, unless it is a type after the name (Go `var x string`).
        let first = *lhs.first()?;
        let last = *lhs.last()?;
        let mut candidates: Vec<usize> = (first..=last)
            .filter(|&t| matches!(self.toks[t].kind, TokKind::Word | TokKind::Str))
            .filter(|&t| !KEYWORDS.contains(&self.toks[t].text.as_str()))
            .collect();
        if candidates.len() > 1
            && let Some(&l) = candidates.last()
            && TYPES.contains(&self.toks[l].text.as_str())
        {
            candidates.pop();
        }
        let &name = candidates.last()?;
        Some(Name {
            text: self.toks[name].text.clone(),
            span: self.toks[name].span,
            group: None,
        })
    }
}

/// Decides endpoint versus identifier: the innermost name that says either wins; a literal bound only
/// to neutral names (a constant of any name, a `return`) is an endpoint, because its whole value is one.
pub fn literal_use(binding: &Binding, literal: &str) -> LiteralUse {
    match &binding.role {
        Role::Key => {
            return LiteralUse::Identifier {
                bound_to: "map key".into(),
            };
        }
        Role::Comparison(op) => {
            return LiteralUse::Identifier {
                bound_to: op.clone(),
            };
        }
        Role::Value => {}
    }
    for name in &binding.names {
        match name_kind(&name.text) {
            NameKind::Identifier => {
                return LiteralUse::Identifier {
                    bound_to: name.text.clone(),
                };
            }
            NameKind::Endpoint => {
                return LiteralUse::Endpoint {
                    via: name.text.clone(),
                };
            }
            NameKind::Neutral => {}
        }
    }
    if let Some(sibling) = &binding.sibling_identifier {
        return LiteralUse::Identifier {
            bound_to: sibling.clone(),
        };
    }
    // A bare host handed to a function or listed in a collection under no telling name is a value
    // being talked about (`ensure_scope(…, "sts.amazonaws.com")`, a table of event sources); a URL
    // there is still a place to call (`requests.post("https://sts.amazonaws.com", …)`).
    if !binding.direct && !literal.contains("://") {
        return LiteralUse::Identifier {
            bound_to: "an argument or collection item under no endpoint name".into(),
        };
    }
    LiteralUse::Endpoint {
        via: binding
            .names
            .iter()
            // A name, not a value: `"us-east-1" => "https://sts.amazonaws.com"` is a match arm.
            .find(|n| {
                !COMPARISON_CALLS.contains(&normalize(&n.text).as_str())
                    && !n.text.is_empty()
                    && (n.text.starts_with("--")
                        || n.text
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '$'))
            })
            .map_or_else(|| format!("\"{literal}\""), |n| n.text.clone()),
    }
}
