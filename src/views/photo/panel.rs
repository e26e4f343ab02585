//! The photo view on screen: the photo with its marks and angles on the
//! left (tap to place the mark asked for, drag a mark to move it), the
//! verdict on the right, the two figures between.

use bevy::prelude::*;
use bevy_egui::egui;

use super::{ORDER, PhotoCheck, keep_marks};
use crate::coach::photo::{Landmark, PhotoAngles};
use crate::options::ViewState;
use crate::stage::figure::{Catalogue, Figure, MainFigure};
use crate::theme;
use crate::ui::widgets::{
    PROJECTED_ACTIONS, VerdictExtras, action_buttons, verdict_headline, verdict_ui, view_tabs,
};
use crate::ui::{Projection, Side, ViewUi, side_panel};

/// Points on screen within which a press picks up a mark.
const GRAB_PX: f32 = 18.0;

pub(super) fn panels(
    mut view: ViewUi,
    mut check: ResMut<PhotoCheck>,
    catalogue: Res<Catalogue>,
    figures: Query<&Figure, With<MainFigure>>,
) -> Result {
    let (ctx, mut root) = view.root("photo")?;
    show_new_photo(&ctx, &mut check);
    let width = (ctx.viewport_rect().width() * 0.34).clamp(280.0, 800.0);
    side_panel(&mut root, "photo", Side::Left, width, "Photo", |ui| {
        view_tabs(ui, ViewState::Photo, &mut view);
        ui.separator();
        ui.heading("Check my hinge");
        photo_area(ui, &mut check);
    });
    side_panel(
        &mut root,
        "photo verdict",
        Side::Right,
        360.0,
        "Coach",
        |ui| {
            // Its own scroll for each photo: a new one starts at the top.
            egui::ScrollArea::vertical()
                .id_salt(check.path.clone())
                .show(ui, |ui| {
                    verdict_panel(ui, &mut check, &catalogue, figures.single().ok());
                });
        },
    );
    view.rect.set_from(&root);
    Ok(())
}

/// How close the photo can be looked at: a hand's width fills the panel.
pub(super) const MAX_ZOOM: f32 = 6.0;

/// Presenting: the coach projects the learner's photo for the group. The
/// marked photo fills the left of the wall, the two figures the rest; the
/// verdict on top and the cue at the bottom in the presenter's sizes and
/// colours, with the presenter's buttons (leave, theme) under it.
pub(super) fn projected(
    mut view: ViewUi,
    mut check: ResMut<PhotoCheck>,
    projection: Res<Projection>,
    catalogue: Res<Catalogue>,
    figures: Query<&Figure, With<MainFigure>>,
) -> Result {
    let (ctx, mut root) = view.root("photo projected")?;
    show_new_photo(&ctx, &mut check);
    let colours = theme::projected(projection.theme);
    let theme::Projected {
        back: bg,
        text: fg,
        accent,
        warn,
    } = colours;
    let frame = colours.bar();
    let judged = matches!(check.result, Some(Ok(_)));
    let figure = figures.single().ok().filter(|_| judged);
    let (headline, colour) = match figure {
        Some(f) if f.verdict.faults.is_empty() => (verdict_headline(f, &catalogue.0), accent),
        Some(f) => (verdict_headline(f, &catalogue.0), warn),
        None => ("Mark the joints on the photo".to_string(), fg),
    };
    egui::Panel::top("photo projected title")
        .frame(frame)
        .show(&mut root, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new("My hinge")
                        .size(46.0)
                        .strong()
                        .color(fg),
                );
                ui.label(
                    egui::RichText::new(headline)
                        .size(40.0)
                        .strong()
                        .color(colour),
                );
            });
        });
    egui::Panel::bottom("photo projected caption")
        .frame(frame)
        .show(&mut root, |ui| {
            let cue = match figure.and_then(|f| f.verdict.faults.first()) {
                Some(fault) => catalogue.0.cue(*fault).to_string(),
                None if judged => "Hips back, knees soft, back long.".to_string(),
                None => "Tap the ankle, knee, hip, shoulder and ear.".to_string(),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new("CUE:")
                        .size(40.0)
                        .strong()
                        .color(accent),
                );
                ui.label(egui::RichText::new(cue).size(40.0).strong().color(fg));
            });
            let mut clicked = Vec::new();
            ui.horizontal_wrapped(|ui| {
                action_buttons(ui, &PROJECTED_ACTIONS, 20.0, Some((fg, bg)), &mut clicked);
            });
            view.actions.write_batch(clicked);
        });
    let width = (ctx.viewport_rect().width() * 0.4).clamp(280.0, 1200.0);
    side_panel(
        &mut root,
        "photo projected",
        Side::Left,
        width,
        "Photo",
        |ui| {
            photo_area(ui, &mut check);
        },
    );
    view.rect.set_from(&root);
    Ok(())
}

/// A photo just read becomes the texture the panel draws.
fn show_new_photo(ctx: &egui::Context, check: &mut PhotoCheck) {
    if let Some(pixels) = check.pixels.take() {
        check.texture = Some(ctx.load_texture("photo", pixels, egui::TextureOptions::LINEAR));
    }
}

/// What to do first, on this platform.
#[cfg(not(target_arch = "wasm32"))]
const HOW_TO_OPEN: &str = "Then open it here, or drop it on this window. \
     It stays on this computer.";
#[cfg(target_arch = "wasm32")]
const HOW_TO_OPEN: &str = "Then open it here, or drop it on this page. \
     It stays in this browser: nothing is sent anywhere.";

/// The system's file chooser (the browser's on the web), a finger's size.
fn open_button(ui: &mut egui::Ui, check: &mut PhotoCheck, label: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    let (label, open) = if super::desktop::is_open(check) {
        ("Choosing a photo…", true)
    } else {
        (label, false)
    };
    #[cfg(target_arch = "wasm32")]
    let open = false;
    let button =
        egui::Button::new(egui::RichText::new(label).size(20.0)).min_size(egui::vec2(0.0, 44.0));
    if ui.add_enabled(!open, button).clicked() {
        #[cfg(not(target_arch = "wasm32"))]
        super::desktop::choose(check);
        #[cfg(target_arch = "wasm32")]
        {
            let _ = &check;
            super::web::choose();
        }
    }
}

/// On the web, before any mark: the pose model's first guess, a finger's
/// size (the learner then corrects the marks by hand).
fn guess_button(ui: &mut egui::Ui, check: &mut PhotoCheck) {
    #[cfg(target_arch = "wasm32")]
    if check.marks == Default::default() || check.guessing {
        let label = if check.guessing {
            "Guessing the marks…"
        } else {
            "Guess the marks for me"
        };
        let button = egui::Button::new(egui::RichText::new(label).size(20.0))
            .min_size(egui::vec2(0.0, 44.0));
        if ui.add_enabled(!check.guessing, button).clicked() {
            check.guess();
        }
    }
    #[cfg(target_arch = "wasm32")]
    if let Some(note) = &check.guess_note {
        ui.label(egui::RichText::new(note).italics().color(theme::FAULTY));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (ui, check);
}

/// The instructions, the photo and its marks.
fn photo_area(ui: &mut egui::Ui, check: &mut PhotoCheck) {
    let Some(texture) = check.texture.clone() else {
        ui.label(format!(
            "Have a friend take a photo from your side at the bottom of your hinge: \
             the phone at the height of your hips, about 3 m away, your whole body \
             in the picture. {HOW_TO_OPEN}"
        ));
        open_button(ui, check, "Open a photo");
        if check.reading {
            ui.label("Reading the photo…");
        }
        if let Some(m) = &check.message {
            ui.label(egui::RichText::new(format!("⚠ {m}")).color(theme::FAULTY));
        }
        return;
    };
    guess_button(ui, check);
    match check.next_mark() {
        Some(l) => {
            ui.label(
                egui::RichText::new(format!("Tap {}", l.hint()))
                    .size(22.0)
                    .strong()
                    .color(theme::CORRECT),
            );
        }
        None => {
            ui.label(egui::RichText::new("All marked: drag a mark to move it.").strong());
        }
    }
    ui.horizontal_wrapped(|ui| {
        let before = check.zoom;
        let zoom = egui::Slider::new(&mut check.zoom, 1.0..=MAX_ZOOM)
            .custom_formatter(|v, _| format!("{v:.1}×"))
            .text("zoom");
        if ui.add(zoom).changed() {
            // The slider zooms about the middle of the frame.
            let factor = check.zoom / before.max(1.0);
            check.zoom = before;
            check.zoom_at(factor, check.frame / 2.0);
        }
        if ui.button("Fit").clicked() {
            check.zoom = 1.0;
            check.pan = Vec2::ZERO;
        }
        if ui.button("Start over").clicked() {
            check.marks = Default::default();
            check.result = None;
            #[cfg(target_arch = "wasm32")]
            {
                check.guess_note = None;
            }
        }
        open_button(ui, check, "Open another photo");
    });
    let (pw, ph) = check.size.unwrap_or((1, 1));
    let (pw, ph) = (pw as f32, ph as f32);
    // The frame is the photo fitted to the panel; zoomed, the photo is
    // larger than its frame and moved in it (drag an empty place, or the
    // wheel or a pinch at a point).
    let fit = (ui.available_width() / pw).min(ui.available_height().max(200.0) / ph);
    let (response, painter) = ui.allocate_painter(
        egui::vec2(pw * fit, ph * fit),
        egui::Sense::click_and_drag(),
    );
    let frame = response.rect;
    let painter = painter.with_clip_rect(frame);
    if let Some(at) = response.hover_pos() {
        let (wheel, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = pinch * (wheel / 300.0).exp();
        if factor != 1.0 {
            check.zoom_at(factor, Vec2::new(at.x - frame.min.x, at.y - frame.min.y));
            ui.input_mut(|i| i.smooth_scroll_delta = egui::Vec2::ZERO);
        }
    }
    check.keep_in_frame();
    let scale = fit * check.zoom;
    let origin = frame.min + egui::vec2(check.pan.x, check.pan.y);
    let photo_rect = egui::Rect::from_min_size(origin, egui::vec2(pw * scale, ph * scale));
    let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
    painter.image(texture.id(), photo_rect, uv, egui::Color32::WHITE);
    let to_screen = |p: Vec2| origin + egui::vec2(p.x * scale, p.y * scale);
    let to_photo = |p: egui::Pos2| Vec2::new((p.x - origin.x) / scale, (p.y - origin.y) / scale);
    if response.drag_started()
        && let Some(at) = response.interact_pointer_pos()
    {
        check.dragging = ORDER.into_iter().find(|l| {
            check
                .marks
                .get(*l)
                .is_some_and(|p| to_screen(p).distance(at) < GRAB_PX)
        });
    }
    if response.dragged() && check.dragging.is_none() {
        let d = response.drag_delta();
        check.pan += Vec2::new(d.x, d.y);
    } else if ((response.dragged() && check.dragging.is_some()) || response.clicked())
        && let Some(at) = response.interact_pointer_pos()
    {
        check.place(to_photo(at));
    }
    if response.drag_stopped() {
        check.dragging = None;
    }
    check.frame = Vec2::new(frame.width(), frame.height());
    draw_marks(&painter, check, &to_screen);
}

/// The marks, the lines between them (as the overlays draw the body) and
/// the angles.
fn draw_marks(painter: &egui::Painter, check: &PhotoCheck, to_screen: &dyn Fn(Vec2) -> egui::Pos2) {
    let m = &check.marks;
    let line = |a: Landmark, b: Landmark, colour: egui::Color32| {
        if let (Some(p), Some(q)) = (m.get(a), m.get(b)) {
            painter.line_segment([to_screen(p), to_screen(q)], egui::Stroke::new(4.0, colour));
        }
    };
    let knee = theme::to_egui(theme::palette::KNEE);
    let hip = theme::to_egui(theme::palette::HIP);
    line(Landmark::Ankle, Landmark::Knee, knee);
    line(Landmark::Knee, Landmark::Hip, hip);
    // The back as marked: through the small of the back when it is, so a
    // rounded back shows as a bend.
    if m.low_back.is_some() {
        line(Landmark::Hip, Landmark::LowBack, hip);
        line(Landmark::LowBack, Landmark::Shoulder, hip);
    } else {
        line(Landmark::Hip, Landmark::Shoulder, hip);
    }
    line(Landmark::Shoulder, Landmark::Ear, hip);
    line(Landmark::Heel, Landmark::Toe, knee);
    // Each chip goes to the first of four corners around its mark where it
    // covers no mark and no other chip (an ear and a shoulder sit close).
    let marks: Vec<(Landmark, egui::Pos2)> = ORDER
        .iter()
        .filter_map(|l| m.get(*l).map(|p| (*l, to_screen(p))))
        .collect();
    let mut taken: Vec<egui::Rect> = marks
        .iter()
        .map(|(_, at)| egui::Rect::from_center_size(*at, egui::vec2(16.0, 16.0)))
        .collect();
    let mut place = |at: egui::Pos2, size: egui::Vec2| {
        let corners = [
            at + egui::vec2(12.0, -12.0 - size.y),
            at + egui::vec2(-12.0 - size.x, -12.0 - size.y),
            at + egui::vec2(12.0, 12.0),
            at + egui::vec2(-12.0 - size.x, 12.0),
        ];
        let rect = |min: egui::Pos2| egui::Rect::from_min_size(min, size).expand(3.0);
        // The corner that covers least of what is there already.
        let covered = |c: egui::Pos2| -> f32 {
            let r = rect(c);
            taken
                .iter()
                .map(|t| t.intersect(r))
                .filter(|i| i.is_positive())
                .map(|i| i.area())
                .sum()
        };
        let min = corners
            .into_iter()
            .min_by(|a, b| covered(*a).total_cmp(&covered(*b)))
            .unwrap_or(corners[0]);
        taken.push(rect(min));
        min
    };
    for (_, at) in &marks {
        painter.circle(
            *at,
            8.0,
            theme::TOUCH_EGUI,
            egui::Stroke::new(2.0, egui::Color32::BLACK),
        );
    }
    // The angles first: they matter most and keep their place by the joint.
    if let Some(Ok((p, _))) = &check.result {
        let mut chip = |at: Option<Vec2>, text: String| {
            if let Some(at) = at {
                let g = painter.layout_no_wrap(
                    text,
                    egui::FontId::proportional(ANGLE_SIZE),
                    theme::LABEL_TEXT,
                );
                let pos = place(to_screen(at), g.size());
                let r = egui::Rect::from_min_size(pos, g.size()).expand(3.0);
                painter.rect_filled(r, 4.0, theme::LABEL_BACK);
                painter.galley(pos, g, theme::LABEL_TEXT);
            }
        };
        chip(m.knee, format!("knee {:.0}°", p.angles.knee_deg));
        chip(m.hip, format!("hip {:.0}°", p.angles.hip_trunk_deg));
    }
    for (l, at) in &marks {
        // On a dark chip: readable on a white wall and on a dark floor.
        let g = painter.layout_no_wrap(
            l.id().replace('_', " "),
            egui::FontId::proportional(NAME_SIZE),
            egui::Color32::WHITE,
        );
        let pos = place(*at, g.size());
        let r = egui::Rect::from_min_size(pos, g.size()).expand(2.0);
        painter.rect_filled(r, 3.0, egui::Color32::from_black_alpha(170));
        painter.galley(pos, g, egui::Color32::WHITE);
    }
}

/// The marks' names and the angles on the photo, points: the overlays'
/// sizes on the 3D view (a coach's group reads them from the back).
const NAME_SIZE: f32 = 17.0;
const ANGLE_SIZE: f32 = 20.0;

/// The verdict, what could not be judged, the angles, and the buttons.
fn verdict_panel(
    ui: &mut egui::Ui,
    check: &mut PhotoCheck,
    catalogue: &Catalogue,
    figure: Option<&Figure>,
) {
    match &check.result {
        None => {
            ui.label("Mark the ankle, knee, hip, shoulder and ear: the coach answers at once.");
        }
        Some(Err(problems)) => {
            // Marks still to place are one line with a count, not a list
            // of every joint before the first tap; other problems (two
            // marks on one spot, one outside the picture) are each said.
            let placed = Landmark::REQUIRED
                .iter()
                .filter(|l| check.marks.get(**l).is_some())
                .count();
            if placed < Landmark::REQUIRED.len() {
                ui.label(format!(
                    "Mark the ankle, knee, hip and shoulder ({placed} of {} so far), \
                     then the ear: the coach answers at once.",
                    Landmark::REQUIRED.len()
                ));
            }
            for p in problems.iter().filter(|p| !p.starts_with("mark ")) {
                ui.label(egui::RichText::new(format!("⚠ {p}")).color(theme::FAULTY));
            }
        }
        Some(Ok((p, _))) => {
            if let Some(f) = figure {
                verdict_ui(ui, f, &catalogue.0, VerdictExtras::default());
            }
            ui.separator();
            for n in &p.not_judged {
                ui.label(egui::RichText::new(format!("• {n}")).italics());
            }
            ui.separator();
            angles_ui(ui, &p.angles);
        }
    }
    ui.label(
        egui::RichText::new(
            "Angles hold only for a photo taken from the side, level with the hips.",
        )
        .small(),
    );
    ui.separator();
    if check.path.is_some() && ui.button("Keep the marks beside the photo").clicked() {
        keep_marks(check);
    }
    if let Some(m) = &check.message {
        ui.label(egui::RichText::new(m).small());
    }
}

fn angles_ui(ui: &mut egui::Ui, a: &PhotoAngles) {
    ui.label(egui::RichText::new("In your photo").strong());
    ui.label(format!(
        "knee bend {:.0}°, hip fold {:.0}°",
        a.knee_deg, a.hip_trunk_deg
    ));
    ui.label(format!(
        "shins {:.0}° and trunk {:.0}° from vertical",
        a.shin_deg, a.trunk_deg
    ));
    if let Some(n) = a.neck_deg {
        ui.label(format!("neck {n:.0}°"));
    }
    if let Some(b) = a.low_back_bend_deg {
        ui.label(format!("lower back bent {b:.0}°"));
    }
}
