//! `hinge fps`: how fast the explore view renders here, next to an empty
//! Bevy + egui scene measured the same way, and how long start-up takes.
//! A measuring tool for developers, not a test (the machines are shared).

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use super::shot::SceneReady;

#[derive(Resource, Debug)]
struct Probe {
    started: Instant,
    seconds: f32,
    first_frame: Option<Duration>,
    ready_at: Option<Instant>,
    ready_after: Option<Duration>,
    frames: u32,
    label: &'static str,
}

/// Measure the explore view (or, with `empty`, a bare scene) for `seconds`
/// after it is fully drawn; print the figures on standard output.
pub fn run(started: Instant, empty: bool, seconds: f32, size: (u32, u32)) -> AppExit {
    let launch = crate::launch::Launch {
        no_vsync: true,
        window_size: Some(size),
        ..Default::default()
    };
    let mut app = if empty {
        let mut app = App::new();
        app.add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(crate::app::window(&launch)),
            ..default()
        }));
        app.add_plugins((EguiPlugin::default(), super::shot::plugin));
        app.insert_resource(bevy::winit::WinitSettings::continuous());
        app.add_systems(Startup, empty_scene);
        app.add_systems(EguiPrimaryContextPass, empty_ui);
        app
    } else {
        let mut app = crate::app::build(&launch);
        super::shot::attach(&mut app, &launch);
        app
    };
    app.insert_resource(Probe {
        started,
        seconds,
        first_frame: None,
        ready_at: None,
        ready_after: None,
        frames: 0,
        label: if empty {
            "empty Bevy + egui scene"
        } else {
            "explore view"
        },
    });
    app.add_systems(Last, measure);
    app.run()
}

fn empty_scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    commands.spawn((
        Camera3d::default(),
        crate::stage::TONEMAPPING,
        Transform::from_xyz(0.0, 1.5, 4.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
    commands.spawn((
        DirectionalLight::default(),
        Transform::from_xyz(3.0, 5.0, 2.0).looking_at(Vec3::ZERO, Vec3::Y),
    ));
    commands.spawn((
        Mesh3d(meshes.add(Cuboid::default())),
        MeshMaterial3d(materials.add(Color::srgb(0.7, 0.6, 0.5))),
    ));
}

fn empty_ui(mut contexts: EguiContexts, mut value: Local<f32>) -> Result {
    egui::Window::new("panel").show(contexts.ctx_mut()?, |ui| {
        ui.label("An empty scene for comparison");
        ui.add(egui::Slider::new(&mut *value, 0.0..=100.0));
    });
    Ok(())
}

fn measure(mut probe: ResMut<Probe>, scene: Res<SceneReady>, mut exit: MessageWriter<AppExit>) {
    let now = Instant::now();
    if probe.first_frame.is_none() {
        probe.first_frame = Some(now - probe.started);
    }
    match probe.ready_at {
        None if scene.streak >= 3 => {
            probe.ready_at = Some(now);
            probe.ready_after = Some(now - probe.started);
        }
        None => {}
        Some(t) => {
            probe.frames += 1;
            let elapsed = (now - t).as_secs_f32();
            if elapsed >= probe.seconds {
                println!(
                    "{}: {:.1} frames per second over {:.1} s; first frame after {:.2} s, fully drawn after {:.2} s",
                    probe.label,
                    probe.frames as f32 / elapsed,
                    elapsed,
                    probe.first_frame.unwrap_or_default().as_secs_f32(),
                    probe.ready_after.unwrap_or_default().as_secs_f32(),
                );
                exit.write(AppExit::Success);
            }
        }
    }
}
