//! Tour step for line5 (written against the client once it lands).

use super::{Context, Reporter};

/// Environment variables for `--live`.
pub const LIVE_ENV: &[&str] = &[];

/// Runs the line5 steps.
pub async fn run(r: &mut Reporter, _ctx: &mut Context, _live: bool) {
    r.skipped("line5", "all steps", "client not built yet");
}
