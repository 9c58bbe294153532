//! The sandbox test of the `line5-client` README, run for real.

use line5_client::sandbox::Sandbox;

#[tokio::test]
async fn the_sandbox_has_users_and_protections() -> Result<(), line5_client::Error> {
    let sandbox = Sandbox::start().await;
    // the same as Client::builder().api_key(..).base_url(sandbox.url()).build()
    let line5 = sandbox.client()?;
    assert!(!line5.users().list().await?.is_empty());
    assert!(!line5.protections().list().await?.is_empty());
    Ok(())
}
