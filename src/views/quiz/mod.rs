//! The quiz: the list of quizzes with best scores, a question with its
//! options (buttons and number keys), feedback with the explanation, the
//! score and the misses at the end; for a coach's group, the same question
//! projected large with a countdown. The figures each question needs are
//! put on the stage here.

mod group;
mod panels;
pub mod session;

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;

use crate::Frame;
use crate::input::Action;
use crate::options::{CameraPreset, ViewState};
use crate::overlay::{Badge, LoadBands};
use crate::pose::{PoseSource, Role};
use crate::quiz::{Ask, Kind, QuizBank, letter};
use crate::stage::camera::{Orbit, fit_distance};
use crate::ui::{UiPass, ViewRect, projecting};
use crate::views::figures::{Row, SPACING_M, Stager};
use session::QuizSession;

/// Every question is seen from the same camera, so the view never hints
/// at the answer (a front view would say "look at the knees"): three
/// quarters shows the back's line and the knees' line alike.
const QUIZ_CAMERA: CameraPreset = CameraPreset::ThreeQuarter;

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.add_plugins(session::plugin);
    app.add_message::<Action>();
    app.add_systems(Update, open_on_reveal.in_set(Frame::ApplyActions));
    app.add_systems(
        Update,
        (
            // After the commands: a new question's sliders must not be
            // posed by the drill that played the question before.
            choose_source
                .in_set(Frame::ApplyActions)
                .after(session::QuizCommands),
            (stage_quiz, fit_quiz_camera)
                .chain()
                .in_set(Frame::DrivePoses),
        )
            .run_if(in_state(ViewState::Quiz)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            panels::panels.run_if(not(projecting)),
            group::group_ui.run_if(projecting),
        )
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Quiz)),
    );
}

/// "Reveal the answer" outside the quiz opens it (as a coach's group quiz
/// when presenting).
fn open_on_reveal(
    mut actions: MessageReader<Action>,
    state: Res<State<ViewState>>,
    mut next: ResMut<NextState<ViewState>>,
) {
    for a in actions.read() {
        if *a == Action::RevealAnswer && *state.get() != ViewState::Quiz {
            next.set(ViewState::Quiz);
        }
    }
}

/// The question's drill plays; a set-the-pose question is answered with the
/// sliders, in the drill's stance and load.
fn choose_source(session: Res<QuizSession>, mut source: ResMut<PoseSource>) {
    let want = if session.sliders_drive() {
        PoseSource::SlidersInDrill
    } else {
        PoseSource::Drill
    };
    if *source != want {
        *source = want;
    }
}

/// A figure put on the stage by the quiz, and its place (0 = A, 1 = B).
#[derive(Component, Debug, Clone, Copy)]
pub struct QuizFigure {
    pub place: usize,
}

/// What the stage shows for a question: figures by place, each with the
/// role it plays (`None`: posed by the sliders or the drill as it is).
fn cast(ask: &Ask, options: &[usize], revealed: bool) -> Vec<Option<Role>> {
    match ask {
        Ask::SpotFault { fault, .. } | Ask::MatchCue { fault, .. } => {
            if revealed {
                vec![Some(Role::Correct), Some(Role::Faulty(*fault))]
            } else {
                vec![Some(Role::Faulty(*fault))]
            }
        }
        Ask::WhichCorrect { fault, .. } => options
            .iter()
            .map(|o| {
                Some(if *o == 0 {
                    Role::Correct
                } else {
                    Role::Faulty(*fault)
                })
            })
            .collect(),
        Ask::SetPose { .. } | Ask::Order { .. } => vec![None],
        Ask::WhereWork { fault, .. } => vec![Some(fault.map_or(Role::Correct, Role::Faulty))],
        Ask::Principle { fault, drill, .. } => match (drill, fault) {
            (Some(_), Some(f)) => vec![Some(Role::Faulty(*f))],
            (Some(_), None) => vec![Some(Role::Correct)],
            _ => vec![None],
        },
    }
}

/// Put the question's figures on the stage when the question (or its
/// reveal) changes: lettered A and B until the answer shows, then named.
fn stage_quiz(
    session: Res<QuizSession>,
    bank: Option<Res<QuizBank>>,
    mut stager: Stager,
    figures: Query<Entity, With<QuizFigure>>,
    mut orbit: ResMut<Orbit>,
    mut last: Local<Option<(String, usize, bool)>>,
) {
    let Some(bank) = bank else { return };
    let current = session.run.as_ref().and_then(|run| {
        let shown = run.current()?;
        let quiz = bank.get(&run.quiz)?;
        Some((run, shown, &quiz.questions[shown.question]))
    });
    let key = current.map_or((String::new(), usize::MAX, false), |(run, _, q)| {
        (q.id.clone(), run.at, run.revealed)
    });
    if last.as_ref() == Some(&key) && !figures.is_empty() {
        return;
    }
    *last = Some(key);
    for e in &figures {
        stager.spawner.commands.entity(e).despawn();
    }
    // Between quizzes the mannequin stands in the drill on screen.
    let (roles, revealed) = match current {
        Some((run, shown, q)) => (cast(&q.ask, &shown.options, run.revealed), run.revealed),
        None => (vec![None], false),
    };
    // A question on where the work goes shows the load view only with its
    // answer; before it, the bands would give the answer away.
    let bands = current
        .filter(|(_, _, q)| q.ask.kind() == Kind::WhereWork)
        .map(|_| {
            if revealed {
                LoadBands::Shown
            } else {
                LoadBands::Hidden
            }
        });
    *orbit = Orbit::preset(QUIZ_CAMERA);
    let row = Row::facing_camera(orbit.yaw_deg);
    let n = roles.len();
    for (place, role) in roles.into_iter().enumerate() {
        let as_role = role.unwrap_or(Role::Correct);
        let e = stager.spawn(
            "quiz figure",
            as_role,
            row.slot(place, n),
            ViewState::Quiz,
            place == 0,
        );
        let mut e = stager.spawner.commands.entity(e);
        e.insert(QuizFigure { place });
        if let Some(b) = bands {
            e.insert(b);
        }
        match role {
            Some(role) if revealed => {
                e.insert(Badge::Role { role, place });
            }
            Some(_) if n > 1 => {
                e.insert(Badge::Letter(letter(place)));
            }
            _ => {}
        }
    }
}

/// Step the camera back just far enough that the question's figures fill
/// the 3D view (which is small under a projected question).
fn fit_quiz_camera(
    rect: Res<ViewRect>,
    figures: Query<(), With<QuizFigure>>,
    new: Query<(), Added<QuizFigure>>,
    mut orbit: ResMut<Orbit>,
    mut fitted: Local<Option<(usize, u32)>>,
) {
    let n = figures.iter().count();
    let aspect = rect.aspect(0.3, 6.0);
    // Refit for new figures or a new view size; otherwise leave the
    // learner's own zoom alone.
    let key = (n, (aspect * 100.0) as u32);
    if n == 0 || (*fitted == Some(key) && new.is_empty()) {
        return;
    }
    *fitted = Some(key);
    // A standing figure is about 1.8 m tall; a hinged one about 1.5 m long.
    let width = (n as f32 - 1.0) * SPACING_M + 1.5;
    orbit.target.y = 0.88;
    orbit.distance_m = fit_distance(width, 1.95, aspect).clamp(2.2, 8.0);
}
