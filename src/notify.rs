//! Messages to the person using the tutor about a problem that does not stop
//! it: on the desktop the terminal and a band on screen (`ui::notices`), on
//! the web the page's notice line and the browser's console.

/// What a notice tells: a problem, or that something asked for is done
/// (a picture saved, and where).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Problem,
    Done,
}

/// Tell the person running the app about a problem that does not stop it.
pub fn notice(message: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("hinge: {message}");
        // Also on screen: a learner who started the tutor from a desktop
        // icon never sees the terminal.
        if let Ok(mut q) = PENDING.lock() {
            q.push((Tone::Problem, message.to_string()));
        }
    }
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::console::warn_1(&format!("hinge: {message}").into());
        page::show_notice(message);
    }
}

/// Tell the person that what they asked for is done (desktop: the terminal
/// and the band; in a browser the download itself shows it).
pub fn done(message: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!("hinge: {message}");
        if let Ok(mut q) = PENDING.lock() {
            q.push((Tone::Done, message.to_string()));
        }
    }
    #[cfg(target_arch = "wasm32")]
    web_sys::console::info_1(&format!("hinge: {message}").into());
}

/// Notices said since the last frame (desktop; the page shows them on the web).
#[cfg(not(target_arch = "wasm32"))]
static PENDING: std::sync::Mutex<Vec<(Tone, String)>> = std::sync::Mutex::new(Vec::new());

/// The notices said since the last call, for the screen band.
pub fn take_pending() -> Vec<(Tone, String)> {
    #[cfg(not(target_arch = "wasm32"))]
    if let Ok(mut q) = PENDING.lock() {
        return q.drain(..).collect();
    }
    Vec::new()
}

/// The page around the web build: its notice line and attributes.
#[cfg(target_arch = "wasm32")]
pub mod page {
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

    /// An attribute on the page's `<html>`.
    pub fn set_attribute(name: &str, value: &str) {
        if let Some(el) = document().and_then(|d| d.document_element()) {
            let _ = el.set_attribute(name, value);
        }
    }
}
