//! Issue 14 on Autoloan and Alfa: a hostile vendor echoes every personal
//! value the call sent (the applicant's names, e-mail and phone; a
//! contract's registration number) in 4xx and 5xx bodies, in a success it
//! cannot decode, and in response headers. None may reach the error's
//! `Display`, `Debug` (`{:?}`, `{:#?}`), its source chain or a TRACE log.
//! Canaries are random per run (unique by construction), carry a `"` and
//! non-ASCII letters where the field allows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use autoloan_client::alfa::{self, ContractRequest, VehicleDetails};
use autoloan_client::{Client, Customer, Decimal, Error, NewApplication, SecretString, Vin};
use forecourt_core::testing::{canary, canary_digits, capture_logs, has_number};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every personal value of one run.
struct Canaries {
    first: String,
    last: String,
    email: String,
    phone: String,
    /// The phone's digit run (15 digits, starts with `3584 0`).
    phone_digits: String,
    registration: String,
}

impl Canaries {
    fn new() -> Self {
        let digits = canary_digits(10);
        Canaries {
            first: canary("Mät\"ti-€-"),
            last: canary("Meikä\"läinen-ø-"),
            email: format!("{}@example.fi", canary("mätti\"m.")),
            phone: format!("+3584{digits}"),
            phone_digits: format!("3584{digits}"),
            registration: canary("ÅB\"C-"),
        }
    }

    fn personal(&self) -> [&str; 4] {
        [&self.first, &self.last, &self.email, &self.phone]
    }

    fn all(&self) -> [&str; 5] {
        [
            &self.first,
            &self.last,
            &self.email,
            &self.phone,
            &self.registration,
        ]
    }

    fn application(&self) -> NewApplication {
        let mut a = common::full_application(39_000, 30_000);
        a.customer = Customer::builder()
            .first_name(self.first.as_str())
            .last_name(self.last.as_str())
            .email(self.email.as_str())
            .phone(self.phone.as_str())
            .build();
        a
    }

    fn contract(&self) -> ContractRequest {
        let mut c = common::doc_contract();
        c.vehicle_details = VehicleDetails::builder()
            .vin(Vin::partial("YV1DZ82C...").unwrap())
            .registration_number(self.registration.as_str())
            .make("Volvo")
            .model("V60")
            .price(Decimal::from(39_000))
            .build();
        c
    }

    /// Fails naming `what` when any canary (raw, JSON-escaped or
    /// `Debug`-escaped, or the phone's digit run) is in `text`.
    fn assert_absent(&self, what: &str, text: &str) {
        for value in self.all() {
            let json = serde_json::to_string(value).unwrap();
            let debug = format!("{value:?}");
            for form in [value, &json[1..json.len() - 1], &debug[1..debug.len() - 1]] {
                assert!(!text.contains(form), "{what}: {form} leaked in: {text}");
            }
        }
        assert!(
            !has_number(text, &self.phone_digits),
            "{what}: the phone's digits leaked in: {text}"
        );
    }
}

/// `Display`, `{:?}`, `{:#?}` and every source's `Display` and `Debug`.
fn shown(err: &Error) -> String {
    let mut text = format!("{err}\n{err:?}\n{err:#?}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!("\n| {s} {s:?} {s:#?}"));
        source = s.source();
    }
    text
}

/// How the hostile vendor answers, each echoing `values`.
#[derive(Debug, Clone, Copy)]
enum Echo {
    /// 422 with the values in a JSON message, field names and codes.
    ClientErrorJson,
    /// 400 with the values in a plain-text body.
    ClientErrorText,
    /// 500 with the values in a JSON body.
    ServerError,
    /// 503 whose body is the values inside broken JSON.
    ServerErrorBroken,
    /// 200 whose `status` is an object holding one of the values.
    DecodeErrorOnValue,
    /// 200 whose `id` is an object of the values (an invalid type).
    DecodeErrorWrongType,
    /// 200 with the values, then cut off (an EOF decode error).
    DecodeErrorTruncated,
    /// 401 with the values in headers (request id, `WWW-Authenticate`,
    /// a custom header) and an empty body.
    Headers,
}

const ECHOES: [Echo; 8] = [
    Echo::ClientErrorJson,
    Echo::ClientErrorText,
    Echo::ServerError,
    Echo::ServerErrorBroken,
    Echo::DecodeErrorOnValue,
    Echo::DecodeErrorWrongType,
    Echo::DecodeErrorTruncated,
    Echo::Headers,
];

fn echo_response(echo: Echo, values: &[&str]) -> ResponseTemplate {
    let joined = values.join(" ");
    let object: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("field{i}"), serde_json::json!(v)))
        .collect();
    match echo {
        Echo::ClientErrorJson => ResponseTemplate::new(422).set_body_json(serde_json::json!({
            "message": format!("invalid applicant {joined}"),
            "errors": values.iter().map(|v| serde_json::json!({
                "field": v, "code": v, "message": format!("'{v}' is not accepted")
            })).collect::<Vec<_>>(),
            "echo": object,
        })),
        Echo::ClientErrorText => ResponseTemplate::new(400)
            .set_body_raw(format!("rejected: {joined}"), "text/plain; charset=utf-8"),
        Echo::ServerError => ResponseTemplate::new(500)
            .set_body_json(serde_json::json!({"error": joined, "echo": object})),
        Echo::ServerErrorBroken => ResponseTemplate::new(503)
            .set_body_raw(format!("{{\"error\": \"{joined}"), "application/json"),
        Echo::DecodeErrorOnValue => ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "echo": object, "id": "APP-1", "status": {"text": values[0]},
        })),
        Echo::DecodeErrorWrongType => ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"id": object, "status": "Pending"})),
        Echo::DecodeErrorTruncated => {
            let full = serde_json::json!({"echo": object, "id": "APP-1", "status": "Pending"});
            let text = full.to_string();
            let cut = text.find("\"id\"").unwrap_or(text.len());
            ResponseTemplate::new(200).set_body_raw(text[..cut].to_owned(), "application/json")
        }
        Echo::Headers => {
            let mut r = ResponseTemplate::new(401);
            // header values are visible ASCII: the values' ASCII parts
            for (i, v) in values.iter().enumerate() {
                let ascii: String = v.chars().filter(|c| c.is_ascii_graphic()).collect();
                r = r
                    .insert_header(format!("x-echo-{i}").as_str(), ascii.as_str())
                    .insert_header("x-request-id", ascii.as_str())
                    .insert_header(
                        "www-authenticate",
                        format!("Bearer error=\"{ascii}\"").as_str(),
                    );
            }
            r
        }
    }
}

/// Only the ASCII canaries can travel in headers: checks those parts too.
fn ascii_parts(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.chars().filter(|c| c.is_ascii_graphic()).collect())
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn personal_values_echoed_by_autoloan_never_surface() {
    let (logs, _guard) = capture_logs();
    let canaries = Canaries::new();
    let app = canaries.application();
    for echo in ECHOES {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(echo_response(echo, &canaries.personal()))
            .mount(&server)
            .await;
        let client = Client::builder()
            .api_key(SecretString::from(common::API_KEY))
            .base_url(server.uri())
            .build()
            .unwrap();
        let err = client.applications().submit(&app).await.unwrap_err();
        let text = shown(&err);
        match echo {
            Echo::DecodeErrorOnValue | Echo::DecodeErrorWrongType | Echo::DecodeErrorTruncated => {
                assert!(matches!(err, Error::Decode(_)), "{echo:?}: {text}")
            }
            _ => assert!(err.status().is_some(), "{echo:?}: {text}"),
        }
        canaries.assert_absent(&format!("{echo:?}"), &text);
        for part in ascii_parts(&canaries.personal()) {
            assert!(!text.contains(&part), "{echo:?}: {part} leaked in {text}");
        }
    }
    let log = logs.text();
    assert!(
        log.contains("applications"),
        "the logs were captured: {log}"
    );
    canaries.assert_absent("TRACE log", &log);
    for part in ascii_parts(&canaries.personal()) {
        assert!(!log.contains(&part), "TRACE log: {part} leaked in {log}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_registration_number_echoed_by_alfa_never_surfaces() {
    let (logs, _guard) = capture_logs();
    let canaries = Canaries::new();
    let contract = canaries.contract();
    let values = [canaries.registration.as_str()];
    for echo in ECHOES {
        let server = MockServer::start().await;
        let response = match echo {
            // the receipt is any JSON object: break it differently
            Echo::DecodeErrorOnValue | Echo::DecodeErrorWrongType => ResponseTemplate::new(201)
                .set_body_json(serde_json::json!([values[0], {"registrationNumber": values[0]}])),
            _ => echo_response(echo, &values),
        };
        Mock::given(method("POST"))
            .respond_with(response)
            .mount(&server)
            .await;
        let client = alfa::Client::builder()
            .base_url(server.uri())
            .basic_auth("user", SecretString::from(canary("alfa-pw-")))
            .build()
            .unwrap();
        let err = client.contracts().create(&contract).await.unwrap_err();
        let text = shown(&err);
        canaries.assert_absent(&format!("alfa {echo:?}"), &text);
        for part in ascii_parts(&values) {
            assert!(
                !text.contains(&part),
                "alfa {echo:?}: {part} leaked in {text}"
            );
        }
    }
    let log = logs.text();
    assert!(log.contains("contracts"), "the logs were captured: {log}");
    canaries.assert_absent("TRACE log", &log);
    for part in ascii_parts(&values) {
        assert!(!log.contains(&part), "TRACE log: {part} leaked in {log}");
    }
}

/// The request models print no personal value, in `{:?}` or `{:#?}`.
/// (Their builders have no `Debug`.)
#[test]
fn request_models_and_builders_print_no_personal_values() {
    let canaries = Canaries::new();
    let app = canaries.application();
    let contract = canaries.contract();
    // (the models' `bon` builders do not implement `Debug` at all)
    let text = format!("{app:?} {app:#?} {contract:?} {contract:#?}");
    assert!(text.contains("[REDACTED]"), "{text}");
    canaries.assert_absent("models", &text);
    // what is sent is exact
    let json = serde_json::to_value(&contract).unwrap();
    assert_eq!(
        json["vehicleDetails"]["registrationNumber"],
        canaries.registration
    );
    let json = serde_json::to_value(&app).unwrap();
    assert_eq!(json["customer"]["email"], canaries.email);
}

/// A success that echoes the values (an unknown `status`, extra fields)
/// decodes, keeps them, and prints none of them.
#[tokio::test(flavor = "current_thread")]
async fn a_success_echoing_personal_values_prints_none_of_them() {
    let canaries = Canaries::new();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({
            "id": "APP-1",
            "status": canaries.first,
            "customer": {"lastName": canaries.last, "email": canaries.email, "phone": canaries.phone},
        })))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(SecretString::from(common::API_KEY))
        .base_url(server.uri())
        .build()
        .unwrap();
    let ok = client
        .applications()
        .submit(&canaries.application())
        .await
        .unwrap();
    assert_eq!(ok.status.as_str(), canaries.first, "kept as sent");
    assert_eq!(ok.extra["customer"]["email"], canaries.email.as_str());
    canaries.assert_absent("Application Debug", &format!("{ok:?} {ok:#?}"));
}
