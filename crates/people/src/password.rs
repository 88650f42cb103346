//! Passwords: argon2id with the crate's recommended parameters, never stored in clear.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shortest password accepted, in characters.
pub const MIN_LENGTH: usize = 8;
/// Longest password accepted.
pub const MAX_LENGTH: usize = 256;

/// Hashes a password (argon2id, random salt).
pub fn hash(password: &str) -> Result<String, crate::PeopleError> {
    let salt = SaltString::encode_b64(&rand::random::<[u8; 16]>())
        .map_err(|_| crate::PeopleError::Invalid("password", "invalid"))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| crate::PeopleError::Invalid("password", "invalid"))
}

/// Whether `password` matches `stored`.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
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
}
