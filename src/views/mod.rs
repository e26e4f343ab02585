//! What the person sees, one folder per view: explore, compare, drills,
//! quiz, the learner's own photo, a drill's handout, and presenting (a layout over the others). A view stages its
//! figures, says where their poses come from (`pose::PoseSource`), acts on
//! the actions it owns and draws its panels. Views never import each other:
//! what two share lives here beside them (the pose panel, staging figures)
//! or further down.

pub mod compare;
pub mod drills;
pub mod explore;
pub mod figures;
pub mod handout;
pub mod photo;
pub mod pose_panel;
pub mod present;
pub mod quiz;

use bevy::prelude::*;

/// Every view.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        explore::plugin,
        compare::plugin,
        drills::plugin,
        quiz::plugin,
        present::plugin,
        photo::plugin,
        handout::plugin,
    ));
}
