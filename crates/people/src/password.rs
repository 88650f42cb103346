//! Passwords: argon2id, never stored in clear.

use argon2::password_hash::{PasswordHash, SaltString};
use argon2::Argon2;

/// Shortest password accepted, in characters.
pub const MIN_LENGTH: usize = 8;
/// Longest password accepted.
pub const MAX_LENGTH: usize = 256;

/// Argon2id with 7 MiB of memory and 5 passes: one of the five settings the OWASP Password
/// Storage Cheat Sheet lists as giving the same defence (19 MiB × 2 passes, 12 MiB × 3, 9 MiB × 4,
/// 7 MiB × 5 …), chosen because a node holds one such buffer per hashing thread and must stay
/// small (ADR 24). Hashes made with other parameters (the crate's default, 19 MiB × 2, before
/// 2026-11-29) carry them in their PHC string and still verify.
fn argon2() -> Argon2<'static> {
    let params = argon2::Params::new(7 * 1024, 5, 1, Some(32)).unwrap_or_default();
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Work for the hashing threads.
type HashJob = Box<dyn FnOnce() + Send>;

/// Argon2 needs 7 MiB per hash (19 MiB for a hash made before ADR 24). Hashing on the async
/// workers (or on tokio's up-to-512 blocking threads) leaves such buffers in every thread's
/// allocator arena and blocks requests; instead a few dedicated threads — one per core, at most
/// four — take turns, so memory stays bounded and the web workers keep serving while a sign-in is
/// checked.
fn hashers() -> &'static std::sync::Mutex<std::sync::mpsc::Sender<HashJob>> {
    static POOL: std::sync::OnceLock<std::sync::Mutex<std::sync::mpsc::Sender<HashJob>>> =
        std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let (send, receive) = std::sync::mpsc::channel::<HashJob>();
        let receive = std::sync::Arc::new(std::sync::Mutex::new(receive));
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4));
        for n in 0..threads {
            let receive = receive.clone();
            let _ = std::thread::Builder::new()
                .name(format!("shetu-argon2-{n}"))
                .spawn(move || loop {
                    let job = match receive.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
        }
        std::sync::Mutex::new(send)
    })
}

/// Runs `work` on the hashing threads and waits for it without blocking the async worker.
pub(crate) async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: HashJob = Box::new(move || {
        let _ = done.send(work());
    });
    hashers().lock().ok()?.send(job).ok()?;
    result.await.ok()
}

/// Hashes a password on the hashing threads.
pub async fn hash_off(password: String) -> Result<String, crate::PeopleError> {
    off_the_workers(move || hash(&password))
        .await
        .unwrap_or(Err(crate::PeopleError::Invalid("password", "invalid")))
}

/// Checks a password on the hashing threads; with no stored hash, against the decoy (so that an
/// unknown phone takes as long as a known one).
pub async fn verify_off(password: String, stored: Option<String>) -> bool {
    off_the_workers(move || match &stored {
        Some(stored) => verify(&password, stored),
        None => {
            verify(&password, decoy());
            false
        }
    })
    .await
    .unwrap_or(false)
}

thread_local! {
    /// This thread's argon2 working memory (7 MiB; as much as the largest hash it checked needed),
    /// kept for the thread's life: allocating it per hash lets the allocator keep freed blocks
    /// around in every thread (seen as hundreds of MB of RSS after a burst of sign-ins).
    static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs argon2 `a` over `password` and `salt` into `out`, in this thread's reused memory.
fn argon2_into(a: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let needed = a.params().block_count();
        if blocks.len() < needed {
            blocks.resize(needed, argon2::Block::default());
            blocks.shrink_to_fit();
        }
        a.hash_password_into_with_memory(password, salt, out, &mut blocks[..needed])
    })
}

/// Hashes a password (argon2id, random salt), as a PHC string.
pub fn hash(password: &str) -> Result<String, crate::PeopleError> {
    let invalid = || crate::PeopleError::Invalid("password", "invalid");
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>()).map_err(|_| invalid())?;
    let a = argon2();
    let mut salt_bytes = [0u8; 64];
    let salt_raw = salt
        .as_salt()
        .decode_b64(&mut salt_bytes)
        .map_err(|_| invalid())?;
    let mut out = [0u8; 32];
    argon2_into(&a, password.as_bytes(), salt_raw, &mut out).map_err(|_| invalid())?;
    let phc = PasswordHash {
        algorithm: argon2::Algorithm::Argon2id.ident(),
        version: Some(argon2::Version::V0x13.into()),
        params: argon2::password_hash::ParamsString::try_from(a.params()).map_err(|_| invalid())?,
        salt: Some(salt.as_salt()),
        hash: Some(argon2::password_hash::Output::new(&out).map_err(|_| invalid())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches `stored` (a PHC string with its own algorithm and parameters).
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(argon2::Version::V0x13), argon2::Version::try_from);
    let Ok(version) = version else { return false };
    let Ok(params) = argon2::Params::try_from(&parsed) else {
        return false;
    };
    let a = Argon2::new(algorithm, version, params);
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_raw) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    if argon2_into(&a, password.as_bytes(), salt_raw, &mut out).is_err() {
        return false;
    }
    // `Output`'s equality is constant-time.
    argon2::password_hash::Output::new(&out).is_ok_and(|got| got == expected)
}

/// A hash of a random password, compared against when the phone is unknown, so that an unknown
/// phone takes as long to refuse as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&crate::secret::token()).unwrap_or_default())
}

/// Checks a new password's length (in characters people count).
pub fn check_new(password: &str) -> Result<(), crate::PeopleError> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(crate::PeopleError::TooShort {
            field: "password",
            min: MIN_LENGTH as i64,
        });
    }
    if len > MAX_LENGTH {
        return Err(crate::PeopleError::TooLong {
            field: "password",
            max: MAX_LENGTH as i64,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_verify_and_differ() {
        let a = super::hash("shetu-demo").unwrap_or_default();
        let b = super::hash("shetu-demo").unwrap_or_default();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "salted");
        assert!(super::verify("shetu-demo", &a));
        assert!(!super::verify("shetu-demo!", &a));
        assert!(!super::verify("x", "not a hash"));
    }

    #[test]
    fn hashes_agree_with_the_argon2_crates_own_hasher() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier, SaltString};
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap_or_else(|e| panic!("{e}"));
        let theirs = argon2::Argon2::default()
            .hash_password(b"correct horse", &salt)
            .map(|h| h.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            super::verify("correct horse", &theirs),
            "a stored hash from before still verifies"
        );
        let ours = super::hash("correct horse").unwrap_or_default();
        let parsed =
            argon2::password_hash::PasswordHash::new(&ours).unwrap_or_else(|e| panic!("{e}"));
        assert!(argon2::Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        assert!(
            ours.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"),
            "OWASP's 7 MiB × 5 passes: {ours}"
        );
        // The same thread checks a new (7 MiB) hash after an old (19 MiB) one in its bigger buffer.
        assert!(super::verify("correct horse", &ours));
        assert!(!super::verify("correct horsf", &theirs));
    }
}
