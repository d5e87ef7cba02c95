//! The kind table is the one declaration of a file kind: these tests hold it to what the extractors
//! really record, and make sure every kind feeds some rule.

use std::path::{Path, PathBuf};

use stslint::classify::{FileKind, KINDS, classify};
use stslint::rules::{self, Facts};
use stslint::source::SourceFile;

/// Every file of the fixture trees, the corpus and the repositories, with its kind.
fn sample_files() -> Vec<(PathBuf, FileKind)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for dir in ["fixtures", "corpus", "kinds", "repos"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file()
                && let Some(kind) = classify(entry.path())
            {
                out.push((entry.path().to_path_buf(), kind));
            }
        }
    }
    out
}

const FAMILIES: &[(Facts, &str)] = &[
    (Facts::STS_MODE, "sts mode"),
    (Facts::REGION, "region"),
    (Facts::USE_GLOBAL_ENDPOINT, "useGlobalEndpoint"),
    (Facts::IRSA, "irsa"),
    (Facts::CREDENTIAL_SOURCE, "credential source"),
    (Facts::ENDPOINTS, "endpoints"),
    (Facts::CLIENTS, "clients"),
    (Facts::PROFILES, "profiles"),
    (Facts::DEPRECATED_CONSTRUCTORS, "deprecated constructors"),
    (Facts::VPC_ENDPOINTS, "STS VPC endpoints"),
    (Facts::TOKEN_VERSION, "token version"),
    (Facts::TERRAFORM_VERSION, "terraform version"),
];

#[test]
fn extractors_record_only_what_the_kind_table_declares_and_all_of_it() {
    let mut seen = vec![Facts::NONE; KINDS.len()];
    for (path, kind) in sample_files() {
        let source = SourceFile::read(&path, path.clone(), kind)
            .unwrap()
            .unwrap();
        let found = Facts::of(&stslint::extract::extract(&source));
        let declared = kind.spec().yields;
        for (family, name) in FAMILIES {
            assert!(
                !found.intersects(*family) || declared.contains(*family),
                "{}: the {} extractor recorded {name}, which its row in the kind table does not declare",
                path.display(),
                kind.name()
            );
        }
        seen[kind as usize] = seen[kind as usize].or(found);
    }
    // A declaration no sample exercises is either wrong or untested: both are bugs in the table.
    let mut unexercised = Vec::new();
    for spec in KINDS {
        for (family, name) in FAMILIES {
            if spec.yields.contains(*family) && !seen[spec.kind as usize].contains(*family) {
                unexercised.push(format!("{}: {name}", spec.name));
            }
        }
    }
    assert!(
        unexercised.is_empty(),
        "declared in the kind table but yielded by no fixture or corpus file: {unexercised:#?}"
    );
}

#[test]
fn every_kind_feeds_a_rule_and_has_a_sample() {
    let samples = sample_files();
    for spec in KINDS {
        let readers: Vec<&str> = rules::ALL
            .iter()
            .filter(|r| r.reads != Facts::SUPPRESSIONS && r.reads.intersects(spec.yields))
            .map(|r| r.code)
            .collect();
        assert!(
            !readers.is_empty(),
            "no rule reads anything the {} extractor yields",
            spec.name
        );
        assert!(
            samples.iter().any(|(_, k)| *k == spec.kind),
            "kind {} has no fixture or corpus file",
            spec.name
        );
    }
}

#[test]
fn rules_list_the_kinds_that_can_feed_them() {
    let kinds = |code: &str| -> Vec<&str> {
        rules::find(code)
            .unwrap()
            .kinds()
            .map(|k| k.name())
            .collect()
    };
    assert_eq!(kinds("STS004"), ["aws-config", "aws-credentials"]);
    assert!(kinds("STS005").contains(&"terraform"));
    assert!(kinds("STS003").contains(&"terraform-json"));
    assert_eq!(kinds("STS103"), ["java"]);
    assert_eq!(
        kinds("STS900").len(),
        KINDS
            .iter()
            .filter(|k| !k.comment.markers.is_empty())
            .count()
    );
}
