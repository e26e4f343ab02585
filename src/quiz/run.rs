//! One run through a quiz, in plain Rust: a seeded shuffle of questions and
//! options, the answers, the score and the misses; and the best scores kept
//! between runs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ask, Kind, Quiz};

/// What the learner answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The index of the option picked, as shown.
    Choice(usize),
    /// The options as shown, in the order tapped.
    Order(Vec<usize>),
    /// Whether the coach accepted the pose set with the sliders.
    Pose(bool),
}

/// How one question is shown: its options in shuffled order.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The question's index in the quiz.
    pub question: usize,
    /// `options[i]` is the index, in the question's own list (its choices,
    /// its drills, or for a which-is-correct question 0 = the correct figure
    /// and 1 = the faulty one), of the option shown in place `i`.
    pub options: Vec<usize>,
    /// The right option's index in the question's own list.
    pub right: usize,
    pub kind: Kind,
}

impl Shown {
    /// Where the right answer is shown (choices and figures).
    pub fn right_place(&self) -> usize {
        self.options
            .iter()
            .position(|o| *o == self.right)
            .unwrap_or(0)
    }
}

/// One run through a quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizRun {
    pub quiz: String,
    pub seed: u64,
    /// Questions in the order asked.
    pub shown: Vec<Shown>,
    /// The place in `shown` on screen; `shown.len()` when finished.
    pub at: usize,
    /// The answers given, by place; `None` until answered.
    pub answers: Vec<Option<(Answer, bool)>>,
    /// The answer is showing (after answering, or the coach's reveal).
    pub revealed: bool,
    /// A coach's group: one question at a time, revealed by the coach, no score.
    pub group: bool,
}

impl QuizRun {
    /// Shuffle the questions and each question's options with `seed` (the
    /// same seed gives the same quiz). `first` puts that question first.
    pub fn new(quiz: &Quiz, seed: u64, group: bool, first: Option<usize>) -> QuizRun {
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut order: Vec<usize> = (0..quiz.questions.len()).collect();
        rng.shuffle(&mut order);
        if let Some(f) = first.filter(|f| *f < order.len()) {
            order.retain(|q| *q != f);
            order.insert(0, f);
        }
        let shown = order
            .into_iter()
            .map(|q| {
                let ask = &quiz.questions[q].ask;
                let mut options: Vec<usize> = (0..ask.option_count()).collect();
                rng.shuffle(&mut options);
                let right = match ask {
                    Ask::SpotFault { fault, choices, .. }
                    | Ask::MatchCue { fault, choices, .. } => {
                        choices.iter().position(|c| c == fault).unwrap_or(0)
                    }
                    Ask::Principle { answer, .. } => *answer,
                    Ask::WhereWork {
                        answer, choices, ..
                    } => choices.iter().position(|c| c == answer).unwrap_or(0),
                    _ => 0,
                };
                Shown {
                    question: q,
                    options,
                    right,
                    kind: ask.kind(),
                }
            })
            .collect::<Vec<_>>();
        QuizRun {
            quiz: quiz.id.clone(),
            seed,
            answers: vec![None; shown.len()],
            shown,
            at: 0,
            revealed: false,
            group,
        }
    }

    pub fn current(&self) -> Option<&Shown> {
        self.shown.get(self.at)
    }

    pub fn finished(&self) -> bool {
        self.at >= self.shown.len()
    }

    /// Record the answer to the question on screen (once) and reveal the
    /// right one. Returns whether it was right.
    pub fn answer(&mut self, quiz: &Quiz, answer: Answer) -> Option<bool> {
        let shown = self.current()?;
        if self.answers[self.at].is_some() || self.revealed {
            return None;
        }
        let ask = &quiz.questions.get(shown.question)?.ask;
        let right = match (&answer, ask) {
            (Answer::Pose(ok), Ask::SetPose { .. }) => *ok,
            (Answer::Order(tapped), Ask::Order { drills }) => {
                tapped.len() == drills.len()
                    && tapped
                        .iter()
                        .enumerate()
                        .all(|(rank, place)| shown.options.get(*place) == Some(&rank))
            }
            (Answer::Choice(_), Ask::Order { .. } | Ask::SetPose { .. }) => false,
            (Answer::Choice(place), _) => shown.options.get(*place) == Some(&shown.right),
            _ => false,
        };
        self.answers[self.at] = Some((answer, right));
        self.revealed = true;
        Some(right)
    }

    /// Show the answer without one given (the coach's reveal).
    pub fn reveal(&mut self) {
        if !self.finished() {
            self.revealed = true;
        }
    }

    /// On to the next question (or the end).
    pub fn next(&mut self) {
        if !self.finished() {
            self.at += 1;
            self.revealed = self.answers.get(self.at).is_some_and(Option::is_some);
        }
    }

    /// Back one question (answers given stay given).
    pub fn previous(&mut self) {
        self.at = self
            .at
            .saturating_sub(1)
            .min(self.shown.len().saturating_sub(1));
        self.revealed = self.answers.get(self.at).is_some_and(Option::is_some);
    }

    /// Right answers and questions answered.
    pub fn score(&self) -> (u32, u32) {
        let answered = self.answers.iter().flatten();
        let right = answered.clone().filter(|(_, ok)| *ok).count();
        (right as u32, answered.count() as u32)
    }

    /// The questions missed or skipped, as question indices, in the order asked.
    pub fn misses(&self) -> Vec<usize> {
        self.shown
            .iter()
            .zip(&self.answers)
            .filter(|(_, a)| !matches!(a, Some((_, true))))
            .map(|(s, _)| s.question)
            .collect()
    }
}

/// Best scores per quiz, kept between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Resource)]
#[serde(default)]
pub struct Scores {
    pub version: u32,
    pub best: BTreeMap<String, Best>,
}

impl Default for Scores {
    fn default() -> Self {
        Scores {
            version: 1,
            best: BTreeMap::new(),
        }
    }
}

impl crate::store::Versioned for Scores {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Best {
    pub right: u32,
    pub total: u32,
}

impl Scores {
    /// The scores' name in the store.
    pub const NAME: &'static str = "scores.ron";

    /// Keep a finished quiz's score if it beats the best (by share right,
    /// then by more questions). Returns whether it is a new best.
    pub fn record(&mut self, quiz: &str, right: u32, total: u32) -> bool {
        if total == 0 || right > total {
            return false;
        }
        let new = Best { right, total };
        let better = match self.best.get(quiz) {
            None => true,
            Some(b) => {
                let (a, c) = (
                    u64::from(right) * u64::from(b.total),
                    u64::from(b.right) * u64::from(total),
                );
                a > c || (a == c && total > b.total)
            }
        };
        if better {
            self.best.insert(quiz.to_string(), new);
        }
        better
    }
}
