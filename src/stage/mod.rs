//! The stage: the floor, the lights, the camera rig with its presets, and the figures.

pub mod camera;
pub mod figure;
pub mod floor;
pub mod mannequin;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod model_file;
pub mod props;

use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::prelude::*;

/// The tone mapper of every camera. Bevy's default (TonyMcMapface) needs
/// look-up tables that add 0.7 MB to the web download; ACES (fitted) needs
/// none, and keeps the shell, the fault tint and the overlays apart.
pub const TONEMAPPING: Tonemapping = Tonemapping::AcesFitted;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        camera::plugin,
        figure::plugin,
        mannequin::plugin,
        floor::plugin,
        props::plugin,
    ));
    #[cfg(not(target_arch = "wasm32"))]
    app.add_plugins(model_file::plugin);
    app.insert_resource(ClearColor(crate::theme::backdrop(None)));
    app.add_systems(Startup, spawn_lights);
    if let Some(render_app) = app.get_sub_app_mut(bevy::render::RenderApp) {
        render_app.add_systems(
            bevy::render::Render,
            retry_pipelines_early.in_set(bevy::render::RenderSystems::PrepareAssets),
        );
    }
}

/// Gives a pipeline that waited for a shader its retry before the frame's
/// own pass over the pipeline queue, so it is made in the frame its shader
/// arrives. Bevy's queue only turns such a pipeline back to "queued" when it
/// retries and makes it one pass (one frame) later. In a web start the
/// figure's pipelines wait for a shader on frame 0, so the figure was first
/// drawn on frame 2 though everything it needs was there on frame 1
/// (logged in the render world, headless Chromium). Bevy allows the queue
/// to be processed at other times: this pass also starts pipelines queued
/// since the last one and checks those being made, and one whose shader is
/// still missing just fails again.
fn retry_pipelines_early(mut pipelines: ResMut<bevy::render::render_resource::PipelineCache>) {
    pipelines.process_queue();
}

fn spawn_lights(mut commands: Commands) {
    // A soft key light from the front-left above, casting shadows, and a fill.
    commands.spawn((
        Name::new("key light"),
        DirectionalLight {
            illuminance: 4_000.0,
            shadow_maps_enabled: true,
            ..default()
        },
        Transform::from_xyz(-3.0, 6.0, 4.0).looking_at(Vec3::new(0.0, 0.8, 0.0), Vec3::Y),
        stage_shadows(),
    ));
    // WebGL2 takes one directional light (Bevy ignores the rest, and which
    // one it keeps is not ours to choose): there the fill is a brighter
    // ambient instead.
    let webgl2 = cfg!(target_arch = "wasm32");
    if !webgl2 {
        commands.spawn((
            Name::new("fill light"),
            FillLight,
            DirectionalLight {
                illuminance: 1_200.0,
                shadow_maps_enabled: false,
                ..default()
            },
            Transform::from_xyz(4.0, 3.0, -3.0).looking_at(Vec3::new(0.0, 0.8, 0.0), Vec3::Y),
        ));
    }
    commands.insert_resource(GlobalAmbientLight {
        color: Color::WHITE,
        brightness: if webgl2 { ONE_LIGHT_AMBIENT } else { 250.0 },
        ..default()
    });
}

/// The ambient light that stands in for the fill light where there is only
/// the key light (WebGL2, a CPU renderer).
pub const ONE_LIGHT_AMBIENT: f32 = 650.0;

/// The second directional light, which a CPU renderer goes without.
#[derive(Component)]
pub struct FillLight;

/// The farthest a shadow falls from the camera: the far side of the 12 m
/// floor seen from the widest camera (a row of faulty twins).
const SHADOW_REACH_M: f32 = 20.0;

/// Shadows sized for the stage: one cascade over the floor, not Bevy's
/// four reaching 150 m for open worlds. Four maps drawn a frame for one
/// room's worth of figures; one map (WebGL2's only choice) spent on 20 m
/// instead of 150 m also draws the shadows sharper there.
fn stage_shadows() -> bevy::light::CascadeShadowConfig {
    bevy::light::CascadeShadowConfigBuilder {
        num_cascades: 1,
        maximum_distance: SHADOW_REACH_M,
        first_cascade_far_bound: SHADOW_REACH_M,
        ..default()
    }
    .build()
}
