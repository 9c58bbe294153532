//! The sandbox test of the `promotions-client` README, run for real.

use promotions_client::BodyEncoding;
use promotions_client::sandbox::Sandbox;

#[tokio::test]
async fn an_application_has_promotions_in_both_encodings() -> Result<(), promotions_client::Error> {
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let sandbox = Sandbox::builder().encoding(encoding).start().await;
        let client = sandbox.client()?;
        let offered = client.promotions().for_application(Sandbox::APPLICATION_ID).await?;
        assert!(!offered.is_empty());
    }
    Ok(())
}
