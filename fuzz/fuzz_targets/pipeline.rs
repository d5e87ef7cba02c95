//! Fuzz target: the whole check pipeline on an in-memory file; the first byte picks the file kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let kind = FileKind::ALL[pick as usize % FileKind::ALL.len()];
    stslint::fuzzing::lint_bytes(kind, "fuzzed", rest);
});
