//! Every crash the fuzzers found, kept as a regression: `tests/fuzz-regressions/<file-kind>/<input>`.
//! Each input goes through the same invariant checks as the fuzz targets.

use std::fs;
use std::path::Path;

use stslint::classify::FileKind;

#[test]
fn fuzz_crash_inputs_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    let mut count = 0;
    for dir in fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let kind = FileKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == name)
            .unwrap_or_else(|| panic!("`{name}` is not a file kind"));
        for input in fs::read_dir(&dir).unwrap() {
            let input = input.unwrap().path();
            stslint::fuzzing::lint_bytes(kind, "regression", &fs::read(&input).unwrap());
            count += 1;
        }
    }
    assert!(count > 0);
}
