//! The numbers beside the overlays and each figure's badge, painted by egui
//! over the 3D view, and where each chip goes: beside its point, inside the
//! view, off the chips and the buttons already there.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Badge, LoadBands, Overlays, loads};
use crate::body::Joint;
use crate::pose::Role;
use crate::stage::camera::StageCamera;
use crate::stage::figure::{Catalogue, Figure};
use crate::theme::{self, palette};
use crate::ui::{UiPass, ViewRect};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        bevy_egui::EguiPrimaryContextPass,
        overlay_labels.in_set(UiPass::Labels),
    );
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

/// Where a chip of text `size` goes, `dx` points beside `p` (left of it
/// when `dx` is negative), inside the view: a chip that would cross the
/// view's edge goes to the point's other side, and if it does not fit
/// there either, it is pushed in from the edge. A label cut off at the edge
/// of a phone's narrow view says nothing.
fn place_chip(p: egui::Pos2, dx: f32, size: egui::Vec2, view: egui::Rect) -> egui::Rect {
    let at = |left: f32| {
        egui::Rect::from_min_size(egui::pos2(left, p.y - size.y * 0.5), size).expand(3.0)
    };
    let inside = |r: &egui::Rect| r.min.x >= view.min.x && r.max.x <= view.max.x;
    let mut r = at(p.x + dx);
    if !inside(&r) {
        // The mirror image about the point: as far on its other side.
        let mirrored = at(p.x - dx - size.x);
        if inside(&mirrored) {
            r = mirrored;
        }
    }
    // Pushed in from the edges; a chip wider than the view keeps its start.
    let min = egui::pos2(
        r.min
            .x
            .clamp(view.min.x, (view.max.x - r.width()).max(view.min.x)),
        r.min
            .y
            .clamp(view.min.y, (view.max.y - r.height()).max(view.min.y)),
    );
    egui::Rect::from_min_size(min, r.size())
}

/// A chip moved off the chips and buttons already there: up or down by
/// steps of its own height, then to the other side of its point `px`
/// (mirrored about it) at the same heights, to the nearest place in the view
/// where it covers nothing (a phone's narrow view stacks "hip" and "centre
/// of mass" on one line; held sideways, the "Coach" button sits where
/// "centre of mass" would go). Where every place covers something, the one
/// that covers least.
fn off_the_others(r: egui::Rect, px: f32, taken: &[egui::Rect], view: egui::Rect) -> egui::Rect {
    let covered = |c: &egui::Rect| -> f32 {
        taken
            .iter()
            .map(|t| t.intersect(*c))
            .filter(|i| i.is_positive())
            .map(|i| i.area())
            .sum()
    };
    if covered(&r) == 0.0 {
        return r;
    }
    // Inside the view (a chip wider than it keeps its start, as placed).
    let inside = |c: &egui::Rect| {
        let across = c.min.x == r.min.x || (c.min.x >= view.min.x && c.max.x <= view.max.x);
        across && c.min.y >= view.min.y && c.max.y <= view.max.y
    };
    let step = r.height() + 2.0;
    // The other side, as far from the point (a chip pushed in from the
    // view's edge may straddle it), pushed into the view.
    let (w, gap) = (r.width(), (r.min.x - px).max(px - r.max.x).max(8.0));
    let left = if r.center().x >= px {
        px - gap - w
    } else {
        px + gap
    };
    let left = left.clamp(view.min.x, (view.max.x - w).max(view.min.x));
    let mirrored = egui::Rect::from_min_size(egui::pos2(left, r.min.y), r.size());
    // Two lines each way at most: further, a chip no longer reads as its
    // point's (on a phone held sideways "midfoot" went up by the head).
    let heights = [0.0, step, -step, 2.0 * step, -2.0 * step];
    let places = heights
        .iter()
        .map(|dy| r.translate(egui::vec2(0.0, *dy)))
        .chain(
            heights
                .iter()
                .map(|dy| mirrored.translate(egui::vec2(0.0, *dy))),
        )
        .filter(inside);
    // The first of the least covered: a free place, the nearest first.
    places
        .map(|c| (covered(&c), c))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map_or(r, |(_, c)| c)
}

/// The stage camera and the part of the window it draws in.
#[derive(bevy::ecs::system::SystemParam)]
struct View<'w, 's> {
    rect: Res<'w, ViewRect>,
    /// The camera's own `Transform`: it has no parent, and `place_camera`
    /// set it this frame, while its `GlobalTransform` is propagated in an
    /// order egui's pass does not wait for. Read from that, the chips were
    /// placed for the last frame's camera: on a phone's first drawn frame,
    /// "shin" and "midfoot" hung below the feet.
    camera: Query<'w, 's, (&'static Camera, &'static Transform), With<StageCamera>>,
}

/// Numbers next to the overlays and each figure's badge, painted by egui
/// above the 3D view.
fn overlay_labels(
    mut contexts: EguiContexts,
    overlays: Res<Overlays>,
    view: View,
    figures: Query<(&Figure, &Transform, Option<&Badge>, Option<&LoadBands>)>,
    catalogue: Res<Catalogue>,
    projection: Option<Res<crate::ui::Projection>>,
) -> Result {
    let rect = view.rect.0;
    let ctx = contexts.ctx_mut()?;
    let Ok((camera, placed)) = view.camera.single() else {
        return Ok(());
    };
    let placed = GlobalTransform::from(*placed);
    let camera = (camera, &placed);
    let painter = ctx
        .layer_painter(egui::LayerId::new(
            egui::Order::Background,
            egui::Id::new("overlay labels"),
        ))
        .with_clip_rect(rect);
    let labels = Labels {
        painter,
        camera,
        rect,
        // Smaller in a small view (a 200x150 window, a phone upright or
        // sideways), so the numbers do not cover the figure; 15 points is
        // the tutor's smallest type (egui's Small style, ui::set_style).
        font: egui::FontId::proportional(if rect.height() < 400.0 || rect.width() < 500.0 {
            15.0
        } else {
            20.0
        }),
        // The buttons over the view first: a chip moves off them too.
        taken: std::cell::RefCell::new(crate::ui::buttons_over_view(ctx)),
    };
    // A figure that wears its role is compared: its tag says the rest.
    let comparing = figures
        .iter()
        .any(|(_, _, b, _)| matches!(b, Some(Badge::Role { .. } | Badge::Learner { .. })));
    let projected = projection.is_some_and(|p| p.on);
    for (f, t, badge, bands_say) in &figures {
        match badge {
            Some(Badge::Letter(letter)) => labels.letter(f, t.translation, *letter),
            Some(Badge::Role { role, place }) => {
                // Neighbouring labels alternate in height so that they never overlap.
                let tag = Tag {
                    role: Some(*role),
                    catalogue: &catalogue.0,
                    drop: if place % 2 == 1 { 78.0 } else { 0.0 },
                    waiting: false,
                };
                tag.paint(&labels.painter, camera, rect, t.translation, f);
            }
            Some(Badge::Learner { place, posed }) => {
                let tag = Tag {
                    role: None,
                    catalogue: &catalogue.0,
                    drop: if place % 2 == 1 { 78.0 } else { 0.0 },
                    waiting: !posed,
                };
                tag.paint(&labels.painter, camera, rect, t.translation, f);
            }
            None => {}
        }
        labels.numbers(f, t.translation, &overlays, comparing);
        if LoadBands::shown(bands_say, &overlays) {
            // Neighbours in a row alternate in height, as their tags do, so
            // that three legends side by side never touch.
            let place = match badge {
                Some(Badge::Role { place, .. } | Badge::Learner { place, .. }) => *place,
                _ => 0,
            };
            let size = if projected { 22.0 } else { 15.0 };
            labels.legend(f, t.translation, size, place % 2 == 1);
        }
    }
    Ok(())
}

/// Where labels go: the painter over the 3D view and its camera.
struct Labels<'a> {
    painter: egui::Painter,
    camera: (&'a Camera, &'a GlobalTransform),
    rect: egui::Rect,
    font: egui::FontId,
    /// The buttons over the view and the chips placed so far this frame:
    /// a new chip moves off them.
    taken: std::cell::RefCell<Vec<egui::Rect>>,
}

impl Labels<'_> {
    /// A number on a white chip, `dx` points beside a point of the stage.
    fn chip(&self, at: Vec3, text: String, color: Color, dx: f32) {
        let Some(p) = to_screen(self.camera, self.rect, at) else {
            return;
        };
        let col = theme::to_egui(color);
        let galley = self.painter.layout_no_wrap(text, self.font.clone(), col);
        let r = place_chip(p, dx, galley.size(), self.rect);
        let r = off_the_others(r, p.x, &self.taken.borrow(), self.rect);
        self.taken.borrow_mut().push(r);
        self.painter.rect_filled(r, 4.0, theme::LABEL_BACK);
        self.painter
            .galley(r.min + egui::vec2(3.0, 3.0), galley, col);
    }

    /// A big letter above the head (figures A and B of a question).
    fn letter(&self, f: &Figure, at: Vec3, letter: char) {
        let head = at + f.solved.joint(Joint::HeadBase) + Vec3::Y * 0.45;
        let Some(p) = to_screen(self.camera, self.rect, head) else {
            return;
        };
        let g = self.painter.layout_no_wrap(
            letter.to_string(),
            egui::FontId::proportional(64.0),
            egui::Color32::WHITE,
        );
        let r = egui::Rect::from_center_size(p, g.size() + egui::vec2(28.0, 8.0));
        self.painter.rect_filled(r, 10.0, theme::LETTER_BACK);
        self.painter
            .galley(r.min + egui::vec2(14.0, 4.0), g, egui::Color32::WHITE);
    }

    /// The angles, lines and balance the overlays draw, in numbers.
    fn numbers(&self, f: &Figure, at: Vec3, overlays: &Overlays, comparing: bool) {
        let s = &f.solved;
        let p = &s.request.pose;
        let w = |j: Joint| at + s.joint(j);
        let m = &f.verdict.metrics;
        if overlays.angles {
            self.chip(
                w(Joint::KneeR),
                format!("knee {:.0}°", p.knee_deg),
                palette::KNEE,
                18.0,
            );
            self.chip(
                w(Joint::HipR) - Vec3::Z * 0.12,
                format!("hip {:.0}°", p.hip_deg),
                palette::HIP,
                -70.0,
            );
        }
        if overlays.lines {
            let shin_mid = (w(Joint::KneeR) + w(Joint::AnkleR)) * 0.5;
            self.chip(
                shin_mid,
                format!("shin {:.0}°", m.shin_angle_deg),
                palette::KNEE,
                22.0,
            );
            let torso_mid = (w(Joint::Pelvis) + w(Joint::NeckBase)) * 0.5 + Vec3::Y * 0.08;
            self.chip(
                torso_mid,
                format!("torso {:.0}°", m.torso_angle_deg),
                palette::HIP,
                10.0,
            );
        }
        if overlays.centre_of_mass && !comparing {
            // Round first so that a hair behind the midfoot does not read "-0".
            let ahead = (m.com_ahead_of_midfoot_m * 100.0).round() + 0.0;
            // In a narrow view (a phone upright) on two short lines,
            // leaving room beside it.
            let gap = if self.rect.width() < 500.0 { "\n" } else { " " };
            self.chip(
                at + s.com,
                format!("centre of mass{gap}{ahead:+.0} cm"),
                palette::COM,
                24.0,
            );
            self.chip(at, "midfoot".to_string(), palette::VERTICAL, 24.0);
        }
    }

    /// The load legend, centred over the figure's head and kept in the view.
    fn legend(&self, f: &Figure, at: Vec3, size: f32, raised: bool) {
        let top = at + f.solved.joint(Joint::Vertex) + Vec3::Y * 0.12;
        let Some(mut p) = to_screen(self.camera, self.rect, top) else {
            return;
        };
        let legend = loads::Legend::of(&f.solved, size);
        let wh = legend.size();
        if raised {
            p.y -= wh.y + 6.0;
        }
        let min = egui::pos2(
            (p.x - wh.x / 2.0).clamp(
                self.rect.min.x,
                (self.rect.max.x - wh.x).max(self.rect.min.x),
            ),
            (p.y - wh.y).clamp(
                self.rect.min.y,
                (self.rect.max.y - wh.y).max(self.rect.min.y),
            ),
        );
        legend.paint(&self.painter, min);
    }
}

/// The label under a figure in a comparison: a symbol, a word and a
/// colour, then the verdict and two key numbers.
struct Tag<'a> {
    /// `None`: the learner's own pose.
    role: Option<Role>,
    catalogue: &'a crate::coach::FaultCatalogue,
    drop: f32,
    /// The learner's figure before their marks pose it: it stands, and
    /// its verdict would be about standing, not about their photo.
    waiting: bool,
}

impl Tag<'_> {
    fn paint(
        &self,
        painter: &egui::Painter,
        camera: (&Camera, &GlobalTransform),
        rect: egui::Rect,
        at: Vec3,
        f: &Figure,
    ) {
        let (role, drop) = (self.role, self.drop);
        let Some(p) = to_screen(camera, rect, at - Vec3::Y * 0.02) else {
            return;
        };
        let (title, colour) = match role {
            None => ("YOUR POSE".to_string(), theme::NEUTRAL),
            Some(Role::Correct) => ("✔ CORRECT".to_string(), theme::CORRECT),
            Some(Role::Faulty(fault)) => (
                format!("✖ {}", self.catalogue.get(fault).name.to_uppercase()),
                theme::FAULTY,
            ),
        };
        let v = &f.verdict;
        let m = &v.metrics;
        let timing_fault =
            matches!(role, Some(Role::Faulty(f)) if !f.seen_in_one_pose() && !v.has(f));
        let seen = if self.waiting {
            "waiting for the marks on your photo".to_string()
        } else if timing_fault && v.faults.is_empty() {
            // Pulling with the arms is about timing: a still pose shows where the
            // arms are, but the evaluator cannot call it until drills move.
            "a timing fault: watch the arms, not the numbers".to_string()
        } else if v.faults.is_empty() {
            format!("{}: no faults", v.pattern.id())
        } else {
            let names: Vec<String> = v.faults.iter().map(|f| f.id().replace('_', " ")).collect();
            format!("{}: {}", v.pattern.id(), names.join(", "))
        };
        let detail = if self.waiting {
            "it takes your pose once they are placed".to_string()
        } else {
            format!(
                "shin {:.0}°  hips {:.0} cm back  lower back {:.0}%",
                m.shin_angle_deg,
                m.hip_behind_ankle_m * 100.0,
                m.lumbar_share * 100.0
            )
        };
        let big = painter.layout_no_wrap(
            title,
            egui::FontId::proportional(26.0),
            egui::Color32::WHITE,
        );
        let small =
            painter.layout_no_wrap(seen, egui::FontId::proportional(17.0), theme::LABEL_TEXT);
        let small2 =
            painter.layout_no_wrap(detail, egui::FontId::proportional(15.0), theme::LABEL_TEXT);
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
        painter.rect_filled(body, 6.0, theme::TAG_BACK);
        let y = body.min.y + 3.0;
        painter.galley(
            egui::pos2(p.x - small.size().x / 2.0, y),
            small.clone(),
            theme::LABEL_TEXT,
        );
        painter.galley(
            egui::pos2(p.x - small2.size().x / 2.0, y + small.size().y + 2.0),
            small2,
            theme::LABEL_TEXT,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: egui::Rect = egui::Rect {
        min: egui::pos2(0.0, 0.0),
        max: egui::pos2(390.0, 500.0),
    };
    const SIZE: egui::Vec2 = egui::vec2(200.0, 24.0);

    #[test]
    fn a_chip_that_fits_goes_where_asked() {
        let r = place_chip(egui::pos2(100.0, 200.0), 24.0, SIZE, VIEW);
        assert_eq!(r.min.x, 121.0);
        assert_eq!(r.center().y, 200.0);
    }

    #[test]
    fn a_chip_at_the_right_edge_of_a_phone_goes_to_the_point_s_left() {
        // "centre of mass +0 cm" beside a point near the right edge.
        let p = egui::pos2(300.0, 200.0);
        let r = place_chip(p, 24.0, SIZE, VIEW);
        assert!(VIEW.contains_rect(r), "{r:?}");
        assert!(r.max.x <= p.x - 24.0 + 3.0, "not left of the point: {r:?}");
        // A chip asked for on the left at the left edge goes right.
        let p = egui::pos2(40.0, 200.0);
        let r = place_chip(p, -70.0, egui::vec2(60.0, 24.0), VIEW);
        assert!(VIEW.contains_rect(r), "{r:?}");
        assert!(r.min.x >= p.x, "{r:?}");
    }

    #[test]
    fn a_chip_on_another_moves_to_the_nearest_free_line() {
        let hip = egui::Rect::from_min_size(egui::pos2(100.0, 200.0), egui::vec2(80.0, 26.0));
        let com = egui::Rect::from_min_size(egui::pos2(20.0, 205.0), egui::vec2(300.0, 26.0));
        let moved = off_the_others(com, 10.0, &[hip], VIEW);
        assert!(!moved.intersects(hip), "{moved:?}");
        assert_eq!(moved.min.x, com.min.x);
        assert!((moved.center().y - com.center().y).abs() <= 2.0 * 28.0);
        // Nothing under it: it stays.
        assert_eq!(off_the_others(com, 10.0, &[], VIEW), com);
    }

    /// Held sideways, a phone's "Coach" button covers the place right of
    /// the centre of mass and two lines up and down: the chip goes to the
    /// point's left, at its own height.
    #[test]
    fn a_chip_under_a_button_goes_to_its_point_s_other_side() {
        let button = egui::Rect::from_min_max(egui::pos2(160.0, 140.0), egui::pos2(390.0, 300.0));
        let com = egui::Rect::from_min_max(egui::pos2(174.0, 205.0), egui::pos2(300.0, 231.0));
        let moved = off_the_others(com, 150.0, &[button], VIEW);
        assert_eq!(moved, com.translate(egui::vec2(-174.0, 0.0)), "{moved:?}");
        // Its own side is still first where a line there is free.
        let low = egui::Rect::from_min_max(egui::pos2(160.0, 200.0), egui::pos2(390.0, 232.0));
        let moved = off_the_others(com, 150.0, &[low], VIEW);
        assert_eq!(moved.min.x, com.min.x, "{moved:?}");
        assert!(!moved.intersects(low));
    }

    /// Where every place covers another chip, the chip takes the one
    /// that covers least, not the first it tried.
    #[test]
    fn a_chip_with_no_free_place_covers_as_little_as_it_can() {
        let com = egui::Rect::from_min_max(egui::pos2(0.0, 200.0), egui::pos2(390.0, 226.0));
        let wide =
            |y: f32, w: f32| egui::Rect::from_min_max(egui::pos2(0.0, y), egui::pos2(w, y + 26.0));
        // Its own line and the lines around it: one is only a little covered.
        let taken = [
            wide(200.0, 390.0),
            wide(228.0, 300.0),
            wide(172.0, 40.0),
            wide(256.0, 390.0),
            wide(144.0, 390.0),
        ];
        let moved = off_the_others(com, 195.0, &taken, VIEW);
        assert_eq!(moved, com.translate(egui::vec2(0.0, -28.0)), "{moved:?}");
    }

    #[test]
    fn a_chip_that_fits_on_neither_side_is_pushed_inside() {
        let p = egui::pos2(195.0, 495.0);
        let r = place_chip(p, 24.0, egui::vec2(300.0, 24.0), VIEW);
        assert!(VIEW.contains_rect(r), "{r:?}");
        // Wider than the view: it starts at the view's left edge.
        let r = place_chip(p, 24.0, egui::vec2(500.0, 24.0), VIEW);
        assert_eq!(r.min.x, 0.0);
    }
}
