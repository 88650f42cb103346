//! The seam, checked over every compiled-in module: each declared error code, field code, scope
//! and organisation kind has its message in bn, en and ar; every message is used; scopes and kinds
//! are well formed; migrations keep to their blocks; a disabled module's routes answer 404 and
//! its links leave the navigation.

use shetu_i18n::{keys_of, I18n, LANGUAGES};
use shetu_testkit::{ok, TestApp, TestEngine};
use std::collections::BTreeSet;
use std::path::Path;

/// Every `.rs` and `.html` file of the workspace's crates, as one text to search for keys.
fn workspace_sources() -> String {
    fn walk(dir: &Path, out: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("target") && !p.ends_with("tests") {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|x| x == "rs" || x == "html") {
                out.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."), &mut out);
    out
}

#[test]
fn every_declared_code_scope_and_kind_has_its_messages_and_every_message_is_used() {
    let modules = shetu::modules();
    let messages = modules.messages();
    let sources: Vec<(&str, &str)> = messages.iter().map(|m| (m.lang, m.source)).collect();
    let i18n = ok(I18n::load(&sources));
    let mut errors: BTreeSet<&str> = shetu_web::i18n::SHELL_CODES
        .errors
        .iter()
        .copied()
        .collect();
    let mut fields: BTreeSet<&str> = shetu_web::i18n::SHELL_CODES
        .fields
        .iter()
        .copied()
        .collect();
    let mut scopes = Vec::new();
    let mut kinds = Vec::new();
    for m in modules.compiled() {
        for codes in m.error_codes() {
            errors.extend(codes.errors);
            fields.extend(codes.fields);
        }
        for s in m.scopes() {
            assert!(s.is_well_formed(), "{}: scope {s}", m.name());
            scopes.push(s);
        }
        for k in m.org_kinds() {
            assert!(k.is_well_formed(), "{}: kind {k}", m.name());
            kinds.push(k);
        }
    }
    let mut needed: BTreeSet<String> = BTreeSet::new();
    needed.extend(errors.iter().map(|c| format!("error-{c}")));
    needed.extend(fields.iter().map(|c| format!("field-{c}")));
    for s in &scopes {
        needed.insert(s.message_key());
        needed.insert(format!("{}-agent", s.message_key()));
    }
    needed.extend(kinds.iter().map(|k| k.message_key()));
    for (lang, _) in LANGUAGES {
        let missing: Vec<&String> = needed.iter().filter(|k| !i18n.contains(lang, k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
    // The same keys in every language, module by module.
    for m in modules.compiled() {
        let by_lang: Vec<(&str, BTreeSet<String>)> = m
            .messages()
            .iter()
            .map(|msg| (msg.lang, keys_of(msg.source).into_iter().collect()))
            .collect();
        assert_eq!(
            by_lang.len(),
            3,
            "{} has messages in {} languages",
            m.name(),
            by_lang.len()
        );
        for (lang, keys) in &by_lang[1..] {
            let (first_lang, first) = &by_lang[0];
            assert_eq!(keys, first, "{}: {lang} and {first_lang} differ", m.name());
        }
    }
    // Every message is used: named in the code or a template, or derived from something declared.
    let code = workspace_sources();
    let derived_prefixes = [
        "role-",
        "member-",
        "region-level-",
        "action-",
        "log-",
        // Commerce labels looked up by a category, unit, kind, state, payment or flag id.
        "commerce-cat-",
        "commerce-unit-",
        "commerce-kind-",
        "commerce-state-",
        "commerce-move-",
        "commerce-payment-",
        "commerce-flag-",
        "remit-outcome-",
        "courier-outcome-",
        "courier-event-",
        "payout-state-",
        "refund-state-",
        "sell-payout-",
        // Skills labels looked up by a level or a kind of work.
        "skills-level-",
        "skills-work-",
        "skills-state-",
        "skills-sms-application-",
        "skills-reason-",
        "skills-move-",
        "skills-vacancy-",
        "skills-enrolment-",
        // Exchange labels looked up by a vocabulary code, a review status or a field name.
        "exchange-status-",
        "exchange-level-",
        "exchange-cost-",
        "exchange-maturity-",
        "exchange-kind-",
        "exchange-focus-",
        "exchange-lang-",
        "exchange-field-",
        "exchange-mstate-",
        "exchange-move-",
        "exchange-request-",
        "exchange-kind-of-",
        "exchange-moderation-what-",
        "exchange-sms-moderation-",
        "exchange-flag-reason-",
        "exchange-decide-",
        "exchange-decided-",
    ];
    // Month names are looked up by number (`month-{n}`), all twelve.
    let months: Vec<String> = (1..=12).map(|n| format!("month-{n}")).collect();
    let mut unused = Vec::new();
    for msg in messages.iter().filter(|m| m.lang == "en") {
        for key in keys_of(msg.source) {
            let used = needed.contains(&key)
                || (months.contains(&key) && code.contains("\"month-{}\""))
                || code.contains(&format!("\"{key}\""))
                || derived_prefixes.iter().any(|p| {
                    key.strip_prefix(p).is_some_and(|rest| {
                        // `action-person-update_profile` is used when `person.update_profile` is.
                        let dotted = rest.replacen('-', ".", 1);
                        // `log-exchange-solution-submit` when `exchange.solution.submit` is.
                        let all_dotted = rest.replace('-', ".");
                        code.contains(&format!("\"{rest}\""))
                            || code.contains(&format!("\"{dotted}\""))
                            || code.contains(&format!("\"{all_dotted}\""))
                    })
                });
            if !used {
                unused.push(key);
            }
        }
    }
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
    // And every error code any crate declares is one the shell or a module lists.
    assert!(errors.contains("mandate_required") && fields.contains("too_short"));
}

#[test]
fn bangla_case_endings_after_a_name_are_written_as_words_not_hyphenated_suffixes() {
    // "{ $name }-এর সিভি" reads as machine text; "{ POSS($name) } সিভি" gives "রহিমা বেগমের সিভি".
    // (After a number or a code, "১৬-এর", "BD-এর", the hyphen is how Bangla is written.)
    let modules = shetu::modules();
    let mut wrong = Vec::new();
    for m in modules.messages().iter().filter(|m| m.lang == "bn") {
        for line in m.source.lines() {
            if ["}-এ", "}-র", "}-ের", "} -এ", "}এর", "}-তে", "}-য়"]
                .iter()
                .any(|p| line.contains(p))
            {
                wrong.push(line.to_owned());
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "use {{ POSS($name) }} for a possessive, {{ LOC($name) }} for 'in, at': {wrong:?}"
    );
}

#[test]
fn bangla_and_arabic_messages_write_numbers_in_their_own_digits() {
    // One digit system per language: "৬ মেগাবাইট", "٦ ميغابايت", never "6". Codes and names of
    // standards keep their ASCII digits.
    const CODES: [&str; 5] = [
        "Apache-2.0",
        "OpenAPI 3.1",
        "3166-2",
        "bd.union.1",
        "/api/v1",
    ];
    let modules = shetu::modules();
    let mut wrong = Vec::new();
    for m in modules
        .messages()
        .iter()
        .filter(|m| m.lang == "bn" || m.lang == "ar")
    {
        for line in m.source.lines() {
            let value = match line.split_once(" = ") {
                Some((_, value)) => value,
                None if line.starts_with(' ') => line,
                None => continue,
            };
            // Plural variants ([one], [few]) carry no digits; numeric variant keys would.
            let mut text = value.to_owned();
            for code in CODES {
                text = text.replace(code, "");
            }
            if text.chars().any(|c| c.is_ascii_digit()) {
                wrong.push(format!("{}: {line}", m.lang));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ASCII digits in bn/ar messages: {wrong:?}"
    );
}

#[test]
fn migrations_keep_to_their_blocks_and_agree_across_engines() {
    for set in shetu::modules().migrations() {
        ok(set.check());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_module_answers_404_and_leaves_the_navigation() {
    let all = TestApp::start(TestEngine::Sqlite).await;
    let home = all.get("/?lang=en", &[]).await.text();
    assert!(
        home.contains("href=\"/feedback\""),
        "feedback is linked when on"
    );
    assert_eq!(all.get("/feedback", &[]).await.status, 200);
    all.finish().await;

    let modules = ok(shetu::modules().enable_only(&["people".into(), "regions".into()]));
    let app = TestApp::start_with(TestEngine::Sqlite, "bd", modules).await;
    for path in ["/feedback", "/api/v1/feedback"] {
        assert_eq!(app.get(path, &[]).await.status, 404, "{path}");
    }
    let created = app
        .post(
            "/api/v1/feedback",
            "application/json",
            "{\"message\":\"x\"}",
            &[],
        )
        .await;
    assert_eq!(created.status, 404);
    for path in ["/?lang=en", "/regions?lang=en"] {
        let page = app.get(path, &[]).await.text();
        assert!(
            !page.contains("href=\"/feedback\""),
            "{path} still links feedback"
        );
        assert!(
            page.contains("href=\"/regions\""),
            "{path} lost the regions link"
        );
    }
    // The API description lists only what is served.
    let doc = app.get("/api/openapi.json", &[]).await.json();
    assert!(doc["paths"].get("/api/v1/feedback").is_none());
    assert!(doc["paths"].get("/api/v1/regions").is_some());
    app.finish().await;
    // An unknown module is refused, naming the known ones.
    let err = shetu::modules()
        .enable_only(&["shop".into()])
        .err()
        .unwrap_or_default();
    assert!(
        err.contains("no module `shop`") && err.contains("people"),
        "{err}"
    );
}
