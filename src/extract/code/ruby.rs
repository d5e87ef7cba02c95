//! Extractor for Ruby source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::RUBY).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("lib/sts.rb", FileKind::Ruby, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"=begin
Aws::STS::Client.new(endpoint: "https://sts.amazonaws.com")
=end
client = Aws::STS::Client.new(region: "eu-south-1", endpoint: "https://sts.amazonaws.com")
STS_HOST = "sts.amazonaws.com".freeze
claims = { :aud => "sts.amazonaws.com", "iss" => issuer }
case host
when "sts.amazonaws.com" then :global
end
"##;
        assert_eq!(
            run(text),
            [
                "4: global endpoint via endpoint",
                "5: global endpoint via STS_HOST",
                "6: identifier: aud",
                "8: identifier: when",
            ]
        );
    }
}
