use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::{parse_number, RegionId};
use shetu_store::regions::{self, RegionRow};
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::{ApiQuery, Locale};
use shetu_web::AppState;
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

/// Which regions to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionQuery {
    /// The region whose direct sub-regions to list; omit for the country's top level.
    #[param(example = "bd.division.3", pattern = "^[a-z0-9._-]{0,64}$")]
    parent: Option<String>,
    /// The `next` cursor of the previous page.
    #[param(pattern = "^[0-9০-৯٠-٩]{0,15}$")]
    after: Option<String>,
    /// Page size, 1 to 500 (default 100). Bangla and Arabic-Indic digits are accepted.
    #[param(pattern = "^([1-9১-৯١-٩][0-9০-৯٠-٩]?|[1-4১-৪١-٤][0-9০-৯٠-٩]{2}|[5৫٥][0০٠]{2})?$")]
    limit: Option<String>,
}

/// A region, named in the request's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionDto {
    /// Stable id: pack, level and source id.
    #[schema(example = "bd.district.47")]
    id: String,
    /// The region it lies in.
    parent: Option<String>,
    /// Level, as the country names it (`division`, `district`, `upazila`, `union`, `governorate`).
    level: String,
    /// Name in the request's language (or the country's default).
    name: String,
    /// Name in every language the data gives, by language code.
    names: BTreeMap<String, String>,
    /// ISO 3166-2 code, where the region has one.
    iso_code: Option<String>,
    /// How many regions lie directly inside.
    children: i64,
}

/// A page of regions.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionList {
    /// The regions, in the country's official order.
    items: Vec<RegionDto>,
    /// Cursor for the next page (`after`), absent on the last page.
    next: Option<String>,
}

fn dto(row: RegionRow, lang: &str, fallback: &str) -> RegionDto {
    RegionDto {
        name: row.region.name.get(lang, fallback).to_owned(),
        names: row
            .region
            .name
            .iter()
            .map(|(l, t)| (l.to_owned(), t.to_owned()))
            .collect(),
        id: row.region.id.to_string(),
        parent: row.region.parent.map(|p| p.to_string()),
        level: row.region.level,
        iso_code: row.region.iso_code,
        children: row.children,
    }
}

/// List regions: the top level, or the regions directly inside `parent`.
#[utoipa::path(
    get, path = "/api/v1/regions", tag = "regions", params(RegionQuery),
    responses(
        (status = 200, description = "A page of regions", body = RegionList),
        (status = 400, description = "Unreadable query or cursor", body = ErrorBody),
        (status = 404, description = "No such parent region", body = ErrorBody),
        (status = 422, description = "A parameter is out of range", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Locale(tr): Locale,
    ApiQuery(query): ApiQuery<RegionQuery>,
) -> Result<Json<RegionList>, ApiError> {
    let limit = match query.limit.as_deref() {
        None => 100,
        Some(text) => parse_number::<i64>(text).ok_or_else(|| {
            ApiError::bad_request("invalid_query").detail("limit is not a whole number")
        })?,
    };
    if !(1..=500).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            FieldProblem::new("out_of_range")
                .arg("min", 1)
                .arg("max", 500),
        ));
    }
    let after = match query.after.as_deref() {
        None => None,
        Some(text) => Some(
            parse_number::<i64>(text)
                .filter(|n| *n >= 0)
                .ok_or_else(|| ApiError::bad_request("invalid_cursor"))?,
        ),
    };
    let parent = match query.parent.as_deref().filter(|p| !p.is_empty()) {
        None => None,
        Some(text) => {
            let id = RegionId::parse(text)
                .map_err(|_| ApiError::field("parent", FieldProblem::new("invalid_region")))?;
            if regions::get(&state.db, &id).await?.is_none() {
                return Err(ApiError::not_found("region_not_found"));
            }
            Some(id)
        }
    };
    let page =
        regions::children(&state.db, &state.pack.code, parent.as_ref(), after, limit).await?;
    let fallback = state.pack.default_language.code();
    Ok(Json(RegionList {
        items: page
            .items
            .into_iter()
            .map(|r| dto(r, tr.code(), fallback))
            .collect(),
        next: page.next.map(|n| n.to_string()),
    }))
}

/// One region by id.
#[utoipa::path(
    get, path = "/api/v1/regions/{id}", tag = "regions",
    params(("id" = String, Path, description = "Region id", example = "bd.division.3")),
    responses(
        (status = 200, description = "The region", body = RegionDto),
        (status = 404, description = "No such region", body = ErrorBody),
    )
)]
pub async fn get_one(
    State(state): State<AppState>,
    Locale(tr): Locale,
    id: Result<Path<String>, PathRejection>,
) -> Result<Json<RegionDto>, ApiError> {
    let id = id
        .ok()
        .and_then(|Path(id)| RegionId::parse(&id).ok())
        .ok_or_else(|| ApiError::not_found("region_not_found"))?;
    let row = regions::get(&state.db, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("region_not_found"))?;
    Ok(Json(dto(
        row,
        tr.code(),
        state.pack.default_language.code(),
    )))
}
