//! Extractor for pip requirement and constraint files: one PEP 508 requirement per line.
//!
//! The line grammar (options, comments, `\` continuations, `--hash` lines) is pip's own and has no
//! crate; the requirement itself is split here only into name, extras and specifier with byte spans,
//! and the specifier is left to `pep440_rs` when it is judged (see `knowledge::versions`).

use super::facts::{Client, ContextId, Ecosystem, FileFacts, Installed};
use crate::source::{SourceFile, Span};

/// The PyPI packages stslint judges; names are compared after PEP 503 normalisation.
/// `boto` is boto 2, judged by [`crate::knowledge::tools`]: it never reads the regional setting.
pub(crate) const PYTHON_CLIENTS: &[&str] = &["awscli", "boto", "boto3", "botocore"];

/// A PEP 508 requirement split into the parts a client fact needs, spans relative to the input.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Requirement {
    /// PEP 503-normalised name (`Boto3` and `boto_3` compare as written by pip).
    pub name: String,
    pub name_span: Span,
    /// The version specifier without surrounding spaces or parentheses; empty when there is none.
    pub specifier: String,
    pub specifier_span: Span,
}

/// Splits `name[extras] (specifier) ; marker` (also `name @ url`, which has no version and is skipped).
pub(crate) fn parse_requirement(text: &str) -> Option<Requirement> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let name_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        .count();
    if name_len == 0 {
        return None;
    }
    let name = normalise(&rest[..name_len]);
    let mut at = start + name_len;
    let after = &text[at..];
    let trimmed = after.trim_start();
    at += after.len() - trimmed.len();
    if trimmed.starts_with('[') {
        at += trimmed.find(']')? + 1;
    }
    let tail = &text[at..];
    if tail.trim_start().starts_with('@') {
        return None;
    }
    let end = tail.find(';').unwrap_or(tail.len());
    let spec = &tail[..end];
    let lead = spec.len() - spec.trim_start().len();
    let mut s = at + lead;
    // From the trimmed start, so an all-blank specifier gives an empty span, not a reversed one.
    let mut e = s + spec.trim().len();
    if text[s..e].len() >= 2 && text[s..e].starts_with('(') && text[s..e].ends_with(')') {
        s += 1;
        e -= 1;
    }
    let specifier = text[s..e].trim();
    Some(Requirement {
        name,
        name_span: Span::new(start, start + name_len),
        specifier: specifier.to_owned(),
        specifier_span: Span::new(s, s + text[s..e].trim_end().len()),
    })
}

/// PEP 503 normalisation: lower case, runs of `-_.` become `-`.
pub(crate) fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// How a specifier fixes the version: `==1.2.3` (no wildcard) is a pin, anything else a range.
pub(crate) fn installed_by(specifier: &str) -> Installed {
    let s = specifier.trim();
    if s.is_empty() {
        Installed::Unversioned
    } else if (s.starts_with("==") || s.starts_with("===")) && !s.contains([',', '*']) {
        Installed::Pin
    } else {
        Installed::Range
    }
}

/// Records a parsed requirement (spans relative to `base`) when it names a client.
pub(crate) fn push_requirement(
    facts: &mut FileFacts,
    source: &SourceFile,
    req: &Requirement,
    base: usize,
    context: ContextId,
) {
    if !PYTHON_CLIENTS.contains(&req.name.as_str()) {
        return;
    }
    let installed = installed_by(&req.specifier);
    let span = if req.specifier.is_empty() {
        req.name_span.offset(base)
    } else {
        req.specifier_span.offset(base)
    };
    facts.clients.push(Client {
        ecosystem: Ecosystem::PyPi,
        package: req.name.clone(),
        version: req.specifier.clone(),
        installed,
        span,
        origin: super::origin(source, span),
        context,
    });
}

/// The credentials in a URL's userinfo (`https://user:TOKEN@host`, `https://TOKEN@host`), relative to
/// `text`: index URLs in requirement files often carry them, and they must be masked in every output.
pub(crate) fn url_credentials(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("://") {
        let start = from + i + 3;
        let authority_end = text[start..]
            .find(|c: char| c == '/' || c.is_whitespace() || c == '"' || c == '\'')
            .map_or(text.len(), |n| start + n);
        if let Some(at) = text[start..authority_end].rfind('@') {
            let userinfo = &text[start..start + at];
            let secret_start = userinfo.find(':').map_or(start, |c| start + c + 1);
            if secret_start < start + at {
                out.push(Span::new(secret_start, start + at));
            }
        }
        from = authority_end.max(start);
    }
    out
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    for span in url_credentials(&source.text) {
        facts.secrets.push(span);
    }
    for (offset, line) in source.lines() {
        // ` #` starts a comment; `#` right after a URL fragment (`#egg=`) does not matter for clients.
        let line = match line
            .find(" #")
            .or_else(|| line.starts_with('#').then_some(0))
        {
            Some(i) => &line[..i],
            None => line,
        };
        let line = line.trim_end().trim_end_matches('\\');
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('-') {
            // Options (`-r`, `-c`, `--hash`, `-e`, `--index-url`) name no pinned client.
            continue;
        }
        // `--hash` options may follow the requirement on the same line.
        let line = match line.find(" --") {
            Some(i) => &line[..i],
            None => line,
        };
        if let Some(req) = parse_requirement(line) {
            push_requirement(&mut facts, source, &req, offset, 0);
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    #[test]
    fn parses_names_extras_specifiers_and_markers() {
        let r = parse_requirement("  Boto_3[crt] >= 1.20, <1.30 ; python_version > '3.8'").unwrap();
        assert_eq!(r.name, "boto-3");
        assert_eq!(r.specifier, ">= 1.20, <1.30");
        let r = parse_requirement("awscli (==1.18.0)").unwrap();
        assert_eq!(r.specifier, "==1.18.0");
        assert!(parse_requirement("boto3 @ https://example.com/boto3.whl").is_none());
        assert_eq!(parse_requirement("boto3").unwrap().specifier, "");
    }

    #[test]
    fn index_url_credentials_are_secrets() {
        let text = "--extra-index-url https://deploy:s3cr3t@pypi.example.com/simple\n-i https://TOKEN@host/simple\nboto3==1.0\n";
        let got: Vec<&str> = url_credentials(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, vec!["s3cr3t", "TOKEN"]);
        assert!(url_credentials("https://pypi.org/simple").is_empty());
        assert!(url_credentials("git+https://github.com/x/y@v1").is_empty());
    }

    #[test]
    fn lines_options_hashes_and_comments() {
        let text = "# pinned\n-r base.txt\nboto3==1.34.147 \\\n    --hash=sha256:abc\nbotocore>=1.20 # open\nrequests==2.0\nawscli==1.29.0 --hash=sha256:def\n";
        let source = SourceFile::from_text("requirements.txt", FileKind::PipRequirements, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .clients
            .iter()
            .map(|c| {
                (
                    c.package.as_str(),
                    &text[c.span.start..c.span.end],
                    c.installed.clone(),
                    c.origin.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("boto3", "==1.34.147", Installed::Pin, "requirements.txt:3"),
                ("botocore", ">=1.20", Installed::Range, "requirements.txt:5"),
                ("awscli", "==1.29.0", Installed::Pin, "requirements.txt:7"),
            ]
        );
    }
}
