//! "Check my hinge": a learner's own side photo. They open it (the view's
//! button, a drop on the window or `--photo FILE`; on the web a drop on
//! the page or `?photo=URL`), tap the joints in the order asked, and
//! get the coach's verdict in the same words as the mannequin's, with what
//! the photo cannot show said plainly; the mannequin takes their pose beside
//! the correct hinge at the same depth. The marks are kept in a small RON
//! file beside the photo (in the browser's storage on the web). Photos
//! never leave the machine.

#[cfg(not(target_arch = "wasm32"))]
mod desktop;
mod panel;
#[cfg(target_arch = "wasm32")]
pub mod web;

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use serde::{Deserialize, Serialize};

use crate::Frame;
use crate::body::PoseRequest;
use crate::coach::Verdict;
use crate::coach::photo::{Landmark, Marks, PhotoPose, fit, verdict};
use crate::options::ViewState;
use crate::overlay::Badge;
use crate::pose::{FixedPose, PoseControls, Role};
use crate::stage::camera::{HOME_DISTANCE_M, Orbit, fit_distance};
use crate::stage::figure::{CoachThresholds, Figure, FigureSpawner, MainFigure};
use crate::ui::{UiPass, projecting};
use crate::views::figures::Row;

/// The largest side, in pixels, a photo is shown at (marks keep the
/// photo's own pixels): a phone's 12-megapixel picture is drawn at 2048.
const SHOWN_SIDE_PX: u32 = 2048;

/// The photo being checked, its marks and the coach's answer.
#[derive(Resource, Default)]
pub struct PhotoCheck {
    /// The file, once chosen.
    pub path: Option<PathBuf>,
    /// The photo's own size in pixels.
    pub size: Option<(u32, u32)>,
    /// The decoded picture, until egui has it as a texture.
    pixels: Option<egui::ColorImage>,
    texture: Option<egui::TextureHandle>,
    pub marks: Marks,
    /// The mark being dragged.
    dragging: Option<Landmark>,
    /// How much larger than "fit to the panel" the photo is shown.
    pub zoom: f32,
    /// How far the zoomed photo is moved in its frame, in screen points.
    pan: Vec2,
    /// The frame's size on screen, in points (the photo fitted to it).
    frame: Vec2,
    /// On the web: the page is reading the photo.
    reading: bool,
    /// On the web: the page's pose model is guessing the marks.
    #[cfg(target_arch = "wasm32")]
    guessing: bool,
    /// On the web: what the pose model's guess came to.
    #[cfg(target_arch = "wasm32")]
    guess_note: Option<String>,
    /// On the desktop: the file chooser, while it is open.
    #[cfg(not(target_arch = "wasm32"))]
    chooser: Option<desktop::Choosing>,
    /// What went wrong opening or saving, or what was saved.
    pub message: Option<String>,
    /// The coach's answer for the marks as they are.
    pub result: Option<Result<(PhotoPose, Verdict), Vec<String>>>,
}

/// The marks as kept beside the photo (`NAME.hinge-marks.ron`), or in the
/// browser's storage under the photo's name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct KeptMarks {
    version: u32,
    /// Each landmark's pixel, by its `--points` name.
    points: Vec<(String, (f32, f32))>,
}

impl crate::store::Versioned for KeptMarks {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<PhotoCheck>()
        .add_message::<bevy::window::FileDragAndDrop>();
    app.add_systems(Update, take_dropped_file.in_set(Frame::ApplyActions));
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Update, desktop::take_chosen.in_set(Frame::ApplyActions));
    #[cfg(target_arch = "wasm32")]
    {
        app.add_systems(Startup, web::listen);
        app.add_systems(
            Update,
            (take_page_photo, take_guess).in_set(Frame::ApplyActions),
        );
    }
    app.add_systems(OnEnter(ViewState::Photo), (use_sliders, stage_pair));
    app.add_systems(
        Update,
        (
            (load_photo, judge_marks).chain().in_set(Frame::DrivePoses),
            fit_camera.in_set(crate::stage::camera::FitCamera::View),
        )
            .run_if(in_state(ViewState::Photo)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        panel::panels
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Photo))
            .run_if(not(projecting)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        panel::projected
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Photo))
            .run_if(projecting),
    );
}

/// No drill on the stage: the figures stand as the photo says.
fn use_sliders(mut source: ResMut<crate::pose::PoseSource>) {
    *source = crate::pose::PoseSource::Sliders;
}

/// A photo dropped on the window opens in this view.
fn take_dropped_file(
    mut drops: MessageReader<bevy::window::FileDragAndDrop>,
    mut check: ResMut<PhotoCheck>,
    mut next: ResMut<NextState<ViewState>>,
) {
    for d in drops.read() {
        if let bevy::window::FileDragAndDrop::DroppedFile { path_buf, .. } = d {
            check.open(path_buf.clone());
            // Already here: stay (a new entry would stage the figures anew).
            NextState::set_if_neq(&mut next, ViewState::Photo);
        }
    }
}

/// On the web: a photo the page has read (chosen, dropped, or the
/// address's) opens in this view, or the page's problem is said.
#[cfg(target_arch = "wasm32")]
fn take_page_photo(mut check: ResMut<PhotoCheck>, mut next: ResMut<NextState<ViewState>>) {
    for arrived in web::take_arrived() {
        match arrived {
            Ok((name, size, pixels)) => {
                check.open(PathBuf::from(name));
                check.shown(size, pixels);
                NextState::set_if_neq(&mut next, ViewState::Photo);
            }
            Err(e) => {
                crate::notify::notice(&e);
                check.reading = false;
                check.message = Some(e);
            }
        }
    }
}

/// What the view says after the pose model's first guess.
#[cfg(target_arch = "wasm32")]
const GUESSED: &str = "A first guess from a pose model: check each mark against the photo \
     and drag any that is off. Tap the small of the back yourself.";

/// On the web: the pose model's guess becomes the marks, to be corrected
/// by hand; or the view says why there is none.
#[cfg(target_arch = "wasm32")]
fn take_guess(mut check: ResMut<PhotoCheck>) {
    for guess in web::take_guessed() {
        check.guessing = false;
        let marks = guess.and_then(|points| {
            crate::coach::photo::marks_from_pose_landmarks(&points)
                .ok_or_else(|| "the pose model gave no body".to_string())
        });
        match marks {
            Ok(marks) => {
                check.marks = marks;
                check.result = None;
                check.guess_note = Some(GUESSED.to_string());
            }
            Err(e) => {
                check.guess_note = Some(format!("No first guess: {e}. Tap the joints by hand."))
            }
        }
    }
}

impl PhotoCheck {
    /// Start again with this photo (its kept marks, if any, come back).
    pub fn open(&mut self, path: PathBuf) {
        *self = PhotoCheck {
            path: Some(path),
            zoom: 1.0,
            ..Default::default()
        };
    }

    /// The photo is read: show it, and bring back its kept marks unless
    /// marks were given with it.
    fn shown(&mut self, size: (u32, u32), pixels: egui::ColorImage) {
        self.size = Some(size);
        self.pixels = Some(pixels);
        self.reading = false;
        self.result = None;
        if self.marks == Marks::default()
            && let Some(marks) = self.path.as_deref().and_then(read_kept)
        {
            self.marks = marks;
        }
    }

    /// A check of a photo already read, of this size in pixels, with no
    /// picture to show (the headless app, tests).
    pub fn of_size(size: (u32, u32)) -> PhotoCheck {
        PhotoCheck {
            size: Some(size),
            zoom: 1.0,
            ..Default::default()
        }
    }

    /// Zoom by `factor` about a point of the frame (in points from its
    /// corner): the spot under a finger or the pointer stays under it.
    pub fn zoom_at(&mut self, factor: f32, at: Vec2) {
        let zoom = (self.zoom * factor).clamp(1.0, panel::MAX_ZOOM);
        let grew = zoom / self.zoom.max(1.0);
        self.pan = at - (at - self.pan) * grew;
        self.zoom = zoom;
        self.keep_in_frame();
    }

    /// The photo always covers its frame: no empty strip when moved.
    fn keep_in_frame(&mut self) {
        let most = self.frame * (1.0 - self.zoom.max(1.0));
        self.pan = self.pan.clamp(most.min(Vec2::ZERO), Vec2::ZERO);
    }

    /// The next landmark to tap: the required ones first, then the
    /// optional ones; `None` when all are placed.
    pub fn next_mark(&self) -> Option<Landmark> {
        ORDER.into_iter().find(|l| self.marks.get(*l).is_none())
    }

    /// What the pose model's last guess came to.
    #[cfg(target_arch = "wasm32")]
    pub fn guess_note(&self) -> Option<&str> {
        self.guess_note.as_deref()
    }

    /// Ask the page's pose model for a first guess of the marks.
    #[cfg(target_arch = "wasm32")]
    fn guess(&mut self) {
        if !self.guessing {
            self.guessing = true;
            self.guess_note = None;
            web::guess();
        }
    }

    /// Put a mark where the learner tapped (the next one asked for), or
    /// move the one being dragged.
    pub fn place(&mut self, at: Vec2) {
        let l = self.dragging.or_else(|| self.next_mark());
        if let Some(l) = l {
            self.marks.set(l, Some(at));
            self.result = None;
        }
    }
}

/// The order the view asks for the marks: the five that make the angles,
/// then the small of the back (for the lower back), then the foot.
pub const ORDER: [Landmark; 8] = [
    Landmark::Ankle,
    Landmark::Knee,
    Landmark::Hip,
    Landmark::Shoulder,
    Landmark::Ear,
    Landmark::LowBack,
    Landmark::Toe,
    Landmark::Heel,
];

/// Read a photo for the view: its own size and a picture at most
/// `SHOWN_SIDE_PX` on its long side, or why it cannot be used.
#[cfg(not(target_arch = "wasm32"))]
fn read_photo(path: &Path) -> Result<((u32, u32), egui::ColorImage), String> {
    let name = path.display();
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("{name}: {e}"))?;
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| format!("{name}: not a picture the tutor can read (PNG or JPEG): {e}"))?;
    if let Some(why) = crate::coach::photo::size_problem(w, h) {
        return Err(format!("{name}: {why}"));
    }
    let picture = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("{name}: {e}"))?
        .decode()
        .map_err(|e| format!("{name}: {e}"))?
        .thumbnail(SHOWN_SIDE_PX, SHOWN_SIDE_PX)
        .to_rgba8();
    let shown = [picture.width() as usize, picture.height() as usize];
    Ok((
        (w, h),
        egui::ColorImage::from_rgba_unmultiplied(shown, picture.as_raw()),
    ))
}

/// The kept marks' file beside a photo.
#[cfg(not(target_arch = "wasm32"))]
fn kept_path(photo: &Path) -> PathBuf {
    let mut name = photo.file_name().unwrap_or_default().to_os_string();
    name.push(".hinge-marks.ron");
    photo.with_file_name(name)
}

/// A newly chosen photo: decode it (on the web, ask the page to), and
/// bring back its kept marks.
fn load_photo(mut check: ResMut<PhotoCheck>) {
    if check.size.is_some() || check.message.is_some() || check.reading {
        return;
    }
    let Some(path) = check.path.clone() else {
        return;
    };
    #[cfg(target_arch = "wasm32")]
    {
        // The address the page was given (`?photo=`), read by the browser.
        check.reading = true;
        web::read(&path.to_string_lossy(), &photo_name(&path));
    }
    #[cfg(not(target_arch = "wasm32"))]
    match read_photo(&path) {
        Ok((size, pixels)) => check.shown(size, pixels),
        Err(e) => {
            crate::notify::notice(&e);
            check.message = Some(e);
        }
    }
}

/// A photo's name without its folder (or its address's).
#[cfg(target_arch = "wasm32")]
fn photo_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned()
}

/// Where a browser keeps a photo's marks: under the photo's name.
#[cfg(target_arch = "wasm32")]
fn kept_name(photo: &Path) -> String {
    format!("photo-marks/{}", photo_name(photo))
}

#[cfg(not(target_arch = "wasm32"))]
fn read_kept(photo: &Path) -> Option<Marks> {
    parse_kept(&std::fs::read_to_string(kept_path(photo)).ok()?)
}

#[cfg(target_arch = "wasm32")]
fn read_kept(photo: &Path) -> Option<Marks> {
    let (kept, problem) = crate::store::Store::platform()?.load::<KeptMarks>(&kept_name(photo));
    if let Some(p) = problem {
        crate::notify::notice(&p);
    }
    Some(marks_of(kept))
}

/// Marks from a kept file's text (unknown landmark names are skipped).
#[cfg(not(target_arch = "wasm32"))]
fn parse_kept(text: &str) -> Option<Marks> {
    ron::from_str(text).ok().map(marks_of)
}

fn marks_of(kept: KeptMarks) -> Marks {
    let mut marks = Marks::default();
    for (name, (x, y)) in kept.points {
        if let Some(l) = Landmark::from_id(&name) {
            marks.set(l, Some(Vec2::new(x, y)));
        }
    }
    marks
}

/// Keep the marks beside the photo, written atomically; say where.
#[cfg(not(target_arch = "wasm32"))]
fn keep_marks(check: &mut PhotoCheck) {
    let Some(path) = check.path.clone() else {
        return;
    };
    check.message = Some(match write_kept(&path, &check.marks) {
        Ok(out) => format!("marks kept in {}", out.display()),
        Err(e) => format!("the marks could not be kept: {e}"),
    });
}

/// Keep the marks in this browser, under the photo's name.
#[cfg(target_arch = "wasm32")]
fn keep_marks(check: &mut PhotoCheck) {
    let Some(path) = check.path.clone() else {
        return;
    };
    let Some(store) = crate::store::Store::platform() else {
        check.message =
            Some("this browser keeps nothing for this page: the marks are not kept".into());
        return;
    };
    let name = kept_name(&path);
    check.message = Some(match store.save(&name, &kept(&check.marks)) {
        Ok(()) => format!("marks kept in this browser for {}", photo_name(&path)),
        Err(e) => format!("the marks could not be kept: {e}"),
    });
}

/// Write a photo's marks beside it (`PHOTO.hinge-marks.ron`), atomically,
/// where the photo view finds them when the photo is opened again.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_kept(photo: &Path, marks: &Marks) -> Result<PathBuf, String> {
    let out = kept_path(photo);
    crate::store::write_atomic(&out, kept_text(marks).as_bytes())
        .map(|()| out.clone())
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// The marks as the kept file holds them.
#[cfg(not(target_arch = "wasm32"))]
fn kept_text(marks: &Marks) -> String {
    ron::ser::to_string_pretty(&kept(marks), ron::ser::PrettyConfig::default()).unwrap_or_default()
}

fn kept(marks: &Marks) -> KeptMarks {
    KeptMarks {
        version: 1,
        points: ORDER
            .iter()
            .filter_map(|l| marks.get(*l).map(|p| (l.id().to_string(), (p.x, p.y))))
            .collect(),
    }
}

/// The learner's figure, in the photo's pose.
#[derive(Component)]
struct Learner;

/// The correct hinge at the same depth, beside the learner's.
#[derive(Component)]
struct Reference;

/// Two figures: the learner's pose (until the marks say, standing) and the
/// correct hinge beside it.
fn stage_pair(
    mut spawner: FigureSpawner,
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
    mut check: ResMut<PhotoCheck>,
) {
    // New figures: judge the marks again to pose them.
    check.result = None;
    let row = Row::default();
    let t = thresholds.0.preset_or_default("rdl");
    let standing = PoseRequest {
        pose: Default::default(),
        ..controls.request
    };
    spawner
        .spawn(
            "your pose",
            Figure::new(standing, t.clone()),
            row.slot(0, 2),
        )
        .insert((
            Learner,
            MainFigure,
            FixedPose,
            Badge::Learner {
                place: 0,
                posed: false,
            },
            DespawnOnExit(ViewState::Photo),
        ));
    spawner
        .spawn("correct", Figure::new(standing, t), row.slot(1, 2))
        .insert((
            Reference,
            FixedPose,
            Role::Correct,
            Badge::Role {
                role: Role::Correct,
                place: 1,
            },
            DespawnOnExit(ViewState::Photo),
        ));
}

/// Both figures across the 3D view, which the photo's panel narrows.
fn fit_camera(
    rect: Res<crate::ui::ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut fitted: Local<Option<u32>>,
    entered: Query<(), Added<Learner>>,
) {
    let aspect = rect.aspect(0.3, 4.0);
    let key = (aspect * 100.0) as u32;
    if *fitted == Some(key) && entered.is_empty() {
        return;
    }
    *fitted = Some(key);
    orbit.distance_m = fit_distance(Row::default().width_m(2), 2.1, aspect).max(HOME_DISTANCE_M);
}

/// The figures for a verdict: the learner's pose, and the correct hinge
/// at the same hip depth (soft knees, a long back: BIOMECHANICS.md §1).
fn reference_for(p: &PhotoPose) -> PoseRequest {
    let mut r = p.request;
    r.pose.knee_deg = 20.0;
    r.pose.lumbar_deg = 0.0;
    r.pose.thoracic_deg = 0.0;
    r.pose.neck_deg = 0.0;
    r.pose.balance_shift_m = 0.0;
    r
}

type LearnerFigure<'w, 's> =
    Query<'w, 's, (&'static mut Figure, &'static mut Badge), (With<Learner>, Without<Reference>)>;

/// When the marks change: fit the body to them, judge, pose both figures.
fn judge_marks(
    mut check: ResMut<PhotoCheck>,
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
    mut learner: LearnerFigure,
    mut reference: Query<&mut Figure, (With<Reference>, Without<Learner>)>,
) {
    if check.result.is_some() || check.size.is_none() {
        return;
    }
    let t = thresholds.0.preset_or_default("rdl");
    let result = fit(&check.marks, &controls.request).map(|mut p| {
        let v = verdict(&p, &check.marks, &t);
        p.not_judged
            .extend(crate::coach::photo::caveat(&v).map(str::to_string));
        (p, v)
    });
    if let Ok((mut f, mut badge)) = learner.single_mut() {
        badge.set_if_neq(Badge::Learner {
            place: 0,
            posed: result.is_ok(),
        });
        if let Ok((p, _)) = &result {
            f.request = p.request;
        }
    }
    if let Ok((p, _)) = &result
        && let Ok(mut f) = reference.single_mut()
    {
        f.request = reference_for(p);
    }
    check.result = Some(result);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Zooming at a point keeps the spot of the photo under it; moved
    /// about, the photo still covers its frame.
    #[test]
    fn zoom_at_a_point_keeps_it_and_the_photo_covers_its_frame() {
        let mut c = PhotoCheck::of_size((900, 1200));
        c.frame = Vec2::new(300.0, 400.0);
        let at = Vec2::new(120.0, 250.0);
        let spot = |c: &PhotoCheck| (at - c.pan) / c.zoom;
        let before = spot(&c);
        c.zoom_at(2.5, at);
        assert!((c.zoom - 2.5).abs() < 1e-5);
        assert!(spot(&c).distance(before) < 1e-3, "{:?}", spot(&c));
        c.zoom_at(100.0, at);
        assert_eq!(c.zoom, panel::MAX_ZOOM);
        // Dragged far beyond an edge: held at it.
        c.pan = Vec2::new(5000.0, -5000.0);
        c.keep_in_frame();
        assert_eq!(c.pan.x, 0.0);
        assert!((c.pan.y - 400.0 * (1.0 - panel::MAX_ZOOM)).abs() < 1e-3);
        // Back to fit: no room to move at all.
        c.zoom_at(0.01, at);
        assert_eq!((c.zoom, c.pan), (1.0, Vec2::ZERO));
    }
}
