//! Evaluation thresholds. Defaults and named presets live in
//! `assets/coach/thresholds.ron`, each with its source; a drill may override
//! any of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{ContentError, line_of, parse_ron};

macro_rules! thresholds {
    ($( $(#[$doc:meta])* $field:ident : $ty:ty ),* $(,)?) => {
        /// Every number the evaluator compares against. Angles in degrees,
        /// lengths in metres.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Thresholds {
            $( $(#[$doc])* pub $field: $ty, )*
        }

        /// A partial set of thresholds: what a preset or a drill changes.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct ThresholdOverrides {
            $(
                #[serde(skip_serializing_if = "Option::is_none", deserialize_with = "present")]
                pub $field: Option<$ty>,
            )*
        }

        impl Thresholds {
            /// These thresholds with the overrides applied.
            pub fn with(&self, o: &ThresholdOverrides) -> Thresholds {
                Thresholds {
                    $( $field: o.$field.clone().unwrap_or_else(|| self.$field.clone()), )*
                }
            }
        }
    };
}

/// A field that is present overrides, even with the value `None`.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

thresholds! {
    /// Below this at the hip, the knee and the spine, the body is standing.
    standing_max_deg: f32,
    /// The spine does the bending (a stoop) when lumbar flexion is at least
    /// this share of lumbar plus hip flexion...
    stoop_lumbar_share: f32,
    /// ...and the lumbar spine is flexed at least this much.
    stoop_min_lumbar_deg: f32,
    /// A squat bends the knees at least this much...
    squat_min_knee_deg: f32,
    /// ...and the knees carry at least this share of knee plus hip flexion.
    squat_knee_share: f32,
    /// Rounded back: lumbar flexion at or past this...
    rounded_back_lumbar_deg: f32,
    /// ...or the lumbar share at or past this (with at least the stoop's minimum lumbar flexion).
    rounded_back_share: f32,
    /// Squatting the hinge: knee bend past this (none: any depth is allowed)...
    squatting_max_knee_deg: Option<f32>,
    /// ...or the shin leaning forward past this...
    squatting_max_shin_deg: Option<f32>,
    /// ...or the knee ahead of the toes by more than this.
    squatting_max_knee_ahead_m: Option<f32>,
    /// Locked knees: less knee bend than this while hinging (none: straight knees are allowed).
    locked_knee_below_deg: Option<f32>,
    /// The hip flexion that counts as hinging, for the locked-knee rule.
    locked_knee_min_hip_deg: f32,
    /// Chin up: neck extension past this (negative).
    chin_up_neck_deg: f32,
    /// Ribs flared: lumbar extension past this (negative).
    ribs_flared_lumbar_deg: f32,
    /// Weight on the toes: centre of mass ahead of the midfoot by more than
    /// this fraction of the foot's length.
    weight_on_toes_foot_fraction: f32,
    /// Knees caving: valgus past this.
    knees_caving_deg: f32,
    /// Rounded upper back: thoracic flexion at or past this.
    rounded_upper_back_thoracic_deg: f32,
    /// Weight on the heels: centre of mass behind the midfoot by more than
    /// this fraction of the foot's length.
    weight_on_heels_foot_fraction: f32,
    /// The bar drifting away: a bar in front of the legs this far off them,
    /// or bells this far from over the midfoot.
    bar_drift_m: f32,
    /// Leaning back at lockout: the hips extended past neutral this far
    /// (negative), pushing the trunk behind the feet.
    leaning_back_hip_deg: f32,
    /// Hips rising first: in the lift, the torso tips this much further
    /// towards the floor before the hips are halfway up.
    hips_rise_first_torso_deg: f32,
    /// Pulling with the arms: on the way up, the hands this far forward of
    /// hanging straight down before the hips are halfway up.
    arms_pulling_deg: f32,
}

/// The thresholds file: defaults plus named presets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsFile {
    pub default: Thresholds,
    pub presets: BTreeMap<String, ThresholdOverrides>,
}

impl ThresholdsFile {
    pub fn parse(file: &str, text: &str) -> Result<ThresholdsFile, ContentError> {
        let parsed: ThresholdsFile = parse_ron(file, text)?;
        for (name, preset) in &parsed.presets {
            if let Err(message) = parsed.default.with(preset).check() {
                return Err(ContentError::at_line(
                    file,
                    line_of(text, &format!("\"{name}\"")),
                    format!("preset `{name}`: {message}"),
                ));
            }
        }
        parsed
            .default
            .check()
            .map_err(|message| ContentError::at_line(file, line_of(text, "default"), message))?;
        Ok(parsed)
    }

    pub fn builtin() -> ThresholdsFile {
        let (file, text) = crate::content::builtin::THRESHOLDS;
        ThresholdsFile::parse(file, text).expect("the built-in thresholds are checked by the tests")
    }

    /// The thresholds of a preset, or the defaults if there is no such preset.
    pub fn preset_or_default(&self, name: &str) -> Thresholds {
        self.preset(name).unwrap_or_else(|| self.default.clone())
    }

    /// The thresholds of a preset, or `None` if there is no such preset.
    pub fn preset(&self, name: &str) -> Option<Thresholds> {
        self.presets.get(name).map(|o| self.default.with(o))
    }
}

impl Thresholds {
    /// Reject numbers that cannot be meant (a share above 1, a negative depth).
    pub fn check(&self) -> Result<(), String> {
        let shares = [
            ("stoop_lumbar_share", self.stoop_lumbar_share),
            ("squat_knee_share", self.squat_knee_share),
            ("rounded_back_share", self.rounded_back_share),
            (
                "weight_on_toes_foot_fraction",
                self.weight_on_toes_foot_fraction,
            ),
            (
                "weight_on_heels_foot_fraction",
                self.weight_on_heels_foot_fraction,
            ),
        ];
        for (name, v) in shares {
            if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                return Err(format!("{name} = {v} must be between 0 and 1"));
            }
        }
        let angles = [
            ("standing_max_deg", self.standing_max_deg),
            ("stoop_min_lumbar_deg", self.stoop_min_lumbar_deg),
            ("squat_min_knee_deg", self.squat_min_knee_deg),
            ("rounded_back_lumbar_deg", self.rounded_back_lumbar_deg),
            ("locked_knee_min_hip_deg", self.locked_knee_min_hip_deg),
            ("knees_caving_deg", self.knees_caving_deg),
            (
                "rounded_upper_back_thoracic_deg",
                self.rounded_upper_back_thoracic_deg,
            ),
            ("hips_rise_first_torso_deg", self.hips_rise_first_torso_deg),
            ("arms_pulling_deg", self.arms_pulling_deg),
        ];
        for (name, v) in angles {
            if !(v.is_finite() && (0.0..=180.0).contains(&v)) {
                return Err(format!("{name} = {v} must be between 0 and 180 degrees"));
            }
        }
        if !(self.bar_drift_m.is_finite() && (0.0..=0.5).contains(&self.bar_drift_m)) {
            return Err(format!(
                "bar_drift_m = {} must be between 0 and 0.5 m",
                self.bar_drift_m
            ));
        }
        for (name, v) in [
            ("chin_up_neck_deg", self.chin_up_neck_deg),
            ("ribs_flared_lumbar_deg", self.ribs_flared_lumbar_deg),
            ("leaning_back_hip_deg", self.leaning_back_hip_deg),
        ] {
            if !(v.is_finite() && (-90.0..=0.0).contains(&v)) {
                return Err(format!(
                    "{name} = {v} must be between -90 and 0 degrees (an extension)"
                ));
            }
        }
        Ok(())
    }
}
