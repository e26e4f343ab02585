//! The outline of the body's surface: how thick the legs and the trunk are
//! along their segments. The balance solver uses it so a bar rests on the
//! front of the shins and a hand lies on the ribs; the mannequin generator
//! builds its shell from the same numbers, so what touches in the model
//! touches on screen.
//!
//! Sizes are fractions of stature, sized like an adult of average build
//! (thigh depth about 17 cm, calf depth 11 cm, chest depth 21 cm at 1.75 m:
//! adult anthropometric surveys). Limbs are not round about their bones: the
//! tibia lies just under the skin in front and the calf bulges behind, so
//! the front of the shin is 2-4 cm ahead of the knee-ankle line; the femur
//! lies towards the front of the thigh.

use glam::Vec2;

/// One station along a limb: fraction from its first joint, then the
/// lateral half-width, the depth in front of the joint line and behind it,
/// as fractions of stature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Station {
    pub t: f32,
    pub half_width: f32,
    pub front: f32,
    pub back: f32,
}

const fn st(t: f32, half_width: f32, front: f32, back: f32) -> Station {
    Station {
        t,
        half_width,
        front,
        back,
    }
}

/// The thigh, hip joint to knee joint. The femur runs in front of the
/// thigh's middle: the quadriceps in front are thinner than the buttock and
/// the hamstrings behind.
pub const THIGH: [Station; 4] = [
    st(0.0, 0.050, 0.034, 0.070),
    st(0.3, 0.048, 0.032, 0.068),
    st(0.75, 0.036, 0.030, 0.046),
    st(1.0, 0.030, 0.030, 0.034),
];

/// The shank, knee joint to ankle joint.
pub const SHANK: [Station; 4] = [
    st(0.0, 0.029, 0.024, 0.030),
    st(0.3, 0.032, 0.018, 0.046),
    st(0.8, 0.021, 0.013, 0.022),
    st(1.0, 0.018, 0.014, 0.020),
];

/// The knee cap stands out this far in front of the knee joint (a ball on
/// the mannequin).
pub const KNEE_RADIUS: f32 = 0.031;

/// The trunk: height above the mid-hip along the trunk axis, half width,
/// half depth (fractions of stature). The last two rows are set by the
/// trunk's own length (see [`torso_profile`]).
const TORSO: [(f32, f32, f32); 10] = [
    (-0.070, 0.045, 0.040),
    (-0.060, 0.072, 0.052),
    (-0.040, 0.088, 0.058),
    (-0.010, 0.092, 0.060),
    (0.030, 0.086, 0.057),
    (0.080, 0.076, 0.052),
    (0.120, 0.077, 0.053),
    (0.170, 0.086, 0.058),
    (0.220, 0.094, 0.062),
    (0.265, 0.098, 0.060),
];

/// The trunk's profile for a trunk of `trunk_m` (mid-hip to the base of
/// the neck) on a body of `stature_m`: (height above the mid-hip, half
/// width, half depth), in metres.
pub fn torso_profile(trunk_m: f32, stature_m: f32) -> [(f32, f32, f32); 12] {
    let h = stature_m;
    let top = trunk_m / h;
    let mut out = [(0.0, 0.0, 0.0); 12];
    for (o, &(s, w, d)) in out.iter_mut().zip(TORSO.iter()) {
        *o = (s * h, w * h, d * h);
    }
    out[10] = ((top - 0.012) * h, 0.090 * h, 0.052 * h);
    out[11] = ((top + 0.004) * h, 0.040 * h, 0.034 * h);
    out
}

/// The trunk's half depth at `s_m` above the mid-hip.
pub fn torso_half_depth(s_m: f32, trunk_m: f32, stature_m: f32) -> f32 {
    let p = torso_profile(trunk_m, stature_m);
    interpolate(&p.map(|(s, _, d)| (s, d)), s_m)
}

/// The trunk's half width at `s_m` above the mid-hip.
pub fn torso_half_width(s_m: f32, trunk_m: f32, stature_m: f32) -> f32 {
    let p = torso_profile(trunk_m, stature_m);
    interpolate(&p.map(|(s, w, _)| (s, w)), s_m)
}

fn interpolate(points: &[(f32, f32)], x: f32) -> f32 {
    let first = points[0];
    let last = points[points.len() - 1];
    if x <= first.0 {
        return first.1;
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if x <= b.0 {
            let u = (x - a.0) / (b.0 - a.0).max(1e-6);
            return a.1 + (b.1 - a.1) * u;
        }
    }
    last.1
}

/// The front of one leg in the sagittal plane (forward, up), from the hip
/// down to the ankle: points on the skin of the thigh, the knee cap and the
/// shin, pushed `extra_m` further out (the radius of a bar resting on it).
pub fn leg_front(hip: Vec2, knee: Vec2, ankle: Vec2, stature_m: f32, extra_m: f32) -> [Vec2; 11] {
    let h = stature_m;
    // The front of a segment running down the leg (hip to knee, knee to
    // ankle): its direction turned a quarter towards the toes, which stays
    // the front of the thigh when it lies flat in a deep bend.
    let normal = |a: Vec2, b: Vec2| {
        let d = (b - a).normalize_or(Vec2::NEG_Y);
        Vec2::new(-d.y, d.x)
    };
    let nt = normal(hip, knee);
    let ns = normal(knee, ankle);
    let at =
        |a: Vec2, b: Vec2, n: Vec2, s: &Station| a + (b - a) * s.t + n * (s.front * h + extra_m);
    let kr = KNEE_RADIUS * h + extra_m;
    // The knee cap: an arc from the thigh's front round to the shin's, in
    // steps small enough that a bar resting on it sits within millimetres
    // of its skin.
    let (a0, a1) = (nt.y.atan2(nt.x), ns.y.atan2(ns.x));
    let mut turn = a1 - a0;
    if turn > std::f32::consts::PI {
        turn -= std::f32::consts::TAU;
    } else if turn < -std::f32::consts::PI {
        turn += std::f32::consts::TAU;
    }
    let cap = |i: f32| {
        let a = a0 + turn * i / 4.0;
        knee + Vec2::new(a.cos(), a.sin()) * kr
    };
    [
        at(hip, knee, nt, &THIGH[0]),
        at(hip, knee, nt, &THIGH[1]),
        at(hip, knee, nt, &THIGH[2]),
        cap(0.0),
        cap(1.0),
        cap(2.0),
        cap(3.0),
        cap(4.0),
        at(knee, ankle, ns, &SHANK[1]),
        at(knee, ankle, ns, &SHANK[2]),
        at(knee, ankle, ns, &SHANK[3]),
    ]
}

/// Signed distance from a point to a polyline drawn down the front of the
/// legs: positive in front of it, negative behind (inside the leg).
pub fn distance_in_front(outline: &[Vec2], p: Vec2) -> f32 {
    let mut best = f32::INFINITY;
    let mut sign = 1.0;
    for w in outline.windows(2) {
        let (a, b) = (w[0], w[1]);
        let ab = b - a;
        let u = ((p - a).dot(ab) / ab.length_squared().max(1e-9)).clamp(0.0, 1.0);
        let q = a + ab * u;
        let d = p.distance(q);
        if d < best {
            best = d;
            // Which side of the segment: the outline runs down the leg, so
            // its front is the direction turned a quarter towards the toes.
            let n = Vec2::new(-ab.y, ab.x);
            sign = if (p - q).dot(n) >= 0.0 { 1.0 } else { -1.0 };
        }
    }
    sign * best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_in_front_of_a_vertical_leg_is_positive_and_behind_negative() {
        let hip = Vec2::new(0.0, 0.9);
        let knee = Vec2::new(0.0, 0.5);
        let ankle = Vec2::new(0.0, 0.07);
        let o = leg_front(hip, knee, ankle, 1.75, 0.0);
        assert!(distance_in_front(&o, Vec2::new(0.2, 0.7)) > 0.1);
        assert!(distance_in_front(&o, Vec2::new(-0.05, 0.7)) < 0.0);
        // The front of the shin is a few centimetres ahead of the joints' line.
        let shin = o[9];
        assert!(shin.x > 0.015 && shin.x < 0.045, "{shin}");
    }
}
