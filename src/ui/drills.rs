//! The drills view: the library on the progression ladder, a card for the
//! chosen drill, the mannequin performing it with its props, a playback bar
//! with the phase's cue as a caption, and the guided first lesson.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::body::ranges;
use crate::drill::lesson::{Lesson, LessonState};
use crate::drill::playback::{MAX_SPEED, MIN_SPEED};
use crate::drill::{Drill, Library, Playback};
use crate::modes::ViewState;
use crate::overlay::ViewRect;
use crate::stage::figure::{Figure, MainFigure};
use crate::stage::props::ActiveProps;
use crate::ui::explore::{Catalogue, PoseControls, apply_controls, slider};

/// The built-in lesson, checked against the library once it has loaded.
#[derive(Resource, Debug, Clone, Default)]
pub struct LessonContent(pub Option<Lesson>);

pub fn plugin(app: &mut App) {
    app.init_resource::<LessonState>()
        .init_resource::<LessonContent>();
    app.add_systems(
        Update,
        (load_lesson, drive_from_drill)
            .chain()
            .before(apply_controls),
    );
    app.add_systems(
        Update,
        track_lesson
            .after(crate::stage::figure::FigureSystems)
            .run_if(in_state(ViewState::Drills)),
    );
}

fn load_lesson(library: Res<Library>, mut lesson: ResMut<LessonContent>) {
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

/// Whether the mannequin follows the drill (or the learner's sliders).
fn drill_drives(
    view: ViewState,
    playback: &Playback,
    lesson: &LessonState,
    quiz_sliders: bool,
) -> bool {
    match view {
        ViewState::Drills => !(lesson.step.is_some() && lesson.trying),
        ViewState::Compare => playback.drill.is_some(),
        ViewState::Quiz => !quiz_sliders,
        ViewState::Explore => false,
    }
}

/// Advance the playing drill and put its pose, load and props on stage.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
pub fn drive_from_drill(
    time: Res<Time>,
    state: Res<State<ViewState>>,
    library: Res<Library>,
    lesson: Res<LessonState>,
    content: Res<LessonContent>,
    mut playback: ResMut<Playback>,
    mut controls: ResMut<PoseControls>,
    mut props: ResMut<ActiveProps>,
    pending: Option<Res<crate::drill::assets::Pending>>,
    quiz: Option<Res<crate::quiz::session::QuizSession>>,
) {
    let view = *state.get();
    // A set-the-pose question is answered with the sliders.
    let quiz_sliders = quiz.is_some_and(|q| q.sliders_drive());
    // In the lesson each step names the drill it uses.
    let step = lesson
        .step
        .and_then(|i| content.0.as_ref().and_then(|l| l.steps.get(i)));
    if view == ViewState::Drills
        && let Some(step) = step
        && playback.drill.as_deref() != Some(step.drill.as_str())
    {
        playback.start(&step.drill);
    }
    // The first drill of the ladder, once all have loaded (they arrive in
    // any order).
    let loaded = pending.is_none_or(|p| p.is_empty());
    if view == ViewState::Drills
        && playback.drill.is_none()
        && loaded
        && let Some(first) = library.drills.first()
    {
        playback.start(&first.id.clone());
    }
    let drill = playback.drill.as_deref().and_then(|id| library.get(id));
    let Some(drill) = drill.filter(|_| view != ViewState::Explore) else {
        if props.drill.is_some() {
            *props = ActiveProps::default();
        }
        return;
    };
    // Props and preset change with the drill, not with every frame.
    if props.drill.as_deref() != Some(drill.id.as_str()) {
        *props = active_props(drill);
    }
    if controls.preset != drill.preset() {
        controls.preset = drill.preset().to_string();
    }
    let mut r = controls.request;
    if drill_drives(view, &playback, &lesson, quiz_sliders) {
        let key = match step.and_then(|s| s.show) {
            Some(key) => key,
            None => {
                playback.advance(drill, time.delta_secs());
                drill.sample(playback.time_s).0
            }
        };
        r.pose = drill.request(&key).pose;
    }
    // The learner's own angles (when trying) or the drill's, in the drill's
    // stance, arms and load; the body (height, sex, mass) stays the user's.
    drill.equip(&mut r);
    if r != controls.request {
        controls.request = r;
    }
}

/// The drill's props, with the wall where this body's hips reach it at the
/// sticking point (seed 003 puts it a foot's length behind the heels; closer
/// is the easier version, and that is where a mannequin of this size touches).
pub fn active_props(drill: &Drill) -> ActiveProps {
    let hold = drill.hold().map(|p| p.to).unwrap_or_default();
    let solved = crate::body::solve(&drill.request(&hold));
    let knee_z = solved
        .joint(crate::body::Joint::KneeL)
        .z
        .max(solved.joint(crate::body::Joint::KneeR).z);
    ActiveProps {
        drill: Some(drill.id.clone()),
        props: drill.props.clone(),
        load_at: drill.load_place(),
        wall_z: solved.joint(crate::body::Joint::Sacrum).z - 0.06,
        // Its near edge just touches the shins at the sticking point.
        bench_z: knee_z + 0.21,
    }
}

/// Count how long the learner has held the step's goal.
fn track_lesson(
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

/// The tabs that switch views.
pub fn view_tabs(ui: &mut egui::Ui, view: ViewState, next: &mut NextState<ViewState>) {
    ui.horizontal(|ui| {
        for (v, name) in [
            (ViewState::Explore, "Explore"),
            (ViewState::Compare, "Compare"),
            (ViewState::Drills, "Drills"),
            (ViewState::Quiz, "Quiz"),
        ] {
            if ui
                .selectable_label(view == v, egui::RichText::new(name).size(21.0))
                .clicked()
                && view != v
            {
                next.set(v);
            }
        }
    });
}

/// The caption and the playback bar along the bottom.
/// `still` replaces the phase's cue with a caption of its own (a lesson step
/// showing one pose) and leaves out the playback controls.
pub fn playback_bar(
    root: &mut egui::Ui,
    drill: &Drill,
    playback: &mut Playback,
    still: Option<(&str, &str)>,
) {
    // Room for a two-line cue, so the 3D view does not jump as phases change.
    egui::Panel::bottom("playback")
        .resizable(false)
        .min_size(if still.is_some() { 0.0 } else { 118.0 })
        .show(root, |ui| {
            let (_, phase) = drill.sample(playback.time_s);
            let phase = &drill.phases[phase.min(drill.phases.len() - 1)];
            let (label, caption) = still.unwrap_or((phase.kind.name(), &phase.cue));
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("{}:", label.to_uppercase()))
                        .size(26.0)
                        .strong()
                        .color(super::explore::CORRECT_COLOUR),
                );
                ui.label(egui::RichText::new(caption).size(26.0).strong());
            });
            ui.add_space(2.0);
            if still.is_some() {
                ui.add_space(4.0);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button("⏮").on_hover_text("step back").clicked() {
                    playback.step(drill, -1);
                }
                let play = if playback.playing {
                    "⏸ Pause"
                } else {
                    "▶ Play"
                };
                if ui.button(egui::RichText::new(play).size(22.0)).clicked() {
                    playback.toggle(drill);
                }
                if ui.button("⏭").on_hover_text("step forward").clicked() {
                    playback.step(drill, 1);
                }
                let mut t = playback.time_s;
                let total = drill.duration_s();
                let r = ui.add(
                    egui::Slider::new(&mut t, 0.0..=total)
                        .suffix(" s")
                        .fixed_decimals(1)
                        .text("time"),
                );
                // Only a hand on the slider scrubs: egui rounds the shown value
                // to the slider's decimals and would report that as a change.
                if r.changed() && touched(&r) {
                    playback.scrub(drill, t);
                }
                let mut speed = playback.speed;
                let r = ui.add(
                    egui::Slider::new(&mut speed, MIN_SPEED..=MAX_SPEED)
                        .logarithmic(true)
                        .suffix("x")
                        .fixed_decimals(2)
                        .text("speed"),
                );
                if r.changed() && touched(&r) {
                    playback.set_speed(speed);
                }
                ui.checkbox(&mut playback.looping, "loop");
                ui.checkbox(&mut playback.hold_at_sticking_point, "stop at the hold");
            });
            ui.add_space(4.0);
        });
}

/// Whether the user is working this widget (dragging, clicking, or keys while
/// it has focus), as opposed to egui adjusting the value it shows.
fn touched(r: &egui::Response) -> bool {
    r.dragged() || r.clicked() || r.has_focus()
}

/// Everything on screen in the drills view.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
pub fn panels(
    mut contexts: EguiContexts,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    mut lesson: ResMut<LessonState>,
    content: Res<LessonContent>,
    mut controls: ResMut<PoseControls>,
    mut view_rect: ResMut<ViewRect>,
    catalogue: Res<Catalogue>,
    figures: Query<&Figure, With<MainFigure>>,
    mut next: ResMut<NextState<ViewState>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = crate::ui::root_ui(&ctx, "drills");
    let step = lesson.step.and_then(|i| {
        content
            .0
            .as_ref()
            .and_then(|l| l.steps.get(i).map(|s| (i, s)))
    });
    let drill = playback.drill.clone().and_then(|id| library.get(&id));
    if let Some(d) = &drill
        && !(step.is_some() && lesson.trying)
    {
        let still = step.and_then(|(_, s)| s.show.map(|_| ("watch", s.title.as_str())));
        playback_bar(&mut root, d, &mut playback, still);
    }
    let mut edited = controls.request;
    let was_trying = lesson.trying;
    crate::ui::side_panel(
        &mut root,
        "library",
        crate::ui::Side::Left,
        330.0,
        "Drills",
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                view_tabs(ui, ViewState::Drills, &mut next);
                ui.separator();
                problems_banner(ui, &library);
                match step {
                    Some(_) if lesson.trying => {
                        ui.heading("Your turn");
                        ui.label("Move the sliders until every line on the right is ticked.");
                        let p = &mut edited.pose;
                        slider(ui, "Knee bend", &mut p.knee_deg, ranges::KNEE, "soft knees: about 15-25°");
                        slider(ui, "Hip angle", &mut p.hip_deg, ranges::HIP, "fold here");
                        slider(ui, "Lower back", &mut p.lumbar_deg, ranges::LUMBAR, "keep it near 0: + rounds, - arches");
                        slider(ui, "Neck", &mut p.neck_deg, ranges::NECK, "+ chin tucked, - chin up");
                    }
                    Some(_) => {
                        ui.heading("Watch");
                        ui.label("The mannequin shows this step. Orbit the camera to see it from any side, then press \"Your turn\".");
                    }
                    None => library_list(ui, &library, &mut playback, &mut lesson, content.0.is_some()),
                }
            });
        },
    );
    crate::ui::side_panel(
        &mut root,
        "card",
        crate::ui::Side::Right,
        380.0,
        "Cues",
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match (step, content.0.as_ref()) {
                (Some((i, s)), Some(l)) => {
                    let figure = figures.single().ok();
                    lesson_card(ui, l, i, s, &mut lesson, figure);
                }
                _ => {
                    if let Some(d) = &drill {
                        drill_card(ui, d, &playback, &catalogue.0);
                    } else {
                        ui.label("Loading the drills...");
                    }
                }
            });
        },
    );
    crate::ui::set_view_rect(&root, &mut view_rect);
    // "Your turn" starts from where the previous step left the learner, so
    // the step has to be done, not just accepted as shown.
    if lesson.trying
        && !was_trying
        && let (Some((i, _)), Some(l)) = (step, content.0.as_ref())
    {
        l.start_key(i).apply_to(&mut edited.pose);
    }
    if lesson.trying && edited != controls.request {
        controls.request = edited;
    }
    Ok(())
}

fn problems_banner(ui: &mut egui::Ui, library: &Library) {
    if library.problems.is_empty() {
        return;
    }
    ui.label(
        egui::RichText::new(format!(
            "⚠ {} content file(s) did not load; the other drills work:",
            library.problems.len()
        ))
        .strong()
        .color(super::explore::FAULTY_COLOUR),
    );
    for p in &library.problems {
        ui.label(egui::RichText::new(p.to_string()).small());
    }
    ui.separator();
}

fn library_list(
    ui: &mut egui::Ui,
    library: &Library,
    playback: &mut Playback,
    lesson: &mut LessonState,
    lesson_ready: bool,
) {
    if ui
        .add_enabled(
            lesson_ready,
            egui::Button::new(
                egui::RichText::new("▶ First lesson: start here")
                    .size(22.0)
                    .strong(),
            ),
        )
        .clicked()
    {
        lesson.go_to(0);
    }
    ui.add_space(6.0);
    ui.heading("Drill library");
    ui.label(egui::RichText::new("From the first drill to the heaviest lift.").small());
    let mut level = None;
    for d in &library.drills {
        if level != Some(d.level) {
            level = Some(d.level);
            ui.add_space(6.0);
            ui.label(egui::RichText::new(d.level.name()).strong().size(20.0));
        }
        let selected = playback.drill.as_deref() == Some(d.id.as_str());
        if ui
            .selectable_label(selected, format!("  {}", d.name))
            .clicked()
            && !selected
        {
            playback.start(&d.id);
        }
    }
}

/// Level, equipment, cues by phase (the current one marked), faults, why.
fn drill_card(
    ui: &mut egui::Ui,
    d: &Drill,
    playback: &Playback,
    catalogue: &crate::coach::FaultCatalogue,
) {
    ui.label(egui::RichText::new(&d.name).size(30.0).strong());
    ui.label(
        egui::RichText::new(d.level.name())
            .strong()
            .color(super::explore::CORRECT_COLOUR),
    );
    ui.label(&d.summary);
    ui.separator();
    ui.label(egui::RichText::new("You need").strong());
    ui.label(d.equipment.join(", "));
    if let Some(load) = d.load {
        ui.label(format!("Example load: {:.0} kg", load.mass_kg));
    }
    ui.separator();
    ui.label(egui::RichText::new("Cues").strong());
    let (_, current) = d.sample(playback.time_s);
    for (i, p) in d.phases.iter().enumerate() {
        let text = format!(
            "{} {}: {}",
            if i == current { "▶" } else { "•" },
            p.kind.name(),
            p.cue
        );
        let rt = egui::RichText::new(text);
        ui.label(if i == current { rt.strong() } else { rt });
    }
    ui.separator();
    ui.label(egui::RichText::new("Watch out for").strong());
    for f in &d.faults {
        let info = catalogue.get(*f);
        ui.label(
            egui::RichText::new(format!("✖ {}", info.name))
                .strong()
                .color(super::explore::FAULTY_COLOUR),
        );
        ui.label(egui::RichText::new(&info.cue).small());
    }
    ui.separator();
    ui.label(egui::RichText::new("Why it matters").strong());
    ui.label(&d.why);
    ui.label(egui::RichText::new(format!("Source: {}", d.source)).small());
}

fn lesson_card(
    ui: &mut egui::Ui,
    l: &Lesson,
    i: usize,
    s: &crate::drill::lesson::Step,
    lesson: &mut LessonState,
    figure: Option<&Figure>,
) {
    ui.label(
        egui::RichText::new(&l.title)
            .strong()
            .color(super::explore::CORRECT_COLOUR),
    );
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
                ("✔", super::explore::CORRECT_COLOUR)
            } else {
                ("✖", super::explore::FAULTY_COLOUR)
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
                    .color(super::explore::CORRECT_COLOUR),
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
