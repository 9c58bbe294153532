//! Autengo benchmarks, each against a baseline measured in the same run:
//!
//! - `overhead/page25`: `client.vehicles().list().offset(0).limit(25).send()`
//!   (auth headers, query encoding, retry layer, tracing spans, timeout,
//!   capped read, path-aware decode into the typed [`VehicleList`]) vs the
//!   same GET written with plain `reqwest` + `serde_json` into the same
//!   type, against the shared minimal local hyper server. Target: median
//!   ratio ≤ 1.05.
//! - `decode/page1000`: a 1,000-vehicle page (the documented vehicle
//!   repeated, 3.3 MB): `forecourt_core::decode_json` (what the pipeline runs;
//!   it tracks the JSON path only to explain a failure) and plain
//!   `serde_json::from_slice` into
//!   [`VehicleList`], vs `serde_json::Value`, `serde::de::IgnoredAny`
//!   (the parse floor) and `strings_only` (the floor of any owned model:
//!   every string value validated and copied, nothing else kept; see
//!   `support/strings_only.rs`). Targets: typed faster than `Value`,
//!   within 2× of `IgnoredAny`.
//! - `query/documented`: the documentation's filter query (search, `and`
//!   with ranges, `or` with an array, order, offset, limit) built with the
//!   typed builder and encoded, vs `serde_qs::to_string` of the same object
//!   (a generic LHS-bracket encoder). Queries per second.
//!
//! Run: `cargo bench -p autengo-client --bench autengo`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../../forecourt-core/benches/support/local_server.rs"]
mod local_server;
#[path = "support/pages.rs"]
mod pages;
#[path = "../../forecourt-core/benches/support/plain.rs"]
mod plain;
#[path = "support/strings_only.rs"]
mod strings_only;

use std::time::Duration;

use autengo_client::{Client, Cmp, Column, Dir, SecretString, VehicleList, VehicleState};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use forecourt_core::reqwest;
use jiff::civil::date;
use pages::{VehicleTemplate, offset_limit};
use serde::Serialize;

const API_KEY: &str = "bench-api-key";
const TOKEN: &str = "bench-user-token";

fn client(base: &str) -> Client {
    Client::builder()
        .base_url(format!("{base}/v3"))
        .api_key(SecretString::from(API_KEY))
        .jwt(SecretString::from(TOKEN))
        .build()
        .unwrap()
}

/// The same request by hand: same URL, same headers, same typed model.
async fn plain_page(c: &reqwest::Client, url: &str) -> VehicleList {
    let headers = [
        ("x-api-key", API_KEY),
        ("authorization", concat!("JWT ", "bench-user-token")),
        ("accept", "application/json"),
        ("accept-language", "de"),
    ];
    plain::get_json(c, url, &headers).await
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let template = VehicleTemplate::documented();
    let server = rt.block_on(local_server::serve(move |_, query| {
        let (offset, limit) = offset_limit(query);
        template.page(offset, limit, 150)
    }));
    let sdk = client(&server.url());
    let plain = reqwest::Client::new();
    let url = format!("{}/v3/vehicle?offset=0&limit=25", server.url());
    // both sides decode the same page correctly
    let a = rt.block_on(plain_page(&plain, &url));
    let b = rt
        .block_on(sdk.vehicles().list().offset(0).limit(25).send())
        .unwrap();
    assert_eq!((a.list.len(), b.list.len()), (25, 25));
    assert_eq!(a.list[24].selling_id, b.list[24].selling_id);

    let mut g = c.benchmark_group("overhead");
    // Each measured twice, in turn: on this shared VM a drift over the run
    // shows as a difference between the two measurements of one variant.
    for again in ["", " (again)"] {
        g.bench_function(
            BenchmarkId::new("page25", format!("reqwest+serde_json{again}")),
            |bch| bch.to_async(&rt).iter(|| plain_page(&plain, &url)),
        );
        g.bench_function(BenchmarkId::new("page25", format!("sdk{again}")), |bch| {
            bch.to_async(&rt).iter(|| async {
                sdk.vehicles()
                    .list()
                    .offset(0)
                    .limit(25)
                    .send()
                    .await
                    .unwrap()
            })
        });
    }
    g.finish();
}

fn decode(c: &mut Criterion) {
    let body = VehicleTemplate::documented().page(0, 1000, 1000);
    let typed: VehicleList = forecourt_core::decode_json("Autengo", &body).unwrap();
    assert_eq!(typed.list.len(), 1000);
    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(30);
    g.bench_function(BenchmarkId::new("page1000", "ignored_any"), |b| {
        b.iter(|| serde_json::from_slice::<serde::de::IgnoredAny>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("page1000", "value"), |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&body).unwrap())
    });
    // The owned-model floor: every string validated and copied, nothing else kept.
    g.bench_function(BenchmarkId::new("page1000", "strings_only"), |b| {
        b.iter(|| serde_json::from_slice::<strings_only::StringsOnly>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("page1000", "typed_serde_json"), |b| {
        b.iter(|| serde_json::from_slice::<VehicleList>(&body).unwrap())
    });
    g.bench_function(BenchmarkId::new("page1000", "typed_sdk_decode_json"), |b| {
        b.iter(|| forecourt_core::decode_json::<VehicleList>("Autengo", &body).unwrap())
    });
    g.finish();
}

#[derive(Serialize)]
struct DocumentedQuery {
    search: String,
    and: And,
    or: Or,
    order: Order,
    offset: u64,
    limit: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct And {
    vehicle_state: String,
    make_name: String,
    kilometers: Vec<String>,
    first_registration: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Or {
    color_id: Vec<u32>,
}

#[derive(Serialize)]
struct Order {
    field: String,
    dir: String,
}

fn query(c: &mut Criterion) {
    let sdk = client("http://127.0.0.1:9");
    let build = || {
        sdk.vehicles()
            .list()
            .search("titanium")
            .and(Column::VehicleState, VehicleState::Inventory)
            .and(Column::MakeName, "Ford")
            .and(Column::Kilometers, Cmp::Ge(25_000))
            .and(Column::Kilometers, Cmp::Le(250_000))
            .and(Column::FirstRegistration, Cmp::Ge(date(2017, 1, 1)))
            .and(Column::FirstRegistration, Cmp::Lt(date(2018, 1, 1)))
            .or_each(Column::ColorId, [3, 4, 5])
            .order(Column::Created, Dir::Desc)
            .offset(0)
            .limit(25)
            .query_string()
            .unwrap()
    };
    let baseline = || {
        serde_qs::to_string(&DocumentedQuery {
            search: "titanium".into(),
            and: And {
                vehicle_state: "inventory".into(),
                make_name: "Ford".into(),
                kilometers: vec![">=|25000".into(), "<=|250000".into()],
                first_registration: vec![">=|2017-01-01".into(), "<|2018-01-01".into()],
            },
            or: Or {
                color_id: vec![3, 4, 5],
            },
            order: Order {
                field: "created".into(),
                dir: "desc".into(),
            },
            offset: 0,
            limit: 25,
        })
        .unwrap()
    };
    eprintln!("query/documented sdk:      {}", build());
    eprintln!("query/documented serde_qs: {}", baseline());
    let mut g = c.benchmark_group("query");
    g.throughput(Throughput::Elements(1));
    g.bench_function(BenchmarkId::new("documented", "serde_qs"), |b| {
        b.iter(baseline)
    });
    g.bench_function(BenchmarkId::new("documented", "sdk"), |b| b.iter(build));
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = overhead, decode, query
}
criterion_main!(benches);
