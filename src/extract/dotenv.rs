//! Extractor for dotenv files (`.env`, `.env.production`, `prod.env`).
//!
//! Hand-written: the dotenv crates load values into the process and keep no positions. The grammar
//! read here is the common one: `[export ]KEY=value`, quotes, and `#` comments (after whitespace when
//! the value is unquoted).

use super::facts::FileFacts;
use crate::source::{SourceFile, Span};

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    for (offset, line) in source.lines() {
        let trimmed = line.trim_start();
        let body = trimmed
            .strip_prefix("export ")
            .map_or(trimmed, str::trim_start);
        if body.starts_with('#') {
            continue;
        }
        let Some((key, raw_value)) = body.split_once('=') else {
            continue;
        };
        let key = key.trim_end();
        if key.is_empty() || key.contains(char::is_whitespace) {
            continue;
        }
        let key_start = offset + (line.len() - body.len());
        let value_start = key_start + (body.len() - raw_value.len());
        let (value, span) = value_of(raw_value, value_start);
        facts.push_env(
            key,
            Span::new(key_start, key_start + key.len()),
            value,
            span,
            0,
        );
    }
    facts
}

/// The value and its span (inside quotes when quoted; before an inline comment when not).
fn value_of(raw: &str, start: usize) -> (&str, Span) {
    let lead = raw.len() - raw.trim_start().len();
    let value = &raw[lead..];
    let start = start + lead;
    if let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'')
        && let Some(end) = value[1..].find(quote)
    {
        let inner = &value[1..1 + end];
        return (inner, Span::new(start + 1, start + 1 + inner.len()));
    }
    let end = value
        .find(" #")
        .or_else(|| value.find("\t#"))
        .unwrap_or(value.len());
    let inner = value[..end].trim_end();
    (inner, Span::new(start, start + inner.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn values_quotes_and_comments() {
        let text = "# c\nAWS_REGION=eu-west-1 # home\nexport AWS_STS_REGIONAL_ENDPOINTS=\"legacy\"\nAWS_ENDPOINT_URL_STS='https://sts.amazonaws.com'\nNOT A LINE\n";
        let source = SourceFile::from_text(".env", FileKind::DotEnv, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| {
                (
                    s.value.as_str(),
                    &text[s.value_span.start..s.value_span.end],
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("eu-west-1", "eu-west-1"),
                ("legacy", "legacy"),
                ("https://sts.amazonaws.com", "https://sts.amazonaws.com")
            ]
        );
        assert_eq!(facts.endpoints.len(), 1);
    }

    #[test]
    fn secrets_are_recorded() {
        let text = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI\nAWS_SESSION_TOKEN=\"abc\"\n";
        let facts = extract(&SourceFile::from_text(".env", FileKind::DotEnv, text));
        assert_eq!(facts.secrets.len(), 2);
    }
}
