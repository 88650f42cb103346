//! The i18n layer lives in `shetu-i18n`; re-exported here for the handlers.
pub use shetu_i18n::*;
