//! The built-in mannequin on the stage, straight from its generator
//! (`mannequin::generate::mannequin`): its meshes, materials and bind poses
//! made once, and each figure dressed in a skeleton of its own that shares
//! them. No glTF file is read and no glTF scene is copied, so the figure is
//! rigged on the frame it appears, and the web build needs neither Bevy's
//! glTF loader nor the reflection and serialisation code that copying a
//! scene keeps alive (README, "The web build").

use bevy::asset::RenderAssetUsages;
use bevy::camera::primitives::Aabb;
use bevy::camera::visibility::DynamicSkinnedMeshBounds;
use bevy::mesh::skinning::{SkinnedMesh, SkinnedMeshInverseBindposes};
use bevy::mesh::{Indices, PrimitiveTopology, VertexAttributeValues};
use bevy::prelude::*;

use super::model::find_rig;
use crate::mannequin::generate::{Mannequin, Part, mannequin};
use crate::mannequin::rig::{BONE_COUNT, Bone};

/// The mannequin's shared assets: one mesh and one material per part, and
/// the skin's inverse bind matrices.
#[derive(Resource, Debug, Clone)]
pub struct BuiltInMannequin {
    bone_offsets: [Vec3; BONE_COUNT],
    inverse_bindposes: Handle<SkinnedMeshInverseBindposes>,
    parts: Vec<(Handle<Mesh>, Handle<StandardMaterial>, Aabb)>,
}

/// Make the mannequin's assets where the app has asset storage for meshes,
/// materials and skins (not in the headless app, whose figures wear
/// nothing).
pub fn plugin(app: &mut App) {
    let world = app.world_mut();
    if !(world.contains_resource::<Assets<Mesh>>()
        && world.contains_resource::<Assets<StandardMaterial>>()
        && world.contains_resource::<Assets<SkinnedMeshInverseBindposes>>())
    {
        return;
    }
    let built = BuiltInMannequin::new(&mannequin(), world);
    world.insert_resource(built);
}

impl BuiltInMannequin {
    /// Put the generated mannequin's parts into the world's assets.
    pub fn new(m: &Mannequin, world: &mut World) -> BuiltInMannequin {
        let inverse_bindposes = world
            .resource_mut::<Assets<SkinnedMeshInverseBindposes>>()
            .add(SkinnedMeshInverseBindposes::from(m.inverse_bind.to_vec()));
        let parts = m
            .parts
            .iter()
            .map(|part| {
                let (min, max) = part.bounds();
                let mesh = world.resource_mut::<Assets<Mesh>>().add(mesh_of(part));
                let material = world
                    .resource_mut::<Assets<StandardMaterial>>()
                    .add(material_of(part));
                (mesh, material, Aabb::from_min_max(min, max))
            })
            .collect();
        BuiltInMannequin {
            bone_offsets: m.bone_offsets,
            inverse_bindposes,
            parts,
        }
    }

    /// Dress `figure` in the mannequin: as its children, a skeleton of its
    /// own (the bones named as VRM names them, as in the .glb) and the
    /// skinned parts. The figure's [`super::model::Rig`] is found and put on
    /// when the commands are applied, so it is posed that same frame.
    pub fn dress(&self, commands: &mut Commands, figure: Entity) {
        // The same nodes the .glb's scene has: "mannequin" holding the
        // skeleton, "mannequin_body" holding the skinned parts.
        commands.entity(figure).insert_if_new(Visibility::default());
        let top = commands
            .spawn((
                Name::new("mannequin"),
                Transform::default(),
                Visibility::default(),
                ChildOf(figure),
            ))
            .id();
        let mut bones = [Entity::PLACEHOLDER; BONE_COUNT];
        // Bone::ALL lists parents before their children.
        for bone in Bone::ALL {
            let parent = bone.parent().map_or(top, |p| bones[p as usize]);
            bones[bone as usize] = commands
                .spawn((
                    Name::new(bone.vrm_name()),
                    Transform::from_translation(self.bone_offsets[bone as usize]),
                    Visibility::default(),
                    ChildOf(parent),
                ))
                .id();
        }
        let body = commands
            .spawn((
                Name::new("mannequin_body"),
                Transform::default(),
                Visibility::default(),
                ChildOf(figure),
            ))
            .id();
        for (mesh, material, aabb) in &self.parts {
            commands.spawn((
                Mesh3d(mesh.clone()),
                MeshMaterial3d(material.clone()),
                SkinnedMesh {
                    inverse_bindposes: self.inverse_bindposes.clone(),
                    joints: bones.to_vec(),
                },
                // Culling follows the joints, as Bevy's glTF loader sets up
                // a skinned mesh: a figure bent over leaves its rest box.
                DynamicSkinnedMeshBounds,
                *aabb,
                ChildOf(body),
            ));
        }
        commands.queue(move |world: &mut World| {
            if let Some(rig) = find_rig(world, figure)
                && let Ok(mut e) = world.get_entity_mut(figure)
            {
                e.insert(rig);
            }
        });
    }
}

/// A part's mesh, with what Bevy's glTF loader would make of it: the
/// skinned-mesh bounds that [`DynamicSkinnedMeshBounds`] reads.
fn mesh_of(part: &Part) -> Mesh {
    let joints: Vec<[u16; 4]> = part.joints.iter().map(|j| j.map(u16::from)).collect();
    let mut mesh = Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, part.positions.clone())
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, part.normals.clone())
    .with_inserted_attribute(
        Mesh::ATTRIBUTE_JOINT_INDEX,
        VertexAttributeValues::Uint16x4(joints),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_JOINT_WEIGHT, part.weights.clone())
    .with_inserted_indices(Indices::U32(part.indices.clone()));
    if let Err(e) = mesh.generate_skinned_mesh_bounds() {
        warn!("the mannequin's {}: no skinned bounds ({e})", part.name);
    }
    mesh
}

/// A part's material as Bevy's glTF loader reads the .glb's: the colour is
/// linear (glTF's `baseColorFactor`), no metal.
fn material_of(part: &Part) -> StandardMaterial {
    let [r, g, b] = part.rgb;
    StandardMaterial {
        base_color: Color::linear_rgb(r, g, b),
        perceptual_roughness: part.roughness,
        metallic: 0.0,
        ..default()
    }
}
