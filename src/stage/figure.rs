//! Figures on the stage: each holds a pose request, its solved body and the
//! coach's verdict, and drives the bones of a mannequin model.

use bevy::prelude::*;

use super::mannequin::BuiltInMannequin;
use super::model::{MannequinModel, Rig};
use crate::body::{PoseRequest, SolvedBody, solve};
use crate::coach::{Thresholds, ThresholdsFile, Verdict, evaluate};
use crate::mannequin::rig::{BONE_COUNT, Bone, aims};

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
