//! The `stslint` binary: parse arguments, run, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(stslint::cli::main(std::env::args_os().collect()))
}
