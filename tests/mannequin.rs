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

/// Real files made by others (../shared/models, see its README).
fn shared_model(name: &str) -> Vec<u8> {
    let path = root().join("../shared/models").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn real_vrm_files_give_their_humanoid_facing_height_and_rest_pose() {
    use hinge::mannequin::humanoid::{FoundBy, Model, find, normalise};
    // (file, found by, facing z, height m) from the models' README.
    for (file, by, facing_z, height) in [
        ("cryptovoxels.vrm", FoundBy::Vrm0, -1.0, 1.48),
        ("Godette_vrm_v4.vrm", FoundBy::Vrm0, -1.0, 1.50),
        ("debug_robot_vrm1.vrm", FoundBy::Vrm1, 1.0, 1.56),
    ] {
        let mut model = Model::parse(&shared_model(file)).unwrap();
        let h = find(&model).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(h.found_by, by, "{file}");
        assert!(
            (h.facing.z - facing_z).abs() < 0.2,
            "{file}: faces {}",
            h.facing
        );
        assert!(
            (h.height - height).abs() < 0.15 * height,
            "{file}: {} m tall",
            h.height
        );
        assert_eq!(h.rest_pose(), "T-pose", "{file}: arms {}°", h.arm_drop_deg);
        // Renamed for the stage: every bone found by its VRM name, once.
        normalise(&mut model, &h);
        let again = Model::parse(&model.to_glb()).unwrap();
        let by_name = find(&Model {
            json: {
                let mut j = again.json.clone();
                j["extensions"] = serde_json::json!({});
                j
            },
            bin: None,
        })
        .unwrap();
        assert_eq!(by_name.nodes, h.nodes, "{file}");
    }
}

#[test]
fn a_model_without_a_humanoid_or_a_damaged_one_is_refused_in_one_line() {
    use hinge::mannequin::humanoid::{Model, find};
    // Our own mannequin with its bones named after nothing anyone uses.
    let bytes = hinge::mannequin::generate::mannequin_glb_named(|b| format!("bone{}", b as usize));
    let e = find(&Model::parse(&bytes).unwrap()).unwrap_err();
    assert!(e.contains("missing hips") && !e.contains('\n'), "{e}");
    let mut cut = shared_model("cryptovoxels.vrm");
    cut.truncate(400);
    let e = Model::parse(&cut).err().expect("a cut file is refused");
    assert!(!e.contains('\n'), "{e}");
    let e = Model::parse(b"hello").err().unwrap();
    assert!(e.contains("neither"), "{e}");
    // Blender and Mixamo names are found too.
    use hinge::mannequin::humanoid::bone_of_name;
    use hinge::mannequin::rig::Bone;
    assert_eq!(bone_of_name("thigh.L"), Some(Bone::LeftUpperLeg));
    assert_eq!(bone_of_name("thigh.l_Armature"), Some(Bone::LeftUpperLeg));
    assert_eq!(bone_of_name("upper_arm.R"), Some(Bone::RightUpperArm));
    assert_eq!(
        bone_of_name("mixamorig:LeftForeArm"),
        Some(Bone::LeftLowerArm)
    );
    assert_eq!(bone_of_name("Armature"), None);
}
