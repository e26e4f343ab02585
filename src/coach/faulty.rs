//! The faulty twin of a pose: the same depth done with one fault. The fault is
//! put into the joint angles (or the balance, or the arms) and the body model
//! solves the rest, so its consequences show: a rounded back keeps the hips
//! forward, a squatted hinge sends the knees over the toes.

use crate::body::{Arms, PoseRequest};

use super::fault::Fault;

/// How much each fault changes the pose. The amounts are chosen to sit well
/// past each fault's threshold in `assets/coach/thresholds.ron`, so the faulty
/// figure is unmistakable, and within the ranges the lab studies report
/// (BIOMECHANICS.md §2: toe-touch lumbar 41.6°, squat knees 64-97 mm past the toes).
pub fn faulty_pose(correct: &PoseRequest, fault: Fault) -> PoseRequest {
    let mut r = *correct;
    let p = &mut r.pose;
    let depth = p.hip_deg.max(0.0);
    match fault {
        // The spine takes over part of the bend and the hips fold less:
        // about the toe touch's 37% lumbar share (Esola 1996).
        Fault::RoundedBack => {
            let lumbar = (0.45 * depth).clamp(25.0, 42.0);
            p.lumbar_deg = lumbar;
            p.thoracic_deg = (p.thoracic_deg + 15.0).min(60.0);
            p.hip_deg = (depth - lumbar).max(10.0);
        }
        // The knees break and the hips drop: a squat at the same trunk angle.
        Fault::SquattingTheHinge => {
            p.knee_deg = (p.knee_deg + 60.0).clamp(75.0, 120.0);
            p.hip_deg = (depth + 15.0).min(125.0);
        }
        Fault::LockedKnees => p.knee_deg = 0.0,
        // Eyes to the horizon: with the torso 55-65° forward that takes about
        // 50° of neck extension, and it has to read from the back of a gym.
        Fault::ChinUp => p.neck_deg = -50.0,
        Fault::RibsFlared => p.lumbar_deg = -20.0,
        // The centre of mass drifts towards the balls of the feet.
        Fault::WeightOnToes => p.balance_shift_m = 0.06,
        // The hips go down, not back: more knee, less hip.
        Fault::HipsUpAndDown => {
            p.knee_deg = (p.knee_deg + 50.0).clamp(70.0, 110.0);
            p.hip_deg = (depth - 10.0).max(20.0);
        }
        Fault::KneesCaving => p.valgus_deg = 15.0,
        // The arms lift the load forward instead of hanging.
        Fault::ArmsPulling => {
            p.arms = Arms::Set;
            p.shoulder_deg = 25.0 + depth;
            p.elbow_deg = 35.0;
        }
    }
    r
}
