//! Moderation: one queue of flagged content and people; moderators (the platform's moderators
//! and administrators) hide or restore content, warn a person or suspend them from the network
//! for a number of days. The person is told why by SMS in their language; every decision is
//! audited and resolves the flags it answers.

use crate::discussion::{author_of, set_hidden, FLAG_TARGETS};
use crate::error::ExchangeError;
use crate::vocabulary::code;
use crate::{record, text};
use serde::{Deserialize, Serialize};
use shetu_core::{Actor, Role};
use shetu_i18n::{Arg, I18n};
use shetu_store::{now_ms, outbox, Db, Tx};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// What a moderator may decide.
pub const ACTIONS: [&str; 4] = ["hide", "restore", "warn", "suspend"];

/// The longest suspension, in days.
pub const MAX_SUSPENSION_DAYS: i64 = 365;

const DAY_MS: i64 = 86_400_000;

/// Whether `actor` moderates the network's discussion.
pub fn moderator_may(actor: &Actor) -> bool {
    actor.has(Role::Moderator) || actor.has(Role::Admin)
}

fn moderator(actor: &Actor) -> Result<(), ExchangeError> {
    if moderator_may(actor) {
        Ok(())
    } else {
        Err(ExchangeError::Forbidden)
    }
}

/// Until when `person` is suspended from the network, if they are now.
pub async fn suspended_until(
    conn: &mut AnyConnection,
    person: &str,
    now: i64,
) -> Result<Option<i64>, ExchangeError> {
    let until: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(until_at) FROM exchange_sanction WHERE person_id = $1 AND kind = 'suspend' AND until_at > $2",
    )
    .bind(person)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    Ok(until)
}

/// Refuses a suspended person (`403 suspended`, saying until when).
pub(crate) async fn not_suspended(
    conn: &mut AnyConnection,
    actor: &Actor,
    now: i64,
) -> Result<(), ExchangeError> {
    match suspended_until(conn, &actor.person.to_string(), now).await? {
        Some(until) => Err(ExchangeError::Suspended { until }),
        None => Ok(()),
    }
}

/// One flag as the moderators see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModerationFlag {
    /// Why (a code of `discussion::FLAG_REASONS`).
    pub reason: String,
    /// What the person who flagged it wrote.
    pub note: String,
    /// When (ms since 1970).
    pub at: i64,
}

/// ExchangeFlagged content or a flagged person, waiting for a moderator.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModerationItem {
    /// `comment`, `solution`, `need` or `person`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// What it says (a comment's text, a solution's or need's title, a person's name).
    pub excerpt: String,
    /// Where it is read: the solution or need (for a comment, the one it is on).
    pub link: Option<String>,
    /// The person who wrote it (or the person flagged).
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// Hidden now (over the threshold, waiting for review).
    pub hidden: bool,
    /// The open flags, oldest first.
    pub flags: Vec<ModerationFlag>,
    /// Earlier warnings and suspensions of the person.
    pub sanctions: i64,
}

type FlagRow = (String, String, String, String, i64);

async fn describe(
    conn: &mut AnyConnection,
    kind: &str,
    id: &str,
) -> Result<(String, Option<String>), ExchangeError> {
    Ok(match kind {
        "comment" => {
            let found: Option<(String, String, String)> = sqlx::query_as(
                "SELECT body, target_kind, target_id FROM exchange_comment WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            match found {
                Some((body, k, t)) => (body, Some(format!("/exchange/{k}s/{t}"))),
                None => (String::new(), None),
            }
        }
        "solution" | "need" => {
            let sql = if kind == "need" {
                "SELECT title FROM exchange_need WHERE id = $1"
            } else {
                "SELECT title FROM exchange_solution WHERE id = $1"
            };
            let title: Option<String> = sqlx::query_scalar(sql)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            (
                title.unwrap_or_default(),
                Some(format!("/exchange/{kind}s/{id}")),
            )
        }
        _ => (String::new(), None),
    })
}

/// The queue: everything with open flags, hidden content first, then by how many flagged it,
/// then oldest first.
pub async fn queue(db: &Db, actor: &Actor) -> Result<Vec<ModerationItem>, ExchangeError> {
    moderator(actor)?;
    let mut conn = crate::conn(db).await?;
    let rows: Vec<FlagRow> = sqlx::query_as(
        "SELECT target_kind, target_id, reason, note, created_at FROM exchange_flag \
         WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT 2000",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut grouped: BTreeMap<(String, String), Vec<ModerationFlag>> = BTreeMap::new();
    for (kind, id, reason, note, at) in rows {
        grouped
            .entry((kind, id))
            .or_default()
            .push(ModerationFlag { reason, note, at });
    }
    let mut items = Vec::with_capacity(grouped.len());
    for ((kind, id), flags) in grouped {
        let Some((person_id, hidden)) = author_of(&mut conn, &kind, &id).await? else {
            continue;
        };
        let (excerpt, link) = describe(&mut conn, &kind, &id).await?;
        let (person_name, sanctions): (String, i64) = sqlx::query_as(
            "SELECT p.name, (SELECT COUNT(*) FROM exchange_sanction s WHERE s.person_id = p.id) \
             FROM person p WHERE p.id = $1",
        )
        .bind(&person_id)
        .fetch_one(&mut *conn)
        .await?;
        items.push(ModerationItem {
            excerpt: if kind == "person" {
                person_name.clone()
            } else {
                excerpt
            },
            kind,
            id,
            link,
            person_id,
            person_name,
            hidden,
            flags,
            sanctions,
        });
    }
    items.sort_by(|a, b| {
        b.hidden
            .cmp(&a.hidden)
            .then(b.flags.len().cmp(&a.flags.len()))
            .then(a.flags[0].at.cmp(&b.flags[0].at))
    });
    Ok(items)
}

/// A moderator's decision on one piece of content or one person.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ModerationDecision {
    /// `comment`, `solution`, `need` or `person`.
    #[schema(max_length = 16)]
    pub kind: String,
    /// Its id.
    #[schema(max_length = 64)]
    pub id: String,
    /// `hide`, `restore`, `warn` or `suspend`. Warning or suspending over content also hides it.
    #[schema(max_length = 16)]
    pub action: String,
    /// Why, in words the person is told (required but for `restore`).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub reason: String,
    /// For `suspend`: how many days (1–365).
    #[serde(default)]
    pub days: Option<i64>,
}

/// What a decision did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModerationResult {
    /// The content is hidden now.
    pub hidden: bool,
    /// The flags it resolved.
    pub resolved_flags: i64,
    /// The person it concerned.
    pub person_id: String,
    /// For a suspension: until when (ms since 1970).
    pub suspended_until: Option<i64>,
}

/// Carries out a moderator's decision in one transaction: the content's state, the sanction,
/// the flags resolved, the SMS to the person, the audit and outbox events.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn decide(
    db: &Db,
    i18n: &I18n,
    actor: &Actor,
    d: &ModerationDecision,
) -> Result<ModerationResult, ExchangeError> {
    moderator(actor)?;
    let kind = code("kind", &d.kind, &FLAG_TARGETS)?;
    let action = code("action", &d.action, &ACTIONS)?;
    let reason = text("reason", &d.reason, 1000, action != "restore")?;
    if kind == "person" && (action == "hide" || action == "restore") {
        return Err(ExchangeError::Invalid("action".into(), "not_for_people"));
    }
    let days = if action == "suspend" {
        let days = d
            .days
            .ok_or_else(|| ExchangeError::Invalid("days".into(), "required"))?;
        if !(1..=MAX_SUSPENSION_DAYS).contains(&days) {
            return Err(ExchangeError::OutOfRange {
                field: "days".into(),
                min: 1,
                max: MAX_SUSPENSION_DAYS,
            });
        }
        Some(days)
    } else {
        None
    };
    let now = now_ms();
    let mut tx = db.begin().await?;
    let Some((person, _)) = author_of(&mut tx, &kind, &d.id).await? else {
        return Err(ExchangeError::NotFound(match kind.as_str() {
            "comment" => "comment_not_found",
            "solution" => "solution_not_found",
            "need" => "need_not_found",
            _ => "person_not_found",
        }));
    };
    if person == actor.person.to_string() && action != "restore" {
        return Err(ExchangeError::Invalid("id".into(), "yourself"));
    }
    let hidden = kind != "person" && action != "restore";
    if kind != "person" {
        set_hidden(&mut tx, &kind, &d.id, hidden).await?;
    }
    let until = days.map(|n| now + n * DAY_MS);
    if action == "warn" || action == "suspend" {
        sqlx::query(
            "INSERT INTO exchange_sanction (id, person_id, kind, reason, until_at, target_kind, target_id, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&person)
        .bind(&action)
        .bind(&reason)
        .bind(until)
        .bind(&kind)
        .bind(&d.id)
        .bind(actor.person.to_string())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let resolved = sqlx::query(
        "UPDATE exchange_flag SET resolved_at = $1, resolution = $2 \
         WHERE target_kind = $3 AND target_id = $4 AND resolved_at IS NULL",
    )
    .bind(now)
    .bind(&action)
    .bind(&kind)
    .bind(&d.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if action != "restore" {
        tell(&mut tx, i18n, &person, &action, &kind, &reason, until).await?;
    }
    let detail = serde_json::json!({
        "action": action, "person": person, "reason": reason, "days": days,
        "resolved_flags": resolved,
    });
    outbox::publish(
        &mut tx,
        "exchange.moderated",
        &format!("{kind}:{}", d.id),
        &detail,
    )
    .await?;
    record(
        &mut tx,
        actor,
        match action.as_str() {
            "hide" => "exchange.moderation.hide",
            "restore" => "exchange.moderation.restore",
            "warn" => "exchange.moderation.warn",
            _ => "exchange.moderation.suspend",
        },
        &format!("{kind}:{}", d.id),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(ModerationResult {
        hidden,
        resolved_flags: i64::try_from(resolved).unwrap_or(i64::MAX),
        person_id: person,
        suspended_until: until,
    })
}

/// Tells the person by SMS, in their language, what was decided and why.
async fn tell(
    tx: &mut Tx,
    i18n: &I18n,
    person: &str,
    action: &str,
    kind: &str,
    reason: &str,
    until: Option<i64>,
) -> Result<(), ExchangeError> {
    let Some((phone, lang)) = crate::contact(tx, person).await? else {
        return Ok(());
    };
    let until = until.map(crate::day_of).unwrap_or_default();
    let body = i18n.message(
        &lang,
        &format!("exchange-sms-moderation-{action}"),
        &[
            ("kind", Arg::Text(kind.to_owned())),
            ("reason", Arg::Text(reason.to_owned())),
            ("until", Arg::Text(until)),
            ("path", Arg::Text("/exchange/policy".to_owned())),
        ],
    );
    shetu_people::sms::enqueue(tx, &phone, &body).await?;
    Ok(())
}

/// A warning or suspension, as the person sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExchangeSanction {
    /// `warn` or `suspend`.
    pub kind: String,
    /// Why.
    pub reason: String,
    /// For a suspension: until when (ms since 1970).
    pub until: Option<i64>,
    /// When it was decided.
    pub at: i64,
}

/// The warnings and suspensions of the signed-in person, newest first.
pub async fn my_sanctions(db: &Db, actor: &Actor) -> Result<Vec<ExchangeSanction>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let rows: Vec<(String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT kind, reason, until_at, created_at FROM exchange_sanction WHERE person_id = $1 \
         ORDER BY created_at DESC, id DESC",
    )
    .bind(actor.person.to_string())
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, reason, until, at)| ExchangeSanction {
            kind,
            reason,
            until,
            at,
        })
        .collect())
}
