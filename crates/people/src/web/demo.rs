//! Demo people for `shetu demo`: an admin, an agent at a digital centre, and the people they
//! serve, all with the same password. Runs once per database; later runs keep what is there.

use crate::persons::{self, NewPerson};
use crate::{orgs, Actor, Role};
use shetu_core::Text;
use shetu_store::now_ms;
use shetu_web::seam::{DemoContext, DemoLogin, DemoResult, DemoSeeded};

/// Every demo password (demo mode only).
pub const PASSWORD: &str = "shetu-demo";

struct DemoPerson {
    /// The last digits of the phone number (5 is the demo partner company's).
    number: usize,
    role: &'static str,
    name_bn: &'static str,
    name_ar: &'static str,
}

const PEOPLE: [DemoPerson; 6] = [
    DemoPerson {
        number: 0,
        role: "admin",
        name_bn: "সেতু প্রশাসক",
        name_ar: "مسؤول شيتو",
    },
    DemoPerson {
        number: 1,
        role: "agent",
        name_bn: "মো. রফিকুল ইসলাম",
        name_ar: "خالد العمري",
    },
    DemoPerson {
        number: 2,
        role: "seller",
        name_bn: "রহিমা বেগম",
        name_ar: "فاطمة الزعبي",
    },
    DemoPerson {
        number: 3,
        role: "farmer",
        name_bn: "করিম মিয়া",
        name_ar: "محمود الخطيب",
    },
    DemoPerson {
        number: 4,
        role: "seeker",
        name_bn: "নাসরিন আক্তার",
        name_ar: "ريم الحسن",
    },
    DemoPerson {
        number: 6,
        role: "analyst",
        name_bn: "ফারহানা ইয়াসমিন",
        name_ar: "دانة النسور",
    },
];

/// Seeds the demo people (once) and returns their logins for the start-up banner, and the
/// administrator for the modules seeded after this one.
pub async fn seed(ctx: DemoContext<'_>) -> DemoResult {
    let (db, pack) = (ctx.db, ctx.pack);
    let now = now_ms();
    // +880 1700 00000N in Bangladesh, +962 79 000000N in Jordan.
    let phone_of = |n: usize| match pack.code.as_str() {
        "jo" => format!("+96279000000{n}"),
        _ => format!("+88017000000{n:02}"),
    };
    let arabic = pack.default_language.code() == "ar";
    let mut ids = Vec::new();
    let mut logins = Vec::new();
    for p in &PEOPLE {
        let phone = pack.phone.parse_mobile(&phone_of(p.number))?;
        let name = if arabic { p.name_ar } else { p.name_bn };
        let person = match persons::by_phone(db, &phone).await? {
            Some(existing) => existing,
            None => {
                let new = NewPerson {
                    name: Text::parse(name, 120)?,
                    phone: phone.clone(),
                    language: pack.default_language.clone(),
                    home_region: None,
                    password: Some(PASSWORD.to_owned()),
                };
                persons::create(db, None, new, now).await?
            }
        };
        ids.push(person.id);
        logins.push(DemoLogin {
            role: p.role.to_owned(),
            phone: phone.to_string(),
            name: person.name,
        });
    }
    let (admin, agent) = (ids[0], ids[1]);
    let actor = Actor {
        person: admin,
        roles: vec![Role::Admin],
        on_behalf_of: None,
        request_id: None,
    };
    if !persons::roles(db, admin).await?.contains(&Role::Admin) {
        orgs::bootstrap_role(db, admin, Role::Admin, now).await?;
        seed_centres(db, pack, &actor, agent, now).await?;
    }
    // The analyst reads the labour market figures (added after the first demo databases).
    let analyst = ids[5];
    if !persons::roles(db, analyst).await?.contains(&Role::Analyst) {
        orgs::bootstrap_role(db, analyst, Role::Analyst, now).await?;
    }
    Ok(DemoSeeded {
        logins,
        admin: Some(actor),
    })
}

/// Agents of the other demo centres (they have no password: they are not demo logins).
const MORE_AGENTS: [(&str, &str); 5] = [
    ("সুমাইয়া আক্তার", "سارة المومني"),
    ("মো. জাহিদ হাসান", "أحمد الشرع"),
    ("তাসলিমা খাতুন", "ليلى العبادي"),
    ("বিপ্লব চন্দ্র দাস", "يوسف الحوراني"),
    ("রোকসানা পারভীন", "هالة القيسي"),
];

/// Digital centres in six places far apart (one per district in Bangladesh, per governorate in
/// Jordan), with opening hours, a phone and an agent each, so that "where do I get help" has
/// answers across the country.
async fn seed_centres(
    db: &shetu_store::Db,
    pack: &shetu_pack::Pack,
    admin: &Actor,
    first_agent: shetu_core::id::PersonId,
    now: i64,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let arabic = pack.default_language.code() == "ar";
    let deepest = pack.region_levels.len().saturating_sub(1);
    // One place per region one level up (district), spread over the list.
    let mut places: Vec<&shetu_core::Region> = Vec::new();
    let mut seen_parents = Vec::new();
    for r in pack
        .regions()
        .iter()
        .filter(|r| r.depth as usize == deepest)
    {
        if !seen_parents.contains(&r.parent) {
            seen_parents.push(r.parent.clone());
            places.push(r);
        }
    }
    let step = (places.len() / 6).max(1);
    let chosen: Vec<&shetu_core::Region> = places.into_iter().step_by(step).take(6).collect();
    for (n, place) in chosen.iter().enumerate() {
        let place_name = place.name.get(pack.default_language.code(), "en");
        let (name, hours) = if arabic {
            (
                format!("مركز الخدمات الرقمية – {place_name}"),
                "الأحد–الخميس، 8:00–15:00",
            )
        } else {
            (
                format!("{place_name} ইউনিয়ন ডিজিটাল সেন্টার"),
                "শনি–বৃহস্পতি, সকাল ৯টা–বিকেল ৫টা",
            )
        };
        let phone = match pack.code.as_str() {
            "jo" => format!("+96279000010{n}"),
            _ => format!("+88017100000{n:02}"),
        };
        let details = orgs::PointDetails {
            opening_hours: Some(Text::parse(hours, 120)?),
            phone: Some(pack.phone.parse_mobile(&phone)?),
        };
        let point = orgs::create_service_point(
            db,
            admin,
            &Text::parse(&name, 120)?,
            "union_digital_centre",
            &place.id,
            &details,
            now,
        )
        .await?;
        let agent = match n {
            0 => first_agent,
            _ => {
                let (bn, ar) = MORE_AGENTS[(n - 1) % MORE_AGENTS.len()];
                let new = NewPerson {
                    name: Text::parse(if arabic { ar } else { bn }, 120)?,
                    phone: pack.phone.parse_mobile(&match pack.code.as_str() {
                        "jo" => format!("+96279000020{n}"),
                        _ => format!("+88017200000{n:02}"),
                    })?,
                    language: pack.default_language.clone(),
                    home_region: None,
                    password: None,
                };
                persons::create(db, Some(admin), new, now).await?.id
            }
        };
        orgs::assign_agent(db, admin, point.id, agent, now).await?;
    }
    Ok(())
}
