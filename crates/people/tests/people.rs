//! People, sessions, tokens, codes, mandates and the audit trail, on SQLite and PostgreSQL.

use shetu_core::id::PersonId;
use shetu_core::{Lang, Phone, RegionId, Text};
use shetu_i18n::I18n;
use shetu_people::mandates::{self, PaperForm, Request};
use shetu_people::persons::{self, NewPerson, ProfileChange};
use shetu_people::sms;
use shetu_people::{
    orgs, otp, sessions, signin, tokens, Actor, MemberRole, PeopleError, Role, Scope,
    GOVERNMENT_DEPARTMENT, PROFILE_EDIT,
};
use shetu_store::audit::{self, Verdict};
use shetu_store::{now_ms, Db};
use shetu_testkit::ok;
use shetu_testkit::{app_test, TestApp};

fn phone(n: u32) -> Phone {
    ok(Phone::parse_e164(&format!("+88017000000{n:02}")))
}

async fn person(db: &Db, n: u32, password: Option<&str>) -> PersonId {
    let new = NewPerson {
        name: ok(Text::parse(&format!("Person {n}"), 100)),
        phone: phone(n),
        language: ok(Lang::parse("bn")),
        home_region: None,
        password: password.map(str::to_owned),
    };
    ok(persons::create(db, None, new, now_ms()).await).id
}

fn actor(id: PersonId, roles: &[Role]) -> Actor {
    Actor {
        person: id,
        roles: roles.to_vec(),
        on_behalf_of: None,
        request_id: Some("test".into()),
    }
}

struct World {
    admin: Actor,
    agent: Actor,
    other_agent: Actor,
    client: PersonId,
    i18n: I18n,
}

async fn world(app: &TestApp) -> World {
    let db = &app.db;
    let now = now_ms();
    let admin = person(db, 0, Some("shetu-demo")).await;
    ok(orgs::bootstrap_role(db, admin, Role::Admin, now).await);
    let admin = actor(admin, &[Role::Admin]);
    let point = ok(orgs::create_service_point(
        db,
        &admin,
        &ok(Text::parse("Kapasia UDC", 80)),
        "union_digital_centre",
        &ok(RegionId::parse("bd.union.1")),
        &orgs::PointDetails::default(),
        now,
    )
    .await);
    let agent = person(db, 1, Some("shetu-demo")).await;
    let other = person(db, 2, Some("shetu-demo")).await;
    ok(orgs::assign_agent(db, &admin, point.id, agent, now).await);
    ok(orgs::assign_agent(db, &admin, point.id, other, now).await);
    let client = person(db, 3, None).await;
    World {
        admin,
        agent: actor(agent, &[Role::Agent]),
        other_agent: actor(other, &[Role::Agent]),
        client,
        i18n: app.state.i18n.clone(),
    }
}

app_test!(async fn sign_in_limits_failures_and_lifts_by_itself(app) {
    let db = app.db.clone();
    let me = person(&db, 10, Some("correct horse")).await;
    let t0 = now_ms();
    assert_eq!(ok(signin::sign_in(&db, &phone(10), "correct horse", "10.0.0.1", t0).await), me);
    assert!(matches!(signin::sign_in(&db, &phone(99), "whatever1", "10.0.0.1", t0).await, Err(PeopleError::InvalidCredentials)));
    for _ in 0..signin::PER_PHONE {
        assert!(matches!(signin::sign_in(&db, &phone(10), "wrong pass", "10.0.0.1", t0).await, Err(PeopleError::InvalidCredentials)));
    }
    // Locked for this phone, even with the right password from another address …
    let locked = signin::sign_in(&db, &phone(10), "correct horse", "10.9.9.9", t0 + 1000).await;
    let Err(PeopleError::RateLimited { retry_after_s }) = locked else { panic!("expected a limit, got {locked:?}") };
    assert!(retry_after_s > 0 && retry_after_s <= 15 * 60);
    // … but not for ever.
    assert_eq!(ok(signin::sign_in(&db, &phone(10), "correct horse", "10.9.9.9", t0 + signin::WINDOW_MS + 1000).await), me);
    // One address failing on many phones is limited too, other addresses are not.
    let t1 = t0 + 3 * signin::WINDOW_MS;
    for n in 0..signin::PER_ADDRESS {
        let failed = signin::sign_in(&db, &phone(20 + u32::try_from(n % 4).unwrap_or(0)), "nope nope", "10.6.6.6", t1).await;
        assert!(matches!(failed, Err(PeopleError::InvalidCredentials)), "attempt {n}: {failed:?}");
    }
    assert!(matches!(signin::sign_in(&db, &phone(10), "correct horse", "10.6.6.6", t1).await, Err(PeopleError::RateLimited { .. })));
    assert_eq!(ok(signin::sign_in(&db, &phone(10), "correct horse", "10.0.0.2", t1).await), me);
});

app_test!(async fn sessions_rotate_expire_and_end(app) {
    let db = app.db.clone();
    let me = person(&db, 11, Some("correct horse")).await;
    let t0 = now_ms();
    let first = ok(sessions::start(&db, me, None, None, t0).await);
    assert_eq!(ok(sessions::load(&db, &first.token, t0).await).map(|s| s.person), Some(me));
    // Signing in again (even with the old cookie present) gives a new id and kills the old one.
    let second = ok(sessions::start(&db, me, Some(&first.token), None, t0).await);
    assert_ne!(first.token, second.token);
    assert!(ok(sessions::load(&db, &first.token, t0).await).is_none(), "old session id still works");
    // Idle expiry.
    assert!(ok(sessions::load(&db, &second.token, t0 + sessions::IDLE_MS).await).is_none());
    // Absolute expiry, however busy the session.
    let third = ok(sessions::start(&db, me, None, None, t0).await);
    let hour = 3_600_000;
    let mut t = t0;
    while t + hour < t0 + sessions::ABSOLUTE_MS {
        t += hour;
        assert!(ok(sessions::load(&db, &third.token, t).await).is_some());
    }
    assert!(ok(sessions::load(&db, &third.token, t0 + sessions::ABSOLUTE_MS).await).is_none());
    // Sign-out.
    let fourth = ok(sessions::start(&db, me, None, None, t0).await);
    ok(sessions::end(&db, &fourth.token, &actor(me, &[])).await);
    assert!(ok(sessions::load(&db, &fourth.token, t0).await).is_none());
    assert!(ok(sessions::load(&db, "forged", t0).await).is_none());
});

app_test!(async fn tokens_work_until_their_owner_revokes_them(app) {
    let db = app.db.clone();
    let me = actor(person(&db, 12, Some("correct horse")).await, &[]);
    let other = actor(person(&db, 13, Some("correct horse")).await, &[]);
    let now = now_ms();
    let (id, secret) = ok(tokens::create(&db, &me, &ok(Text::parse("phone app", 50)), now).await);
    assert!(secret.starts_with("shetu_"));
    assert_eq!(ok(tokens::authenticate(&db, &secret, now).await), Some((me.person, vec![])));
    // The owner's roles come with the token, in their order, and only the owner's.
    ok(orgs::bootstrap_role(&db, me.person, Role::Analyst, now).await);
    ok(orgs::bootstrap_role(&db, me.person, Role::Agent, now).await);
    ok(orgs::bootstrap_role(&db, other.person, Role::Admin, now).await);
    let both = vec![Role::Agent, Role::Analyst];
    assert_eq!(ok(tokens::authenticate(&db, &secret, now).await), Some((me.person, both.clone())));
    assert!(matches!(tokens::revoke(&db, &other, id, now).await, Err(PeopleError::NotFound(_))));
    assert_eq!(ok(tokens::authenticate(&db, &secret, now).await), Some((me.person, both)));
    ok(tokens::revoke(&db, &me, id, now).await);
    assert_eq!(ok(tokens::authenticate(&db, &secret, now).await), None);
    assert!(ok(tokens::list(&db, me.person).await)[0].revoked_at.is_some());
    assert!(matches!(tokens::revoke(&db, &me, id, now).await, Err(PeopleError::NotFound(_))));
});

app_test!(async fn codes_are_single_use_expire_and_are_limited(app) {
    let db = app.db.clone();
    let w = world(app).await;
    let me = phone(3);
    let t0 = now_ms();
    // A token made before the password changes stops working when it does.
    let old_token = ok(tokens::create(&db, &actor(w.client, &[]), &ok(Text::parse("old phone app", 30)), t0).await).1;
    assert_eq!(ok(tokens::authenticate(&db, &old_token, t0).await), Some((w.client, vec![])));
    ok(persons::request_password_code(&db, &w.i18n, &me, t0).await);
    let code = app.last_code_to(&me).await;
    // The job keeps no copy of the code once the message is sent.
    use sqlx::Row;
    let payloads = ok(sqlx::query("SELECT payload FROM job WHERE kind = 'sms.send'").fetch_all(db.pool()).await);
    assert!(payloads.iter().all(|r| r.try_get::<String, _>(0).is_ok_and(|p| p == "{}")));
    // A wrong code is refused (a code that differs from the one sent in its last digit).
    let wrong: String = code.chars().take(5).chain(std::iter::once(if code.ends_with('0') { '1' } else { '0' })).collect();
    assert!(matches!(persons::set_password_with_code(&db, &me, &wrong, "new password", t0).await, Err(PeopleError::CodeInvalid)));
    let bangla: String = shetu_core::digits::localize_digits(&code, "bn");
    assert_eq!(ok(persons::set_password_with_code(&db, &me, &bangla, "new password", t0 + 1000).await), w.client);
    assert!(matches!(persons::set_password_with_code(&db, &me, &code, "another one", t0 + 2000).await, Err(PeopleError::CodeInvalid)), "reused");
    assert_eq!(ok(signin::sign_in(&db, &me, "new password", "10.0.0.1", t0 + 3000).await), w.client);
    assert_eq!(ok(tokens::authenticate(&db, &old_token, t0 + 3000).await), None, "tokens end with the old password");

    // Expiry.
    ok(persons::request_password_code(&db, &w.i18n, &me, t0 + 5000).await);
    let late = app.last_code_to(&me).await;
    assert!(matches!(persons::set_password_with_code(&db, &me, &late, "too late pw", t0 + 5000 + otp::VALID_MS).await, Err(PeopleError::CodeInvalid)));
    // Three codes per window, then a wait.
    ok(persons::request_password_code(&db, &w.i18n, &me, t0 + 6000).await);
    let limited = persons::request_password_code(&db, &w.i18n, &me, t0 + 7000).await;
    assert!(matches!(limited, Err(PeopleError::RateLimited { .. })), "{limited:?}");
    ok(persons::request_password_code(&db, &w.i18n, &me, t0 + otp::WINDOW_MS + 10_000).await);
    // Five wrong tries kill a code, even before it expires.
    let t2 = t0 + otp::WINDOW_MS + 20_000;
    let good = app.last_code_to(&me).await;
    let wrong = if good == "111111" { "222222" } else { "111111" };
    for _ in 0..otp::MAX_ATTEMPTS {
        assert!(matches!(persons::set_password_with_code(&db, &me, wrong, "brute force", t2).await, Err(PeopleError::CodeInvalid)));
    }
    assert!(matches!(persons::set_password_with_code(&db, &me, &good, "brute force", t2).await, Err(PeopleError::CodeInvalid)));
    // An unknown phone gets the same answer and no message.
    ok(persons::request_password_code(&db, &w.i18n, &phone(77), t2).await);
    assert!(ok(sms::sandbox_outbox(&db, Some(&phone(77)), 5).await).is_empty());
});

app_test!(async fn mandates_are_required_and_refused_in_every_case(app) {
    let db = app.db.clone();
    let w = world(app).await;
    let t0 = now_ms();
    let mut acting = w.agent.clone();
    acting.on_behalf_of = Some(w.client);
    let change = || ProfileChange { language: Some(ok(Lang::parse("en"))), ..ProfileChange::default() };
    let refused = |r: Result<shetu_core::id::PersonId, PeopleError>| matches!(r, Err(PeopleError::MandateRequired));
    let try_edit = |a: Actor, t: i64| {
        let db = db.clone();
        async move {
            let mut tx = ok(db.begin().await);
            let r = mandates::subject_for(&mut tx, &a, PROFILE_EDIT, t).await;
            ok(tx.rollback().await);
            r
        }
    };
    // No mandate at all.
    assert!(refused(try_edit(acting.clone(), t0).await));
    assert!(matches!(persons::update_profile(&db, &acting, change(), t0).await, Err(PeopleError::MandateRequired)));
    // Asked for but not yet confirmed.
    let asked = ok(mandates::request(&db, &w.i18n, &w.agent, Request { subject: w.client, scopes: vec![PROFILE_EDIT], valid_days: 30 }, t0).await);
    assert!(refused(try_edit(acting.clone(), t0).await), "pending mandate");
    let code = app.last_code_to(&phone(3)).await;
    let sms_text = ok(sms::sandbox_outbox(&db, Some(&phone(3)), 1).await).remove(0).body;
    assert!(sms_text.contains("Person 1") && sms_text.contains("প্রোফাইল"), "{sms_text}");
    // Another agent cannot confirm it; a wrong code does not.
    assert!(matches!(mandates::confirm(&db, &w.other_agent, asked.id, &code, t0).await, Err(PeopleError::NotFound(_))));
    let wrong = if code == "123456" { "654321" } else { "123456" };
    assert!(matches!(mandates::confirm(&db, &w.agent, asked.id, wrong, t0).await, Err(PeopleError::CodeInvalid)));
    let active = ok(mandates::confirm(&db, &w.agent, asked.id, &code, t0).await);
    assert_eq!(active.status, mandates::Status::Active);
    assert_eq!(ok(try_edit(acting.clone(), t0).await), w.client);
    let updated = ok(persons::update_profile(&db, &acting, change(), t0).await);
    assert_eq!((updated.id, updated.language.code()), (w.client, "en"));
    // A scope it does not cover.
    let mut tx = ok(db.begin().await);
    assert!(matches!(mandates::subject_for(&mut tx, &acting, Scope::declared("skills.profile"), t0).await, Err(PeopleError::MandateRequired)));
    drop(tx);
    // Another agent's mandate.
    let mut other = w.other_agent.clone();
    other.on_behalf_of = Some(w.client);
    assert!(refused(try_edit(other, t0).await));
    // Someone who is not an agent.
    let mut plain = actor(person(&db, 40, Some("plain person")).await, &[]);
    plain.on_behalf_of = Some(w.client);
    assert!(refused(try_edit(plain, t0).await));
    // A person who does not exist: the same answer.
    let mut ghost = w.agent.clone();
    ghost.on_behalf_of = Some(PersonId::new());
    assert!(refused(try_edit(ghost, t0).await));
    // Lapsed.
    assert!(refused(try_edit(acting.clone(), t0 + 31 * 86_400_000).await));
    // Only the person (or an admin) can revoke; then it is refused.
    let stranger = actor(person(&db, 41, Some("stranger pw")).await, &[]);
    assert!(matches!(mandates::revoke(&db, &stranger, asked.id, t0).await, Err(PeopleError::NotFound(_))));
    assert!(matches!(mandates::revoke(&db, &w.agent, asked.id, t0).await, Err(PeopleError::NotFound(_))));
    let client = actor(w.client, &[]);
    assert_eq!(ok(mandates::revoke(&db, &client, asked.id, t0).await).status, mandates::Status::Revoked);
    assert!(refused(try_edit(acting.clone(), t0).await), "revoked mandate");

    // A paper form instead of a code, revoked by an admin.
    let paper = ok(mandates::request(&db, &w.i18n, &w.agent, Request { subject: w.client, scopes: vec![PROFILE_EDIT, Scope::declared("skills.profile")], valid_days: 7 }, t0).await);
    // A text file named .jpg is refused by its content, whatever it claims to be.
    let fake = PaperForm { witness_name: ok(Text::parse("Rahima Begum", 80)), photo: b"not a photo at all".to_vec(), photo_type: "image/jpeg".into() };
    assert!(matches!(mandates::record_paper(&db, &w.agent, paper.id, fake, t0).await, Err(PeopleError::Invalid("photo", "not_an_image"))));
    // A real photo (a PNG here) is kept re-encoded as JPEG, without its metadata.
    let mut png = Vec::new();
    ok(image::DynamicImage::new_rgb8(64, 48).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png));
    let form = PaperForm { witness_name: ok(Text::parse("Rahima Begum", 80)), photo: png, photo_type: "image/png".into() };
    assert_eq!(ok(mandates::record_paper(&db, &w.agent, paper.id, form, t0).await).confirmed_via.as_deref(), Some("paper"));
    let (kind, stored): (String, Vec<u8>) = ok(sqlx::query_as("SELECT paper_photo_type, paper_photo FROM mandate WHERE id = $1").bind(paper.id).fetch_one(db.pool()).await);
    assert_eq!((kind.as_str(), image::guess_format(&stored).ok()), ("image/jpeg", Some(image::ImageFormat::Jpeg)));
    assert_eq!(ok(try_edit(acting.clone(), t0).await), w.client);
    ok(mandates::revoke(&db, &w.admin, paper.id, t0).await);
    assert!(refused(try_edit(acting, t0).await));
    // Bad requests.
    assert!(matches!(mandates::request(&db, &w.i18n, &client, Request { subject: w.agent.person, scopes: vec![PROFILE_EDIT], valid_days: 1 }, t0).await, Err(PeopleError::Forbidden)));
    assert!(matches!(mandates::request(&db, &w.i18n, &w.agent, Request { subject: w.client, scopes: vec![], valid_days: 1 }, t0).await, Err(PeopleError::Invalid(..))));
    assert!(matches!(mandates::request(&db, &w.i18n, &w.agent, Request { subject: w.client, scopes: vec![PROFILE_EDIT], valid_days: 400 }, t0).await, Err(PeopleError::OutOfRange { field: "valid_days", min: 1, max: 365 })));
});

app_test!(async fn what_an_agent_does_is_in_the_clients_trail(app) {
    let db = app.db.clone();
    let w = world(app).await;
    let t0 = now_ms();
    let asked = ok(mandates::request(&db, &w.i18n, &w.agent, Request { subject: w.client, scopes: vec![PROFILE_EDIT], valid_days: 30 }, t0).await);
    let code = app.last_code_to(&phone(3)).await;
    ok(mandates::confirm(&db, &w.agent, asked.id, &code, t0).await);
    let mut acting = w.agent.clone();
    acting.on_behalf_of = Some(w.client);
    ok(persons::update_profile(&db, &acting, ProfileChange { home_region: Some(ok(RegionId::parse("bd.upazila.1"))), ..ProfileChange::default() }, t0).await);
    let trail = ok(audit::done_for(&db, &w.client.to_string(), 50).await);
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(&actions[..3], ["person.update_profile", "mandate.confirm", "mandate.request"]);
    assert!(trail.iter().take(3).all(|e| e.actor_id.as_deref() == Some(w.agent.person.to_string().as_str())));
    assert_eq!(trail[0].request_id.as_deref(), Some("test"));
});

app_test!(async fn what_people_do_is_in_the_signed_log(app) {
    let db = app.db.clone();
    let w = world(app).await;
    let now = now_ms();
    for n in 50..54 {
        ok(tokens::create(&db, &actor(w.client, &[]), &ok(Text::parse(&format!("t{n}"), 10)), now).await);
    }
    app.integrate_audit().await;
    let keys = ok(audit::KeyRing::new(&app.signer, &[]));
    let Verdict::Intact { events, heads, .. } = ok(audit::verify(&db, &keys).await) else { panic!("log broken before tampering") };
    assert!(events >= 10 && heads >= 1, "{events} events, {heads} heads");
    // Each of the client's events has a proof, and only the client (or the actor) gets it.
    let mine = ok(audit::search(&db, &audit::Search { person: Some(w.client.to_string()), limit: 50, ..Default::default() }).await);
    assert!(mine.len() >= 4);
    for e in &mine {
        assert!(ok(audit::inclusion_proof(&db, &e.id, Some(&w.client.to_string())).await).is_ok(), "{}", e.action);
        assert_eq!(ok(audit::inclusion_proof(&db, &e.id, Some(&w.other_agent.person.to_string())).await), Err(audit::ProofError::NotFound));
    }
    // Changing what a token event says is found by verification.
    ok(sqlx::query("UPDATE audit_event SET action = 'token.forged' WHERE action = 'token.create'").execute(db.pool()).await);
    assert!(matches!(ok(audit::verify(&db, &keys).await), Verdict::Broken(_)));
});

app_test!(async fn organisations_roles_and_service_points_need_the_right_people(app) {
    let db = app.db.clone();
    let w = world(app).await;
    let now = now_ms();
    let name = ok(Text::parse("Nakshi Kantha Collective", 80));
    let nobody = actor(person(&db, 60, Some("nobody pw")).await, &[]);
    assert!(matches!(orgs::create_organization(&db, &nobody, &name, GOVERNMENT_DEPARTMENT, None, now).await, Err(PeopleError::Forbidden)));
    let org = ok(orgs::create_organization(&db, &w.admin, &name, GOVERNMENT_DEPARTMENT, Some(&ok(RegionId::parse("bd.district.1"))), now).await);
    let owner = actor(person(&db, 61, Some("owner pw 1")).await, &[]);
    ok(orgs::set_member(&db, &w.admin, org.id, owner.person, MemberRole::Owner, now).await);
    let staff = person(&db, 62, None).await;
    ok(orgs::set_member(&db, &owner, org.id, staff, MemberRole::Staff, now).await);
    let staff_actor = actor(staff, &[]);
    assert!(matches!(orgs::set_member(&db, &staff_actor, org.id, nobody.person, MemberRole::Staff, now).await, Err(PeopleError::Forbidden)));
    let memberships = ok(orgs::memberships(&db, staff).await);
    assert_eq!((memberships.len(), memberships[0].role), (1, MemberRole::Staff));
    assert!(matches!(orgs::set_role(&db, &nobody, staff, Role::Admin, true, now).await, Err(PeopleError::Forbidden)));
    ok(orgs::set_role(&db, &w.admin, staff, Role::Analyst, true, now).await);
    assert_eq!(ok(persons::roles(&db, staff).await), vec![Role::Analyst]);
    ok(orgs::set_role(&db, &w.admin, staff, Role::Analyst, false, now).await);
    assert!(ok(persons::roles(&db, staff).await).is_empty());
    assert!(matches!(orgs::set_role(&db, &w.admin, w.admin.person, Role::Admin, false, now).await, Err(PeopleError::Conflict(_))));
    let points = ok(orgs::points_of_agent(&db, w.agent.person).await);
    assert_eq!(points.len(), 1);
    assert_eq!(ok(persons::roles(&db, w.agent.person).await), vec![Role::Agent]);
    let dup = NewPerson { name: ok(Text::parse("Dup", 10)), phone: phone(3), language: ok(Lang::parse("bn")), home_region: None, password: None };
    assert!(matches!(persons::create(&db, Some(&w.agent), dup, now).await, Err(PeopleError::Conflict("phone_taken"))));
});

app_test!(async fn the_code_sms_names_the_centre_says_how_to_refuse_and_fits_two_parts(app) {
    let db = app.db.clone();
    let now = now_ms();
    let admin = app.login_as("admin").await;
    let admin_actor = actor(admin.id, &[Role::Admin]);
    let long_centre = "আলি আকবর ডেইল ইউনিয়ন ডিজিটাল সেন্টার";
    let point = ok(orgs::create_service_point(&db, &admin_actor, &ok(Text::parse(long_centre, 120)), "union_digital_centre", &ok(RegionId::parse("bd.union.1")), &orgs::PointDetails::default(), now).await);
    let agent = app.login_named("agent", "মোহাম্মদ আবদুল্লাহ আল মামুন চৌধুরী").await;
    ok(orgs::assign_agent(&db, &admin_actor, point.id, agent.id, now).await);
    let client = app.login_as("person").await;
    let agent_actor = actor(agent.id, &[Role::Agent]);
    ok(mandates::request(&db, &app.state.i18n, &agent_actor, Request { subject: client.id, scopes: vec![PROFILE_EDIT], valid_days: 30 }, now).await);
    let text = app.last_sms_to(&client.phone).await.unwrap_or_else(|| panic!("no SMS"));
    assert!(text.contains(long_centre), "{text}");
    assert!(text.contains("না হলে বলবেন না"), "says how to refuse: {text}");
    assert!(shetu_people::sms::parts(&text) <= 2, "{} parts: {text}", shetu_people::sms::parts(&text));
});
