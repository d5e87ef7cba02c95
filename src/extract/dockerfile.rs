//! Extractor for Dockerfiles and Containerfiles: `FROM` stages, `ENV`, `ARG`, `RUN`, `CMD` and
//! `ENTRYPOINT`.
//!
//! Hand-written: the Dockerfile parser crates are either unmaintained or keep no byte spans. Instructions
//! are joined across line continuations (the escape character comes from the `# escape=` directive); each
//! `FROM` opens a stage context; `RUN` is read with the shell word scanner for `VAR=value cmd` prefixes and
//! `aws --endpoint-url`; `CMD`/`ENTRYPOINT` for `aws --endpoint-url`, in shell and exec form.

use super::facts::{
    Client, Context, ContextId, ContextKind, Ecosystem, FileFacts, Installed, LineLayout,
};
use super::installs::{self, Variable};
use super::shell;
use crate::source::{SourceFile, Span};

/// One instruction: its keyword (upper-cased) and the span of its arguments, continuations included.
#[derive(Debug)]
struct Instruction {
    keyword: String,
    args: Span,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let mut stage: ContextId = 0;
    // `ARG`s before the first `FROM` (usable in `FROM` lines) and the current stage's `ARG`/`ENV`
    // values, for `FROM ubuntu:${VERSION}` and `pip install awscli==${AWSCLI_VERSION}`.
    let mut global_vars: Vec<Variable> = Vec::new();
    let mut stage_vars: Vec<Variable> = Vec::new();
    // `FROM x AS name`: a later `FROM name` is built on x and inherits that stage's `ENV`.
    let mut aliases: Vec<(String, String, ContextId)> = Vec::new();
    for ins in instructions(source) {
        let args = &source.text[ins.args.start..ins.args.end];
        match ins.keyword.as_str() {
            "FROM" => {
                let words = shell::words(args, ins.args.start);
                let args: Vec<_> = words
                    .iter()
                    .filter(|w| !w.separator && !w.text.starts_with("--"))
                    .collect();
                let image_word = args.first();
                let image = image_word
                    .map(|w| expand_vars(&w.text, &global_vars))
                    .unwrap_or_default();
                let built_on = aliases
                    .iter()
                    .rev()
                    .find(|(alias, _, _)| alias.eq_ignore_ascii_case(&image));
                let parent = built_on.map(|(_, _, stage)| *stage);
                let image = built_on.map_or(image, |(_, base, _)| base.clone());
                stage_vars.clear();
                stage = facts.add_context(Context {
                    kind: ContextKind::DockerStage {
                        base_image: image.clone(),
                    },
                    parent,
                    header: Some(Span::new(ins.args.start, ins.args.end)),
                });
                facts
                    .layouts
                    .push(stage_layout(source, stage, ins.args.end));
                if let [_, as_kw, alias, ..] = args[..]
                    && as_kw.text.eq_ignore_ascii_case("as")
                {
                    aliases.push((alias.text.clone(), image.clone(), stage));
                }
                if let (Some(word), Some(version)) = (
                    image_word,
                    crate::knowledge::clients::cli_image_version(&image),
                ) {
                    facts.clients.push(Client {
                        ecosystem: Ecosystem::Image,
                        package: image.clone(),
                        version: version.to_owned(),
                        installed: Installed::ContainerImage,
                        span: word.span,
                        origin: super::origin(source, word.span),
                        context: stage,
                    });
                }
            }
            "ENV" | "ARG" => {
                let words = shell::words(args, ins.args.start);
                let words: Vec<_> = words.into_iter().filter(|w| !w.separator).collect();
                let legacy_form =
                    ins.keyword == "ENV" && words.first().is_some_and(|w| !w.text.contains('='));
                if legacy_form {
                    // `ENV NAME value with spaces`: the rest of the instruction is the value.
                    if let Some(name) = words.first() {
                        let rest = args[name.span.end - ins.args.start..].trim();
                        let start = source.text[name.span.end..ins.args.end]
                            .find(rest)
                            .map_or(ins.args.end, |n| name.span.end + n);
                        let span = shell::unquoted_span(
                            &source.text,
                            Span::new(start, start + rest.len()),
                        );
                        let value = &source.text[span.start..span.end];
                        stage_vars.push(Variable {
                            name: name.text.clone(),
                            value: value.to_owned(),
                            span,
                        });
                        facts.push_env(&name.text, name.span, value, span, stage);
                    }
                } else {
                    for word in &words {
                        let Some(shell::Assignment {
                            name,
                            name_span,
                            value,
                            value_span: span,
                        }) = shell::assignment(&source.text, word)
                        else {
                            continue;
                        };
                        let var = Variable {
                            name: name.to_owned(),
                            value: value.to_owned(),
                            span,
                        };
                        if stage == 0 {
                            global_vars.push(var);
                        } else {
                            stage_vars.push(var);
                        }
                        facts.push_env(name, name_span, value, span, stage);
                    }
                }
            }
            "RUN" if !args.trim_start().starts_with('[') => {
                let mut words = shell::words(args, ins.args.start);
                // `RUN --mount=… cmd`: flags before the command belong to Docker, not the shell.
                let skip = words
                    .iter()
                    .take_while(|w| w.text.starts_with("--"))
                    .count();
                words.drain(..skip);
                let vars: Vec<Variable> = global_vars.iter().chain(&stage_vars).cloned().collect();
                shell::scan_commands_with(
                    &mut facts,
                    &source.text,
                    &words,
                    stage,
                    &mut shell_vars(&vars),
                );
                installs::scan(&mut facts, source, &words, stage, &vars);
            }
            "RUN" => {
                // Exec form: `RUN ["pip", "install", "awscli==1.16.0"]` is one command, no shell.
                let vars: Vec<Variable> = global_vars.iter().chain(&stage_vars).cloned().collect();
                let words = exec_form_words(args, ins.args.start);
                shell::scan_commands(&mut facts, &source.text, &words, stage);
                installs::scan(&mut facts, source, &words, stage, &vars);
            }
            // What the container runs: `CMD ["aws", "sts", …, "--endpoint-url", URL]` (exec form, one
            // command; `["sh", "-c", "…"]` is read as shell) or `CMD aws sts …` (shell form).
            "CMD" | "ENTRYPOINT" => {
                let words = if args.trim_start().starts_with('[') {
                    exec_form_words(args, ins.args.start)
                } else {
                    shell::words(args, ins.args.start)
                };
                let vars: Vec<Variable> = global_vars.iter().chain(&stage_vars).cloned().collect();
                shell::scan_commands_with(
                    &mut facts,
                    &source.text,
                    &words,
                    stage,
                    &mut shell_vars(&vars),
                );
            }
            _ => {}
        }
    }
    shell::fill_origins(&mut facts, source);
    facts
}

/// The stage's `ARG`/`ENV` values as shell variables, so `RUN aws sts … --endpoint-url "$STS"` after
/// `ENV STS=https://sts.amazonaws.com` is reported at the `ENV` value.
fn shell_vars(vars: &[Variable]) -> shell::Vars {
    vars.iter()
        .map(|v| (v.name.clone(), (v.value.clone(), v.span)))
        .collect()
}

/// The strings of an exec-form JSON array as shell words (spans inside the quotes).
fn exec_form_words(args: &str, base: usize) -> Vec<shell::Word> {
    let Ok(parsed) = jsonc_parser::parse_to_ast(
        args,
        &jsonc_parser::CollectOptions::default(),
        &jsonc_parser::ParseOptions::default(),
    ) else {
        return Vec::new();
    };
    let Some(jsonc_parser::ast::Value::Array(array)) = parsed.value else {
        return Vec::new();
    };
    array
        .elements
        .iter()
        .filter_map(|e| e.as_string_lit())
        .map(|lit| shell::Word {
            text: lit.value.to_string(),
            span: super::syntax::json::string_span(lit).offset(base),
            separator: false,
        })
        .collect()
}

/// `${NAME}` / `$NAME` in a `FROM` line, from the `ARG`s declared before the first `FROM`.
fn expand_vars(text: &str, vars: &[Variable]) -> String {
    let mut out = text.to_owned();
    for var in vars.iter().rev() {
        out = out
            .replace(&format!("${{{}}}", var.name), &var.value)
            .replace(&format!("${}", var.name), &var.value);
    }
    out
}

/// Where a new instruction goes right after a stage's `FROM` (which ends at `end`): the start of the
/// next line, in the `FROM` line's own line ending, so a fix can add `ENV …` that reads like the file.
fn stage_layout(source: &SourceFile, stage: ContextId, end: usize) -> LineLayout {
    let rest = &source.text[end..];
    let (at, newline, after_unterminated) = match rest.find('\n') {
        Some(n) if rest[..n].ends_with('\r') => (end + n + 1, "\r\n", false),
        Some(n) => (end + n + 1, "\n", false),
        None => (source.text.len(), "\n", true),
    };
    LineLayout {
        context: stage,
        at,
        after_unterminated,
        indent: String::new(),
        separator: "=".to_owned(),
        newline,
    }
}

/// Splits the file into instructions, honouring the escape directive and continuation lines.
fn instructions(source: &SourceFile) -> Vec<Instruction> {
    let mut escape = '\\';
    let mut out: Vec<Instruction> = Vec::new();
    let mut continuing = false;
    let mut directives = true;
    for (offset, line) in source.lines() {
        let trimmed = line.trim_start();
        if directives {
            if let Some(d) = trimmed.strip_prefix('#')
                && let Some((k, v)) = d.split_once('=')
            {
                if k.trim().eq_ignore_ascii_case("escape") {
                    escape = v.trim().chars().next().unwrap_or('\\');
                }
                continue;
            }
            directives = false;
        }
        let ends_continued = line.trim_end().ends_with(escape);
        if continuing {
            if let Some(last) = out.last_mut()
                && !trimmed.starts_with('#')
            {
                last.args.end = offset + line.trim_end().len();
            }
            continuing = ends_continued || trimmed.starts_with('#') || trimmed.is_empty();
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let keyword_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let start = offset + (line.len() - trimmed.len());
        let args_start = start + keyword_len;
        out.push(Instruction {
            keyword: trimmed[..keyword_len].to_ascii_uppercase(),
            args: Span::new(args_start, offset + line.trim_end().len()),
        });
        continuing = ends_continued;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::extract::facts::SettingName;

    fn facts(text: &str) -> (SourceFile, FileFacts) {
        let source = SourceFile::from_text("Dockerfile", FileKind::Dockerfile, text);
        let facts = extract(&source);
        (source, facts)
    }

    #[test]
    fn stages_env_arg_and_run_prefixes() {
        let text = "FROM python:3.12 AS build\nENV AWS_REGION=eu-west-1 \\\n    AWS_STS_REGIONAL_ENDPOINTS=\"legacy\"\nFROM alpine\nARG AWS_STS_REGIONAL_ENDPOINTS=legacy\nRUN AWS_REGION=aws-global aws s3 ls\n";
        let (source, facts) = facts(text);
        let got: Vec<_> = facts
            .settings
            .iter()
            .map(|s| {
                (
                    s.name,
                    s.context,
                    &source.text[s.value_span.start..s.value_span.end],
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (SettingName::Region, 1, "eu-west-1"),
                (SettingName::StsRegionalEndpoints, 1, "legacy"),
                (SettingName::StsRegionalEndpoints, 2, "legacy"),
                (SettingName::Region, 2, "aws-global"),
            ]
        );
        assert_eq!(
            facts.contexts[2].kind,
            ContextKind::DockerStage {
                base_image: "alpine".into()
            }
        );
    }

    #[test]
    fn legacy_env_form_and_run_endpoint() {
        let (source, facts) = facts(
            "FROM x\nENV AWS_STS_REGIONAL_ENDPOINTS legacy\nRUN set -e; \\\n  aws sts get-caller-identity --endpoint-url https://sts.amazonaws.com\n",
        );
        assert_eq!(facts.settings[0].value, "legacy");
        assert_eq!(source.line_col(facts.endpoints[0].span.start), (4, 46));
    }

    #[test]
    fn exec_form_run_installs() {
        let text = "FROM python:3.7\nRUN [\"pip\", \"install\", \"awscli==1.16.0\"]\n";
        let (source, facts) = facts(text);
        let c = &facts.clients[0];
        assert_eq!(&source.text[c.span.start..c.span.end], "==1.16.0");
        assert_eq!(c.context, 1);
    }

    #[test]
    fn escape_directive_and_comments_inside_continuations() {
        let (_, facts) = facts("# escape=`\nFROM x\nENV A=1 `\n# note\n    AWS_REGION=us-east-2\n");
        assert_eq!(facts.settings[0].value, "us-east-2");
    }
}
