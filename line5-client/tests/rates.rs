//! Rates: coverages, deductibles, surcharges of a protection label.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::Id;

#[tokio::test]
async fn get_rates_sends_the_jsonapi_body_and_decodes_coverages() {
    let (server, client) = setup().await;
    api_with_body("GET", "/rates", fixture("rates_request"))
        .respond_with(answer(200, "rates_response"))
        .expect(1)
        .mount(&server)
        .await;
    let rates = client
        .rates()
        .get(&Id::from("28603"), &Id::from(54321u64))
        .await
        .unwrap();
    assert_eq!(rates.coverages.len(), 6);
    let c = rates.coverage(&Id::from(50072u64)).unwrap();
    assert_eq!(
        c.coverage_name.as_deref(),
        Some("Powertrain Extended Warranty - Used")
    );
    assert_eq!(c.form_id, Some(Id::from("5281")));
    assert_eq!(c.new, Some(false));
    assert_eq!(c.term_miles, None);
    assert_eq!(c.term_months, Some(48));
    let ded = &c.deductibles[0];
    assert_eq!(ded.id.as_str(), "140225");
    assert_eq!(ded.amount, d("0"));
    assert_eq!(ded.dealer_cost, Some(d("108.9")));
    assert_eq!(ded.retail_price, Some(d("326.7")));
    assert_eq!(ded.rate_id, Some(Id::from("15")));
    assert_eq!(c.surcharges.len(), 2);
    assert_eq!(c.surcharges[0].code.as_deref(), Some("221"));
    assert_eq!(c.surcharges[0].optional, Some(true));
    assert_eq!(c.surcharges[1].retail_price, Some(d("100.0")));
    assert_eq!(
        rates.coverage_names,
        [
            "Powertrain Extended Warranty - Used",
            "Powertrain Extended Warranty - New"
        ]
    );
    let terms = &rates.coverage_terms["Powertrain Extended Warranty - New"];
    assert_eq!(terms.len(), 3);
    assert_eq!(terms[2].id.as_str(), "50059");
    assert_eq!(terms[2].term_label.as_deref(), Some("24 months"));
}
