//! shetu-web: the web and API shell. Server-rendered pages that work without JavaScript (htmx
//! enhances them), a JSON API under `/api/v1` documented by a generated OpenAPI 3.1 document,
//! health and metrics endpoints — all in Bangla, English and Arabic.

pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
pub mod i18n;
pub mod middleware;
pub mod outbound;
pub mod pages;
mod router;
pub mod seam;
mod state;
mod static_files;

pub use error::{ApiError, ErrorBody, FieldProblem};
pub use extract::{ApiJson, ApiQuery, Locale};
pub use router::{app, PHOTO_LIMIT};
pub use seam::{Module, Modules};
pub use state::{AppState, AuditKeys, Catalog, SearchHandle, WebConfig};
