//! Completion and certificates: a provider marks an enrolment completed, which issues a signed
//! Verifiable Credential; revocation, the provider's keys and its revocation list.

use super::*;

/// Where this node is reached, for the ids and keys in certificates.
#[derive(Debug, Clone, Default)]
pub struct Issuing {
    /// `http://127.0.0.1:8080`, no trailing slash.
    pub public_url: String,
}

/// The provider's signing key, made on first use. (Kept in the database like the audit log's
/// subject keys; a hardware or cloud key store is for later — see ADR 18.)
pub(super) async fn issuer_key(
    tx: &mut Tx,
    provider: &str,
) -> Result<(String, SigningKey), SkillsError> {
    let found: Option<(String, String)> =
        sqlx::query_as("SELECT key_id, seed FROM skills_issuer_key WHERE org_id = $1")
            .bind(provider)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((key_id, seed)) = found {
        let bytes: [u8; 32] = hex::decode(&seed)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| shetu_store::StoreError::Corrupt("issuer key".into()))?;
        return Ok((key_id, SigningKey::from_bytes(&bytes)));
    }
    let seed: [u8; 32] = {
        use sha2::Digest;
        // 32 random bytes from two random tokens, hashed.
        let mut h = sha2::Sha256::new();
        h.update(shetu_store::secret::token().as_bytes());
        h.update(shetu_store::secret::token().as_bytes());
        h.finalize().into()
    };
    let key = SigningKey::from_bytes(&seed);
    let key_id = "key-1".to_owned();
    sqlx::query("INSERT INTO skills_issuer_key (org_id, key_id, public_key, seed, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(provider)
        .bind(&key_id)
        .bind(credentials::multikey(&key.verifying_key()))
        .bind(hex::encode(seed))
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok((key_id, key))
}

/// The URL of a provider's key (its verification method).
pub fn key_url(issuing: &Issuing, provider: &str, key_id: &str) -> String {
    format!(
        "{}/skills/providers/{provider}/keys/{key_id}",
        issuing.public_url
    )
}

/// A provider marks an enrolment completed: a certificate is issued (a signed Verifiable
/// Credential) and the course's skills join the person's profile as certified.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn complete(
    db: &Db,
    issuing: &Issuing,
    actor: &Actor,
    enrolment: &str,
) -> Result<Enrolment, SkillsError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let e = enrolment_in(&mut tx, enrolment).await?;
    let course = get_in(&mut tx, &e.course_id).await?;
    provider_member(&mut tx, actor, &course.provider_id).await?;
    if e.state != "enrolled" {
        return Err(SkillsError::Conflict("enrolment_not_open"));
    }
    sqlx::query("UPDATE skills_enrolment SET state = 'completed', completed_at = $1 WHERE id = $2")
        .bind(now)
        .bind(enrolment)
        .execute(&mut *tx)
        .await?;
    let (key_id, key) = issuer_key(&mut tx, &course.provider_id).await?;
    let index: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(status_index), -1) + 1 FROM skills_certificate WHERE provider_id = $1",
    )
    .bind(&course.provider_id)
    .fetch_one(&mut *tx)
    .await?;
    if index >= credentials::STATUS_BITS as i64 {
        return Err(SkillsError::Conflict("status_list_full"));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let skills: Vec<(String, String)> = {
        let mut sql =
            shetu_store::sql::Sql::new("SELECT uuid, label_en FROM skills_skill WHERE id IN ");
        sql.list(course.skills.iter().copied()).push(" ORDER BY id");
        let args = sql.build_args()?;
        sqlx::query_as_with(sql.text(), args)
            .fetch_all(&mut *tx)
            .await?
    };
    let issued = crate::vacancies::date_of(now);
    let created = format!("{issued}T{}Z", time_of(now));
    let base = &issuing.public_url;
    let document = serde_json::json!({
        "@context": [VC_CONTEXT],
        "id": format!("{base}/verify/{id}"),
        "type": ["VerifiableCredential", "CourseCompletionCredential"],
        "issuer": { "id": format!("{base}/skills/providers/{}", course.provider_id), "name": course.provider_name },
        "validFrom": created,
        "name": course.title,
        "credentialSubject": {
            "id": format!("{base}/people/{}", e.person_id),
            "name": e.person_name,
            "completed": {
                "course": course.title,
                "level": course.level,
                "weeks": course.duration_weeks,
                "skills": skills.iter().map(|(uuid, label)| serde_json::json!({
                    "id": format!("http://data.europa.eu/esco/skill/{uuid}"), "name": label
                })).collect::<Vec<_>>(),
            },
        },
        "credentialStatus": {
            "id": format!("{base}/skills/providers/{}/status#{index}", course.provider_id),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": index.to_string(),
            "statusListCredential": format!("{base}/skills/providers/{}/status", course.provider_id),
        },
    });
    let signed = credentials::sign(
        &document,
        &key,
        &key_url(issuing, &course.provider_id, &key_id),
        &created,
    )
    .map_err(|e| shetu_store::StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO skills_certificate (id, enrolment_id, person_id, provider_id, status_index, document, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(enrolment)
    .bind(&e.person_id)
    .bind(&course.provider_id)
    .bind(index)
    .bind(signed.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The course's skills become certified on the person's profile (if they keep one).
    let has_profile: Option<String> =
        sqlx::query_scalar("SELECT person_id FROM skills_profile WHERE person_id = $1")
            .bind(&e.person_id)
            .fetch_optional(&mut *tx)
            .await?;
    if has_profile.is_some() {
        for s in &course.skills {
            sqlx::query(
                "INSERT INTO skills_profile_skill (person_id, skill_id, level, evidence, added_at) \
                 VALUES ($1, $2, 'good', 'certificate', $3) \
                 ON CONFLICT (person_id, skill_id) DO UPDATE SET evidence = 'certificate'",
            )
            .bind(&e.person_id)
            .bind(*s)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        crate::vacancies::bump(&mut tx, "profiles").await?;
    }
    let subject: Option<shetu_core::id::PersonId> = e.person_id.parse().ok();
    let detail = serde_json::json!({ "certificate": id, "course": course.id });
    outbox::publish(&mut tx, "skills.certificate.issued", &id, &detail).await?;
    record(
        &mut tx,
        actor,
        subject,
        "skills.enrolment.complete",
        &format!("enrolment:{enrolment}"),
        detail,
    )
    .await?;
    let done = enrolment_in(&mut tx, enrolment).await?;
    tx.commit().await?;
    Ok(done)
}

pub(super) fn time_of(ms: i64) -> String {
    let s = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// A provider revokes a certificate; its bit in the published status list is set.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn revoke(db: &Db, actor: &Actor, certificate: &str) -> Result<(), SkillsError> {
    let mut tx = db.begin().await?;
    let found: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT provider_id, person_id, revoked_at FROM skills_certificate WHERE id = $1",
    )
    .bind(certificate)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((provider, person, revoked)) = found else {
        return Err(SkillsError::NotFound("certificate_not_found"));
    };
    provider_member(&mut tx, actor, &provider).await?;
    if revoked.is_some() {
        return Err(SkillsError::Conflict("certificate_revoked"));
    }
    sqlx::query("UPDATE skills_certificate SET revoked_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(certificate)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "certificate": certificate });
    outbox::publish(&mut tx, "skills.certificate.revoked", certificate, &detail).await?;
    record(
        &mut tx,
        actor,
        person.parse().ok(),
        "skills.certificate.revoke",
        &format!("certificate:{certificate}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A certificate as stored: its document, the holder, and whether it is revoked.
#[derive(Debug, Clone)]
pub struct Certificate {
    /// Its id.
    pub id: String,
    /// The holder.
    pub person_id: String,
    /// The issuing provider.
    pub provider_id: String,
    /// The signed document.
    pub document: serde_json::Value,
    /// Revoked.
    pub revoked: bool,
}

/// A certificate by id.
pub async fn certificate(db: &Db, id: &str) -> Result<Certificate, SkillsError> {
    let found: Option<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, person_id, provider_id, document, revoked_at FROM skills_certificate WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    // An erased person's certificate keeps its row (and status index) but not its document.
    let (id, person_id, provider_id, document, revoked) = found
        .filter(|f| !f.3.is_empty())
        .ok_or(SkillsError::NotFound("certificate_not_found"))?;
    Ok(Certificate {
        id,
        person_id,
        provider_id,
        document: serde_json::from_str(&document)
            .map_err(|e| shetu_store::StoreError::Corrupt(e.to_string()))?,
        revoked: revoked.is_some(),
    })
}

/// A provider's published key (Multikey), by the verification method's URL parts.
pub async fn public_key(db: &Db, provider: &str, key_id: &str) -> Result<String, SkillsError> {
    sqlx::query_scalar("SELECT public_key FROM skills_issuer_key WHERE org_id = $1 AND key_id = $2")
        .bind(provider)
        .bind(key_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(SkillsError::NotFound("key_not_found"))
}

/// A provider's status list: the indexes of its revoked certificates.
pub async fn revoked(db: &Db, provider: &str) -> Result<Vec<usize>, SkillsError> {
    let rows: Vec<i64> = sqlx::query_scalar(
        "SELECT status_index FROM skills_certificate WHERE provider_id = $1 AND revoked_at IS NOT NULL",
    )
    .bind(provider)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|i| usize::try_from(i).ok())
        .collect())
}
