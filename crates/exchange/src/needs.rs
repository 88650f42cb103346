//! Needs: a member says what problem it wants solved, in what context and under what
//! constraints; suggested solutions follow (see [`crate::matching`]).

use crate::members::{acting_member, set_tags, tags};
use crate::vocabulary::{codes, sdg_targets, FOCUS_AREAS, LANGUAGES};
use crate::{record, text, ExchangeError};
use serde::{Deserialize, Serialize};
use shetu_core::Actor;
use shetu_store::{now_ms, outbox, Db};
use sqlx::AnyConnection;
use utoipa::ToSchema;

/// A need, as sent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNeed {
    /// The member that has the need.
    pub member: String,
    /// A short name.
    #[schema(max_length = 160)]
    pub title: String,
    /// The problem.
    #[schema(max_length = 4000)]
    pub problem: String,
    /// Where and for whom.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub context: String,
    /// Budget, time, law, skills, connectivity…
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub constraints: String,
    /// SDG targets.
    #[serde(default)]
    pub sdgs: Vec<String>,
    /// Focus areas.
    #[serde(default)]
    pub focus: Vec<String>,
    /// Languages it can work in.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// A need.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Need {
    /// Id.
    pub id: String,
    /// The member.
    pub member_id: String,
    /// The member's name.
    pub member_name: String,
    /// The member's country.
    pub member_country: String,
    /// Title.
    pub title: String,
    /// Problem.
    pub problem: String,
    /// Context.
    pub context: String,
    /// Constraints.
    pub constraints: String,
    /// SDG targets.
    pub sdgs: Vec<String>,
    /// Focus areas.
    pub focus: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// `open` or `closed`.
    pub status: String,
    /// When posted (ms since 1970).
    pub created_at: i64,
    /// Hidden by moderation (only its member's people and moderators see it then).
    pub hidden: bool,
}

type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
);

pub(crate) async fn get_in(conn: &mut AnyConnection, id: &str) -> Result<Need, ExchangeError> {
    let found: Option<Row> = sqlx::query_as(
        "SELECT id, member_id, title, problem, context, constraints, status, created_at, hidden FROM exchange_need WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (id, member_id, title, problem, context, constraints, status, created_at, hidden) =
        found.ok_or(ExchangeError::NotFound("need_not_found"))?;
    let member = crate::members::get_in(conn, &member_id).await?;
    Ok(Need {
        sdgs: tags(conn, "need", &id, "sdg").await?,
        focus: tags(conn, "need", &id, "focus").await?,
        languages: tags(conn, "need", &id, "lang").await?,
        id,
        member_id,
        member_name: member.name,
        member_country: member.country,
        title,
        problem,
        context,
        constraints,
        status,
        created_at,
        hidden: hidden != 0,
    })
}

/// A verified member posts a need.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn post(db: &Db, actor: &Actor, new: NewNeed) -> Result<Need, ExchangeError> {
    let title = text("title", &new.title, 160, true)?;
    let problem = text("problem", &new.problem, 4000, true)?;
    let context = text("context", &new.context, 4000, false)?;
    let constraints = text("constraints", &new.constraints, 4000, false)?;
    let sdgs = sdg_targets("sdgs", &new.sdgs, 20)?;
    let focus = codes("focus", &new.focus, &FOCUS_AREAS, 6)?;
    let languages = codes("languages", &new.languages, &LANGUAGES, 8)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    acting_member(&mut tx, actor, &new.member).await?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_need (id, member_id, title, problem, context, constraints, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $8)",
    )
    .bind(&id)
    .bind(&new.member)
    .bind(&title)
    .bind(&problem)
    .bind(&context)
    .bind(&constraints)
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    set_tags(&mut tx, "need", &id, "sdg", &sdgs).await?;
    set_tags(&mut tx, "need", &id, "focus", &focus).await?;
    set_tags(&mut tx, "need", &id, "lang", &languages).await?;
    let detail = serde_json::json!({ "member": new.member });
    outbox::publish(&mut tx, "exchange.need.posted", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.need.post",
        &format!("need:{id}"),
        detail,
    )
    .await?;
    let need = get_in(&mut tx, &id).await?;
    tx.commit().await?;
    Ok(need)
}

/// A need (needs are public: the network exists to answer them), unless moderation hid it from
/// `reader`.
pub async fn get(db: &Db, reader: Option<&Actor>, id: &str) -> Result<Need, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let need = get_in(&mut conn, id).await?;
    if need.hidden {
        let sees = match reader {
            Some(a) => {
                crate::moderation::moderator_may(a)
                    || crate::members::may_act_for(&mut conn, a, &need.member_id).await?
            }
            None => false,
        };
        if !sees {
            return Err(ExchangeError::NotFound("content_hidden"));
        }
    }
    Ok(need)
}

/// Open needs, newest first.
pub async fn open(db: &Db) -> Result<Vec<Need>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM exchange_need WHERE status = 'open' AND hidden = 0 ORDER BY created_at DESC, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(get_in(&mut conn, &id).await?);
    }
    Ok(out)
}
