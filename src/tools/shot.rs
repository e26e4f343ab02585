//! `hinge shot`: render one frame of a view to a PNG and exit.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::launch::ShotPlan;
use crate::stage::figure::Figure;
use crate::stage::model::Rig;

#[derive(Resource, Debug, Clone)]
pub struct PendingShot {
    pub plan: ShotPlan,
    frames_total: u32,
    requested: bool,
}

impl PendingShot {
    pub fn new(plan: ShotPlan) -> PendingShot {
        PendingShot {
            plan,
            frames_total: 0,
            requested: false,
        }
    }

    /// Whether the picture has been asked for (this frame's is the one).
    pub fn requested(&self) -> bool {
        self.requested
    }
}

/// Frames to let lighting, shadows and the UI settle after the model is ready.
const SETTLE_FRAMES: u32 = 6;
/// Give up waiting for the model after this many frames and shoot anyway.
const MAX_WAIT_FRAMES: u32 = 900;

/// Whether the renderer has compiled every pipeline it was asked for. Until
/// then, meshes whose pipeline is still compiling are simply not drawn, and a
/// shot taken on a busy machine would miss them.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct PipelinesReady(pub bool);

/// How many frames in a row every figure's model has been posed and no
/// pipeline was compiling. Right after a model appears its pipelines are not
/// even queued yet, so one quiet frame proves little: wait for a streak.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct SceneReady {
    pub streak: u32,
}

/// Readiness tracking on an app, and the shot the launch asks for.
pub fn attach(app: &mut App, launch: &crate::launch::Launch) {
    app.add_plugins(plugin);
    if let Some(plan) = &launch.shot {
        app.insert_resource(PendingShot::new(plan.clone()));
    }
}

/// Readiness tracking (for shots and measurements) and the shot itself.
pub fn plugin(app: &mut App) {
    app.init_resource::<PipelinesReady>()
        .init_resource::<SceneReady>();
    app.add_systems(
        Last,
        (
            track_scene_ready,
            take_shot_when_ready.run_if(resource_exists::<PendingShot>),
        )
            .chain(),
    );
    if let Some(render) = app.get_sub_app_mut(bevy::render::RenderApp) {
        render.add_systems(bevy::render::ExtractSchedule, update_pipelines_ready);
    }
}

fn update_pipelines_ready(
    mut main_world: ResMut<bevy::render::MainWorld>,
    pipelines: Res<bevy::render::render_resource::PipelineCache>,
) {
    if let Some(mut ready) = main_world.get_resource_mut::<PipelinesReady>() {
        ready.0 = pipelines.waiting_pipelines().count() == 0;
    }
}

fn track_scene_ready(
    mut scene: ResMut<SceneReady>,
    figures: Query<(), With<Figure>>,
    rigged: Query<(), (With<Figure>, With<Rig>)>,
    pipelines: Res<PipelinesReady>,
) {
    let ready = pipelines.0 && figures.iter().count() == rigged.iter().count();
    scene.streak = if ready { scene.streak + 1 } else { 0 };
}

pub(crate) fn take_shot_when_ready(
    mut commands: Commands,
    mut shot: ResMut<PendingShot>,
    mut time: ResMut<Time<Virtual>>,
    scene: Res<SceneReady>,
) {
    if shot.requested {
        return;
    }
    shot.frames_total += 1;
    let ready = scene.streak >= SETTLE_FRAMES;
    // The animation's clock starts when the scene is ready, so `--time`
    // is the same moment of a drill however long a loaded machine takes
    // to load the mannequin (two shots of one drill used to meet in the
    // same phase when loading took longer than the earlier one's time).
    if ready == time.is_paused() {
        if ready {
            time.unpause();
        } else {
            time.pause();
        }
    }
    let waited = time.elapsed_secs() >= shot.plan.time_s;
    if (ready && waited) || shot.frames_total >= MAX_WAIT_FRAMES {
        if !ready {
            warn!("the mannequin did not load in time; taking the shot without it");
        }
        shot.requested = true;
        let path = shot.plan.out.clone();
        commands.spawn(Screenshot::primary_window()).observe(
            move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
                let result = captured
                    .image
                    .clone()
                    .try_into_dynamic()
                    .map_err(|e| e.to_string())
                    .and_then(|img| img.to_rgb8().save(&path).map_err(|e| e.to_string()));
                match result {
                    Ok(()) => {
                        info!("wrote {}", path.display());
                        exit.write(AppExit::Success);
                    }
                    Err(e) => {
                        error!("cannot write {}: {e}", path.display());
                        exit.write(AppExit::error());
                    }
                }
            },
        );
    }
}
