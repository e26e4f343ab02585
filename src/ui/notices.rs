//! The notices (`notify::notice`) in a band at the bottom of the window,
//! for a learner who never sees the terminal. On the web the page shows
//! them, so the band stays empty there.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::notify::Tone;

/// Seconds a problem stays on screen unless closed sooner.
const NOTICE_S: f32 = 30.0;
/// Seconds a "done" (a picture saved) stays: long enough to read the path.
const DONE_S: f32 = 10.0;

/// The notices, in a band at the bottom of the window with a close button,
/// each for half a minute.
pub(super) fn notice_banner(
    mut contexts: bevy_egui::EguiContexts,
    time: Res<Time<Real>>,
    mut shown: Local<Vec<(Tone, String, f32)>>,
) -> Result {
    let now = time.elapsed_secs();
    shown.extend(
        crate::notify::take_pending()
            .into_iter()
            .map(|(tone, m)| (tone, m, now)),
    );
    shown.retain(|(tone, _, at)| {
        now - at
            < match tone {
                Tone::Problem => NOTICE_S,
                Tone::Done => DONE_S,
            }
    });
    if shown.is_empty() {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let width = (ctx.viewport_rect().width() - 16.0).clamp(100.0, 900.0);
    let mut close = None;
    egui::Area::new(egui::Id::new("notices"))
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -8.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(crate::theme::NOTICE_BACK)
                .show(ui, |ui| {
                    ui.set_max_width(width);
                    for (i, (tone, m, _)) in shown.iter().enumerate() {
                        let mark = match tone {
                            Tone::Problem => "⚠",
                            Tone::Done => "✔",
                        };
                        ui.horizontal_wrapped(|ui| {
                            if ui.small_button("✖").on_hover_text("close").clicked() {
                                close = Some(i);
                            }
                            ui.label(
                                egui::RichText::new(format!("{mark} {m}"))
                                    .color(egui::Color32::BLACK),
                            );
                        });
                    }
                });
        });
    if let Some(i) = close {
        shown.remove(i);
    }
    Ok(())
}
