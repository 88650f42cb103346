//! Checking a certificate: the verify page (by link or pasted document), with the verdict a
//! person can read.

use super::*;

#[derive(Template)]
#[template(path = "skills_verify.html")]
pub(super) struct VerifyPage {
    tr: Tr,
    chrome: Chrome,
    verdict: &'static str,
    holder: String,
    course: String,
    issuer: String,
    issued: String,
    document: String,
    certificate_id: Option<String>,
}

pub(super) fn field(document: &Value, path: &[&str]) -> String {
    let mut at = document;
    for p in path {
        match at.get(p) {
            Some(v) => at = v,
            None => return String::new(),
        }
    }
    at.as_str().unwrap_or_default().to_owned()
}

pub(super) fn verdict(v: &Verification) -> &'static str {
    match (v.valid, v.revoked) {
        (true, false) => "valid",
        (true, true) => "revoked",
        _ => "invalid",
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn verify_view(
    state: &AppState,
    tr: Tr,
    uri: &Uri,
    visitor: &Visitor,
    document: &Value,
    text: String,
    result: &Verification,
    certificate_id: Option<String>,
) -> VerifyPage {
    VerifyPage {
        chrome: Chrome::new(state, &tr, uri, "skills", visitor),
        verdict: verdict(result),
        holder: field(document, &["credentialSubject", "name"]),
        course: field(document, &["credentialSubject", "completed", "course"]),
        issuer: field(document, &["issuer", "name"]),
        issued: tr.digits(
            &field(document, &["validFrom"])
                .chars()
                .take(10)
                .collect::<String>(),
        ),
        document: text,
        certificate_id,
        tr,
    }
}

/// The public verification page of a certificate.
pub(super) async fn verify_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "certificate_not_found")?;
    let c = courses::certificate(&state.db, &id).await?;
    let result = check(&state, &c.document).await?;
    let text = serde_json::to_string_pretty(&c.document).unwrap_or_default();
    let page = verify_view(
        &state,
        tr,
        &uri,
        &visitor,
        &c.document,
        text,
        &result,
        Some(c.id),
    );
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct PastedForm {
    #[serde(default)]
    document: String,
}

/// Verifies a pasted document (a holder's copy, perhaps changed).
pub(super) async fn verify_pasted(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    CsrfForm(form, visitor): CsrfForm<PastedForm>,
) -> Result<Response, ApiError> {
    let document: Value = serde_json::from_str(&form.document).unwrap_or(Value::Null);
    let result = match &document {
        Value::Object(_) => check(&state, &document).await?,
        _ => Verification {
            valid: false,
            revoked: false,
            problem: Some("not JSON".into()),
        },
    };
    let page = verify_view(
        &state,
        tr,
        &uri,
        &visitor,
        &document,
        form.document.clone(),
        &result,
        None,
    );
    Ok(render_own(StatusCode::OK, &page))
}
