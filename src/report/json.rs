//! report, render stage: the version-1 JSON document, the data behind the page (serde escapes every
//! control character itself).

use std::io::{self, Write};

use super::Data;

pub fn render(data: &Data, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, data).map_err(io::Error::other)?;
    writeln!(out)
}
