//! The page around the web build: launch options from the URL query, a
//! notice line on the page for bad options, and the "first frame rendered"
//! signal the page (and the browser test) waits for. On the desktop these
//! go to the terminal or do nothing.

use bevy::prelude::*;

/// Tell the person running the app about a problem that does not stop it:
/// the terminal on the desktop; the page and the browser's console on the web.
pub fn notice(message: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("hinge: {message}");
        // Also on screen (`notice_banner`): a learner who started the tutor
        // from a desktop icon never sees the terminal.
        if let Ok(mut q) = PENDING.lock() {
            q.push(message.to_string());
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::console::warn_1(&format!("hinge: {message}").into());
        page::show_notice(message);
    }
}

/// The launch the page's URL asks for. A bad option is shown on the page
/// and the tutor opens its default view, so the class can still go on.
#[cfg(target_arch = "wasm32")]
pub fn launch_from_page() -> crate::launch::Launch {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    crate::launch::from_query(&query).unwrap_or_else(|message| {
        notice(&format!(
            "This page's address has an option Hinge cannot use: {message}. Opening the default view."
        ));
        crate::launch::Launch::default()
    })
}

/// Frames to wait after the figure is posed before calling the view ready
/// (the first ones may still be compiling shaders).
const READY_AFTER_FRAMES: u32 = 3;

/// Whether the first frame with the mannequin has been drawn.
#[derive(Resource, Debug, Default)]
pub struct FirstFrame {
    pub shown: bool,
    frames: u32,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<FirstFrame>();
    app.add_systems(Last, signal_first_frame);
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(bevy_egui::EguiPrimaryContextPass, notice_banner);
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Last, mirror_to_page);
}

/// The view and the drill on screen, as `data-hinge-view` and
/// `data-hinge-drill` on the page's `<html>`: what a script (the browser
/// test, a coach's page around the app) can read without looking at pixels.
#[cfg(target_arch = "wasm32")]
fn mirror_to_page(
    state: Option<Res<State<crate::modes::ViewState>>>,
    playback: Option<Res<crate::drill::Playback>>,
    mut last: Local<(Option<crate::modes::ViewState>, Option<String>)>,
) {
    let view = state.map(|s| *s.get());
    let drill = playback.as_deref().and_then(|p| p.drill.as_deref());
    if last.0 == view && last.1.as_deref() == drill {
        return;
    }
    let drill = drill.map(str::to_string);
    if let Some(v) = view {
        page::set_attribute("data-hinge-view", &format!("{:?}", v).to_lowercase());
    }
    page::set_attribute("data-hinge-drill", drill.as_deref().unwrap_or(""));
    *last = (view, drill);
}

/// Notices said since the last frame (desktop; the page shows them on the web).
#[cfg(not(target_arch = "wasm32"))]
static PENDING: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Seconds a notice stays on screen unless closed sooner.
#[cfg(not(target_arch = "wasm32"))]
const NOTICE_S: f32 = 30.0;

/// The notices, in a band at the bottom of the window with a close button,
/// each for half a minute.
#[cfg(not(target_arch = "wasm32"))]
fn notice_banner(
    mut contexts: bevy_egui::EguiContexts,
    time: Res<Time<Real>>,
    mut shown: Local<Vec<(String, f32)>>,
) -> Result {
    use bevy_egui::egui;
    let now = time.elapsed_secs();
    if let Ok(mut q) = PENDING.lock() {
        shown.extend(q.drain(..).map(|m| (m, now)));
    }
    shown.retain(|(_, at)| now - at < NOTICE_S);
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
                .fill(egui::Color32::from_rgb(255, 244, 214))
                .show(ui, |ui| {
                    ui.set_max_width(width);
                    for (i, (m, _)) in shown.iter().enumerate() {
                        ui.horizontal_wrapped(|ui| {
                            if ui.small_button("✖").on_hover_text("close").clicked() {
                                close = Some(i);
                            }
                            ui.label(
                                egui::RichText::new(format!("⚠ {m}")).color(egui::Color32::BLACK),
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

/// Once the main figure has its skeleton and a few frames have gone by,
/// mark the page `data-hinge-ready="1"` and log `hinge: first frame` (the
/// page hides its loading screen; tests wait for it).
fn signal_first_frame(
    mut first: ResMut<FirstFrame>,
    figures: Query<
        (),
        (
            With<crate::stage::figure::MainFigure>,
            With<crate::stage::figure::Rig>,
        ),
    >,
) {
    if first.shown || figures.is_empty() {
        return;
    }
    first.frames += 1;
    if first.frames < READY_AFTER_FRAMES {
        return;
    }
    first.shown = true;
    info!("hinge: first frame");
    #[cfg(target_arch = "wasm32")]
    page::mark_ready();
}

#[cfg(target_arch = "wasm32")]
mod page {
    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The page's `#hinge-notice` line (index.html has one), shown.
    pub fn show_notice(message: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id("hinge-notice")) {
            let text = el.text_content().unwrap_or_default();
            let text = if text.is_empty() {
                message.to_string()
            } else {
                format!("{text}\n{message}")
            };
            el.set_text_content(Some(&text));
            let _ = el.remove_attribute("hidden");
        }
    }

    pub fn mark_ready() {
        set_attribute("data-hinge-ready", "1");
    }

    pub fn set_attribute(name: &str, value: &str) {
        if let Some(el) = document().and_then(|d| d.document_element()) {
            let _ = el.set_attribute(name, value);
        }
    }
}
