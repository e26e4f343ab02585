//! The drills view: the library on the progression ladder, a card for the
//! chosen drill, the mannequin performing it with its props, a playback bar
//! with the phase's cue as a caption, and the guided first lesson.

mod lesson;
mod work;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

pub use lesson::LessonContent;

use crate::Frame;
use crate::body::ranges;
use crate::coach::{Fault, FaultCatalogue};
use crate::drill::lesson::LessonState;
use crate::drill::{Drill, Library, Playback};
use crate::options::ViewState;
use crate::overlay::{Badge, LoadBands, Overlays};
use crate::pose::{FixedPose, PoseControls, PoseSource, Role};
use crate::stage::camera::{HOME_DISTANCE_M, Orbit, fit_distance};
use crate::stage::figure::{Catalogue, CoachThresholds, Figure, FigureSpawner, MainFigure};
use crate::stage::props::Bare;
use crate::theme;
use crate::ui::widgets::{knee_hip_sliders, playback_bar, slider, view_tabs};
use crate::ui::{Side, UiPass, ViewUi, projecting, side_panel};
use crate::views::figures::{Row, stage_one};
use lesson::Lessons;

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<LessonState>()
        .init_resource::<LessonContent>();
    app.add_systems(OnEnter(ViewState::Drills), stage_one);
    app.add_systems(Update, lesson::load_lesson.in_set(Frame::ApplyActions));
    app.add_systems(
        Update,
        (
            (start_drill, choose_source)
                .chain()
                .in_set(Frame::ApplyActions),
            stage_contrast.in_set(Frame::DrivePoses),
            lesson::track_lesson.in_set(Frame::Draw),
        )
            .run_if(in_state(ViewState::Drills)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        panels
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Drills))
            .run_if(not(projecting)),
    );
}

/// The lesson step's drill, or the first drill of the ladder once all have
/// loaded (they arrive in any order).
fn start_drill(
    lessons: Lessons,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    pending: Option<Res<crate::drill::assets::Pending>>,
) {
    if let Some((_, step)) = lessons.content.step(&lessons.state) {
        if playback.drill.as_deref() != Some(step.drill.as_str()) {
            playback.start(&step.drill);
        }
        return;
    }
    let loaded = pending.is_none_or(|p| p.is_empty());
    if playback.drill.is_none()
        && loaded
        && let Some(first) = library.drills.first()
    {
        playback.start(&first.id.clone());
    }
}

/// The drill plays; a lesson step may hold one pose of it, and on the
/// learner's turn the sliders pose the body in the drill's stance and load.
fn choose_source(lessons: Lessons, mut source: ResMut<PoseSource>) {
    let want = match lessons.content.step(&lessons.state) {
        Some(_) if lessons.state.trying => PoseSource::SlidersInDrill,
        Some((_, step)) => step.show.map_or(PoseSource::Drill, PoseSource::Still),
        None => PoseSource::Drill,
    };
    if *source != want {
        *source = want;
    }
}

/// A second figure that stays still in the step's contrast pose (seed 003
/// shows the toe touch before the hinge), beside the main one.
#[derive(Component)]
struct Contrast;

/// The drills and the thresholds they are judged by.
#[derive(bevy::ecs::system::SystemParam)]
struct Content<'w> {
    library: Res<'w, Library>,
    thresholds: Res<'w, CoachThresholds>,
}

/// Stage the contrast figure while a step has one, and take it away after.
fn stage_contrast(
    lessons: Lessons,
    content: Content,
    mut spawner: FigureSpawner,
    shown: Query<Entity, With<Contrast>>,
    mut main: Query<(Entity, &mut Transform), With<MainFigure>>,
    mut camera: (ResMut<Orbit>, Res<crate::ui::ViewRect>),
    mut last: Local<Option<(Option<usize>, bool)>>,
) {
    let step = lessons.content.step(&lessons.state);
    // Only once the step's drill has loaded can its contrast be posed.
    let contrast = step.and_then(|(i, s)| Some((i, s.contrast?, content.library.get(&s.drill)?)));
    let loads = step.is_some_and(|(_, s)| s.loads);
    let wanted = (step.map(|(i, _)| i), contrast.is_some());
    if *last == Some(wanted) {
        return;
    }
    *last = Some(wanted);
    for e in &shown {
        spawner.commands.entity(e).despawn();
    }
    let row = Row::default();
    // The contrast stands first (on the left in the side view), as the
    // step's text says: "left, the toe touch; right, the hinge".
    let here = if contrast.is_some() {
        row.slot(1, 2)
    } else {
        Vec3::ZERO
    };
    for (e, mut t) in &mut main {
        t.translation = here;
        // Beside its contrast the hinge wears its name too.
        let mut e = spawner.commands.entity(e);
        if loads {
            e.insert(LoadBands::Shown);
        } else {
            e.remove::<LoadBands>();
        }
        if contrast.is_some() {
            e.insert(Badge::Role {
                role: Role::Correct,
                place: 0,
            });
        } else {
            e.remove::<Badge>();
        }
    }
    let Some((_, key, drill)) = contrast else {
        camera.0.distance_m = HOME_DISTANCE_M;
        return;
    };
    let figure = Figure::new(drill.request(&key), drill.thresholds(&content.thresholds.0));
    // A toe touch rounds the back: the coach names it so (B §2, seed 003).
    let role = Role::Faulty(Fault::RoundedBack);
    let mut staged = spawner.spawn("contrast", figure, row.slot(0, 2));
    staged.insert((
        Contrast,
        FixedPose,
        Bare,
        role,
        Badge::Role { role, place: 1 },
        DespawnOnExit(ViewState::Drills),
    ));
    if loads {
        staged.insert(LoadBands::Shown);
    }
    let aspect = camera.1.aspect(0.3, 4.0);
    camera.0.distance_m = fit_distance(row.width_m(2), 2.1, aspect).max(HOME_DISTANCE_M);
}

/// Everything on screen in the drills view.
fn panels(
    mut view: ViewUi,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    mut lessons: Lessons,
    mut controls: ResMut<PoseControls>,
    (catalogue, figures): (Res<Catalogue>, Query<&Figure, With<MainFigure>>),
    (mut overlays, mut curve): (ResMut<Overlays>, Local<work::Curve>),
) -> Result {
    let (_, mut root) = view.root("drills")?;
    let Lessons { state, content } = &mut lessons;
    let step = content.step(state);
    let drill = playback.drill.clone().and_then(|id| library.get(&id));
    if let Some(d) = drill
        && !(step.is_some() && state.trying)
    {
        let still = step.and_then(|(_, s)| s.show.map(|_| ("watch", s.title.as_str())));
        playback_bar(&mut root, d, &mut playback, still);
    }
    let mut edited = controls.request;
    let was_trying = state.trying;
    let mut handout = false;
    let mut units = *view.units;
    side_panel(&mut root, "library", Side::Left, 330.0, "Drills", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            view_tabs(ui, ViewState::Drills, &mut view);
            ui.separator();
            problems_banner(ui, &library);
            match step {
                Some(_) if state.trying => your_turn(ui, &mut edited),
                Some(_) => {
                    ui.heading("Watch");
                    ui.label(
                        "The mannequin shows this step. Orbit the camera to see it \
                         from any side, then press \"Your turn\".",
                    );
                }
                None => library_list(ui, &library, &mut playback, state, content.0.is_some()),
            }
        });
    });
    side_panel(&mut root, "card", Side::Right, 380.0, "Cues", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| match (step, content.0.as_ref()) {
            (Some((i, s)), Some(l)) => {
                lesson::lesson_card(ui, l, i, s, state, figures.single().ok());
            }
            _ => match drill {
                Some(d) => {
                    let work = Work {
                        playback: &mut playback,
                        who: &controls.request,
                        overlays: &mut overlays,
                        curve: &mut curve,
                        units: &mut units,
                        handout: &mut handout,
                    };
                    drill_card(ui, d, work, &catalogue.0);
                }
                None => {
                    ui.label("Loading the drills...");
                }
            },
        });
    });
    view.rect.set_from(&root);
    if handout {
        view.next.set(ViewState::Handout);
    }
    view.units.set_if_neq(units);
    // "Your turn" starts from where the previous step left the learner, so
    // the step has to be done, not just accepted as shown.
    if state.trying
        && !was_trying
        && let (Some((i, _)), Some(l)) = (step, content.0.as_ref())
    {
        l.start_key(i).apply_to(&mut edited.pose);
    }
    if state.trying && edited != controls.request {
        controls.request = edited;
    }
    Ok(())
}

/// The learner's sliders on a lesson step.
fn your_turn(ui: &mut egui::Ui, edited: &mut crate::body::PoseRequest) {
    ui.heading("Your turn");
    ui.label("Move the sliders until every line on the right is ticked.");
    let p = &mut edited.pose;
    knee_hip_sliders(ui, p, ["soft knees: about 15-25°", "fold here"]);
    slider(
        ui,
        "Lower back",
        &mut p.lumbar_deg,
        ranges::LUMBAR,
        "keep it near 0: + rounds, - arches",
    );
    slider(
        ui,
        "Neck",
        &mut p.neck_deg,
        ranges::NECK,
        "+ chin tucked, - chin up",
    );
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
        .color(theme::FAULTY),
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

/// What the card's "where the work goes" reads and changes.
struct Work<'a> {
    playback: &'a mut Playback,
    who: &'a crate::body::PoseRequest,
    overlays: &'a mut Overlays,
    curve: &'a mut work::Curve,
    units: &'a mut crate::options::Units,
    /// The "Handout" button was pressed.
    handout: &'a mut bool,
}

/// Level, equipment, cues by phase (the current one marked), faults, why.
fn drill_card(ui: &mut egui::Ui, d: &Drill, work: Work, catalogue: &FaultCatalogue) {
    ui.label(egui::RichText::new(&d.name).size(30.0).strong());
    ui.label(
        egui::RichText::new(d.level.name())
            .strong()
            .color(theme::CORRECT),
    );
    ui.label(&d.summary);
    ui.separator();
    ui.label(egui::RichText::new("You need").strong());
    ui.label(d.equipment.join(", "));
    ui.separator();
    work::where_the_work_goes(
        ui,
        d,
        work.playback,
        work.who,
        work.overlays,
        (work.curve, work.units),
    );
    ui.separator();
    ui.label(egui::RichText::new("Cues").strong());
    let (_, current) = d.sample(work.playback.time_s);
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
                .color(theme::FAULTY),
        );
        ui.label(egui::RichText::new(&info.cue).small());
    }
    ui.separator();
    ui.label(egui::RichText::new("Why it matters").strong());
    ui.label(&d.why);
    ui.label(egui::RichText::new(format!("Source: {}", d.source)).small());
    ui.separator();
    // The drill on one sheet to print and hand out (`hinge handout`).
    if ui
        .add(egui::Button::new(egui::RichText::new("Handout of this drill, to print").size(18.0)))
        .on_hover_text("Every phase side by side with its cue, the faults to watch and what you need: save it as a picture and print it")
        .clicked()
    {
        *work.handout = true;
    }
}
