//! Hinge: an interactive 3D tutor for the hip hinge.
//!
//! The body and the coach are plain Rust; Bevy is the stage they perform on.

pub mod app;
pub mod body;
pub mod cli;
pub mod coach;
pub mod content;
pub mod drill;
pub mod fps;
pub mod launch;
pub mod mannequin;
pub mod modes;
pub mod overlay;
pub mod present;
pub mod quiz;
pub mod settings;
pub mod shot;
pub mod soak;
pub mod stage;
pub mod store;
pub mod ui;
pub mod web;
