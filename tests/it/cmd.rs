//! Command-line cases as data: each `tests/cmd/NAME.toml` gives the arguments, the input tree it
//! runs in (a `*.in/` folder, copied to a sandbox so a case cannot change it), the exit code and the
//! exact output (`NAME.stdout`, `NAME.stderr`). `TRYCMD=overwrite cargo test --test it cmd::`
//! rewrites the expected output; read the diff before committing it.

#[test]
fn command_line_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "stslint",
            std::path::Path::new(env!("CARGO_BIN_EXE_stslint")),
        )
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}
