//! The drill library: every hinge drill of the seed articles, on the
//! progression ladder of seed 004, with keyframed phases, cues and props.
//! Plain Rust: parsing, validation and sampling the animation; the Bevy asset
//! loader lives in `assets.rs`.

pub mod assets;
pub mod lesson;
mod library;
pub mod playback;

use serde::{Deserialize, Serialize};

use crate::body::moments::{Moments, moments};
use crate::body::{Arms, Hand, Implement, Load, LoadPlace, PoseRequest, Range, ranges, solve};
use crate::coach::{Fault, Frame, Moment, Thresholds, ThresholdsFile, evaluate, twin};
use crate::content::{ContentError, parse_ron};

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

    fn checks(&self) -> [(Range, f32); 7] {
        [
            (ranges::HOLDING, self.holding),
            (ranges::KNEE, self.knee_deg),
            (ranges::HIP, self.hip_deg),
            (ranges::hip_for_knee(self.knee_deg), self.hip_deg),
            (ranges::LUMBAR, self.lumbar_deg),
            (ranges::THORACIC, self.thoracic_deg),
            (ranges::NECK, self.neck_deg),
        ]
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

/// How close to the floor a lift from the floor must bring its load at the
/// hold (the tests' promise: within 3 cm).
pub const FLOOR_TOLERANCE_M: f32 = 0.03;

/// The longest a phase may last, seconds.
const MAX_PHASE_S: f32 = 10.0;

impl Drill {
    /// Parse and validate one drill file. `thresholds` is the coach's file,
    /// to check the preset this drill names and to judge its keyframes.
    pub fn parse(
        file: &str,
        text: &str,
        thresholds: &ThresholdsFile,
    ) -> Result<Drill, ContentError> {
        let mut drill: Drill = parse_ron(file, text)?;
        drill.rest_ahead_m = drill.hold_grip().map_or(0.0, |g| g.z);
        drill
            .validate(thresholds)
            .map_err(|(needle, nth, message)| {
                ContentError::at_line(file, nth_line_of(text, &needle, nth), message)
            })?;
        Ok(drill)
    }

    /// Check what RON cannot: ranges, phases, the preset, and that every
    /// keyframe is a correct pose by this drill's own thresholds. An error
    /// names a text to find in the file (and which occurrence) for its line.
    fn validate(&self, file: &ThresholdsFile) -> Result<(), (String, usize, String)> {
        let at = |field: &str, message: String| Err((format!("{field}:"), 0, message));
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return at(
                "id",
                format!("id `{}` must be lowercase words joined by '-'", self.id),
            );
        }
        for (field, value) in [
            ("name", &self.name),
            ("summary", &self.summary),
            ("why", &self.why),
            ("source", &self.source),
        ] {
            if value.trim().is_empty() {
                return at(field, format!("{field} is empty"));
            }
        }
        if self.rank == 0 {
            return at("rank", "rank starts at 1".into());
        }
        for (range, v) in [
            (ranges::STANCE_WIDTH, self.stance.width_m),
            (ranges::TOE_OUT, self.stance.toe_out_deg),
        ] {
            if !range.contains(v) {
                return at("stance", out_of_range(range, v));
            }
        }
        if let Some(load) = self.load
            && !ranges::LOAD_MASS.contains(load.mass_kg)
        {
            return at("load", out_of_range(ranges::LOAD_MASS, load.mass_kg));
        }
        if let Some(ArmsSet::Set {
            shoulder_deg,
            elbow_deg,
        }) = self.arms
        {
            for (range, v) in [(ranges::SHOULDER, shoulder_deg), (ranges::ELBOW, elbow_deg)] {
                if !range.contains(v) {
                    return at("arms", out_of_range(range, v));
                }
            }
        }
        if !ranges::FOREFOOT_RAISE.contains(self.stance.forefoot_raise_m) {
            return at(
                "stance",
                out_of_range(ranges::FOREFOOT_RAISE, self.stance.forefoot_raise_m),
            );
        }
        if !self.thresholds.is_empty() && file.preset(&self.thresholds).is_none() {
            let known: Vec<&str> = file.presets.keys().map(String::as_str).collect();
            return at(
                "thresholds",
                format!(
                    "no thresholds preset `{}`; known: {}",
                    self.thresholds,
                    known.join(", ")
                ),
            );
        }
        if self.faults.is_empty() {
            return at(
                "faults",
                "name at least one fault this drill is prone to".into(),
            );
        }
        if self.hold().is_none() {
            return at(
                "phases",
                "no `hold` phase: every drill holds at its sticking point (seed 001, step 5)"
                    .into(),
            );
        }
        let in_hands = self.load.is_some_and(|l| l.at == LoadPlace::Hands);
        if self.from_floor && !in_hands {
            return at(
                "from_floor",
                "a lift from the floor needs a load in the hands".into(),
            );
        }
        if let Some(i) = self.phases.iter().position(|p| p.to.holding < 1.0)
            && !in_hands
        {
            return Err((
                "holding:".to_string(),
                0,
                format!(
                    "phase {} lets go of the load, but the hands hold no load",
                    i + 1
                ),
            ));
        }
        if self.from_floor
            && let Some(message) = self.floor_problem()
        {
            return at("from_floor", message);
        }
        let t = self.thresholds(file);
        for (i, phase) in self.phases.iter().enumerate() {
            let here = |message: String| Err(("kind:".to_string(), i, message));
            if !(phase.seconds.is_finite() && phase.seconds > 0.0 && phase.seconds <= MAX_PHASE_S) {
                return here(format!(
                    "phase {} lasts {} s; a phase lasts more than 0 and at most {MAX_PHASE_S} s",
                    i + 1,
                    phase.seconds
                ));
            }
            if phase.cue.trim().is_empty() {
                return here(format!("phase {} has no cue", i + 1));
            }
            for (range, v) in phase.to.checks() {
                if !range.contains(v) {
                    return here(format!("phase {}: {}", i + 1, out_of_range(range, v)));
                }
            }
            let verdict = evaluate(&solve(&self.request(&phase.to)), &t);
            let pattern_ok = matches!(
                verdict.pattern,
                crate::coach::Pattern::Hinge | crate::coach::Pattern::Standing
            );
            if !pattern_ok
                || !verdict.faults.is_empty()
                || verdict.balance != crate::body::Balance::Balanced
            {
                let faults: Vec<&str> = verdict.faults.iter().map(|f| f.id()).collect();
                return here(format!(
                    "phase {} ({:?}) ends in a pose the coach would not accept: pattern {}, faults [{}], balance {:?}",
                    i + 1,
                    phase.kind,
                    verdict.pattern.id(),
                    faults.join(", "),
                    verdict.balance
                ));
            }
        }
        Ok(())
    }

    /// For a lift from the floor: what is wrong with where the load is at
    /// the hold, if anything. The grip's centre must be at the height the
    /// implement stands on the floor, within 3 cm (a bar on 450 mm plates:
    /// 0.225 m, B §2b).
    fn floor_problem(&self) -> Option<String> {
        let implement = self.implement();
        let floor = implement.grip_height_on_floor_m()?;
        let y = self.hold_grip()?.y;
        ((y - floor).abs() > FLOOR_TOLERANCE_M).then(|| {
            format!(
                "at the hold the {} is held {:.3} m up, but it stands on the floor at {floor:.3} m; move the hold's knee and hip so the hands reach it",
                implement.id(),
                y
            )
        })
    }

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

pub fn out_of_range(range: Range, v: f32) -> String {
    crate::body::RangeError { range, value: v }.to_string()
}

/// The line (1-based) of the `nth` occurrence (0-based) of `needle`, or of
/// the first when there are fewer; 0 when it does not occur.
pub fn nth_line_of(text: &str, needle: &str, nth: usize) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    lines
        .get(nth)
        .or(lines.first())
        .copied()
        .unwrap_or_default()
}
