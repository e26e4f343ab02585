//! The body: anthropometry, poses, the balance solver and the measures.
//! Plain Rust over glam vectors, no ECS types.

pub mod anthropometry;
mod arms;
mod frame;
pub mod metrics;
pub mod moments;
pub mod pose;
pub mod solve;
pub mod solved;
pub mod surface;

pub use anthropometry::{Body, Sex};
pub use metrics::{DowelContact, Metrics};
pub use moments::{LoadJoint, LoadView, Moments, Part, moments};
pub use pose::{
    Arms, Carry, Hand, Implement, Load, LoadPlace, Pose, PoseRequest, Range, RangeError, ranges,
};
pub use solve::solve;
pub use solved::{Balance, Held, Joint, SolvedBody};
