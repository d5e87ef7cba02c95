//! Extractor for C# source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::C_FAMILY).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/Sts.cs", FileKind::CSharp, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"var config = new AmazonSecurityTokenServiceConfig
{
    ServiceURL = "https://sts.amazonaws.com",
};
var verbatim = @"sts.amazonaws.com";
var provider = new CfnOIDCProvider(this, "Gh", new CfnOIDCProviderProps { ClientIdList = new[] { "sts.amazonaws.com" } });
if (evt.EventSource == "sts.amazonaws.com") { }
"##;
        assert_eq!(
            run(text),
            [
                "3: global endpoint via ServiceURL",
                "5: global endpoint via verbatim",
                "6: identifier: ClientIdList",
                "7: identifier: ==",
            ]
        );
    }
}
