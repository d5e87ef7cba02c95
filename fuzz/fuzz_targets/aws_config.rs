//! Fuzz target: the aws config extractor and every rule, on arbitrary bytes named `.aws/config`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| stslint::fuzzing::lint_bytes(FileKind::AwsConfig, ".aws/config", data));
