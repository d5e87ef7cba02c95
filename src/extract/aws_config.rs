//! Extractor for AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! The `ini` crate (rust-ini) decides what the file *means*, as the SDKs' INI parsers do: sections,
//! keys, values (an inline `# comment` is part of the value, as botocore reads it) and indented
//! sub-blocks such as `sts =` under `[services x]`. It keeps no positions, so a line index found by a
//! small scan supplies the spans; the two are paired by section and key, in order.
//!
//! One rule is botocore's (Python's configparser) and not rust-ini's: a line continues the previous
//! value only when it is indented *deeper* than the key line that started it. The scan applies that
//! rule and hands rust-ini a copy where every other line is dedented, so `  region = x` right under a
//! header stays a key of its own, as the SDKs read it.

use ini::{Ini, ParseOption};

use super::facts::{
    Context, ContextId, ContextKind, FileFacts, LineLayout, Problem, Setting, SettingName,
};
use crate::classify::FileKind;
use crate::secrets;
use crate::source::{SourceFile, Span};

/// Whether the file is AWS's. Dotfiles kept in a bare repository put `~/.aws/config` at `aws/config`,
/// but `aws/config` and `aws/credentials` are also other tools' names (an app's settings, a deploy
/// script's data): a file there is read only when it has what an AWS file has, a `[default]`,
/// `[profile …]`, `[sso-session …]` or `[services …]` header (config) or a header and an `aws_…` key
/// (credentials). Files in `.aws/` (or a dotfile manager's name for it) are always AWS's.
fn is_aws_file(source: &SourceFile) -> bool {
    let dir = source.path.parent().and_then(|p| p.file_name());
    if dir.is_none_or(|d| d != "aws") {
        return true;
    }
    let mut header = false;
    let mut aws_key = false;
    for (_, line) in source.lines() {
        let line = line.trim();
        if source.kind == FileKind::AwsConfig
            && (line == "[default]"
                || ["[profile ", "[sso-session ", "[services "]
                    .iter()
                    .any(|h| line.starts_with(h) && line.ends_with(']')))
        {
            return true;
        }
        header |= line.starts_with('[') && line.ends_with(']');
        aws_key |= line.starts_with("aws_") && line.contains('=');
    }
    source.kind == FileKind::AwsCredentials && header && aws_key
}

/// A `key = value` line as written.
#[derive(Debug)]
struct Line {
    key: String,
    key_span: Span,
    value_span: Span,
    /// A continuation line: part of the value of the key above (`endpoint_url` under `sts =`).
    indented: bool,
}

#[derive(Debug)]
struct Section {
    name: String,
    header: Span,
    lines: Vec<Line>,
    /// Leading whitespace of the section's first key line.
    indent: Option<String>,
    /// What the section's first `key = value` line writes between key and value.
    separator: Option<String>,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    if !is_aws_file(source) {
        return facts;
    }
    let (sections, normalized) = scan(source, &mut facts);
    let options = ParseOption {
        enabled_quote: false,
        enabled_escape: false,
        enabled_indented_mutiline_value: true,
        enabled_preserve_key_leading_whitespace: false,
    };
    let ini = match Ini::load_from_str_opt(&normalized, options) {
        Ok(ini) => ini,
        Err(_) if !facts.problems.is_empty() => return facts,
        Err(e) => {
            let line = source.line_start(e.line.saturating_sub(1));
            let end = source.text[line..]
                .find('\n')
                .map_or(source.text.len(), |n| line + n);
            facts.problems.push(Problem {
                message: format!(
                    "malformed INI, the AWS SDKs cannot read this file: {}",
                    e.msg
                ),
                span: Span::new(line, end),
            });
            return facts;
        }
    };
    let in_config_file = source.kind == FileKind::AwsConfig;
    let mut scanned = sections.iter();
    for (name, properties) in ini.iter() {
        let Some(name) = name else { continue };
        // Sections come out of `ini` in file order, so the scan's next section with that name is this one.
        let Some(section) = scanned.by_ref().find(|s| s.name == name) else {
            continue;
        };
        let kind = section_kind(name, in_config_file);
        let is_profile = matches!(kind, ContextKind::Profile { .. });
        let services =
            matches!(&kind, ContextKind::Section { name } if name.starts_with("services "));
        let context = facts.add_context(Context {
            kind,
            parent: None,
            header: Some(section.header),
        });
        // The SDKs' parser (Python's configparser in botocore) reads a line indented deeper than the
        // key above it as that key's continuation, so a line inserted unindented above indented keys
        // would swallow them; `ini` reads indented keys differently again. No layout, so no insertion.
        if section.indent.as_deref().is_none_or(str::is_empty) {
            facts
                .layouts
                .push(layout(source, section, context, &sections));
        }
        let mut top_level = section.lines.iter().filter(|l| !l.indented);
        for (key, value) in properties.iter() {
            let Some(line) = top_level.find(|l| l.key.eq_ignore_ascii_case(key)) else {
                continue;
            };
            if services && key.eq_ignore_ascii_case("sts") {
                push_sts_block(&mut facts, section, line, value, context);
            } else if is_profile && let Some(name) = SettingName::from_config_key(key) {
                facts.push_setting(setting(name, line, value, context));
            }
        }
    }
    facts
}

/// `endpoint_url` inside the `sts =` sub-block of a `[services x]` section.
fn push_sts_block(
    facts: &mut FileFacts,
    section: &Section,
    sts: &Line,
    block: &str,
    context: ContextId,
) {
    let sub_lines = section
        .lines
        .iter()
        .skip_while(|l| !std::ptr::eq(*l, sts))
        .skip(1)
        .take_while(|l| l.indented);
    let mut sub_lines = sub_lines.collect::<Vec<_>>().into_iter();
    for entry in block.lines() {
        let Some((key, value)) = entry.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let Some(line) = sub_lines.find(|l| l.key.eq_ignore_ascii_case(key)) else {
            continue;
        };
        if key.eq_ignore_ascii_case("endpoint_url") {
            facts.push_setting(setting(
                SettingName::StsEndpointUrl,
                line,
                value.trim(),
                context,
            ));
        }
    }
}

fn setting(name: SettingName, line: &Line, value: &str, context: ContextId) -> Setting {
    Setting {
        name,
        key: line.key.clone(),
        key_span: line.key_span,
        value: value.to_owned(),
        value_span: line.value_span,
        context,
    }
}

/// Where a line goes right after the section header, written like the file writes its keys.
fn layout(
    source: &SourceFile,
    section: &Section,
    context: ContextId,
    all: &[Section],
) -> LineLayout {
    let text = &source.text;
    // The line index decides where lines end (`\n`, `\r\n` or a lone `\r`); a line's terminator is
    // what lies between the end of its content and the start of the next line.
    let terminator = |end: usize, next: usize| {
        let rest = text.get(end..next).unwrap_or("");
        ["\r\n", "\n", "\r"].into_iter().find(|t| rest.ends_with(t))
    };
    let (header_line, _) = source.line_col(section.header.end);
    let next = source.line_start(header_line);
    let (at, after_unterminated, newline) = match terminator(section.header.end, next) {
        Some(newline) => (next, false, newline),
        // The header ends the file without a terminator: use the file's own, if it has any.
        None => (
            text.len(),
            true,
            terminator(0, source.line_start(1)).unwrap_or("\n"),
        ),
    };
    // An empty section borrows the spacing of the file's other sections; AWS's own docs write ` = `.
    let separator = section
        .separator
        .clone()
        .or_else(|| all.iter().find_map(|s| s.separator.clone()))
        .unwrap_or_else(|| " = ".to_owned());
    LineLayout {
        context,
        at,
        after_unterminated,
        indent: section.indent.clone().unwrap_or_default(),
        separator,
        newline,
    }
}

/// What a section header means (boto/botocore `botocore/configloader.py` `build_profile_map`).
fn section_kind(name: &str, in_config_file: bool) -> ContextKind {
    let profile = |name: &str| ContextKind::Profile {
        name: name.to_owned(),
        in_config_file,
    };
    if in_config_file {
        match name.split_once(char::is_whitespace) {
            _ if name == "default" => profile("default"),
            Some(("profile", rest)) => profile(rest.trim()),
            _ => ContextKind::Section {
                name: name.to_owned(),
            },
        }
    } else {
        profile(name)
    }
}

/// The line index: sections, keys and value spans, plus the secrets to mask (even in a malformed file).
/// The line index: sections, keys and value spans, plus the secrets to mask (even in a malformed file);
/// and the text for rust-ini, with configparser's continuation rule applied.
fn scan(source: &SourceFile, facts: &mut FileFacts) -> (Vec<Section>, String) {
    let mut sections: Vec<Section> = Vec::new();
    let mut normalized = String::with_capacity(source.text.len());
    // Indentation of the key line whose value deeper-indented lines continue.
    let mut value_indent: Option<usize> = None;
    for (offset, line) in source.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let continuation = value_indent.is_some_and(|k| indent > k);
        // configparser (botocore) matches a header as `\[(?P<header>.+)\]` from the start of the
        // line: the name runs to the line's last `]` and whatever follows it (`[profile c] ; note`)
        // is ignored. rust-ini rejects such a line, so it is handed the bare header.
        let header = (!continuation && trimmed.starts_with('['))
            .then(|| trimmed.rfind(']').filter(|&close| close > 1))
            .flatten();
        match header {
            Some(close) => normalized.push_str(&trimmed[..=close]),
            None => normalized.push_str(if continuation { line } else { trimmed }),
        }
        normalized.push('\n');
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if header.is_none() && !continuation && trimmed.starts_with('[') {
            facts.problems.push(Problem {
                message: format!(
                    "malformed INI, the AWS SDKs cannot read this file: section header `{}` has no closing `]`",
                    trimmed.trim_end().chars().take(80).collect::<String>()
                ),
                span: Span::new(offset + indent, offset + line.trim_end().len()),
            });
            continue;
        }
        if let Some(close) = header {
            let inner = &trimmed[1..close];
            sections.push(Section {
                name: inner.trim().to_owned(),
                header: Span::new(offset + indent, offset + indent + close + 1),
                lines: Vec::new(),
                indent: None,
                separator: None,
            });
            value_indent = None;
            continue;
        }
        let Some(eq) = trimmed.find(['=', ':']) else {
            continue;
        };
        if !continuation {
            value_indent = Some(indent);
        }
        let key = trimmed[..eq].trim_end();
        let value_raw = &trimmed[eq + 1..];
        let value = value_raw.trim();
        let key_start = offset + indent;
        let value_start = if value.is_empty() {
            offset + line.trim_end().len()
        } else {
            key_start + eq + 1 + (value_raw.len() - value_raw.trim_start().len())
        };
        let value_span = Span::new(value_start, value_start + value.len());
        if secrets::is_secret_key(key) {
            facts.secrets.push(value_span);
        }
        if let Some(section) = sections.last_mut() {
            section
                .indent
                .get_or_insert_with(|| line[..indent].to_owned());
            let between = &source.text[key_start + key.len()..value_start];
            if section.separator.is_none() && !value.is_empty() && between.trim() == "=" {
                section.separator = Some(between.to_owned());
            }
            section.lines.push(Line {
                key: key.to_owned(),
                key_span: Span::new(key_start, key_start + key.len()),
                value_span,
                indented: continuation,
            });
        }
    }
    (sections, normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(kind: FileKind, text: &str) -> (SourceFile, FileFacts) {
        let source = SourceFile::from_text(".aws/config", kind, text);
        let facts = extract(&source);
        (source, facts)
    }

    #[test]
    fn a_comment_after_a_header_is_ignored_as_botocore_does_and_an_open_header_is_a_problem() {
        let text = "[profile c] ; note # more\nsts_regional_endpoints = legacy\n";
        let (_, f) = facts(FileKind::AwsConfig, text);
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(
            f.contexts[1].kind,
            ContextKind::Profile {
                name: "c".into(),
                in_config_file: true
            }
        );
        assert_eq!(f.settings.len(), 1);
        let (_, f) = facts(FileKind::AwsConfig, "[default\nregion = x\n");
        assert_eq!(f.problems.len(), 1);
        assert_eq!(f.problems[0].span, Span::new(0, 8));
        assert!(f.problems[0].message.contains("no closing `]`"));
    }

    #[test]
    fn profiles_and_settings_with_spans() {
        let text =
            "[default]\nregion = eu-west-1\n\n[profile dev]\nsts_regional_endpoints=legacy\n";
        let (source, facts) = facts(FileKind::AwsConfig, text);
        assert_eq!(facts.contexts.len(), 3);
        assert_eq!(
            facts.contexts[2].kind,
            ContextKind::Profile {
                name: "dev".into(),
                in_config_file: true
            }
        );
        let s = &facts.settings[1];
        assert_eq!(s.name, SettingName::StsRegionalEndpoints);
        assert_eq!(&source.text[s.value_span.start..s.value_span.end], "legacy");
        assert_eq!(s.context, 2);
    }

    #[test]
    fn services_sts_block_is_an_endpoint_other_services_are_not() {
        let text = "[services global]\ns3 =\n  endpoint_url = https://sts.amazonaws.com\nsts =\n  endpoint_url = https://sts.amazonaws.com\n";
        let (source, facts) = facts(FileKind::AwsConfig, text);
        assert_eq!(facts.endpoints.len(), 1);
        assert_eq!(source.line_col(facts.endpoints[0].span.start), (5, 18));
    }

    #[test]
    fn non_profile_sections_carry_no_settings() {
        let text = "[sso-session corp]\nsts_regional_endpoints = legacy\n[dev]\nsts_regional_endpoints = legacy\n";
        let (_, facts) = facts(FileKind::AwsConfig, text);
        assert!(facts.settings.is_empty());
        let (_, facts) = self::facts(
            FileKind::AwsCredentials,
            "[dev]\nsts_regional_endpoints = legacy\n",
        );
        assert_eq!(facts.settings.len(), 1);
    }

    #[test]
    fn indented_keys_are_keys_unless_deeper_than_the_key_above() {
        let text = "[default]\n  region = eu-west-1\n  sts_regional_endpoints = legacy\n[services s]\nsts =\n  endpoint_url = https://sts.amazonaws.com\n";
        let (source, facts) = facts(FileKind::AwsConfig, text);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| {
                (
                    s.name,
                    s.value.as_str(),
                    &source.text[s.value_span.start..s.value_span.end],
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (SettingName::Region, "eu-west-1", "eu-west-1"),
                (SettingName::StsRegionalEndpoints, "legacy", "legacy"),
                (
                    SettingName::StsEndpointUrl,
                    "https://sts.amazonaws.com",
                    "https://sts.amazonaws.com"
                ),
            ]
        );
    }

    #[test]
    fn inline_comment_is_part_of_the_value_as_botocore_reads_it() {
        let (_, facts) = facts(
            FileKind::AwsConfig,
            "[default]\nsts_regional_endpoints = regional # prod\n",
        );
        assert_eq!(facts.settings[0].value, "regional # prod");
    }

    #[test]
    fn layout_follows_the_header_and_the_file_spacing() {
        let text =
            "[default]\r\nregion=eu-west-1\r\n[indented]\r\n  region=eu-west-1\r\n[profile empty]";
        let (_, facts) = facts(FileKind::AwsConfig, text);
        let first = facts.layout(1).unwrap();
        assert_eq!((first.at, first.after_unterminated), (11, false));
        assert_eq!(first.line("k", "v"), "k=v\r\n");
        // Above indented keys an inserted line would change what the SDKs read: no layout.
        assert!(facts.layout(2).is_none());
        // The empty last section borrows the file's spacing and keeps the missing final newline missing.
        let last = facts.layout(3).unwrap();
        assert_eq!((last.at, last.after_unterminated), (text.len(), true));
        assert_eq!(last.line("k", "v"), "\r\nk=v");
        let (_, plain) = self::facts(FileKind::AwsConfig, "[default]\n");
        assert_eq!(plain.layout(1).unwrap().line("k", "v"), "k = v\n");
        // A lone CR ends a line too (classic Mac): the new line goes after it, not at the end of file.
        let (_, mac) = self::facts(FileKind::AwsConfig, "[default]\rregion = x\r[profile b]\r");
        let layout = mac.layout(1).unwrap();
        assert_eq!((layout.at, layout.line("k", "v").as_str()), (10, "k = v\r"));
    }

    #[test]
    fn malformed_file_is_a_problem_and_secrets_are_still_masked() {
        let text = "[default]\naws_secret_access_key = abc\n[broken\n";
        let (_, facts) = facts(FileKind::AwsCredentials, text);
        assert_eq!(facts.problems.len(), 1);
        assert!(facts.settings.is_empty());
        assert_eq!(facts.secrets, vec![Span::new(34, 37)]);
    }
}
