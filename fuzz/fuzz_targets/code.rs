//! Fuzz target: the source-code extractors (shared lexer and binding analysis) and every rule; the
//! first byte picks the language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let code: Vec<FileKind> = FileKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_source_code())
        .collect();
    let kind = code[pick as usize % code.len()];
    stslint::fuzzing::lint_bytes(kind, "fuzzed", rest);
});
