//! `hinge gen-photo`: a learner's side photo without a learner. The
//! mannequin stands in a pose on the bare stage (no panels, no overlays),
//! the camera where a friend with a phone would stand, and the picture is
//! written with the true marks of its joints beside it, projected to the
//! picture's pixels. The photo view opens it like any photo (its kept marks
//! come back), and the tests check the angles a photo gives against the
//! pose it was taken of.

use std::path::PathBuf;

use bevy::prelude::*;

use super::shot::PendingShot;
use crate::body::PoseRequest;
use crate::coach::photo::{Marks, model_points};
use crate::launch::{Launch, ShotPlan};
use crate::pose::PoseControls;
use crate::stage::camera::Orbit;
use crate::stage::figure::{Figure, MainFigure};

/// Where the camera stands, as the orbit camera's angles around the hips.
#[derive(Debug, Clone, Copy)]
pub struct Viewpoint {
    /// Degrees from side-on (the figure's right side at 0); the camera
    /// turns around the point at hip height above the midfoot.
    pub yaw_deg: f32,
    pub pitch_deg: f32,
    pub distance_m: f32,
}

/// The photo being taken: where its marks go.
#[derive(Resource)]
struct Subject {
    photo: PathBuf,
    written: bool,
}

/// Render the figure in `request` to `out` (of `size` pixels) from
/// `camera`, and its marks beside it.
pub fn run(request: PoseRequest, camera: Viewpoint, out: PathBuf, size: (u32, u32)) -> AppExit {
    let launch = Launch {
        shot: Some(ShotPlan {
            out: out.clone(),
            size,
            time_s: 0.0,
        }),
        camera_given: true,
        ..Default::default()
    };
    let mut app = crate::app::build(&launch);
    super::shot::attach(&mut app, &launch);
    // No egui: no panels, labels or badges, only the stage.
    app.add_systems(PostStartup, put_away_ui);
    app.insert_resource(crate::overlay::Overlays::NONE);
    app.insert_resource(PoseControls {
        request,
        ..Default::default()
    });
    let side = Orbit::preset(crate::options::CameraPreset::Side);
    // Aimed at the hips, from their height (as the photo view asks).
    let hips = crate::body::solve(&request).joint(crate::body::Joint::HipL);
    let orbit = Orbit {
        target: Vec3::new(0.0, hips.y, 0.0),
        yaw_deg: side.yaw_deg + camera.yaw_deg,
        pitch_deg: camera.pitch_deg,
        distance_m: camera.distance_m,
        ..side
    };
    app.insert_resource(orbit);
    // The explore view fits its camera to the window: this one stays put.
    app.add_systems(
        Update,
        (move |mut o: ResMut<Orbit>| o.distance_m = orbit.distance_m)
            .in_set(crate::Frame::Draw)
            .after(crate::stage::camera::FitCamera::Projection)
            .before(crate::stage::camera::place_camera),
    );
    app.insert_resource(Subject {
        photo: out,
        written: false,
    });
    app.add_systems(Last, write_marks.after(super::shot::take_shot_when_ready));
    app.run()
}

/// The UI's camera goes, and egui's pass with it.
fn put_away_ui(mut commands: Commands, ui: Query<Entity, With<bevy_egui::PrimaryEguiContext>>) {
    for e in &ui {
        commands.entity(e).despawn();
    }
}

/// In the frame the picture is taken: the main figure's landmarks on the
/// side the camera sees, projected to the picture's pixels.
fn write_marks(
    mut subject: ResMut<Subject>,
    shot: Res<PendingShot>,
    figures: Query<(&Figure, &GlobalTransform), With<MainFigure>>,
    cameras: Query<(&Camera, &GlobalTransform), With<Camera3d>>,
    windows: Query<&Window>,
    mut exit: MessageWriter<AppExit>,
) {
    if subject.written || !shot.requested() {
        return;
    }
    subject.written = true;
    let scale = windows.iter().next().map_or(1.0, |w| w.scale_factor());
    let (Ok((figure, at)), Ok((camera, eye))) = (figures.single(), cameras.single()) else {
        error!("gen-photo: no figure or no camera to take the marks from");
        exit.write(AppExit::error());
        return;
    };
    // The side nearer the camera is the one a photo shows.
    let near_right = {
        let toward =
            |j| (at.rotation() * figure.solved.joint(j)).dot(eye.translation() - at.translation());
        toward(crate::body::Joint::HipR) > toward(crate::body::Joint::HipL)
    };
    // The figure's entity is scaled for the model (built at the default
    // stature); the solved body is in metres already.
    let (_, turn, origin) = at.to_scale_rotation_translation();
    let to_world = |p: Vec3| origin + turn * p;
    let mut marks = Marks::default();
    for (l, p) in model_points(&figure.solved, near_right) {
        match camera.world_to_viewport(eye, to_world(p)) {
            Ok(px) => marks.set(l, Some(px * scale)),
            Err(e) => warn!("gen-photo: the {} is out of the picture ({e:?})", l.id()),
        }
    }
    match crate::views::photo::write_kept(&subject.photo, &marks) {
        Ok(path) => info!("wrote {}", path.display()),
        Err(e) => {
            error!("gen-photo: {e}");
            exit.write(AppExit::error());
        }
    }
}
