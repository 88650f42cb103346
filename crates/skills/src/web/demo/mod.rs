//! Demo labour market for `shetu demo`: 100 employers and recruiting agencies across the
//! country (all verified) with 520 vacancies in 26 trades, 50 training providers with two
//! courses each (a batch of 25 seats starting soon), 2,000 job seekers with
//! profiles (seven in ten let employers find them), and applications in every state. The people
//! module's demo job seeker is a tailor who learnt at home.
//!
//! Everything goes through the module's use cases, several at a time.

use crate::applications;
use crate::employers::{self, NewOrg};
use crate::profiles::{self, Change, ProfileInput, SkillEntry, WorkEntry};
use crate::vacancies::{self, AskedSkill, NewVacancy};
use futures_util::stream::{self, StreamExt, TryStreamExt};
use shetu_core::{Actor, Text};
use shetu_people::persons::{self, NewPerson};
use shetu_store::now_ms;
use shetu_web::seam::{DemoContext, DemoResult, DemoSeeded};
use std::collections::HashMap;

mod data;
use data::*;

/// Seeds the labour market once (a database with organisations keeps them). Needs the
/// taxonomy, which `demo` has loaded before seeding.
pub async fn seed(ctx: DemoContext<'_>) -> DemoResult {
    let (db, pack) = (ctx.db, ctx.pack);
    let Some(admin) = ctx.admin.cloned() else {
        return Ok(DemoSeeded::default());
    };
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM skills_org")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(DemoSeeded::default());
    }
    let skills: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT label_en, id FROM skills_skill")
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .collect();
    let occupations: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT code, id FROM skills_occupation")
            .fetch_all(db.pool())
            .await?
            .into_iter()
            .collect();
    if occupations.is_empty() {
        return Ok(DemoSeeded::default());
    }
    let skill = |label: &str| -> Result<i64, Boxed> {
        skills
            .get(label)
            .copied()
            .ok_or_else(|| format!("demo skill `{label}` is not in the taxonomy").into())
    };
    let occupation = |code: &str| -> Result<i64, Boxed> {
        occupations
            .get(code)
            .copied()
            .ok_or_else(|| format!("demo occupation `{code}` is not in the taxonomy").into())
    };
    let depth = u8::from(pack.region_levels.len() > 1);
    let districts: Vec<String> = pack
        .regions()
        .iter()
        .filter(|r| r.depth == depth)
        .map(|r| r.id.to_string())
        .collect();
    let name_of = |id: &str| {
        id.parse()
            .ok()
            .and_then(|r| pack.region(&r))
            .map_or_else(String::new, |r| {
                r.name.get(pack.default_language.code(), "en").to_owned()
            })
    };
    let bangla = pack.default_language.code() == "bn";
    let phone = |block: u32, n: usize| match pack.code.as_str() {
        "jo" => format!("+9627{}{n:06}", 7 + block % 2),
        _ => format!("+880175{block}{n:06}"),
    };
    let mut dice = Dice(0x5eed_2026_1128);
    let now = now_ms();

    // Organisations: 80 employers, 20 agencies, each owned by a new person.
    let mut plans = Vec::new();
    for n in 0..100 {
        let district = districts[dice.skewed(districts.len())].clone();
        let sector = n % SECTORS.len();
        let agency = n >= 80;
        let place = name_of(&district);
        let name = match (agency, bangla) {
            (true, true) => format!("{place} রিক্রুটিং এজেন্সি"),
            (true, false) => format!("{place} Recruiting Agency"),
            (false, true) => format!("{place} {}", SECTORS[sector].0),
            (false, false) => format!("{place} {}", SECTORS[sector].1),
        };
        plans.push((n, district, sector, agency, name));
    }
    let admin_ref = &admin;
    let orgs: Vec<(String, usize, bool, String, Actor)> = stream::iter(plans)
        .map(|(n, district, sector, agency, name)| async move {
            let password = (n == 0).then(|| shetu_people::web::DEMO_PASSWORD.to_owned());
            let owner_name = if bangla {
                format!("{name}-এর মালিক")
            } else {
                format!("{name} (owner)")
            };
            let owner = person(ctx, admin_ref, &phone(0, n), &owner_name, now, password).await?;
            let org = employers::register(
                db,
                pack,
                &owner,
                NewOrg {
                    name,
                    kind: if agency {
                        "recruiting_agency"
                    } else {
                        "employer"
                    }
                    .into(),
                    district: district.clone(),
                    licence: format!("TL-{:05}", 10_000 + n),
                    about: String::new(),
                },
            )
            .await?;
            employers::verify(db, admin_ref, &org.id).await?;
            Ok::<_, Boxed>((org.id, sector, agency, district, owner))
        })
        .buffered(8)
        .try_collect()
        .await?;
    let employers_only: Vec<&(String, usize, bool, String, Actor)> =
        orgs.iter().filter(|o| !o.2).collect();
    for (i, agency) in orgs.iter().filter(|o| o.2).enumerate() {
        for k in 0..3 {
            let client = employers_only[(i * 3 + k) % employers_only.len()];
            employers::represent(db, &admin, &agency.0, &client.0).await?;
        }
    }

    // Vacancies: each employer posts 6 or 7 in its sector's trades (an agency, some of them).
    let mut vacancy_plans = Vec::new();
    for (e, org) in employers_only.iter().enumerate() {
        let trades: Vec<usize> = (0..TRADES.len())
            .filter(|t| TRADES[*t].sector == org.1)
            .collect();
        let agency = orgs
            .iter()
            .filter(|o| o.2)
            // Agency i represents employers 3i, 3i + 1 and 3i + 2.
            .nth(e / 3)
            .filter(|_| e % 4 == 0);
        for k in 0..(6 + e % 2) {
            let trade = trades[(k + e) % trades.len()];
            let district = if k % 3 == 0 {
                districts[dice.skewed(districts.len())].clone()
            } else {
                org.3.clone()
            };
            let days = 10 + i64::try_from(dice.below(50)).unwrap_or(0);
            let (poster, posted_by) = match agency {
                Some(a) if k == 0 => (a.4.clone(), Some(a.0.clone())),
                _ => (org.4.clone(), None),
            };
            vacancy_plans.push((poster, posted_by, org.0.clone(), trade, district, days, k));
        }
    }
    let vacancy_ids: Vec<(String, usize)> = stream::iter(vacancy_plans)
        .map(|(poster, posted_by, employer, trade, district, days, k)| {
            let skill = &skill;
            let occupation = &occupation;
            async move {
                let trade = &TRADES[trade];
                let mut asked = Vec::new();
                for s in trade.essential {
                    asked.push(AskedSkill {
                        skill_id: skill(s)?,
                        essential: true,
                    });
                }
                for s in trade.optional {
                    asked.push(AskedSkill {
                        skill_id: skill(s)?,
                        essential: false,
                    });
                }
                let deadline = vacancies::date_of(
                    now + i64::from(pack.utc_offset_minutes) * 60_000 + days * 86_400_000,
                );
                let minor = 10_i64.pow(u32::from(pack.currency.minor_units()));
                let v = vacancies::post(
                    db,
                    pack,
                    &poster,
                    NewVacancy {
                        employer,
                        posted_by,
                        occupation_id: occupation(trade.occupation)?,
                        title: if bangla {
                            trade.title_bn
                        } else {
                            trade.title_en
                        }
                        .to_owned(),
                        description: String::new(),
                        min_education: trade
                            .education
                            .filter(|e| pack.education_level(e).is_some())
                            .map(str::to_owned),
                        min_experience: i64::try_from(k % 3).unwrap_or(0),
                        salary_min: Some(trade.salary.0 * minor),
                        salary_max: Some(trade.salary.1 * minor),
                        openings: 1 + i64::try_from(k).unwrap_or(0) * 2,
                        deadline,
                        regions: vec![district],
                        skills: asked,
                    },
                )
                .await?;
                Ok::<_, Boxed>((v.id, trade.sector))
            }
        })
        .buffered(8)
        .try_collect()
        .await?;

    // Job seekers: 2,000, most in a few big districts and trades; seven in ten findable.
    let educations: Vec<String> = pack.education.iter().map(|e| e.code.clone()).collect();
    let mut seekers = Vec::new();
    for n in 0..2000 {
        let woman = n % 5 < 3;
        let name = if bangla {
            let given = if woman {
                GIVEN_F[dice.below(20)]
            } else {
                GIVEN_M[dice.below(20)]
            };
            let family = FAMILY[if woman {
                dice.below(3)
            } else {
                3 + dice.below(9)
            }];
            format!("{given} {family}")
        } else {
            format!("{} {}", GIVEN_AR[dice.below(12)], FAMILY_AR[dice.below(8)])
        };
        let trade = &TRADES[dice.skewed(TRADES.len())];
        let mut entries: Vec<SkillEntry> = Vec::new();
        for (i, s) in trade.essential.iter().chain(trade.optional).enumerate() {
            // Most know the first skills of their trade; fewer the later ones.
            if i < 1 || dice.below(3) > 0 {
                let level = ["basic", "good", "expert"][dice.below(3)];
                entries.push(SkillEntry {
                    skill_id: skill(s)?,
                    level: level.into(),
                });
            }
        }
        let education = educations[dice.skewed(educations.len().min(6))].clone();
        let district = districts[dice.skewed(districts.len())].clone();
        let start = 2010 + i64::try_from(dice.below(14)).unwrap_or(0);
        let work = WorkEntry {
            occupation_id: Some(occupation(trade.occupation)?),
            title: if bangla {
                trade.title_bn
            } else {
                trade.title_en
            }
            .to_owned(),
            kind: ["informal", "employed", "self_employed", "unpaid"][dice.below(4)].into(),
            place: name_of(&district),
            start_year: start,
            end_year: if dice.below(2) == 0 {
                None
            } else {
                Some(start + 1 + i64::try_from(dice.below(3)).unwrap_or(0))
            },
            description: String::new(),
        };
        let profile = ProfileInput {
            education,
            district: Some(district),
            relocate: dice.below(3) == 0,
            abroad: dice.below(5) == 0,
            findable: dice.below(10) < 7,
            // Alerts stay off in the demo: seeded vacancies would otherwise send thousands of SMS
            // that queue ahead of the ones a visitor is waiting for (sign-in codes).
            alerts: false,
            about: String::new(),
            skills: entries,
            work: vec![work],
            occupations: vec![occupation(trade.occupation)?],
            regions: Vec::new(),
        };
        seekers.push((n, name, profile, trade.sector));
    }
    let made: Vec<(Actor, usize)> = stream::iter(seekers)
        .map(|(n, name, profile, sector)| async move {
            let who = person(ctx, admin_ref, &phone(1, n), &name, now, None).await?;
            profiles::change(db, pack, &who, Change::Replace(profile)).await?;
            Ok::<_, Boxed>((who, sector))
        })
        .buffered(16)
        .try_collect()
        .await?;

    // Applications: a few hundred, moved along by the employers.
    let mut moves = Vec::new();
    for (i, (who, sector)) in made.iter().enumerate().step_by(5) {
        let fitting: Vec<&(String, usize)> =
            vacancy_ids.iter().filter(|v| v.1 == *sector).collect();
        if fitting.is_empty() {
            continue;
        }
        let v = &fitting[i % fitting.len()].0;
        moves.push((who.clone(), v.clone(), i));
    }
    let owners: HashMap<&str, &Actor> = orgs.iter().map(|o| (o.0.as_str(), &o.4)).collect();
    stream::iter(moves)
        .map(|(who, v, i)| {
            let owners = &owners;
            async move {
                let (made, _) = applications::apply(db, ctx.i18n, pack, &who, &v).await?;
                let vacancy = vacancies::get(db, &v).await?;
                if let Some(boss) = owners.get(vacancy.employer_id.as_str()) {
                    let path: &[&str] = match i % 7 {
                        0 => &["shortlisted", "interview", "offered", "hired"],
                        1 => &["shortlisted", "interview"],
                        2 => &["rejected"],
                        3 => &["shortlisted"],
                        _ => &[],
                    };
                    for to in path {
                        applications::move_to(db, ctx.i18n, boss, &made.id, to).await?;
                    }
                }
                Ok::<_, Boxed>(())
            }
        })
        .buffered(8)
        .try_collect::<Vec<()>>()
        .await?;

    // Training: 50 providers, two courses each in a trade's skills, each with a batch soon.
    let mut provider_plans = Vec::new();
    let mut per_place: HashMap<String, usize> = HashMap::new();
    for n in 0..50 {
        let district = districts[dice.skewed(districts.len())].clone();
        let place = name_of(&district);
        // A second centre in the same district gets a number, so names stay distinct.
        let seen = per_place.entry(district.clone()).or_insert(0);
        *seen += 1;
        let number = if *seen > 1 {
            let n = seen.to_string();
            format!(
                " {}",
                shetu_core::digits::localize_digits(&n, pack.default_language.code())
            )
        } else {
            String::new()
        };
        let name = if bangla {
            format!("{place} কারিগরি প্রশিক্ষণ কেন্দ্র{number}")
        } else {
            format!("{place} Vocational Training Centre{number}")
        };
        provider_plans.push((n, district, name));
    }
    stream::iter(provider_plans)
        .map(|(n, district, name)| {
            let skill = &skill;
            let occupation = &occupation;
            async move {
                let owner_name = if bangla {
                    format!("{name}-এর পরিচালক")
                } else {
                    format!("{name} (director)")
                };
                let owner = person(ctx, admin_ref, &phone(2, n), &owner_name, now, None).await?;
                let org = employers::register(
                    db,
                    pack,
                    &owner,
                    NewOrg {
                        name,
                        kind: "training_provider".into(),
                        district: district.clone(),
                        licence: format!("NSDA-{:04}", 1000 + n),
                        about: String::new(),
                    },
                )
                .await?;
                employers::verify(db, admin_ref, &org.id).await?;
                for k in 0..2 {
                    let trade = &TRADES[(n * 2 + k) % TRADES.len()];
                    let taught: Vec<i64> = trade
                        .essential
                        .iter()
                        .chain(trade.optional)
                        .skip(k % 2)
                        .take(2)
                        .map(|s| skill(s))
                        .collect::<Result<_, _>>()?;
                    let course = crate::courses::publish(
                        db,
                        pack,
                        &owner,
                        crate::courses::NewCourse {
                            provider: org.id.clone(),
                            title: if bangla {
                                format!("{} প্রশিক্ষণ", trade.title_bn)
                            } else {
                                format!("{} training", trade.title_en)
                            },
                            occupation_id: Some(occupation(trade.occupation)?),
                            skills: taught,
                            level: "basic".into(),
                            duration_weeks: 4 + i64::try_from(k * 4).unwrap_or(0),
                            fee: if n % 3 == 0 {
                                0
                            } else {
                                1_500 * 10_i64.pow(u32::from(pack.currency.minor_units()))
                            },
                            mode: "in_person".into(),
                            district: district.clone(),
                            description: String::new(),
                        },
                    )
                    .await?;
                    let starts = vacancies::date_of(
                        now + i64::from(pack.utc_offset_minutes) * 60_000
                            + (7 + i64::try_from((n * 5 + k * 11) % 35).unwrap_or(0)) * 86_400_000,
                    );
                    crate::courses::add_batch(db, pack, &owner, &course.id, &starts, 25).await?;
                }
                Ok::<_, Boxed>(())
            }
        })
        .buffered(8)
        .try_collect::<Vec<()>>()
        .await?;

    seed_demo_seeker(ctx, &skill, &occupation).await?;
    let first_employer = &employers_only[0].4;
    let login =
        sqlx::query_as::<_, (String, String)>("SELECT name, phone FROM person WHERE id = $1")
            .bind(first_employer.person)
            .fetch_one(db.pool())
            .await?;
    Ok(DemoSeeded {
        logins: vec![shetu_web::seam::DemoLogin {
            role: "employer".into(),
            phone: login.1,
            name: login.0,
        }],
        admin: None,
    })
}

async fn person(
    ctx: DemoContext<'_>,
    admin: &Actor,
    phone: &str,
    name: &str,
    now: i64,
    password: Option<String>,
) -> Result<Actor, Boxed> {
    let phone = ctx.pack.phone.parse_mobile(phone)?;
    let found = match persons::by_phone(ctx.db, &phone).await? {
        Some(p) => p,
        None => {
            let new = NewPerson {
                name: Text::parse(name, 120)?,
                phone,
                language: ctx.pack.default_language.clone(),
                home_region: None,
                password,
            };
            persons::create(ctx.db, Some(admin), new, now).await?
        }
    };
    Ok(Actor {
        person: found.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    })
}

/// The people module's demo job seeker: a tailor who learnt at home, findable.
async fn seed_demo_seeker(
    ctx: DemoContext<'_>,
    skill: &(dyn Fn(&str) -> Result<i64, Boxed> + Sync),
    occupation: &(dyn Fn(&str) -> Result<i64, Boxed> + Sync),
) -> Result<(), Boxed> {
    let phone = ctx.pack.phone.parse_mobile(match ctx.pack.code.as_str() {
        "jo" => "+962790000004",
        _ => "+8801700000004",
    })?;
    let Some(seeker) = persons::by_phone(ctx.db, &phone).await? else {
        return Ok(());
    };
    let me = Actor {
        person: seeker.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    let depth = u8::from(ctx.pack.region_levels.len() > 1);
    let district = ctx
        .pack
        .regions()
        .iter()
        .find(|r| r.depth == depth)
        .map(|r| r.id.to_string());
    let bangla = ctx.pack.default_language.code() == "bn";
    let profile = ProfileInput {
        education: ctx
            .pack
            .education
            .get(3.min(ctx.pack.education.len().saturating_sub(1)))
            .map(|e| e.code.clone())
            .unwrap_or_default(),
        district,
        relocate: false,
        abroad: false,
        findable: true,
        alerts: true,
        about: if bangla {
            "দশ বছর ধরে বাড়িতে সেলাইয়ের কাজ করি।"
        } else {
            "I have sewn at home for ten years."
        }
        .into(),
        skills: vec![
            SkillEntry {
                skill_id: skill("sew pieces of fabric")?,
                level: "expert".into(),
            },
            SkillEntry {
                skill_id: skill("alter wearing apparel")?,
                level: "good".into(),
            },
            SkillEntry {
                skill_id: skill("embroider fabrics")?,
                level: "good".into(),
            },
        ],
        work: vec![WorkEntry {
            occupation_id: Some(occupation("7531.5")?),
            title: if bangla {
                "বাড়িতে দর্জির কাজ"
            } else {
                "Tailoring at home"
            }
            .into(),
            kind: "informal".into(),
            place: String::new(),
            start_year: 2015,
            end_year: None,
            description: String::new(),
        }],
        occupations: vec![occupation("7531.5")?, occupation("8153.1")?],
        regions: Vec::new(),
    };
    profiles::change(ctx.db, ctx.pack, &me, Change::Replace(profile)).await?;
    Ok(())
}
