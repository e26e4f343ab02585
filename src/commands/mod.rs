//! The headless subcommands: each reads its arguments (`cli`), runs the
//! pure model and writes text or JSON. No window, no Bevy app.

mod check;
mod list;
mod photo;
mod pose;
mod rep;

pub use check::check_content;
pub use list::run_list;
pub use photo::{photo_size, run_photo};
pub use pose::{PoseReport, describe, rounded, run_pose, thresholds_for};
pub use rep::{RepFaultReport, RepReport, run_rep};
