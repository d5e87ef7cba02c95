//! Fix stage, the write-back: a fixed file replaces the original atomically or not at all.
//!
//! The new bytes go to a temporary file in the same directory (so the rename cannot cross file
//! systems), are fsynced, get the original's owner and then its mode bits (in that order: `fchown`
//! clears setuid and setgid), and are renamed over the original; a reader sees the old file or the new
//! one, never half of each. Before the rename the original is compared with the bytes stslint read and
//! with the identity it had (device, inode, size, modification time), so an edit made meanwhile (an
//! editor saving) is never clobbered. On Linux the replacement is a compare-and-swap: the two files
//! are exchanged atomically (`renameat2(RENAME_EXCHANGE)`), the file swapped out is checked once more,
//! and swapped back if anything wrote to it since the last look.
//!
//! A file with several hard links is refused: a rename would give this path new content and leave
//! the other links with the old. `tempfile` creates the temporary file (unique name, `O_EXCL`,
//! removed again on every error path); it is named `.stslint-<pid>-<random>.tmp`, registered while it
//! exists so that SIGINT and SIGTERM remove it (through `ctrlc`), and a later run removes any such file
//! whose process is gone.

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
    /// The file has this many hard links: replacing it would split them.
    HardLinked(u64),
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
            WriteError::HardLinked(n) => write!(
                f,
                "the file has {n} hard links; replacing it would leave the other links with the old text, so it was left untouched"
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

    /// Exchanges two paths atomically; `Ok(false)` where the platform or file system cannot.
    fn exchange(&self, _a: &Path, _b: &Path) -> io::Result<bool> {
        Ok(false)
    }
}

/// `std::fs::rename`: atomic on POSIX and on NTFS (`MoveFileEx` with replace).
#[derive(Debug, Clone, Copy, Default)]
pub struct FsRename;

impl Rename for FsRename {
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    #[cfg(target_os = "linux")]
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<bool> {
        use std::os::unix::ffi::OsStrExt;
        let c =
            |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
        let (a, b) = (c(a)?, c(b)?);
        // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            // Not supported by this kernel or file system: the caller renames instead.
            Some(libc::ENOSYS | libc::EINVAL | libc::ENOTSUP) => Ok(false),
            _ => Err(e),
        }
    }
}

/// What identifies the file stslint read: a replaced or rewritten file differs in one of these.
#[derive(Debug, PartialEq, Eq)]
struct Identity {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn identity(meta: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    let (dev, ino) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, ino) = (0, 0);
    Identity {
        dev,
        ino,
        len: meta.len(),
        modified: meta.modified().ok(),
    }
}

/// Temporary files that exist right now, removed by the signal handler.
static LIVE_TEMPS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// SIGINT and SIGTERM remove the live temporary files, then end the process as the signal would
/// (exit status 130). Installed once, on the first write; a handler someone else installed first is
/// left alone.
fn install_signal_cleanup() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if let Ok(live) = LIVE_TEMPS.lock() {
                for p in live.iter() {
                    let _ = std::fs::remove_file(p);
                }
            }
            std::process::exit(130);
        });
    });
}

/// The prefix of this process's temporary files: `.stslint-<pid>-`.
fn temp_prefix() -> String {
    format!(".stslint-{}-", std::process::id())
}

/// Removes `.stslint-<pid>-*.tmp` files in `dir` left by a process that no longer runs (killed with
/// SIGKILL, or a power cut): their content is a copy of a file, and nobody will rename them.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = name
            .strip_prefix(".stslint-")
            .and_then(|r| r.strip_suffix(".tmp"))
            .and_then(|r| r.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 only checks whether the process exists.
        let rc = unsafe { libc::kill(pid, 0) };
        rc == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
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
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(WriteError::HardLinked(meta.nlink()));
        }
    }
    let before = identity(&meta);
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
    install_signal_cleanup();
    remove_stale_temps(dir);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io(&format!(
            "creating a temporary file in `{}`",
            crate::source::display_path(dir)
        )))?;
    let temp_path = temp.path().to_path_buf();
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.push(temp_path.clone());
    }
    let result = fill_and_replace(&mut temp, &target, &meta, &before, new, rename, &unchanged);
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.retain(|p| *p != temp_path);
    }
    result?;
    // Make the rename itself durable (POSIX only; opening a directory fails elsewhere).
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes the temporary file, gives it the original's owner and mode, and puts it in place; on any
/// error the temporary file is deleted when `temp` is dropped by the caller, and the original is
/// untouched.
fn fill_and_replace(
    temp: &mut tempfile::NamedTempFile,
    target: &Path,
    meta: &std::fs::Metadata,
    before: &Identity,
    new: &[u8],
    rename: &dyn Rename,
    unchanged: &dyn Fn(&Path) -> Result<(), WriteError>,
) -> Result<(), WriteError> {
    let io = |step: &str| {
        let step = step.to_owned();
        move |e| WriteError::Io(step, e)
    };
    rename
        .write(temp.as_file_mut(), new)
        .map_err(io("writing the temporary file"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Best effort: only root may give a file away, and then it should keep its owner. Before the
        // mode: a chown clears the setuid and setgid bits.
        let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(io("copying the file's permissions"))?;
    temp.as_file()
        .sync_all()
        .map_err(io("flushing the temporary file to disk"))?;
    // The last look before the swap: nothing may have changed or replaced the original meanwhile.
    let now = std::fs::metadata(target).map_err(io("reading the file's metadata"))?;
    if identity(&now) != *before {
        return Err(WriteError::Changed);
    }
    unchanged(target)?;
    if rename
        .exchange(temp.path(), target)
        .map_err(io("replacing the file"))?
    {
        // The original now sits at the temporary path: if it was written since the last look, swap
        // it back (a compare-and-swap), else the temporary path holds only the old text.
        let swapped = std::fs::symlink_metadata(temp.path()).map(|m| identity(&m));
        if swapped.as_ref().ok() != Some(before) || unchanged(temp.path()).is_err() {
            rename
                .exchange(temp.path(), target)
                .map_err(io("restoring the file changed during the write"))?;
            return Err(WriteError::Changed);
        }
        return Ok(());
    }
    rename
        .rename(temp.path(), target)
        .map_err(io("replacing the file"))?;
    // The temporary name is gone now; dropping `temp` finds nothing to delete.
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

    #[cfg(unix)]
    #[test]
    fn setuid_setgid_and_sticky_bits_survive_the_chown() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, file, roots) = setup(b"A=legacy\n");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o7755)).unwrap();
        let want = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap();
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode, want);
        assert_ne!(mode & 0o6000, 0, "the set-id bits were not kept: {mode:o}");
    }

    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_refused_not_split() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        let other = dir.path().join("other.env");
        fs::hard_link(&file, &other).unwrap();
        let err = write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap_err();
        assert!(matches!(err, WriteError::HardLinked(2)), "{err}");
        assert!(err.to_string().contains("2 hard links"), "{err}");
        assert_eq!(fs::read(&other).unwrap(), b"A=legacy\n");
        assert_eq!(fs::read(&file).unwrap(), b"A=legacy\n");
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_dead_processes_are_removed_and_live_ones_kept() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        // No process has pid 2^22 + 1 (above Linux's pid_max default range); this one does.
        let dead = dir.path().join(".stslint-4194305-abc123.tmp");
        let alive = dir
            .path()
            .join(format!(".stslint-{}-zzz.tmp", std::process::id()));
        let foreign = dir.path().join(".stslint-notes.tmp");
        for p in [&dead, &alive, &foreign] {
            fs::write(p, b"copy").unwrap();
        }
        write_atomic(&file, b"A=legacy\n", b"A=regional\n", &roots).unwrap();
        assert!(!dead.exists());
        assert!(alive.exists() && foreign.exists());
        assert!(temp_prefix().starts_with(".stslint-"));
    }

    /// A writer that appends to the original at the last moment, after stslint's final check.
    #[cfg(target_os = "linux")]
    struct LateAppend(PathBuf);

    #[cfg(target_os = "linux")]
    impl Rename for LateAppend {
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            std::fs::rename(from, to)
        }

        fn exchange(&self, a: &Path, b: &Path) -> io::Result<bool> {
            use std::io::Write;
            if b == self.0.as_path() {
                let mut f = fs::OpenOptions::new().append(true).open(b)?;
                f.write_all(b"B=appended\n")?;
                f.sync_all()?;
            }
            FsRename.exchange(a, b)
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_append_that_lands_at_the_swap_is_not_lost() {
        let (dir, file, roots) = setup(b"A=legacy\n");
        let target = fs::canonicalize(&file).unwrap();
        let result = write_atomic_with(
            &file,
            b"A=legacy\n",
            b"A=regional\n",
            &roots,
            &LateAppend(target),
        );
        // Where the file system cannot exchange, the rename path ran and the append came before the
        // check; either way the appended line is on disk.
        let now = fs::read(&file).unwrap();
        if result.is_err() {
            assert!(matches!(result, Err(WriteError::Changed)));
            assert_eq!(now, b"A=legacy\nB=appended\n");
        }
        assert!(
            String::from_utf8_lossy(&now).contains("B=appended"),
            "{now:?}"
        );
        assert_eq!(entries(dir.path()), [".env"]);
    }
}
