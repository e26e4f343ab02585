//! The load view: where the work goes. The muscle groups that make each
//! joint's moment (calves, front of the thighs, glutes and hamstrings, back
//! muscles) and the lumbar spine itself are drawn as bands on the figure,
//! stronger the harder they work (relative to body weight times height, so
//! a small and a tall learner compare: `body::moments`), and a legend in
//! words with bars stands beside each figure.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::body::moments::{LoadView, Part, effort_word};
use crate::body::{Joint, SolvedBody};
use crate::theme;

/// The load bands' own line width (the other overlays keep theirs).
#[derive(Default, Reflect, GizmoConfigGroup)]
pub struct LoadGizmos;

/// Pixels wide: a band that reads from the back of a gym.
const BAND_WIDTH_PX: f32 = 11.0;

/// A relative moment at which a band is at full strength: a loaded
/// deadlift's hips (`body::moments::effort_word`: "very high" from 0.12).
const FULL_AT: f32 = 0.15;

pub(super) fn plugin(app: &mut App) {
    app.init_gizmo_group::<LoadGizmos>();
    app.add_systems(Startup, widen_bands);
}

fn widen_bands(mut store: ResMut<GizmoConfigStore>) {
    let (config, _) = store.config_mut::<LoadGizmos>();
    config.line.width = BAND_WIDTH_PX;
    // Drawn over the body, so a band behind the shell still shows.
    config.depth_bias = -0.5;
}

/// How strongly a band shows for this much work: 0 (not at all) to 1.
fn strength(relative: f32) -> f32 {
    (relative / FULL_AT).clamp(0.0, 1.0)
}

/// A band's colour: the working colour, opaque as the work is hard; the
/// spine's own load in its own colour.
fn band_colour(part: Part, relative: f32) -> Color {
    let s = strength(relative);
    let base = match part {
        Part::Spine => theme::palette::SPINE_LOAD,
        _ => theme::palette::MUSCLE_LOAD,
    };
    base.with_alpha(0.12 + 0.88 * s)
}

/// The segments a part's band runs along, from joint to joint, and how far
/// it sits off the bone on the back (+) or front (-) of the body, metres.
fn bands(part: Part) -> &'static [(Joint, Joint, f32, f32, f32)] {
    // (from, to, start share, end share, offset)
    match part {
        Part::Calves => &[(Joint::AnkleR, Joint::KneeR, 0.15, 0.75, 0.045)],
        Part::Quadriceps => &[(Joint::KneeR, Joint::HipR, 0.1, 0.85, -0.06)],
        Part::GlutesHamstrings => &[
            (Joint::KneeR, Joint::HipR, 0.1, 0.9, 0.06),
            (Joint::HipR, Joint::L5S1, 0.0, 0.8, 0.09),
        ],
        Part::BackMuscles => &[(Joint::L5S1, Joint::T6, 0.0, 1.0, 0.07)],
        Part::Spine => &[(Joint::L5S1, Joint::T12, 0.0, 1.0, 0.0)],
    }
}

/// Draw one figure's bands, at `at` on the stage.
pub(super) fn draw(gizmos: &mut Gizmos<LoadGizmos>, s: &SolvedBody, at: Vec3) {
    let load = LoadView::of(s);
    let w = |j: Joint| at + s.joint(j);
    let forward = {
        let f = s.joint(Joint::ToeR) - s.joint(Joint::HeelR);
        Vec3::new(f.x, 0.0, f.z).normalize_or(Vec3::Z)
    };
    let lateral = Vec3::Y.cross(forward);
    for part in Part::ALL {
        let r = load.get(part);
        if strength(r) < 0.02 {
            continue;
        }
        let colour = band_colour(part, r);
        for &(from, to, a, b, offset) in bands(part) {
            let (p, q) = (w(from), w(to));
            let d = (q - p).normalize_or_zero();
            // The back of the body: up the segment, turned toward the spine's side.
            let dorsal = d.cross(lateral).normalize_or_zero();
            let shift = dorsal * offset + lateral * 0.03;
            gizmos.line(p.lerp(q, a) + shift, p.lerp(q, b) + shift, colour);
        }
    }
}

/// The legend beside a figure: each part's share in a bar and a word.
pub(super) struct Legend {
    pub load: LoadView,
    /// Type size in points (larger when projected).
    pub size: f32,
}

impl Legend {
    pub fn of(s: &SolvedBody, size: f32) -> Legend {
        Legend {
            load: LoadView::of(s),
            size,
        }
    }

    /// Its size on screen.
    pub fn size(&self) -> egui::Vec2 {
        let row = self.size * 1.35;
        egui::vec2(
            self.size * (3.6 + 4.0 + 5.2) + 24.0,
            row * (Part::ALL.len() as f32 + 1.0) + 8.0,
        )
    }

    /// Paint it with its top-left corner at `top_left`.
    pub fn paint(&self, painter: &egui::Painter, top_left: egui::Pos2) {
        let font = egui::FontId::proportional(self.size);
        let row = self.size * 1.35;
        let bar_w = self.size * 4.0;
        let title = painter.layout_no_wrap("work".to_string(), font.clone(), theme::LABEL_TEXT);
        let names: Vec<_> = Part::ALL
            .iter()
            .map(|p| {
                painter.layout_no_wrap(short_name(*p).to_string(), font.clone(), theme::LABEL_TEXT)
            })
            .collect();
        let name_w = names
            .iter()
            .map(|g| g.size().x)
            .fold(self.size * 3.6, f32::max);
        let word_w = self.size * 5.2;
        let width = (name_w + bar_w + word_w + 24.0).max(title.size().x + 12.0);
        let height = row * (Part::ALL.len() as f32 + 1.0) + 8.0;
        let rect = egui::Rect::from_min_size(top_left, egui::vec2(width, height));
        painter.rect_filled(rect, 6.0, theme::TAG_BACK);
        painter.galley(top_left + egui::vec2(6.0, 4.0), title, theme::LABEL_TEXT);
        for (i, (part, name)) in Part::ALL.iter().zip(names).enumerate() {
            let y = top_left.y + 4.0 + row * (i as f32 + 1.0);
            let r = self.load.get(*part);
            painter.galley(egui::pos2(top_left.x + 6.0, y), name, theme::LABEL_TEXT);
            let bar_x = top_left.x + 12.0 + name_w;
            let frame = egui::Rect::from_min_size(
                egui::pos2(bar_x, y + row * 0.15),
                egui::vec2(bar_w, row * 0.6),
            );
            painter.rect_stroke(
                frame,
                2.0,
                egui::Stroke::new(1.0, theme::LABEL_TEXT),
                egui::StrokeKind::Inside,
            );
            let mut fill = frame;
            fill.set_width(bar_w * strength(r));
            painter.rect_filled(fill, 2.0, theme::to_egui(band_colour(*part, FULL_AT)));
            painter.text(
                egui::pos2(bar_x + bar_w + 6.0, y),
                egui::Align2::LEFT_TOP,
                effort_word(r),
                font.clone(),
                theme::LABEL_TEXT,
            );
        }
    }
}

/// A part in a word a novice knows, for the legend's rows.
fn short_name(p: Part) -> &'static str {
    match p {
        Part::Calves => "calves",
        Part::Quadriceps => "thighs",
        Part::GlutesHamstrings => "hips",
        Part::BackMuscles => "back",
        Part::Spine => "spine",
    }
}
