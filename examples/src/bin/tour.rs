//! The tour: a realistic day at a dealership across every vendor, each
//! against its embedded sandbox (no credentials, no network) unless `--live`.
//!
//! ```text
//! cargo run -p examples --bin tour              # spinners on a terminal
//! cargo run -p examples --bin tour -- --plain   # one line per step
//! cargo run -p examples --bin tour -- --json    # a JSON summary
//! cargo run -p examples --bin tour -- --live    # live vendors where configured
//! ```

use std::process::ExitCode;

use examples::say;
use examples::tour::{self, Config, LIVE_ENV, Output};

fn help() -> String {
    let mut text = String::from(
        "tour: a day at a dealership across Autengo, Autoloan Finland + Alfa 6 Cloud,\n\
         Promotions (Aqua Finance), Line5 and Keyloop, with the dealer-finance SDKs.\n\n\
         USAGE: tour [--plain | --json] [--live]\n\n\
         OPTIONS\n\
         \x20 --plain   one plain line per step (the default when not on a terminal)\n\
         \x20 --json    print only a machine-readable JSON summary\n\
         \x20 --live    use the real vendor for each vendor whose variables below are\n\
         \x20           all set; the others run against their embedded sandbox\n\
         \x20 -h, --help\n\n\
         ENVIRONMENT (read only with --live; secrets are never printed)\n",
    );
    for (vendor, vars) in LIVE_ENV {
        text.push_str(&format!("  {vendor:<11} {}\n", vars.join(", ")));
    }
    text.push_str("\nExit status: 0 when every step succeeded, 1 otherwise, 2 on bad usage.\n");
    text
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut output: Option<(Output, &str)> = None;
    let mut live = false;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for arg in &args {
        let chosen = match arg.as_str() {
            "--plain" => (Output::Plain, "--plain"),
            "--json" => (Output::Json, "--json"),
            "--live" => {
                live = true;
                continue;
            }
            "-h" | "--help" => {
                say!("{}", help().trim_end());
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("tour: unknown argument {other:?}\n\n{}", help());
                return ExitCode::from(2);
            }
        };
        match output {
            Some((previous, flag)) if previous != chosen.0 => {
                eprintln!(
                    "tour: {flag} and {} cannot be used together\n\n{}",
                    chosen.1,
                    help()
                );
                return ExitCode::from(2);
            }
            _ => output = Some(chosen),
        }
    }
    let output = output.map_or_else(Output::detect, |(o, _)| o);
    if output != Output::Json {
        say!(
            "A day at the dealership{}",
            if live {
                " (live where configured)"
            } else {
                " (sandboxes)"
            }
        );
    }
    let report = tour::run(Config { output, live }).await;
    report.finish();
    if report.all_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
