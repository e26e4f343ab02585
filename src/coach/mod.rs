//! The coach: movement patterns, faults and their cues, and the rules that
//! read a solved pose. Plain Rust, no ECS types.

pub mod evaluate;
pub mod fault;
pub mod faulty;
pub mod photo;
pub mod rep;
pub mod thresholds;

pub use evaluate::{Verdict, classify, evaluate};
pub use fault::{Fault, FaultCatalogue, FaultInfo, Pattern};
pub use faulty::{Moment, faulty_pose, twin};
pub use rep::{Frame, RepFault, judge};
pub use thresholds::{ThresholdOverrides, Thresholds, ThresholdsFile};
