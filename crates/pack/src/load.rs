//! Parsing a pack's `pack.toml` and region CSV files.

use crate::Pack;
use serde::Deserialize;
use shetu_core::{Currency, Lang, LocalizedText, MoneyFormat, PhoneRules, Region, RegionId};
use std::collections::{BTreeMap, HashMap};

/// Why a pack could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// No such built-in pack.
    #[error("unknown country pack `{0}` (built in: bd, jo)")]
    Unknown(String),
    /// The pack's files are wrong.
    #[error("country pack {pack}: {problem}")]
    Invalid { pack: String, problem: String },
}

const CURRENCIES: &str = include_str!("../../../packs/currencies.csv");

struct PackFiles {
    toml: &'static str,
    files: &'static [(&'static str, &'static str)],
}

fn files_of(code: &str) -> Option<PackFiles> {
    match code {
        "bd" => Some(PackFiles {
            toml: include_str!("../../../packs/bd/pack.toml"),
            files: &[
                (
                    "regions/divisions.csv",
                    include_str!("../../../packs/bd/regions/divisions.csv"),
                ),
                (
                    "regions/districts.csv",
                    include_str!("../../../packs/bd/regions/districts.csv"),
                ),
                (
                    "regions/upazilas.csv",
                    include_str!("../../../packs/bd/regions/upazilas.csv"),
                ),
                (
                    "regions/unions.csv",
                    include_str!("../../../packs/bd/regions/unions.csv"),
                ),
                (
                    "search/synonyms.txt",
                    include_str!("../../../packs/bd/search/synonyms.txt"),
                ),
                (
                    "taxonomy/labels.csv",
                    include_str!("../../../packs/bd/taxonomy/labels.csv"),
                ),
            ],
        }),
        "jo" => Some(PackFiles {
            toml: include_str!("../../../packs/jo/pack.toml"),
            files: &[
                (
                    "regions/governorates.csv",
                    include_str!("../../../packs/jo/regions/governorates.csv"),
                ),
                (
                    "search/synonyms.txt",
                    include_str!("../../../packs/jo/search/synonyms.txt"),
                ),
            ],
        }),
        _ => None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PackToml {
    code: String,
    country: String,
    default_language: String,
    languages: Vec<String>,
    time_zone: String,
    utc_offset_minutes: i32,
    currency: String,
    name: BTreeMap<String, String>,
    /// Where the pack's data comes from, shown in every page's footer.
    data_credit: BTreeMap<String, String>,
    /// The data-protection law people there are protected by.
    data_protection_law: BTreeMap<String, String>,
    money_format: MoneyFormat,
    phone: PhoneRules,
    #[serde(default)]
    regions: Vec<LevelToml>,
    /// Levels of education, lowest first.
    #[serde(default)]
    education: Vec<EducationToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EducationToml {
    code: String,
    name: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelToml {
    level: String,
    file: String,
    #[serde(default = "default_id_column")]
    id_column: String,
}

fn default_id_column() -> String {
    "id".into()
}

pub(crate) fn parse_built_in(code: &str) -> Result<Pack, PackError> {
    let files = files_of(code).ok_or_else(|| PackError::Unknown(code.into()))?;
    parse(code, files.toml, |name| {
        files
            .files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| *c)
    })
}

fn parse<'a>(
    code: &str,
    toml_text: &str,
    file: impl Fn(&str) -> Option<&'a str>,
) -> Result<Pack, PackError> {
    let bad = |problem: String| PackError::Invalid {
        pack: code.to_owned(),
        problem,
    };
    let spec: PackToml = toml::from_str(toml_text).map_err(|e| bad(format!("pack.toml: {e}")))?;
    let lang = |l: &str| Lang::parse(l).map_err(|e| bad(e.to_string()));
    let languages = spec
        .languages
        .iter()
        .map(|l| lang(l))
        .collect::<Result<Vec<_>, _>>()?;
    let default_language = lang(&spec.default_language)?;
    if !languages.contains(&default_language) {
        return Err(bad("default_language is not one of languages".into()));
    }
    let currency = currency(&spec.currency).map_err(bad)?;
    let mut name = LocalizedText::new();
    for (l, text) in &spec.name {
        name = name.with(l, text);
    }
    let mut data_credit = LocalizedText::new();
    for (l, text) in &spec.data_credit {
        data_credit = data_credit.with(l, text);
    }
    let mut data_protection_law = LocalizedText::new();
    for (l, text) in &spec.data_protection_law {
        data_protection_law = data_protection_law.with(l, text);
    }

    let mut regions: Vec<Region> = Vec::new();
    let mut by_id: HashMap<RegionId, usize> = HashMap::new();
    let mut local_ids: Vec<HashMap<String, RegionId>> = Vec::new();
    for (depth, level) in spec.regions.iter().enumerate() {
        let text = file(&level.file).ok_or_else(|| bad(format!("missing file {}", level.file)))?;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| bad(format!("{}: {e}", level.file)))?
            .clone();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let id_col = col(&level.id_column)
            .ok_or_else(|| bad(format!("{}: no column {}", level.file, level.id_column)))?;
        let parent_col = col("parent_id");
        let iso_col = col("iso_code");
        let name_cols: Vec<(String, usize)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.strip_prefix("name_").map(|l| (l.to_owned(), i)))
            .collect();
        let mut ids_here = HashMap::new();
        for (row_no, record) in reader.records().enumerate() {
            let record = record.map_err(|e| bad(format!("{}: {e}", level.file)))?;
            let field = |i: usize| record.get(i).unwrap_or_default().trim();
            let local = field(id_col);
            let id = RegionId::compose(code, &level.level, local).map_err(|_| {
                bad(format!(
                    "{} row {}: bad id `{local}`",
                    level.file,
                    row_no + 1
                ))
            })?;
            let parent = match (parent_col, depth.checked_sub(1)) {
                (Some(pc), Some(up)) => {
                    let pid = field(pc);
                    let parent = local_ids[up].get(pid).ok_or_else(|| {
                        bad(format!(
                            "{} row {}: unknown parent `{pid}`",
                            level.file,
                            row_no + 1
                        ))
                    })?;
                    Some(parent.clone())
                }
                _ => None,
            };
            let mut name = LocalizedText::new();
            for (l, i) in &name_cols {
                name = name.with(l, field(*i));
            }
            let iso_code = iso_col
                .map(field)
                .filter(|s| !s.is_empty())
                .map(str::to_owned);
            ids_here.insert(local.to_owned(), id.clone());
            if by_id.insert(id.clone(), regions.len()).is_some() {
                return Err(bad(format!("duplicate region id {id}")));
            }
            regions.push(Region {
                id,
                parent,
                level: level.level.clone(),
                depth: u8::try_from(depth).unwrap_or(u8::MAX),
                iso_code,
                name,
                position: u32::try_from(row_no).unwrap_or(u32::MAX),
            });
        }
        local_ids.push(ids_here);
    }
    let mut children: HashMap<Option<RegionId>, Vec<usize>> = HashMap::new();
    for (i, r) in regions.iter().enumerate() {
        children.entry(r.parent.clone()).or_default().push(i);
    }
    Ok(Pack {
        code: spec.code,
        country: spec.country,
        name,
        data_credit,
        data_protection_law,
        default_language,
        languages,
        time_zone: spec.time_zone,
        utc_offset_minutes: spec.utc_offset_minutes,
        currency,
        money_format: spec.money_format,
        phone: spec.phone,
        region_levels: spec.regions.into_iter().map(|l| l.level).collect(),
        education: spec
            .education
            .into_iter()
            .enumerate()
            .map(|(rank, e)| crate::EducationLevel {
                code: e.code,
                rank: u8::try_from(rank).unwrap_or(u8::MAX),
                name: e
                    .name
                    .iter()
                    .fold(LocalizedText::new(), |t, (l, n)| t.with(l, n)),
            })
            .collect(),
        regions,
        by_id,
        children,
        synonyms: file("search/synonyms.txt").unwrap_or_default().to_owned(),
        taxonomy_labels: file("taxonomy/labels.csv").unwrap_or_default().to_owned(),
    })
}

/// Looks up a currency's minor units in the ISO 4217 table shipped in `packs/currencies.csv`.
pub fn currency(code: &str) -> Result<Currency, String> {
    let mut reader = csv::Reader::from_reader(CURRENCIES.as_bytes());
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        if record.get(0) == Some(code) {
            let units: u8 = record
                .get(1)
                .unwrap_or_default()
                .parse()
                .map_err(|_| format!("bad minor units for {code}"))?;
            return Currency::new(code, units).map_err(|e| e.to_string());
        }
    }
    Err(format!("unknown currency {code}"))
}
