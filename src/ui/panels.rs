//! Side panels beside the 3D view: the learner drags their edges and folds
//! them away (both remembered in [`PanelLayout`]); in a compact window, or
//! folded, each waits behind a button in its corner. The buttons floating
//! over the view are recorded each frame so the numbers beside a figure keep
//! off them.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{PanelLayout, compact};

/// Which side a panel stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Where the side panels' layout waits in egui's memory for the frame's
/// panels (`lend_layout`, `take_back_layout`).
fn layout_key() -> egui::Id {
    egui::Id::new("hinge panel layout")
}

fn floating_key() -> egui::Id {
    egui::Id::new("hinge buttons over the view")
}

/// The buttons floating over the 3D view this frame (a folded panel's
/// "☰ Coach", the fold arrow): the numbers beside a figure move off them,
/// or a phone's "Coach" button covers "centre of mass".
pub fn buttons_over_view(ctx: &egui::Context) -> Vec<egui::Rect> {
    ctx.data(|d| d.get_temp::<Vec<egui::Rect>>(floating_key()))
        .unwrap_or_default()
}

fn float_over_view(ctx: &egui::Context, rect: egui::Rect) {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Vec<egui::Rect>>(floating_key())
            .push(rect)
    });
}

/// The learner's panel layout, lent to the frame's panels.
pub(super) fn lend_layout(layout: Res<PanelLayout>, mut contexts: EguiContexts) -> Result {
    lend(contexts.ctx_mut()?, &layout);
    Ok(())
}

/// Before a frame's panels: the layout lent, no button over the view yet.
fn lend(ctx: &egui::Context, layout: &PanelLayout) {
    ctx.data_mut(|d| {
        d.insert_temp(layout_key(), layout.clone());
        d.insert_temp(floating_key(), Vec::<egui::Rect>::new());
    });
}

/// What the panels did to it (a drag, a fold), kept (and so saved).
pub(super) fn take_back_layout(
    mut layout: ResMut<PanelLayout>,
    mut contexts: EguiContexts,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if let Some(after) = ctx.data(|d| d.get_temp::<PanelLayout>(layout_key())) {
        layout.set_if_neq(after);
    }
    Ok(())
}

/// A side panel of `width` points. In a window big enough for it the
/// learner can drag its edge (0.7x to 1.8x, within 45% of the window) and
/// fold it away with the arrow on the 3D view's edge, to give the figure
/// the room; both are remembered. In a compact window, or folded, it waits
/// behind a button in its top corner (named `label`): in a compact window
/// that button opens it over the view, folded it docks it again. The
/// content is only built while it shows.
pub fn side_panel<R>(
    root: &mut egui::Ui,
    id: &'static str,
    side: Side,
    width: f32,
    label: &str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> Option<R> {
    let ctx = root.ctx().clone();
    let panel = match side {
        Side::Left => egui::Panel::left(id),
        Side::Right => egui::Panel::right(id),
    };
    let mut layout: PanelLayout = ctx.data(|d| d.get_temp(layout_key())).unwrap_or_default();
    let folded = layout.folded.contains(id);
    if !compact(&ctx) && !folded {
        let max = (width * 1.8)
            .min(ctx.viewport_rect().width() * 0.45)
            .max(width * 0.7);
        let saved = layout.widths.get(id).copied().unwrap_or(width);
        let shown = panel
            .resizable(true)
            .default_size(saved.clamp(width * 0.7, max))
            .size_range(width * 0.7..=max)
            .show(root, |ui| {
                // The width the learner chose, whatever the content's.
                ui.set_min_width(ui.available_width());
                add(ui)
            });
        let rect = shown.response.rect;
        if (rect.width() - saved).abs() > 1.0 {
            layout.widths.insert(id.to_string(), rect.width().round());
        }
        let (pivot, at, arrow) = match side {
            Side::Left => (
                egui::Align2::LEFT_TOP,
                rect.right_top() + egui::vec2(4.0, 4.0),
                "◀",
            ),
            Side::Right => (
                egui::Align2::RIGHT_TOP,
                rect.left_top() + egui::vec2(-4.0, 4.0),
                "▶",
            ),
        };
        let fold = egui::Area::new(egui::Id::new((id, "fold")))
            .fixed_pos(at)
            .pivot(pivot)
            .order(egui::Order::Foreground)
            .show(&ctx, |ui| {
                let button = egui::Button::new(egui::RichText::new(arrow).size(18.0))
                    .min_size(egui::vec2(30.0, 30.0));
                if ui
                    .add(button)
                    .on_hover_text(format!(
                        "fold the {label} panel away (drag its edge to resize)"
                    ))
                    .clicked()
                {
                    layout.folded.insert(id.to_string());
                }
            });
        float_over_view(&ctx, fold.response.rect);
        ctx.data_mut(|d| d.insert_temp(layout_key(), layout));
        return Some(shown.inner);
    }
    if folded && !compact(&ctx) {
        // Folded by the learner: its button docks it again.
        let (anchor, offset) = match side {
            Side::Left => (egui::Align2::LEFT_TOP, egui::vec2(4.0, 4.0)),
            Side::Right => (egui::Align2::RIGHT_TOP, egui::vec2(-4.0, 4.0)),
        };
        let unfold = egui::Id::new((id, "unfold"));
        if corner_button(&ctx, unfold, (anchor, offset), &format!("☰ {label}"))
            .on_hover_text("show the panel again")
            .clicked()
        {
            layout.folded.remove(id);
        }
        ctx.data_mut(|d| d.insert_temp(layout_key(), layout));
        return None;
    }
    let panel = panel.resizable(false);
    let key = egui::Id::new((id, "unfolded"));
    let mut open = ctx.data(|d| d.get_temp::<bool>(key)).unwrap_or(false);
    // Where the two buttons would meet (a phone held upright) the right one
    // goes under the left one, drawn first; held sideways they share the
    // top row, and the figure keeps its torso. Its own size is last frame's
    // (the first frame guesses from the window's width).
    let area = key.with("button");
    let below = match (side, ctx.memory(|m| m.area_rect(area))) {
        (Side::Left, _) => false,
        (Side::Right, Some(last)) => {
            let top = egui::Rect::from_min_size(
                egui::pos2(ctx.viewport_rect().max.x - 4.0 - last.width(), 4.0),
                last.size(),
            );
            buttons_over_view(&ctx)
                .iter()
                .any(|other| other.expand(4.0).intersects(top))
        }
        (Side::Right, None) => ctx.viewport_rect().width() < 600.0,
    };
    let below = if below { 52.0 } else { 0.0 };
    let (anchor, offset) = match side {
        Side::Left => (egui::Align2::LEFT_TOP, egui::vec2(4.0, 4.0)),
        Side::Right => (egui::Align2::RIGHT_TOP, egui::vec2(-4.0, 4.0 + below)),
    };
    let text = if open {
        format!("✖ {label}")
    } else {
        format!("☰ {label}")
    };
    if corner_button(&ctx, area, (anchor, offset), &text).clicked() {
        open = !open;
    }
    ctx.data_mut(|d| d.insert_temp(key, open));
    open.then(|| {
        panel
            .exact_size(width.min(ctx.viewport_rect().width()))
            .show(root, |ui| {
                // Room for the button over the panel's top.
                ui.add_space(52.0 + offset.y - 4.0);
                add(ui)
            })
            .inner
    })
}

/// A panel's button in a corner of the view, over it (and so recorded as
/// over it): a fingertip's size, as a compact window is most often a phone.
fn corner_button(
    ctx: &egui::Context,
    id: egui::Id,
    (anchor, offset): (egui::Align2, egui::Vec2),
    text: &str,
) -> egui::Response {
    let shown = egui::Area::new(id)
        .anchor(anchor, offset)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.add(
                egui::Button::new(egui::RichText::new(text).size(21.0))
                    .min_size(egui::vec2(48.0, 44.0)),
            )
        });
    float_over_view(ctx, shown.response.rect);
    shown.inner
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::root_ui;

    /// One 1280x720 frame of a view with a left panel, the layout lent as
    /// the app lends it; what the panel left for the 3D view, and the
    /// layout after.
    fn panel_frame(
        ctx: &egui::Context,
        layout: &PanelLayout,
        events: Vec<egui::Event>,
    ) -> (Option<egui::Rect>, egui::Rect, PanelLayout) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 720.0),
            )),
            events,
            ..Default::default()
        };
        let mut shown = None;
        let mut left = egui::Rect::NOTHING;
        lend(ctx, layout);
        let mut full = ctx.run_ui(input, |ui| {
            let mut root = root_ui(ui.ctx(), "test");
            shown = side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |ui| {
                ui.label("sliders");
                ui.max_rect()
            });
            left = root.available_rect_before_wrap();
        });
        full.textures_delta.clear();
        let after = ctx
            .data(|d| d.get_temp::<PanelLayout>(layout_key()))
            .unwrap();
        (shown, left, after)
    }

    fn click(at: egui::Pos2) -> Vec<Vec<egui::Event>> {
        let button = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        vec![
            vec![egui::Event::PointerMoved(at)],
            vec![button(true)],
            vec![button(false)],
        ]
    }

    /// A phone: both panels fold behind finger-sized buttons over the view.
    /// Upright they would meet, so the right one goes under the left;
    /// held sideways they share the top row (the figure keeps its torso).
    #[test]
    fn on_a_phone_the_panel_buttons_share_the_top_row_where_they_fit() {
        // A 390x844 phone at the zoom a phone gets (1.5), upright and sideways.
        for (size, stacked) in [((260.0, 563.0), true), ((563.0, 260.0), false)] {
            let ctx = crate::ui::fonts::test_context();
            let mut over = vec![];
            for _ in 0..3 {
                lend(&ctx, &PanelLayout::default());
                let input = egui::RawInput {
                    screen_rect: Some(egui::Rect::from_min_size(
                        egui::Pos2::ZERO,
                        egui::vec2(size.0, size.1),
                    )),
                    ..Default::default()
                };
                let mut full = ctx.run_ui(input, |ui| {
                    let mut root = root_ui(ui.ctx(), "test");
                    side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |_| ());
                    side_panel(
                        &mut root,
                        "verdict",
                        Side::Right,
                        380.0,
                        "Coach: ✔ Good hinge",
                        |_| (),
                    );
                });
                full.textures_delta.clear();
                over = buttons_over_view(&ctx);
            }
            let [left, right] = over[..] else {
                panic!("{size:?}: two buttons over the view: {over:?}");
            };
            assert!(!left.intersects(right), "{size:?}: {left:?} {right:?}");
            assert!(right.right() > size.0 - 10.0, "{size:?}: {right:?}");
            if stacked {
                assert!(right.top() >= left.bottom(), "{size:?}: {left:?} {right:?}");
            } else {
                assert!(
                    (right.top() - left.top()).abs() < 1.0,
                    "{size:?}: {left:?} {right:?}"
                );
            }
        }
    }

    /// On a laptop the learner folds a side panel away to give the figure
    /// the room (the arrow on the 3D view's edge), docks it again with its
    /// button, and a width they dragged it to is used next time.
    #[test]
    fn a_side_panel_folds_away_docks_again_and_keeps_its_width() {
        let ctx = crate::ui::fonts::test_context();
        let mut layout = PanelLayout::default();
        let (shown, view, after) = panel_frame(&ctx, &layout, vec![]);
        assert!(shown.is_some());
        assert!((view.left() - 330.0).abs() < 12.0, "{view:?}");
        assert_eq!(after, layout, "nothing changed, nothing to save");
        // The fold arrow sits just right of the panel, at the top.
        for events in click(egui::pos2(view.left() + 18.0, 19.0)) {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        assert!(layout.folded.contains("controls"), "{layout:?}");
        let (shown, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!(shown.is_none());
        assert!(
            view.left() < 1.0,
            "the 3D view takes the whole width: {view:?}"
        );
        // Its button floats over the view's corner: the numbers beside the
        // figure are told to leave it free, once.
        let over = buttons_over_view(&ctx);
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].contains(egui::pos2(30.0, 26.0)), "{over:?}");
        // "☰ Controls" in the corner docks it again.
        for events in click(egui::pos2(30.0, 26.0)) {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        assert!(layout.folded.is_empty(), "{layout:?}");
        // Dragging its edge 100 points to the right widens it, and the
        // width is kept.
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        let edge = egui::pos2(view.left(), 400.0);
        let to = edge + egui::vec2(100.0, 0.0);
        let press = |pos, pressed| egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        for events in [
            vec![egui::Event::PointerMoved(edge)],
            vec![press(edge, true)],
            vec![egui::Event::PointerMoved(edge + egui::vec2(50.0, 0.0))],
            vec![egui::Event::PointerMoved(to)],
            vec![press(to, false)],
            vec![],
        ] {
            layout = panel_frame(&ctx, &layout, events).2;
        }
        let kept = layout.widths.get("controls").copied().unwrap_or_default();
        assert!((kept - 430.0).abs() < 15.0, "dragged to {kept}: {layout:?}");
        // A width kept from before (a drag in an earlier run) is used, within bounds.
        let ctx = crate::ui::fonts::test_context();
        layout.widths.insert("controls".into(), 450.0);
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!((view.left() - 450.0).abs() < 12.0, "{view:?}");
        let ctx = crate::ui::fonts::test_context();
        layout.widths.insert("controls".into(), 5000.0);
        let (_, view, _) = panel_frame(&ctx, &layout, vec![]);
        assert!(view.left() <= 1280.0 * 0.45 + 12.0, "{view:?}");
    }
}
