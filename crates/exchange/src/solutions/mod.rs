//! Solutions: a member submits what worked at home; the secretariat reviews it against the
//! published criteria (submitted → in review → published, or returned with comments). Every
//! submission or revision is a new version; readers see the published one, the list of published
//! versions, and what changed between two of them, field by field.

use crate::members::{acting_member, set_tags};
use crate::vocabulary::{code, codes, sdg_targets, COSTS, FOCUS_AREAS, LEVELS, MATURITY};
use crate::{record, text, ExchangeError};
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_store::{now_ms, outbox, Db};
use sqlx::AnyConnection;
use utoipa::ToSchema;

pub mod attachments;
mod history;
mod review;
mod software;

pub use history::*;
pub use review::*;
pub use software::*;

/// What a solution says: the whole of one version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SolutionContent {
    /// A short name.
    #[schema(max_length = 160)]
    pub title: String,
    /// The problem it solves.
    #[schema(max_length = 4000)]
    pub problem: String,
    /// How it solves it.
    #[schema(max_length = 4000)]
    pub approach: String,
    /// What it achieved.
    #[schema(max_length = 4000)]
    pub results: String,
    /// The evidence for the results (evaluations, figures, links).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub evidence: String,
    /// Whether it runs today.
    #[serde(default)]
    pub implemented: bool,
    /// Where it runs or ran (ISO 3166-1 alpha-2 countries).
    #[serde(default)]
    pub countries: Vec<String>,
    /// `national`, `regional` or `local`.
    pub level: String,
    /// `low`, `medium` or `high`.
    pub cost: String,
    /// Months it takes to adopt.
    pub months_to_adopt: i64,
    /// `idea`, `pilot`, `scaled` or `replicated`.
    pub maturity: String,
    /// SDG targets.
    #[serde(default)]
    pub sdgs: Vec<String>,
    /// Focus areas.
    #[serde(default)]
    pub focus: Vec<String>,
    /// Whom to ask.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub contact: String,
    /// For software: what its publiccode.yml says (imported from it, exported as it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software: Option<crate::publiccode::Software>,
}

impl SolutionContent {
    /// The content checked and tidied.
    pub fn checked(self) -> Result<SolutionContent, ExchangeError> {
        let mut countries = Vec::new();
        for (i, c) in self.countries.iter().enumerate() {
            let c = c.trim().to_ascii_uppercase();
            if crate::countries::get(&c).is_none() {
                return Err(ExchangeError::Invalid(
                    format!("countries.{i}"),
                    "unknown_country",
                ));
            }
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        if countries.len() > 50 {
            return Err(ExchangeError::Invalid("countries".into(), "too_many"));
        }
        if !(0..=120).contains(&self.months_to_adopt) {
            return Err(ExchangeError::OutOfRange {
                field: "months_to_adopt".into(),
                min: 0,
                max: 120,
            });
        }
        Ok(SolutionContent {
            title: text("title", &self.title, 160, true)?,
            problem: text("problem", &self.problem, 4000, true)?,
            approach: text("approach", &self.approach, 4000, true)?,
            results: text("results", &self.results, 4000, true)?,
            evidence: text("evidence", &self.evidence, 4000, false)?,
            implemented: self.implemented,
            countries,
            level: code("level", &self.level, &LEVELS)?,
            cost: code("cost", &self.cost, &COSTS)?,
            months_to_adopt: self.months_to_adopt,
            maturity: code("maturity", &self.maturity, &MATURITY)?,
            sdgs: sdg_targets("sdgs", &self.sdgs, 20)?,
            focus: codes("focus", &self.focus, &FOCUS_AREAS, 6)?,
            contact: text("contact", &self.contact, 300, false)?,
            software: match self.software {
                // What is kept must be what a valid publiccode.yml says.
                Some(sw) => Some(
                    crate::publiccode::parse(&crate::publiccode::write(&sw)).map_err(|p| {
                        ExchangeError::Problems(
                            p.into_iter()
                                .map(|(f, c)| (format!("software.{f}"), c))
                                .collect(),
                        )
                    })?,
                ),
                None => None,
            },
        })
    }

    /// The fields as (name, text) for comparing versions.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("problem", self.problem.clone()),
            ("approach", self.approach.clone()),
            ("results", self.results.clone()),
            ("evidence", self.evidence.clone()),
            ("implemented", self.implemented.to_string()),
            ("countries", self.countries.join(", ")),
            ("level", self.level.clone()),
            ("cost", self.cost.clone()),
            ("months_to_adopt", self.months_to_adopt.to_string()),
            ("maturity", self.maturity.clone()),
            ("sdgs", self.sdgs.join(", ")),
            ("focus", self.focus.join(", ")),
            ("contact", self.contact.clone()),
        ]
    }
}

/// A solution: its review state and the version a reader sees.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Solution {
    /// Id.
    pub id: String,
    /// The member that shares it.
    pub member_id: String,
    /// The member's name.
    pub member_name: String,
    /// The member's country.
    pub member_country: String,
    /// `submitted`, `in_review`, `published` or `returned` (of the latest version).
    pub status: String,
    /// The latest version's number.
    pub version: i64,
    /// The published version's number, if any.
    pub published_version: Option<i64>,
    /// The content of the version shown (published for readers; the latest for its member and
    /// the secretariat).
    pub content: SolutionContent,
    /// The number of the version shown.
    pub shown_version: i64,
    /// Hidden by moderation (only its member's people and moderators see it then).
    pub hidden: bool,
}

/// One step of a review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewStep {
    /// Version reviewed.
    pub version: i64,
    /// From.
    pub from: String,
    /// To.
    pub to: String,
    /// The secretariat's comment (required when returned).
    pub comment: String,
    /// When (ms since 1970).
    pub at: i64,
}

/// One field that changed between two versions: the text of each, and the words removed and
/// added, in order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldChange {
    /// The field.
    pub field: String,
    /// In the earlier version.
    pub before: String,
    /// In the later version.
    pub after: String,
    /// The words, in reading order.
    pub words: Vec<Word>,
}

/// A run of words of a changed field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Word {
    /// `same`, `removed` or `added`.
    pub mark: String,
    /// The words (with their spaces).
    pub text: String,
}

/// The review moves the secretariat may make.
pub fn review_allowed(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("submitted", "in_review") | ("in_review", "published") | ("in_review", "returned")
    )
}

type Row = (String, String, String, i64, Option<i64>, i64);

async fn row(conn: &mut AnyConnection, id: &str) -> Result<Row, ExchangeError> {
    let found: Option<Row> = sqlx::query_as(
        "SELECT id, member_id, status, version, published_version, hidden FROM exchange_solution WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    found.ok_or(ExchangeError::NotFound("solution_not_found"))
}

async fn content_of(
    conn: &mut AnyConnection,
    id: &str,
    version: i64,
) -> Result<SolutionContent, ExchangeError> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT content FROM exchange_solution_version WHERE solution_id = $1 AND version = $2",
    )
    .bind(id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    let text = text.ok_or(ExchangeError::NotFound("version_not_found"))?;
    serde_json::from_str(&text)
        .map_err(|e| ExchangeError::Store(shetu_store::StoreError::Corrupt(e.to_string())))
}

/// Whether `actor` sees the latest version (its member's people, the secretariat).
async fn insider(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    member: &str,
) -> Result<bool, ExchangeError> {
    match actor {
        Some(a) => crate::members::may_act_for(conn, a, member).await,
        None => Ok(false),
    }
}

async fn view(
    conn: &mut AnyConnection,
    actor: Option<&Actor>,
    id: &str,
) -> Result<Solution, ExchangeError> {
    let (id, member_id, status, version, published, hidden) = row(conn, id).await?;
    let inside = insider(conn, actor, &member_id).await?;
    let shown = if inside {
        version
    } else {
        published.ok_or(ExchangeError::NotFound("solution_not_found"))?
    };
    if hidden != 0 && !inside && !actor.is_some_and(crate::moderation::moderator_may) {
        return Err(ExchangeError::NotFound("content_hidden"));
    }
    let member = crate::members::get_in(conn, &member_id).await?;
    Ok(Solution {
        content: content_of(conn, &id, shown).await?,
        id,
        member_id,
        member_name: member.name,
        member_country: member.country,
        status,
        version,
        published_version: published,
        shown_version: shown,
        hidden: hidden != 0,
    })
}

async fn add_version(
    tx: &mut AnyConnection,
    actor: &Actor,
    id: &str,
    version: i64,
    content: &SolutionContent,
    now: i64,
) -> Result<(), ExchangeError> {
    let json = serde_json::to_string(content)
        .map_err(|e| ExchangeError::Store(shetu_store::StoreError::Corrupt(e.to_string())))?;
    sqlx::query(
        "INSERT INTO exchange_solution_version (solution_id, version, content, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(version)
    .bind(json)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A member submits a solution (version 1, waiting for review).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn submit(
    db: &Db,
    actor: &Actor,
    member: &str,
    content: SolutionContent,
) -> Result<Solution, ExchangeError> {
    let content = content.checked()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    acting_member(&mut tx, actor, member).await?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_solution (id, member_id, status, version, title, maturity, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'submitted', 1, $3, $4, $5, $6, $6)",
    )
    .bind(&id)
    .bind(member)
    .bind(&content.title)
    .bind(&content.maturity)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    add_version(&mut tx, actor, &id, 1, &content, now).await?;
    let detail = serde_json::json!({ "member": member, "version": 1 });
    outbox::publish(&mut tx, "exchange.solution.submitted", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.solution.submit",
        &format!("solution:{id}"),
        detail,
    )
    .await?;
    let made = view(&mut tx, Some(actor), &id).await?;
    tx.commit().await?;
    Ok(made)
}

/// Its member revises a solution: a new version, waiting for review (a published version stays
/// visible until the new one is published).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn revise(
    db: &Db,
    actor: &Actor,
    id: &str,
    content: SolutionContent,
) -> Result<Solution, ExchangeError> {
    let content = content.checked()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (_, member, status, version, ..) = row(&mut tx, id).await?;
    acting_member(&mut tx, actor, &member).await?;
    if status == "in_review" {
        return Err(ExchangeError::Conflict("invalid_review_move"));
    }
    let next = version + 1;
    add_version(&mut tx, actor, id, next, &content, now).await?;
    sqlx::query(
        "UPDATE exchange_solution SET status = 'submitted', version = $1, updated_at = $2 WHERE id = $3",
    )
    .bind(next)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "member": member, "version": next });
    outbox::publish(&mut tx, "exchange.solution.submitted", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.solution.revise",
        &format!("solution:{id}"),
        detail,
    )
    .await?;
    let made = view(&mut tx, Some(actor), id).await?;
    tx.commit().await?;
    Ok(made)
}

/// A solution as `actor` (or a visitor) may read it.
pub async fn get(db: &Db, actor: Option<&Actor>, id: &str) -> Result<Solution, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    view(&mut conn, actor, id).await
}

/// Filters of the published solutions.
#[derive(Debug, Clone, Default)]
pub struct SolutionFilter {
    /// Runs in this country.
    pub country: Option<String>,
    /// Focus area.
    pub focus: Option<String>,
    /// SDG target, or a goal (`16`) for any of its targets.
    pub sdg: Option<String>,
    /// Maturity.
    pub maturity: Option<String>,
}

impl SolutionFilter {
    /// Refuses values no solution can have.
    pub fn check(&self) -> Result<(), ExchangeError> {
        if let Some(c) = &self.country {
            if crate::countries::get(&c.to_ascii_uppercase()).is_none() {
                return Err(ExchangeError::Invalid("country".into(), "unknown_country"));
            }
        }
        if let Some(f) = &self.focus {
            code("focus", f, &FOCUS_AREAS)?;
        }
        if let Some(m) = &self.maturity {
            code("maturity", m, &MATURITY)?;
        }
        if let Some(t) = &self.sdg {
            let goal = t.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g)) && !t.starts_with('0');
            if !goal && !crate::vocabulary::is_sdg_target(t) {
                return Err(ExchangeError::Invalid("sdg".into(), "unknown_sdg_target"));
            }
        }
        Ok(())
    }
}

/// Published solutions, newest first, filtered.
pub async fn published(db: &Db, filter: &SolutionFilter) -> Result<Vec<Solution>, ExchangeError> {
    filter.check()?;
    let mut sql =
        "SELECT id FROM exchange_solution WHERE published_version IS NOT NULL AND hidden = 0"
            .to_owned();
    let mut binds: Vec<String> = Vec::new();
    for (facet, value) in [
        (
            "country",
            filter.country.as_ref().map(|c| c.to_ascii_uppercase()),
        ),
        ("focus", filter.focus.clone()),
        ("maturity", filter.maturity.clone()),
    ] {
        if let Some(v) = value {
            binds.push(v);
            sql.push_str(&format!(
                " AND id IN (SELECT owner_id FROM exchange_tag WHERE owner = 'solution' AND facet = '{facet}' AND value = ${})",
                binds.len()
            ));
        }
    }
    if let Some(sdg) = &filter.sdg {
        let goal_only = !sdg.contains('.');
        binds.push(if goal_only {
            format!("{sdg}.%")
        } else {
            sdg.clone()
        });
        let op = if goal_only { "LIKE" } else { "=" };
        sql.push_str(&format!(
            " AND id IN (SELECT owner_id FROM exchange_tag WHERE owner = 'solution' AND facet = 'sdg' AND value {op} ${})",
            binds.len()
        ));
    }
    sql.push_str(" ORDER BY updated_at DESC, id");
    let mut query = sqlx::query_scalar::<_, String>(&sql);
    for b in &binds {
        query = query.bind(b);
    }
    let mut conn = crate::conn(db).await?;
    let ids = query.fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(view(&mut conn, None, &id).await?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_secretariat_s_three_moves_are_allowed() {
        assert!(review_allowed("submitted", "in_review"));
        assert!(review_allowed("in_review", "published"));
        assert!(review_allowed("in_review", "returned"));
        assert!(
            !review_allowed("submitted", "published"),
            "review comes first"
        );
        assert!(!review_allowed("returned", "published"));
        assert!(!review_allowed("published", "in_review"));
    }

    #[test]
    fn a_word_diff_marks_what_was_removed_and_added() {
        let d = word_diff(
            "Pensions paid by mobile money",
            "Pensions paid by bank and mobile money",
        );
        let marked: Vec<(&str, &str)> = d
            .iter()
            .map(|w| (w.mark.as_str(), w.text.as_str()))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("same", "Pensions paid by "),
                ("added", "bank and "),
                ("same", "mobile money")
            ]
        );
    }
}
