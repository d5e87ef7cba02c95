//! Fix stage, the write-back: a fixed file replaces the original atomically or not at all.
//!
//! The new bytes go to a temporary file in the same directory (so the rename cannot cross file
//! systems), are fsynced, get the original's mode bits, and are renamed over the original; a reader
//! sees the old file or the new one, never half of each. Before the rename the original is compared
//! with the bytes stslint read, so an edit made meanwhile (an editor saving) is never clobbered.
//! `tempfile` creates the temporary file (unique name, `O_EXCL`, removed again on every error path).

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The directories a fix may write into: every directory named on the command line, and the directory
/// of every file named there. A path that resolves (through a symlink) to anywhere else is not written.
#[derive(Debug, Clone, Default)]
pub struct Roots {
    dirs: Vec<PathBuf>,
}

impl Roots {
    pub fn new(paths: &[PathBuf]) -> Self {
        let dirs = paths
            .iter()
            .filter_map(|p| {
                // `symlink_metadata`: a symlink named on the command line is a file, and its own
                // directory is the root, not the directory of its target.
                let meta = std::fs::symlink_metadata(p).ok()?;
                let dir = if meta.is_dir() {
                    p.clone()
                } else {
                    match p.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                        _ => PathBuf::from("."),
                    }
                };
                std::fs::canonicalize(dir).ok()
            })
            .collect();
        Roots { dirs }
    }

    /// Whether a canonical path lies inside one of the roots.
    pub fn contains(&self, canonical: &Path) -> bool {
        self.dirs.iter().any(|d| canonical.starts_with(d))
    }
}

/// Why a fixed file was not written. Every variant leaves the original untouched.
#[derive(Debug)]
pub enum WriteError {
    /// The file has no write permission bit set.
    ReadOnly,
    /// The path resolves (through a symlink) to a file outside the paths being checked.
    OutsideRoots(PathBuf),
    /// The file on disk no longer holds the bytes stslint read.
    Changed,
    /// An I/O step failed.
    Io(String, io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::ReadOnly => write!(f, "the file is read-only; it was left untouched"),
            WriteError::OutsideRoots(target) => write!(
                f,
                "it resolves to `{}`, outside the paths being checked; stslint does not write through such a symlink",
                crate::source::display_path(target)
            ),
            WriteError::Changed => write!(
                f,
                "the file changed on disk after stslint read it; it was not overwritten (run stslint again)"
            ),
            WriteError::Io(step, e) => write!(
                f,
                "{step}: {}; the file was left untouched",
                crate::discover::io_message(e)
            ),
        }
    }
}

impl std::error::Error for WriteError {}

/// The steps of a write that a test needs to make fail: neither a full disk nor a failing rename can
/// be arranged portably once the temporary file is in place.
pub trait Rename {
    /// Writes the new bytes into the temporary file.
    fn write(&self, file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
}

/// `std::fs::rename`: atomic on POSIX and on NTFS (`MoveFileEx` with replace).
#[derive(Debug, Clone, Copy, Default)]
pub struct FsRename;

impl Rename for FsRename {
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
}

/// Replaces the file at `path`, which must still hold `expected`, with `new`.
pub fn write_atomic(
    path: &Path,
    expected: &[u8],
    new: &[u8],
    roots: &Roots,
) -> Result<(), WriteError> {
    write_atomic_with(path, expected, new, roots, &FsRename)
}

/// [`write_atomic`] with the rename step supplied by the caller.
pub fn write_atomic_with(
    path: &Path,
    expected: &[u8],
    new: &[u8],
    roots: &Roots,
    rename: &dyn Rename,
) -> Result<(), WriteError> {
    let io = |step: &str| {
        let step = step.to_owned();
        move |e| WriteError::Io(step, e)
    };
    // Write to the real file: renaming over a symlink would replace the link with a plain file.
    let target = std::fs::canonicalize(path).map_err(io("resolving the path"))?;
    if !roots.contains(&target) {
        return Err(WriteError::OutsideRoots(target));
    }
    let meta = std::fs::metadata(&target).map_err(io("reading the file's metadata"))?;
    if !meta.is_file() {
        return Err(WriteError::Io(
            "checking the file".into(),
            io::Error::other("not a regular file"),
        ));
    }
    // A rename needs no permission on the file itself, so the mode bits are checked here: the user
    // made the file read-only, and a fix must not get around that.
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let unchanged = |target: &Path| -> Result<(), WriteError> {
        let now = std::fs::read(target).map_err(io("re-reading the file"))?;
        if now == expected {
            Ok(())
        } else {
            Err(WriteError::Changed)
        }
    };
    unchanged(&target)?;
    let dir = target
        .parent()
        .ok_or_else(|| WriteError::Io("finding the directory".into(), io::Error::other("none")))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".stslint-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(&format!(
            "creating a temporary file in `{}`",
            crate::source::display_path(dir)
        )))?;
    rename
        .write(temp.as_file_mut(), new)
        .map_err(io("writing the temporary file"))?;
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(io("copying the file's permissions"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Best effort: only root may give a file away, and then it should keep its owner.
        let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    temp.as_file()
        .sync_all()
        .map_err(io("flushing the temporary file to disk"))?;
    // The last look before the rename: nothing may have changed the original meanwhile.
    let now = std::fs::metadata(&target).map_err(io("reading the file's metadata"))?;
    if now.len() != meta.len() || now.modified().ok() != meta.modified().ok() {
        return Err(WriteError::Changed);
    }
    unchanged(&target)?;
    // On error `temp` is dropped here, which deletes the temporary file; the original was never opened
    // for writing.
    rename
        .rename(temp.path(), &target)
        .map_err(io("replacing the file"))?;
    // The temporary name is gone now; forget it instead of deleting whatever might reuse it.
    let _ = temp.into_temp_path().keep();
    // Make the rename itself durable (POSIX only; opening a directory fails elsewhere).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    struct FailingRename;

    impl Rename for FailingRename {
        fn rename(&self, _: &Path, _: &Path) -> io::Result<()> {
            Err(io::Error::other("injected failure"))
        }
    }

    /// A disk that fills up halfway through the write.
    struct FullDisk;

    impl Rename for FullDisk {
        fn write(&self, file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        }

        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            std::fs::rename(from, to)
        }
    }

    #[test]
    fn full_disk_leaves_the_original_intact_and_cleans_up() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        let err = write_atomic_with(&file, b"A=legacy\n", b"A=regional\n", &roots, &FullDisk)
            .unwrap_err();
        assert!(
            err.to_string().contains("writing the temporary file"),
            "{err}"
        );
        assert!(err.to_string().contains("No space left"), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"A=legacy\n");
        assert_eq!(entries(dir.path()), [".env"]);
    }

    fn setup(content: &[u8]) -> (tempfile::TempDir, PathBuf, Roots) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".env");
        fs::write(&file, content).unwrap();
        let roots = Roots::new(&[dir.path().to_path_buf()]);
        (dir, file, roots)
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"A=regional\n");
        assert_eq!(entries(dir.path()), [".env"]);
    }

    #[test]
    fn failing_rename_leaves_the_original_intact_and_cleans_up() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        let err = write_atomic_with(
            &file,
            b"A=legacy\n",
            b"A=regional\n",
            &roots,
            &FailingRename,
        )
        .unwrap_err();
        assert!(err.to_string().contains("replacing the file"), "{err}");
        assert!(err.to_string().contains("left untouched"), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"A=legacy\n");
        assert_eq!(entries(dir.path()), [".env"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_clobbered() {
        let (_dir, file, roots) = setup(b"A=legacy\nB=edited by someone\n");
        let err = write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap_err();
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"A=legacy\nB=edited by someone\n");
    }

    #[test]
    fn read_only_file_is_refused() {
        let (_dir, file, roots) = setup(b"A=legacy\n");
        let mut perms = fs::metadata(&file).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&file, perms).unwrap();
        let err = write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap_err();
        assert!(matches!(err, WriteError::ReadOnly), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"A=legacy\n");
    }

    #[cfg(unix)]
    #[test]
    fn mode_bits_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, file, roots) = setup(b"A=legacy\n");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap();
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_written_through_only_inside_the_roots() {
        let (dir, _file, _) = setup(b"A=legacy\n");
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("real.env");
        fs::write(&target, b"A=legacy\n").unwrap();
        let link = dir.path().join("link.env");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        // Named on the command line itself: its directory is the root, the target is elsewhere.
        let roots = Roots::new(std::slice::from_ref(&link));
        let err = write_atomic(&link, b"A=legacy\n", b"A=regional\n", &roots).unwrap_err();
        assert!(matches!(err, WriteError::OutsideRoots(_)), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"A=legacy\n");
        // A link to a file inside the roots is followed, and stays a link.
        let inner = dir.path().join("inner.env");
        std::os::unix::fs::symlink(dir.path().join(".env"), &inner).unwrap();
        let roots = Roots::new(&[dir.path().to_path_buf()]);
        write_atomic(&inner, b"A=legacy\n", b"A=regional\n", &roots).unwrap();
        assert!(
            fs::symlink_metadata(&inner)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(dir.path().join(".env")).unwrap(), b"A=regional\n");
    }
}
