//! Extract stage, before an extractor runs: template directives (Helm and Go templates `{{ … }}`,
//! Jinja/Ansible `{% … %}` and `{# … #}`, chezmoi and yadm templates) are neutralised so the file
//! underneath can be parsed, keeping every byte offset.
//!
//! No template engine is run (rendering needs the chart's values, the host's facts): a directive's
//! output is unknown, so a line holding only directives becomes blank and a directive inside a line
//! becomes a placeholder of the same length. A value that a directive touches is recorded as unknown
//! ([`FileFacts::unknown_values`]): never a finding, and never an endpoint. Hand-written because no
//! crate neutralises (rather than renders) templates; the scan is one linear pass.

use std::path::Path;

use super::facts::FileFacts;
use crate::source::Span;

/// File-name suffixes that mark a template of the file named by the rest (`config.tmpl`,
/// `deployment.yaml.j2`, helmfile's `values.yaml.gotmpl`).
pub const TEMPLATE_SUFFIXES: &[&str] = &[".gotmpl", ".j2", ".jinja", ".jinja2", ".tmpl"];

/// The placeholder byte a directive inside a line becomes: a plain scalar character in YAML, a value
/// character in INI and env syntax, never part of a host name.
const PLACEHOLDER: u8 = b'_';

/// The template directives of one file.
#[derive(Debug, Default)]
pub struct Template {
    /// `{{ … }}`, `{% … %}`, `{# … #}`: neutralised before parsing.
    pub directives: Vec<Span>,
    /// CI expressions (`${{ … }}` in GitHub Actions, Azure Pipelines and Gitea): valid YAML as they
    /// stand, so left in place, but their values are known only when the pipeline runs.
    pub expressions: Vec<Span>,
}

impl Template {
    /// Finds every directive in one pass. An opener without its closer runs to the end of its line.
    pub fn scan(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut template = Template::default();
        let mut i = 0;
        while i + 1 < bytes.len() {
            let close: &[u8] = match (bytes[i], bytes[i + 1]) {
                (b'{', b'{') => b"}}",
                (b'{', b'%') => b"%}",
                (b'{', b'#') => b"#}",
                _ => {
                    i += 1;
                    continue;
                }
            };
            let start = i;
            let end = find_close(bytes, i + 2, close);
            let expression = close == b"}}" && start > 0 && bytes[start - 1] == b'$';
            if expression {
                template.expressions.push(Span::new(start - 1, end));
            } else {
                template.directives.push(Span::new(start, end));
            }
            i = end.max(start + 2);
        }
        template
    }

    /// Whether the file has anything to neutralise.
    pub fn is_templated(&self) -> bool {
        !self.directives.is_empty()
    }

    /// The text with every directive neutralised: the same length, the same line breaks, on the same
    /// character boundaries (a directive's bytes all become ASCII).
    pub fn neutralise(&self, text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        // Lines are found incrementally and each line is judged once, so a minified file with
        // thousands of directives on one line stays linear.
        let (mut line_start, mut scanned) = (0, 0);
        let mut line: Option<(usize, bool)> = None;
        for span in &self.directives {
            if let Some(i) = text[scanned..span.start].rfind('\n') {
                line_start = scanned + i + 1;
            }
            scanned = span.start;
            let own_line = match line {
                Some((line_end, own)) if span.start < line_end && span.end <= line_end => own,
                _ => {
                    let line_end = text[span.end..]
                        .find('\n')
                        .map_or(text.len(), |i| span.end + i);
                    // A line of directives and blanks only (`{{- if .Values.x }}`, `{% endfor %}`,
                    // `{{ toYaml .Values.labels | nindent 4 }}`) is blanked: what it renders to is
                    // unknown.
                    let own = self.only_directives(text, line_start, line_end);
                    line = Some((line_end, own));
                    own
                }
            };
            let fill = if own_line { b' ' } else { PLACEHOLDER };
            for b in &mut bytes[span.start..span.end] {
                if *b != b'\n' && *b != b'\r' {
                    *b = fill;
                }
            }
        }
        // Every replaced byte is ASCII and every untouched byte is the original's, so this cannot fail;
        // a multi-byte character is only ever replaced whole (directives start and end at ASCII bytes).
        String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
    }

    /// Whether `line_start..line_end` holds nothing but directives and whitespace.
    fn only_directives(&self, text: &str, line_start: usize, line_end: usize) -> bool {
        let first = self.directives.partition_point(|d| d.end <= line_start);
        let mut at = line_start;
        for d in &self.directives[first..] {
            if d.start >= line_end {
                break;
            }
            if !text[at..d.start.max(at)].trim().is_empty() {
                return false;
            }
            at = at.max(d.end);
        }
        at > line_start && text[at.min(line_end)..line_end].trim().is_empty()
    }

    /// Whether `span` touches a directive or an expression.
    pub fn touches(&self, span: Span) -> bool {
        let hit = |spans: &[Span]| {
            let i = spans.partition_point(|d| d.end <= span.start);
            spans
                .get(i)
                .is_some_and(|d| d.start < span.end || (span.is_empty() && d.start == span.start))
        };
        hit(&self.directives) || hit(&self.expressions)
    }

    /// Applies what the template means to facts read from the neutralised text: a value a directive
    /// touches is unknown (its value is shown as written), and an endpoint it touches is no endpoint.
    pub fn apply(&self, original: &str, facts: &mut FileFacts) {
        if self.directives.is_empty() && self.expressions.is_empty() {
            return;
        }
        facts.endpoints.retain(|e| !self.touches(e.span));
        facts.clients.retain(|c| !self.touches(c.span));
        for setting in &mut facts.settings {
            if self.touches(setting.value_span) {
                if let Some(written) =
                    original.get(setting.value_span.start..setting.value_span.end)
                {
                    setting.value = written.to_owned();
                }
                facts.unknown_values.push(setting.value_span);
            }
        }
        facts.unknown_values.sort_unstable();
        facts.unknown_values.dedup();
    }
}

/// The end of a directive opened before `from`: after its closer, or the end of the line (an
/// unterminated opener). Jinja statements and comments and Go template comments (`{{/* … */}}`) may
/// span lines; other Go actions end at their line. String literals (`"}}"`, `` `}}` ``) do not close it.
fn find_close(bytes: &[u8], from: usize, close: &[u8]) -> usize {
    let rest = &bytes[from..];
    let body = rest.strip_prefix(b"-").unwrap_or(rest);
    let body = &body[body.iter().take_while(|b| **b == b' ').count()..];
    let multiline = close != b"}}" || body.starts_with(b"/*");
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' && !multiline {
            return i;
        }
        match quote {
            Some(q) => {
                if b == b'\\' && q == b'"' {
                    i += 1;
                } else if b == q || (b == b'\n' && q == b'"') {
                    // A double-quoted literal never spans lines: an unmatched quote was text.
                    quote = None;
                }
            }
            None if b == b'"' || (b == b'`' && close == b"}}") => quote = Some(b),
            None if bytes[i..].starts_with(close) => return i + close.len(),
            None => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Whether a path names a template by its suffix (`dot_aws/config.tmpl`, `values.yaml.gotmpl`) or is a
/// yadm template alternate (`config##template`, `config##t.j2`).
pub fn by_name(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    TEMPLATE_SUFFIXES.iter().any(|s| name.ends_with(s)) || yadm_template(&name)
}

/// yadm's alternate-file conditions after `##` name a template with `template` or `t`, optionally
/// with a processor (`##template.j2`, `##t.esh`).
pub fn yadm_template(name: &str) -> bool {
    name.split_once("##").is_some_and(|(_, conditions)| {
        conditions.split(',').any(|c| {
            let c = c.split_once('.').map_or(c, |(k, _)| k);
            c == "t" || c == "template"
        })
    })
}

/// Whether a file sits in a Helm chart's `templates/` directory (a `Chart.yaml` beside it): it is a
/// template even where it holds no directive, so its parse errors are not syntax errors.
pub fn in_chart(path: &Path) -> bool {
    path.ancestors().skip(1).any(|dir| {
        dir.file_name().is_some_and(|n| n == "templates")
            && dir
                .parent()
                .is_some_and(|chart| chart.join("Chart.yaml").is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neutral(text: &str) -> String {
        Template::scan(text).neutralise(text)
    }

    #[test]
    fn neutralising_keeps_every_offset() {
        let text = "{{- if .Values.serviceAccount.create }}\nkind: ServiceAccount\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\n{{- end }}\n";
        let out = neutral(text);
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                "",
                "kind: ServiceAccount",
                "metadata:",
                "  name: ____________________________",
                "  labels:",
                "",
                ""
            ]
            .iter()
            .zip(text.lines())
            .map(|(want, orig)| if want.is_empty() {
                " ".repeat(orig.len())
            } else {
                (*want).to_owned()
            })
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn jinja_statements_comments_and_strings() {
        let text = "{# a comment\n spanning lines #}\n{% for r in regions %}\nregion: \"{{ r | default(\"}}\") }}\"\n{% endfor %}\nx: é{{ y }}é\n";
        let out = neutral(text);
        assert_eq!(out.len(), text.len());
        assert!(out.lines().next().unwrap().trim().is_empty());
        assert!(out.lines().nth(1).unwrap().trim().is_empty());
        assert!(out.lines().nth(2).unwrap().trim().is_empty());
        assert_eq!(
            out.lines().nth(3).unwrap(),
            format!(
                "region: \"{}\"",
                "_".repeat("{{ r | default(\"}}\") }}".len())
            )
        );
        assert_eq!(out.lines().nth(5).unwrap(), "x: é_______é");
    }

    #[test]
    fn ci_expressions_are_unknown_but_kept() {
        let text = "env:\n  MODE: ${{ vars.MODE }}\n";
        let t = Template::scan(text);
        assert!(!t.is_templated());
        assert_eq!(t.neutralise(text), text);
        assert!(t.touches(Span::new(12, 28)));
        assert!(!t.touches(Span::new(0, 4)));
    }

    #[test]
    fn unterminated_and_hostile_input_stays_linear_and_whole() {
        for text in ["{{", "{{ x", "a{%\n{{{{}}}}", "{#", "}}{{\"", "{{`\n\n"] {
            assert_eq!(neutral(text).len(), text.len(), "{text:?}");
        }
        let big = "{{ \"".repeat(50_000);
        assert_eq!(neutral(&big).len(), big.len());
        // Many directives on one long line (tests/it/scaling.rs holds it linear).
        let line = format!("k: {}\n", "a{{ x }}".repeat(1_000));
        assert_eq!(neutral(&line), format!("k: {}\n", "a_______".repeat(1_000)));
    }

    #[test]
    fn names() {
        assert!(by_name(Path::new("dot_aws/config.tmpl")));
        assert!(by_name(Path::new(".aws/config##template")));
        assert!(by_name(Path::new(".aws/config##os.Linux,t.j2")));
        assert!(!by_name(Path::new(".aws/config##os.Linux")));
        assert!(!by_name(Path::new("deploy.yaml")));
    }
}
