//! The built-in mannequin: the committed model is what the generator makes,
//! it passes the Khronos glTF validator, and other rigs' bone names map.

use std::path::Path;
use std::process::Command;

use hinge::mannequin::generate::mannequin_glb;
use hinge::mannequin::rig::Bone;

const MODEL: &str = "assets/models/mannequin.glb";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_model_is_what_the_generator_makes() {
    let committed = std::fs::read(root().join(MODEL)).expect("the model is committed");
    let generated = mannequin_glb();
    assert!(
        committed == generated,
        "{MODEL} is out of date: run `cargo run -- gen-mannequin` and commit it \
         ({} bytes committed, {} generated)",
        committed.len(),
        generated.len()
    );
}

#[test]
fn the_model_passes_the_khronos_gltf_validator() {
    let tools = root().join("tools");
    assert!(
        tools.join("node_modules/gltf-validator").is_dir(),
        "the validator is not installed: run `npm ci --prefix tools` (scripts/test.sh does)"
    );
    let out = Command::new("node")
        .arg(tools.join("validate-gltf.mjs"))
        .arg(root().join(MODEL))
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "the validator found errors:\n{report}"
    );
    assert!(report.contains(" 0 errors"), "{report}");
}

#[test]
fn the_model_has_every_vrm_bone() {
    let glb = mannequin_glb();
    let json_len = u32::from_le_bytes(glb[12..16].try_into().unwrap()) as usize;
    let json: serde_json::Value = serde_json::from_slice(&glb[20..20 + json_len]).unwrap();
    let names: Vec<&str> = json["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    for bone in Bone::ALL {
        assert!(
            names.contains(&bone.vrm_name()),
            "{} missing",
            bone.vrm_name()
        );
    }
    // Enough spine bones that a rounded back is round: pelvis, lumbar, two thoracic.
    for name in ["hips", "spine", "chest", "upperChest"] {
        assert!(names.contains(&name));
    }
}

#[test]
fn mixamo_bone_names_map_to_the_humanoid_bones() {
    assert_eq!(Bone::from_node_name("mixamorig:Hips"), Some(Bone::Hips));
    assert_eq!(Bone::from_node_name("mixamorigSpine1"), Some(Bone::Chest));
    assert_eq!(
        Bone::from_node_name("mixamorig:Spine2"),
        Some(Bone::UpperChest)
    );
    assert_eq!(
        Bone::from_node_name("mixamorig:LeftUpLeg"),
        Some(Bone::LeftUpperLeg)
    );
    assert_eq!(
        Bone::from_node_name("mixamorig:RightLeg"),
        Some(Bone::RightLowerLeg)
    );
    assert_eq!(
        Bone::from_node_name("mixamorig:LeftToeBase"),
        Some(Bone::LeftToes)
    );
    assert_eq!(
        Bone::from_node_name("leftUpperLeg"),
        Some(Bone::LeftUpperLeg)
    );
    assert_eq!(Bone::from_node_name("Armature"), None);
}
