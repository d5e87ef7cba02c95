//! Extractor for Terraform (placeholder, filled in below).

use super::facts::FileFacts;
use crate::source::SourceFile;

pub fn extract(source: &SourceFile) -> FileFacts {
    FileFacts::new(source.kind)
}
