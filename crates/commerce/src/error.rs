use shetu_core::{FieldIssue, Problem};
use shetu_people::PeopleError;
use shetu_store::StoreError;

/// Why a commerce use case refused or failed. Each maps to one HTTP status and stable code.
#[derive(Debug, thiserror::Error)]
pub enum CommerceError {
    /// Not allowed for this person.
    #[error("not allowed")]
    Forbidden,
    /// No such thing (code names what, e.g. `shop_not_found`).
    #[error("{0}")]
    NotFound(&'static str),
    /// Not enough stock for a line: (variant sku, what is left).
    #[error("only {left} left of {sku}")]
    OutOfStock { sku: String, left: i64 },
    /// The order cannot move from its state to the one asked.
    #[error("an order that is {from} cannot become {to}")]
    InvalidTransition {
        from: &'static str,
        to: &'static str,
    },
    /// The shop is not verified yet, so it cannot sell.
    #[error("the shop is not verified yet")]
    ShopNotVerified,
    /// The same idempotency key was sent with another request.
    #[error("this idempotency key was used for another request")]
    IdempotencyKeyReused,
    /// The cart is empty.
    #[error("the cart is empty")]
    EmptyCart,
    /// A field is invalid: (field, problem code).
    #[error("invalid {0}: {1}")]
    Invalid(String, &'static str),
    /// A number outside `min..=max`.
    #[error("{field} must be between {min} and {max}")]
    OutOfRange { field: String, min: i64, max: i64 },
    /// Nothing of this checkout awaits an online payment.
    #[error("nothing to pay")]
    NothingToPay,
    /// The payment provider could not be reached or refused to start.
    #[error("the payment provider is unavailable")]
    ProviderUnavailable,
    /// The courier could not be reached or refused the pickup.
    #[error("the courier is unavailable")]
    CourierUnavailable,
    /// The photo store (a folder or an object store) could not keep or give a photo.
    #[error("the photo store is unavailable")]
    PhotoStoreUnavailable,
    /// Too many wrong pickup codes: the parcel is held for an administrator.
    #[error("too many wrong codes")]
    HandoverLocked,
    /// The caller is not a partner marketplace's account.
    #[error("not a partner")]
    NotAPartner,
    /// A callback whose signature is missing or wrong.
    #[error("bad signature")]
    BadSignature,
    /// A callback signed too long ago.
    #[error("stale signature")]
    StaleSignature,
    /// A people rule refused it (mandates, sign-in).
    #[error(transparent)]
    People(#[from] PeopleError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for CommerceError {
    fn from(e: sqlx::Error) -> Self {
        CommerceError::Store(e.into())
    }
}

impl Problem for CommerceError {
    const CODES: &'static [&'static str] = &[
        "forbidden",
        "shop_not_found",
        "product_not_found",
        "order_not_found",
        "variant_not_found",
        "out_of_stock",
        "invalid_transition",
        "shop_not_verified",
        "idempotency_key_reused",
        "empty_cart",
        "validation_failed",
        "checkout_not_found",
        "nothing_to_pay",
        "payment_provider_unavailable",
        "bad_signature",
        "stale_signature",
        "not_a_partner",
        "delivery_not_found",
        "remittance_not_found",
        "handover_locked",
        "courier_unavailable",
        "dispute_not_found",
        "photo_store_unavailable",
    ];
    const FIELD_CODES: &'static [&'static str] = &[
        "required",
        "unknown_category",
        "unknown_unit",
        "unknown_kind",
        "unknown_district",
        "duplicate_sku",
        "bad_tier",
        "out_of_range",
        "too_long",
        "invalid_payout",
        "malformed_callback",
        "not_offered",
        "too_many_photos",
        "invalid_url",
        "not_a_partner_marketplace",
        "not_a_member",
        "already_a_partner",
        "bad_cursor",
        "bad_csv",
        "bad_header",
        "empty_file",
        "too_many_lines",
        "too_large_file",
        "wrong_code",
        "unknown_point",
        "not_sent",
        "dispute_open",
        "already_decided",
    ];

    fn code(&self) -> &'static str {
        match self {
            CommerceError::Forbidden => "forbidden",
            CommerceError::NotFound(code) => code,
            CommerceError::OutOfStock { .. } => "out_of_stock",
            CommerceError::InvalidTransition { .. } => "invalid_transition",
            CommerceError::ShopNotVerified => "shop_not_verified",
            CommerceError::IdempotencyKeyReused => "idempotency_key_reused",
            CommerceError::EmptyCart => "empty_cart",
            CommerceError::NothingToPay => "nothing_to_pay",
            CommerceError::ProviderUnavailable => "payment_provider_unavailable",
            CommerceError::BadSignature => "bad_signature",
            CommerceError::NotAPartner => "not_a_partner",
            CommerceError::HandoverLocked => "handover_locked",
            CommerceError::CourierUnavailable => "courier_unavailable",
            CommerceError::PhotoStoreUnavailable => "photo_store_unavailable",
            CommerceError::StaleSignature => "stale_signature",
            CommerceError::Invalid(..) | CommerceError::OutOfRange { .. } => "validation_failed",
            CommerceError::People(e) => e.code(),
            CommerceError::Store(e) => e.code(),
        }
    }

    fn status(&self) -> u16 {
        match self {
            CommerceError::Forbidden | CommerceError::NotAPartner => 403,
            CommerceError::BadSignature | CommerceError::StaleSignature => 401,
            CommerceError::NothingToPay | CommerceError::HandoverLocked => 409,
            CommerceError::PhotoStoreUnavailable => 503,
            CommerceError::ProviderUnavailable | CommerceError::CourierUnavailable => 502,
            CommerceError::NotFound(_) => 404,
            CommerceError::OutOfStock { .. }
            | CommerceError::InvalidTransition { .. }
            | CommerceError::ShopNotVerified => 409,
            CommerceError::IdempotencyKeyReused
            | CommerceError::EmptyCart
            | CommerceError::Invalid(..)
            | CommerceError::OutOfRange { .. } => 422,
            CommerceError::People(e) => e.status(),
            CommerceError::Store(e) => e.status(),
        }
    }

    fn args(&self) -> Vec<(&'static str, shetu_core::MessageArg)> {
        use shetu_core::MessageArg;
        match self {
            CommerceError::OutOfStock { sku, left } => vec![
                ("sku", MessageArg::Text(sku.clone())),
                ("left", MessageArg::Number(*left)),
            ],
            CommerceError::InvalidTransition { from, to } => vec![
                ("from", MessageArg::Text((*from).to_owned())),
                ("to", MessageArg::Text((*to).to_owned())),
            ],
            CommerceError::People(e) => e.args(),
            CommerceError::Store(e) => e.args(),
            _ => Vec::new(),
        }
    }

    fn fields(&self) -> Vec<FieldIssue> {
        match self {
            CommerceError::Invalid(field, code) => vec![FieldIssue::new(field.clone(), code)],
            CommerceError::OutOfRange { field, min, max } => {
                vec![FieldIssue::new(field.clone(), "out_of_range")
                    .num("min", *min)
                    .num("max", *max)]
            }
            CommerceError::People(e) => e.fields(),
            _ => Vec::new(),
        }
    }

    fn retry_after_s(&self) -> Option<u64> {
        match self {
            CommerceError::People(e) => e.retry_after_s(),
            CommerceError::Store(e) => e.retry_after_s(),
            _ => None,
        }
    }
}
