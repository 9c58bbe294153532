//! Promotions of a loan application: list them, search them for changed
//! terms, and set the one the customer chose.
//!
//! **The vendor's rule:** when the amount financed changes, fetch the
//! promotions again (with [`Promotions::search`]) before the paperwork is
//! submitted; estimated payments and eligibility depend on the amount.

use forecourt_core::serde_helpers::decimal;
use forecourt_core::{Error, Request, Result};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::codes::{CreditType, State};
use crate::paths;

/// Checks a vendor `Long` id that must be positive.
pub(crate) fn check_id(field: &'static str, id: i64) -> Result<i64> {
    if id > 0 {
        Ok(id)
    } else {
        Err(Error::invalid_input(field, "must be a positive number"))
    }
}

/// Whether a promotion is revolving credit or a closed-end loan.
///
/// Derived by this SDK (see [`Promotion::loan_type`]); the vendor does not
/// send it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoanType {
    /// Revolving credit: the payment factor applies, and the estimated
    /// monthly payment is rounded up to the next whole unit.
    Revolving,
    /// A closed-end loan with a fixed term and APR, tied to a
    /// `ClosedEndPaymentRateId`.
    ClosedEnd,
}

impl LoanType {
    /// The estimated monthly payment the vendor documents:
    /// `AmountFinanced × PaymentFactor`, exactly, rounded **up** to the next
    /// whole unit for [`LoanType::Revolving`] (a ceiling, not half-up:
    /// `100.01` becomes `101`, `100.00` stays `100`). For
    /// [`LoanType::ClosedEnd`] the exact product is returned, unrounded
    /// (written with at least two decimals and no needless trailing zeros:
    /// `253.3875`, `100.00`).
    ///
    /// ```
    /// use promotions_client::{AmountFinanced, LoanType};
    /// use rust_decimal::Decimal;
    /// let amount = AmountFinanced::new(Decimal::new(1_250_000, 2))?;
    /// let factor = Decimal::new(35, 3); // 0.035
    /// assert_eq!(LoanType::Revolving.estimated_monthly_payment(amount, factor)?, Decimal::from(438));
    /// let closed_end = LoanType::ClosedEnd.estimated_monthly_payment(amount, factor)?;
    /// assert_eq!(closed_end.to_string(), "437.50");
    /// # Ok::<(), forecourt_core::Error>(())
    /// ```
    pub fn estimated_monthly_payment(
        self,
        amount: AmountFinanced,
        payment_factor: Decimal,
    ) -> Result<Decimal> {
        if payment_factor.is_sign_negative() && !payment_factor.is_zero() {
            return Err(Error::invalid_input(
                "payment_factor",
                "must not be negative",
            ));
        }
        let product = amount.get().checked_mul(payment_factor).ok_or_else(|| {
            Error::invalid_input(
                "amount_financed",
                "times the payment factor is out of range",
            )
        })?;
        Ok(match self {
            LoanType::Revolving => product.ceil().normalize(),
            LoanType::ClosedEnd => {
                // the same value, shown with no trailing zeros beyond cents
                let mut exact = product.normalize();
                if exact.scale() < 2 {
                    exact.rescale(2);
                }
                exact
            }
        })
    }
}

/// An amount financed: a decimal amount greater than zero, as the vendor requires.
///
/// ```
/// use promotions_client::AmountFinanced;
/// use rust_decimal::Decimal;
/// let amount = AmountFinanced::calculate()
///     .selling_price(Decimal::new(1_500_000, 2))
///     .down_payment(Decimal::new(200_000, 2))
///     .sales_tax(Decimal::new(123_750, 2))
///     .trade_in(Decimal::new(150_000, 2))
///     .compute()?;
/// assert_eq!(amount.get(), Decimal::new(1_273_750, 2));
/// assert!(AmountFinanced::new(Decimal::ZERO).is_err());
/// # Ok::<(), forecourt_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct AmountFinanced(#[serde(with = "decimal::number")] Decimal);

#[bon::bon]
impl AmountFinanced {
    /// An amount financed of `amount`; zero or less is [`Error::InvalidInput`].
    pub fn new(amount: Decimal) -> Result<Self> {
        if amount > Decimal::ZERO {
            Ok(AmountFinanced(amount))
        } else {
            Err(Error::invalid_input(
                "amount_financed",
                "must be greater than 0",
            ))
        }
    }

    /// The vendor's equation: `Selling Price − Down Payment − Completion
    /// Payment + Sales Tax − Trade-in`, exactly. Omitted parts are zero;
    /// every part must be zero or more, and the result greater than zero,
    /// else [`Error::InvalidInput`] naming the field.
    #[builder(finish_fn = compute)]
    pub fn calculate(
        selling_price: Decimal,
        #[builder(default)] down_payment: Decimal,
        #[builder(default)] completion_payment: Decimal,
        #[builder(default)] sales_tax: Decimal,
        #[builder(default)] trade_in: Decimal,
    ) -> Result<Self> {
        for (field, value) in [
            ("selling_price", selling_price),
            ("down_payment", down_payment),
            ("completion_payment", completion_payment),
            ("sales_tax", sales_tax),
            ("trade_in", trade_in),
        ] {
            if value.is_sign_negative() && !value.is_zero() {
                return Err(Error::invalid_input(field, "must not be negative"));
            }
        }
        let out_of_range = || Error::invalid_input("amount_financed", "is out of range");
        let amount = selling_price
            .checked_sub(down_payment)
            .and_then(|a| a.checked_sub(completion_payment))
            .and_then(|a| a.checked_add(sales_tax))
            .and_then(|a| a.checked_sub(trade_in))
            .ok_or_else(out_of_range)?;
        AmountFinanced::new(amount)
    }

    /// The amount.
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl TryFrom<Decimal> for AmountFinanced {
    type Error = Error;
    fn try_from(amount: Decimal) -> Result<Self> {
        AmountFinanced::new(amount)
    }
}

impl std::str::FromStr for AmountFinanced {
    type Err = Error;

    /// Parses a decimal amount (`"15000.00"`); not a number, or zero or
    /// less, is [`Error::InvalidInput`].
    fn from_str(text: &str) -> Result<Self> {
        let amount = decimal::parse(text)
            .map_err(|_| Error::invalid_input("amount_financed", "is not a decimal number"))?;
        AmountFinanced::new(amount)
    }
}

impl std::fmt::Display for AmountFinanced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

/// A promotion offered for a loan application.
///
/// Unknown properties are ignored, as the vendor requires of compliant clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self", rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Promotion {
    /// `Id`: the promotion's unique identifier.
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub id: i64,
    /// `Name`. Descriptive, so tolerant: a string, a number or boolean as
    /// its text, an object by its name; `None` for `null`, absence or
    /// anything else (with a `tracing` event), the promotion is kept.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub name: Option<String>,
    /// `PromoCode`: shown to people, not sent back (the promotion is set by
    /// its `Id`), so tolerant like [`name`](Self::name).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::tolerant::option_text"
    )]
    pub promo_code: Option<String>,
    /// `AddOnId`: the secondary promotion (same value as `SecondaryPromotionId`), if any.
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub add_on_id: Option<i64>,
    /// `ClosedEndPaymentRateId`: the associated closed-end payment rate
    /// (closed-end only; the vendor sends `0` or `null` otherwise).
    #[serde(
        default,
        deserialize_with = "forecourt_core::serde_helpers::whole::option_number::deserialize"
    )]
    pub closed_end_payment_rate_id: Option<i64>,
    /// `Apr`: the annual percentage rate (closed-end only). Documented as a
    /// string and shown as a number: both decode, exactly (`5.9900` keeps its scale).
    #[serde(with = "decimal::number")]
    pub apr: Decimal,
    /// `PaymentFactor` (revolving only).
    #[serde(with = "decimal::number")]
    pub payment_factor: Decimal,
    /// `Terms`: monthly terms (closed-end only): the add-on promotion's term
    /// if there is one, otherwise the full term.
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub terms: i32,
    /// `FullTerms`: the full promotion length in months (closed-end only).
    #[serde(with = "forecourt_core::serde_helpers::whole::number")]
    pub full_terms: i32,
    /// `EstimatedMonthlyPayment` for the application's amount financed.
    #[serde(with = "decimal::number")]
    pub estimated_monthly_payment: Decimal,
    /// `DealerFee`.
    #[serde(with = "decimal::number")]
    pub dealer_fee: Decimal,
    /// The raw JSON of each member a tolerant field (`Name`, `PromoCode`)
    /// could not read, under its JSON member name, verbatim; empty when
    /// everything was read (see the crate's
    /// [reading policy](crate#reading-policy)). `Debug` shows only the
    /// member names.
    #[serde(skip)]
    pub unexpected: forecourt_core::serde_helpers::tolerant::Unexpected,
}

forecourt_core::tolerant_record!(serialize Promotion);

impl Promotion {
    /// Closed-end when the promotion names a closed-end payment rate
    /// (`ClosedEndPaymentRateId` greater than zero), revolving otherwise.
    ///
    /// Assumption: the documentation marks `ClosedEndPaymentRateId` as
    /// "Closed-end only" and shows `0` for other promotions; it sends no
    /// explicit loan type.
    pub fn loan_type(&self) -> LoanType {
        match self.closed_end_payment_rate_id {
            Some(id) if id > 0 => LoanType::ClosedEnd,
            _ => LoanType::Revolving,
        }
    }

    /// The estimated monthly payment for `amount`, recomputed exactly with
    /// this promotion's payment factor and loan type (see
    /// [`LoanType::estimated_monthly_payment`]).
    pub fn estimated_monthly_payment_for(&self, amount: AmountFinanced) -> Result<Decimal> {
        self.loan_type()
            .estimated_monthly_payment(amount, self.payment_factor)
    }

    /// The request that sets this promotion on its application.
    pub fn selection(&self) -> SetPromotion {
        SetPromotion::from(self)
    }
}

/// The promotion to set on an application (`POST
/// /v3/api/applications/promotions/{applicationId}`). Usually made from a
/// fetched [`Promotion`] with [`Promotion::selection`] or `From`.
///
/// ```
/// use promotions_client::SetPromotion;
/// use rust_decimal::Decimal;
/// let body = SetPromotion::builder()
///     .promotion_id(1234)
///     .closed_end_payment_rate_id(0)
///     .apr(Decimal::new(9_990, 3))
///     .payment_factor(Decimal::new(35, 3))
///     .terms(12)
///     .build();
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"PromotionId":1234,"ClosedEndPaymentRateId":0,"Apr":9.990,"PaymentFactor":0.035,"Terms":12}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, bon::Builder)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct SetPromotion {
    /// `PromotionId`.
    pub promotion_id: i64,
    /// `ClosedEndPaymentRateId` (closed-end only); omitted when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_end_payment_rate_id: Option<i64>,
    /// `Apr`, sent as a JSON number with its digits exactly as held.
    #[serde(with = "decimal::number")]
    pub apr: Decimal,
    /// `AddOnId` (same value as `SecondaryPromotionId`); omitted when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_on_id: Option<i64>,
    /// `PaymentFactor`.
    #[serde(with = "decimal::number")]
    pub payment_factor: Decimal,
    /// `Terms`.
    pub terms: i32,
}

impl From<&Promotion> for SetPromotion {
    fn from(p: &Promotion) -> Self {
        SetPromotion {
            promotion_id: p.id,
            closed_end_payment_rate_id: p.closed_end_payment_rate_id,
            apr: p.apr,
            add_on_id: p.add_on_id,
            payment_factor: p.payment_factor,
            terms: p.terms,
        }
    }
}

impl SetPromotion {
    fn validate(&self) -> Result<()> {
        check_id("PromotionId", self.promotion_id)?;
        if let Some(id) = self.add_on_id {
            check_id("AddOnId", id)?;
        }
        if self.closed_end_payment_rate_id.is_some_and(|id| id < 0) {
            return Err(Error::invalid_input(
                "ClosedEndPaymentRateId",
                "must not be negative",
            ));
        }
        if self.apr < Decimal::ZERO {
            return Err(Error::invalid_input("Apr", "must not be negative"));
        }
        if self.payment_factor < Decimal::ZERO {
            return Err(Error::invalid_input(
                "PaymentFactor",
                "must not be negative",
            ));
        }
        if self.terms < 0 {
            return Err(Error::invalid_input("Terms", "must not be negative"));
        }
        Ok(())
    }
}

/// A promotion search (`GET /v3/api/applications/promotions`): what the
/// application's promotions would be with other terms. All four are required.
///
/// ```
/// use promotions_client::{AmountFinanced, CreditType, PromotionSearch, State};
/// use rust_decimal::Decimal;
/// let search = PromotionSearch::builder()
///     .application_id(100_001)
///     .amount_financed(AmountFinanced::new(Decimal::new(1_500_000, 2))?)
///     .credit_type(CreditType::Individual)
///     .state(State::Texas)
///     .build();
/// # let _ = search;
/// # Ok::<(), forecourt_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, bon::Builder)]
#[non_exhaustive]
pub struct PromotionSearch {
    /// `applicationId`: must be positive.
    pub application_id: i64,
    /// `amountFinanced`.
    pub amount_financed: AmountFinanced,
    /// `creditType`.
    pub credit_type: CreditType,
    /// `stateCode`.
    pub state: State,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SearchQuery<'a> {
    application_id: i64,
    #[serde(with = "decimal::string")]
    amount_financed: Decimal,
    credit_type: &'a str,
    state_code: &'a str,
}

impl PromotionSearch {
    fn query(&self) -> Result<SearchQuery<'_>> {
        let application_id = check_id("applicationId", self.application_id)?;
        let credit_type = self.credit_type.as_str().trim();
        if credit_type.is_empty() {
            return Err(Error::invalid_input("creditType", "must not be empty"));
        }
        let state_code = self.state.as_str().trim();
        if state_code.is_empty() {
            return Err(Error::invalid_input("stateCode", "must not be empty"));
        }
        Ok(SearchQuery {
            application_id,
            amount_financed: self.amount_financed.get(),
            credit_type,
            state_code,
        })
    }
}

/// The promotion operations. Get it with [`Client::promotions`].
#[derive(Debug, Clone)]
pub struct Promotions<'a> {
    client: std::borrow::Cow<'a, Client>,
}

impl<'a> Promotions<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Promotions {
            client: std::borrow::Cow::Borrowed(client),
        }
    }

    /// A handle whose calls use `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings.
    pub fn options(&self, options: forecourt_core::RequestOptions) -> Promotions<'static> {
        Promotions {
            client: std::borrow::Cow::Owned(self.client.with_options(options)),
        }
    }

    /// The valid promotions of an application (`GET
    /// /v3/api/applications/promotions/{applicationId}`), with estimated
    /// payments for its current amount financed.
    ///
    /// `application_id` must be positive ([`Error::InvalidInput`] otherwise,
    /// before any request).
    pub async fn for_application(&self, application_id: i64) -> Result<Vec<Promotion>> {
        let id = check_id("applicationId", application_id)?;
        self.client
            .fetch(Request::new(paths::PROMOTIONS_FOR_APPLICATION).param(id))
            .await
    }

    /// The promotions an application would have with another amount
    /// financed, credit type or state (`GET
    /// /v3/api/applications/promotions?applicationId=&amountFinanced=&creditType=&stateCode=`).
    ///
    /// Use it whenever the amount financed changes: the vendor requires
    /// promotions to be fetched again before the paperwork is submitted.
    pub async fn search(&self, search: &PromotionSearch) -> Result<Vec<Promotion>> {
        let query = search.query()?;
        self.client
            .fetch(Request::new(paths::SEARCH_PROMOTIONS).query(&query)?)
            .await
    }

    /// Sets the promotion of an application (`POST
    /// /v3/api/applications/promotions/{applicationId}`).
    ///
    /// Never retried automatically (a POST). Ids must be positive and the
    /// amounts not negative ([`Error::InvalidInput`] otherwise, before any
    /// request).
    pub async fn set(&self, application_id: i64, promotion: &SetPromotion) -> Result<()> {
        let id = check_id("applicationId", application_id)?;
        promotion.validate()?;
        self.client
            .submit(Request::new(paths::SET_PROMOTION).param(id), promotion)
            .await
    }
}

/// The promotion with the lowest estimated monthly payment, if any (ties:
/// the first).
///
/// ```
/// # fn demo(promotions: &[promotions_client::Promotion]) {
/// let best = promotions_client::lowest_payment(promotions);
/// # let _ = best;
/// # }
/// ```
pub fn lowest_payment(promotions: &[Promotion]) -> Option<&Promotion> {
    promotions.iter().reduce(|best, p| {
        if p.estimated_monthly_payment < best.estimated_monthly_payment {
            p
        } else {
            best
        }
    })
}

/// Rounds money to cents, half away from zero (used by the sandbox for dealer fees).
#[cfg_attr(not(feature = "sandbox"), allow(dead_code))]
pub(crate) fn cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}
