//! Every JSON example of the Line5 documentation is a fixture: responses
//! decode into the typed models; requests are asserted byte-for-value by the
//! operation tests (`body_json`), listed here so none is forgotten.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use common::*;
use line5_client::auto_login::{SIGN_IN_USER_AUTO_MUTATION, SIGN_IN_USER_MUTATION};
use line5_client::jsonapi::Document;
use line5_client::*;

/// Request fixtures and the test that sends them and asserts the body equal.
const REQUESTS: &[(&str, &str)] = &[
    (
        "user_create_request",
        "users::create_user_sends_the_documented_body",
    ),
    (
        "quote_create_request",
        "quotes::create_quote_sends_the_documented_document_and_resolves_included",
    ),
    (
        "quote_adjust_request",
        "quotes::adjust_quote_sends_the_documented_terms",
    ),
    (
        "finalize_card_request",
        "quotes::finalize_sends_every_documented_payment_shape_and_returns_the_loan",
    ),
    (
        "finalize_bank_transfer_request",
        "quotes::finalize_sends_every_documented_payment_shape_and_returns_the_loan",
    ),
    (
        "finalize_separate_downpayment_request",
        "quotes::finalize_sends_every_documented_payment_shape_and_returns_the_loan",
    ),
    (
        "finalize_same_as_downpayment_request",
        "quotes::finalize_sends_every_documented_payment_shape_and_returns_the_loan",
    ),
    (
        "finalize_provide_later_request",
        "quotes::finalize_sends_every_documented_payment_shape_and_returns_the_loan",
    ),
    (
        "vehicle_update_request",
        "vehicles::update_vehicle_sends_the_documented_body_and_returns_the_quote",
    ),
    (
        "rates_request",
        "rates::get_rates_sends_the_jsonapi_body_and_decodes_coverages",
    ),
    (
        "quote_protections_list_request",
        "quote_protections::list_reads_with_get_quote_protections_and_a_body",
    ),
    (
        "quote_protection_create_request",
        "quote_protections::create_writes_with_post_quote_protections",
    ),
    (
        "quote_protection_update_request",
        "quote_protections::update_puts_template_values_to_quote_protections_id",
    ),
    (
        "quote_protection_revise_price_request",
        "quote_protections::revise_price_puts_only_the_price",
    ),
    (
        "graphql_sign_in_user_request",
        "fixtures::graphql_requests_keep_the_documented_shape_with_variables",
    ),
    (
        "graphql_sign_in_user_auto_request",
        "fixtures::graphql_requests_keep_the_documented_shape_with_variables",
    ),
];

const RESPONSES: &[&str] = &[
    "users_list_response",
    "user_create_response",
    "graphql_sign_in_user_response",
    "graphql_sign_in_user_auto_response",
    "protections_list_response",
    "quote_create_response",
    "finalize_response",
    "rates_response",
    "quote_protections_list_response",
    "quote_protection_create_response",
    "quote_protection_update_response",
    "loan_get_response",
    "loan_id_lookup_response",
    "loan_packages_response",
    "loan_notes_response",
    "error_response",
];

#[test]
fn every_fixture_file_is_covered() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".json")
                .to_owned()
        })
        .collect();
    files.sort();
    let mut known: Vec<String> = REQUESTS
        .iter()
        .map(|r| r.0.to_owned())
        .chain(RESPONSES.iter().map(|r| (*r).to_owned()))
        .collect();
    known.sort();
    assert_eq!(files, known);
}

fn doc(name: &str) -> Document {
    serde_json::from_str(&fixture_text(name)).unwrap()
}

#[test]
fn jsonapi_responses_decode_into_typed_models() {
    let users: Vec<User> = doc("users_list_response")
        .primary_all()
        .iter()
        .map(|r| User::from_resource(r).unwrap())
        .collect();
    assert_eq!(users[1].first_name.as_deref(), Some("Klaus"));
    let created = User::from_resource(doc("user_create_response").primary().unwrap()).unwrap();
    assert_eq!(created.user_id, Some(Id::from(7u64)));
    let protections: Vec<Protection> = doc("protections_list_response")
        .primary_all()
        .iter()
        .map(|r| Protection::from_resource(r).unwrap())
        .collect();
    assert_eq!(protections[2].form_number.as_deref(), Some("JYY7889"));
    for name in [
        "quote_create_response",
        "quote_protection_create_response",
        "quote_protection_update_response",
    ] {
        let q = Quote::from_document(&doc(name)).unwrap();
        assert!(q.customer().is_some() && q.vehicle().is_some(), "{name}");
        assert!(!q.quote_protections().is_empty(), "{name}");
        assert!(q.monthly_payment.is_some(), "{name}");
    }
    let update = Quote::from_document(&doc("quote_protection_update_response")).unwrap();
    assert_eq!(update.protections_total, Some(d("240.19")));
    assert_eq!(
        update.customer().unwrap().credit_score_tier,
        Some(CreditScoreTier::D)
    );
    for name in ["finalize_response", "loan_get_response"] {
        let loan = Loan::from_document(&doc(name)).unwrap();
        assert_eq!(loan.financed_total, Some(d("435.09")), "{name}");
        assert_eq!(
            loan.cover_sheet().unwrap().file_size,
            Some(918298),
            "{name}"
        );
        assert_eq!(loan.vehicle().unwrap().finance_term, Some(60), "{name}");
    }
    let packages: Vec<LoanPackage> = doc("loan_packages_response")
        .primary_all()
        .iter()
        .map(|r| LoanPackage::from_resource(r).unwrap())
        .collect();
    assert_eq!(
        packages[0].file_name.as_deref(),
        Some("b56a155c-44ee-4bb6-9b5d-468a88bccb12.pdf")
    );
    let notes: Vec<LoanNote> = doc("loan_notes_response")
        .primary_all()
        .iter()
        .map(|r| LoanNote::from_resource(r).unwrap())
        .collect();
    assert_eq!(notes[0].id.as_str(), "384");
    let errors = doc("error_response");
    let e = &errors.errors[0];
    assert_eq!(
        e.source.as_ref().unwrap().pointer.as_deref(),
        Some("/data/attributes/customer")
    );
    assert_eq!(e.detail.as_deref(), Some("Phone number was not sent"));
}

#[test]
fn plain_json_responses_decode() {
    let rates: RateSheet = serde_json::from_str(&fixture_text("rates_response")).unwrap();
    // the documented money stays exact
    assert_eq!(
        rates.coverages[5].deductibles[0].dealer_cost,
        Some(d("63.8"))
    );
    assert_eq!(rates.coverages[5].surcharges[0].id.as_str(), "1281112");
    let v = fixture("loan_id_lookup_response");
    assert_eq!(v["loan_id"], 181386);
    for name in [
        "graphql_sign_in_user_response",
        "graphql_sign_in_user_auto_response",
    ] {
        let v = fixture(name);
        assert_eq!(v["data"]["signInUser"]["status"], "Success", "{name}");
        let _user: SignedInUser =
            serde_json::from_value(v["data"]["signInUser"]["user"].clone()).unwrap();
    }
}

#[test]
fn documents_round_trip_through_the_generic_model() {
    for name in RESPONSES.iter().chain(REQUESTS.iter().map(|r| &r.0)) {
        let text = fixture_text(name);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        if value
            .get("data")
            .is_none_or(|d| !(d.is_object() || d.is_array()))
            || name.starts_with("graphql")
        {
            continue;
        }
        let doc: Document = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&doc).unwrap(), value, "{name}");
    }
}

/// The documentation splices values into the query text; the SDK sends the
/// same mutation and selection with the values as variables instead.
#[test]
fn graphql_requests_keep_the_documented_shape_with_variables() {
    for (name, ours, values) in [
        (
            "graphql_sign_in_user_request",
            SIGN_IN_USER_MUTATION,
            vec!["test@customer.example.com", "Test1!"],
        ),
        (
            "graphql_sign_in_user_auto_request",
            SIGN_IN_USER_AUTO_MUTATION,
            vec![
                "anthony.walker82655@customer.example.com",
                "82655",
                "PROVIDE_AHEAD_OF_IMPLEMENTATION",
            ],
        ),
    ] {
        let documented = fixture(name);
        let query = documented["query"].as_str().unwrap();
        let mutation = query
            .split('(')
            .next()
            .unwrap()
            .trim_start_matches("mutation {")
            .trim();
        assert!(ours.contains(&format!("{mutation}(")), "{name}: {mutation}");
        for field in ["status", "token", "user", "id", "displayName", "email"] {
            assert!(ours.contains(field), "{name}: {field}");
        }
        for v in values {
            assert!(query.contains(v), "the documented query splices {v}");
            assert!(!ours.contains(v), "our query never contains a value");
        }
    }
}
