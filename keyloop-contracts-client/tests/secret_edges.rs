//! Issue 14 on Keyloop: a hostile token endpoint and API (findings 1, 4, 5,
//! 7, 12). Canaries are random per run (unique by construction).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use forecourt_core::testing::{canary, canary_digits, capture_logs, mount_catch_all};
use keyloop_contracts_client::{Client, Error, SecretString};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client_with_secret(server: &MockServer, secret: &str) -> Client {
    Client::builder()
        .base_url(server.uri())
        .client_id(CLIENT_ID)
        .client_secret(SecretString::from(secret.to_owned()))
        .enterprise_id(ENTERPRISE)
        .store_id(STORE)
        .build()
        .unwrap()
}

fn assert_absent(what: &str, secret: &str, texts: &[String]) {
    for t in texts {
        assert!(!t.contains(secret), "{what} leaked: {t}");
        let escaped = format!("{secret:?}");
        assert!(
            !t.contains(&escaped[1..escaped.len() - 1]),
            "{what} leaked (escaped): {t}"
        );
    }
}

/// Finding 4: a token endpoint that echoes the client secret, in every
/// error shape it might use.
#[tokio::test]
async fn a_token_endpoint_echoing_the_client_secret_leaks_nothing() {
    for (status, shape) in [
        (401, "oauth"),
        (400, "fault"),
        (500, "text"),
        (200, "decode"),
    ] {
        let (logs, _guard) = capture_logs();
        let secret = canary("cs\"q\\");
        let body = match shape {
            "oauth" => serde_json::json!({"error": "invalid_client", "error_description": format!("bad secret {secret}")}).to_string(),
            "fault" => serde_json::json!({"fault": {"faultstring": format!("client_secret={secret} refused"), "detail": {"errorcode": secret}}}).to_string(),
            "text" => format!("<html>secret {secret}</html>"),
            _ => serde_json::json!({"access_token": {"nested": secret}, "expires_in": secret}).to_string(),
        };
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(TOKEN_PATH))
            .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        mount_catch_all(&server).await;
        let err = client_with_secret(&server, &secret)
            .contracts()
            .get(VEHICLE, "CTR-1")
            .await
            .unwrap_err();
        let mut chain = Vec::new();
        let mut source: Option<&dyn std::error::Error> = Some(&err);
        while let Some(s) = source {
            chain.push(s.to_string());
            source = s.source();
        }
        assert_absent(
            &format!("client secret ({shape})"),
            &secret,
            &[
                err.to_string(),
                format!("{err:?}"),
                chain.join(" | "),
                logs.text(),
            ],
        );
    }
}

/// Finding 5: the access token the client fetched, echoed in a 401 body of
/// the API (and in the retried call's too).
#[tokio::test]
async fn a_fetched_token_echoed_by_the_api_is_scrubbed() {
    let (logs, _guard) = capture_logs();
    let token = canary("tok-");
    let server = MockServer::start().await;
    token_request()
        .respond_with(token_response(&token, "3599"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE_PATH}/CTR-1")))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "fault": {"faultstring": format!("Invalid Access Token {token}"),
                       "detail": {"errorcode": "keymanagement.service.invalid_access_token"}}
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .contracts()
        .get(VEHICLE, "CTR-1")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_absent(
        "access token",
        &token,
        &[err.to_string(), format!("{err:?}"), logs.text()],
    );
}

/// Finding 1: an `expires_in` too large for the clock is "never expires",
/// not a panic (as a string, as Apigee sends it, and as a number).
#[tokio::test]
async fn a_lifetime_too_long_for_the_clock_does_not_panic() {
    for expires_in in [
        serde_json::json!("9223372036854775807"),
        serde_json::json!("18446744073709551615"),
        serde_json::json!(u64::MAX),
    ] {
        let server = MockServer::start().await;
        let mut body = fixture_json("token_response.json");
        body["access_token"] = "tok-AAA".into();
        body["expires_in"] = expires_in.clone();
        token_request()
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
        api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_raw(fixture("contract.json"), "application/json"),
            )
            .expect(2)
            .mount(&server)
            .await;
        let client = client(&server);
        for _ in 0..2 {
            client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
        }
        assert_eq!(client.token_fetches(), 1, "{expires_in}");
    }
}

/// Finding 12: a token with CR or LF is refused when fetched and never
/// cached: the next call asks again (and gets a good one).
#[tokio::test]
async fn a_token_that_cannot_be_a_header_is_refused_and_not_cached() {
    let server = MockServer::start().await;
    token_request()
        .respond_with(token_response("tok-\r\nX-Injected: 1", "3599"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount_token(&server, 1).await;
    api_call("GET", &format!("{BASE_PATH}/CTR-0001"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server)
        .retry(forecourt_core::RetryPolicy::none())
        .build()
        .unwrap();
    let err = client
        .contracts()
        .get(VEHICLE, "CTR-0001")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    // the failure is remembered only briefly
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    client.contracts().get(VEHICLE, "CTR-0001").await.unwrap();
    assert_eq!(client.token_fetches(), 2);
}

/// Fields this crate does not model (a dealer's own `customerName`, a
/// nested `driver`) may hold personal data the SDK cannot recognise: they
/// are sent exactly, and a vendor that echoes them in an error has them
/// scrubbed, for create (POST), update (PATCH) and replace (PUT, a
/// received contract with a field added). Random canaries; each request
/// is matched exactly once.
#[tokio::test]
async fn unmodelled_values_sent_and_echoed_back_are_scrubbed() {
    use keyloop_contracts_client::{Contract, ContractUpdate, NewContract};
    use serde_json::json;
    use wiremock::matchers::{body_json, header};

    let (logs, _guard) = capture_logs();
    let name = canary("Name ");
    let phone = canary_digits(12);
    let extra = json!({
        "customerName": name,
        "driver": {"phone": phone.clone(), "number": phone.parse::<u64>().ok()},
    });
    let echo = |what: &str| {
        ResponseTemplate::new(422).set_body_json(json!({
            "errors": [{"code": "INVALID", "message": format!("{what}: {name} / {phone}"),
                        "field": format!("driver.phone={phone}")}]
        }))
    };
    // the exact bodies: the documented fields plus the extras, as given
    let fields = extra.as_object().unwrap().clone();
    let with_extra = |mut body: serde_json::Value| {
        for (k, v) in &fields {
            body[k] = v.clone();
        }
        body
    };
    let created =
        with_extra(json!({"contractType": "EXTENDED_WARRANTY", "startDate": "2026-01-01"}));
    let changed = with_extra(json!({"description": "x"}));
    let replaced = with_extra(fixture_json("contract.json"));
    let server = MockServer::start().await;
    mount_token(&server, 1).await;
    let contract_path = format!("{BASE_PATH}/CTR-0001");
    for (verb, at, body) in [
        ("POST", BASE_PATH, &created),
        ("PATCH", contract_path.as_str(), &changed),
        ("PUT", contract_path.as_str(), &replaced),
    ] {
        api_call(verb, at)
            .and(header("content-type", "application/json"))
            .and(body_json(body))
            .respond_with(echo(verb))
            .expect(1)
            .mount(&server)
            .await;
    }
    api_call("GET", &contract_path)
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(fixture("contract.json"), "application/json"),
        )
        .expect(1)
        .mount(&server)
        .await;
    mount_catch_all(&server).await;

    let contracts = client(&server).contracts();
    let mut new = NewContract::builder()
        .contract_type(keyloop_contracts_client::ContractType::ExtendedWarranty)
        .start_date(jiff::civil::date(2026, 1, 1))
        .build();
    new.extra = fields.clone();
    let mut changes = ContractUpdate::builder().description("x").build();
    changes.extra = fields.clone();
    let mut received: Contract = contracts.get(VEHICLE, "CTR-0001").await.unwrap();
    for (k, v) in &fields {
        received.set_extra_field(k, v).unwrap();
    }
    let errors = [
        contracts.create(VEHICLE, &new).await.unwrap_err(),
        contracts
            .update(VEHICLE, "CTR-0001", &changes)
            .await
            .unwrap_err(),
        contracts.replace(VEHICLE, &received).await.unwrap_err(),
    ];
    for err in &errors {
        assert_eq!(err.status().map(|s| s.as_u16()), Some(422), "{err}");
    }
    let mut texts: Vec<String> = errors
        .iter()
        .flat_map(|e| [e.to_string(), format!("{e:?}")])
        .collect();
    texts.extend([format!("{new:?}"), format!("{changes:?}"), logs.text()]);
    for (what, value) in [("name", &name), ("phone", &phone)] {
        assert_absent(what, value, &texts);
    }
    // the errors still say what the vendor objected to
    assert!(
        texts[0].contains("INVALID") || texts[1].contains("INVALID"),
        "{}",
        texts[1]
    );
}
