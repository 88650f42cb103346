//! Supply against demand for planners: the figures page (`/skills/figures`, with a chart drawn
//! on the server as SVG), its exports (`/skills/figures.csv`, `/skills/figures/skills.csv`) and
//! `GET /api/v1/skills/figures`. Analysts and administrators only; small counts of people hidden.

use super::actor_of;
use super::api::SkillsDoc;
use super::pages::{district_choices, Choice};
use crate::figures::{
    Figures, FiguresView, Filter, SkillSupply, Snapshot, Supply, SupplyGap, NOT_STATED,
};
use crate::finder::{Kind, Shared};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use shetu_core::{Actor, Role};
use shetu_web::auth::{ApiCaller, Member};
use shetu_web::error::{ApiError, ErrorBody};
use shetu_web::extract::{ApiQuery, Locale};
use shetu_web::i18n::Tr;
use shetu_web::pages::{render_own, when, Chrome};
use shetu_web::AppState;
use std::sync::Arc;
use utoipa::{IntoParams, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub(super) fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(SkillsDoc::openapi()).routes(routes!(figures_api))
}

pub(super) fn pages() -> Router<AppState> {
    Router::new()
        .route("/skills/figures", get(page))
        .route("/skills/figures.csv", get(cells_csv))
        .route("/skills/figures.json", get(report_json))
        .route("/skills/figures/skills.csv", get(skills_csv))
}

/// Which part of the figures to show.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// A district id (all districts when absent or empty; `none` for seekers who gave none).
    #[serde(default)]
    pub district: Option<String>,
    /// An occupation group: an ISCO-08 major group (`7`), a local group (`I3`) or `none`
    /// (all groups when absent or empty).
    #[serde(default)]
    pub group: Option<String>,
}

/// The figures are for analysts and administrators: counts, never people.
fn may_read(actor: &Actor) -> Result<(), ApiError> {
    if actor.has(Role::Analyst) || actor.has(Role::Admin) {
        Ok(())
    } else {
        Err(ApiError::from_status(StatusCode::FORBIDDEN))
    }
}

async fn view(
    state: &AppState,
    figures: &Figures,
    query: &FiguresQuery,
) -> Result<(Arc<Snapshot>, Filter, FiguresView), ApiError> {
    let snapshot = figures.now(&state.db, state.pack).await?;
    let filter = snapshot.filter(query.district.as_deref(), query.group.as_deref())?;
    let report = snapshot.report(filter);
    Ok((snapshot, filter, report))
}

/// A page or export's start: the signed-in caller may read the figures; the view asked for.
async fn open(
    state: &AppState,
    member: &Member,
    figures: &Figures,
    query: &FiguresQuery,
) -> Result<(Arc<Snapshot>, Filter, FiguresView), ApiError> {
    may_read(&actor_of(member)?)?;
    view(state, figures, query).await
}

/// Registered job seekers against open vacancies, their openings and training seats still to
/// start — by occupation group and district, the biggest gaps, and the skills most asked for and
/// most held. Counts of seekers under 10 are `null`, and so are enough others that no hidden
/// count can be worked out from the totals; a gap is `null` where its seekers are. Analysts
/// and administrators only.
#[utoipa::path(get, path = "/api/v1/skills/figures", tag = "skills", params(FiguresQuery),
    security(("bearer" = [])),
    responses((status = 200, body = FiguresView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, description = "An unknown district or group", body = ErrorBody)))]
pub async fn figures_api(
    State(state): State<AppState>,
    ApiCaller(actor): ApiCaller,
    Extension(figures): Extension<Arc<Figures>>,
    ApiQuery(query): ApiQuery<FiguresQuery>,
) -> Result<Json<FiguresView>, ApiError> {
    may_read(&actor)?;
    Ok(Json(view(&state, &figures, &query).await?.2))
}

/// Names for the codes of a snapshot, in the reader's language.
struct Names<'a> {
    state: &'a AppState,
    tr: &'a Tr,
    snapshot: &'a Snapshot,
}

/// A name and the language it is in (English, marked, where the pack has none).
struct Label {
    text: String,
    lang: &'static str,
}

impl Names<'_> {
    fn district(&self, id: &str) -> Label {
        let text = match id {
            NOT_STATED => self.tr.t("skills-figures-not-stated"),
            "all" => self.tr.t("skills-figures-all-districts"),
            _ => crate::view::region(self.state.pack, id, self.tr.code()).label,
        };
        Label { text, lang: "" }
    }

    fn group(&self, code: &str) -> Label {
        match (code, self.snapshot.groups.iter().find(|g| g.code == code)) {
            (NOT_STATED, _) => Label {
                text: self.tr.t("skills-figures-not-stated"),
                lang: "",
            },
            ("all", _) | (_, None) => Label {
                text: self.tr.t("skills-figures-all-groups"),
                lang: "",
            },
            (_, Some(g)) => match (&g.label_bn, self.tr.code()) {
                (Some(bn), "bn") => Label {
                    text: bn.clone(),
                    lang: "",
                },
                _ if self.tr.code() == "en" => Label {
                    text: g.label_en.clone(),
                    lang: "",
                },
                _ => Label {
                    text: g.label_en.clone(),
                    lang: "en",
                },
            },
        }
    }

    fn skill(&self, finder: &crate::finder::Finder, id: i64) -> Label {
        match finder.get(Kind::Skill, id) {
            Some(e) => {
                let (text, lang) = e.label(self.tr.code());
                Label {
                    text: text.to_owned(),
                    lang: if lang == "en" && self.tr.code() != "en" {
                        "en"
                    } else {
                        ""
                    },
                }
            }
            None => Label {
                text: id.to_string(),
                lang: "",
            },
        }
    }
}

/// A line of a table on the page: a name and its numbers, written out.
struct Row {
    name: Label,
    seekers: String,
    vacancies: String,
    openings: String,
    seats: String,
    gap: String,
}

/// One occupation group's bars in the chart.
struct Bars {
    name: Label,
    y: u32,
    seekers: Option<(u32, String)>,
    openings: (u32, String),
    seats: (u32, String),
}

#[derive(Template)]
#[template(path = "skills_figures.html")]
struct FiguresPage {
    tr: Tr,
    chrome: Chrome,
    districts: Vec<Choice>,
    groups: Vec<Choice>,
    district: String,
    group: String,
    as_of: String,
    total: Row,
    by_group: Vec<Row>,
    by_district: Vec<Row>,
    bars: Vec<Bars>,
    height: u32,
    shortages: Vec<(Label, Label, Row)>,
    surpluses: Vec<(Label, Label, Row)>,
    skills_asked: Vec<Row>,
    skills_held: Vec<Row>,
    min_people: String,
}

fn written(tr: &Tr, n: Option<i64>) -> String {
    n.map_or_else(
        || tr.t("skills-figures-hidden"),
        |v| tr.digits(&v.to_string()),
    )
}

fn row(
    tr: &Tr,
    name: Label,
    seekers: Option<i64>,
    v: i64,
    o: i64,
    s: i64,
    gap: Option<i64>,
) -> Row {
    Row {
        name,
        seekers: written(tr, seekers),
        vacancies: written(tr, Some(v)),
        openings: written(tr, Some(o)),
        seats: written(tr, Some(s)),
        gap: gap.map_or_else(
            || tr.t("skills-figures-hidden"),
            |g| {
                let sign = if g > 0 { "+" } else { "" };
                tr.digits(&format!("{sign}{g}"))
            },
        ),
    }
}

fn line_row(tr: &Tr, name: Label, l: &Supply) -> Row {
    row(tr, name, l.seekers, l.vacancies, l.openings, l.seats, l.gap)
}

fn skill_row(tr: &Tr, name: Label, l: &SkillSupply) -> Row {
    row(tr, name, l.seekers, l.vacancies, l.openings, l.seats, l.gap)
}

fn gap_row(names: &Names, l: &SupplyGap) -> (Label, Label, Row) {
    (
        names.district(&l.district),
        names.group(&l.group),
        row(
            names.tr,
            Label {
                text: String::new(),
                lang: "",
            },
            Some(l.seekers),
            0,
            l.openings,
            l.seats,
            Some(l.gap),
        ),
    )
}

/// Grouped bars per occupation group: seekers, openings and seats, on one scale.
fn chart(names: &Names, lines: &[Supply]) -> (Vec<Bars>, u32) {
    const WIDTH: i64 = 440;
    const STEP: u32 = 70;
    let max = lines
        .iter()
        .flat_map(|l| [l.seekers.unwrap_or(0), l.openings, l.seats])
        .max()
        .unwrap_or(1)
        .max(1);
    let scale = |v: i64| {
        u32::try_from(v * WIDTH / max)
            .unwrap_or(0)
            .max(u32::from(v > 0))
    };
    let bars = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Bars {
            name: names.group(&l.key),
            y: 6 + STEP * u32::try_from(i).unwrap_or(0),
            seekers: l
                .seekers
                .map(|s| (scale(s), names.tr.digits(&s.to_string()))),
            openings: (scale(l.openings), names.tr.digits(&l.openings.to_string())),
            seats: (scale(l.seats), names.tr.digits(&l.seats.to_string())),
        })
        .collect::<Vec<_>>();
    let height = 10 + STEP * u32::try_from(bars.len()).unwrap_or(0);
    (bars, height)
}

async fn page(
    State(state): State<AppState>,
    Locale(tr): Locale,
    uri: Uri,
    member: Member,
    Extension(figures): Extension<Arc<Figures>>,
    Extension(finder): Extension<Arc<Shared>>,
    Query(query): Query<FiguresQuery>,
) -> Result<Response, ApiError> {
    let (snapshot, _, report) = open(&state, &member, &figures, &query).await?;
    let finder = finder.get(&state.db).await?;
    let names = Names {
        state: &state,
        tr: &tr,
        snapshot: &snapshot,
    };
    let (bars, height) = chart(&names, &report.by_group);
    let mut districts = vec![Choice {
        value: String::new(),
        label: tr.t("skills-figures-all-districts"),
    }];
    districts.extend(district_choices(&state, &tr));
    districts.push(Choice {
        value: NOT_STATED.into(),
        label: tr.t("skills-figures-not-stated"),
    });
    let mut groups = vec![Choice {
        value: String::new(),
        label: tr.t("skills-figures-all-groups"),
    }];
    groups.extend(snapshot.groups.iter().map(|g| Choice {
        value: g.code.clone(),
        label: names.group(&g.code).text,
    }));
    let view = FiguresPage {
        chrome: Chrome::new(&state, &tr, &uri, "skills-figures", &member.1),
        districts,
        groups,
        district: report.district.clone().unwrap_or_default(),
        group: report.group.clone().unwrap_or_default(),
        as_of: when(&state, &tr, report.taken_at),
        total: line_row(
            &tr,
            Label {
                text: String::new(),
                lang: "",
            },
            &report.total,
        ),
        by_group: report
            .by_group
            .iter()
            .map(|l| line_row(&tr, names.group(&l.key), l))
            .collect(),
        by_district: report
            .by_district
            .iter()
            .map(|l| line_row(&tr, names.district(&l.key), l))
            .collect(),
        bars,
        height,
        shortages: report
            .shortages
            .iter()
            .map(|l| gap_row(&names, l))
            .collect(),
        surpluses: report
            .surpluses
            .iter()
            .map(|l| gap_row(&names, l))
            .collect(),
        skills_asked: report
            .skills_asked
            .iter()
            .map(|l| skill_row(&tr, names.skill(&finder, l.skill), l))
            .collect(),
        skills_held: report
            .skills_held
            .iter()
            .map(|l| skill_row(&tr, names.skill(&finder, l.skill), l))
            .collect(),
        min_people: tr.digits(&report.min_people.to_string()),
        tr,
    };
    Ok(render_own(StatusCode::OK, &view))
}

/// The API's answer, for a signed-in browser (the API itself takes a bearer token).
async fn report_json(
    State(state): State<AppState>,
    member: Member,
    Extension(figures): Extension<Arc<Figures>>,
    Query(query): Query<FiguresQuery>,
) -> Result<Response, ApiError> {
    let report = open(&state, &member, &figures, &query).await?.2;
    Ok((
        [
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"shetu-skills-figures.json\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        Json(report),
    )
        .into_response())
}

fn cell(n: Option<i64>) -> String {
    n.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_response(name: &str, body: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

fn csv_failed(e: impl std::fmt::Display) -> ApiError {
    tracing::error!(error = %e, "writing figures as CSV failed");
    ApiError::from_status(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Every cell and total of the view, one line each; hidden counts are empty.
async fn cells_csv(
    State(state): State<AppState>,
    Locale(tr): Locale,
    member: Member,
    Extension(figures): Extension<Arc<Figures>>,
    Query(query): Query<FiguresQuery>,
) -> Result<Response, ApiError> {
    let (snapshot, filter, _) = open(&state, &member, &figures, &query).await?;
    let names = Names {
        state: &state,
        tr: &tr,
        snapshot: &snapshot,
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "district",
        "district_name",
        "group",
        "group_name",
        "seekers",
        "vacancies",
        "openings",
        "seats",
        "gap",
    ])
    .map_err(csv_failed)?;
    for (d, g, l) in snapshot.cells(filter) {
        out.write_record([
            d.clone(),
            names.district(&d).text,
            g.clone(),
            names.group(&g).text,
            cell(l.seekers),
            l.vacancies.to_string(),
            l.openings.to_string(),
            l.seats.to_string(),
            cell(l.gap),
        ])
        .map_err(csv_failed)?;
    }
    let body = out.into_inner().map_err(csv_failed)?;
    Ok(csv_response("shetu-skills-figures.csv", body))
}

/// The skills most asked for and most held, within the view; hidden counts are empty.
async fn skills_csv(
    State(state): State<AppState>,
    Locale(tr): Locale,
    member: Member,
    Extension(figures): Extension<Arc<Figures>>,
    Extension(finder): Extension<Arc<Shared>>,
    Query(query): Query<FiguresQuery>,
) -> Result<Response, ApiError> {
    let (snapshot, _, report) = open(&state, &member, &figures, &query).await?;
    let finder = finder.get(&state.db).await?;
    let names = Names {
        state: &state,
        tr: &tr,
        snapshot: &snapshot,
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "list",
        "skill",
        "skill_name",
        "seekers",
        "vacancies",
        "openings",
        "seats",
        "gap",
    ])
    .map_err(csv_failed)?;
    let lists = [
        ("asked", &report.skills_asked),
        ("held", &report.skills_held),
    ];
    for (list, lines) in lists {
        for l in lines {
            out.write_record([
                list.to_owned(),
                l.skill.to_string(),
                names.skill(&finder, l.skill).text,
                cell(l.seekers),
                l.vacancies.to_string(),
                l.openings.to_string(),
                l.seats.to_string(),
                cell(l.gap),
            ])
            .map_err(csv_failed)?;
        }
    }
    let body = out.into_inner().map_err(csv_failed)?;
    Ok(csv_response("shetu-skills-figures-skills.csv", body))
}
