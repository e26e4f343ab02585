//! The drill library: every hinge drill of the seed articles, on the
//! progression ladder of seed 004, with keyframed phases, cues and props.
//! Plain Rust: the drill and sampling its animation; reading and checking a
//! drill file is `check.rs`, the Bevy asset loader `assets.rs`.

pub mod assets;
mod check;
pub mod lesson;
mod library;
pub mod playback;

use serde::{Deserialize, Serialize};

use crate::body::moments::{Moments, moments};
use crate::body::{Arms, Hand, Implement, Load, LoadPlace, PoseRequest, solve};
use crate::coach::{Fault, Frame, Moment, Thresholds, ThresholdsFile, twin};

pub use check::{FLOOR_TOLERANCE_M, nth_line_of, out_of_range};
pub use library::Library;
pub use playback::Playback;

/// Rungs of the progression ladder (seed 004), plus the unloaded drills of
/// the other seeds that come before it (the wall and band-and-stick drills
/// of seeds 002 and 003). The other seeds' loaded drills sit beside a rung
/// (`Drill::on_ladder` is false for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Before the ladder: unloaded drills that teach the shape (seeds 002, 003).
    Foundation,
    /// Seed 004 rung 1: drills that give feedback on the hinge.
    Feedback,
    /// Seed 004 rung 2: the skill under a light load.
    LoadedSkill,
    /// Seed 004 rung 3: strength.
    Strength,
    /// Seed 004 rung 4: the heaviest lifts.
    Highest,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Foundation,
        Level::Feedback,
        Level::LoadedSkill,
        Level::Strength,
        Level::Highest,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Level::Foundation => "foundation",
            Level::Feedback => "feedback",
            Level::LoadedSkill => "loaded_skill",
            Level::Strength => "strength",
            Level::Highest => "highest",
        }
    }

    /// The rung number shown to users (0 for the foundation).
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Foundation => "Before the ladder: learn the shape",
            Level::Feedback => "Level 1: feedback drills",
            Level::LoadedSkill => "Level 2: loaded skill",
            Level::Strength => "Level 3: strength",
            Level::Highest => "Level 4: the big lifts",
        }
    }
}

/// The parts of one repetition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    Setup,
    Descent,
    /// Held at the sticking point (seed 001, step 5).
    Hold,
    Ascent,
}

impl PhaseKind {
    pub const ALL: [PhaseKind; 4] = [
        PhaseKind::Setup,
        PhaseKind::Descent,
        PhaseKind::Hold,
        PhaseKind::Ascent,
    ];

    pub fn from_id(id: &str) -> Option<PhaseKind> {
        PhaseKind::ALL.into_iter().find(|k| k.id() == id)
    }

    pub fn name(self) -> &'static str {
        match self {
            PhaseKind::Setup => "Set up",
            PhaseKind::Descent => "Lower",
            PhaseKind::Hold => "Hold",
            PhaseKind::Ascent => "Stand up",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            PhaseKind::Setup => "setup",
            PhaseKind::Descent => "descent",
            PhaseKind::Hold => "hold",
            PhaseKind::Ascent => "ascent",
        }
    }
}

/// Things drawn with the mannequin. The load's mass is in `Drill::load`;
/// props only say what it looks like and what else stands on the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prop {
    /// A stick along the back: head, upper back and tailbone touch it.
    Dowel,
    /// An elastic band looped around the hips, anchored behind.
    Band,
    /// A wall behind the lifter, a foot's length from the heels.
    Wall,
    /// A bench in front of the shins.
    Bench,
    /// One kettlebell, where the load is held.
    Kettlebell,
    /// Two kettlebells, one in each hand.
    Kettlebells,
    /// One dumbbell in each hand.
    Dumbbells,
    /// A barbell with plates, in the hands or on the upper back.
    Barbell,
    /// A hexagonal bar the lifter stands inside.
    TrapBar,
    /// A bar anchored to the floor in front, the free end in the hands.
    Landmine,
    /// A low pulley behind the lifter, the rope between the legs.
    Cable,
    /// Chains hung round the neck.
    Chains,
    /// A plate under the front of the feet (toes elevated).
    ToePlate,
}

impl Prop {
    pub const ALL: [Prop; 13] = [
        Prop::Dowel,
        Prop::Band,
        Prop::Wall,
        Prop::Bench,
        Prop::Kettlebell,
        Prop::Kettlebells,
        Prop::Dumbbells,
        Prop::Barbell,
        Prop::TrapBar,
        Prop::Landmine,
        Prop::Cable,
        Prop::Chains,
        Prop::ToePlate,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Prop::Dowel => "dowel",
            Prop::Band => "band",
            Prop::Wall => "wall",
            Prop::Bench => "bench",
            Prop::Kettlebell => "kettlebell",
            Prop::Kettlebells => "two kettlebells",
            Prop::Dumbbells => "dumbbells",
            Prop::Barbell => "barbell",
            Prop::TrapBar => "trap bar",
            Prop::Landmine => "landmine",
            Prop::Cable => "cable",
            Prop::Chains => "chains",
            Prop::ToePlate => "plate under the toes",
        }
    }
}

/// The joint angles of one keyframe (INTERFACES.md conventions, degrees).
/// Angles left out are 0 (neutral).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Key {
    pub knee_deg: f32,
    pub hip_deg: f32,
    pub lumbar_deg: f32,
    pub thoracic_deg: f32,
    pub neck_deg: f32,
    /// Whether the hands hold the drill's load (a load carried in the hands)
    /// at the end of this phase: `false` (or 0) it stands on the floor, as a
    /// deadlift's bar does until the hands take it. Written `true`/`false`
    /// in the files; a fraction in between while the hands take it up.
    #[serde(deserialize_with = "share")]
    pub holding: f32,
}

/// A share written as `true`/`false` (all or nothing) or as a number.
fn share<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Share {
        All(bool),
        Part(f32),
    }
    Ok(match Share::deserialize(d)? {
        Share::All(b) => f32::from(u8::from(b)),
        Share::Part(x) => x,
    })
}

/// Of a release that ends a phase, the part over which the hands let go
/// (the body has barely moved by then; the rest of the phase is empty-handed).
const RELEASE_SHARE: f32 = 0.03;

impl Default for Key {
    fn default() -> Self {
        Key {
            knee_deg: 0.0,
            hip_deg: 0.0,
            lumbar_deg: 0.0,
            thoracic_deg: 0.0,
            neck_deg: 0.0,
            holding: 1.0,
        }
    }
}

impl Key {
    /// The pose `s` of the way from this key to `to`. The hands take a load
    /// up over the whole phase (a hold, standing still) and let it go at the
    /// start of a phase (before the body has moved away from it).
    pub fn lerp(&self, to: &Key, s: f32) -> Key {
        let l = |a: f32, b: f32| a + (b - a) * s;
        let holding = if to.holding >= self.holding {
            l(self.holding, to.holding)
        } else {
            let u = (s / RELEASE_SHARE).min(1.0);
            self.holding + (to.holding - self.holding) * u
        };
        Key {
            knee_deg: l(self.knee_deg, to.knee_deg),
            hip_deg: l(self.hip_deg, to.hip_deg),
            lumbar_deg: l(self.lumbar_deg, to.lumbar_deg),
            thoracic_deg: l(self.thoracic_deg, to.thoracic_deg),
            neck_deg: l(self.neck_deg, to.neck_deg),
            holding,
        }
    }

    /// Set these angles (and the hands' hold) on a pose, leaving the rest of it.
    pub fn apply_to(&self, p: &mut crate::body::Pose) {
        p.knee_deg = self.knee_deg;
        p.hip_deg = self.hip_deg;
        p.lumbar_deg = self.lumbar_deg;
        p.thoracic_deg = self.thoracic_deg;
        p.neck_deg = self.neck_deg;
        p.holding = self.holding;
    }
}

/// One phase: the pose it ends in, how long it takes, and its cue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub kind: PhaseKind,
    pub seconds: f32,
    /// The pose at the end of the phase; the phase moves there from the end
    /// of the previous one (the first starts where the last ends, so a loop
    /// is seamless).
    pub to: Key,
    /// What a coach says during this phase.
    pub cue: String,
}

/// How the feet are placed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stance {
    pub width_m: f32,
    pub toe_out_deg: f32,
    /// A plate under the front of the feet (the toes-elevated drills).
    #[serde(default)]
    pub forefoot_raise_m: f32,
}

/// Where the arms are when the hands hold no load: both at set angles
/// relative to the trunk, or each hand on its place.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ArmsSet {
    /// Shoulder and elbow flexion relative to the trunk, both arms.
    Set { shoulder_deg: f32, elbow_deg: f32 },
    /// Each hand on its place (the ribs, the small of the back, the dowel).
    Hands { left: Hand, right: Hand },
}

/// One drill, as written in `assets/drills/ID.drill.ron`.
#[derive(
    Debug, Clone, PartialEq, Serialize, Deserialize, bevy::asset::Asset, bevy::reflect::TypePath,
)]
#[serde(deny_unknown_fields)]
pub struct Drill {
    pub id: String,
    pub name: String,
    pub level: Level,
    /// Order within the level, 1 first.
    pub rank: u32,
    /// One line for the library list.
    pub summary: String,
    /// Why it matters, for the card.
    pub why: String,
    /// Which seed article (and BIOMECHANICS.md section) it rests on.
    pub source: String,
    /// Whether seed 004 puts this drill on its ladder (at `level`); the
    /// other seeds' drills sit beside it, at the rung the tutor finds fits.
    #[serde(default)]
    pub on_ladder: bool,
    /// What the drill card should say about how the drill was made, where a
    /// seed only names it (our reading of a short description).
    #[serde(default)]
    pub note: Option<String>,
    /// What a learner needs, in words.
    pub equipment: Vec<String>,
    /// What is drawn.
    #[serde(default)]
    pub props: Vec<Prop>,
    /// A lift from the floor: at the hold the load in the hands stands on
    /// the floor (a bar on its plates, a bell on its base).
    #[serde(default)]
    pub from_floor: bool,
    /// Where the load waits on the floor while the hands are off it, ahead
    /// of the midfoot: where the hold puts it (worked out when parsed).
    #[serde(skip)]
    pub rest_ahead_m: f32,
    pub stance: Stance,
    #[serde(default)]
    pub load: Option<Load>,
    /// Placed arms; `None` lets them hang (or hold the load where it is held).
    #[serde(default)]
    pub arms: Option<ArmsSet>,
    /// A preset of `coach/thresholds.ron`; empty for the defaults.
    #[serde(default)]
    pub thresholds: String,
    /// Faults this drill is prone to.
    pub faults: Vec<Fault>,
    pub phases: Vec<Phase>,
}

impl Drill {
    /// Where the hands hold the load in the hands at the hold: the grip's
    /// centre. `None` without a load in the hands.
    pub fn hold_grip(&self) -> Option<glam::Vec3> {
        let hold = self.hold()?;
        let mut key = hold.to;
        key.holding = 1.0;
        let s = solve(&self.request(&key));
        s.held.filter(|h| h.in_hands).map(|h| h.centre())
    }

    /// The thresholds this drill is judged by.
    pub fn thresholds(&self, file: &ThresholdsFile) -> Thresholds {
        file.preset_or_default(&self.thresholds)
    }

    /// The full pose request for a keyframe: stance, load and arms added.
    pub fn request(&self, key: &Key) -> PoseRequest {
        let mut r = PoseRequest::default();
        key.apply_to(&mut r.pose);
        self.equip(&mut r);
        r
    }

    /// Put this drill's stance, arms and load on a pose (the learner's own
    /// joint angles stay).
    pub fn equip(&self, r: &mut PoseRequest) {
        let p = &mut r.pose;
        p.stance_width_m = self.stance.width_m;
        p.toe_out_deg = self.stance.toe_out_deg;
        p.forefoot_raise_m = self.stance.forefoot_raise_m;
        p.rest_ahead_m = self.rest_ahead_m;
        match self.arms {
            Some(ArmsSet::Set {
                shoulder_deg,
                elbow_deg,
            }) => {
                p.arms = Arms::Set;
                p.shoulder_deg = shoulder_deg;
                p.elbow_deg = elbow_deg;
            }
            Some(ArmsSet::Hands { left, right }) => p.arms = Arms::Hands { left, right },
            None => p.arms = Arms::Hang,
        }
        r.load = self.load.map(|l| Load {
            implement: self.implement(),
            ..l
        });
    }

    /// What the hands hold when the load is in the hands, from the props
    /// that draw it.
    pub fn implement(&self) -> Implement {
        let has = |p: Prop| self.props.contains(&p);
        if has(Prop::TrapBar) {
            Implement::TrapBar
        } else if has(Prop::Landmine) {
            Implement::Landmine
        } else if has(Prop::Kettlebells) {
            Implement::Kettlebells
        } else if has(Prop::Kettlebell) {
            Implement::Kettlebell
        } else if has(Prop::Dumbbells) {
            Implement::Dumbbells
        } else {
            Implement::Barbell
        }
    }

    /// The thresholds preset by name; the default ones are the RDL's.
    pub fn preset(&self) -> &str {
        if self.thresholds.is_empty() {
            "rdl"
        } else {
            &self.thresholds
        }
    }

    /// Seconds for one repetition.
    pub fn duration_s(&self) -> f32 {
        self.phases.iter().map(|p| p.seconds).sum()
    }

    /// The end of a part of the repetition: the last phase of the first run
    /// of phases of this kind (a deadlift stands up in two phases, to the
    /// knees and to lockout: its `ascent` ends at lockout).
    pub fn phase_end(&self, kind: PhaseKind) -> Option<&Phase> {
        let first = self.phases.iter().position(|p| p.kind == kind)?;
        let run = self.phases[first..]
            .iter()
            .take_while(|p| p.kind == kind)
            .count();
        self.phases.get(first + run - 1)
    }

    /// The hold at the sticking point.
    pub fn hold(&self) -> Option<&Phase> {
        self.phases.iter().find(|p| p.kind == PhaseKind::Hold)
    }

    /// When the hold phase starts: the sticking point.
    pub fn hold_start_s(&self) -> f32 {
        let mut t = 0.0;
        for p in &self.phases {
            if p.kind == PhaseKind::Hold {
                return t;
            }
            t += p.seconds;
        }
        0.0
    }

    /// The middle of the hold: what a still picture of the drill shows.
    pub fn sticking_point_s(&self) -> f32 {
        self.hold_start_s() + self.hold().map_or(0.0, |p| p.seconds / 2.0)
    }

    /// The pose at `t` seconds into a repetition (clamped), and the index
    /// of the phase it falls in. Phases ease in and out so the motion starts
    /// and stops smoothly.
    pub fn sample(&self, t: f32) -> (Key, usize) {
        let n = self.phases.len();
        let Some(last) = self.phases.last() else {
            return (Key::default(), 0);
        };
        let mut from = last.to;
        let mut start = 0.0;
        let t = if t.is_finite() { t.max(0.0) } else { 0.0 };
        for (i, phase) in self.phases.iter().enumerate() {
            let end = start + phase.seconds;
            if t < end || i == n - 1 {
                let s = ((t - start) / phase.seconds).clamp(0.0, 1.0);
                let eased = s * s * (3.0 - 2.0 * s);
                return (from.lerp(&phase.to, eased), i);
            }
            from = phase.to;
            start = end;
        }
        (last.to, n - 1)
    }

    /// The deepest hip angle of the repetition: what "full depth" is for a
    /// faulty twin.
    pub fn deepest_hip_deg(&self) -> f32 {
        self.phases
            .iter()
            .map(|p| p.to.hip_deg)
            .fold(0.0, f32::max)
            .max(1.0)
    }

    /// Where in the repetition a key falls, for a faulty twin.
    pub fn moment(&self, key: &Key, phase: usize) -> Moment {
        Moment {
            depth: (key.hip_deg / self.deepest_hip_deg()).clamp(0.0, 1.0),
            rising: self
                .phases
                .get(phase)
                .is_some_and(|p| p.kind == PhaseKind::Ascent),
        }
    }

    /// The pose at `t` seconds into a repetition, correct or with a fault
    /// put in where it happens.
    pub fn request_at(&self, t: f32, fault: Option<Fault>) -> PoseRequest {
        let (key, phase) = self.sample(t);
        let correct = self.request(&key);
        match fault {
            Some(f) => twin(&correct, f, self.moment(&key, phase)),
            None => correct,
        }
    }

    /// One repetition, frame by frame every `step_s` seconds of drill time,
    /// solved and judged by this drill's thresholds (a faulty twin's with
    /// `fault`).
    pub fn repetition(
        &self,
        fault: Option<Fault>,
        step_s: f32,
        file: &ThresholdsFile,
    ) -> Vec<Frame> {
        let t = self.thresholds(file);
        let step = if step_s.is_finite() && step_s > 1e-3 {
            step_s
        } else {
            1.0 / 30.0
        };
        let n = (self.duration_s() / step).ceil() as usize;
        (0..=n)
            .map(|i| {
                let time = (i as f32 * step).min(self.duration_s());
                let (_, phase) = self.sample(time);
                let kind = self.phases.get(phase).map_or(PhaseKind::Hold, |p| p.kind);
                let solved = solve(&self.request_at(time, fault));
                Frame::new(time, kind.id(), kind == PhaseKind::Ascent, solved, &t)
            })
            .collect()
    }

    /// The static joint moments over one repetition, `samples` frames from
    /// start to end, for this body (its height, sex and mass from `who`)
    /// with the drill's load, or `load_kg` on it instead (the load view's
    /// plot: body weight and load change it).
    pub fn moments_over(
        &self,
        who: &PoseRequest,
        load_kg: Option<f32>,
        samples: usize,
    ) -> Vec<(f32, Moments)> {
        let n = samples.max(2) - 1;
        (0..=n)
            .map(|i| {
                let t = self.duration_s() * i as f32 / n as f32;
                let (key, _) = self.sample(t);
                let mut r = *who;
                r.pose = self.request(&key).pose;
                self.equip(&mut r);
                with_load(&mut r, load_kg);
                (t, moments(&solve(&r)))
            })
            .collect()
    }

    /// Where the load hangs, for the props.
    pub fn load_place(&self) -> Option<LoadPlace> {
        self.load.map(|l| l.at)
    }
}

/// The load of a request set to `kg` (the learner's own weight on the bar,
/// 0 or more); `None`, or a request without a load, stays as it is.
pub fn with_load(r: &mut PoseRequest, kg: Option<f32>) {
    if let (Some(kg), Some(load)) = (kg, r.load.as_mut())
        && kg.is_finite()
    {
        load.mass_kg = kg.max(0.0);
    }
}
