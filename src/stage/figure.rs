//! Figures on the stage: each holds a pose request, its solved body and the
//! coach's verdict, and drives the bones of a mannequin model.

use bevy::prelude::*;
use bevy::world_serialization::{WorldAssetRoot, WorldInstanceReady};

use crate::body::{PoseRequest, SolvedBody, solve};
use crate::coach::{Thresholds, ThresholdsFile, Verdict, evaluate};
use crate::mannequin::rig::{Aim, BONE_COUNT, Bone, aims};

/// The path of the built-in mannequin under `assets/`.
pub const MANNEQUIN_PATH: &str = "models/mannequin.glb";

/// The model every figure wears: the built-in mannequin, or a user's own
/// humanoid (`--model`), loaded through the `user://` asset source.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct MannequinModel(pub String);

impl Default for MannequinModel {
    /// The file under `assets/`; in a browser the mannequin the app builds
    /// itself ([`EMBEDDED_MANNEQUIN`]): one download less, and the figure is
    /// posed a frame sooner, as nothing waits for the network.
    fn default() -> Self {
        if cfg!(target_arch = "wasm32") {
            MannequinModel(EMBEDDED_MANNEQUIN.to_string())
        } else {
            MannequinModel(MANNEQUIN_PATH.to_string())
        }
    }
}

/// One posed, evaluated body on the stage.
#[derive(Component, Debug, Clone)]
pub struct Figure {
    pub request: PoseRequest,
    pub thresholds: Thresholds,
    pub solved: SolvedBody,
    pub verdict: Verdict,
}

impl Figure {
    pub fn new(request: PoseRequest, thresholds: Thresholds) -> Figure {
        let solved = solve(&request);
        let verdict = evaluate(&solved, &thresholds);
        Figure {
            request,
            thresholds,
            solved,
            verdict,
        }
    }
}

/// The figure the sliders drive and the verdict panel describes.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct MainFigure;

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

/// The fault catalogue: names, what to look for, cues.
#[derive(Resource, Debug, Clone)]
pub struct Catalogue(pub crate::coach::FaultCatalogue);

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue(crate::coach::FaultCatalogue::builtin())
    }
}

/// The thresholds file, loaded once.
#[derive(Resource, Debug, Clone)]
pub struct CoachThresholds(pub ThresholdsFile);

impl Default for CoachThresholds {
    fn default() -> Self {
        CoachThresholds(ThresholdsFile::builtin())
    }
}

/// Figures: thresholds, solving and bone driving (no rendering needed).
pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<CoachThresholds>()
        .init_resource::<Catalogue>()
        .init_resource::<MannequinModel>();
    register_scene_types(app);
    if MannequinModel::default().0 == EMBEDDED_MANNEQUIN
        && let Some(embedded) = app
            .world()
            .get_resource::<bevy::asset::io::embedded::EmbeddedAssetRegistry>()
    {
        build_the_mannequin(embedded);
    }
    app.add_systems(
        Update,
        (solve_figures, drive_bones)
            .chain()
            .in_set(crate::Frame::Solve),
    );
}

/// What a view needs to put figures on the stage.
#[derive(bevy::ecs::system::SystemParam)]
pub struct FigureSpawner<'w, 's> {
    pub commands: Commands<'w, 's>,
    assets: Option<Res<'w, AssetServer>>,
    model: Res<'w, MannequinModel>,
}

impl FigureSpawner<'_, '_> {
    /// A figure wearing the tutor's model at `at`; without an asset server
    /// (the headless app) a figure with nothing to wear, solved and judged
    /// all the same.
    pub fn spawn(&mut self, name: &str, figure: Figure, at: Vec3) -> EntityCommands<'_> {
        let e = match &self.assets {
            Some(assets) => spawn_figure(&mut self.commands, assets, &self.model, name, figure, at),
            None => self
                .commands
                .spawn((
                    Name::new(name.to_string()),
                    figure,
                    Transform::from_translation(at),
                ))
                .id(),
        };
        self.commands.entity(e)
    }
}

/// Spawn a figure with the built-in mannequin at `at`.
pub fn spawn_figure(
    commands: &mut Commands,
    assets: &AssetServer,
    model: &MannequinModel,
    name: &str,
    figure: Figure,
    at: Vec3,
) -> Entity {
    let scale = figure.solved.body.stature_m / crate::body::anthropometry::DEFAULT_STATURE_M;
    let scene = assets.load(GltfAssetLabel::Scene(0).from_asset(model.0.clone()));
    commands
        .spawn((
            Name::new(name.to_string()),
            figure,
            WorldAssetRoot(scene),
            Transform::from_translation(at).with_scale(Vec3::splat(scale)),
        ))
        .observe(attach_rig_when_ready)
        .id()
}

fn attach_rig_when_ready(ready: On<WorldInstanceReady>, mut commands: Commands) {
    let root = ready.entity;
    commands.queue(move |world: &mut World| {
        if let Some(rig) = find_rig(world, root) {
            world.entity_mut(root).insert(rig);
        } else {
            warn!("the mannequin model has no humanoid bones (VRM or Mixamo names); it cannot be posed");
        }
    });
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

/// Re-solve and re-evaluate a figure whose request or thresholds changed.
pub fn solve_figures(mut figures: Query<&mut Figure, Changed<Figure>>) {
    for mut f in &mut figures {
        let solved = solve(&f.request);
        let verdict = evaluate(&solved, &f.thresholds);
        let f = f.bypass_change_detection();
        f.solved = solved;
        f.verdict = verdict;
    }
}

type PosedFigure<'a> = (&'a Figure, &'a Rig, &'a mut Transform);
type PoseChanged = Or<(Changed<Figure>, Added<Rig>)>;

/// Pose the bones of a rigged figure from its solved body, when the pose has
/// changed or the model has just been rigged (nothing else moves the bones).
/// The model, built for the default stature, is scaled to the figure's.
pub fn drive_bones(
    mut figures: Query<PosedFigure, PoseChanged>,
    mut transforms: Query<&mut Transform, Without<Figure>>,
) {
    for (figure, rig, mut root) in &mut figures {
        let scale = figure.solved.body.stature_m / crate::body::anthropometry::DEFAULT_STATURE_M;
        root.scale = Vec3::splat(scale);
        let targets = aims(&figure.solved);
        // World (figure-space) rotation of each bone, parents first (Bone::ALL is ordered so).
        let mut world_rot = [Quat::IDENTITY; BONE_COUNT];
        for bone in Bone::ALL {
            let i = bone as usize;
            world_rot[i] = match (targets[i], rig.rest_aim[i]) {
                (Some(target), Some(rest)) => target.rotation_from(&rest) * rig.rest_rotation[i],
                _ => {
                    // Collar bones (and bones the model lacks) keep their rest
                    // rotation relative to their parent.
                    let parent = bone.parent().map(|p| p as usize);
                    match parent {
                        Some(p) => {
                            world_rot[p] * rig.rest_rotation[p].inverse() * rig.rest_rotation[i]
                        }
                        None => rig.rest_rotation[i],
                    }
                }
            };
        }
        for bone in Bone::ALL {
            let i = bone as usize;
            let Some(entity) = rig.bones[i] else { continue };
            let Ok(mut t) = transforms.get_mut(entity) else {
                continue;
            };
            let parent_rot = match bone.parent() {
                Some(p) if rig.bones[p as usize].is_some() => world_rot[p as usize],
                Some(_) => Quat::IDENTITY,
                None => rig.hips_parent.rotation,
            };
            let local = (parent_rot.inverse() * world_rot[i]).normalize();
            if bone == Bone::Hips {
                // The solved body is in metres; the model is scaled by the figure.
                let pelvis = figure.solved.joint(crate::body::Joint::Pelvis) / scale;
                let local_pos = rig
                    .hips_parent
                    .compute_affine()
                    .inverse()
                    .transform_point3(pelvis);
                t.translation = local_pos;
            } else {
                t.translation = rig.rest_local[i].translation;
            }
            t.rotation = local;
        }
    }
}

/// The mannequin built into the app, for when the model file cannot be read.
pub const EMBEDDED_MANNEQUIN: &str = "embedded://hinge/mannequin.glb";

/// Put the mannequin the app builds itself ([`EMBEDDED_MANNEQUIN`]) among
/// the embedded assets.
fn build_the_mannequin(embedded: &bevy::asset::io::embedded::EmbeddedAssetRegistry) {
    embedded.insert_asset(
        std::path::PathBuf::from("hinge/mannequin.glb"),
        std::path::Path::new("hinge/mannequin.glb"),
        crate::mannequin::generate::mannequin_glb(),
    );
}

/// A figure whose model did not load (the asset folder missing or
/// unreadable, a user's `--model` broken) wears the mannequin the app can
/// build by itself, and the user is told why.
pub(super) fn fall_back_to_builtin_model(
    mut roots: Query<&mut WorldAssetRoot, With<Figure>>,
    assets: Res<AssetServer>,
    mut model: ResMut<MannequinModel>,
    embedded: Option<Res<bevy::asset::io::embedded::EmbeddedAssetRegistry>>,
) {
    for mut root in &mut roots {
        let bevy::asset::LoadState::Failed(err) = assets.load_state(&root.0) else {
            continue;
        };
        if model.0 == EMBEDDED_MANNEQUIN {
            if root
                .0
                .path()
                .is_some_and(|p| p.to_string().starts_with(EMBEDDED_MANNEQUIN))
            {
                continue; // even the built-in one failed; nothing better to show
            }
        } else {
            let Some(embedded) = embedded.as_deref() else {
                return;
            };
            build_the_mannequin(embedded);
            // The first line: Bevy's error carries a backtrace after it.
            let why = err.to_string();
            let why = why.lines().next().unwrap_or_default().trim_end_matches(':');
            crate::notify::notice(&format!(
                "the model {} could not be loaded ({why}); showing the built-in mannequin",
                model.0
            ));
            model.0 = EMBEDDED_MANNEQUIN.to_string();
        }
        root.0 = assets.load(GltfAssetLabel::Scene(0).from_asset(model.0.clone()));
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
