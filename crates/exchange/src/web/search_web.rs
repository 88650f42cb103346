//! Searching solutions and needs, in the API and on a page without JavaScript: words in bn, en
//! or ar, narrowed by kind, country, focus area, SDG target or goal, and maturity, with counts.

use super::country;
use crate::matches::Count;
use crate::search::ROOT;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use shetu_search::{SearchRequest, SearchResponse};
use shetu_web::auth::Visitor;
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiQuery, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render, Chrome};
use shetu_web::AppState;
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const PER_PAGE: usize = 20;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(super::api::ExchangeDoc::openapi()).routes(routes!(search_api))
}

pub(super) fn pages() -> Router<AppState> {
    Router::new().route("/exchange/search", get(page))
}

/// What to look for.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words, in Bangla, English or Arabic.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `solution` or `need`.
    kind: Option<String>,
    /// The member's country (ISO 3166-1 alpha-2).
    country: Option<String>,
    /// Focus area.
    focus: Option<String>,
    /// SDG target (`16.6`) or goal (`16`).
    sdg: Option<String>,
    /// Maturity (solutions).
    maturity: Option<String>,
}

/// A solution or need found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchHitView {
    /// `solution` or `need`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// Results with counts to narrow them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Results {
    /// How many match.
    pub total: usize,
    /// The first page.
    pub items: Vec<SearchHitView>,
    /// By kind.
    pub kinds: Vec<Count>,
    /// By the member's country.
    pub countries: Vec<Count>,
    /// By focus area.
    pub focus: Vec<Count>,
    /// By SDG goal.
    pub goals: Vec<Count>,
    /// By maturity.
    pub maturity: Vec<Count>,
}

fn some(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// The request, checked: an unknown value is a 422 naming its field.
fn request(q: &SearchQuery) -> Result<SearchRequest, crate::ExchangeError> {
    use crate::vocabulary::{code, FOCUS_AREAS, MATURITY};
    let mut category = vec![ROOT.to_owned()];
    if let Some(k) = some(&q.kind) {
        category.push(code("kind", &k, &["solution", "need"])?);
    }
    let mut region = Vec::new();
    if let Some(c) = some(&q.country) {
        let c = c.to_ascii_uppercase();
        if crate::countries::get(&c).is_none() {
            return Err(crate::ExchangeError::Invalid(
                "country".into(),
                "unknown_country",
            ));
        }
        region.push(c);
    }
    let mut flags = Vec::new();
    if let Some(f) = some(&q.focus) {
        flags.push(format!("focus:{}", code("focus", &f, &FOCUS_AREAS)?));
    }
    if let Some(m) = some(&q.maturity) {
        flags.push(format!("maturity:{}", code("maturity", &m, &MATURITY)?));
    }
    if let Some(t) = some(&q.sdg) {
        let goal = t.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g)) && !t.starts_with('0');
        if goal {
            flags.push(format!("goal:{t}"));
        } else if crate::vocabulary::is_sdg_target(&t) {
            flags.push(format!("sdg:{t}"));
        } else {
            return Err(crate::ExchangeError::Invalid(
                "sdg".into(),
                "unknown_sdg_target",
            ));
        }
    }
    let text = some(&q.q).unwrap_or_default();
    if text.chars().count() > 200 {
        return Err(crate::ExchangeError::TooLong {
            field: "q".into(),
            max: 200,
        });
    }
    Ok(SearchRequest {
        text,
        category,
        region,
        flags,
        limit: PER_PAGE,
        facets: true,
        ..SearchRequest::default()
    })
}

async fn run(state: &AppState, q: &SearchQuery) -> Result<Results, ApiError> {
    let request = request(q)?;
    let Some(index) = state.search.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service_unavailable",
        ));
    };
    let found: SearchResponse = tokio::task::spawn_blocking(move || index.0.search(&request))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal_error"))?
        .map_err(|e| {
            tracing::error!(error = %e, "exchange search failed");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "service_unavailable")
        })?;
    let flagged = |prefix: &str| -> Vec<Count> {
        found
            .flags
            .iter()
            .filter_map(|f| {
                f.value.strip_prefix(prefix).map(|v| Count {
                    key: v.to_owned(),
                    count: i64::try_from(f.count).unwrap_or(i64::MAX),
                })
            })
            .collect()
    };
    let counts = |v: &[shetu_search::FacetCount]| -> Vec<Count> {
        v.iter()
            .map(|c| Count {
                key: c.value.clone(),
                count: i64::try_from(c.count).unwrap_or(i64::MAX),
            })
            .collect()
    };
    Ok(Results {
        total: found.total,
        items: found
            .hits
            .iter()
            .filter_map(|h| {
                let (kind, id) = h.id.split_once(':')?;
                Some(SearchHitView {
                    kind: kind.to_owned(),
                    id: id.to_owned(),
                    title: h.title.clone(),
                })
            })
            .collect(),
        kinds: counts(&found.categories),
        countries: counts(&found.regions),
        focus: flagged("focus:"),
        goals: flagged("goal:"),
        maturity: flagged("maturity:"),
    })
}

/// Search published solutions and open needs (Bangla, English or Arabic), narrowed by kind,
/// country, focus area, SDG target or goal and maturity, with counts for each.
#[utoipa::path(get, path = "/api/v1/exchange/search", tag = "exchange", params(SearchQuery),
    responses((status = 200, body = Results), (status = 422, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn search_api(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<Results>, ApiError> {
    Ok(Json(run(&state, &q).await?))
}

/// A facet value as a link on the page.
struct Narrow {
    label: String,
    count: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "exchange_search.html")]
struct SearchPage {
    tr: Tr,
    chrome: Chrome,
    q: String,
    total: String,
    items: Vec<(String, SearchHitView)>,
    groups: Vec<(String, Vec<Narrow>)>,
}

async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    visitor: Visitor,
    Query(q): Query<SearchQuery>,
) -> Result<Response, ApiError> {
    let results = run(&state, &q).await?;
    let link = |field: &str, value: &str| -> String {
        let mut pairs: Vec<(&str, String)> = vec![
            ("q", some(&q.q).unwrap_or_default()),
            ("kind", some(&q.kind).unwrap_or_default()),
            ("country", some(&q.country).unwrap_or_default()),
            ("focus", some(&q.focus).unwrap_or_default()),
            ("sdg", some(&q.sdg).unwrap_or_default()),
            ("maturity", some(&q.maturity).unwrap_or_default()),
        ];
        for p in &mut pairs {
            if p.0 == field {
                p.1 = value.to_owned();
            }
        }
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
            query.append_pair(k, v);
        }
        format!("/exchange/search?{}", query.finish())
    };
    let n = |v: i64| tr.digits(&v.to_string());
    let chosen = |field: &str| match field {
        "kind" => some(&q.kind),
        "country" => some(&q.country).map(|c| c.to_ascii_uppercase()),
        "focus" => some(&q.focus),
        "sdg" => some(&q.sdg),
        _ => some(&q.maturity),
    };
    let group = |field: &str, counts: &[Count], label: &dyn Fn(&str) -> String| -> Vec<Narrow> {
        counts
            .iter()
            .map(|c| Narrow {
                label: label(&c.key),
                count: n(c.count),
                href: link(field, &c.key),
                current: chosen(field).as_deref() == Some(c.key.as_str()),
            })
            .collect()
    };
    let groups = vec![
        (
            tr.t("exchange-search-kind"),
            group("kind", &results.kinds, &|k| {
                tr.t(&format!("exchange-kind-of-{k}"))
            }),
        ),
        (
            tr.t("exchange-country"),
            group("country", &results.countries, &|c| country(&tr, c)),
        ),
        (
            tr.t("exchange-focus"),
            group("focus", &results.focus, &|f| {
                tr.t(&format!("exchange-focus-{f}"))
            }),
        ),
        (
            tr.t("exchange-sdg-goal"),
            group("sdg", &results.goals, &|g| {
                tr.t1("exchange-goal", "goal", &tr.digits(g))
            }),
        ),
        (
            tr.t("exchange-maturity"),
            group("maturity", &results.maturity, &|m| {
                tr.t(&format!("exchange-maturity-{m}"))
            }),
        ),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect();
    let view = SearchPage {
        chrome: Chrome::new(&state, &tr, &uri, "exchange", &visitor),
        q: some(&q.q).unwrap_or_default(),
        total: tr.count(
            "exchange-search-found",
            i64::try_from(results.total).unwrap_or(i64::MAX),
        ),
        items: results
            .items
            .into_iter()
            .map(|f| (tr.t(&format!("exchange-kind-of-{}", f.kind)), f))
            .collect(),
        groups,
        tr,
    };
    Ok(render(StatusCode::OK, &view))
}
