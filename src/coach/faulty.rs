//! The faulty twin of a pose: the same movement done with one fault. The
//! fault is put into the joint angles (or the balance, the arms, the bar)
//! where it happens in a repetition, and the body model solves the rest, so
//! its consequences show: a rounded back keeps the hips forward, a squatted
//! hinge sends the knees over the toes. A twin follows its correct figure
//! through the repetition and stands up with it at the end.

use crate::body::{Arms, PoseRequest};

use super::fault::Fault;

/// Where in a repetition a twin is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// How deep: 0 standing, 1 the drill's deepest point.
    pub depth: f32,
    /// On the way up (the lift, the return to standing).
    pub rising: bool,
}

impl Moment {
    /// A still figure: the fault at full strength (timing faults cannot show).
    pub const STILL: Moment = Moment {
        depth: 1.0,
        rising: false,
    };
}

/// The twin of a still pose, the fault at full strength (compare and quiz
/// figures that do not play a drill). A fault of the way up shows where it
/// shows most: leaning back at the top, the hips or the arms early on.
pub fn faulty_pose(correct: &PoseRequest, fault: Fault) -> PoseRequest {
    let at = match fault {
        Fault::LeaningBack => Moment {
            depth: 0.0,
            rising: true,
        },
        Fault::HipsRiseFirst | Fault::ArmsPulling => Moment {
            depth: 0.7,
            rising: true,
        },
        _ => Moment::STILL,
    };
    twin(correct, fault, at)
}

/// The twin at a moment of the repetition. The amounts sit well past each
/// fault's threshold in `assets/coach/thresholds.ron` at full depth, so the
/// faulty figure is unmistakable, and within the ranges the lab studies
/// report (BIOMECHANICS.md §2: toe-touch lumbar 41.6°, squat knees 64-97 mm
/// past the toes).
pub fn twin(correct: &PoseRequest, fault: Fault, at: Moment) -> PoseRequest {
    let mut r = *correct;
    let p = &mut r.pose;
    let a = at.depth.clamp(0.0, 1.0);
    let hip = p.hip_deg.max(0.0);
    // Early on the way up (at 70% of the depth), where a timing fault shows
    // most: nothing at the bottom, nothing past the halfway point.
    let early = if at.rising {
        let e = ((1.0 - a) / 0.6).clamp(0.0, 1.0);
        4.0 * e * (1.0 - e)
    } else {
        0.0
    };
    match fault {
        // The spine takes over part of the bend and the hips fold less:
        // about the toe touch's 37% lumbar share (Esola 1996).
        Fault::RoundedBack => {
            let lumbar = a * (0.45 * hip.max(55.0)).clamp(25.0, 42.0);
            p.lumbar_deg = lumbar;
            p.hip_deg = (hip - lumbar).max(5.0 * a);
            // With the back doing the bending the hips ride higher.
            p.knee_deg *= 1.0 - 0.25 * a;
        }
        // The hump between the shoulder blades, the head dropping forward.
        Fault::RoundedUpperBack => p.thoracic_deg = (p.thoracic_deg + 30.0 * a).min(60.0),
        // The knees break and the hips drop: a squat at the same trunk angle.
        Fault::SquattingTheHinge => {
            let deep = (p.knee_deg + 60.0).clamp(75.0, 120.0);
            p.knee_deg += a * (deep - p.knee_deg);
            p.hip_deg = (hip + 15.0 * a).min(125.0);
        }
        Fault::LockedKnees => p.knee_deg *= 1.0 - a,
        // Eyes to the horizon: with the torso 55-65° forward that takes about
        // 50° of neck extension, and it has to read from the back of a gym.
        Fault::ChinUp => p.neck_deg += a * (-50.0 - p.neck_deg),
        // An arched lower back, at the top as much as in the movement (B §4).
        Fault::RibsFlared => p.lumbar_deg = -20.0,
        // The centre of mass drifts towards the balls of the feet, or back
        // onto the heels.
        Fault::WeightOnToes => p.balance_shift_m = 0.06 * a,
        Fault::WeightOnHeels => p.balance_shift_m = -0.07 * a,
        // On the way up the knees straighten first: the hips shoot up while
        // the chest stays down, the back tipping towards the floor.
        Fault::HipsRiseFirst => {
            let straighter = p.knee_deg * (1.0 - 0.65 * early);
            // Soft still: a knee locked out would be another fault.
            p.knee_deg = straighter.max(p.knee_deg.min(14.0));
            // The chest stays down while the seat goes up.
            p.hip_deg = (hip + 8.0 * early).min(130.0);
        }
        // The bar swings out in front of the legs.
        Fault::BarDrift => p.load_drift_m = 0.12 * a,
        // Finishing by leaning back on the hips instead of standing tall.
        Fault::LeaningBack => {
            let top = if at.rising {
                (1.0 - a / 0.35).max(0.0)
            } else {
                0.0
            };
            p.hip_deg += top * (-16.0 - p.hip_deg);
            // The knees go straight as the hips are thrown forward.
            p.knee_deg += top * (5.0_f32.min(p.knee_deg) - p.knee_deg);
        }
        Fault::KneesCaving => p.valgus_deg = 15.0 * a,
        // The arms lift forward while the hips are still bent. A still figure
        // shows the arms held out in front.
        Fault::ArmsPulling => {
            let lift = if at.rising { early } else { a };
            if lift > 0.0 {
                // Hanging straight down is a shoulder flexion of about the
                // trunk's lean; the pull adds 45° to it.
                let lean = hip - p.knee_deg + p.lumbar_deg + p.thoracic_deg;
                p.arms = Arms::Set;
                p.shoulder_deg = lean.max(0.0) + 45.0 * lift;
                p.elbow_deg = 25.0 * lift;
            }
        }
    }
    r
}
