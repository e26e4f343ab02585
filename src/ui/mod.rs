//! The egui layer every view builds on: the window-sized root, side panels
//! that fold away in a small window, the zoom, the type, the notices band,
//! the 3D view's rectangle, and the widgets the views share.

pub mod fonts;
mod help;
mod notices;
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
use crate::theme;

pub use crate::settings::PanelLayout;
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
    app.add_systems(
        PreUpdate,
        fonts::install
            .after(bevy_egui::EguiPreUpdateSet::InitContexts)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            (set_style.run_if(run_once), zoom_for_window, lend_layout)
                .chain()
                .in_set(UiPass::Style),
            (take_back_layout, viewport::fit_camera_to_view).in_set(UiPass::View),
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

/// Which side a panel stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Where the side panels' layout waits in egui's memory for the frame's
/// panels (`lend_layout`, `take_back_layout`).
fn layout_key() -> egui::Id {
    egui::Id::new("hinge panel layout")
}

fn floating_key() -> egui::Id {
    egui::Id::new("hinge buttons over the view")
}

/// The buttons floating over the 3D view this frame (a folded panel's
/// "☰ Coach", the fold arrow): the numbers beside a figure move off them,
/// or a phone's "Coach" button covers "centre of mass".
pub fn buttons_over_view(ctx: &egui::Context) -> Vec<egui::Rect> {
    ctx.data(|d| d.get_temp::<Vec<egui::Rect>>(floating_key()))
        .unwrap_or_default()
}

fn float_over_view(ctx: &egui::Context, rect: egui::Rect) {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Vec<egui::Rect>>(floating_key())
            .push(rect)
    });
}

/// The learner's panel layout, lent to the frame's panels.
fn lend_layout(layout: Res<PanelLayout>, mut contexts: EguiContexts) -> Result {
    lend(contexts.ctx_mut()?, &layout);
    Ok(())
}

/// Before a frame's panels: the layout lent, no button over the view yet.
fn lend(ctx: &egui::Context, layout: &PanelLayout) {
    ctx.data_mut(|d| {
        d.insert_temp(layout_key(), layout.clone());
        d.insert_temp(floating_key(), Vec::<egui::Rect>::new());
    });
}

/// What the panels did to it (a drag, a fold), kept (and so saved).
fn take_back_layout(mut layout: ResMut<PanelLayout>, mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?;
    if let Some(after) = ctx.data(|d| d.get_temp::<PanelLayout>(layout_key())) {
        layout.set_if_neq(after);
    }
    Ok(())
}

/// A side panel of `width` points. In a window big enough for it the
/// learner can drag its edge (0.7x to 1.8x, within 45% of the window) and
/// fold it away with the arrow on the 3D view's edge, to give the figure
/// the room; both are remembered. In a compact window, or folded, it waits
/// behind a button in its top corner (named `label`): in a compact window
/// that button opens it over the view, folded it docks it again. The
/// content is only built while it shows.
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
    };
    let mut layout: PanelLayout = ctx.data(|d| d.get_temp(layout_key())).unwrap_or_default();
    let folded = layout.folded.contains(id);
    if !compact(&ctx) && !folded {
        let max = (width * 1.8)
            .min(ctx.viewport_rect().width() * 0.45)
            .max(width * 0.7);
        let saved = layout.widths.get(id).copied().unwrap_or(width);
        let shown = panel
            .resizable(true)
            .default_size(saved.clamp(width * 0.7, max))
            .size_range(width * 0.7..=max)
            .show(root, |ui| {
                // The width the learner chose, whatever the content's.
                ui.set_min_width(ui.available_width());
                add(ui)
            });
        let rect = shown.response.rect;
        if (rect.width() - saved).abs() > 1.0 {
            layout.widths.insert(id.to_string(), rect.width().round());
        }
        let (pivot, at, arrow) = match side {
            Side::Left => (
                egui::Align2::LEFT_TOP,
                rect.right_top() + egui::vec2(4.0, 4.0),
                "◀",
            ),
            Side::Right => (
                egui::Align2::RIGHT_TOP,
                rect.left_top() + egui::vec2(-4.0, 4.0),
                "▶",
            ),
        };
        let fold = egui::Area::new(egui::Id::new((id, "fold")))
            .fixed_pos(at)
            .pivot(pivot)
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                let button = egui::Button::new(egui::RichText::new(arrow).size(18.0))
                    .min_size(egui::vec2(30.0, 30.0));
                if ui
                    .add(button)
                    .on_hover_text(format!(
                        "fold the {label} panel away (drag its edge to resize)"
                    ))
                    .clicked()
                {
                    layout.folded.insert(id.to_string());
                }
            });
        float_over_view(&ctx, fold.response.rect);
        ctx.data_mut(|d| d.insert_temp(layout_key(), layout));
        return Some(shown.inner);
    }
    if folded && !compact(&ctx) {
        // Folded by the learner: its button docks it again.
        let (anchor, offset) = match side {
            Side::Left => (egui::Align2::LEFT_TOP, egui::vec2(4.0, 4.0)),
            Side::Right => (egui::Align2::RIGHT_TOP, egui::vec2(-4.0, 4.0)),
        };
        let unfold = egui::Area::new(egui::Id::new((id, "unfold")))
            .anchor(anchor, offset)
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                let button =
                    egui::Button::new(egui::RichText::new(format!("☰ {label}")).size(21.0))
                        .min_size(egui::vec2(48.0, 44.0));
                if ui
                    .add(button)
                    .on_hover_text("show the panel again")
                    .clicked()
                {
                    layout.folded.remove(id);
                }
            });
        float_over_view(&ctx, unfold.response.rect);
        ctx.data_mut(|d| d.insert_temp(layout_key(), layout));
        return None;
    }
    let panel = panel.resizable(false);
    let key = egui::Id::new((id, "unfolded"));
    let mut open = ctx.data(|d| d.get_temp::<bool>(key)).unwrap_or(false);
    // Where the two buttons would meet (a phone held upright) the right one
    // goes under the left one, drawn first; held sideways they share the
    // top row, and the figure keeps its torso. Its own size is last frame's
    // (the first frame guesses from the window's width).
    let area = key.with("button");
    let below = match (side, ctx.memory(|m| m.area_rect(area))) {
        (Side::Left, _) => false,
        (Side::Right, Some(last)) => {
            let top = egui::Rect::from_min_size(
                egui::pos2(ctx.viewport_rect().max.x - 4.0 - last.width(), 4.0),
                last.size(),
            );
            buttons_over_view(&ctx)
                .iter()
                .any(|other| other.expand(4.0).intersects(top))
        }
        (Side::Right, None) => ctx.viewport_rect().width() < 600.0,
    };
    let below = if below { 52.0 } else { 0.0 };
    let (anchor, offset) = match side {
        Side::Left => (egui::Align2::LEFT_TOP, egui::vec2(4.0, 4.0)),
        Side::Right => (egui::Align2::RIGHT_TOP, egui::vec2(-4.0, 4.0 + below)),
    };
    let corner = egui::Area::new(area)
        .anchor(anchor, offset)
        .order(egui::Order::Foreground)
        .show(&ctx, |ui| {
            let text = if open {
                format!("✖ {label}")
            } else {
                format!("☰ {label}")
            };
            // A fingertip's size: a compact window is most often a phone.
            let button = egui::Button::new(egui::RichText::new(text).size(21.0))
                .min_size(egui::vec2(48.0, 44.0));
            if ui.add(button).clicked() {
                open = !open;
            }
        });
    float_over_view(&ctx, corner.response.rect);
    ctx.data_mut(|d| d.insert_temp(key, open));
    open.then(|| {
        panel
            .exact_size(width.min(ctx.viewport_rect().width()))
            .show(root, |ui| {
                // Room for the button over the panel's top.
                ui.add_space(52.0 + offset.y - 4.0);
                add(ui)
            })
            .inner
    })
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
    chars.push_str("°·×–—…“”‘’§é");
    chars.push_str(fonts::SYMBOLS);
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

#[cfg(test)]
mod tests {
    use super::{
        PanelLayout, Side, TextScale, buttons_over_view, layout_key, lend, root_ui, side_panel,
        zoom_for,
    };
    use bevy_egui::egui;

    /// One 1280x720 frame of a view with a left panel, the layout lent as
    /// the app lends it; what the panel left for the 3D view, and the
    /// layout after.
    fn panel_frame(
        ctx: &egui::Context,
        layout: &PanelLayout,
        events: Vec<egui::Event>,
    ) -> (Option<egui::Rect>, egui::Rect, PanelLayout) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            events,
            ..Default::default()
        };
        let mut shown = None;
        let mut left = egui::Rect::NOTHING;
        lend(ctx, layout);
        let mut full = ctx.run_ui(input, |ui| {
            let mut root = root_ui(ui.ctx(), "test");
            shown = side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |ui| {
                ui.label("sliders");
                ui.max_rect()
            });
            left = root.available_rect_before_wrap();
        });
        full.textures_delta.clear();
        let after = ctx
            .data(|d| d.get_temp::<PanelLayout>(layout_key()))
            .unwrap();
        (shown, left, after)
    }

    fn click(at: egui::Pos2) -> Vec<Vec<egui::Event>> {
        let button = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        vec![
            vec![egui::Event::PointerMoved(at)],
            vec![button(true)],
            vec![button(false)],
        ]
    }

    /// A phone: both panels fold behind finger-sized buttons over the view.
    /// Upright they would meet, so the right one goes under the left;
    /// held sideways they share the top row (the figure keeps its torso).
    #[test]
    fn on_a_phone_the_panel_buttons_share_the_top_row_where_they_fit() {
        // A 390x844 phone at the zoom a phone gets (1.5), upright and sideways.
        for (size, stacked) in [((260.0, 563.0), true), ((563.0, 260.0), false)] {
            let ctx = crate::ui::fonts::test_context();
            let mut over = vec![];
            for _ in 0..3 {
                lend(&ctx, &PanelLayout::default());
                let input = egui::RawInput {
                    screen_rect: Some(egui::Rect::from_min_size(
                        egui::Pos2::ZERO,
                        egui::vec2(size.0, size.1),
                    )),
                    ..Default::default()
                };
                let mut full = ctx.run_ui(input, |ui| {
                    let mut root = root_ui(ui.ctx(), "test");
                    side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |_| ());
                    side_panel(
                        &mut root,
                        "verdict",
                        Side::Right,
                        380.0,
                        "Coach: ✔ Good hinge",
                        |_| (),
                    );
                });
                full.textures_delta.clear();
                over = buttons_over_view(&ctx);
            }
            let [left, right] = over[..] else {
                panic!("{size:?}: two buttons over the view: {over:?}");
            };
            assert!(!left.intersects(right), "{size:?}: {left:?} {right:?}");
            assert!(right.right() > size.0 - 10.0, "{size:?}: {right:?}");
            if stacked {
                assert!(right.top() >= left.bottom(), "{size:?}: {left:?} {right:?}");
            } else {
                assert!(
                    (right.top() - left.top()).abs() < 1.0,
                    "{size:?}: {left:?} {right:?}"
                );
            }
        }
    }

    /// On a laptop the learner folds a side panel away to give the figure
    /// the room (the arrow on the 3D view's edge), docks it again with its
    /// button, and a width they dragged it to is used next time.
    #[test]
    fn a_side_panel_folds_away_docks_again_and_keeps_its_width() {
        let ctx = crate::ui::fonts::test_context();
        let mut layout = PanelLayout::default();
        let (shown, view, after) = panel_frame(&ctx, &layout, vec![]);
        assert!(shown.is_some());
        assert!((view.left() - 330.0).abs() < 12.0, "{view:?}");
        assert_eq!(after, layout, "nothing changed, nothing to save");
        // The fold arrow sits just right of the panel, at the top.
        for events in click(egui::pos2(view.left() + 18.0, 19.0)) {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        assert!(layout.folded.contains("controls"), "{layout:?}");
        let (shown, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!(shown.is_none());
        assert!(
            view.left() < 1.0,
            "the 3D view takes the whole width: {view:?}"
        );
        // Its button floats over the view's corner: the numbers beside the
        // figure are told to leave it free, once.
        let over = buttons_over_view(&ctx);
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].contains(egui::pos2(30.0, 26.0)), "{over:?}");
        // "☰ Controls" in the corner docks it again.
        for events in click(egui::pos2(30.0, 26.0)) {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        assert!(layout.folded.is_empty(), "{layout:?}");
        // Dragging its edge 100 points to the right widens it, and the
        // width is kept.
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        let edge = egui::pos2(view.left(), 400.0);
        let to = edge + egui::vec2(100.0, 0.0);
        let press = |pos, pressed| egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        for events in [
            vec![egui::Event::PointerMoved(edge)],
            vec![press(edge, true)],
            vec![egui::Event::PointerMoved(edge + egui::vec2(50.0, 0.0))],
            vec![egui::Event::PointerMoved(to)],
            vec![press(to, false)],
            vec![],
        ] {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        let kept = layout.widths.get("controls").copied().unwrap_or_default();
        assert!((kept - 430.0).abs() < 15.0, "dragged to {kept}: {layout:?}");
        // A width kept from before (a drag in an earlier run) is used, within bounds.
        let ctx = crate::ui::fonts::test_context();
        layout.widths.insert("controls".into(), 450.0);
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!((view.left() - 450.0).abs() < 12.0, "{view:?}");
        let ctx = crate::ui::fonts::test_context();
        layout.widths.insert("controls".into(), 5000.0);
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!(view.left() <= 1280.0 * 0.45 + 12.0, "{view:?}");
    }

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
