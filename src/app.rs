//! The Bevy app: window, plugins, and the figures of the chosen view.

use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;
use bevy::window::{PresentMode, WindowMode, WindowResolution};
use bevy_egui::EguiPlugin;

use crate::launch::Launch;
use crate::options::{CameraPreset, View};
use crate::pose::PoseControls;
use crate::stage::camera::Orbit;
use crate::ui::Projection;
use crate::views::compare::CompareSettings;
use crate::views::quiz::session::QuizSession;

/// Where the assets folder is: next to the executable's project when run
/// with cargo, or `HINGE_ASSETS` if set.
fn asset_root() -> String {
    if let Ok(dir) = std::env::var("HINGE_ASSETS") {
        return dir;
    }
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/assets");
    if std::path::Path::new(manifest).is_dir() {
        manifest.to_string()
    } else {
        "assets".to_string()
    }
}

/// Build the whole app for a launch.
pub fn build(launch: &Launch) -> App {
    let mut launch = launch.clone();
    let remembered = remembered(&mut launch);
    let launch = &launch;
    let mut app = App::new();
    if let Some((store, settings)) = remembered {
        app.insert_resource(crate::ui::TextScale::clamped(settings.text_scale));
        app.insert_resource(settings.units);
        app.insert_resource(settings.panels.clone());
        app.insert_resource(settings);
        app.insert_resource(store);
        app.add_systems(Last, remember_settings);
    }
    // Content errors name files under the folder the assets really come from.
    let root = asset_root();
    app.insert_resource(crate::drill::assets::AssetRoot(root.clone()));
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(window(launch)),
                ..default()
            })
            .set(AssetPlugin {
                file_path: root.clone(),
                meta_check: AssetMetaCheck::Never,
                ..default()
            }),
    );
    app.add_plugins(EguiPlugin::default());
    if is_virtual_display(launch) {
        // A window on a virtual display never gets focus; keep drawing anyway.
        app.insert_resource(bevy::winit::WinitSettings::continuous());
    }
    app.add_plugins(plugin);
    app.insert_resource(Orbit::preset(launch.camera));
    // A browser cannot open a user's model file (`launch` refuses `model=`).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(path) = &launch.model {
        crate::stage::model_file::wear(&mut app, path);
    }
    let mut controls = PoseControls::default();
    if let Some(k) = launch.knee_deg {
        controls.request.pose.knee_deg = k;
    }
    if let Some(hd) = launch.hip_deg {
        controls.request.pose.hip_deg = hd;
    }
    app.insert_resource(controls);
    if let Some(path) = &launch.photo {
        let mut check = crate::views::photo::PhotoCheck::default();
        check.open(path.clone());
        if let Some(marks) = launch.photo_marks {
            check.marks = marks;
        }
        app.insert_resource(check);
    }
    app.insert_resource(crate::overlay::Overlays {
        loads: launch.loads,
        ..Default::default()
    });
    app.insert_state(crate::options::initial_view(
        launch.view,
        launch.fault,
        launch.photo.is_some(),
    ));
    if launch.view == View::Handout && launch.shot.is_some() {
        // `hinge handout`: the sheet alone, without its buttons.
        app.insert_resource(crate::views::handout::HandoutChrome(false));
    }
    let quiz_view = launch.view == View::Quiz;
    app.insert_resource(QuizSession {
        autostart: launch.quiz.clone().or_else(|| {
            (quiz_view && launch.group)
                .then(|| {
                    crate::quiz::QuizBank::builtin()
                        .quizzes
                        .first()
                        .map(|q| q.id.clone())
                })
                .flatten()
        }),
        first_question: launch.question.clone(),
        seed: launch.seed,
        countdown_s: launch.countdown_s,
        group: launch.group,
        still: launch.shot.is_some(),
        ..Default::default()
    });
    if let Some(plan) = launch
        .plan
        .as_deref()
        .and_then(|id| crate::plan::Plans::builtin().get(id))
    {
        // A class plan runs in presenter mode, from its first step.
        let mut run = crate::plan::PlanRun::new(plan.clone());
        run.step = launch.plan_step.min(plan.steps.len() - 1);
        app.insert_resource(run);
    }
    if launch.view == View::Present || launch.plan.is_some() || (quiz_view && launch.group) {
        app.insert_resource(Projection {
            on: true,
            theme: launch.theme,
        });
    }
    let mut playback = crate::drill::Playback::default();
    playback.set_speed(launch.speed);
    if let Some(id) = &launch.drill {
        playback.start(id);
        if let Some(shot) = &launch.shot {
            // A shot shows the drill at a fixed moment: `--time`, or the middle
            // of the hold at the sticking point.
            playback.playing = false;
            playback.time_s = shot.time_s;
            if shot.time_s <= 0.0
                && let Some(d) = crate::drill::Library::builtin().get(id)
            {
                playback.time_s = d.sticking_point_s();
            }
        }
    }
    app.insert_resource(playback);
    if let Some(step) = launch.lesson_step {
        let mut lesson = crate::drill::lesson::LessonState::default();
        lesson.go_to(step);
        app.insert_resource(lesson);
    }
    if let Some(fault) = launch.fault {
        let mut settings = CompareSettings {
            faults: vec![fault],
            ghost: launch.ghost,
            ..Default::default()
        };
        // Knees caving is a frontal-plane fault: seen from the front unless asked otherwise.
        settings.across_x = matches!(launch.camera, CameraPreset::Front)
            || (fault == crate::coach::Fault::KneesCaving && !launch.camera_given);
        app.insert_resource(settings);
        if fault == crate::coach::Fault::KneesCaving && !launch.camera_given {
            app.insert_resource(Orbit::preset(CameraPreset::Front));
        }
    } else {
        app.insert_resource(CompareSettings {
            across_x: matches!(launch.camera, CameraPreset::Front),
            ghost: launch.ghost,
            ..Default::default()
        });
    }
    app
}

/// The app's own plugins, without the windowing and rendering ones: the
/// engine, every view, the content loader and the page.
pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_state::<crate::options::ViewState>();
    app.add_plugins((
        crate::input::plugin,
        crate::stage::plugin,
        crate::pose::plugin,
        crate::overlay::plugin,
        crate::ui::plugin,
        crate::views::plugin,
        crate::class::plugin,
        crate::drill::assets::plugin,
        crate::web::plugin,
    ));
}

/// The tutor's logic without a window, a renderer or assets, for tests
/// and tools: input and actions, the pose pipeline, the figures solved and
/// judged, every view's state and systems (their panels never run without
/// egui). Add `MinimalPlugins`, `TransformPlugin` and `StatesPlugin` first.
pub fn headless(app: &mut App) {
    crate::order_frame(app);
    app.init_state::<crate::options::ViewState>();
    app.init_resource::<crate::stage::props::ActiveProps>()
        .init_resource::<crate::overlay::Overlays>()
        .init_resource::<crate::ui::ViewRect>()
        .init_resource::<Projection>()
        .init_resource::<crate::drill::Playback>()
        .init_resource::<crate::drill::Library>();
    if !app.world().contains_resource::<Orbit>() {
        app.insert_resource(Orbit::preset(CameraPreset::Side));
    }
    app.add_plugins((
        crate::input::plugin,
        crate::pose::plugin,
        crate::stage::figure::plugin,
        crate::stage::camera::actions_plugin,
        crate::overlay::actions_plugin,
        crate::views::plugin,
        crate::class::plugin,
    ));
}

/// The main window for a launch: its size, vsync and decorations.
pub fn window(launch: &Launch) -> Window {
    let virtual_display = is_virtual_display(launch);
    let (w, h) = launch
        .shot
        .as_ref()
        .map_or(launch.window_size.unwrap_or((1280, 720)), |s| s.size);
    Window {
        title: "Hinge: the hip hinge tutor".into(),
        // The app id docks and task bars group the window by (X11 class,
        // Wayland app id), matching `StartupWMClass` in assets/linux/hinge.desktop.
        name: Some("hinge".into()),
        // Shots and measurements are pixel-exact; a real screen keeps its own
        // scale factor so the text stays readable on high-density displays.
        // HINGE_SCALE_FACTOR plays a projector or a high-density screen
        // (tests/hostile.rs renders at 2x).
        resolution: if virtual_display {
            WindowResolution::new(w, h).with_scale_factor_override(scale_factor_override())
        } else {
            WindowResolution::new(w, h)
        },
        // Under Xvfb with the software renderer, waiting for a vertical blank
        // that never comes stalls the first frame: shots, measurements and
        // HINGE_NO_VSYNC=1 draw without vsync.
        present_mode: if virtual_display {
            PresentMode::AutoNoVsync
        } else {
            PresentMode::AutoVsync
        },
        mode: if launch.fullscreen {
            WindowMode::BorderlessFullscreen(MonitorSelection::Current)
        } else {
            WindowMode::Windowed
        },
        resizable: launch.shot.is_none(),
        decorations: launch.shot.is_none(),
        fit_canvas_to_parent: true,
        canvas: Some("#hinge".into()),
        ..default()
    }
}

/// The scale factor of a virtual display: HINGE_SCALE_FACTOR (0.5 to 4), else 1.
fn scale_factor_override() -> f32 {
    std::env::var("HINGE_SCALE_FACTOR")
        .ok()
        .and_then(|s| s.trim().parse::<f32>().ok())
        .filter(|f| (0.5..=4.0).contains(f))
        .unwrap_or(1.0)
}

/// Shots, measurements and HINGE_NO_VSYNC=1 run on displays without vsync
/// or focus (Xvfb).
fn is_virtual_display(launch: &Launch) -> bool {
    launch.shot.is_some() || launch.no_vsync || std::env::var_os("HINGE_NO_VSYNC").is_some()
}

/// Outside shots: read the saved window size and last view into the launch
/// where the command line (or the URL) left them open.
fn remembered(launch: &mut Launch) -> Option<(crate::store::Store, crate::settings::Settings)> {
    if launch.shot.is_some() || std::env::var_os("HINGE_NO_SETTINGS").is_some() {
        return None;
    }
    let store = crate::store::Store::platform()?;
    let (settings, message) = store.load::<crate::settings::Settings>(crate::settings::NAME);
    if let Some(m) = message {
        // Said where a person will see it: the terminal, or the browser's console.
        crate::notify::notice(&m);
    }
    if launch.window_size.is_none() && !cfg!(target_arch = "wasm32") {
        let (w, h) = settings.window;
        launch.window_size = Some((w.clamp(320, 7680), h.clamp(240, 4320)));
    }
    if !launch.view_given {
        launch.view = settings.view;
        if launch.drill.is_none() {
            launch.drill = settings
                .drill
                .clone()
                .filter(|id| crate::drill::Library::builtin().get(id).is_some());
        }
    }
    Some((store, settings))
}

/// Save the window size, view, drill, text size and units when they change (at
/// most once a second; comparing costs nothing and nothing is copied until
/// one differs).
fn remember_settings(
    (store, mut settings): (Res<crate::store::Store>, ResMut<crate::settings::Settings>),
    window: Query<&Window, With<bevy::window::PrimaryWindow>>,
    state: Res<State<crate::options::ViewState>>,
    playback: Res<crate::drill::Playback>,
    (text, units, panels): (
        Res<crate::ui::TextScale>,
        Res<crate::options::Units>,
        Res<crate::settings::PanelLayout>,
    ),
    time: Res<Time<Real>>,
    mut last_save: Local<(f32, bool)>,
) {
    let size = window.single().map_or(settings.window, |w| {
        (w.width().round() as u32, w.height().round() as u32)
    });
    let view = crate::options::View::from(*state.get());
    let same = settings.window == size
        && settings.view == view
        && settings.drill.as_deref() == playback.drill.as_deref()
        && settings.text_scale == text.0
        && settings.units == *units
        && settings.panels == *panels;
    let t = time.elapsed_secs();
    // (when it last saved, whether saving is failing)
    let (last, failing) = &mut *last_save;
    if same || t - *last < 1.0 {
        return;
    }
    *last = t;
    settings.window = size;
    settings.view = view;
    settings.drill.clone_from(&playback.drill);
    settings.text_scale = text.0;
    settings.units = *units;
    settings.panels.clone_from(&panels);
    // Said once (a read-only or full config folder, storage blocked in the
    // browser), not every second; said again if it fails after working.
    match store.save(crate::settings::NAME, &*settings) {
        Ok(()) => *failing = false,
        Err(e) if !*failing => {
            *failing = true;
            crate::notify::notice(&format!(
                "cannot save settings to {}: {e}; the tutor works on, but will not remember them",
                store.describe(crate::settings::NAME)
            ));
        }
        Err(_) => {}
    }
}
