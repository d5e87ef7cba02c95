//! STS103: Java SDK v1 code that builds an STS client with the deprecated constructors.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "STS103",
    name: "sts-client-ignores-setting",
    summary: "a Java SDK v1 STS client built with a constructor that ignores the regional setting",
    severity: Severity::Warning,
    reads: Facts::DEPRECATED_CONSTRUCTORS,
    fix: FixAvailability::None,
    doc: include_str!("../../rules/STS103-sts-client-ignores-setting.md"),
    check,
};

fn check(facts: &Input, out: &mut Vec<Diagnostic>) {
    for span in &facts.deprecated_sts_constructors {
        out.push(Diagnostic::new(
            &RULE,
            *span,
            "`new AWSSecurityTokenServiceClient(…)` ignores `AWS_STS_REGIONAL_ENDPOINTS` and `sts_regional_endpoints`: unless given an endpoint, it calls the global endpoint `sts.amazonaws.com`",
            "build the client with `AWSSecurityTokenServiceClientBuilder.standard().withRegion(…).build()`, which honours the regional setting",
        ));
    }
}
