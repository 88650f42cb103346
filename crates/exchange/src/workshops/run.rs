//! The scheduler run: accepted meetings into slots and tables, published ones kept, the rest
//! reported with the reason; SMS to everyone whose agenda changed.

use super::*;

/// The secretariat runs the scheduler: accepted meetings get a slot and a table; meetings placed
/// before stay where they are. Everyone whose agenda changed is told by SMS.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn schedule(
    db: &Db,
    i18n: &shetu_i18n::I18n,
    actor: &Actor,
    workshop: &str,
) -> Result<ScheduleRun, ExchangeError> {
    if !actor.has(Role::Admin) {
        return Err(ExchangeError::Forbidden);
    }
    let mut tx = db.begin().await?;
    let w = get_in(&mut tx, workshop).await?;
    // Lock the workshop row for the run (PostgreSQL; SQLite's writer is one already).
    sqlx::query("UPDATE exchange_workshop SET scheduled_at = scheduled_at WHERE id = $1")
        .bind(workshop)
        .execute(&mut *tx)
        .await?;
    let people: Vec<(String, i64)> = sqlx::query_as(
        "SELECT person_id, availability FROM exchange_participant WHERE workshop_id = $1 ORDER BY person_id",
    )
    .bind(workshop)
    .fetch_all(&mut *tx)
    .await?;
    let index: HashMap<&str, u32> = people
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();
    let accepted: Vec<Accepted> = sqlx::query_as(
        "SELECT r.id, r.from_person, r.to_person, m.slot, m.table_no FROM exchange_meeting_request r \
         LEFT JOIN exchange_meeting m ON m.request_id = r.id \
         WHERE r.workshop_id = $1 AND r.status = 'accepted' ORDER BY r.decided_at, r.id",
    )
    .bind(workshop)
    .fetch_all(&mut *tx)
    .await?;
    // Per person, meetings held up to the cap: placed ones first, then in order of acceptance.
    let cap = usize::try_from(w.meeting_cap).unwrap_or(0);
    let mut held: HashMap<&str, usize> = HashMap::new();
    let mut over_cap = Vec::new();
    let mut considered = Vec::new();
    let mut ordered: Vec<&Accepted> = accepted.iter().collect();
    ordered.sort_by_key(|r| r.3.is_none());
    for r in ordered {
        let (a, b) = (r.1.as_str(), r.2.as_str());
        let full =
            held.get(a).copied().unwrap_or(0) >= cap || held.get(b).copied().unwrap_or(0) >= cap;
        if full && r.3.is_none() {
            over_cap.push(r.0.clone());
            continue;
        }
        *held.entry(a).or_default() += 1;
        *held.entry(b).or_default() += 1;
        considered.push(r);
    }
    let instance = Instance {
        tables: w
            .slots
            .iter()
            .map(|s| u32::try_from(s.tables).unwrap_or(0))
            .collect(),
        availability: people
            .iter()
            .map(|(_, a)| u64::try_from(*a).unwrap_or(0))
            .collect(),
        requests: considered
            .iter()
            .map(|r| Request {
                a: index.get(r.1.as_str()).copied().unwrap_or(u32::MAX),
                b: index.get(r.2.as_str()).copied().unwrap_or(u32::MAX),
                priority: 1,
            })
            .collect(),
        locked: considered
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((i, u32::try_from(r.3?).ok()?, u32::try_from(r.4?).ok()?)))
            .collect(),
    };
    let placed = shetu_match::schedule::solve(&instance);
    shetu_match::schedule::check(&instance, &placed).map_err(|e| {
        ExchangeError::Store(shetu_store::StoreError::Corrupt(format!("schedule: {e}")))
    })?;
    let now = now_ms();
    let mut unplaced: Vec<NotPlaced> = over_cap
        .into_iter()
        .map(|request_id| NotPlaced {
            request_id,
            reason: Unplaced::OverCap,
        })
        .collect();
    let mut changed_people: Vec<String> = Vec::new();
    let mut kept = 0;
    for (i, (r, at)) in considered.iter().zip(&placed).enumerate() {
        match at {
            Some((slot, table)) => {
                if r.3.is_some() {
                    kept += 1;
                    continue;
                }
                sqlx::query(
                    "INSERT INTO exchange_meeting (request_id, workshop_id, slot, table_no, placed_at) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(&r.0)
                .bind(workshop)
                .bind(i64::from(*slot))
                .bind(i64::from(*table))
                .bind(now)
                .execute(&mut *tx)
                .await?;
                changed_people.extend([r.1.clone(), r.2.clone()]);
            }
            None => {
                let req = &instance.requests[i];
                let both = instance
                    .availability
                    .get(req.a as usize)
                    .copied()
                    .unwrap_or(0)
                    & instance
                        .availability
                        .get(req.b as usize)
                        .copied()
                        .unwrap_or(0);
                let reason = if both == 0 {
                    Unplaced::NoCommonSlot
                } else {
                    Unplaced::TablesFull
                };
                unplaced.push(NotPlaced {
                    request_id: r.0.clone(),
                    reason,
                });
            }
        }
    }
    sqlx::query("UPDATE exchange_workshop SET scheduled_at = $1 WHERE id = $2")
        .bind(now)
        .bind(workshop)
        .execute(&mut *tx)
        .await?;
    changed_people.sort();
    changed_people.dedup();
    for person in &changed_people {
        tell(&mut tx, i18n, person, &w.title, workshop).await?;
    }
    let run = ScheduleRun {
        accepted: accepted.len(),
        placed: placed.iter().filter(|p| p.is_some()).count(),
        kept,
        unplaced,
    };
    let detail = serde_json::json!({ "placed": run.placed, "kept": run.kept, "unplaced": run.unplaced.len(), "told": changed_people.len() });
    outbox::publish(&mut tx, "exchange.workshop.scheduled", workshop, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.workshop.schedule",
        &format!("workshop:{workshop}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(run)
}

/// Tells a participant by SMS and, if they confirmed an address, by e-mail, in their language,
/// that their agenda has changed.
async fn tell(
    tx: &mut Tx,
    i18n: &shetu_i18n::I18n,
    person: &str,
    title: &str,
    workshop: &str,
) -> Result<(), ExchangeError> {
    let Some((phone, lang)) = crate::contact(tx, person).await? else {
        return Ok(());
    };
    let path = format!("/exchange/workshops/{workshop}/agenda");
    let title_arg = || ("title", shetu_i18n::Arg::Text(title.to_owned()));
    let body = i18n.message(
        &lang,
        "exchange-sms-agenda",
        &[title_arg(), ("path", shetu_i18n::Arg::Text(path.clone()))],
    );
    shetu_people::sms::enqueue(tx, &phone, &body).await?;
    let subject = i18n.message(&lang, "exchange-email-agenda-subject", &[title_arg()]);
    let text = i18n.message(&lang, "exchange-email-agenda-body", &[title_arg()]);
    shetu_people::email::enqueue_to_person(tx, person, &subject, &text, Some(&path)).await?;
    Ok(())
}
