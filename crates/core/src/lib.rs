//! shetu-core: the domain types every module shares.
//!
//! Pure types and rules, no IO: typed ids, [`Money`] in integer minor units, [`Phone`] numbers in
//! E.164, [`RegionId`]s, [`Lang`]uages and [`LocalizedText`], user-typed numbers in any script,
//! and grapheme-counted [`Text`]. Country specifics come from a country pack (`shetu-pack`), never
//! from code here.

pub mod access;
pub mod digits;
pub mod disclosure;
pub mod id;
pub mod lang;
pub mod money;
pub mod phone;
pub mod problem;
pub mod region;
pub mod text;
pub mod timestamp;

pub use access::{Actor, OrgKind, Role, Scope};
pub use digits::{fold_digits, parse_number};
pub use lang::{Direction, Lang, LocalizedText};
pub use money::{Currency, Money, MoneyError, MoneyFormat};
pub use phone::{Phone, PhoneError, PhoneRules};
pub use problem::{FieldIssue, MessageArg, Problem};
pub use region::{Region, RegionId};
pub use text::{Text, TextError};
pub use timestamp::Timestamp;

#[cfg(feature = "sqlx")]
#[doc(hidden)]
pub mod __private {
    pub use sqlx;
}
