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
async fn audit_verify_names_what_was_tampered_with() {
    let dir = std::env::temp_dir().join(format!("shetu-cli-{}", uuid::Uuid::new_v4()));
    let url = format!("sqlite://{}/shetu.db", dir.display());
    let key = dir.join("audit-signing.key");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shetu"))
            .args(args)
            .env("SHETU_DATABASE_URL", &url)
            .env("SHETU_AUDIT_KEY_FILE", &key)
            .env_remove("SHETU_PACK")
            .env("SHETU_LOG", "error")
            .output()
            .unwrap_or_else(|e| panic!("cannot run shetu: {e}"))
    };
    assert!(run(&["migrate"]).status.success());
    for (name, phone) in [
        ("Ada", "01711000001"),
        ("Bela", "01711000002"),
        ("Chandra", "01711000003"),
    ] {
        let out = run(&["admin", "--name", name, "--phone", phone]);
        assert!(out.status.success(), "{}", text(&out));
    }
    // The three administrators' events, and the built-in taxonomy's import (once: later starts
    // find it unchanged).
    let pending = run(&["audit", "verify"]);
    assert!(pending.status.success(), "{}", text(&pending));
    assert!(
        text(&pending).contains("8 events wait to be added"),
        "{}",
        text(&pending)
    );
    let integrated = run(&["audit", "integrate"]);
    assert!(integrated.status.success(), "{}", text(&integrated));
    let good = run(&["audit", "verify"]);
    assert!(good.status.success(), "{}", text(&good));
    assert!(
        text(&good).contains("audit log intact: 8 events"),
        "{}",
        text(&good)
    );

    let original = {
        let db = shetu_store::Db::connect(&shetu_store::DbConfig::new(&url))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let action: String =
            sqlx::query_scalar("SELECT action FROM audit_event WHERE leaf_index = 3")
                .fetch_one(db.pool())
                .await
                .unwrap_or_else(|e| panic!("{e}"));
        db.close().await;
        action
    };
    exec(
        &url,
        "UPDATE audit_event SET action = 'role.withdraw' WHERE leaf_index = 3",
    )
    .await;
    let altered = run(&["audit", "verify"]);
    assert!(!altered.status.success());
    assert!(
        text(&altered).contains("position 3") && text(&altered).contains("was altered"),
        "{}",
        text(&altered)
    );
    exec(
        &url,
        &format!("UPDATE audit_event SET action = '{original}' WHERE leaf_index = 3"),
    )
    .await;
    assert!(run(&["audit", "verify"]).status.success(), "restored");

    exec(&url, "DELETE FROM audit_event WHERE leaf_index = 4").await;
    let deleted = run(&["audit", "verify"]);
    assert!(!deleted.status.success());
    assert!(
        text(&deleted).contains("position 4 is missing"),
        "{}",
        text(&deleted)
    );

    // Heads checked against another key (a wrong or lost key file) do not pass.
    let other = Command::new(env!("CARGO_BIN_EXE_shetu"))
        .args(["audit", "verify"])
        .env("SHETU_DATABASE_URL", &url)
        .env("SHETU_AUDIT_KEY_FILE", dir.join("another.key"))
        .env("SHETU_LOG", "error")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!other.status.success());
    assert!(
        text(&other).contains("not among the known keys"),
        "{}",
        text(&other)
    );
    let _ = std::fs::remove_dir_all(dir);
}
