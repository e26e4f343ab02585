//! The solver: plant the feet, build the chain from the ankles up, then find
//! the one free angle (the shin's lean) that puts the centre of mass of body
//! plus load over the midfoot.
//!
//! The trick that makes it exact and fast: for fixed knee, hip and spine
//! angles, changing the shin's lean rotates everything above the ankles
//! rigidly about the ankle axis. The centre of mass of that rotating part
//! therefore moves on a circle, and the lean that puts it over the midfoot has
//! a closed form. Arms fixed to the body (a bar held against the legs, hands
//! on the ribs or the dowel) turn with it; arms that hang (and what they hold)
//! are always directly below the shoulders, so for the balance they count as
//! mass at the shoulders.
//!
//! Two things follow the lean itself: the shoulder blades of a hanging arm
//! (which slide as far as the trunk leans from the vertical) and the lats
//! drawing a hanging load back over the midfoot. So the solve runs
//! again with the lean it found, until the lean settles (at most [`PASSES`]
//! times): a bounded refinement, exact for the geometry of its last pass.
//!
//! A pass builds the body in the frame where the shin stands upright
//! (`frame`), then balances it and places it in the world (here).

use glam::{Vec2, Vec3};

use super::anthropometry::Body;
use super::arms::ArmChain;
use super::frame::{
    Chain, Clamped, Feet, LegLayout, arm_chains, at_x, fixed_load, grip_x, lean, sagittal,
};
use super::pose::{Load, LoadPlace, PoseRequest, ranges};
use super::solved::{Balance, Held, JOINT_COUNT, Joint, SolvedBody};

/// Gravity, m/s².
pub const G: f32 = 9.81;

pub use super::arms::ARM_ABDUCTION_DEG;

/// The dowel: a broomstick, 28 mm across.
pub const DOWEL_RADIUS_M: f32 = 0.014;

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

/// Passes at most: each refines the lean the next one starts from.
pub const PASSES: usize = 4;

pub fn solve_body(request: &PoseRequest, body: Body) -> SolvedBody {
    // A hip too straight for its knee bend is lifted to the least the knee
    // bend allows, in the request the solved body keeps too: the numbers
    // beside the figure and the coach read the pose it shows.
    let mut request = *request;
    let hips = ranges::hip_for_knee(request.pose.knee_deg);
    if request.pose.hip_deg < hips.min {
        request.pose.hip_deg = hips.min;
    }
    let request = &request;
    let mut solved = pass(request, &body, 0.0);
    for _ in 1..PASSES {
        let next = pass(request, &body, solved.shin_deg);
        let settled = (next.shin_deg - solved.shin_deg).abs() < 0.05;
        solved = next;
        if settled {
            break;
        }
    }
    solved.body = body;
    solved
}

/// One pass of the solver, with the lean estimated as `shin_guess` for the
/// parts that follow the lean (see the module notes): the feet, the legs
/// seen from the front, the chain above the ankles with the shin upright,
/// the arms; then the lean that balances what turns about the ankles, and
/// everything placed in the world with it.
fn pass(request: &PoseRequest, body: &Body, shin_guess: f32) -> SolvedBody {
    let input = Clamped::new(request, body);
    let feet = Feet::new(body, input.raise, input.toe_out);
    let legs = LegLayout::new(body, &input, &feet);
    let chain = Chain::new(body, &legs, &input);
    let arms = arm_chains(request, body, &input, &feet, &chain, shin_guess);
    let fixed_load = fixed_load(body, &chain, &arms, input.carried);

    // --- The lean that balances the body.
    let m = &body.masses;
    let rot = turning_mass(body, &legs, &chain, &arms, fixed_load, input.carried);
    let feet_mass = 2.0 * m.foot;
    let total = rot.mass + feet_mass;
    let (shin, balanced) = balancing_lean(&rot, &feet, feet_mass, input.shift);
    let place = Place {
        shin,
        ankle_y: feet.ankle_y,
        ankle_z: feet.ankle_z,
    };

    // --- Everything in the world, and what the hands hold.
    let joints = place_joints(body, &feet, &legs, &chain, &arms, &place);
    let grips = [joints[Joint::GripL as usize], joints[Joint::GripR as usize]];
    let held = held(body, &input, &legs, grips);
    let load_com = input.carried.map(|l| match (fixed_load, l.at) {
        (Some((p, _)), _) => place.world(p),
        // In the hands: the grip's centre.
        _ => (grips[0] + grips[1]) * 0.5,
    });

    // --- Centre of mass, recomputed from the placed segments (a check on the
    // closed form, and the true value when the pose could not be balanced).
    let load = load_com.zip(input.carried.map(|l| l.mass_kg));
    let com = placed_com(body, &joints, &chain, &place, load) / total;
    // Out of balance, which way the body tips is where its centre of mass
    // ends up, not which end of the shin's range it stopped at: folded low
    // (a deep squat leaning back, with a load) the centre of mass can sit
    // below the ankle's level, where leaning the shin further moves it the
    // other way.
    let balance = if balanced {
        Balance::Balanced
    } else if com.z > input.shift {
        Balance::OnToes
    } else {
        Balance::OnHeels
    };

    SolvedBody {
        request: *request,
        body: body.clone(),
        joints,
        shin_deg: shin,
        balance,
        com,
        total_mass_kg: total,
        load_com,
        held,
        foot_pitch_deg: feet.pitch_deg,
    }
}

/// The mass that turns about the ankles as the shin leans: all of the body
/// above them, and the load.
fn turning_mass(
    body: &Body,
    legs: &LegLayout,
    chain: &Chain,
    arms: &[ArmChain; 2],
    fixed_load: Option<(Vec3, f32)>,
    carried: Option<Load>,
) -> MassSum {
    let m = &body.masses;
    let f = body.com_fractions();
    let trunk_points = body.trunk_mass_points();
    let mut rot = MassSum {
        moment: Vec2::ZERO,
        mass: 0.0,
    };
    rot.add(
        Vec2::new(0.0, (1.0 - f.shank) * legs.shank_sag),
        2.0 * m.shank,
    );
    rot.add(
        chain.hip + (chain.knee - chain.hip) * f.thigh,
        2.0 * m.thigh,
    );
    rot.add(chain.axis(trunk_points.lower_m).0, m.trunk_lower);
    rot.add(chain.axis(trunk_points.middle_m).0, m.trunk_middle);
    rot.add(chain.axis(trunk_points.upper_m).0, m.trunk_upper);
    rot.add(chain.head_com, m.head);
    let arm_mass = m.upper_arm + m.forearm + m.hand;
    for c in arms {
        if c.in_world {
            // A hanging arm is directly below its shoulder.
            rot.add(sagittal(c.shoulder), arm_mass);
        } else {
            rot.add(
                sagittal(c.shoulder + (c.elbow - c.shoulder) * f.upper_arm),
                m.upper_arm,
            );
            rot.add(
                sagittal(c.elbow + (c.wrist - c.elbow) * f.forearm),
                m.forearm,
            );
            rot.add(sagittal(c.wrist + (c.hand - c.wrist) * f.hand), m.hand);
        }
    }
    // The carried load: on the body, in the hands against the legs, or
    // hanging below the shoulders.
    match (fixed_load, carried) {
        (Some((at, mass)), _) => rot.add(sagittal(at), mass),
        (None, Some(l)) => {
            // Half the load below each shoulder.
            for c in arms {
                rot.add(sagittal(c.shoulder), 0.5 * l.mass_kg);
            }
        }
        (None, None) => {}
    }
    rot
}

/// The shin's lean that puts the centre of mass of the turning part `rot`
/// and the feet (`feet_mass`) `shift` ahead of the midfoot, clamped to the
/// ankle's range, and whether that lean balances the body.
fn balancing_lean(rot: &MassSum, feet: &Feet, feet_mass: f32, shift: f32) -> (f32, bool) {
    let total = rot.mass + feet_mass;
    let foot_com_z = feet.com_z();
    // Target: total COM z = shift. Rotating part: ankle_z + R sin(s + phi).
    let c = rot.moment / rot.mass;
    let radius = c.length().max(1e-6);
    let phi = c.x.atan2(c.y);
    let needed = ((total * shift - feet_mass * foot_com_z) / rot.mass - feet.ankle_z) / radius;
    // The ankle bends only so far: a raised forefoot has already used some of it.
    let shin_max = ranges::SHIN.max - feet.pitch_deg;
    let solved = needed.abs() <= 1.0;
    let in_range = |s: f32| (ranges::SHIN.min..=shin_max).contains(&s);
    let shin = if solved {
        // sin(s + phi) = needed has two leans a turn apart: asin's, and its
        // mirror about the horizontal. The second matters when what turns
        // has its centre of mass below the ankles' level (folded low, leaning
        // back, with a load), where leaning further moves it back again.
        let first = (needed.asin() - phi).to_degrees();
        let second = wrap_deg(180.0 - needed.asin().to_degrees() - phi.to_degrees());
        if !in_range(first) && in_range(second) {
            second
        } else {
            first
        }
    } else if needed > 1.0 {
        shin_max
    } else {
        ranges::SHIN.min
    };
    let balanced = solved && in_range(shin);
    (shin.clamp(ranges::SHIN.min, shin_max), balanced)
}

/// An angle in degrees as the same turn within -180..180.
fn wrap_deg(deg: f32) -> f32 {
    (deg + 180.0).rem_euclid(360.0) - 180.0
}

/// The leaning frame put in the world: the shin leans `shin` about the
/// ankles.
struct Place {
    shin: f32,
    ankle_y: f32,
    ankle_z: f32,
}

impl Place {
    fn world(&self, v: Vec3) -> Vec3 {
        let r = lean(sagittal(v), self.shin);
        Vec3::new(v.x, self.ankle_y + r.y, self.ankle_z + r.x)
    }

    /// A sagittal point of the leaning frame, `x` out from the midline.
    fn world2(&self, v: Vec2, x: f32) -> Vec3 {
        self.world(at_x(v, x))
    }
}

/// Every joint in the world.
fn place_joints(
    body: &Body,
    feet: &Feet,
    legs: &LegLayout,
    chain: &Chain,
    arms: &[ArmChain; 2],
    place: &Place,
) -> [Vec3; JOINT_COUNT] {
    let mut joints = [Vec3::ZERO; JOINT_COUNT];
    for (side, sign) in [(0usize, 1.0f32), (6usize, -1.0f32)] {
        joints[side..side + 4].copy_from_slice(&feet.place(sign, legs.half_stance));
        joints[side + 4] = place.world2(chain.knee, sign * legs.knee_x);
        joints[side + 5] = place.world2(chain.hip, sign * legs.hip_x);
    }
    let set = |joints: &mut [Vec3; JOINT_COUNT], j: Joint, v: Vec3| joints[j as usize] = v;
    for (j, v) in [
        (Joint::Pelvis, chain.hip),
        (Joint::L5S1, chain.l5s1),
        (Joint::T12, chain.t12),
        (Joint::T6, chain.t6),
        (Joint::NeckBase, chain.neck_base),
        (Joint::HeadBase, chain.head_base),
        (Joint::Vertex, chain.vertex),
        (Joint::Nose, chain.nose),
        (Joint::Sacrum, chain.sacrum),
        (Joint::UpperBack, chain.upper_back),
        (Joint::Occiput, chain.occiput),
    ] {
        set(&mut joints, j, place.world2(v, 0.0));
    }

    let sides = [
        (
            Joint::ShoulderL,
            Joint::ClavicleL,
            Joint::GripL,
            1.0f32,
            &arms[0],
        ),
        (
            Joint::ShoulderR,
            Joint::ClavicleR,
            Joint::GripR,
            -1.0,
            &arms[1],
        ),
    ];
    for (first, clavicle, grip, sign, c) in sides {
        let shoulder_w = place.world(c.shoulder);
        let points = if c.in_world {
            hanging_arm(body, shoulder_w, sign, c.hang_dx)
        } else {
            [
                shoulder_w,
                place.world(c.elbow),
                place.world(c.wrist),
                place.world(c.hand),
                place.world(c.grip),
            ]
        };
        for (i, p) in points[..4].iter().enumerate() {
            joints[first as usize + i] = *p;
        }
        set(&mut joints, grip, points[4]);
        set(&mut joints, clavicle, place.world(c.clavicle));
    }
    joints
}

/// A hanging arm's shoulder, elbow, wrist, hand and grip: straight down in
/// the world, the grip `dx` out to the side (`sign` +1 for the left). Where
/// the floor is nearer than the arm is long (a deep toe touch), the hand
/// rests on the floor and the elbow bends out to the side: seen from the
/// side the arm is still straight below the shoulder, so its mass stays
/// where the balance counted it.
fn hanging_arm(body: &Body, shoulder: Vec3, sign: f32, dx: f32) -> [Vec3; 5] {
    let grip_reach = body.upper_arm_m + body.forearm_m + body.grip_m;
    let dx = sign * dx;
    let drop = (grip_reach * grip_reach - dx * dx).max(0.0).sqrt();
    let along = Vec3::new(dx, -drop, 0.0) / grip_reach;
    let elbow = shoulder + along * body.upper_arm_m;
    let mut wrist = elbow + along * body.forearm_m;
    // The wrist no lower than the hand's own length above the floor.
    let lowest = -along.y * body.hand_m.max(body.grip_m);
    let elbow = if wrist.y >= lowest {
        elbow
    } else {
        wrist.y = lowest;
        let (a, b) = (body.upper_arm_m, body.forearm_m);
        let to_wrist = wrist - shoulder;
        let l = to_wrist.length().clamp((a - b).abs() + 1e-4, a + b);
        let d = to_wrist / to_wrist.length().max(1e-6);
        // The elbow where the upper arm and forearm meet, out to the side.
        let t = (a * a - b * b + l * l) / (2.0 * l);
        let out = Vec3::X * sign - d * d.x * sign;
        shoulder + d * t + out.normalize_or_zero() * (a * a - t * t).max(0.0).sqrt()
    };
    [
        shoulder,
        elbow,
        wrist,
        wrist + along * body.hand_m,
        wrist + along * body.grip_m,
    ]
}

/// What the hands hold: the carried implement in them, or the one they
/// reach for on the floor, over the midfoot where a coach sets the bar.
fn held(body: &Body, input: &Clamped, legs: &LegLayout, grips: [Vec3; 2]) -> Option<Held> {
    match (input.carried, input.resting) {
        (Some(l), _) if l.at == LoadPlace::Hands => Some(Held {
            implement: l.implement,
            grips,
            in_hands: true,
        }),
        (_, Some(l)) => {
            let x = grip_x(l.implement, body, legs.half_stance);
            let y = l.implement.grip_height_on_floor_m().unwrap_or(0.0);
            let z = input.rest_ahead;
            Some(Held {
                implement: l.implement,
                grips: [Vec3::new(x, y, z), Vec3::new(-x, y, z)],
                in_hands: false,
            })
        }
        _ => None,
    }
}

/// The moment of the whole body (and `load`: where it is, its mass) about
/// the world's origin, from the placed segments.
fn placed_com(
    body: &Body,
    joints: &[Vec3; JOINT_COUNT],
    chain: &Chain,
    place: &Place,
    load: Option<(Vec3, f32)>,
) -> Vec3 {
    let m = &body.masses;
    let f = body.com_fractions();
    let trunk_points = body.trunk_mass_points();
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
    add(
        place.world2(chain.axis(trunk_points.lower_m).0, 0.0),
        m.trunk_lower,
    );
    add(
        place.world2(chain.axis(trunk_points.middle_m).0, 0.0),
        m.trunk_middle,
    );
    add(
        place.world2(chain.axis(trunk_points.upper_m).0, 0.0),
        m.trunk_upper,
    );
    add(place.world2(chain.head_com, 0.0), m.head);
    for first in [Joint::ShoulderL, Joint::ShoulderR] {
        let [s, e, w, h] = [0, 1, 2, 3].map(|i| joints[first as usize + i]);
        add(s + (e - s) * f.upper_arm, m.upper_arm);
        add(e + (w - e) * f.forearm, m.forearm);
        add(w + (h - w) * f.hand, m.hand);
    }
    if let Some((at, mass)) = load {
        add(at, mass);
    }
    com_moment
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::Sex;

    /// What turns about the ankles can have its centre of mass below their
    /// level (a body folded low with a heavy load). The lean that balances
    /// it is then asin's mirror; taking asin's own (a turn outside the
    /// ankle's range) called a balanced body unbalanced.
    #[test]
    fn a_centre_of_mass_below_the_ankles_still_finds_its_lean() {
        let body = Body::new(1.75, Sex::Male);
        let feet = Feet::new(&body, 0.0, 0.0);
        let (mass, feet_mass, radius) = (60.0, 2.0, 0.2);
        // 170° from the vertical: just ahead of straight down.
        let q = 170f32.to_radians();
        let rot = MassSum {
            moment: Vec2::new(q.sin(), q.cos()) * radius * mass,
            mass,
        };
        // The shift that a lean of -5° (heels down, shins back) balances.
        let want = -5f32;
        let needed = (want.to_radians() + q).sin();
        let total = mass + feet_mass;
        let shift = ((needed * radius + feet.ankle_z) * mass + feet_mass * feet.com_z()) / total;
        let (shin, balanced) = balancing_lean(&rot, &feet, feet_mass, shift);
        assert!(balanced, "shin {shin}");
        assert!((shin - want).abs() < 0.01, "shin {shin}");
        // The angle wraps to the same turn.
        assert_eq!(wrap_deg(190.0), -170.0);
        assert_eq!(wrap_deg(-5.0), -5.0);
    }
}
