//! "Check my hinge": a learner's own side photo. They open it (`--photo
//! FILE`, or drop it on the window), tap the joints in the order asked, and
//! get the coach's verdict in the same words as the mannequin's, with what
//! the photo cannot show said plainly; the mannequin takes their pose beside
//! the correct hinge at the same depth. The marks are kept in a small RON
//! file beside the photo. Photos never leave the machine.

mod panel;

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
#[cfg(not(target_arch = "wasm32"))]
const SHOWN_SIDE_PX: u32 = 2048;

/// The largest photo the tutor reads: a phone's 48-megapixel picture.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

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
    /// What went wrong opening or saving, or what was saved.
    pub message: Option<String>,
    /// The coach's answer for the marks as they are.
    pub result: Option<Result<(PhotoPose, Verdict), Vec<String>>>,
}

/// The marks as kept beside the photo (`NAME.hinge-marks.ron`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct KeptMarks {
    version: u32,
    /// Each landmark's pixel, by its `--points` name.
    points: Vec<(String, (f32, f32))>,
}

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<PhotoCheck>()
        .add_message::<bevy::window::FileDragAndDrop>();
    app.add_systems(Update, take_dropped_file.in_set(Frame::ApplyActions));
    app.add_systems(OnEnter(ViewState::Photo), (use_sliders, stage_pair));
    app.add_systems(
        Update,
        (
            (load_photo, judge_marks).chain().in_set(Frame::DrivePoses),
            fit_camera.in_set(Frame::Draw),
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
            next.set(ViewState::Photo);
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

    /// A check of a photo already read, of this size in pixels, with no
    /// picture to show (the headless app, tests).
    pub fn of_size(size: (u32, u32)) -> PhotoCheck {
        PhotoCheck {
            size: Some(size),
            zoom: 1.0,
            ..Default::default()
        }
    }

    /// The next landmark to tap: the required ones first, then the
    /// optional ones; `None` when all are placed.
    pub fn next_mark(&self) -> Option<Landmark> {
        ORDER.into_iter().find(|l| self.marks.get(*l).is_none())
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
    if u64::from(w) * u64::from(h) > MAX_PHOTO_PIXELS {
        return Err(format!(
            "{name}: {w}x{h} is larger than the {} megapixels the tutor reads",
            MAX_PHOTO_PIXELS / 1_000_000
        ));
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

#[cfg(target_arch = "wasm32")]
fn read_photo(_: &Path) -> Result<((u32, u32), egui::ColorImage), String> {
    Err("the web version cannot open a photo yet: use the desktop tutor".into())
}

/// The kept marks' file beside a photo.
fn kept_path(photo: &Path) -> PathBuf {
    let mut name = photo.file_name().unwrap_or_default().to_os_string();
    name.push(".hinge-marks.ron");
    photo.with_file_name(name)
}

/// A newly chosen photo: decode it, and bring back its kept marks.
fn load_photo(mut check: ResMut<PhotoCheck>) {
    if check.size.is_some() || check.message.is_some() {
        return;
    }
    let Some(path) = check.path.clone() else {
        return;
    };
    match read_photo(&path) {
        Ok((size, pixels)) => {
            check.size = Some(size);
            check.pixels = Some(pixels);
            if let Some(marks) = read_kept(&path) {
                check.marks = marks;
            }
        }
        Err(e) => {
            crate::notify::notice(&e);
            check.message = Some(e);
        }
    }
}

fn read_kept(photo: &Path) -> Option<Marks> {
    parse_kept(&std::fs::read_to_string(kept_path(photo)).ok()?)
}

/// Marks from a kept file's text (unknown landmark names are skipped).
fn parse_kept(text: &str) -> Option<Marks> {
    let kept: KeptMarks = ron::from_str(text).ok()?;
    let mut marks = Marks::default();
    for (name, (x, y)) in kept.points {
        if let Some(l) = Landmark::from_id(&name) {
            marks.set(l, Some(Vec2::new(x, y)));
        }
    }
    Some(marks)
}

/// Keep the marks beside the photo, written atomically; say where.
fn keep_marks(check: &mut PhotoCheck) {
    let Some(path) = check.path.clone() else {
        return;
    };
    check.message = Some(match write_kept(&path, &check.marks) {
        Ok(out) => format!("marks kept in {}", out.display()),
        Err(e) => format!("the marks could not be kept: {e}"),
    });
}

/// Write a photo's marks beside it (`PHOTO.hinge-marks.ron`), atomically,
/// where the photo view finds them when the photo is opened again.
pub fn write_kept(photo: &Path, marks: &Marks) -> Result<PathBuf, String> {
    let out = kept_path(photo);
    crate::store::write_atomic(&out, kept_text(marks).as_bytes())
        .map(|()| out.clone())
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// The marks as the kept file holds them.
fn kept_text(marks: &Marks) -> String {
    let kept = KeptMarks {
        version: 1,
        points: ORDER
            .iter()
            .filter_map(|l| marks.get(*l).map(|p| (l.id().to_string(), (p.x, p.y))))
            .collect(),
    };
    ron::ser::to_string_pretty(&kept, ron::ser::PrettyConfig::default()).unwrap_or_default()
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
    mut orbit: ResMut<Orbit>,
) {
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
            Badge::Learner { place: 0 },
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
    orbit.distance_m = HOME_DISTANCE_M;
}

/// Both figures across the 3D view, which the photo's panel narrows.
fn fit_camera(
    rect: Res<crate::ui::ViewRect>,
    mut orbit: ResMut<Orbit>,
    mut fitted: Local<Option<u32>>,
) {
    let aspect = rect.aspect(0.3, 4.0);
    let key = (aspect * 100.0) as u32;
    if *fitted == Some(key) {
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

/// When the marks change: fit the body to them, judge, pose both figures.
fn judge_marks(
    mut check: ResMut<PhotoCheck>,
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
    mut learner: Query<&mut Figure, (With<Learner>, Without<Reference>)>,
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
    if let Ok((p, _)) = &result {
        if let Ok(mut f) = learner.single_mut() {
            f.request = p.request;
        }
        if let Ok(mut f) = reference.single_mut() {
            f.request = reference_for(p);
        }
    }
    check.result = Some(result);
}
