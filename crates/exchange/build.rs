// Tests that need PostgreSQL are compiled as ignored (with a reason that says how to run them)
// unless SHETU_TEST_PG_URL is set, so a run without PostgreSQL shows them as skipped, never passed.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(shetu_pg_tests)");
    println!("cargo::rerun-if-env-changed=SHETU_TEST_PG_URL");
    if std::env::var("SHETU_TEST_PG_URL").is_ok_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=shetu_pg_tests");
    }
}
