//! The `dealer-sandbox` binary as a child process: started with `--json
//! --port-base 0`, its ready line read, stopped with SIGTERM.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_dealer-sandbox");
const START_LIMIT: Duration = Duration::from_secs(30);
const STOP_LIMIT: Duration = Duration::from_secs(15);

/// A running `dealer-sandbox --json --port-base 0 ..`; killed if dropped running.
pub struct Server {
    child: Child,
    pub info: Value,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .args(["--json", "--port-base", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn dealer-sandbox");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = match rx.recv_timeout(START_LIMIT) {
            Ok(line) => line,
            Err(_) => {
                let _ = child.kill();
                panic!("dealer-sandbox printed nothing within {START_LIMIT:?}");
            }
        };
        let info: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("--json output is not JSON ({e}): {line:?}"));
        Server { child, info }
    }

    pub fn vendor(&self, name: &str) -> &Value {
        &self.info["vendors"][name]
    }

    pub fn text(&self, vendor: &str, key: &str) -> String {
        self.vendor(vendor)[key]
            .as_str()
            .unwrap_or_else(|| panic!("{vendor}.{key} missing in {}", self.info))
            .to_owned()
    }

    pub fn credential(&self, vendor: &str, key: &str) -> String {
        self.vendor(vendor)["credentials"][key]
            .as_str()
            .unwrap_or_else(|| panic!("{vendor}.credentials.{key} missing"))
            .to_owned()
    }

    /// SIGTERM through the `kill` command, then waits (bounded).
    pub fn terminate(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -TERM {pid} failed");
        let deadline = Instant::now() + STOP_LIMIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "no exit within {STOP_LIMIT:?} of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
