//! STS103: Java SDK v1 code that builds an STS client with the deprecated constructors and never gives
//! it a region or endpoint.
//!
//! `AWSSecurityTokenServiceClient`'s `init()` sets `sts.amazonaws.com`; its `setRegion` override maps
//! the region through `RegionalEndpointsOptionResolver` (aws/aws-sdk-java
//! `aws-java-sdk-sts/src/main/java/com/amazonaws/services/securitytoken/AWSSecurityTokenServiceClient.java`).
//! So the extractor records only constructor calls after which no `setRegion`/`withRegion`/`setEndpoint`
//! follows on the same variable in the same scope.

use super::{Facts, FixAvailability, Input, Rule};
use crate::diagnostic::{Diagnostic, Severity};

pub static RULE: Rule = Rule {
    code: "STS103",
    name: "sts-client-ignores-setting",
    summary: "a Java SDK v1 STS client built with a deprecated constructor and never given a region",
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
            "`new AWSSecurityTokenServiceClient(…)` starts on the global endpoint `sts.amazonaws.com`, and no `setRegion`, `withRegion` or `setEndpoint` follows on it here: it stays there whatever `AWS_STS_REGIONAL_ENDPOINTS` or `sts_regional_endpoints` says",
            "call `setRegion(…)` on the client (it then honours the regional setting), or build it with `AWSSecurityTokenServiceClientBuilder.standard().withRegion(…).build()`",
        ));
    }
}
