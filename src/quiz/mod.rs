//! The quiz: questions in RON (`assets/quiz/*.quiz.ron`), checked against the
//! drills, the faults and the coach (no question may give its answer away).
//! One run through a quiz and the best scores are in `run`; the words on
//! screen in `text`.

use serde::{Deserialize, Serialize};

use crate::body::moments::{LoadView, Part};
use crate::body::{PoseRequest, solve};
use crate::coach::{Fault, FaultCatalogue, ThresholdsFile, Verdict, evaluate, faulty_pose};
use crate::content::{ContentError, line_of, parse_ron};
use crate::drill::lesson::Goal;
use crate::drill::{Key, Level, Library};

/// What a question asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Ask {
    /// A figure plays the drill with one fault: which fault is it?
    SpotFault {
        drill: String,
        fault: Fault,
        /// The faults offered (the answer among them).
        choices: Vec<Fault>,
    },
    /// Two figures play the drill, one of them with the fault: which one is
    /// correct?
    WhichCorrect { drill: String, fault: Fault },
    /// Set the pose with the sliders (in the drill's stance and load) until
    /// the goal is met; `example` is one pose that meets it.
    SetPose {
        drill: String,
        goal: Goal,
        example: Key,
    },
    /// Put these drills in progression-ladder order (listed here easiest
    /// first; they are shuffled when asked).
    Order { drills: Vec<String> },
    /// A figure plays the drill with the fault: which cue fixes it?
    MatchCue {
        drill: String,
        fault: Fault,
        /// Faults whose cues are offered (the answer's among them).
        choices: Vec<Fault>,
    },
    /// A question on the principles the seeds teach, answered in words; a
    /// figure may play a drill (with a fault) to look at.
    Principle {
        #[serde(default)]
        drill: Option<String>,
        #[serde(default)]
        fault: Option<Fault>,
        choices: Vec<String>,
        /// The right choice, counting from 0 as written (they are shuffled
        /// when asked).
        answer: usize,
    },
    /// A figure plays the drill (with a fault): where does its work go? The
    /// load view shows only after the answer, and the file's answer must be
    /// the part the body model finds working hardest among the choices at
    /// the drill's sticking point, by a clear margin.
    WhereWork {
        drill: String,
        #[serde(default)]
        fault: Option<Fault>,
        choices: Vec<Part>,
        answer: Part,
    },
}

/// The kinds of question, for coverage and for the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SpotFault,
    WhichCorrect,
    SetPose,
    Order,
    MatchCue,
    Principle,
    WhereWork,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::SpotFault,
        Kind::WhichCorrect,
        Kind::SetPose,
        Kind::Order,
        Kind::MatchCue,
        Kind::Principle,
        Kind::WhereWork,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::SpotFault => "Spot the fault",
            Kind::WhichCorrect => "Which one is correct?",
            Kind::SetPose => "Set the pose",
            Kind::Order => "Order the ladder",
            Kind::MatchCue => "Match the cue",
            Kind::Principle => "Why and how",
            Kind::WhereWork => "Where does the work go?",
        }
    }
}

impl Ask {
    pub fn kind(&self) -> Kind {
        match self {
            Ask::SpotFault { .. } => Kind::SpotFault,
            Ask::WhichCorrect { .. } => Kind::WhichCorrect,
            Ask::SetPose { .. } => Kind::SetPose,
            Ask::Order { .. } => Kind::Order,
            Ask::MatchCue { .. } => Kind::MatchCue,
            Ask::Principle { .. } => Kind::Principle,
            Ask::WhereWork { .. } => Kind::WhereWork,
        }
    }

    /// The drill the figures perform (for an order question, the first one;
    /// empty for a question in words without a figure).
    pub fn drill(&self) -> &str {
        match self {
            Ask::SpotFault { drill, .. }
            | Ask::WhichCorrect { drill, .. }
            | Ask::SetPose { drill, .. }
            | Ask::MatchCue { drill, .. }
            | Ask::WhereWork { drill, .. } => drill,
            Ask::Order { drills } => drills.first().map_or("", String::as_str),
            Ask::Principle { drill, .. } => drill.as_deref().unwrap_or(""),
        }
    }

    /// The fault the question is about, if any.
    pub fn fault(&self) -> Option<Fault> {
        match self {
            Ask::SpotFault { fault, .. }
            | Ask::WhichCorrect { fault, .. }
            | Ask::MatchCue { fault, .. } => Some(*fault),
            _ => None,
        }
    }

    /// Every drill the question names.
    pub fn drills(&self) -> Vec<&str> {
        match self {
            Ask::Order { drills } => drills.iter().map(String::as_str).collect(),
            Ask::Principle { drill, .. } => drill.iter().map(String::as_str).collect(),
            other => vec![other.drill()],
        }
    }

    /// The fault a figure shows with a principle question, if any.
    pub fn shown_fault(&self) -> Option<Fault> {
        match self {
            Ask::Principle { fault, .. } | Ask::WhereWork { fault, .. } => *fault,
            other => other.fault(),
        }
    }

    /// How many options are shown (choices, figures, or drills to order).
    pub fn option_count(&self) -> usize {
        match self {
            Ask::SpotFault { choices, .. } | Ask::MatchCue { choices, .. } => choices.len(),
            Ask::Principle { choices, .. } => choices.len(),
            Ask::WhereWork { choices, .. } => choices.len(),
            Ask::WhichCorrect { .. } => 2,
            Ask::Order { drills } => drills.len(),
            Ask::SetPose { .. } => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub ask: Ask,
    /// The question in words; each kind has a default.
    #[serde(default)]
    pub prompt: Option<String>,
    /// Said after the answer, right or wrong: why.
    pub explanation: String,
    /// Where the answer comes from: a seed article or a BIOMECHANICS.md section.
    pub source: String,
}

impl Question {
    pub fn prompt(&self, library: &Library, catalogue: &FaultCatalogue) -> String {
        if let Some(p) = &self.prompt {
            return p.clone();
        }
        let drill = library
            .get(self.ask.drill())
            .map_or(self.ask.drill().to_string(), |d| d.name.clone());
        // No default prompt names its answer: the learner has to see it.
        let _ = catalogue;
        match &self.ask {
            Ask::SpotFault { .. } => format!("{drill}: which fault do you see?"),
            Ask::WhichCorrect { .. } => format!("{drill}: which figure, A or B, does it right?"),
            Ask::SetPose { .. } => {
                format!("{drill}: set the pose with the sliders, then check it.")
            }
            Ask::Order { .. } => {
                "Put these drills in ladder order: tap the easiest first.".to_string()
            }
            Ask::MatchCue { .. } => {
                format!("{drill}: watch the figure. Which cue would you give it?")
            }
            Ask::Principle { .. } => String::new(),
            Ask::WhereWork { .. } => {
                format!("{drill}: watch the figure. Where does its work go?")
            }
        }
    }

    /// What the right answer says: a fault's name, a cue, a choice in words
    /// (none for a figure, a pose or an order). A prompt must not contain it.
    pub fn answer_texts<'a>(&'a self, catalogue: &'a FaultCatalogue) -> Vec<&'a str> {
        match &self.ask {
            Ask::SpotFault { fault, .. } | Ask::WhichCorrect { fault, .. } => {
                let info = catalogue.get(*fault);
                vec![info.name.as_str(), info.cue.as_str()]
            }
            Ask::MatchCue { fault, .. } => {
                let info = catalogue.get(*fault);
                vec![info.name.as_str(), info.cue.as_str()]
            }
            Ask::Principle {
                choices, answer, ..
            } => choices
                .get(*answer)
                .map(String::as_str)
                .into_iter()
                .collect(),
            Ask::WhereWork { answer, .. } => vec![answer.carrier_words()],
            _ => Vec::new(),
        }
    }

    /// Whether the learner's pose meets a set-the-pose question's goal.
    pub fn pose_accepted(&self, request: &PoseRequest, verdict: &Verdict) -> bool {
        match &self.ask {
            Ask::SetPose { goal, .. } => goal.check(request, verdict).iter().all(|c| c.ok),
            _ => false,
        }
    }
}

/// One quiz: a titled set of questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub questions: Vec<Question>,
}

/// Whether `text` gives away `answer`: it holds the answer, or a fault's id
/// read as words (`chin_up` as "chin up"), ignoring case.
fn gives_away(text: &str, answer: &str) -> bool {
    let text = text.to_lowercase();
    let answer = answer.trim().to_lowercase();
    !answer.is_empty() && text.contains(&answer)
}

/// The pose a still figure shows for a fault in a drill: the drill's
/// sticking point with the fault put in.
pub fn faulty_request(library: &Library, drill: &str, fault: Fault) -> Option<PoseRequest> {
    let d = library.get(drill)?;
    let hold = d.hold().map(|p| p.to).unwrap_or_default();
    Some(faulty_pose(&d.request(&hold), fault))
}

impl Quiz {
    /// Parse a quiz file and check every question against the content: the
    /// drills and faults exist, the answer is among the choices, the coach
    /// really sees the fault the figure shows (and none of the other choices),
    /// a pose goal can be met and is not met by standing still, the ladder
    /// question lists its drills in ladder order.
    pub fn parse(
        file: &str,
        text: &str,
        library: &Library,
        thresholds: &ThresholdsFile,
    ) -> Result<Quiz, ContentError> {
        let quiz: Quiz = parse_ron(file, text)?;
        let at = |needle: &str, message: String| {
            ContentError::at_line(file, line_of(text, needle), message)
        };
        let expected = format!("{}.quiz.ron", quiz.id);
        if !file.ends_with(&expected) {
            return Err(at(
                "id:",
                format!("the file of quiz `{}` must be named {expected}", quiz.id),
            ));
        }
        if quiz.questions.is_empty() {
            return Err(at("questions", "the quiz has no questions".into()));
        }
        for (i, q) in quiz.questions.iter().enumerate() {
            let needle = format!("\"{}\"", q.id);
            let err = |m: String| at(&needle, format!("question `{}`: {m}", q.id));
            if quiz.questions[..i].iter().any(|o| o.id == q.id) {
                return Err(err("a question with this id comes earlier".into()));
            }
            for (field, value) in [("explanation", &q.explanation), ("source", &q.source)] {
                if value.trim().is_empty() {
                    return Err(err(format!("empty {field}")));
                }
            }
            for id in q.ask.drills() {
                if library.get(id).is_none() {
                    return Err(err(format!(
                        "unknown drill `{id}`; known: {}",
                        library.ids().join(", ")
                    )));
                }
            }
            check_ask(&q.ask, library, thresholds).map_err(err)?;
            check_prompt(q, library).map_err(err)?;
        }
        Ok(quiz)
    }
}

/// A prompt must not give the answer away: no name or cue of the fault it
/// asks about, no answer in words, no numbers for a pose to set (the ranges
/// show after the answer), and a question in words needs its words.
fn check_prompt(q: &Question, library: &Library) -> Result<(), String> {
    let catalogue = FaultCatalogue::builtin();
    let prompt = q.prompt(library, &catalogue);
    if q.ask.kind() == Kind::Principle && prompt.trim().is_empty() {
        return Err("a question in words needs its prompt".into());
    }
    let mut giveaways: Vec<String> = q
        .answer_texts(&catalogue)
        .into_iter()
        .map(str::to_string)
        .collect();
    if let Some(f) = q.ask.fault() {
        giveaways.push(f.id().replace('_', " "));
    }
    if let Some(g) = giveaways.iter().find(|g| gives_away(&prompt, g)) {
        return Err(format!("the prompt gives the answer away: it says `{g}`"));
    }
    if q.ask.kind() == Kind::SetPose && prompt.chars().any(|c| c.is_ascii_digit()) {
        return Err(
            "a set-the-pose prompt says what to do in words, not numbers (the ranges show after the answer)"
                .into(),
        );
    }
    Ok(())
}

fn check_ask(ask: &Ask, library: &Library, thresholds: &ThresholdsFile) -> Result<(), String> {
    let judge = |drill: &str, r: &PoseRequest| {
        let t = library.get(drill).map_or_else(
            || thresholds.preset_or_default(""),
            |d| d.thresholds(thresholds),
        );
        evaluate(&solve(r), &t)
    };
    // The figure plays the faulty repetition: the coach must find the fault
    // in it, and none of the other answers offered.
    let shows = |drill: &str, fault: Fault, others: &[Fault]| -> Result<(), String> {
        let d = library.get(drill).ok_or("no such drill")?;
        let frames = d.repetition(Some(fault), 1.0 / 30.0, thresholds);
        let found: Vec<Fault> = crate::coach::judge(&frames, &d.thresholds(thresholds))
            .iter()
            .map(|f| f.id)
            .collect();
        if !found.contains(&fault) {
            return Err(format!(
                "the coach does not see `{}` in the faulty {drill} (it sees: {found:?})",
                fault.id()
            ));
        }
        if let Some(o) = others.iter().find(|o| **o != fault && found.contains(o)) {
            return Err(format!(
                "the faulty {drill} also shows `{}`, another choice: two answers would be right",
                o.id()
            ));
        }
        Ok(())
    };
    let choices_ok = |fault: Fault, choices: &[Fault]| -> Result<(), String> {
        if choices.len() < 2 || choices.len() > 4 {
            return Err("offer 2 to 4 choices".into());
        }
        if !choices.contains(&fault) {
            return Err(format!(
                "the answer `{}` is not among the choices",
                fault.id()
            ));
        }
        let mut sorted = choices.to_vec();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != choices.len() {
            return Err("a choice is offered twice".into());
        }
        Ok(())
    };
    match ask {
        Ask::SpotFault {
            drill,
            fault,
            choices,
        }
        | Ask::MatchCue {
            drill,
            fault,
            choices,
        } => {
            choices_ok(*fault, choices)?;
            shows(drill, *fault, choices)
        }
        Ask::WhichCorrect { drill, fault } => shows(drill, *fault, &[]),
        Ask::SetPose {
            drill,
            goal,
            example,
        } => {
            let d = library.get(drill).ok_or("no such drill")?;
            let r = d.request(example);
            let v = judge(drill, &r);
            if let Some(c) = goal.check(&r, &v).iter().find(|c| !c.ok) {
                return Err(format!(
                    "the example pose does not meet the goal: {}",
                    c.text
                ));
            }
            let standing = d.request(&Key::default());
            let v = judge(drill, &standing);
            if goal.check(&standing, &v).iter().all(|c| c.ok) {
                return Err("standing still already meets the goal".into());
            }
            if goal.hold_s > 0.0 {
                return Err("a quiz pose is checked once: leave hold_s out".into());
            }
            Ok(())
        }
        Ask::Order { drills } => {
            if drills.len() < 3 || drills.len() > 5 {
                return Err("order 3 to 5 drills".into());
            }
            // Only seed 004's ladder has an order, and only between its rungs:
            // within a rung it names its drills without ranking them.
            if let Some(d) = drills
                .iter()
                .filter_map(|id| library.get(id))
                .find(|d| !d.on_ladder)
            {
                return Err(format!(
                    "`{}` is not on seed 004's ladder, so it has no place in its order",
                    d.id
                ));
            }
            let rungs: Vec<Level> = drills
                .iter()
                .filter_map(|id| library.get(id).map(|d| d.level))
                .collect();
            if rungs.windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!(
                    "list the drills easiest first, each on a higher rung than the one before (they are: {rungs:?})"
                ));
            }
            Ok(())
        }
        Ask::Principle {
            drill,
            fault,
            choices,
            answer,
        } => {
            if choices.len() < 2 || choices.len() > 4 {
                return Err("offer 2 to 4 choices".into());
            }
            if *answer >= choices.len() {
                return Err(format!(
                    "answer {answer} is past the last choice ({} of them, counted from 0)",
                    choices.len()
                ));
            }
            let mut sorted: Vec<&str> = choices.iter().map(|c| c.trim()).collect();
            sorted.sort_unstable();
            sorted.dedup();
            if sorted.len() != choices.len() || sorted.iter().any(|c| c.is_empty()) {
                return Err("every choice says something different".into());
            }
            match (drill, fault) {
                (Some(d), Some(f)) => shows(d, *f, &[]),
                (None, Some(_)) => Err("a fault to show needs a drill to show it in".into()),
                _ => Ok(()),
            }
        }
        Ask::WhereWork {
            drill,
            fault,
            choices,
            answer,
        } => {
            let mut sorted = choices.clone();
            sorted.sort();
            sorted.dedup();
            if choices.len() < 2 || choices.len() > 4 || sorted.len() != choices.len() {
                return Err("offer 2 to 4 different parts".into());
            }
            if !choices.contains(answer) {
                return Err(format!(
                    "the answer `{}` is not among the choices",
                    answer.id()
                ));
            }
            if let Some(f) = fault {
                shows(drill, *f, &[])?;
            }
            let (hardest, lead) = work_at_sticking_point(library, drill, *fault)
                .ok_or("no such drill")?
                .hardest_of(choices)
                .ok_or("no choices")?;
            if hardest != *answer {
                return Err(format!(
                    "among the choices the body model finds `{}` working hardest, not `{}`",
                    hardest.id(),
                    answer.id()
                ));
            }
            if lead < WORK_MARGIN {
                return Err(format!(
                    "`{}` works only {lead:.2} times as hard as the next choice: offer choices a learner can tell apart (at least {WORK_MARGIN})",
                    answer.id()
                ));
            }
            Ok(())
        }
    }
}

/// How many times harder the answer to a where-does-the-work-go question
/// must work than the next choice: a difference a novice can see in the
/// load view's bands (one effort word apart, `body::moments::effort_word`).
pub const WORK_MARGIN: f32 = 1.5;

/// The load view of a drill's sticking point, with the fault put in.
pub fn work_at_sticking_point(
    library: &Library,
    drill: &str,
    fault: Option<Fault>,
) -> Option<LoadView> {
    let d = library.get(drill)?;
    let r = d.request_at(d.sticking_point_s(), None);
    let r = fault.map_or(r, |f| faulty_pose(&r, f));
    Some(LoadView::of(&solve(&r)))
}

/// All the quizzes, with the files that did not load.
#[derive(Debug, Clone, Default, PartialEq, bevy::prelude::Resource)]
pub struct QuizBank {
    pub quizzes: Vec<Quiz>,
    pub problems: Vec<ContentError>,
}

impl QuizBank {
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
        library: &Library,
        thresholds: &ThresholdsFile,
    ) -> QuizBank {
        let mut bank = QuizBank::default();
        for (file, text) in files {
            match Quiz::parse(&file, text, library, thresholds) {
                Ok(q) => {
                    let clash = bank.quizzes.iter().find_map(|other| {
                        q.questions
                            .iter()
                            .find(|a| other.questions.iter().any(|b| b.id == a.id))
                            .map(|a| (other.id.clone(), a.id.clone()))
                    });
                    if let Some((other, qid)) = clash {
                        bank.problems.push(ContentError::at_line(
                            &file,
                            line_of(text, &format!("\"{qid}\"")),
                            format!("question id `{qid}` is also in quiz `{other}`"),
                        ));
                    } else if bank.quizzes.iter().any(|o| o.id == q.id) {
                        bank.problems.push(ContentError::whole_file(
                            &file,
                            format!("a quiz with id `{}` already exists", q.id),
                        ));
                    } else {
                        bank.quizzes.push(q);
                    }
                }
                Err(e) => bank.problems.push(e),
            }
        }
        bank
    }

    /// The quizzes shipped with the app, checked against the built-in drills.
    /// Parsed once, as the drills are (`Library::builtin`): checking every
    /// question solves its poses, and the quiz view, the class plans and the
    /// launch options all ask for it.
    pub fn builtin() -> &'static QuizBank {
        static BUILTIN: std::sync::OnceLock<QuizBank> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            QuizBank::from_texts(
                crate::content::builtin::QUIZZES
                    .iter()
                    .map(|(id, text)| (format!("quiz/{id}.quiz.ron"), *text)),
                Library::builtin(),
                &ThresholdsFile::builtin(),
            )
        })
    }

    pub fn get(&self, id: &str) -> Option<&Quiz> {
        self.quizzes.iter().find(|q| q.id == id)
    }

    /// The quiz holding a question, and the question's index in it.
    pub fn find_question(&self, id: &str) -> Option<(&Quiz, usize)> {
        self.quizzes
            .iter()
            .find_map(|q| q.questions.iter().position(|x| x.id == id).map(|i| (q, i)))
    }

    pub fn question_ids(&self) -> Vec<&str> {
        self.quizzes
            .iter()
            .flat_map(|q| q.questions.iter().map(|x| x.id.as_str()))
            .collect()
    }
}

mod run;
pub mod text;

pub use run::{Answer, Best, QuizRun, Scores, Shown};
pub use text::{letter, option_texts, right_answer};
