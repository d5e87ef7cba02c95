//! Extract stage, source code: one hop of same-file data flow. An endpoint literal held by a constant
//! or returned by a function is judged again where that name is used.

use super::binding::Role;
use super::names::{NameKind, name_kind};
use crate::extract::facts::{Endpoint, FileFacts, Identifier};
use crate::extract::syntax::lexer::{Lexed, TokKind};

/// How many uses of one constant or function [`follow_carriers`] reads.
const MAX_USES: usize = 16;

/// One hop of same-file data flow: an endpoint found under a neutral name (`GLOBAL = "…"`) or returned
/// by a function (`sts_endpoint()`) is judged again by where that name is used. A use bound to an
/// endpoint name (`endpoint_url=GLOBAL`, `.endpoint_url(sts_endpoint())`) names both in the message and
/// lends the use's region (its context); when no use is an endpoint and one is bound to an identifier
/// name (`audience: GLOBAL`), the literal is an identifier. Every word is indexed once and each name's
/// uses are capped, so the pass stays linear.
pub(super) fn follow_carriers(facts: &mut FileFacts, lexed: &Lexed, endpoints: &mut Vec<Endpoint>) {
    let carriers: Vec<usize> = endpoints
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            let name = e.via.trim_end_matches("()");
            !name.starts_with('"')
                && !name.starts_with("--")
                && (name_kind(name) == NameKind::Neutral || e.via.ends_with("()"))
        })
        .map(|(k, _)| k)
        .collect();
    if carriers.is_empty() {
        return;
    }
    let mut uses: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (t, tok) in lexed.toks.iter().enumerate() {
        if tok.kind == TokKind::Word {
            let list = uses.entry(tok.text.as_str()).or_default();
            if list.len() < MAX_USES + 1 {
                list.push(t);
            }
        }
    }
    let mut dropped: Vec<usize> = Vec::new();
    for k in carriers {
        let carrier = endpoints[k].via.clone();
        let name = carrier.trim_end_matches("()");
        let mut endpoint_use = None;
        let mut identifier_use = None;
        for &u in uses
            .get(name)
            .map_or(&[][..], |v| &v[..])
            .iter()
            .take(MAX_USES)
        {
            // The definition itself (`GLOBAL = "…"`, `fn sts_endpoint()`) is not a use.
            let defines = lexed.next_after(u).is_some_and(|n| {
                matches!(lexed.toks[n].text.as_str(), "=" | ":=" | ":")
                    || (lexed.toks[n].text == "(" && lexed.is_definition(u))
            });
            if defines {
                continue;
            }
            let binding = lexed.binding(u);
            if binding.role != Role::Value {
                continue;
            }
            let named = binding
                .names
                .iter()
                .filter(|n| n.text != name)
                .find(|n| name_kind(&n.text) != NameKind::Neutral);
            match named.map(|n| (name_kind(&n.text), n)) {
                Some((NameKind::Endpoint, n)) if endpoint_use.is_none() => {
                    endpoint_use = Some((n.text.clone(), u));
                }
                Some((NameKind::Identifier, n)) if identifier_use.is_none() => {
                    identifier_use = Some(n.text.clone());
                }
                _ => {}
            }
        }
        if let Some((via, u)) = endpoint_use {
            endpoints[k].via = format!("{via} = {carrier}");
            endpoints[k].context = u;
        } else if let Some(bound_to) = identifier_use {
            facts.identifiers.push(Identifier {
                host: endpoints[k].host.clone(),
                span: endpoints[k].span,
                bound_to: format!("{bound_to} (via {carrier})"),
            });
            dropped.push(k);
        }
    }
    for k in dropped.into_iter().rev() {
        endpoints.remove(k);
    }
}
