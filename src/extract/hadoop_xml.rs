//! Extractor for Hadoop configuration XML (`core-site.xml`, `emrfs-site.xml`, `hive-site.xml`): each
//! `<configuration><property><name>…</name><value>…</value></property>` whose name sets an STS endpoint
//! ([`super::hadoop::STS_ENDPOINT_PROPERTIES`]).
//!
//! quick-xml supplies the events; a text's span comes from the reader's byte positions, trimmed of the
//! surrounding whitespace, so it covers exactly the value as written. Values written with entities or
//! CDATA are read as their raw text and so never look like an STS host: nothing is claimed about them.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::facts::{FileFacts, Problem};
use crate::source::{SourceFile, Span};

/// One `<property>` being read: its name and value with their spans.
#[derive(Default)]
struct Property {
    name: Option<(String, Span)>,
    value: Option<(String, Span)>,
}

pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = FileFacts::new(source.kind);
    let text = &source.text;
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut current: Option<Property> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event();
        let after = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_owned();
                if name == "property" {
                    current = Some(Property::default());
                }
                path.push(name);
            }
            Ok(Event::End(_)) => {
                if path.pop().as_deref() == Some("property")
                    && let Some(Property {
                        name: Some((name, name_span)),
                        value: Some((value, value_span)),
                    }) = current.take()
                    && super::hadoop::is_sts_endpoint_property(&name)
                {
                    super::hadoop::push_property(
                        &mut facts, &name, name_span, &value, value_span, 0,
                    );
                }
            }
            Ok(Event::Text(_)) => {
                let (Some(raw), true) = (text.get(before..after), before <= after) else {
                    continue;
                };
                let lead = raw.len() - raw.trim_start().len();
                let value = raw.trim();
                let span = Span::new(before + lead, before + lead + value.len());
                let in_property = path.len() >= 2
                    && path.get(path.len() - 2).map(String::as_str) == Some("property");
                if let (Some(property), true) = (current.as_mut(), in_property) {
                    match path.last().map(String::as_str) {
                        Some("name") => property.name = Some((value.to_owned(), span)),
                        Some("value") => property.value = Some((value.to_owned(), span)),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                let at = before.min(text.len());
                facts.problems.push(Problem {
                    message: format!("malformed XML: {e}"),
                    span: Span::new(at, at),
                });
                break;
            }
            Ok(_) => {}
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::FileKind;
    use crate::knowledge::hosts::Host;

    #[test]
    fn sts_endpoint_properties_with_exact_spans() {
        let text = r#"<?xml version="1.0"?>
<configuration>
  <property>
    <name>fs.s3a.assumed.role.sts.endpoint</name>
    <value>
      https://sts.amazonaws.com
    </value>
  </property>
  <property>
    <name>fs.s3a.assumed.role.sts.endpoint.region</name>
    <value>us-east-1</value>
  </property>
  <!-- <property><name>fs.s3.sts.endpoint</name><value>sts.amazonaws.com</value></property> -->
  <property>
    <name>fs.s3.sts.endpoint</name>
    <value>https://sts.eu-west-1.amazonaws.com</value>
  </property>
</configuration>
"#;
        let source = SourceFile::from_text("core-site.xml", FileKind::HadoopXml, text);
        let facts = extract(&source);
        let got: Vec<_> = facts
            .endpoints
            .iter()
            .map(|e| {
                (
                    e.via.as_str(),
                    &text[e.span.start..e.span.end],
                    e.host == Host::Global,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "fs.s3a.assumed.role.sts.endpoint",
                    "https://sts.amazonaws.com",
                    true
                ),
                (
                    "fs.s3.sts.endpoint",
                    "https://sts.eu-west-1.amazonaws.com",
                    false
                ),
            ]
        );
        let bad = SourceFile::from_text(
            "core-site.xml",
            FileKind::HadoopXml,
            "<configuration><a></b>",
        );
        assert_eq!(extract(&bad).problems.len(), 1);
    }
}
