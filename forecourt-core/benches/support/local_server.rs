//! A minimal local HTTP/1.1 server for the benchmarks: every request is
//! answered `200 application/json` with the bytes a handler returns for its
//! path and query. It counts connections and requests, so benchmarks can
//! show connection reuse.
//!
//! One copy, shared by the bench targets of several crates with
//! `#[path = ".../forecourt-core/benches/support/local_server.rs"] mod local_server;`.
#![allow(dead_code)]

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

/// A running server (it runs until its runtime shuts down).
pub struct LocalServer {
    /// Where it listens (127.0.0.1, a free port).
    pub addr: SocketAddr,
    /// Connections accepted so far.
    pub connections: Arc<AtomicU64>,
    /// Requests answered so far.
    pub requests: Arc<AtomicU64>,
}

impl LocalServer {
    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> u64 {
        self.connections.load(Ordering::Relaxed)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

/// Starts a server on the current tokio runtime; `handler(path, query)`
/// gives each response body.
pub async fn serve<F>(handler: F) -> LocalServer
where
    F: Fn(&str, Option<&str>) -> Bytes + Send + Sync + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicU64::new(0));
    let requests = Arc::new(AtomicU64::new(0));
    let handler = Arc::new(handler);
    let (conns, reqs) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let _ = stream.set_nodelay(true);
            conns.fetch_add(1, Ordering::Relaxed);
            let (handler, reqs) = (handler.clone(), reqs.clone());
            tokio::spawn(async move {
                let svc = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    reqs.fetch_add(1, Ordering::Relaxed);
                    let body = handler(req.uri().path(), req.uri().query());
                    async move {
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .header("content-type", "application/json")
                                .body(Full::new(body))
                                .unwrap(),
                        )
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), svc)
                    .await;
            });
        }
    });
    LocalServer {
        addr,
        connections,
        requests,
    }
}

/// Starts a server on a thread of its own, with its own single-threaded
/// runtime: the client under test then has the other core to itself, and
/// the two do not compete for one runtime's workers.
pub fn serve_on_own_thread<F>(handler: F) -> LocalServer
where
    F: Fn(&str, Option<&str>) -> Bytes + Send + Sync + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            tx.send(serve(handler).await).unwrap();
            std::future::pending::<()>().await
        })
    });
    rx.recv().unwrap()
}
