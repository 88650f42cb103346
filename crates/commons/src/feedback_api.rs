use crate::feedback::{self, NewFeedback};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::{Lang, Text, TextError};
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::{ApiJson, Locale};
use shetu_web::AppState;
use utoipa::ToSchema;

/// Longest feedback message, in characters as people count them (graphemes).
pub const MESSAGE_MAX: usize = 2000;
const PAGE_MAX: usize = 300;

/// A message to the team.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    /// What to tell the team (1 to 2000 characters).
    #[schema(
        example = "বাজারদর পাতাটি খুলছে না",
        min_length = 1,
        max_length = 2000,
        pattern = "\\S"
    )]
    pub message: String,
    /// A mobile number to answer on, typed as people do (`০১৭১১-০০০০০০`).
    #[schema(max_length = 40)]
    pub phone: Option<String>,
    /// The page the message is about.
    pub page: Option<String>,
}

/// The receipt for a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackReceipt {
    /// The message's id.
    pub id: String,
    /// When it was received, in milliseconds since 1970 (UTC).
    pub received_at_ms: i64,
}

fn text_problem(e: &TextError) -> FieldProblem {
    match e {
        TextError::Empty => FieldProblem::new("empty"),
        TextError::TooLong { max, .. } => {
            FieldProblem::new("too_long").num("max", i64::try_from(*max).unwrap_or(i64::MAX))
        }
        TextError::ControlCharacter => FieldProblem::new("control_character"),
    }
}

/// Checks a feedback message, naming every field that is wrong.
pub fn check(
    state: &AppState,
    lang: &Lang,
    message: &str,
    phone: Option<&str>,
    page: Option<&str>,
) -> Result<NewFeedback, ApiError> {
    let mut error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    let message = Text::parse(message, MESSAGE_MAX)
        .map_err(|e| error.fields.push(("message".into(), text_problem(&e))))
        .ok();
    let contact_phone = match phone.map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => state
            .pack
            .phone
            .parse_mobile(p)
            .map_err(|_| {
                let problem =
                    FieldProblem::new("invalid_phone").arg("example", &state.pack.phone.example);
                error.fields.push(("phone".into(), problem));
            })
            .ok(),
    };
    let page = match page.filter(|p| !p.trim().is_empty()) {
        None => None,
        Some(p) => Text::parse(p, PAGE_MAX)
            .map_err(|e| error.fields.push(("page".into(), text_problem(&e))))
            .ok(),
    };
    match message {
        Some(message) if error.fields.is_empty() => Ok(NewFeedback {
            message,
            contact_phone,
            page,
            lang: lang.clone(),
        }),
        _ => Err(error),
    }
}

/// Send a message to the team that runs the platform.
#[utoipa::path(
    post, path = "/api/v1/feedback", tag = "feedback", request_body = FeedbackRequest,
    responses(
        (status = 201, description = "Received", body = FeedbackReceipt),
        (status = 400, description = "Not JSON", body = ErrorBody),
        (status = 413, description = "Too large", body = ErrorBody),
        (status = 415, description = "Not sent as JSON", body = ErrorBody),
        (status = 422, description = "A field is missing or wrong", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    Locale(tr): Locale,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<FeedbackRequest>,
) -> Result<(StatusCode, Json<FeedbackReceipt>), ApiError> {
    let checked = check(
        &state,
        &tr.lang,
        &body.message,
        body.phone.as_deref(),
        body.page.as_deref(),
    )?;
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let receipt = feedback::submit(&state.db, checked, None, request_id.as_deref()).await?;
    Ok((
        StatusCode::CREATED,
        Json(FeedbackReceipt {
            id: receipt.id.to_string(),
            received_at_ms: receipt.received_at,
        }),
    ))
}
