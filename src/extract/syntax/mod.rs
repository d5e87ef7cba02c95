//! Extract stage, shared syntax: readers of a syntax that several extractors share (JSON and TOML with
//! their byte spans). They record no facts of their own, only parse problems; no module here imports
//! an extractor.

pub mod json;
pub mod toml_doc;
