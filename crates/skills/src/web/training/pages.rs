//! Training pages: a certificate, the skill gap for an occupation, enrolling, a person's training
//! and a provider's enrolments.

use super::*;

#[derive(Template)]
#[template(path = "skills_certificate.html")]
pub(super) struct CertificatePage {
    tr: Tr,
    chrome: Chrome,
    holder: String,
    course: String,
    issuer: String,
    issued: String,
    skills: Vec<String>,
    verify_url: String,
    qr: String,
}

/// The printable certificate (its holder, or their agent), with a QR code to the public check.
pub(super) async fn certificate_page(
    State(state): State<AppState>,
    Extension(issuing): Extension<Arc<Issuing>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "certificate_not_found")?;
    let actor = actor_of(&member)?;
    let c = courses::certificate(&state.db, &id).await?;
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(shetu_store::StoreError::from)?;
    let person = shetu_people::mandates::subject_for(
        &mut conn,
        &actor,
        crate::SKILLS_PROFILE,
        shetu_store::now_ms(),
    )
    .await?;
    drop(conn);
    if person.to_string() != c.person_id {
        return Err(ApiError::not_found("certificate_not_found"));
    }
    let verify_url = format!("{}/verify/{}", issuing.public_url, c.id);
    let qr = qrcode::QrCode::new(verify_url.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color<'_>>()
                .min_dimensions(160, 160)
                .quiet_zone(true)
                .build()
        })
        .unwrap_or_default();
    // The SVG as an image, so the page's markup stays ours (and its CSP strict).
    use base64::Engine;
    let qr = format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(qr)
    );
    let doc = &c.document;
    let page = CertificatePage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        holder: field(doc, &["credentialSubject", "name"]),
        course: field(doc, &["credentialSubject", "completed", "course"]),
        issuer: field(doc, &["issuer", "name"]),
        issued: tr.digits(
            &field(doc, &["validFrom"])
                .chars()
                .take(10)
                .collect::<String>(),
        ),
        skills: doc
            .pointer("/credentialSubject/completed/skills")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.get("name").and_then(Value::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        verify_url,
        qr,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "skills_gap.html")]
pub(super) struct GapPage {
    tr: Tr,
    chrome: Chrome,
    gap: Option<Gap>,
    wanted: Vec<Taxon>,
    fees: HashMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct GapPageQuery {
    #[serde(default)]
    occupation: Option<String>,
}

/// The skill gap page: pick a wanted occupation; see what is missing and where to learn it.
pub(super) async fn gap_page(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    axum::extract::Query(q): axum::extract::Query<GapPageQuery>,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let (_, profile) = profiles::mine(&state.db, &actor).await?;
    let finder = shared.get(&state.db).await?;
    let wanted: Vec<Taxon> = profile
        .occupations
        .iter()
        .map(|o| view::taxon(&finder, Kind::Occupation, *o, tr.code()))
        .collect();
    let chosen = q
        .occupation
        .as_deref()
        .and_then(|o| o.parse::<i64>().ok())
        .or_else(|| profile.occupations.first().copied());
    let gap = match chosen {
        Some(o) => Some(gap_of(&state, &shared, &tr, &actor, o).await?),
        None => None,
    };
    let fees = gap
        .iter()
        .flat_map(|g| &g.courses)
        .map(|o| {
            let fee = if o.offer.course.fee == 0 {
                tr.t("skills-free")
            } else {
                shetu_core::Money::from_minor(o.offer.course.fee, state.pack.currency)
                    .format(&state.pack.money_format, tr.code())
            };
            (o.offer.course.id.clone(), fee)
        })
        .collect();
    let page = GapPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        gap,
        wanted,
        fees,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Nothing {}

pub(super) async fn enrol_page(
    State(state): State<AppState>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "batch_not_found")?;
    let actor = actor_of(&member)?;
    courses::enrol(&state.db, state.pack, &actor, &id).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(header::LOCATION, "/skills/training".to_owned())],
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "skills_training.html")]
pub(super) struct TrainingPage {
    tr: Tr,
    chrome: Chrome,
    enrolments: Vec<Enrolment>,
}

impl TrainingPage {
    fn state_name(&self, state: &str) -> String {
        state_name(&self.tr, state)
    }
}

pub(super) fn state_name(tr: &Tr, state: &str) -> String {
    courses::ENROLMENT_STATES
        .iter()
        .find(|s| **s == state)
        .map_or_else(
            || state.to_owned(),
            |s| tr.t(&format!("skills-enrolment-{s}")),
        )
}

/// The person's enrolments and certificates.
pub(super) async fn training_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let page = TrainingPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        enrolments: courses::enrolments_of(&state.db, &actor).await?,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "skills_provider.html")]
pub(super) struct ProviderPage {
    tr: Tr,
    chrome: Chrome,
    name: String,
    enrolments: Vec<Enrolment>,
}

impl ProviderPage {
    fn state_name(&self, state: &str) -> String {
        state_name(&self.tr, state)
    }
}

/// A provider's enrolments, to mark completion.
pub(super) async fn provider_page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    org: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let org = id_of(org, "organization_not_found")?;
    let actor = actor_of(&member)?;
    let found = crate::employers::get(&state.db, &org).await?;
    let page = ProviderPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills-employer", &member.1),
        enrolments: courses::enrolments_for(&state.db, &actor, &org).await?,
        name: found.name,
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

pub(super) async fn complete_page(
    State(state): State<AppState>,
    Extension(issuing): Extension<Arc<Issuing>>,
    member: Member,
    id: Result<Path<String>, PathRejection>,
    CsrfForm(_, _): CsrfForm<Nothing>,
) -> Result<Response, ApiError> {
    let id = id_of(id, "enrolment_not_found")?;
    let actor = actor_of(&member)?;
    let done = courses::complete(&state.db, &issuing, &actor, &id).await?;
    let course = courses::get(&state.db, &done.course_id).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!("/skills/provider/{}", course.provider_id),
        )],
    )
        .into_response())
}
