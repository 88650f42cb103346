//! Software solutions in and out of publiccode.yml.

use super::*;

/// A member submits a software solution from its publiccode.yml (checked field by field).
pub async fn import(
    db: &Db,
    actor: &Actor,
    member: &str,
    text: &str,
) -> Result<Solution, ExchangeError> {
    let sw = crate::publiccode::parse(text).map_err(ExchangeError::Problems)?;
    let country = {
        let mut conn = crate::conn(db).await?;
        crate::members::get_in(&mut conn, member).await?.country
    };
    let d = sw
        .descriptions
        .iter()
        .find(|d| d.lang == "en")
        .or(sw.descriptions.first())
        .cloned();
    let (short, long, features) =
        d.map_or_else(Default::default, |d| (d.short, d.long, d.features));
    let maturity = match sw.development_status.as_str() {
        "concept" => "idea",
        "development" | "beta" => "pilot",
        _ => "scaled",
    };
    let content = SolutionContent {
        title: sw.name.chars().take(160).collect(),
        problem: short,
        approach: long.chars().take(4000).collect(),
        results: features.join("; ").chars().take(4000).collect(),
        evidence: String::new(),
        implemented: matches!(sw.development_status.as_str(), "beta" | "stable"),
        countries: vec![country],
        level: "national".into(),
        cost: "low".into(),
        months_to_adopt: 6,
        maturity: maturity.into(),
        sdgs: Vec::new(),
        focus: vec!["data_innovation".into()],
        contact: sw.contacts.join(", ").chars().take(300).collect(),
        software: Some(sw),
    };
    submit(db, actor, member, content).await
}

/// The publiccode.yml of a software solution, as the reader may see it.
pub async fn publiccode(db: &Db, actor: Option<&Actor>, id: &str) -> Result<String, ExchangeError> {
    let s = get(db, actor, id).await?;
    s.content
        .software
        .as_ref()
        .map(crate::publiccode::write)
        .ok_or(ExchangeError::NotFound("not_software"))
}
