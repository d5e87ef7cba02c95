//! Fuzz target: the dotenv extractor and every rule, on arbitrary bytes named `.env`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| stslint::fuzzing::lint_bytes(FileKind::DotEnv, ".env", data));
