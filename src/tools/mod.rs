//! Tools around the tutor: a picture of one frame (`hinge shot`), the
//! long soak run (`hinge soak`), the frame-rate probe (`hinge fps`) and
//! synthetic learners' photos (`hinge gen-photo`).

pub mod fps;
pub mod shot;
pub mod soak;
/// Writes files beside a photo: the desktop only.
#[cfg(not(target_arch = "wasm32"))]
pub mod subject;
