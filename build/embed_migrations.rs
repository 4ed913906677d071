// Shared by the build scripts of the crates that embed a migrations/ folder.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

/// Writes `$OUT_DIR/migrations.rs`: `MIGRATIONS`, the (name, SQL) of every
/// `migrations/<folder>/NNNN_name.sql`, in order and without gaps.
fn embed_migrations(folder: &str) {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("../../migrations").join(folder);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("migrations folder")
        .map(|e| e.expect("migration entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    let mut out = String::from("pub(crate) static MIGRATIONS: &[(&str, &str)] = &[\n");
    for (i, file) in files.iter().enumerate() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let number: usize = name
            .split('_')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("migration named NNNN_what.sql");
        assert_eq!(
            number,
            i + 1,
            "migrations must be numbered 0001, 0002, … without gaps: {name}"
        );
        println!("cargo:rerun-if-changed={}", file.display());
        let path = file.canonicalize().unwrap();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("migrations.rs"),
        out,
    )
    .unwrap();
}
