//! Hinge: an interactive 3D tutor for the hip hinge.
//!
//! The body and the coach are plain Rust; Bevy is the stage they perform on.
//! The modules are layered, and every import runs down the list
//! (docs/ARCHITECTURE.md):
//!
//! - pure: `body`, `coach`, `mannequin`, `content`, `drill`, `quiz`,
//!   `options`, `cli`, `launch`, `notify`, `store`, `settings`;
//! - engine: `input`, `stage`, `pose`, `overlay`, `ui`;
//! - capabilities, one folder each: `views::{explore, compare, drills,
//!   quiz, present}`;
//! - shells: `app`, `web`, `commands` (the headless subcommands) and
//!   `tools` (shot, soak, fps).

use bevy::prelude::*;

pub mod body;
pub mod coach;
pub mod content;
pub mod drill;
pub mod mannequin;
pub mod plan;
pub mod quiz;

pub mod cli;
pub mod launch;
pub mod notify;
pub mod options;
pub mod settings;
pub mod store;

pub mod input;
pub mod overlay;
pub mod pose;
pub mod stage;
pub mod theme;
pub mod ui;

pub mod views;

pub mod app;
pub mod class;
pub mod commands;
pub mod tools;
pub mod web;

/// The order of one frame's work in `Update`: input becomes actions, the
/// actions and the views decide where each figure's pose comes from, the
/// poses reach the figures, the figures are solved and their bones posed,
/// and the drawings on them come last.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// Keys, clicker and gamepads become [`input::Action`]s.
    ReadInput,
    /// Views and engine parts act on the actions (and on their own keys).
    ApplyActions,
    /// Each view says where its figures' poses come from; playback advances.
    DrivePoses,
    /// The pose controls reach the figures (each twin with its fault).
    ApplyPoses,
    /// Solve the bodies, judge them, pose the bones.
    Solve,
    /// Overlays and anything that reads the solved figures.
    Draw,
}

/// Put the frame's sets in order. Every engine plugin calls it, so an app
/// made of a few plugins (the tests) runs in the same order as the tutor.
pub fn order_frame(app: &mut App) {
    app.configure_sets(
        Update,
        (
            Frame::ReadInput,
            Frame::ApplyActions,
            Frame::DrivePoses,
            Frame::ApplyPoses,
            Frame::Solve,
            Frame::Draw,
        )
            .chain(),
    );
}
