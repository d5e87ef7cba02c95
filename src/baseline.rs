//! Baseline stage: `--write-baseline FILE` records today's findings by content fingerprint;
//! `--baseline FILE` then hides exactly those, so a legacy repository adopts stslint without fixing
//! everything first, and lists entries that match nothing any more (fixed, or the line changed).
//!
//! Fingerprints come from [`crate::fingerprint`]: rule, path and the masked, whitespace-normalised
//! line, never the line number, so unrelated edits above a finding keep it baselined.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::fingerprint::{artifact_path, fingerprints};
use crate::lint::Report;

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub path: String,
    /// For people reading the file; matching uses the fingerprint only.
    pub message: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// Today's findings as baseline entries, in report order.
pub fn from_report(report: &Report) -> Baseline {
    let mut entries = Vec::new();
    for file in &report.files {
        let path = artifact_path(&file.source.path);
        for (d, fingerprint) in file.diagnostics.iter().zip(fingerprints(file)) {
            entries.push(Entry {
                fingerprint,
                code: d.rule.code.to_owned(),
                path: path.clone(),
                message: d.message.clone(),
            });
        }
    }
    Baseline {
        version: VERSION,
        entries,
    }
}

pub fn write(path: &Path, baseline: &Baseline) -> Result<(), String> {
    let mut text = serde_json::to_string_pretty(baseline).map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text).map_err(|e| format!("writing baseline `{}`: {e}", path.display()))
}

pub fn load(path: &Path) -> Result<Baseline, String> {
    let text = crate::source::read_text_capped(path)
        .map_err(|e| format!("reading baseline `{}`: {e}", path.display()))?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        format!(
            "baseline `{}` is not a stslint baseline: {e}",
            path.display()
        )
    })?;
    if baseline.version != VERSION {
        return Err(format!(
            "baseline `{}` has version {}; this stslint reads version {VERSION}",
            path.display(),
            baseline.version
        ));
    }
    Ok(baseline)
}

/// Removes baselined findings from the report. Returns the stale entries: those that match no
/// finding although their file was linted in this run (`linted` holds artifact paths) or is gone.
pub fn apply(report: &mut Report, baseline: &Baseline, linted: &HashSet<String>) -> Vec<Entry> {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for e in &baseline.entries {
        *left.entry(e.fingerprint.as_str()).or_insert(0) += 1;
    }
    for file in &mut report.files {
        let prints = fingerprints(file);
        let mut keep = prints.iter().map(|p| match left.get_mut(p.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        file.diagnostics.retain(|_| keep.next().unwrap_or(true));
    }
    let mut stale = Vec::new();
    for e in &baseline.entries {
        if let Some(n) = left.get_mut(e.fingerprint.as_str())
            && *n > 0
            && (linted.contains(&e.path) || !Path::new(&e.path).exists())
        {
            *n -= 1;
            stale.push(e.clone());
        }
    }
    stale
}
