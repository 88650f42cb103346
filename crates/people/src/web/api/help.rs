//! Where to get help: the digital centres near a place, as anyone may see them.

use crate::orgs::{self, PublicPoint};
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use shetu_core::RegionId;
use shetu_web::error::{ApiError, ErrorBody, FieldProblem};
use shetu_web::extract::ApiQuery;
use shetu_web::AppState;
use utoipa::{IntoParams, ToSchema};

/// Which place.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HelpQuery {
    /// A region id, e.g. `bd.union.5`.
    #[param(required = true, value_type = String, example = "bd.union.5", pattern = "^[a-z0-9._-]{1,64}$")]
    pub region: Option<String>,
}

/// A digital centre, as anyone may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicPointDto {
    /// Its name.
    pub name: String,
    /// Kind, e.g. `union_digital_centre`.
    pub kind: String,
    /// The region it is in.
    pub region: String,
    /// When it is open.
    pub opening_hours: Option<String>,
    /// A number to call (E.164).
    pub phone: Option<String>,
    /// The names of its agents.
    pub agents: Vec<String>,
}

/// The centres for a place.
#[derive(Debug, Serialize, ToSchema)]
pub struct HelpDto {
    /// The region whose centres these are: the one asked about, or the nearest above it with any.
    pub region: String,
    /// Whether they are in the region asked about.
    pub here: bool,
    /// The centres.
    pub service_points: Vec<PublicPointDto>,
}

fn dto(p: PublicPoint) -> PublicPointDto {
    PublicPointDto {
        name: p.name,
        kind: p.kind,
        region: p.region,
        opening_hours: p.opening_hours,
        phone: p.phone,
        agents: p.agents,
    }
}

/// The digital centres where people of a region get help (public: no ids of the people there).
#[utoipa::path(
    get, path = "/api/v1/service-points", tag = "people", params(HelpQuery),
    responses(
        (status = 200, body = HelpDto),
        (status = 404, description = "No such region (`region_not_found`)", body = ErrorBody),
        (status = 422, description = "`region` missing or not a region id", body = ErrorBody)
    )
)]
pub async fn near(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<HelpQuery>,
) -> Result<Json<HelpDto>, ApiError> {
    let text = q.region.unwrap_or_default();
    if text.trim().is_empty() {
        return Err(ApiError::field("region", FieldProblem::new("required")));
    }
    let region = RegionId::parse(text.trim())
        .map_err(|_| ApiError::field("region", FieldProblem::new("invalid_region")))?;
    if state.pack.region(&region).is_none() {
        return Err(ApiError::not_found("region_not_found"));
    }
    let help = orgs::help_near(&state.db, state.pack, &region).await?;
    Ok(Json(match help {
        Some(h) => HelpDto {
            region: h.region.to_string(),
            here: h.here,
            service_points: h.points.into_iter().map(dto).collect(),
        },
        None => HelpDto {
            region: region.to_string(),
            here: true,
            service_points: Vec::new(),
        },
    }))
}
