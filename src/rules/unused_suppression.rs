//! STS900: an inline suppression that suppresses nothing. Reported by the suppress stage
//! (`crate::suppress`), which sees every rule's findings; the check here has no facts to read.

use super::{FixAvailability, Rule};
use crate::classify::FileKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::extract::facts::FileFacts;

pub static RULE: Rule = Rule {
    code: "STS900",
    name: "unused-suppression",
    summary: "an inline `stslint: ignore[…]` comment suppresses nothing",
    severity: Severity::Warning,
    kinds: FileKind::ALL,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS900-unused-suppression.md"),
    check,
};

/// Suppressions are matched after every rule has run, in `crate::suppress::apply`.
fn check(_facts: &FileFacts, _out: &mut Vec<Diagnostic>) {}
