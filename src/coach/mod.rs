//! The coach: movement patterns, faults and their cues, and the rules that
//! read a solved pose. Plain Rust, no ECS types.

pub mod evaluate;
pub mod fault;
pub mod faulty;
pub mod thresholds;

pub use evaluate::{Verdict, classify, evaluate};
pub use fault::{Fault, FaultCatalogue, FaultInfo, Pattern};
pub use faulty::faulty_pose;
pub use thresholds::{ThresholdOverrides, Thresholds, ThresholdsFile};
