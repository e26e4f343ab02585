//! `hinge fps`: how fast the explore, compare and drills views render here,
//! next to an empty Bevy + egui scene measured the same way in the same run,
//! and how long start-up takes. A measuring tool for developers, not a test
//! (the machines are shared). Each measurement is its own process (a Bevy
//! app with a window runs once per process); `run_all` runs them in turn.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use clap::ValueEnum;

use super::shot::SceneReady;
use crate::options::View;

#[derive(Resource, Debug)]
struct Probe {
    started: Instant,
    seconds: f32,
    first_frame: Option<Duration>,
    ready_at: Option<Instant>,
    ready_after: Option<Duration>,
    /// The process's CPU time (every thread: the app, the render thread and
    /// a software renderer's) when measuring began.
    cpu_at_ready: Option<f64>,
    frames: u32,
    label: String,
    /// Print each render pass's device time and shader runs at the end.
    passes: bool,
}

/// The views `hinge fps` measures against the empty scene.
const MEASURED: [View; 3] = [View::Explore, View::Compare, View::Drills];

/// Measure a view (or, with `None`, a bare scene) for `seconds` after it is
/// fully drawn; print the figures on standard output, on one line that
/// starts "<label>: N frames per second".
pub fn run(
    started: Instant,
    view: Option<View>,
    seconds: f32,
    size: (u32, u32),
    passes: bool,
) -> AppExit {
    let empty = view.is_none();
    let launch = crate::launch::Launch {
        no_vsync: true,
        window_size: Some(size),
        view: view.unwrap_or_default(),
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
    if passes {
        app.add_plugins(bevy::render::diagnostic::RenderDiagnosticsPlugin);
    }
    app.insert_resource(Probe {
        started,
        seconds,
        first_frame: None,
        ready_at: None,
        ready_after: None,
        cpu_at_ready: None,
        frames: 0,
        label: match view {
            None => "empty Bevy + egui scene".into(),
            Some(v) => format!("{} view", view_id(v)),
        },
        passes,
    });
    app.add_systems(Last, measure);
    app.run()
}

fn view_id(v: View) -> String {
    v.to_possible_value()
        .map_or_else(|| format!("{v:?}"), |p| p.get_name().to_string())
}

/// Measure each view and the empty scene, one process after another, and
/// print each one's line and then each view's rate as a share of the empty
/// scene's. The first line is the explore view's, as `hinge fps` always
/// printed.
pub fn run_all(seconds: f32, size: (u32, u32), passes: bool) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the tutor itself: {e}"))?;
    let mut rates = Vec::new();
    let mut costs = Vec::new();
    let views = MEASURED.map(Some).into_iter().chain([None]);
    for view in views {
        let mut cmd = std::process::Command::new(&exe);
        cmd.args(["fps", "--seconds", &seconds.to_string()])
            .args(["--size", &format!("{}x{}", size.0, size.1)]);
        match view {
            Some(v) => cmd.args(["--view", &view_id(v)]),
            None => cmd.arg("--empty"),
        };
        if passes {
            cmd.arg("--passes");
        }
        let out = cmd
            .output()
            .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let Some((line, rate)) = text.lines().find_map(|l| Some((l, rate_of(l)?))) else {
            return Err(format!(
                "the {} measurement printed no rate: {}",
                view.map_or("empty scene".into(), view_id),
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ));
        };
        println!("{line}");
        for pass in text.lines().filter(|l| l.starts_with("  ")) {
            println!("{pass}");
        }
        rates.push((view, rate));
        costs.push((view, cpu_ms_of(line)));
    }
    println!("{}", shares(&rates));
    // The same shares from the CPU time each frame took: what the rates
    // would be if each had the machine to itself (a busy neighbour slows a
    // run's rate, not the work a frame takes).
    let costs: Option<Vec<(Option<View>, f32)>> = costs
        .into_iter()
        .map(|(v, ms)| Some((v, 1000.0 / ms?)))
        .collect();
    if let Some(costs) = costs {
        println!("by CPU time a frame: {}", each_share(&costs));
    }
    Ok(())
}

/// The CPU time a frame took in a measurement's line ("...; CPU N ms a frame").
fn cpu_ms_of(line: &str) -> Option<f32> {
    let (_, rest) = line.rsplit_once("; CPU ")?;
    let (n, _) = rest.split_once(" ms a frame")?;
    n.parse().ok().filter(|ms: &f32| *ms > 0.0)
}

/// The rate in a measurement's line ("<label>: N frames per second ...").
fn rate_of(line: &str) -> Option<f32> {
    let (_, rest) = line.split_once(": ")?;
    let (n, _) = rest.split_once(" frames per second")?;
    n.parse().ok()
}

/// "against the empty scene (N fps), in this run: explore 0.31x, ...".
fn shares(rates: &[(Option<View>, f32)]) -> String {
    format!(
        "against the empty scene ({:.1} frames per second), in this run: {}",
        empty_rate(rates),
        each_share(rates)
    )
}

/// "explore 0.31x, compare 0.29x, ...": each view's rate over the empty scene's.
fn each_share(rates: &[(Option<View>, f32)]) -> String {
    let empty = empty_rate(rates);
    let each: Vec<String> = rates
        .iter()
        .filter_map(|(v, r)| Some(format!("{} {:.2}x", view_id((*v)?), r / empty)))
        .collect();
    each.join(", ")
}

fn empty_rate(rates: &[(Option<View>, f32)]) -> f32 {
    rates
        .iter()
        .find(|(v, _)| v.is_none())
        .map_or(f32::NAN, |r| r.1)
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

fn measure(
    mut probe: ResMut<Probe>,
    scene: Res<SceneReady>,
    store: Option<Res<bevy::diagnostic::DiagnosticsStore>>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = Instant::now();
    if probe.first_frame.is_none() {
        probe.first_frame = Some(now - probe.started);
    }
    match probe.ready_at {
        None if scene.streak >= 3 => {
            probe.ready_at = Some(now);
            probe.ready_after = Some(now - probe.started);
            probe.cpu_at_ready = cpu_seconds();
        }
        None => {}
        Some(t) => {
            probe.frames += 1;
            let elapsed = (now - t).as_secs_f32();
            if elapsed >= probe.seconds {
                // What a frame costs in CPU time, whatever else the machine
                // is doing (the rate falls when a neighbour takes a core;
                // the work per frame does not).
                let cpu = match (probe.cpu_at_ready, cpu_seconds()) {
                    (Some(a), Some(b)) => format!(
                        "; CPU {:.0} ms a frame",
                        (b - a) * 1000.0 / f64::from(probe.frames.max(1))
                    ),
                    _ => String::new(),
                };
                println!(
                    "{}: {:.1} frames per second over {:.1} s; first frame after {:.2} s, fully drawn after {:.2} s{cpu}",
                    probe.label,
                    probe.frames as f32 / elapsed,
                    elapsed,
                    probe.first_frame.unwrap_or_default().as_secs_f32(),
                    probe.ready_after.unwrap_or_default().as_secs_f32(),
                );
                if probe.passes {
                    let passes = store.as_deref().map(pass_costs).unwrap_or_default();
                    if passes.is_empty() {
                        println!("  (no render pass was timed)");
                    }
                    for line in passes {
                        println!("  {line}");
                    }
                }
                exit.write(AppExit::Success);
            }
        }
    }
}

/// The CPU time this process has used, all threads, in seconds (Linux:
/// `/proc/self/stat`'s utime and stime, in the kernel's 100 Hz ticks).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    cpu_seconds_of(&stat)
}

fn cpu_seconds_of(stat: &str) -> Option<f64> {
    // The command name (field 2) may hold spaces: count from after it.
    let (_, rest) = stat.rsplit_once(')')?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15; `rest` starts at field 3.
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// One line per render pass, costliest first: its mean time on the device
/// (or, where the device keeps no timestamps, on the CPU recording it) over
/// the last frames the store holds (Bevy keeps 20), and how often its vertex
/// and fragment shaders ran in a frame. Bevy times the passes it wraps in a
/// span: the main passes, not the shadow maps or egui.
fn pass_costs(store: &bevy::diagnostic::DiagnosticsStore) -> Vec<String> {
    let mut passes: Vec<(String, f64, String)> = Vec::new();
    let mean = |path: &str| {
        store
            .get(&bevy::diagnostic::DiagnosticPath::new(path.to_string()))
            .and_then(|d| d.average())
    };
    for d in store.iter() {
        let path = d.path().as_str();
        let (pass, clock) = if let Some(p) = path.strip_suffix("/elapsed_gpu") {
            (p, "device")
        } else if let Some(p) = path.strip_suffix("/elapsed_cpu") {
            if store
                .get(&bevy::diagnostic::DiagnosticPath::new(format!(
                    "{p}/elapsed_gpu"
                )))
                .is_some()
            {
                continue;
            }
            (p, "cpu")
        } else {
            continue;
        };
        let Some(ms) = d.average() else { continue };
        let count = |what: &str| {
            mean(&format!("{pass}/{what}_shader_invocations"))
                .map_or(String::new(), |n| format!(", {what} {:.0}k", n / 1000.0))
        };
        let runs = format!("{}{}", count("vertex"), count("fragment"));
        passes.push((
            pass.trim_start_matches("render/").to_string(),
            ms,
            format!("{clock}{runs}"),
        ));
    }
    passes.sort_by(|a, b| b.1.total_cmp(&a.1));
    passes
        .into_iter()
        .map(|(pass, ms, what)| format!("{pass}: {ms:.2} ms ({what})"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rates_are_read_from_the_lines_and_shared_against_the_empty_scene() {
        let line = "explore view: 21.5 frames per second over 10.0 s; first frame after 1.20 s, fully drawn after 3.40 s";
        assert_eq!(rate_of(line), Some(21.5));
        assert_eq!(cpu_ms_of(line), None);
        assert_eq!(cpu_ms_of(&format!("{line}; CPU 95 ms a frame")), Some(95.0));
        assert_eq!(rate_of("Compiling hinge"), None);
        let s = shares(&[
            (Some(View::Explore), 21.5),
            (Some(View::Compare), 10.0),
            (Some(View::Drills), 20.0),
            (None, 40.0),
        ]);
        assert!(
            s.ends_with("explore 0.54x, compare 0.25x, drills 0.50x"),
            "{s}"
        );
        assert!(s.contains("(40.0 frames per second)"), "{s}");
    }

    #[test]
    fn the_cpu_time_is_read_from_proc_stat() {
        let stat = "4242 (hinge (main)) R 1 2 3 4 5 6 7 8 9 10 250 130 0 0 20 0 9 0 100";
        assert_eq!(cpu_seconds_of(stat), Some(3.8));
        assert_eq!(cpu_seconds_of("garbage"), None);
        if cfg!(target_os = "linux") {
            assert!(cpu_seconds().is_some());
        }
    }

    fn store_of(values: &[(&'static str, f64)]) -> bevy::diagnostic::DiagnosticsStore {
        use bevy::diagnostic::{Diagnostic, DiagnosticMeasurement, DiagnosticPath};
        let mut store = bevy::diagnostic::DiagnosticsStore::default();
        for (path, value) in values {
            let path = DiagnosticPath::new(*path);
            if store.get(&path).is_none() {
                store.add(Diagnostic::new(path.clone()));
            }
            store
                .get_mut(&path)
                .unwrap()
                .add_measurement(DiagnosticMeasurement {
                    time: Instant::now(),
                    value: *value,
                });
        }
        store
    }

    #[test]
    fn the_costliest_pass_comes_first_with_its_shader_runs() {
        let store = store_of(&[
            ("render/upscaling/elapsed_gpu", 3.0),
            ("render/upscaling/elapsed_cpu", 0.1),
            ("render/main_opaque_pass_3d/elapsed_gpu", 30.0),
            ("render/main_opaque_pass_3d/elapsed_gpu", 40.0),
            ("render/main_opaque_pass_3d/elapsed_cpu", 0.2),
            (
                "render/main_opaque_pass_3d/vertex_shader_invocations",
                2000.0,
            ),
            (
                "render/main_opaque_pass_3d/fragment_shader_invocations",
                340_000.0,
            ),
            ("render/egui/elapsed_cpu", 0.5),
            ("fps", 12.0),
        ]);
        assert_eq!(
            pass_costs(&store),
            [
                "main_opaque_pass_3d: 35.00 ms (device, vertex 2k, fragment 340k)",
                "upscaling: 3.00 ms (device)",
                "egui: 0.50 ms (cpu)",
            ]
        );
    }
}
