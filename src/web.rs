//! The page around the web build: launch options from the URL query, the
//! view and drill mirrored on the page, and the "first frame rendered"
//! signal the page (and the browser test) waits for.

use bevy::prelude::*;

#[cfg(target_arch = "wasm32")]
use crate::notify::page;

/// The launch the page's URL asks for. A bad option is shown on the page
/// and the tutor opens its default view, so the class can still go on.
#[cfg(target_arch = "wasm32")]
pub fn launch_from_page() -> crate::launch::Launch {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    crate::launch::from_query(&query).unwrap_or_else(|message| {
        crate::notify::notice(&format!(
            "This page's address has an option Hinge cannot use: {message}. Opening the default view."
        ));
        crate::launch::Launch::default()
    })
}

/// Frames with the figure posed before calling the view ready: the first
/// is drawn whole (the browser test takes a picture at the signal and finds
/// the mannequin in it); waiting 3 frames cost about 0.3 s of the start.
const READY_AFTER_FRAMES: u32 = 1;

/// Whether the first frame with the mannequin has been drawn.
#[derive(Resource, Debug, Default)]
pub struct FirstFrame {
    pub shown: bool,
    frames: u32,
}

pub fn plugin(app: &mut App) {
    app.init_resource::<FirstFrame>();
    app.add_systems(Last, signal_first_frame);
    #[cfg(target_arch = "wasm32")]
    app.add_systems(Last, (mirror_to_page, mirror_photo_to_page));
    // Milestones of a start, for the browser test's breakdown.
    #[cfg(target_arch = "wasm32")]
    app.add_systems(PreStartup, || info!("hinge: start-up systems"))
        .add_systems(PostStartup, || info!("hinge: start-up done"));
}

/// The photo being checked, as `data-hinge-photo` ("NAME WxH") and its
/// verdict as `data-hinge-photo-verdict` ("stoop rounded_back", or "" until
/// the five marks are placed), for the browser test and a coach's page.
#[cfg(target_arch = "wasm32")]
fn mirror_photo_to_page(
    check: Option<Res<crate::views::photo::PhotoCheck>>,
    mut last: Local<(String, String, String, String)>,
) {
    let Some(check) = check.filter(|c| c.is_changed()) else {
        return;
    };
    let photo = match (&check.path, check.size) {
        (Some(p), Some((w, h))) => format!("{} {w}x{h}", p.display()),
        _ => String::new(),
    };
    let verdict = match &check.result {
        Some(Ok((_, v))) => std::iter::once(v.pattern.id())
            .chain(v.faults.iter().map(|f| f.id()))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    };
    if last.0 != photo {
        page::set_attribute("data-hinge-photo", &photo);
    }
    if last.1 != verdict {
        page::set_attribute("data-hinge-photo-verdict", &verdict);
    }
    // The marks as `--points` takes them, and what the view last said.
    let marks = crate::views::photo::ORDER
        .iter()
        .filter_map(|l| {
            check
                .marks
                .get(*l)
                .map(|p| format!("{}={:.0},{:.0}", l.id(), p.x, p.y))
        })
        .collect::<Vec<_>>()
        .join(";");
    if last.2 != marks {
        page::set_attribute("data-hinge-photo-marks", &marks);
    }
    let said = check
        .guess_note()
        .or(check.message.as_deref())
        .unwrap_or_default()
        .to_string();
    if last.3 != said {
        page::set_attribute("data-hinge-photo-message", &said);
    }
    *last = (photo, verdict, marks, said);
}

/// The view and the drill on screen, as `data-hinge-view` and
/// `data-hinge-drill` on the page's `<html>`: what a script (the browser
/// test, a coach's page around the app) can read without looking at pixels.
#[cfg(target_arch = "wasm32")]
fn mirror_to_page(
    state: Option<Res<State<crate::options::ViewState>>>,
    playback: Option<Res<crate::drill::Playback>>,
    mut last: Local<(Option<crate::options::ViewState>, Option<String>)>,
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

/// Once a figure has its skeleton (the handout has no main one) and a few
/// frames have gone by,
/// mark the page `data-hinge-ready="1"` and log `hinge: first frame` (the
/// page hides its loading screen; tests wait for it).
fn signal_first_frame(
    mut first: ResMut<FirstFrame>,
    frame: Res<bevy::diagnostic::FrameCount>,
    figures: Query<
        (),
        (
            With<crate::stage::figure::Figure>,
            With<crate::stage::model::Rig>,
        ),
    >,
) {
    if first.shown {
        return;
    }
    // Where a start goes (the browser test prints these with their times):
    // the first frames, then the figure's skeleton found.
    let web = cfg!(target_arch = "wasm32");
    if web && frame.0 < 2 {
        info!("hinge: frame {}", frame.0);
    }
    if figures.is_empty() {
        return;
    }
    if web && first.frames == 0 {
        info!("hinge: the figure is posed at frame {}", frame.0);
    }
    first.frames += 1;
    if first.frames < READY_AFTER_FRAMES {
        return;
    }
    first.shown = true;
    info!("hinge: first frame");
    #[cfg(target_arch = "wasm32")]
    page::set_attribute("data-hinge-ready", "1");
}
