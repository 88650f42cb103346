//! The i18n layer lives in `shetu-i18n`; re-exported here for the handlers, with the shell's own
//! messages.
pub use shetu_i18n::*;

use crate::seam::Messages;

/// The shell's messages: layout, home, API docs, and the errors any route can give.
pub const SHELL_MESSAGES: &[Messages] = crate::module_messages!("../locales", "shell.ftl");

/// Codes the shell's own extractors and layers answer with.
pub const SHELL_CODES: crate::seam::DeclaredCodes = crate::seam::DeclaredCodes {
    errors: &[
        "not_found",
        "method_not_allowed",
        "payload_too_large",
        "malformed_json",
        "unsupported_media_type",
        "validation_failed",
        "invalid_query",
        "invalid_path",
        "invalid_cursor",
        "unsupported_language",
        "internal_error",
        "service_unavailable",
        "timeout",
        "bad_request",
        "cross_site_request",
        "csrf_failed",
        "sign_in_required",
        "mandate_required",
        "forbidden",
        "rate_limited",
        "on_behalf_of_not_allowed",
        "audit_log_empty",
        "audit_event_not_found",
        "audit_not_yet_integrated",
    ],
    fields: &[
        "required",
        "empty",
        "too_long",
        "too_short",
        "control_character",
        "invalid_type",
        "unknown_field",
        "out_of_range",
        "invalid_phone",
        "invalid_region",
        "unknown_value",
        "not_found",
        "invalid",
    ],
};

/// Converts a use case's message argument.
pub fn arg_of(value: &shetu_core::MessageArg) -> Arg {
    match value {
        shetu_core::MessageArg::Text(t) => Arg::Text(t.clone()),
        shetu_core::MessageArg::Number(n) => Arg::Number(*n),
    }
}
