//! Published solutions and open needs in this node's search index (the search analyzer reads
//! Bangla, English and Arabic), with facets: kind (solution or need), the member's country, and
//! flags for focus areas, SDG targets and goals, and maturity. Kept fresh from the outbox.

use shetu_search::feed::{Change, Source};
use shetu_search::{Document, SearchError};
use shetu_store::outbox::Event;
use shetu_store::{BoxFuture, Db, StoreError};

/// First segment of every exchange document's category path.
pub const ROOT: &str = "exchange";

fn store(e: sqlx::Error) -> SearchError {
    SearchError::Store(StoreError::from(e))
}

fn other(e: crate::ExchangeError) -> SearchError {
    match e {
        crate::ExchangeError::Store(s) => SearchError::Store(s),
        e => SearchError::Store(StoreError::Corrupt(e.to_string())),
    }
}

fn flags(focus: &[String], sdgs: &[String], maturity: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = focus.iter().map(|f| format!("focus:{f}")).collect();
    for t in sdgs {
        out.push(format!("sdg:{t}"));
        let goal = format!("goal:{}", crate::vocabulary::goal_of(t));
        if !out.contains(&goal) {
            out.push(goal);
        }
    }
    if let Some(m) = maturity {
        out.push(format!("maturity:{m}"));
    }
    out
}

async fn solution(db: &Db, id: &str) -> Result<Option<Document>, SearchError> {
    let s = match crate::solutions::get(db, None, id).await {
        Ok(s) => s,
        Err(crate::ExchangeError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(other(e)),
    };
    let c = &s.content;
    Ok(Some(Document {
        id: format!("solution:{}", s.id),
        title: c.title.clone(),
        body: format!(
            "{} {} {} {}",
            c.problem, c.approach, c.results, s.member_name
        ),
        category: vec![ROOT.to_owned(), "solution".to_owned()],
        region: vec![s.member_country.clone()],
        price: None,
        flags: flags(&c.focus, &c.sdgs, Some(&c.maturity)),
    }))
}

async fn need(db: &Db, id: &str) -> Result<Option<Document>, SearchError> {
    let n = match crate::needs::get(db, None, id).await {
        Ok(n) if n.status == "open" => n,
        Ok(_) | Err(crate::ExchangeError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(other(e)),
    };
    Ok(Some(Document {
        id: format!("need:{}", n.id),
        title: n.title.clone(),
        body: format!(
            "{} {} {} {}",
            n.problem, n.context, n.constraints, n.member_name
        ),
        category: vec![ROOT.to_owned(), "need".to_owned()],
        region: vec![n.member_country.clone()],
        price: None,
        flags: flags(&n.focus, &n.sdgs, None),
    }))
}

/// Solutions and needs, as search documents.
#[derive(Debug, Default)]
pub struct ExchangeSource;

impl Source for ExchangeSource {
    fn name(&self) -> &'static str {
        "exchange"
    }

    fn wants(&self, topic: &str) -> bool {
        matches!(
            topic,
            "exchange.solution.published"
                | "exchange.need.posted"
                | "exchange.solution.moderated"
                | "exchange.need.moderated"
        )
    }

    fn change<'a>(
        &'a self,
        db: &'a Db,
        event: &'a Event,
    ) -> BoxFuture<'a, Result<Change, SearchError>> {
        Box::pin(async move {
            let (kind, doc) = if event.topic.starts_with("exchange.need.") {
                ("need", need(db, &event.aggregate_id).await?)
            } else {
                ("solution", solution(db, &event.aggregate_id).await?)
            };
            let mut change = Change::default();
            match doc {
                Some(d) => change.upsert.push(d),
                None => change.delete.push(format!("{kind}:{}", event.aggregate_id)),
            }
            Ok(change)
        })
    }

    fn all<'a>(
        &'a self,
        db: &'a Db,
        after: Option<String>,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Document>, SearchError>> {
        Box::pin(async move {
            // Ids ordered as `need:…` before `solution:…`, then by id, so batches resume.
            let after = after.unwrap_or_default();
            let ids: Vec<String> = sqlx::query_scalar(
                "SELECT k FROM (SELECT 'need:' || id AS k FROM exchange_need WHERE status = 'open' AND hidden = 0 \
                 UNION ALL SELECT 'solution:' || id AS k FROM exchange_solution WHERE published_version IS NOT NULL AND hidden = 0) t \
                 WHERE k > $1 ORDER BY k LIMIT $2",
            )
            .bind(after)
            .bind(limit)
            .fetch_all(db.pool())
            .await
            .map_err(store)?;
            let mut out = Vec::with_capacity(ids.len());
            for k in ids {
                let doc = match k.split_once(':') {
                    Some(("need", id)) => need(db, id).await?,
                    Some((_, id)) => solution(db, id).await?,
                    None => None,
                };
                out.extend(doc);
            }
            Ok(out)
        })
    }

    fn count<'a>(&'a self, db: &'a Db) -> BoxFuture<'a, Result<u64, SearchError>> {
        Box::pin(async move {
            let n: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM exchange_need WHERE status = 'open' AND hidden = 0) + \
                 (SELECT COUNT(*) FROM exchange_solution WHERE published_version IS NOT NULL AND hidden = 0)",
            )
            .fetch_one(db.pool())
            .await
            .map_err(store)?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
    }
}
