//! Tools around the tutor: a picture of one frame (`hinge shot`), the
//! long soak run (`hinge soak`), the frame-rate probe (`hinge fps`) and
//! synthetic learners' photos (`hinge gen-photo`).

pub mod fps;
pub mod shot;
pub mod soak;
pub mod subject;
