//! The handout: a drill on one printable sheet for a coach to hand out. Its
//! name and level, a strip of the figure at the end of each phase (a
//! kinogram, like the strobe pictures coaches know) with each phase's cue
//! under its figure, the faults to watch with their cues, the equipment,
//! why it matters and the source. Dark type on white, so it survives a
//! black-and-white printer. Reached from the drill card's "Handout" button
//! (then "Save picture" keeps it) and from `hinge handout`.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::Frame;
use crate::drill::{Drill, Library, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::overlay::Overlays;
use crate::pose::{FixedPose, PoseControls, PoseSource, Role};
use crate::stage::camera::{Orbit, StageCamera};
use crate::stage::figure::{Catalogue, CoachThresholds, Figure, FigureSpawner};
use crate::theme;
use crate::ui::widgets::action_buttons;
use crate::ui::{Projection, UiPass, ViewUi};

/// Whether the sheet shows its own buttons (Save picture, Back). Off for
/// `hinge handout`, which renders the sheet alone; a picture being saved
/// leaves them out too.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandoutChrome(pub bool);

impl Default for HandoutChrome {
    fn default() -> Self {
        HandoutChrome(true)
    }
}

/// One phase's figure on the sheet, by its place in the drill.
#[derive(Component, Debug, Clone, Copy)]
struct PhaseFigure(usize);

/// The narrowest cell a figure needs: a hinged body with a bar in its
/// hands is about 1.2 m from the hips to the head (metres).
const MIN_CELL_M: f32 = 1.35;
/// The height the strip shows: a standing figure and a little floor.
const STRIP_HEIGHT_M: f32 = 2.0;
/// The camera looks at this height, the middle of the strip.
const STRIP_TARGET_Y_M: f32 = 0.96;
/// The camera's distance: any, the strip is drawn without perspective.
const STRIP_DISTANCE_M: f32 = 10.0;

/// The overlays as they were before the sheet (it prints the figures
/// plain), and given back after.
#[derive(Resource, Debug, Clone, Copy)]
struct OverlaysBefore(Overlays);

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<HandoutChrome>();
    app.add_systems(
        Update,
        (
            (hold_still, leave_on_present).in_set(Frame::ApplyActions),
            stage_phases.in_set(Frame::DrivePoses),
            // Before the props follow their figures (Frame::Draw), so a bar
            // is never drawn where its lifter stood a frame ago.
            frame_the_strip.in_set(Frame::ApplyPoses),
        )
            .run_if(in_state(ViewState::Handout)),
    );
    // Gizmos are drawn only with a renderer (the headless app has none).
    if app
        .world()
        .contains_resource::<bevy::gizmos::config::GizmoConfigStore>()
    {
        app.add_systems(
            Update,
            draw_ground
                .in_set(Frame::Draw)
                .run_if(in_state(ViewState::Handout)),
        );
    }
    app.add_systems(OnEnter(ViewState::Handout), plain_figures);
    app.add_systems(OnExit(ViewState::Handout), restore_stage);
    app.add_systems(
        EguiPrimaryContextPass,
        sheet
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Handout)),
    );
}

/// The drill's props stay on the stage (the drive keeps them while a drill
/// is the source) and nothing plays: every figure holds its own pose.
/// Without a drill named (`--view handout` alone), the ladder's first.
fn hold_still(
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    mut source: ResMut<PoseSource>,
    clear: Option<ResMut<ClearColor>>,
) {
    if playback.drill.is_none()
        && let Some(first) = library.drills.first()
    {
        playback.start(&first.id.clone());
    }
    let Some(d) = playback.drill.as_deref().and_then(|id| library.get(id)) else {
        return;
    };
    let want = PoseSource::Still(d.phases.first().map(|p| p.to).unwrap_or_default());
    if *source != want {
        *source = want;
    }
    if let Some(mut clear) = clear
        && clear.0 != Color::WHITE
    {
        clear.0 = Color::WHITE;
    }
}

/// The figures without angle lines and labels: on paper they would cover
/// each other's cues.
fn plain_figures(mut commands: Commands, mut overlays: ResMut<Overlays>) {
    commands.insert_resource(OverlaysBefore(*overlays));
    *overlays = Overlays::NONE;
}

/// Back to the stage's own backdrop (the projector's, if presenting
/// starts), camera and overlays.
fn restore_stage(
    mut commands: Commands,
    (clear, projection): (Option<ResMut<ClearColor>>, Res<Projection>),
    mut overlays: ResMut<Overlays>,
    before: Option<Res<OverlaysBefore>>,
    mut cameras: Query<&mut bevy::camera::Projection, With<StageCamera>>,
) {
    if let Some(mut clear) = clear {
        clear.0 = theme::backdrop(projection.on.then_some(projection.theme));
    }
    if let Some(before) = before {
        *overlays = before.0;
        commands.remove_resource::<OverlaysBefore>();
    }
    for mut p in &mut cameras {
        *p = crate::stage::camera::perspective();
    }
}

/// Presenting is for the stage, not for the sheet: P or Escape goes back
/// to the drill (presenting then starts there if asked).
fn leave_on_present(mut actions: MessageReader<Action>, mut next: ResMut<NextState<ViewState>>) {
    if actions
        .read()
        .any(|a| matches!(a, Action::TogglePresent | Action::LeavePresent))
    {
        next.set(ViewState::Drills);
    }
}

/// The pose at the end of each phase, in the drill's stance and load, on
/// the learner's body.
pub fn phase_requests(
    d: &Drill,
    controls: &PoseControls,
    load_kg: Option<f32>,
) -> Vec<crate::body::PoseRequest> {
    d.phases
        .iter()
        .map(|p| {
            let mut r = controls.request;
            r.pose = d.request(&p.to).pose;
            d.equip(&mut r);
            crate::drill::with_load(&mut r, load_kg);
            r
        })
        .collect()
}

/// A figure for each phase, staged again when the drill changes (the
/// clicker pages through the drills' sheets).
fn stage_phases(
    content: (Res<Library>, Res<Playback>, Res<CoachThresholds>),
    controls: Res<PoseControls>,
    mut spawner: FigureSpawner,
    shown: Query<Entity, With<PhaseFigure>>,
    mut staged: Local<Option<String>>,
) {
    let (library, playback, thresholds) = content;
    let Some(d) = playback.drill.as_deref().and_then(|id| library.get(id)) else {
        return;
    };
    if staged.as_deref() == Some(d.id.as_str()) && !shown.is_empty() {
        return;
    }
    *staged = Some(d.id.clone());
    for e in &shown {
        spawner.commands.entity(e).despawn();
    }
    let t = d.thresholds(&thresholds.0);
    for (i, r) in phase_requests(d, &controls, playback.load_kg)
        .into_iter()
        .enumerate()
    {
        let mut e = spawner.spawn(
            &format!("phase {}", i + 1),
            Figure::new(r, t.clone()),
            Vec3::ZERO,
        );
        e.insert((
            PhaseFigure(i),
            FixedPose,
            Role::Correct,
            DespawnOnExit(ViewState::Handout),
        ));
    }
}

/// The strip's height and width (metres) for `n` figures in a view of
/// this aspect: a standing figure's height, or taller so that each figure
/// gets its cell.
fn strip_size(n: usize, aspect: f32) -> (f32, f32) {
    let height = STRIP_HEIGHT_M.max(n as f32 * MIN_CELL_M / aspect);
    (height, height * aspect)
}

/// The floor, seen edge-on, as one line under every figure (the floor
/// itself is then too thin to see): nearer the camera (at -x) than the
/// floor's edge and a few millimetres up; without perspective it still
/// meets the soles.
fn draw_ground(rect: Res<crate::ui::ViewRect>, figures: Query<&PhaseFigure>, mut gizmos: Gizmos) {
    let (_, width) = strip_size(figures.iter().count().max(1), rect.aspect(0.5, 12.0));
    let half = width / 2.0;
    gizmos.line(
        Vec3::new(-2.5, 0.004, -half),
        Vec3::new(-2.5, 0.004, half),
        Color::srgb(0.35, 0.35, 0.35),
    );
}

/// Each figure in its own cell across the view, seen straight from the
/// side without perspective (a kinogram: a bar end-on is one disc, and the
/// figures at the ends are not drawn askew): the cues under the strip stand
/// under their figures. The camera is not the learner's to orbit here.
fn frame_the_strip(
    rect: Res<crate::ui::ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut figures: Query<(&PhaseFigure, &mut Transform)>,
    mut cameras: Query<&mut bevy::camera::Projection, With<StageCamera>>,
) {
    let n = figures.iter().count().max(1);
    let (height, width) = strip_size(n, rect.aspect(0.5, 12.0));
    let cell = width / n as f32;
    for mut p in &mut cameras {
        let same = matches!(
            &*p,
            bevy::camera::Projection::Orthographic(OrthographicProjection {
                scaling_mode: bevy::camera::ScalingMode::FixedVertical { viewport_height },
                ..
            }) if *viewport_height == height
        );
        if !same {
            *p = bevy::camera::Projection::Orthographic(OrthographicProjection {
                scaling_mode: bevy::camera::ScalingMode::FixedVertical {
                    viewport_height: height,
                },
                ..OrthographicProjection::default_3d()
            });
        }
    }
    for (f, mut t) in &mut figures {
        let z = (f.0 as f32 - (n as f32 - 1.0) / 2.0) * cell;
        let at = Vec3::new(0.0, 0.0, z);
        if t.translation != at {
            t.translation = at;
        }
    }
    let want = Orbit {
        target: Vec3::new(0.0, STRIP_TARGET_Y_M, 0.0),
        yaw_deg: -90.0,
        pitch_deg: 0.0,
        distance_m: STRIP_DISTANCE_M,
        ui_has_pointer: orbit.ui_has_pointer,
    };
    if *orbit != want {
        *orbit = want;
    }
}

/// The sheet: the title on top, under the strip each phase's cue, then
/// the faults, the equipment, why and the source.
fn sheet(
    mut view: ViewUi,
    content: (Res<Library>, Res<Playback>, Res<Catalogue>),
    chrome: Res<HandoutChrome>,
    taking: Option<Res<crate::ui::picture::PictureRequest>>,
) -> Result {
    let (library, playback, catalogue) = content;
    let (ctx, mut root) = view.root("handout")?;
    let Some(d) = playback.drill.as_deref().and_then(|id| library.get(id)) else {
        root.label("Loading the drills...");
        return Ok(());
    };
    let ink = theme::TEXT;
    let paper = egui::Frame::new()
        .fill(egui::Color32::WHITE)
        .inner_margin(egui::Margin::symmetric(28, 14));
    egui::Panel::top("handout title")
        .frame(paper)
        .show(&mut root, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(&d.name).size(34.0).strong().color(ink));
                ui.label(
                    egui::RichText::new(format!("· {}", d.level.name()))
                        .size(22.0)
                        .color(ink),
                );
            });
            ui.label(egui::RichText::new(&d.summary).size(18.0).color(ink));
        });
    egui::Panel::bottom("handout text")
        .frame(paper)
        .show(&mut root, |ui| {
            ui.columns(d.phases.len().max(1), |cols| {
                for (i, (col, p)) in cols.iter_mut().zip(&d.phases).enumerate() {
                    col.vertical_centered(|ui| {
                        ui.label(
                            egui::RichText::new(format!("{}  {}", i + 1, p.kind.name()))
                                .size(20.0)
                                .strong()
                                .color(ink),
                        );
                    });
                    // Ragged right: justified in a narrow column, egui spreads the letters.
                    col.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.label(egui::RichText::new(&p.cue).size(15.0).color(ink));
                    });
                }
            });
            ui.add_space(8.0);
            ui.separator();
            ui.columns(2, |cols| {
                cols[0].label(
                    egui::RichText::new("Watch out for")
                        .size(19.0)
                        .strong()
                        .color(ink),
                );
                for f in &d.faults {
                    let info = catalogue.0.get(*f);
                    cols[0].label(
                        egui::RichText::new(format!("✖ {}: ", info.name))
                            .size(15.0)
                            .strong()
                            .color(ink),
                    );
                    cols[0].label(egui::RichText::new(&info.cue).size(14.0).color(ink));
                }
                cols[1].label(
                    egui::RichText::new("You need")
                        .size(19.0)
                        .strong()
                        .color(ink),
                );
                cols[1].label(
                    egui::RichText::new(d.equipment.join(", "))
                        .size(15.0)
                        .color(ink),
                );
                cols[1].add_space(6.0);
                cols[1].label(
                    egui::RichText::new("Why it matters")
                        .size(19.0)
                        .strong()
                        .color(ink),
                );
                cols[1].label(egui::RichText::new(&d.why).size(15.0).color(ink));
                cols[1].add_space(6.0);
                cols[1].label(
                    egui::RichText::new(format!("Source: {}", d.source))
                        .size(12.0)
                        .color(theme::HINT),
                );
                cols[1].label(
                    egui::RichText::new("Hinge, the hip hinge tutor")
                        .size(12.0)
                        .color(theme::HINT),
                );
            });
        });
    view.rect.set_from(&root);
    if chrome.0 && taking.is_none() {
        let mut clicked = Vec::new();
        let mut back = false;
        egui::Area::new(egui::Id::new("handout buttons"))
            .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-10.0, 10.0))
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                ui.horizontal(|ui| {
                    back = ui
                        .add(
                            egui::Button::new(
                                egui::RichText::new("◀ Back to the drill").size(17.0),
                            )
                            .min_size(egui::vec2(0.0, 36.0)),
                        )
                        .clicked();
                    action_buttons(ui, &SHEET_ACTIONS, 17.0, None, &mut clicked);
                });
            });
        view.actions.write_batch(clicked);
        if back {
            view.next.set(ViewState::Drills);
        }
    }
    Ok(())
}

/// The sheet's own buttons: keep it as a picture, or the next drill's.
pub const SHEET_ACTIONS: [(&str, Action); 3] = [
    ("Save picture", Action::SavePicture),
    ("◀ Previous drill", Action::PreviousDrill),
    ("Next drill ▶", Action::NextDrill),
];
