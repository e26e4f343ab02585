//! The quiz on screen: the list of quizzes with best scores, a question with
//! its options (buttons and number keys), feedback with the explanation, the
//! score and the misses at the end; for a coach's group, the same question
//! projected large with a countdown. The figures each question needs are
//! put on the stage here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::body::ranges;
use crate::coach::FaultCatalogue;
use crate::drill::Library;
use crate::modes::{CompareSettings, Role, ViewState, slot};
use crate::overlay::ViewRect;
use crate::present::Presenter;
use crate::quiz::session::{QuizCommand, QuizSession};
use crate::quiz::{Ask, Kind, Question, QuizBank, QuizRun, Scores};
use crate::stage::camera::Orbit;
use crate::stage::figure::{CoachThresholds, Figure, MainFigure, MannequinModel, spawn_figure};
use crate::ui::explore::{CORRECT_COLOUR, Catalogue, FAULTY_COLOUR, PoseControls, slider};

pub fn plugin(app: &mut App) {
    app.add_plugins(crate::quiz::session::plugin);
    app.add_systems(
        Update,
        (stage_quiz, fit_quiz_camera)
            .chain()
            .run_if(in_state(ViewState::Quiz))
            .after(crate::ui::drills::drive_from_drill),
    );
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
        Ask::Principle { fault, drill, .. } => match (drill, fault) {
            (Some(_), Some(f)) => vec![Some(Role::Faulty(*f))],
            (Some(_), None) => vec![Some(Role::Correct)],
            _ => vec![None],
        },
    }
}

/// Put the question's figures on the stage when the question (or its
/// reveal) changes.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
fn stage_quiz(
    mut commands: Commands,
    session: Res<QuizSession>,
    bank: Option<Res<QuizBank>>,
    assets: Res<AssetServer>,
    model: Res<MannequinModel>,
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
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
        commands.entity(e).despawn();
    }
    // Between quizzes the mannequin stands in the drill on screen.
    let (roles, front) = match current {
        Some((run, shown, q)) => (
            cast(&q.ask, &shown.options, run.revealed),
            q.ask.fault() == Some(crate::coach::Fault::KneesCaving),
        ),
        None => (vec![None], false),
    };
    let layout = CompareSettings {
        faults: Vec::new(),
        ghost: false,
        across_x: front,
    };
    let t = thresholds.0.preset_or_default(&controls.preset);
    let n = roles.len();
    for (place, role) in roles.into_iter().enumerate() {
        let request = match role {
            Some(Role::Faulty(f)) => crate::coach::faulty_pose(&controls.request, f),
            _ => controls.request,
        };
        let e = spawn_figure(
            &mut commands,
            &assets,
            &model,
            "quiz figure",
            Figure::new(request, t.clone()),
            slot(place, n, &layout),
        );
        commands
            .entity(e)
            .insert((QuizFigure { place }, DespawnOnExit(ViewState::Quiz)));
        if let Some(role) = role {
            commands.entity(e).insert(role);
        }
        if place == 0 {
            commands.entity(e).insert(MainFigure);
        }
    }
    let preset = if front {
        crate::cli::CameraPreset::Front
    } else {
        crate::cli::CameraPreset::Side
    };
    *orbit = Orbit::preset(preset);
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
    let aspect = (rect.0.width() / rect.0.height().max(1.0)).clamp(0.3, 6.0);
    // Refit for new figures or a new view size; otherwise leave the
    // learner's own zoom alone.
    let key = (n, (aspect * 100.0) as u32);
    if n == 0 || (*fitted == Some(key) && new.is_empty()) {
        return;
    }
    *fitted = Some(key);
    // A standing figure is about 1.8 m tall; a hinged one about 1.5 m long.
    let width = (n as f32 - 1.0) * 1.45 + 1.5;
    orbit.target.y = 0.88;
    orbit.distance_m = crate::stage::camera::fit_distance(width, 1.95, aspect).clamp(2.2, 8.0);
}

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
    }
}

pub fn letter(place: usize) -> char {
    (b'A' + place.min(25) as u8) as char
}

/// The solo quiz: the list of quizzes, or the question on screen.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
pub fn panels(
    mut contexts: EguiContexts,
    session: Res<QuizSession>,
    bank: Option<Res<QuizBank>>,
    scores: Res<Scores>,
    library: Res<Library>,
    catalogue: Res<Catalogue>,
    mut controls: ResMut<PoseControls>,
    mut view_rect: ResMut<ViewRect>,
    mut next: ResMut<NextState<ViewState>>,
    mut out: MessageWriter<QuizCommand>,
    mut presenter: ResMut<Presenter>,
    figures: Query<&Figure, With<MainFigure>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = crate::ui::root_ui(&ctx, "quiz");
    let Some(bank) = bank else {
        return Ok(());
    };
    let mut edited = controls.request;
    crate::ui::side_panel(
        &mut root,
        "quiz",
        crate::ui::Side::Left,
        470.0,
        "Quiz",
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                crate::ui::drills::view_tabs(ui, ViewState::Quiz, &mut next);
                ui.separator();
                if let Some(m) = &session.message {
                    ui.label(egui::RichText::new(format!("⚠ {m}")).color(FAULTY_COLOUR));
                }
                for p in &bank.problems {
                    ui.label(
                        egui::RichText::new(format!("⚠ {p}"))
                            .small()
                            .color(FAULTY_COLOUR),
                    );
                }
                match &session.run {
                    None => quiz_list(ui, &bank, &scores, &mut out, &mut presenter),
                    Some(run) => match bank.get(&run.quiz) {
                        Some(quiz) if run.finished() => summary(
                            ui,
                            quiz,
                            run,
                            &session,
                            &scores,
                            &library,
                            &catalogue.0,
                            &mut out,
                        ),
                        Some(quiz) => {
                            let q = &quiz.questions[run.current().map_or(0, |s| s.question)];
                            question_card(
                                ui,
                                quiz,
                                q,
                                run,
                                &session,
                                &library,
                                &catalogue.0,
                                &mut out,
                                &mut edited,
                                figures.single().ok(),
                            );
                        }
                        None => {}
                    },
                }
            });
        },
    );
    crate::ui::set_view_rect(&root, &mut view_rect);
    if session.sliders_drive() && edited != controls.request {
        controls.request = edited;
    }
    Ok(())
}

fn quiz_list(
    ui: &mut egui::Ui,
    bank: &QuizBank,
    scores: &Scores,
    out: &mut MessageWriter<QuizCommand>,
    presenter: &mut Presenter,
) {
    ui.heading("Quiz");
    ui.label(
        "Check what you have learned. Each answer comes with the reason; your best score is kept.",
    );
    for quiz in &bank.quizzes {
        ui.add_space(8.0);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new(&quiz.title).size(24.0).strong());
            ui.label(&quiz.summary);
            let best = scores.best.get(&quiz.id).map_or("not taken yet".to_string(), |b| {
                format!("best {} of {}", b.right, b.total)
            });
            ui.label(
                egui::RichText::new(format!("{} questions · {best}", quiz.questions.len())).small(),
            );
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new("▶ Start").size(22.0).strong())
                    .clicked()
                {
                    out.write(QuizCommand::Start {
                        quiz: quiz.id.clone(),
                        group: false,
                    });
                }
                if ui
                    .button("For a group (projected)")
                    .on_hover_text("One question at a time, large; you reveal the answer with Enter, a clicker or a gamepad")
                    .clicked()
                {
                    presenter.on = true;
                    out.write(QuizCommand::Start {
                        quiz: quiz.id.clone(),
                        group: true,
                    });
                }
            });
        });
    }
}

#[allow(clippy::too_many_arguments)] // the pieces of one card
fn question_card(
    ui: &mut egui::Ui,
    quiz: &crate::quiz::Quiz,
    q: &Question,
    run: &QuizRun,
    session: &QuizSession,
    library: &Library,
    catalogue: &FaultCatalogue,
    out: &mut MessageWriter<QuizCommand>,
    edited: &mut crate::body::PoseRequest,
    figure: Option<&Figure>,
) {
    let Some(shown) = run.current() else { return };
    let (right, answered) = run.score();
    ui.label(
        egui::RichText::new(format!(
            "{} · question {} of {} · {right} of {answered} right so far",
            quiz.title,
            run.at + 1,
            run.shown.len()
        ))
        .small(),
    );
    ui.label(
        egui::RichText::new(q.ask.kind().name())
            .strong()
            .color(CORRECT_COLOUR),
    );
    ui.label(
        egui::RichText::new(q.prompt(library, catalogue))
            .size(25.0)
            .strong(),
    );
    ui.add_space(6.0);
    let answer = run.answers.get(run.at).cloned().flatten();
    match &q.ask {
        Ask::SetPose { goal, .. } => {
            if !run.revealed {
                ui.label("Move the sliders, watch the mannequin, then check.");
                let p = &mut edited.pose;
                slider(ui, "Knee bend", &mut p.knee_deg, ranges::KNEE, "");
                slider(ui, "Hip angle", &mut p.hip_deg, ranges::HIP, "");
                slider(
                    ui,
                    "Lower back",
                    &mut p.lumbar_deg,
                    ranges::LUMBAR,
                    "+ rounds, - arches",
                );
                slider(
                    ui,
                    "Neck",
                    &mut p.neck_deg,
                    ranges::NECK,
                    "+ chin tucked, - chin up",
                );
                if ui
                    .button(
                        egui::RichText::new("✔ Check my pose (Enter)")
                            .size(22.0)
                            .strong(),
                    )
                    .clicked()
                {
                    out.write(QuizCommand::CheckPose);
                }
            } else if let Some(f) = figure {
                for c in goal.check(&f.request, &f.verdict) {
                    let (mark, colour) = if c.ok {
                        ("✔", CORRECT_COLOUR)
                    } else {
                        ("✖", FAULTY_COLOUR)
                    };
                    ui.label(egui::RichText::new(format!("{mark} {}", c.text)).color(colour));
                }
            }
        }
        Ask::WhichCorrect { .. } => {
            for place in 0..2 {
                let text = format!("{}. Figure {}", place + 1, letter(place));
                if option_button(
                    ui,
                    &text,
                    place,
                    shown.right_place(),
                    run.revealed,
                    &answer,
                    22.0,
                )
                .clicked()
                {
                    out.write(QuizCommand::Choose(place));
                }
            }
        }
        _ => {
            let texts = option_texts(q, &shown.options, library, catalogue);
            let order = matches!(q.ask, Ask::Order { .. });
            for (place, text) in texts.iter().enumerate() {
                let tag = match session.tapped.iter().position(|t| *t == place) {
                    Some(i) if order => format!("#{} ", i + 1),
                    _ => format!("{}. ", place + 1),
                };
                let right_place = if order {
                    usize::MAX
                } else {
                    shown.right_place()
                };
                if option_button(
                    ui,
                    &format!("{tag}{text}"),
                    place,
                    right_place,
                    run.revealed,
                    &answer,
                    20.0,
                )
                .clicked()
                {
                    out.write(QuizCommand::Choose(place));
                }
            }
            if order && !run.revealed {
                ui.label("Tap (or press 1-5) from the easiest to the hardest.");
                if !session.tapped.is_empty() && ui.button("↶ Undo (Backspace)").clicked() {
                    out.write(QuizCommand::Undo);
                }
            }
        }
    }
    if run.revealed {
        ui.separator();
        feedback(ui, q, run, library, catalogue);
        let last = run.at + 1 >= run.shown.len();
        let label = if last {
            "See my score ▶ (Enter)"
        } else {
            "Next question ▶ (Enter)"
        };
        if ui
            .button(egui::RichText::new(label).size(22.0).strong())
            .clicked()
        {
            out.write(QuizCommand::Next);
        }
    }
    ui.add_space(10.0);
    if ui.button("Leave the quiz").clicked() {
        out.write(QuizCommand::Quit);
    }
}

/// A big option button that turns blue (right) or orange (picked, wrong)
/// once the answer shows.
fn option_button(
    ui: &mut egui::Ui,
    text: &str,
    place: usize,
    right_place: usize,
    revealed: bool,
    answer: &Option<(crate::quiz::Answer, bool)>,
    size: f32,
) -> egui::Response {
    let picked = matches!(answer, Some((crate::quiz::Answer::Choice(p), _)) if *p == place);
    let mut rich = egui::RichText::new(text).size(size);
    let mut button = egui::Button::new(rich.clone()).wrap();
    if revealed && place == right_place {
        rich = egui::RichText::new(format!("✔ {text}"))
            .size(size)
            .strong()
            .color(egui::Color32::WHITE);
        button = egui::Button::new(rich).wrap().fill(CORRECT_COLOUR);
    } else if revealed && picked {
        rich = egui::RichText::new(format!("✖ {text}"))
            .size(size)
            .strong()
            .color(egui::Color32::WHITE);
        button = egui::Button::new(rich).wrap().fill(FAULTY_COLOUR);
    }
    ui.add_sized([ui.available_width(), size * 1.9], button)
}

fn feedback(
    ui: &mut egui::Ui,
    q: &Question,
    run: &QuizRun,
    library: &Library,
    catalogue: &FaultCatalogue,
) {
    match run.answers.get(run.at).cloned().flatten() {
        Some((_, true)) => {
            ui.label(
                egui::RichText::new("✔ Right!")
                    .size(30.0)
                    .strong()
                    .color(CORRECT_COLOUR),
            );
        }
        Some((_, false)) => {
            ui.label(
                egui::RichText::new("✖ Not quite")
                    .size(30.0)
                    .strong()
                    .color(FAULTY_COLOUR),
            );
            ui.label(
                egui::RichText::new(format!(
                    "The answer: {}",
                    right_answer(q, run, library, catalogue)
                ))
                .strong(),
            );
        }
        None => {
            ui.label(
                egui::RichText::new(format!(
                    "The answer: {}",
                    right_answer(q, run, library, catalogue)
                ))
                .size(22.0)
                .strong(),
            );
        }
    }
    ui.label(&q.explanation);
    ui.label(egui::RichText::new(format!("Source: {}", q.source)).small());
}

#[allow(clippy::too_many_arguments)] // the pieces of one card
fn summary(
    ui: &mut egui::Ui,
    quiz: &crate::quiz::Quiz,
    run: &QuizRun,
    session: &QuizSession,
    scores: &Scores,
    library: &Library,
    catalogue: &FaultCatalogue,
    out: &mut MessageWriter<QuizCommand>,
) {
    let (right, _) = run.score();
    let total = run.shown.len();
    ui.label(
        egui::RichText::new(&quiz.title)
            .strong()
            .color(CORRECT_COLOUR),
    );
    ui.label(
        egui::RichText::new(format!("{right} of {total} right"))
            .size(40.0)
            .strong(),
    );
    if session.new_best {
        ui.label(
            egui::RichText::new("★ Your best score so far")
                .size(22.0)
                .strong()
                .color(CORRECT_COLOUR),
        );
    } else if let Some(b) = scores.best.get(&quiz.id) {
        ui.label(format!("Your best: {} of {}", b.right, b.total));
    }
    let misses = run.misses();
    if misses.is_empty() {
        ui.label("No misses. Try another quiz, or teach someone else.");
    } else {
        ui.separator();
        ui.label(
            egui::RichText::new("Worth another look:")
                .size(22.0)
                .strong(),
        );
        for i in misses {
            let q = &quiz.questions[i];
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(q.prompt(library, catalogue)).strong());
                if let Ask::SpotFault { fault, .. }
                | Ask::MatchCue { fault, .. }
                | Ask::WhichCorrect { fault, .. } = &q.ask
                {
                    ui.label(format!(
                        "Fault: {}. Cue: \u{201c}{}\u{201d}",
                        catalogue.get(*fault).name,
                        catalogue.cue(*fault)
                    ));
                }
                ui.label(&q.explanation);
                ui.label(egui::RichText::new(format!("Source: {}", q.source)).small());
            });
        }
    }
    ui.horizontal(|ui| {
        if ui
            .button(egui::RichText::new("↻ Try again").size(22.0))
            .clicked()
        {
            out.write(QuizCommand::Start {
                quiz: quiz.id.clone(),
                group: false,
            });
        }
        if ui
            .button(egui::RichText::new("All quizzes").size(22.0))
            .clicked()
        {
            out.write(QuizCommand::Quit);
        }
    });
}

/// A coach's group: the question projected large, options lettered, the
/// countdown, and the answer once revealed.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
pub fn group_ui(
    mut contexts: EguiContexts,
    presenter: Res<Presenter>,
    session: Res<QuizSession>,
    bank: Option<Res<QuizBank>>,
    library: Res<Library>,
    catalogue: Res<Catalogue>,
    time: Res<Time>,
    mut view_rect: ResMut<ViewRect>,
    mut out: MessageWriter<QuizCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (bg, fg, accent, warn) = presenter.theme.palette();
    let mut root = crate::ui::root_ui(&ctx, "group quiz");
    let frame = egui::Frame::new()
        .fill(bg)
        .inner_margin(egui::Margin::symmetric(24, 10));
    let Some(bank) = bank else { return Ok(()) };
    let current = session.run.as_ref().and_then(|run| {
        let quiz = bank.get(&run.quiz)?;
        Some((run, quiz))
    });
    let Some((run, quiz)) = current else {
        // No quiz running yet: the first quiz, one key away.
        egui::Panel::top("group title")
            .frame(frame)
            .show(&mut root, |ui| {
                ui.label(egui::RichText::new("Quiz").size(46.0).strong().color(fg));
                for (i, quiz) in bank.quizzes.iter().enumerate() {
                    if ui
                        .button(
                            egui::RichText::new(format!("{}. {}", i + 1, quiz.title)).size(30.0),
                        )
                        .clicked()
                    {
                        out.write(QuizCommand::Start {
                            quiz: quiz.id.clone(),
                            group: true,
                        });
                    }
                }
            });
        crate::ui::set_view_rect(&root, &mut view_rect);
        return Ok(());
    };
    if run.finished() {
        egui::Panel::top("group title")
            .frame(frame)
            .show(&mut root, |ui| {
                ui.label(
                    egui::RichText::new(format!("{}: that was the last question", quiz.title))
                        .size(46.0)
                        .strong()
                        .color(fg),
                );
                ui.label(
                    egui::RichText::new("Page Up goes back · Escape leaves")
                        .size(26.0)
                        .color(fg),
                );
            });
        crate::ui::set_view_rect(&root, &mut view_rect);
        return Ok(());
    }
    let Some(shown) = run.current() else {
        return Ok(());
    };
    let q = &quiz.questions[shown.question];
    egui::Panel::top("group title")
        .frame(frame)
        .show(&mut root, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "Question {} of {} · {}",
                        run.at + 1,
                        run.shown.len(),
                        q.ask.kind().name()
                    ))
                    .size(28.0)
                    .color(accent),
                );
                if let Some(left) = session.countdown_left(time.elapsed_secs()) {
                    let text = if left > 0.0 {
                        format!("⏱ {:.0} s", left.ceil())
                    } else {
                        "⏱ Time!".to_string()
                    };
                    ui.label(egui::RichText::new(text).size(40.0).strong().color(warn));
                }
            });
            ui.label(
                egui::RichText::new(q.prompt(&library, &catalogue.0))
                    .size(42.0)
                    .strong()
                    .color(fg),
            );
        });
    // The options beside the figure, so the figure keeps the screen's height.
    let texts = option_texts(q, &shown.options, &library, &catalogue.0);
    if texts.iter().any(|t| !t.is_empty()) {
        let width = (ctx.viewport_rect().width() * 0.42).max(300.0);
        egui::Panel::left("group options")
            .frame(frame)
            .resizable(false)
            .exact_size(width)
            .show(&mut root, |ui| {
                let order = matches!(q.ask, Ask::Order { .. });
                for (place, text) in texts.iter().enumerate() {
                    let right = run.revealed && !order && place == shown.right_place();
                    let colour = if right { accent } else { fg };
                    let mark = if right { "✔ " } else { "" };
                    ui.label(
                        egui::RichText::new(format!("{mark}{}. {text}", letter(place)))
                            .size(34.0)
                            .strong()
                            .color(colour),
                    );
                    ui.add_space(10.0);
                }
            });
    }
    egui::Panel::bottom("group caption")
        .frame(frame)
        .show(&mut root, |ui| {
            if run.revealed {
                ui.label(
                    egui::RichText::new(right_answer(q, run, &library, &catalogue.0))
                        .size(40.0)
                        .strong()
                        .color(accent),
                );
                ui.label(egui::RichText::new(&q.explanation).size(28.0).color(fg));
            } else {
                let hint = if q.ask.kind() == Kind::WhichCorrect {
                    "A or B? Answer aloud · Enter or clicker: reveal"
                } else {
                    "Answer aloud · Enter or clicker: reveal"
                };
                ui.label(egui::RichText::new(hint).size(30.0).color(fg));
            }
            ui.label(
                egui::RichText::new("Page Down: reveal, then next · Page Up: back · H: help")
                    .size(22.0)
                    .color(fg),
            );
        });
    crate::ui::set_view_rect(&root, &mut view_rect);
    Ok(())
}
