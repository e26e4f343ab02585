//! Class plans: a coach's class as a sequence of steps, written in
//! `assets/plans/ID.plan.ron`. Each step opens a view with its options
//! (a drill, a fault beside the correct hinge, the load view, a quiz
//! question for the group, a drill's handout) and carries a caption for
//! the coach. In presenter mode the clicker's next and previous walk
//! through the steps. Checked like the drills: a bad step is named with
//! its file and line.

use serde::{Deserialize, Serialize};

use crate::coach::Fault;
use crate::content::{ContentError, parse_ron};
use crate::drill::{Library, nth_line_of};
use crate::quiz::QuizBank;

/// What a step puts on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepView {
    /// The mannequin on its own, posed by `knee_deg` and `hip_deg`.
    Explore,
    /// The correct hinge beside `fault` (animated by `drill` if named).
    Compare,
    /// `drill` performed, its cue as the caption.
    Drills,
    /// `question` asked of the group.
    Quiz,
    /// `drill`'s printable sheet.
    Handout,
}

impl From<StepView> for crate::options::ViewState {
    fn from(v: StepView) -> Self {
        use crate::options::ViewState;
        match v {
            StepView::Explore => ViewState::Explore,
            StepView::Compare => ViewState::Compare,
            StepView::Drills => ViewState::Drills,
            StepView::Quiz => ViewState::Quiz,
            StepView::Handout => ViewState::Handout,
        }
    }
}

/// One step of a class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStep {
    pub view: StepView,
    /// What the coach says or asks here, shown under the figure.
    pub caption: String,
    #[serde(default)]
    pub drill: Option<String>,
    #[serde(default)]
    pub fault: Option<Fault>,
    /// The load view on (where the work goes).
    #[serde(default)]
    pub loads: bool,
    #[serde(default)]
    pub knee_deg: Option<f32>,
    #[serde(default)]
    pub hip_deg: Option<f32>,
    /// A quiz question's id (`hinge list quiz`).
    #[serde(default)]
    pub question: Option<String>,
}

/// A class plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub title: String,
    /// Who it is for and how long it takes, in a line.
    pub summary: String,
    /// The seeds (and BIOMECHANICS.md sections) it follows.
    pub source: String,
    pub steps: Vec<PlanStep>,
}

/// The longest caption a projected step can show in large type.
const MAX_CAPTION_CHARS: usize = 200;

impl Plan {
    /// Parse and check a plan against the drills and questions it names.
    pub fn parse(
        file: &str,
        text: &str,
        library: &Library,
        bank: &QuizBank,
    ) -> Result<Plan, ContentError> {
        let plan: Plan = parse_ron(file, text)?;
        let stem = file
            .rsplit(['/', '\\'])
            .next()
            .and_then(|f| f.strip_suffix(".plan.ron"));
        if stem.is_some_and(|s| s != plan.id) {
            return Err(ContentError::at_line(
                file,
                nth_line_of(text, "id:", 0),
                format!("the plan's id `{}` is not its file's name", plan.id),
            ));
        }
        if plan.steps.is_empty() {
            return Err(ContentError::at_line(
                file,
                nth_line_of(text, "steps", 0),
                "the plan has no steps",
            ));
        }
        for (i, step) in plan.steps.iter().enumerate() {
            // Each step starts with its view.
            let line = nth_line_of(text, "view:", i);
            let fail =
                |m: String| ContentError::at_line(file, line, format!("step {}: {m}", i + 1));
            check_step(step, library, bank).map_err(fail)?;
        }
        Ok(plan)
    }
}

/// What is wrong with a step, if anything.
fn check_step(step: &PlanStep, library: &Library, bank: &QuizBank) -> Result<(), String> {
    let caption = step.caption.trim();
    if caption.is_empty() {
        return Err("the caption is empty: say what the coach says here".into());
    }
    if caption.chars().count() > MAX_CAPTION_CHARS {
        return Err(format!(
            "the caption is {} characters; a projected caption holds {MAX_CAPTION_CHARS}",
            caption.chars().count()
        ));
    }
    if let Some(id) = &step.drill
        && library.get(id).is_none()
    {
        return Err(format!(
            "unknown drill `{id}`; known: {}",
            library.ids().join(", ")
        ));
    }
    let only = |what: &str, set: bool, views: &[StepView]| {
        if set && !views.contains(&step.view) {
            Err(format!(
                "`{what}` does not belong in a {:?} step",
                step.view
            ))
        } else {
            Ok(())
        }
    };
    only("fault", step.fault.is_some(), &[StepView::Compare])?;
    only("question", step.question.is_some(), &[StepView::Quiz])?;
    let posed = step.knee_deg.is_some() || step.hip_deg.is_some();
    only(
        "knee_deg / hip_deg",
        posed,
        &[StepView::Explore, StepView::Compare],
    )?;
    for (value, range) in [
        (step.knee_deg, crate::body::ranges::KNEE),
        (step.hip_deg, crate::body::ranges::HIP),
    ] {
        if let Some(v) = value
            && !range.contains(v)
        {
            return Err(crate::drill::out_of_range(range, v));
        }
    }
    if let (Some(knee), Some(hip)) = (step.knee_deg, step.hip_deg) {
        crate::body::ranges::hip_fits_knee(knee, hip).map_err(|e| e.to_string())?;
    }
    match step.view {
        StepView::Compare if step.fault.is_none() => {
            Err("a compare step names the `fault` to show beside the correct hinge".into())
        }
        StepView::Drills | StepView::Handout if step.drill.is_none() => {
            Err(format!("a {:?} step names its `drill`", step.view))
        }
        StepView::Quiz => match &step.question {
            None => Err("a quiz step names its `question`".into()),
            Some(q) if bank.find_question(q).is_none() => {
                Err(format!("unknown question `{q}`; see `hinge list quiz`"))
            }
            Some(_) => Ok(()),
        },
        _ => Ok(()),
    }
}

/// Every plan shipped in `assets/plans/`, checked; the problems of any
/// that did not parse are kept beside the ones that did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plans {
    pub plans: Vec<Plan>,
    pub problems: Vec<ContentError>,
}

impl Plans {
    pub fn from_texts<'a>(
        texts: impl IntoIterator<Item = (String, &'a str)>,
        library: &Library,
        bank: &QuizBank,
    ) -> Plans {
        let mut out = Plans::default();
        for (file, text) in texts {
            match Plan::parse(&file, text, library, bank) {
                Ok(p) => out.plans.push(p),
                Err(e) => out.problems.push(e),
            }
        }
        out
    }

    /// The built-in plans (embedded at build time), checked once.
    pub fn builtin() -> &'static Plans {
        static PLANS: std::sync::OnceLock<Plans> = std::sync::OnceLock::new();
        PLANS.get_or_init(|| {
            Plans::from_texts(
                crate::content::builtin::PLANS
                    .iter()
                    .map(|(id, text)| (format!("plans/{id}.plan.ron"), *text)),
                Library::builtin(),
                QuizBank::builtin(),
            )
        })
    }

    pub fn get(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.plans.iter().map(|p| p.id.as_str()).collect()
    }
}

/// The class running: its plan and the step on screen. Present only while
/// a plan runs; presenter mode shows the step's caption and walks the
/// steps with the clicker.
#[derive(Debug, Clone, PartialEq, bevy::prelude::Resource)]
pub struct PlanRun {
    pub plan: Plan,
    pub step: usize,
}

impl PlanRun {
    pub fn new(plan: Plan) -> PlanRun {
        PlanRun { plan, step: 0 }
    }

    pub fn current(&self) -> &PlanStep {
        &self.plan.steps[self.step.min(self.plan.steps.len() - 1)]
    }

    /// The next step; at the last one it stays (the class is over).
    pub fn forward(&mut self) -> bool {
        let moved = self.step + 1 < self.plan.steps.len();
        if moved {
            self.step += 1;
        }
        moved
    }

    pub fn back(&mut self) -> bool {
        let moved = self.step > 0;
        if moved {
            self.step -= 1;
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_plan_loads_and_names_real_content() {
        let plans = Plans::builtin();
        assert!(plans.problems.is_empty(), "{:?}", plans.problems);
        assert!(plans.plans.len() >= 3, "{:?}", plans.ids());
        for p in &plans.plans {
            let views: Vec<StepView> = p.steps.iter().map(|s| s.view).collect();
            assert!(
                p.steps.len() >= 4,
                "{}: a class is more than a step or two",
                p.id
            );
            assert!(!p.source.is_empty(), "{}: no source", p.id);
            // Walking it end to end and back.
            let mut run = PlanRun::new(p.clone());
            let mut seen = 1;
            while run.forward() {
                seen += 1;
            }
            assert_eq!(seen, p.steps.len());
            assert!(!run.forward(), "{}: past the last step", p.id);
            while run.back() {}
            assert_eq!(run.step, 0);
            assert!(views.len() == p.steps.len());
        }
    }

    #[test]
    fn a_broken_plan_is_named_with_its_file_and_line() {
        let library = Library::builtin();
        let bank = QuizBank::builtin();
        let good = r#"(
    id: "p",
    title: "A class",
    summary: "Ten minutes.",
    source: "seed 001",
    steps: [
        (view: drills, drill: Some("wall-hinge"), caption: "The wall drill."),
        (view: compare, fault: Some(rounded_back), caption: "Rounded."),
    ],
)"#;
        assert!(Plan::parse("plans/p.plan.ron", good, library, bank).is_ok());
        let cases = [
            (
                "\"wall-hinge\"",
                "\"wall-drill\"",
                7,
                "unknown drill `wall-drill`",
            ),
            ("fault: Some(rounded_back), ", "", 8, "names the `fault`"),
            (
                "caption: \"Rounded.\"",
                "caption: \" \"",
                8,
                "caption is empty",
            ),
            (
                "(view: drills, drill: Some(\"wall-hinge\"),",
                "(view: quiz, question: Some(\"no-such-question\"),",
                7,
                "unknown question",
            ),
            ("view: compare", "view: gallery", 8, ""),
        ];
        for (from, to, line, says) in cases {
            let bad = good.replace(from, to);
            let e = Plan::parse("plans/p.plan.ron", &bad, library, bank).unwrap_err();
            assert_eq!(e.line, line, "{e}");
            assert!(e.to_string().starts_with("plans/p.plan.ron:"), "{e}");
            assert!(e.message.contains(says), "{e}");
        }
        let e = Plan::parse("plans/other.plan.ron", good, library, bank).unwrap_err();
        assert!(e.message.contains("not its file's name"), "{e}");
    }
}
