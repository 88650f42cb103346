//! The printable CV and the suggestions the profile's search boxes ask for.

use super::*;

#[derive(Template)]
#[template(path = "skills_cv.html")]
pub(super) struct CvPage {
    tr: Tr,
    chrome: Chrome,
    name: String,
    phone: String,
    profile: ProfileView,
    level_names: HashMap<String, String>,
    kind_names: HashMap<String, String>,
}

impl CvPage {
    fn level_name(&self, level: &str) -> String {
        self.level_names
            .get(level)
            .cloned()
            .unwrap_or_else(|| level.to_owned())
    }

    fn kind_name(&self, kind: &str) -> String {
        self.kind_names
            .get(kind)
            .cloned()
            .unwrap_or_else(|| kind.to_owned())
    }
}

/// The printable CV, in the reader's language.
pub(super) async fn cv(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
) -> Result<Response, ApiError> {
    let actor = actor_of(&member)?;
    let (person, p) = profiles::mine(&state.db, &actor).await?;
    let (name, phone): (String, String) =
        sqlx::query_as("SELECT name, phone FROM person WHERE id = $1")
            .bind(person)
            .fetch_one(state.db.pool())
            .await
            .map_err(shetu_store::StoreError::from)?;
    let finder = shared.get(&state.db).await?;
    let profile = view::profile(&finder, state.pack, &person.to_string(), &p, tr.code());
    let page = CvPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills", &member.1),
        name,
        phone,
        profile,
        level_names: keyed(&tr, "skills-level-", &LEVELS)
            .into_iter()
            .map(|c| (c.value, c.label))
            .collect(),
        kind_names: keyed(&tr, "skills-work-", &WORK_KINDS)
            .into_iter()
            .map(|c| (c.value, c.label))
            .collect(),
        tr,
    };
    Ok(render_own(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(
    source = "{% for s in found %}<option value=\"{{ s.label }}\"></option>{% endfor %}",
    ext = "html"
)]
pub(super) struct Suggestions {
    found: Vec<crate::finder::Found>,
}

/// `<option>`s for a `<datalist>`: names of occupations or skills that match what is typed in
/// the input named `kind` (`skill`, `occupation` or `wanted`).
pub(super) async fn suggest(
    State(state): State<AppState>,
    Extension(shared): Extension<Arc<Shared>>,
    Locale(tr): Locale,
    kind: Result<Path<String>, PathRejection>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let Path(kind) = kind.map_err(|_| ApiError::not_found("not_found"))?;
    let taxon = match kind.as_str() {
        "skill" => Kind::Skill,
        "occupation" | "wanted" => Kind::Occupation,
        _ => return Err(ApiError::not_found("not_found")),
    };
    let typed: String = query
        .get(&kind)
        .map(|q| q.chars().take(100).collect())
        .unwrap_or_default();
    let finder = shared.get(&state.db).await?;
    let page = Suggestions {
        found: finder.find(&typed, Some(taxon), tr.code(), 8),
    };
    Ok(render_own(StatusCode::OK, &page))
}
