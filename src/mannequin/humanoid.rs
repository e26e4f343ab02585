//! Finding the humanoid in someone else's model: the bones from the VRM
//! extensions (0.x `VRM`, 1.0 `VRMC_vrm`), from Mixamo names (with or
//! without the colon), from Blender's (`thigh.L`, `upper_arm.L`) or from
//! nodes already named like the VRM bones; then what the rest pose is, which
//! way the figure faces and how tall it stands, from its composed node
//! transforms. A model is given back with the humanoid's nodes renamed to
//! the VRM bone names (and any other node that shared such a name renamed
//! aside), so the stage finds the bones by name whatever the file called
//! them. Plain Rust over serde_json and glam (BIOMECHANICS.md §5).

use glam::{Mat4, Quat, Vec3};
use serde_json::Value;

use super::rig::{BONE_COUNT, Bone};

/// What a model file turned out to hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Humanoid {
    /// The node of each bone, if the model has it.
    pub nodes: [Option<usize>; BONE_COUNT],
    /// Where the mapping came from.
    pub found_by: FoundBy,
    /// Each bone's rest position in the model's space (composed transforms).
    pub rest: [Option<Vec3>; BONE_COUNT],
    /// The way the figure faces at rest (unit, horizontal).
    pub facing: Vec3,
    /// Height from the lowest foot point to the top of the head, metres of
    /// the model's space.
    pub height: f32,
    /// The upper arms' angle below the horizontal at rest: about 0 for a
    /// T-pose, 30-50° for an A-pose.
    pub arm_drop_deg: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundBy {
    Vrm0,
    Vrm1,
    NodeNames,
}

impl FoundBy {
    pub fn describe(self) -> &'static str {
        match self {
            FoundBy::Vrm0 => "VRM 0.x humanoid",
            FoundBy::Vrm1 => "VRM 1.0 humanoid",
            FoundBy::NodeNames => "bone names",
        }
    }
}

impl Humanoid {
    /// T-pose or A-pose, in words.
    pub fn rest_pose(&self) -> &'static str {
        if self.arm_drop_deg < 20.0 {
            "T-pose"
        } else {
            "A-pose"
        }
    }
}

/// The bones a model must have to be posed: the rest are optional (VRM
/// 1.0's required set, less the neck).
pub const REQUIRED: [Bone; 15] = [
    Bone::Hips,
    Bone::Spine,
    Bone::Head,
    Bone::LeftUpperLeg,
    Bone::LeftLowerLeg,
    Bone::LeftFoot,
    Bone::RightUpperLeg,
    Bone::RightLowerLeg,
    Bone::RightFoot,
    Bone::LeftUpperArm,
    Bone::LeftLowerArm,
    Bone::LeftHand,
    Bone::RightUpperArm,
    Bone::RightLowerArm,
    Bone::RightHand,
];

/// A model's glTF document and its binary chunk.
pub struct Model {
    pub json: Value,
    pub bin: Option<Vec<u8>>,
}

impl Model {
    /// Read a `.glb` or `.vrm` (binary glTF) or a `.gltf` (JSON) file's bytes.
    pub fn parse(bytes: &[u8]) -> Result<Model, String> {
        if bytes.len() >= 12 && &bytes[0..4] == b"glTF" {
            let u32_at = |i: usize| -> Result<u32, String> {
                bytes
                    .get(i..i + 4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                    .ok_or_else(|| "the file is cut short".to_string())
            };
            let mut at = 12;
            let mut json = None;
            let mut bin = None;
            while at + 8 <= bytes.len() {
                let len = u32_at(at)? as usize;
                let kind = &bytes[at + 4..at + 8];
                let data = bytes
                    .get(at + 8..at + 8 + len)
                    .ok_or_else(|| "the file is cut short".to_string())?;
                match kind {
                    b"JSON" => {
                        json = Some(
                            serde_json::from_slice::<Value>(data)
                                .map_err(|e| format!("its glTF JSON is damaged ({e})"))?,
                        )
                    }
                    b"BIN\0" => bin = Some(data.to_vec()),
                    _ => {}
                }
                at += 8 + len;
            }
            let json = json.ok_or("it has no glTF JSON chunk")?;
            return Ok(Model { json, bin });
        }
        let json = serde_json::from_slice::<Value>(bytes)
            .map_err(|_| "it is neither a binary glTF (.glb, .vrm) nor glTF JSON".to_string())?;
        if json.get("asset").is_none() {
            return Err("it is JSON but not glTF (no `asset`)".into());
        }
        Ok(Model { json, bin: None })
    }

    /// Write it back as a binary glTF.
    pub fn to_glb(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec(&self.json).unwrap_or_default();
        while !json.len().is_multiple_of(4) {
            json.push(b' ');
        }
        let mut bin = self.bin.clone().unwrap_or_default();
        while !bin.len().is_multiple_of(4) {
            bin.push(0);
        }
        let total = 12 + 8 + json.len() + if bin.is_empty() { 0 } else { 8 + bin.len() };
        let mut out = Vec::with_capacity(total);
        out.extend_from_slice(b"glTF");
        out.extend_from_slice(&2u32.to_le_bytes());
        out.extend_from_slice(&(total as u32).to_le_bytes());
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(b"JSON");
        out.extend_from_slice(&json);
        if !bin.is_empty() {
            out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
            out.extend_from_slice(b"BIN\0");
            out.extend_from_slice(&bin);
        }
        out
    }

    fn nodes(&self) -> &[Value] {
        self.json["nodes"].as_array().map_or(&[], Vec::as_slice)
    }

    fn node_name(&self, i: usize) -> Option<&str> {
        self.nodes().get(i)?.get("name")?.as_str()
    }
}

/// Blender's (Rigify, MakeHuman and the VRM add-on's) names for a bone, with
/// `.L`/`.R` (or `_l`/`_r`) for the side.
fn blender_names(b: Bone) -> &'static [&'static str] {
    use Bone::*;
    match b {
        Hips => &["hips", "pelvis", "root"],
        Spine => &["spine", "tummy", "spine.001"],
        Chest => &["chest", "spine.002"],
        UpperChest => &["upper_chest", "upperchest", "spine.003"],
        Neck => &["neck", "spine.004"],
        Head => &["head", "spine.006"],
        LeftUpperLeg | RightUpperLeg => &["thigh", "upper_leg", "upperleg"],
        LeftLowerLeg | RightLowerLeg => &["shin", "calf", "lower_leg", "lowerleg"],
        LeftFoot | RightFoot => &["foot"],
        LeftToes | RightToes => &["toe", "toes"],
        LeftShoulder | RightShoulder => &["shoulder", "clavicle"],
        LeftUpperArm | RightUpperArm => &["upper_arm", "upperarm"],
        LeftLowerArm | RightLowerArm => &["forearm", "lower_arm", "lowerarm"],
        LeftHand | RightHand => &["hand"],
    }
}

fn side(b: Bone) -> Option<char> {
    let n = b.vrm_name();
    if n.starts_with("left") {
        Some('l')
    } else if n.starts_with("right") {
        Some('r')
    } else {
        None
    }
}

/// Which bone a node's name stands for: VRM names, Mixamo's (with or
/// without `mixamorig:`) and Blender's (`thigh.L`, `upper_arm_r`, with an
/// `_Armature`-like suffix after them tolerated).
pub fn bone_of_name(name: &str) -> Option<Bone> {
    if let Some(b) = Bone::from_node_name(name) {
        return Some(b);
    }
    let lower = name.to_ascii_lowercase();
    // Drop a suffix after the side marker or the name: "thigh.l_armature".
    let stem = lower.split(['_', ' ']).collect::<Vec<_>>();
    let candidates = [
        lower.clone(),
        stem.first().map(|s| s.to_string()).unwrap_or_default(),
    ];
    for cand in candidates {
        let (base, s) = if let Some(b) = cand.strip_suffix(".l").or_else(|| cand.strip_suffix("_l"))
        {
            (b.to_string(), Some('l'))
        } else if let Some(b) = cand.strip_suffix(".r").or_else(|| cand.strip_suffix("_r")) {
            (b.to_string(), Some('r'))
        } else {
            (cand.clone(), None)
        };
        if let Some(b) = Bone::ALL
            .into_iter()
            .find(|b| side(*b) == s && blender_names(*b).contains(&base.as_str()))
        {
            return Some(b);
        }
    }
    None
}

/// Find the humanoid: the VRM extensions first, then the node names.
pub fn find(model: &Model) -> Result<Humanoid, String> {
    let mut nodes = [None; BONE_COUNT];
    let ext = &model.json["extensions"];
    let by_vrm = |name: &str| Bone::ALL.into_iter().find(|b| b.vrm_name() == name);
    let found_by = if let Some(bones) = ext["VRMC_vrm"]["humanoid"]["humanBones"].as_object() {
        for (name, v) in bones {
            if let (Some(b), Some(n)) = (by_vrm(name), v["node"].as_u64()) {
                nodes[b as usize] = Some(n as usize);
            }
        }
        FoundBy::Vrm1
    } else if let Some(bones) = ext["VRM"]["humanoid"]["humanBones"].as_array() {
        for v in bones {
            if let (Some(b), Some(n)) = (v["bone"].as_str().and_then(by_vrm), v["node"].as_u64()) {
                nodes[b as usize] = Some(n as usize);
            }
        }
        FoundBy::Vrm0
    } else {
        for i in 0..model.nodes().len() {
            if let Some(b) = model.node_name(i).and_then(bone_of_name)
                && nodes[b as usize].is_none()
            {
                nodes[b as usize] = Some(i);
            }
        }
        FoundBy::NodeNames
    };
    let count = model.nodes().len();
    for n in nodes.iter_mut() {
        if n.is_some_and(|i| i >= count) {
            *n = None;
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|b| nodes[**b as usize].is_none())
        .map(|b| b.vrm_name())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "no usable humanoid (by {}): missing {}",
            found_by.describe(),
            missing.join(", ")
        ));
    }
    let world = world_transforms(model);
    let rest = nodes.map(|n| {
        n.and_then(|i| world.get(i))
            .map(|m| m.transform_point3(Vec3::ZERO))
    });
    let at = |b: Bone| rest[b as usize];
    let left = at(Bone::LeftUpperLeg)
        .zip(at(Bone::RightUpperLeg))
        .map(|(l, r)| l - r);
    let up = at(Bone::Head).zip(at(Bone::Hips)).map(|(h, p)| h - p);
    let (Some(left), Some(up)) = (left, up) else {
        return Err("the humanoid's bones have no positions".into());
    };
    let up_n = up.normalize_or(Vec3::Y);
    let facing = left.cross(up_n);
    let facing = Vec3::new(facing.x, 0.0, facing.z).normalize_or(Vec3::Z);
    let lowest = [
        Bone::LeftFoot,
        Bone::RightFoot,
        Bone::LeftToes,
        Bone::RightToes,
    ]
    .iter()
    .filter_map(|b| at(*b))
    .map(|p| p.y)
    .fold(f32::INFINITY, f32::min);
    let head = at(Bone::Head).map_or(0.0, |p| p.y);
    // The top of the head: the highest point of the meshes (their positions'
    // bounds); without meshes, the head bone plus a head's height (de Leva's
    // head is 0.117 of stature).
    let head_top = mesh_top(model).unwrap_or(head + 0.13 * (head - lowest));
    let height = (head_top.max(head) - lowest.min(head)).max(1e-3);
    let arm_drop_deg = at(Bone::LeftUpperArm)
        .zip(at(Bone::LeftLowerArm))
        .map_or(0.0, |(s, e)| {
            let d = e - s;
            (-d.y).atan2(Vec3::new(d.x, 0.0, d.z).length()).to_degrees()
        });
    Ok(Humanoid {
        nodes,
        found_by,
        rest,
        facing,
        height,
        arm_drop_deg,
    })
}

/// The highest point of the model's skinned meshes (the body itself; a
/// mesh that is not skinned may be a prop or a marker sticking out): the
/// upper bound of each primitive's positions, which for a skinned mesh are
/// in the model's own space.
fn mesh_top(model: &Model) -> Option<f32> {
    let accessors = model.json["accessors"].as_array()?;
    let meshes = model.json["meshes"].as_array()?;
    let mut top: Option<f32> = None;
    for node in model.nodes() {
        let Some(mesh) = node["mesh"].as_u64().and_then(|m| meshes.get(m as usize)) else {
            continue;
        };
        if node.get("skin").is_none() {
            continue;
        }
        for prim in mesh["primitives"].as_array().into_iter().flatten() {
            let Some(acc) = prim["attributes"]["POSITION"]
                .as_u64()
                .and_then(|a| accessors.get(a as usize))
            else {
                continue;
            };
            let corner = |key: &str| -> Option<Vec3> {
                let v = acc[key].as_array()?;
                let g = |k: usize| v.get(k).and_then(Value::as_f64).map(|x| x as f32);
                Some(Vec3::new(g(0)?, g(1)?, g(2)?))
            };
            let Some(hi) = corner("max") else {
                continue;
            };
            top = Some(top.map_or(hi.y, |t| t.max(hi.y)));
        }
    }
    top
}

/// Each node's transform in the model's space: its local transforms composed
/// from the scene's roots down.
fn world_transforms(model: &Model) -> Vec<Mat4> {
    let nodes = model.nodes();
    let local = |n: &Value| -> Mat4 {
        if let Some(m) = n["matrix"].as_array().filter(|m| m.len() == 16) {
            let v: Vec<f32> = m.iter().map(|x| x.as_f64().unwrap_or(0.0) as f32).collect();
            return Mat4::from_cols_slice(&v);
        }
        let f3 = |key: &str, d: Vec3| {
            n[key].as_array().filter(|a| a.len() == 3).map_or(d, |a| {
                Vec3::new(
                    a[0].as_f64().unwrap_or(0.0) as f32,
                    a[1].as_f64().unwrap_or(0.0) as f32,
                    a[2].as_f64().unwrap_or(0.0) as f32,
                )
            })
        };
        let r = n["rotation"]
            .as_array()
            .filter(|a| a.len() == 4)
            .map_or(Quat::IDENTITY, |a| {
                let g = |i: usize| a[i].as_f64().unwrap_or(0.0) as f32;
                Quat::from_xyzw(g(0), g(1), g(2), g(3)).normalize()
            });
        Mat4::from_scale_rotation_translation(
            f3("scale", Vec3::ONE),
            r,
            f3("translation", Vec3::ZERO),
        )
    };
    let mut parent = vec![None; nodes.len()];
    for (i, n) in nodes.iter().enumerate() {
        for c in n["children"].as_array().into_iter().flatten() {
            if let Some(c) = c.as_u64().map(|c| c as usize).filter(|c| *c < nodes.len()) {
                parent[c] = Some(i);
            }
        }
    }
    let mut world = vec![None; nodes.len()];
    fn resolve(
        i: usize,
        nodes: &[Value],
        parent: &[Option<usize>],
        world: &mut Vec<Option<Mat4>>,
        local: &dyn Fn(&Value) -> Mat4,
        depth: usize,
    ) -> Mat4 {
        if let Some(m) = world[i] {
            return m;
        }
        let own = local(&nodes[i]);
        let m = match parent[i] {
            Some(p) if depth < 256 => resolve(p, nodes, parent, world, local, depth + 1) * own,
            _ => own,
        };
        world[i] = Some(m);
        m
    }
    (0..nodes.len())
        .map(|i| resolve(i, nodes, &parent, &mut world, &local, 0))
        .collect()
}

/// The model with its humanoid's nodes named as the VRM bones, ready for the
/// stage to find by name. Any other node whose name reads as a bone (a
/// gizmo or mesh named after its bone, a bone the mapping left out) is
/// renamed aside, so no finder takes it for the humanoid's.
pub fn normalise(model: &mut Model, humanoid: &Humanoid) {
    let mapped: Vec<Option<Bone>> = (0..model.nodes().len())
        .map(|i| {
            Bone::ALL
                .into_iter()
                .find(|b| humanoid.nodes[*b as usize] == Some(i))
        })
        .collect();
    let Some(nodes) = model.json["nodes"].as_array_mut() else {
        return;
    };
    for (i, node) in nodes.iter_mut().enumerate() {
        match mapped[i] {
            Some(b) => node["name"] = Value::String(b.vrm_name().to_string()),
            None => {
                let clash = node["name"]
                    .as_str()
                    .is_some_and(|n| bone_of_name(n).is_some());
                if clash {
                    let old = node["name"].as_str().unwrap_or_default().to_string();
                    node["name"] = Value::String(format!("not a bone: {old}"));
                }
            }
        }
    }
}

/// Stand the model as the stage expects its figures: facing +Z and as tall
/// as the built-in mannequin (the figure's own scale then gives the learner's
/// stature). A new root node above the scene turns and scales it; the rig
/// composes every transform from the scene root, so the bones follow.
pub fn stand_for_stage(model: &mut Model, humanoid: &Humanoid) {
    let yaw = humanoid.facing.x.atan2(humanoid.facing.z);
    let turn = glam::Quat::from_rotation_y(-yaw);
    let scale = crate::body::anthropometry::DEFAULT_STATURE_M / humanoid.height.max(1e-3);
    let scene_index = model.json["scene"].as_u64().unwrap_or(0) as usize;
    let Some(count) = model.json["nodes"].as_array().map(Vec::len) else {
        return;
    };
    let Some(roots) = model.json["scenes"][scene_index]["nodes"]
        .as_array()
        .cloned()
    else {
        return;
    };
    let root = serde_json::json!({
        "name": "hinge stage root",
        "rotation": [turn.x, turn.y, turn.z, turn.w],
        "scale": [scale, scale, scale],
        "children": roots,
    });
    if let Some(nodes) = model.json["nodes"].as_array_mut() {
        nodes.push(root);
    }
    model.json["scenes"][scene_index]["nodes"] = serde_json::json!([count]);
}

/// A user's model file made ready for the stage, or one line saying why it
/// cannot be used: the humanoid found, its nodes named as VRM bones, the
/// figure standing facing +Z at the mannequin's height, as a `.glb`.
pub fn prepare(bytes: &[u8]) -> Result<(Vec<u8>, Humanoid), String> {
    let mut model = Model::parse(bytes)?;
    let humanoid = find(&model)?;
    normalise(&mut model, &humanoid);
    stand_for_stage(&mut model, &humanoid);
    Ok((model.to_glb(), humanoid))
}
