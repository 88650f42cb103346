//! Certificates as W3C Verifiable Credentials (Data Model 2.0) secured with a Data Integrity
//! proof using the `eddsa-jcs-2022` cryptosuite: the document and the proof options are each
//! canonicalised with the JSON Canonicalization Scheme (RFC 8785), hashed with SHA-256, and the
//! two hashes (proof options first) are signed with the issuer's Ed25519 key; the signature is
//! written base58-btc multibase (`z…`). Verification needs only the document and the issuer's
//! public key, so it works offline.
//!
//! Revocation follows the Bitstring Status List: each certificate has an index in its
//! provider's list; the published list is a GZIP-compressed bitstring of 131,072 bits, base64url
//! multibase (`u…`), a bit set to 1 when revoked.

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::io::Write;

/// The VC Data Model 2.0 context.
pub const VC_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// Bits in a status list (the specification's minimum, 16 KB).
pub const STATUS_BITS: usize = 131_072;

/// Why a document does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not a JSON object, or no proof.
    #[error("not a credential with a proof")]
    Malformed,
    /// A proof of another kind.
    #[error("not an eddsa-jcs-2022 Data Integrity proof")]
    UnknownProof,
    /// The proof value is not base58-btc multibase of 64 bytes.
    #[error("unreadable proof value")]
    BadProofValue,
    /// A number that is not an integer (not produced by us; not canonicalised here).
    #[error("the document has a number that is not a whole number")]
    UnsupportedNumber,
    /// The signature does not match the document and the key.
    #[error("the signature does not match: the document was changed or not signed by this key")]
    BadSignature,
}

/// Writes `value` in the JSON Canonicalization Scheme: object members sorted by their names'
/// UTF-16 code units, no whitespace, strings with only the required escapes, numbers as written
/// by ECMAScript (whole numbers here).
pub fn canonical(value: &Value) -> Result<String, VerifyError> {
    let mut out = String::new();
    write(value, &mut out)?;
    Ok(out)
}

fn write(value: &Value, out: &mut String) -> Result<(), VerifyError> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                return Err(VerifyError::UnsupportedNumber);
            }
        }
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                write(&map[k], out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

fn string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The bytes signed: SHA-256 of the canonical proof options, then of the canonical document.
fn signed_bytes(document: &Value, options: &Value) -> Result<Vec<u8>, VerifyError> {
    let mut data = Sha256::digest(canonical(options)?.as_bytes()).to_vec();
    data.extend_from_slice(&Sha256::digest(canonical(document)?.as_bytes()));
    Ok(data)
}

/// A public key as a Multikey (`z` + base58-btc of `0xed 0x01` + the 32 key bytes).
pub fn multikey(key: &VerifyingKey) -> String {
    let mut bytes = vec![0xed, 0x01];
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The key of a Multikey string.
pub fn from_multikey(text: &str) -> Option<VerifyingKey> {
    let bytes = bs58::decode(text.strip_prefix('z')?).into_vec().ok()?;
    let key: [u8; 32] = bytes.strip_prefix(&[0xed, 0x01])?.try_into().ok()?;
    VerifyingKey::from_bytes(&key).ok()
}

/// Signs `document` (which has no `proof`): returns it with a Data Integrity proof.
pub fn sign(
    document: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: &str,
) -> Result<Value, VerifyError> {
    let mut options = Map::new();
    options.insert("type".into(), "DataIntegrityProof".into());
    options.insert("cryptosuite".into(), "eddsa-jcs-2022".into());
    options.insert("created".into(), created.into());
    options.insert("verificationMethod".into(), verification_method.into());
    options.insert("proofPurpose".into(), "assertionMethod".into());
    if let Some(context) = document.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let options = Value::Object(options);
    let signature = key.sign(&signed_bytes(document, &options)?);
    let mut proof = options;
    if let Value::Object(p) = &mut proof {
        p.insert(
            "proofValue".into(),
            format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into(),
        );
    }
    let mut signed = document.clone();
    if let Value::Object(d) = &mut signed {
        d.insert("proof".into(), proof);
    }
    Ok(signed)
}

/// The `verificationMethod` a signed document names (to find the issuer's key).
pub fn verification_method(document: &Value) -> Option<&str> {
    document.get("proof")?.get("verificationMethod")?.as_str()
}

/// Checks a signed document against the issuer's public key.
pub fn verify(document: &Value, key: &VerifyingKey) -> Result<(), VerifyError> {
    let Value::Object(all) = document else {
        return Err(VerifyError::Malformed);
    };
    let Some(Value::Object(proof)) = all.get("proof") else {
        return Err(VerifyError::Malformed);
    };
    if proof.get("type").and_then(Value::as_str) != Some("DataIntegrityProof")
        || proof.get("cryptosuite").and_then(Value::as_str) != Some("eddsa-jcs-2022")
    {
        return Err(VerifyError::UnknownProof);
    }
    let value = proof
        .get("proofValue")
        .and_then(Value::as_str)
        .and_then(|v| v.strip_prefix('z'))
        .and_then(|v| bs58::decode(v).into_vec().ok())
        .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
        .ok_or(VerifyError::BadProofValue)?;
    let mut options = proof.clone();
    options.remove("proofValue");
    let mut unsigned = all.clone();
    unsigned.remove("proof");
    // The proof's context must be the document's (eddsa-jcs-2022, verify step 4).
    if options.get("@context").is_some() && options.get("@context") != unsigned.get("@context") {
        return Err(VerifyError::BadSignature);
    }
    let data = signed_bytes(&Value::Object(unsigned), &Value::Object(options))?;
    key.verify(&data, &ed25519_dalek::Signature::from_bytes(&value))
        .map_err(|_| VerifyError::BadSignature)
}

/// The `encodedList` of a status list with the bits at `revoked` set.
pub fn encoded_list(revoked: &[usize]) -> String {
    let mut bits = vec![0_u8; STATUS_BITS / 8];
    for &i in revoked.iter().filter(|i| **i < STATUS_BITS) {
        // The first index is the left-most bit of the first byte.
        bits[i / 8] |= 0x80 >> (i % 8);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to memory cannot fail.
    let _ = gz.write_all(&bits);
    let packed = gz.finish().unwrap_or_default();
    use base64::Engine;
    format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Whether bit `index` is set in an `encodedList`.
pub fn is_set(encoded: &str, index: usize) -> Option<bool> {
    use base64::Engine;
    use std::io::Read;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.strip_prefix('u')?)
        .ok()?;
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(packed.as_slice())
        .read_to_end(&mut bits)
        .ok()?;
    let byte = bits.get(index / 8)?;
    Some(byte & (0x80 >> (index % 8)) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7; 32])
    }

    #[test]
    fn canonical_form_follows_rfc_8785() {
        let v = json!({"b": [true, null, 1], "a": "ঢাকা\n\"x\"", "\u{e9}": 0, "A": {"z": -5, "y": "\u{1}"}});
        assert_eq!(
            canonical(&v).expect("whole numbers"),
            "{\"A\":{\"y\":\"\\u0001\",\"z\":-5},\"a\":\"ঢাকা\\n\\\"x\\\"\",\"b\":[true,null,1],\"é\":0}"
        );
        assert_eq!(canonical(&json!(1.5)), Err(VerifyError::UnsupportedNumber));
    }

    #[test]
    fn a_signed_document_verifies_and_any_change_breaks_it() {
        let doc = json!({"@context": [VC_CONTEXT], "type": ["VerifiableCredential"], "credentialSubject": {"name": "রহিমা খাতুন"}});
        let signed = sign(
            &doc,
            &key(),
            "https://example.org/keys/1",
            "2026-11-29T00:00:00Z",
        )
        .expect("sign");
        let public = key().verifying_key();
        assert_eq!(verify(&signed, &public), Ok(()));
        assert_eq!(from_multikey(&multikey(&public)), Some(public));
        let mut changed = signed.clone();
        changed["credentialSubject"]["name"] = json!("রহিমা খাতুম");
        assert_eq!(verify(&changed, &public), Err(VerifyError::BadSignature));
        let mut proof_changed = signed.clone();
        proof_changed["proof"]["created"] = json!("2026-11-30T00:00:00Z");
        assert_eq!(
            verify(&proof_changed, &public),
            Err(VerifyError::BadSignature)
        );
        let other = SigningKey::from_bytes(&[8; 32]).verifying_key();
        assert_eq!(verify(&signed, &other), Err(VerifyError::BadSignature));
        // Key order and whitespace do not matter: the same document read back verifies.
        let reread: Value =
            serde_json::from_str(&serde_json::to_string_pretty(&signed).expect("json"))
                .expect("json");
        assert_eq!(verify(&reread, &public), Ok(()));
    }

    #[test]
    fn status_bits_round_trip() {
        let list = encoded_list(&[0, 9, 131_071]);
        assert_eq!(is_set(&list, 0), Some(true));
        assert_eq!(is_set(&list, 1), Some(false));
        assert_eq!(is_set(&list, 9), Some(true));
        assert_eq!(is_set(&list, 131_071), Some(true));
        assert!(
            list.len() < 400,
            "a sparse list compresses well: {}",
            list.len()
        );
    }
}
