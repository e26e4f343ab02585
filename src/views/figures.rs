//! Putting a view's figures on the stage: one figure in the middle, or a
//! row of them (the compare view, a quiz question).

use bevy::prelude::*;

use crate::options::ViewState;
use crate::pose::{PoseControls, Role};
use crate::stage::camera::{HOME_DISTANCE_M, Orbit};
use crate::stage::figure::{CoachThresholds, Figure, FigureSpawner, MainFigure};

/// Metres between neighbouring figures.
pub const SPACING_M: f32 = 1.45;

/// How a row of figures stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// All on one spot, the faulty ones laid over the correct one (ghost).
    pub ghost: bool,
    /// The line they stand on, across the camera's view: the forward axis
    /// for a side view (the default), sideways for a front view.
    pub axis: Vec3,
}

impl Default for Row {
    fn default() -> Self {
        Row {
            ghost: false,
            axis: Vec3::Z,
        }
    }
}

impl Row {
    /// Across a side view, or across a front view.
    pub fn across(front: bool, ghost: bool) -> Row {
        Row {
            ghost,
            axis: if front { Vec3::X } else { Vec3::Z },
        }
    }

    /// Across the view of a camera at `yaw_deg` (`Orbit`'s convention).
    pub fn facing_camera(yaw_deg: f32) -> Row {
        let yaw = yaw_deg.to_radians();
        Row {
            ghost: false,
            axis: Vec3::new(yaw.cos(), 0.0, -yaw.sin()),
        }
    }

    /// Where figure `i` of `n` stands.
    pub fn slot(self, i: usize, n: usize) -> Vec3 {
        if self.ghost {
            return Vec3::ZERO;
        }
        self.axis * (i as f32 - (n as f32 - 1.0) / 2.0) * SPACING_M
    }

    /// How wide `n` figures stand, in metres, with room for a hinged body.
    pub fn width_m(self, n: usize) -> f32 {
        let n = if self.ghost { 1 } else { n };
        (n as f32 - 1.0) * SPACING_M + 2.2
    }
}

/// What a view needs to stage figures posed by the controls.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Stager<'w, 's> {
    pub spawner: FigureSpawner<'w, 's>,
    pub controls: Res<'w, PoseControls>,
    thresholds: Res<'w, CoachThresholds>,
}

impl Stager<'_, '_> {
    /// A figure in `role` at `at`, posed and judged as the controls say,
    /// leaving with `view`; the main one is the figure the panels describe.
    pub fn spawn(
        &mut self,
        name: &str,
        role: Role,
        at: Vec3,
        view: ViewState,
        main: bool,
    ) -> Entity {
        let t = self.thresholds.0.preset_or_default(&self.controls.preset);
        let figure = Figure::new(role.request(&self.controls), t);
        let mut e = self.spawner.spawn(name, figure, at);
        e.insert((role, DespawnOnExit(view)));
        if main {
            e.insert(MainFigure);
        }
        e.id()
    }
}

/// One figure in the middle of the stage, the camera at its home distance
/// (explore, drills).
pub fn stage_one(state: Res<State<ViewState>>, mut stager: Stager, mut orbit: ResMut<Orbit>) {
    orbit.distance_m = HOME_DISTANCE_M;
    stager.spawn("mannequin", Role::Correct, Vec3::ZERO, *state.get(), true);
}
