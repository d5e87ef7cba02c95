//! report, render stage: the version-1 JSON document, the data behind the page, written through the
//! output sanitizer's JSON writer (serde escapes C0 controls; the writer escapes what serde leaves
//! raw: DEL, C1, bidirectional and invisible characters, `##[`).

use std::io::{self, Write};

use super::Data;
use crate::sanitize::JsonWriter;

pub fn render(data: &Data, out: &mut dyn Write) -> io::Result<()> {
    let mut out = JsonWriter::new(out);
    serde_json::to_writer_pretty(&mut out, data).map_err(io::Error::other)?;
    writeln!(out)?;
    out.flush()
}
