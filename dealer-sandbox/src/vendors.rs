//! Starting the sandboxes, describing them, and their state file.

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::args::{Args, Slot, Vendor};

use autengo_client::sandbox::Sandbox as Autengo;
use autoloan_client::sandbox::Sandbox as Autoloan;
use keyloop_contracts_client::sandbox::Sandbox as Keyloop;
use line5_client::sandbox::Sandbox as Line5;
use promotions_client::sandbox::Sandbox as Promotions;

/// The started sandboxes; dropping it stops them.
#[derive(Default)]
pub struct Running {
    autoloan: Option<Autoloan>,
    line5: Option<Line5>,
    promotions: Option<Promotions>,
    keyloop: Option<Keyloop>,
    autengo: Option<Autengo>,
}

fn bind(args: &Args, slot: Slot) -> Result<TcpListener, String> {
    let port = args.port(slot)?;
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = TcpListener::bind(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    // wiremock hands it to tokio, which wants it non-blocking
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot set up {addr}: {e}"))?;
    Ok(listener)
}

/// Binds every chosen vendor's port first (so a busy port fails before
/// anything serves), then starts the sandboxes and restores `saved`.
pub async fn start(args: &Args, saved: &Value) -> Result<Running, String> {
    let mut listeners = Vec::new();
    for vendor in &args.vendors {
        let slots: &[Slot] = match vendor {
            Vendor::Autoloan => &[Slot::Autoloan, Slot::Alfa],
            Vendor::Line5 => &[Slot::Line5],
            Vendor::Promotions => &[Slot::Promotions],
            Vendor::Keyloop => &[Slot::Keyloop],
            Vendor::Autengo => &[Slot::Autengo],
        };
        for slot in slots {
            listeners.push((*slot, bind(args, *slot)?));
        }
    }
    let mut take = |slot: Slot| -> Result<TcpListener, String> {
        let at = listeners
            .iter()
            .position(|(s, _)| *s == slot)
            .ok_or_else(|| format!("no socket bound for {slot:?}"))?;
        Ok(listeners.swap_remove(at).1)
    };
    let mut running = Running::default();
    for vendor in &args.vendors {
        let state = saved.get(vendor.name()).filter(|v| !v.is_null());
        let restore_err =
            |e: String| format!("{}: cannot restore the saved state: {e}", vendor.name());
        match vendor {
            Vendor::Autoloan => {
                let sandbox = Autoloan::builder()
                    .start_on(take(Slot::Autoloan)?, take(Slot::Alfa)?)
                    .await;
                if let Some(state) = state {
                    sandbox.restore(state).map_err(restore_err)?;
                }
                running.autoloan = Some(sandbox);
            }
            Vendor::Line5 => {
                let sandbox = Line5::builder().start_on(take(Slot::Line5)?).await;
                if let Some(state) = state {
                    sandbox.restore(state).map_err(restore_err)?;
                }
                running.line5 = Some(sandbox);
            }
            Vendor::Promotions => {
                let sandbox = Promotions::builder()
                    .start_on(take(Slot::Promotions)?)
                    .await;
                if let Some(state) = state {
                    sandbox.restore(state).map_err(restore_err)?;
                }
                running.promotions = Some(sandbox);
            }
            Vendor::Keyloop => {
                let sandbox = Keyloop::builder()
                    .seed(args.seed)
                    .start_on(take(Slot::Keyloop)?)
                    .await;
                if let Some(state) = state {
                    sandbox.restore(state).map_err(restore_err)?;
                }
                running.keyloop = Some(sandbox);
            }
            Vendor::Autengo => {
                let sandbox = Autengo::builder()
                    .seed(args.seed)
                    .start_on(take(Slot::Autengo)?)
                    .await;
                if let Some(state) = state {
                    sandbox.restore(state).map_err(restore_err)?;
                }
                running.autengo = Some(sandbox);
            }
        }
    }
    Ok(running)
}

/// The health URL at the origin (`http://127.0.0.1:<port>`) of `url`.
fn health(url: &str) -> String {
    let origin_len = url
        .match_indices('/')
        .nth(2)
        .map_or(url.len(), |(at, _)| at);
    let origin = url.get(..origin_len).unwrap_or(url);
    format!("{origin}{}", autoloan_client::sandbox::HEALTH_PATH)
}

impl Running {
    /// URLs and sandbox credentials of every started vendor, as
    /// `{"vendors": {"<name>": {..}}}`. The credentials are the sandboxes'
    /// published fixed values, not secrets.
    pub fn describe(&self) -> Value {
        let mut vendors = Map::new();
        if let Some(s) = &self.autoloan {
            vendors.insert(
                "autoloan".into(),
                json!({
                    "url": s.url(),
                    "health": health(&s.url()),
                    "alfa_url": s.alfa_url(),
                    "alfa_health": health(&s.alfa_url()),
                    "credentials": {
                        "api_key": Autoloan::API_KEY,
                        "alfa_username": Autoloan::ALFA_USERNAME,
                        "alfa_password": Autoloan::ALFA_PASSWORD,
                        "alfa_token": Autoloan::ALFA_TOKEN,
                    },
                }),
            );
        }
        if let Some(s) = &self.line5 {
            vendors.insert(
                "line5".into(),
                json!({
                    "url": s.url(),
                    "origin": s.origin(),
                    "health": health(&s.origin()),
                    "credentials": {
                        "api_key": Line5::API_KEY,
                        "graphql_token": Line5::GRAPHQL_TOKEN,
                        "user_email": Line5::USER_EMAIL,
                        "user_password": Line5::USER_PASSWORD,
                    },
                }),
            );
        }
        if let Some(s) = &self.promotions {
            vendors.insert(
                "promotions".into(),
                json!({
                    "url": s.url(),
                    "health": health(&s.url()),
                    "credentials": {
                        "api_key": Promotions::API_KEY,
                        "api_key_header": Promotions::API_KEY_HEADER,
                    },
                    "application_ids": [Promotions::APPLICATION_ID, Promotions::JOINT_APPLICATION_ID],
                }),
            );
        }
        if let Some(s) = &self.keyloop {
            vendors.insert(
                "keyloop".into(),
                json!({
                    "url": s.url(),
                    "health": health(&s.url()),
                    "credentials": {
                        "client_id": Keyloop::CLIENT_ID,
                        "client_secret": Keyloop::CLIENT_SECRET,
                    },
                    "enterprise_id": Keyloop::ENTERPRISE_ID,
                    "store_id": Keyloop::STORE_ID,
                    "vehicle_id": Keyloop::VEHICLE_ID,
                }),
            );
        }
        if let Some(s) = &self.autengo {
            vendors.insert(
                "autengo".into(),
                json!({
                    "url": s.url(),
                    "health": health(&s.url()),
                    "credentials": {
                        "api_key": Autengo::API_KEY,
                        "dealer_alzura_id": Autengo::DEALER_ALZURA_ID,
                        "user_alzura_id": Autengo::USER_ALZURA_ID,
                        "user_token": Autengo::USER_TOKEN,
                    },
                }),
            );
        }
        json!({ "vendors": vendors })
    }

    /// The state of every started vendor.
    pub fn snapshot(&self) -> Value {
        let mut out = Map::new();
        if let Some(s) = &self.autoloan {
            out.insert("autoloan".into(), s.snapshot());
        }
        if let Some(s) = &self.line5 {
            out.insert("line5".into(), s.snapshot());
        }
        if let Some(s) = &self.promotions {
            out.insert("promotions".into(), s.snapshot());
        }
        if let Some(s) = &self.keyloop {
            out.insert("keyloop".into(), s.snapshot());
        }
        if let Some(s) = &self.autengo {
            out.insert("autengo".into(), s.snapshot());
        }
        Value::Object(out)
    }
}

/// The human-readable form of [`Running::describe`].
pub fn human(report: &Value) -> String {
    let mut text = String::new();
    if let Some(vendors) = report.get("vendors").and_then(Value::as_object) {
        for (name, v) in vendors {
            text.push_str(name);
            text.push('\n');
            if let Some(fields) = v.as_object() {
                for (key, value) in fields {
                    match value {
                        Value::Object(inner) => {
                            for (k, v) in inner {
                                text.push_str(&format!("  {k:<16} {}\n", plain(v)));
                            }
                        }
                        other => text.push_str(&format!("  {key:<16} {}\n", plain(other))),
                    }
                }
            }
        }
    }
    text.push_str("serving until Ctrl-C or SIGTERM\n");
    text
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The saved state, or `null` when `file` does not exist yet.
pub fn load_state(file: &Path) -> Result<Value, String> {
    match std::fs::read(file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("{} is not a state file: {e}", file.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Value::Null),
        Err(e) => Err(format!("cannot read {}: {e}", file.display())),
    }
}

/// Writes `state` to `file` through a temporary file, so a crash mid-write
/// leaves the previous state.
pub fn save_state(file: &Path, state: &Value) -> Result<(), String> {
    let bytes =
        serde_json::to_vec_pretty(state).map_err(|e| format!("cannot encode the state: {e}"))?;
    let mut tmp = file.as_os_str().to_owned();
    tmp.push(".tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, file))
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}
