//! The mannequin: its rig (bone names, aims) and the generator of the
//! built-in model. The Bevy side that drives the bones lives in `stage`.

pub mod generate;
pub mod humanoid;
pub mod rig;
