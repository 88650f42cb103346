//! Demo discussion and workshops: comments under the first solutions and needs with two reported
//! ones waiting for the moderators, and the past and upcoming matchmaking workshops with their
//! participants, availability, meeting requests and schedule.

use crate::workshops;
use shetu_web::seam::DemoContext;

type Boxed = Box<dyn std::error::Error + Send + Sync>;

/// What members say under solutions and needs.
const COMMENTS: [&str; 8] = [
    "We piloted something similar in two upazilas. The hardest part was training the agents, not the software.",
    "আমাদের জেলায় এটি চালু করতে চাই। শুরুতে কত জন কর্মী লেগেছিল?",
    "Did the evaluation look at women and older people separately? We saw very different uptake.",
    "How did you handle areas with no mobile coverage? Offline forms synced later worked for us.",
    "নাগরিকদের অভিযোগ কীভাবে নেওয়া হয়েছিল, জানালে উপকার হবে।",
    "هل يمكن مشاركة وثيقة الإطار القانوني الذي اعتمدتموه؟",
    "The cost figures are very useful. Were they before or after the second rollout?",
    "We can share our training materials in Bangla and English if that helps.",
];

/// Comments under the first published solutions and open needs, and two reported ones waiting
/// in the moderators' queue (one already hidden by three reports).
pub(super) async fn seed_discussion(
    ctx: DemoContext<'_>,
    admin: &shetu_core::Actor,
    solutions: &[String],
    needs: &[String],
) -> Result<(), Boxed> {
    use crate::discussion;
    let db = ctx.db;
    let mut people = Vec::new();
    for n in 200..206 {
        people.push(participant(ctx, admin, n).await?);
    }
    let mut k = 0usize;
    for id in solutions.iter().take(8) {
        for _ in 0..2 {
            let who = &people[k % people.len()];
            discussion::comment(db, who, "solution", id, COMMENTS[k % COMMENTS.len()]).await?;
            k += 1;
        }
    }
    for id in needs.iter().take(5) {
        let who = &people[k % people.len()];
        discussion::comment(db, who, "need", id, COMMENTS[k % COMMENTS.len()]).await?;
        k += 1;
    }
    if let Some(first) = solutions.first() {
        let spam = discussion::comment(
            db,
            &people[0],
            "solution",
            first,
            "Cheap followers and likes for your ministry page!!! Message me on WhatsApp.",
        )
        .await?;
        for who in &people[1..4] {
            discussion::flag(db, who, "comment", &spam.id, "spam", "").await?;
        }
        let heated = discussion::comment(
            db,
            &people[1],
            "solution",
            first,
            "This is useless. Whoever wrote it has never worked in a district office.",
        )
        .await?;
        discussion::flag(
            db,
            &people[2],
            "comment",
            &heated.id,
            "abuse",
            "Attacks the author, not the idea.",
        )
        .await?;
    }
    Ok(())
}

/// First names and family names for the demo participants (as people in the network's
/// countries are called).
const GIVEN: [&str; 16] = [
    "Nasrin", "Tariq", "Amina", "Kwame", "Leila", "Ravi", "Chipo", "Diego", "Fatima", "Joseph",
    "Mei", "Omar", "Priya", "Samuel", "Yasmin", "Zeynep",
];
const FAMILY: [&str; 8] = [
    "Rahman", "Haddad", "Mensah", "Okafor", "Perera", "Silva", "Yusuf", "Demir",
];

async fn participant(
    ctx: DemoContext<'_>,
    admin: &shetu_core::Actor,
    n: usize,
) -> Result<shetu_core::Actor, Boxed> {
    let phone = match ctx.pack.code.as_str() {
        "jo" => format!("+9627{}", 95_000_000 + n),
        _ => format!("+88019{}", 50_000_000 + n),
    };
    let phone = ctx.pack.phone.parse_mobile(&phone)?;
    let name = format!(
        "{} {}",
        GIVEN[n % GIVEN.len()],
        FAMILY[(n / GIVEN.len() + n) % FAMILY.len()]
    );
    let person = match shetu_people::persons::by_phone(ctx.db, &phone).await? {
        Some(p) => p,
        None => {
            shetu_people::persons::create(
                ctx.db,
                Some(admin),
                shetu_people::persons::NewPerson {
                    name: shetu_core::Text::parse(&name, 120)?,
                    phone,
                    language: ctx.pack.default_language.clone(),
                    home_region: None,
                    password: None,
                },
                shetu_store::now_ms(),
            )
            .await?
        }
    };
    Ok(shetu_core::Actor {
        person: person.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    })
}

fn slots(day: jiff::civil::Date, count: usize, tables: i64) -> Vec<workshops::NewSlot> {
    (0..count)
        .map(|i| {
            let hour = 9 + (i % 8) as i8;
            let date = day
                .checked_add(jiff::Span::new().days((i / 8) as i64))
                .unwrap_or(day);
            workshops::NewSlot {
                starts_at: format!("{}T{:02}:00", date, hour),
                minutes: 45,
                tables,
            }
        })
        .collect()
}

/// A past workshop with its meetings' outcomes (some became matches), and an upcoming one with
/// 64 participants and 190 meeting requests, most accepted, waiting for the organiser to
/// schedule them. The demo member's login takes part in the upcoming one.
pub(super) async fn seed_workshops(
    ctx: DemoContext<'_>,
    admin: &shetu_core::Actor,
    member_ids: &[(String, &str)],
    needs: &[String],
) -> Result<shetu_web::seam::DemoLogin, Boxed> {
    let db = ctx.db;
    let tz = if ctx.pack.code == "jo" {
        "Asia/Amman"
    } else {
        "Asia/Dhaka"
    };
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get(tz)?)
        .date();
    let days = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap_or(today)
    };
    // The demo member: a person with the demo password who acts for the first member.
    let phone = match ctx.pack.code.as_str() {
        "jo" => "+962790000007",
        _ => "+8801700000007",
    };
    let phone = ctx.pack.phone.parse_mobile(phone)?;
    let me = match shetu_people::persons::by_phone(db, &phone).await? {
        Some(p) => p,
        None => {
            shetu_people::persons::create(
                db,
                None,
                shetu_people::persons::NewPerson {
                    name: shetu_core::Text::parse(
                        if ctx.pack.default_language.code() == "ar" {
                            "نسرين الجابري"
                        } else {
                            "নুসরাত জাহান"
                        },
                        120,
                    )?,
                    phone: phone.clone(),
                    language: ctx.pack.default_language.clone(),
                    home_region: None,
                    password: Some(shetu_people::web::DEMO_PASSWORD.to_owned()),
                },
                shetu_store::now_ms(),
            )
            .await?
        }
    };
    // Her agenda notices go by e-mail too (to the sandbox outbox in the demo).
    shetu_people::email::confirm_for_demo(db, &me.id.to_string(), "nusrat.jahan@example.org")
        .await?;
    let me_actor = shetu_core::Actor {
        person: me.id,
        roles: Vec::new(),
        on_behalf_of: None,
        request_id: None,
    };
    shetu_people::orgs::set_member(
        db,
        admin,
        member_ids[0].0.parse()?,
        me.id,
        shetu_people::MemberRole::Staff,
        shetu_store::now_ms(),
    )
    .await?;

    // The past workshop: 24 participants, meetings held, outcomes written.
    let past = workshops::create(
        db,
        admin,
        workshops::NewWorkshop {
            title: "South-South matchmaking on digital public services".to_owned(),
            place: "Dhaka".to_owned(),
            time_zone: tz.to_owned(),
            registration_deadline: days(-40).to_string(),
            meeting_cap: 3,
            slots: slots(days(-30), 8, 6),
        },
    )
    .await?;
    let mut people = Vec::new();
    for n in 0..24 {
        let p = participant(ctx, admin, n).await?;
        let member = member_ids[n % member_ids.len()].0.as_str();
        workshops::add_participant(db, admin, &past.id, p.person, Some(member)).await?;
        people.push(p);
    }
    let mut accepted = Vec::new();
    for (i, p) in people.iter().enumerate() {
        for k in [1usize, 5] {
            let other = &people[(i + k) % people.len()];
            if let Ok(r) =
                workshops::request_meeting(db, p, &past.id, &other.person.to_string(), "").await
            {
                let r = workshops::answer(db, other, &r.id, true).await?;
                accepted.push(r.id);
            }
        }
    }
    workshops::schedule(db, ctx.i18n, admin, &past.id).await?;
    for (k, request) in accepted.iter().enumerate().take(12) {
        let becomes = (k % 3 == 0).then(|| {
            let need = &needs[k % needs.len()];
            (need.as_str(), k)
        });
        let outcome = "Agreed to exchange the programme's manuals and to hold a study visit.";
        let placed = match becomes {
            Some((need, _)) => match crate::matching::suggest(db, need, 3)
                .await?
                .into_iter()
                .nth(1)
            {
                Some(s) => {
                    workshops::record_outcome(
                        db,
                        admin,
                        request,
                        outcome,
                        Some((need, &s.solution.id)),
                    )
                    .await
                }
                None => workshops::record_outcome(db, admin, request, outcome, None).await,
            },
            None => workshops::record_outcome(db, admin, request, outcome, None).await,
        };
        // A meeting the scheduler could not place has no outcome to record; a pair already
        // matched stays as it is.
        if let Err(e) = placed {
            if !matches!(e, crate::ExchangeError::Conflict(_)) {
                return Err(e.into());
            }
        }
    }

    // The upcoming workshop: 64 participants and the demo member, 190 requests.
    let next = workshops::create(
        db,
        admin,
        workshops::NewWorkshop {
            title: "Matchmaking workshop on public-service innovation".to_owned(),
            place: "Dhaka".to_owned(),
            time_zone: tz.to_owned(),
            registration_deadline: days(20).to_string(),
            meeting_cap: 6,
            slots: slots(days(30), 16, 12),
        },
    )
    .await?;
    let mut people = Vec::new();
    for n in 100..164 {
        let p = participant(ctx, admin, n).await?;
        workshops::register(db, &p, &next.id, None).await?;
        people.push(p);
    }
    workshops::register(db, &me_actor, &next.id, Some(&member_ids[0].0)).await?;
    people.push(me_actor.clone());
    let count = people.len();
    let mut made = 0;
    for (i, p) in people.iter().enumerate() {
        // Free in most slots: each person misses a few, in turn.
        let free: Vec<i64> = (0..16).filter(|s| (s + i as i64) % 5 != 0).collect();
        workshops::set_availability(db, p, &next.id, &free).await?;
        for k in [1usize, 7, 19] {
            let other = &people[(i + k) % count];
            if let Ok(r) = workshops::request_meeting(
                db,
                p,
                &next.id,
                &other.person.to_string(),
                "Let us compare our programmes.",
            )
            .await
            {
                made += 1;
                if (i + k) % 4 != 0 {
                    workshops::answer(db, other, &r.id, true).await?;
                }
            }
        }
    }
    tracing::info!(requests = made, "demo workshop requests");
    Ok(shetu_web::seam::DemoLogin {
        role: "member".into(),
        phone: phone.to_string(),
        name: me.name,
    })
}
