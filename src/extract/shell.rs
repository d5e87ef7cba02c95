//! Extractor for shell profiles and scripts (bash, zsh, POSIX sh, fish, direnv), and the shell-word
//! scanner that the Dockerfile extractor reuses for `RUN`.
//!
//! Hand-written: `shlex` and friends split words but keep no byte positions, and every fact needs a span.
//! Only what decides environment variables and `aws` command lines is understood: words, quotes,
//! escapes, comments, line continuations and the command separators `; & | && ||` and newlines.

use super::facts::{Context, ContextId, ContextKind, Endpoint, FileFacts, Setting, SettingName};
use crate::source::{SourceFile, Span};

/// One shell word: its unquoted text, the span it covers and, for quoted words, the span inside the quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
    /// True for command separators (`;`, `&&`, `|`, newline, …).
    pub separator: bool,
}

/// Splits `text` (starting at byte `base` of the file) into words and separators.
pub fn words(text: &str, base: usize) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 1,
            b' ' | b'\t' => i += 1,
            b'#' => i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b'\n' | b'\r' | b';' | b'&' | b'|' | b'(' | b')' => {
                let start = i;
                while i < bytes.len() && matches!(bytes[i], b';' | b'&' | b'|') && i - start < 2 {
                    i += 1;
                }
                i = i.max(start + 1);
                out.push(Word {
                    text: text[start..i].to_owned(),
                    span: Span::new(base + start, base + i),
                    separator: true,
                });
            }
            _ => {
                let start = i;
                let mut unquoted = String::new();
                while i < bytes.len() {
                    match bytes[i] {
                        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' => break,
                        b'\'' => {
                            let end = memchr::memchr(b'\'', &bytes[i + 1..])
                                .map_or(bytes.len(), |n| i + 1 + n);
                            unquoted.push_str(&text[i + 1..end]);
                            i = (end + 1).min(bytes.len());
                        }
                        b'"' => {
                            i += 1;
                            while i < bytes.len() && bytes[i] != b'"' {
                                if bytes[i] == b'\\' && i + 1 < bytes.len() {
                                    i += 1;
                                }
                                let ch = next_char(text, i);
                                unquoted.push(ch);
                                i += ch.len_utf8();
                            }
                            i = (i + 1).min(bytes.len());
                        }
                        b'\\' if i + 1 < bytes.len() => {
                            if bytes[i + 1] == b'\n' {
                                break;
                            }
                            let ch = next_char(text, i + 1);
                            unquoted.push(ch);
                            i += 1 + ch.len_utf8();
                        }
                        _ => {
                            let ch = next_char(text, i);
                            unquoted.push(ch);
                            i += ch.len_utf8();
                        }
                    }
                }
                out.push(Word {
                    text: unquoted,
                    span: Span::new(base + start, base + i),
                    separator: false,
                });
            }
        }
    }
    out
}

fn next_char(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\u{fffd}')
}

/// The span of a value as written, without one layer of matching quotes around it.
pub fn unquoted_span(text: &str, span: Span) -> Span {
    let Some(raw) = text.get(span.start..span.end) else {
        return span;
    };
    let quoted = raw.len() >= 2
        && (raw.starts_with('"') && raw.ends_with('"')
            || raw.starts_with('\'') && raw.ends_with('\''));
    if quoted {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}

/// Reads environment assignments and `aws --endpoint-url` from a run of shell words.
///
/// `file_text` is the whole file, so that spans can be narrowed to the value inside its quotes.
pub fn scan_commands(facts: &mut FileFacts, file_text: &str, words: &[Word], context: ContextId) {
    scan_commands_with(facts, file_text, words, context, &mut Vars::default());
}

/// Shell variables assigned so far (`STS=https://sts.amazonaws.com`), by name: the value and its span
/// inside any quotes. One hop of data flow: `--endpoint-url "$STS"` is reported at the literal the
/// variable was assigned, and only a literal counts (`A=$B` is not followed), so reading stays linear.
pub type Vars = std::collections::HashMap<String, (String, Span)>;

/// [`scan_commands`] with the variables already set where these words run (a Dockerfile stage's
/// `ENV`/`ARG`); assignments in `words` are added to `vars` as they are read.
pub fn scan_commands_with(
    facts: &mut FileFacts,
    file_text: &str,
    words: &[Word],
    context: ContextId,
    vars: &mut Vars,
) {
    for command in words.split(|w| w.separator) {
        scan_command_at(facts, file_text, command, context, 0, vars);
    }
}

/// How deep `alias x='…'`, `sh -c '…'` and `eval '…'` strings are read as command lines of their own.
const MAX_NESTING: usize = 2;

fn scan_command_at(
    facts: &mut FileFacts,
    text: &str,
    words: &[Word],
    context: ContextId,
    depth: usize,
    vars: &mut Vars,
) {
    // Wrappers that run the rest of the line as a command: `sudo aws …`, `exec aws …`.
    let mut words = words;
    while let Some((first, rest)) = words.split_first()
        && matches!(
            first.text.as_str(),
            "sudo" | "exec" | "command" | "time" | "nohup" | "builtin"
        )
    {
        words = rest;
        while words.first().is_some_and(|w| w.text.starts_with('-')) {
            words = &words[1..];
        }
    }
    if depth < MAX_NESTING && scan_nested(facts, text, words, context, depth, vars) {
        return;
    }
    let mut rest = words;
    // Declarations whose operands are assignments: `export`, `declare -x`, `typeset -x`, `env`.
    if let Some(first) = rest.first() {
        if matches!(
            first.text.as_str(),
            "export" | "declare" | "typeset" | "readonly" | "env" | "setenv"
        ) {
            if first.text == "setenv" {
                // csh: `setenv NAME value`.
                if let [_, name, value, ..] = rest {
                    push_env_words(facts, text, name, value, context);
                }
                return;
            }
            rest = &rest[1..];
            while rest.first().is_some_and(|w| w.text.starts_with('-')) {
                rest = &rest[1..];
            }
        } else if first.text == "set" {
            // fish: `set -gx NAME value`.
            let args: Vec<&Word> = rest[1..]
                .iter()
                .filter(|w| !w.text.starts_with('-'))
                .collect();
            if rest[1..]
                .iter()
                .any(|w| w.text.starts_with('-') && w.text.contains('x'))
                && let [name, value, ..] = args[..]
            {
                push_env_words(facts, text, name, value, context);
            }
            return;
        }
    }
    // Leading `NAME=value` words are assignments (or per-command environment for what follows).
    let mut i = 0;
    while let Some(a) = rest.get(i).and_then(|w| assignment(text, w)) {
        facts.push_env(a.name, a.name_span, a.value, a.value_span, context);
        vars.insert(a.name.to_owned(), (a.value.to_owned(), a.value_span));
        i += 1;
    }
    scan_aws_command(facts, text, &rest[i..], context, vars);
    scan_vault_command(facts, text, &rest[i..], context);
    scan_hadoop_properties(facts, text, &rest[i..], context);
}

/// Hadoop STS endpoint properties passed on a command line: `spark-submit --conf
/// spark.hadoop.fs.s3a.assumed.role.sts.endpoint=URL`, `hadoop … -D fs.s3a.assumed.role.sts.endpoint=URL`,
/// `aws emr create-cluster --emrfs Args=[fs.s3.sts.endpoint=URL]`. Read from the word as written, so
/// the spans are exact.
fn scan_hadoop_properties(facts: &mut FileFacts, text: &str, words: &[Word], context: ContextId) {
    for word in words {
        let Some(raw) = text.get(word.span.start..word.span.end) else {
            continue;
        };
        if let Some((property, key_span, value, value_span)) =
            super::hadoop::property_in_word(raw, word.span.start)
        {
            super::hadoop::push_property(facts, property, key_span, value, value_span, context);
        }
    }
}

/// `vault write auth/aws/config/client sts_endpoint=URL` (the AWS auth method's client, any mount) and
/// `vault write aws/config/root sts_endpoint=URL` (the AWS secrets engine): Vault calls STS there.
fn scan_vault_command(facts: &mut FileFacts, text: &str, words: &[Word], context: ContextId) {
    let [vault, write, path, args @ ..] = words else {
        return;
    };
    let is_vault = vault.text == "vault" || vault.text.ends_with("/vault");
    let aws_config = path.text.ends_with("/config/client") || path.text.ends_with("/config/root");
    if !is_vault || write.text != "write" || !aws_config {
        return;
    }
    for word in args {
        if let Some(a) = assignment(text, word)
            && a.name == "sts_endpoint"
        {
            facts.push_setting(Setting {
                name: SettingName::StsEndpointUrl,
                key: "sts_endpoint".to_owned(),
                key_span: a.name_span,
                value: a.value.to_owned(),
                value_span: a.value_span,
                context,
            });
        }
    }
}

/// A command line written as a string: `alias whoami='aws sts …'` (bash, zsh; fish `alias n='…'` and
/// `alias n "…"`), `sh -c '…'` / `bash -c "…"`, `eval '…'`. The string's raw bytes are read again as
/// shell, so the spans stay the file's own. Returns whether the command was one of these.
fn scan_nested(
    facts: &mut FileFacts,
    text: &str,
    words: &[Word],
    context: ContextId,
    depth: usize,
    vars: &mut Vars,
) -> bool {
    let strings: Vec<Span> = match words {
        [first, args @ ..] if first.text == "alias" => args
            .iter()
            .filter_map(|w| {
                let raw = text.get(w.span.start..w.span.end)?;
                let eq = raw.find('=').map_or(0, |n| n + 1);
                Some(Span::new(w.span.start + eq, w.span.end))
            })
            .collect(),
        [first, args @ ..] if first.text == "eval" => args.iter().map(|w| w.span).collect(),
        [first, args @ ..] if is_shell(&first.text) => args
            .iter()
            .position(|w| {
                w.text.starts_with('-') && !w.text.starts_with("--") && w.text.ends_with('c')
            })
            .and_then(|i| args.get(i + 1))
            .map(|w| vec![w.span])
            .unwrap_or_default(),
        _ => return false,
    };
    for span in strings {
        let inner = unquoted_span(text, span);
        let Some(raw) = text.get(inner.start..inner.end) else {
            continue;
        };
        let words = self::words(raw, inner.start);
        for command in words.split(|w| w.separator) {
            scan_command_at(facts, text, command, context, depth + 1, vars);
        }
    }
    true
}

/// `sh`, `bash`, `zsh`, `dash`, `ash`, also as `/bin/sh`.
fn is_shell(word: &str) -> bool {
    let name = word.rsplit('/').next().unwrap_or(word);
    matches!(name, "sh" | "bash" | "zsh" | "dash" | "ash" | "ksh")
}

fn push_env_words(
    facts: &mut FileFacts,
    text: &str,
    name: &Word,
    value: &Word,
    context: ContextId,
) {
    facts.push_env(
        &name.text,
        name.span,
        &value.text,
        unquoted_span(text, value.span),
        context,
    );
}

/// A `NAME=value` word, read from the word as written: only a plain name before the first `=`
/// makes an assignment (`"A"=b` and `A'x'=b` do not), and the value is the unquoted rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment<'a> {
    pub name: &'a str,
    pub name_span: Span,
    pub value: &'a str,
    pub value_span: Span,
}

pub fn assignment<'a>(text: &'a str, word: &'a Word) -> Option<Assignment<'a>> {
    let raw = text.get(word.span.start..word.span.end)?;
    let eq = raw.find('=')?;
    let name = &raw[..eq];
    let valid = !name.is_empty()
        && name
            .bytes()
            .enumerate()
            .all(|(i, b)| b == b'_' || b.is_ascii_alphabetic() || (i > 0 && b.is_ascii_digit()));
    if !valid {
        return None;
    }
    // A plain name unquotes to itself, so the unquoted text starts with the same `NAME=`.
    let value = word.text.get(eq + 1..)?;
    Some(Assignment {
        name,
        name_span: Span::new(word.span.start, word.span.start + eq),
        value,
        value_span: unquoted_span(text, Span::new(word.span.start + eq + 1, word.span.end)),
    })
}

/// `aws … --endpoint-url URL` (or `=URL`): an endpoint for that one command, recorded when the command
/// is an `aws sts …` call or the value is an STS host (`aws s3 --endpoint-url http://localhost:4566`
/// says nothing about STS). The command's own `--region` (or `=`) is the region the fix names: it opens a
/// [`ContextKind::ShellCommand`] context inside `context`, so it applies to this command alone.
fn scan_aws_command(
    facts: &mut FileFacts,
    text: &str,
    words: &[Word],
    context: ContextId,
    vars: &Vars,
) {
    let is_aws = words
        .first()
        .is_some_and(|w| w.text == "aws" || w.text.ends_with("/aws"));
    if !is_aws {
        return;
    }
    let service = aws_service(&words[1..]);
    let is_sts = service == Some("sts");
    let mut region: Option<(&Word, String, Span)> = None;
    let mut endpoints: Vec<(&Word, String, Span)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        // `aws emr create-cluster --release-label emr-5.30.1 --emrfs Args=[fs.s3.sts.endpoint=URL]`.
        if word.text == "--release-label"
            && let Some(next) = words.get(i + 1)
        {
            let span = unquoted_span(text, next.span);
            super::hadoop::push_release_label(facts, String::new(), &next.text, span, context);
        }
        if let Some(value) = flag_value(text, words, i, "--endpoint-url") {
            endpoints.push((word, value.0, value.1));
        } else if let Some(value) = flag_value(text, words, i, "--region") {
            region = Some((word, value.0, value.1));
        }
    }
    // `--endpoint-url "$STS"`: the literal the variable was assigned, when it is an STS host.
    let carried = |value: &str| {
        let name = value.strip_prefix('$')?;
        let name = name
            .strip_prefix('{')
            .and_then(|n| n.strip_suffix('}'))
            .unwrap_or(name);
        let (literal, span) = vars.get(name)?;
        let host = crate::knowledge::hosts::classify_sts_url(literal)?;
        Some((name.to_owned(), literal.clone(), *span, host))
    };
    let endpoints: Vec<_> = endpoints
        .into_iter()
        .filter(|(_, value, _)| {
            is_sts
                || crate::knowledge::hosts::classify_sts_url(value).is_some()
                || carried(value).is_some()
        })
        .collect();
    if endpoints.is_empty() {
        return;
    }
    let context = match region {
        Some((flag, value, span)) => {
            let command = facts.add_context(Context {
                kind: ContextKind::ShellCommand,
                parent: Some(context),
                header: None,
            });
            facts.push_setting(Setting {
                name: SettingName::Region,
                key: "--region".to_owned(),
                key_span: Span::new(flag.span.start, flag.span.start + "--region".len()),
                value,
                value_span: span,
                context: command,
            });
            command
        }
        None => context,
    };
    for (flag, value, span) in endpoints {
        if let Some((name, literal, literal_span, host)) = carried(&value)
            && !facts.endpoints.iter().any(|e| e.span == literal_span)
        {
            facts.endpoints.push(Endpoint {
                url: literal,
                host,
                span: literal_span,
                context,
                via: format!("--endpoint-url ${name}"),
                all_services: false,
            });
        }
        facts.push_setting(Setting {
            name: SettingName::EndpointUrl,
            key: "--endpoint-url".to_owned(),
            key_span: flag.span,
            value,
            value_span: span,
            context,
        });
    }
}

/// The AWS CLI's global options that take a value (`aws help`, "Global Options"): before the service
/// they are skipped with their value, so `aws --region x sts …` is an STS call.
const AWS_VALUE_OPTIONS: &[&str] = &[
    "--ca-bundle",
    "--cli-binary-format",
    "--cli-connect-timeout",
    "--cli-read-timeout",
    "--color",
    "--endpoint-url",
    "--output",
    "--profile",
    "--query",
    "--region",
];

/// The service of an `aws` command line: its first word that is neither an option nor an option's value.
fn aws_service(args: &[Word]) -> Option<&str> {
    let mut i = 0;
    while let Some(word) = args.get(i) {
        if !word.text.starts_with('-') {
            return Some(&word.text);
        }
        i += if AWS_VALUE_OPTIONS.contains(&word.text.as_str()) {
            2
        } else {
            1
        };
    }
    None
}

/// The value of `--flag VALUE` or `--flag=VALUE` at `words[i]`, with its span inside any quotes.
fn flag_value(text: &str, words: &[Word], i: usize, flag: &str) -> Option<(String, Span)> {
    let word = &words[i];
    if word.text == flag {
        let next = words.get(i + 1)?;
        return Some((next.text.clone(), unquoted_span(text, next.span)));
    }
    let value = word.text.strip_prefix(flag)?.strip_prefix('=')?;
    // The unquoted text starts with the flag as written only when the flag itself is not quoted.
    let raw = text.get(word.span.start..word.span.end)?;
    raw.starts_with(flag).then_some(())?;
    let start = word.span.start + flag.len() + 1;
    Some((
        value.to_owned(),
        unquoted_span(text, Span::new(start, word.span.end)),
    ))
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let words = words(&source.text, 0);
    scan_commands(&mut facts, &source.text, &words, 0);
    super::installs::scan(&mut facts, source, &words, 0, &[]);
    fill_origins(&mut facts, source);
    facts
}

/// Clients found by [`scan_commands`] (EMR release labels) know their span but not the file: each
/// extractor that runs it names their origin.
pub(crate) fn fill_origins(facts: &mut FileFacts, source: &SourceFile) {
    for client in facts.clients.iter_mut().filter(|c| c.origin.is_empty()) {
        client.origin = super::origin(source, client.span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;

    fn values(text: &str) -> Vec<(SettingName, String, String)> {
        let source = SourceFile::from_text(".bashrc", FileKind::Shell, text);
        let facts = extract(&source);
        facts
            .settings
            .iter()
            .map(|s| {
                (
                    s.name,
                    s.value.clone(),
                    source.text[s.value_span.start..s.value_span.end].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn export_forms_and_quotes() {
        use SettingName::*;
        assert_eq!(
            values(
                "export AWS_STS_REGIONAL_ENDPOINTS=legacy\nexport AWS_REGION=\"eu-west-1\" # home\n"
            ),
            vec![
                (StsRegionalEndpoints, "legacy".into(), "legacy".into()),
                (Region, "eu-west-1".into(), "eu-west-1".into())
            ]
        );
        assert_eq!(values("declare -x AWS_REGION='us-east-1'").len(), 1);
        assert_eq!(values("set -gx AWS_STS_REGIONAL_ENDPOINTS legacy").len(), 1);
        assert_eq!(
            values("AWS_REGION=us-west-2 aws sts get-caller-identity").len(),
            1
        );
    }

    #[test]
    fn comments_and_echo_are_not_settings() {
        assert!(values("# export AWS_STS_REGIONAL_ENDPOINTS=legacy\n").is_empty());
        assert!(values("echo AWS_STS_REGIONAL_ENDPOINTS=legacy\n").is_empty());
        assert!(values("set AWS_REGION us-east-1\n").is_empty());
        // Only a plain name makes an assignment; quotes inside the name make a command word.
        assert!(values("AWS_'REGION'=us-east-1 x\n").is_empty());
        assert!(values("\"AWS_REGION\"=us-east-1 x\n").is_empty());
    }

    #[test]
    fn endpoint_url_flag_with_continuation() {
        let got = values(
            "aws sts get-caller-identity \\\n  --endpoint-url https://sts.amazonaws.com\nfoo --endpoint-url x\n",
        );
        assert_eq!(
            got,
            vec![(
                SettingName::EndpointUrl,
                "https://sts.amazonaws.com".into(),
                "https://sts.amazonaws.com".into()
            )]
        );
        let got = values("aws s3 ls --endpoint-url='sts.amazonaws.com'");
        assert_eq!(got[0].2, "sts.amazonaws.com");
    }

    fn endpoints(text: &str) -> Vec<(String, Option<String>)> {
        let source = SourceFile::from_text("x.sh", FileKind::Shell, text);
        let facts = extract(&source);
        facts
            .endpoints
            .iter()
            .map(|e| {
                (
                    source.text[e.span.start..e.span.end].to_owned(),
                    facts.region(e.context).map(str::to_owned),
                )
            })
            .collect()
    }

    #[test]
    fn the_commands_region_applies_to_its_endpoint_alone() {
        let got = endpoints(
            "export AWS_REGION=eu-west-1\naws sts get-caller-identity --region=ap-east-1 --endpoint-url https://sts.amazonaws.com\naws --region me-south-1 sts get-caller-identity --endpoint-url=sts.amazonaws.com\naws sts get-caller-identity --endpoint-url 'https://sts.amazonaws.com'\n",
        );
        assert_eq!(
            got,
            [
                ("https://sts.amazonaws.com".into(), Some("ap-east-1".into())),
                ("sts.amazonaws.com".into(), Some("me-south-1".into())),
                ("https://sts.amazonaws.com".into(), Some("eu-west-1".into())),
            ]
        );
    }

    #[test]
    fn aliases_shell_strings_and_wrappers_are_command_lines() {
        let got = endpoints(
            "alias whoami='aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com'\nsh -c \"aws sts get-caller-identity --endpoint-url=https://sts.amazonaws.com\"\nsudo -E aws sts get-caller-identity --endpoint-url sts.amazonaws.com\neval 'aws sts get-caller-identity --region af-south-1 --endpoint-url sts.amazonaws.com'\n",
        );
        let spans: Vec<_> = got.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            spans,
            [
                "https://sts.amazonaws.com",
                "https://sts.amazonaws.com",
                "sts.amazonaws.com",
                "sts.amazonaws.com"
            ]
        );
        assert_eq!(got[3].1.as_deref(), Some("af-south-1"));
        // An alias that only echoes, and a quoted `--endpoint-url` word, are not commands with the flag.
        assert!(endpoints("alias x='echo --endpoint-url https://sts.amazonaws.com'\n").is_empty());
    }

    #[test]
    fn other_services_endpoints_are_not_sts_settings() {
        let source = SourceFile::from_text(
            "x.sh",
            FileKind::Shell,
            "aws s3 ls --endpoint-url http://localhost:4566\naws sts get-caller-identity --endpoint-url \"$STS\"\n",
        );
        let facts = extract(&source);
        let keys: Vec<_> = facts.settings.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(keys, ["$STS"]);
    }
}
