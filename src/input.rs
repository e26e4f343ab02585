//! Actions from the keyboard, a presentation clicker (Page Up / Page Down,
//! the arrows, B or period, F5 / Escape) and gamepads (through Bevy's
//! gamepad input: any number of pads, hot-plugged). Keys and buttons become
//! [`Action`] messages; each part of the app reads the ones it acts on.

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::prelude::*;

use crate::Frame;

/// Everything a learner or a coach can do without a mouse.
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
    /// Save what is on screen as a picture (a file on the desktop, a
    /// download in the browser).
    SavePicture,
}

impl Action {
    pub const ALL: [Action; 18] = [
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
        Action::SavePicture,
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
            Action::SavePicture => "save a picture of the screen",
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
    (KeyCode::KeyS, Action::SavePicture),
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

/// The device used last, for the help.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Device {
    #[default]
    Keyboard,
    Gamepad,
}

/// Next / previous walk a class plan's steps (a plan runs while presenting):
/// the drills and the quiz leave those two actions alone meanwhile.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanStepping(pub bool);

/// The help (the controls of the device in use) is open, in any view.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help(pub bool);

/// The gamepads' right sticks (x turns, y tilts), dead zone applied: the
/// camera turns with it.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct Stick(pub Vec2);

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<Device>()
        .init_resource::<PlanStepping>()
        .init_resource::<Stick>()
        .init_resource::<Help>()
        .add_message::<Action>();
    app.add_systems(
        Update,
        (keyboard_actions, gamepad_actions).in_set(Frame::ReadInput),
    );
    app.add_systems(Update, toggle_help.in_set(Frame::ApplyActions));
}

/// Keys a focused widget uses itself: a slider's arrows, a button's Space
/// and Enter. While a widget has the focus they go to it alone, so nudging
/// a slider never also changes the drill. The clicker's Page Up / Page Down
/// and every other key still act.
pub fn widget_takes(key: KeyCode, widget_focused: bool) -> bool {
    widget_focused
        && matches!(
            key,
            KeyCode::ArrowLeft
                | KeyCode::ArrowRight
                | KeyCode::ArrowUp
                | KeyCode::ArrowDown
                | KeyCode::Space
                | KeyCode::Enter
        )
}

fn keyboard_actions(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    egui_wants: Option<Res<bevy_egui::input::EguiWantsInput>>,
    mut out: MessageWriter<Action>,
    mut device: ResMut<Device>,
) {
    let Some(keys) = keys else { return };
    let focused = egui_wants.is_some_and(|w| w.wants_any_keyboard_input());
    for (key, action) in KEYS {
        if keys.just_pressed(*key) && !widget_takes(*key, focused) {
            out.write(*action);
            if *device != Device::Keyboard {
                *device = Device::Keyboard;
            }
        }
    }
}

/// Every connected pad; the right stick is kept for the camera.
fn gamepad_actions(
    pads: Query<&Gamepad>,
    mut out: MessageWriter<Action>,
    mut device: ResMut<Device>,
    mut stick: ResMut<Stick>,
) {
    let mut turn = Vec2::ZERO;
    for pad in &pads {
        for (button, action) in BUTTONS {
            if pad.just_pressed(*button) {
                out.write(*action);
                if *device != Device::Gamepad {
                    *device = Device::Gamepad;
                }
            }
        }
        let s = pad.right_stick();
        // A dead zone, so a resting stick does not drift the camera.
        turn += Vec2::new(
            if s.x.abs() > 0.2 { s.x } else { 0.0 },
            if s.y.abs() > 0.2 { s.y } else { 0.0 },
        );
    }
    if stick.0 != turn {
        stick.0 = turn;
    }
}

/// H, F1 or the pad's Select opens and closes the help in every view;
/// leaving presenter mode closes it.
fn toggle_help(mut actions: MessageReader<Action>, mut help: ResMut<Help>) {
    for a in actions.read() {
        match a {
            Action::ToggleHelp => help.0 = !help.0,
            Action::LeavePresent => help.0 = false,
            _ => {}
        }
    }
}

/// What each action is on the device in use, for the help: the keys (or
/// buttons) and what they do.
pub fn help_rows(device: Device) -> Vec<(String, &'static str)> {
    match device {
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
    }
}

/// Buttons by what is printed on them (Xbox / PlayStation).
pub fn button_name(b: GamepadButton) -> &'static str {
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

pub fn key_name(k: KeyCode) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_focused_widget_keeps_its_own_keys_and_the_clicker_still_works() {
        for key in [
            KeyCode::ArrowLeft,
            KeyCode::ArrowRight,
            KeyCode::Space,
            KeyCode::Enter,
        ] {
            assert!(widget_takes(key, true), "{key:?}");
            assert!(!widget_takes(key, false), "{key:?}");
        }
        // The clicker's keys and the letters act whatever has the focus.
        for key in [
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::KeyH,
            KeyCode::F5,
        ] {
            assert!(!widget_takes(key, true), "{key:?}");
        }
    }
}
