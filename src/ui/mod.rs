//! The egui panels: controls on the left, the verdict on the right, the 3D
//! view in between. Text is large and high-contrast so it reads when projected.

pub mod drills;
pub mod explore;
pub mod quiz;

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, Viewport};
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};

use crate::overlay::{ViewRect, overlay_labels};
use crate::stage::camera::{Orbit, StageCamera};

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((explore::plugin, drills::plugin, quiz::plugin));
    app.add_systems(Startup, spawn_ui_camera);
    app.add_systems(
        EguiPrimaryContextPass,
        (
            set_style.run_if(run_once),
            zoom_for_window,
            explore::panels
                .run_if(not(in_state(crate::modes::ViewState::Drills)))
                .run_if(not(in_state(crate::modes::ViewState::Quiz)))
                .run_if(not(presenting)),
            drills::panels
                .run_if(in_state(crate::modes::ViewState::Drills))
                .run_if(not(presenting)),
            quiz::panels
                .run_if(in_state(crate::modes::ViewState::Quiz))
                .run_if(not(presenting)),
            crate::present::present_ui
                .run_if(presenting)
                .run_if(not(in_state(crate::modes::ViewState::Quiz))),
            quiz::group_ui
                .run_if(presenting)
                .run_if(in_state(crate::modes::ViewState::Quiz)),
            fit_camera_to_view,
            overlay_labels,
        )
            .chain(),
    );
}

/// A window-sized Ui on the background layer for a view's panels.
pub fn root_ui(ctx: &egui::Context, id: &'static str) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        id.into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// After the panels are shown on `root`, what they leave is the 3D view.
pub fn set_view_rect(root: &egui::Ui, view_rect: &mut ViewRect) {
    let rect = root.available_rect_before_wrap();
    if view_rect.0 != rect {
        view_rect.0 = rect;
    }
}

/// Windows narrower or lower than this (in points) fold the side panels away
/// behind a button each, so a small window still shows the mannequin.
const COMPACT_BELOW: egui::Vec2 = egui::vec2(760.0, 420.0);

/// egui's zoom for a window of `width` x `height` logical pixels.
///
/// Presenting (and the group quiz), the layout is made for 1280x720 and
/// scales with the window both ways, so the projected picture is the same
/// at any size. Otherwise it is 1 up to 1920x1080 (smaller windows fold the
/// side panels instead), then as much as keeps the panels' share of a 1080p
/// window: a 4K screen at scale 1 reads like a 1080p one. A high-density
/// screen already scales through its own factor.
pub fn zoom_for(width: f32, height: f32, presenting: bool) -> f32 {
    if presenting {
        (width / 1280.0).min(height / 720.0).clamp(0.35, 4.0)
    } else {
        (width / 1920.0).min(height / 1080.0).clamp(1.0, 4.0)
    }
}

fn zoom_for_window(
    window: Query<&Window, With<PrimaryWindow>>,
    presenter: Option<Res<crate::present::Presenter>>,
    mut contexts: EguiContexts,
) -> Result {
    let Ok(window) = window.single() else {
        return Ok(());
    };
    let zoom = zoom_for(window.width(), window.height(), presenting(presenter));
    let ctx = contexts.ctx_mut()?;
    if (ctx.zoom_factor() - zoom).abs() > 0.01 {
        ctx.set_zoom_factor(zoom);
    }
    Ok(())
}

/// The window is too small for the side panels beside the 3D view.
pub fn compact(ctx: &egui::Context) -> bool {
    let r = ctx.viewport_rect();
    r.width() < COMPACT_BELOW.x || r.height() < COMPACT_BELOW.y
}

/// Which side a panel stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// A side panel of `width` points. In a compact window it is folded away
/// behind a button in its top corner (named `label`) and opens over the
/// view when pressed; the content is only built while it shows.
pub fn side_panel<R>(
    root: &mut egui::Ui,
    id: &'static str,
    side: Side,
    width: f32,
    label: &str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> Option<R> {
    let ctx = root.ctx().clone();
    let panel = match side {
        Side::Left => egui::Panel::left(id),
        Side::Right => egui::Panel::right(id),
    }
    .resizable(false);
    if !compact(&ctx) {
        return Some(panel.exact_size(width).show(root, add).inner);
    }
    let key = egui::Id::new((id, "unfolded"));
    let mut open = ctx.data(|d| d.get_temp::<bool>(key)).unwrap_or(false);
    let (anchor, offset) = match side {
        Side::Left => (egui::Align2::LEFT_TOP, egui::vec2(4.0, 4.0)),
        Side::Right => (egui::Align2::RIGHT_TOP, egui::vec2(-4.0, 4.0)),
    };
    egui::Area::new(key.with("button"))
        .anchor(anchor, offset)
        .order(egui::Order::Foreground)
        .show(&ctx, |ui| {
            let text = if open {
                format!("✖ {label}")
            } else {
                format!("☰ {label}")
            };
            if ui.button(text).clicked() {
                open = !open;
            }
        });
    ctx.data_mut(|d| d.insert_temp(key, open));
    open.then(|| {
        panel
            .exact_size(width.min(ctx.viewport_rect().width()))
            .show(root, |ui| {
                // Room for the button over the panel's top.
                ui.add_space(40.0);
                add(ui)
            })
            .inner
    })
}

fn presenting(p: Option<Res<crate::present::Presenter>>) -> bool {
    p.is_some_and(|p| p.on)
}

/// egui draws through a camera of its own, over the whole window, so the 3D
/// camera can be given just the part the panels leave.
fn spawn_ui_camera(mut commands: Commands, mut settings: ResMut<EguiGlobalSettings>) {
    settings.auto_create_primary_context = false;
    commands.spawn((
        Name::new("ui camera"),
        PrimaryEguiContext,
        Camera2d,
        // It draws no geometry of its own: multisampling would only cost time.
        Msaa::Off,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write {
                blend_state: Some(BlendState::ALPHA_BLENDING),
                clear_color: ClearColorConfig::None,
            },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
    ));
}

/// Large type, strong contrast: readable on a laptop and from the back of a gym.
fn set_style(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    ctx.set_visuals(egui::Visuals::light());
    ctx.all_styles_mut(|style| {
        use egui::{FontFamily::Proportional, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Heading, FontId::new(28.0, Proportional)),
            (TextStyle::Body, FontId::new(19.0, Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(17.0, egui::FontFamily::Monospace),
            ),
            (TextStyle::Button, FontId::new(19.0, Proportional)),
            (TextStyle::Small, FontId::new(15.0, Proportional)),
        ]
        .into();
        style.spacing.slider_width = 220.0;
        style.spacing.item_spacing = egui::vec2(8.0, 7.0);
        style.visuals.override_text_color = Some(egui::Color32::from_gray(15));
    });
    prefill_glyphs(ctx);
    Ok(())
}

/// Every size of type the views use, in points.
const TYPE_SIZES: [f32; 20] = [
    15.0, 17.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 28.0, 30.0, 34.0, 40.0, 42.0, 44.0,
    46.0, 48.0, 64.0, 18.0,
];

/// Lay out every character the views use, at every size, in egui's first
/// pass, so the font atlas reaches the GPU whole. Glyphs added later travel
/// as partial texture updates, and some of those are lost on the way (seen
/// as letters missing from the presenter's caption on the web and from
/// first frames on the desktop).
fn prefill_glyphs(ctx: &egui::Context) {
    let mut chars: String = (' '..='~').collect();
    chars.push_str("°·×–—…“”‘’✔✖⏱▶⏸★↶↻→←↑↓⚠✋◀§é☰");
    ctx.fonts_mut(|fonts| {
        for size in TYPE_SIZES {
            fonts.layout_no_wrap(
                chars.clone(),
                egui::FontId::proportional(size),
                egui::Color32::WHITE,
            );
        }
        fonts.layout_no_wrap(
            chars.clone(),
            egui::FontId::monospace(17.0),
            egui::Color32::WHITE,
        );
    });
}

/// Give the 3D camera the part of the window the panels leave.
fn fit_camera_to_view(
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

#[cfg(test)]
mod tests {
    use super::zoom_for;

    #[test]
    fn big_windows_zoom_in_and_projected_layouts_follow_the_window() {
        assert_eq!(zoom_for(1280.0, 720.0, false), 1.0);
        assert_eq!(zoom_for(1920.0, 1080.0, false), 1.0);
        assert_eq!(
            zoom_for(200.0, 150.0, false),
            1.0,
            "small windows fold panels instead"
        );
        assert_eq!(zoom_for(3840.0, 2160.0, false), 2.0);
        // Presenting: the 1280x720 layout, scaled to the window.
        assert_eq!(zoom_for(1920.0, 1080.0, true), 1.5);
        assert_eq!(zoom_for(640.0, 720.0, true), 0.5);
        assert_eq!(zoom_for(200.0, 150.0, true), 0.35);
    }
}
