//! The measures a coach reads off a pose (INTERFACES.md, `hinge pose --json`).

use glam::Vec3;
use serde::Serialize;

use super::solve::G;
use super::solved::{Joint, SolvedBody};
use super::surface;

/// Which of the three dowel contact points touch one straight dowel laid on the back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DowelContact {
    pub head: bool,
    pub upper_back: bool,
    pub sacrum: bool,
}

impl DowelContact {
    pub fn all(&self) -> bool {
        self.head && self.upper_back && self.sacrum
    }
}

/// A gap this small between the dowel and a contact point still counts as
/// touching: about a finger's thickness at 1.75 m (the drill is felt, not
/// measured), growing with the body.
pub const DOWEL_TOLERANCE_M: f32 = 0.02;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    pub stature_m: f32,
    pub com_height_m: f32,
    pub com_ahead_of_midfoot_m: f32,
    pub shin_angle_deg: f32,
    pub torso_angle_deg: f32,
    pub hip_behind_ankle_m: f32,
    pub hip_height_m: f32,
    pub knee_ahead_of_toes_m: f32,
    pub lumbar_share: f32,
    pub l5s1_moment_nm: f32,
    pub dowel_contact: DowelContact,
    /// Height of the grip's centre above the floor (a barbell's axis), where
    /// the hands hold something.
    pub grip_height_m: Option<f32>,
    /// How far the grip's centre is ahead of the midfoot (negative: behind).
    pub grip_ahead_of_midfoot_m: Option<f32>,
    /// The gap between what the hands hold and the front of the shins or
    /// thighs, in the sagittal plane: 0 touching.
    pub grip_to_legs_m: Option<f32>,
    /// What each joint must carry to hold the pose (both sides, extensor
    /// positive): see [`super::moments`].
    pub moments_nm: super::moments::Moments,
}

impl Metrics {
    pub fn of(s: &SolvedBody) -> Metrics {
        let j = |joint| s.joint(joint);
        let pose = &s.request.pose;
        let ankle_z = 0.5 * (j(Joint::AnkleL).z + j(Joint::AnkleR).z);
        let toe_z = 0.5 * (j(Joint::ToeL).z + j(Joint::ToeR).z);
        let knee_z = 0.5 * (j(Joint::KneeL).z + j(Joint::KneeR).z);
        let hip = j(Joint::Pelvis);
        let held = s.held.filter(|h| h.in_hands);
        let torso = j(Joint::NeckBase) - hip;
        let torso_angle_deg = torso.z.atan2(torso.y).to_degrees();
        let lumbar = pose.lumbar_deg.max(0.0);
        let hip_flex = pose.hip_deg.max(0.0);
        let lumbar_share = if lumbar + hip_flex > 0.0 {
            lumbar / (lumbar + hip_flex)
        } else {
            0.0
        };
        Metrics {
            stature_m: s.body.stature_m,
            com_height_m: s.com.y,
            com_ahead_of_midfoot_m: s.com.z - s.midfoot().z,
            shin_angle_deg: s.shin_deg,
            torso_angle_deg,
            hip_behind_ankle_m: ankle_z - hip.z,
            hip_height_m: hip.y,
            knee_ahead_of_toes_m: knee_z - toe_z,
            lumbar_share,
            l5s1_moment_nm: l5s1_moment(s),
            dowel_contact: dowel_contact(s),
            grip_height_m: held.map(|h| h.centre().y),
            grip_ahead_of_midfoot_m: held.map(|h| h.centre().z - s.midfoot().z),
            grip_to_legs_m: grip_leg_gap(s).map(|g| g.max(0.0)),
            moments_nm: super::moments::moments(s),
        }
    }
}

/// The signed sagittal gap between what the hands hold and the front of the
/// legs: positive in front of them, negative overlapping them (which a bar in
/// front of the legs never does; bells beside or between the legs do, seen
/// from the side). `None` when the hands hold nothing.
pub fn grip_leg_gap(s: &SolvedBody) -> Option<f32> {
    let held = s.held.filter(|h| h.in_hands)?;
    let sag = |j: Joint| {
        let v = s.joint(j);
        glam::Vec2::new(v.z, v.y)
    };
    let outline = surface::leg_front(
        sag(Joint::HipL),
        sag(Joint::KneeL),
        sag(Joint::AnkleL),
        s.body.stature_m,
        0.0,
    );
    let c = held.centre();
    let gap = surface::distance_in_front(&outline, glam::Vec2::new(c.z, c.y));
    Some(gap - held.implement.contact_radius_m())
}

/// Flexion moment about L5/S1 of everything above it, body and load: weight
/// times horizontal distance ahead of the joint (positive pulls into flexion).
pub fn l5s1_moment(s: &SolvedBody) -> f32 {
    let l5 = s.joint(Joint::L5S1);
    let m = &s.body.masses;
    let f = s.body.com_fractions();
    let j = |joint| s.joint(joint);
    let mut moment = 0.0;
    let mut add = |p: Vec3, mass: f32| moment += mass * G * (p.z - l5.z);
    // The trunk above L5/S1: the middle and upper trunk parts and the share of
    // the lower trunk above the joint (the lower trunk's centre is below it,
    // so it is left out).
    let mid_lumbar = (j(Joint::L5S1) + j(Joint::T12)) * 0.5;
    add(mid_lumbar, m.trunk_middle);
    add(
        j(Joint::NeckBase) + (j(Joint::T6) - j(Joint::NeckBase)) * 0.5,
        m.trunk_upper,
    );
    add(
        j(Joint::Vertex) + (j(Joint::HeadBase) - j(Joint::Vertex)) * f.head_from_vertex,
        m.head,
    );
    for first in [Joint::ShoulderL as usize, Joint::ShoulderR as usize] {
        let [sh, el, wr, ha] = [0, 1, 2, 3].map(|i| s.joints[first + i]);
        add(sh + (el - sh) * f.upper_arm, m.upper_arm);
        add(el + (wr - el) * f.forearm, m.forearm);
        add(wr + (ha - wr) * f.hand, m.hand);
    }
    if let (Some(at), Some(load)) = (s.load_com, s.carried_load()) {
        add(at, load.mass_kg.max(0.0));
    }
    moment
}

/// Lay a straight dowel along the upper back (the flat between the shoulder
/// blades, where the dowel drill's hands press it) and see whether the back of
/// the head and the sacrum are on it too. A point off the line by more than the
/// tolerance, in front of it (a gap) or behind it (pushing the dowel away),
/// is out of line: with a rounded lower back the sacrum leaves the dowel, with
/// the chin up the head does (BIOMECHANICS.md §4).
pub fn dowel_contact(s: &SolvedBody) -> DowelContact {
    let tolerance = DOWEL_TOLERANCE_M * s.body.stature_m / super::anthropometry::DEFAULT_STATURE_M;
    let [head, upper_back, sacrum] = dowel_gaps(s).map(|gap| gap.abs() <= tolerance);
    DowelContact {
        head,
        upper_back,
        sacrum,
    }
}

/// How far each contact point is off the dowel line (metres, positive = gap
/// in front of the dowel): for the overlay and the tests.
pub fn dowel_gaps(s: &SolvedBody) -> [f32; 3] {
    let p = |j: Joint| {
        let v = s.joint(j);
        glam::Vec2::new(v.z, v.y)
    };
    let along = (p(Joint::NeckBase) - p(Joint::T6)).normalize_or_zero();
    // Anterior normal of a line leaning forward: (cos, -sin) of its lean.
    let front = glam::Vec2::new(along.y, -along.x);
    let origin = p(Joint::UpperBack);
    [p(Joint::Occiput), origin, p(Joint::Sacrum)].map(|q| (q - origin).dot(front))
}
