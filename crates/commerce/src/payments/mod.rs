//! Online payments behind [`PaymentProvider`]. A buyer who chose mobile money is sent to the
//! provider's confirm page; the provider tells shetu the outcome by a signed callback, which is
//! checked (signature, timestamp, amount) and applied exactly once by its event id. Refunds go
//! back through the provider from a job, outside any database transaction.
//!
//! Cash on delivery is not an online provider: its money moves when the order is delivered (see
//! the ledger), so it has no implementation of this trait.

mod flow;
mod http;
pub mod sandbox;

pub(crate) use flow::schedule_refund;
pub use flow::{
    on_callback, open_refunds, refund_job, start, Outcome, RefundThroughProvider, REFUND_KIND,
};
pub use http::HttpMobileMoney;

use axum::http::HeaderMap;
use shetu_store::BoxFuture;

/// What shetu asks the provider to collect.
#[derive(Debug, Clone)]
pub struct Initiate {
    /// shetu's payment id (also the idempotency key of the request).
    pub reference: String,
    /// How much, in minor units.
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Where the provider sends its signed callback.
    pub callback_url: String,
    /// Where the provider sends the buyer back.
    pub return_url: String,
}

/// The provider's answer: its id for the payment and the page the buyer confirms on.
#[derive(Debug, Clone)]
pub struct Initiated {
    /// The provider's payment id.
    pub provider_ref: String,
    /// The provider's confirm page.
    pub confirm_url: String,
}

/// A refund to ask for.
#[derive(Debug, Clone)]
pub struct RefundRequest {
    /// shetu's refund id (the idempotency key: asking twice refunds once).
    pub key: String,
    /// The provider's payment id.
    pub provider_ref: String,
    /// How much, in minor units.
    pub amount_minor: i64,
}

/// Money to send to a wallet (a shop's payout).
#[derive(Debug, Clone)]
pub struct Disbursement {
    /// shetu's id for it (the idempotency key: asking twice pays once).
    pub key: String,
    /// The wallet number (E.164 or as the provider takes it).
    pub wallet: String,
    /// How much, in minor units.
    pub amount_minor: i64,
}

/// Why a provider call failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ProviderError {
    /// Network trouble or the provider is down: try again later.
    #[error("the payment provider cannot be reached: {0}")]
    Unavailable(String),
    /// The provider said no (a 4xx): trying again will not help.
    #[error("the payment provider refused: {0}")]
    Refused(String),
}

/// What a callback says happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallbackKind {
    /// The buyer paid.
    Succeeded,
    /// The buyer declined or the payment failed.
    Failed,
    /// Something shetu does not act on (kept for the record).
    Other(String),
}

/// A checked callback.
#[derive(Debug, Clone)]
pub struct Callback {
    /// The provider's event id (the same on every retry of one event).
    pub event_id: String,
    /// What happened.
    pub kind: CallbackKind,
    /// The provider's payment id.
    pub provider_ref: String,
    /// shetu's payment id, as given at initiation.
    pub reference: String,
    /// The amount the provider collected (minor units).
    pub amount_minor: i64,
    /// Its currency.
    pub currency: String,
}

/// Why a callback was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackError {
    /// Missing or wrong signature.
    BadSignature,
    /// Signed too long ago (or in the future).
    Stale,
    /// Signed, but not a callback this provider sends.
    Malformed,
}

/// A payment provider: a mobile-money service or a card acquirer.
pub trait PaymentProvider: Send + Sync + 'static {
    /// Its short name (`mobile_money`): the ledger account `provider:<name>` holds what it
    /// collected for the platform.
    fn name(&self) -> &'static str;
    /// Asks the provider to collect a payment.
    fn initiate<'a>(
        &'a self,
        request: &'a Initiate,
    ) -> BoxFuture<'a, Result<Initiated, ProviderError>>;
    /// Gives money back; the provider's refund id on success.
    fn refund<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<String, ProviderError>>;
    /// Sends money to a wallet; the provider's id for the transfer on success.
    fn disburse<'a>(
        &'a self,
        request: &'a Disbursement,
    ) -> BoxFuture<'a, Result<String, ProviderError>>;
    /// Checks and reads a callback (`now` in Unix seconds).
    fn callback(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<Callback, CallbackError>;
}
