//! Talking to other systems over HTTP: one client with sane time limits, and the signature every
//! webhook in either direction carries — HMAC-SHA256 over `"{timestamp}.{body}"`, sent as
//! `v1=<hex>` beside the timestamp (Unix seconds). A receiver checks the signature in constant
//! time and refuses timestamps too far from its clock, so a captured request cannot be replayed
//! later; de-duplication by event id does the rest.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;

/// The header with the signing time (Unix seconds).
pub const TIMESTAMP_HEADER: &str = "x-shetu-timestamp";
/// The header with the signature(s): `v1=<hex>`, several separated by commas while a secret is
/// being rotated.
pub const SIGNATURE_HEADER: &str = "x-shetu-signature";
/// How far a signed timestamp may be from the receiver's clock.
pub const TOLERANCE_SECS: i64 = 300;

/// An HTTP client for providers and partners: 5 s to connect, 20 s for a whole exchange, no
/// redirects followed (a webhook answer is the receiver's, not a page it points to).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("shetu/", env!("CARGO_PKG_VERSION")))
        .build()
        .unwrap_or_default()
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts every key length"));
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The signature header's value for `body` signed at `timestamp`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!(
        "v1={}",
        hex::encode(mac(secret, timestamp, body).finalize().into_bytes())
    )
}

/// Why a signed request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No timestamp or no signature header.
    #[error("the request is not signed")]
    Missing,
    /// The timestamp is too far from now (a replay, or a clock far off).
    #[error("the signature's timestamp is too old or in the future")]
    Stale,
    /// No signature matches the body.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks `signature` (the header's value) over `body` at `timestamp` (the header's value)
/// against `secret`, with `now` in Unix seconds; the signing time on success.
pub fn verify(
    secret: &[u8],
    timestamp: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<i64, SignatureError> {
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(SignatureError::Missing);
    };
    let at: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| SignatureError::Missing)?;
    if (now - at).abs() > TOLERANCE_SECS {
        return Err(SignatureError::Stale);
    }
    let matches = signature
        .split(',')
        .filter_map(|part| part.trim().strip_prefix("v1="))
        .filter_map(|h| hex::decode(h).ok())
        .any(|given| mac(secret, at, body).verify_slice(&given).is_ok());
    if matches {
        Ok(at)
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// [`verify`] with the timestamp and signature read from a request's headers.
pub fn verify_request(
    secret: &[u8],
    headers: &axum::http::HeaderMap,
    body: &[u8],
    now: i64,
) -> Result<i64, SignatureError> {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    verify(
        secret,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        body,
        now,
    )
}

/// Now, in Unix seconds.
pub fn unix_now() -> i64 {
    shetu_store::now_ms() / 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_for_its_body_secret_and_time() {
        let body = br#"{"event_id":"e1","amount_minor":420000}"#;
        let sig = sign(b"s3cret", 1_700_000_000, body);
        assert_eq!(
            verify(
                b"s3cret",
                Some("1700000000"),
                Some(&sig),
                body,
                1_700_000_100
            ),
            Ok(1_700_000_000)
        );
        // Another body, another secret, another time: refused.
        let other = br#"{"event_id":"e1","amount_minor":1}"#;
        assert_eq!(
            verify(
                b"s3cret",
                Some("1700000000"),
                Some(&sig),
                other,
                1_700_000_000
            ),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(
                b"other",
                Some("1700000000"),
                Some(&sig),
                body,
                1_700_000_000
            ),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(
                b"s3cret",
                Some("1700000001"),
                Some(&sig),
                body,
                1_700_000_000
            ),
            Err(SignatureError::Mismatch)
        );
        // Replayed ten minutes later, or signed in the future: stale.
        assert_eq!(
            verify(
                b"s3cret",
                Some("1700000000"),
                Some(&sig),
                body,
                1_700_000_600
            ),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(
                b"s3cret",
                Some("1700000000"),
                Some(&sig),
                body,
                1_699_999_000
            ),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify(b"s3cret", None, Some(&sig), body, 1_700_000_000),
            Err(SignatureError::Missing)
        );
        // During a rotation the old and the new signature both come; either may match.
        let both = format!("v1=00ff,{sig}");
        assert!(verify(
            b"s3cret",
            Some("1700000000"),
            Some(&both),
            body,
            1_700_000_000
        )
        .is_ok());
    }
}
