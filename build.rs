//! Lists the built-in drills and class plans at build time, so adding one
//! needs only its RON file in `assets/drills/` or `assets/plans/`:
//! `content::builtin::DRILLS` and `PLANS` embed every `*.drill.ron` and
//! `*.plan.ron` there, in name order (the library orders drills by level).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // Read when the script runs, not when it was compiled: a compiled build
    // script is reused for a checkout in another folder.
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    for (folder, suffix, name) in [
        ("assets/drills", ".drill.ron", "drills.rs"),
        ("assets/plans", ".plan.ron", "plans.rs"),
    ] {
        println!("cargo:rerun-if-changed={folder}");
        let dir = Path::new(&root).join(folder);
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|f| f.strip_suffix(suffix).map(str::to_string))
            .collect();
        ids.sort();
        let mut code = String::from("&[\n");
        for id in &ids {
            let path = dir.join(format!("{id}{suffix}"));
            println!("cargo:rerun-if-changed={}", path.display());
            writeln!(
                code,
                "    ({id:?}, include_str!({:?})),",
                path.display().to_string()
            )
            .expect("writing to a String");
        }
        code.push(']');
        std::fs::write(Path::new(&out).join(name), code).expect("writing OUT_DIR");
    }
}
