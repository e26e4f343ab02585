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

use glam::{Vec2, Vec3};

use super::anthropometry::Body;
use super::arms::{self, ArmChain, ArmSpec, HandPlaces, LegFront, Trunk};
use super::pose::{Arms, Carry, Hand, Implement, Load, LoadPlace, PoseRequest, ranges};
use super::solved::{Balance, Held, JOINT_COUNT, Joint, SolvedBody};
use super::surface;

/// Gravity, m/s².
pub const G: f32 = 9.81;

pub use super::arms::ARM_ABDUCTION_DEG;

/// The dowel: a broomstick, 28 mm across.
pub const DOWEL_RADIUS_M: f32 = 0.014;

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

/// A sagittal point (forward, up) at `x` as a point of the leaning frame.
fn at_x(v: Vec2, x: f32) -> Vec3 {
    Vec3::new(x, v.y, v.x)
}

/// The sagittal part (forward, up) of a point of the leaning frame.
fn sagittal(v: Vec3) -> Vec2 {
    Vec2::new(v.z, v.y)
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

/// Passes at most: each refines the lean the next one starts from.
pub const PASSES: usize = 4;

pub fn solve_body(request: &PoseRequest, body: Body) -> SolvedBody {
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

/// The load as the solver uses it: finite, in range.
fn clean_load(request: &PoseRequest) -> Option<Load> {
    request
        .load
        .filter(|l| l.mass_kg.is_finite() && l.mass_kg > 0.0)
        .map(|l| Load {
            mass_kg: l.mass_kg.min(ranges::LOAD_MASS.max),
            ..l
        })
}

/// Where the hands hold an implement: how far out from the midline.
fn grip_x(implement: Implement, body: &Body, half_stance: f32) -> f32 {
    let k = body.stature_m / super::anthropometry::DEFAULT_STATURE_M;
    match implement {
        // Just outside the legs; a sumo stance puts the hands inside the knees
        // at shoulder width (Escamilla 2000, B §2).
        Implement::Barbell => {
            if half_stance >= body.shoulder_half_width_m {
                body.shoulder_half_width_m
            } else {
                (half_stance + 0.06 * k).max(body.shoulder_half_width_m)
            }
        }
        Implement::Dumbbells => 1.2 * body.hip_half_width_m,
        Implement::Kettlebell | Implement::Landmine => 0.045,
        // A bell beside each foot, clear of it.
        Implement::Kettlebells => half_stance + 0.13,
        // Trap bar handles are about 58 cm apart.
        Implement::TrapBar => 0.29,
    }
}

/// One pass of the solver, with the lean estimated as `shin_guess` for the
/// parts that follow the lean (see the module notes).
fn pass(request: &PoseRequest, body: &Body, shin_guess: f32) -> SolvedBody {
    let p = &request.pose;
    let h = body.stature_m;
    let knee = ranges::KNEE.clamp(p.knee_deg);
    let hip = ranges::HIP.clamp(p.hip_deg);
    let lumbar = ranges::LUMBAR.clamp(p.lumbar_deg);
    let thoracic = ranges::THORACIC.clamp(p.thoracic_deg);
    let neck = ranges::NECK.clamp(p.neck_deg);
    let valgus = ranges::VALGUS.clamp(p.valgus_deg);
    let stance = ranges::STANCE_WIDTH.clamp(p.stance_width_m) * h / 1.75;
    let toe_out = ranges::TOE_OUT.clamp(p.toe_out_deg);
    let shift = ranges::BALANCE_SHIFT.clamp(p.balance_shift_m) * h / 1.75;
    // A plate is a plate: its thickness does not scale with the lifter.
    // The foot pitches up at most 30°: a small foot on a thick plate stands
    // on its edge no further.
    let raise = ranges::FOREFOOT_RAISE
        .clamp(p.forefoot_raise_m)
        .min(0.5 * 0.75 * body.foot_m);
    let load = clean_load(request);
    // A load in the hands that the hands do not hold rests on the floor; one
    // they are taking up weighs on the body as far as they hold it.
    let holding = ranges::HOLDING.clamp(p.holding);
    let in_hands = |l: &Load| l.at == LoadPlace::Hands;
    let resting = load.filter(|l| in_hands(l) && holding < 1e-3);
    let carried = match (load, resting) {
        (_, Some(_)) | (None, _) => None,
        (Some(l), None) if in_hands(&l) => Some(Load {
            mass_kg: l.mass_kg * holding,
            ..l
        }),
        (Some(l), None) => Some(l),
    };
    let rest_ahead = ranges::REST_AHEAD.clamp(p.rest_ahead_m);
    let drift = ranges::LOAD_DRIFT.clamp(p.load_drift_m);

    let m = &body.masses;
    let f = body.com_fractions();
    let (to_sin, to_cos) = toe_out.to_radians().sin_cos();

    // --- The feet: heels on the floor, the balls on the plate if there is one.
    let foot = body.foot_m;
    let pitch = (raise / (0.75 * foot)).asin();
    let (p_sin, p_cos) = pitch.sin_cos();
    let ah = body.ankle_height_m;
    // Along each foot from the point under the middle of heel and toe.
    let heel_along = -0.5 * (0.75 * p_cos + 0.25) * foot;
    let ankle_along = heel_along + 0.25 * foot * p_cos - ah * p_sin;
    let ankle_y = 0.25 * foot * p_sin + ah * p_cos;
    let ankle_z = ankle_along * to_cos;
    let pitch_deg = pitch.to_degrees();

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
    let sag = |len: f32, dx: f32| (len * len - dx * dx).max(0.0).sqrt();
    // The knees track the toes: a bending knee leaves the line from hip to
    // ankle towards the toes, so it goes out as far as the feet turn out
    // (B §4: "knees out over the toes"; the sumo knees of Escamilla 2000).
    // How far it leaves that line does not depend on the lean: work it out
    // with the knee on the line, then move it.
    let line_hip = {
        let shank = sag(body.shank_m, knee_line_x - half_stance);
        let thigh = sag(body.thigh_m, hip_x - knee_line_x);
        (Vec2::new(0.0, shank) + dir(-knee) * thigh, shank)
    };
    let off_line = if line_hip.0.y > 1e-3 {
        (-line_hip.0.x * line_hip.1 / line_hip.0.y).max(0.0)
    } else {
        0.0
    };
    let tracking = off_line * to_sin / to_cos.max(0.2);
    let knee_x =
        (knee_line_x + tracking - body.shank_m * valgus.to_radians().sin()).clamp(lo, hi.max(lo));
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
    let trunk_m = body.trunk_m();
    let back = |d: f32| {
        let (p, a) = axis(d);
        p - front(a) * (0.5 * body.trunk_depth_m)
    };
    let sacrum = back(0.5 * body.pelvis_m);
    let upper_back_d =
        body.pelvis_m + body.lumbar_m + body.thoracic_lower_m + 0.5 * body.thoracic_upper_m;
    let upper_back = back(upper_back_d);
    let occiput =
        head_base + dir(a_head) * (0.35 * body.head_m) - front(a_head) * (0.5 * body.trunk_depth_m);

    // --- The arms.
    let to3 = |v: Vec2| at_x(v, 0.0);
    let trunk = Trunk {
        neck_base: to3(neck_base),
        up: to3(dir(a_thor_up)),
        front: to3(front(a_thor_up)),
    };
    let legs = LegFront {
        hip: hip_p,
        knee: knee_p,
        ankle: Vec2::ZERO,
        stature_m: h,
    };
    let places = hand_places(body, &axis, upper_back, a_thor_up, head_base, trunk_m);
    let reach = body.upper_arm_m + body.forearm_m + body.hand_m;
    let plain_hang = ArmSpec::Hang {
        dx: reach * ARM_ABDUCTION_DEG.to_radians().sin(),
    };
    let specs: [ArmSpec; 2] = [1.0f32, -1.0].map(|sign| {
        match carried {
            Some(l) if l.at == LoadPlace::Hands => {
                let x = grip_x(l.implement, body, half_stance);
                match l.implement.carry() {
                    // Drifting, it rests on the legs further out: as if thicker.
                    Carry::FrontOfLegs => ArmSpec::OnLegs {
                        x,
                        radius: l.implement.contact_radius_m() + drift,
                    },
                    Carry::Hanging => {
                        // The world's vertical through the midfoot (or
                        // ahead of it, drifting), seen from the leaning frame.
                        let midfoot = lean(Vec2::new(drift - ankle_z, -ankle_y), -shin_guess);
                        let up = lean(Vec2::Y, -shin_guess);
                        ArmSpec::OverMidfoot { x, midfoot, up }
                    }
                }
            }
            Some(l) => {
                let (shoulder_deg, elbow_deg) = l.at.arm_angles_deg().unwrap_or((0.0, 0.0));
                ArmSpec::Set {
                    shoulder_deg,
                    elbow_deg,
                }
            }
            None if resting.is_some() => {
                let l = resting.expect("matched");
                let x = grip_x(l.implement, body, half_stance);
                let floor = l.implement.grip_height_on_floor_m().unwrap_or(0.0);
                let on_floor = lean(
                    Vec2::new(rest_ahead - ankle_z, floor - ankle_y),
                    -shin_guess,
                );
                ArmSpec::ReachFor {
                    target: at_x(on_floor, sign * x),
                    dx: reach * ARM_ABDUCTION_DEG.to_radians().sin(),
                }
            }
            None => match p.arms {
                Arms::Hang => plain_hang,
                Arms::Set => ArmSpec::Set {
                    shoulder_deg: ranges::SHOULDER.clamp(p.shoulder_deg),
                    elbow_deg: ranges::ELBOW.clamp(p.elbow_deg),
                },
                Arms::Hands { left, right } => {
                    let hand: Hand = if sign > 0.0 { left } else { right };
                    places.spec(hand, sign, plain_hang)
                }
            },
        }
    });
    let chains: [ArmChain; 2] = [0usize, 1].map(|i| {
        let sign = if i == 0 { 1.0 } else { -1.0 };
        arms::place(specs[i], sign, body, &trunk, &legs, shin_guess)
    });

    // --- The mass that turns about the ankles.
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
    let arm_mass = m.upper_arm + m.forearm + m.hand;
    for c in &chains {
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
    let fixed_load = carried.and_then(|l| {
        let k = h / 1.75;
        let grips = (chains[0].wrist + chains[0].hand + chains[1].wrist + chains[1].hand) * 0.25;
        let at = match l.at {
            // Held against the chest, in front of the hands.
            LoadPlace::Front => grips + to3(front(a_thor_lo)) * (0.06 * k),
            // Resting on the upper back, between the shoulder blades.
            LoadPlace::Back => {
                to3(back(trunk_m - 0.3 * body.thoracic_upper_m))
                    - to3(front(a_thor_up)) * (0.06 * k)
            }
            // Hanging from the handle, between the shoulder blades.
            LoadPlace::OverheadBack => grips - to3(dir(a_thor_up)) * (0.12 * k),
            LoadPlace::Hands => {
                if chains[0].in_world {
                    return None;
                }
                (chains[0].grip + chains[1].grip) * 0.5
            }
        };
        Some((at, l.mass_kg))
    });
    match (fixed_load, carried) {
        (Some((at, mass)), _) => rot.add(sagittal(at), mass),
        (None, Some(l)) => {
            // Half the load below each shoulder.
            for c in &chains {
                rot.add(sagittal(c.shoulder), 0.5 * l.mass_kg);
            }
        }
        (None, None) => {}
    }

    // --- Feet are fixed: the midfoot is the origin, the ankle behind it.
    let heel_z = heel_along * to_cos;
    let toe_z = (heel_along + (0.75 * p_cos + 0.25) * foot) * to_cos;
    let foot_com_z = heel_z + (toe_z - heel_z) * f.foot_from_heel;
    let feet_mass = 2.0 * m.foot;
    let total = rot.mass + feet_mass;

    // Target: total COM z = shift. Rotating part: ankle_z + R sin(s + phi).
    let c = rot.moment / rot.mass;
    let radius = c.length().max(1e-6);
    let phi = c.x.atan2(c.y);
    let needed = ((total * shift - feet_mass * foot_com_z) / rot.mass - ankle_z) / radius;
    // The ankle bends only so far: a raised forefoot has already used some of it.
    let shin_max = ranges::SHIN.max - pitch_deg;
    let solved = needed.abs() <= 1.0;
    let shin = if solved {
        (needed.asin() - phi).to_degrees()
    } else if needed > 1.0 {
        shin_max
    } else {
        ranges::SHIN.min
    };
    let balanced = solved && (ranges::SHIN.min..=shin_max).contains(&shin);
    let shin = shin.clamp(ranges::SHIN.min, shin_max);

    // --- Place everything in the world.
    let world = |v: Vec3| {
        let r = lean(sagittal(v), shin);
        Vec3::new(v.x, ankle_y + r.y, ankle_z + r.x)
    };
    let world2 = |v: Vec2, x: f32| world(at_x(v, x));
    let mut joints = [Vec3::ZERO; JOINT_COUNT];
    for (side, sign) in [(0usize, 1.0f32), (6usize, -1.0f32)] {
        let ankle = Vec3::new(sign * half_stance, ankle_y, ankle_z);
        let toe_dir = Vec3::new(sign * to_sin, 0.0, to_cos);
        // A point `along` the foot (from under the middle of heel and toe),
        // `up` off the floor; the foot turns out about the ankle.
        let foot_at = |along: f32, up: f32| {
            Vec3::new(sign * half_stance, up, ankle_z) + toe_dir * (along - ankle_along)
        };
        let heel = foot_at(heel_along, 0.0);
        let ball = foot_at(heel_along + 0.75 * foot * p_cos, raise);
        let toe = foot_at(heel_along + (0.75 * p_cos + 0.25) * foot, raise);
        joints[side] = heel;
        joints[side + 1] = ankle;
        joints[side + 2] = ball;
        joints[side + 3] = toe;
        joints[side + 4] = world2(knee_p, sign * knee_x);
        joints[side + 5] = world2(hip_p, sign * hip_x);
    }
    let set = |joints: &mut [Vec3; JOINT_COUNT], j: Joint, v: Vec3| joints[j as usize] = v;
    for (j, v) in [
        (Joint::Pelvis, hip_p),
        (Joint::L5S1, l5s1),
        (Joint::T12, t12),
        (Joint::T6, t6),
        (Joint::NeckBase, neck_base),
        (Joint::HeadBase, head_base),
        (Joint::Vertex, vertex),
        (Joint::Nose, nose),
        (Joint::Sacrum, sacrum),
        (Joint::UpperBack, upper_back),
        (Joint::Occiput, occiput),
    ] {
        set(&mut joints, j, world2(v, 0.0));
    }

    let sides = [
        (
            Joint::ShoulderL,
            Joint::ClavicleL,
            Joint::GripL,
            1.0f32,
            &chains[0],
        ),
        (
            Joint::ShoulderR,
            Joint::ClavicleR,
            Joint::GripR,
            -1.0,
            &chains[1],
        ),
    ];
    for (first, clavicle, grip, sign, c) in sides {
        let shoulder_w = world(c.shoulder);
        let points = if c.in_world {
            // Straight down in the world, the grip out to the side.
            let grip_reach = body.upper_arm_m + body.forearm_m + body.grip_m;
            let dx = sign * c.hang_dx;
            let drop = (grip_reach * grip_reach - dx * dx).max(0.0).sqrt();
            let along = Vec3::new(dx, -drop, 0.0) / grip_reach;
            let elbow = shoulder_w + along * body.upper_arm_m;
            let wrist = elbow + along * body.forearm_m;
            [
                shoulder_w,
                elbow,
                wrist,
                wrist + along * body.hand_m,
                wrist + along * body.grip_m,
            ]
        } else {
            [
                shoulder_w,
                world(c.elbow),
                world(c.wrist),
                world(c.hand),
                world(c.grip),
            ]
        };
        for (i, p) in points[..4].iter().enumerate() {
            joints[first as usize + i] = *p;
        }
        set(&mut joints, grip, points[4]);
        set(&mut joints, clavicle, world(c.clavicle));
    }

    // --- The load and what the hands hold.
    let grips = [joints[Joint::GripL as usize], joints[Joint::GripR as usize]];
    let held = match (carried, resting) {
        (Some(l), _) if l.at == LoadPlace::Hands => Some(Held {
            implement: l.implement,
            grips,
            in_hands: true,
        }),
        (_, Some(l)) => {
            // On the floor over the midfoot, where a coach sets the bar.
            let x = grip_x(l.implement, body, half_stance);
            let y = l.implement.grip_height_on_floor_m().unwrap_or(0.0);
            Some(Held {
                implement: l.implement,
                grips: [Vec3::new(x, y, rest_ahead), Vec3::new(-x, y, rest_ahead)],
                in_hands: false,
            })
        }
        _ => None,
    };
    let load_com = carried.map(|l| match (fixed_load, l.at) {
        (Some((p, _)), _) => world(p),
        // In the hands: the grip's centre.
        _ => (grips[0] + grips[1]) * 0.5,
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
    add(world2(axis(trunk_points.lower_m).0, 0.0), m.trunk_lower);
    add(world2(axis(trunk_points.middle_m).0, 0.0), m.trunk_middle);
    add(world2(axis(trunk_points.upper_m).0, 0.0), m.trunk_upper);
    add(world2(head_com, 0.0), m.head);
    for first in [Joint::ShoulderL, Joint::ShoulderR] {
        let [s, e, w, h] = [0, 1, 2, 3].map(|i| joints[first as usize + i]);
        add(s + (e - s) * f.upper_arm, m.upper_arm);
        add(e + (w - e) * f.forearm, m.forearm);
        add(w + (h - w) * f.hand, m.hand);
    }
    if let (Some(lc), Some(l)) = (load_com, carried) {
        add(lc, l.mass_kg);
    }
    let com = com_moment / total;
    // Out of balance, which way the body tips is where its centre of mass
    // ends up, not which end of the shin's range it stopped at: folded low
    // (a deep squat leaning back, with a load) the centre of mass can sit
    // below the ankle's level, where leaning the shin further moves it the
    // other way.
    let balance = if balanced {
        Balance::Balanced
    } else if com.z > shift {
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
        foot_pitch_deg: pitch_deg,
    }
}

/// Where hands laid on the body or gripping the dowel go (leaning frame).
fn hand_places(
    body: &Body,
    axis: &dyn Fn(f32) -> (Vec2, f32),
    upper_back: Vec2,
    a_thor_up: f32,
    head_base: Vec2,
    trunk_m: f32,
) -> HandPlaces {
    let h = body.stature_m;
    // A hand is about 3 cm thick: its palm's middle sits that far off the skin.
    let palm_off = 0.015 * h / 1.75;
    // The lowest ribs: the front of the trunk at the level of T12 (seed 003).
    let ribs_d = body.pelvis_m + body.lumbar_m;
    let (ribs_c, ribs_a) = axis(ribs_d);
    let ribs_depth = surface::torso_half_depth(ribs_d, trunk_m, h);
    let ribs = at_x(ribs_c + front(ribs_a) * (ribs_depth + palm_off), 0.0);
    // The small of the back: the back of the trunk halfway up the lumbar spine.
    let low_d = body.pelvis_m + 0.5 * body.lumbar_m;
    let (low_c, low_a) = axis(low_d);
    let low_depth = surface::torso_half_depth(low_d, trunk_m, h);
    let low_back = at_x(low_c - front(low_a) * (low_depth + palm_off), 0.0);
    // The dowel's axis: along the upper back, its radius behind it.
    let up = dir(a_thor_up);
    let dowel_point = upper_back - front(a_thor_up) * DOWEL_RADIUS_M;
    let on_dowel = |level: Vec2| {
        let t = (level - dowel_point).dot(up);
        at_x(dowel_point + up * t, 0.0)
    };
    let neck_level = head_base;
    let low_level = axis(body.pelvis_m + 0.5 * body.lumbar_m).0;
    let side = 0.06 * h / 1.75;
    HandPlaces {
        ribs: (ribs, Vec3::X * side),
        low_back: (low_back, Vec3::X * (0.5 * side)),
        dowel_neck: on_dowel(neck_level),
        dowel_low_back: on_dowel(low_level),
        up: at_x(up, 0.0),
        front: at_x(front(a_thor_up), 0.0),
        palm_m: body.palm_m,
        grip_m: body.grip_m,
    }
}
