//! The solo quiz on screen: the list of quizzes, a question with its
//! options, the feedback, the score and the misses.

use bevy::prelude::*;
use bevy_egui::egui;

use super::session::{QuizCommand, QuizSession};
use crate::body::ranges;
use crate::coach::FaultCatalogue;
use crate::drill::Library;
use crate::options::ViewState;
use crate::pose::PoseControls;
use crate::quiz::{Ask, Question, QuizBank, QuizRun, Scores, letter, option_texts, right_answer};
use crate::stage::figure::{Catalogue, Figure, MainFigure};
use crate::theme;
use crate::ui::widgets::{knee_hip_sliders, slider, view_tabs};
use crate::ui::{Projection, Side, ViewUi, side_panel};

/// The solo quiz: the list of quizzes, or the question on screen.
/// The quiz's content: its questions, the drills and faults they name.
#[derive(bevy::ecs::system::SystemParam)]
pub(super) struct Words<'w> {
    pub bank: Option<Res<'w, QuizBank>>,
    pub library: Res<'w, Library>,
    pub catalogue: Res<'w, Catalogue>,
    pub scores: Res<'w, Scores>,
}

pub(super) fn panels(
    mut view: ViewUi,
    session: Res<QuizSession>,
    words: Words,
    mut controls: ResMut<PoseControls>,
    mut out: MessageWriter<QuizCommand>,
    mut projection: ResMut<Projection>,
    figures: Query<&Figure, With<MainFigure>>,
) -> Result {
    let (_, mut root) = view.root("quiz")?;
    let Some(bank) = words.bank.as_deref() else {
        return Ok(());
    };
    let (library, catalogue, scores) = (&*words.library, &*words.catalogue, &*words.scores);
    let mut edited = controls.request;
    side_panel(&mut root, "quiz", Side::Left, 470.0, "Quiz", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            view_tabs(ui, ViewState::Quiz, &mut view);
            ui.separator();
            if let Some(m) = &session.message {
                ui.label(egui::RichText::new(format!("⚠ {m}")).color(theme::FAULTY));
            }
            for p in &bank.problems {
                ui.label(
                    egui::RichText::new(format!("⚠ {p}"))
                        .small()
                        .color(theme::FAULTY),
                );
            }
            match &session.run {
                None => quiz_list(ui, bank, scores, &mut out, &mut projection),
                Some(run) => {
                    if let Some(quiz) = bank.get(&run.quiz) {
                        let card = Card {
                            quiz,
                            run,
                            session: &session,
                            library,
                            catalogue: &catalogue.0,
                        };
                        if run.finished() {
                            summary(ui, &card, scores, &mut out);
                        } else {
                            let q = &quiz.questions[run.current().map_or(0, |s| s.question)];
                            question_card(
                                ui,
                                &card,
                                q,
                                &mut out,
                                &mut edited,
                                figures.single().ok(),
                            );
                        }
                    }
                }
            }
        });
    });
    view.rect.set_from(&root);
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
    projection: &mut Projection,
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
                    projection.on = true;
                    out.write(QuizCommand::Start {
                        quiz: quiz.id.clone(),
                        group: true,
                    });
                }
            });
        });
    }
}

/// The quiz on screen and the words its cards need.
struct Card<'a> {
    quiz: &'a crate::quiz::Quiz,
    run: &'a QuizRun,
    session: &'a QuizSession,
    library: &'a Library,
    catalogue: &'a FaultCatalogue,
}

fn question_card(
    ui: &mut egui::Ui,
    card: &Card,
    q: &Question,
    out: &mut MessageWriter<QuizCommand>,
    edited: &mut crate::body::PoseRequest,
    figure: Option<&Figure>,
) {
    let Card {
        quiz,
        run,
        session,
        library,
        catalogue,
    } = *card;
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
            .color(theme::CORRECT),
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
                knee_hip_sliders(ui, p, ["", ""]);
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
                        ("✔", theme::CORRECT)
                    } else {
                        ("✖", theme::FAULTY)
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
        button = egui::Button::new(rich).wrap().fill(theme::CORRECT);
    } else if revealed && picked {
        rich = egui::RichText::new(format!("✖ {text}"))
            .size(size)
            .strong()
            .color(egui::Color32::WHITE);
        button = egui::Button::new(rich).wrap().fill(theme::FAULTY);
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
                    .color(theme::CORRECT),
            );
        }
        Some((_, false)) => {
            ui.label(
                egui::RichText::new("✖ Not quite")
                    .size(30.0)
                    .strong()
                    .color(theme::FAULTY),
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

fn summary(ui: &mut egui::Ui, card: &Card, scores: &Scores, out: &mut MessageWriter<QuizCommand>) {
    let Card {
        quiz,
        run,
        session,
        library,
        catalogue,
    } = *card;
    let (right, _) = run.score();
    let total = run.shown.len();
    ui.label(
        egui::RichText::new(&quiz.title)
            .strong()
            .color(theme::CORRECT),
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
                .color(theme::CORRECT),
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
