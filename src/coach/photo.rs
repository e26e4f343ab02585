//! A learner's own hinge from a side photo: the joints they marked become
//! angles, the angles become the body model's pose, and the coach judges it
//! with the same rules and words as the mannequin. Plain Rust.
//!
//! The marks are points on the picture (pixels, y down): ankle, knee, hip,
//! shoulder and ear, and optionally toe, heel and the small of the back. The
//! angles are measured as the overlays draw them (knee and hip between
//! segments; shin and trunk against the vertical; the neck between the trunk
//! and the head). The body model is then fitted to the marks: the same
//! landmarks taken from the solved mannequin give the same angles, so the
//! learner's pose and the mannequin's agree by construction, whatever the
//! geometry of the marks (a hip is marked at the joint, a back on the skin).
//! The shin's lean in the photo, against the lean the model needs to
//! balance, tells where the weight is: ahead of the midfoot or behind it.

use glam::Vec2;
use serde::Serialize;

use super::evaluate::{Verdict, evaluate};
use super::fault::Fault;
use super::thresholds::Thresholds;
use crate::body::{Joint, PoseRequest, SolvedBody, ranges, solve};

/// The landmarks of a side photo, in pixels (x right, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Marks {
    pub ankle: Option<Vec2>,
    pub knee: Option<Vec2>,
    pub hip: Option<Vec2>,
    pub shoulder: Option<Vec2>,
    pub ear: Option<Vec2>,
    pub toe: Option<Vec2>,
    pub heel: Option<Vec2>,
    /// The small of the back, on the skin, halfway up the lumbar curve.
    pub low_back: Option<Vec2>,
}

/// A landmark, by name (the `--points` keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Landmark {
    Ankle,
    Knee,
    Hip,
    Shoulder,
    Ear,
    Toe,
    Heel,
    LowBack,
}

impl Landmark {
    pub const ALL: [Landmark; 8] = [
        Landmark::Ankle,
        Landmark::Knee,
        Landmark::Hip,
        Landmark::Shoulder,
        Landmark::Ear,
        Landmark::Toe,
        Landmark::Heel,
        Landmark::LowBack,
    ];
    pub const REQUIRED: [Landmark; 4] = [
        Landmark::Ankle,
        Landmark::Knee,
        Landmark::Hip,
        Landmark::Shoulder,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Landmark::Ankle => "ankle",
            Landmark::Knee => "knee",
            Landmark::Hip => "hip",
            Landmark::Shoulder => "shoulder",
            Landmark::Ear => "ear",
            Landmark::Toe => "toe",
            Landmark::Heel => "heel",
            Landmark::LowBack => "low_back",
        }
    }

    pub fn from_id(id: &str) -> Option<Landmark> {
        let id = id.trim().replace('-', "_");
        Landmark::ALL.into_iter().find(|l| l.id() == id)
    }

    /// What to tap, in a learner's words.
    pub fn hint(self) -> &'static str {
        match self {
            Landmark::Ankle => "the ankle bone",
            Landmark::Knee => "the middle of the knee",
            Landmark::Hip => "the hip joint (the bony point at the side of the hip)",
            Landmark::Shoulder => "the middle of the shoulder",
            Landmark::Ear => "the ear",
            Landmark::Toe => "the tip of the shoe",
            Landmark::Heel => "the back of the heel",
            Landmark::LowBack => "the small of the back, on the skin",
        }
    }
}

impl Marks {
    pub fn get(&self, l: Landmark) -> Option<Vec2> {
        match l {
            Landmark::Ankle => self.ankle,
            Landmark::Knee => self.knee,
            Landmark::Hip => self.hip,
            Landmark::Shoulder => self.shoulder,
            Landmark::Ear => self.ear,
            Landmark::Toe => self.toe,
            Landmark::Heel => self.heel,
            Landmark::LowBack => self.low_back,
        }
    }

    pub fn set(&mut self, l: Landmark, p: Option<Vec2>) {
        let slot = match l {
            Landmark::Ankle => &mut self.ankle,
            Landmark::Knee => &mut self.knee,
            Landmark::Hip => &mut self.hip,
            Landmark::Shoulder => &mut self.shoulder,
            Landmark::Ear => &mut self.ear,
            Landmark::Toe => &mut self.toe,
            Landmark::Heel => &mut self.heel,
            Landmark::LowBack => &mut self.low_back,
        };
        *slot = p;
    }

    /// Parse `ankle=X,Y;knee=X,Y;...` (the `--points` option).
    pub fn parse(text: &str) -> Result<Marks, String> {
        let mut marks = Marks::default();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, xy) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}`: write a point as NAME=X,Y"))?;
            let l = Landmark::from_id(name).ok_or_else(|| {
                let known: Vec<&str> = Landmark::ALL.iter().map(|l| l.id()).collect();
                format!("`{name}` is not a landmark; known: {}", known.join(", "))
            })?;
            if marks.get(l).is_some() {
                return Err(format!("`{}` is given twice", l.id()));
            }
            let (x, y) = xy
                .split_once(',')
                .ok_or_else(|| format!("`{part}`: write a point as NAME=X,Y"))?;
            let num = |s: &str| {
                s.trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("`{part}`: `{}` is not a number", s.trim()))
            };
            marks.set(l, Some(Vec2::new(num(x)?, num(y)?)));
        }
        Ok(marks)
    }

    /// Problems that stop a verdict: a required mark missing, two marks on
    /// one spot, a mark outside the picture (when its size is known).
    pub fn problems(&self, picture: Option<(f32, f32)>) -> Vec<String> {
        let mut out = Vec::new();
        for l in Landmark::REQUIRED {
            if self.get(l).is_none() {
                out.push(format!("mark {}: {}", l.id(), l.hint()));
            }
        }
        let placed: Vec<(Landmark, Vec2)> = Landmark::ALL
            .iter()
            .filter_map(|l| self.get(*l).map(|p| (*l, p)))
            .collect();
        // Two marks closer than 1% of the figure's size are one mark twice.
        let size = placed
            .iter()
            .flat_map(|(_, a)| placed.iter().map(move |(_, b)| a.distance(*b)))
            .fold(0.0, f32::max);
        for (i, (a, pa)) in placed.iter().enumerate() {
            for (b, pb) in &placed[i + 1..] {
                if pa.distance(*pb) <= 0.01 * size {
                    out.push(format!("{} and {} are on the same spot", a.id(), b.id()));
                }
            }
            if let Some((w, h)) = picture
                && !(0.0..=w).contains(&pa.x) | !(0.0..=h).contains(&pa.y)
            {
                out.push(format!(
                    "{} at ({:.0}, {:.0}) is outside the {w:.0}x{h:.0} picture",
                    a.id(),
                    pa.x,
                    pa.y
                ));
            }
        }
        out
    }
}

/// The angles read off the marks (degrees, INTERFACES.md conventions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PhotoAngles {
    /// Knee flexion: 0 straight.
    pub knee_deg: f32,
    /// Between the thigh and the line from hip to shoulder: 0 standing tall.
    pub hip_trunk_deg: f32,
    /// The shin's lean from vertical, towards the toes positive.
    pub shin_deg: f32,
    /// The trunk's lean from vertical (hip to shoulder), forward positive.
    pub trunk_deg: f32,
    /// The head's bend from the line of the trunk, chin tucked positive
    /// (needs the ear).
    pub neck_deg: Option<f32>,
    /// The bend at the small of the back (needs its mark).
    pub low_back_bend_deg: Option<f32>,
}

/// Which way the person faces: +1 to the right of the picture, -1 left.
fn facing(m: &Marks, ankle: Vec2, hip: Vec2, shoulder: Vec2) -> f32 {
    if let (Some(t), Some(h)) = (m.toe, m.heel) {
        return (t.x - h.x).signum();
    }
    if let Some(t) = m.toe {
        return (t.x - ankle.x).signum();
    }
    // In a hinge the trunk leans towards where the person faces; standing,
    // the hips sit over the ankles and the shoulders too: fall back on the ear.
    let lean = shoulder.x - hip.x;
    if lean.abs() > 1.0 {
        return lean.signum();
    }
    m.ear.map_or(1.0, |e| (e.x - shoulder.x).signum().max(-1.0))
}

/// Angle of `v` from straight up, positive leaning the way the person faces.
fn lean_deg(v: Vec2, face: f32) -> f32 {
    (face * v.x).atan2(v.y).to_degrees()
}

/// The signed angle that turns `from` to `to`, towards the person's front
/// positive (points in "up" coordinates: x forward, y up).
fn turn_deg(from: Vec2, to: Vec2) -> f32 {
    from.perp_dot(to).atan2(from.dot(to)).to_degrees()
}

/// The largest photo the tutor reads: a phone's 48-megapixel picture.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

/// Why a photo of this size in pixels cannot be read, if it cannot: the
/// same words on the desktop, on the web and on the command line.
pub fn size_problem(w: u32, h: u32) -> Option<String> {
    if w == 0 || h == 0 {
        return Some("the picture is empty".into());
    }
    (u64::from(w) * u64::from(h) > MAX_PHOTO_PIXELS).then(|| {
        format!(
            "{w}x{h} is too big: at most {} megapixels",
            MAX_PHOTO_PIXELS / 1_000_000
        )
    })
}

/// Read the angles off a set of marks, or say what is missing.
pub fn angles(m: &Marks) -> Result<PhotoAngles, Vec<String>> {
    let problems = m.problems(None);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(ankle), Some(knee), Some(hip), Some(shoulder)) = (m.ankle, m.knee, m.hip, m.shoulder)
    else {
        return Err(vec!["the four main marks are needed".into()]);
    };
    let face = facing(m, ankle, hip, shoulder);
    // To "up" coordinates: x forward (the way the person faces), y up.
    let up = |p: Vec2| Vec2::new(face * p.x, -p.y);
    let (a, k, h, s) = (up(ankle), up(knee), up(hip), up(shoulder));
    let shank = k - a;
    let thigh = h - k;
    let trunk = s - h;
    // Turning forward is clockwise here (x forward, y up): a bend forward
    // is a negative turn.
    Ok(PhotoAngles {
        // A bending knee turns the thigh back from the shin's line.
        knee_deg: turn_deg(shank, thigh),
        // A hinge turns the trunk forward from the thigh's line.
        hip_trunk_deg: -turn_deg(thigh, trunk),
        shin_deg: lean_deg(shank, 1.0),
        trunk_deg: lean_deg(trunk, 1.0),
        // Chin tucked bends the head forward of the trunk's line.
        neck_deg: m.ear.map(|e| -turn_deg(trunk, up(e) - s)),
        // A rounding lower back turns the upper trunk forward of the lower.
        low_back_bend_deg: m.low_back.map(|b| {
            let b = up(b);
            -turn_deg(b - h, s - b)
        }),
    })
}

/// The landmarks of a solved body as a side photo would show them (figure
/// space, forward = +z, up = +y): the same points a learner marks.
pub fn model_marks(s: &SolvedBody) -> Marks {
    let mut marks = Marks::default();
    for (l, v) in model_points(s, false) {
        marks.set(l, Some(Vec2::new(v.z, -v.y)));
    }
    marks
}

/// The 33 landmarks of MediaPipe's pose model (BlazePose: x and y in the
/// photo's pixels, then a visibility from 0 to 1), as the marks of a side
/// photo: the side of the body facing the camera, the one the model sees
/// better. The lower back is not among them: it stays for the hand. `None`
/// when the list is not the model's 33 points.
pub fn marks_from_pose_landmarks(points: &[[f32; 3]]) -> Option<Marks> {
    const POINTS: usize = 33;
    // BlazePose's numbering: (left, right) for each mark of a side photo.
    const SIDES: [(Landmark, usize, usize); 7] = [
        (Landmark::Ear, 7, 8),
        (Landmark::Shoulder, 11, 12),
        (Landmark::Hip, 23, 24),
        (Landmark::Knee, 25, 26),
        (Landmark::Ankle, 27, 28),
        (Landmark::Heel, 29, 30),
        (Landmark::Toe, 31, 32),
    ];
    if points.len() != POINTS || points.iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    let seen = |i: usize| points[i][2];
    let left: f32 = SIDES.iter().map(|(_, l, _)| seen(*l)).sum();
    let right: f32 = SIDES.iter().map(|(_, _, r)| seen(*r)).sum();
    let mut marks = Marks::default();
    for (mark, l, r) in SIDES {
        let i = if left >= right { l } else { r };
        marks.set(mark, Some(Vec2::new(points[i][0], points[i][1])));
    }
    Some(marks)
}

/// How far from the learner the view asks for the photo to be taken, and
/// at what height: about 3 m away, level with the hips.
pub const PHOTO_DISTANCE_M: f32 = 3.0;

/// The landmarks as a phone `distance_m` from the learner's side sees
/// them, level with the hips and aimed at them: the near side's joints
/// (a hip, a shoulder) are nearer the phone than the middle of the back
/// and are drawn a little further from the picture's centre. A lower-back
/// curve is read from three marks a hand's width apart, so this matters:
/// fitted with the flat projection (`model_marks`), a 35° rounded back
/// photographed from 3.5 m read 25° (`hinge gen-photo`, tests/render.rs).
pub fn seen_marks(s: &SolvedBody, distance_m: f32) -> Marks {
    let hip = s.joint(Joint::HipL);
    let aim = Vec2::new(0.0, hip.y);
    let mut marks = Marks::default();
    for (l, v) in model_points(s, false) {
        let nearer = v.x.abs().min(distance_m * 0.5);
        let p = aim + (Vec2::new(v.z, v.y) - aim) * (distance_m / (distance_m - nearer));
        marks.set(l, Some(Vec2::new(p.x, -p.y)));
    }
    marks
}

/// The landmarks of a solved body in figure space, on its left side or
/// (`right`) its right one: what a camera on that side sees and a learner
/// marks (the ear a third of the way up the head, the small of the back on
/// the skin behind the middle of the lumbar spine).
pub fn model_points(s: &SolvedBody, right: bool) -> [(Landmark, glam::Vec3); 8] {
    let side = |l: Joint, r: Joint| s.joint(if right { r } else { l });
    let ear = {
        let base = s.joint(Joint::HeadBase);
        let top = s.joint(Joint::Vertex);
        base + (top - base) * 0.35
    };
    let low_back = {
        let l5 = s.joint(Joint::L5S1);
        let t12 = s.joint(Joint::T12);
        let mid = (l5 + t12) * 0.5;
        let along = (t12 - l5).normalize_or(glam::Vec3::Y);
        let front = glam::Vec3::new(0.0, -along.z, along.y);
        mid - front * (0.5 * s.body.trunk_depth_m * 0.8)
    };
    [
        (Landmark::Ankle, side(Joint::AnkleL, Joint::AnkleR)),
        (Landmark::Knee, side(Joint::KneeL, Joint::KneeR)),
        (Landmark::Hip, side(Joint::HipL, Joint::HipR)),
        (Landmark::Shoulder, side(Joint::ShoulderL, Joint::ShoulderR)),
        (Landmark::Ear, ear),
        (Landmark::Toe, side(Joint::ToeL, Joint::ToeR)),
        (Landmark::Heel, side(Joint::HeelL, Joint::HeelR)),
        (Landmark::LowBack, low_back),
    ]
}

/// The learner's pose on the body model: knee, hip, lower back and neck
/// fitted so the model's own marks read the photo's angles, and the balance
/// shifted so its shins lean as the photo's do.
#[derive(Debug, Clone)]
pub struct PhotoPose {
    pub angles: PhotoAngles,
    pub request: PoseRequest,
    /// What the photo could not tell, in plain words.
    pub not_judged: Vec<String>,
}

/// Fit the body model to the marks. `base` gives the body (stature, sex,
/// mass) and what it holds.
pub fn fit(m: &Marks, base: &PoseRequest) -> Result<PhotoPose, Vec<String>> {
    let want = angles(m)?;
    let mut r = *base;
    r.pose.knee_deg = want.knee_deg.clamp(ranges::KNEE.min, ranges::KNEE.max);
    r.pose.hip_deg = want.hip_trunk_deg;
    r.pose.lumbar_deg = 0.0;
    r.pose.thoracic_deg = 0.0;
    r.pose.neck_deg = 0.0;
    r.pose.valgus_deg = 0.0;
    r.pose.balance_shift_m = 0.0;
    // Each measured angle moves with one input: nudge each input by its
    // error until the model reads what the photo reads. Bounded: it
    // converges in a handful of rounds; 12 is plenty.
    for _ in 0..12 {
        let s = solve(&r);
        let got = angles(&seen_marks(&s, PHOTO_DISTANCE_M))?;
        let p = &mut r.pose;
        p.knee_deg = ranges::KNEE.clamp(p.knee_deg + (want.knee_deg - got.knee_deg));
        p.hip_deg = ranges::hip_for_knee(p.knee_deg)
            .clamp(p.hip_deg + (want.hip_trunk_deg - got.hip_trunk_deg));
        if let (Some(w), Some(g)) = (want.low_back_bend_deg, got.low_back_bend_deg) {
            p.lumbar_deg = ranges::LUMBAR.clamp(p.lumbar_deg + (w - g));
        }
        if let (Some(w), Some(g)) = (want.neck_deg, got.neck_deg) {
            p.neck_deg = ranges::NECK.clamp(p.neck_deg + (w - g));
        }
        // The shin leans where the weight is: a shin further forward than
        // the balanced model's puts the weight ahead of the midfoot.
        let shin_error = want.shin_deg - got.shin_deg;
        let k = s.body.stature_m * 0.004; // metres of shift per degree, roughly
        p.balance_shift_m = ranges::BALANCE_SHIFT.clamp(p.balance_shift_m + shin_error * k);
    }
    let mut not_judged =
        vec!["knees caving cannot be seen from the side: check them from the front".to_string()];
    if m.low_back.is_none() {
        not_judged.insert(
            0,
            "the lower back could not be judged: mark the small of the back".into(),
        );
    }
    if m.ear.is_none() {
        not_judged.insert(0, "the neck could not be judged: mark the ear".into());
    }
    Ok(PhotoPose {
        angles: want,
        request: r,
        not_judged,
    })
}

/// What a photo's verdict should be read with: a camera above the hips
/// looks down on the near shoulder and hip, which then sit lower against
/// the small of the back (a midline mark) and read as a rounder back and a
/// lifted chin. Measured with `hinge gen-photo` (1.60 m, knee 25°, hip
/// 95°, straight back, 3 m away): side-on at hip height it read 0.1° of
/// lumbar flexion and 0.7° of neck; from 5° above (26 cm higher) 8.6° and
/// -13°, from 10° above 16.9° and -26°, both then called faults.
pub fn caveat(v: &Verdict) -> Option<&'static str> {
    v.faults
        .iter()
        .any(|f| matches!(f, Fault::RoundedBack | Fault::ChinUp))
        .then_some(
            "a photo from above the hips makes the back look rounder and the chin higher: \
             if the phone was not at hip height, take it again",
        )
}

/// The coach's verdict on a photo: the same rules as the mannequin's, with
/// the faults the photo cannot show left out.
pub fn verdict(p: &PhotoPose, m: &Marks, t: &Thresholds) -> Verdict {
    let mut v = evaluate(&solve(&p.request), t);
    v.faults.retain(|f| match f {
        Fault::RoundedBack | Fault::RibsFlared => m.low_back.is_some(),
        Fault::ChinUp => m.ear.is_some(),
        Fault::KneesCaving => false,
        _ => true,
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pose model's points become the marks of the side it sees best;
    /// the small of the back is left for the hand; a short list is refused.
    #[test]
    fn a_pose_model_s_landmarks_mark_the_side_facing_the_camera() {
        let mut points = vec![[0.0_f32, 0.0, 0.1]; 33];
        // The right side faces the camera: seen well, and placed apart.
        for (i, p) in points.iter_mut().enumerate() {
            if i % 2 == 0 && i >= 8 {
                *p = [i as f32 * 10.0, i as f32 * 20.0, 0.9];
            }
        }
        let m = marks_from_pose_landmarks(&points).expect("33 points");
        assert_eq!(m.ankle, Some(Vec2::new(280.0, 560.0)));
        assert_eq!(m.hip, Some(Vec2::new(240.0, 480.0)));
        assert_eq!(m.ear, Some(Vec2::new(80.0, 160.0)));
        assert_eq!(m.toe, Some(Vec2::new(320.0, 640.0)));
        assert_eq!(m.low_back, None);
        assert!(marks_from_pose_landmarks(&points[..20]).is_none());
        points[3][0] = f32::NAN;
        assert!(marks_from_pose_landmarks(&points).is_none());
    }
}
