//! The tour binary as a shell user meets it: a closed pipe ends it quietly,
//! conflicting flags are a usage error, text mode says where each vendor ran.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn tour() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tour"));
    // no --live: never reach a real vendor, whatever the environment holds
    c.env_clear();
    c
}

/// `tour --plain | head -1`: the reader goes away after one line (and, in
/// the second case, before any); the tour must end with status 0 and no
/// panic message.
#[test]
fn a_closed_pipe_ends_the_tour_quietly() {
    for lines_read in [1, 0] {
        let mut child = tour()
            .arg("--plain")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        if lines_read > 0 {
            let mut first = String::new();
            BufReader::new(stdout).read_line(&mut first).unwrap();
            assert!(first.starts_with("A day at the dealership"), "{first}");
        } else {
            drop(stdout);
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(0),
            "after {lines_read} line(s): {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn conflicting_output_flags_are_a_usage_error() {
    for args in [["--plain", "--json"], ["--json", "--plain"]] {
        let out = tour().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot be used together"), "{stderr}");
        assert!(stderr.contains("USAGE: tour"), "usage is shown: {stderr}");
        assert!(out.stdout.is_empty(), "nothing ran");
    }
    // the same flag twice is not a conflict
    let out = tour().args(["--help", "--plain"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn text_mode_marks_each_vendor_sandbox_or_live() {
    let out = tour().arg("--plain").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let marks = text
        .matches("[sandbox] against the embedded sandbox")
        .count();
    assert_eq!(marks, 5, "one mark per vendor:\n{text}");
    assert!(!text.contains("[live]"), "{text}");
    // and the summary table has the column
    for vendor in ["Autengo", "Autoloan", "Promotions", "Line5", "Keyloop"] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(vendor) && l.contains(" sandbox ")),
            "{vendor} in the summary:\n{text}"
        );
    }
}
