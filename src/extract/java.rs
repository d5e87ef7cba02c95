//! Extractor for Java and Kotlin source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`super::code`]), and the deprecated SDK v1
//! STS client constructors ([`super::java_source`]).

use super::code;
use super::facts::FileFacts;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = code::extract(source, &code::C_FAMILY).0;
    facts.deprecated_sts_constructors = super::java_source::deprecated_constructors(source);
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/main/java/Sts.java", FileKind::Jvm, text);
        code::verdicts(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"class Sts {
    private static final String STS_ENDPOINT = "https://sts.amazonaws.com";
    AWSSecurityTokenService sts = AWSSecurityTokenServiceClientBuilder.standard()
        .withEndpointConfiguration(new EndpointConfiguration("sts.amazonaws.com", "us-east-1"))
        .build();
    StsClient v2 = StsClient.builder()
        .endpointOverride(URI.create("https://sts.amazonaws.com"))
        .build();
    char c = '"'; // a quote char must not open a string
    boolean global = "sts.amazonaws.com".equals(host);
    String audience = "sts.amazonaws.com";
    val stsUrl = """https://sts.amazonaws.com"""
}
"##;
        assert_eq!(
            run(text),
            [
                "2: global endpoint via STS_ENDPOINT",
                "4: global endpoint via EndpointConfiguration",
                "7: global endpoint via endpointOverride",
                "10: identifier: equals",
                "11: identifier: audience",
                "12: global endpoint via stsUrl",
            ]
        );
    }
}
