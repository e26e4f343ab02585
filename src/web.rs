//! The page around the web build: launch options from the URL query, the
//! view and drill mirrored on the page, and the "first frame rendered"
//! signal the page (and the browser test) waits for.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::mesh::skinning::SkinnedMesh;
use bevy::pbr::SpecializedMaterialPipelineCache;
use bevy::prelude::*;
use bevy::render::Extract;
use bevy::render::render_resource::PipelineCache;
use bevy::render::sync_world::MainEntity;
use bevy::render::view::{ExtractedView, RenderVisibleEntities};

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

/// Frames with the figure posed after which the view is called ready even
/// if the renderer never confirmed the figure drawn (a model the check
/// below cannot follow): a loading screen must not stay up for good.
const READY_AT_THE_LATEST: u32 = 30;

/// Frames since the figure was first posed (main world; whether it has been
/// drawn is [`FigureDrawn`]).
#[derive(Resource, Debug, Default)]
pub struct FirstFrame {
    frames: u32,
}

/// Set by the render world in the frame it first draws the figure (or by
/// the main world giving up waiting), read by both.
#[derive(Resource, Clone, Debug, Default)]
pub struct FigureDrawn(Arc<AtomicBool>);

impl FigureDrawn {
    fn get(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }

    /// Marks it drawn; `true` the first time only.
    fn set(&self) -> bool {
        !self.0.swap(true, Ordering::AcqRel)
    }
}

/// Not yet drawn: the render world's checks run until then.
fn not_drawn(drawn: Res<FigureDrawn>) -> bool {
    !drawn.get()
}

/// In the render world: the skinned meshes (a figure's body; their
/// main-world entities), once the main world has posed the figure.
#[derive(Resource, Debug, Default)]
struct PosedFigureMeshes(Vec<MainEntity>);

pub fn plugin(app: &mut App) {
    app.init_resource::<FirstFrame>();
    let drawn = FigureDrawn::default();
    app.insert_resource(drawn.clone());
    app.add_systems(Last, signal_first_frame);
    // A figure is drawn once every skinned mesh it shows has its pipeline
    // made: on the web Bevy makes a frame's pipelines before drawing it, but
    // one whose shader has not arrived waits for a later frame. Frame 0
    // poses the figure and draws nothing (the shaders the renderer loads as
    // it starts arrive after it), so "posed" was a frame or two early: 1-3 s
    // on this machine (the canvas read after each frame in headless
    // Chromium).
    if let Some(render_app) = app.get_sub_app_mut(bevy::render::RenderApp) {
        render_app
            .insert_resource(drawn)
            .init_resource::<PosedFigureMeshes>()
            .add_systems(ExtractSchedule, extract_posed_figure.run_if(not_drawn))
            .add_systems(
                bevy::render::Render,
                confirm_figure_drawn
                    .run_if(not_drawn)
                    .in_set(bevy::render::RenderSystems::Cleanup),
            );
    } else {
        // Without a renderer, posed is as far as a figure goes.
        drawn.set();
    }
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

/// Once a figure has its skeleton (the handout has no main one) and the
/// renderer has drawn it (`confirm_figure_drawn`), mark the page
/// `data-hinge-ready="1"` and log `hinge: first frame` (the page hides its
/// loading screen; tests wait for it).
fn signal_first_frame(
    mut first: ResMut<FirstFrame>,
    drawn: Res<FigureDrawn>,
    frame: Res<bevy::diagnostic::FrameCount>,
    figures: Query<
        (),
        (
            With<crate::stage::figure::Figure>,
            With<crate::stage::model::Rig>,
        ),
    >,
) {
    // Where a start goes (the browser test prints these with their times):
    // the first frames, then the figure's skeleton found.
    let web = cfg!(target_arch = "wasm32");
    if web && frame.0 < 3 {
        info!("hinge: frame {}", frame.0);
    }
    if drawn.get() {
        return;
    }
    if first.frames == 0 {
        if figures.is_empty() {
            return;
        }
        if web {
            info!("hinge: the figure is posed at frame {}", frame.0);
        }
    }
    // (Counted on from the posed frame even if the figure goes, as when the
    // learner changes views before it is drawn: the fallback still comes.)
    first.frames += 1;
    // (The page is told by the render world, in the frame that draws the
    // figure; this only gives up waiting.)
    if first.frames >= READY_AT_THE_LATEST && drawn.set() {
        warn!(
            "hinge: the figure was not seen drawn after {READY_AT_THE_LATEST} frames; calling the view ready"
        );
        tell_the_page();
    }
}

/// Skinned meshes: a figure's body.
type SkinnedMeshes<'w, 's> = Query<'w, 's, Entity, (With<Mesh3d>, With<SkinnedMesh>)>;

/// The figure's skinned meshes, for the render world, once posed.
fn extract_posed_figure(
    first: Extract<Res<FirstFrame>>,
    meshes: Extract<SkinnedMeshes>,
    mut posed: ResMut<PosedFigureMeshes>,
) {
    posed.0.clear();
    if first.frames > 0 {
        posed.0.extend(meshes.iter().map(MainEntity::from));
    }
}

/// The cameras' views (not the lights'), with what each sees.
type CameraViews<'w, 's> = Query<
    'w,
    's,
    (&'static ExtractedView, &'static RenderVisibleEntities),
    With<bevy::render::camera::ExtractedCamera>,
>;

/// After a frame is drawn: if some camera saw a skinned mesh of the posed
/// figure, and every such mesh a camera saw had its pipeline made for that
/// camera's view, that frame showed the figure.
fn confirm_figure_drawn(
    drawn: Res<FigureDrawn>,
    posed: Res<PosedFigureMeshes>,
    views: CameraViews,
    specialized: Res<SpecializedMaterialPipelineCache>,
    pipelines: Res<PipelineCache>,
) {
    if posed.0.is_empty() {
        return;
    }
    let mut seen = 0;
    for (view, visible) in &views {
        let cache = specialized.get(&view.retained_view_entity);
        let Some(visible) = visible.get::<Mesh3d>() else {
            continue;
        };
        for (_, mesh) in visible.iter_visible() {
            if !posed.0.contains(mesh) {
                continue;
            }
            let made = cache
                .and_then(|c| c.get(mesh))
                .is_some_and(|id| pipelines.get_render_pipeline(*id).is_some());
            if !made {
                return;
            }
            seen += 1;
        }
    }
    if seen > 0 && drawn.set() {
        tell_the_page();
    }
}

/// Log `hinge: first frame` and mark the page ready.
fn tell_the_page() {
    info!("hinge: first frame");
    #[cfg(target_arch = "wasm32")]
    page::set_attribute("data-hinge-ready", "1");
}
