//! Demo people for `shetu demo`: an admin, an agent at a digital centre, and the people they
//! serve, all with the same password. Runs once per database; later runs keep what is there.

use crate::persons::{self, NewPerson};
use crate::{orgs, Actor, Role};
use shetu_core::{RegionId, Text};
use shetu_store::now_ms;
use shetu_web::seam::{DemoContext, DemoLogin, DemoResult, DemoSeeded};

/// Every demo password (demo mode only).
pub const PASSWORD: &str = "shetu-demo";

struct DemoPerson {
    role: &'static str,
    name_bn: &'static str,
    name_ar: &'static str,
}

const PEOPLE: [DemoPerson; 5] = [
    DemoPerson {
        role: "admin",
        name_bn: "সেতু প্রশাসক",
        name_ar: "مسؤول شيتو",
    },
    DemoPerson {
        role: "agent",
        name_bn: "মো. রফিকুল ইসলাম",
        name_ar: "خالد العمري",
    },
    DemoPerson {
        role: "seller",
        name_bn: "রহিমা বেগম",
        name_ar: "فاطمة الزعبي",
    },
    DemoPerson {
        role: "farmer",
        name_bn: "করিম মিয়া",
        name_ar: "محمود الخطيب",
    },
    DemoPerson {
        role: "seeker",
        name_bn: "নাসরিন আক্তার",
        name_ar: "ريم الحسن",
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
    for (n, p) in PEOPLE.iter().enumerate() {
        let phone = pack.phone.parse_mobile(&phone_of(n))?;
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
        let union = pack
            .regions()
            .iter()
            .find(|r| r.depth as usize == pack.region_levels.len().saturating_sub(1))
            .map(|r| r.id.clone());
        let region = union.unwrap_or_else(|| {
            RegionId::parse(&format!("{}.none", pack.code))
                .unwrap_or_else(|_| pack.regions()[0].id.clone())
        });
        let centre_name = if arabic {
            "مركز الخدمات الرقمية"
        } else {
            "কাপাসিয়া ইউনিয়ন ডিজিটাল সেন্টার"
        };
        let point = orgs::create_service_point(
            db,
            &actor,
            &Text::parse(centre_name, 120)?,
            "union_digital_centre",
            &region,
            now,
        )
        .await?;
        orgs::assign_agent(db, &actor, point.id, agent, now).await?;
    }
    Ok(DemoSeeded {
        logins,
        admin: Some(actor),
    })
}
