//! The body built in the leaning frame, the frame where the shin stands
//! upright and the ankle is the origin, before the solver finds the lean
//! that balances it (`solve`): the request's pose in range, the feet, the
//! legs seen from the front, the chain from the knee up, and the arms with
//! what they hold. Points are (forward, up) in the sagittal plane, or
//! (out, up, forward) with [`at_x`]; leans are degrees from the vertical,
//! forward positive.

use glam::{Vec2, Vec3};

use super::anthropometry::Body;
use super::arms::{self, ArmChain, ArmSpec, HandPlaces, LegFront, Trunk};
use super::pose::{Arms, Carry, Hand, Implement, Load, LoadPlace, PoseRequest, ranges};
use super::solve::{ARM_ABDUCTION_DEG, DOWEL_RADIUS_M};
use super::surface;

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
pub(super) fn lean(v: Vec2, deg: f32) -> Vec2 {
    let (s, c) = deg.to_radians().sin_cos();
    Vec2::new(v.x * c + v.y * s, -v.x * s + v.y * c)
}

/// A sagittal point (forward, up) at `x` as a point of the leaning frame.
pub(super) fn at_x(v: Vec2, x: f32) -> Vec3 {
    Vec3::new(x, v.y, v.x)
}

/// The sagittal part (forward, up) of a point of the leaning frame.
pub(super) fn sagittal(v: Vec3) -> Vec2 {
    Vec2::new(v.z, v.y)
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
pub(super) fn grip_x(implement: Implement, body: &Body, half_stance: f32) -> f32 {
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

/// The request's pose and load as a pass uses them: in range, and lengths
/// scaled to the body's stature.
pub(super) struct Clamped {
    pub(super) knee: f32,
    pub(super) hip: f32,
    pub(super) lumbar: f32,
    pub(super) thoracic: f32,
    pub(super) neck: f32,
    pub(super) valgus: f32,
    pub(super) half_stance: f32,
    pub(super) toe_out: f32,
    pub(super) shift: f32,
    pub(super) raise: f32,
    /// What weighs on the body: on it, or in the hands as far as they hold it.
    pub(super) carried: Option<Load>,
    /// A load in the hands that the hands do not hold: it rests on the floor.
    pub(super) resting: Option<Load>,
    pub(super) rest_ahead: f32,
    pub(super) drift: f32,
}

impl Clamped {
    pub(super) fn new(request: &PoseRequest, body: &Body) -> Clamped {
        let p = &request.pose;
        let h = body.stature_m;
        let stance = ranges::STANCE_WIDTH.clamp(p.stance_width_m) * h / 1.75;
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
        Clamped {
            knee: ranges::KNEE.clamp(p.knee_deg),
            hip: ranges::hip_for_knee(p.knee_deg).clamp(p.hip_deg),
            lumbar: ranges::LUMBAR.clamp(p.lumbar_deg),
            thoracic: ranges::THORACIC.clamp(p.thoracic_deg),
            neck: ranges::NECK.clamp(p.neck_deg),
            valgus: ranges::VALGUS.clamp(p.valgus_deg),
            half_stance: 0.5 * stance,
            toe_out: ranges::TOE_OUT.clamp(p.toe_out_deg),
            shift: ranges::BALANCE_SHIFT.clamp(p.balance_shift_m) * h / 1.75,
            // A plate is a plate: its thickness does not scale with the lifter.
            // The foot pitches up at most 30°: a small foot on a thick plate
            // stands on its edge no further.
            raise: ranges::FOREFOOT_RAISE
                .clamp(p.forefoot_raise_m)
                .min(0.5 * 0.75 * body.foot_m),
            carried,
            resting,
            rest_ahead: ranges::REST_AHEAD.clamp(p.rest_ahead_m),
            drift: ranges::LOAD_DRIFT.clamp(p.load_drift_m),
        }
    }
}

/// The feet: heels on the floor, the balls on the plate if there is one.
/// Lengths run along each foot from the point under the middle of heel and
/// toe; the midfoot is the world's origin, the ankle behind it.
pub(super) struct Feet {
    foot: f32,
    raise: f32,
    pub(super) pitch_deg: f32,
    p_cos: f32,
    heel_along: f32,
    ankle_along: f32,
    pub(super) ankle_y: f32,
    pub(super) ankle_z: f32,
    /// The toes' turn out, as its sine and cosine.
    to_sin: f32,
    to_cos: f32,
    /// Where a foot's own mass is, as a share of the way from heel to toe.
    com_from_heel: f32,
}

impl Feet {
    pub(super) fn new(body: &Body, raise: f32, toe_out: f32) -> Feet {
        let foot = body.foot_m;
        let pitch = (raise / (0.75 * foot)).asin();
        let (p_sin, p_cos) = pitch.sin_cos();
        let ah = body.ankle_height_m;
        let heel_along = -0.5 * (0.75 * p_cos + 0.25) * foot;
        let ankle_along = heel_along + 0.25 * foot * p_cos - ah * p_sin;
        let (to_sin, to_cos) = toe_out.to_radians().sin_cos();
        Feet {
            foot,
            raise,
            pitch_deg: pitch.to_degrees(),
            p_cos,
            heel_along,
            ankle_along,
            ankle_y: 0.25 * foot * p_sin + ah * p_cos,
            ankle_z: ankle_along * to_cos,
            to_sin,
            to_cos,
            com_from_heel: body.com_fractions().foot_from_heel,
        }
    }

    /// From the heel to the tip of the toes, along the foot.
    fn heel_to_toe(&self) -> f32 {
        (0.75 * self.p_cos + 0.25) * self.foot
    }

    /// How far forward of the midfoot the feet's own mass is.
    pub(super) fn com_z(&self) -> f32 {
        let heel_z = self.heel_along * self.to_cos;
        let toe_z = (self.heel_along + self.heel_to_toe()) * self.to_cos;
        heel_z + (toe_z - heel_z) * self.com_from_heel
    }

    /// One foot's heel, ankle, ball and toe (`sign` +1 for the left).
    pub(super) fn place(&self, sign: f32, half_stance: f32) -> [Vec3; 4] {
        let toe_dir = Vec3::new(sign * self.to_sin, 0.0, self.to_cos);
        // A point `along` the foot, `up` off the floor; the foot turns out
        // about the ankle.
        let foot_at = |along: f32, up: f32| {
            Vec3::new(sign * half_stance, up, self.ankle_z) + toe_dir * (along - self.ankle_along)
        };
        [
            foot_at(self.heel_along, 0.0),
            Vec3::new(sign * half_stance, self.ankle_y, self.ankle_z),
            foot_at(self.heel_along + 0.75 * self.foot * self.p_cos, self.raise),
            foot_at(self.heel_along + self.heel_to_toe(), self.raise),
        ]
    }
}

/// The legs seen from the front, per side: how far out the hip and the knee
/// are, and what is left of the shank and the thigh for the side view.
pub(super) struct LegLayout {
    pub(super) half_stance: f32,
    pub(super) hip_x: f32,
    pub(super) knee_x: f32,
    pub(super) shank_sag: f32,
    pub(super) thigh_sag: f32,
}

impl LegLayout {
    pub(super) fn new(body: &Body, input: &Clamped, feet: &Feet) -> LegLayout {
        let half_stance = input.half_stance;
        let hip_x = body.hip_half_width_m;
        let knee_line_x =
            half_stance + (hip_x - half_stance) * body.shank_m / (body.shank_m + body.thigh_m);
        // Keep each leg segment from lying flat in the frontal plane: the knee
        // stays within reach of both the ankle and the hip.
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
            (Vec2::new(0.0, shank) + dir(-input.knee) * thigh, shank)
        };
        let off_line = if line_hip.0.y > 1e-3 {
            (-line_hip.0.x * line_hip.1 / line_hip.0.y).max(0.0)
        } else {
            0.0
        };
        let tracking = off_line * feet.to_sin / feet.to_cos.max(0.2);
        let knee_x = (knee_line_x + tracking - body.shank_m * input.valgus.to_radians().sin())
            .clamp(lo, hi.max(lo));
        LegLayout {
            half_stance,
            hip_x,
            knee_x,
            shank_sag: sag(body.shank_m, knee_x - half_stance),
            thigh_sag: sag(body.thigh_m, hip_x - knee_x),
        }
    }
}

/// The chain from the knee up, in the frame where the shin is vertical and
/// the ankle is the origin: points as (forward, up), leans in degrees.
pub(super) struct Chain {
    pub(super) knee: Vec2,
    pub(super) hip: Vec2,
    pub(super) l5s1: Vec2,
    pub(super) t12: Vec2,
    pub(super) t6: Vec2,
    pub(super) neck_base: Vec2,
    pub(super) head_base: Vec2,
    pub(super) vertex: Vec2,
    pub(super) head_com: Vec2,
    pub(super) nose: Vec2,
    pub(super) sacrum: Vec2,
    pub(super) upper_back: Vec2,
    pub(super) occiput: Vec2,
    pub(super) a_thor_lo: f32,
    pub(super) a_thor_up: f32,
    /// The trunk's segments, pelvis to upper thorax: (start, lean, length).
    pub(super) segments: [(Vec2, f32, f32); 4],
    pub(super) trunk_depth_m: f32,
    pub(super) trunk_m: f32,
}

impl Chain {
    pub(super) fn new(body: &Body, legs: &LegLayout, input: &Clamped) -> Chain {
        let f = body.com_fractions();
        let (lumbar, thoracic, neck) = (input.lumbar, input.thoracic, input.neck);
        let a_thigh = -input.knee;
        let a_pelvis = a_thigh + input.hip;
        let a_lumbar = a_pelvis + 0.5 * lumbar;
        let a_thor_lo = a_lumbar + 0.5 * lumbar + thoracic / 3.0;
        let a_thor_up = a_thor_lo + thoracic / 3.0;
        let a_neck = a_thor_up + thoracic / 3.0 + 0.5 * neck;
        let a_head = a_neck + 0.5 * neck;

        let knee = Vec2::new(0.0, legs.shank_sag);
        let hip = knee + dir(a_thigh) * legs.thigh_sag;
        let l5s1 = hip + dir(a_pelvis) * body.pelvis_m;
        let t12 = l5s1 + dir(a_lumbar) * body.lumbar_m;
        let t6 = t12 + dir(a_thor_lo) * body.thoracic_lower_m;
        let neck_base = t6 + dir(a_thor_up) * body.thoracic_upper_m;
        let head_base = neck_base + dir(a_neck) * body.neck_m;
        let vertex = head_base + dir(a_head) * body.head_m;
        let mut chain = Chain {
            knee,
            hip,
            l5s1,
            t12,
            t6,
            neck_base,
            head_base,
            vertex,
            head_com: vertex - dir(a_head) * (f.head_from_vertex * body.head_m),
            nose: head_base
                + dir(a_head) * (0.45 * body.head_m)
                + front(a_head) * (0.6 * body.head_m),
            sacrum: Vec2::ZERO,
            upper_back: Vec2::ZERO,
            occiput: head_base + dir(a_head) * (0.35 * body.head_m)
                - front(a_head) * (0.5 * body.trunk_depth_m),
            a_thor_lo,
            a_thor_up,
            segments: [
                (hip, a_pelvis, body.pelvis_m),
                (l5s1, a_lumbar, body.lumbar_m),
                (t12, a_thor_lo, body.thoracic_lower_m),
                (t6, a_thor_up, body.thoracic_upper_m),
            ],
            trunk_depth_m: body.trunk_depth_m,
            trunk_m: body.trunk_m(),
        };
        chain.sacrum = chain.back(0.5 * body.pelvis_m);
        chain.upper_back = chain.back(
            body.pelvis_m + body.lumbar_m + body.thoracic_lower_m + 0.5 * body.thoracic_upper_m,
        );
        chain
    }

    /// A point on the trunk's axis `d` above the mid-hip, and the lean there.
    pub(super) fn axis(&self, mut d: f32) -> (Vec2, f32) {
        let last = self.segments.len() - 1;
        for (i, &(start, a, len)) in self.segments.iter().enumerate() {
            if d <= len || i == last {
                return (start + dir(a) * d, a);
            }
            d -= len;
        }
        unreachable!("the loop returns on its last segment")
    }

    /// The back's surface `d` above the mid-hip.
    pub(super) fn back(&self, d: f32) -> Vec2 {
        let (p, a) = self.axis(d);
        p - front(a) * (0.5 * self.trunk_depth_m)
    }
}

/// The arms for this pass: what each does (hangs, holds the load, reaches
/// for it on the floor, rests a hand on the body) and where its joints go.
pub(super) fn arm_chains(
    request: &PoseRequest,
    body: &Body,
    input: &Clamped,
    feet: &Feet,
    chain: &Chain,
    shin_guess: f32,
) -> [ArmChain; 2] {
    let p = &request.pose;
    let to3 = |v: Vec2| at_x(v, 0.0);
    let trunk = Trunk {
        neck_base: to3(chain.neck_base),
        up: to3(dir(chain.a_thor_up)),
        front: to3(front(chain.a_thor_up)),
    };
    let legs = LegFront {
        hip: chain.hip,
        knee: chain.knee,
        ankle: Vec2::ZERO,
        stature_m: body.stature_m,
    };
    let places = hand_places(body, chain);
    let reach = body.upper_arm_m + body.forearm_m + body.hand_m;
    let plain_hang = ArmSpec::Hang {
        dx: reach * ARM_ABDUCTION_DEG.to_radians().sin(),
    };
    let half_stance = input.half_stance;
    let specs: [ArmSpec; 2] = [1.0f32, -1.0].map(|sign| {
        match input.carried {
            Some(l) if l.at == LoadPlace::Hands => {
                let x = grip_x(l.implement, body, half_stance);
                match l.implement.carry() {
                    // Drifting, it rests on the legs further out: as if thicker.
                    Carry::FrontOfLegs => ArmSpec::OnLegs {
                        x,
                        radius: l.implement.contact_radius_m() + input.drift,
                    },
                    Carry::Hanging => {
                        // The world's vertical through the midfoot (or
                        // ahead of it, drifting), seen from the leaning frame.
                        let midfoot = lean(
                            Vec2::new(input.drift - feet.ankle_z, -feet.ankle_y),
                            -shin_guess,
                        );
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
            None if input.resting.is_some() => {
                let l = input.resting.expect("matched");
                let x = grip_x(l.implement, body, half_stance);
                let floor = l.implement.grip_height_on_floor_m().unwrap_or(0.0);
                let on_floor = lean(
                    Vec2::new(input.rest_ahead - feet.ankle_z, floor - feet.ankle_y),
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
    [0usize, 1].map(|i| {
        let sign = if i == 0 { 1.0 } else { -1.0 };
        arms::place(specs[i], sign, body, &trunk, &legs, shin_guess)
    })
}

/// A carried load that turns with the body (on it, or in hands fixed to it),
/// as where it is in the leaning frame and its mass. `None` for a load
/// hanging below the shoulders, or none.
pub(super) fn fixed_load(
    body: &Body,
    chain: &Chain,
    arms: &[ArmChain; 2],
    carried: Option<Load>,
) -> Option<(Vec3, f32)> {
    let l = carried?;
    let to3 = |v: Vec2| at_x(v, 0.0);
    let k = body.stature_m / 1.75;
    let grips = (arms[0].wrist + arms[0].hand + arms[1].wrist + arms[1].hand) * 0.25;
    let at = match l.at {
        // Held against the chest, in front of the hands.
        LoadPlace::Front => grips + to3(front(chain.a_thor_lo)) * (0.06 * k),
        // Resting on the upper back, between the shoulder blades.
        LoadPlace::Back => {
            to3(chain.back(chain.trunk_m - 0.3 * body.thoracic_upper_m))
                - to3(front(chain.a_thor_up)) * (0.06 * k)
        }
        // Hanging from the handle, between the shoulder blades.
        LoadPlace::OverheadBack => grips - to3(dir(chain.a_thor_up)) * (0.12 * k),
        LoadPlace::Hands => {
            if arms[0].in_world {
                return None;
            }
            (arms[0].grip + arms[1].grip) * 0.5
        }
    };
    Some((at, l.mass_kg))
}

/// Where hands laid on the body or gripping the dowel go (leaning frame).
pub(super) fn hand_places(body: &Body, chain: &Chain) -> HandPlaces {
    let h = body.stature_m;
    let trunk_m = chain.trunk_m;
    // A hand is about 3 cm thick: its palm's middle sits that far off the skin.
    let palm_off = 0.015 * h / 1.75;
    // The lowest ribs: the front of the trunk at the level of T12 (seed 003).
    let ribs_d = body.pelvis_m + body.lumbar_m;
    let (ribs_c, ribs_a) = chain.axis(ribs_d);
    let ribs_depth = surface::torso_half_depth(ribs_d, trunk_m, h);
    let ribs = at_x(ribs_c + front(ribs_a) * (ribs_depth + palm_off), 0.0);
    // The small of the back: the back of the trunk halfway up the lumbar spine.
    let low_d = body.pelvis_m + 0.5 * body.lumbar_m;
    let (low_c, low_a) = chain.axis(low_d);
    let low_depth = surface::torso_half_depth(low_d, trunk_m, h);
    let low_back = at_x(low_c - front(low_a) * (low_depth + palm_off), 0.0);
    // The dowel's axis: along the upper back, its radius behind it.
    let a_thor_up = chain.a_thor_up;
    let up = dir(a_thor_up);
    let dowel_point = chain.upper_back - front(a_thor_up) * DOWEL_RADIUS_M;
    let on_dowel = |level: Vec2| {
        let t = (level - dowel_point).dot(up);
        at_x(dowel_point + up * t, 0.0)
    };
    let neck_level = chain.head_base;
    let low_level = chain.axis(body.pelvis_m + 0.5 * body.lumbar_m).0;
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
