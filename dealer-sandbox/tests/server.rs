//! The `dealer-sandbox` binary as a child process, driven over plain HTTP
//! with raw reqwest (not the SDK clients): one flow per vendor, each with an
//! error in the vendor's own format; state kept across a SIGTERM restart;
//! `--seed`; `--help`; bad options.

#![allow(clippy::unwrap_used, clippy::expect_used)]
mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BIN, Server};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

fn fixture(crate_dir: &str, name: &str) -> Value {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "fixtures",
        crate_dir,
        name,
    ]
    .iter()
    .collect();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture JSON")
}

async fn body(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = response.bytes().await.expect("body");
    let value = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("{status}: not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    (status, value)
}

fn http() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(20))
        .no_proxy()
        .build()
        .expect("reqwest client")
}

// ------------------------------------------------------------------ flows

async fn autoloan_flow(s: &Server, http: &Client) -> String {
    let url = s.text("autoloan", "url");
    let alfa = s.text("autoloan", "alfa_url");
    let key = s.credential("autoloan", "api_key");
    let application = fixture("autoloan-client", "application_request.json");

    // error in the vendor's format: no API key
    let (status, err) = body(
        http.post(format!("{url}/api/v1/applications"))
            .json_body(&application)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(err["code"], "unauthorized", "{err}");
    assert!(err["message"].is_string(), "{err}");

    let (status, created) = body(
        http.post(format!("{url}/api/v1/applications"))
            .bearer_auth(&key)
            .json_body(&application)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "Pending");
    let id = created["id"].as_str().expect("id").to_owned();

    // a contract before the decision is refused, field named
    let mut contract = fixture("autoloan-client", "contract_request.json");
    contract["applicationId"] = json!(id);
    let alfa_user = s.credential("autoloan", "alfa_username");
    let alfa_pass = s.credential("autoloan", "alfa_password");
    let post_contract = |c: &Value| {
        http.post(format!("{alfa}/api/v6/contracts"))
            .basic_auth(&alfa_user, Some(&alfa_pass))
            .json_body(c)
            .send()
    };
    let (status, err) = body(post_contract(&contract).await.expect("send")).await;
    assert_eq!(status, 422, "{err}");
    assert_eq!(err["code"], "application_not_approved");
    assert_eq!(err["field"], "applicationId");

    // decide (39 000 € Volvo: approved, 35 000), then the contract goes through once
    let (status, webhook) = body(
        http.post(format!("{url}/__sandbox/applications/{id}/decide"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{webhook}");
    assert_eq!(webhook["status"], "Approved");
    assert_eq!(webhook["applicationId"], json!(id));
    let (status, accepted) = body(post_contract(&contract).await.expect("send")).await;
    assert_eq!(status, 201, "{accepted}");
    assert_eq!(accepted["status"], "Active");
    let (status, err) = body(post_contract(&contract).await.expect("send")).await;
    assert_eq!(status, 409);
    assert_eq!(err["code"], "duplicate_contract");
    id
}

async fn line5_flow(s: &Server, http: &Client) {
    let url = s.text("line5", "url");
    let key = format!("Token {}", s.credential("line5", "api_key"));
    let media = "application/vnd.api+json";

    let (status, err) = body(http.get(format!("{url}/users")).send().await.expect("send")).await;
    assert_eq!(status, 401);
    assert!(err["errors"][0]["detail"].is_string(), "{err}");

    let (status, users) = body(
        http.get(format!("{url}/users"))
            .header("Authorization", &key)
            .header("Accept", media)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{users}");
    assert_eq!(users["data"].as_array().map(Vec::len), Some(2));

    // the vendor's example quote, by one of the sandbox's own employees, protections added later
    let mut quote = fixture("line5-client", "quote_create_request.json");
    let relationships = &mut quote["data"]["relationships"];
    relationships["employee"]["data"]["id"] = users["data"][0]["id"].clone();
    if let Some(r) = relationships.as_object_mut() {
        r.remove("quote-protections");
    }
    let (status, created) = body(
        http.post(format!("{url}/quotes"))
            .header("Authorization", &key)
            .header("Content-Type", media)
            .body(quote.to_string())
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["data"]["type"], "quotes");
    assert!(created["data"]["id"].is_string(), "{created}");

    // the credit inquiry fails for the sandbox's failure SSN: 422 with pointers
    let mut failing = quote;
    failing["data"]["relationships"]["customer"]["data"]["attributes"]["ssn"] = json!("000000000");
    let (status, err) = body(
        http.post(format!("{url}/quotes"))
            .header("Authorization", &key)
            .header("Content-Type", media)
            .body(failing.to_string())
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 422, "{err}");
    assert!(err["errors"][0]["detail"].is_string(), "{err}");
}

async fn line5_users(s: &Server, http: &Client) -> Vec<Value> {
    let (status, users) = body(
        http.get(format!("{}/users", s.text("line5", "url")))
            .header(
                "Authorization",
                format!("Token {}", s.credential("line5", "api_key")),
            )
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{users}");
    users["data"].as_array().cloned().unwrap_or_default()
}

async fn line5_add_user(s: &Server, http: &Client) -> Value {
    let (status, created) = body(
        http.post(format!("{}/users", s.text("line5", "url")))
            .header(
                "Authorization",
                format!("Token {}", s.credential("line5", "api_key")),
            )
            .header("Content-Type", "application/vnd.api+json")
            .body(fixture("line5-client", "user_create_request.json").to_string())
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["data"].clone()
}

async fn promotions_flow(s: &Server, http: &Client) -> Value {
    let url = s.text("promotions", "url");
    let header = s.credential("promotions", "api_key_header");
    let key = s.credential("promotions", "api_key");
    let app = s.vendor("promotions")["application_ids"][0]
        .as_i64()
        .expect("application id");
    let at = format!("{url}/v3/api/applications/promotions/{app}");

    let (status, err) = body(
        http.get(&at)
            .header(&header, "wrong-key")
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 401);
    assert!(err["Message"].is_string(), "{err}");

    let (status, err) = body(
        http.get(format!("{url}/v3/api/applications/promotions"))
            .header(&header, &key)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        err["ModelState"]["request.ApplicationId"][0].is_string(),
        "{err}"
    );

    let (status, list) = body(
        http.get(&at)
            .header(&header, &key)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let first = list.get(0).cloned().expect("at least one promotion");
    let mut set = json!({
        "PromotionId": first["Id"],
        "Apr": first["Apr"],
        "PaymentFactor": first["PaymentFactor"],
        "Terms": first["Terms"],
    });
    for optional in ["ClosedEndPaymentRateId", "AddOnId"] {
        if !first[optional].is_null() {
            set[optional] = first[optional].clone();
        }
    }
    let (status, answer) = body(
        http.post(&at)
            .header(&header, &key)
            .json_body(&set)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    set
}

async fn keyloop_token(s: &Server, http: &Client) -> String {
    let url = s.text("keyloop", "url");
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}",
        s.credential("keyloop", "client_id"),
        s.credential("keyloop", "client_secret")
    );
    let (status, token) = body(
        http.post(format!("{url}/oauth/client_credential/accesstoken"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{token}");
    token["access_token"]
        .as_str()
        .expect("access_token")
        .to_owned()
}

fn keyloop_contracts(s: &Server) -> String {
    format!(
        "{}/{}/{}/v2/vehicles/{}/contracts",
        s.text("keyloop", "url"),
        s.text("keyloop", "enterprise_id"),
        s.text("keyloop", "store_id"),
        s.text("keyloop", "vehicle_id"),
    )
}

async fn keyloop_flow(s: &Server, http: &Client) -> String {
    let contracts = keyloop_contracts(s);
    let (status, err) = body(
        http.get(&contracts)
            .bearer_auth("not-a-token")
            .header("correlation-id", "c-1")
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(err["fault"]["faultstring"], "Invalid Access Token");

    let token = keyloop_token(s, http).await;
    let (status, page) = body(
        http.get(&contracts)
            .bearer_auth(&token)
            .header("correlation-id", "c-2")
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["totalItems"], 2);

    let new = fixture("keyloop-contracts-client", "new_contract_request.json");
    let (status, created) = body(
        http.post(&contracts)
            .bearer_auth(&token)
            .header("correlation-id", "c-3")
            .json_body(&new)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert!(status.is_success(), "{status}: {created}");
    let id = created["contractId"]
        .as_str()
        .expect("contractId")
        .to_owned();
    assert_eq!(created["contractNumber"], new["contractNumber"]);
    id
}

async fn autengo_token(s: &Server, http: &Client) -> String {
    let url = s.text("autengo", "url");
    let creds = &s.vendor("autengo")["credentials"];
    let (status, token) = body(
        http.post(format!("{url}/auth/token"))
            .header("X-Api-Key", s.credential("autengo", "api_key"))
            .json_body(&json!({
                "dealerAlzuraId": creds["dealer_alzura_id"],
                "userAlzuraId": creds["user_alzura_id"],
            }))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{token}");
    token["token"].as_str().expect("token").to_owned()
}

async fn autengo_flow(s: &Server, http: &Client) -> u64 {
    let url = s.text("autengo", "url");
    let key = s.credential("autengo", "api_key");

    let (status, err) = body(
        http.get(format!("{url}/vehicle"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(err["status"], "error");
    assert!(err["statusText"].is_string(), "{err}");

    let (status, list) = body(
        http.get(format!("{url}/vehicle?limit=2"))
            .header("X-Api-Key", &key)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{list}");

    let token = autengo_token(s, http).await;
    let contact = fixture("autengo-client", "contact_create_request.json");
    let (status, created) = body(
        http.post(format!("{url}/contact"))
            .header("X-Api-Key", &key)
            .header("Authorization", format!("JWT {token}"))
            .json_body(&contact)
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert!(status.is_success(), "{status}: {created}");
    created["data"]["contact"]["ID"]
        .as_u64()
        .expect("contact ID")
}

trait JsonBody {
    fn json_body(self, value: &Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, value: &Value) -> Self {
        self.header("Content-Type", "application/json")
            .body(value.to_string())
    }
}

// ------------------------------------------------------------------ tests

#[tokio::test]
async fn every_vendor_serves_a_full_flow_over_plain_http() {
    let server = Server::start(&[]);
    let http = http();
    let names: Vec<&String> = server.info["vendors"]
        .as_object()
        .expect("vendors")
        .keys()
        .collect();
    assert_eq!(names.len(), 5, "{}", server.info);

    let mut healths = Vec::new();
    for (vendor, fields) in server.info["vendors"].as_object().expect("vendors") {
        for key in ["health", "alfa_health"] {
            if let Some(url) = fields[key].as_str() {
                healths.push((vendor.clone(), url.to_owned()));
            }
        }
    }
    assert_eq!(healths.len(), 6, "five vendors, autoloan on two ports");
    for (vendor, url) in healths {
        let (status, health) = body(http.get(&url).send().await.expect("send")).await;
        assert_eq!(status, 200, "{url}");
        assert_eq!(health["status"], "ok");
        assert_eq!(health["vendor"], json!(vendor));
    }

    autoloan_flow(&server, &http).await;
    line5_flow(&server, &http).await;
    promotions_flow(&server, &http).await;
    keyloop_flow(&server, &http).await;
    autengo_flow(&server, &http).await;

    let status = server.terminate();
    assert!(status.success(), "SIGTERM must end it cleanly: {status}");
}

#[tokio::test]
async fn state_saved_on_sigterm_is_there_after_a_restart() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!(
        "dealer-sandbox-state-{}-{}.json",
        std::process::id(),
        fastrand_suffix()
    ));
    let _ = std::fs::remove_file(&file);
    let state = file.to_str().expect("utf-8 path").to_owned();
    let http = http();

    let first = Server::start(&["--state", &state]);
    let application = autoloan_flow(&first, &http).await;
    let selected = promotions_flow(&first, &http).await;
    let contract = keyloop_flow(&first, &http).await;
    let contact = autengo_flow(&first, &http).await;
    line5_flow(&first, &http).await;
    let user = line5_add_user(&first, &http).await;
    let status = first.terminate();
    assert!(status.success(), "{status}");
    let saved: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("state file written on exit"))
            .expect("state file is JSON");
    assert_eq!(saved["promotions"]["selected"][0]["promotion"], selected);

    let second = Server::start(&["--state", &state]);
    // keyloop: the contract created before the restart (with a new token: tokens are not kept)
    let token = keyloop_token(&second, &http).await;
    let (status, got) = body(
        http.get(format!("{}/{contract}", keyloop_contracts(&second)))
            .bearer_auth(&token)
            .header("correlation-id", "c-4")
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["contractNumber"], "SP-2024-0042");
    // line5: the added user, next to the two seeded ones
    let users = line5_users(&second, &http).await;
    assert_eq!(users.len(), 3);
    assert!(users.contains(&user), "{user} not in {users:?}");
    // autengo: the contact
    let url = second.text("autengo", "url");
    let token = autengo_token(&second, &http).await;
    let (status, got) = body(
        http.get(format!("{url}/contact/{contact}"))
            .header("X-Api-Key", second.credential("autengo", "api_key"))
            .header("Authorization", format!("JWT {token}"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{got}");
    assert_eq!(got["data"]["contact"]["lastName"], "Mustermann");
    // autoloan: the decided application still has its contract (409), and ids go on
    let mut contract_body = fixture("autoloan-client", "contract_request.json");
    contract_body["applicationId"] = json!(application);
    let (status, err) = body(
        http.post(format!(
            "{}/api/v6/contracts",
            second.text("autoloan", "alfa_url")
        ))
        .basic_auth(
            second.credential("autoloan", "alfa_username"),
            Some(second.credential("autoloan", "alfa_password")),
        )
        .json_body(&contract_body)
        .send()
        .await
        .expect("send"),
    )
    .await;
    assert_eq!(status, 409, "{err}");
    let (status, next) = body(
        http.post(format!(
            "{}/api/v1/applications",
            second.text("autoloan", "url")
        ))
        .bearer_auth(second.credential("autoloan", "api_key"))
        .json_body(&fixture("autoloan-client", "application_request.json"))
        .send()
        .await
        .expect("send"),
    )
    .await;
    assert_eq!(status, 201);
    assert_ne!(
        next["id"],
        json!(application),
        "the id counter was restored"
    );
    let status = second.terminate();
    assert!(status.success(), "{status}");

    // a run with a subset keeps the other vendors' saved state
    let before: Value =
        serde_json::from_slice(&std::fs::read(&file).expect("state")).expect("JSON");
    let third = Server::start(&["--state", &state, "--vendor", "promotions"]);
    assert!(third.terminate().success());
    let after: Value = serde_json::from_slice(&std::fs::read(&file).expect("state")).expect("JSON");
    assert_eq!(before, after);
    assert!(after["keyloop"]["stores"].is_array(), "{after}");
    let _ = std::fs::remove_file(&file);
}

fn fastrand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default()
}

/// The first vehicles of Autengo and the first tokens of Autengo and Keyloop.
async fn generated(seed: &str) -> Value {
    let server = Server::start(&["--vendor", "autengo,keyloop", "--seed", seed]);
    assert_eq!(
        server.info["vendors"].as_object().map(|v| v.len()),
        Some(2),
        "{}",
        server.info
    );
    let tokens = json!([
        autengo_token(&server, &http()).await,
        keyloop_token(&server, &http()).await,
    ]);
    let (status, list) = body(
        http()
            .get(format!("{}/vehicle?limit=3", server.text("autengo", "url")))
            .header("X-Api-Key", server.credential("autengo", "api_key"))
            .send()
            .await
            .expect("send"),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    assert!(server.terminate().success());
    json!({ "vehicles": list, "tokens": tokens })
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data_and_another_seed_other_data() {
    let a = generated("7").await;
    let b = generated("7").await;
    let c = generated("8").await;
    assert_eq!(a, b);
    assert_ne!(a["vehicles"], c["vehicles"]);
    for i in 0..2 {
        assert_ne!(a["tokens"][i], c["tokens"][i], "token {i}");
    }
}

#[test]
fn help_shows_a_curl_line_per_vendor_and_bad_options_fail() {
    let out = Command::new(BIN)
        .arg("--help")
        .output()
        .expect("run --help");
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    for path in [
        "/api/v1/applications",
        "/api/v6/contracts",
        "/api/v1/users",
        "/v3/api/applications/promotions/",
        "/oauth/client_credential/accesstoken",
        "/v3/vehicle",
    ] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with("curl") && l.contains(path)),
            "no curl line for {path} in:\n{help}"
        );
    }
    // (arguments, exit code): 2 for a usage error, 1 for one found when starting
    let table: [(&[&str], i32); 5] = [
        (&["--vendor", "nosuch"], 2),
        (&["--port-base", "70000"], 2),
        (&["--seed"], 2),
        (&["--frobnicate"], 2),
        (&["--vendor", "autoloan", "--port-base", "65535"], 1),
    ];
    for (bad, code) in table {
        let out = Command::new(BIN)
            .args(bad)
            .stdout(Stdio::null())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(code), "{bad:?}");
        assert!(!out.stderr.is_empty(), "{bad:?} says why");
    }
}

#[test]
fn a_bad_state_file_stops_the_start_naming_the_part_not_the_value() {
    let canary = format!("canary-{}-{}", std::process::id(), fastrand_suffix());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    // (vendor, its saved state with the canary where a value of another kind belongs, the part named)
    let table = [
        (
            "keyloop",
            json!({"next_contract": canary, "stores": []}),
            "next_contract",
        ),
        (
            "autengo",
            json!({"next_contact": 1, "next_opportunity": 1, "contacts": [{"id": canary}], "opportunities": []}),
            "contacts[0].id",
        ),
        (
            "autoloan",
            json!({"next_application": 1, "applications": [{"id": "APP-1", "application": canary}], "contracts": []}),
            "applications[0].application",
        ),
        (
            "promotions",
            json!({"selected": [{"application_id": 1, "promotion": canary}]}),
            "selected[0].promotion",
        ),
        (
            "line5",
            json!({"next": 1, "users": [{"id": canary}], "quotes": [], "loans": []}),
            "users[0].id",
        ),
    ];
    for (vendor, saved, part) in table {
        let file = dir.join(format!("bad-state-{vendor}-{}.json", std::process::id()));
        std::fs::write(&file, json!({ vendor: saved }).to_string()).expect("write");
        let out = Command::new(BIN)
            .args(["--port-base", "0", "--vendor", vendor, "--state"])
            .arg(&file)
            .stdout(Stdio::null())
            .output()
            .expect("run");
        let _ = std::fs::remove_file(&file);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{vendor}: {stderr}");
        assert!(stderr.contains(part), "{vendor}: {stderr}");
        assert!(
            !stderr.contains(&canary),
            "{vendor} leaks the value: {stderr}"
        );
    }
}
