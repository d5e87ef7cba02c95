//! Fuzz target: the Terraform extractors (HCL through hcl-edit, JSON through the string scanner) and
//! every rule; the first byte picks `.tf` or `.tf.json`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stslint::classify::FileKind;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let (kind, name) = if pick % 2 == 0 {
        (FileKind::Terraform, "main.tf")
    } else {
        (FileKind::TerraformJson, "main.tf.json")
    };
    stslint::fuzzing::lint_bytes(kind, name, rest);
});
