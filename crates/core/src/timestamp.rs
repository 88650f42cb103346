//! A point in time, UTC, to the millisecond: how every time is stored (an integer column on both
//! engines) and passed around.

use std::fmt;

/// Milliseconds since the Unix epoch, UTC.
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// The current time.
    pub fn now() -> Timestamp {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
    }

    /// Milliseconds since the epoch.
    pub fn ms(self) -> i64 {
        self.0
    }

    /// This time plus `ms` milliseconds (saturating).
    pub fn plus_ms(self, ms: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(ms))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.0)
    }
}

impl From<i64> for Timestamp {
    fn from(ms: i64) -> Self {
        Timestamp(ms)
    }
}

#[cfg(feature = "sqlx")]
mod sql {
    use super::Timestamp;
    use sqlx::any::{AnyTypeInfo, AnyValueRef};
    use sqlx::encode::IsNull;
    use sqlx::error::BoxDynError;
    use sqlx::{Any, Database, Decode, Encode, Type};

    impl Type<Any> for Timestamp {
        fn type_info() -> AnyTypeInfo {
            <i64 as Type<Any>>::type_info()
        }
        fn compatible(ty: &AnyTypeInfo) -> bool {
            <i64 as Type<Any>>::compatible(ty)
        }
    }

    impl<'q> Encode<'q, Any> for Timestamp {
        fn encode_by_ref(
            &self,
            buf: &mut <Any as Database>::ArgumentBuffer<'q>,
        ) -> Result<IsNull, BoxDynError> {
            <i64 as Encode<'q, Any>>::encode(self.0, buf)
        }
    }

    impl<'r> Decode<'r, Any> for Timestamp {
        fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
            Ok(Timestamp(<i64 as Decode<'r, Any>>::decode(value)?))
        }
    }
}
