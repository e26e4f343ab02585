//! Presenter mode for a coach: panels hidden, the mannequins large, the
//! drill's name on top and the phase's cue as a big high-contrast caption,
//! every action on a key, a presentation clicker or a gamepad, and the
//! help that lists the controls of the device in use. Presenting is a
//! layout over the drills and compare views (`ui::Projection`), not a view;
//! the quiz (a group quiz) and the photo view (the learner's photo for the
//! group) lay out their own.

use bevy::prelude::*;
use bevy::window::{PrimaryWindow, WindowMode};
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::Frame;
use crate::drill::lesson::LessonState;
use crate::drill::{Library, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::plan::PlanRun;
use crate::pose::Role;
use crate::stage::camera::{HOME_DISTANCE_M, HOME_TARGET_Y_M, Orbit, fit_distance};
use crate::stage::figure::Catalogue;
use crate::theme;
use crate::ui::widgets::{
    PRESENT_ACTIONS, PRESENT_MORE_ACTIONS, PROJECTED_ACTIONS, action_buttons,
};
use crate::ui::{Projection, UiPass, ViewRect, ViewUi, projecting};

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<Projection>()
        .init_resource::<ViewRect>()
        .add_message::<Action>();
    app.add_systems(Update, present_actions.in_set(Frame::ApplyActions));
    app.add_systems(
        Update,
        (
            apply_backdrop
                .run_if(resource_changed::<Projection>)
                .in_set(Frame::Draw),
            frame_for_projection.in_set(crate::stage::camera::FitCamera::Projection),
        ),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        present_ui
            .in_set(UiPass::Panels)
            .run_if(projecting)
            .run_if(not(in_state(ViewState::Quiz)))
            .run_if(not(in_state(ViewState::Handout)))
            // The learner's photo, projected, has its own layout.
            .run_if(not(in_state(ViewState::Photo))),
    );
}

/// The drills and the one playing, for the title and the caption.
#[derive(bevy::ecs::system::SystemParam)]
struct Movement<'w> {
    library: Res<'w, Library>,
    playback: Res<'w, Playback>,
}

/// Presenting on and off, theme and full screen.
fn present_actions(
    mut actions: MessageReader<Action>,
    state: Res<State<ViewState>>,
    mut next: ResMut<NextState<ViewState>>,
    mut projection: ResMut<Projection>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut lesson: ResMut<LessonState>,
) {
    let view = *state.get();
    for action in actions.read() {
        match action {
            Action::TogglePresent => {
                projection.on = !projection.on;
                // Presenting is the coach's; a learner's lesson in progress ends.
                if projection.on && lesson.step.is_some() {
                    *lesson = LessonState::default();
                }
                if projection.on && view == ViewState::Explore {
                    next.set(ViewState::Drills);
                }
            }
            Action::LeavePresent => projection.on = false,
            Action::ToggleFullscreen => {
                if let Ok(mut w) = windows.single_mut() {
                    w.mode = match w.mode {
                        WindowMode::Windowed => {
                            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
                        }
                        _ => WindowMode::Windowed,
                    };
                }
            }
            Action::ToggleTheme => projection.theme = projection.theme.other(),
            _ => {}
        }
    }
}

/// The stage's backdrop follows the theme while presenting.
fn apply_backdrop(projection: Res<Projection>, clear: Option<ResMut<ClearColor>>) {
    let Some(mut clear) = clear else { return };
    let c = theme::backdrop(projection.on.then_some(projection.theme));
    if clear.0 != c {
        clear.0 = c;
    }
}

/// When presenting starts (or the view changes while presenting), bring the
/// camera closer so the mannequin fills the space the title and caption
/// leave, and in compare lift the figures so their labels stay above the
/// caption. Only on change (of view or of that space): the coach can still
/// zoom and orbit. The quiz frames its own figures.
fn frame_for_projection(
    projection: Res<Projection>,
    state: Res<State<ViewState>>,
    rect: Res<ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut last: Local<Option<(bool, ViewState, u32)>>,
) {
    let aspect = rect.aspect(0.3, 6.0);
    let now = (projection.on, *state.get(), (aspect * 20.0) as u32);
    if *last == Some(now) {
        return;
    }
    let was_on = last.is_some_and(|(on, _, _)| on);
    *last = Some(now);
    match (now.0, now.1) {
        (_, ViewState::Quiz) => {}
        (true, ViewState::Compare) => orbit.target.y = 0.5,
        (true, _) => {
            // A standing figure is about 1.9 m tall, a hinged one 1.5 m long.
            orbit.target.y = 0.9;
            orbit.distance_m = fit_distance(1.6, 2.0, aspect).clamp(2.2, 6.0);
        }
        (false, view) if was_on => {
            orbit.target.y = HOME_TARGET_Y_M;
            if view != ViewState::Compare {
                orbit.distance_m = HOME_DISTANCE_M;
            }
        }
        (false, _) => {}
    }
}

/// The class plans, to run one from its first step (the clicker then
/// walks its steps) or none.
fn plan_picker(ui: &mut egui::Ui, running: Option<&PlanRun>, commands: &mut Commands) {
    let plans = crate::plan::Plans::builtin();
    let shown = running.map_or("Class plan…", |r| r.plan.title.as_str());
    egui::ComboBox::from_id_salt("class plan")
        .selected_text(egui::RichText::new(shown).size(20.0))
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(running.is_none(), "No plan: the drills one by one")
                .clicked()
            {
                commands.remove_resource::<PlanRun>();
            }
            for p in &plans.plans {
                let on = running.is_some_and(|r| r.plan.id == p.id);
                if ui
                    .selectable_label(on, format!("{}: {}", p.title, p.summary))
                    .clicked()
                    && !on
                {
                    commands.insert_resource(PlanRun::new(p.clone()));
                }
            }
        });
}

/// The projection layout: a title on top, the cue as a big caption at the
/// bottom, the 3D view everywhere else; the help overlay on request.
fn present_ui(
    mut view: ViewUi,
    projection: Res<Projection>,
    movement: Movement,
    roles: Query<&Role>,
    catalogue: Res<Catalogue>,
    (mut commands, plan): (Commands, Option<Res<PlanRun>>),
) -> Result {
    let (_, mut root) = view.root("present")?;
    let colours = theme::projected(projection.theme);
    let theme::Projected {
        back: bg,
        text: fg,
        accent,
        warn,
    } = colours;
    let (library, playback) = (&movement.library, &movement.playback);
    let frame = colours.bar();
    let drill = playback.drill.as_deref().and_then(|id| library.get(id));
    egui::Panel::top("present title")
        .frame(frame)
        .show(&mut root, |ui| {
            ui.horizontal_wrapped(|ui| {
                let title = drill.map_or("Hip hinge".to_string(), |d| d.name.clone());
                ui.label(egui::RichText::new(title).size(46.0).strong().color(fg));
                if let Some(d) = drill {
                    ui.label(egui::RichText::new(d.level.name()).size(28.0).color(accent));
                }
                // A comparison names its first twin's fault.
                if let Some(f) = roles.iter().find_map(|r| match r {
                    Role::Faulty(f) => Some(f),
                    Role::Correct => None,
                }) {
                    ui.label(
                        egui::RichText::new(format!(
                            "✔ correct  vs  ✖ {}",
                            catalogue.0.get(*f).name
                        ))
                        .size(34.0)
                        .strong()
                        .color(warn),
                    );
                }
            });
            if let Some(run) = &plan {
                ui.label(
                    egui::RichText::new(format!(
                        "{} · step {} of {}",
                        run.plan.title,
                        run.step + 1,
                        run.plan.steps.len()
                    ))
                    .size(22.0)
                    .color(accent),
                );
            }
        });
    egui::Panel::bottom("present caption")
        .frame(frame)
        .show(&mut root, |ui| {
            let (label, cue) = match drill {
                Some(d) => {
                    let (_, i) = d.sample(playback.time_s);
                    let p = &d.phases[i.min(d.phases.len() - 1)];
                    (p.kind.name().to_uppercase(), p.cue.clone())
                }
                None => ("HINGE".into(), "Hips back, knees soft, back long.".into()),
            };
            // A class plan's step says the coach's caption instead.
            let (label, cue, size) = match &plan {
                Some(run) => (
                    format!("{}", run.step + 1),
                    run.current().caption.clone(),
                    40.0,
                ),
                None => (label, cue, 48.0),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("{label}:"))
                        .size(size)
                        .strong()
                        .color(accent),
                );
                ui.label(egui::RichText::new(cue).size(size).strong().color(fg));
            });
            // Every presenter key on screen too: a tablet has no keyboard
            // and no clicker (`?view=present` must be leavable by a tap).
            let buttons = PRESENT_ACTIONS.map(|(label, action)| match action {
                Action::PlayPause if !playback.playing => ("▶ Play", action),
                _ => (label, action),
            });
            let mut clicked = Vec::new();
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("{:.2}x", playback.speed))
                        .size(22.0)
                        .color(fg),
                );
                action_buttons(ui, &buttons, 20.0, Some((fg, bg)), &mut clicked);
                action_buttons(ui, &PROJECTED_ACTIONS, 20.0, Some((fg, bg)), &mut clicked);
                // After Leave, so the common buttons keep their places.
                let more: &[(&str, Action)] = if roles.iter().any(|r| *r != Role::Correct) {
                    &PRESENT_MORE_ACTIONS
                } else {
                    &PRESENT_MORE_ACTIONS[..1]
                };
                action_buttons(ui, more, 20.0, Some((fg, bg)), &mut clicked);
                plan_picker(ui, plan.as_deref(), &mut commands);
            });
            view.actions.write_batch(clicked);
        });
    view.rect.set_from(&root);
    Ok(())
}
