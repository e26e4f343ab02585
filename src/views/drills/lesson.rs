//! The guided first lesson in the drills view: the steps (loaded once the
//! drills have), the learner's turn with its goal ticked off line by line,
//! and how long the goal has been held.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::drill::Library;
use crate::drill::lesson::{Lesson, LessonState, Step};
use crate::stage::figure::{Figure, MainFigure};
use crate::theme;

/// The built-in lesson, checked against the library once it has loaded.
#[derive(Resource, Debug, Clone, Default)]
pub struct LessonContent(pub Option<Lesson>);

impl LessonContent {
    /// The step on screen, with its number.
    pub fn step(&self, state: &LessonState) -> Option<(usize, &Step)> {
        let i = state.step?;
        self.0.as_ref()?.steps.get(i).map(|s| (i, s))
    }
}

/// The lesson's state and its content, as one system parameter.
#[derive(bevy::ecs::system::SystemParam)]
pub struct Lessons<'w> {
    pub state: ResMut<'w, LessonState>,
    pub content: Res<'w, LessonContent>,
}

pub(super) fn load_lesson(library: Res<Library>, mut lesson: ResMut<LessonContent>) {
    if lesson.0.is_some() || !library.is_changed() || library.drills.is_empty() {
        return;
    }
    match Lesson::builtin(&library) {
        Ok(l) => lesson.0 = Some(l),
        Err(e) => {
            // Not yet: the drills it names may still be loading.
            if library.drills.len() + library.problems.len()
                >= crate::content::builtin::DRILLS.len()
            {
                error!("{e}");
            }
        }
    }
}

/// Count how long the learner has held the step's goal.
pub(super) fn track_lesson(
    time: Res<Time>,
    content: Res<LessonContent>,
    mut lesson: ResMut<LessonState>,
    figures: Query<&Figure, With<MainFigure>>,
) {
    let (Some(i), Some(l)) = (lesson.step, content.0.as_ref()) else {
        return;
    };
    let (Some(step), Ok(f)) = (l.steps.get(i), figures.single()) else {
        return;
    };
    let all_ok = step.goal.check(&f.request, &f.verdict).iter().all(|c| c.ok);
    lesson.update(all_ok, time.delta_secs(), step.goal.hold_s);
}

/// The lesson step on the right: its text, the goal, the hold, the way on.
pub(super) fn lesson_card(
    ui: &mut egui::Ui,
    l: &Lesson,
    i: usize,
    s: &Step,
    lesson: &mut LessonState,
    figure: Option<&Figure>,
) {
    ui.label(egui::RichText::new(&l.title).strong().color(theme::CORRECT));
    ui.label(egui::RichText::new(format!("Step {} of {}", i + 1, l.steps.len())).small());
    ui.label(egui::RichText::new(&s.title).size(30.0).strong());
    ui.label(&s.text);
    ui.separator();
    if !lesson.trying {
        if ui
            .button(egui::RichText::new("✋ Your turn").size(24.0).strong())
            .clicked()
        {
            lesson.trying = true;
        }
    } else if let Some(f) = figure {
        for c in s.goal.check(&f.request, &f.verdict) {
            let (mark, colour) = if c.ok {
                ("✔", theme::CORRECT)
            } else {
                ("✖", theme::FAULTY)
            };
            ui.label(
                egui::RichText::new(format!("{mark} {}", c.text))
                    .strong()
                    .color(colour),
            );
        }
        if s.goal.hold_s > 0.0 && !lesson.done {
            ui.add(
                egui::ProgressBar::new((lesson.held_s / s.goal.hold_s).clamp(0.0, 1.0)).text(
                    format!("hold {:.1} / {:.0} s", lesson.held_s, s.goal.hold_s),
                ),
            );
        }
        if lesson.done {
            ui.label(
                egui::RichText::new(format!("✔ Got it! {}", s.praise))
                    .size(24.0)
                    .strong()
                    .color(theme::CORRECT),
            );
        }
        if ui.button("Watch again").clicked() {
            lesson.trying = false;
            lesson.held_s = 0.0;
        }
    }
    ui.separator();
    ui.horizontal(|ui| {
        if ui.add_enabled(i > 0, egui::Button::new("◀ Back")).clicked() {
            lesson.go_to(i - 1);
        }
        let last = i + 1 >= l.steps.len();
        let next = if last { "Finish" } else { "Next ▶" };
        let label = if lesson.done {
            egui::RichText::new(next).strong()
        } else {
            egui::RichText::new(next)
        };
        if ui.button(label).clicked() {
            if last {
                *lesson = LessonState::default();
            } else {
                lesson.go_to(i + 1);
            }
        }
        if ui.button("Close").clicked() {
            *lesson = LessonState::default();
        }
    });
    ui.label(egui::RichText::new(format!("Source: {}", s.source)).small());
}
