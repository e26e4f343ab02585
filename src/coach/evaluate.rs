//! Read a solved pose like a coach: which pattern it is, which faults show.

use serde::Serialize;

use super::fault::{Fault, Pattern};
use super::thresholds::Thresholds;
use crate::body::{Balance, Carry, Metrics, SolvedBody};

/// The coach's verdict on one pose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub pattern: Pattern,
    /// Faults seen, in catalogue order.
    pub faults: Vec<Fault>,
    pub metrics: Metrics,
    pub balance: Balance,
}

impl Verdict {
    pub fn has(&self, fault: Fault) -> bool {
        self.faults.contains(&fault)
    }

    /// A correct pose for its drill: a hinge with no fault.
    pub fn is_correct_hinge(&self) -> bool {
        self.pattern == Pattern::Hinge && self.faults.is_empty()
    }
}

/// Classify the pattern of a pose from its joint angles.
pub fn classify(s: &SolvedBody, t: &Thresholds) -> Pattern {
    let p = &s.request.pose;
    let lumbar = p.lumbar_deg.max(0.0);
    let hip = p.hip_deg.max(0.0);
    let knee = p.knee_deg.max(0.0);
    let bend = hip + lumbar + p.thoracic_deg.max(0.0);
    if bend < t.standing_max_deg && knee < t.standing_max_deg {
        return Pattern::Standing;
    }
    let lumbar_share = if lumbar + hip > 0.0 {
        lumbar / (lumbar + hip)
    } else {
        0.0
    };
    if lumbar >= t.stoop_min_lumbar_deg && lumbar_share >= t.stoop_lumbar_share {
        return Pattern::Stoop;
    }
    let knee_share = if knee + hip > 0.0 {
        knee / (knee + hip)
    } else {
        0.0
    };
    if knee >= t.squat_min_knee_deg && knee_share >= t.squat_knee_share {
        return Pattern::Squat;
    }
    Pattern::Hinge
}

/// Whether what the hands hold has drifted away: a bar off the front of the
/// legs, bells away from over the midfoot (B §2b: the bar stays on the legs
/// and over the midfoot).
fn bar_drifts(s: &SolvedBody, m: &Metrics, t: &Thresholds) -> bool {
    let Some(held) = s.held.filter(|h| h.in_hands) else {
        return false;
    };
    match held.implement.carry() {
        Carry::FrontOfLegs => m.grip_to_legs_m.is_some_and(|g| g > t.bar_drift_m),
        Carry::Hanging => m
            .grip_ahead_of_midfoot_m
            .is_some_and(|a| a.abs() > t.bar_drift_m),
    }
}

/// Evaluate one solved pose against a set of thresholds.
pub fn evaluate(s: &SolvedBody, t: &Thresholds) -> Verdict {
    let metrics = Metrics::of(s);
    let pattern = classify(s, t);
    let p = &s.request.pose;
    let mut faults = Vec::new();

    let rounded = p.lumbar_deg >= t.rounded_back_lumbar_deg
        || (p.lumbar_deg >= t.stoop_min_lumbar_deg && metrics.lumbar_share >= t.rounded_back_share);
    if rounded {
        faults.push(Fault::RoundedBack);
    }

    // Squatting the hinge only means something when a hinge was asked for and
    // the body is bending: it is a hinge done with the knees.
    if pattern != Pattern::Standing {
        let too_deep = t.squatting_max_knee_deg.is_some_and(|max| p.knee_deg > max);
        let shin_forward = t
            .squatting_max_shin_deg
            .is_some_and(|max| metrics.shin_angle_deg > max);
        let knee_past_toes = t
            .squatting_max_knee_ahead_m
            .is_some_and(|max| metrics.knee_ahead_of_toes_m > max);
        if pattern == Pattern::Squat || too_deep || shin_forward || knee_past_toes {
            faults.push(Fault::SquattingTheHinge);
        }
    }

    if let Some(min) = t.locked_knee_below_deg
        && p.hip_deg >= t.locked_knee_min_hip_deg
        && p.knee_deg < min
    {
        faults.push(Fault::LockedKnees);
    }

    if p.neck_deg <= t.chin_up_neck_deg {
        faults.push(Fault::ChinUp);
    }

    if p.lumbar_deg <= t.ribs_flared_lumbar_deg {
        faults.push(Fault::RibsFlared);
    }

    let toes_limit = t.weight_on_toes_foot_fraction * s.body.foot_m;
    if s.balance == Balance::OnToes || metrics.com_ahead_of_midfoot_m > toes_limit {
        faults.push(Fault::WeightOnToes);
    }
    let heels_limit = t.weight_on_heels_foot_fraction * s.body.foot_m;
    if s.balance == Balance::OnHeels || metrics.com_ahead_of_midfoot_m < -heels_limit {
        faults.push(Fault::WeightOnHeels);
    }

    if p.valgus_deg >= t.knees_caving_deg {
        faults.push(Fault::KneesCaving);
    }

    if p.thoracic_deg >= t.rounded_upper_back_thoracic_deg {
        faults.push(Fault::RoundedUpperBack);
    }

    if bar_drifts(s, &metrics, t) {
        faults.push(Fault::BarDrift);
    }

    if p.hip_deg <= t.leaning_back_hip_deg {
        faults.push(Fault::LeaningBack);
    }

    faults.sort();
    Verdict {
        pattern,
        faults,
        metrics,
        balance: s.balance,
    }
}
