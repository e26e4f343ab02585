//! The views as Bevy states: which figures stand on the stage in each.

use bevy::prelude::*;

use crate::cli::View;
use crate::coach::{Fault, faulty_pose};
use crate::stage::camera::Orbit;
use crate::stage::figure::{CoachThresholds, Figure, MainFigure, MannequinModel, spawn_figure};
use crate::ui::explore::PoseControls;

/// The view on screen (presenting is a layout over these, not a view).
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ViewState {
    #[default]
    Explore,
    Compare,
    /// The drill library: one figure performing the chosen drill.
    Drills,
    /// The quiz: figures set up by each question.
    Quiz,
}

impl From<View> for ViewState {
    fn from(v: View) -> Self {
        match v {
            View::Compare => ViewState::Compare,
            // Presenting starts on the drills; `--fault` makes it a comparison.
            View::Drills | View::Present => ViewState::Drills,
            View::Quiz => ViewState::Quiz,
            View::Explore => ViewState::Explore,
        }
    }
}

impl From<ViewState> for View {
    fn from(v: ViewState) -> Self {
        match v {
            ViewState::Explore => View::Explore,
            ViewState::Compare => View::Compare,
            ViewState::Drills => View::Drills,
            ViewState::Quiz => View::Quiz,
        }
    }
}

/// The view a launch opens: presenting opens the drills, or the comparison
/// when a fault is named.
pub fn initial_view(view: View, fault: Option<Fault>) -> ViewState {
    match (view, fault) {
        (View::Present, Some(_)) => ViewState::Compare,
        (v, _) => v.into(),
    }
}

/// A figure's role: the correct pattern, or the twin showing one fault.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Correct,
    Faulty(Fault),
}

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

/// Metres between neighbouring figures.
const SPACING_M: f32 = 1.45;

pub fn plugin(app: &mut App) {
    app.init_state::<ViewState>()
        .init_resource::<CompareSettings>();
    app.add_systems(OnEnter(ViewState::Explore), spawn_single);
    app.add_systems(OnEnter(ViewState::Drills), spawn_single);
    app.add_systems(OnEnter(ViewState::Compare), spawn_compare);
    app.add_systems(
        Update,
        (
            respawn_compare_on_change,
            tint_faulty_figures,
            fit_camera_to_figures,
        )
            .run_if(in_state(ViewState::Compare)),
    );
}

fn thresholds_of(controls: &PoseControls, t: &CoachThresholds) -> crate::coach::Thresholds {
    t.0.preset_or_default(&controls.preset)
}

/// One figure, driven by the sliders (explore) or by the drill (drills); it
/// leaves with the view it was spawned for.
fn spawn_single(
    state: Res<State<ViewState>>,
    mut commands: Commands,
    assets: Res<AssetServer>,
    controls: Res<PoseControls>,
    t: Res<CoachThresholds>,
    mut orbit: ResMut<Orbit>,
    model: Res<MannequinModel>,
) {
    orbit.distance_m = 3.4;
    let figure = Figure::new(controls.request, thresholds_of(&controls, &t));
    let e = spawn_figure(
        &mut commands,
        &assets,
        &model,
        "mannequin",
        figure,
        Vec3::ZERO,
    );
    commands
        .entity(e)
        .insert((MainFigure, Role::Correct, DespawnOnExit(*state.get())));
}

/// Where figure `i` of `n` stands.
pub fn slot(i: usize, n: usize, settings: &CompareSettings) -> Vec3 {
    if settings.ghost {
        return Vec3::ZERO;
    }
    let offset = (i as f32 - (n as f32 - 1.0) / 2.0) * SPACING_M;
    if settings.across_x {
        Vec3::X * offset
    } else {
        Vec3::Z * offset
    }
}

fn spawn_compare(
    mut commands: Commands,
    assets: Res<AssetServer>,
    controls: Res<PoseControls>,
    t: Res<CoachThresholds>,
    settings: Res<CompareSettings>,
    mut orbit: ResMut<Orbit>,
    model: Res<MannequinModel>,
) {
    let thresholds = thresholds_of(&controls, &t);
    let n = settings.faults.len() + 1;
    orbit.distance_m = 3.4;
    // In the side view the figures face right: the correct one stands first.
    let correct = Figure::new(controls.request, thresholds.clone());
    let e = spawn_figure(
        &mut commands,
        &assets,
        &model,
        "correct",
        correct,
        slot(0, n, &settings),
    );
    commands
        .entity(e)
        .insert((MainFigure, Role::Correct, DespawnOnExit(ViewState::Compare)));
    for (i, fault) in settings.faults.iter().enumerate() {
        let twin = Figure::new(faulty_pose(&controls.request, *fault), thresholds.clone());
        let e = spawn_figure(
            &mut commands,
            &assets,
            &model,
            fault.id(),
            twin,
            slot(i + 1, n, &settings),
        );
        commands
            .entity(e)
            .insert((Role::Faulty(*fault), DespawnOnExit(ViewState::Compare)));
    }
}

#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it uses
fn respawn_compare_on_change(
    mut commands: Commands,
    settings: Res<CompareSettings>,
    figures: Query<Entity, With<Role>>,
    assets: Res<AssetServer>,
    controls: Res<PoseControls>,
    t: Res<CoachThresholds>,
    orbit: ResMut<Orbit>,
    model: Res<MannequinModel>,
) {
    if !settings.is_changed() || settings.is_added() {
        return;
    }
    for e in &figures {
        commands.entity(e).despawn();
    }
    spawn_compare(commands, assets, controls, t, settings, orbit, model);
}

/// Faulty figures wear a warmer, darker shell (and turn translucent in ghost
/// mode), so they read apart even before their labels.
pub fn tint_faulty_figures(
    figures: Query<(Entity, &Role), Added<crate::stage::figure::Rig>>,
    settings: Res<CompareSettings>,
    children: Query<&Children>,
    mut meshes: Query<&mut MeshMaterial3d<StandardMaterial>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
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
            let c = m.base_color.to_srgba();
            let alpha = if settings.ghost { 0.45 } else { 1.0 };
            m.base_color = Color::srgba(c.red * 1.05, c.green * 0.72, c.blue * 0.55, alpha);
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
    rect: Res<crate::overlay::ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut fitted: Local<Option<(usize, bool, u32)>>,
) {
    let n = if settings.ghost {
        1
    } else {
        settings.faults.len() + 1
    };
    let aspect = (rect.0.width() / rect.0.height().max(1.0)).clamp(0.3, 4.0);
    let key = (n, settings.ghost, (aspect * 100.0) as u32);
    if *fitted == Some(key) {
        return;
    }
    *fitted = Some(key);
    let width = (n as f32 - 1.0) * SPACING_M + 2.2;
    orbit.distance_m = crate::stage::camera::fit_distance(width, 2.1, aspect).max(3.4);
}
