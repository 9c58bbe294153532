//! Finance applications: `POST /api/v1/applications`.

use std::fmt;
use std::str::FromStr;

use forecourt_core::serde_helpers::Id;
use forecourt_core::{Error, Redacted, Request, RequestOptions, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::client::Client;
use crate::paths;

/// An application's id (`"APP-005"`); decodes from a JSON string or number.
pub type ApplicationId = Id;

forecourt_core::string_enum! {
    /// The status of a finance application.
    pub enum ApplicationStatus {
        /// Received, not decided yet.
        Pending => "Pending",
        /// Approved: push the contract to Alfa.
        Approved => "Approved",
        /// Rejected.
        Rejected => "Rejected",
    }
}

/// A vehicle identification number.
///
/// [`Vin::new`] (and `str::parse`) accept only a full VIN: 17 characters of
/// the VIN alphabet (`0-9`, `A-Z` without `I`, `O`, `Q`); lower case is
/// turned into upper case. [`Vin::partial`] is the explicit opt-in for an
/// incomplete VIN such as the documentation's `YV1DZ82C...`: 1 to 17 VIN
/// characters, optionally followed by `...`. No check digit is verified
/// (position 9 is a check digit only for North American VINs).
///
/// ```
/// use autoloan_client::Vin;
/// assert!(Vin::new("YV1DZ82C0N1234567").is_ok());
/// assert!(Vin::new("YV1DZ82C...").is_err());
/// assert!(Vin::partial("YV1DZ82C...")?.is_partial());
/// # Ok::<(), autoloan_client::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Vin {
    text: String,
    partial: bool,
}

fn is_vin_char(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, 'I' | 'O' | 'Q'))
}

impl Vin {
    /// The length of a full VIN.
    pub const LEN: usize = 17;

    /// A full, 17-character VIN.
    pub fn new(vin: &str) -> Result<Vin> {
        let text = vin.trim().to_ascii_uppercase();
        if text.chars().count() != Self::LEN {
            return Err(Error::invalid_input(
                "vin",
                "must be 17 characters (use Vin::partial for an incomplete VIN)",
            ));
        }
        if !text.chars().all(is_vin_char) {
            return Err(Error::invalid_input(
                "vin",
                "may contain only 0-9 and A-Z except I, O and Q",
            ));
        }
        Ok(Vin {
            text,
            partial: false,
        })
    }

    /// An incomplete VIN, accepted on purpose: 1 to 17 VIN characters,
    /// optionally followed by `...` (as in the vendor's example). A full VIN
    /// given here is kept as a full VIN.
    pub fn partial(vin: &str) -> Result<Vin> {
        let text = vin.trim().to_ascii_uppercase();
        let (chars, elided) = match text.strip_suffix("...") {
            Some(head) => (head, true),
            None => (text.as_str(), false),
        };
        let count = chars.chars().count();
        if count == 0 || count > Self::LEN {
            return Err(Error::invalid_input(
                "vin",
                "a partial VIN must have 1 to 17 VIN characters",
            ));
        }
        if !chars.chars().all(is_vin_char) {
            return Err(Error::invalid_input(
                "vin",
                "may contain only 0-9 and A-Z except I, O and Q (and a trailing `...`)",
            ));
        }
        let partial = elided || count < Self::LEN;
        Ok(Vin { text, partial })
    }

    /// The VIN as sent.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is an incomplete VIN accepted through [`Vin::partial`].
    pub fn is_partial(&self) -> bool {
        self.partial
    }
}

impl FromStr for Vin {
    type Err = Error;

    fn from_str(s: &str) -> Result<Vin> {
        Vin::new(s)
    }
}

impl fmt::Debug for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Vin({})", self.text)
    }
}

impl fmt::Display for Vin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for Vin {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// Decoding accepts a full VIN or else a partial one: it is for data you
/// already hold (stored applications, the sandbox). Take user input through
/// [`Vin::new`] (or [`Vin::partial`] on purpose), and check
/// [`Vin::is_partial`] on decoded values where it matters.
impl<'de> Deserialize<'de> for Vin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Vin::new(&text)
            .or_else(|_| Vin::partial(&text))
            .map_err(|_| serde::de::Error::custom("not a VIN"))
    }
}

/// The applicant. Every field is personal data: `Debug` prints `[REDACTED]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Customer {
    /// First name, sent as given (`Matti`).
    #[builder(into)]
    pub first_name: Redacted<String>,
    /// Last name, sent as given (`Meikäläinen`).
    #[builder(into)]
    pub last_name: Redacted<String>,
    /// E-mail address.
    #[builder(into)]
    pub email: Redacted<String>,
    /// Phone number, E.164-like once spaces are removed (`+358 40 123 4567`);
    /// sent as given.
    #[builder(into)]
    pub phone: Redacted<String>,
}

/// The financed vehicle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Vehicle {
    /// The VIN (full, or partial through [`Vin::partial`]).
    pub vin: Vin,
    /// Make (`Volvo`).
    #[builder(into)]
    pub make: String,
    /// Model (`V60`).
    #[builder(into)]
    pub model: String,
    /// Model year.
    pub year: u16,
    /// Price in euros, sent as a JSON number.
    #[serde(with = "forecourt_core::serde_helpers::decimal::number")]
    pub price: Decimal,
    /// Mileage in kilometres (never negative: the type is unsigned).
    pub mileage: u32,
}

/// A finance application to submit.
///
/// ```
/// use autoloan_client::{Customer, NewApplication, Vehicle, Vin};
/// use rust_decimal::Decimal;
/// let application = NewApplication::builder()
///     .customer(
///         Customer::builder()
///             .first_name("Matti")
///             .last_name("Meikäläinen")
///             .email("matti.meikalainen@example.com")
///             .phone("+358 40 123 4567")
///             .build(),
///     )
///     .vehicle(
///         Vehicle::builder()
///             .vin(Vin::new("YV1DZ82C0N1234567")?)
///             .make("Volvo")
///             .model("V60")
///             .year(2022)
///             .price(Decimal::from(39_000))
///             .mileage(30_000)
///             .build(),
///     )
///     .dealer_id("DEALER-12345")
///     .build();
/// application.validate()?;
/// # Ok::<(), autoloan_client::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewApplication {
    /// The applicant.
    pub customer: Customer,
    /// The vehicle.
    pub vehicle: Vehicle,
    /// Your dealer id (`DEALER-12345`).
    #[builder(into)]
    pub dealer_id: String,
}

/// The earliest model year accepted.
pub const MIN_MODEL_YEAR: u16 = 1900;

fn require_text(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

fn current_year() -> i16 {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .year()
}

/// Whether `email` looks like an address: one `@` with text on both sides,
/// no whitespace.
pub(crate) fn email_is_plausible(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Whether `phone` is E.164-like once spaces are removed: `+`, a non-zero
/// digit, then 6 to 14 more digits.
pub(crate) fn phone_is_plausible(phone: &str) -> bool {
    let compact: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(digits) = compact.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0')
}

impl NewApplication {
    /// Checks what the types cannot, before anything is sent: names, make,
    /// model and dealer id not empty; the VIN full unless made with
    /// [`Vin::partial`] (the type guarantees its alphabet); the model year
    /// between [`MIN_MODEL_YEAR`] and next year; the price not negative; an
    /// e-mail with an `@`; an E.164-like phone number once spaces are removed.
    ///
    /// The error names the field in the vendor's spelling
    /// (`vehicle.year`) and never contains the value.
    pub fn validate(&self) -> Result<()> {
        let c = &self.customer;
        require_text("customer.firstName", c.first_name.expose())?;
        require_text("customer.lastName", c.last_name.expose())?;
        if !email_is_plausible(c.email.expose()) {
            return Err(Error::invalid_input(
                "customer.email",
                "must be an e-mail address (local@domain)",
            ));
        }
        if !phone_is_plausible(c.phone.expose()) {
            return Err(Error::invalid_input(
                "customer.phone",
                "must be E.164-like once spaces are removed (+ and 7 to 15 digits, e.g. +358 40 123 4567)",
            ));
        }
        let v = &self.vehicle;
        require_text("vehicle.make", &v.make)?;
        require_text("vehicle.model", &v.model)?;
        let max_year = current_year().saturating_add(1);
        if v.year < MIN_MODEL_YEAR || i32::from(v.year) > i32::from(max_year) {
            return Err(Error::invalid_input(
                "vehicle.year",
                "must be a plausible model year (1900 to next year)",
            ));
        }
        if v.price.is_sign_negative() && !v.price.is_zero() {
            return Err(Error::invalid_input(
                "vehicle.price",
                "must not be negative",
            ));
        }
        require_text("dealerId", &self.dealer_id)?;
        Ok(())
    }
}

/// The answer to a submitted application.
///
/// The vendor does not document it. We assume a JSON object carrying the
/// application's id (`id`, or `applicationId` as in the webhooks; a string
/// or a number) and its `status`; every other field is kept, as sent, in
/// [`extra`](Self::extra), so nothing the server sends is lost.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Application {
    /// The application's id, to match status webhooks against.
    #[serde(alias = "applicationId")]
    pub id: ApplicationId,
    /// The status (usually [`ApplicationStatus::Pending`] right after submitting).
    pub status: ApplicationStatus,
    /// Every other field of the answer, as sent. Numbers in here went
    /// through `f64`; the SDK models no money in this answer.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl fmt::Debug for Application {
    /// Prints the id, the status and the names of the other fields (their
    /// values may echo personal data). A status the SDK does not know is
    /// printed as `Unknown([REDACTED])`: its text came from the vendor and
    /// could be anything, an echoed name included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status: &dyn fmt::Debug = if self.status.is_known() {
            &self.status
        } else {
            &UnknownStatus
        };
        f.debug_struct("Application")
            .field("id", &self.id)
            .field("status", status)
            .field("extra_fields", &self.extra.keys().collect::<Vec<_>>())
            .finish()
    }
}

struct UnknownStatus;

impl fmt::Debug for UnknownStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unknown([REDACTED])")
    }
}

/// Finance application operations; from [`Client::applications`].
#[derive(Debug, Clone)]
pub struct Applications<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Applications<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: RequestOptions) -> Applications<'static> {
        Applications {
            client: std::borrow::Cow::Owned(Client {
                transport: self.client.transport.with_options(options),
            }),
        }
    }

    /// Submits an application (`POST /api/v1/applications`) after
    /// [`NewApplication::validate`].
    ///
    /// A POST is never re-sent automatically. If this fails with an error
    /// for which [`outcome_unknown`] is true (a timeout, a broken
    /// connection, a 5xx, an unreadable success), the application may have
    /// been created: do not resubmit blindly. See the crate docs,
    /// "Avoiding duplicate applications".
    ///
    /// Per-call options (a longer timeout): `client.applications().options(o).submit(..)`.
    pub async fn submit(&self, application: &NewApplication) -> Result<Application> {
        application.validate()?;
        let request = Request::new(paths::SUBMIT_APPLICATION).json(application)?;
        self.client.transport.send_json(request).await
    }
}

/// Whether a failed submit may nevertheless have created the application:
/// the request may have reached the server (a timeout or a connection broken
/// during the exchange), the server failed after receiving it (5xx), or it
/// answered a success the SDK could not read. Then resubmitting could create
/// a duplicate.
///
/// False for errors where nothing was created: invalid input (nothing
/// sent), no connection, a 4xx refusal.
pub fn outcome_unknown(error: &Error) -> bool {
    match error {
        Error::Timeout { .. } | Error::Network { .. } | Error::Decode(_) => true,
        Error::BodyTooLarge { .. } | Error::Protocol { .. } => true,
        Error::Api(api) => api.status.is_server_error(),
        _ => false,
    }
}
