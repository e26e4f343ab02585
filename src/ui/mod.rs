//! The egui layer every view builds on: the window-sized root, side panels
//! that fold away in a small window, the zoom, the type, the notices band,
//! the 3D view's rectangle, and the widgets the views share.

pub mod fonts;
mod help;
mod notices;
mod panels;
pub mod picture;
mod viewport;
pub mod widgets;

use bevy::camera::CameraOutputMode;
use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy::window::PrimaryWindow;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};

use crate::options::Theme;
use crate::stage::camera::{SoftwareChecked, StageCamera};
use crate::theme;

pub use crate::settings::PanelLayout;
pub use panels::{Side, buttons_over_view, side_panel};
pub use picture::capturing;
pub use viewport::ViewRect;

/// The order of egui's pass: the style and zoom, then the view's panels,
/// then the 3D view gets what they leave, then the labels over it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UiPass {
    Style,
    Panels,
    View,
    Labels,
}

/// The projected layout (presenter mode, a group quiz): panels hidden, big
/// type in the theme's colours, the 1280x720 layout scaled to the window.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Projection {
    pub on: bool,
    pub theme: Theme,
}

/// What every view's panels need: egui, the 3D view's rectangle they
/// leave, the view tabs' way to another view, the on-screen buttons' way
/// to the actions keys have, the text size and the units of loads.
#[derive(bevy::ecs::system::SystemParam)]
pub struct ViewUi<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    pub rect: ResMut<'w, ViewRect>,
    pub next: ResMut<'w, NextState<crate::options::ViewState>>,
    pub actions: MessageWriter<'w, crate::input::Action>,
    pub text: ResMut<'w, TextScale>,
    /// Loads in kg or lb (the load sliders choose).
    pub units: ResMut<'w, crate::options::Units>,
}

/// The learner's own text size, on top of the window's zoom: the "Text"
/// buttons and Ctrl + / Ctrl - / Ctrl 0 on the desktop (the web follows
/// the browser's own zoom). Kept with the settings. Presenting keeps its
/// fixed 1280x720 layout, so it leaves this out.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct TextScale(pub f32);

impl Default for TextScale {
    fn default() -> Self {
        TextScale(1.0)
    }
}

impl TextScale {
    pub const MIN: f32 = 0.8;
    pub const MAX: f32 = 2.0;
    const STEP: f32 = 0.1;

    /// Within [`Self::MIN`, `Self::MAX`], in steps of a tenth (a damaged or
    /// hand-edited settings file cannot make the text vanish).
    pub fn clamped(scale: f32) -> TextScale {
        let s = if scale.is_finite() { scale } else { 1.0 };
        TextScale(((s.clamp(Self::MIN, Self::MAX)) * 10.0).round() / 10.0)
    }
    pub fn bigger(self) -> TextScale {
        Self::clamped(self.0 + Self::STEP)
    }
    pub fn smaller(self) -> TextScale {
        Self::clamped(self.0 - Self::STEP)
    }
}

impl ViewUi<'_, '_> {
    /// egui's context and a window-sized root for the view's panels.
    pub fn root(&mut self, id: &'static str) -> Result<(egui::Context, egui::Ui)> {
        let ctx = self.contexts.ctx_mut()?.clone();
        let root = root_ui(&ctx, id);
        Ok((ctx, root))
    }
}

/// Run condition: the projected layout is on.
pub fn projecting(p: Option<Res<Projection>>) -> bool {
    p.is_some_and(|p| p.on)
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Projection>()
        .init_resource::<ViewRect>()
        .init_resource::<TextScale>()
        .init_resource::<crate::options::Units>()
        .init_resource::<PanelLayout>()
        .add_message::<crate::input::Action>();
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, text_size_keys);
    app.configure_sets(
        EguiPrimaryContextPass,
        (UiPass::Style, UiPass::Panels, UiPass::View, UiPass::Labels).chain(),
    );
    app.add_plugins(picture::plugin);
    app.add_systems(Startup, spawn_ui_camera);
    app.add_observer(one_copy_on_a_cpu_renderer);
    app.add_systems(
        PreUpdate,
        fonts::install
            .after(bevy_egui::EguiPreUpdateSet::InitContexts)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            (
                set_style.run_if(run_once),
                zoom_for_window,
                panels::lend_layout,
            )
                .chain()
                .in_set(UiPass::Style),
            (panels::take_back_layout, viewport::fit_camera_to_view).in_set(UiPass::View),
            notices::notice_banner.in_set(UiPass::Labels),
            help::help_window.in_set(UiPass::Labels),
        ),
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

/// A printed sheet (the handout) is laid out for this many points across.
pub const SHEET_WIDTH_PT: f32 = 1280.0;

/// egui's zoom for a sheet in a `width` x `height` window or picture: the
/// layout's width fills it (an A4 page at 150 dpi, 1754 pixels, reads like
/// a 1280-point screen), unless that makes it too tall to fit.
pub fn zoom_for_sheet(width: f32, height: f32) -> f32 {
    (width / SHEET_WIDTH_PT)
        .min(height / (SHEET_WIDTH_PT * 0.6))
        .clamp(0.35, 4.0)
}

fn zoom_for_window(
    window: Query<&Window, With<PrimaryWindow>>,
    (projection, text): (Res<Projection>, Res<TextScale>),
    state: Option<Res<State<crate::options::ViewState>>>,
    mut contexts: EguiContexts,
) -> Result {
    let Ok(window) = window.single() else {
        return Ok(());
    };
    let sheet = state.is_some_and(|s| *s.get() == crate::options::ViewState::Handout);
    let mut zoom = zoom_for(window.width(), window.height(), projection.on);
    if sheet {
        // A handout is laid out like the page it prints on, at any size.
        zoom = zoom_for_sheet(window.width(), window.height());
    } else if !projection.on {
        zoom *= text.0;
    }
    let ctx = contexts.ctx_mut()?;
    if (ctx.zoom_factor() - zoom).abs() > 0.01 {
        ctx.set_zoom_factor(zoom);
    }
    Ok(())
}

/// Ctrl (or Cmd) with + / - / 0 makes the text bigger, smaller, or as it
/// was, as in a browser (egui's own shortcut is off: the zoom is ours).
#[cfg(not(target_arch = "wasm32"))]
fn text_size_keys(keys: Res<ButtonInput<KeyCode>>, mut text: ResMut<TextScale>) {
    let held = |a, b| keys.pressed(a) || keys.pressed(b);
    if !held(KeyCode::ControlLeft, KeyCode::ControlRight)
        && !held(KeyCode::SuperLeft, KeyCode::SuperRight)
    {
        return;
    }
    let new = if keys.any_just_pressed([KeyCode::Equal, KeyCode::NumpadAdd]) {
        text.bigger()
    } else if keys.any_just_pressed([KeyCode::Minus, KeyCode::NumpadSubtract]) {
        text.smaller()
    } else if keys.any_just_pressed([KeyCode::Digit0, KeyCode::Numpad0]) {
        TextScale::default()
    } else {
        return;
    };
    text.set_if_neq(new);
}

/// The window is too small for the side panels beside the 3D view.
pub fn compact(ctx: &egui::Context) -> bool {
    let r = ctx.viewport_rect();
    r.width() < COMPACT_BELOW.x || r.height() < COMPACT_BELOW.y
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

/// On a CPU renderer the stage and the UI camera both draw without
/// multisampling, so Bevy gives them one texture to draw in: there the
/// stage leaves its picture in it, the UI camera draws over it without
/// clearing it first and copies the finished frame to the window once. The
/// stage's copy to the window, the UI's clear and its blended copy were
/// three passes over every pixel each frame, about 6% of the explore view's
/// frame in CPU time (`hinge fps --view explore`). With multisampling (a
/// GPU) the stage has a texture of its own and each camera copies its own.
/// It runs once, when the stage camera's multisampling has been chosen.
fn one_copy_on_a_cpu_renderer(
    checked: On<Add, SoftwareChecked>,
    mut stage: Query<(&mut Camera, &Msaa), With<StageCamera>>,
    mut ui: Query<&mut Camera, (With<PrimaryEguiContext>, Without<StageCamera>)>,
) {
    let (Ok((mut stage, msaa)), Ok(mut ui)) = (stage.get_mut(checked.entity), ui.single_mut())
    else {
        return;
    };
    if *msaa != Msaa::Off {
        return;
    }
    debug!("hinge: a CPU renderer: the stage and the UI share one copy to the window");
    stage.output_mode = CameraOutputMode::Skip;
    ui.clear_color = ClearColorConfig::None;
    ui.output_mode = CameraOutputMode::Write {
        blend_state: None,
        clear_color: ClearColorConfig::None,
    };
}

/// Large type, strong contrast: readable on a laptop and from the back of a gym.
fn set_style(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    ctx.set_visuals(egui::Visuals::light());
    // The zoom is `zoom_for_window`'s, with the learner's `TextScale`.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
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
        style.visuals.override_text_color = Some(theme::TEXT);
        // The panels show the backdrop the 3D view is cleared to, around
        // the part of the window it draws in (`viewport::fit_camera_to_view`),
        // rather than paint and blend a fill over half the window each
        // frame: about a tenth of the explore view's frame on a CPU renderer
        // (`hinge fps --view explore`), and fill rate a projector's
        // integrated graphics need elsewhere.
        style.visuals.panel_fill = egui::Color32::TRANSPARENT;
        // Each glyph drawn once, on whole pixels, rather than at up to four
        // sub-pixel offsets: sharper letters for a projector, and a third of
        // the atlas. Laying out the explore view's panel text took 16 ms with
        // the offsets and 7 ms without (native, 2026-12-07); in a browser
        // drawing the first frame's glyphs took 160 ms of the start.
        style.visuals.text_options.subpixel_binning = false;
    });
    // No glyphs are laid out ahead: each reaches egui's atlas the first
    // time text needs it, and the GPU as a partial update. Laying out every
    // character in twenty sizes at start (to send the atlas whole) took
    // 1.3 s of the release web build's start, and with egui's sub-pixel
    // bins it never held all the glyphs later text uses anyway; the
    // browser test's screenshots (presenter captions, plan steps, the
    // handout) show every letter without it.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{TextScale, zoom_for};

    #[test]
    fn the_text_size_moves_in_tenths_and_stays_readable() {
        let mut t = TextScale::default();
        for _ in 0..30 {
            t = t.bigger();
        }
        assert_eq!(t, TextScale(TextScale::MAX));
        for _ in 0..30 {
            t = t.smaller();
        }
        assert_eq!(t, TextScale(TextScale::MIN));
        assert_eq!(TextScale(1.0).bigger(), TextScale(1.1));
        assert_eq!(TextScale::clamped(f32::NAN), TextScale(1.0));
        assert_eq!(TextScale::clamped(0.0), TextScale(TextScale::MIN));
    }

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
