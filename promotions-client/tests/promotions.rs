#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Wiremock tests: every operation, in both body encodings, asserted exactly.

use forecourt_core::testing::mount_catch_all;
use forecourt_core::{RetryPolicy, SecretString};
use promotions_client::jwe;
use promotions_client::{
    AmountFinanced, BodyEncoding, Client, CreditType, Error, LoanType, Promotion, PromotionSearch,
    SetPromotion, State,
};
use rust_decimal::Decimal;
use serde_json::Value;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "test-api-key-7c1f";
const FOR_APPLICATION: &str = include_str!("fixtures/promotions_for_application_response.json");
const SEARCH: &str = include_str!("fixtures/search_promotions_response.json");
const SET_REQUEST: &str = include_str!("fixtures/set_promotion_request.json");
const JWE_ACCEPT: &str = "application/jose, application/json;q=0.5";

fn key() -> SecretString {
    SecretString::from(KEY)
}

fn client(server: &MockServer, encoding: BodyEncoding) -> Client {
    Client::builder()
        .base_url(server.uri())
        .api_key(key())
        .body_encoding(encoding)
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// A successful answer in the given encoding.
fn answer(encoding: BodyEncoding, body: &str) -> ResponseTemplate {
    match encoding {
        BodyEncoding::Json => {
            ResponseTemplate::new(200).set_body_raw(body.to_owned(), "application/json")
        }
        _ => ResponseTemplate::new(200).set_body_raw(
            jwe::encrypt(&key(), body.as_bytes(), jwe::MIN_ITERATIONS).unwrap(),
            jwe::MEDIA_TYPE,
        ),
    }
}

fn accept(encoding: BodyEncoding) -> &'static str {
    match encoding {
        BodyEncoding::Json => "application/json",
        _ => JWE_ACCEPT,
    }
}

/// The exact query string (order and encoding included).
struct ExactQuery(&'static str);

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query() == Some(self.0)
    }
}

/// A header with exactly this raw value (wiremock's `header` splits on commas).
struct ExactHeader(&'static str, &'static str);

impl Match for ExactHeader {
    fn matches(&self, request: &Request) -> bool {
        let values: Vec<_> = request.headers.get_all(self.0).iter().collect();
        values.len() == 1 && values[0].as_bytes() == self.1.as_bytes()
    }
}

/// No query string at all.
struct NoQuery;

impl Match for NoQuery {
    fn matches(&self, request: &Request) -> bool {
        request.url.query().is_none()
    }
}

/// A JWE request body that decrypts with the key to exactly this JSON and
/// whose header has the vendor's parameters.
struct JweBodyJson(Value);

impl Match for JweBodyJson {
    fn matches(&self, request: &Request) -> bool {
        let Ok(token) = std::str::from_utf8(&request.body) else {
            return false;
        };
        let Some(header) = token.split('.').next() else {
            return false;
        };
        use base64::Engine as _;
        let header: Value = match base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(header)
            .ok()
            .and_then(|h| serde_json::from_slice(&h).ok())
        {
            Some(h) => h,
            None => return false,
        };
        let p2s_len = header["p2s"]
            .as_str()
            .and_then(|s| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(s)
                    .ok()
            })
            .map_or(0, |s| s.len());
        let params_ok = header["alg"] == "PBES2-HS512+A256KW"
            && header["enc"] == "A256CBC-HS512"
            && header["p2c"].as_u64().is_some_and(|c| c >= 1000)
            && p2s_len >= 8;
        let plain = jwe::decrypt(&key(), token).ok();
        let body: Option<Value> = plain.and_then(|p| serde_json::from_slice(&p).ok());
        params_ok && body.as_ref() == Some(&self.0)
    }
}

fn check_for_application_fixture(list: &[Promotion]) {
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first.id, 1234);
    assert_eq!(first.name.as_deref(), Some("Promo Name"));
    assert_eq!(first.promo_code.as_deref(), Some("promocode"));
    assert_eq!(first.add_on_id, None);
    assert_eq!(first.closed_end_payment_rate_id, Some(0));
    assert_eq!(first.apr.to_string(), "7.9900", "scale kept");
    assert_eq!(first.payment_factor, dec("0.03"));
    assert_eq!((first.terms, first.full_terms), (12, 12));
    assert_eq!(first.estimated_monthly_payment.to_string(), "375.00");
    assert_eq!(first.dealer_fee.to_string(), "562.50");
    assert_eq!(first.loan_type(), LoanType::Revolving);
    let second = &list[1];
    assert_eq!(second.id, 9876);
    assert_eq!(second.add_on_id, Some(4321));
    assert_eq!((second.terms, second.full_terms), (3, 60));
    assert_eq!(second.payment_factor.to_string(), "0.0275");
    assert_eq!(second.estimated_monthly_payment, dec("344"));
    // the documented formula reproduces the vendor's numbers at 12,500.00
    let amount = AmountFinanced::new(dec("12500.00")).unwrap();
    assert_eq!(
        first.estimated_monthly_payment_for(amount).unwrap(),
        first.estimated_monthly_payment
    );
    assert_eq!(
        second.estimated_monthly_payment_for(amount).unwrap(),
        second.estimated_monthly_payment
    );
}

async fn for_application(encoding: BodyEncoding) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/100001"))
        .and(NoQuery)
        .and(header("x-api-key", KEY))
        .and(ExactHeader("accept", accept(encoding)))
        .and(header(
            "user-agent",
            concat!("promotions-client/", env!("CARGO_PKG_VERSION")),
        ))
        .respond_with(answer(encoding, FOR_APPLICATION))
        .expect(1)
        .mount(&server)
        .await;
    let list = client(&server, encoding)
        .promotions()
        .for_application(100_001)
        .await
        .unwrap();
    check_for_application_fixture(&list);
}

#[tokio::test]
async fn for_application_json() {
    for_application(BodyEncoding::Json).await;
}

#[tokio::test]
async fn for_application_jwe() {
    for_application(BodyEncoding::Jwe).await;
}

fn search_request() -> PromotionSearch {
    PromotionSearch::builder()
        .application_id(100_001)
        .amount_financed(AmountFinanced::new(dec("15000.00")).unwrap())
        .credit_type(CreditType::Individual)
        .state(State::Texas)
        .build()
}

async fn search(encoding: BodyEncoding) {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions"))
        .and(ExactQuery(
            "applicationId=100001&amountFinanced=15000.00&creditType=Individual&stateCode=TX",
        ))
        .and(header("x-api-key", KEY))
        .and(ExactHeader("accept", accept(encoding)))
        .respond_with(answer(encoding, SEARCH))
        .expect(1)
        .mount(&server)
        .await;
    let list = client(&server, encoding)
        .promotions()
        .search(&search_request())
        .await
        .unwrap();
    assert_eq!(list.iter().map(|p| p.id).collect::<Vec<_>>(), [1234, 9876]);
    assert_eq!(list[0].estimated_monthly_payment.to_string(), "450.00");
    assert_eq!(list[1].estimated_monthly_payment.to_string(), "413.00");
    assert_eq!(list[1].dealer_fee, dec("900"));
    let amount = AmountFinanced::new(dec("15000.00")).unwrap();
    for p in &list {
        assert_eq!(
            p.estimated_monthly_payment_for(amount).unwrap(),
            p.estimated_monthly_payment
        );
    }
    assert_eq!(promotions_client::lowest_payment(&list).unwrap().id, 9876);
}

#[tokio::test]
async fn search_json() {
    search(BodyEncoding::Json).await;
}

#[tokio::test]
async fn search_jwe() {
    search(BodyEncoding::Jwe).await;
}

fn set_body() -> SetPromotion {
    SetPromotion::builder()
        .promotion_id(1234)
        .closed_end_payment_rate_id(0)
        .apr(dec("7.990"))
        .payment_factor(dec("0.03"))
        .terms(12)
        .build()
}

#[tokio::test]
async fn set_json() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/v3/api/applications/promotions/100001"))
        .and(NoQuery)
        .and(header("x-api-key", KEY))
        .and(ExactHeader("content-type", "application/json"))
        .and(ExactHeader("accept", "application/json"))
        .and(body_json(json(SET_REQUEST)))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    client(&server, BodyEncoding::Json)
        .promotions()
        .set(100_001, &set_body())
        .await
        .unwrap();
}

#[tokio::test]
async fn set_jwe() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/v3/api/applications/promotions/100001"))
        .and(NoQuery)
        .and(header("x-api-key", KEY))
        .and(ExactHeader("content-type", "application/jose"))
        .and(ExactHeader("accept", JWE_ACCEPT))
        .and(JweBodyJson(json(SET_REQUEST)))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    client(&server, BodyEncoding::Jwe)
        .promotions()
        .set(100_001, &set_body())
        .await
        .unwrap();
    // the body on the wire is not the plain JSON
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(!String::from_utf8_lossy(&sent.body).contains("PromotionId"));
}

#[tokio::test]
async fn set_from_fetched_promotion_copies_the_terms() {
    let list: Vec<Promotion> = serde_json::from_str(FOR_APPLICATION).unwrap();
    let body = serde_json::to_value(list[1].selection()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "PromotionId": 9876, "ClosedEndPaymentRateId": 0, "Apr": 9.9900,
            "AddOnId": 4321, "PaymentFactor": 0.0275, "Terms": 3
        })
    );
    // digits are sent exactly as held
    let text = serde_json::to_string(&list[1].selection()).unwrap();
    assert!(
        text.contains(r#""Apr":9.9900"#) && text.contains(r#""PaymentFactor":0.0275"#),
        "{text}"
    );
}

#[tokio::test]
async fn invalid_input_is_refused_before_sending() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let c = client(&server, encoding);
        for id in [0, -1, i64::MIN] {
            let e = c.promotions().for_application(id).await.unwrap_err();
            assert!(
                matches!(&e, Error::InvalidInput { field, .. } if field == "applicationId"),
                "{e}"
            );
            let e = c.promotions().set(id, &set_body()).await.unwrap_err();
            assert!(
                matches!(&e, Error::InvalidInput { field, .. } if field == "applicationId"),
                "{e}"
            );
            let mut search = search_request();
            search.application_id = id;
            let e = c.promotions().search(&search).await.unwrap_err();
            assert!(
                matches!(&e, Error::InvalidInput { field, .. } if field == "applicationId"),
                "{e}"
            );
        }
        let bad = SetPromotion::builder()
            .promotion_id(0)
            .apr(Decimal::ONE)
            .payment_factor(Decimal::ONE)
            .terms(12)
            .build();
        let e = c.promotions().set(1, &bad).await.unwrap_err();
        assert!(
            matches!(&e, Error::InvalidInput { field, .. } if field == "PromotionId"),
            "{e}"
        );
        let bad = SetPromotion::builder()
            .promotion_id(1)
            .apr(Decimal::NEGATIVE_ONE)
            .payment_factor(Decimal::ONE)
            .terms(12)
            .build();
        let e = c.promotions().set(1, &bad).await.unwrap_err();
        assert!(
            matches!(&e, Error::InvalidInput { field, .. } if field == "Apr"),
            "{e}"
        );
        let mut search = search_request();
        search.credit_type = CreditType::Unknown(" ".into());
        let e = c.promotions().search(&search).await.unwrap_err();
        assert!(
            matches!(&e, Error::InvalidInput { field, .. } if field == "creditType"),
            "{e}"
        );
    }
    for bad in ["0", "-0.01", "-100"] {
        let e = AmountFinanced::new(dec(bad)).unwrap_err();
        assert!(
            matches!(&e, Error::InvalidInput { field, .. } if field == "amount_financed"),
            "{e}"
        );
    }
    let e = AmountFinanced::calculate()
        .selling_price(dec("10000"))
        .down_payment(dec("10000"))
        .compute()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "amount_financed"),
        "{e}"
    );
    let e = AmountFinanced::calculate()
        .selling_price(dec("10000"))
        .trade_in(dec("-1"))
        .compute()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "trade_in"),
        "{e}"
    );
}

#[tokio::test]
async fn builder_refuses_bad_settings() {
    let e = Client::builder()
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "api_key"),
        "{e}"
    );
    let e = Client::builder()
        .base_url("http://127.0.0.1:1")
        .api_key(SecretString::from(" "))
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "api_key"),
        "{e}"
    );
    let e = Client::builder()
        .base_url("http://127.0.0.1:1")
        .api_key(key())
        .jwe_iterations(999)
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "jwe_iterations"),
        "{e}"
    );
    let e = Client::builder()
        .base_url("http://127.0.0.1:1")
        .api_key(key())
        .api_key_header("bad header")
        .build()
        .unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "api_key_header"),
        "{e}"
    );
    let e = Client::builder().api_key(key()).build().unwrap_err();
    assert!(
        matches!(&e, Error::InvalidInput { field, .. } if field == "base_url"),
        "{e}"
    );
    let e = Client::builder()
        .base_url("http://broker.example.com")
        .api_key(key())
        .build()
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e}");
}

#[tokio::test]
async fn custom_api_key_header() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/v3/api/applications/promotions/7"))
        .and(header("apikey", KEY))
        .respond_with(answer(BodyEncoding::Json, "[]"))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(server.uri())
        .api_key(key())
        .api_key_header("ApiKey")
        .build()
        .unwrap();
    assert!(c.promotions().for_application(7).await.unwrap().is_empty());
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(sent.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn vendor_errors_map_in_both_encodings() {
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let server = MockServer::start().await;
        Mock::given(path("/v3/api/applications/promotions/1"))
            .respond_with(ResponseTemplate::new(401).set_body_json(
                serde_json::json!({"Message": "Authorization has been denied for this request."}),
            ))
            .mount(&server)
            .await;
        Mock::given(path("/v3/api/applications/promotions/2"))
            .respond_with(
                ResponseTemplate::new(404)
                    .set_body_json(serde_json::json!({"Message": "Application not found."})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/v3/api/applications/promotions"))
            .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
                "Message": "The request is invalid.",
                "ModelState": {"request.AmountFinanced": ["AmountFinanced must be greater than 0."]}
            })))
            .mount(&server)
            .await;
        Mock::given(path("/v3/api/applications/promotions/3"))
            .respond_with(
                ResponseTemplate::new(500)
                    .set_body_json(serde_json::json!({"Message": "An error has occurred."})),
            )
            .mount(&server)
            .await;
        let c = client(&server, encoding);
        let e = c.promotions().for_application(1).await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
        assert_eq!(
            e.api().unwrap().details[0].message,
            "Authorization has been denied for this request."
        );
        assert_eq!(e.api().unwrap().operation, "promotions.for_application");
        let e = c.promotions().for_application(2).await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
        assert!(e.to_string().contains("Application not found."), "{e}");
        let e = c.promotions().search(&search_request()).await.unwrap_err();
        let api = e.api().unwrap();
        assert_eq!(api.status.as_u16(), 400);
        assert_eq!(api.details[0].message, "The request is invalid.");
        assert_eq!(api.details[1].pointer.as_deref(), Some("AmountFinanced"));
        assert_eq!(
            api.details[1].message,
            "AmountFinanced must be greater than 0."
        );
        let e = c.promotions().set(3, &set_body()).await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(500));
        assert!(e.is_retryable());
    }
}

#[tokio::test]
async fn get_is_retried_on_503() {
    let server = MockServer::start().await;
    Mock::given(path("/v3/api/applications/promotions/100001"))
        .respond_with(forecourt_core::testing::Sequence::new([
            ResponseTemplate::new(503),
            answer(BodyEncoding::Jwe, FOR_APPLICATION),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(server.uri())
        .api_key(key())
        .body_encoding(BodyEncoding::Jwe)
        .retry(RetryPolicy::default())
        .build()
        .unwrap();
    let list = c.promotions().for_application(100_001).await.unwrap();
    check_for_application_fixture(&list);
}

#[tokio::test]
async fn jwe_responses_are_authenticated() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let good = jwe::encrypt(&key(), FOR_APPLICATION.as_bytes(), jwe::MIN_ITERATIONS).unwrap();
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut ct = b64.decode(&parts[3]).unwrap();
    ct[20] ^= 0x80;
    parts[3] = b64.encode(ct);
    let tampered_ciphertext = parts.join(".");
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    let mut tag = b64.decode(&parts[4]).unwrap();
    tag[0] ^= 0x01;
    parts[4] = b64.encode(tag);
    let tampered_tag = parts.join(".");
    let other_key = jwe::encrypt(
        &SecretString::from("someone-else"),
        FOR_APPLICATION.as_bytes(),
        1000,
    )
    .unwrap();
    let bodies = [
        tampered_ciphertext,
        tampered_tag,
        other_key,
        FOR_APPLICATION.to_owned(), // plain JSON where a JWE is required
        String::new(),
    ];
    for body in bodies {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/jose"))
            .mount(&server)
            .await;
        let e = client(&server, BodyEncoding::Jwe)
            .promotions()
            .for_application(100_001)
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Protocol { .. }), "{e}");
        assert!(!format!("{e} {e:?}").contains(KEY));
    }
    // a token sent as a JSON string is accepted
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(Value::String(good)))
        .mount(&server)
        .await;
    let list = client(&server, BodyEncoding::Jwe)
        .promotions()
        .for_application(100_001)
        .await
        .unwrap();
    check_for_application_fixture(&list);
}

#[tokio::test]
async fn decode_errors_name_the_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer(
            BodyEncoding::Json,
            r#"[{"Id":1,"Name":"n","PromoCode":"p","Apr":"x","PaymentFactor":1,"Terms":1,"FullTerms":1,"EstimatedMonthlyPayment":1,"DealerFee":1}]"#,
        ))
        .mount(&server)
        .await;
    let e = client(&server, BodyEncoding::Json)
        .promotions()
        .for_application(1)
        .await
        .unwrap_err();
    assert_eq!(e.decode().unwrap().path, "[0].Apr");
}

/// ASP.NET servers may write a UTF-8 byte order mark before a body: the
/// promotions, a JWE body and a ModelState error read as without it.
#[tokio::test]
async fn bodies_with_a_byte_order_mark_read_as_without() {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    for encoding in [BodyEncoding::Json, BodyEncoding::Jwe] {
        let server = MockServer::start().await;
        let plain = match encoding {
            BodyEncoding::Json => FOR_APPLICATION.as_bytes().to_vec(),
            _ => jwe::encrypt(&key(), FOR_APPLICATION.as_bytes(), jwe::MIN_ITERATIONS)
                .unwrap()
                .into_bytes(),
        };
        let media = match encoding {
            BodyEncoding::Json => "application/json",
            _ => jwe::MEDIA_TYPE,
        };
        Mock::given(path("/v3/api/applications/promotions/100001"))
            .respond_with(ResponseTemplate::new(200).set_body_raw([BOM, &plain].concat(), media))
            .mount(&server)
            .await;
        let model_state = br#"{"Message":"The request is invalid.","ModelState":{"request.AmountFinanced":["AmountFinanced must be greater than 0."]}}"#;
        Mock::given(path("/v3/api/applications/promotions"))
            .respond_with(
                ResponseTemplate::new(400)
                    .set_body_raw([BOM, model_state].concat(), "application/json"),
            )
            .mount(&server)
            .await;
        let c = client(&server, encoding);
        let list = c.promotions().for_application(100_001).await.unwrap();
        check_for_application_fixture(&list);
        let e = c.promotions().search(&search_request()).await.unwrap_err();
        let api = e.api().unwrap();
        assert_eq!(api.details[0].message, "The request is invalid.", "{e:?}");
        assert_eq!(api.details[1].pointer.as_deref(), Some("AmountFinanced"));
    }
}
