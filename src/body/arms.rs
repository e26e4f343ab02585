//! The arms and the shoulder girdle: where each arm goes, for the hands that
//! hang, that hold a bar against the legs, that lie on the ribs or grip a
//! dowel. Everything here is in the solver's leaning frame (the shin
//! vertical, the ankle at the origin; x left, y up, z forward), so arms fixed
//! to the body turn with it and the balance keeps its closed form.

use glam::{Vec2, Vec3};

use super::anthropometry::Body;
use super::pose::Hand;
use super::surface;

/// Straight arms pulled back by the lats: at most this far behind the
/// vertical. BIOMECHANICS.md §2b: "typically 10-20 degrees" in an RDL; a
/// little room past that before the bar is allowed to leave the legs.
pub const LAT_PULL_MAX_DEG: f32 = 25.0;

/// A load on the floor within this much of the hands' reach draws them to it.
pub const REACH_BLEND_M: f32 = 0.15;

/// How far hands that hold nothing hang out from the sides, degrees: enough
/// that they clear the hips.
pub const ARM_ABDUCTION_DEG: f32 = 8.0;

/// The upper trunk in the leaning frame: where the neck starts and which way
/// is up the spine and out of the chest.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trunk {
    pub neck_base: Vec3,
    pub up: Vec3,
    pub front: Vec3,
}

/// One arm, shoulder to grip. `in_world` arms hang straight down in the
/// world: only their shoulder is known before the body is placed.
#[derive(Debug, Clone, Copy)]
pub(super) struct ArmChain {
    pub clavicle: Vec3,
    pub shoulder: Vec3,
    pub elbow: Vec3,
    pub wrist: Vec3,
    /// The tip of the hand bone (the knuckles).
    pub hand: Vec3,
    /// Where the hand holds a bar or a handle.
    pub grip: Vec3,
    pub in_world: bool,
    /// For arms hanging in the world: the grip's sideways offset from the shoulder.
    pub hang_dx: f32,
}

/// What one arm does.
#[derive(Debug, Clone, Copy)]
pub(super) enum ArmSpec {
    /// Hang straight down in the world, the grip `dx` out from the shoulder
    /// (sideways, positive away from the body's midline).
    Hang { dx: f32 },
    /// Shoulder and elbow flexion relative to the trunk.
    Set { shoulder_deg: f32, elbow_deg: f32 },
    /// Straight arm holding something on the front of the legs: the bar's
    /// grip at `x`, its surface `radius` thick.
    OnLegs { x: f32, radius: f32 },
    /// Straight arm holding something beside or between the legs, the grip
    /// at `x`: the lats draw it back over the midfoot (`midfoot`, a point of
    /// the world's vertical through it, `up` that vertical, both sagittal in
    /// the leaning frame).
    OverMidfoot { x: f32, midfoot: Vec2, up: Vec2 },
    /// Reaching for a load that rests on the floor at `target` (a grip):
    /// the hands take it when it is within reach and hang plumb, the grip
    /// `dx` out, when it is far; in between they move towards it.
    ReachFor { target: Vec3, dx: f32 },
    /// The hand at a point (palm or grip), the elbow towards `pole`.
    Reach {
        target: Vec3,
        pole: Vec3,
        past_wrist: f32,
    },
}

/// The shoulder joint for an arm raised `flexion_deg` in front of the trunk:
/// the collar bone turns about its sternal end so the shoulder blade slides
/// forward and up (scapulohumeral rhythm).
pub(super) fn shoulder(body: &Body, trunk: &Trunk, sign: f32, flexion_deg: f32) -> (Vec3, Vec3) {
    let clavicle = trunk.neck_base + Vec3::X * (sign * body.sternoclavicular_lateral_m)
        - trunk.up * body.sternoclavicular_drop_m;
    let rest = trunk.neck_base - trunk.up * body.shoulder_drop_m
        + Vec3::X * (sign * body.shoulder_half_width_m);
    let bone = rest - clavicle;
    let f = flexion_deg.clamp(0.0, 180.0).to_radians();
    let protraction = body.scapula_protraction_m * f.min(std::f32::consts::FRAC_PI_2).sin();
    let elevation = body.scapula_elevation_m * 0.5 * (1.0 - f.cos());
    let moved = (bone + trunk.front * protraction + trunk.up * elevation).normalize_or(bone);
    (clavicle, clavicle + moved * bone.length())
}

/// How far the arm is raised in front of the trunk: 0 along the trunk, 90
/// straight out in front of the chest.
pub(super) fn flexion_deg(trunk: &Trunk, along_arm: Vec3) -> f32 {
    along_arm
        .dot(trunk.front)
        .atan2(-along_arm.dot(trunk.up))
        .to_degrees()
}

/// Place one arm. `legs` is the front of the legs in the leaning frame
/// (sagittal), `shin_deg` the solver's estimate of the lean (which way the
/// world's vertical points in this frame).
pub(super) fn place(
    spec: ArmSpec,
    sign: f32,
    body: &Body,
    trunk: &Trunk,
    legs: &LegFront,
    shin_deg: f32,
) -> ArmChain {
    match spec {
        ArmSpec::Hang { dx } => {
            // The arm hangs plumb: raised relative to the trunk as far as the
            // trunk leans from the vertical.
            let lean = trunk.up.z.atan2(trunk.up.y).to_degrees() + shin_deg;
            let (clavicle, shoulder) = shoulder(body, trunk, sign, lean);
            ArmChain {
                clavicle,
                shoulder,
                elbow: shoulder,
                wrist: shoulder,
                hand: shoulder,
                grip: shoulder,
                in_world: true,
                hang_dx: dx,
            }
        }
        ArmSpec::Set {
            shoulder_deg,
            elbow_deg,
        } => {
            let (clavicle, s) = shoulder(body, trunk, sign, shoulder_deg);
            // Flexion turns the arm from pointing down the trunk towards its front.
            let (fs, fc) = shoulder_deg.to_radians().sin_cos();
            let upper = trunk.front * fs - trunk.up * fc;
            let (es, ec) = (shoulder_deg + elbow_deg).to_radians().sin_cos();
            let fore = trunk.front * es - trunk.up * ec;
            // Tilt out a little about the trunk's front axis so the hands clear the body.
            let out = |v: Vec3| tilt_out(v, trunk, sign);
            let (upper, fore) = (out(upper), out(fore));
            let elbow = s + upper * body.upper_arm_m;
            let wrist = elbow + fore * body.forearm_m;
            chain(clavicle, s, elbow, wrist, fore, body)
        }
        ArmSpec::OnLegs { x, radius } => straight_arm(body, trunk, sign, x, |centre, r| {
            let lats = shin_deg - LAT_PULL_MAX_DEG;
            match legs.first_contact(centre, r, radius) {
                Some(t) => t.max(lats),
                // Nowhere to rest it that far off the legs: as far out in
                // front of them as the arm reaches, at most raised to the
                // horizontal.
                None => legs.furthest_in_front(centre, r, lats, shin_deg + 90.0),
            }
        }),
        ArmSpec::OverMidfoot { x, midfoot, up } => {
            straight_arm(body, trunk, sign, x, |centre, r| {
                let lats = shin_deg - LAT_PULL_MAX_DEG;
                // The lower point of the arm's circle on the midfoot's vertical.
                let m = midfoot - centre;
                let b = up.dot(m);
                let disc = b * b - (m.length_squared() - r * r);
                let theta = if disc >= 0.0 {
                    let p = m + up * (-b - disc.sqrt());
                    p.x.atan2(-p.y).to_degrees()
                } else {
                    lats
                };
                // Drawn back, never pushed forward of plumb.
                theta.clamp(lats, shin_deg)
            })
        }
        ArmSpec::ReachFor { target, dx } => {
            let upper = body.upper_arm_m;
            let lower = body.forearm_m + body.grip_m;
            let mut flexion = 0.0;
            let mut arm = None;
            for _ in 0..2 {
                let (clavicle, s) = shoulder(body, trunk, sign, flexion);
                let to = target - s;
                let d = to.length().max(1e-6);
                let (elbow, fore) = if d <= upper + lower {
                    let pole = Vec3::X * sign - trunk.front * 0.3;
                    let (elbow, end) = two_bone(s, target, upper, lower, pole);
                    (elbow, (end - elbow).normalize_or(-trunk.up))
                } else {
                    let reach = upper + lower;
                    let side = sign * dx;
                    let r = (reach * reach - side * side).max(0.0).sqrt();
                    let (ts, tc) = shin_deg.to_radians().sin_cos();
                    let plumb = Vec3::new(side, -r * tc, r * ts) / reach;
                    let u = ((d - reach) / REACH_BLEND_M).min(1.0);
                    let along = (to / d).lerp(plumb, u).normalize_or(plumb);
                    (s + along * upper, along)
                };
                flexion = flexion_deg(trunk, (elbow - s).normalize_or(-trunk.up));
                let wrist = elbow + fore * body.forearm_m;
                arm = Some(chain(clavicle, s, elbow, wrist, fore, body));
            }
            arm.expect("the loop runs")
        }
        ArmSpec::Reach {
            target,
            pole,
            past_wrist,
        } => {
            let mut flexion = 0.0;
            let mut arm = None;
            for _ in 0..2 {
                let (clavicle, s) = shoulder(body, trunk, sign, flexion);
                let (elbow, end) = two_bone(
                    s,
                    target,
                    body.upper_arm_m,
                    body.forearm_m + past_wrist,
                    pole,
                );
                let fore = (end - elbow).normalize_or(-trunk.up);
                flexion = flexion_deg(trunk, (elbow - s).normalize_or(-trunk.up));
                let wrist = elbow + fore * body.forearm_m;
                arm = Some(chain(clavicle, s, elbow, wrist, fore, body));
            }
            arm.expect("the loop runs")
        }
    }
}

/// A straight arm reaching for a grip at `x`, swung to the angle `aim`
/// gives for the shoulder's sagittal position and the arm's sagittal reach
/// (0 straight down, positive forward). Twice: the shoulder blade follows
/// the arm, the arm the shoulder.
fn straight_arm(
    body: &Body,
    trunk: &Trunk,
    sign: f32,
    x: f32,
    aim: impl Fn(Vec2, f32) -> f32,
) -> ArmChain {
    let grip_reach = body.upper_arm_m + body.forearm_m + body.grip_m;
    let mut flexion = 0.0;
    let mut arm = None;
    for _ in 0..2 {
        let (clavicle, s) = shoulder(body, trunk, sign, flexion);
        let dx = sign * x - s.x;
        let r = (grip_reach * grip_reach - dx * dx).max(0.0).sqrt();
        let theta = aim(Vec2::new(s.z, s.y), r);
        let (ts, tc) = theta.to_radians().sin_cos();
        let along = Vec3::new(dx, -r * tc, r * ts) / grip_reach;
        flexion = flexion_deg(trunk, along);
        let elbow = s + along * body.upper_arm_m;
        let wrist = elbow + along * body.forearm_m;
        arm = Some(chain(clavicle, s, elbow, wrist, along, body));
    }
    arm.expect("the loop runs")
}

fn chain(
    clavicle: Vec3,
    shoulder: Vec3,
    elbow: Vec3,
    wrist: Vec3,
    fore: Vec3,
    body: &Body,
) -> ArmChain {
    ArmChain {
        clavicle,
        shoulder,
        elbow,
        wrist,
        hand: wrist + fore * body.hand_m,
        grip: wrist + fore * body.grip_m,
        in_world: false,
        hang_dx: 0.0,
    }
}

/// Turn a direction out to the side by [`ARM_ABDUCTION_DEG`] about the
/// trunk's front axis.
fn tilt_out(v: Vec3, trunk: &Trunk, sign: f32) -> Vec3 {
    let (s, c) = ARM_ABDUCTION_DEG.to_radians().sin_cos();
    let f = v.dot(trunk.front);
    let u = v.dot(trunk.up);
    let x = v.x;
    // In the plane across the trunk (x, up): rotate so "down" swings out.
    let up = u * c + sign * x * s;
    let out = x * c - sign * u * s;
    trunk.front * f + trunk.up * up + Vec3::X * out
}

/// Two-bone reach: the elbow and the end of the forearm for a hand aiming at
/// `target`, the elbow bending towards `pole`. Out of reach, the arm points
/// at the target as far as it goes.
fn two_bone(shoulder: Vec3, target: Vec3, upper: f32, lower: f32, pole: Vec3) -> (Vec3, Vec3) {
    let to = target - shoulder;
    let d_full = to.length().max(1e-6);
    let u = to / d_full;
    let d = d_full.clamp((upper - lower).abs() + 1e-4, upper + lower - 1e-4);
    let a = (upper * upper - lower * lower + d * d) / (2.0 * d);
    let h = (upper * upper - a * a).max(0.0).sqrt();
    let side = (pole - u * pole.dot(u)).normalize_or(u.any_orthonormal_vector());
    let elbow = shoulder + u * a + side * h;
    (elbow, shoulder + u * d)
}

/// The front of the legs in the leaning frame, for a bar to rest on.
#[derive(Debug, Clone, Copy)]
pub(super) struct LegFront {
    pub hip: Vec2,
    pub knee: Vec2,
    pub ankle: Vec2,
    pub stature_m: f32,
}

impl LegFront {
    /// The angle of a straight arm (from the shoulder at `centre`, reaching
    /// `r` in the sagittal plane; 0 straight down, positive forward) at
    /// which a bar `radius` thick first touches the front of the legs,
    /// swinging from in front backwards. `None` when it never does.
    pub fn first_contact(&self, centre: Vec2, r: f32, radius: f32) -> Option<f32> {
        let outline = surface::leg_front(self.hip, self.knee, self.ankle, self.stature_m, radius);
        let mut best: Option<f32> = None;
        for w in outline.windows(2) {
            let (a, b) = (w[0], w[1]);
            let d = b - a;
            let f = a - centre;
            let qa = d.length_squared();
            let qb = 2.0 * d.dot(f);
            let qc = f.length_squared() - r * r;
            let disc = qb * qb - 4.0 * qa * qc;
            if qa <= 1e-12 || disc < 0.0 {
                continue;
            }
            let root = disc.sqrt();
            for u in [(-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa)] {
                if (0.0..=1.0).contains(&u) {
                    let p = a + d * u - centre;
                    let theta = p.x.atan2(-p.y).to_degrees();
                    best = Some(best.map_or(theta, |t: f32| t.max(theta)));
                }
            }
        }
        best
    }

    /// The arm angle between `from` and `to` (degrees, as in
    /// [`LegFront::first_contact`]) that holds the grip furthest in front of
    /// the legs: 31 looks along the way.
    pub fn furthest_in_front(&self, centre: Vec2, r: f32, from: f32, to: f32) -> f32 {
        let outline = surface::leg_front(self.hip, self.knee, self.ankle, self.stature_m, 0.0);
        (0..=30)
            .map(|i| from + (to - from) * i as f32 / 30.0)
            .map(|theta| {
                let (s, c) = theta.to_radians().sin_cos();
                let p = centre + Vec2::new(s, -c) * r;
                (theta, surface::distance_in_front(&outline, p))
            })
            .fold((from, f32::NEG_INFINITY), |best, x| {
                if x.1 > best.1 { x } else { best }
            })
            .0
    }
}

/// Where a hand placed on the body or the dowel goes, and which way its
/// elbow points. `axis(d)` is the trunk axis `d` metres above the mid-hip
/// with its lean; `dowel` the dowel's line (a point on its axis, its direction).
pub(super) struct HandPlaces {
    pub ribs: (Vec3, Vec3),
    pub low_back: (Vec3, Vec3),
    pub dowel_neck: Vec3,
    pub dowel_low_back: Vec3,
    pub up: Vec3,
    pub front: Vec3,
    pub palm_m: f32,
    pub grip_m: f32,
}

impl HandPlaces {
    pub fn spec(&self, hand: Hand, sign: f32, hang: ArmSpec) -> ArmSpec {
        let side = Vec3::X * sign;
        let lateral = |p: (Vec3, Vec3)| p.0 + p.1 * sign;
        match hand {
            Hand::Hang => hang,
            Hand::Ribs => ArmSpec::Reach {
                target: lateral(self.ribs),
                pole: side - self.front * 0.6 - self.up * 0.3,
                past_wrist: self.palm_m,
            },
            Hand::LowBack => ArmSpec::Reach {
                target: lateral(self.low_back),
                pole: side - self.front * 0.8,
                past_wrist: self.palm_m,
            },
            Hand::DowelNeck => ArmSpec::Reach {
                target: self.dowel_neck,
                pole: side + self.up * 1.2 - self.front * 0.2,
                past_wrist: self.grip_m,
            },
            Hand::DowelLowBack => ArmSpec::Reach {
                target: self.dowel_low_back,
                pole: side - self.front * 0.6 - self.up * 0.2,
                past_wrist: self.grip_m,
            },
        }
    }
}
