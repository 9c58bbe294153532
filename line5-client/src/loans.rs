//! Loans (`GET /loans/{id}`, by quote, id lookup), their packages (PDF
//! downloads, streamed) and notes.

use forecourt_core::{ByteStream, Redacted, Request};
use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Deserialize;
use url::Url;

use crate::jsonapi::{self, Document, FromResource, decode_resource, related_many, related_one};
use crate::quote_protections::QuoteProtection;
use crate::quotes::Customer;
use crate::vehicles::Vehicle;
use crate::{Client, Error, Id, Result, de, paths, validate};

forecourt_core::string_enum! {
    /// The status of a loan.
    pub enum LoanStatus {
        /// `awaiting_paperwork`: expecting signed documents (dealership).
        AwaitingPaperwork => "awaiting_paperwork",
        /// `additional_info_required`: see the latest loan note (dealership).
        AdditionalInfoRequired => "additional_info_required",
        /// `awaiting_funding`: under review by Line5.
        AwaitingFunding => "awaiting_funding",
        /// `funded`: funded and active.
        Funded => "funded",
    }
}

forecourt_core::string_enum! {
    /// The document signing state of a loan.
    pub enum SigningState {
        /// `unsigned`.
        Unsigned => "unsigned",
        /// `in_person_pending`: marked to print and sign manually.
        InPersonPending => "in_person_pending",
        /// `esign_customer_pending`.
        EsignCustomerPending => "esign_customer_pending",
        /// `esign_dealer_pending`.
        EsignDealerPending => "esign_dealer_pending",
        /// `in_person_complete`.
        InPersonComplete => "in_person_complete",
        /// `esign_complete`.
        EsignComplete => "esign_complete",
        /// `esign_revision_customer_pending`.
        EsignRevisionCustomerPending => "esign_revision_customer_pending",
        /// `esign_revision_dealer_pending`.
        EsignRevisionDealerPending => "esign_revision_dealer_pending",
    }
}

/// A loan (a finalized quote), with its customer, vehicle, cover sheet,
/// quote protections and notes resolved from `included`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct Loan {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `status`.
    #[serde(default)]
    pub status: Option<LoanStatus>,
    /// `funded-at`: when the loan was funded, with the time and offset Line5
    /// sent (`2026-03-02T14:11:09.000-05:00` is 14:11:09 at `-05:00`); a date
    /// alone reads as midnight UTC of that date. Tolerant: unreadable is `None`.
    #[serde(
        rename = "funded-at",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_zoned"
    )]
    pub funded_at: Option<jiff::Zoned>,
    /// `start-date`.
    #[serde(
        rename = "start-date",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub start_date: Option<Date>,
    /// `payment-day`: the day of the month a payment is due.
    #[serde(
        rename = "payment-day",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub payment_day: Option<u8>,
    /// `first-payment-date`.
    #[serde(
        rename = "first-payment-date",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_date"
    )]
    pub first_payment_date: Option<Date>,
    /// `balance`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub balance: Option<Decimal>,
    /// `term`: months.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub term: Option<u32>,
    /// `down-payment`.
    #[serde(rename = "down-payment", default, deserialize_with = "de::opt_money")]
    pub down_payment: Option<Decimal>,
    /// `short-fund-fee`.
    #[serde(rename = "short-fund-fee", default, deserialize_with = "de::opt_money")]
    pub short_fund_fee: Option<Decimal>,
    /// `monthly-payment`.
    #[serde(
        rename = "monthly-payment",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub monthly_payment: Option<Decimal>,
    /// `tax`.
    #[serde(default, deserialize_with = "de::opt_money")]
    pub tax: Option<Decimal>,
    /// `base-fee`.
    #[serde(rename = "base-fee", default, deserialize_with = "de::opt_money")]
    pub base_fee: Option<Decimal>,
    /// `buy-down-fee`.
    #[serde(rename = "buy-down-fee", default, deserialize_with = "de::opt_money")]
    pub buy_down_fee: Option<Decimal>,
    /// `additional-term-fee`.
    #[serde(
        rename = "additional-term-fee",
        default,
        deserialize_with = "de::opt_money"
    )]
    pub additional_term_fee: Option<Decimal>,
    /// `doc-stamp-fee`.
    #[serde(rename = "doc-stamp-fee", default, deserialize_with = "de::opt_money")]
    pub doc_stamp_fee: Option<Decimal>,
    /// `financed-total`.
    #[serde(rename = "financed-total", default, deserialize_with = "de::opt_money")]
    pub financed_total: Option<Decimal>,
    /// `esign-url`: it carries a login token, so it is redacted in `Debug`.
    #[serde(
        rename = "esign-url",
        default,
        deserialize_with = "de::opt_redacted_string"
    )]
    pub esign_url: Option<Redacted<String>>,
    /// `signing-state`.
    #[serde(rename = "signing-state", default)]
    pub signing_state: Option<SigningState>,
    #[serde(skip)]
    customer: Option<Customer>,
    #[serde(skip)]
    vehicle: Option<Vehicle>,
    #[serde(skip)]
    cover_sheet: Option<LoanPackage>,
    #[serde(skip)]
    quote_protections: Vec<QuoteProtection>,
    #[serde(skip)]
    loan_notes: Vec<LoanNote>,
    #[serde(skip)]
    unread_loan_note_ids: Vec<Id>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(Loan);

impl FromResource for Loan {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl Loan {
    /// The customer, from `included`.
    pub fn customer(&self) -> Option<&Customer> {
        self.customer.as_ref()
    }

    /// The vehicle, from `included`.
    pub fn vehicle(&self) -> Option<&Vehicle> {
        self.vehicle.as_ref()
    }

    /// The actual cover sheet (`actual-cover-sheet`), a loan package from `included`.
    pub fn cover_sheet(&self) -> Option<&LoanPackage> {
        self.cover_sheet.as_ref()
    }

    /// The quote protections, from `included`.
    pub fn quote_protections(&self) -> &[QuoteProtection] {
        &self.quote_protections
    }

    /// The loan notes found in `included`.
    pub fn loan_notes(&self) -> &[LoanNote] {
        &self.loan_notes
    }

    /// The ids of unread loan notes.
    pub fn unread_loan_note_ids(&self) -> &[Id] {
        &self.unread_loan_note_ids
    }

    /// Decodes a loan document (primary data and `included`).
    pub fn from_document(doc: &Document) -> Result<Loan> {
        let r = doc.primary().ok_or_else(jsonapi::missing_data)?;
        let mut loan: Loan = jsonapi::decode_in(doc, r, "data")?;
        loan.customer = related_one(doc, r, "customer")?;
        loan.vehicle = related_one(doc, r, "vehicle")?;
        loan.cover_sheet = doc
            .related(r, "actual-cover-sheet")
            .into_iter()
            .next()
            .map(|p| package_in(doc, p))
            .transpose()?;
        loan.quote_protections = related_many(doc, r, "quote-protections")?;
        let mut notes: Vec<LoanNote> = related_many(doc, r, "loan-notes")?;
        for n in doc.included_of_type("loan-notes") {
            let note: LoanNote = jsonapi::decode_in(doc, n, "included")?;
            if !notes.iter().any(|x| x.id == note.id) {
                notes.push(note);
            }
        }
        loan.loan_notes = notes;
        loan.unread_loan_note_ids = r.relationship_ids("unread-loan-notes");
        Ok(loan)
    }
}

/// A loan package: a PDF (cover sheet, protection forms...).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct LoanPackage {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `documents-file-name`.
    #[serde(
        rename = "documents-file-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub file_name: Option<String>,
    /// `documents-content-type`.
    #[serde(
        rename = "documents-content-type",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub content_type: Option<String>,
    /// `documents-file-size`: bytes.
    #[serde(
        rename = "documents-file-size",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_whole"
    )]
    pub file_size: Option<u64>,
    /// `links.download`: the download URL, as the server sent it.
    #[serde(skip)]
    pub download: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(LoanPackage);

impl FromResource for LoanPackage {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl LoanPackage {
    /// Decodes a loan package (with its `links.download`) from a JSON:API resource.
    pub fn from_resource(resource: &jsonapi::Resource) -> Result<LoanPackage> {
        package_from(resource)
    }
}

fn package_from(r: &jsonapi::Resource) -> Result<LoanPackage> {
    let mut p: LoanPackage = decode_resource(r)?;
    p.download = r.link("download").map(str::to_owned);
    Ok(p)
}

/// [`package_from`] with the resource's whole path in a decode error.
fn package_in(doc: &Document, r: &jsonapi::Resource) -> Result<LoanPackage> {
    let mut p: LoanPackage = jsonapi::decode_in(doc, r, "relationships.actual-cover-sheet.data")?;
    p.download = r.link("download").map(str::to_owned);
    Ok(p)
}

/// A loan note: Line5's messages to the dealership.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct LoanNote {
    /// `id`.
    #[serde(default = "jsonapi::no_id")]
    pub id: Id,
    /// `body`.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub body: Option<String>,
    /// `created-at`: documented as a date-time, sometimes sent as a date. A
    /// date-time keeps its time and offset; a date alone reads as midnight
    /// UTC of that date ([`Zoned::date`](jiff::Zoned::date) gives it back).
    /// Tolerant: unreadable is `None`.
    #[serde(
        rename = "created-at",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_zoned"
    )]
    pub created_at: Option<jiff::Zoned>,
    /// `user-name`: the author.
    #[serde(
        rename = "user-name",
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub user_name: Option<String>,
    /// The raw JSON of each member a tolerant field could not read, under
    /// its JSON member name, verbatim; empty when everything was read (see
    /// the crate's [reading policy](crate#reading-policy)). `Debug` shows
    /// only the member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(LoanNote);

impl FromResource for LoanNote {
    fn set_id(&mut self, id: Id) {
        self.id = id;
    }
}

impl LoanNote {
    /// Decodes a loan note from a JSON:API resource.
    pub fn from_resource(resource: &jsonapi::Resource) -> Result<LoanNote> {
        decode_resource(resource)
    }
}

#[derive(Deserialize)]
struct LoanIdLookup {
    loan_id: Id,
}

/// `client.loans()`.
#[derive(Debug, Clone)]
pub struct Loans<'a> {
    pub(crate) client: std::borrow::Cow<'a, Client>,
}

impl Loans<'_> {
    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Loans<'static> {
        Loans {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    async fn loan(&self, request: Request) -> Result<Loan> {
        self.client
            .api
            .send_json_then(request, |doc: Document| Loan::from_document(&doc))
            .await
    }

    /// `GET /loans/{id}`: the loan and its status.
    pub async fn get(&self, loan_id: &Id) -> Result<Loan> {
        self.loan(Request::new(paths::GET_LOAN).param(loan_id))
            .await
    }

    /// `GET /loans/find_from_quote/{quote_id}`: the loan of a quote.
    pub async fn find_from_quote(&self, quote_id: &Id) -> Result<Loan> {
        self.loan(Request::new(paths::FIND_LOAN_FROM_QUOTE).param(quote_id))
            .await
    }

    /// `GET /loans/loan_id_lookup/{quote_id}`: the loan id of a quote.
    pub async fn id_for_quote(&self, quote_id: &Id) -> Result<Id> {
        let r: LoanIdLookup = self
            .client
            .api
            .send_json(Request::new(paths::LOAN_ID_LOOKUP).param(quote_id))
            .await?;
        Ok(r.loan_id)
    }

    /// `GET /loans/{id}/loan_packages`: the loan's documents.
    pub async fn packages(&self, loan_id: &Id) -> Result<Vec<LoanPackage>> {
        self.client
            .api
            .send_json_then(
                Request::new(paths::LIST_LOAN_PACKAGES).param(loan_id),
                |doc: Document| {
                    doc.primary_all()
                        .iter()
                        .map(|r| package_in(&doc, r))
                        .collect()
                },
            )
            .await
    }

    /// Downloads a loan package's PDF as a stream of chunks (never
    /// buffered whole).
    ///
    /// The link comes from the server. The API key is sent only to the
    /// configured base URL's origin: a link anywhere else is refused with
    /// [`Error::InvalidInput`] (field `download`) and nothing is sent.
    pub async fn download_package(&self, package: &LoanPackage) -> Result<ByteStream> {
        let link = package.download.as_deref().ok_or_else(|| {
            Error::invalid_input("download", "the loan package has no download link")
        })?;
        self.download(link).await
    }

    /// Downloads a document from a `download` link (see [`Self::download_package`]).
    pub async fn download(&self, link: &str) -> Result<ByteStream> {
        validate::not_blank("download", link)?;
        let url = Url::parse(link)
            .map_err(|_| Error::invalid_input("download", "is not an absolute URL"))?;
        let base = self.client.base_url();
        if url.origin() != base.origin() {
            return Err(Error::invalid_input(
                "download",
                "link is not on the configured base URL's origin; the API key is never sent elsewhere",
            ));
        }
        self.client
            .api
            .send_stream(Request::new(paths::DOWNLOAD_LOAN_PACKAGE).absolute_url(url))
            .await
    }

    /// `GET /loans/{id}/loan_notes`: Line5's notes on the loan.
    pub async fn notes(&self, loan_id: &Id) -> Result<Vec<LoanNote>> {
        self.client
            .api
            .send_json_then(
                Request::new(paths::LIST_LOAN_NOTES).param(loan_id),
                |doc: Document| {
                    doc.primary_all()
                        .iter()
                        .map(|r| jsonapi::decode_in(&doc, r, "data"))
                        .collect()
                },
            )
            .await
    }
}
