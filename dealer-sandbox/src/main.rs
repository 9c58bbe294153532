//! `dealer-sandbox`: the five vendor sandboxes of this workspace as one HTTP
//! server process, so front ends, Postman collections and tests in any
//! language can use the same stateful fakes the Rust crates' tests trust.
//!
//! Run `dealer-sandbox --help` for the options and a curl line per vendor.

mod args;
mod vendors;

use std::io::Write;
use std::process::ExitCode;

use args::{Args, Parsed};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Parsed::Run(args)) => args,
        Ok(Parsed::Help) => {
            print!("{}", args::help());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("dealer-sandbox: {message}\n(see dealer-sandbox --help)");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("dealer-sandbox: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dealer-sandbox: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let saved = match &args.state {
        Some(file) => vendors::load_state(file)?,
        None => serde_json::Value::Null,
    };
    let running = vendors::start(&args, &saved).await?;
    let mut stop = Stop::listen()?;
    let report = running.describe();
    let mut out = std::io::stdout().lock();
    let text = if args.json {
        format!("{report}\n")
    } else {
        vendors::human(&report)
    };
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;
    drop(out);

    stop.wait().await?;

    if let Some(file) = &args.state {
        // vendors not started this time keep what the file had for them
        let mut state = match saved {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        if let serde_json::Value::Object(now) = running.snapshot() {
            state.extend(now);
        }
        vendors::save_state(file, &serde_json::Value::Object(state))?;
    }
    drop(running);
    Ok(())
}

/// Ctrl-C (SIGINT) and, on Unix, SIGTERM, listened for from the moment it
/// is made: made before the ready line is printed, so that a signal sent as
/// soon as that line is read is caught (and the state saved) rather than
/// killing the process with the default action.
struct Stop {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl Stop {
    fn listen() -> Result<Stop, String> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Stop {
                interrupt: signal(SignalKind::interrupt())
                    .map_err(|e| format!("cannot listen for Ctrl-C: {e}"))?,
                terminate: signal(SignalKind::terminate())
                    .map_err(|e| format!("cannot listen for SIGTERM: {e}"))?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(Stop {})
        }
    }

    /// Until one of the signals arrives.
    async fn wait(&mut self) -> Result<(), String> {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => Ok(()),
                _ = self.terminate.recv() => Ok(()),
            }
        }
        #[cfg(not(unix))]
        {
            tokio::signal::ctrl_c()
                .await
                .map_err(|e| format!("cannot listen for Ctrl-C: {e}"))
        }
    }
}
