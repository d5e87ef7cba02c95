//! Extractor for Rust source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::RUST).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/sts.rs", FileKind::Rust, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"/// Talks to `sts.amazonaws.com`.
const STS: &str = "https://sts.amazonaws.com";
fn client<'a>(conf: &'a SdkConfig) -> Client {
    let c = aws_sdk_sts::config::Builder::from(conf).endpoint_url("https://sts.amazonaws.com").build();
    let raw = r#"sts.amazonaws.com"#;
    let aud = "sts.amazonaws.com";
    Client::from_conf(c)
}
fn endpoint(region: &str) -> &'static str {
    match region {
        "us-east-1" | "aws-global" => "https://sts.amazonaws.com",
        _ => "regional",
    }
}
fn check() { assert_eq!(endpoint("us-east-1"), "https://sts.amazonaws.com"); }
"##;
        assert_eq!(
            run(text),
            [
                "2: global endpoint via STS",
                "4: global endpoint via endpoint_url",
                "5: global endpoint via raw",
                "6: identifier: aud",
                "11: global endpoint via endpoint()",
                "15: identifier: assert_eq",
            ]
        );
    }
}
