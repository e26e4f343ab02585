//! The compare view: the correct figure beside the twin of one fault (or
//! three faults at once, or the twin laid over it as a ghost), posed by the
//! sliders or animated by a drill, each figure labelled with its verdict.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::Frame;
use crate::coach::{Fault, FaultCatalogue};
use crate::drill::{Library, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::overlay::Badge;
use crate::pose::{PoseSource, Role};
use crate::stage::camera::{HOME_DISTANCE_M, Orbit, fit_distance};
use crate::stage::figure::Catalogue;
use crate::stage::model::Rig;
use crate::theme;
use crate::ui::widgets::{fault_card, playback_bar, view_tabs};
use crate::ui::{Side, UiPass, ViewRect, ViewUi, projecting, side_panel};
use crate::views::figures::{Row, Stager};
use crate::views::pose_panel::PoseTools;

/// What the compare view shows.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct CompareSettings {
    /// The faults beside the correct figure (one, or up to three for an overview).
    pub faults: Vec<Fault>,
    /// Overlay the faulty figure on the correct one, translucent.
    pub ghost: bool,
    /// Lay the figures out across the screen for this camera: along the
    /// forward axis for the side view, sideways for the front view.
    pub across_x: bool,
}

impl Default for CompareSettings {
    fn default() -> Self {
        CompareSettings {
            faults: vec![Fault::RoundedBack],
            ghost: false,
            across_x: false,
        }
    }
}

impl CompareSettings {
    fn row(&self) -> Row {
        Row::across(self.across_x, self.ghost)
    }
}

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<CompareSettings>()
        .add_message::<Action>();
    app.add_systems(OnEnter(ViewState::Compare), stage_compare);
    app.add_systems(Update, compare_actions.in_set(Frame::ApplyActions));
    app.add_systems(
        Update,
        (
            (restage_on_change, choose_source).in_set(Frame::ApplyActions),
            tint_faulty_figures.in_set(Frame::Draw),
            fit_camera_to_figures.in_set(crate::stage::camera::FitCamera::View),
        )
            .run_if(in_state(ViewState::Compare)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        panels
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Compare))
            .run_if(not(projecting)),
    );
}

/// The correct figure first (in the side view the figures face right), then
/// one twin per fault.
fn stage_compare(mut stager: Stager, settings: Res<CompareSettings>, mut orbit: ResMut<Orbit>) {
    let n = settings.faults.len() + 1;
    let row = settings.row();
    orbit.distance_m = HOME_DISTANCE_M;
    let roles =
        std::iter::once(Role::Correct).chain(settings.faults.iter().map(|f| Role::Faulty(*f)));
    for (place, role) in roles.enumerate() {
        let name = match role {
            Role::Correct => "correct",
            Role::Faulty(f) => f.id(),
        };
        let e = stager.spawn(
            name,
            role,
            row.slot(place, n),
            ViewState::Compare,
            place == 0,
        );
        stager
            .spawner
            .commands
            .entity(e)
            .insert(Badge::Role { role, place });
    }
}

/// New faults, ghost or layout: the figures are staged again.
fn restage_on_change(
    mut commands: Commands,
    settings: Res<CompareSettings>,
    figures: Query<Entity, With<Role>>,
    stager: Stager,
    orbit: ResMut<Orbit>,
) {
    if !settings.is_changed() || settings.is_added() {
        return;
    }
    for e in &figures {
        commands.entity(e).despawn();
    }
    stage_compare(stager, settings, orbit);
}

/// A drill animates the comparison; without one the sliders pose it.
fn choose_source(playback: Res<Playback>, mut source: ResMut<PoseSource>) {
    let want = if playback.drill.is_some() {
        PoseSource::Drill
    } else {
        PoseSource::Sliders
    };
    if *source != want {
        *source = want;
    }
}

/// "Correct vs faulty" and "next fault" from keys, clicker and pads, from
/// any view.
fn compare_actions(
    mut actions: MessageReader<Action>,
    state: Res<State<ViewState>>,
    mut next: ResMut<NextState<ViewState>>,
    mut settings: ResMut<CompareSettings>,
) {
    let view = *state.get();
    for a in actions.read() {
        match a {
            Action::ToggleCompare => next.set(if view == ViewState::Compare {
                ViewState::Drills
            } else {
                ViewState::Compare
            }),
            Action::NextFault => {
                let current = settings
                    .faults
                    .first()
                    .copied()
                    .unwrap_or(Fault::ArmsPulling);
                let i = Fault::ALL.iter().position(|f| *f == current).unwrap_or(0);
                settings.faults = vec![Fault::ALL[(i + 1) % Fault::ALL.len()]];
                if view != ViewState::Compare {
                    next.set(ViewState::Compare);
                }
            }
            _ => {}
        }
    }
}

/// Faulty figures wear a warmer, darker shell (and turn translucent in ghost
/// mode), so they read apart even before their labels.
fn tint_faulty_figures(
    figures: Query<(Entity, &Role), Added<Rig>>,
    settings: Res<CompareSettings>,
    children: Query<&Children>,
    mut meshes: Query<&mut MeshMaterial3d<StandardMaterial>>,
    materials: Option<ResMut<Assets<StandardMaterial>>>,
) {
    let Some(mut materials) = materials else {
        return;
    };
    for (root, role) in &figures {
        if *role == Role::Correct {
            continue;
        }
        for e in children.iter_descendants(root) {
            let Ok(mut handle) = meshes.get_mut(e) else {
                continue;
            };
            let Some(mut m) = materials.get(&handle.0).cloned() else {
                continue;
            };
            m.base_color = theme::faulty_shell(m.base_color, settings.ghost);
            if settings.ghost {
                m.alpha_mode = AlphaMode::Blend;
            }
            handle.0 = materials.add(m);
        }
    }
}

/// Step the camera back far enough that every figure fits across the 3D view
/// (which is narrower than it is tall between the two panels).
fn fit_camera_to_figures(
    settings: Res<CompareSettings>,
    rect: Res<ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut fitted: Local<Option<(usize, bool, u32)>>,
) {
    let n = settings.faults.len() + 1;
    let aspect = rect.aspect(0.3, 4.0);
    let key = (n, settings.ghost, (aspect * 100.0) as u32);
    if *fitted == Some(key) {
        return;
    }
    *fitted = Some(key);
    let width = settings.row().width_m(n);
    orbit.distance_m = fit_distance(width, 2.1, aspect).max(HOME_DISTANCE_M);
}

/// The drill playing the comparison, if any.
#[derive(bevy::ecs::system::SystemParam)]
struct Movement<'w> {
    library: Res<'w, Library>,
    playback: ResMut<'w, Playback>,
}

/// Faults and movement on the left with the pose controls; each fault's
/// card on the right; the playback bar under a playing drill.
fn panels(
    mut view: ViewUi,
    mut tools: PoseTools,
    mut compare: ResMut<CompareSettings>,
    mut movement: Movement,
    catalogue: Res<Catalogue>,
) -> Result {
    let (_, mut root) = view.root("compare")?;
    let Movement { library, playback } = &mut movement;
    if let Some(d) = playback.drill.clone().and_then(|id| library.get(&id)) {
        playback_bar(&mut root, d, playback, None);
    }
    let mut settings = compare.clone();
    side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            view_tabs(ui, ViewState::Compare, &mut view);
            ui.separator();
            ui.heading("Correct and faulty");
            ui.label(
                "The same movement done right and done wrong. The sliders \
                 (or the drill) move every figure.",
            );
            if ui
                .button("Hinge vs squat vs toe touch")
                .on_hover_text(
                    "the same depth three ways, with the load view: where does the work go?",
                )
                .clicked()
            {
                // The squat and the toe touch are the hinge's two look-alikes (seed 003).
                settings.faults = vec![Fault::SquattingTheHinge, Fault::RoundedBack];
                settings.ghost = false;
                tools.overlays.loads = true;
            }
            fault_picker(ui, &mut settings, &catalogue.0);
            drill_picker(ui, library, playback);
            ui.separator();
            tools.show(ui, &mut view.units);
        });
    });
    side_panel(&mut root, "verdict", Side::Right, 380.0, "Coach", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            for fault in &settings.faults {
                fault_card(ui, catalogue.0.get(*fault));
                ui.separator();
            }
        });
    });
    view.rect.set_from(&root);
    if settings != *compare {
        *compare = settings;
    }
    Ok(())
}

/// Choose the fault to compare with, or an overview of several; ghost mode.
fn fault_picker(ui: &mut egui::Ui, settings: &mut CompareSettings, catalogue: &FaultCatalogue) {
    let was = settings
        .faults
        .first()
        .copied()
        .unwrap_or(Fault::RoundedBack);
    let mut first = was;
    ui.label(egui::RichText::new("Fault").strong());
    egui::ComboBox::from_id_salt("fault")
        .selected_text(catalogue.get(first).name.clone())
        .show_ui(ui, |ui| {
            for f in Fault::ALL {
                ui.selectable_value(&mut first, f, catalogue.get(f).name.clone());
            }
        });
    let was_overview = settings.faults.len() > 1;
    let mut overview = was_overview;
    ui.checkbox(&mut overview, "overview: three faults at once");
    // Only a choice made here changes the faults (a preset may have set others).
    if first == was && overview == was_overview {
        ui.checkbox(&mut settings.ghost, "ghost: overlay the faulty figure");
        return;
    }
    let mut faults = vec![first];
    if overview {
        // The two faults a novice most often mixes up with the one chosen.
        for f in [
            Fault::RoundedBack,
            Fault::SquattingTheHinge,
            Fault::LockedKnees,
            Fault::ChinUp,
        ] {
            if faults.len() < 3 && !faults.contains(&f) {
                faults.push(f);
            }
        }
    }
    settings.faults = faults;
    ui.checkbox(&mut settings.ghost, "ghost: overlay the faulty figure");
}

/// Animate the comparison with a drill, or pose it with the sliders.
fn drill_picker(ui: &mut egui::Ui, library: &Library, playback: &mut Playback) {
    ui.label(egui::RichText::new("Movement").strong());
    let current = playback
        .drill
        .as_deref()
        .and_then(|id| library.get(id))
        .map_or("the sliders (no drill)".to_string(), |d| d.name.clone());
    let mut chosen = playback.drill.clone();
    egui::ComboBox::from_id_salt("compare drill")
        .selected_text(current)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "the sliders (no drill)");
            for d in &library.drills {
                ui.selectable_value(&mut chosen, Some(d.id.clone()), d.name.clone());
            }
        });
    if chosen != playback.drill {
        match chosen {
            Some(id) => playback.start(&id),
            None => playback.drill = None,
        }
    }
}
