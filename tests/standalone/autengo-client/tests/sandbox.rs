//! The sandbox test of the `autengo-client` README, run for real.

use autengo_client::TryStreamExt;
use autengo_client::sandbox::Sandbox;

#[tokio::test]
async fn every_vehicle_of_the_sandbox_streams() -> Result<(), autengo_client::Error> {
    let sandbox = Sandbox::builder().vehicle_count(30).start().await;
    let autengo = sandbox.client()?;
    let cars: Vec<_> = autengo.vehicles().list().stream().try_collect().await?;
    assert_eq!(cars.len(), 30);
    Ok(())
}
