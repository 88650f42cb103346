//! The administrator's page of organisations waiting to be verified, and its decisions.

use super::*;

#[derive(Template)]
#[template(path = "skills_admin.html")]
pub(super) struct AdminPage {
    tr: Tr,
    chrome: Chrome,
    pending: Vec<OrgRow>,
    providers: Vec<OrgRow>,
    reports: Vec<(Report, String)>,
    admin: bool,
}

/// Organisations to verify and reported vacancies to decide.
pub(super) async fn admin(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let pending = if actor.has(Role::Admin) {
        employers::pending(&state.db, &actor).await?
    } else {
        Vec::new()
    };
    let reports = reports::queue(&state.db, &actor).await?;
    let providers = if actor.has(Role::Admin) {
        employers::verified_of_kind(&state.db, "training_provider").await?
    } else {
        Vec::new()
    };
    let page = AdminPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills-admin", &member.1),
        admin: actor.has(Role::Admin),
        pending: org_rows(&tr, pending),
        providers: org_rows(&tr, providers),
        reports: reports
            .into_iter()
            .map(|r| {
                let reason = tr.t(&format!("skills-reason-{}", r.reason));
                (r, reason)
            })
            .collect(),
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

pub(super) async fn verify(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "organization_not_found")?;
    employers::verify(&state.db, &actor_of(&member)?, &id).await?;
    Ok(see("/skills/admin".into()))
}

pub(super) async fn decide(
    State(state): State<AppState>,
    member: Member,
    ids: Result<Path<(String, String)>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let Ok(Path((id, outcome))) = ids else {
        return Err(ApiError::not_found("report_not_found"));
    };
    reports::decide(&state.db, &state.i18n, &actor_of(&member)?, &id, &outcome).await?;
    Ok(see("/skills/admin".into()))
}
