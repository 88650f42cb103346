//! Reading the taxonomy's CSV files into rows to write, with the pack's labels.

use super::*;

pub(super) fn csv_reader<R: Read>(from: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().flexible(true).from_reader(from)
}

/// Column positions by header name.
pub(super) fn columns<R: Read, const N: usize>(
    file: &str,
    reader: &mut csv::Reader<R>,
    names: [&str; N],
) -> Result<[usize; N], TaxonomyError> {
    let headers = reader.headers().map_err(|e| TaxonomyError::File {
        file: file.to_owned(),
        problem: e.to_string(),
    })?;
    let mut out = [0; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
            .ok_or_else(|| TaxonomyError::File {
                file: file.to_owned(),
                problem: format!("no column {name}"),
            })?;
    }
    Ok(out)
}

pub(super) fn rows<'a, R: Read + 'a, const N: usize>(
    file: &'a str,
    from: R,
    names: [&str; N],
) -> Result<impl Iterator<Item = Result<[String; N], TaxonomyError>> + 'a, TaxonomyError> {
    let mut reader = csv_reader(from);
    let at = columns(file, &mut reader, names)?;
    Ok(reader.into_records().map(move |r| {
        let r = r.map_err(|e| TaxonomyError::File {
            file: file.to_owned(),
            problem: e.to_string(),
        })?;
        Ok(at.map(|i| r.get(i).unwrap_or("").trim().to_owned()))
    }))
}

/// Alternative labels, one per line in the files, kept one per line without the preferred one.
pub(super) fn alternatives(alt: &str, preferred: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for a in alt.lines().map(str::trim) {
        if !a.is_empty() && a != preferred && !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen.join("\n")
}

/// Reads every file into rows; the fingerprint is the caller's ([`Files::fingerprint`]).
pub(super) fn parse(files: &Files, pack: &Pack) -> Result<Parsed, TaxonomyError> {
    let [groups_file, occupations_file, skill_groups_file, skills_file, broader_file, links_file] =
        FILES;

    let text = files.open(groups_file)?;
    let mut groups = Vec::new();
    for row in rows(groups_file, text, ["CODE", "GROUPTYPE", "PREFERREDLABEL"])? {
        let [code, kind, label] = row?;
        let local = kind == "localgroup";
        // ISCO codes grow by one digit a level (7, 75, 753, 7531); local ones by one after
        // their letter and first digit (I3, I31).
        let min = if local { 2 } else { 1 };
        let parent = (code.chars().count() > min).then(|| {
            let mut p = code.clone();
            p.pop();
            p
        });
        groups.push(Group {
            code,
            parent,
            local,
            label,
        });
    }

    let text = files.open(occupations_file)?;
    let mut occupations = Vec::new();
    for row in rows(
        occupations_file,
        text,
        [
            "CODE",
            "ORIGINURI",
            "OCCUPATIONGROUPCODE",
            "OCCUPATIONTYPE",
            "PREFERREDLABEL",
            "ALTLABELS",
        ],
    )? {
        let [code, uri, group, kind, label, alt] = row?;
        occupations.push(Occupation {
            alt: alternatives(&alt, &label),
            code,
            uri,
            group,
            local: kind == "localoccupation",
            label,
        });
    }

    let text = files.open(skill_groups_file)?;
    let mut skill_groups = Vec::new();
    for row in rows(
        skill_groups_file,
        text,
        ["ORIGINURI", "CODE", "PREFERREDLABEL"],
    )? {
        let [uri, code, label] = row?;
        skill_groups.push(SkillGroup { uri, code, label });
    }

    let text = files.open(broader_file)?;
    let mut group_of: HashMap<String, String> = HashMap::new();
    for row in rows(
        broader_file,
        text,
        ["conceptType", "conceptUri", "broaderType", "broaderUri"],
    )? {
        let [kind, uri, broader_kind, broader] = row?;
        if kind == "KnowledgeSkillCompetence" && broader_kind == "SkillGroup" {
            group_of.entry(uri).or_insert(broader);
        }
    }

    let text = files.open(skills_file)?;
    let mut skills = Vec::new();
    for row in rows(
        skills_file,
        text,
        [
            "conceptUri",
            "skillType",
            "reuseLevel",
            "preferredLabel",
            "altLabels",
        ],
    )? {
        let [uri, skill_type, reuse, label, alt] = row?;
        let Some(uuid) = uri.strip_prefix(SKILL_URI) else {
            continue;
        };
        skills.push(Skill {
            uuid: uuid.to_owned(),
            skill_type,
            reuse,
            group_uri: group_of.get(&uri).cloned(),
            alt: alternatives(&alt, &label),
            label,
        });
    }

    let text = files.open(links_file)?;
    let mut links = Vec::new();
    for row in rows(
        links_file,
        text,
        ["occupationUuid", "relationType", "skillUuid"],
    )? {
        let [occupation, relation, skill] = row?;
        links.push((occupation, skill, relation == "essential"));
    }

    let mut labels = Vec::new();
    if !pack.taxonomy_labels.is_empty() {
        for row in rows(
            "taxonomy/labels.csv",
            pack.taxonomy_labels.as_bytes(),
            ["kind", "key", "bn"],
        )? {
            let [kind, key, names] = row?;
            let mut names = names.split(';').map(str::trim).filter(|n| !n.is_empty());
            let Some(label) = names.next() else {
                continue;
            };
            labels.push(Label {
                kind,
                key,
                label: label.to_owned(),
                alt: names.collect::<Vec<_>>().join("\n"),
            });
        }
    }
    Ok(Parsed {
        groups,
        occupations,
        skill_groups,
        skills,
        links,
        labels,
    })
}
