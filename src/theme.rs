//! Every colour of the tutor in one place. Correct is blue and faulty is
//! orange, a pair colour-blind viewers tell apart, always with a symbol and
//! a word beside it; the overlay colours stay apart on a washed-out projector.

use bevy::prelude::Color;
use bevy_egui::egui::Color32;

use crate::options::Theme;

/// The correct figure, a good verdict, a tick.
pub const CORRECT: Color32 = Color32::from_rgb(0, 90, 181);
/// A faulty figure, a fault, a cross, a warning.
pub const FAULTY: Color32 = Color32::from_rgb(200, 80, 0);
/// Standing, or nothing to judge.
pub const NEUTRAL: Color32 = Color32::from_rgb(60, 60, 60);
/// Body text on the light panels.
pub const TEXT: Color32 = Color32::from_gray(15);
/// Hints under a control.
pub const HINT: Color32 = Color32::from_gray(70);
/// Text on a white label over the 3D view.
pub const LABEL_TEXT: Color32 = Color32::from_gray(20);
/// The white behind a label over the 3D view (alpha 215 of 255).
pub const LABEL_BACK: Color32 = Color32::from_rgba_premultiplied(215, 215, 215, 215);
/// The white under a figure's tag.
pub const TAG_BACK: Color32 = Color32::from_rgba_premultiplied(230, 230, 230, 230);
/// The dark tile behind a figure's letter (A, B).
pub const LETTER_BACK: Color32 = Color32::from_rgb(40, 40, 48);
/// A mark on a photo: the dowel's touch yellow.
pub const TOUCH_EGUI: Color32 = Color32::from_rgb(255, 217, 0);
/// The band of notices at the bottom of the window.
/// The load view's plot: the hips, the lower back and the knees, from the
/// Okabe-Ito colour-blind safe set (blue, vermillion, bluish green).
pub const PLOT_HIP: Color32 = Color32::from_rgb(0, 114, 178);
pub const PLOT_BACK: Color32 = Color32::from_rgb(213, 94, 0);
pub const PLOT_KNEE: Color32 = Color32::from_rgb(0, 158, 115);
pub const NOTICE_BACK: Color32 = Color32::from_rgb(255, 244, 214);

/// The overlays on the figures.
pub mod palette {
    use bevy::prelude::Color;
    pub const KNEE: Color = Color::srgb(0.90, 0.45, 0.0);
    pub const HIP: Color = Color::srgb(0.0, 0.40, 0.85);
    pub const VERTICAL: Color = Color::srgb(0.25, 0.25, 0.25);
    pub const COM: Color = Color::srgb(0.55, 0.0, 0.55);
    pub const DOWEL: Color = Color::srgb(0.45, 0.25, 0.05);
    pub const TOUCH: Color = Color::srgb(1.0, 0.85, 0.0);
    pub const GAP: Color = Color::srgb(0.85, 0.0, 0.25);
    pub const PATH: Color = Color::srgb(0.0, 0.55, 0.55);
    /// Muscles at work (the load view): a deep red, its strength in its opacity.
    pub const MUSCLE_LOAD: Color = Color::srgb(0.78, 0.08, 0.20);
    /// The lumbar spine bearing the load itself: near-black, apart from the
    /// red by lightness for every kind of colour vision.
    pub const SPINE_LOAD: Color = Color::srgb(0.10, 0.10, 0.12);
}

/// The stage's floor and its grid.
pub const FLOOR: Color = Color::srgb(0.80, 0.81, 0.80);
pub const FLOOR_GRID: Color = Color::srgba(0.35, 0.37, 0.40, 0.35);

/// Projected type: background, text, accent and warning for a theme.
#[derive(Clone, Copy)]
pub struct Projected {
    pub back: Color32,
    pub text: Color32,
    pub accent: Color32,
    pub warn: Color32,
}

impl Projected {
    /// The frame of a projected layout's title and caption bars.
    pub fn bar(&self) -> bevy_egui::egui::Frame {
        bevy_egui::egui::Frame::new()
            .fill(self.back)
            .inner_margin(bevy_egui::egui::Margin::symmetric(24, 10))
    }
}

pub fn projected(theme: Theme) -> Projected {
    match theme {
        Theme::Light => Projected {
            back: Color32::WHITE,
            text: Color32::BLACK,
            accent: Color32::from_rgb(0, 70, 160),
            warn: Color32::from_rgb(190, 60, 0),
        },
        Theme::Dark => Projected {
            back: Color32::BLACK,
            text: Color32::WHITE,
            accent: Color32::from_rgb(255, 210, 60),
            warn: Color32::from_rgb(255, 140, 60),
        },
    }
}

/// Behind the stage: a soft grey on a laptop; projected, white for a bright
/// gym or near-black for a dark room.
pub fn backdrop(projecting: Option<Theme>) -> Color {
    match projecting {
        Some(Theme::Dark) => Color::srgb(0.05, 0.05, 0.07),
        Some(Theme::Light) => Color::srgb(0.98, 0.98, 0.97),
        None => Color::srgb(0.93, 0.93, 0.91),
    }
}

/// A faulty figure's shell: warmer and darker than the correct one's, and
/// translucent when laid over it (ghost).
pub fn faulty_shell(correct: Color, ghost: bool) -> Color {
    let c = correct.to_srgba();
    let alpha = if ghost { 0.45 } else { 1.0 };
    Color::srgba(c.red * 1.05, c.green * 0.72, c.blue * 0.55, alpha)
}

/// A Bevy colour as egui's.
pub fn to_egui(c: Color) -> Color32 {
    let c = c.to_srgba();
    Color32::from_rgb(
        (c.red * 255.0) as u8,
        (c.green * 255.0) as u8,
        (c.blue * 255.0) as u8,
    )
}
