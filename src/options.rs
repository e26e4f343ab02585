//! The words launch options are made of: the views, the camera presets, the
//! projector themes, and the view on screen as a Bevy state. Plain data,
//! below everything that uses it (the command line, the URL, the views).

use bevy::prelude::States;
use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::coach::Fault;

/// A view a launch can open (`--view`, `?view=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    #[default]
    Explore,
    Compare,
    Drills,
    Quiz,
    Present,
    /// "Check my hinge": a learner's own side photo.
    Photo,
    /// A drill's handout to print (with `--drill`; the drill card opens it too).
    Handout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Theme {
    /// Dark text on white: survives a projector in a bright gym.
    #[default]
    Light,
    /// Light text on black: for a dark room.
    Dark,
}

impl Theme {
    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CameraPreset {
    #[default]
    Side,
    Front,
    ThreeQuarter,
    Top,
}

impl CameraPreset {
    pub const ALL: [CameraPreset; 4] = [
        CameraPreset::Side,
        CameraPreset::Front,
        CameraPreset::ThreeQuarter,
        CameraPreset::Top,
    ];
}

/// How loads are shown: kilograms or pounds, chosen once and remembered
/// (the body model, the drill files and `hinge pose --json` stay in kg).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, bevy::prelude::Resource,
)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    #[default]
    Kg,
    Lb,
}

impl Units {
    /// Pounds in a kilogram (the international avoirdupois pound, exactly
    /// 0.45359237 kg).
    pub const LB_PER_KG: f32 = 1.0 / 0.453_592_37;

    /// `kg` in these units.
    pub fn shown(self, kg: f32) -> f32 {
        match self {
            Units::Kg => kg,
            Units::Lb => kg * Self::LB_PER_KG,
        }
    }

    /// A value in these units, in kg.
    pub fn to_kg(self, v: f32) -> f32 {
        match self {
            Units::Kg => v,
            Units::Lb => v / Self::LB_PER_KG,
        }
    }

    pub fn suffix(self) -> &'static str {
        match self {
            Units::Kg => " kg",
            Units::Lb => " lb",
        }
    }

    /// `kg` written in these units, whole: "50 kg", "110 lb".
    pub fn say(self, kg: f32) -> String {
        format!("{:.0}{}", self.shown(kg), self.suffix())
    }
}

/// The view on screen (presenting is a layout over these, not a view).
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ViewState {
    #[default]
    Explore,
    Compare,
    /// The drill library: one figure performing the chosen drill.
    Drills,
    /// The quiz: figures set up by each question.
    Quiz,
    /// A learner's own photo, marked and judged.
    Photo,
    /// A drill's printable sheet: its phases side by side with their cues
    /// (reached from the drill card and `hinge handout`, not a tab).
    Handout,
}

impl From<View> for ViewState {
    fn from(v: View) -> Self {
        match v {
            View::Compare => ViewState::Compare,
            // Presenting starts on the drills; `--fault` makes it a comparison.
            View::Drills | View::Present => ViewState::Drills,
            View::Quiz => ViewState::Quiz,
            View::Explore => ViewState::Explore,
            View::Photo => ViewState::Photo,
            View::Handout => ViewState::Handout,
        }
    }
}

impl From<ViewState> for View {
    fn from(v: ViewState) -> Self {
        match v {
            ViewState::Explore => View::Explore,
            ViewState::Compare => View::Compare,
            ViewState::Drills => View::Drills,
            ViewState::Quiz => View::Quiz,
            ViewState::Photo => View::Photo,
            // The sheet is the drill's: coming back, the drill is on.
            ViewState::Handout => View::Drills,
        }
    }
}

/// The view a launch opens: presenting opens the drills, the comparison
/// when a fault is named, or the learner's photo when one is given.
pub fn initial_view(view: View, fault: Option<Fault>, photo: bool) -> ViewState {
    match (view, fault, photo) {
        (View::Present, _, true) => ViewState::Photo,
        (View::Present, Some(_), _) => ViewState::Compare,
        (v, _, _) => v.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Presenting opens the drills; with a fault, the comparison; with a
    /// learner's photo, that photo for the group.
    #[test]
    fn presenting_opens_the_drills_a_comparison_or_the_learner_s_photo() {
        assert_eq!(initial_view(View::Present, None, false), ViewState::Drills);
        assert_eq!(
            initial_view(View::Present, Some(Fault::RoundedBack), false),
            ViewState::Compare
        );
        assert_eq!(initial_view(View::Present, None, true), ViewState::Photo);
        assert_eq!(initial_view(View::Explore, None, true), ViewState::Explore);
    }
}
