//! Segment lengths and masses of an adult body, from de Leva (1996) as listed in
//! BIOMECHANICS.md §3, scaled to a chosen stature.

use serde::{Deserialize, Serialize};

/// Biological sex of the de Leva reference subject the body is scaled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    #[default]
    Male,
    Female,
}

impl Sex {
    pub const ALL: [Sex; 2] = [Sex::Male, Sex::Female];

    pub fn id(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn from_id(id: &str) -> Option<Sex> {
        Sex::ALL.into_iter().find(|s| s.id() == id)
    }
}

/// One row of de Leva's table (adjusted Zatsiorsky-Seluyanov parameters).
#[derive(Debug, Clone, Copy)]
struct LevaRow {
    length_mm: f32,
    mass_fraction: f32,
}

/// de Leva 1996, reference subjects: male 1741 mm / 73.0 kg, female 1735 mm / 61.9 kg.
struct LevaTable {
    stature_mm: f32,
    mass_kg: f32,
    head: LevaRow,
    trunk: LevaRow,
    upper_arm: LevaRow,
    forearm: LevaRow,
    hand: LevaRow,
    thigh: LevaRow,
    shank: LevaRow,
    foot: LevaRow,
    /// Trunk sub-segments (upper, middle, lower) as (length mm, mass fraction).
    /// Lengths: BIOMECHANICS.md §3 (male). Masses: de Leva 1996 table 4, the same
    /// table §3 quotes. The female table uses the male length proportions,
    /// scaled to the female trunk, since §3 lists only the male split.
    trunk_parts: [LevaRow; 3],
}

const MALE: LevaTable = LevaTable {
    stature_mm: 1741.0,
    mass_kg: 73.0,
    head: LevaRow {
        length_mm: 203.3,
        mass_fraction: 0.0694,
    },
    trunk: LevaRow {
        length_mm: 531.9,
        mass_fraction: 0.4346,
    },
    upper_arm: LevaRow {
        length_mm: 281.7,
        mass_fraction: 0.0271,
    },
    forearm: LevaRow {
        length_mm: 268.9,
        mass_fraction: 0.0162,
    },
    hand: LevaRow {
        length_mm: 86.2,
        mass_fraction: 0.0061,
    },
    thigh: LevaRow {
        length_mm: 422.2,
        mass_fraction: 0.1416,
    },
    shank: LevaRow {
        length_mm: 434.0,
        mass_fraction: 0.0433,
    },
    foot: LevaRow {
        length_mm: 258.1,
        mass_fraction: 0.0137,
    },
    trunk_parts: [
        LevaRow {
            length_mm: 170.7,
            mass_fraction: 0.1596,
        },
        LevaRow {
            length_mm: 215.5,
            mass_fraction: 0.1633,
        },
        LevaRow {
            length_mm: 145.7,
            mass_fraction: 0.1117,
        },
    ],
};

const FEMALE: LevaTable = LevaTable {
    stature_mm: 1735.0,
    mass_kg: 61.9,
    head: LevaRow {
        length_mm: 200.2,
        mass_fraction: 0.0668,
    },
    trunk: LevaRow {
        length_mm: 529.3,
        mass_fraction: 0.4257,
    },
    upper_arm: LevaRow {
        length_mm: 275.1,
        mass_fraction: 0.0255,
    },
    forearm: LevaRow {
        length_mm: 264.3,
        mass_fraction: 0.0138,
    },
    hand: LevaRow {
        length_mm: 78.0,
        mass_fraction: 0.0056,
    },
    thigh: LevaRow {
        length_mm: 368.5,
        mass_fraction: 0.1478,
    },
    shank: LevaRow {
        length_mm: 432.3,
        mass_fraction: 0.0481,
    },
    foot: LevaRow {
        length_mm: 228.3,
        mass_fraction: 0.0129,
    },
    trunk_parts: [
        LevaRow {
            length_mm: 170.7 * 529.3 / 531.9,
            mass_fraction: 0.1545,
        },
        LevaRow {
            length_mm: 215.5 * 529.3 / 531.9,
            mass_fraction: 0.1465,
        },
        LevaRow {
            length_mm: 145.7 * 529.3 / 531.9,
            mass_fraction: 0.1247,
        },
    ],
};

/// Heights and widths as fractions of stature (Drillis & Contini, BIOMECHANICS.md §3).
const ANKLE_HEIGHT: f32 = 0.039;
const SHOULDER_WIDTH: f32 = 0.259;
const HIP_WIDTH: f32 = 0.191;
const FOOT_WIDTH: f32 = 0.055;
/// Suprasternale sits about 0.836 H in the de Leva chain and the acromion,
/// the bony point Drillis & Contini's "shoulder height" 0.818 H marks, this
/// far below it.
const ACROMION_DROP: f32 = 0.836 - 0.818;
/// The shoulder joint's centre (glenohumeral) sits about 4 cm (3-6 cm)
/// below the acromion (BIOMECHANICS.md §2b), at 1.75 m.
const GLENOHUMERAL_BELOW_ACROMION_M: f32 = 0.040;
/// The bar sits in the fingers and palm, 8-10 cm past the wrist joint
/// (BIOMECHANICS.md §2b): 9 cm at 1.75 m.
const GRIP_PAST_WRIST_M: f32 = 0.09;
/// The middle of the palm, where a hand laid flat on the body touches it:
/// about half the wrist-to-knuckle length (de Leva's hand, 86 mm).
const PALM_PAST_WRIST_M: f32 = 0.045;
/// The sternal end of each collar bone, beside the base of the neck:
/// sideways and down from suprasternale, fractions of stature.
const STERNOCLAVICULAR_LATERAL: f32 = 0.02;
const STERNOCLAVICULAR_DROP: f32 = 0.01;
/// How far the shoulder blades carry the shoulder joint when the arm rises
/// in front of the trunk (the scapulohumeral rhythm; BIOMECHANICS.md §2b:
/// "a few centimetres" of protraction and elevation), at 1.75 m: forward
/// (protraction) at most this much at 90° of flexion...
const SCAPULA_PROTRACTION_M: f32 = 0.03;
/// ...and upward (elevation) this much with the arm overhead.
const SCAPULA_ELEVATION_M: f32 = 0.03;

/// Lengths (metres) and masses (kilograms) of one body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    pub stature_m: f32,
    pub sex: Sex,
    pub mass_kg: f32,
    pub foot_m: f32,
    pub foot_width_m: f32,
    pub ankle_height_m: f32,
    pub shank_m: f32,
    pub thigh_m: f32,
    /// Half the distance between the hip joint centres.
    pub hip_half_width_m: f32,
    /// Mid-hip to L5/S1 along the trunk axis.
    pub pelvis_m: f32,
    /// L5/S1 to T12/L1.
    pub lumbar_m: f32,
    /// T12/L1 to mid-thoracic (T6).
    pub thoracic_lower_m: f32,
    /// Mid-thoracic to suprasternale (base of the neck).
    pub thoracic_upper_m: f32,
    /// Suprasternale to the top of the neck (mid-gonion level).
    pub neck_m: f32,
    /// Top of the neck to the vertex.
    pub head_m: f32,
    /// Suprasternale to the shoulder joint's centre, along the trunk axis.
    pub shoulder_drop_m: f32,
    pub shoulder_half_width_m: f32,
    /// The sternal end of the collar bone: sideways from the trunk axis and
    /// down from suprasternale.
    pub sternoclavicular_lateral_m: f32,
    pub sternoclavicular_drop_m: f32,
    /// The most the shoulder blades move the shoulder joint forward (arm at
    /// 90°) and up (arm overhead).
    pub scapula_protraction_m: f32,
    pub scapula_elevation_m: f32,
    /// Wrist to the centre of a grip on a bar or a handle.
    pub grip_m: f32,
    /// Wrist to the middle of the palm.
    pub palm_m: f32,
    pub upper_arm_m: f32,
    pub forearm_m: f32,
    pub hand_m: f32,
    /// Front-to-back depth of the trunk, used for the back surface (dowel contacts).
    pub trunk_depth_m: f32,
    pub masses: SegmentMasses,
}

/// Segment masses in kilograms; paired segments are per side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentMasses {
    pub foot: f32,
    pub shank: f32,
    pub thigh: f32,
    /// Lower, middle and upper trunk (de Leva's LPT, MPT, UPT).
    pub trunk_lower: f32,
    pub trunk_middle: f32,
    pub trunk_upper: f32,
    pub head: f32,
    pub upper_arm: f32,
    pub forearm: f32,
    pub hand: f32,
}

impl SegmentMasses {
    pub fn total(&self) -> f32 {
        2.0 * (self.foot + self.shank + self.thigh + self.upper_arm + self.forearm + self.hand)
            + self.trunk_lower
            + self.trunk_middle
            + self.trunk_upper
            + self.head
    }
}

/// Axial positions (metres above the mid-hip, along the trunk axis) of the
/// centres of mass of de Leva's three trunk parts, each at its midpoint.
#[derive(Debug, Clone, Copy)]
pub struct TrunkMassPoints {
    pub lower_m: f32,
    pub middle_m: f32,
    pub upper_m: f32,
}

pub const DEFAULT_STATURE_M: f32 = 1.75;

impl Body {
    /// A body of the given stature, with the reference subject's body mass
    /// index (mass scales with the square of stature).
    pub fn new(stature_m: f32, sex: Sex) -> Body {
        let t = table(sex);
        let reference_m = t.stature_mm / 1000.0;
        let mass_kg = t.mass_kg * (stature_m / reference_m).powi(2);
        Body::with_mass(stature_m, sex, mass_kg)
    }

    pub fn with_mass(stature_m: f32, sex: Sex, mass_kg: f32) -> Body {
        let t = table(sex);
        // Every length is a fraction of the reference stature, so it scales linearly.
        let k = stature_m / t.stature_mm;
        let len = |row: LevaRow| row.length_mm * k;
        let [upper, middle, lower] = t.trunk_parts;
        let ankle_height_m = ANKLE_HEIGHT * stature_m;
        // Whatever the chain below leaves between suprasternale and the head is the neck.
        let neck_m =
            stature_m - ankle_height_m - len(t.shank) - len(t.thigh) - len(t.trunk) - len(t.head);
        let m = |row: LevaRow| row.mass_fraction * mass_kg;
        Body {
            stature_m,
            sex,
            mass_kg,
            foot_m: len(t.foot),
            foot_width_m: FOOT_WIDTH * stature_m,
            ankle_height_m,
            shank_m: len(t.shank),
            thigh_m: len(t.thigh),
            hip_half_width_m: 0.25 * HIP_WIDTH * stature_m,
            // L5/S1 sits about 60% of the way up the lower trunk (mid-hip to omphalion);
            // T12/L1 about 60% of the way up the middle trunk (omphalion to xiphoid).
            pelvis_m: 0.6 * len(lower),
            lumbar_m: 0.4 * len(lower) + 0.6 * len(middle),
            thoracic_lower_m: 0.5 * (0.4 * len(middle) + len(upper)),
            thoracic_upper_m: 0.5 * (0.4 * len(middle) + len(upper)),
            neck_m,
            head_m: len(t.head),
            shoulder_drop_m: ACROMION_DROP * stature_m
                + GLENOHUMERAL_BELOW_ACROMION_M * stature_m / DEFAULT_STATURE_M,
            sternoclavicular_lateral_m: STERNOCLAVICULAR_LATERAL * stature_m,
            sternoclavicular_drop_m: STERNOCLAVICULAR_DROP * stature_m,
            scapula_protraction_m: SCAPULA_PROTRACTION_M * stature_m / DEFAULT_STATURE_M,
            scapula_elevation_m: SCAPULA_ELEVATION_M * stature_m / DEFAULT_STATURE_M,
            grip_m: GRIP_PAST_WRIST_M * stature_m / DEFAULT_STATURE_M,
            palm_m: PALM_PAST_WRIST_M * stature_m / DEFAULT_STATURE_M,
            // Biacromial breadth is 0.259 H; the joint centres sit inside the acromia.
            shoulder_half_width_m: 0.4 * SHOULDER_WIDTH * stature_m,
            upper_arm_m: len(t.upper_arm),
            forearm_m: len(t.forearm),
            hand_m: len(t.hand),
            // Chest depth is about 0.12 H in adult anthropometric surveys.
            trunk_depth_m: 0.12 * stature_m,
            masses: SegmentMasses {
                foot: m(t.foot),
                shank: m(t.shank),
                thigh: m(t.thigh),
                trunk_lower: m(lower),
                trunk_middle: m(middle),
                trunk_upper: m(upper),
                head: m(t.head),
                upper_arm: m(t.upper_arm),
                forearm: m(t.forearm),
                hand: m(t.hand),
            },
        }
    }

    /// Length of the trunk axis, mid-hip to suprasternale.
    pub fn trunk_m(&self) -> f32 {
        self.pelvis_m + self.lumbar_m + self.thoracic_lower_m + self.thoracic_upper_m
    }

    pub fn trunk_mass_points(&self) -> TrunkMassPoints {
        let t = table(self.sex);
        let k = self.stature_m / t.stature_mm;
        let [upper, middle, lower] = t.trunk_parts.map(|r| r.length_mm * k);
        TrunkMassPoints {
            lower_m: 0.5 * lower,
            middle_m: lower + 0.5 * middle,
            upper_m: lower + middle + 0.5 * upper,
        }
    }

    /// Centre of mass fractions from the first endpoint (de Leva, BIOMECHANICS.md §3).
    pub fn com_fractions(&self) -> ComFractions {
        match self.sex {
            Sex::Male => ComFractions {
                head_from_vertex: 0.5976,
                upper_arm: 0.5772,
                forearm: 0.4574,
                hand: 0.79,
                thigh: 0.4095,
                shank: 0.4459,
                foot_from_heel: 0.4415,
            },
            Sex::Female => ComFractions {
                head_from_vertex: 0.5894,
                upper_arm: 0.5754,
                forearm: 0.4559,
                hand: 0.7474,
                thigh: 0.3612,
                shank: 0.4416,
                foot_from_heel: 0.4014,
            },
        }
    }

    /// Every segment length, for tests that check lengths never change.
    pub fn lengths(&self) -> [f32; 14] {
        [
            self.foot_m,
            self.ankle_height_m,
            self.shank_m,
            self.thigh_m,
            self.hip_half_width_m,
            self.pelvis_m,
            self.lumbar_m,
            self.thoracic_lower_m,
            self.thoracic_upper_m,
            self.neck_m,
            self.head_m,
            self.upper_arm_m,
            self.forearm_m,
            self.hand_m,
        ]
    }
}

/// Where along each segment its centre of mass lies, first endpoint = 0.
#[derive(Debug, Clone, Copy)]
pub struct ComFractions {
    pub head_from_vertex: f32,
    pub upper_arm: f32,
    pub forearm: f32,
    pub hand: f32,
    pub thigh: f32,
    pub shank: f32,
    pub foot_from_heel: f32,
}

fn table(sex: Sex) -> &'static LevaTable {
    match sex {
        Sex::Male => &MALE,
        Sex::Female => &FEMALE,
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::new(DEFAULT_STATURE_M, Sex::Male)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_masses_add_up_to_the_body_mass() {
        for sex in Sex::ALL {
            let b = Body::new(1.75, sex);
            assert!((b.masses.total() / b.mass_kg - 1.0).abs() < 0.01, "{sex:?}");
        }
    }

    #[test]
    fn the_chain_adds_up_to_the_stature() {
        let b = Body::new(1.75, Sex::Male);
        let h = b.ankle_height_m + b.shank_m + b.thigh_m + b.trunk_m() + b.neck_m + b.head_m;
        assert!((h - 1.75).abs() < 1e-4, "{h}");
        assert!(b.neck_m > 0.05 && b.neck_m < 0.16, "neck {}", b.neck_m);
    }
}
