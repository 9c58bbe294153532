//! Issue 14 on Promotions: a hostile vendor echoes the API key (random per
//! run, with a `"`) in 4xx and 5xx bodies, in ASP.NET `ModelState` field
//! names and messages, in a success that does not decode (plain JSON and a
//! JWE it encrypted with the key), in a body that is not a JWE, and in
//! response headers. It may not reach the error's `Display`, `Debug`
//! (`{:?}`, `{:#?}`), its source chain or a TRACE log.
//!
//! The Promotions models carry no personal data: the requests send an
//! application id, an amount financed, a credit type and a state code;
//! the answers are promotions. The API key is the only value to hide.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::SecretString;
use forecourt_core::testing::{canary, capture_logs};
use promotions_client::{
    AmountFinanced, BodyEncoding, Client, CreditType, Decimal, Error, PromotionSearch, State, jwe,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn shown(err: &Error) -> String {
    let mut text = format!("{err}\n{err:?}\n{err:#?}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!("\n| {s} {s:?} {s:#?}"));
        source = s.source();
    }
    text
}

/// The key raw, JSON-escaped and `Debug`-escaped, and its random part.
fn forms(key: &str) -> Vec<String> {
    let json = serde_json::to_string(key).unwrap();
    let debug = format!("{key:?}");
    vec![
        key.to_owned(),
        json[1..json.len() - 1].to_owned(),
        debug[1..debug.len() - 1].to_owned(),
        key[4..].to_owned(),
    ]
}

fn assert_absent(what: &str, key: &str, text: &str) {
    for form in forms(key) {
        assert!(!text.contains(&form), "{what}: {form} leaked in: {text}");
    }
}

#[derive(Debug, Clone, Copy)]
enum Echo {
    Unauthorized,
    ModelState,
    ServerErrorText,
    ServerErrorBroken,
    DecodeError,
    Truncated,
    Headers,
    /// JWE mode only: a valid JWE (made with the key) of an undecodable body.
    JweDecodeError,
    /// JWE mode only: a body that is not a JWE.
    NotAJwe,
}

fn response(echo: Echo, key: &str) -> ResponseTemplate {
    let promo = |id: serde_json::Value| {
        serde_json::json!([{"Id": id, "Name": key, "PromoCode": key, "Apr": "1.0",
            "PaymentFactor": 0.1, "Terms": 12, "FullTerms": 12,
            "EstimatedMonthlyPayment": 1, "DealerFee": 1}])
    };
    match echo {
        Echo::Unauthorized => ResponseTemplate::new(401)
            .set_body_json(serde_json::json!({"Message": format!("Key {key} is not valid.")})),
        Echo::ModelState => ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "Message": format!("The request is invalid: {key}"),
            "ModelState": {format!("request.{key}"): [format!("'{key}' is not a valid key")]},
        })),
        Echo::ServerErrorText => ResponseTemplate::new(500)
            .set_body_raw(format!("NullReferenceException at key={key}"), "text/plain"),
        Echo::ServerErrorBroken => ResponseTemplate::new(503)
            .set_body_raw(format!("{{\"Message\": \"{key}"), "application/json"),
        Echo::DecodeError => {
            ResponseTemplate::new(200).set_body_json(promo(serde_json::json!(key)))
        }
        Echo::Truncated => {
            let text = promo(serde_json::json!(1)).to_string();
            ResponseTemplate::new(200)
                .set_body_raw(text[..text.len() - 4].to_owned(), "application/json")
        }
        Echo::Headers => ResponseTemplate::new(401)
            .insert_header("x-request-id", key)
            .insert_header("x-echo-key", key)
            .insert_header(
                "www-authenticate",
                format!("ApiKey error=\"{key}\"").as_str(),
            ),
        Echo::JweDecodeError => {
            let plain = promo(serde_json::json!(key)).to_string();
            let token = jwe::encrypt(&SecretString::from(key), plain.as_bytes(), 1000).unwrap();
            ResponseTemplate::new(200).set_body_raw(token, jwe::MEDIA_TYPE)
        }
        Echo::NotAJwe => ResponseTemplate::new(200)
            .set_body_raw(format!("{key}.{key}.{key}.{key}.{key}"), jwe::MEDIA_TYPE),
    }
}

fn client(server: &MockServer, key: &str, encoding: BodyEncoding) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key(SecretString::from(key))
        .body_encoding(encoding)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "current_thread")]
async fn an_echoed_api_key_never_surfaces() {
    let (logs, _guard) = capture_logs();
    let key = canary("pk\"-");
    let json_cases = [
        Echo::Unauthorized,
        Echo::ModelState,
        Echo::ServerErrorText,
        Echo::ServerErrorBroken,
        Echo::DecodeError,
        Echo::Truncated,
        Echo::Headers,
    ];
    let jwe_cases = [
        Echo::Unauthorized,
        Echo::ModelState,
        Echo::JweDecodeError,
        Echo::NotAJwe,
    ];
    let cases = json_cases
        .iter()
        .map(|e| (BodyEncoding::Json, *e))
        .chain(jwe_cases.iter().map(|e| (BodyEncoding::Jwe, *e)));
    let search = PromotionSearch::builder()
        .application_id(100_001)
        .amount_financed(AmountFinanced::new(Decimal::new(1_500_000, 2)).unwrap())
        .credit_type(CreditType::Individual)
        .state(State::Texas)
        .build();
    let mut checked = 0;
    for (encoding, echo) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(response(echo, &key))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(response(echo, &key))
            .mount(&server)
            .await;
        let c = client(&server, &key, encoding);
        let what = format!("{encoding:?} {echo:?}");
        let mut errors = vec![
            c.promotions().for_application(7).await.unwrap_err(),
            c.promotions().search(&search).await.unwrap_err(),
        ];
        // a success status is a success for `set` (its body is not read)
        if matches!(
            echo,
            Echo::Unauthorized
                | Echo::ModelState
                | Echo::ServerErrorText
                | Echo::ServerErrorBroken
                | Echo::Headers
        ) {
            let promo: Vec<promotions_client::Promotion> = serde_json::from_str(include_str!(
                "fixtures/promotions_for_application_response.json"
            ))
            .unwrap();
            errors.push(
                c.promotions()
                    .set(7, &promo[0].selection())
                    .await
                    .unwrap_err(),
            );
        }
        for err in &errors {
            let text = shown(err);
            match echo {
                Echo::DecodeError | Echo::Truncated | Echo::JweDecodeError => {
                    assert!(matches!(err, Error::Decode(_)), "{what}: {text}")
                }
                Echo::NotAJwe => assert!(matches!(err, Error::Protocol { .. }), "{what}: {text}"),
                _ => assert!(err.status().is_some(), "{what}: {text}"),
            }
            assert_absent(&what, &key, &text);
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        7 * 2 + 5 + 4 * 2 + 2,
        "every case produced its errors"
    );
    let log = logs.text();
    assert!(log.contains("promotions.search"), "the logs were captured");
    assert_absent("TRACE log", &key, &log);
}
