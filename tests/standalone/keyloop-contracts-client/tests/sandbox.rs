//! The sandbox test of the `keyloop-contracts-client` README, run for real.

use keyloop_contracts_client::TryStreamExt;
use keyloop_contracts_client::sandbox::Sandbox;

#[tokio::test]
async fn the_sandbox_vehicle_has_its_warranty() -> Result<(), keyloop_contracts_client::Error> {
    let sandbox = Sandbox::start().await;
    let keyloop = sandbox.client()?;
    let contracts: Vec<_> = keyloop.contracts().list(Sandbox::VEHICLE_ID).stream().try_collect().await?;
    assert!(contracts.iter().any(|c| c.contract_id == Sandbox::WARRANTY_CONTRACT_ID));
    Ok(())
}
