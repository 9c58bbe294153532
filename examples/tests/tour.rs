//! End to end: the tour's whole flow against the sandboxes, step by step.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use examples::tour::{self, Config, Output};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_step_of_the_tour_succeeds_with_the_expected_result() {
    let report = tour::run(Config {
        output: Output::Json,
        live: false,
    })
    .await;
    let steps = report.steps();
    for s in steps {
        assert!(s.ok, "{} / {} failed: {}", s.vendor, s.title, s.detail);
        assert_eq!(s.target, "sandbox");
    }
    let expect = [
        ("Autengo", "used Fords", "found across pages; chose Ford"),
        ("Autengo", "contact", "contact "),
        ("Autengo", "opportunity", "opportunity "),
        ("Autoloan", "submit", ": Pending"),
        ("Autoloan", "webhook", " Approved: €"),
        ("Alfa 6", "contract", " a month for 60 months"),
        ("Promotions", "promotions for application", "3 promotions"),
        (
            "Promotions",
            "changed amount",
            "4 promotions; lowest $198.15",
        ),
        ("Promotions", "set the best", "CE120"),
        ("Line5", "users", "2 users"),
        ("Line5", "protections", "3 ("),
        ("Line5", "quote", "credit tier"),
        ("Line5", "rates", "coverages"),
        ("Line5", "quote protection", "1 template field(s) filled"),
        ("Line5", "finalize with ACH", "awaiting_paperwork"),
        ("Line5", "fetch the loan", "with cover sheet"),
        ("Line5", "packages", "1 package(s)"),
        ("Keyloop", "list the contracts", "2 contracts"),
        ("Keyloop", "service plan", "€499.00"),
        ("Keyloop", "extend", "now ends 2030-11-22"),
    ];
    assert_eq!(steps.len(), expect.len(), "{steps:#?}");
    for (step, (vendor, title, detail)) in steps.iter().zip(expect) {
        assert_eq!(step.vendor, vendor);
        assert!(step.title.contains(title), "{} vs {title}", step.title);
        assert!(
            step.detail.contains(detail),
            "{}: {} lacks {detail}",
            step.title,
            step.detail
        );
    }
    assert!(report.all_ok());
}

#[test]
fn the_binary_exits_zero_in_plain_and_json_modes_and_lists_live_variables() {
    let bin = env!("CARGO_BIN_EXE_tour");
    let plain = std::process::Command::new(bin)
        .arg("--plain")
        .output()
        .unwrap();
    assert!(
        plain.status.success(),
        "{}",
        String::from_utf8_lossy(&plain.stdout)
    );
    let json = std::process::Command::new(bin)
        .arg("--json")
        .output()
        .unwrap();
    assert!(json.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["steps"].as_array().unwrap().len(), 20);
    let help = std::process::Command::new(bin)
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    for var in [
        "AUTENGO_API_KEY",
        "AUTOLOAN_API_KEY",
        "PROMOTIONS_API_KEY",
        "LINE5_API_KEY",
        "KEYLOOP_CLIENT_SECRET",
    ] {
        assert!(text.contains(var), "{var} missing from --help");
    }
    let bad = std::process::Command::new(bin)
        .arg("--bogus")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn live_mode_never_prints_a_secret() {
    let bin = env!("CARGO_BIN_EXE_tour");
    // Line5 configured "live" against a closed local port: the step fails,
    // the tour exits non-zero, and the key appears nowhere.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = std::process::Command::new(bin)
        .args(["--live", "--plain"])
        .env("LINE5_API_KEY", "CANARY-LINE5-KEY-123")
        .env("LINE5_BASE_URL", format!("http://127.0.0.1:{port}/api/v1"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("Line5"), "{all}");
    assert!(all.contains("could not connect"), "{all}");
    assert!(!all.contains("CANARY-LINE5-KEY-123"), "{all}");
}
