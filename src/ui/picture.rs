//! "Save picture": what is on screen, panels and all, as a PNG. On the
//! desktop a file in the pictures folder (`HINGE_PICTURES_DIR` wins, then
//! the platform's Pictures/Hinge), never over an earlier one; in a browser
//! a download. A coach keeps it for their records or a handout.

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::input::Action;
use crate::options::ViewState;

/// A picture is being taken: present from the action until the frame the
/// screenshot is asked for, so a view can leave its own buttons out of it
/// (the handout does).
#[derive(Resource, Debug, Clone)]
pub struct PictureRequest {
    /// Frames still to draw before the shot (the layout without buttons
    /// needs one frame to settle).
    frames_left: u32,
    /// The file name without `.png`: `hinge-drills-barbell-rdl`.
    stem: String,
}

/// Run condition: a picture is being taken this frame.
pub fn capturing(request: Option<Res<PictureRequest>>) -> bool {
    request.is_some()
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, ask_for_picture.in_set(crate::Frame::ApplyActions));
    // After egui's pass: the frame the screenshot copies is the one just laid out.
    app.add_systems(Last, take_picture);
}

/// The file name for a picture of `view` (with the drill it shows).
pub fn picture_stem(view: ViewState, drill: Option<&str>) -> String {
    let view = match view {
        ViewState::Explore => "explore",
        ViewState::Compare => "compare",
        ViewState::Drills => "drills",
        ViewState::Quiz => "quiz",
        ViewState::Photo => "photo",
        ViewState::Handout => "handout",
    };
    let shows_drill = matches!(view, "drills" | "handout" | "compare");
    match drill.filter(|_| shows_drill) {
        Some(d) => format!("hinge-{view}-{d}"),
        None => format!("hinge-{view}"),
    }
}

fn ask_for_picture(
    mut actions: MessageReader<Action>,
    mut commands: Commands,
    state: Res<State<ViewState>>,
    playback: Res<crate::drill::Playback>,
    pending: Option<Res<PictureRequest>>,
) {
    if actions.read().any(|a| *a == Action::SavePicture) && pending.is_none() {
        commands.insert_resource(PictureRequest {
            frames_left: 1,
            stem: picture_stem(*state.get(), playback.drill.as_deref()),
        });
    }
}

fn take_picture(mut commands: Commands, request: Option<ResMut<PictureRequest>>) {
    let Some(mut request) = request else { return };
    if request.frames_left > 0 {
        request.frames_left -= 1;
        return;
    }
    let stem = std::mem::take(&mut request.stem);
    commands.remove_resource::<PictureRequest>();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>| {
            match captured.image.clone().try_into_dynamic() {
                // The alpha channel carries the renderer's brightness, not
                // coverage: the picture is opaque.
                Ok(image) => save(&stem, image.to_rgb8()),
                Err(e) => crate::notify::notice(&format!("cannot save the picture: {e}")),
            }
        },
    );
}

/// Where pictures go on the desktop.
#[cfg(not(target_arch = "wasm32"))]
pub fn pictures_dir() -> std::path::PathBuf {
    if let Some(dir) = std::env::var_os("HINGE_PICTURES_DIR") {
        return dir.into();
    }
    dirs::picture_dir()
        .or_else(dirs::home_dir)
        .map_or_else(|| ".".into(), |d| d.join("Hinge"))
}

/// `dir/stem.png`, or `stem-2.png`, `stem-3.png`... the first not taken:
/// a picture never replaces an earlier one.
#[cfg(not(target_arch = "wasm32"))]
pub fn free_path(dir: &std::path::Path, stem: &str) -> std::path::PathBuf {
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.png")),
            n => dir.join(format!("{stem}-{n}.png")),
        })
        .find(|p| !p.exists())
        .expect("some number is free")
}

/// A picture is for sharing: readable like any other file the person
/// makes (the atomic write's temporary file starts private).
#[cfg(not(target_arch = "wasm32"))]
fn readable_by_all(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
fn save(stem: &str, image: image::RgbImage) {
    let dir = pictures_dir();
    let path = free_path(&dir, stem);
    let mut png = Vec::new();
    let written = image
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())
        .and_then(|()| crate::store::write_atomic(&path, &png).map_err(|e| e.to_string()))
        .and_then(|()| readable_by_all(&path).map_err(|e| e.to_string()));
    match written {
        Ok(()) => crate::notify::done(&format!("picture saved: {}", path.display())),
        Err(e) => crate::notify::notice(&format!(
            "cannot save the picture to {}: {e}",
            path.display()
        )),
    }
}

/// In a browser: the page's own PNG encoder (a 2D canvas) and a download,
/// so the module carries no encoder of its own.
#[cfg(target_arch = "wasm32")]
fn save(stem: &str, image: image::RgbImage) {
    if let Err(e) = download(stem, &image) {
        crate::notify::notice(&format!("cannot save the picture: {e:?}"));
    }
}

#[cfg(target_arch = "wasm32")]
fn download(stem: &str, image: &image::RgbImage) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let (w, h) = image.dimensions();
    let mut rgba = Vec::with_capacity((w * h * 4) as usize);
    for p in image.pixels() {
        rgba.extend_from_slice(&[p.0[0], p.0[1], p.0[2], 255]);
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or("no 2D canvas")?
        .dyn_into()?;
    let data =
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(&rgba), w, h)?;
    context.put_image_data(&data, 0.0, 0.0)?;
    let url = canvas.to_data_url_with_type("image/png")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(&format!("{stem}.png"));
    link.click();
    crate::notify::done(&format!("picture downloaded: {stem}.png"));
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_picture_is_named_for_its_view_and_never_replaces_an_earlier_one() {
        assert_eq!(
            picture_stem(ViewState::Drills, Some("barbell-rdl")),
            "hinge-drills-barbell-rdl"
        );
        // Explore has no drill on stage, whatever was played before.
        assert_eq!(
            picture_stem(ViewState::Explore, Some("barbell-rdl")),
            "hinge-explore"
        );
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "hinge-explore");
        assert_eq!(first, dir.path().join("hinge-explore.png"));
        std::fs::write(&first, b"x").unwrap();
        let second = free_path(dir.path(), "hinge-explore");
        assert_eq!(second, dir.path().join("hinge-explore-2.png"));
        std::fs::write(&second, b"x").unwrap();
        assert_eq!(
            free_path(dir.path(), "hinge-explore"),
            dir.path().join("hinge-explore-3.png")
        );
    }
}
