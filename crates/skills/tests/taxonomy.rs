//! The taxonomy: loaded from the built-in copy and from a folder, idempotently, with the pack's
//! Bangla labels; found by name while typing.

use shetu_skills::finder::{Finder, Kind};
use shetu_skills::taxonomy::{import, Files};
use shetu_testkit::TestApp;

fn repo_taxonomy() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/taxonomy")
}

async fn counts(app: &TestApp) -> (i64, i64, i64, i64) {
    let one = |q: &'static str| async move {
        sqlx::query_scalar::<_, i64>(q)
            .fetch_one(app.db.pool())
            .await
            .expect("count")
    };
    (
        one("SELECT COUNT(*) FROM skills_occupation").await,
        one("SELECT COUNT(*) FROM skills_skill").await,
        one("SELECT COUNT(*) FROM skills_occupation_skill").await,
        one("SELECT COUNT(*) FROM skills_occupation WHERE label_bn IS NOT NULL").await,
    )
}

shetu_testkit::app_test!(async fn the_taxonomy_loads_once_with_bangla_labels(app) {
    let first = import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("built-in taxonomy");
    assert!(!first.unchanged);
    // Tabiya v2.0.1: 3,007 ESCO and 67 local occupations; ESCO v1.1.1: 13,896 skills.
    assert_eq!(first.occupations, 3074);
    assert_eq!(first.skills, 13896);
    assert!(first.links > 120_000, "{first}");
    assert!(first.labelled_occupations >= 150, "{first}");
    assert!(first.labelled_skills >= 500, "{first}");
    assert_eq!(first.unknown_labels, 0, "{first}");
    let before = counts(app).await;
    assert_eq!(before.0, 3074);
    assert_eq!(before.1, 13896);
    assert_eq!(before.2, i64::try_from(first.links).expect("small"));
    assert_eq!(before.3, i64::try_from(first.labelled_occupations).expect("small"));
    let tailor: i64 = sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = '7531.5'")
        .fetch_one(app.db.pool())
        .await
        .expect("tailor");

    // The same files from a folder: nothing changes, ids stay.
    let again = import(&app.db, app.pack, Files::Dir(repo_taxonomy()), &|_, _| {})
        .await
        .expect("taxonomy folder");
    assert!(again.unchanged, "{again}");
    assert_eq!(counts(app).await, before);
    let tailor_again: i64 =
        sqlx::query_scalar("SELECT id FROM skills_occupation WHERE code = '7531.5'")
            .fetch_one(app.db.pool())
            .await
            .expect("tailor");
    assert_eq!(tailor, tailor_again);
    let imports: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_event WHERE action = 'skills.taxonomy.import'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(imports, 1, "an unchanged import is not recorded again");

    // Occupations sit in their ISCO-08 unit group, under its minor, sub-major and major groups.
    let chain: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT g.code, g.parent_code FROM skills_occupation o \
         JOIN skills_occupation_group g ON g.code = o.group_code WHERE o.code = '7531.5'",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("group");
    assert_eq!(chain, vec![("7531".to_owned(), Some("753".to_owned()))]);
    let essential: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM skills_occupation_skill WHERE occupation_id = $1 AND essential = 1",
    )
    .bind(tailor)
    .fetch_one(app.db.pool())
    .await
    .expect("links");
    assert!(essential >= 5, "a tailor needs {essential} essential skills");
});

shetu_testkit::app_test!(async fn a_folder_without_the_files_is_refused_by_name(app) {
    let empty = app.data_dir.join("empty-taxonomy");
    std::fs::create_dir_all(&empty).expect("folder");
    let refused = import(&app.db, app.pack, Files::Dir(empty), &|_, _| {})
        .await
        .expect_err("no files");
    assert!(
        refused.to_string().contains("occupation_groups.csv"),
        "{refused}"
    );
    assert_eq!(counts(app).await, (0, 0, 0, 0));
});

shetu_testkit::app_test!(async fn occupations_and_skills_are_found_while_typing(app) {
    import(&app.db, app.pack, Files::BuiltIn, &|_, _| {})
        .await
        .expect("taxonomy");
    let finder = Finder::load(&app.db).await.expect("finder");
    let first = |q: &str, kind: Option<Kind>, lang: &str| {
        finder
            .find(q, kind, lang, 10)
            .into_iter()
            .map(|f| f.label)
            .collect::<Vec<_>>()
    };
    // Bangla, a word being typed.
    assert_eq!(first("দর্জ", Some(Kind::Occupation), "bn")[0], "দর্জি");
    // A Bangla name people use besides the label.
    assert!(first("গার্মেন্টস অপা", Some(Kind::Occupation), "bn")
        .contains(&"সেলাই মেশিন অপারেটর".to_owned()));
    // English, a prefix.
    assert_eq!(first("tailo", Some(Kind::Occupation), "en")[0], "tailor");
    // Bangla typed in Latin letters.
    assert!(
        first("selai", Some(Kind::Skill), "bn").iter().any(|l| l.contains("সেলাই")),
        "{:?}",
        first("selai", Some(Kind::Skill), "bn")
    );
    // No Bangla label: the English one, marked as English.
    let rare = finder.find("astronaut", Some(Kind::Occupation), "bn", 1);
    assert_eq!(rare[0].label, "astronaut");
    assert_eq!(rare[0].label_lang, "en");

    // Through the API, in the reader's language.
    let answer = app
        .get("/api/v1/taxonomy?q=%E0%A6%A6%E0%A6%B0%E0%A7%8D%E0%A6%9C&kind=occupation&lang=bn", &[])
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text());
    let body: serde_json::Value = serde_json::from_slice(&answer.body).expect("json");
    assert_eq!(body["items"][0]["label"], "দর্জি");
    assert_eq!(body["items"][0]["code"], "7531.5");
    assert_eq!(body["items"][0]["label_lang"], "bn");
    let too_many = app.get("/api/v1/taxonomy?q=a&limit=51", &[]).await;
    assert_eq!(too_many.status, 422);
    let empty = app.get("/api/v1/taxonomy?q=&limit=", &[]).await;
    assert_eq!(empty.status, 200);
});
