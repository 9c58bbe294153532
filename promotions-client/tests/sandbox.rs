#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Flows against the sandbox, in both body encodings.
#![cfg(feature = "sandbox")]

use forecourt_core::SecretString;
use promotions_client::sandbox::Sandbox;
use promotions_client::{
    AmountFinanced, BodyEncoding, CreditType, Error, LoanType, PromotionSearch, SetPromotion,
    State, lowest_payment,
};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn search(app: i64, amount: &str, credit: CreditType, state: State) -> PromotionSearch {
    PromotionSearch::builder()
        .application_id(app)
        .amount_financed(AmountFinanced::new(dec(amount)).unwrap())
        .credit_type(credit)
        .state(state)
        .build()
}

fn ids(list: &[promotions_client::Promotion]) -> Vec<i64> {
    list.iter().map(|p| p.id).collect()
}

async fn dealer_flow(encoding: BodyEncoding) {
    let sandbox = Sandbox::start().await;
    let client = sandbox
        .client_builder()
        .body_encoding(encoding)
        .build()
        .unwrap();
    let app = Sandbox::APPLICATION_ID;

    // 1. the application's promotions at its own amount (12,500.00, TX, individual)
    let offered = client.promotions().for_application(app).await.unwrap();
    assert_eq!(ids(&offered), [1234, 9876, 5001]);
    let types: Vec<_> = offered.iter().map(|p| p.loan_type()).collect();
    assert!(types.contains(&LoanType::Revolving) && types.contains(&LoanType::ClosedEnd));
    let at_12500 = AmountFinanced::new(dec("12500.00")).unwrap();
    for p in &offered {
        assert_eq!(
            p.estimated_monthly_payment_for(at_12500).unwrap(),
            p.estimated_monthly_payment
        );
    }
    assert_eq!(offered[0].estimated_monthly_payment, dec("438")); // 437.50 rounded up
    assert_eq!(offered[2].estimated_monthly_payment.to_string(), "253.3875"); // closed-end, exact
    assert_eq!(offered[2].apr.to_string(), "7.9900"); // digits survive the wire

    // 2. the amount financed changed: search again
    let found = client
        .promotions()
        .search(&search(
            app,
            "15000.00",
            CreditType::Individual,
            State::Texas,
        ))
        .await
        .unwrap();
    assert_eq!(ids(&found), [1234, 9876, 5001, 5002]);
    let best = lowest_payment(&found).unwrap();
    assert_eq!(best.id, 5002);
    assert_eq!(best.estimated_monthly_payment, dec("198.15"));

    // 3. set the best one
    assert_eq!(sandbox.selected_promotion(app), None);
    client
        .promotions()
        .set(app, &best.selection())
        .await
        .unwrap();
    assert_eq!(sandbox.selected_promotion(app), Some(best.selection()));
}

#[tokio::test]
async fn dealer_flow_json() {
    dealer_flow(BodyEncoding::Json).await;
}

#[tokio::test]
async fn dealer_flow_jwe() {
    dealer_flow(BodyEncoding::Jwe).await;
}

#[tokio::test]
async fn search_filters_by_amount_credit_type_and_state() {
    let sandbox = Sandbox::start().await;
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let c = sandbox
            .client_builder()
            .body_encoding(encoding)
            .build()
            .unwrap();
        let app = Sandbox::APPLICATION_ID;
        let s = |amount, credit, state| search(app, amount, credit, state);
        let p = c.promotions();
        assert_eq!(
            ids(&p
                .search(&s("2000", CreditType::Individual, State::Texas))
                .await
                .unwrap()),
            [1234]
        );
        assert_eq!(
            ids(&p
                .search(&s("15000", CreditType::Joint, State::Texas))
                .await
                .unwrap()),
            [1234, 9876, 5001]
        );
        assert_eq!(
            ids(&p
                .search(&s("15000", CreditType::Individual, State::California))
                .await
                .unwrap()),
            [1234, 5001, 5002]
        );
        assert_eq!(
            ids(&p
                .search(&s("90000", CreditType::Individual, State::Texas))
                .await
                .unwrap()),
            [5002]
        );
        assert!(
            p.search(&s("200000", CreditType::Individual, State::Texas))
                .await
                .unwrap()
                .is_empty()
        );
        // unknown enum values reach the sandbox, which answers as the vendor would
        let e = p
            .search(&s(
                "15000",
                CreditType::Unknown("Business".into()),
                State::Texas,
            ))
            .await
            .unwrap_err();
        assert_eq!(
            e.api().unwrap().details[1].pointer.as_deref(),
            Some("CreditType")
        );
        let e = p
            .search(&s(
                "15000",
                CreditType::Individual,
                State::Unknown("ZZ".into()),
            ))
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(400));
        let e = p
            .search(&search(999, "15000", CreditType::Individual, State::Texas))
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    }
}

#[tokio::test]
async fn setting_checks_the_promotion_belongs_to_the_application() {
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let sandbox = Sandbox::start().await;
        let c = sandbox
            .client_builder()
            .body_encoding(encoding)
            .build()
            .unwrap();
        let tx = c
            .promotions()
            .for_application(Sandbox::APPLICATION_ID)
            .await
            .unwrap();
        let deferred = tx.iter().find(|p| p.id == 9876).unwrap();
        // 9876 is offered in Texas only: not to the California application
        let e = c
            .promotions()
            .set(Sandbox::JOINT_APPLICATION_ID, &deferred.selection())
            .await
            .unwrap_err();
        let api = e.api().unwrap();
        assert_eq!(api.status.as_u16(), 400);
        assert_eq!(api.details[1].pointer.as_deref(), Some("PromotionId"));
        assert!(api.details[1].message.contains("does not belong"), "{e}");
        assert_eq!(
            sandbox.selected_promotion(Sandbox::JOINT_APPLICATION_ID),
            None
        );
        // altered terms are refused
        let mut altered = deferred.selection();
        altered.payment_factor = dec("0.0001");
        let e = c
            .promotions()
            .set(Sandbox::APPLICATION_ID, &altered)
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(400));
        // an unknown promotion
        let unknown = SetPromotion::builder()
            .promotion_id(77)
            .apr(Decimal::ZERO)
            .payment_factor(Decimal::ZERO)
            .terms(1)
            .build();
        let e = c
            .promotions()
            .set(Sandbox::APPLICATION_ID, &unknown)
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(400));
        // an unknown application
        let e = c
            .promotions()
            .set(424_242, &deferred.selection())
            .await
            .unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
        let e = c.promotions().for_application(424_242).await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
        // the joint application takes the closed-end one
        let ca = c
            .promotions()
            .for_application(Sandbox::JOINT_APPLICATION_ID)
            .await
            .unwrap();
        assert_eq!(ids(&ca), [1234, 5001]);
        c.promotions()
            .set(Sandbox::JOINT_APPLICATION_ID, &ca[1].selection())
            .await
            .unwrap();
        assert_eq!(
            sandbox
                .selected_promotion(Sandbox::JOINT_APPLICATION_ID)
                .map(|s| s.promotion_id),
            Some(5001)
        );
    }
}

#[tokio::test]
async fn sandbox_checks_credentials_and_encoding() {
    let sandbox = Sandbox::start().await;
    let wrong = sandbox
        .client_builder()
        .api_key(SecretString::from("not-the-key"))
        .build()
        .unwrap();
    let e = wrong
        .promotions()
        .for_application(Sandbox::APPLICATION_ID)
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert!(
        e.to_string().contains("Authorization has been denied"),
        "{e}"
    );
    let wrong_header = sandbox
        .client_builder()
        .api_key_header("ApiKey")
        .build()
        .unwrap();
    let e = wrong_header
        .promotions()
        .for_application(Sandbox::APPLICATION_ID)
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    // the sandbox really answers JWE to a JWE client and JSON to a JSON client
    let jwe = sandbox
        .client_builder()
        .body_encoding(BodyEncoding::Jwe)
        .build()
        .unwrap();
    jwe.promotions()
        .for_application(Sandbox::APPLICATION_ID)
        .await
        .unwrap();
    let json = sandbox
        .client_builder()
        .body_encoding(BodyEncoding::Json)
        .build()
        .unwrap();
    json.promotions()
        .for_application(Sandbox::APPLICATION_ID)
        .await
        .unwrap();
    let received = sandbox.received_requests().await;
    assert_eq!(received.len(), 4);
    assert!(matches!(e, Error::Api(_)));
    assert_eq!(sandbox.applications().len(), 2);
    assert_eq!(sandbox.applications()[0].state, State::Texas);
}
