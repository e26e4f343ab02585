//! The photo view in a browser. A photo comes from the page: a file chosen
//! with the view's "Open a photo" button (a hidden file input), one dropped
//! anywhere on the page, or the address in `?photo=`. The browser decodes it
//! (the module carries no image codec), a canvas gives its pixels at most
//! `SHOWN_SIDE_PX` on the long side, and the view takes them the next frame.
//! A chosen file is read through an object URL in the page: nothing is sent
//! anywhere. "Guess the marks" hands the photo's canvas to the page's pose
//! model (web/pose-guess.js), whose landmarks come back the same way.

use std::cell::RefCell;

use bevy_egui::egui;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::SHOWN_SIDE_PX;

/// A photo the page has read (its name, its own size, the picture to show),
/// or why it could not be read.
pub type Arrival = Result<(String, (u32, u32), egui::ColorImage), String>;

/// The pose model's landmarks on the photo (its own pixels), or why there
/// are none.
pub type Guess = Result<Vec<[f32; 3]>, String>;

thread_local! {
    static ARRIVED: RefCell<Vec<Arrival>> = const { RefCell::new(Vec::new()) };
    static GUESSED: RefCell<Vec<Guess>> = const { RefCell::new(Vec::new()) };
    /// The last photo's canvas, and how many of its own pixels one of the
    /// canvas's is.
    static CANVAS: RefCell<Option<(web_sys::HtmlCanvasElement, f32)>> = const { RefCell::new(None) };
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// web/pose-guess.js.
    #[wasm_bindgen(js_namespace = window, js_name = hingeGuessMarks, catch)]
    fn hinge_guess_marks(
        canvas: &web_sys::HtmlCanvasElement,
        done: &wasm_bindgen::JsValue,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Ask the page's pose model for the last photo's landmarks; they come
/// back through [`take_guessed`].
pub fn guess() {
    let Some((canvas, scale)) = CANVAS.with(|c| c.borrow().clone()) else {
        GUESSED.with(|g| g.borrow_mut().push(Err("no photo to guess from".into())));
        return;
    };
    let done = Closure::once_into_js(move |json: String| {
        GUESSED.with(|g| g.borrow_mut().push(read_guess(&json, scale)));
    });
    if hinge_guess_marks(&canvas, &done).is_err() {
        GUESSED.with(|g| {
            g.borrow_mut()
                .push(Err("this page has no pose model".into()))
        });
    }
}

/// The page's answer: `{"landmarks": [[x, y, visibility], ...]}` in the
/// canvas's pixels, or `{"error": "..."}`.
fn read_guess(json: &str, scale: f32) -> Guess {
    #[derive(serde::Deserialize)]
    struct Answer {
        landmarks: Option<Vec<[f32; 3]>>,
        error: Option<String>,
    }
    let a: Answer =
        serde_json::from_str(json).map_err(|e| format!("the pose model's answer: {e}"))?;
    match (a.landmarks, a.error) {
        (Some(points), _) => Ok(points
            .into_iter()
            .map(|[x, y, v]| [x * scale, y * scale, v])
            .collect()),
        (None, e) => Err(e.unwrap_or_else(|| "the pose model said nothing".into())),
    }
}

/// The pose model's answers since the last call.
pub fn take_guessed() -> Vec<Guess> {
    GUESSED.with(|g| std::mem::take(&mut *g.borrow_mut()))
}

/// The file input's id on the page (the browser test sets files on it).
const INPUT_ID: &str = "hinge-photo-input";

/// Photos the page has read since the last call.
pub fn take_arrived() -> Vec<Arrival> {
    ARRIVED.with(|a| std::mem::take(&mut *a.borrow_mut()))
}

fn arrive(a: Arrival) {
    ARRIVED.with(|v| v.borrow_mut().push(a));
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Once, at start: the hidden file input the view's button opens, and a
/// picture dropped anywhere on the page.
pub fn listen() {
    let Some(doc) = document() else {
        return;
    };
    if doc.get_element_by_id(INPUT_ID).is_some() {
        return;
    }
    let Ok(input) = doc.create_element("input").and_then(|e| {
        e.dyn_into::<web_sys::HtmlInputElement>()
            .map_err(Into::into)
    }) else {
        return;
    };
    input.set_type("file");
    input.set_accept("image/*");
    input.set_id(INPUT_ID);
    input.set_hidden(true);
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            open_file(&file);
        }
        // The same file chosen again opens again.
        input.set_value("");
    });
    let _ = input.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    on_change.forget();
    if let Some(body) = doc.body() {
        let _ = body.append_child(&input);
    }
    // A drop needs its dragover refused by the page, or the browser opens
    // the picture in place of the tutor.
    let on_over = Closure::<dyn FnMut(web_sys::DragEvent)>::new(|e: web_sys::DragEvent| {
        e.prevent_default();
    });
    let on_drop = Closure::<dyn FnMut(web_sys::DragEvent)>::new(|e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0))
        {
            open_file(&file);
        }
    });
    let _ = doc.add_event_listener_with_callback("dragover", on_over.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("drop", on_drop.as_ref().unchecked_ref());
    on_over.forget();
    on_drop.forget();
}

/// The browser's file chooser (from a click or tap: the browser lets a page
/// open it only just after one).
pub fn choose() {
    if let Some(input) = document()
        .and_then(|d| d.get_element_by_id(INPUT_ID))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        input.click();
    }
}

/// A file the learner chose or dropped.
fn open_file(file: &web_sys::File) {
    let name = file.name();
    if !file.type_().starts_with("image/") {
        arrive(Err(format!(
            "{name}: not a picture (open a side photo, PNG or JPEG)"
        )));
        return;
    }
    match web_sys::Url::create_object_url_with_blob(file) {
        Ok(url) => read(&url, &name),
        Err(e) => arrive(Err(format!("{name}: the browser cannot read it ({e:?})"))),
    }
}

/// Read the picture at `url` (an object URL, or an address on this site or
/// one that allows it) as the photo called `name`.
pub fn read(url: &str, name: &str) {
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        arrive(Err(format!("{name}: this browser cannot read pictures")));
        return;
    };
    let blob = url.starts_with("blob:");
    if !blob {
        // Pixels of another site's picture can be read only if it allows it.
        img.set_cross_origin(Some("anonymous"));
    }
    let (ok_name, bad_name, ok_url) = (name.to_string(), name.to_string(), url.to_string());
    let loaded = img.clone();
    let on_load = Closure::once_into_js(move || {
        arrive(pixels(&loaded, &ok_name));
        if blob {
            let _ = web_sys::Url::revoke_object_url(&ok_url);
        }
    });
    let on_error = Closure::once_into_js(move || {
        arrive(Err(format!(
            "{bad_name}: the browser could not open it as a picture (a side photo, PNG or JPEG; from another site only if that site allows it)"
        )));
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_onerror(Some(on_error.unchecked_ref()));
    img.set_src(url);
}

/// A loaded picture's own size and its pixels at the size shown.
fn pixels(img: &web_sys::HtmlImageElement, name: &str) -> Arrival {
    let (w, h) = (img.natural_width(), img.natural_height());
    if let Some(why) = crate::coach::photo::size_problem(w, h) {
        return Err(format!("{name}: {why}"));
    }
    let scale = (f64::from(SHOWN_SIDE_PX) / f64::from(w.max(h))).min(1.0);
    let sw = ((f64::from(w) * scale).round() as u32).max(1);
    let sh = ((f64::from(h) * scale).round() as u32).max(1);
    let drawn = || -> Result<Vec<u8>, wasm_bindgen::JsValue> {
        let canvas: web_sys::HtmlCanvasElement = document()
            .ok_or("no page")?
            .create_element("canvas")?
            .dyn_into()?;
        canvas.set_width(sw);
        canvas.set_height(sh);
        let context: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or("no 2D canvas")?
            .dyn_into()?;
        context.draw_image_with_html_image_element_and_dw_and_dh(
            img,
            0.0,
            0.0,
            f64::from(sw),
            f64::from(sh),
        )?;
        let rgba = context
            .get_image_data(0.0, 0.0, f64::from(sw), f64::from(sh))?
            .data()
            .0;
        CANVAS.with(|c| *c.borrow_mut() = Some((canvas, w as f32 / sw as f32)));
        Ok(rgba)
    };
    let rgba =
        drawn().map_err(|e| format!("{name}: the browser would not give its pixels ({e:?})"))?;
    Ok((
        name.to_string(),
        (w, h),
        egui::ColorImage::from_rgba_unmultiplied([sw as usize, sh as usize], &rgba),
    ))
}
