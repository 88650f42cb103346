//! The profile's lists, one form each: add and remove a skill, a job held, an occupation sought
//! and a region where the person would work.

use super::*;

/// The form error for a name that was not taken, keeping what is offered for `input`.
pub(super) fn unresolved(
    forms: &mut Forms,
    input: &'static str,
    field: &str,
    why: Unresolved,
) -> ApiError {
    let (code, offered) = why;
    forms.candidates.insert(input, offered);
    ApiError::field(field, shetu_web::error::FieldProblem::new(code))
}

pub(super) async fn add_skill(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<SkillForm>,
) -> Result<Response, ApiError> {
    let finder = shared.get(&state.db).await?;
    let mut forms = Forms::default();
    let change = match resolve(&finder, Kind::Skill, &form.skill_id, &form.skill, tr.code()) {
        Ok(skill_id) => Ok(Change::AddSkill(SkillEntry {
            skill_id,
            level: form.level.clone(),
        })),
        Err(why) => Err(unresolved(&mut forms, "skill", "skills.0.skill_id", why)),
    };
    forms.skill = form;
    apply(
        &state, &shared, tr, &uri, &member, change, forms, "skill", "skills",
    )
    .await
}

pub(super) async fn remove_skill(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<i64>, PathRejection>,
    CsrfForm(_, _): CsrfForm<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::not_found("skill_not_found"))?;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Ok(Change::RemoveSkill(id)),
        Forms::default(),
        "skill",
        "skills",
    )
    .await
}

pub(super) fn year(field: &str, text: &str, required: bool) -> Result<Option<i64>, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(ApiError::field(
                field,
                shetu_web::error::FieldProblem::new("required"),
            ))
        } else {
            Ok(None)
        };
    }
    shetu_core::parse_number::<i64>(text)
        .map(Some)
        .ok_or_else(|| {
            ApiError::field(
                field,
                shetu_web::error::FieldProblem::new("out_of_range")
                    .arg("min", 1950)
                    .arg("max", this_year()),
            )
        })
}

pub(super) async fn add_work(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<WorkForm>,
) -> Result<Response, ApiError> {
    let finder = shared.get(&state.db).await?;
    let mut forms = Forms::default();
    let occupation = if form.occupation.trim().is_empty() && form.occupation_id.trim().is_empty() {
        Ok(None)
    } else {
        resolve(
            &finder,
            Kind::Occupation,
            &form.occupation_id,
            &form.occupation,
            tr.code(),
        )
        .map(Some)
        .map_err(|why| unresolved(&mut forms, "occupation", "work.0.occupation_id", why))
    };
    let change = (|| {
        Ok(Change::AddWork(WorkEntry {
            occupation_id: occupation?,
            title: form.work_title.clone(),
            kind: form.work_kind.clone(),
            place: form.work_place.clone(),
            start_year: year("work.0.start_year", &form.work_start, true)?.unwrap_or(0),
            end_year: year("work.0.end_year", &form.work_end, false)?,
            description: form.work_description.clone(),
        }))
    })();
    forms.work = form;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        change,
        forms,
        "work_title",
        "work",
    )
    .await
}

pub(super) async fn remove_work(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    index: Result<Path<usize>, PathRejection>,
    CsrfForm(_, _): CsrfForm<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Path(index) = index.map_err(|_| ApiError::not_found("profile_not_found"))?;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Ok(Change::RemoveWork(index)),
        Forms::default(),
        "work_title",
        "work",
    )
    .await
}

pub(super) async fn add_occupation(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<OccupationForm>,
) -> Result<Response, ApiError> {
    let finder = shared.get(&state.db).await?;
    let mut forms = Forms::default();
    let change = match resolve(
        &finder,
        Kind::Occupation,
        &form.wanted_id,
        &form.wanted,
        tr.code(),
    ) {
        Ok(id) => Ok(Change::AddOccupation(id)),
        Err(why) => Err(unresolved(&mut forms, "wanted", "occupations.0", why)),
    };
    forms.wanted = form;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        change,
        forms,
        "wanted",
        "jobs-wanted",
    )
    .await
}

pub(super) async fn remove_occupation(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<i64>, PathRejection>,
    CsrfForm(_, _): CsrfForm<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::not_found("occupation_not_found"))?;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Ok(Change::RemoveOccupation(id)),
        Forms::default(),
        "wanted",
        "jobs-wanted",
    )
    .await
}

pub(super) async fn add_region(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    CsrfForm(form, _): CsrfForm<RegionForm>,
) -> Result<Response, ApiError> {
    let change = if form.region.trim().is_empty() {
        Err(ApiError::field(
            "regions.0",
            shetu_web::error::FieldProblem::new("required"),
        ))
    } else {
        Ok(Change::AddRegion(form.region.clone()))
    };
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        change,
        Forms::default(),
        "region",
        "jobs-wanted",
    )
    .await
}

pub(super) async fn remove_region(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Path(id) = id.map_err(|_| ApiError::not_found("region_not_found"))?;
    apply(
        &state,
        &shared,
        tr,
        &uri,
        &member,
        Ok(Change::RemoveRegion(id)),
        Forms::default(),
        "region",
        "jobs-wanted",
    )
    .await
}
