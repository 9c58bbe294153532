//! Property (issue 14): random secrets embedded in random JSON (escaped
//! quotes, unicode escapes, nesting), echoed by a vendor through every
//! error path, never reach `Display`, `Debug`, an excerpt or a TRACE line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use forecourt_core::testing::capture_logs;
use forecourt_core::{
    AccessToken, Auth, Operation, Redacted, Request, RetryPolicy, SecretString, TokenCache,
    TokenPlacement, TransportBuilder,
};
use futures::FutureExt;
use proptest::prelude::*;
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ITEM: Operation = Operation::post("items.create", "/items");

/// A secret that can be a header value: printable ASCII, `"` and `\` included.
fn header_secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9\"\\\\/+=._~-]{12,32}".prop_map(|s| format!("H{s}"))
}

/// A secret for a body value: any text, control characters and non-ASCII included.
fn body_secret() -> impl Strategy<Value = String> {
    "[A-Za-z0-9\"\\\\\u{1}\u{1f}é€😀 ]{12,32}".prop_map(|s| format!("B{s}"))
}

/// Random JSON in which some strings (and keys) carry one of `secrets`.
fn json_with(secrets: Vec<String>) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(Value::from),
        "[a-z \"\\\\]{0,12}".prop_map(Value::from),
        (0..secrets.len(), "[a-z \"]{0,6}", "[a-z \"]{0,6}").prop_map({
            let secrets = secrets.clone();
            move |(i, a, b)| Value::from(format!("{a}{}{b}", secrets[i]))
        }),
    ];
    leaf.prop_recursive(4, 32, 4, move |inner| {
        let secrets = secrets.clone();
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(("[a-z]{1,6}|message|detail|error", inner.clone()), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            (0..secrets.len(), inner).prop_map(move |(i, v)| {
                let mut m = serde_json::Map::new();
                m.insert(secrets[i].clone(), v);
                Value::Object(m)
            }),
        ]
    })
}

fn forms(secret: &str) -> Vec<String> {
    let json = serde_json::to_string(secret).unwrap();
    let debug = format!("{secret:?}");
    vec![
        secret.to_owned(),
        json[1..json.len() - 1].to_owned(),
        debug[1..debug.len() - 1].to_owned(),
    ]
}

fn assert_clean(where_: &str, text: &str, secrets: &[String]) {
    for s in secrets {
        for f in forms(s) {
            assert!(
                !text.contains(&f),
                "{where_}: secret {s:?} leaked as {f:?} in {text}"
            );
        }
    }
}

fn everything(err: &forecourt_core::Error) -> String {
    let mut text = format!("{err}\n{err:?}");
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!("\n{s}\n{s:?}"));
        source = s.source();
    }
    if let Some(api) = err.api() {
        text.push_str(&api.body_excerpt);
        for d in &api.details {
            text.push_str(&format!("{d} {:?} {:?}", d.pointer, d.code));
        }
    }
    if let Some(d) = err.decode() {
        text.push_str(&format!("{} {} {}", d.path, d.message, d.body_excerpt));
    }
    text
}

#[derive(serde::Serialize)]
struct Body {
    name: &'static str,
    secret: Redacted<String>,
}

#[allow(dead_code)]
#[derive(Debug, serde::Deserialize)]
struct Item {
    id: u32,
}

async fn run_case(key: String, token: String, personal: String, body: Value) {
    let (logs, _guard) = capture_logs();
    let server = MockServer::start().await;
    let secrets = vec![key.clone(), token.clone(), personal.clone()];
    let body_text = body.to_string();
    // error statuses, a success that does not decode, and a token endpoint
    // that fails with the same body
    Mock::given(method("POST"))
        .and(path("/items"))
        .respond_with(
            ResponseTemplate::new(422).set_body_raw(body_text.clone(), "application/json"),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            serde_json::json!({"id": body}).to_string(),
            "application/json",
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(body_text.clone(), "text/plain"))
        .mount(&server)
        .await;
    let issued = token.clone();
    let cache = TokenCache::new(move || {
        let issued = issued.clone();
        async move { Ok(AccessToken::new(SecretString::from(issued), None)) }.boxed()
    });
    let base = TransportBuilder::new("Prop", "prop/1")
        .base_url(server.uri())
        .retry(RetryPolicy::none());
    let t = base
        .clone()
        .auth(
            Auth::header("X-Api-Key", SecretString::from(key.clone()))
                .unwrap()
                .and(Auth::token_source(cache, TokenPlacement::Bearer)),
        )
        .build()
        .unwrap();
    let request = || {
        Request::new(ITEM)
            .json(&Body {
                name: "x",
                secret: Redacted::new(personal.clone()),
            })
            .unwrap()
    };
    let api = t.send_no_content(request()).await.unwrap_err();
    assert_clean("api error", &everything(&api), &secrets);
    let decode = t.send_json::<Item>(request()).await.unwrap_err();
    assert!(decode.decode().is_some(), "{decode:?}");
    assert_clean("decode error", &everything(&decode), &secrets);
    // a token endpoint that echoes its client secret
    let token_t = base
        .scrub_secret(SecretString::from(key.clone()))
        .build()
        .unwrap();
    let auth = token_t
        .send_no_content(Request::new(Operation::post("token", "/token")))
        .await
        .unwrap_err();
    // (this transport knows only the key: the other values were not sent to it)
    assert_clean(
        "token endpoint error",
        &everything(&auth),
        std::slice::from_ref(&key),
    );
    // a body decoded later (a webhook, a decrypted payload)
    let later = t.decode_bytes::<Item>(body_text.as_bytes());
    if let Err(e) = later {
        assert_clean(
            "decode_bytes",
            &everything(&e),
            &[key.clone(), token.clone()],
        );
    }
    assert_clean("TRACE log", &logs.text(), &secrets);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_secret_reaches_display_debug_or_trace(
        (key, token, personal, body) in (header_secret(), header_secret(), body_secret())
            .prop_flat_map(|(k, t, p)| {
                let body = json_with(vec![k.clone(), t.clone(), p.clone()]);
                (Just(k), Just(t), Just(p), body)
            })
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(run_case(key, token, personal, body));
    }
}
