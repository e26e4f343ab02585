//! A question's options and its answer in words, as the quiz panels and
//! the projected group quiz show them.

use crate::coach::FaultCatalogue;
use crate::drill::Library;

use super::{Ask, Question, QuizRun};

/// The option labels of a question, in the order shown.
pub fn option_texts(
    q: &Question,
    options: &[usize],
    library: &Library,
    catalogue: &FaultCatalogue,
) -> Vec<String> {
    options
        .iter()
        .map(|o| match &q.ask {
            Ask::SpotFault { choices, .. } => catalogue.get(choices[*o]).name.clone(),
            Ask::MatchCue { choices, .. } => {
                format!("\u{201c}{}\u{201d}", catalogue.cue(choices[*o]))
            }
            Ask::WhichCorrect { .. } => String::new(),
            Ask::Order { drills } => library
                .get(&drills[*o])
                .map_or(drills[*o].clone(), |d| d.name.clone()),
            Ask::SetPose { .. } => String::new(),
            Ask::Principle { choices, .. } => choices[*o].clone(),
            Ask::WhereWork { choices, .. } => choices[*o].carrier_words().to_string(),
        })
        .collect()
}

/// The right answer in words.
pub fn right_answer(
    q: &Question,
    run: &QuizRun,
    library: &Library,
    catalogue: &FaultCatalogue,
) -> String {
    let Some(shown) = run.current() else {
        return String::new();
    };
    match &q.ask {
        Ask::SpotFault { fault, .. } => catalogue.get(*fault).name.clone(),
        Ask::MatchCue { fault, .. } => format!("\u{201c}{}\u{201d}", catalogue.cue(*fault)),
        Ask::WhichCorrect { fault, .. } => format!(
            "{} is correct; {} shows {}",
            letter(shown.right_place()),
            letter(1 - shown.right_place().min(1)),
            catalogue.get(*fault).name.to_lowercase()
        ),
        Ask::Order { drills } => drills
            .iter()
            .map(|id| library.get(id).map_or(id.clone(), |d| d.name.clone()))
            .collect::<Vec<_>>()
            .join("  \u{2192}  "),
        Ask::SetPose { example, .. } => format!(
            "for example knees {:.0}°, hips {:.0}°, back neutral (shown on the mannequin)",
            example.knee_deg, example.hip_deg
        ),
        Ask::Principle {
            choices, answer, ..
        } => choices.get(*answer).cloned().unwrap_or_default(),
        Ask::WhereWork { answer, .. } => answer.carrier_words().to_string(),
    }
}

pub fn letter(place: usize) -> char {
    (b'A' + place.min(25) as u8) as char
}
