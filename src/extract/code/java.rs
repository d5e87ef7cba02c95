//! Extractor for Java and Kotlin source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]), and the deprecated SDK v1
//! STS client constructors ([`super::java_source`]).

use crate::extract::code;
use crate::extract::facts::{Client, Ecosystem, FileFacts, Installed};
use crate::extract::syntax::lexer;
use crate::source::{SourceFile, Span};

/// Imports of the SDK for Java 1.x STS client: its package, and the `STS*` credential providers of
/// `com.amazonaws.auth` (`STSAssumeRoleSessionCredentialsProvider`, …), all in the `aws-java-sdk-sts`
/// module (aws/aws-sdk-java `aws-java-sdk-sts/src/main/java/com/amazonaws/{services/securitytoken,auth}/`).
const STS_IMPORTS: &[&str] = &[
    "com.amazonaws.services.securitytoken.",
    "com.amazonaws.auth.STS",
];

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = code::extract(source, &lexer::C_FAMILY).0;
    facts.deprecated_sts_constructors = super::java_source::deprecated_constructors(source);
    if let Some(span) = sts_import(source) {
        facts.clients.push(Client {
            ecosystem: Ecosystem::Maven,
            package: crate::knowledge::clients::JAVA_V1_STS.to_owned(),
            version: String::new(),
            installed: Installed::SourceImport,
            span,
            origin: crate::extract::origin(source, span),
            context: 0,
        });
    }
    facts
}

/// The first `import` of the SDK v1 STS client (Java `import …;` or Kotlin `import …`): the span of
/// the imported name. One per file: every later import says the same.
fn sts_import(source: &SourceFile) -> Option<Span> {
    if !crate::extract::mentions_any(&source.text, &["com.amazonaws."]) {
        return None;
    }
    source.lines().find_map(|(offset, line)| {
        let indent = line.len() - line.trim_start().len();
        let rest = line[indent..].strip_prefix("import")?;
        let name = rest.trim_start();
        let start = offset + (line.len() - name.len());
        let name = name
            .split(|c: char| c.is_whitespace() || c == ';')
            .next()
            .unwrap_or("");
        (rest.starts_with(char::is_whitespace) && STS_IMPORTS.iter().any(|p| name.starts_with(p)))
            .then(|| Span::new(start, start + name.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/main/java/Sts.java", FileKind::Jvm, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn sts_client_imports_are_clients() {
        let source = |text: &str| SourceFile::from_text("A.java", FileKind::Jvm, text);
        let found = |text: &str| {
            extract(&source(text))
                .clients
                .iter()
                .map(|c| (c.package.clone(), c.origin.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found(
                "package a;\nimport com.amazonaws.services.s3.AmazonS3;\nimport com.amazonaws.services.securitytoken.AWSSecurityTokenService;\nimport com.amazonaws.auth.STSAssumeRoleSessionCredentialsProvider;\n"
            ),
            [(
                "com.amazonaws:aws-java-sdk-sts".to_owned(),
                "A.java:3".to_owned()
            )]
        );
        assert_eq!(
            found("import com.amazonaws.auth.STSSessionCredentialsProvider\n").len(),
            1
        );
        // S3 alone, v2's STS client and a comment are not the v1 STS client.
        assert!(found("import com.amazonaws.services.s3.AmazonS3;\nimport software.amazon.awssdk.services.sts.StsClient;\n// import com.amazonaws.services.securitytoken.X;\nimport com.amazonaws.auth.AWSCredentials;\n").is_empty());
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
