//! The `stslint` binary: parse arguments, run, map the outcome to an exit code.
//!
//! The global allocator is mimalloc: a lint run makes many small, short-lived allocations on every
//! thread (tokens, facts, findings), and glibc's allocator spent a fifth of the CPU on them on
//! finding-dense trees. The library keeps the system allocator, so the fuzz targets and tests run under
//! the sanitizers' own.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(stslint::cli::main(std::env::args_os().collect()))
}
