//! Faults, movement patterns and the fault catalogue (what each looks like
//! and the cue that fixes it).

use serde::{Deserialize, Serialize};

use crate::content::{ContentError, line_of, parse_ron};

/// The movement pattern a pose shows (INTERFACES.md ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    Standing,
    Hinge,
    Squat,
    Stoop,
}

impl Pattern {
    pub const ALL: [Pattern; 4] = [
        Pattern::Standing,
        Pattern::Hinge,
        Pattern::Squat,
        Pattern::Stoop,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Pattern::Standing => "standing",
            Pattern::Hinge => "hinge",
            Pattern::Squat => "squat",
            Pattern::Stoop => "stoop",
        }
    }

    /// A plain-words description for a novice.
    pub fn describe(self) -> &'static str {
        match self {
            Pattern::Standing => "Standing tall: no real bend yet.",
            Pattern::Hinge => {
                "A hip hinge: the hips fold and travel back while the back stays long."
            }
            Pattern::Squat => {
                "A squat: the knees bend deep and the hips sink down rather than back."
            }
            Pattern::Stoop => "A stoop: the back is doing the bending instead of the hips.",
        }
    }
}

/// Faults a coach names (INTERFACES.md ids, BIOMECHANICS.md §4, and the
/// deadlift faults of the second round).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    RoundedBack,
    RoundedUpperBack,
    /// Also accepted as `hips_up_and_down`: a hip path that goes down rather
    /// than back is what a squatted hinge looks like, so the two are one.
    #[serde(alias = "hips_up_and_down")]
    SquattingTheHinge,
    LockedKnees,
    ChinUp,
    RibsFlared,
    WeightOnToes,
    WeightOnHeels,
    HipsRiseFirst,
    BarDrift,
    LeaningBack,
    KneesCaving,
    ArmsPulling,
}

impl Fault {
    pub const ALL: [Fault; 13] = [
        Fault::RoundedBack,
        Fault::RoundedUpperBack,
        Fault::SquattingTheHinge,
        Fault::LockedKnees,
        Fault::ChinUp,
        Fault::RibsFlared,
        Fault::WeightOnToes,
        Fault::WeightOnHeels,
        Fault::HipsRiseFirst,
        Fault::BarDrift,
        Fault::LeaningBack,
        Fault::KneesCaving,
        Fault::ArmsPulling,
    ];

    /// Ids that were retired, and the fault each now names (INTERFACES.md:
    /// a retired id stays accepted as an alias).
    pub const RETIRED: [(&'static str, Fault); 1] =
        [("hips_up_and_down", Fault::SquattingTheHinge)];

    pub fn id(self) -> &'static str {
        match self {
            Fault::RoundedBack => "rounded_back",
            Fault::RoundedUpperBack => "rounded_upper_back",
            Fault::SquattingTheHinge => "squatting_the_hinge",
            Fault::LockedKnees => "locked_knees",
            Fault::ChinUp => "chin_up",
            Fault::RibsFlared => "ribs_flared",
            Fault::WeightOnToes => "weight_on_toes",
            Fault::WeightOnHeels => "weight_on_heels",
            Fault::HipsRiseFirst => "hips_rise_first",
            Fault::BarDrift => "bar_drift",
            Fault::LeaningBack => "leaning_back",
            Fault::KneesCaving => "knees_caving",
            Fault::ArmsPulling => "arms_pulling",
        }
    }

    /// A fault by its id, or by a retired id it replaced.
    pub fn from_id(id: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|f| f.id() == id).or_else(|| {
            Fault::RETIRED
                .iter()
                .find(|(old, _)| *old == id)
                .map(|(_, f)| *f)
        })
    }

    /// Whether one still pose can show this fault (the others are about
    /// timing: they need the repetition).
    pub fn seen_in_one_pose(self) -> bool {
        !matches!(self, Fault::HipsRiseFirst | Fault::ArmsPulling)
    }
}

/// One entry of the fault catalogue (assets/faults.ron).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultInfo {
    pub id: Fault,
    pub name: String,
    /// What it is, in plain words.
    pub description: String,
    /// What a coach looks for.
    pub look_for: String,
    /// The cue that fixes it.
    pub cue: String,
    /// Where this comes from: a seed article or a section of BIOMECHANICS.md.
    pub source: String,
}

/// The fault catalogue: one entry per fault.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FaultCatalogue {
    pub faults: Vec<FaultInfo>,
}

impl FaultCatalogue {
    pub fn parse(file: &str, text: &str) -> Result<FaultCatalogue, ContentError> {
        let faults: Vec<FaultInfo> = parse_ron(file, text)?;
        for fault in Fault::ALL {
            let n = faults.iter().filter(|f| f.id == fault).count();
            if n != 1 {
                let what = if n == 0 {
                    "is missing"
                } else {
                    "appears more than once"
                };
                return Err(ContentError::at_line(
                    file,
                    if n == 0 { 0 } else { line_of(text, fault.id()) },
                    format!("fault `{}` {what}", fault.id()),
                ));
            }
        }
        for f in &faults {
            for (field, value) in [("name", &f.name), ("cue", &f.cue), ("source", &f.source)] {
                if value.trim().is_empty() {
                    return Err(ContentError::at_line(
                        file,
                        line_of(text, f.id.id()),
                        format!("fault `{}` has an empty {field}", f.id.id()),
                    ));
                }
            }
        }
        Ok(FaultCatalogue { faults })
    }

    /// The catalogue shipped with the app.
    pub fn builtin() -> FaultCatalogue {
        let (file, text) = crate::content::builtin::FAULTS;
        FaultCatalogue::parse(file, text)
            .expect("the built-in fault catalogue is checked by the tests")
    }

    pub fn get(&self, fault: Fault) -> &FaultInfo {
        self.faults
            .iter()
            .find(|f| f.id == fault)
            .expect("parse checks that every fault is present")
    }

    pub fn cue(&self, fault: Fault) -> &str {
        &self.get(fault).cue
    }
}
