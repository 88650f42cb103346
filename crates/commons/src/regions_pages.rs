use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use shetu_core::RegionId;
use shetu_store::regions::{self, RegionRow};
use shetu_web::auth::Visitor;
use shetu_web::error::ApiError;
use shetu_web::extract::Locale;
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, Chrome};
use shetu_web::AppState;

pub struct Crumb {
    pub name: String,
    pub href: String,
}

pub struct Child {
    pub name: String,
    pub href: String,
    pub level_label: String,
    pub inside: Option<String>,
}

pub struct Facts {
    pub level_label: String,
    pub name: String,
    pub iso_code: Option<String>,
}

#[derive(Template)]
#[template(path = "regions.html")]
struct RegionsPage {
    tr: Tr,
    chrome: Chrome,
    heading: String,
    crumbs: Vec<Crumb>,
    facts: Option<Facts>,
    children: Vec<Child>,
    /// HTML fragments the enabled modules add (rendered and escaped by their own templates).
    sections: Vec<String>,
}

fn name_of(row: &RegionRow, tr: &Tr, _state: &AppState) -> String {
    row.region.name.get(tr.code(), "en").to_owned()
}

fn href(id: &RegionId) -> String {
    format!("/regions/{id}")
}

/// Every region of the level, sorted by its name in the reader's language.
async fn children_of(
    state: &AppState,
    tr: &Tr,
    parent: Option<&RegionId>,
) -> Result<Vec<Child>, ApiError> {
    let page = regions::children(&state.db, &state.pack.code, parent, None, 1000).await?;
    let mut children: Vec<Child> = page
        .items
        .iter()
        .map(|row| Child {
            name: name_of(row, tr, state),
            href: href(&row.region.id),
            level_label: tr.t(&format!("region-level-{}", row.region.level)),
            inside: (row.children > 0).then(|| tr.count("regions-inside", row.children)),
        })
        .collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(children)
}

/// The country's top-level regions.
pub async fn top(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
) -> Result<Response, ApiError> {
    let children = children_of(&state, &tr, None).await?;
    let chrome = Chrome::new(&state, &tr, &uri, "regions", &visitor);
    let heading = tr.t1("regions-title", "country", &chrome.country);
    Ok(render(
        StatusCode::OK,
        &RegionsPage {
            tr,
            chrome,
            heading,
            crumbs: Vec::new(),
            facts: None,
            children,
            sections: Vec::new(),
        },
    ))
}

/// One region: where it lies, what it is, and the regions inside it.
pub async fn show(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    id: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::not_found("region_not_found");
    let id = id
        .ok()
        .and_then(|Path(id)| RegionId::parse(&id).ok())
        .ok_or_else(not_found)?;
    let chain = regions::ancestry(&state.db, &id).await?;
    let this = chain.last().ok_or_else(not_found)?;
    let children = children_of(&state, &tr, Some(&id)).await?;
    let crumbs = chain
        .iter()
        .map(|row| Crumb {
            name: name_of(row, &tr, &state),
            href: href(&row.region.id),
        })
        .collect();
    let facts = Facts {
        level_label: tr.t(&format!("region-level-{}", this.region.level)),
        name: name_of(this, &tr, &state),
        iso_code: this.region.iso_code.clone(),
    };
    let heading = facts.name.clone();
    // What the enabled modules add about this place (e.g. where to get help here).
    let mut sections = Vec::new();
    for section in &state.catalog.region_sections {
        if let Some(html) = section.render(&state, &tr, &id).await? {
            sections.push(html);
        }
    }
    let chrome = Chrome::new(&state, &tr, &uri, "regions", &visitor);
    Ok(render(
        StatusCode::OK,
        &RegionsPage {
            tr,
            chrome,
            heading,
            crumbs,
            facts: Some(facts),
            children,
            sections,
        },
    ))
}
