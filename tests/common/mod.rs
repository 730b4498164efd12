//! What the CLI's integration tests share: running the built `nianbao` from
//! the repository root, and a scratch folder per test binary.

#![allow(dead_code)] // each test binary uses its own part of it

use std::path::PathBuf;
use std::process::{Command, Output};

/// The report most tests start from (one error, three warnings).
pub const SAMPLE: &str = "tests/fixtures/hongsibao-2025.json";

/// Runs the CLI with `args` from the repository root.
pub fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs the CLI")
}

/// A run's standard output, which must be UTF-8.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A path in this test binary's scratch folder (created when first asked).
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-{}-{}", env!("CARGO_CRATE_NAME"), std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}
