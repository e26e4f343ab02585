//! The model a figure wears: which one ([`MannequinModel`]), and the
//! humanoid bones found in it by name ([`Rig`], [`find_rig`]). Below
//! `figure`, which spawns and poses figures, and beside the two ways of
//! dressing one (`mannequin`, the built-in; `model_file`, a user's file).

use bevy::prelude::*;

use crate::mannequin::rig::{Aim, BONE_COUNT, Bone};

/// The model every figure wears.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub enum MannequinModel {
    /// The mannequin the app builds itself (`stage::mannequin`).
    #[default]
    BuiltIn,
    /// A user's own humanoid (`--model`) loaded as a glTF scene, on the
    /// desktop: `path` for messages, `scene` to wear.
    #[cfg(not(target_arch = "wasm32"))]
    File {
        path: String,
        scene: Handle<bevy::world_serialization::WorldAsset>,
    },
}

/// A mannequin's bones, found by name once its model has loaded.
#[derive(Component, Debug, Clone)]
pub struct Rig {
    pub bones: [Option<Entity>; BONE_COUNT],
    /// Each bone's rest rotation in figure space.
    pub rest_rotation: [Quat; BONE_COUNT],
    /// Each bone's rest aim (head to tail, body's left as the side).
    pub rest_aim: [Option<Aim>; BONE_COUNT],
    /// The rest transform, in figure space, of the node above the hips.
    pub hips_parent: Transform,
    /// Local translations and scales at rest.
    pub rest_local: [Transform; BONE_COUNT],
}

/// Find the humanoid bones under `root` and record their rest pose.
pub fn find_rig(world: &mut World, root: Entity) -> Option<Rig> {
    let mut bones = [None; BONE_COUNT];
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if let Some(name) = world.get::<Name>(e)
            && let Some(bone) = Bone::from_node_name(name.as_str())
            && bones[bone as usize].is_none()
        {
            bones[bone as usize] = Some(e);
        }
        if let Some(children) = world.get::<Children>(e) {
            stack.extend(children.iter());
        }
    }
    bones[Bone::Hips as usize]?;
    // Rest transforms in figure space: compose local transforms up to the root.
    let figure_space = |world: &World, e: Entity| -> Transform {
        let mut t = Transform::IDENTITY;
        let mut cur = e;
        while cur != root {
            let local = world.get::<Transform>(cur).copied().unwrap_or_default();
            t = local * t;
            match world.get::<ChildOf>(cur) {
                Some(p) => cur = p.parent(),
                None => break,
            }
        }
        t
    };
    let rest: [Option<Transform>; BONE_COUNT] = bones.map(|b| b.map(|e| figure_space(world, e)));
    let rest_local = bones.map(|b| {
        b.and_then(|e| world.get::<Transform>(e).copied())
            .unwrap_or_default()
    });
    let hips = bones[Bone::Hips as usize]?;
    let hips_parent = match world.get::<ChildOf>(hips) {
        Some(p) if p.parent() != root => figure_space(world, p.parent()),
        _ => Transform::IDENTITY,
    };
    let pos = |b: Bone| rest[b as usize].map(|t| t.translation);
    let rest_aim = Bone::ALL.map(|b| {
        let head = pos(b)?;
        let tail = match b {
            Bone::Head => Some(head + Vec3::Y),
            Bone::LeftToes | Bone::RightToes => Some(head + Vec3::Z),
            Bone::LeftHand => pos(Bone::LeftHand)
                .zip(pos(Bone::LeftLowerArm))
                .map(|(h, l)| h + (h - l)),
            Bone::RightHand => pos(Bone::RightHand)
                .zip(pos(Bone::RightLowerArm))
                .map(|(h, l)| h + (h - l)),
            _ => pos(b.next()?),
        }?;
        Some(Aim {
            along: tail - head,
            side: Vec3::X,
        })
    });
    Some(Rig {
        bones,
        rest_rotation: rest.map(|t| t.map_or(Quat::IDENTITY, |t| t.rotation)),
        rest_aim,
        hips_parent,
        rest_local,
    })
}
