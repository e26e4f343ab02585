//! The page around the web build: launch options from the URL query, a
//! notice line on the page for bad options, and the "first frame rendered"
//! signal the page (and the browser test) waits for. On the desktop these
//! go to the terminal or do nothing.

use bevy::prelude::*;

/// Tell the person running the app about a problem that does not stop it:
/// the terminal on the desktop; the page and the browser's console on the web.
pub fn notice(message: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("{message}");
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::console::warn_1(&message.into());
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
        if let Some(el) = document().and_then(|d| d.document_element()) {
            let _ = el.set_attribute("data-hinge-ready", "1");
        }
    }
}
