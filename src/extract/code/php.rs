//! Extractor for PHP source: STS host string literals, each an endpoint or an identifier by what it
//! is bound to (the shared lexer and binding analysis are in [`crate::extract::code`]).

use crate::extract::code;
use crate::extract::facts::FileFacts;
use crate::extract::syntax::lexer;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    code::extract(source, &lexer::PHP).0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn run(text: &str) -> Vec<String> {
        let source = SourceFile::from_text("src/sts.php", FileKind::Php, text);
        code::literal_uses(&source, &extract(&source))
    }

    #[test]
    fn endpoints_and_identifiers() {
        let text = r##"<?php
$client = new StsClient([
    'region' => 'us-east-1',
    'endpoint' => 'https://sts.amazonaws.com',
]);
# 'endpoint' => 'https://sts.amazonaws.com',
$audience = 'sts.amazonaws.com';
"##;
        assert_eq!(
            run(text),
            [
                "4: global endpoint via endpoint",
                "7: identifier: $audience",
            ]
        );
    }
}
