//! Keys of the audit log: the Ed25519 key that signs tree heads, and the per-person keys under
//! which personal data in events is encrypted, so that erasing a person (destroying their key)
//! leaves every hash, proof and signature valid.

use crate::db::Tx;
use crate::error::StoreError;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::path::Path;

/// Signs tree heads. The private key never leaves the node; the public key is published with
/// every head.
#[derive(Clone)]
pub struct HeadSigner {
    key: SigningKey,
}

impl std::fmt::Debug for HeadSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeadSigner")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

impl HeadSigner {
    /// A signer from a 32-byte seed, given as base64 (the `audit_signing_key` setting).
    pub fn from_base64(seed: &str) -> Result<HeadSigner, StoreError> {
        let bytes = B64
            .decode(seed.trim())
            .map_err(|_| StoreError::Config("audit_signing_key is not base64".into()))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| StoreError::Config("audit_signing_key must be 32 bytes".into()))?;
        Ok(HeadSigner {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// A new random key (tests, and the first start of a node).
    pub fn generate() -> HeadSigner {
        let mut seed = [0u8; 32];
        rand::rng().fill_bytes(&mut seed);
        HeadSigner {
            key: SigningKey::from_bytes(&seed),
        }
    }

    /// Reads the key from `path`, or makes one there (readable by its owner only).
    pub fn load_or_create(path: &Path) -> Result<HeadSigner, StoreError> {
        let fail = |what: &str, e: std::io::Error| {
            StoreError::Config(format!("audit signing key {}: {what}: {e}", path.display()))
        };
        if path.exists() {
            let text = std::fs::read_to_string(path).map_err(|e| fail("cannot read", e))?;
            return HeadSigner::from_base64(&text);
        }
        let signer = HeadSigner::generate();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail("cannot create its folder", e))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| fail("cannot create", e))?;
        std::io::Write::write_all(&mut file, B64.encode(signer.key.to_bytes()).as_bytes())
            .map_err(|e| fail("cannot write", e))?;
        Ok(signer)
    }

    /// The public key, base64.
    pub fn public_key(&self) -> String {
        B64.encode(self.key.verifying_key().to_bytes())
    }

    /// A short id of the public key: hex of the first 8 bytes of its SHA-256.
    pub fn key_id(&self) -> String {
        key_id(&self.key.verifying_key())
    }

    /// Signs a tree head.
    pub fn sign(&self, size: u64, at: i64, root: &[u8; 32]) -> String {
        B64.encode(self.key.sign(&head_message(size, at, root)).to_bytes())
    }
}

fn key_id(key: &VerifyingKey) -> String {
    super::hex(&Sha256::digest(key.to_bytes())[..8])
}

/// What a tree head's signature covers.
pub fn head_message(size: u64, at: i64, root: &[u8; 32]) -> Vec<u8> {
    let mut m = b"shetu-audit-tree-head-v1".to_vec();
    m.extend_from_slice(&size.to_be_bytes());
    m.extend_from_slice(&at.to_be_bytes());
    m.extend_from_slice(root);
    m
}

/// Public keys that signed heads (the current one and those rotated out), by key id.
#[derive(Debug, Clone, Default)]
pub struct KeyRing {
    keys: Vec<(String, VerifyingKey)>,
}

impl KeyRing {
    /// The ring of `signer`'s key and of earlier public keys (base64).
    pub fn new(signer: &HeadSigner, previous: &[String]) -> Result<KeyRing, StoreError> {
        let mut keys = vec![(signer.key_id(), signer.key.verifying_key())];
        for p in previous {
            let bytes: [u8; 32] = B64
                .decode(p.trim())
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| {
                    StoreError::Config(
                        "audit_previous_keys: not a base64 Ed25519 public key".into(),
                    )
                })?;
            let key = VerifyingKey::from_bytes(&bytes).map_err(|_| {
                StoreError::Config("audit_previous_keys: not an Ed25519 public key".into())
            })?;
            keys.push((key_id(&key), key));
        }
        Ok(KeyRing { keys })
    }

    /// Whether `signature` over the head is valid under the key `key_id`; `None` if the key is
    /// not in the ring.
    pub fn check(
        &self,
        key_id: &str,
        size: u64,
        at: i64,
        root: &[u8; 32],
        signature: &str,
    ) -> Option<bool> {
        let (_, key) = self.keys.iter().find(|(id, _)| id == key_id)?;
        let ok = B64
            .decode(signature)
            .ok()
            .and_then(|b| ed25519_dalek::Signature::from_slice(&b).ok())
            .is_some_and(|sig| key.verify(&head_message(size, at, root), &sig).is_ok());
        Some(ok)
    }
}

/// Checks a published head against a public key given as base64, as an outside client does.
pub fn verify_head(public_key: &str, size: u64, at: i64, root: &[u8; 32], signature: &str) -> bool {
    let Some(key) = B64
        .decode(public_key)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .and_then(|b| VerifyingKey::from_bytes(&b).ok())
    else {
        return false;
    };
    B64.decode(signature)
        .ok()
        .and_then(|b| ed25519_dalek::Signature::from_slice(&b).ok())
        .is_some_and(|sig| key.verify(&head_message(size, at, root), &sig).is_ok())
}

const SEALED: &str = "sealed1:";

/// The key of `person`, made on first use inside the caller's transaction (`None` once erased).
async fn person_key(tx: &mut Tx, person: &str, now: i64) -> Result<Option<[u8; 32]>, StoreError> {
    let read = |row: Option<sqlx::any::AnyRow>| -> Result<Option<Option<[u8; 32]>>, StoreError> {
        let Some(row) = row else { return Ok(None) };
        let secret: Option<String> = row.try_get(0)?;
        Ok(Some(
            secret
                .and_then(|s| B64.decode(s).ok())
                .and_then(|b| b.try_into().ok()),
        ))
    };
    // Most events concern someone who already has a key: one read.
    let found = sqlx::query("SELECT secret FROM person_key WHERE person_id = $1")
        .bind(person)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(key) = read(found)? {
        return Ok(key);
    }
    let mut fresh = [0u8; 32];
    rand::rng().fill_bytes(&mut fresh);
    sqlx::query(
        "INSERT INTO person_key (person_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO NOTHING",
    )
    .bind(person)
    .bind(B64.encode(fresh))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // Another transaction may have made it first: read what is there now.
    let found = sqlx::query("SELECT secret FROM person_key WHERE person_id = $1")
        .bind(person)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(read(found)?.flatten())
}

/// Seals `detail` under `person`'s key: `sealed1:<person>:<base64 nonce ‖ ciphertext>`. A person
/// already erased gets nothing personal recorded any more.
pub(crate) async fn seal(
    tx: &mut Tx,
    person: &str,
    detail: &str,
    now: i64,
) -> Result<String, StoreError> {
    let Some(key) = person_key(tx, person, now).await? else {
        return Ok(format!("{SEALED}{person}:"));
    };
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
    let mut nonce = [0u8; 12];
    rand::rng().fill_bytes(&mut nonce);
    let sealed = cipher
        .encrypt(Nonce::from_slice(&nonce), detail.as_bytes())
        .map_err(|_| StoreError::Corrupt("cannot seal an audit detail".into()))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(format!("{SEALED}{person}:{}", B64.encode(out)))
}

/// The person whose key sealed a stored detail, if sealed.
pub(crate) fn sealed_for(stored: &str) -> Option<&str> {
    stored.strip_prefix(SEALED)?.split_once(':').map(|(p, _)| p)
}

/// Opens a stored detail with the keys at hand: `None` if its key was erased.
pub(crate) fn open(stored: &str, key: Option<&[u8; 32]>) -> Option<String> {
    let Some(rest) = stored.strip_prefix(SEALED) else {
        return Some(stored.to_owned());
    };
    let (_, body) = rest.split_once(':')?;
    let bytes = B64.decode(body).ok()?;
    if bytes.len() < 12 {
        return None;
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key?));
    let plain = cipher
        .decrypt(Nonce::from_slice(&bytes[..12]), &bytes[12..])
        .ok()?;
    String::from_utf8(plain).ok()
}

/// The live keys of `persons`.
pub(crate) async fn keys_of(
    db: &crate::Db,
    persons: &[String],
) -> Result<std::collections::HashMap<String, [u8; 32]>, StoreError> {
    let mut out = std::collections::HashMap::new();
    if persons.is_empty() {
        return Ok(out);
    }
    let mut q = crate::sql::Sql::new(
        "SELECT person_id, secret FROM person_key WHERE secret IS NOT NULL AND person_id IN ",
    );
    q.list(persons.iter().cloned());
    for r in q.build()?.fetch_all(db.pool()).await? {
        let id: String = r.try_get(0)?;
        let secret: String = r.try_get(1)?;
        if let Some(k) = B64.decode(secret).ok().and_then(|b| b.try_into().ok()) {
            out.insert(id, k);
        }
    }
    Ok(out)
}

/// Destroys `person`'s key inside the caller's transaction: every sealed detail about them
/// becomes unreadable for good, and every hash stays as it was.
pub async fn erase_person_key(tx: &mut Tx, person: &str, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO person_key (person_id, secret, created_at, erased_at) VALUES ($1, NULL, $2, $2) \
         ON CONFLICT (person_id) DO UPDATE SET secret = NULL, erased_at = $2",
    )
    .bind(person)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
