//! Extract stage, shared syntax: readers of a syntax that several extractors share (the source-code
//! lexer; JSON and TOML with their byte spans). They record no facts of their own, only parse
//! problems, and no module here imports an extractor.

pub mod json;
pub mod lexer;
pub mod toml_doc;
