//! The short soak run: three cycles through every view, drill, fault, speed,
//! lesson step and quiz question under the software renderer, with a config
//! folder that cannot be written. The tutor must stay flat (entities, meshes,
//! materials, memory; `hinge::tools::soak::judge`), say once that it cannot save,
//! and go on. The long run is `hinge soak --minutes 30` (README, "Reliability").

use std::process::Command;

#[test]
fn three_cycles_through_everything_stay_flat_with_an_unwritable_config_folder() {
    // A path under a regular file cannot be created, even by root.
    let blocker = std::env::temp_dir().join(format!("hinge-soak-blocker-{}", std::process::id()));
    std::fs::write(&blocker, "not a folder").unwrap();
    let config = blocker.join("config");
    let out = Command::new(env!("CARGO_BIN_EXE_hinge"))
        .args(["soak", "--cycles", "3"])
        .env("HINGE_CONFIG_DIR", &config)
        .output()
        .expect("hinge runs");
    let _ = std::fs::remove_file(&blocker);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the soak run failed:\n{stdout}\n{}",
        stderr.lines().rev().take(20).collect::<Vec<_>>().join("\n")
    );
    assert!(stdout.contains("soak: flat over 3 cycles"), "{stdout}");
    // The settings could not be saved: said once, not every second.
    let said = stderr.matches("cannot save settings").count();
    assert_eq!(said, 1, "said {said} times:\n{stderr}");
    // Nothing panicked or produced NaN along the way.
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("NaN"), "{stderr}");
}
