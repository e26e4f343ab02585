//! A user's own humanoid (`--model`, desktop only): a glTF scene loaded by
//! Bevy's glTF loader and copied into each figure, rigged when it is ready,
//! and the built-in mannequin instead when it cannot be loaded. The web
//! build has no way to open a user's file, and leaves Bevy's glTF loader out
//! (README, "The web build").

use bevy::prelude::*;
use bevy::world_serialization::{WorldAsset, WorldAssetRoot, WorldInstanceReady};

use super::mannequin::BuiltInMannequin;
use super::model::{MannequinModel, find_rig};

pub(super) fn plugin(app: &mut App) {
    register_scene_types(app);
    app.add_systems(Update, fall_back_to_builtin_model);
}

/// A user's own humanoid (`--model`): found, renamed, turned and scaled for
/// the stage (`mannequin::humanoid::prepare`) and served from memory, so a
/// `.vrm` file loads like a `.glb`. A file that cannot be used is said in one
/// line, and the figures wear the built-in mannequin.
pub fn wear(app: &mut App, path: &std::path::Path) {
    const NAME: &str = "hinge/user-model.glb";
    let prepared = std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| crate::mannequin::humanoid::prepare(&bytes));
    match prepared {
        Ok((glb, humanoid)) => {
            let world = app.world();
            let (Some(embedded), Some(assets)) = (
                world.get_resource::<bevy::asset::io::embedded::EmbeddedAssetRegistry>(),
                world.get_resource::<AssetServer>(),
            ) else {
                return;
            };
            embedded.insert_asset(
                std::path::PathBuf::from(NAME),
                std::path::Path::new(NAME),
                glb,
            );
            info!(
                "hinge: {}: humanoid found by {} ({}, {:.2} m tall)",
                path.display(),
                humanoid.found_by.describe(),
                humanoid.rest_pose(),
                humanoid.height
            );
            let scene =
                assets.load(GltfAssetLabel::Scene(0).from_asset(format!("embedded://{NAME}")));
            app.insert_resource(MannequinModel::File {
                path: path.display().to_string(),
                scene,
            });
        }
        Err(e) => crate::notify::notice(&format!(
            "{}: {e}; showing the built-in mannequin",
            path.display()
        )),
    }
}

/// Dress `figure` in the scene; its rig is found once the scene is in.
pub(super) fn dress(commands: &mut Commands, figure: Entity, scene: Handle<WorldAsset>) {
    commands
        .entity(figure)
        .insert(WorldAssetRoot(scene))
        .observe(attach_rig_when_ready);
}

fn attach_rig_when_ready(ready: On<WorldInstanceReady>, mut commands: Commands) {
    let root = ready.entity;
    commands.queue(move |world: &mut World| {
        if let Some(rig) = find_rig(world, root) {
            world.entity_mut(root).insert(rig);
        } else {
            warn!("the model has no humanoid bones (VRM or Mixamo names); it cannot be posed");
        }
    });
}

/// Figures whose model did not load (a user's `--model` broken after it was
/// checked) wear the built-in mannequin instead, and the user is told why.
/// (Only figures wear a scene: `dress` is the one place that gives one.)
fn fall_back_to_builtin_model(
    mut commands: Commands,
    roots: Query<(Entity, &WorldAssetRoot)>,
    assets: Res<AssetServer>,
    mut model: ResMut<MannequinModel>,
    builtin: Option<Res<BuiltInMannequin>>,
) {
    let Some(builtin) = builtin else { return };
    for (figure, root) in &roots {
        let bevy::asset::LoadState::Failed(err) = assets.load_state(&root.0) else {
            continue;
        };
        if let MannequinModel::File { path, .. } = &*model {
            // The first line: Bevy's error carries a backtrace after it.
            let why = err.to_string();
            let why = why.lines().next().unwrap_or_default().trim_end_matches(':');
            crate::notify::notice(&format!(
                "the model {path} could not be loaded ({why}); showing the built-in mannequin"
            ));
            *model = MannequinModel::BuiltIn;
        }
        commands.entity(figure).remove::<WorldAssetRoot>();
        builtin.dress(&mut commands, figure);
    }
}

/// Register for reflection the components a glTF scene holds, so the scene
/// can be copied into the world. Bevy registers every type on its own with
/// its `reflect_auto_register` feature, which we leave out because it links
/// the reflection code of all of Bevy's types: about 3 MB of the web module
/// (measured with tools/wasm-sizes.mjs; README, "Web build").
pub fn register_scene_types(app: &mut App) {
    // The components of the scene's world (listed by walking
    // `WorldAsset::world.components()` for the built-in mannequin); a
    // missing one fails the copy with `UnregisteredType`, which the render
    // tests catch. Material: `MeshMaterial3d<StandardMaterial>`, which Bevy
    // registers itself.
    use bevy::camera::primitives::Aabb;
    use bevy::camera::visibility::DynamicSkinnedMeshBounds;
    use bevy::gltf::{GltfExtras, GltfMaterialExtras, GltfMeshExtras, GltfSceneExtras};
    use bevy::gltf::{GltfMaterialName, GltfMeshName, GltfSceneName};
    use bevy::mesh::morph::{MeshMorphWeights, MorphWeights};
    use bevy::mesh::skinning::SkinnedMesh;
    use bevy::transform::components::TransformTreeChanged;
    app.register_type::<Name>()
        .register_type::<Transform>()
        .register_type::<GlobalTransform>()
        .register_type::<TransformTreeChanged>()
        .register_type::<Visibility>()
        .register_type::<InheritedVisibility>()
        .register_type::<ViewVisibility>()
        .register_type::<ChildOf>()
        .register_type::<Children>()
        .register_type::<Mesh3d>()
        .register_type::<SkinnedMesh>()
        .register_type::<DynamicSkinnedMeshBounds>()
        .register_type::<Aabb>()
        .register_type::<GltfSceneName>()
        .register_type::<GltfMeshName>()
        .register_type::<GltfMaterialName>()
        // What other people's humanoids carry: blend shapes (a VRM's face)
        // and the exporters' extras.
        .register_type::<MorphWeights>()
        .register_type::<MeshMorphWeights>()
        .register_type::<GltfExtras>()
        .register_type::<GltfSceneExtras>()
        .register_type::<GltfMeshExtras>()
        .register_type::<GltfMaterialExtras>();
}
