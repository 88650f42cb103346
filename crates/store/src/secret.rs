//! Random secrets and their hashes. Secrets (session ids, API tokens, one-time codes) are shown
//! once and stored only as SHA-256 hashes.

use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

/// A new random secret: 32 bytes, URL-safe base64.
pub fn token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of `text`, in hex.
pub fn hash(text: &str) -> String {
    crate::audit::hex(&Sha256::digest(text.as_bytes()))
}

/// A six-digit one-time code.
pub fn code() -> String {
    format!("{:06}", rand::rng().random_range(0..1_000_000))
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
