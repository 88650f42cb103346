//! Software solutions described by `publiccode.yml` (the standard for public-sector software,
//! v0.2–0.4): read and checked field by field, turned into a solution, and written back.
//!
//! The checks follow the standard's mandatory keys: `publiccodeYmlVersion`, `name`, `url`,
//! `platforms`, `categories`, `developmentStatus`, `softwareType`, `description.<lang>` with
//! `shortDescription` (at most 150 characters), `longDescription` (150 to 10,000) and
//! `features`, `legal.license`, `maintenance.type` (with `maintenance.contacts` when internal or
//! community) and `localisation.localisationReady` / `availableLanguages`. Every problem is
//! named by its path in the file, all at once.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter, YamlLoader};

/// What a publiccode.yml says of a piece of software (the part the exchange keeps).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Software {
    /// `publiccodeYmlVersion`.
    pub version: String,
    /// Its name.
    pub name: String,
    /// Its source repository.
    pub url: String,
    /// Its landing page, if any.
    #[serde(default)]
    pub landing_url: Option<String>,
    /// Platforms (`web`, `android` …).
    pub platforms: Vec<String>,
    /// Categories of the standard's list.
    pub categories: Vec<String>,
    /// `concept`, `development`, `beta`, `stable` or `obsolete`.
    pub development_status: String,
    /// `standalone/web`, `library` …
    pub software_type: String,
    /// Per language (ISO 639-1): short description, long description, features.
    pub descriptions: Vec<Description>,
    /// SPDX licence expression.
    pub license: String,
    /// `internal`, `contract`, `community` or `none`.
    pub maintenance: String,
    /// Maintainers' names.
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Ready to be translated.
    pub localisation_ready: bool,
    /// Languages it is available in.
    pub languages: Vec<String>,
}

/// A description in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Description {
    /// ISO 639-1 code.
    pub lang: String,
    /// At most 150 characters.
    pub short: String,
    /// 150 to 10,000 characters.
    pub long: String,
    /// What it does.
    pub features: Vec<String>,
}

const STATUSES: [&str; 5] = ["concept", "development", "beta", "stable", "obsolete"];
const TYPES: [&str; 9] = [
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
];
const MAINTENANCE: [&str; 4] = ["internal", "contract", "community", "none"];

/// What is wrong, by path in the file: (path, problem code).
pub type Problems = Vec<(String, &'static str)>;

struct Reader<'a> {
    problems: &'a mut Problems,
}

impl Reader<'_> {
    fn get<'y>(&mut self, map: &'y Yaml, path: &str, key: &str) -> Option<&'y Yaml> {
        let v = &map[key];
        if v.is_badvalue() || v.is_null() {
            self.problems.push((join(path, key), "required"));
            None
        } else {
            Some(v)
        }
    }

    fn text(&mut self, map: &Yaml, path: &str, key: &str) -> String {
        match self.get(map, path, key) {
            Some(Yaml::String(s)) => s.trim().to_owned(),
            Some(Yaml::Real(s)) => s.clone(),
            Some(Yaml::Integer(i)) => i.to_string(),
            Some(_) => {
                self.problems.push((join(path, key), "not_text"));
                String::new()
            }
            None => String::new(),
        }
    }

    fn one_of(&mut self, map: &Yaml, path: &str, key: &str, known: &[&str]) -> String {
        let v = self.text(map, path, key);
        if !v.is_empty() && !known.contains(&v.as_str()) {
            self.problems.push((join(path, key), "unknown_code"));
        }
        v
    }

    fn list(&mut self, map: &Yaml, path: &str, key: &str, required: bool) -> Vec<String> {
        let v = &map[key];
        if v.is_badvalue() || v.is_null() {
            if required {
                self.problems.push((join(path, key), "required"));
            }
            return Vec::new();
        }
        let Some(items) = v.as_vec() else {
            self.problems.push((join(path, key), "not_a_list"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) => out.push(s.trim().to_owned()),
                None => self
                    .problems
                    .push((format!("{}.{i}", join(path, key)), "not_text")),
            }
        }
        if required
            && out.is_empty()
            && !self
                .problems
                .iter()
                .any(|(p, _)| p.starts_with(&join(path, key)))
        {
            self.problems.push((join(path, key), "required"));
        }
        out
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn url_ok(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://"))
        && u.len() > 10
        && !u.contains(char::is_whitespace)
}

/// Reads and checks a publiccode.yml; every problem at once, by path.
pub fn parse(text: &str) -> Result<Software, Problems> {
    let docs = YamlLoader::load_from_str(text)
        .map_err(|e| vec![(format!("line {}", e.marker().line()), "yaml_syntax")])?;
    let Some(doc) = docs.first().filter(|d| d.as_hash().is_some()) else {
        return Err(vec![("publiccode".to_owned(), "not_a_map")]);
    };
    let mut problems = Problems::new();
    let mut r = Reader {
        problems: &mut problems,
    };
    let version = r.one_of(doc, "", "publiccodeYmlVersion", &["0.2", "0.3", "0.4"]);
    let name = r.text(doc, "", "name");
    let url = r.text(doc, "", "url");
    if !url.is_empty() && !url_ok(&url) {
        r.problems.push(("url".into(), "not_a_url"));
    }
    let landing_url = doc["landingURL"].as_str().map(str::to_owned);
    if landing_url.as_deref().is_some_and(|u| !url_ok(u)) {
        r.problems.push(("landingURL".into(), "not_a_url"));
    }
    let platforms = r.list(doc, "", "platforms", true);
    let categories = r.list(doc, "", "categories", true);
    let development_status = r.one_of(doc, "", "developmentStatus", &STATUSES);
    let software_type = r.one_of(doc, "", "softwareType", &TYPES);
    let mut descriptions = Vec::new();
    match r.get(doc, "", "description").map(Yaml::as_hash) {
        Some(Some(map)) if !map.is_empty() => {
            for (lang, d) in map {
                let lang = lang.as_str().unwrap_or_default().to_owned();
                let path = format!("description.{lang}");
                let short = r.text(d, &path, "shortDescription");
                if short.chars().count() > 150 {
                    r.problems
                        .push((format!("{path}.shortDescription"), "short_too_long"));
                }
                let long = r.text(d, &path, "longDescription");
                let n = long.chars().count();
                if !long.is_empty() && !(150..=10_000).contains(&n) {
                    r.problems
                        .push((format!("{path}.longDescription"), "length_150_to_10000"));
                }
                let features = r.list(d, &path, "features", true);
                descriptions.push(Description {
                    lang,
                    short,
                    long,
                    features,
                });
            }
        }
        Some(_) => r.problems.push(("description".into(), "not_a_map")),
        None => {}
    }
    let license = match r.get(doc, "", "legal") {
        Some(legal) => r.text(legal, "legal", "license"),
        None => String::new(),
    };
    let (maintenance, contacts) = match r.get(doc, "", "maintenance") {
        Some(m) => {
            let kind = r.one_of(m, "maintenance", "type", &MAINTENANCE);
            let contacts: Vec<String> = m["contacts"]
                .as_vec()
                .map(|c| {
                    c.iter()
                        .filter_map(|p| p["name"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if matches!(kind.as_str(), "internal" | "community") && contacts.is_empty() {
                r.problems.push(("maintenance.contacts".into(), "required"));
            }
            (kind, contacts)
        }
        None => (String::new(), Vec::new()),
    };
    let (localisation_ready, languages) = match r.get(doc, "", "localisation") {
        Some(l) => {
            let ready = match l["localisationReady"].as_bool() {
                Some(b) => b,
                None => {
                    r.problems
                        .push(("localisation.localisationReady".into(), "not_a_boolean"));
                    false
                }
            };
            (ready, r.list(l, "localisation", "availableLanguages", true))
        }
        None => (false, Vec::new()),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Software {
        version,
        name,
        url,
        landing_url,
        platforms,
        categories,
        development_status,
        software_type,
        descriptions,
        license,
        maintenance,
        contacts,
        localisation_ready,
        languages,
    })
}

/// A complete, valid publiccode.yml (for tests and as an example to follow).
pub const EXAMPLE: &str = r#"publiccodeYmlVersion: "0.4"
name: Grievance Redress System
url: "https://example.org/grs.git"
landingURL: "https://grs.example.org"
platforms: [web, android]
categories: [complaint-management]
developmentStatus: stable
softwareType: standalone/web
description:
  en:
    shortDescription: "Citizens' complaints about public services, tracked to an answer."
    longDescription: >
      A single system that takes complaints about public services by SMS, hotline or web,
      assigns each to an officer with a deadline, tells the citizen what happened, and
      publishes how quickly each office answers, so that services with many complaints are
      fixed first.
    features:
      - Complaints by SMS, hotline and web
      - Deadlines and escalation
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: internal
  contacts:
    - name: Grievance Redress Cell
localisation:
  localisationReady: true
  availableLanguages: [bn, en]
"#;

fn s(v: &str) -> Yaml {
    Yaml::String(v.to_owned())
}

fn list(v: &[String]) -> Yaml {
    Yaml::Array(v.iter().map(|x| s(x)).collect())
}

/// Writes a publiccode.yml (v0.4) for the software.
pub fn write(sw: &Software) -> String {
    let mut doc = Hash::new();
    doc.insert(s("publiccodeYmlVersion"), s("0.4"));
    doc.insert(s("name"), s(&sw.name));
    doc.insert(s("url"), s(&sw.url));
    if let Some(l) = &sw.landing_url {
        doc.insert(s("landingURL"), s(l));
    }
    doc.insert(s("platforms"), list(&sw.platforms));
    doc.insert(s("categories"), list(&sw.categories));
    doc.insert(s("developmentStatus"), s(&sw.development_status));
    doc.insert(s("softwareType"), s(&sw.software_type));
    let mut descriptions = Hash::new();
    for d in &sw.descriptions {
        let mut one = Hash::new();
        one.insert(s("shortDescription"), s(&d.short));
        one.insert(s("longDescription"), s(&d.long));
        one.insert(s("features"), list(&d.features));
        descriptions.insert(s(&d.lang), Yaml::Hash(one));
    }
    doc.insert(s("description"), Yaml::Hash(descriptions));
    let mut legal = Hash::new();
    legal.insert(s("license"), s(&sw.license));
    doc.insert(s("legal"), Yaml::Hash(legal));
    let mut maintenance = Hash::new();
    maintenance.insert(s("type"), s(&sw.maintenance));
    if !sw.contacts.is_empty() {
        maintenance.insert(
            s("contacts"),
            Yaml::Array(
                sw.contacts
                    .iter()
                    .map(|c| {
                        let mut p = Hash::new();
                        p.insert(s("name"), s(c));
                        Yaml::Hash(p)
                    })
                    .collect(),
            ),
        );
    }
    doc.insert(s("maintenance"), Yaml::Hash(maintenance));
    let mut localisation = Hash::new();
    localisation.insert(s("localisationReady"), Yaml::Boolean(sw.localisation_ready));
    localisation.insert(s("availableLanguages"), list(&sw.languages));
    doc.insert(s("localisation"), Yaml::Hash(localisation));
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    if emitter.dump(&Yaml::Hash(doc)).is_err() {
        return String::new();
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_file_reads_and_round_trips() {
        let sw = parse(EXAMPLE).expect("valid");
        assert_eq!(sw.name, "Grievance Redress System");
        assert_eq!(sw.descriptions[0].features.len(), 2);
        let again = parse(&write(&sw)).expect("what we write is valid");
        assert_eq!(
            again,
            Software {
                version: "0.4".into(),
                ..sw
            }
        );
    }

    #[test]
    fn every_problem_is_named_by_its_path() {
        let broken = EXAMPLE
            .replace("url: \"https://example.org/grs.git\"\n", "")
            .replace("developmentStatus: stable", "developmentStatus: finished")
            .replace("    shortDescription: \"Citizens' complaints about public services, tracked to an answer.\"\n", "")
            .replace("  type: internal\n  contacts:\n    - name: Grievance Redress Cell\n", "  type: community\n");
        let problems = parse(&broken).expect_err("broken");
        assert_eq!(
            problems,
            vec![
                ("url".to_owned(), "required"),
                ("developmentStatus".to_owned(), "unknown_code"),
                ("description.en.shortDescription".to_owned(), "required"),
                ("maintenance.contacts".to_owned(), "required"),
            ]
        );
        let syntax = parse("name: [unclosed").expect_err("bad yaml");
        assert_eq!(syntax[0].1, "yaml_syntax");
    }
}
