//! A SIGTERM sent the moment the ready line is read stops the sandbox
//! cleanly, with its state saved: the signal handler exists before the line
//! is printed. (Before, the line came first and a SIGTERM that arrived
//! before the handler killed the process with the default action, losing
//! the state: one in several runs of the restart test failed.)
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::os::unix::process::ExitStatusExt;

use common::Server;

#[test]
fn a_sigterm_right_after_the_ready_line_saves_the_state_and_exits_cleanly() {
    let dir = std::env::temp_dir().join(format!(
        "dealer-sandbox-signals-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    for round in 0..20 {
        let file = dir.join(format!("state-{round}.json"));
        let state = file.to_str().unwrap().to_owned();
        // one vendor: the quickest start, so the race is at its widest
        let server = Server::start(&["--state", &state, "--vendor", "promotions"]);
        let status = server.terminate();
        assert!(
            status.success(),
            "round {round}: {status} (signal {:?})",
            status.signal()
        );
        let saved: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        assert!(saved["promotions"].is_object(), "round {round}: {saved}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
