//! Typed identifiers: uuid v7 (time-ordered) wrapped in a newtype per kind of thing, so that a
//! job id can never be passed where a person id is expected.

/// Declares a typed uuid v7 identifier.
///
/// ```
/// shetu_core::typed_id!(
///     /// A widget.
///     WidgetId
/// );
/// let id = WidgetId::new();
/// assert_eq!(id, id.to_string().parse().unwrap());
/// ```
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A new, time-ordered id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }

        $crate::__sql_text_codec!($name);
    };
}

/// Reads and writes a type that round-trips through its text form (`Display` + `FromStr`) as a
/// TEXT column on both engines. Implemented once here, used by every typed id.
#[cfg(feature = "sqlx")]
#[doc(hidden)]
#[macro_export]
macro_rules! __sql_text_codec {
    ($name:ty) => {
        impl $crate::__private::sqlx::Type<$crate::__private::sqlx::Any> for $name {
            fn type_info() -> $crate::__private::sqlx::any::AnyTypeInfo {
                <String as $crate::__private::sqlx::Type<$crate::__private::sqlx::Any>>::type_info()
            }
            fn compatible(ty: &$crate::__private::sqlx::any::AnyTypeInfo) -> bool {
                <String as $crate::__private::sqlx::Type<$crate::__private::sqlx::Any>>::compatible(ty)
            }
        }

        impl<'q> $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Any> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut <$crate::__private::sqlx::Any as $crate::__private::sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<$crate::__private::sqlx::encode::IsNull, $crate::__private::sqlx::error::BoxDynError> {
                <String as $crate::__private::sqlx::Encode<'q, $crate::__private::sqlx::Any>>::encode(self.to_string(), buf)
            }
        }

        impl<'r> $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Any> for $name {
            fn decode(
                value: <$crate::__private::sqlx::Any as $crate::__private::sqlx::Database>::ValueRef<'r>,
            ) -> Result<Self, $crate::__private::sqlx::error::BoxDynError> {
                let text = <String as $crate::__private::sqlx::Decode<'r, $crate::__private::sqlx::Any>>::decode(value)?;
                Ok(text.parse::<$name>()?)
            }
        }
    };
}

/// Without the `sqlx` feature, typed ids carry no database codec.
#[cfg(not(feature = "sqlx"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __sql_text_codec {
    ($name:ty) => {};
}

typed_id!(
    /// A background job.
    JobId
);

typed_id!(
    /// A message someone sent through the feedback form or API.
    FeedbackId
);

typed_id!(
    /// A person: someone who uses shetu, themselves or through an agent.
    PersonId
);

typed_id!(
    /// An organisation: a shop, an employer, a training provider, a network member …
    OrganizationId
);

typed_id!(
    /// A place where agents serve people, e.g. a Union Digital Centre.
    ServicePointId
);

typed_id!(
    /// A person's permission for an agent to act for them.
    MandateId
);

typed_id!(
    /// An API token.
    TokenId
);

typed_id!(
    /// A one-time code sent by SMS.
    CodeId
);
