//! What each joint must carry to hold a pose: the static moments at the
//! ankles, knees, hips and L5/S1 (inverse statics, BIOMECHANICS.md §2b). The
//! moment at a joint is the weight of everything above it (body segments
//! and the load where it is held) times its horizontal distance from the
//! joint; both sides are summed, and a moment the extensors must make is
//! positive (plantar flexors, knee extensors, hip extensors, back
//! extensors). With the feet the only support and the body balanced over
//! them, working from the top down gives the same moments as from the
//! ground up.

use glam::Vec3;
use serde::{Deserialize, Serialize};

use super::solve::G;
use super::solved::{Joint, SolvedBody};

/// Static joint moments, newton-metres, extensor positive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Moments {
    pub ankle: f32,
    pub knee: f32,
    pub hip: f32,
    pub l5s1: f32,
}

/// The joints the load view shows, in the order a body carries a load up
/// from the floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoadJoint {
    Ankle,
    Knee,
    Hip,
    L5S1,
}

impl LoadJoint {
    pub const ALL: [LoadJoint; 4] = [
        LoadJoint::Ankle,
        LoadJoint::Knee,
        LoadJoint::Hip,
        LoadJoint::L5S1,
    ];

    /// Where a learner feels it: the muscles that make the moment.
    pub fn muscles(self) -> &'static str {
        match self {
            LoadJoint::Ankle => "calves",
            LoadJoint::Knee => "quadriceps",
            LoadJoint::Hip => "glutes and hamstrings",
            LoadJoint::L5S1 => "lower back",
        }
    }

    /// The joint in words.
    pub fn name(self) -> &'static str {
        match self {
            LoadJoint::Ankle => "ankles",
            LoadJoint::Knee => "knees",
            LoadJoint::Hip => "hips",
            LoadJoint::L5S1 => "lower back",
        }
    }
}

impl Moments {
    pub fn get(&self, j: LoadJoint) -> f32 {
        match j {
            LoadJoint::Ankle => self.ankle,
            LoadJoint::Knee => self.knee,
            LoadJoint::Hip => self.hip,
            LoadJoint::L5S1 => self.l5s1,
        }
    }

    /// Each moment relative to the body's weight times its stature, so a
    /// small and a tall learner compare (a dimensionless share; 0.10 is a
    /// moment of a tenth of body weight times height).
    pub fn relative(&self, s: &SolvedBody) -> Moments {
        let scale = (s.body.mass_kg * G * s.body.stature_m).max(1e-3);
        Moments {
            ankle: self.ankle / scale,
            knee: self.knee / scale,
            hip: self.hip / scale,
            l5s1: self.l5s1 / scale,
        }
    }
}

/// How hard a joint works, in words: the load view's legend. The bands are
/// shares of body weight times height: below 0.02 a joint is barely working
/// (the knees and hips standing tall); the hips of an unloaded hinge to
/// parallel reach about 0.08; a loaded deadlift's hips pass 0.15
/// (BIOMECHANICS.md §2b: 250-350 N·m for 73 kg and 1.75 m with 100 kg, 0.2-0.28).
pub fn effort_word(relative: f32) -> &'static str {
    let r = relative.abs();
    if r < 0.02 {
        "low"
    } else if r < 0.06 {
        "moderate"
    } else if r < 0.12 {
        "high"
    } else {
        "very high"
    }
}

/// The static moments of a solved body.
pub fn moments(s: &SolvedBody) -> Moments {
    let m = &s.body.masses;
    let f = s.body.com_fractions();
    let j = |joint: Joint| s.joint(joint);
    // Mass points above each level, as (position, mass).
    let mut points: Vec<(Vec3, f32, Level)> = Vec::with_capacity(16);
    for side in [0usize, 6] {
        let knee = s.joints[side + 4];
        let ankle = s.joints[side + 1];
        let hip = s.joints[side + 5];
        points.push((
            ankle + (knee - ankle) * (1.0 - f.shank),
            m.shank,
            Level::Shank,
        ));
        points.push((hip + (knee - hip) * f.thigh, m.thigh, Level::Thigh));
    }
    // The trunk's three parts: the lower one straddles L5/S1; the part of it
    // below the joint is the pelvis, the rest goes with the spine above.
    let pelvis_share =
        (s.body.pelvis_m / s.body.trunk_mass_points().lower_m.max(1e-3) * 0.5).clamp(0.0, 1.0);
    let lower_c = (j(Joint::Pelvis) + j(Joint::L5S1)) * 0.5;
    points.push((lower_c, m.trunk_lower * pelvis_share, Level::Pelvis));
    points.push((
        (j(Joint::L5S1) + j(Joint::T12)) * 0.5,
        m.trunk_lower * (1.0 - pelvis_share) + m.trunk_middle,
        Level::Spine,
    ));
    points.push((
        (j(Joint::T6) + j(Joint::NeckBase)) * 0.5,
        m.trunk_upper,
        Level::Spine,
    ));
    points.push((
        j(Joint::Vertex) + (j(Joint::HeadBase) - j(Joint::Vertex)) * f.head_from_vertex,
        m.head,
        Level::Spine,
    ));
    for first in [Joint::ShoulderL as usize, Joint::ShoulderR as usize] {
        let [sh, el, wr, ha] = [0, 1, 2, 3].map(|i| s.joints[first + i]);
        points.push((sh + (el - sh) * f.upper_arm, m.upper_arm, Level::Spine));
        points.push((el + (wr - el) * f.forearm, m.forearm, Level::Spine));
        points.push((wr + (ha - wr) * f.hand, m.hand, Level::Spine));
    }
    if let (Some(at), Some(load)) = (s.load_com, s.carried_load()) {
        points.push((at, load.mass_kg.max(0.0), Level::Spine));
    }
    let mid = |a: Joint, b: Joint| (j(a) + j(b)) * 0.5;
    let ankle_z = mid(Joint::AnkleL, Joint::AnkleR).z;
    let knee_z = mid(Joint::KneeL, Joint::KneeR).z;
    let hip_z = mid(Joint::HipL, Joint::HipR).z;
    let l5_z = j(Joint::L5S1).z;
    // Weight ahead of a joint pulls it into flexion at the ankle (dorsi-),
    // the hip and the spine; weight behind the knee pulls it into flexion.
    let sum = |above: &dyn Fn(Level) -> bool, z: f32, ahead_is_extensor: bool| {
        points
            .iter()
            .filter(|(_, _, l)| above(*l))
            .map(|(p, mass, _)| {
                let arm = p.z - z;
                mass * G * if ahead_is_extensor { arm } else { -arm }
            })
            .sum::<f32>()
    };
    Moments {
        ankle: sum(&|_| true, ankle_z, true),
        knee: sum(&|l| l != Level::Shank, knee_z, false),
        hip: sum(&|l| matches!(l, Level::Spine | Level::Pelvis), hip_z, true),
        l5s1: sum(&|l| l == Level::Spine, l5_z, true),
    }
}

/// Which part of the chain a mass point belongs to (what lies above which joint).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Shank,
    Thigh,
    Pelvis,
    Spine,
}

/// Lumbar flexion the spine keeps as neutral: up to where a dowel on the
/// back loses the tailbone (coach/thresholds.ron: 8°).
pub const NEUTRAL_LUMBAR_DEG: f32 = 8.0;
/// The end of the lumbar spine's range in a forward bend: the toe touch's
/// 41.6° (Esola 1996, BIOMECHANICS.md §2).
pub const END_RANGE_LUMBAR_DEG: f32 = 41.6;

/// How much of the moment at L5/S1 the spine's own tissues (discs and
/// ligaments) carry rather than the back muscles: none while the lower back
/// stays neutral, all of it at the end of its range, where the back
/// muscles fall silent and the stretched tissues hold the trunk up (the
/// flexion-relaxation of a full forward bend). In between, in proportion.
pub fn spine_share(lumbar_deg: f32) -> f32 {
    ((lumbar_deg - NEUTRAL_LUMBAR_DEG) / (END_RANGE_LUMBAR_DEG - NEUTRAL_LUMBAR_DEG))
        .clamp(0.0, 1.0)
}

/// The parts of the body the load view colours, and who makes each moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Calves,
    Quadriceps,
    GlutesHamstrings,
    BackMuscles,
    /// The lumbar spine itself, bent under load.
    Spine,
}

impl Part {
    pub const ALL: [Part; 5] = [
        Part::Calves,
        Part::Quadriceps,
        Part::GlutesHamstrings,
        Part::BackMuscles,
        Part::Spine,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Part::Calves => "calves",
            Part::Quadriceps => "front of the thighs",
            Part::GlutesHamstrings => "glutes and hamstrings",
            Part::BackMuscles => "back muscles",
            Part::Spine => "lower-back spine",
        }
    }

    /// Its id in content files (`glutes_hamstrings`).
    pub fn id(self) -> &'static str {
        match self {
            Part::Calves => "calves",
            Part::Quadriceps => "quadriceps",
            Part::GlutesHamstrings => "glutes_hamstrings",
            Part::BackMuscles => "back_muscles",
            Part::Spine => "spine",
        }
    }

    /// Who carries the load, in a novice's words (a quiz's choices).
    pub fn carrier_words(self) -> &'static str {
        match self {
            Part::Calves => "The calves, at the ankles",
            Part::Quadriceps => "The front of the thighs, at the knees",
            Part::GlutesHamstrings => "The glutes and hamstrings, at the hips",
            Part::BackMuscles => "The back muscles, holding the spine in its shape",
            Part::Spine => "The discs and ligaments of a lower back curled to its end",
        }
    }
}

/// How hard each part works, relative to body weight times stature (see
/// [`Moments::relative`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LoadView {
    pub calves: f32,
    pub quadriceps: f32,
    pub glutes_hamstrings: f32,
    pub back_muscles: f32,
    pub spine: f32,
}

impl LoadView {
    pub fn of(s: &SolvedBody) -> LoadView {
        let r = moments(s).relative(s);
        let spine = spine_share(s.request.pose.lumbar_deg);
        let back = r.l5s1.max(0.0);
        LoadView {
            calves: r.ankle.max(0.0),
            quadriceps: r.knee.max(0.0),
            // A knee flexor moment (an RDL's, Lee 2018) is the hamstrings' too.
            glutes_hamstrings: r.hip.max(0.0) + (-r.knee).max(0.0),
            back_muscles: back * (1.0 - spine),
            spine: back * spine,
        }
    }

    pub fn get(&self, p: Part) -> f32 {
        match p {
            Part::Calves => self.calves,
            Part::Quadriceps => self.quadriceps,
            Part::GlutesHamstrings => self.glutes_hamstrings,
            Part::BackMuscles => self.back_muscles,
            Part::Spine => self.spine,
        }
    }

    /// Every part's effort in words: "calves: low, front of the thighs:
    /// moderate, ..." (the load view's legend, for a caption or a panel).
    pub fn in_words(&self) -> String {
        Part::ALL
            .iter()
            .map(|p| format!("{}: {}", p.name(), effort_word(self.get(*p))))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The part working hardest among `among`, and how many times harder
    /// it works than the next (infinite when the next does nothing).
    pub fn hardest_of(&self, among: &[Part]) -> Option<(Part, f32)> {
        let mut v: Vec<(Part, f32)> = among.iter().map(|p| (*p, self.get(*p))).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        let (first, top) = *v.first()?;
        let next = v.get(1).map_or(0.0, |x| x.1);
        Some((
            first,
            if next > 1e-6 {
                top / next
            } else {
                f32::INFINITY
            },
        ))
    }

    /// The part working hardest.
    pub fn hardest(&self) -> Part {
        Part::ALL
            .into_iter()
            .max_by(|a, b| self.get(*a).total_cmp(&self.get(*b)))
            .unwrap_or(Part::GlutesHamstrings)
    }
}
