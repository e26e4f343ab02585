//! The solver: plant the feet, build the chain from the ankles up, then find
//! the one free angle (the shin's lean) that puts the centre of mass of body
//! plus load over the midfoot.
//!
//! The trick that makes it exact and fast: for fixed knee, hip and spine
//! angles, changing the shin's lean rotates everything above the ankles
//! rigidly about the ankle axis. The centre of mass of that rotating part
//! therefore moves on a circle, and the lean that puts it over the midfoot has
//! a closed form. Arms that hang (and what they hold) are always directly below
//! the shoulders, so for the balance they count as mass at the shoulders.

use glam::{Vec2, Vec3};
use serde::Serialize;

use super::anthropometry::Body;
use super::pose::{Arms, LoadPlace, PoseRequest, ranges};

/// Gravity, m/s².
pub const G: f32 = 9.81;

/// How far the arms are tilted out from the sides, degrees.
pub const ARM_ABDUCTION_DEG: f32 = 8.0;

/// Named points of the solved body. Left is +X, forward is +Z, up is +Y;
/// the origin is on the floor under the midpoint of the two midfeet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[repr(usize)]
pub enum Joint {
    HeelL,
    AnkleL,
    BallL,
    ToeL,
    KneeL,
    HipL,
    HeelR,
    AnkleR,
    BallR,
    ToeR,
    KneeR,
    HipR,
    /// Mid-hip: between the two hip joint centres.
    Pelvis,
    L5S1,
    T12,
    T6,
    /// Base of the neck (suprasternale level on the trunk axis).
    NeckBase,
    /// Top of the neck, where the head turns.
    HeadBase,
    Vertex,
    /// A point in front of the face: head centre plus the facing direction.
    Nose,
    ShoulderL,
    ElbowL,
    WristL,
    HandL,
    ShoulderR,
    ElbowR,
    WristR,
    HandR,
    /// Dowel contact points on the back surface.
    Sacrum,
    UpperBack,
    Occiput,
}

pub const JOINT_COUNT: usize = Joint::Occiput as usize + 1;

/// Whether the solver could balance the pose within the ankle's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    Balanced,
    /// Even the shin leaning back as far as it goes leaves the centre of
    /// mass ahead of the target: the weight is on the toes.
    OnToes,
    /// Even the shin leaning forward as far as it goes leaves the centre of
    /// mass behind the target: the weight is on the heels.
    OnHeels,
}

/// A solved, balanced (or honestly unbalanced) body.
#[derive(Debug, Clone, Serialize)]
pub struct SolvedBody {
    pub request: PoseRequest,
    pub body: Body,
    #[serde(skip)]
    pub joints: [Vec3; JOINT_COUNT],
    /// The solved shin lean from vertical, forward positive (the ankle angle).
    pub shin_deg: f32,
    pub balance: Balance,
    /// Centre of mass of body plus load.
    pub com: Vec3,
    pub total_mass_kg: f32,
    /// Where the load's centre of mass is, if there is a load.
    pub load_com: Option<Vec3>,
}

impl SolvedBody {
    pub fn joint(&self, j: Joint) -> Vec3 {
        self.joints[j as usize]
    }

    /// The midfoot the balance aims for, on the floor.
    pub fn midfoot(&self) -> Vec3 {
        Vec3::ZERO
    }
}

/// Direction of a segment leaning `deg` from vertical (forward positive) in the
/// sagittal plane, as (forward, up).
fn dir(deg: f32) -> Vec2 {
    let r = deg.to_radians();
    Vec2::new(r.sin(), r.cos())
}

/// The anterior normal of a segment leaning `deg`.
fn front(deg: f32) -> Vec2 {
    let r = deg.to_radians();
    Vec2::new(r.cos(), -r.sin())
}

/// Rotate a sagittal vector so that "up" leans forward by `deg`.
fn lean(v: Vec2, deg: f32) -> Vec2 {
    let (s, c) = deg.to_radians().sin_cos();
    Vec2::new(v.x * c + v.y * s, -v.x * s + v.y * c)
}

/// Mass points of the part that rotates about the ankles, in the frame where
/// the shin is vertical and the ankle is the origin.
struct MassSum {
    moment: Vec2,
    mass: f32,
}

impl MassSum {
    fn add(&mut self, at: Vec2, mass: f32) {
        self.moment += at * mass;
        self.mass += mass;
    }
}

/// Solve a pose: a body of the requested stature, feet flat, balanced.
///
/// Accepts any finite input; inputs outside the anatomical ranges are clamped
/// so the result is always a real body (use [`PoseRequest::validate`] to
/// reject them with a message instead).
pub fn solve(request: &PoseRequest) -> SolvedBody {
    // Any finite, positive stature scales the body (the tests double it past
    // the human range); absurd numbers are pulled back to something drawable.
    let stature = if request.stature_m.is_finite() && request.stature_m > 0.0 {
        request.stature_m.clamp(0.1, 10.0)
    } else {
        super::anthropometry::DEFAULT_STATURE_M
    };
    let body = match request.mass_kg {
        Some(m) if m.is_finite() && m > 0.0 => {
            Body::with_mass(stature, request.sex, m.clamp(1.0, 1000.0))
        }
        _ => Body::new(stature, request.sex),
    };
    solve_body(request, body)
}

pub fn solve_body(request: &PoseRequest, body: Body) -> SolvedBody {
    let p = &request.pose;
    let knee = ranges::KNEE.clamp(p.knee_deg);
    let hip = ranges::HIP.clamp(p.hip_deg);
    let lumbar = ranges::LUMBAR.clamp(p.lumbar_deg);
    let thoracic = ranges::THORACIC.clamp(p.thoracic_deg);
    let neck = ranges::NECK.clamp(p.neck_deg);
    let valgus = ranges::VALGUS.clamp(p.valgus_deg);
    let stance = ranges::STANCE_WIDTH.clamp(p.stance_width_m) * body.stature_m / 1.75;
    let toe_out = ranges::TOE_OUT.clamp(p.toe_out_deg);
    let shift = ranges::BALANCE_SHIFT.clamp(p.balance_shift_m) * body.stature_m / 1.75;
    let load = request
        .load
        .filter(|l| l.mass_kg.is_finite() && l.mass_kg > 0.0)
        .map(|l| (l.mass_kg.min(ranges::LOAD_MASS.max), l.at));

    let m = &body.masses;
    let f = body.com_fractions();
    let (to_sin, to_cos) = toe_out.to_radians().sin_cos();

    // --- Frontal layout of the legs (X), per side; sagittal lengths follow.
    let half_stance = 0.5 * stance;
    let hip_x = body.hip_half_width_m;
    let knee_line_x =
        half_stance + (hip_x - half_stance) * body.shank_m / (body.shank_m + body.thigh_m);
    // Keep each leg segment from lying flat in the frontal plane: the knee stays
    // within reach of both the ankle and the hip.
    let (lo, hi) = (
        (half_stance - 0.9 * body.shank_m).max(hip_x - 0.9 * body.thigh_m),
        (half_stance + 0.9 * body.shank_m).min(hip_x + 0.9 * body.thigh_m),
    );
    let knee_x = (knee_line_x - body.shank_m * valgus.to_radians().sin()).clamp(lo, hi.max(lo));
    let sag = |len: f32, dx: f32| (len * len - dx * dx).max(0.0).sqrt();
    let shank_sag = sag(body.shank_m, knee_x - half_stance);
    let thigh_sag = sag(body.thigh_m, hip_x - knee_x);

    // --- The chain in the frame where the shin is vertical, ankle at the origin.
    let a_thigh = -knee;
    let a_pelvis = a_thigh + hip;
    let a_lumbar = a_pelvis + 0.5 * lumbar;
    let a_thor_lo = a_lumbar + 0.5 * lumbar + thoracic / 3.0;
    let a_thor_up = a_thor_lo + thoracic / 3.0;
    let a_neck = a_thor_up + thoracic / 3.0 + 0.5 * neck;
    let a_head = a_neck + 0.5 * neck;

    let knee_p = Vec2::new(0.0, shank_sag);
    let hip_p = knee_p + dir(a_thigh) * thigh_sag;
    let l5s1 = hip_p + dir(a_pelvis) * body.pelvis_m;
    let t12 = l5s1 + dir(a_lumbar) * body.lumbar_m;
    let t6 = t12 + dir(a_thor_lo) * body.thoracic_lower_m;
    let neck_base = t6 + dir(a_thor_up) * body.thoracic_upper_m;
    let head_base = neck_base + dir(a_neck) * body.neck_m;
    let vertex = head_base + dir(a_head) * body.head_m;
    let head_com = vertex - dir(a_head) * (f.head_from_vertex * body.head_m);
    let nose = head_base + dir(a_head) * (0.45 * body.head_m) + front(a_head) * (0.6 * body.head_m);

    // A point on the trunk axis at a given distance above the mid-hip.
    let segments = [
        (hip_p, a_pelvis, body.pelvis_m),
        (l5s1, a_lumbar, body.lumbar_m),
        (t12, a_thor_lo, body.thoracic_lower_m),
        (t6, a_thor_up, body.thoracic_upper_m),
    ];
    let axis = |mut d: f32| -> (Vec2, f32) {
        for (i, &(start, a, len)) in segments.iter().enumerate() {
            if d <= len || i == segments.len() - 1 {
                return (start + dir(a) * d, a);
            }
            d -= len;
        }
        unreachable!("the loop returns on its last segment")
    };
    let trunk_points = body.trunk_mass_points();
    let back = |d: f32| {
        let (p, a) = axis(d);
        p - front(a) * (0.5 * body.trunk_depth_m)
    };

    // Shoulders sit a little below the base of the neck, on the trunk axis.
    let shoulder = neck_base - dir(a_thor_up) * body.shoulder_drop_m;

    // Arms: hanging (vertical in the world) or at set angles relative to the trunk.
    let arm_angles = match (load, p.arms) {
        (Some((_, at)), _) => at.arm_angles_deg(),
        (None, Arms::Hang) => None,
        (None, Arms::Set) => Some((
            ranges::SHOULDER.clamp(p.shoulder_deg),
            ranges::ELBOW.clamp(p.elbow_deg),
        )),
    };

    let mut rot = MassSum {
        moment: Vec2::ZERO,
        mass: 0.0,
    };
    rot.add(Vec2::new(0.0, (1.0 - f.shank) * shank_sag), 2.0 * m.shank);
    rot.add(hip_p + (knee_p - hip_p) * f.thigh, 2.0 * m.thigh);
    rot.add(axis(trunk_points.lower_m).0, m.trunk_lower);
    rot.add(axis(trunk_points.middle_m).0, m.trunk_middle);
    rot.add(axis(trunk_points.upper_m).0, m.trunk_upper);
    rot.add(head_com, m.head);
    let arm_mass = 2.0 * (m.upper_arm + m.forearm + m.hand);

    // Arm chain (elbow, wrist, hand tip) in the shin-vertical frame, for arms
    // set relative to the trunk.
    let fixed_arms = arm_angles.map(|(shoulder_deg, elbow_deg)| {
        let a_upper = a_thor_up + 180.0 - shoulder_deg;
        let a_fore = a_upper - elbow_deg;
        let elbow = shoulder + dir(a_upper) * body.upper_arm_m;
        let wrist = elbow + dir(a_fore) * body.forearm_m;
        let hand = wrist + dir(a_fore) * body.hand_m;
        (elbow, wrist, hand)
    });

    // The load, where it is fixed to the trunk or the hands (not hanging).
    let fixed_load = match (load, fixed_arms) {
        (Some((mass, at)), Some((_, wrist, hand))) => {
            let grip = (wrist + hand) * 0.5;
            // Sizes of a held bell, scaled with the body like everything else.
            let k = body.stature_m / 1.75;
            let at_point = match at {
                // Held against the chest, in front of the hands.
                LoadPlace::Front => grip + front(a_thor_lo) * (0.06 * k),
                // Resting on the upper back, between the shoulder blades.
                LoadPlace::Back => {
                    back(body.trunk_m() - 0.3 * body.thoracic_upper_m)
                        - front(a_thor_up) * (0.06 * k)
                }
                // Hanging from the handle, between the shoulder blades.
                LoadPlace::OverheadBack => grip - dir(a_thor_up) * (0.12 * k),
                LoadPlace::Hands => grip,
            };
            Some((at_point, mass))
        }
        _ => None,
    };

    let hanging_mass = match fixed_arms {
        Some((elbow, wrist, hand)) => {
            let upper = shoulder + (elbow - shoulder) * f.upper_arm;
            let fore = elbow + (wrist - elbow) * f.forearm;
            let hand_c = wrist + (hand - wrist) * f.hand;
            rot.add(upper, 2.0 * m.upper_arm);
            rot.add(fore, 2.0 * m.forearm);
            rot.add(hand_c, 2.0 * m.hand);
            if let Some((at, mass)) = fixed_load {
                rot.add(at, mass);
            }
            0.0
        }
        None => arm_mass + load.map_or(0.0, |(mass, _)| mass),
    };
    // Hanging arms and what they hold are directly below the shoulders.
    rot.add(shoulder, hanging_mass);

    // --- Feet are fixed: the midfoot is the origin, the ankle behind it.
    let foot = body.foot_m;
    let ankle_z = -0.25 * foot * to_cos;
    let foot_com_z = ankle_z + (f.foot_from_heel - 0.25) * foot * to_cos;
    let feet_mass = 2.0 * m.foot;
    let total = rot.mass + feet_mass;

    // Target: total COM z = shift. Rotating part: ankle_z + R sin(s + phi).
    let c = rot.moment / rot.mass;
    let radius = c.length().max(1e-6);
    let phi = c.x.atan2(c.y);
    let needed = ((total * shift - feet_mass * foot_com_z) / rot.mass - ankle_z) / radius;
    let (mut shin, mut balance) = if needed.abs() <= 1.0 {
        ((needed.asin() - phi).to_degrees(), Balance::Balanced)
    } else if needed > 1.0 {
        (ranges::SHIN.max, Balance::OnHeels)
    } else {
        (ranges::SHIN.min, Balance::OnToes)
    };
    if shin > ranges::SHIN.max {
        shin = ranges::SHIN.max;
        balance = Balance::OnHeels;
    } else if shin < ranges::SHIN.min {
        shin = ranges::SHIN.min;
        balance = Balance::OnToes;
    }

    // --- Place everything in the world.
    let ankle_y = body.ankle_height_m;
    let world = |v: Vec2, x: f32| {
        let r = lean(v, shin);
        Vec3::new(x, ankle_y + r.y, ankle_z + r.x)
    };
    let mut joints = [Vec3::ZERO; JOINT_COUNT];
    for (side, sign) in [(0usize, 1.0f32), (6usize, -1.0f32)] {
        let ankle = Vec3::new(sign * half_stance, ankle_y, ankle_z);
        let toe_dir = Vec3::new(sign * to_sin, 0.0, to_cos);
        let heel = ankle - toe_dir * (0.25 * foot);
        joints[side] = Vec3::new(heel.x, 0.0, heel.z);
        joints[side + 1] = ankle;
        let ball = ankle + toe_dir * (0.5 * foot);
        joints[side + 2] = Vec3::new(ball.x, 0.0, ball.z);
        let toe = ankle + toe_dir * (0.75 * foot);
        joints[side + 3] = Vec3::new(toe.x, 0.0, toe.z);
        joints[side + 4] = world(knee_p, sign * knee_x);
        joints[side + 5] = world(hip_p, sign * hip_x);
    }
    let set = |joints: &mut [Vec3; JOINT_COUNT], j: Joint, v: Vec3| joints[j as usize] = v;
    set(&mut joints, Joint::Pelvis, world(hip_p, 0.0));
    set(&mut joints, Joint::L5S1, world(l5s1, 0.0));
    set(&mut joints, Joint::T12, world(t12, 0.0));
    set(&mut joints, Joint::T6, world(t6, 0.0));
    set(&mut joints, Joint::NeckBase, world(neck_base, 0.0));
    set(&mut joints, Joint::HeadBase, world(head_base, 0.0));
    set(&mut joints, Joint::Vertex, world(vertex, 0.0));
    set(&mut joints, Joint::Nose, world(nose, 0.0));
    set(
        &mut joints,
        Joint::Sacrum,
        world(back(0.5 * body.pelvis_m), 0.0),
    );
    let upper_back_d =
        body.pelvis_m + body.lumbar_m + body.thoracic_lower_m + 0.5 * body.thoracic_upper_m;
    set(
        &mut joints,
        Joint::UpperBack,
        world(back(upper_back_d), 0.0),
    );
    let occiput =
        head_base + dir(a_head) * (0.35 * body.head_m) - front(a_head) * (0.5 * body.trunk_depth_m);
    set(&mut joints, Joint::Occiput, world(occiput, 0.0));

    let shoulder_w = world(shoulder, 0.0);
    let arm_points: [Vec3; 4] = match fixed_arms {
        Some((elbow, wrist, hand)) => [
            shoulder_w,
            world(elbow, 0.0),
            world(wrist, 0.0),
            world(hand, 0.0),
        ],
        None => {
            let down = Vec3::NEG_Y;
            let elbow = shoulder_w + down * body.upper_arm_m;
            let wrist = elbow + down * body.forearm_m;
            [shoulder_w, elbow, wrist, wrist + down * body.hand_m]
        }
    };
    // The arms move in the sagittal plane, tilted out a little (about the
    // forward axis through the shoulder) so that hanging hands clear the hips.
    // A rotation about the forward axis leaves every forward (z) coordinate,
    // and so the balance, unchanged.
    let (ab_sin, ab_cos) = ARM_ABDUCTION_DEG.to_radians().sin_cos();
    let firsts = [(Joint::ShoulderL, 1.0f32), (Joint::ShoulderR, -1.0f32)];
    for (first, sign) in firsts {
        for (i, p) in arm_points.iter().enumerate() {
            let v = *p - shoulder_w;
            let tilted = Vec3::new(-sign * v.y * ab_sin, v.y * ab_cos, v.z);
            joints[first as usize + i] =
                shoulder_w + tilted + Vec3::X * (sign * body.shoulder_half_width_m);
        }
    }

    // The load's centre in the world.
    let load_com = load.map(|_| match fixed_load {
        Some((p, _)) => world(p, 0.0),
        // Hanging from both hands: the grip, midway between them.
        None => {
            let [l, r] = [Joint::WristL, Joint::WristR].map(|w| {
                let w = w as usize;
                (joints[w] + joints[w + 1]) * 0.5
            });
            (l + r) * 0.5
        }
    });

    // --- Centre of mass, recomputed from the placed segments (a check on the
    // closed form, and the true value when the pose could not be balanced).
    let mut com_moment = Vec3::ZERO;
    let mut add = |p: Vec3, mass: f32| com_moment += p * mass;
    for side in [0usize, 6] {
        let heel = joints[side];
        let toe = joints[side + 3];
        let foot_c = heel + (toe - heel) * f.foot_from_heel;
        add(foot_c, m.foot);
        add(
            joints[side + 1] + (joints[side + 4] - joints[side + 1]) * (1.0 - f.shank),
            m.shank,
        );
        add(
            joints[side + 5] + (joints[side + 4] - joints[side + 5]) * f.thigh,
            m.thigh,
        );
    }
    add(world(axis(trunk_points.lower_m).0, 0.0), m.trunk_lower);
    add(world(axis(trunk_points.middle_m).0, 0.0), m.trunk_middle);
    add(world(axis(trunk_points.upper_m).0, 0.0), m.trunk_upper);
    add(world(head_com, 0.0), m.head);
    for first in [Joint::ShoulderL, Joint::ShoulderR] {
        let [s, e, w, h] = [0, 1, 2, 3].map(|i| joints[first as usize + i]);
        add(s + (e - s) * f.upper_arm, m.upper_arm);
        add(e + (w - e) * f.forearm, m.forearm);
        add(w + (h - w) * f.hand, m.hand);
    }
    if let (Some(lc), Some((mass, _))) = (load_com, load) {
        add(lc, mass);
    }
    let com = com_moment / total;

    SolvedBody {
        request: *request,
        body,
        joints,
        shin_deg: shin,
        balance,
        com,
        total_mass_kg: total,
        load_com,
    }
}
