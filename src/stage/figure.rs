//! Figures on the stage: each holds a pose request, its solved body and the
//! coach's verdict, and drives the bones of a mannequin model.

use bevy::prelude::*;

use super::mannequin::BuiltInMannequin;
use crate::body::{PoseRequest, SolvedBody, solve};
use crate::coach::{Thresholds, ThresholdsFile, Verdict, evaluate};
use crate::mannequin::rig::{Aim, BONE_COUNT, Bone, aims};

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
    model: Res<'w, MannequinModel>,
    builtin: Option<Res<'w, BuiltInMannequin>>,
}

impl FigureSpawner<'_, '_> {
    /// A figure wearing the tutor's model at `at`; without the mannequin's
    /// assets (the headless app) a figure with nothing to wear, solved and
    /// judged all the same.
    pub fn spawn(&mut self, name: &str, figure: Figure, at: Vec3) -> EntityCommands<'_> {
        // The model is made for the default stature; the figure scales it.
        let scale = figure.solved.body.stature_m / crate::body::anthropometry::DEFAULT_STATURE_M;
        let e = self
            .commands
            .spawn((
                Name::new(name.to_string()),
                figure,
                Transform::from_translation(at).with_scale(Vec3::splat(scale)),
            ))
            .id();
        match &*self.model {
            MannequinModel::BuiltIn => {
                if let Some(builtin) = &self.builtin {
                    builtin.dress(&mut self.commands, e);
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            MannequinModel::File { scene, .. } => {
                super::model_file::dress(&mut self.commands, e, scene.clone());
            }
        }
        self.commands.entity(e)
    }
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
