//! Overlays a coach would draw on the figure: joint angle arcs, shin and torso
//! lines against the vertical, the centre of mass with its plumb line and the
//! midfoot, the dowel along the back with its three contact points, and the
//! path of the hips. Gizmos for the lines; egui for the numbers.

use std::collections::VecDeque;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::body::Joint;
use crate::stage::camera::StageCamera;
use crate::stage::figure::{Figure, FigureSystems, MainFigure};

/// Which overlays are shown.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Overlays {
    pub angles: bool,
    pub lines: bool,
    pub centre_of_mass: bool,
    pub dowel: bool,
    pub hip_path: bool,
    pub back_load: bool,
}

impl Default for Overlays {
    fn default() -> Self {
        Overlays {
            angles: true,
            lines: true,
            centre_of_mass: true,
            dowel: true,
            hip_path: true,
            back_load: true,
        }
    }
}

/// The screen rectangle (logical pixels) the 3D view uses, set by the UI.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct ViewRect(pub egui::Rect);

impl Default for ViewRect {
    fn default() -> Self {
        ViewRect(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 720.0),
        ))
    }
}

/// Recent positions of the main figure's hips.
#[derive(Resource, Debug, Default, Clone)]
pub struct HipPath(pub VecDeque<Vec3>);

/// Colours that stay apart for colour-blind viewers and on a washed-out projector.
pub mod palette {
    use bevy::prelude::Color;
    pub const KNEE: Color = Color::srgb(0.90, 0.45, 0.0);
    pub const HIP: Color = Color::srgb(0.0, 0.40, 0.85);
    pub const VERTICAL: Color = Color::srgb(0.25, 0.25, 0.25);
    pub const COM: Color = Color::srgb(0.55, 0.0, 0.55);
    pub const DOWEL: Color = Color::srgb(0.45, 0.25, 0.05);
    pub const TOUCH: Color = Color::srgb(1.0, 0.85, 0.0);
    pub const GAP: Color = Color::srgb(0.85, 0.0, 0.25);
    pub const PATH: Color = Color::srgb(0.0, 0.55, 0.55);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Overlays>()
        .init_resource::<ViewRect>()
        .init_resource::<HipPath>();
    app.add_systems(
        Update,
        (record_hip_path, draw_overlays)
            .chain()
            .after(FigureSystems),
    );
}

fn record_hip_path(
    figures: Query<(&Figure, &Transform), With<MainFigure>>,
    mut path: ResMut<HipPath>,
) {
    let Some((f, t)) = figures.iter().next() else {
        return;
    };
    let p = t.translation + f.solved.joint(Joint::Pelvis);
    if path.0.back().is_none_or(|last| last.distance(p) > 0.002) {
        path.0.push_back(p);
        while path.0.len() > 240 {
            path.0.pop_front();
        }
    }
}

/// The side of the body facing a side-view camera (the figure's right).
const NEAR: [Joint; 4] = [Joint::HipR, Joint::KneeR, Joint::AnkleR, Joint::ToeR];

fn draw_overlays(
    mut gizmos: Gizmos,
    overlays: Res<Overlays>,
    path: Res<HipPath>,
    figures: Query<(&Figure, &Transform, Has<MainFigure>)>,
) {
    for (f, t, main) in &figures {
        let s = &f.solved;
        let w = |j: Joint| t.translation + s.joint(j);
        let [hip, knee, ankle, _] = NEAR.map(w);
        let pelvis = w(Joint::Pelvis);
        let neck = w(Joint::NeckBase);
        if overlays.angles {
            let r = 0.12;
            gizmos.short_arc_3d_between(
                knee,
                knee + (hip - knee).normalize() * r,
                knee + (ankle - knee).normalize() * r,
                palette::KNEE,
            );
            let up = (neck - pelvis).normalize();
            gizmos.short_arc_3d_between(
                hip,
                hip + up * r,
                hip + (knee - hip).normalize() * r,
                palette::HIP,
            );
        }
        if overlays.lines {
            let shin_top = ankle + (knee - ankle) * 1.15;
            gizmos.line(ankle, shin_top, palette::KNEE);
            gizmos.line(
                ankle,
                ankle + Vec3::Y * (knee - ankle).length() * 1.15,
                palette::VERTICAL,
            );
            gizmos.line(pelvis, neck, palette::HIP);
            gizmos.line(
                pelvis,
                pelvis + Vec3::Y * (neck - pelvis).length(),
                palette::VERTICAL,
            );
        }
        if overlays.centre_of_mass {
            let com = t.translation + s.com;
            let floor = Vec3::new(com.x, 0.003, com.z);
            gizmos.sphere(Isometry3d::from_translation(com), 0.035, palette::COM);
            gizmos.line(com, floor, palette::COM);
            gizmos.circle(
                Isometry3d::new(floor, Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)),
                0.03,
                palette::COM,
            );
            // The midfoot: a bar across both feet.
            let mid = t.translation + Vec3::new(0.0, 0.004, 0.0);
            let half = 0.5 * s.request.pose.stance_width_m.max(0.2) + 0.08;
            gizmos.line(
                mid - Vec3::X * half,
                mid + Vec3::X * half,
                palette::VERTICAL,
            );
            // A small triangle pointing up at the midfoot, seen from the side.
            for x in [-half, half] {
                let c = mid + Vec3::X * x;
                gizmos.linestrip(
                    [
                        c - Vec3::Z * 0.03,
                        c + Vec3::Y * 0.04,
                        c + Vec3::Z * 0.03,
                        c - Vec3::Z * 0.03,
                    ],
                    palette::VERTICAL,
                );
            }
        }
        if overlays.dowel {
            let ub = w(Joint::UpperBack);
            let along = (neck - w(Joint::T6)).normalize_or_zero();
            let len = s.body.stature_m * 0.62;
            let side = Vec3::X * -0.02;
            gizmos.line(
                ub + side - along * len * 0.72,
                ub + side + along * len * 0.45,
                palette::DOWEL,
            );
            let points = [
                s.joint(Joint::Occiput),
                s.joint(Joint::UpperBack),
                s.joint(Joint::Sacrum),
            ];
            // The verdict already holds the contacts: no need to lay the dowel again.
            let contact = f.verdict.metrics.dowel_contact;
            for (p, on) in points
                .iter()
                .zip([contact.head, contact.upper_back, contact.sacrum])
            {
                let p = t.translation + *p + side;
                if on {
                    gizmos.sphere(Isometry3d::from_translation(p), 0.022, palette::TOUCH);
                    gizmos.sphere(Isometry3d::from_translation(p), 0.012, palette::TOUCH);
                } else {
                    gizmos.sphere(Isometry3d::from_translation(p), 0.03, palette::GAP);
                }
            }
        }
        if overlays.hip_path && main && path.0.len() > 1 {
            gizmos.linestrip(path.0.iter().copied(), palette::PATH);
        }
    }
}

/// Project a world point into the 3D view's screen rectangle.
pub fn to_screen(
    camera: (&Camera, &GlobalTransform),
    rect: egui::Rect,
    p: Vec3,
) -> Option<egui::Pos2> {
    let ndc = camera.0.world_to_ndc(camera.1, p)?;
    if ndc.z < 0.0 || ndc.z > 1.0 {
        return None;
    }
    Some(egui::pos2(
        rect.min.x + (ndc.x + 1.0) * 0.5 * rect.width(),
        rect.min.y + (1.0 - ndc.y) * 0.5 * rect.height(),
    ))
}

/// Numbers next to the overlays, painted by egui above the 3D view.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it reads
pub fn overlay_labels(
    mut contexts: EguiContexts,
    overlays: Res<Overlays>,
    rect: Res<ViewRect>,
    camera: Query<(&Camera, &GlobalTransform), With<StageCamera>>,
    figures: Query<(
        &Figure,
        &Transform,
        Option<&crate::modes::Role>,
        Option<&crate::ui::quiz::QuizFigure>,
    )>,
    state: Res<State<crate::modes::ViewState>>,
    catalogue: Res<crate::ui::explore::Catalogue>,
    compare: Res<crate::modes::CompareSettings>,
    quiz: Option<Res<crate::quiz::session::QuizSession>>,
) -> Result {
    // Figures are named in the compare view, and in the quiz once the answer
    // shows (before that, a which-is-correct question letters them A and B).
    let quiz_revealed = quiz
        .as_ref()
        .and_then(|q| q.run.as_ref())
        .map(|r| r.revealed);
    let in_quiz = *state.get() == crate::modes::ViewState::Quiz;
    let comparing = *state.get() == crate::modes::ViewState::Compare
        || (in_quiz && quiz_revealed == Some(true));
    let ctx = contexts.ctx_mut()?;
    let Ok(camera) = camera.single() else {
        return Ok(());
    };
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Background,
        egui::Id::new("overlay labels"),
    ));
    let painter = painter.with_clip_rect(rect.0);
    // Smaller in a small view (a 200x150 window), so the numbers do not
    // cover the figure; 15 points is the smallest size the atlas is
    // prefilled with (ui::TYPE_SIZES).
    let font = egui::FontId::proportional(if rect.0.height() < 400.0 { 15.0 } else { 20.0 });
    let label = |at: Vec3, text: String, color: Color, dx: f32| {
        if let Some(p) = to_screen(camera, rect.0, at) {
            let c = color.to_srgba();
            let col = egui::Color32::from_rgb(
                (c.red * 255.0) as u8,
                (c.green * 255.0) as u8,
                (c.blue * 255.0) as u8,
            );
            let pos = p + egui::vec2(dx, 0.0);
            let galley = painter.layout_no_wrap(text, font.clone(), col);
            let r = egui::Rect::from_min_size(
                pos - egui::vec2(0.0, galley.size().y * 0.5),
                galley.size(),
            )
            .expand(3.0);
            painter.rect_filled(r, 4.0, egui::Color32::from_white_alpha(215));
            painter.galley(r.min + egui::vec2(3.0, 3.0), galley, col);
        }
    };
    for (f, t, role, place) in &figures {
        let s = &f.solved;
        if in_quiz
            && quiz_revealed == Some(false)
            && let (Some(place), Some(_)) = (place, role)
            && figures.iter().filter(|x| x.3.is_some()).count() > 1
        {
            let head = t.translation + s.joint(Joint::HeadBase) + Vec3::Y * 0.45;
            if let Some(p) = to_screen(camera, rect.0, head) {
                let text = crate::ui::quiz::letter(place.place).to_string();
                let g = painter.layout_no_wrap(
                    text,
                    egui::FontId::proportional(64.0),
                    egui::Color32::WHITE,
                );
                let r = egui::Rect::from_center_size(p, g.size() + egui::vec2(28.0, 8.0));
                painter.rect_filled(r, 10.0, egui::Color32::from_rgb(40, 40, 48));
                painter.galley(r.min + egui::vec2(14.0, 4.0), g, egui::Color32::WHITE);
            }
        }
        if comparing && let Some(role) = role {
            // Neighbouring labels alternate in height so that they never overlap.
            let index = match role {
                crate::modes::Role::Correct => 0,
                crate::modes::Role::Faulty(fault) => {
                    1 + compare.faults.iter().position(|x| x == fault).unwrap_or(0)
                }
            };
            let drop = if index % 2 == 1 { 78.0 } else { 0.0 };
            figure_tag(
                &painter,
                camera,
                rect.0,
                t.translation,
                f,
                *role,
                &catalogue.0,
                drop,
            );
        }
        let p = &s.request.pose;
        let w = |j: Joint| t.translation + s.joint(j);
        let m = &f.verdict.metrics;
        if overlays.angles {
            label(
                w(Joint::KneeR),
                format!("knee {:.0}°", p.knee_deg),
                palette::KNEE,
                18.0,
            );
            label(
                w(Joint::HipR) - Vec3::Z * 0.12,
                format!("hip {:.0}°", p.hip_deg),
                palette::HIP,
                -70.0,
            );
        }
        if overlays.lines {
            let shin_mid = (w(Joint::KneeR) + w(Joint::AnkleR)) * 0.5;
            label(
                shin_mid,
                format!("shin {:.0}°", m.shin_angle_deg),
                palette::KNEE,
                22.0,
            );
            let torso_mid = (w(Joint::Pelvis) + w(Joint::NeckBase)) * 0.5 + Vec3::Y * 0.08;
            label(
                torso_mid,
                format!("torso {:.0}°", m.torso_angle_deg),
                palette::HIP,
                10.0,
            );
        }
        if overlays.centre_of_mass && !comparing {
            // Round first so that a hair behind the midfoot does not read "-0".
            let ahead = (m.com_ahead_of_midfoot_m * 100.0).round() + 0.0;
            label(
                t.translation + s.com,
                format!("centre of mass {ahead:+.0} cm"),
                palette::COM,
                24.0,
            );
            label(
                t.translation + Vec3::new(0.0, 0.0, 0.0),
                "midfoot".to_string(),
                palette::VERTICAL,
                24.0,
            );
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
/// The label under a figure in the compare view: a symbol, a word and a
/// colour, then the verdict and two key numbers.
fn figure_tag(
    painter: &egui::Painter,
    camera: (&Camera, &GlobalTransform),
    rect: egui::Rect,
    at: Vec3,
    f: &Figure,
    role: crate::modes::Role,
    catalogue: &crate::coach::FaultCatalogue,
    drop: f32,
) {
    use crate::ui::explore::{CORRECT_COLOUR, FAULTY_COLOUR};
    let Some(p) = to_screen(camera, rect, at - Vec3::Y * 0.02) else {
        return;
    };
    let (title, colour) = match role {
        crate::modes::Role::Correct => ("✔ CORRECT".to_string(), CORRECT_COLOUR),
        crate::modes::Role::Faulty(fault) => (
            format!("✖ {}", catalogue.get(fault).name.to_uppercase()),
            FAULTY_COLOUR,
        ),
    };
    let v = &f.verdict;
    let m = &v.metrics;
    let timing_fault =
        matches!(role, crate::modes::Role::Faulty(f) if !f.seen_in_one_pose() && !v.has(f));
    let seen = if timing_fault && v.faults.is_empty() {
        // Pulling with the arms is about timing: a still pose shows where the
        // arms are, but the evaluator cannot call it until drills move.
        "a timing fault: watch the arms, not the numbers".to_string()
    } else if v.faults.is_empty() {
        format!("{}: no faults", v.pattern.id())
    } else {
        let names: Vec<String> = v.faults.iter().map(|f| f.id().replace('_', " ")).collect();
        format!("{}: {}", v.pattern.id(), names.join(", "))
    };
    let detail = format!(
        "shin {:.0}°  hips {:.0} cm back  lower back {:.0}%",
        m.shin_angle_deg,
        m.hip_behind_ankle_m * 100.0,
        m.lumbar_share * 100.0
    );
    let big = painter.layout_no_wrap(
        title,
        egui::FontId::proportional(26.0),
        egui::Color32::WHITE,
    );
    let small = painter.layout_no_wrap(
        seen,
        egui::FontId::proportional(17.0),
        egui::Color32::from_gray(20),
    );
    let small2 = painter.layout_no_wrap(
        detail,
        egui::FontId::proportional(15.0),
        egui::Color32::from_gray(20),
    );
    let width = big.size().x.max(small.size().x).max(small2.size().x) + 16.0;
    let top = egui::pos2(p.x - width / 2.0, p.y + 8.0 + drop);
    let title_rect = egui::Rect::from_min_size(top, egui::vec2(width, big.size().y + 6.0));
    painter.rect_filled(title_rect, 6.0, colour);
    painter.galley(
        egui::pos2(p.x - big.size().x / 2.0, top.y + 3.0),
        big,
        egui::Color32::WHITE,
    );
    let body = egui::Rect::from_min_size(
        title_rect.left_bottom(),
        egui::vec2(width, small.size().y + small2.size().y + 8.0),
    );
    painter.rect_filled(body, 6.0, egui::Color32::from_white_alpha(230));
    let y = body.min.y + 3.0;
    painter.galley(
        egui::pos2(p.x - small.size().x / 2.0, y),
        small.clone(),
        egui::Color32::from_gray(20),
    );
    painter.galley(
        egui::pos2(p.x - small2.size().x / 2.0, y + small.size().y + 2.0),
        small2,
        egui::Color32::from_gray(20),
    );
}
