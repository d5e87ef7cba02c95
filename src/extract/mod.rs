//! Extract stage: one extractor per file kind turns syntax into [`facts::FileFacts`].

pub mod aws_config;
pub mod dockerfile;
pub mod dotenv;
pub mod facts;
pub mod shell;
pub mod yaml;

use crate::classify::FileKind;
use crate::source::SourceFile;
use facts::FileFacts;

/// Runs the extractor for the file's kind.
pub fn extract(source: &SourceFile) -> FileFacts {
    let mut facts = match source.kind {
        FileKind::AwsConfig | FileKind::AwsCredentials => aws_config::extract(source),
        FileKind::Shell => shell::extract(source),
        FileKind::DotEnv => dotenv::extract(source),
        FileKind::Dockerfile => dockerfile::extract(source),
        FileKind::Yaml => yaml::extract(source),
    };
    facts
        .secrets
        .extend(crate::secrets::find_key_ids(&source.text));
    facts.secrets.sort();
    facts.secrets.dedup();
    facts
}
