//! shetu-commerce: the ekShop module. Shops (a shop, a farmer, a wholesaler) opened by their owner
//! or by an agent for them; a Bangla and English catalogue with variants, wholesale tiers and
//! producer facts; carts and checkouts that never oversell; orders that move through their states
//! by who may move them; and a double-entry ledger of every money movement.
//!
//! Use cases take an [`Actor`](shetu_core::Actor) and decide for whom they act through the one
//! mandate check (`shetu_people::mandates::subject_for`), and write their audit and outbox
//! events in their own transaction.

pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod courier;
pub mod courier_sandbox;
pub mod disputes;
pub mod error;
pub mod idempotency;
pub mod impact;
pub mod ledger;
pub mod order_jobs;
pub mod orders;
pub mod partner_images;
pub mod partner_webhooks;
pub mod partners;
pub mod payments;
pub mod payouts;
pub mod photos;
pub mod pickup;
pub mod products;
pub mod remittances;
pub mod search;
pub mod settings;
pub mod shops;
pub mod state;
pub mod web;

pub use error::CommerceError;

use shetu_core::Scope;

/// An agent may sell for a person: open their shop, list and change their products.
pub const COMMERCE_SELL: Scope = Scope::declared("commerce.sell");
/// An agent may buy for a person: place and follow their orders.
pub const COMMERCE_BUY: Scope = Scope::declared("commerce.buy");

/// Checks a free text field: trimmed, not empty when required, at most `max` characters.
pub(crate) fn text(
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> Result<String, CommerceError> {
    let value = value.trim();
    if value.is_empty() && required {
        return Err(CommerceError::Invalid(field.to_owned(), "required"));
    }
    if value.chars().count() > max {
        return Err(CommerceError::Invalid(field.to_owned(), "too_long"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(CommerceError::Invalid(field.to_owned(), "too_long"));
    }
    Ok(value.to_owned())
}

/// Checks a whole number is within `min..=max`.
pub(crate) fn within(field: &str, value: i64, min: i64, max: i64) -> Result<i64, CommerceError> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(CommerceError::OutOfRange {
            field: field.to_owned(),
            min,
            max,
        })
    }
}
