//! Extract stage: one extractor per file kind turns syntax into [`facts::FileFacts`].

pub mod aws_config;
pub mod code;
pub mod csharp;
pub mod dockerfile;
pub mod dotenv;
pub mod facts;
pub mod go;
pub mod java;
pub mod javascript;
pub mod php;
pub mod python;
pub mod ruby;
pub mod rust_lang;
pub mod shell;
pub mod terraform;
pub mod terraform_json;
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
        FileKind::Python => python::extract(source),
        FileKind::JavaScript => javascript::extract(source),
        FileKind::Go => go::extract(source),
        FileKind::Jvm => java::extract(source),
        FileKind::CSharp => csharp::extract(source),
        FileKind::Ruby => ruby::extract(source),
        FileKind::Php => php::extract(source),
        FileKind::Rust => rust_lang::extract(source),
        FileKind::Terraform => terraform::extract(source),
        FileKind::TerraformJson => terraform_json::extract(source),
    };
    facts
        .secrets
        .extend(crate::secrets::find_key_ids(&source.text));
    facts.secrets.sort();
    facts.secrets.dedup();
    facts
}
