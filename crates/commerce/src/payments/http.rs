//! The mobile-money protocol shetu speaks, over HTTP (the sandbox in [`super::sandbox`] is the
//! other side of it):
//!
//! - `POST {url}/v1/payments` with `Authorization: Bearer <merchant key>` and
//!   `Idempotency-Key: <shetu's payment id>`, body `{reference, amount_minor, currency,
//!   callback_url, return_url}` → `201 {id, confirm_url, status}`;
//! - the buyer confirms on `confirm_url`; the provider then posts
//!   `{event_id, type: payment.succeeded | payment.failed, payment_id, reference, amount_minor,
//!   currency}` to `callback_url`, signed as [`shetu_web::outbound`] describes, retrying until it
//!   gets a 2xx;
//! - `POST {url}/v1/refunds` with `Idempotency-Key: <shetu's refund id>`, body
//!   `{payment_id, amount_minor}` → `201 {id, status}`;
//! - `POST {url}/v1/disbursements` with `Idempotency-Key: <shetu's payout id>`, body
//!   `{wallet, amount_minor}` → `201 {id, status}` (a shop's payout).

use super::{
    Callback, CallbackError, CallbackKind, Initiate, Initiated, PaymentProvider, ProviderError,
    RefundRequest,
};
use axum::http::HeaderMap;
use serde::Deserialize;
use shetu_store::BoxFuture;
use shetu_web::outbound::{self, SignatureError};

/// A mobile-money provider reached over HTTP.
#[derive(Debug, Clone)]
pub struct HttpMobileMoney {
    /// Its API's base address (no trailing slash).
    pub url: String,
    /// shetu's merchant key there.
    pub merchant_key: String,
    /// The secret both sides sign callbacks with.
    pub secret: String,
    /// The client.
    pub client: reqwest::Client,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    #[serde(default)]
    confirm_url: String,
}

#[derive(Deserialize)]
struct Event {
    event_id: String,
    #[serde(rename = "type")]
    kind: String,
    payment_id: String,
    reference: String,
    amount_minor: i64,
    currency: String,
}

impl HttpMobileMoney {
    async fn post(
        &self,
        path: &str,
        key: &str,
        body: serde_json::Value,
    ) -> Result<Created, ProviderError> {
        let answer = self
            .client
            .post(format!("{}{path}", self.url))
            .bearer_auth(&self.merchant_key)
            .header("idempotency-key", key)
            .json(&body)
            .send()
            .await
            .map_err(|e| ProviderError::Unavailable(e.to_string()))?;
        let status = answer.status();
        if status.is_server_error() || status.as_u16() == 429 {
            return Err(ProviderError::Unavailable(format!("HTTP {status}")));
        }
        if !status.is_success() {
            let text: String = answer
                .text()
                .await
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect();
            return Err(ProviderError::Refused(format!("HTTP {status}: {text}")));
        }
        answer
            .json::<Created>()
            .await
            .map_err(|e| ProviderError::Unavailable(format!("unreadable answer: {e}")))
    }
}

impl PaymentProvider for HttpMobileMoney {
    fn name(&self) -> &'static str {
        "mobile_money"
    }

    fn initiate<'a>(
        &'a self,
        request: &'a Initiate,
    ) -> BoxFuture<'a, Result<Initiated, ProviderError>> {
        Box::pin(async move {
            let body = serde_json::json!({
                "reference": request.reference,
                "amount_minor": request.amount_minor,
                "currency": request.currency,
                "callback_url": request.callback_url,
                "return_url": request.return_url,
            });
            let created = self.post("/v1/payments", &request.reference, body).await?;
            if created.confirm_url.is_empty() {
                return Err(ProviderError::Unavailable(
                    "no confirm page in the answer".into(),
                ));
            }
            Ok(Initiated {
                provider_ref: created.id,
                confirm_url: created.confirm_url,
            })
        })
    }

    fn refund<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<String, ProviderError>> {
        Box::pin(async move {
            let body = serde_json::json!({
                "payment_id": request.provider_ref,
                "amount_minor": request.amount_minor,
            });
            Ok(self.post("/v1/refunds", &request.key, body).await?.id)
        })
    }

    fn disburse<'a>(
        &'a self,
        request: &'a super::Disbursement,
    ) -> BoxFuture<'a, Result<String, ProviderError>> {
        Box::pin(async move {
            let body = serde_json::json!({
                "wallet": request.wallet,
                "amount_minor": request.amount_minor,
            });
            Ok(self.post("/v1/disbursements", &request.key, body).await?.id)
        })
    }

    fn callback(
        &self,
        headers: &HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<Callback, CallbackError> {
        outbound::verify_request(self.secret.as_bytes(), headers, body, now).map_err(
            |e| match e {
                SignatureError::Stale => CallbackError::Stale,
                SignatureError::Missing | SignatureError::Mismatch => CallbackError::BadSignature,
            },
        )?;
        let event: Event = serde_json::from_slice(body).map_err(|_| CallbackError::Malformed)?;
        let kind = match event.kind.as_str() {
            "payment.succeeded" => CallbackKind::Succeeded,
            "payment.failed" => CallbackKind::Failed,
            other => CallbackKind::Other(other.chars().take(64).collect()),
        };
        if event.event_id.is_empty() || event.event_id.len() > 100 {
            return Err(CallbackError::Malformed);
        }
        Ok(Callback {
            event_id: event.event_id,
            kind,
            provider_ref: event.payment_id,
            reference: event.reference,
            amount_minor: event.amount_minor,
            currency: event.currency,
        })
    }
}
