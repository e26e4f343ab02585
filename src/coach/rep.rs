//! The repetition judge: a coach watches the whole movement, not one frozen
//! pose. Frames of a played repetition (a drill, a learner's turn, a quiz
//! figure) are judged one by one, and over time for the faults of timing and
//! of paths: the hips rising before the chest, the arms lifting before the
//! hips drive.

use glam::Vec3;
use serde::Serialize;

use super::evaluate::{Verdict, evaluate};
use super::fault::Fault;
use super::thresholds::Thresholds;
use crate::body::{Joint, SolvedBody};

/// One frame of a repetition.
#[derive(Debug, Clone)]
pub struct Frame {
    pub t_s: f32,
    /// The phase it falls in (`setup`, `descent`, `hold`, `ascent`).
    pub phase: &'static str,
    /// On the way up.
    pub rising: bool,
    pub solved: SolvedBody,
    pub verdict: Verdict,
}

impl Frame {
    pub fn new(
        t_s: f32,
        phase: &'static str,
        rising: bool,
        solved: SolvedBody,
        t: &Thresholds,
    ) -> Frame {
        let verdict = evaluate(&solved, t);
        Frame {
            t_s,
            phase,
            rising,
            solved,
            verdict,
        }
    }

    /// How far forward of hanging straight down the arms are, degrees (the
    /// mean of both arms; 0 plumb, positive the hands ahead).
    pub fn arms_forward_deg(&self) -> f32 {
        let s = &self.solved;
        let one = |shoulder: Joint, grip: Joint| {
            let d: Vec3 = s.joint(grip) - s.joint(shoulder);
            d.z.atan2(-d.y).to_degrees()
        };
        0.5 * (one(Joint::ShoulderL, Joint::GripL) + one(Joint::ShoulderR, Joint::GripR))
    }
}

/// A fault seen in a repetition: when first and in which phase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepFault {
    pub id: Fault,
    pub first_at_s: f32,
    pub phase: &'static str,
}

/// Judge a repetition: every fault any frame shows, and the faults of
/// timing the frames show together, each with the first moment it shows.
pub fn judge(frames: &[Frame], t: &Thresholds) -> Vec<RepFault> {
    let mut found: Vec<RepFault> = Vec::new();
    let mut see = |fault: Fault, f: &Frame| {
        if !found.iter().any(|x| x.id == fault) {
            found.push(RepFault {
                id: fault,
                first_at_s: f.t_s,
                phase: f.phase,
            });
        }
    };
    for f in frames {
        for fault in &f.verdict.faults {
            see(*fault, f);
        }
    }
    // The ways up: runs of rising frames, from where each starts (its bottom).
    let mut i = 0;
    while i < frames.len() {
        if !frames[i].rising {
            i += 1;
            continue;
        }
        // The bottom: the frame before the run, if there is one.
        let start = i.saturating_sub(1);
        let mut end = i;
        while end < frames.len() && frames[end].rising {
            end += 1;
        }
        let bottom = &frames[start];
        let hip0 = bottom.solved.request.pose.hip_deg;
        let torso0 = bottom.verdict.metrics.torso_angle_deg;
        let arms_hang = arms_can_pull(bottom);
        for f in &frames[start..end] {
            // Only while the hips are still bent: the first half of the way up.
            if f.solved.request.pose.hip_deg < 0.5 * hip0 || hip0 < 30.0 {
                continue;
            }
            if f.verdict.metrics.torso_angle_deg - torso0 > t.hips_rise_first_torso_deg {
                see(Fault::HipsRiseFirst, f);
            }
            if arms_hang && f.arms_forward_deg() > t.arms_pulling_deg {
                see(Fault::ArmsPulling, f);
            }
        }
        i = end;
    }
    found.sort_by(|a, b| a.first_at_s.total_cmp(&b.first_at_s));
    found
}

/// The arms can pull where they hang or hold something: not where the hands
/// lie on the body or hold a dowel, or carry a load on the chest or back.
fn arms_can_pull(f: &Frame) -> bool {
    use crate::body::{Arms, LoadPlace};
    let r = &f.solved.request;
    let load_on_body = r.load.is_some_and(|l| l.at != LoadPlace::Hands);
    !load_on_body && !matches!(r.pose.arms, Arms::Hands { .. })
}
