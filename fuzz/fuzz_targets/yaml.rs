//! Fuzz target: the yaml extractor and every rule, on arbitrary bytes named `deploy.yaml`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| stslint::fuzzing::lint_bytes(FileKind::Yaml, "deploy.yaml", data));
