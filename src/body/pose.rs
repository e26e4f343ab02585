//! A pose: the joint angles a user or a drill sets (INTERFACES.md conventions),
//! the stance, and the load. The shin angle is not here: the solver finds it.

use serde::{Deserialize, Serialize};

use super::anthropometry::{DEFAULT_STATURE_M, Sex};

/// Joint angles in degrees, stance in metres and degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pose {
    /// Knee flexion: 0 straight, positive bent.
    pub knee_deg: f32,
    /// Hip flexion between thigh and pelvis: 0 upright, positive the hinge.
    pub hip_deg: f32,
    /// Lumbar flexion from neutral lordosis: positive rounding, negative arching.
    pub lumbar_deg: f32,
    /// Thoracic flexion from neutral: positive rounding.
    pub thoracic_deg: f32,
    /// Neck flexion from neutral: positive chin tucked, negative chin up.
    pub neck_deg: f32,
    /// Knee valgus in the frontal plane: positive the knee caves in.
    pub valgus_deg: f32,
    /// Shoulder flexion relative to the trunk: 0 arm along the trunk.
    /// Used only by [`Arms::Set`].
    pub shoulder_deg: f32,
    /// Elbow flexion: 0 straight. Used only by [`Arms::Set`].
    pub elbow_deg: f32,
    /// How the arms are placed when the hands hold no load.
    pub arms: Arms,
    /// How much of a load carried in the hands the hands hold: 1 all of it;
    /// 0 none, the load rests on the floor `rest_ahead_m` ahead of the
    /// midfoot, out of the balance, and the arms reach for it (a deadlift
    /// before the hands take the bar); in between, the hands take up the
    /// slack and the load comes onto the body.
    pub holding: f32,
    /// Where a load in the hands rests on the floor, ahead of the midfoot.
    pub rest_ahead_m: f32,
    /// How far a load in the hands drifts forward: off the front of the
    /// legs, or ahead of over the midfoot (the faulty "bar drifting away";
    /// 0 for a lifter whose lats keep it in).
    pub load_drift_m: f32,
    /// Distance between the ankle centres.
    pub stance_width_m: f32,
    /// Rotation of each foot outward from straight ahead.
    pub toe_out_deg: f32,
    /// Height of a plate under the front of the feet (the toes-elevated
    /// drills of seed 004): the balls of the feet rest on it, the heels stay
    /// on the floor, so the foot is pitched up.
    pub forefoot_raise_m: f32,
    /// Where the centre of mass is put relative to the midfoot (positive
    /// towards the toes). 0 is a balanced lifter; the faulty "weight on the
    /// toes" figure shifts it forward.
    pub balance_shift_m: f32,
}

/// How the arms are placed when the hands hold no load (a load in the hands,
/// on the chest or on the back places them itself: see [`Implement`] and
/// [`LoadPlace::arm_angles_deg`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Arms {
    /// Arms hang straight down from the shoulders, whatever the trunk does.
    #[default]
    Hang,
    /// Both arms at the pose's shoulder and elbow angles, relative to the trunk.
    Set,
    /// Each hand on its own place: on the body (the wall drill's ribs and
    /// lower back, seed 003) or on the dowel (seed 002).
    Hands { left: Hand, right: Hand },
}

/// Where one hand goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hand {
    /// The arm hangs straight down.
    Hang,
    /// Flat on the front of the lowest ribs (seed 003's wall drill).
    Ribs,
    /// Flat on the small of the back (seed 003's wall drill).
    LowBack,
    /// Holding the dowel behind the neck (the dowel drill's top hand).
    DowelNeck,
    /// Holding the dowel at the small of the back (the dowel drill's low hand).
    DowelLowBack,
}

impl Hand {
    pub const ALL: [Hand; 5] = [
        Hand::Hang,
        Hand::Ribs,
        Hand::LowBack,
        Hand::DowelNeck,
        Hand::DowelLowBack,
    ];

    /// Whether the hand is on the dowel.
    pub fn on_dowel(self) -> bool {
        matches!(self, Hand::DowelNeck | Hand::DowelLowBack)
    }
}

/// What the hands hold when the load is in the hands: it decides how the
/// straight arms carry it and where it rests on the floor (BIOMECHANICS.md §2b).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Implement {
    /// A barbell across the front of the legs: it rides on the shins and thighs.
    #[default]
    Barbell,
    /// One dumbbell in each hand, in front of the thighs.
    Dumbbells,
    /// One kettlebell held in both hands, between the legs.
    Kettlebell,
    /// One kettlebell in each hand, beside the feet.
    Kettlebells,
    /// A hexagonal bar around the lifter: handles beside the body.
    TrapBar,
    /// The free end of a landmine bar in both hands, in front of the legs.
    Landmine,
}

/// How an implement hangs from straight arms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carry {
    /// In front of the legs: the lats hold it on the shins and thighs.
    FrontOfLegs,
    /// Between or beside the legs: nothing is in the way, the arms hang
    /// straight down and the body balances over the load.
    Hanging,
}

impl Implement {
    pub const ALL: [Implement; 6] = [
        Implement::Barbell,
        Implement::Dumbbells,
        Implement::Kettlebell,
        Implement::Kettlebells,
        Implement::TrapBar,
        Implement::Landmine,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Implement::Barbell => "barbell",
            Implement::Dumbbells => "dumbbells",
            Implement::Kettlebell => "kettlebell",
            Implement::Kettlebells => "kettlebells",
            Implement::TrapBar => "trap-bar",
            Implement::Landmine => "landmine",
        }
    }

    pub fn carry(self) -> Carry {
        match self {
            Implement::Barbell | Implement::Dumbbells | Implement::Landmine => Carry::FrontOfLegs,
            Implement::Kettlebell | Implement::Kettlebells | Implement::TrapBar => Carry::Hanging,
        }
    }

    /// Radius of the part that rides on the legs: the bar's shaft (a 28 mm
    /// bar), a dumbbell's head, a landmine's sleeve.
    pub fn contact_radius_m(self) -> f32 {
        match self {
            Implement::Barbell => 0.014,
            Implement::Dumbbells => DUMBBELL_HEAD_RADIUS_M,
            Implement::Landmine => 0.025,
            _ => 0.0,
        }
    }

    /// The height of the grip's centre when the implement stands on the
    /// floor (BIOMECHANICS.md §2b): a bar on 450 mm plates 0.225 m; trap bar
    /// low handles about 0.23 m; a kettlebell handle 0.20-0.28 m (ours, a
    /// 16-24 kg bell, at 0.265 m: see [`KETTLEBELL`]); a dumbbell's handle at
    /// its heads' radius. `None` for a landmine, which pivots on the floor.
    pub fn grip_height_on_floor_m(self) -> Option<f32> {
        match self {
            Implement::Barbell => Some(PLATE_RADIUS_M),
            Implement::TrapBar => Some(0.23),
            Implement::Kettlebell | Implement::Kettlebells => Some(KETTLEBELL.grip_height_m()),
            Implement::Dumbbells => Some(DUMBBELL_HEAD_RADIUS_M),
            Implement::Landmine => None,
        }
    }

    /// Whether each hand holds its own (two bells, two dumbbells, the two
    /// handles of a trap bar) rather than both holding one thing.
    pub fn one_per_hand(self) -> bool {
        matches!(
            self,
            Implement::Dumbbells | Implement::Kettlebells | Implement::TrapBar
        )
    }
}

/// Standard 450 mm weight plates: a loaded bar's axis sits this high.
pub const PLATE_RADIUS_M: f32 = 0.225;
/// A hex dumbbell head of about 20 kg.
pub const DUMBBELL_HEAD_RADIUS_M: f32 = 0.065;

/// The shape of a kettlebell, for the grip height and for drawing it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KettlebellShape {
    /// Radius of the bell.
    pub bell_radius_m: f32,
    /// Centre of the handle's ring above the bell's centre.
    pub ring_above_m: f32,
    /// Radius of the handle's ring (to the middle of its bar).
    pub ring_radius_m: f32,
}

/// A competition-style 16-24 kg bell: about 21 cm across and 27 cm tall.
pub const KETTLEBELL: KettlebellShape = KettlebellShape {
    bell_radius_m: 0.1,
    ring_above_m: 0.1,
    ring_radius_m: 0.065,
};

impl KettlebellShape {
    /// The hands hold the top of the ring: this far above the bell's centre.
    pub fn grip_above_centre_m(&self) -> f32 {
        self.ring_above_m + self.ring_radius_m
    }

    /// The grip's height when the bell stands on the floor.
    pub fn grip_height_m(&self) -> f32 {
        self.bell_radius_m + self.grip_above_centre_m()
    }
}

impl Default for Pose {
    fn default() -> Self {
        Pose {
            knee_deg: 0.0,
            hip_deg: 0.0,
            lumbar_deg: 0.0,
            thoracic_deg: 0.0,
            neck_deg: 0.0,
            valgus_deg: 0.0,
            shoulder_deg: 0.0,
            elbow_deg: 0.0,
            arms: Arms::Hang,
            holding: 1.0,
            rest_ahead_m: 0.0,
            load_drift_m: 0.0,
            // Heels about hip width apart (seed 002), toes slightly out
            // (Escamilla 2000: conventional stance 32 cm, toe-out 14°).
            stance_width_m: 0.25,
            toe_out_deg: 10.0,
            forefoot_raise_m: 0.0,
            balance_shift_m: 0.0,
        }
    }
}

/// Where a load is held. Ids follow INTERFACES.md (`--load-at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum LoadPlace {
    /// Hugged against the upper abdomen (goblet / anteriorly loaded hinge, seed 003).
    Front,
    /// On the upper back (kettlebell on the upper back, seed 003; a barbell good morning).
    Back,
    /// Hanging from the hands, arms straight (dumbbells, kettlebells, barbell, trap bar).
    Hands,
    /// Held overhead by the handle, the bell resting between the shoulder blades (seed 000).
    /// Content files write it `overhead_back` (a RON name cannot hold a dash).
    #[serde(alias = "overhead_back")]
    OverheadBack,
}

impl LoadPlace {
    pub const ALL: [LoadPlace; 4] = [
        LoadPlace::Front,
        LoadPlace::Back,
        LoadPlace::Hands,
        LoadPlace::OverheadBack,
    ];

    pub fn id(self) -> &'static str {
        match self {
            LoadPlace::Front => "front",
            LoadPlace::Back => "back",
            LoadPlace::Hands => "hands",
            LoadPlace::OverheadBack => "overhead-back",
        }
    }

    pub fn from_id(id: &str) -> Option<LoadPlace> {
        LoadPlace::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The arm placement that holds a load here: (shoulder flexion, elbow
    /// flexion) relative to the trunk, or `None` when the arms hang.
    pub fn arm_angles_deg(self) -> Option<(f32, f32)> {
        match self {
            LoadPlace::Hands => None,
            // Elbows tucked, hands at the chest holding the bell (seed 003).
            LoadPlace::Front => Some((15.0, 125.0)),
            // Hands beside the shoulders, steadying the load on the upper back.
            LoadPlace::Back => Some((-35.0, 145.0)),
            // Upper arms up, elbows bent, hands behind the head (seed 000).
            LoadPlace::OverheadBack => Some((165.0, 140.0)),
        }
    }
}

/// An external load: its mass and where it is held.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Load {
    pub mass_kg: f32,
    pub at: LoadPlace,
    /// What the hands hold, for a load in the hands. A drill sets it from
    /// its props; left out, a barbell.
    #[serde(default)]
    pub implement: Implement,
}

/// Everything the solver needs: who, how they stand, what they hold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PoseRequest {
    pub pose: Pose,
    pub stature_m: f32,
    pub sex: Sex,
    /// Body mass; `None` gives the reference subject's body mass index.
    pub mass_kg: Option<f32>,
    pub load: Option<Load>,
}

impl Default for PoseRequest {
    fn default() -> Self {
        PoseRequest {
            pose: Pose::default(),
            stature_m: DEFAULT_STATURE_M,
            sex: Sex::Male,
            mass_kg: None,
            load: None,
        }
    }
}

/// What was solved, as `hinge pose --json` echoes it (INTERFACES.md).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PoseEcho {
    pub knee_deg: f32,
    pub hip_deg: f32,
    pub lumbar_deg: f32,
    pub thoracic_deg: f32,
    pub neck_deg: f32,
    pub valgus_deg: f32,
    /// The load's mass, `None` without a load.
    pub load_kg: Option<f32>,
    /// Where it is held (`--load-at` ids), `None` without a load.
    pub load_at: Option<&'static str>,
    /// What the hands hold, for a load in the hands.
    pub implement: Option<&'static str>,
    /// How much of a load in the hands they hold (0: it rests on the floor).
    pub holding: f32,
}

impl PoseRequest {
    pub fn echo(&self) -> PoseEcho {
        let p = &self.pose;
        PoseEcho {
            knee_deg: p.knee_deg,
            hip_deg: p.hip_deg,
            lumbar_deg: p.lumbar_deg,
            thoracic_deg: p.thoracic_deg,
            neck_deg: p.neck_deg,
            valgus_deg: p.valgus_deg,
            load_kg: self.load.map(|l| l.mass_kg),
            load_at: self.load.map(|l| l.at.id()),
            implement: self
                .load
                .filter(|l| l.at == LoadPlace::Hands)
                .map(|l| l.implement.id()),
            holding: p.holding,
        }
    }
}

/// The anatomical range of one input, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub name: &'static str,
    pub min: f32,
    pub max: f32,
    pub unit: &'static str,
    /// Why it is narrower than the input's own range, when another input
    /// narrows it (a deep knee bend leaves the hip less).
    pub why: Option<&'static str>,
}

impl Range {
    pub fn contains(&self, v: f32) -> bool {
        v.is_finite() && v >= self.min && v <= self.max
    }

    pub fn clamp(&self, v: f32) -> f32 {
        if v.is_finite() {
            v.clamp(self.min, self.max)
        } else {
            self.min.max(0.0).min(self.max)
        }
    }
}

/// Ranges of the pose inputs. Flexion limits are the ends of normal active
/// range of motion (AAOS/Norkin & White goniometry norms) and leave room
/// for the lab values of BIOMECHANICS.md §2: deadlift knee 107.8 ± 22.4° and
/// hip up to 124°, toe-touch lumbar 41.6°, sumo toe-out 42 ± 8° and stance
/// 70 ± 11 cm (Escamilla 2000).
pub mod ranges {
    use super::Range;
    pub const KNEE: Range = Range {
        name: "knee",
        min: 0.0,
        max: 150.0,
        unit: "°",
        why: None,
    };
    pub const HIP: Range = Range {
        name: "hip",
        min: -20.0,
        max: 130.0,
        unit: "°",
        why: None,
    };
    /// How far the pelvis may lean back of the shins, in degrees: the knee
    /// bend less the hip angle. Lifts stay far inside it: the deadlift's
    /// knee 107.8° with hip 103.2°, and 56-69° with 108-124° (BIOMECHANICS.md
    /// §2). Derived (our arithmetic): at the limit, with the shins leaning
    /// back as far as they go ([`SHIN`]), the pelvis leans back 75° from the
    /// vertical; a deep knee bend with a straight hip (150° with 0°) pointed
    /// the trunk down through the floor.
    pub const PELVIS_BEHIND_SHIN_MAX_DEG: f32 = 60.0;

    /// The hip angles a knee bend allows: [`HIP`], from no less than the
    /// knee bend less [`PELVIS_BEHIND_SHIN_MAX_DEG`]. The solver lifts a
    /// hip below it to its least (`solve`); where a person gives both
    /// angles (the command line, a drill, a class plan), [`hip_fits_knee`]
    /// refuses it instead.
    pub fn hip_for_knee(knee_deg: f32) -> Range {
        let knee = KNEE.clamp(knee_deg);
        Range {
            name: HIP.name,
            min: HIP.min.max(knee - PELVIS_BEHIND_SHIN_MAX_DEG),
            why: (knee - PELVIS_BEHIND_SHIN_MAX_DEG > HIP.min).then_some(
                "at this knee bend: with a straighter hip the trunk would lean back through the floor",
            ),
            ..HIP
        }
    }

    /// A hip angle given with a knee bend, checked against
    /// [`hip_for_knee`]: the error names the range and why.
    pub fn hip_fits_knee(knee_deg: f32, hip_deg: f32) -> Result<(), super::RangeError> {
        let range = hip_for_knee(knee_deg);
        if range.contains(hip_deg) {
            Ok(())
        } else {
            Err(super::RangeError {
                range,
                value: hip_deg,
            })
        }
    }
    pub const LUMBAR: Range = Range {
        name: "lumbar",
        min: -30.0,
        max: 60.0,
        unit: "°",
        why: None,
    };
    pub const THORACIC: Range = Range {
        name: "thoracic",
        min: -20.0,
        max: 60.0,
        unit: "°",
        why: None,
    };
    pub const NECK: Range = Range {
        name: "neck",
        min: -60.0,
        max: 45.0,
        unit: "°",
        why: None,
    };
    pub const VALGUS: Range = Range {
        name: "valgus",
        min: 0.0,
        max: 30.0,
        unit: "°",
        why: None,
    };
    pub const SHOULDER: Range = Range {
        name: "shoulder",
        min: -60.0,
        max: 180.0,
        unit: "°",
        why: None,
    };
    pub const ELBOW: Range = Range {
        name: "elbow",
        min: 0.0,
        max: 150.0,
        unit: "°",
        why: None,
    };
    pub const STANCE_WIDTH: Range = Range {
        name: "stance-width",
        min: 0.1,
        max: 0.9,
        unit: " m",
        why: None,
    };
    pub const TOE_OUT: Range = Range {
        name: "toe-out",
        min: -10.0,
        max: 60.0,
        unit: "°",
        why: None,
    };
    /// A plate or a board under the toes: up to 8 cm.
    pub const FOREFOOT_RAISE: Range = Range {
        name: "forefoot-raise",
        min: 0.0,
        max: 0.08,
        unit: " m",
        why: None,
    };
    pub const HOLDING: Range = Range {
        name: "holding",
        min: 0.0,
        max: 1.0,
        unit: "",
        why: None,
    };
    pub const REST_AHEAD: Range = Range {
        name: "rest-ahead",
        min: -0.3,
        max: 0.3,
        unit: " m",
        why: None,
    };
    pub const LOAD_DRIFT: Range = Range {
        name: "load-drift",
        min: 0.0,
        max: 0.3,
        unit: " m",
        why: None,
    };
    pub const BALANCE_SHIFT: Range = Range {
        name: "balance-shift",
        min: -0.15,
        max: 0.15,
        unit: " m",
        why: None,
    };
    /// Adults, from a short child to a very tall adult.
    pub const STATURE: Range = Range {
        name: "stature",
        min: 1.2,
        max: 2.3,
        unit: " m",
        why: None,
    };
    pub const BODY_MASS: Range = Range {
        name: "mass",
        min: 30.0,
        max: 200.0,
        unit: " kg",
        why: None,
    };
    pub const LOAD_MASS: Range = Range {
        name: "load-kg",
        min: 0.0,
        max: 400.0,
        unit: " kg",
        why: None,
    };
    /// Ankle: the shin's lean from vertical with the foot flat. Weight-bearing
    /// dorsiflexion reaches about 40° (lunge test norms); leaning the shin back
    /// with the heel down is limited to about 15° before the toes lift.
    pub const SHIN: Range = Range {
        name: "shin",
        min: -15.0,
        max: 40.0,
        unit: "°",
        why: None,
    };
}

/// An input outside its range: names the input and the accepted range.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeError {
    pub range: Range,
    pub value: f32,
}

impl RangeError {
    /// The error as a command-line option's: `--hip 0: outside the accepted
    /// range 90 to 130°`, and why when another option narrowed it.
    pub fn for_option(&self) -> String {
        let r = &self.range;
        format!(
            "--{} {}: outside the accepted range {} to {}{}{}",
            r.name,
            self.value,
            r.min,
            r.max,
            r.unit,
            r.why.map(|w| format!(" {w}")).unwrap_or_default()
        )
    }
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.range;
        write!(
            f,
            "{} = {} is outside its range {}..{}{}",
            r.name, self.value, r.min, r.max, r.unit
        )?;
        match r.why {
            Some(why) => write!(f, " {why}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for RangeError {}

impl PoseRequest {
    /// Check every input against its anatomical range.
    pub fn validate(&self) -> Result<(), RangeError> {
        let p = &self.pose;
        let mut checks = vec![
            (ranges::KNEE, p.knee_deg),
            (ranges::HIP, p.hip_deg),
            (ranges::LUMBAR, p.lumbar_deg),
            (ranges::THORACIC, p.thoracic_deg),
            (ranges::NECK, p.neck_deg),
            (ranges::VALGUS, p.valgus_deg),
            (ranges::SHOULDER, p.shoulder_deg),
            (ranges::ELBOW, p.elbow_deg),
            (ranges::STANCE_WIDTH, p.stance_width_m),
            (ranges::TOE_OUT, p.toe_out_deg),
            (ranges::FOREFOOT_RAISE, p.forefoot_raise_m),
            (ranges::HOLDING, p.holding),
            (ranges::REST_AHEAD, p.rest_ahead_m),
            (ranges::LOAD_DRIFT, p.load_drift_m),
            (ranges::BALANCE_SHIFT, p.balance_shift_m),
            (ranges::STATURE, self.stature_m),
        ];
        if let Some(m) = self.mass_kg {
            checks.push((ranges::BODY_MASS, m));
        }
        if let Some(l) = self.load {
            checks.push((ranges::LOAD_MASS, l.mass_kg));
        }
        for (range, value) in checks {
            if !range.contains(value) {
                return Err(RangeError { range, value });
            }
        }
        Ok(())
    }
}
