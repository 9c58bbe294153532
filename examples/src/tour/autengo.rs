//! Tour step for autengo (written against the client once it lands).

use super::{Context, Reporter};

/// Environment variables for `--live`.
pub const LIVE_ENV: &[&str] = &[];

/// Runs the autengo steps.
pub async fn run(r: &mut Reporter, _ctx: &mut Context, _live: bool) {
    r.skipped("autengo", "all steps", "client not built yet");
}
