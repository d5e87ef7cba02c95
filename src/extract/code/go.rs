//! Extractor for Go source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::GO).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("cmd/main.go", FileKind::Go, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"package main
// Endpoint: aws.String("sts.amazonaws.com") in a comment
var cfg = &aws.Config{
	Region:   aws.String("us-east-1"),
	Endpoint: aws.String("sts.amazonaws.com"),
}
const stsHost string = `sts.amazonaws.com`
func endpoint(region string) string {
	switch region {
	case "us-east-1":
		return "https://sts.amazonaws.com"
	}
	if host == "sts.amazonaws.com" {
		return ""
	}
	if strings.HasSuffix(u.Host, "sts.amazonaws.com") {
		return ""
	}
	tok, err := gen.GetToken(ctx, &token.Options{Audience: "sts.amazonaws.com"})
	return fmt.Sprintf("https://sts.%s.amazonaws.com", region)
}
"##;
        assert_eq!(
            run(text),
            [
                "5: global endpoint via Endpoint",
                "7: global endpoint via stsHost",
                "11: global endpoint via endpoint()",
                "13: identifier: ==",
                "16: identifier: HasSuffix",
                "19: identifier: Audience",
            ]
        );
    }
}
