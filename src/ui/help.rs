//! The help over any view: what each key, clicker button or gamepad button
//! does, for the device used last (H, F1 or the pad's Select).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::Projection;
use crate::input::{Device, Help, help_rows};
use crate::theme;

/// The help window, in the projector's colours when presenting.
pub(super) fn help_window(
    mut contexts: EguiContexts,
    help: Option<Res<Help>>,
    device: Option<Res<Device>>,
    projection: Res<Projection>,
) -> Result {
    if !help.is_some_and(|h| h.0) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let (back, text, size) = if projection.on {
        let p = theme::projected(projection.theme);
        (p.back, p.text, 24.0)
    } else {
        (egui::Color32::WHITE, theme::TEXT, 20.0)
    };
    let rows = help_rows(device.map_or(Device::Keyboard, |d| *d));
    egui::Window::new(egui::RichText::new("Controls").size(size + 6.0).strong())
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .frame(egui::Frame::window(&ctx.global_style()).fill(back))
        .show(ctx, |ui| {
            egui::Grid::new("help").spacing([24.0, 6.0]).show(ui, |ui| {
                for (keys, what) in rows {
                    ui.label(egui::RichText::new(keys).size(size).strong().color(text));
                    ui.label(egui::RichText::new(what).size(size).color(text));
                    ui.end_row();
                }
            });
            ui.label(
                egui::RichText::new("H or F1 closes this")
                    .size(size * 0.8)
                    .color(text),
            );
        });
    Ok(())
}
