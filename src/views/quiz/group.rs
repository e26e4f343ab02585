//! The quiz for a coach's group: the question projected large, options
//! lettered beside the figure, the countdown, and the answer once revealed.

use bevy::prelude::*;
use bevy_egui::egui;

use super::panels::Words;
use super::session::{QuizCommand, QuizSession};
use crate::quiz::{Ask, Kind, letter, option_texts, right_answer};
use crate::theme;
use crate::ui::widgets::{GROUP_QUIZ_ACTIONS, PROJECTED_ACTIONS, action_buttons};
use crate::ui::{Projection, ViewUi};

/// A coach's group: the question projected large, options lettered, the
/// countdown, and the answer once revealed.
pub(super) fn group_ui(
    mut view: ViewUi,
    projection: Res<Projection>,
    session: Res<QuizSession>,
    words: Words,
    time: Res<Time>,
    mut out: MessageWriter<QuizCommand>,
) -> Result {
    let (ctx, mut root) = view.root("group quiz")?;
    let colours = theme::projected(projection.theme);
    let theme::Projected {
        back: bg,
        text: fg,
        accent,
        warn,
    } = colours;
    let frame = colours.bar();
    let Some(bank) = words.bank.as_deref() else {
        return Ok(());
    };
    let (library, catalogue) = (&*words.library, &*words.catalogue);
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
        view.rect.set_from(&root);
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
        view.rect.set_from(&root);
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
                egui::RichText::new(q.prompt(library, &catalogue.0))
                    .size(42.0)
                    .strong()
                    .color(fg),
            );
        });
    // The options beside the figure, so the figure keeps the screen's height.
    let texts = option_texts(q, &shown.options, library, &catalogue.0);
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
                    egui::RichText::new(right_answer(q, run, library, &catalogue.0))
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
            let mut clicked = Vec::new();
            ui.horizontal_wrapped(|ui| {
                for row in [&GROUP_QUIZ_ACTIONS[..], &PROJECTED_ACTIONS] {
                    action_buttons(ui, row, 20.0, Some((fg, bg)), &mut clicked);
                }
            });
            view.actions.write_batch(clicked);
        });
    view.rect.set_from(&root);
    Ok(())
}
