//! The 3D view is what the panels leave: its rectangle, and the stage
//! camera's viewport set to it.

use bevy::camera::Viewport;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, egui};

use crate::stage::camera::{Orbit, StageCamera};

/// The screen rectangle (logical pixels) the 3D view uses, set by the UI.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct ViewRect(pub egui::Rect);

impl Default for ViewRect {
    fn default() -> Self {
        ViewRect(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        ))
    }
}

impl ViewRect {
    /// After the panels are shown on `root`, what they leave is the 3D view.
    pub fn set_from(&mut self, root: &egui::Ui) {
        let rect = root.available_rect_before_wrap();
        if self.0 != rect {
            self.0 = rect;
        }
    }

    /// Width over height, kept within `min..max` (a view being laid out
    /// can be nearly empty).
    pub fn aspect(&self, min: f32, max: f32) -> f32 {
        (self.0.width() / self.0.height().max(1.0)).clamp(min, max)
    }
}

/// Give the 3D camera the part of the window the panels leave.
pub(super) fn fit_camera_to_view(
    rect: Res<ViewRect>,
    window: Query<&Window, With<PrimaryWindow>>,
    mut camera: Query<&mut Camera, With<StageCamera>>,
    mut contexts: EguiContexts,
    mut orbit: ResMut<Orbit>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let wants = ctx.egui_wants_pointer_input() || ctx.egui_is_using_pointer();
    if orbit.ui_has_pointer != wants {
        orbit.ui_has_pointer = wants;
    }
    let Ok(window) = window.single() else {
        return Ok(());
    };
    // Physical pixels per egui point: the window's scale times egui's zoom.
    let scale = ctx.pixels_per_point();
    // Before the first layout the rectangle can be empty: use the whole window.
    let r = if rect.0.width() >= 50.0 && rect.0.height() >= 50.0 {
        rect.0
    } else {
        ctx.viewport_rect()
    };
    let pos = UVec2::new(
        (r.min.x * scale).max(0.0) as u32,
        (r.min.y * scale).max(0.0) as u32,
    );
    let max = UVec2::new(window.physical_width(), window.physical_height()).max(UVec2::ONE);
    let size = UVec2::new((r.width() * scale) as u32, (r.height() * scale) as u32);
    // The panels' layout is a frame old: a window just shrunk below it (found
    // by the soak run, going to 200x150) would put the view outside the
    // window, which the renderer refuses and quits. Use the whole window
    // for that frame.
    let (pos, size) = if pos.x < max.x && pos.y < max.y {
        (pos, size.min(max - pos).max(UVec2::ONE))
    } else {
        (UVec2::ZERO, max)
    };
    for mut cam in &mut camera {
        let vp = Viewport {
            physical_position: pos,
            physical_size: size,
            ..default()
        };
        if cam
            .viewport
            .as_ref()
            .is_none_or(|v| v.physical_position != pos || v.physical_size != size)
        {
            cam.viewport = Some(vp);
        }
    }
    Ok(())
}
