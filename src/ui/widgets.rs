//! Widgets the views share: a labelled slider, the verdict, a fault's card,
//! the view tabs, the playback bar with the phase's cue.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::body::Range;
use crate::coach::{FaultCatalogue, Pattern};
use crate::drill::playback::{MAX_SPEED, MIN_SPEED};
use crate::drill::{Drill, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::stage::figure::Figure;
use crate::theme;

pub fn slider(ui: &mut egui::Ui, label: &str, value: &mut f32, range: Range, hint: &str) -> bool {
    ui.label(
        egui::RichText::new(format!(
            "{label}  ({:.0}{u} to {:.0}{u})",
            range.min,
            range.max,
            u = range.unit
        ))
        .strong(),
    );
    let r = ui.add(
        egui::Slider::new(value, range.min..=range.max)
            .suffix(range.unit)
            .fixed_decimals(0)
            .step_by(1.0),
    );
    if !hint.is_empty() {
        ui.label(egui::RichText::new(hint).small().color(theme::HINT));
    }
    r.changed()
}

/// The knee bend and hip angle sliders, with their hints. The hip's range
/// follows the knee bend (`ranges::hip_for_knee`): bending the knees deep
/// lifts a straight hip with them, as the solver would, so the slider and
/// its number say what the figure shows.
pub fn knee_hip_sliders(ui: &mut egui::Ui, pose: &mut crate::body::Pose, hints: [&str; 2]) {
    slider(
        ui,
        "Knee bend",
        &mut pose.knee_deg,
        crate::body::ranges::KNEE,
        hints[0],
    );
    let hips = crate::body::ranges::hip_for_knee(pose.knee_deg);
    pose.hip_deg = hips.clamp(pose.hip_deg);
    slider(ui, "Hip angle", &mut pose.hip_deg, hips, hints[1]);
}

/// A load slider in the learner's units (the value stays in kg), with the
/// kg / lb choice beside it; true when either changed.
pub fn load_slider(
    ui: &mut egui::Ui,
    kg: &mut f32,
    max_kg: f32,
    units: &mut crate::options::Units,
) -> bool {
    use crate::options::Units;
    let mut shown = units.shown(*kg);
    let was = *units;
    let slid = ui
        .add(
            egui::Slider::new(&mut shown, 0.0..=units.shown(max_kg))
                .step_by(1.0)
                .fixed_decimals(0)
                .suffix(units.suffix()),
        )
        .changed();
    if slid {
        // The slider moved in the units it showed: 110 lb is 49.9 kg.
        *kg = was.to_kg(shown).max(0.0);
    }
    let mut switched = false;
    ui.horizontal(|ui| {
        ui.label("in");
        for u in [Units::Kg, Units::Lb] {
            let label = u.suffix().trim();
            if ui
                .selectable_label(*units == u, label)
                .on_hover_text("show loads in kilograms or pounds (remembered)")
                .clicked()
                && *units != u
            {
                *units = u;
                switched = true;
            }
        }
    });
    slid || switched
}

/// What a fault is, what to look for, and its cue.
pub fn fault_card(ui: &mut egui::Ui, info: &crate::coach::FaultInfo) {
    ui.label(
        egui::RichText::new(format!("✖ {}", info.name))
            .size(26.0)
            .strong()
            .color(theme::FAULTY),
    );
    ui.label(&info.description);
    ui.label(egui::RichText::new("Look for").strong());
    ui.label(&info.look_for);
    ui.label(egui::RichText::new(format!("Cue: {}", info.cue)).strong());
}

/// The colour and symbol of a pattern: never colour alone.
pub fn pattern_badge(p: Pattern, faults: usize) -> (egui::Color32, &'static str) {
    match (p, faults) {
        (Pattern::Hinge, 0) => (theme::CORRECT, "✔"),
        (Pattern::Standing, 0) => (theme::NEUTRAL, "•"),
        _ => (theme::FAULTY, "✖"),
    }
}

/// The coach's verdict on a figure: pattern, faults with cues, the numbers.
/// What the verdict panel adds to the verdict.
#[derive(Debug, Clone, Copy, Default)]
pub struct VerdictExtras {
    /// The moment at L5/S1, as a bar.
    pub back_load: bool,
    /// Where the work goes: each part's effort in a bar and a word.
    pub loads: bool,
}

/// The verdict in a few words: "Good hinge", or the pattern's name.
fn verdict_title(f: &Figure) -> String {
    match (f.verdict.pattern, f.verdict.faults.is_empty()) {
        (Pattern::Hinge, true) => "Good hinge".to_string(),
        (p, _) => capitalise(p.id()),
    }
}

/// The verdict on one line, for a folded panel's button (a phone shows the
/// figure and this, and the whole verdict a tap away): "✔ Good hinge", or
/// the pattern and the first fault, "✖ Hinge · Rounded back".
pub fn verdict_headline(f: &Figure, catalogue: &FaultCatalogue) -> String {
    let v = &f.verdict;
    let (_, symbol) = pattern_badge(v.pattern, v.faults.len());
    let mut line = format!("{symbol} {}", verdict_title(f));
    if let Some(first) = v.faults.first() {
        line.push_str(" · ");
        line.push_str(&catalogue.get(*first).name);
    }
    line
}

pub fn verdict_ui(
    ui: &mut egui::Ui,
    f: &Figure,
    catalogue: &FaultCatalogue,
    extras: VerdictExtras,
) {
    let v = &f.verdict;
    let m = &v.metrics;
    let (color, symbol) = pattern_badge(v.pattern, v.faults.len());
    ui.label(
        egui::RichText::new(format!("{symbol} {}", verdict_title(f)))
            .size(34.0)
            .strong()
            .color(color),
    );
    ui.label(v.pattern.describe());
    ui.separator();
    if v.faults.is_empty() {
        if v.pattern == Pattern::Hinge {
            ui.label(egui::RichText::new("No faults: hips back, knees soft, back long.").strong());
        }
    } else {
        for fault in &v.faults {
            let info = catalogue.get(*fault);
            ui.label(
                egui::RichText::new(format!("✖ {}", info.name))
                    .size(23.0)
                    .strong()
                    .color(theme::FAULTY),
            );
            ui.label(egui::RichText::new(format!("Cue: {}", info.cue)).strong());
        }
    }
    match v.balance {
        crate::body::Balance::Balanced => {}
        crate::body::Balance::OnToes => {
            ui.label(
                egui::RichText::new("Can't balance: the weight is past the toes.")
                    .strong()
                    .color(theme::FAULTY),
            );
        }
        crate::body::Balance::OnHeels => {
            ui.label(
                egui::RichText::new("Can't balance: falling back on the heels.")
                    .strong()
                    .color(theme::FAULTY),
            );
        }
    }
    ui.separator();
    ui.label(egui::RichText::new("The numbers").strong());
    let line = |ui: &mut egui::Ui, what: &str, value: String| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(value).strong());
            ui.label(what);
        });
    };
    line(
        ui,
        "shins from vertical (a hinge keeps them near 0)",
        format!("{:.0}°", m.shin_angle_deg),
    );
    line(
        ui,
        "torso from vertical (90° = flat)",
        format!("{:.0}°", m.torso_angle_deg),
    );
    line(
        ui,
        "hips behind the ankles",
        format!("{:.0} cm", m.hip_behind_ankle_m * 100.0),
    );
    let knee = m.knee_ahead_of_toes_m * 100.0;
    if knee > 0.0 {
        line(ui, "knees past the toes", format!("{knee:.0} cm"));
    } else {
        line(ui, "knees behind the toes", format!("{:.0} cm", -knee));
    }
    line(
        ui,
        "of the bend comes from the lower back",
        format!("{:.0}%", m.lumbar_share * 100.0),
    );
    // What the hands hold (a bar, bells, handles): where it is (B §2b: on
    // the floor at 0.225 m, over the midfoot, against the legs).
    if let (Some(h), Some(ahead), Some(legs)) =
        (m.grip_height_m, m.grip_ahead_of_midfoot_m, m.grip_to_legs_m)
    {
        line(ui, "bar off the floor", format!("{:.0} cm", h * 100.0));
        if ahead >= 0.0 {
            line(
                ui,
                "bar ahead of the midfoot",
                format!("{:.0} cm", ahead * 100.0),
            );
        } else {
            line(
                ui,
                "bar behind the midfoot",
                format!("{:.0} cm", -ahead * 100.0),
            );
        }
        if legs < 0.005 {
            line(ui, "", "Bar against the legs".to_string());
        } else {
            line(ui, "bar off the legs", format!("{:.0} cm", legs * 100.0));
        }
    }
    let d = m.dowel_contact;
    let mark = |b: bool| if b { "✔" } else { "✖" };
    ui.horizontal_wrapped(|ui| {
        ui.label("Dowel on the back:");
        ui.label(
            egui::RichText::new(format!(
                "head {}  upper back {}  tailbone {}",
                mark(d.head),
                mark(d.upper_back),
                mark(d.sacrum)
            ))
            .strong(),
        );
    });
    if extras.loads {
        ui.separator();
        ui.label(egui::RichText::new("Where the work goes").strong());
        let load = crate::body::moments::LoadView::of(&f.solved);
        for part in crate::body::moments::Part::ALL {
            let r = load.get(part);
            ui.horizontal(|ui| {
                ui.add(
                    egui::ProgressBar::new((r / 0.15).clamp(0.0, 1.0))
                        .desired_width(120.0)
                        .fill(theme::to_egui(theme::palette::MUSCLE_LOAD)),
                );
                ui.label(format!(
                    "{}: {}",
                    part.name(),
                    crate::body::moments::effort_word(r)
                ));
            });
        }
    }
    if extras.back_load {
        ui.separator();
        ui.label(egui::RichText::new("Load on the lower back (L5/S1)").strong());
        // A display scale: the bar is full at 300 N·m.
        let frac = (m.l5s1_moment_nm / 300.0).clamp(0.0, 1.0);
        ui.add(
            egui::ProgressBar::new(frac)
                .text(format!("{:.0} N·m", m.l5s1_moment_nm))
                .desired_height(26.0),
        );
    }
}

/// The tabs that switch views, and under them the buttons for what keys,
/// the clicker and pads also do (present, full screen, help) and the text
/// size, so a mouse or a finger alone can reach all of it.
pub fn view_tabs(ui: &mut egui::Ui, view: ViewState, panels: &mut super::ViewUi) {
    ui.horizontal_wrapped(|ui| {
        for (v, name) in [
            (ViewState::Explore, "Explore"),
            (ViewState::Compare, "Compare"),
            (ViewState::Drills, "Drills"),
            (ViewState::Quiz, "Quiz"),
            (ViewState::Photo, "My photo"),
        ] {
            if ui
                .selectable_label(view == v, egui::RichText::new(name).size(21.0))
                .clicked()
                && view != v
            {
                panels.next.set(v);
            }
        }
    });
    let mut clicked = Vec::new();
    ui.horizontal_wrapped(|ui| {
        action_buttons(ui, &VIEW_ACTIONS, 17.0, None, &mut clicked);
    });
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new("Text size").size(17.0));
        let text = *panels.text;
        if ui
            .add_enabled(text.0 > super::TextScale::MIN, egui::Button::new("A–"))
            .on_hover_text("Smaller text (Ctrl –)")
            .clicked()
        {
            *panels.text = text.smaller();
        }
        if ui
            .add_enabled(text.0 < super::TextScale::MAX, egui::Button::new("A+"))
            .on_hover_text("Larger text (Ctrl +)")
            .clicked()
        {
            *panels.text = text.bigger();
        }
        ui.label(egui::RichText::new(format!("{:.0}%", text.0 * 100.0)).size(17.0));
    });
    panels.actions.write_batch(clicked);
}

/// Under the view tabs: presenting, full screen, help, a picture, the
/// next camera view.
pub const VIEW_ACTIONS: [(&str, Action); 5] = [
    ("▶ Present", Action::TogglePresent),
    ("Full screen", Action::ToggleFullscreen),
    ("Help", Action::ToggleHelp),
    ("Save picture", Action::SavePicture),
    ("Camera view", Action::NextCamera),
];

/// Presenter mode's own buttons under the caption: a tablet with no
/// keyboard runs the whole class from them and [`PROJECTED_ACTIONS`]. The
/// play button's label follows the playback.
pub const PRESENT_ACTIONS: [(&str, Action); 3] = [
    ("◀ Previous", Action::PreviousDrill),
    ("⏸ Pause", Action::PlayPause),
    ("Next ▶", Action::NextDrill),
];

/// Presenting, after the common row: the next camera view, and in a
/// comparison the next fault (so a tablet reaches every presenter key).
pub const PRESENT_MORE_ACTIONS: [(&str, Action); 2] = [
    ("Camera", Action::NextCamera),
    ("Next fault", Action::NextFault),
];

/// The projected group quiz's own buttons: back, reveal then next.
pub const GROUP_QUIZ_ACTIONS: [(&str, Action); 2] = [
    ("◀ Back", Action::PreviousDrill),
    ("Reveal / next ▶", Action::RevealAnswer),
];

/// What every projected layout (presenting, the group quiz) offers after
/// its own buttons.
pub const PROJECTED_ACTIONS: [(&str, Action); 4] = [
    ("Light / dark", Action::ToggleTheme),
    ("Full screen", Action::ToggleFullscreen),
    ("Help", Action::ToggleHelp),
    ("✖ Leave", Action::LeavePresent),
];

/// Buttons that do what keys do: each sends its key's [`Action`], so a
/// click and a key press cannot differ. `colors` (text, fill) dresses them
/// for the projector's theme. Clicked buttons' actions go onto `out`;
/// returns each button's rectangle.
pub fn action_buttons(
    ui: &mut egui::Ui,
    buttons: &[(&str, Action)],
    size: f32,
    colors: Option<(egui::Color32, egui::Color32)>,
    out: &mut Vec<Action>,
) -> Vec<egui::Rect> {
    buttons
        .iter()
        .map(|&(label, action)| {
            let mut text = egui::RichText::new(label).size(size);
            let mut button;
            if let Some((fg, fill)) = colors {
                text = text.color(fg);
                button = egui::Button::new(text).fill(fill).stroke((1.5, fg));
            } else {
                button = egui::Button::new(text);
            }
            // At least as tall as a fingertip is wide, at the type's size.
            button = button.min_size(egui::vec2(size * 2.0, size * 1.9));
            let r = ui.add(button).on_hover_text(action.describe());
            if r.clicked() {
                out.push(action);
            }
            r.rect
        })
        .collect()
}

/// The caption and the playback bar along the bottom.
/// `still` replaces the phase's cue with a caption of its own (a lesson step
/// showing one pose) and leaves out the playback controls.
pub fn playback_bar(
    root: &mut egui::Ui,
    drill: &Drill,
    playback: &mut Playback,
    still: Option<(&str, &str)>,
) {
    // Room for a two-line cue, so the 3D view does not jump as phases change.
    egui::Panel::bottom("playback")
        .resizable(false)
        .min_size(if still.is_some() { 0.0 } else { 118.0 })
        .show(root, |ui| {
            let (_, phase) = drill.sample(playback.time_s);
            let phase = &drill.phases[phase.min(drill.phases.len() - 1)];
            let (label, caption) = still.unwrap_or((phase.kind.name(), &phase.cue));
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(format!("{}:", label.to_uppercase()))
                        .size(26.0)
                        .strong()
                        .color(theme::CORRECT),
                );
                ui.label(egui::RichText::new(caption).size(26.0).strong());
            });
            ui.add_space(2.0);
            if still.is_some() {
                ui.add_space(4.0);
                return;
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button("⏮").on_hover_text("step back").clicked() {
                    playback.step(drill, -1);
                }
                let play = if playback.playing {
                    "⏸ Pause"
                } else {
                    "▶ Play"
                };
                if ui.button(egui::RichText::new(play).size(22.0)).clicked() {
                    playback.toggle(drill);
                }
                if ui.button("⏭").on_hover_text("step forward").clicked() {
                    playback.step(drill, 1);
                }
                let mut t = playback.time_s;
                let total = drill.duration_s();
                let r = ui.add(
                    egui::Slider::new(&mut t, 0.0..=total)
                        .suffix(" s")
                        .fixed_decimals(1)
                        .text("time"),
                );
                // Only a hand on the slider scrubs: egui rounds the shown value
                // to the slider's decimals and would report that as a change.
                if r.changed() && touched(&r) {
                    playback.scrub(drill, t);
                }
                let mut speed = playback.speed;
                let r = ui.add(
                    egui::Slider::new(&mut speed, MIN_SPEED..=MAX_SPEED)
                        .logarithmic(true)
                        .suffix("x")
                        .fixed_decimals(2)
                        .text("speed"),
                );
                if r.changed() && touched(&r) {
                    playback.set_speed(speed);
                }
                ui.checkbox(&mut playback.looping, "loop");
                ui.checkbox(&mut playback.hold_at_sticking_point, "stop at the hold");
            });
            ui.add_space(4.0);
        });
}

/// Whether the user is working this widget (dragging, clicking, or keys while
/// it has focus), as opposed to egui adjusting the value it shows.
fn touched(r: &egui::Response) -> bool {
    r.dragged() || r.clicked() || r.has_focus()
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One egui frame of a row of action buttons, with `events`.
    fn frame(
        ctx: &egui::Context,
        buttons: &[(&str, Action)],
        events: Vec<egui::Event>,
    ) -> (Vec<egui::Rect>, Vec<Action>) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            events,
            ..Default::default()
        };
        let mut out = Vec::new();
        let mut rects = Vec::new();
        let mut full = ctx.run_ui(input, |ui| {
            ui.horizontal_wrapped(|ui| {
                rects = action_buttons(ui, buttons, 17.0, None, &mut out);
            });
        });
        // No renderer here to take the font atlas.
        full.textures_delta.clear();
        (rects, out)
    }

    /// Each on-screen button sends exactly its key's action when clicked
    /// (the same message the key sends, so what it does cannot differ), and
    /// nothing when not.
    #[test]
    fn every_on_screen_button_sends_its_keys_action() {
        let rows: [&[(&str, Action)]; 5] = [
            &VIEW_ACTIONS,
            &PRESENT_ACTIONS,
            &GROUP_QUIZ_ACTIONS,
            &PROJECTED_ACTIONS,
            &PRESENT_MORE_ACTIONS,
        ];
        for row in rows {
            let ctx = crate::ui::fonts::test_context();
            let (rects, none) = frame(&ctx, row, vec![]);
            assert!(none.is_empty());
            assert_eq!(rects.len(), row.len());
            for (rect, &(label, action)) in rects.iter().zip(row) {
                assert!(
                    rect.height() >= 30.0,
                    "{label}: {rect:?} is too small to hit"
                );
                let at = rect.center();
                let button = |pressed| egui::Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                };
                frame(&ctx, row, vec![egui::Event::PointerMoved(at)]);
                frame(&ctx, row, vec![button(true)]);
                let (_, sent) = frame(&ctx, row, vec![button(false)]);
                assert_eq!(sent, vec![action], "{label}");
                // A key does the same action: the button's action has a key.
                assert!(
                    crate::input::KEYS.iter().any(|&(_, a)| a == action),
                    "{label}: {action:?} has no key"
                );
            }
        }
    }

    /// Between them the two rows reach the actions a coach needs without a
    /// keyboard: into presenting and out, full screen, the theme, help, and
    /// through the drills.
    #[test]
    fn the_on_screen_buttons_cover_presenting_without_a_keyboard() {
        let on_screen: Vec<Action> = VIEW_ACTIONS
            .iter()
            .chain(PRESENT_ACTIONS.iter())
            .chain(PROJECTED_ACTIONS.iter())
            .chain(PRESENT_MORE_ACTIONS.iter())
            .map(|&(_, a)| a)
            .collect();
        for a in [
            Action::TogglePresent,
            Action::LeavePresent,
            Action::ToggleFullscreen,
            Action::ToggleTheme,
            Action::ToggleHelp,
            Action::NextDrill,
            Action::PreviousDrill,
            Action::PlayPause,
            Action::NextCamera,
            Action::NextFault,
            Action::SavePicture,
        ] {
            assert!(on_screen.contains(&a), "{a:?} has no button");
        }
    }
}
