//! STS204: the account's global endpoint set to issue v1 tokens while the repository deploys to an
//! opt-in region, where those tokens are rejected.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};

pub static RULE: Rule = Rule {
    code: "STS204",
    name: "legacy-token-version",
    summary: "the global endpoint is set to issue v1 tokens while the repository deploys to an opt-in region",
    severity: Severity::Warning,
    reads: Facts::TOKEN_VERSION,
    fix: FixAvailability::Always,
    doc: include_str!("../../rules/STS204-legacy-token-version.md"),
    check,
};

fn check(input: &Input, out: &mut Vec<Diagnostic>) {
    let Some(opt_in) = input.repo.and_then(|r| r.opt_in_region()) else {
        return;
    };
    for token in input.token_versions.iter().filter(|t| t.value == "v1Token") {
        out.push(
            Diagnostic::new(
                &RULE,
                token.span,
                format!(
                    "`{}` makes the global endpoint issue version 1 session tokens, which are rejected in opt-in regions, and this repository deploys to the opt-in region `{}`",
                    token.resource, opt_in.name
                ),
                "set `global_endpoint_token_version = \"v2Token\"` (version 2 tokens are valid in every region and longer: check systems that store tokens), or make every workload in an opt-in region call its regional endpoint",
            )
            .with_context(
                opt_in.place.clone(),
                format!("the opt-in region `{}` is set here", opt_in.name),
            )
            .with_fix(Fix::unsafe_edit(Edit::replace(token.span, "v2Token"))),
        );
    }
}
