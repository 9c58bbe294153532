//! Command-line options, parsed by hand (five flags do not need a parser crate).

use std::path::PathBuf;

/// The vendors, in the order they are started and printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    /// Autoloan Finland, with its Alfa 6 Cloud fake on a second port.
    Autoloan,
    /// Line5.
    Line5,
    /// Promotions API v3.
    Promotions,
    /// Keyloop Manage Vehicle Contracts v2.
    Keyloop,
    /// Autengo API v3.
    Autengo,
}

impl Vendor {
    /// Every vendor.
    pub const ALL: [Vendor; 5] = [
        Vendor::Autoloan,
        Vendor::Line5,
        Vendor::Promotions,
        Vendor::Keyloop,
        Vendor::Autengo,
    ];

    /// The name used in `--vendor`, `--json` and the state file.
    pub fn name(self) -> &'static str {
        match self {
            Vendor::Autoloan => "autoloan",
            Vendor::Line5 => "line5",
            Vendor::Promotions => "promotions",
            Vendor::Keyloop => "keyloop",
            Vendor::Autengo => "autengo",
        }
    }

    fn from_name(name: &str) -> Option<Vendor> {
        Vendor::ALL.into_iter().find(|v| v.name() == name)
    }
}

/// The listening sockets, by their offset from `--port-base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Autoloan Finland.
    Autoloan = 0,
    /// Alfa 6 Cloud (started with `autoloan`).
    Alfa = 1,
    /// Line5.
    Line5 = 2,
    /// Promotions.
    Promotions = 3,
    /// Keyloop.
    Keyloop = 4,
    /// Autengo.
    Autengo = 5,
}

const SLOTS: [(Slot, &str); 6] = [
    (Slot::Autoloan, "--autoloan-port"),
    (Slot::Alfa, "--alfa-port"),
    (Slot::Line5, "--line5-port"),
    (Slot::Promotions, "--promotions-port"),
    (Slot::Keyloop, "--keyloop-port"),
    (Slot::Autengo, "--autengo-port"),
];

/// The default `--port-base`.
pub const DEFAULT_PORT_BASE: u16 = 4010;

/// What to run.
#[derive(Debug, Clone)]
pub struct Args {
    /// The vendors to start (all unless `--vendor` is given), without repeats.
    pub vendors: Vec<Vendor>,
    port_base: u16,
    ports: [Option<u16>; 6],
    /// `--seed`.
    pub seed: u64,
    /// `--state`.
    pub state: Option<PathBuf>,
    /// `--json`.
    pub json: bool,
}

impl Args {
    /// The port for `slot`: its own flag, else `--port-base` + its offset,
    /// else an error if that passes 65535. `0` means any free port.
    pub fn port(&self, slot: Slot) -> Result<u16, String> {
        let index = slot as usize;
        if let Some(Some(port)) = self.ports.get(index) {
            return Ok(*port);
        }
        if self.port_base == 0 {
            return Ok(0);
        }
        self.port_base.checked_add(index as u16).ok_or_else(|| {
            format!(
                "--port-base {} leaves no room for port {index} above it",
                self.port_base
            )
        })
    }
}

/// The outcome of parsing.
#[derive(Debug)]
pub enum Parsed {
    /// Serve.
    Run(Args),
    /// Print the help and exit.
    Help,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Parsed, String> {
    let mut out = Args {
        vendors: Vec::new(),
        port_base: DEFAULT_PORT_BASE,
        ports: [None; 6],
        seed: 0,
        state: None,
        json: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |flag: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => args.next().ok_or_else(|| format!("{flag} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--json" => out.json = true,
            "--vendor" => {
                for name in value(&flag)?
                    .split(',')
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                {
                    let vendor = Vendor::from_name(name).ok_or_else(|| {
                        format!("unknown vendor {name:?}; known: autoloan, line5, promotions, keyloop, autengo")
                    })?;
                    if !out.vendors.contains(&vendor) {
                        out.vendors.push(vendor);
                    }
                }
            }
            "--port-base" => out.port_base = number(&flag, &value(&flag)?)?,
            "--seed" => out.seed = number(&flag, &value(&flag)?)?,
            "--state" => out.state = Some(PathBuf::from(value(&flag)?)),
            other => match SLOTS.iter().find(|(_, name)| *name == other) {
                Some((slot, name)) => {
                    let port = number(name, &value(name)?)?;
                    if let Some(p) = out.ports.get_mut(*slot as usize) {
                        *p = Some(port);
                    }
                }
                None => return Err(format!("unknown option {other:?}")),
            },
        }
    }
    if out.vendors.is_empty() {
        out.vendors = Vendor::ALL.to_vec();
    } else {
        // start and print in the fixed order whatever order they were named in
        out.vendors = Vendor::ALL
            .into_iter()
            .filter(|v| out.vendors.contains(v))
            .collect();
    }
    Ok(Parsed::Run(out))
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag} wants a whole number in range, not {text:?}"))
}

/// The `--help` text, with a curl line per vendor at the default ports.
pub fn help() -> String {
    let b = DEFAULT_PORT_BASE;
    let p = |slot: Slot| b.saturating_add(slot as u16);
    format!(
        "dealer-sandbox: the vendor sandboxes as HTTP servers on 127.0.0.1, until Ctrl-C or SIGTERM

USAGE:
    dealer-sandbox [OPTIONS]

OPTIONS:
    --vendor NAME[,NAME..]   start only these (repeatable): autoloan, line5, promotions, keyloop, autengo
    --port-base PORT         first port (default {b}); autoloan +0, alfa +1, line5 +2,
                             promotions +3, keyloop +4, autengo +5; 0 = any free ports
    --autoloan-port PORT     (and --alfa-port, --line5-port, --promotions-port,
                             --keyloop-port, --autengo-port) one vendor's port; 0 = any free
    --seed N                 seed for the ids and tokens the sandboxes generate (default 0)
    --state FILE             load the sandboxes' state from FILE on start (if it exists)
                             and save it there on exit
    --json                   print the URLs and credentials as one line of JSON
    -h, --help               this text

Every vendor also answers GET /__sandbox/health with 200 {{\"status\":\"ok\",..}}.
Autoloan also answers POST /__sandbox/applications/{{id}}/decide: it applies the
sandbox's decision rule and returns the status webhook, so an approved application
can go on to Alfa over HTTP.

TRY IT (default ports):
    curl -X POST http://127.0.0.1:{al}/api/v1/applications -H 'Authorization: Bearer sandbox-autoloan-api-key' -H 'Content-Type: application/json' -d @application.json
    curl -u sandbox-alfa-user:sandbox-alfa-password -X POST http://127.0.0.1:{af}/api/v6/contracts -H 'Content-Type: application/json' -d @contract.json
    curl http://127.0.0.1:{l5}/api/v1/users -H 'Authorization: Token line5-sandbox-api-key' -H 'Accept: application/vnd.api+json'
    curl http://127.0.0.1:{pr}/v3/api/applications/promotions/100001 -H 'X-Api-Key: sandbox-promotions-api-key'
    curl -X POST 'http://127.0.0.1:{kl}/oauth/client_credential/accesstoken?grant_type=client_credentials' -d 'client_id=sandbox-client-id&client_secret=sandbox-client-secret'
    curl 'http://127.0.0.1:{ag}/v3/vehicle?limit=2' -H 'X-Api-Key: sandbox-api-key'
",
        al = p(Slot::Autoloan),
        af = p(Slot::Alfa),
        l5 = p(Slot::Line5),
        pr = p(Slot::Promotions),
        kl = p(Slot::Keyloop),
        ag = p(Slot::Autengo),
    )
}
