//! The integration tests, one binary: each module is one area, run against the library or the built
//! `stslint` binary. One binary links the crate once instead of once per file, which keeps the build
//! small and fast (`cargo test` on a fresh machine); `cargo test --test it <module>::` runs one area.

mod support;

mod ci;
mod cli;
mod cli_clients;
mod cmd;
mod code_cli;
mod conventions;
mod corpus;
mod determinism;
mod docs;
mod doctor;
mod driver;
mod fixes;
mod fuzz_regressions;
mod globs;
mod hostile;
mod install;
mod kinds;
mod precommit;
mod properties;
mod readme;
mod report;
mod report_browser;
mod repos;
mod rules;
mod scaling;
mod secrets;
mod skipped;
mod terminal;
mod trail;
