//! Autengo query builder round trip: a list query built from arbitrary
//! searches, `and`/`or` conditions (any column name, operator and value),
//! order, offset and limit is encoded with `query_string()`, parsed back
//! with the sandbox's `qs`-style parser (`autengo_client::sandbox::parse_query`),
//! and must give exactly the intended object. A query the builder refuses
//! (`Error::InvalidInput`) is fine; a query it builds must mean what was asked.
#![no_main]

use autengo_client::{Client, Column, Condition, Dir, FilterValue, Op, SecretString};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

#[derive(Arbitrary, Debug)]
enum Name {
    Documented(u8),
    Other(String),
}

impl Name {
    fn column(&self) -> Column {
        match self {
            Name::Documented(i) => {
                let all = Column::documented();
                all[usize::from(*i) % all.len()].clone()
            }
            Name::Other(s) => Column::from_name(s),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Step {
    Search(String),
    And(Name, u8, String),
    Or(Name, u8, String),
    Order(Name, bool),
    Offset(u64),
    Limit(u64),
}

const OPS: [Op; 6] = [Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge];

/// Built once: building a client loads TLS roots, far slower than a query.
fn client() -> &'static Client {
    static CLIENT: std::sync::OnceLock<Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        Client::builder()
            .base_url("http://127.0.0.1:9/v3")
            .api_key(SecretString::from("fuzz"))
            .build()
            .unwrap()
    })
}

fn push(block: &mut Vec<(String, Vec<String>)>, column: &Column, encoded: String) {
    match block.iter_mut().find(|(c, _)| c == column.as_str()) {
        Some((_, values)) => values.push(encoded),
        None => block.push((column.as_str().to_owned(), vec![encoded])),
    }
}

fn block_value(block: &[(String, Vec<String>)]) -> Value {
    let mut map = Map::new();
    for (column, values) in block {
        let v = if values.len() > 1 {
            Value::Array(values.iter().map(|s| json!(s)).collect())
        } else {
            json!(values[0])
        };
        map.insert(column.clone(), v);
    }
    Value::Object(map)
}

fuzz_target!(|steps: Vec<Step>| {
    if steps.len() > 64 {
        return;
    }
    let client = client();
    let mut request = client.vehicles().list();
    let mut search: Option<String> = None;
    let (mut and, mut or) = (Vec::new(), Vec::new());
    let mut order: Option<(String, &str)> = None;
    let (mut offset, mut limit) = (None, None);
    for step in &steps {
        match step {
            Step::Search(text) => {
                request = request.search(text.clone());
                search = Some(text.clone());
            }
            Step::And(name, op, value) | Step::Or(name, op, value) => {
                let column = name.column();
                let condition = Condition::new(
                    OPS[usize::from(*op) % OPS.len()],
                    FilterValue::text(value.clone()),
                );
                let Ok(encoded) = condition.encode("and") else {
                    return;
                };
                if matches!(step, Step::And(..)) {
                    request = request.and(column.clone(), condition);
                    push(&mut and, &column, encoded);
                } else {
                    request = request.or(column.clone(), condition);
                    push(&mut or, &column, encoded);
                }
            }
            Step::Order(name, desc) => {
                let column = name.column();
                let dir = if *desc { Dir::Desc } else { Dir::Asc };
                order = Some((column.as_str().to_owned(), dir.as_str()));
                request = request.order(column, dir);
            }
            Step::Offset(n) => {
                request = request.offset(*n);
                offset = Some(*n);
            }
            Step::Limit(n) => {
                request = request.limit(*n);
                limit = Some(*n);
            }
        }
    }
    let Ok(query) = request.query_string() else {
        return; // refused before sending: qs would have changed its meaning
    };
    let mut intended = Map::new();
    if let Some(s) = search.filter(|s| !s.trim().is_empty()) {
        intended.insert("search".into(), json!(s));
    }
    if !and.is_empty() {
        intended.insert("and".into(), block_value(&and));
    }
    if !or.is_empty() {
        intended.insert("or".into(), block_value(&or));
    }
    if let Some((field, dir)) = order {
        intended.insert("order".into(), json!({"field": field, "dir": dir}));
    }
    if let Some(n) = offset {
        intended.insert("offset".into(), json!(n.to_string()));
    }
    if let Some(n) = limit {
        intended.insert("limit".into(), json!(n.to_string()));
    }
    let parsed = autengo_client::sandbox::parse_query(&query);
    assert_eq!(
        parsed,
        Value::Object(intended),
        "query {query:?} does not parse into the intended object"
    );
});
