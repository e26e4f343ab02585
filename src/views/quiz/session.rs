//! The quiz in the app, without rendering: which quiz is running, the
//! learner's taps and answers, the coach's reveal, the countdown, and the
//! best scores saved when a quiz ends. Every input (egui buttons, keys, a
//! clicker, a gamepad) becomes a [`QuizCommand`]; one system applies them.

use bevy::prelude::*;

use crate::Frame;
use crate::coach::evaluate;
use crate::drill::{Key, Library, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::pose::PoseControls;
use crate::quiz::{Answer, Ask, Kind, QuizBank, QuizRun, Scores};
use crate::stage::figure::CoachThresholds;

/// Everything a learner or a coach can do in the quiz.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum QuizCommand {
    /// Start a quiz: solo (scored) or for a group (the coach reveals).
    Start {
        quiz: String,
        group: bool,
    },
    /// Pick the option shown in this place (0-based).
    Choose(usize),
    /// Take back the last tap of an order question.
    Undo,
    /// Ask the coach about the pose set with the sliders.
    CheckPose,
    /// Enter, the clicker or a gamepad: check or reveal, or go on once revealed.
    Confirm,
    Reveal,
    Next,
    Previous,
    /// Back to the list of quizzes.
    Quit,
}

/// The quiz on screen.
#[derive(Resource, Debug, Clone, Default)]
pub struct QuizSession {
    pub run: Option<QuizRun>,
    /// Seconds to think before the answer is due (group mode; 0 = none).
    pub countdown_s: u32,
    /// When the question on screen appeared (seconds of app time).
    pub shown_at_s: f32,
    /// The places tapped so far in an order question.
    pub tapped: Vec<usize>,
    /// The finished run's score went into the best scores.
    pub recorded: bool,
    /// It beat the best score.
    pub new_best: bool,
    /// A problem saving the scores, said on screen.
    pub message: Option<String>,
    /// The seed of the next run (a launch's `--seed`, else random).
    pub seed: Option<u64>,
    /// A launch's `--question`: put it first.
    pub first_question: Option<String>,
    /// A quiz to start as soon as the view opens (a launch's `--quiz`).
    pub autostart: Option<String>,
    /// Group mode was asked for at launch.
    pub group: bool,
    /// Hold each question's drill still at its sticking point (shots).
    pub still: bool,
}

impl QuizSession {
    /// The sliders (not the drill) pose the figure: a set-the-pose question,
    /// or its revealed answer, is on screen.
    pub fn sliders_drive(&self) -> bool {
        self.run
            .as_ref()
            .is_some_and(|r| r.current().is_some_and(|s| s.kind == Kind::SetPose))
    }

    /// Seconds left on the countdown, if one runs.
    pub fn countdown_left(&self, now_s: f32) -> Option<f32> {
        let run = self.run.as_ref()?;
        if self.countdown_s == 0 || run.revealed || !run.group {
            return None;
        }
        Some((self.countdown_s as f32 - (now_s - self.shown_at_s)).max(0.0))
    }
}

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<QuizSession>()
        .init_resource::<Scores>()
        .add_message::<QuizCommand>()
        .add_message::<Action>();
    app.add_systems(Startup, load_scores);
    app.add_systems(
        Update,
        (
            load_bank.run_if(not(resource_exists::<QuizBank>)),
            quiz_keys,
            apply_commands,
        )
            .chain()
            .run_if(in_state(ViewState::Quiz))
            .in_set(Frame::ApplyActions)
            .in_set(QuizCommands),
    );
}

/// The quiz's commands applied: what the question on screen is this frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuizCommands;

/// The built-in quizzes (checked against the drills), when the quiz view
/// first opens: checking them solves every question's poses, which the
/// other views need not wait for (150 ms of a web start).
fn load_bank(mut commands: Commands) {
    let bank = QuizBank::builtin().clone();
    for p in &bank.problems {
        error!("{p}");
    }
    commands.insert_resource(bank);
}

/// The saved best scores.
fn load_scores(
    store: Option<Res<crate::store::Store>>,
    mut scores: ResMut<Scores>,
    mut session: ResMut<QuizSession>,
) {
    if let Some(store) = store {
        let (saved, message) = store.load::<Scores>(Scores::NAME);
        *scores = saved;
        if let Some(m) = message {
            // On screen in the quiz panel (`session.message`); logged for a terminal
            // or the browser console, not repeated in the notice band.
            warn!("{m}");
            session.message = Some(m);
        }
    }
}

/// Digits pick options, Backspace takes a tap back; Enter, Page Up / Down
/// and the gamepad come through the presenter's actions.
fn quiz_keys(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mut actions: MessageReader<Action>,
    mut out: MessageWriter<QuizCommand>,
    mut session: ResMut<QuizSession>,
    stepping: Option<Res<crate::input::PlanStepping>>,
) {
    let stepping = stepping.map_or(crate::input::PlanStepping(false), |s| *s);
    if let Some(quiz) = session.autostart.take() {
        out.write(QuizCommand::Start {
            quiz,
            group: session.group,
        });
        // A press from before the quiz was on screen (the clicker's "next"
        // that opened a class plan's quiz step) is not its "next question".
        actions.clear();
    }
    if let Some(keys) = keys {
        const DIGITS: [KeyCode; 5] = [
            KeyCode::Digit1,
            KeyCode::Digit2,
            KeyCode::Digit3,
            KeyCode::Digit4,
            KeyCode::Digit5,
        ];
        const NUMPAD: [KeyCode; 5] = [
            KeyCode::Numpad1,
            KeyCode::Numpad2,
            KeyCode::Numpad3,
            KeyCode::Numpad4,
            KeyCode::Numpad5,
        ];
        for (i, (d, n)) in DIGITS.iter().zip(NUMPAD).enumerate() {
            if keys.just_pressed(*d) || keys.just_pressed(n) {
                out.write(QuizCommand::Choose(i));
            }
        }
        if keys.just_pressed(KeyCode::Backspace) {
            out.write(QuizCommand::Undo);
        }
    }
    for a in actions.read() {
        match a {
            Action::RevealAnswer => {
                out.write(QuizCommand::Confirm);
            }
            // In a class plan they walk its steps, not the questions.
            Action::NextDrill | Action::PreviousDrill if stepping.0 => {}
            Action::NextDrill => {
                out.write(QuizCommand::Next);
            }
            Action::PreviousDrill => {
                out.write(QuizCommand::Previous);
            }
            _ => {}
        }
    }
}

/// What the quiz moves on the stage: the drill shown and the sliders.
#[derive(bevy::ecs::system::SystemParam)]
struct Stage<'w> {
    library: Res<'w, Library>,
    thresholds: Res<'w, CoachThresholds>,
    controls: ResMut<'w, PoseControls>,
    playback: ResMut<'w, Playback>,
}

/// Where the best scores are kept.
#[derive(bevy::ecs::system::SystemParam)]
struct Keep<'w> {
    scores: ResMut<'w, Scores>,
    store: Option<Res<'w, crate::store::Store>>,
}

fn apply_commands(
    mut commands: MessageReader<QuizCommand>,
    mut session: ResMut<QuizSession>,
    bank: Option<Res<QuizBank>>,
    mut stage: Stage,
    mut keep: Keep,
    time: Res<Time>,
) {
    let Some(bank) = bank else { return };
    let now = time.elapsed_secs();
    let before = session.run.as_ref().map(|r| (r.at, r.revealed));
    for command in commands.read().cloned() {
        apply(command, &mut session, &bank, &mut stage, now);
    }
    let Some(run) = session.run.as_ref() else {
        return;
    };
    let after = (run.at, run.revealed);
    if before.map(|b| b.0) != Some(after.0) {
        show_question(&mut session, &bank, &mut stage, now);
    }
    let just_revealed = after.1 && before.is_some_and(|b| b.0 == after.0 && !b.1);
    if just_revealed
        && let Some(run) = session.run.as_ref()
        && let Some(Ask::SetPose { example, .. }) = run
            .current()
            .and_then(|sh| bank.get(&run.quiz).map(|q| &q.questions[sh.question].ask))
    {
        // Revealed: the figure shows a pose that meets the goal.
        example.apply_to(&mut stage.controls.request.pose);
    }
    record_finished(&mut session, &mut keep.scores, keep.store.as_deref());
}

/// One command on the quiz on screen.
fn apply(command: QuizCommand, s: &mut QuizSession, bank: &QuizBank, stage: &mut Stage, now: f32) {
    if let QuizCommand::Start { quiz, group } = &command {
        if let Some(q) = bank.get(quiz) {
            let seed = s.seed.take().unwrap_or_else(random_seed);
            let first = s
                .first_question
                .take()
                .and_then(|id| q.questions.iter().position(|x| x.id == id));
            s.run = Some(QuizRun::new(q, seed, *group, first));
            s.recorded = false;
            s.new_best = false;
            s.tapped.clear();
            s.shown_at_s = now;
        }
        return;
    }
    if command == QuizCommand::Quit {
        s.run = None;
        return;
    }
    let Some(run) = s.run.as_mut() else { return };
    let Some(quiz) = bank.get(&run.quiz) else {
        return;
    };
    let question = run.current().map(|sh| &quiz.questions[sh.question]);
    let kind = question.map(|q| q.ask.kind());
    // The coach's view of the pose the sliders set, for a set-the-pose question.
    let pose_ok = |stage: &Stage| {
        let q = question?;
        let d = stage.library.get(q.ask.drill())?;
        let request = &stage.controls.request;
        let verdict = evaluate(
            &crate::body::solve(request),
            &d.thresholds(&stage.thresholds.0),
        );
        Some(q.pose_accepted(request, &verdict))
    };
    match command {
        QuizCommand::Choose(place) => match question.map(|q| &q.ask) {
            _ if run.revealed => {}
            Some(Ask::Order { drills }) => {
                if place < drills.len() && !s.tapped.contains(&place) {
                    s.tapped.push(place);
                    // Show the drill just tapped on the mannequin.
                    if let Some(sh) = run.current() {
                        stage.playback.start(&drills[sh.options[place]]);
                    }
                    if s.tapped.len() == drills.len() && !run.group {
                        run.answer(quiz, Answer::Order(s.tapped.clone()));
                    }
                }
            }
            Some(Ask::SetPose { .. }) | None => {}
            Some(ask) => {
                if place < ask.option_count() && !run.group {
                    run.answer(quiz, Answer::Choice(place));
                }
            }
        },
        QuizCommand::Undo => {
            s.tapped.pop();
        }
        QuizCommand::CheckPose => {
            if kind == Some(Kind::SetPose)
                && let Some(ok) = pose_ok(stage)
            {
                run.answer(quiz, Answer::Pose(ok));
            }
        }
        QuizCommand::Confirm => {
            if run.finished() {
            } else if run.revealed {
                run.next();
            } else if run.group {
                run.reveal();
            } else if kind == Some(Kind::SetPose)
                && let Some(ok) = pose_ok(stage)
            {
                run.answer(quiz, Answer::Pose(ok));
            }
        }
        QuizCommand::Reveal => run.reveal(),
        // A clicker has no Enter: for a group its "next" button first
        // reveals the answer, then moves on.
        QuizCommand::Next if run.group && !run.revealed => run.reveal(),
        QuizCommand::Next => run.next(),
        QuizCommand::Previous => run.previous(),
        QuizCommand::Start { .. } | QuizCommand::Quit => {}
    }
}

/// A new question: its drill on the mannequin, a fresh start for the
/// sliders, the countdown from now.
fn show_question(session: &mut QuizSession, bank: &QuizBank, stage: &mut Stage, now: f32) {
    let Some(run) = session.run.as_ref() else {
        return;
    };
    let shown = run.current().cloned();
    let ask = shown.as_ref().and_then(|sh| {
        bank.get(&run.quiz)
            .map(|q| q.questions[sh.question].ask.clone())
    });
    session.tapped.clear();
    session.shown_at_s = now;
    let (Some(ask), Some(shown)) = (ask, shown) else {
        return;
    };
    let id = shown_drill(&ask, &shown.options);
    stage.playback.start(&id);
    // The asset server may still be loading the drills: the built-in
    // copy has the same timing.
    if session.still
        && let Some(d) = stage
            .library
            .get(&id)
            .or_else(|| Library::builtin().get(&id))
    {
        stage.playback.playing = false;
        stage.playback.time_s = d.sticking_point_s();
    }
    if let Ask::SetPose { .. } = ask {
        Key::default().apply_to(&mut stage.controls.request.pose);
    }
}

/// The drill the mannequin performs for a question. For an order question,
/// the drill shown first (the first in the file is the easiest: showing it
/// would give the answer away).
pub fn shown_drill(ask: &Ask, options: &[usize]) -> String {
    match ask {
        Ask::Order { drills } => options
            .first()
            .and_then(|o| drills.get(*o))
            .cloned()
            .unwrap_or_default(),
        other => other.drill().to_string(),
    }
}

/// When a solo run ends: keep its score if it is the best, and save.
fn record_finished(
    session: &mut QuizSession,
    scores: &mut Scores,
    store: Option<&crate::store::Store>,
) {
    let Some(run) = session.run.as_ref() else {
        return;
    };
    if !run.finished() || run.group || session.recorded {
        return;
    }
    session.recorded = true;
    let (right, _) = run.score();
    let total = run.shown.len() as u32;
    session.new_best = scores.record(&run.quiz, right, total);
    if session.new_best
        && let Some(store) = store
        && let Err(e) = store.save(Scores::NAME, scores)
    {
        let m = format!(
            "your best score could not be saved to {}: {e}",
            store.describe(Scores::NAME)
        );
        // On screen in the quiz panel (`session.message`); logged for a terminal
        // or the browser console, not repeated in the notice band.
        warn!("{m}");
        session.message = Some(m);
    }
}

/// A seed for a new shuffle from the system's randomness.
fn random_seed() -> u64 {
    getrandom::u64().unwrap_or(0x5eed)
}
