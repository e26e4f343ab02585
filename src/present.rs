//! Presenter mode for a coach: panels hidden, the mannequins large, a big
//! high-contrast caption, and every action on a key, a presentation clicker
//! (Page Up / Page Down / arrows / B or period / F5 / Escape) or a gamepad
//! (through Bevy's gamepad input: any number of pads, hot-plugged).

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::prelude::*;
use bevy::window::{PrimaryWindow, WindowMode};
use bevy_egui::{EguiContexts, egui};

use crate::cli::CameraPreset;
use crate::coach::Fault;
use crate::drill::{Library, Playback};
use crate::modes::{CompareSettings, ViewState};
use crate::overlay::{Overlays, ViewRect};
use crate::stage::camera::Orbit;

/// Everything a presenter can do without a mouse.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    NextDrill,
    PreviousDrill,
    PlayPause,
    Slower,
    Faster,
    StepBack,
    StepForward,
    ToggleCompare,
    NextFault,
    NextCamera,
    ToggleOverlays,
    /// Reveal the quiz answer (or, once shown, go on to the next question).
    RevealAnswer,
    TogglePresent,
    LeavePresent,
    ToggleHelp,
    ToggleFullscreen,
    ToggleTheme,
}

impl Action {
    pub const ALL: [Action; 17] = [
        Action::NextDrill,
        Action::PreviousDrill,
        Action::PlayPause,
        Action::Slower,
        Action::Faster,
        Action::StepBack,
        Action::StepForward,
        Action::ToggleCompare,
        Action::NextFault,
        Action::NextCamera,
        Action::ToggleOverlays,
        Action::RevealAnswer,
        Action::TogglePresent,
        Action::LeavePresent,
        Action::ToggleHelp,
        Action::ToggleFullscreen,
        Action::ToggleTheme,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Action::NextDrill => "next drill (quiz: next question)",
            Action::PreviousDrill => "previous drill (quiz: previous question)",
            Action::PlayPause => "play / pause",
            Action::Slower => "slower (down to 0.1x)",
            Action::Faster => "faster (up to 2x)",
            Action::StepBack => "step back one frame",
            Action::StepForward => "step forward one frame",
            Action::ToggleCompare => "correct vs faulty on / off",
            Action::NextFault => "next fault",
            Action::NextCamera => "next camera view",
            Action::ToggleOverlays => "angle lines on / off",
            Action::RevealAnswer => "reveal the quiz answer",
            Action::TogglePresent => "presenter mode on / off",
            Action::LeavePresent => "leave presenter mode",
            Action::ToggleHelp => "this help",
            Action::ToggleFullscreen => "full screen",
            Action::ToggleTheme => "light / dark projector theme",
        }
    }
}

/// Keys, with the clicker's keys first (clickers send Page Up / Page Down,
/// the arrows, B or period for "blank", and F5 / Escape for "start / stop").
pub const KEYS: &[(KeyCode, Action)] = &[
    (KeyCode::PageDown, Action::NextDrill),
    (KeyCode::ArrowRight, Action::NextDrill),
    (KeyCode::PageUp, Action::PreviousDrill),
    (KeyCode::ArrowLeft, Action::PreviousDrill),
    (KeyCode::KeyB, Action::PlayPause),
    (KeyCode::Period, Action::PlayPause),
    (KeyCode::Space, Action::PlayPause),
    (KeyCode::F5, Action::TogglePresent),
    (KeyCode::Escape, Action::LeavePresent),
    (KeyCode::ArrowDown, Action::Slower),
    (KeyCode::ArrowUp, Action::Faster),
    (KeyCode::BracketLeft, Action::StepBack),
    (KeyCode::BracketRight, Action::StepForward),
    (KeyCode::KeyC, Action::ToggleCompare),
    (KeyCode::KeyF, Action::NextFault),
    (KeyCode::KeyV, Action::NextCamera),
    (KeyCode::KeyO, Action::ToggleOverlays),
    (KeyCode::Enter, Action::RevealAnswer),
    (KeyCode::KeyP, Action::TogglePresent),
    (KeyCode::KeyH, Action::ToggleHelp),
    (KeyCode::F1, Action::ToggleHelp),
    (KeyCode::F11, Action::ToggleFullscreen),
    (KeyCode::KeyT, Action::ToggleTheme),
];

/// Gamepad buttons (standard layout names: South is A on Xbox, Cross on PlayStation).
pub const BUTTONS: &[(GamepadButton, Action)] = &[
    (GamepadButton::DPadRight, Action::NextDrill),
    (GamepadButton::RightTrigger, Action::NextDrill),
    (GamepadButton::DPadLeft, Action::PreviousDrill),
    (GamepadButton::LeftTrigger, Action::PreviousDrill),
    (GamepadButton::South, Action::PlayPause),
    (GamepadButton::DPadDown, Action::Slower),
    (GamepadButton::DPadUp, Action::Faster),
    (GamepadButton::LeftTrigger2, Action::StepBack),
    (GamepadButton::RightTrigger2, Action::StepForward),
    (GamepadButton::East, Action::ToggleCompare),
    (GamepadButton::West, Action::NextFault),
    (GamepadButton::North, Action::NextCamera),
    (GamepadButton::LeftThumb, Action::ToggleOverlays),
    (GamepadButton::RightThumb, Action::RevealAnswer),
    (GamepadButton::Start, Action::TogglePresent),
    (GamepadButton::Mode, Action::ToggleFullscreen),
    (GamepadButton::Select, Action::ToggleHelp),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Dark text on white: survives a projector in a bright gym.
    #[default]
    Light,
    /// Light text on black: for a dark room.
    Dark,
}

impl Theme {
    /// Background, text, accent and warning colours for projected type.
    pub fn palette(self) -> (egui::Color32, egui::Color32, egui::Color32, egui::Color32) {
        match self {
            Theme::Light => (
                egui::Color32::WHITE,
                egui::Color32::BLACK,
                egui::Color32::from_rgb(0, 70, 160),
                egui::Color32::from_rgb(190, 60, 0),
            ),
            Theme::Dark => (
                egui::Color32::BLACK,
                egui::Color32::WHITE,
                egui::Color32::from_rgb(255, 210, 60),
                egui::Color32::from_rgb(255, 140, 60),
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    #[default]
    Keyboard,
    Gamepad,
}

#[derive(Resource, Debug, Clone, Default)]
pub struct Presenter {
    pub on: bool,
    pub theme: Theme,
    pub help: bool,
    /// The last device used, for the help overlay.
    pub device: Device,
    /// Overlays before "angle lines off", to bring them back.
    pub saved_overlays: Option<Overlays>,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Presenter>()
        .init_resource::<ViewRect>()
        .add_message::<Action>();
    app.add_systems(
        Update,
        (keyboard_actions, gamepad_actions, apply_actions)
            .chain()
            .before(crate::ui::drills::drive_from_drill),
    );
    app.add_systems(Update, apply_theme.run_if(resource_changed::<Presenter>));
    app.add_systems(Update, frame_for_projection.after(apply_actions));
}

/// When presenting starts (or the view changes while presenting), bring the
/// camera closer so the mannequin fills the space the title and caption
/// leave, and in compare lift the figures so their labels stay above the
/// caption. Only on change (of view or of that space): the coach can still
/// zoom and orbit. The quiz frames its own figures.
fn frame_for_projection(
    presenter: Res<Presenter>,
    state: Res<State<ViewState>>,
    rect: Res<ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut last: Local<Option<(bool, ViewState, u32)>>,
) {
    let aspect = (rect.0.width() / rect.0.height().max(1.0)).clamp(0.3, 6.0);
    let now = (presenter.on, *state.get(), (aspect * 20.0) as u32);
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
            orbit.distance_m = crate::stage::camera::fit_distance(1.6, 2.0, aspect).clamp(2.2, 6.0);
        }
        (false, view) if was_on => {
            orbit.target.y = 0.78;
            if view != ViewState::Compare {
                orbit.distance_m = 3.4;
            }
        }
        (false, _) => {}
    }
}

fn keyboard_actions(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    mut out: MessageWriter<Action>,
    mut presenter: ResMut<Presenter>,
) {
    let Some(keys) = keys else { return };
    for (key, action) in KEYS {
        if keys.just_pressed(*key) {
            out.write(*action);
            if presenter.device != Device::Keyboard {
                presenter.device = Device::Keyboard;
            }
        }
    }
}

/// Every connected pad; the right stick orbits the camera.
fn gamepad_actions(
    pads: Query<&Gamepad>,
    time: Res<Time>,
    mut out: MessageWriter<Action>,
    mut presenter: ResMut<Presenter>,
    mut orbit: ResMut<Orbit>,
) {
    for pad in &pads {
        for (button, action) in BUTTONS {
            if pad.just_pressed(*button) {
                out.write(*action);
                if presenter.device != Device::Gamepad {
                    presenter.device = Device::Gamepad;
                }
            }
        }
        let stick = pad.right_stick();
        // A dead zone, so a resting stick does not drift the camera.
        if stick.x.abs() > 0.2 {
            orbit.yaw_deg += stick.x * 90.0 * time.delta_secs();
        }
        if stick.y.abs() > 0.2 {
            orbit.pitch_deg =
                (orbit.pitch_deg + stick.y * 60.0 * time.delta_secs()).clamp(-10.0, 80.0);
        }
    }
}

/// Playback speeds the slower / faster actions step through.
const SPEEDS: [f32; 6] = [0.1, 0.25, 0.5, 1.0, 1.5, 2.0];

#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it changes
pub fn apply_actions(
    mut actions: MessageReader<Action>,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    state: Res<State<ViewState>>,
    mut next: ResMut<NextState<ViewState>>,
    mut compare: ResMut<CompareSettings>,
    mut orbit: ResMut<Orbit>,
    mut overlays: ResMut<Overlays>,
    mut presenter: ResMut<Presenter>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
    mut lesson: ResMut<crate::drill::lesson::LessonState>,
) {
    let view = *state.get();
    for action in actions.read().copied() {
        let drill = playback
            .drill
            .as_deref()
            .and_then(|id| library.get(id))
            .cloned();
        match action {
            // In the quiz these move between questions (quiz::session).
            Action::NextDrill | Action::PreviousDrill | Action::RevealAnswer
                if view == ViewState::Quiz => {}
            Action::NextDrill | Action::PreviousDrill => {
                let n = library.drills.len();
                if n == 0 {
                    continue;
                }
                let at = playback
                    .drill
                    .as_deref()
                    .and_then(|id| library.drills.iter().position(|d| d.id == id));
                let i = match (at, action) {
                    (None, _) => 0,
                    (Some(i), Action::NextDrill) => (i + 1) % n,
                    (Some(i), _) => (i + n - 1) % n,
                };
                playback.start(&library.drills[i].id);
                if view == ViewState::Explore {
                    next.set(ViewState::Drills);
                }
            }
            Action::PlayPause => {
                if let Some(d) = &drill {
                    playback.toggle(d);
                }
            }
            Action::Slower | Action::Faster => {
                let i = SPEEDS
                    .iter()
                    .position(|s| *s >= playback.speed - 1e-3)
                    .unwrap_or(SPEEDS.len() - 1);
                let j = if action == Action::Faster {
                    (i + 1).min(SPEEDS.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                playback.set_speed(SPEEDS[j]);
            }
            Action::StepBack | Action::StepForward => {
                if let Some(d) = &drill {
                    playback.step(d, if action == Action::StepBack { -1 } else { 1 });
                }
            }
            Action::ToggleCompare => next.set(if view == ViewState::Compare {
                ViewState::Drills
            } else {
                ViewState::Compare
            }),
            Action::NextFault => {
                let current = compare
                    .faults
                    .first()
                    .copied()
                    .unwrap_or(Fault::ArmsPulling);
                let i = Fault::ALL.iter().position(|f| *f == current).unwrap_or(0);
                compare.faults = vec![Fault::ALL[(i + 1) % Fault::ALL.len()]];
                if view != ViewState::Compare {
                    next.set(ViewState::Compare);
                }
            }
            Action::NextCamera => {
                let presets = [
                    CameraPreset::Side,
                    CameraPreset::Front,
                    CameraPreset::ThreeQuarter,
                    CameraPreset::Top,
                ];
                let i = presets
                    .iter()
                    .position(|p| {
                        Orbit::preset(*p).yaw_deg == orbit.yaw_deg
                            && Orbit::preset(*p).pitch_deg == orbit.pitch_deg
                    })
                    .map_or(0, |i| (i + 1) % presets.len());
                let distance = orbit.distance_m;
                *orbit = Orbit {
                    distance_m: distance,
                    ..Orbit::preset(presets[i])
                };
            }
            Action::ToggleOverlays => match presenter.saved_overlays.take() {
                Some(saved) => *overlays = saved,
                None => {
                    presenter.saved_overlays = Some(*overlays);
                    *overlays = Overlays {
                        angles: false,
                        lines: false,
                        centre_of_mass: false,
                        dowel: false,
                        hip_path: false,
                        back_load: false,
                    };
                }
            },
            Action::RevealAnswer => {
                // Outside the quiz: open it, as a coach's group quiz when presenting.
                next.set(ViewState::Quiz);
            }
            Action::TogglePresent => {
                presenter.on = !presenter.on;
                // Presenting is the coach's; a learner's lesson in progress ends.
                if presenter.on && lesson.step.is_some() {
                    *lesson = crate::drill::lesson::LessonState::default();
                }
                if presenter.on && view == ViewState::Explore {
                    next.set(ViewState::Drills);
                }
            }
            Action::LeavePresent => {
                presenter.on = false;
                presenter.help = false;
            }
            Action::ToggleHelp => presenter.help = !presenter.help,
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
            Action::ToggleTheme => {
                presenter.theme = match presenter.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                }
            }
        }
    }
}

/// The stage's backdrop follows the theme while presenting.
fn apply_theme(presenter: Res<Presenter>, clear: Option<ResMut<ClearColor>>) {
    let Some(mut clear) = clear else { return };
    let c = match (presenter.on, presenter.theme) {
        (true, Theme::Dark) => Color::srgb(0.05, 0.05, 0.07),
        (true, Theme::Light) => Color::srgb(0.98, 0.98, 0.97),
        (false, _) => Color::srgb(0.93, 0.93, 0.91),
    };
    if clear.0 != c {
        clear.0 = c;
    }
}

/// The projection layout: a title on top, the cue as a big caption at the
/// bottom, the 3D view everywhere else; the help overlay on request.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it reads
pub fn present_ui(
    mut contexts: EguiContexts,
    presenter: Res<Presenter>,
    library: Res<Library>,
    playback: Res<Playback>,
    compare: Res<CompareSettings>,
    catalogue: Res<crate::ui::explore::Catalogue>,
    state: Res<State<ViewState>>,
    mut view_rect: ResMut<ViewRect>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (bg, fg, accent, warn) = presenter.theme.palette();
    let mut root = crate::ui::root_ui(&ctx, "present");
    let frame = egui::Frame::new()
        .fill(bg)
        .inner_margin(egui::Margin::symmetric(24, 10));
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
                if *state.get() == ViewState::Compare
                    && let Some(f) = compare.faults.first()
                {
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
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("{label}:"))
                        .size(48.0)
                        .strong()
                        .color(accent),
                );
                ui.label(egui::RichText::new(cue).size(48.0).strong().color(fg));
            });
            let status = format!(
                "{}  {:.2}x   ·   H: help",
                if playback.playing { "▶" } else { "⏸" },
                playback.speed
            );
            ui.label(egui::RichText::new(status).size(22.0).color(fg));
        });
    crate::ui::set_view_rect(&root, &mut view_rect);
    if presenter.help {
        help_window(&ctx, presenter.device, fg, bg);
    }
    Ok(())
}

/// The controls for the device in use.
fn help_window(ctx: &egui::Context, device: Device, fg: egui::Color32, bg: egui::Color32) {
    egui::Window::new(egui::RichText::new("Controls").size(30.0).strong())
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .frame(egui::Frame::window(&ctx.global_style()).fill(bg))
        .show(ctx, |ui| {
            let rows: Vec<(String, &str)> = match device {
                Device::Keyboard => Action::ALL
                    .iter()
                    .map(|a| {
                        let keys: Vec<String> = KEYS
                            .iter()
                            .filter(|(_, b)| b == a)
                            .map(|(k, _)| key_name(*k))
                            .collect();
                        (keys.join(" / "), a.describe())
                    })
                    .collect(),
                Device::Gamepad => Action::ALL
                    .iter()
                    .filter_map(|a| {
                        let buttons: Vec<String> = BUTTONS
                            .iter()
                            .filter(|(_, b)| b == a)
                            .map(|(k, _)| button_name(*k).to_string())
                            .collect();
                        (!buttons.is_empty()).then(|| (buttons.join(" / "), a.describe()))
                    })
                    .chain(std::iter::once((
                        "right stick".to_string(),
                        "turn the camera",
                    )))
                    .collect(),
            };
            egui::Grid::new("help").spacing([24.0, 6.0]).show(ui, |ui| {
                for (keys, what) in rows {
                    ui.label(egui::RichText::new(keys).size(24.0).strong().color(fg));
                    ui.label(egui::RichText::new(what).size(24.0).color(fg));
                    ui.end_row();
                }
            });
        });
}

/// Buttons by what is printed on them (Xbox / PlayStation).
fn button_name(b: GamepadButton) -> &'static str {
    match b {
        GamepadButton::South => "A / Cross",
        GamepadButton::East => "B / Circle",
        GamepadButton::West => "X / Square",
        GamepadButton::North => "Y / Triangle",
        GamepadButton::DPadRight => "D-pad right",
        GamepadButton::DPadLeft => "D-pad left",
        GamepadButton::DPadUp => "D-pad up",
        GamepadButton::DPadDown => "D-pad down",
        GamepadButton::LeftTrigger => "LB / L1",
        GamepadButton::RightTrigger => "RB / R1",
        GamepadButton::LeftTrigger2 => "LT / L2",
        GamepadButton::RightTrigger2 => "RT / R2",
        GamepadButton::LeftThumb => "left stick click",
        GamepadButton::RightThumb => "right stick click",
        GamepadButton::Start => "Start / Options",
        GamepadButton::Select => "Back / Share",
        GamepadButton::Mode => "Guide / PS",
        _ => "another button",
    }
}

fn key_name(k: KeyCode) -> String {
    match k {
        KeyCode::PageDown => "Page Down".into(),
        KeyCode::PageUp => "Page Up".into(),
        // In words: egui's built-in font has no arrow glyphs.
        KeyCode::ArrowRight => "Right arrow".into(),
        KeyCode::ArrowLeft => "Left arrow".into(),
        KeyCode::ArrowUp => "Up arrow".into(),
        KeyCode::ArrowDown => "Down arrow".into(),
        KeyCode::BracketLeft => "[".into(),
        KeyCode::BracketRight => "]".into(),
        KeyCode::Period => ".".into(),
        other => format!("{other:?}").trim_start_matches("Key").to_string(),
    }
}
