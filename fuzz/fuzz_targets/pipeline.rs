//! Fuzz target: the whole check pipeline on an in-memory file. The first line is the file's name,
//! which decides its kind as on disk (`.aws/config`, `Dockerfile`, `package-lock.json`, …); the rest is
//! its content.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(newline) = data.iter().position(|&b| b == b'\n') else {
        return;
    };
    let name = String::from_utf8_lossy(&data[..newline]);
    if let Some(kind) = stslint::classify::classify(std::path::Path::new(name.as_ref())) {
        stslint::fuzzing::lint_bytes(kind, &name, &data[newline + 1..]);
    }
});
