//! The fault matrix: every fault case through one operation of a client.

use std::future::Future;
use std::time::Duration;

use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

use crate::{Error, RetryPolicy};

use super::faults::{Canned, Fault, FaultServer, refused_url};

/// The per-attempt timeout of the matrix's cases that need no waiting.
pub const MATRIX_TIMEOUT: Duration = Duration::from_secs(2);
/// The per-attempt timeout of the matrix's silent and drip cases.
pub const MATRIX_SLOW_TIMEOUT: Duration = Duration::from_millis(300);
/// The clamp on `Retry-After` in the matrix's retry policy (the servers ask
/// for 120 s).
pub const MATRIX_RETRY_AFTER_CLAMP: Duration = Duration::from_millis(50);
/// How many attempts the matrix's retry policy allows.
pub const MATRIX_ATTEMPTS: usize = 3;

/// Where and how a matrix case's client must send: build the client with
/// `.base_url(&target.url).timeout(target.timeout).retry(target.retry.clone())`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FaultTarget {
    /// The base URL (a path may be appended, such as `/api/v1`).
    pub url: String,
    /// The per-attempt timeout.
    pub timeout: Duration,
    /// 3 attempts, 1 ms base delay, `Retry-After` clamped to
    /// [`MATRIX_RETRY_AFTER_CLAMP`].
    pub retry: RetryPolicy,
}

/// One operation of a client, as the matrix sees it.
#[derive(Debug, Clone, Copy)]
pub struct MatrixOp {
    name: &'static str,
    idempotent: bool,
    reads_body: bool,
}

impl MatrixOp {
    /// A GET-like operation (retried) that decodes the body.
    pub const fn get(name: &'static str) -> Self {
        MatrixOp {
            name,
            idempotent: true,
            reads_body: true,
        }
    }

    /// A POST-like operation (never re-sent) that decodes the body.
    pub const fn post(name: &'static str) -> Self {
        MatrixOp {
            name,
            idempotent: false,
            reads_body: true,
        }
    }

    /// The operation ignores a success's body (so a bad body is no error).
    pub const fn ignoring_body(mut self) -> Self {
        self.reads_body = false;
        self
    }
}

/// The outcome a matrix case expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expected {
    /// A success.
    Ok,
    /// [`Error::Connect`].
    Connect,
    /// [`Error::Network`].
    Network,
    /// [`Error::Timeout`].
    Timeout,
    /// [`Error::Api`] with this status.
    Api(u16),
    /// [`Error::Decode`] with a body excerpt.
    Decode,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::Redirect`].
    Redirect,
}

impl Expected {
    fn matches<T>(self, outcome: &crate::Result<T>) -> bool {
        match (self, outcome) {
            (Expected::Ok, Ok(_)) => true,
            (Expected::Connect, Err(Error::Connect { .. })) => true,
            (Expected::Network, Err(Error::Network { .. })) => true,
            (Expected::Timeout, Err(Error::Timeout { .. })) => true,
            (Expected::Api(s), Err(Error::Api(api))) => api.status.as_u16() == s,
            (Expected::Decode, Err(Error::Decode(d))) => !d.body_excerpt.is_empty(),
            (Expected::BodyTooLarge, Err(Error::BodyTooLarge { .. })) => true,
            (Expected::Redirect, Err(Error::Redirect { .. })) => true,
            _ => false,
        }
    }
}

/// One case of the matrix.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct FaultCase {
    /// What is played, for messages and reports.
    pub name: String,
    /// The fault; `None` means no server at all (connection refused).
    pub fault: Option<Fault>,
    /// The per-attempt timeout.
    pub timeout: Duration,
    /// The expected outcome.
    pub expected: Expected,
    /// How many requests must reach the server (not checked when refused).
    pub requests: usize,
    /// The call must take at least this long (honoured `Retry-After`).
    pub min_elapsed: Duration,
    /// A second server is the redirect's target and must receive nothing.
    pub cross_origin: bool,
}

impl FaultCase {
    /// The most the call may take: every attempt's timeout plus 1 s for
    /// backoffs and scheduling.
    pub fn budget(&self) -> Duration {
        let attempts = u32::try_from(self.requests.max(1)).unwrap_or(u32::MAX);
        self.timeout.saturating_mul(attempts) + Duration::from_secs(1)
    }
}

/// The cases of the fault matrix for `op`.
///
/// Connection refused; reset mid-body; a server that never answers; a slow
/// drip body; 500, 502, 503, 504 and 429, each with and without
/// `Retry-After: 120` (GET retried but for 500, POST sent once); truncated
/// JSON; an HTML page with 200; a wrong content type; malformed UTF-8; a
/// declared and a chunked 100 MiB body; cross-origin redirects (302, 307).
pub fn fault_cases(op: MatrixOp) -> Vec<FaultCase> {
    let attempts = if op.idempotent { MATRIX_ATTEMPTS } else { 1 };
    let case = |name: &str, fault: Option<Fault>, expected: Expected, requests: usize| FaultCase {
        name: name.to_owned(),
        fault,
        timeout: MATRIX_TIMEOUT,
        expected,
        requests,
        min_elapsed: Duration::ZERO,
        cross_origin: false,
    };
    let mut cases = vec![
        case("connection refused", None, Expected::Connect, 0),
        case(
            "reset mid-body",
            Some(Fault::ResetMidBody),
            Expected::Network,
            attempts,
        ),
        FaultCase {
            timeout: MATRIX_SLOW_TIMEOUT,
            min_elapsed: MATRIX_SLOW_TIMEOUT,
            ..case(
                "server never answers",
                Some(Fault::Silent),
                Expected::Timeout,
                attempts,
            )
        },
        FaultCase {
            timeout: MATRIX_SLOW_TIMEOUT,
            min_elapsed: MATRIX_SLOW_TIMEOUT,
            ..case(
                "slow drip body",
                Some(Fault::Drip),
                Expected::Timeout,
                attempts,
            )
        },
    ];
    for status in [500u16, 502, 503, 504, 429] {
        let retried = op.idempotent && status != 500;
        let n = if retried { MATRIX_ATTEMPTS } else { 1 };
        let body = serde_json::json!({ "message": "fault matrix" });
        cases.push(case(
            &format!("{status} without Retry-After"),
            Some(Fault::Respond(Canned::json(status, &body))),
            Expected::Api(status),
            n,
        ));
        let waits = u32::try_from(n - 1).unwrap_or(0);
        cases.push(FaultCase {
            min_elapsed: MATRIX_RETRY_AFTER_CLAMP * waits,
            ..case(
                &format!("{status} with Retry-After: 120"),
                Some(Fault::Respond(
                    Canned::json(status, &body).header("retry-after", "120"),
                )),
                Expected::Api(status),
                n,
            )
        });
    }
    let bad_body = if op.reads_body {
        Expected::Decode
    } else {
        Expected::Ok
    };
    let bodies: [(&str, &str, &[u8]); 4] = [
        (
            "truncated JSON",
            "application/json",
            br#"{"data": [{"id": "1", "na"#,
        ),
        (
            "HTML page with 200",
            "text/html; charset=utf-8",
            b"<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>",
        ),
        (
            "wrong content type",
            "application/x-www-form-urlencoded",
            b"status=ok&id=1",
        ),
        (
            "malformed UTF-8",
            "application/json",
            b"{\"\xc3\x28\": \"\xff\xfe\", \"data\": \"\xed\xa0\x80\"}",
        ),
    ];
    for (name, content_type, body) in bodies {
        cases.push(case(
            name,
            Some(Fault::Respond(
                Canned::new(200).body(content_type, body.to_vec()),
            )),
            bad_body,
            1,
        ));
    }
    cases.push(case(
        "100 MiB body, declared",
        Some(Fault::HugeDeclared),
        Expected::BodyTooLarge,
        1,
    ));
    cases.push(case(
        "100 MiB body, chunked",
        Some(Fault::HugeChunked),
        Expected::BodyTooLarge,
        1,
    ));
    for status in [302u16, 307] {
        cases.push(FaultCase {
            cross_origin: true,
            ..case(
                &format!("cross-origin redirect ({status})"),
                None,
                Expected::Redirect,
                1,
            )
        });
    }
    cases
}

/// Runs the fault matrix ([`fault_cases`]) through one operation of a
/// client, each case against a fresh server, and asserts for each: the
/// typed outcome, the number of requests that reached the server, that the
/// call ended within its [budget](FaultCase::budget) (and not before an
/// honoured `Retry-After`), that a chunked 100 MiB body was cut off early
/// (less than 32 MiB pushed), that a cross-origin redirect's target
/// received nothing, and that no [secret](Self::secret) appears in the
/// error's `Debug`, `Display` or source chain.
///
/// ```no_run
/// # async fn demo() {
/// use forecourt_core::testing::{FaultMatrix, MatrixOp};
/// use forecourt_core::{Request, Operation, TransportBuilder};
/// const GET: Operation = Operation::get("things.get", "/things/1");
/// let cases = FaultMatrix::new()
///     .run(MatrixOp::get("things.get"), |t| async move {
///         let transport = TransportBuilder::new("Demo", "demo/1")
///             .base_url(&t.url)
///             .timeout(t.timeout)
///             .retry(t.retry)
///             .build()?;
///         transport.send_json::<serde_json::Value>(Request::new(GET)).await
///     })
///     .await;
/// assert!(cases > 20);
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct FaultMatrix {
    routes: Vec<(String, Canned)>,
    secrets: Vec<String>,
}

impl FaultMatrix {
    /// A matrix with no routes and no secrets.
    pub fn new() -> Self {
        FaultMatrix::default()
    }

    /// Answers requests to `path` with `canned` on every case's server (a
    /// token endpoint on the API's host).
    pub fn route(mut self, path: impl Into<String>, canned: Canned) -> Self {
        self.routes.push((path.into(), canned));
        self
    }

    /// A text that must never appear in an error.
    pub fn secret(mut self, text: impl Into<String>) -> Self {
        self.secrets.push(text.into());
        self
    }

    /// Runs every case through `call` and returns how many were run.
    ///
    /// # Panics
    ///
    /// After the last case, if any case failed, listing every failure.
    pub async fn run<T, F, Fut>(&self, op: MatrixOp, call: F) -> usize
    where
        T: std::fmt::Debug,
        F: Fn(FaultTarget) -> Fut,
        Fut: Future<Output = crate::Result<T>>,
    {
        let cases = fault_cases(op);
        let mut failures = Vec::new();
        for case in &cases {
            if let Err(why) = self.run_case(case, &call).await {
                failures.push(format!("{} / {}: {why}", op.name, case.name));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} fault cases failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
        cases.len()
    }

    async fn run_case<T, F, Fut>(&self, case: &FaultCase, call: &F) -> Result<(), String>
    where
        T: std::fmt::Debug,
        F: Fn(FaultTarget) -> Fut,
        Fut: Future<Output = crate::Result<T>>,
    {
        let elsewhere = if case.cross_origin {
            let other = MockServer::start().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(200))
                .mount(&other)
                .await;
            Some(other)
        } else {
            None
        };
        let fault = match (&case.fault, &elsewhere) {
            (Some(f), _) => Some(f.clone()),
            (None, Some(other)) => {
                let status = if case.name.contains("307") { 307 } else { 302 };
                Some(Fault::Respond(
                    Canned::new(status).header("location", format!("{}/stolen", other.uri())),
                ))
            }
            (None, None) => None,
        };
        let server = match fault {
            Some(f) => Some(FaultServer::start_with_routes(f, self.routes.clone()).await),
            None => None,
        };
        let url = match &server {
            Some(s) => s.url(),
            None => refused_url().await,
        };
        let target = FaultTarget {
            url,
            timeout: case.timeout,
            retry: RetryPolicy::default()
                .max_attempts(MATRIX_ATTEMPTS as u32)
                .base_delay(Duration::from_millis(1))
                .max_retry_after(MATRIX_RETRY_AFTER_CLAMP),
        };
        let started = std::time::Instant::now();
        let outcome = call(target).await;
        let elapsed = started.elapsed();
        if !case.expected.matches(&outcome) {
            return Err(format!("expected {:?}, got {outcome:?}", case.expected));
        }
        if let Some(s) = &server {
            let got = s.requests();
            if got != case.requests {
                return Err(format!(
                    "expected {} request(s), the server received {got}",
                    case.requests
                ));
            }
            if matches!(case.fault, Some(Fault::HugeChunked)) && s.sent_bytes() >= 32 << 20 {
                return Err(format!(
                    "the client read on: {} bytes pushed",
                    s.sent_bytes()
                ));
            }
        }
        if elapsed > case.budget() {
            return Err(format!(
                "took {elapsed:?}, over the budget of {:?}",
                case.budget()
            ));
        }
        if elapsed < case.min_elapsed {
            return Err(format!(
                "took {elapsed:?}, less than {:?}",
                case.min_elapsed
            ));
        }
        if let Some(other) = &elsewhere {
            let leaked = other.received_requests().await.unwrap_or_default().len();
            if leaked != 0 {
                return Err(format!("the other origin received {leaked} request(s)"));
            }
        }
        if let Err(e) = &outcome {
            let mut texts = vec![format!("{e:?}"), e.to_string()];
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                texts.push(format!("{s:?} {s}"));
                source = s.source();
            }
            for secret in &self.secrets {
                if texts.iter().any(|t| t.contains(secret.as_str())) {
                    return Err("a secret appears in the error".to_owned());
                }
            }
        }
        Ok(())
    }
}
