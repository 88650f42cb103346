//! The binary as an operator runs it: configuration errors, migrate, admin, and `audit verify`
//! finding an altered, an inserted and a deleted audit event (SQLite file).

use std::process::{Command, Output};

fn shetu(db_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shetu"))
        .args(args)
        .env("SHETU_DATABASE_URL", db_url)
        .env_remove("SHETU_PACK")
        .env("SHETU_LOG", "error")
        .output()
        .unwrap_or_else(|e| panic!("cannot run shetu: {e}"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn exec(url: &str, sql: &str) {
    let db = shetu_store::Db::connect(&shetu_store::DbConfig::new(url))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    sqlx::query(sql)
        .execute(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    db.close().await;
}

#[test]
fn help_lists_every_command() {
    let out = Command::new(env!("CARGO_BIN_EXE_shetu"))
        .arg("--help")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let help = text(&out);
    for command in ["demo", "serve", "migrate", "worker", "audit", "admin"] {
        assert!(
            help.contains(command),
            "{command} missing from --help:\n{help}"
        );
    }
}

#[test]
fn configuration_errors_name_the_setting() {
    let out = shetu("mysql://nowhere", &["migrate"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("SHETU_DATABASE_URL: must start with sqlite:// or postgres://"),
        "{}",
        text(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_verify_names_the_first_broken_event() {
    let dir = std::env::temp_dir().join(format!("shetu-cli-{}", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}/shetu.db", dir.display());
    assert!(shetu(&url, &["migrate"]).status.success());
    for (name, phone) in [
        ("Ada", "01711000001"),
        ("Bela", "01711000002"),
        ("Chandra", "01711000003"),
    ] {
        let out = shetu(&url, &["admin", "--name", name, "--phone", phone]);
        assert!(out.status.success(), "{}", text(&out));
    }
    let good = shetu(&url, &["audit", "verify"]);
    assert!(good.status.success(), "{}", text(&good));
    assert!(text(&good).contains("audit trail intact"));

    exec(
        &url,
        "UPDATE audit_event SET action = 'role.withdraw' WHERE seq = 3",
    )
    .await;
    let altered = shetu(&url, &["audit", "verify"]);
    assert!(!altered.status.success());
    assert!(
        text(&altered).contains("broken at event 3: its content was altered"),
        "{}",
        text(&altered)
    );
    exec(
        &url,
        "UPDATE audit_event SET action = 'role.grant' WHERE seq = 3",
    )
    .await;
    assert!(
        shetu(&url, &["audit", "verify"]).status.success(),
        "restored"
    );

    exec(&url, "DELETE FROM audit_event WHERE seq = 4").await;
    let deleted = shetu(&url, &["audit", "verify"]);
    assert!(!deleted.status.success());
    assert!(
        text(&deleted).contains("broken at event 5: event 4 is missing"),
        "{}",
        text(&deleted)
    );

    exec(&url, "INSERT INTO audit_event (seq, id, at, action, object, detail, prev_hash, hash) SELECT 4, 'forged', at, 'role.grant', object, detail, hash, hash FROM audit_event WHERE seq = 3").await;
    let inserted = shetu(&url, &["audit", "verify"]);
    assert!(!inserted.status.success());
    assert!(
        text(&inserted).contains("broken at event 4"),
        "{}",
        text(&inserted)
    );
    let _ = std::fs::remove_dir_all(dir);
}
