//! STS900: an inline suppression that suppresses nothing. Reported by the suppress stage
//! (`crate::suppress`), which sees every rule's findings; the check here has no facts to read.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "STS900",
    name: "unused-suppression",
    summary: "an inline `stslint: ignore[…]` comment suppresses nothing",
    severity: Severity::Warning,
    reads: Facts::SUPPRESSIONS,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS900-unused-suppression.md"),
    check,
};

/// Suppressions are matched after every rule has run, in `crate::suppress::apply`.
fn check(_facts: &Input, _out: &mut Vec<Diagnostic>) {}
