//! The request pipeline against a real local server: what is sent, how
//! answers become values or typed errors, retries, timeouts, redirects, caps.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use forecourt_core::testing::{Sequence, mount_catch_all};
use forecourt_core::{
    Auth, Error, Operation, Request, RequestOptions, RetryPolicy, SecretString, Transport,
    TransportBuilder,
};
use futures::StreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GET_ITEM: Operation = Operation::get("items.get", "/items/{id}");
const CREATE_ITEM: Operation = Operation::post("items.create", "/items");
const PUT_ITEM: Operation = Operation::put("items.replace", "/items/{id}");

#[derive(Debug, serde::Deserialize, serde::Serialize, PartialEq)]
struct Item {
    id: forecourt_core::serde_helpers::Id,
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    price: rust_decimal::Decimal,
}

fn builder(server: &MockServer) -> TransportBuilder {
    TransportBuilder::new("Test", "test-client/1.2.3")
        .base_url(format!("{}/api/v1/", server.uri()))
        .auth(Auth::header("X-Api-Key", SecretString::from("key-123")).unwrap())
        .retry(RetryPolicy::default().base_delay(Duration::from_millis(1)))
}

fn transport(server: &MockServer) -> Transport {
    builder(server).build().unwrap()
}

async fn received(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .map(|r| r.len())
        .unwrap_or(0)
}

#[tokio::test]
async fn sends_exact_request_and_decodes_typed_value() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("POST"))
        .and(path("/api/v1/items"))
        .and(query_param("dry_run", "true"))
        .and(header("x-api-key", "key-123"))
        .and(header("user-agent", "test-client/1.2.3"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(json!({"id": "a-1", "price": 433.340})))
        .respond_with(ResponseTemplate::new(201).set_body_raw(
            r#"{"id": 7, "price": "1234567890.123456789012"}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let item = Item {
        id: "a-1".into(),
        price: "433.340".parse().unwrap(),
    };
    #[derive(serde::Serialize)]
    struct Q {
        dry_run: bool,
    }
    let created: Item = transport(&server)
        .send_json(
            Request::new(CREATE_ITEM)
                .query(&Q { dry_run: true })
                .unwrap()
                .json(&item)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(created.id.as_str(), "7");
    assert_eq!(created.price.to_string(), "1234567890.123456789012");
    // the body went out with the decimal's exact digits
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        std::str::from_utf8(&sent.body).unwrap(),
        r#"{"id":"a-1","price":433.340}"#
    );
    assert!(sent.headers.get("referer").is_none());
}

#[tokio::test]
async fn path_parameters_are_one_encoded_segment() {
    let server = MockServer::start().await;
    mount_catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/v1/items/a%2Fb%3Fc"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "x", "price": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let t = transport(&server);
    let _: Item = t
        .send_json(Request::new(GET_ITEM).param("a/b?c"))
        .await
        .unwrap();
    // an empty id is refused before sending
    let err = t
        .send_json::<Item>(Request::new(GET_ITEM).param(""))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "id"),
        "{err:?}"
    );
}

#[tokio::test]
async fn get_503_503_200_succeeds_after_three_requests() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Sequence::new([
            ResponseTemplate::new(503),
            ResponseTemplate::new(503),
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "price": 2})),
        ]))
        .mount(&server)
        .await;
    let item: Item = transport(&server)
        .send_json(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    assert_eq!(item.price, 2.into());
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_report_the_last_answer() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let err = transport(&server)
        .send_no_content(Request::new(PUT_ITEM).param("1").json(&json!({})).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert!(err.is_retryable());
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn post_503_fails_after_exactly_one_request() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let err = transport(&server)
        .send_no_content(Request::new(CREATE_ITEM).json(&json!({})).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn non_retryable_statuses_are_not_retried() {
    for status in [400u16, 401, 404, 422, 500] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let err = transport(&server)
            .send_no_content(Request::new(GET_ITEM).param("1"))
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(received(&server).await, 1, "status {status}");
    }
}

#[tokio::test]
async fn retries_can_be_disabled_per_client_and_per_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let t = transport(&server);
    t.send_no_content(
        Request::new(GET_ITEM)
            .param("1")
            .options(RequestOptions::new().no_retry()),
    )
    .await
    .unwrap_err();
    assert_eq!(received(&server).await, 1);
    let t = builder(&server).retry(RetryPolicy::none()).build().unwrap();
    t.send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert_eq!(received(&server).await, 2);
}

/// A client whose only timers are the retry sleeps, so paused time measures them.
fn paused_time_transport(server: &MockServer) -> Transport {
    builder(server)
        .without_timeouts()
        .reqwest_client_builder(forecourt_core::reqwest::Client::builder().pool_idle_timeout(None))
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn retry_after_two_seconds_waits_two_virtual_seconds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Sequence::new([
            ResponseTemplate::new(429).insert_header("retry-after", "2"),
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "price": 2})),
        ]))
        .mount(&server)
        .await;
    let start = tokio::time::Instant::now();
    let _: Item = paused_time_transport(&server)
        .send_json(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(2) && waited < Duration::from_millis(2100),
        "{waited:?}"
    );
    assert_eq!(received(&server).await, 2);
}

#[tokio::test(start_paused = true)]
async fn retry_after_one_day_is_clamped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Sequence::new([
            ResponseTemplate::new(503).insert_header("retry-after", "86400"),
            ResponseTemplate::new(200).set_body_json(json!({"id": 1, "price": 2})),
        ]))
        .mount(&server)
        .await;
    let start = tokio::time::Instant::now();
    let _: Item = paused_time_transport(&server)
        .send_json(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_secs(60) && waited < Duration::from_secs(61),
        "clamped to the 60 s default: {waited:?}"
    );
}

/// The client's timeout is built into the client the SDK makes; a call
/// can still lift it, and one transport's timeout is not another's even
/// when they share that client.
#[tokio::test]
async fn a_call_without_a_timeout_outlives_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"id": 1, "price": "1.00"}))
                .set_delay(Duration::from_millis(600)),
        )
        .mount(&server)
        .await;
    let shared = builder(&server)
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .share_http_client()
        .unwrap();
    let t = shared.clone().build().unwrap();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    t.send_no_content(
        Request::new(GET_ITEM)
            .param("1")
            .options(RequestOptions::new().without_timeout()),
    )
    .await
    .expect("no per-attempt limit for this call");
    t.send_no_content(
        Request::new(GET_ITEM)
            .param("1")
            .options(RequestOptions::new().timeout(Duration::from_secs(5))),
    )
    .await
    .expect("a longer limit for this call");
    // Same pooled client, a transport with a longer timeout of its own.
    let patient = shared.timeout(Duration::from_secs(5)).build().unwrap();
    patient
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .expect("this transport's own limit, not the shared client's");
    assert_eq!(received(&server).await, 4);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_per_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let t = builder(&server)
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        received(&server).await,
        3,
        "a GET that timed out is retried"
    );
    let err = t
        .send_no_content(Request::new(CREATE_ITEM).json(&json!({})).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert_eq!(
        received(&server).await,
        4,
        "a POST that timed out is not re-sent"
    );
    // the per-request timeout overrides the client's
    let err = transport(&server)
        .send_no_content(
            Request::new(GET_ITEM).param("1").options(
                RequestOptions::new()
                    .timeout(Duration::from_millis(50))
                    .no_retry(),
            ),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { after, .. } if after == Duration::from_millis(50)));
}

#[tokio::test]
async fn connection_refused_is_a_connect_error_retried_even_for_post() {
    // bind then drop a listener: the port is closed
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    // Backoff without jitter: 100 ms then 200 ms. Waiting at least 300 ms
    // proves both retries happened; a lone attempt fails in about 1 ms.
    let t = TransportBuilder::new("Test", "t/1")
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(100))
                .without_jitter(),
        )
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = t
        .send_no_content(Request::new(CREATE_ITEM).json(&json!({})).unwrap())
        .await
        .unwrap_err();
    let waited = started.elapsed();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(err.is_retryable());
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(3),
        "two retries expected: {waited:?}"
    );
}

#[tokio::test]
async fn cross_origin_redirect_is_refused_and_the_other_host_gets_nothing() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    Mock::given(path("/api/v1/items/1"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/steal", other.uri()).as_str()),
        )
        .mount(&server)
        .await;
    let err = transport(&server)
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert_eq!(
        received(&other).await,
        0,
        "the other origin received a request"
    );
}

#[tokio::test]
async fn same_origin_redirect_is_followed_with_credentials() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/items/1"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", "/api/v1/items/2"))
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/items/2"))
        .and(header("x-api-key", "key-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 2, "price": 1})))
        .expect(1)
        .mount(&server)
        .await;
    let item: Item = transport(&server)
        .send_json(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    assert_eq!(item.id.as_str(), "2");
}

#[tokio::test]
async fn absolute_urls_on_another_origin_are_refused_before_sending() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    let url = url::Url::parse(&format!("{}/download", other.uri())).unwrap();
    let err = transport(&server)
        .send_stream(Request::new(GET_ITEM).absolute_url(url))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "url"));
    assert_eq!(received(&other).await, 0);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![b' '; 2048], "application/json"))
        .mount(&server)
        .await;
    let t = builder(&server).max_body_bytes(1024).build().unwrap();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: 1024, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn html_and_truncated_bodies_are_decode_errors_with_excerpts() {
    let server = MockServer::start().await;
    Mock::given(path("/api/v1/items/html"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("<html>Bad gateway</html>", "text/html"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/items/cut"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"id": 1, "pri"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/items/type"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"id": 1, "price": "cheap"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/api/v1/items/utf8"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            b"{\"id\": \"\xff\xfe\", \"price\": 1}".to_vec(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let t = transport(&server);
    let err = t
        .send_json::<Item>(Request::new(GET_ITEM).param("html"))
        .await
        .unwrap_err();
    let d = err.decode().expect("decode error");
    assert!(d.message.contains("text/html"), "{d:?}");
    assert!(d.body_excerpt.contains("Bad gateway"));
    let err = t
        .send_json::<Item>(Request::new(GET_ITEM).param("cut"))
        .await
        .unwrap_err();
    assert!(err.decode().is_some(), "{err:?}");
    let err = t
        .send_json::<Item>(Request::new(GET_ITEM).param("type"))
        .await
        .unwrap_err();
    assert_eq!(err.decode().unwrap().path, "price");
    let err = t
        .send_json::<Item>(Request::new(GET_ITEM).param("utf8"))
        .await
        .unwrap_err();
    assert!(err.decode().is_some(), "{err:?}");
}

#[tokio::test]
async fn vendor_errors_become_api_errors_with_details_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(422)
                .insert_header("x-request-id", "req-9")
                .set_body_json(json!({"errors": [
                    {"source": {"pointer": "/data/attributes/email"}, "detail": "is invalid"}
                ]})),
        )
        .mount(&server)
        .await;
    let t = builder(&server)
        .request_id_header("x-request-id")
        .build()
        .unwrap();
    let err = t
        .send_no_content(Request::new(CREATE_ITEM).json(&json!({})).unwrap())
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 422);
    assert_eq!(api.request_id.as_deref(), Some("req-9"));
    assert_eq!(
        api.details[0].pointer.as_deref(),
        Some("/data/attributes/email")
    );
    assert_eq!(
        err.to_string(),
        "Test items.create failed with 422 Unprocessable Entity: /data/attributes/email: is invalid [request id req-9]"
    );
}

#[tokio::test]
async fn correlation_id_is_fresh_per_call_and_stable_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let t = builder(&server)
        .correlation_id_header("correlation-id")
        .build()
        .unwrap();
    let err = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    let id = err.api().unwrap().correlation_id.clone().unwrap();
    assert!(uuid::Uuid::parse_str(&id).is_ok());
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 3);
    assert!(
        reqs.iter()
            .all(|r| r.headers["correlation-id"] == id.as_str())
    );
    let err2 = t
        .send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap_err();
    assert_ne!(
        err2.api().unwrap().correlation_id.as_deref(),
        Some(id.as_str())
    );
}

#[tokio::test]
async fn downloads_stream_in_chunks() {
    let server = MockServer::start().await;
    let pdf: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf.clone(), "application/pdf"))
        .mount(&server)
        .await;
    // the stream is not subject to the JSON body cap
    let t = builder(&server).max_body_bytes(1024).build().unwrap();
    let mut stream = t
        .send_stream(Request::new(GET_ITEM).param("pkg"))
        .await
        .unwrap();
    assert_eq!(stream.content_type(), Some("application/pdf"));
    let mut got = Vec::new();
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, pdf);
}

#[tokio::test]
async fn base_urls_are_checked_when_building() {
    for bad in ["http://api.example.com", "https://user:pw@x.com", "nope"] {
        let err = TransportBuilder::new("Test", "t/1")
            .base_url(bad)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "base_url"));
    }
    let err = TransportBuilder::new("Test", "t/1").build().unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "base_url"));
}

#[tokio::test]
async fn user_middleware_runs_outside_auth_and_never_sees_credentials() {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Spy(Arc<Mutex<Vec<bool>>>);
    #[async_trait::async_trait]
    impl forecourt_core::reqwest_middleware::Middleware for Spy {
        async fn handle(
            &self,
            req: forecourt_core::reqwest::Request,
            ext: &mut http::Extensions,
            next: forecourt_core::reqwest_middleware::Next<'_>,
        ) -> forecourt_core::reqwest_middleware::Result<forecourt_core::reqwest::Response> {
            self.0
                .lock()
                .unwrap()
                .push(req.headers().contains_key("x-api-key"));
            next.run(req, ext).await
        }
    }
    let server = MockServer::start().await;
    Mock::given(header("x-api-key", "key-123"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let spy = Spy::default();
    let t = builder(&server).middleware(spy.clone()).build().unwrap();
    t.send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    assert_eq!(*spy.0.lock().unwrap(), [false]);
}

/// A keep-alive HTTP/1.1 server that counts the connections it accepts.
async fn counting_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buf = vec![0u8; 4096];
                let mut pending = Vec::new();
                loop {
                    let Ok(n) = stream.read(&mut buf).await else {
                        return;
                    };
                    if n == 0 {
                        return;
                    }
                    pending.extend_from_slice(&buf[..n]);
                    while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                        pending.drain(..end + 4);
                        let reply = b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n";
                        if stream.write_all(reply).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    (url, accepted)
}

#[tokio::test]
async fn clones_of_a_shared_builder_use_one_connection_pool() {
    use std::sync::atomic::Ordering;
    let (url, accepted) = counting_server().await;
    let shared = TransportBuilder::new("Test", "t/1")
        .base_url(&url)
        .share_http_client()
        .unwrap();
    let a = shared.clone().build().unwrap();
    let b = shared
        .auth(Auth::bearer(SecretString::from("tok")).unwrap())
        .build()
        .unwrap();
    for _ in 0..3 {
        a.send_no_content(Request::new(GET_ITEM).param("1"))
            .await
            .unwrap();
        b.send_no_content(Request::new(GET_ITEM).param("1"))
            .await
            .unwrap();
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "one pooled connection for both"
    );
    // without sharing, each build has its own pool
    let (url, accepted) = counting_server().await;
    let unshared = TransportBuilder::new("Test", "t/1").base_url(&url);
    let a = unshared.clone().build().unwrap();
    let b = unshared.build().unwrap();
    a.send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    b.send_no_content(Request::new(GET_ITEM).param("1"))
        .await
        .unwrap();
    assert_eq!(accepted.load(Ordering::SeqCst), 2);
}
