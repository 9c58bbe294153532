//! Status webhooks as the vendor might really write them, through the
//! public receiver: numbers as text, an unreadable term, nulls, extra
//! fields, timestamps with offsets and fractions. Every value is asserted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use autoloan_client::webhooks::WebhookReceiver;
use autoloan_client::{ApplicationStatus, Decimal};
use http::HeaderMap;
use serde_json::{Value, json};

type Check = fn(&autoloan_client::webhooks::StatusWebhook);
type Mutate = fn(&mut Value);

fn documented() -> Value {
    json!({
        "applicationId": "APP-005",
        "status": "Approved",
        "timestamp": "2024-07-18T10:00:00Z",
        "details": {"approvedAmount": 35000, "interestRate": 4.5, "term": 60}
    })
}

const VARIANTS: &[(&str, Mutate, Check)] = &[
    (
        "as documented",
        |_| {},
        |h| {
            let d = h.details.as_ref().unwrap();
            assert_eq!(d.term, Some(60));
        },
    ),
    (
        "numbers as text, extra fields",
        |v| {
            v["details"]["approvedAmount"] = json!("35000");
            v["details"]["interestRate"] = json!("4.5");
            v["details"]["term"] = json!("60");
            v["details"]["branch"] = json!({"id": 7});
            v["newTopLevel"] = json!([1, 2]);
        },
        |h| assert_eq!(h.details.as_ref().unwrap().term, Some(60)),
    ),
    (
        "an unreadable term reads None and keeps the webhook",
        |v| v["details"]["term"] = json!("sixty"),
        |h| assert_eq!(h.details.as_ref().unwrap().term, None),
    ),
    (
        "a null term",
        |v| v["details"]["term"] = Value::Null,
        |h| assert_eq!(h.details.as_ref().unwrap().term, None),
    ),
    (
        "a timestamp with an offset and a fraction is the same instant",
        |v| v["timestamp"] = json!("2024-07-18T12:00:00.000+02:00"),
        |_| {},
    ),
];

#[test]
fn every_variant_through_the_receiver_with_every_value() {
    for (name, mutate, check) in VARIANTS {
        let mut body = documented();
        mutate(&mut body);
        let hook = WebhookReceiver::new()
            .parse(&HeaderMap::new(), body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(hook.application_id.as_str(), "APP-005", "{name}");
        assert_eq!(hook.status, ApplicationStatus::Approved, "{name}");
        assert_eq!(hook.timestamp.to_string(), "2024-07-18T10:00:00Z", "{name}");
        let d = hook.details.as_ref().unwrap();
        assert_eq!(d.approved_amount, Some(Decimal::from(35_000)), "{name}");
        assert_eq!(d.interest_rate, Some("4.5".parse().unwrap()), "{name}");
        check(&hook);
    }
}
