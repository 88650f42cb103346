//! Loading the skills taxonomy: ISCO-08 occupation groups, occupations, skill groups, skills and
//! which skills each occupation needs (essential or optional), from the Tabiya/ESCO CSV files —
//! an operator's folder (`shetu import taxonomy DIR`) or the copy built into the binary — with the
//! country pack's labels in its language. One transaction; the same files and labels a second
//! time change nothing (a fingerprint of what was read is kept).

use sha2::{Digest, Sha256};
use shetu_pack::Pack;
use shetu_store::sql::Sql;
use shetu_store::{audit, now_ms, outbox, Db, StoreError, Tx};
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

mod parse;
use parse::*;

/// The name of the taxonomy in `shetu import` and in the import record.
pub const NAME: &str = "taxonomy";

/// Bumped when the way files become rows changes, so the next start imports again.
const IMPORT_VERSION: &str = "skills-taxonomy-2";

/// The files read, relative to the taxonomy folder.
pub const FILES: [&str; 6] = [
    "tabiya-esco-1.1.1-v2.0.1/occupation_groups.csv",
    "tabiya-esco-1.1.1-v2.0.1/occupations.csv",
    "tabiya-esco-1.1.1-v2.0.1/skill_groups.csv",
    "esco-v1.1.1/skills_en.csv",
    "esco-v1.1.1/broaderRelationsSkillPillar.csv",
    "esco-v1.1.1/occupationSkillRelations_uuid.csv",
];

const OCCUPATION_URI: &str = "http://data.europa.eu/esco/occupation/";
const SKILL_URI: &str = "http://data.europa.eu/esco/skill/";

/// Why the taxonomy could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// A file is missing or unreadable.
    #[error("{file}: {problem}")]
    File { file: String, problem: String },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for TaxonomyError {
    fn from(e: sqlx::Error) -> Self {
        TaxonomyError::Store(e.into())
    }
}

/// Where the files come from.
#[derive(Debug, Clone)]
pub enum Files {
    /// The copy built into the binary (`data/taxonomy/` when it was built).
    BuiltIn,
    /// A folder laid out as `data/taxonomy/`.
    Dir(PathBuf),
}

macro_rules! built_in {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".gz")).as_slice()
    };
}

impl Files {
    /// The file's text, read as it is used: nothing holds a whole file in memory.
    fn open(&self, name: &str) -> Result<Box<dyn Read + Send>, TaxonomyError> {
        let bad = |problem: String| TaxonomyError::File {
            file: name.to_owned(),
            problem,
        };
        match self {
            Files::Dir(dir) => match std::fs::File::open(dir.join(name)) {
                Ok(f) => Ok(Box::new(std::io::BufReader::new(f))),
                Err(e) => Err(bad(e.to_string())),
            },
            Files::BuiltIn => {
                let packed: &'static [u8] =
                    match Path::new(name).file_name().and_then(|f| f.to_str()) {
                        Some("occupation_groups.csv") => built_in!("occupation_groups.csv"),
                        Some("occupations.csv") => built_in!("occupations.csv"),
                        Some("skill_groups.csv") => built_in!("skill_groups.csv"),
                        Some("skills_en.csv") => built_in!("skills_en.csv"),
                        Some("broaderRelationsSkillPillar.csv") => {
                            built_in!("broaderRelationsSkillPillar.csv")
                        }
                        Some("occupationSkillRelations_uuid.csv") => {
                            built_in!("occupationSkillRelations_uuid.csv")
                        }
                        _ => return Err(bad("not built in".into())),
                    };
                Ok(Box::new(flate2::read::GzDecoder::new(packed)))
            }
        }
    }

    /// A fingerprint of the files and the pack's labels, read in small pieces: a start over a
    /// database that already holds this taxonomy reads no more than this (no parsing, no rows in
    /// memory).
    fn fingerprint(&self, pack: &Pack) -> Result<String, TaxonomyError> {
        let mut hash = Sha256::new();
        hash.update(IMPORT_VERSION.as_bytes());
        for name in FILES {
            hash.update(name.as_bytes());
            let n = std::io::copy(&mut self.open(name)?, &mut hash).map_err(|e| {
                TaxonomyError::File {
                    file: name.to_owned(),
                    problem: e.to_string(),
                }
            })?;
            hash.update(n.to_le_bytes());
        }
        hash.update(b"labels");
        hash.update(pack.taxonomy_labels.as_bytes());
        Ok(hex::encode(hash.finalize()))
    }
}

struct Group {
    code: String,
    parent: Option<String>,
    local: bool,
    label: String,
}

struct Occupation {
    code: String,
    uri: String,
    group: String,
    local: bool,
    label: String,
    alt: String,
}

struct SkillGroup {
    uri: String,
    code: String,
    label: String,
}

struct Skill {
    uuid: String,
    skill_type: String,
    reuse: String,
    group_uri: Option<String>,
    label: String,
    alt: String,
}

/// A label in the pack's language: (kind, key) → label and other names.
struct Label {
    kind: String,
    key: String,
    label: String,
    alt: String,
}

/// Everything read from the files, before it is written.
struct Parsed {
    groups: Vec<Group>,
    occupations: Vec<Occupation>,
    skill_groups: Vec<SkillGroup>,
    skills: Vec<Skill>,
    /// (occupation uuid, skill uuid, essential)
    links: Vec<(String, String, bool)>,
    labels: Vec<Label>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    /// Nothing changed: these files and labels were imported before.
    pub unchanged: bool,
    /// Occupation groups (ISCO-08 and the taxonomy's own).
    pub groups: usize,
    /// Occupations.
    pub occupations: usize,
    /// Skills and knowledge.
    pub skills: usize,
    /// Occupation → skill links.
    pub links: usize,
    /// Occupations with a label in the pack's language.
    pub labelled_occupations: usize,
    /// Skills with a label in the pack's language.
    pub labelled_skills: usize,
    /// Pack labels whose key names nothing in the taxonomy.
    pub unknown_labels: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}{} occupation groups, {} occupations, {} skills, {} occupation-skill links; \
             pack labels for {} occupations and {} skills",
            if self.unchanged {
                "already imported: "
            } else {
                ""
            },
            self.groups,
            self.occupations,
            self.skills,
            self.links,
            self.labelled_occupations,
            self.labelled_skills
        )?;
        if self.unknown_labels > 0 {
            write!(
                f,
                " ({} pack labels name nothing in the taxonomy)",
                self.unknown_labels
            )?;
        }
        Ok(())
    }
}

/// Rows written per statement. More rows mean fewer statements, but sqlx binds each value by
/// name and SQLite finds a name by walking the statement's list of names, so a statement of
/// *p* values costs ~p²/2 steps: at 500 rows (3,000 values) the built-in taxonomy took 5.9 s
/// to load on SQLite in a test, at 100 rows 4.0 s, and PostgreSQL was no slower.
const CHUNK: usize = 100;

/// Loads the taxonomy from `files` with `pack`'s labels; `progress(done, total)` as it goes.
pub async fn import(
    db: &Db,
    pack: &'static Pack,
    files: Files,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<Summary, TaxonomyError> {
    let failed = |e: tokio::task::JoinError| TaxonomyError::File {
        file: "taxonomy".into(),
        problem: e.to_string(),
    };
    let fingerprint = {
        let files = files.clone();
        tokio::task::spawn_blocking(move || files.fingerprint(pack))
            .await
            .map_err(failed)??
    };
    {
        let before: Option<String> = sqlx::query_scalar(
            "SELECT summary FROM skills_taxonomy_import WHERE name = $1 AND fingerprint = $2",
        )
        .bind(NAME)
        .bind(&fingerprint)
        .fetch_optional(db.pool())
        .await?;
        if let Some(mut summary) = before.and_then(|s| serde_json::from_str::<Summary>(&s).ok()) {
            summary.unchanged = true;
            return Ok(summary);
        }
    }
    let parsed = tokio::task::spawn_blocking(move || parse(&files, pack))
        .await
        .map_err(failed)??;
    let mut tx = db.begin().await?;
    let total = (parsed.groups.len()
        + parsed.occupations.len()
        + parsed.skill_groups.len()
        + parsed.skills.len()
        + parsed.links.len()) as u64;
    let mut done = 0_u64;
    let mut step = |n: usize| {
        done += n as u64;
        progress(done, total);
    };
    progress(0, total);
    write_groups(&mut tx, &parsed.groups, &mut step).await?;
    write_occupations(&mut tx, &parsed.occupations, &mut step).await?;
    write_skill_groups(&mut tx, &parsed.skill_groups, &mut step).await?;
    write_skills(&mut tx, &parsed.skills, &mut step).await?;
    let links = write_links(&mut tx, &parsed.links, &mut step).await?;
    let (labelled_occupations, labelled_skills, unknown_labels) =
        write_labels(&mut tx, &parsed.labels).await?;
    let summary = Summary {
        unchanged: false,
        groups: parsed.groups.len(),
        occupations: parsed.occupations.len(),
        skills: parsed.skills.len(),
        links,
        labelled_occupations,
        labelled_skills,
        unknown_labels,
    };
    let detail = serde_json::to_value(&summary).unwrap_or_default();
    sqlx::query(
        "INSERT INTO skills_taxonomy_import (name, fingerprint, summary, imported_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint, summary = excluded.summary, \
         imported_at = excluded.imported_at",
    )
    .bind(NAME)
    .bind(&fingerprint)
    .bind(detail.to_string())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    outbox::publish(&mut tx, "skills.taxonomy.imported", NAME, &detail).await?;
    audit::record(
        &mut tx,
        audit::Entry {
            actor: None,
            subject: None,
            action: "skills.taxonomy.import",
            object: &format!("taxonomy:{}", &fingerprint[..16]),
            request_id: None,
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

async fn run(tx: &mut Tx, sql: &mut Sql) -> Result<(), TaxonomyError> {
    sql.build()?.execute(&mut **tx).await?;
    Ok(())
}

async fn write_groups(
    tx: &mut Tx,
    groups: &[Group],
    step: &mut (dyn FnMut(usize) + Send),
) -> Result<(), TaxonomyError> {
    for chunk in groups.chunks(CHUNK) {
        let mut sql = Sql::new(
            "INSERT INTO skills_occupation_group (code, parent_code, local, label_en) VALUES ",
        );
        sql.values(chunk, |v, g| {
            v.bind(g.code.clone())
                .bind(g.parent.clone())
                .bind(i64::from(g.local))
                .bind(g.label.clone());
        })
        .push(
            " ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, \
             local = excluded.local, label_en = excluded.label_en",
        );
        run(tx, &mut sql).await?;
        step(chunk.len());
    }
    Ok(())
}

async fn write_occupations(
    tx: &mut Tx,
    occupations: &[Occupation],
    step: &mut (dyn FnMut(usize) + Send),
) -> Result<(), TaxonomyError> {
    for chunk in occupations.chunks(CHUNK) {
        let mut sql = Sql::new(
            "INSERT INTO skills_occupation (code, uri, group_code, local, label_en, alt_en) VALUES ",
        );
        sql.values(chunk, |v, o| {
            v.bind(o.code.clone())
                .bind(o.uri.clone())
                .bind(o.group.clone())
                .bind(i64::from(o.local))
                .bind(o.label.clone())
                .bind(o.alt.clone());
        })
        .push(
            " ON CONFLICT (code) DO UPDATE SET uri = excluded.uri, group_code = excluded.group_code, \
             local = excluded.local, label_en = excluded.label_en, alt_en = excluded.alt_en",
        );
        run(tx, &mut sql).await?;
        step(chunk.len());
    }
    Ok(())
}

async fn write_skill_groups(
    tx: &mut Tx,
    groups: &[SkillGroup],
    step: &mut (dyn FnMut(usize) + Send),
) -> Result<(), TaxonomyError> {
    for chunk in groups.chunks(CHUNK) {
        let mut sql = Sql::new("INSERT INTO skills_skill_group (uri, code, label_en) VALUES ");
        sql.values(chunk, |v, g| {
            v.bind(g.uri.clone())
                .bind(g.code.clone())
                .bind(g.label.clone());
        })
        .push(
            " ON CONFLICT (uri) DO UPDATE SET code = excluded.code, label_en = excluded.label_en",
        );
        run(tx, &mut sql).await?;
        step(chunk.len());
    }
    Ok(())
}

async fn ids(tx: &mut Tx, query: &str) -> Result<HashMap<String, i64>, TaxonomyError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(query).fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().map(|(id, key)| (key, id)).collect())
}

async fn write_skills(
    tx: &mut Tx,
    skills: &[Skill],
    step: &mut (dyn FnMut(usize) + Send),
) -> Result<(), TaxonomyError> {
    let groups = ids(tx, "SELECT id, uri FROM skills_skill_group").await?;
    for chunk in skills.chunks(CHUNK) {
        let mut sql = Sql::new(
            "INSERT INTO skills_skill (uuid, skill_type, reuse, group_id, label_en, alt_en) VALUES ",
        );
        sql.values(chunk, |v, s| {
            v.bind(s.uuid.clone())
                .bind(s.skill_type.clone())
                .bind(s.reuse.clone())
                .bind(s.group_uri.as_ref().and_then(|g| groups.get(g)).copied())
                .bind(s.label.clone())
                .bind(s.alt.clone());
        })
        .push(
            " ON CONFLICT (uuid) DO UPDATE SET skill_type = excluded.skill_type, reuse = excluded.reuse, \
             group_id = excluded.group_id, label_en = excluded.label_en, alt_en = excluded.alt_en",
        );
        run(tx, &mut sql).await?;
        step(chunk.len());
    }
    Ok(())
}

/// Replaces every occupation → skill link; returns how many were written (links naming an
/// occupation or a skill the files do not have are left out, as the published data has a few).
async fn write_links(
    tx: &mut Tx,
    links: &[(String, String, bool)],
    step: &mut (dyn FnMut(usize) + Send),
) -> Result<usize, TaxonomyError> {
    let occupations: HashMap<String, i64> = ids(tx, "SELECT id, uri FROM skills_occupation")
        .await?
        .into_iter()
        .filter_map(|(uri, id)| uri.strip_prefix(OCCUPATION_URI).map(|u| (u.to_owned(), id)))
        .collect();
    let skills = ids(tx, "SELECT id, uuid FROM skills_skill").await?;
    sqlx::query("DELETE FROM skills_occupation_skill")
        .execute(&mut **tx)
        .await?;
    let mut resolved: Vec<(i64, i64, bool)> = links
        .iter()
        .filter_map(|(o, s, essential)| Some((*occupations.get(o)?, *skills.get(s)?, *essential)))
        .collect();
    // One link per pair; essential wins if the files list a pair twice.
    resolved.sort_by_key(|l| (l.0, l.1, !l.2));
    resolved.dedup_by_key(|l| (l.0, l.1));
    let mut written = 0;
    for chunk in resolved.chunks(CHUNK * 2) {
        let mut sql = Sql::new(
            "INSERT INTO skills_occupation_skill (occupation_id, skill_id, essential) VALUES ",
        );
        sql.values(chunk, |v, (o, s, e)| {
            v.bind(*o).bind(*s).bind(i64::from(*e));
        });
        run(tx, &mut sql).await?;
        written += chunk.len();
        step(chunk.len());
    }
    step(links.len().saturating_sub(written));
    Ok(written)
}

/// Sets the pack's labels, clearing those it no longer has. Returns (occupations labelled,
/// skills labelled, labels naming nothing).
async fn write_labels(
    tx: &mut Tx,
    labels: &[Label],
) -> Result<(usize, usize, usize), TaxonomyError> {
    sqlx::query(
        "UPDATE skills_occupation SET label_bn = NULL, alt_bn = '' WHERE label_bn IS NOT NULL",
    )
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE skills_skill SET label_bn = NULL, alt_bn = '' WHERE label_bn IS NOT NULL")
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE skills_occupation_group SET label_bn = NULL WHERE label_bn IS NOT NULL")
        .execute(&mut **tx)
        .await?;
    let (mut occupations, mut skills, mut unknown) = (0, 0, 0);
    for label in labels {
        let query = match label.kind.as_str() {
            "occupation" => {
                "UPDATE skills_occupation SET label_bn = $1, alt_bn = $2 WHERE code = $3"
            }
            "skill" => "UPDATE skills_skill SET label_bn = $1, alt_bn = $2 WHERE uuid = $3",
            "group" => {
                "UPDATE skills_occupation_group SET label_bn = $1 WHERE code = $3 AND $2 = $2"
            }
            _ => {
                unknown += 1;
                continue;
            }
        };
        let changed = sqlx::query(query)
            .bind(&label.label)
            .bind(&label.alt)
            .bind(&label.key)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        match (changed, label.kind.as_str()) {
            (0, _) => unknown += 1,
            (_, "occupation") => occupations += 1,
            (_, "skill") => skills += 1,
            _ => {}
        }
    }
    Ok((occupations, skills, unknown))
}
