//! Two things before the crate compiles:
//! - the taxonomy in `data/taxonomy/` is compressed into the build, so `shetu migrate` and
//!   `shetu demo` load it on a machine that has only the binary;
//! - tests that need PostgreSQL are compiled as ignored (with a reason that says how to run them)
//!   unless SHETU_TEST_PG_URL is set, so a run without PostgreSQL shows them as skipped.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files the import reads, relative to the taxonomy folder.
const FILES: [&str; 6] = [
    "tabiya-esco-1.1.1-v2.0.1/occupation_groups.csv",
    "tabiya-esco-1.1.1-v2.0.1/occupations.csv",
    "tabiya-esco-1.1.1-v2.0.1/skill_groups.csv",
    "esco-v1.1.1/skills_en.csv",
    "esco-v1.1.1/broaderRelationsSkillPillar.csv",
    "esco-v1.1.1/occupationSkillRelations_uuid.csv",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shetu_pg_tests)");
    println!("cargo::rerun-if-env-changed=SHETU_TEST_PG_URL");
    if std::env::var("SHETU_TEST_PG_URL").is_ok_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=shetu_pg_tests");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let source = manifest.join("../../data/taxonomy");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    for file in FILES {
        let from = source.join(file);
        println!("cargo::rerun-if-changed={}", from.display());
        compress(
            &from,
            &out.join(Path::new(file).file_name().expect("a file name")),
        );
    }
}

fn compress(from: &Path, to: &Path) {
    let bytes = std::fs::read(from)
        .unwrap_or_else(|e| panic!("cannot read the taxonomy file {}: {e}", from.display()));
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(&bytes).expect("compressing to memory");
    let packed = gz.finish().expect("compressing to memory");
    let mut name = to.as_os_str().to_owned();
    name.push(".gz");
    std::fs::write(&name, packed).expect("writing into OUT_DIR");
}
