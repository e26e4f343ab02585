//! Tools around the tutor: a picture of one frame (`hinge shot`), the
//! long soak run (`hinge soak`) and the frame-rate probe (`hinge fps`).

pub mod fps;
pub mod shot;
pub mod soak;
