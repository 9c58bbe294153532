#![allow(clippy::unwrap_used, clippy::expect_used)]
//! qs conformance: the query strings the client builds parse, under npm
//! `qs`, into exactly the intended objects.
//!
//! `tests/fixtures/qs_inputs.json` holds every query string below; the node
//! script `tools/qs-vectors/generate.js` parses them with `qs` and writes
//! `tests/fixtures/qs_vectors.json`. Regenerate with
//! `AUTENGO_UPDATE_QS_INPUTS=1 cargo test -p autengo-client --all-features --test query_conformance`
//! then `node generate.js` in tools/qs-vectors (see its header).

use autengo_client::{
    Client, Cmp, Column, Condition, Dir, Error, FilterField, FuelType, SecretString, VehicleState,
    VendorDateTime,
};
use jiff::civil::date;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn client() -> Client {
    Client::builder()
        .base_url("http://127.0.0.1:9/v3")
        .api_key(SecretString::from("k"))
        .build()
        .unwrap()
}

struct Case {
    name: &'static str,
    /// `client`: built by the SDK, must parse into `intended`.
    /// `contrast`: hand-written forms the SDK refuses to build, kept to show why.
    kind: &'static str,
    query: String,
    intended: Option<Value>,
}

fn ours(name: &'static str, query: String, intended: Value) -> Case {
    Case {
        name,
        kind: "client",
        query,
        intended: Some(intended),
    }
}

fn contrast(name: &'static str, query: String) -> Case {
    Case {
        name,
        kind: "contrast",
        query,
        intended: None,
    }
}

fn cases() -> Vec<Case> {
    let c = client();
    let v = || c.vehicles().list();
    let twenty: Vec<Value> = (1..=20).map(|i| json!(i.to_string())).collect();
    vec![
        ours(
            "documented_example",
            v().search("titanium")
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
                .unwrap(),
            json!({
                "search": "titanium",
                "and": {
                    "vehicleState": "inventory",
                    "makeName": "Ford",
                    "kilometers": [">=|25000", "<=|250000"],
                    "firstRegistration": [">=|2017-01-01", "<|2018-01-01"]
                },
                "or": {"colorId": ["3", "4", "5"]},
                "order": {"field": "created", "dir": "desc"},
                "offset": "0",
                "limit": "25"
            }),
        ),
        ours("empty_filters", v().query_string().unwrap(), json!({})),
        ours(
            "empty_search_and_empty_value",
            v().search("  ")
                .and(Column::MakeName, "")
                .query_string()
                .unwrap(),
            json!({"and": {"makeName": ""}}),
        ),
        ours(
            "special_characters",
            v().search("Müller & Söhne + 100% [neu] = ok")
                .and(Column::ModelVersion, "a&b=c|d[e]f%g+h i")
                .and(Column::ModelName, "Straße 🚗 ÄÖÜ")
                .or(Column::TrimLine, "x%2By")
                .or(Column::TrimLine, "~-_.!*'()")
                .query_string()
                .unwrap(),
            json!({
                "search": "Müller & Söhne + 100% [neu] = ok",
                "and": {"modelVersion": "=|a&b=c|d[e]f%g+h i", "modelName": "Straße 🚗 ÄÖÜ"},
                "or": {"trimLine": ["x%2By", "~-_.!*'()"]}
            }),
        ),
        ours(
            "every_operator",
            v().and_each(
                Column::Kilometers,
                [
                    Condition::from(Cmp::Eq(1)),
                    Cmp::Ne(2).into(),
                    Cmp::Lt(3).into(),
                    Cmp::Le(4).into(),
                    Cmp::Gt(5).into(),
                    Cmp::Ge(6).into(),
                    Condition::with_operator("<>", 7),
                ],
            )
            .query_string()
            .unwrap(),
            json!({"and": {"kilometers": ["1", "<>|2", "<|3", "<=|4", ">|5", ">=|6", "<>|7"]}}),
        ),
        ours(
            "twenty_values_stay_an_array",
            v().or_each(Column::ColorId, 1..=20).query_string().unwrap(),
            json!({"or": {"colorId": twenty}}),
        ),
        ours(
            "typed_values",
            v().and(Column::IsPluginHybrid, true)
                .and(Column::Price, Cmp::Le(Decimal::new(1_999_999, 2)))
                .and(Column::Created, Cmp::Lt(date(2024, 5, 1).at(13, 5, 0, 0)))
                .and(
                    Column::Updated,
                    Cmp::Gt(
                        "2024-05-01T13:05:00.5+02:00"
                            .parse::<VendorDateTime>()
                            .unwrap(),
                    ),
                )
                .and(Column::FuelType, FuelType::Diesel)
                .and(Column::Other("foo.bar".into()), "dots stay")
                .order(Column::Other("kilometers".into()), Dir::Asc)
                .query_string()
                .unwrap(),
            json!({
                "and": {
                    "isPluginHybrid": "true",
                    "price": "<=|19999.99",
                    "created": "<|2024-05-01 13:05:00",
                    "updated": ">|2024-05-01 13:05:00.5",
                    "fuelType": "diesel",
                    "foo.bar": "dots stay"
                },
                "order": {"field": "kilometers", "dir": "asc"}
            }),
        ),
        ours(
            "filter_values_fields",
            c.vehicles()
                .filter_values()
                .field(FilterField::MakeId)
                .field(FilterField::IsPluginHybrid)
                .query_string()
                .unwrap(),
            json!({"fields": ["makeId", "isPluginHybrid"]}),
        ),
        ours(
            "filter_values_one_field_is_an_array",
            c.vehicles()
                .filter_values()
                .field(FilterField::MakeId)
                .query_string()
                .unwrap(),
            json!({"fields": ["makeId"]}),
        ),
        contrast(
            "contrast_21_values_brackets",
            (1..=21)
                .map(|i| format!("or[colorId][]={i}"))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        contrast(
            "contrast_21_values_indexed",
            (0..21)
                .map(|i| format!("or[colorId][{i}]={i}"))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        contrast(
            "contrast_21_values_repeated",
            (1..=21)
                .map(|i| format!("or[colorId]={i}"))
                .collect::<Vec<_>>()
                .join("&"),
        ),
        contrast("contrast_depth_6", "a[b][c][d][e][f][g]=1".to_owned()),
        contrast(
            "contrast_prototype_key",
            "and[constructor]=1&and[x]=2".to_owned(),
        ),
    ]
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn inputs_json() -> Value {
    Value::Array(
        cases()
            .iter()
            .map(|c| json!({"name": c.name, "kind": c.kind, "query": c.query}))
            .collect(),
    )
}

#[test]
fn inputs_file_is_current() {
    let current = inputs_json();
    if std::env::var_os("AUTENGO_UPDATE_QS_INPUTS").is_some() {
        let text = serde_json::to_string_pretty(&current).unwrap() + "\n";
        std::fs::write(fixture("qs_inputs.json"), text).unwrap();
    }
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("qs_inputs.json")).unwrap()).unwrap();
    assert_eq!(
        committed, current,
        "the client builds other query strings than qs_inputs.json holds: regenerate the vectors"
    );
}

fn vectors() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("qs_vectors.json")).unwrap()).unwrap()
}

fn vector<'a>(all: &'a Value, name: &str) -> &'a Value {
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no qs vector named {name}: regenerate the vectors"))
}

#[test]
fn qs_parses_our_queries_into_the_intended_objects() {
    let all = vectors();
    assert_eq!(all["vectors"].as_array().unwrap().len(), cases().len());
    for case in cases() {
        let v = vector(&all, case.name);
        assert_eq!(
            v["query"],
            case.query.as_str(),
            "{}: query string changed",
            case.name
        );
        if let Some(intended) = case.intended {
            assert_eq!(
                v["parsed"], intended,
                "{}: qs {} parses otherwise",
                case.name, all["qs_version"]
            );
            assert_eq!(
                v["parsed_legacy"], intended,
                "{}: legacy qs parses otherwise",
                case.name
            );
        }
    }
}

#[test]
fn the_documented_example_is_written_in_bracket_form() {
    let q = cases()
        .into_iter()
        .find(|c| c.name == "documented_example")
        .unwrap()
        .query;
    assert_eq!(
        q,
        "search=titanium&and[vehicleState]=inventory&and[makeName]=Ford\
         &and[kilometers][]=%3E%3D%7C25000&and[kilometers][]=%3C%3D%7C250000\
         &and[firstRegistration][]=%3E%3D%7C2017-01-01&and[firstRegistration][]=%3C%7C2018-01-01\
         &or[colorId][]=3&or[colorId][]=4&or[colorId][]=5\
         &order[field]=created&order[dir]=desc&offset=0&limit=25"
    );
}

#[test]
fn why_more_than_20_values_are_refused() {
    let all = vectors();
    for name in [
        "contrast_21_values_brackets",
        "contrast_21_values_indexed",
        "contrast_21_values_repeated",
    ] {
        let v = vector(&all, name);
        // current qs: an object with keys "0".."20", not an array
        let current = &v["parsed"]["or"]["colorId"];
        assert!(current.is_object(), "{name}: {current}");
        assert_eq!(current.as_object().unwrap().len(), 21);
        // qs before 6.14.1 kept an array
        assert!(v["parsed_legacy"]["or"]["colorId"].is_array(), "{name}");
    }
    // so the client refuses to build it
    let err = client()
        .vehicles()
        .list()
        .or_each(Column::ColorId, 1..=21)
        .query_string()
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { field, .. } if field == "or"),
        "{err:?}"
    );
    // qs drops prototype keys, which the client refuses too
    assert_eq!(
        vector(&all, "contrast_prototype_key")["parsed"],
        json!({"and": {"x": "2"}})
    );
    let err = client()
        .vehicles()
        .list()
        .and(Column::Other("constructor".into()), 1)
        .query_string()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
    // beyond depth 5 qs keeps the rest as one literal key
    assert_eq!(
        vector(&all, "contrast_depth_6")["parsed"],
        json!({"a": {"b": {"c": {"d": {"e": {"f": {"[g]": "1"}}}}}}})
    );
}

#[test]
fn our_keys_stay_within_qs_depth() {
    for case in cases().iter().filter(|c| c.kind == "client") {
        for pair in case.query.split('&').filter(|p| !p.is_empty()) {
            let key = pair.split('=').next().unwrap();
            let depth = key.matches('[').count();
            assert!(depth <= 2, "{}: {key} has depth {depth}", case.name);
        }
    }
}

#[test]
fn malformed_conditions_are_refused_before_sending() {
    let c = client();
    for (req, field) in [
        (
            c.vehicles()
                .list()
                .and(Column::Kilometers, Condition::with_operator("=>", 1)),
            "and",
        ),
        (
            c.vehicles().list().or(Column::Other(String::new()), 1),
            "or",
        ),
        (
            c.vehicles().list().and(Column::Other("a[b]".into()), 1),
            "and",
        ),
        (
            c.vehicles()
                .list()
                .order(Column::Other(" ".into()), Dir::Asc),
            "order",
        ),
        (c.vehicles().list().limit(0), "limit"),
    ] {
        let err = req.query_string().unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput { field: f, .. } if f == field),
            "{field}: {err:?}"
        );
    }
    let many = (0..1001).fold(c.vehicles().list(), |r, i| {
        r.and(Column::Other(format!("c{i}")), 1)
    });
    assert!(matches!(
        many.query_string(),
        Err(Error::InvalidInput { .. })
    ));
}

#[cfg(feature = "sandbox")]
#[test]
fn the_sandbox_parses_every_vector_like_qs() {
    let all = vectors();
    for v in all["vectors"].as_array().unwrap() {
        let parsed = autengo_client::sandbox::parse_query(v["query"].as_str().unwrap());
        assert_eq!(parsed, v["parsed"], "{}", v["name"]);
    }
}
