//! The `stslint` binary: parse arguments, run, map the outcome to an exit code.
//!
//! The global allocator is mimalloc: a lint run makes many small, short-lived allocations on every
//! thread (tokens, facts, findings), and glibc's allocator spent a fifth of the CPU on them on
//! finding-dense trees (mimalloc took a sixth off a run there). Its v2 line (the crate's `v2`
//! feature) was faster than v3 on such a tree, and without transparent huge pages (`no_thp`): the
//! first huge page is zeroed at start-up, 0.3 ms, a sixth of a pre-commit run on one file, for 5%
//! on the dense tree. The library keeps the system allocator, so the fuzz targets and tests run
//! under the sanitizers' own.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(stslint::cli::main(std::env::args_os().collect()))
}
