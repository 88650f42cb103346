//! Attachments of a solution: evaluations, manuals, photos, data. Their type is read from their
//! bytes (never from the name or what the sender says), they are size limited, and they are
//! reviewed with the version they came with: readers see an attachment once the secretariat has
//! published that version.

use super::*;
use sha2::{Digest, Sha256};

/// The largest attachment, in bytes (a report as PDF, a slide deck).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

/// The most attachments a solution keeps.
pub const MAX_PER_SOLUTION: i64 = 8;

/// What an attachment may be, as read from its content: (kind, media type).
pub const KINDS: [(&str, &str); 11] = [
    ("pdf", "application/pdf"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("webp", "image/webp"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("odt", "application/vnd.oasis.opendocument.text"),
    ("ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ("odp", "application/vnd.oasis.opendocument.presentation"),
    ("csv", "text/csv; charset=utf-8"),
];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The kind of file `bytes` hold, if it is one a solution may carry. Office files are ZIP
/// archives: told apart by the part every such document must have (its names are stored
/// uncompressed); OpenDocument files by their first entry, `mimetype`. Text is accepted as CSV
/// when it is UTF-8 without control characters. HTML, SVG, scripts and programs are not.
pub fn kind_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("pdf");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some("jpeg");
    }
    if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("webp");
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if bytes.get(30..38) == Some(b"mimetype") {
            let head = &bytes[38..bytes.len().min(38 + 60)];
            for (kind, tail) in [
                ("odt", &b"opendocument.text"[..]),
                ("ods", b"opendocument.spreadsheet"),
                ("odp", b"opendocument.presentation"),
            ] {
                if contains(head, tail) {
                    return Some(kind);
                }
            }
            return None;
        }
        if !contains(bytes, b"[Content_Types].xml") {
            return None;
        }
        for (kind, part) in [
            ("docx", &b"word/document.xml"[..]),
            ("xlsx", b"xl/workbook.xml"),
            ("pptx", b"ppt/presentation.xml"),
        ] {
            if contains(bytes, part) {
                return Some(kind);
            }
        }
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        && !text.trim_start().starts_with('<');
    plain.then_some("csv")
}

/// The media type of a kind.
pub fn media_type(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("application/octet-stream", |(_, m)| m)
}

/// A file name fit to show and to offer for download: its last path part, no control
/// characters, at most 120 characters, with the extension of what it really is.
pub fn clean_name(name: &str, kind: &str) -> Result<String, ExchangeError> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .collect();
    let cleaned = cleaned.trim().trim_matches('.');
    if cleaned.is_empty() {
        return Err(ExchangeError::Invalid("name".into(), "required"));
    }
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => cleaned,
    };
    let stem: String = stem.chars().take(110).collect();
    let ext = if kind == "jpeg" { "jpg" } else { kind };
    Ok(format!("{stem}.{ext}"))
}

/// A file as sent, checked: its kind (from its bytes), a clean name, its SHA-256 and size.
pub(crate) struct CheckedFile {
    pub(crate) kind: &'static str,
    pub(crate) name: String,
    pub(crate) sha256: String,
    pub(crate) size: i64,
}

/// Checks a file's size and kind and cleans its name (solutions' attachments and matches'
/// documents alike).
pub(crate) fn check_file(name: &str, bytes: &[u8]) -> Result<CheckedFile, ExchangeError> {
    if bytes.len() > MAX_BYTES {
        return Err(ExchangeError::TooLarge {
            max_mb: (MAX_BYTES / (1024 * 1024)) as i64,
        });
    }
    let kind = kind_of(bytes).ok_or_else(|| ExchangeError::Invalid("file".into(), "file_type"))?;
    Ok(CheckedFile {
        kind,
        name: clean_name(name, kind)?,
        sha256: shetu_store::audit::hex(&Sha256::digest(bytes)),
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
    })
}

/// An attachment as listed with its solution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attachment {
    /// Its id.
    pub id: String,
    /// File name.
    pub name: String,
    /// What it is (`pdf`, `docx`, `png` …), read from its content.
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the content, in hex.
    pub sha256: String,
    /// The version it came with; readers see it once that version is published.
    pub version: i64,
}

/// Adds an attachment to the version of a solution waiting for review (submitted or returned):
/// its member's people only; a published solution is revised first.
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn attach(
    db: &Db,
    actor: &Actor,
    id: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Attachment, ExchangeError> {
    let CheckedFile {
        kind,
        name,
        sha256: sha,
        size,
    } = check_file(name, bytes)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let (_, member, status, version, ..) = row(&mut tx, id).await?;
    acting_member(&mut tx, actor, &member).await?;
    if !matches!(status.as_str(), "submitted" | "returned") {
        return Err(ExchangeError::Conflict("revise_first"));
    }
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM exchange_attachment WHERE solution_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= MAX_PER_SOLUTION {
        return Err(ExchangeError::Conflict("too_many_attachments"));
    }
    let aid = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "INSERT INTO exchange_attachment (id, solution_id, version, name, kind, size, sha256, content, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&aid)
    .bind(id)
    .bind(version)
    .bind(&name)
    .bind(kind)
    .bind(size)
    .bind(&sha)
    .bind(bytes.to_vec())
    .bind(actor.person.to_string())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "attachment": aid, "kind": kind, "size": size, "sha256": sha, "version": version });
    outbox::publish(&mut tx, "exchange.solution.attached", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.solution.attach",
        &format!("solution:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(Attachment {
        id: aid,
        name,
        kind: kind.to_owned(),
        size,
        sha256: sha,
        version,
    })
}

/// The attachments `reader` may see: those of published versions (all, for insiders).
pub async fn attachments(
    db: &Db,
    reader: Option<&Actor>,
    id: &str,
) -> Result<Vec<Attachment>, ExchangeError> {
    let mut conn = crate::conn(db).await?;
    let s = view(&mut conn, reader, id).await?;
    let upto = if s.shown_version == s.version {
        s.version
    } else {
        s.published_version.unwrap_or(0)
    };
    let rows: Vec<(String, String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT id, name, kind, size, sha256, version FROM exchange_attachment \
         WHERE solution_id = $1 AND version <= $2 ORDER BY created_at, id",
    )
    .bind(id)
    .bind(upto)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, size, sha256, version)| Attachment {
            id,
            name,
            kind,
            size,
            sha256,
            version,
        })
        .collect())
}

/// One attachment's name, kind and bytes, if `reader` may see it.
pub async fn file(
    db: &Db,
    reader: Option<&Actor>,
    id: &str,
    attachment: &str,
) -> Result<(String, String, Vec<u8>), ExchangeError> {
    let visible = attachments(db, reader, id).await?;
    let Some(a) = visible.into_iter().find(|a| a.id == attachment) else {
        return Err(ExchangeError::NotFound("attachment_not_found"));
    };
    let mut conn = crate::conn(db).await?;
    let bytes: Vec<u8> =
        sqlx::query_scalar("SELECT content FROM exchange_attachment WHERE id = $1")
            .bind(attachment)
            .fetch_one(&mut *conn)
            .await?;
    Ok((a.name, a.kind, bytes))
}

/// Removes an attachment of a version still waiting for review (its member's people).
#[tracing::instrument(skip_all, fields(actor = %actor.person))]
pub async fn detach(
    db: &Db,
    actor: &Actor,
    id: &str,
    attachment: &str,
) -> Result<(), ExchangeError> {
    let mut tx = db.begin().await?;
    let (_, member, _, _, published, ..) = row(&mut tx, id).await?;
    acting_member(&mut tx, actor, &member).await?;
    let version: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM exchange_attachment WHERE id = $1 AND solution_id = $2",
    )
    .bind(attachment)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let version = version.ok_or(ExchangeError::NotFound("attachment_not_found"))?;
    if published.is_some_and(|p| version <= p) {
        return Err(ExchangeError::Conflict("attachment_published"));
    }
    sqlx::query("DELETE FROM exchange_attachment WHERE id = $1")
        .bind(attachment)
        .execute(&mut *tx)
        .await?;
    let detail = serde_json::json!({ "attachment": attachment });
    outbox::publish(&mut tx, "exchange.solution.detached", id, &detail).await?;
    record(
        &mut tx,
        actor,
        "exchange.solution.detach",
        &format!("solution:{id}"),
        detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_read_from_the_bytes() {
        assert_eq!(kind_of(b"%PDF-1.7\n..."), Some("pdf"));
        assert_eq!(kind_of(b"\x89PNG\r\n\x1a\n\0\0"), Some("png"));
        assert_eq!(kind_of(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(
            kind_of("district,allowance\nBhola,৫০০\n".as_bytes()),
            Some("csv")
        );
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend([0u8; 26]);
        odt.extend(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(kind_of(&odt), Some("odt"));
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml....";
        assert_eq!(kind_of(docx), Some("docx"));
        // Not allowed, whatever they are called.
        assert_eq!(kind_of(b"<html><script>alert(1)</script>"), None);
        assert_eq!(kind_of(b"<svg onload=alert(1)>"), None);
        assert_eq!(kind_of(b"MZ\x90\0\x03\0\0\0"), None, "a Windows program");
        assert_eq!(kind_of(b"\x7fELF\x02\x01"), None, "a Linux program");
        assert_eq!(
            kind_of(b"PK\x03\x04 some.jar"),
            None,
            "a ZIP that is no document"
        );
        assert_eq!(kind_of(b""), None);
    }

    #[test]
    fn names_lose_paths_and_take_the_real_extension() {
        assert_eq!(
            clean_name("C:\\Users\\a\\report.pdf", "pdf")
                .ok()
                .as_deref(),
            Some("report.pdf")
        );
        assert_eq!(
            clean_name("../../etc/passwd", "csv").ok().as_deref(),
            Some("passwd.csv")
        );
        assert_eq!(
            clean_name("evaluation.pdf.exe", "pdf").ok().as_deref(),
            Some("evaluation.pdf.pdf")
        );
        assert_eq!(
            clean_name("মূল্যায়ন.docx", "docx").ok().as_deref(),
            Some("মূল্যায়ন.docx")
        );
        assert_eq!(
            clean_name("photo.jpeg", "jpeg").ok().as_deref(),
            Some("photo.jpg")
        );
        assert!(clean_name("  ..  ", "pdf").is_err());
    }
}
