//! The pose pipeline: where each figure's pose request comes from (the
//! sliders, a playing drill, a lesson step, a quiz question) and how it
//! reaches the figures. Every view writes [`PoseControls`] (directly or
//! through a [`PoseSource`]); the figures take it in [`Frame::ApplyPoses`],
//! each faulty twin with its fault put in where it happens.

mod drive;

use bevy::prelude::*;

pub use drive::{PoseSource, active_props};

use crate::Frame;
use crate::body::PoseRequest;
use crate::coach::{Fault, Moment, faulty_pose, twin};
use crate::stage::figure::{CoachThresholds, Figure};

/// What the sliders (or the drill) say: the pose request, the thresholds
/// preset it is judged by, and where in a repetition it is.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct PoseControls {
    pub request: PoseRequest,
    pub preset: String,
    /// Where in the repetition a playing drill is, so each faulty twin shows
    /// its fault where it happens and stands up with the correct figure
    /// (`None`: a still pose, the fault at full strength).
    pub moment: Option<Moment>,
}

impl Default for PoseControls {
    fn default() -> Self {
        let mut request = PoseRequest::default();
        // Start in a good hinge: soft knees, hips folded (BIOMECHANICS.md §1).
        request.pose.knee_deg = 20.0;
        request.pose.hip_deg = 80.0;
        PoseControls {
            request,
            preset: "rdl".into(),
            moment: None,
        }
    }
}

/// A figure's role: the correct pattern, or the twin showing one fault.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Correct,
    Faulty(Fault),
}

impl Role {
    /// The request this role's figure takes from the controls.
    pub fn request(self, controls: &PoseControls) -> PoseRequest {
        match (self, controls.moment) {
            (Role::Correct, _) => controls.request,
            (Role::Faulty(f), Some(at)) => twin(&controls.request, f, at),
            (Role::Faulty(f), None) => faulty_pose(&controls.request, f),
        }
    }
}

/// A figure that keeps the pose it was staged with (a lesson's contrast
/// pose): the controls do not move it.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct FixedPose;

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    // What the drive reads and writes; the app's loader and props fill them.
    app.init_resource::<PoseControls>()
        .init_resource::<PoseSource>()
        .init_resource::<crate::drill::Library>()
        .init_resource::<crate::drill::Playback>()
        .init_resource::<crate::stage::props::ActiveProps>()
        .add_message::<crate::input::Action>();
    app.add_systems(Update, drive::drive_from_drill.in_set(Frame::DrivePoses));
    app.add_systems(
        Update,
        drive::playback_actions
            .in_set(Frame::ApplyActions)
            .run_if(not(in_state(crate::options::ViewState::Quiz))),
    );
    app.add_systems(Update, apply_controls.in_set(Frame::ApplyPoses));
}

/// Copy the controls into every figure when they change: the correct
/// figure takes them as they are, each faulty twin with its fault.
fn apply_controls(
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
    mut figures: Query<(&mut Figure, Option<&Role>), Without<FixedPose>>,
) {
    if !controls.is_changed() {
        return;
    }
    let t = thresholds.0.preset_or_default(&controls.preset);
    for (mut f, role) in &mut figures {
        f.request = role.copied().unwrap_or(Role::Correct).request(&controls);
        f.thresholds = t.clone();
    }
}
