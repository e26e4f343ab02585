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
    /// Ignored while the arms hang or hold a load in a fixed place.
    pub shoulder_deg: f32,
    /// Elbow flexion: 0 straight.
    pub elbow_deg: f32,
    /// How the arms are placed.
    pub arms: Arms,
    /// Distance between the ankle centres.
    pub stance_width_m: f32,
    /// Rotation of each foot outward from straight ahead.
    pub toe_out_deg: f32,
    /// Where the centre of mass is put relative to the midfoot (positive
    /// towards the toes). 0 is a balanced lifter; the faulty "weight on the
    /// toes" figure shifts it forward.
    pub balance_shift_m: f32,
}

/// How the arms are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Arms {
    /// Arms hang straight down from the shoulders, whatever the trunk does
    /// (how a bar or bells are held in a deadlift or an RDL).
    #[default]
    Hang,
    /// Shoulder and elbow as set in the pose.
    Set,
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
            // Heels about hip width apart (seed 002), toes slightly out
            // (Escamilla 2000: conventional stance 32 cm, toe-out 14°).
            stance_width_m: 0.25,
            toe_out_deg: 10.0,
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

/// The anatomical range of one input, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub name: &'static str,
    pub min: f32,
    pub max: f32,
    pub unit: &'static str,
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
    };
    pub const HIP: Range = Range {
        name: "hip",
        min: -20.0,
        max: 130.0,
        unit: "°",
    };
    pub const LUMBAR: Range = Range {
        name: "lumbar",
        min: -30.0,
        max: 60.0,
        unit: "°",
    };
    pub const THORACIC: Range = Range {
        name: "thoracic",
        min: -20.0,
        max: 60.0,
        unit: "°",
    };
    pub const NECK: Range = Range {
        name: "neck",
        min: -60.0,
        max: 45.0,
        unit: "°",
    };
    pub const VALGUS: Range = Range {
        name: "valgus",
        min: 0.0,
        max: 30.0,
        unit: "°",
    };
    pub const SHOULDER: Range = Range {
        name: "shoulder",
        min: -60.0,
        max: 180.0,
        unit: "°",
    };
    pub const ELBOW: Range = Range {
        name: "elbow",
        min: 0.0,
        max: 150.0,
        unit: "°",
    };
    pub const STANCE_WIDTH: Range = Range {
        name: "stance-width",
        min: 0.1,
        max: 0.9,
        unit: " m",
    };
    pub const TOE_OUT: Range = Range {
        name: "toe-out",
        min: -10.0,
        max: 60.0,
        unit: "°",
    };
    pub const BALANCE_SHIFT: Range = Range {
        name: "balance-shift",
        min: -0.15,
        max: 0.15,
        unit: " m",
    };
    /// Adults, from a short child to a very tall adult.
    pub const STATURE: Range = Range {
        name: "stature",
        min: 1.2,
        max: 2.3,
        unit: " m",
    };
    pub const BODY_MASS: Range = Range {
        name: "mass",
        min: 30.0,
        max: 200.0,
        unit: " kg",
    };
    pub const LOAD_MASS: Range = Range {
        name: "load-kg",
        min: 0.0,
        max: 400.0,
        unit: " kg",
    };
    /// Ankle: the shin's lean from vertical with the foot flat. Weight-bearing
    /// dorsiflexion reaches about 40° (lunge test norms); leaning the shin back
    /// with the heel down is limited to about 15° before the toes lift.
    pub const SHIN: Range = Range {
        name: "shin",
        min: -15.0,
        max: 40.0,
        unit: "°",
    };
}

/// An input outside its range: names the input and the accepted range.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeError {
    pub range: Range,
    pub value: f32,
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.range;
        write!(
            f,
            "{} = {} is outside its range {}..{}{}",
            r.name, self.value, r.min, r.max, r.unit
        )
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
