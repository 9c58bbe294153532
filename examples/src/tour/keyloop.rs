//! Tour step for keyloop (written against the client once it lands).

use super::{Context, Reporter};

/// Environment variables for `--live`.
pub const LIVE_ENV: &[&str] = &[];

/// Runs the keyloop steps.
pub async fn run(r: &mut Reporter, _ctx: &mut Context, _live: bool) {
    r.skipped("keyloop", "all steps", "client not built yet");
}
