//! The guided first lesson: the toe touch beside the hinge (seed 003), seed
//! 001's steps (set up, start at the hips, descend to hamstring tension,
//! hold, return), the wall drill and its easier version (seed 003), the
//! dowel drill and the band-and-stick drill (seed 002), then the next rung. Each step shows a pose on the mannequin, then the learner
//! makes it with the sliders until the coach accepts it. Plain Rust.

use serde::{Deserialize, Serialize};

use super::{Key, Library};
use crate::body::PoseRequest;
use crate::coach::{Pattern, Verdict};
use crate::content::{ContentError, line_of, parse_ron};

/// What the learner has to reach in one step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Goal {
    /// Knee bend range, degrees.
    pub knee_deg: Option<(f32, f32)>,
    /// Hip angle range, degrees.
    pub hip_deg: Option<(f32, f32)>,
    /// The coach must call it a hinge (not just standing).
    pub hinge: bool,
    /// How far the hips must reach behind the ankles, metres.
    pub min_hip_behind_ankle_m: Option<f32>,
    /// Head, upper back and tailbone on the dowel.
    pub dowel: bool,
    /// Seconds the pose must be held.
    pub hold_s: f32,
}

/// One line of feedback: met or not, what it says in coaching words, and
/// the numbers behind it (a quiz shows those only after the answer).
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub ok: bool,
    pub text: String,
    pub detail: Option<String>,
}

impl Goal {
    /// Each condition, met or not, in words a novice can act on. No fault
    /// and a balanced body are always required.
    pub fn check(&self, request: &PoseRequest, verdict: &Verdict) -> Vec<Check> {
        let p = &request.pose;
        let mut v = Vec::new();
        let range = |v: &mut Vec<Check>,
                     what: &str,
                     x: f32,
                     (lo, hi): (f32, f32),
                     low: &str,
                     high: &str| {
            let ok = (lo..=hi).contains(&x);
            let text = if ok {
                format!("{what}: just right")
            } else if x < lo {
                format!("{what}: {low}")
            } else {
                format!("{what}: {high}")
            };
            let detail = Some(format!("{what} {x:.0}°, aim {lo:.0}-{hi:.0}°"));
            v.push(Check { ok, text, detail });
        };
        if let Some(r) = self.knee_deg {
            range(
                &mut v,
                "Knees",
                p.knee_deg,
                r,
                "bend them a little more",
                "straighten them a little",
            );
        }
        if let Some(r) = self.hip_deg {
            range(
                &mut v,
                "Hips",
                p.hip_deg,
                r,
                "fold further at the hips",
                "come up a little",
            );
        }
        if self.hinge {
            let ok = verdict.pattern == Pattern::Hinge;
            v.push(Check {
                ok,
                text: if ok {
                    "The coach sees a hinge".into()
                } else {
                    format!("The coach sees {}, not a hinge", verdict.pattern.id())
                },
                detail: None,
            });
        }
        if let Some(min) = self.min_hip_behind_ankle_m {
            let x = verdict.metrics.hip_behind_ankle_m;
            v.push(Check {
                ok: x >= min,
                text: if x >= min {
                    "Your seat reaches the wall".into()
                } else {
                    "Send your seat further back, to the wall".into()
                },
                detail: Some(format!(
                    "Hips {:.0} cm behind the ankles, {:.0} cm to touch the wall",
                    x * 100.0,
                    min * 100.0
                )),
            });
        }
        if self.dowel {
            let d = verdict.metrics.dowel_contact;
            let ok = d.head && d.upper_back && d.sacrum;
            v.push(Check {
                ok,
                text: if ok {
                    "Head, upper back and tailbone all touch the dowel".into()
                } else {
                    "Keep head, upper back and tailbone on the dowel".into()
                },
                detail: None,
            });
        }
        let clean = verdict.faults.is_empty() && verdict.balance == crate::body::Balance::Balanced;
        v.push(Check {
            ok: clean,
            text: if clean {
                "No faults".into()
            } else if verdict.faults.is_empty() {
                "Find your balance over the middle of the feet".into()
            } else {
                let names: Vec<&str> = verdict.faults.iter().map(|f| f.id()).collect();
                format!("Fix: {}", names.join(", ").replace('_', " "))
            },
            detail: None,
        });
        v
    }
}

/// One step of the lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub title: String,
    /// What to do, in plain words.
    pub text: String,
    /// The drill whose stance, load and props the step uses.
    pub drill: String,
    /// The pose the mannequin shows; `None` plays the whole drill.
    #[serde(default)]
    pub show: Option<Key>,
    /// A pose shown first, beside it, as what not to do (the toe touch
    /// before the hinge, seed 003).
    #[serde(default)]
    pub contrast: Option<Key>,
    /// The load view on for this step's figures: where the work goes.
    #[serde(default)]
    pub loads: bool,
    pub goal: Goal,
    /// Said when the learner gets it.
    pub praise: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    pub title: String,
    pub steps: Vec<Step>,
}

impl Lesson {
    /// Parse and check the lesson against the drills it names.
    pub fn parse(file: &str, text: &str, library: &Library) -> Result<Lesson, ContentError> {
        let lesson: Lesson = parse_ron(file, text)?;
        let err = |needle: &str, message: String| {
            ContentError::at_line(file, line_of(text, needle), message)
        };
        if lesson.steps.is_empty() {
            return Err(err("steps", "the lesson has no steps".into()));
        }
        for step in &lesson.steps {
            if library.get(&step.drill).is_none() {
                return Err(err(
                    &format!("\"{}\"", step.drill),
                    format!(
                        "step `{}` names an unknown drill `{}`",
                        step.title, step.drill
                    ),
                ));
            }
            if !(0.0..=10.0).contains(&step.goal.hold_s) {
                return Err(err(
                    &step.title,
                    format!("step `{}`: hold_s must be 0 to 10 s", step.title),
                ));
            }
        }
        Ok(lesson)
    }

    /// Where the learner starts trying step `i`: the pose the step before
    /// showed, or standing straight for the first one.
    pub fn start_key(&self, i: usize) -> Key {
        i.checked_sub(1)
            .and_then(|j| self.steps[..=j].iter().rev().find_map(|s| s.show))
            .unwrap_or_default()
    }

    pub fn builtin(library: &Library) -> Result<Lesson, ContentError> {
        let (file, text) = crate::content::builtin::LESSON;
        Lesson::parse(file, text, library)
    }
}

/// Where a learner is in the lesson.
#[derive(Debug, Clone, PartialEq, Default, bevy::prelude::Resource)]
pub struct LessonState {
    /// The step on screen; `None` when the lesson is closed.
    pub step: Option<usize>,
    /// Watching the mannequin, or trying with the sliders.
    pub trying: bool,
    /// Seconds the goal has been met without a break.
    pub held_s: f32,
    /// The step's goal has been reached.
    pub done: bool,
}

impl LessonState {
    /// Feed one frame's result: whether every check passed, and the frame
    /// time. Returns true the moment the step is done.
    pub fn update(&mut self, all_ok: bool, dt: f32, hold_s: f32) -> bool {
        if self.done || !self.trying {
            return false;
        }
        self.held_s = if all_ok {
            self.held_s + dt.max(0.0)
        } else {
            0.0
        };
        if all_ok && self.held_s >= hold_s {
            self.done = true;
            return true;
        }
        false
    }

    pub fn go_to(&mut self, step: usize) {
        *self = LessonState {
            step: Some(step),
            ..Default::default()
        };
    }
}
