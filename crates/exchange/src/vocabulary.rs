//! The network's words: member kinds, focus areas, SDG targets, maturity, levels of government,
//! cost bands and languages, each a stable code that pages name in the reader's language.

use crate::ExchangeError;

/// Kinds of member: organisations of five kinds, and individual experts.
pub const MEMBER_KINDS: [&str; 6] = [
    "government",
    "private",
    "academic",
    "development_partner",
    "civil_society",
    "expert",
];

/// The network's six focus areas.
pub const FOCUS_AREAS: [&str; 6] = [
    "future_public_service",
    "civil_service",
    "finance",
    "work",
    "data_innovation",
    "commerce",
];

/// How far a solution has come.
pub const MATURITY: [&str; 4] = ["idea", "pilot", "scaled", "replicated"];

/// The level of government that runs it.
pub const LEVELS: [&str; 3] = ["national", "regional", "local"];

/// What adopting it costs, roughly.
pub const COSTS: [&str; 3] = ["low", "medium", "high"];

/// Languages members work in (ISO 639-1).
pub const LANGUAGES: [&str; 8] = ["bn", "en", "ar", "fr", "es", "pt", "tr", "so"];

/// Checks a list of codes against a vocabulary: each known, no more than `max`, duplicates
/// dropped, order kept.
pub fn codes(
    field: &str,
    values: &[String],
    known: &[&str],
    max: usize,
) -> Result<Vec<String>, ExchangeError> {
    if values.len() > max {
        return Err(ExchangeError::Invalid(field.to_owned(), "too_many"));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let v = v.trim();
        if !known.contains(&v) {
            return Err(ExchangeError::Invalid(
                format!("{field}.{i}"),
                "unknown_code",
            ));
        }
        if !out.iter().any(|x| x == v) {
            out.push(v.to_owned());
        }
    }
    Ok(out)
}

/// One code from a vocabulary.
pub fn code(field: &str, value: &str, known: &[&str]) -> Result<String, ExchangeError> {
    let v = value.trim();
    known
        .contains(&v)
        .then(|| v.to_owned())
        .ok_or_else(|| ExchangeError::Invalid(field.to_owned(), "unknown_code"))
}

/// Whether `target` names a target of the Sustainable Development Goals: goal 1–17, then a
/// target number or letter (`16.6`, `17.18`, `6.a`).
pub fn is_sdg_target(target: &str) -> bool {
    let Some((goal, rest)) = target.split_once('.') else {
        return false;
    };
    let goal_ok = goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g)) && !goal.starts_with('0');
    let rest_ok = match rest.len() {
        1 | 2 if rest.chars().all(|c| c.is_ascii_digit()) => {
            !rest.starts_with('0') && rest.parse::<u8>().is_ok_and(|n| n >= 1)
        }
        1 => rest.chars().all(|c| matches!(c, 'a'..='e')),
        _ => false,
    };
    goal_ok && rest_ok
}

/// SDG targets, checked; at most `max`, duplicates dropped.
pub fn sdg_targets(
    field: &str,
    values: &[String],
    max: usize,
) -> Result<Vec<String>, ExchangeError> {
    if values.len() > max {
        return Err(ExchangeError::Invalid(field.to_owned(), "too_many"));
    }
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let v = v.trim();
        if !is_sdg_target(v) {
            return Err(ExchangeError::Invalid(
                format!("{field}.{i}"),
                "unknown_sdg_target",
            ));
        }
        if !out.iter().any(|x| x == v) {
            out.push(v.to_owned());
        }
    }
    Ok(out)
}

/// The goal of a target (`16` of `16.6`).
pub fn goal_of(target: &str) -> &str {
    target.split_once('.').map_or(target, |(g, _)| g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdg_targets_are_goal_then_number_or_letter() {
        for ok in ["16.6", "17.18", "6.a", "1.1", "10.c"] {
            assert!(is_sdg_target(ok), "{ok}");
        }
        for bad in [
            "18.1", "0.1", "16", "16.", "16.0", "16.f", "16.6.1", "016.6", "x.1", "",
        ] {
            assert!(!is_sdg_target(bad), "{bad}");
        }
        assert_eq!(goal_of("16.6"), "16");
    }

    #[test]
    fn codes_keep_order_and_drop_repeats_and_name_the_unknown() {
        let v = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            codes("focus", &v(&["work", "finance", "work"]), &FOCUS_AREAS, 6).ok(),
            Some(v(&["work", "finance"]))
        );
        let e = codes("focus", &v(&["work", "space"]), &FOCUS_AREAS, 6)
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("invalid focus.1: unknown_code"));
    }
}
