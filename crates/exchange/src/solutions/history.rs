//! Published versions and what changed between two of them, field by field and word by word.

use super::*;

/// The versions a reader may compare: the published ones (all, for insiders), newest first, as
/// (version, published at).
pub async fn versions(
    db: &Db,
    actor: Option<&Actor>,
    id: &str,
) -> Result<Vec<(i64, Option<i64>)>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let (_, member, _, _, published, hidden) = row(&mut conn, id).await?;
    let all = insider(&mut conn, actor, &member).await?;
    if !all && published.is_none() {
        return Err(ExchangeError::NotFound("solution_not_found"));
    }
    if hidden != 0 && !all && !actor.is_some_and(crate::moderation::moderator_may) {
        return Err(ExchangeError::NotFound("content_hidden"));
    }
    let filter = if all {
        ""
    } else {
        " AND published_at IS NOT NULL"
    };
    Ok(sqlx::query_as(&format!(
        "SELECT version, published_at FROM exchange_solution_version WHERE solution_id = $1{filter} ORDER BY version DESC"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// What changed from version `from` to version `to`, field by field (only changed fields).
pub async fn changes(
    db: &Db,
    actor: Option<&Actor>,
    id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<FieldChange>, ExchangeError> {
    let readable = versions(db, actor, id).await?;
    for v in [from, to] {
        if !readable.iter().any(|(n, _)| *n == v) {
            return Err(ExchangeError::NotFound("version_not_found"));
        }
    }
    let mut conn = crate::conn(db).await?;
    let (a, b) = (
        content_of(&mut conn, id, from).await?,
        content_of(&mut conn, id, to).await?,
    );
    Ok(a.fields()
        .into_iter()
        .zip(b.fields())
        .filter(|((_, x), (_, y))| x != y)
        .map(|((field, before), (_, after))| FieldChange {
            field: field.to_owned(),
            words: word_diff(&before, &after),
            before,
            after,
        })
        .collect())
}

/// Words of `before` and `after` marked `same`, `removed` or `added`, in reading order.
pub fn word_diff(before: &str, after: &str) -> Vec<Word> {
    let diff = similar::TextDiff::configure().diff_words(before, after);
    let mut out: Vec<Word> = Vec::new();
    for change in diff.iter_all_changes() {
        let mark = match change.tag() {
            similar::ChangeTag::Equal => "same",
            similar::ChangeTag::Delete => "removed",
            similar::ChangeTag::Insert => "added",
        };
        match out.last_mut() {
            Some(w) if w.mark == mark => w.text.push_str(change.value()),
            _ => out.push(Word {
                mark: mark.to_owned(),
                text: change.value().to_owned(),
            }),
        }
    }
    out
}
