//! "Where the work goes" on the drill card: the load on the bar (the
//! learner's own, or the drill's example), the load view on the figure, and
//! a plot of the hip, knee and lower-back moments over one repetition with a
//! cursor at the frame shown (a graph that follows the movement, as video
//! analysis tools dock under the clip). Body weight and load change it live.

use bevy_egui::egui;
use egui_plot::{Line, LineStyle, Plot, PlotPoints, VLine};

use crate::body::PoseRequest;
use crate::body::moments::Moments;
use crate::drill::{Drill, Playback};
use crate::overlay::Overlays;
use crate::theme;
use crate::ui::widgets::load_slider;

/// Frames of the repetition the plot samples: a point every few
/// hundredths of a second for the longest drill, a millisecond or two to
/// solve them all (benches/solve.rs: a few microseconds a pose).
const SAMPLES: usize = 121;

/// The heaviest load the slider offers, kilograms: past the heaviest
/// example load (the deadlifts' 100 kg, BIOMECHANICS.md §2b) with room for
/// a strong lifter.
const MAX_LOAD_KG: f32 = 250.0;

/// What the plot was computed for, and its points.
#[derive(Default)]
pub(super) struct Curve {
    key: Option<(String, [u32; 4])>,
    points: Vec<(f32, Moments)>,
}

impl Curve {
    /// The moments over one repetition of `d` for this body and load,
    /// computed again only when the drill, the body or the load change.
    fn of(&mut self, d: &Drill, who: &PoseRequest, load_kg: Option<f32>) -> &[(f32, Moments)] {
        let key = (
            d.id.clone(),
            [
                who.stature_m.to_bits(),
                who.mass_kg.unwrap_or(-1.0).to_bits(),
                who.sex as u32,
                load_kg.unwrap_or(-1.0).to_bits(),
            ],
        );
        if self.key.as_ref() != Some(&key) {
            self.points = d.moments_over(who, load_kg, SAMPLES);
            self.key = Some(key);
        }
        &self.points
    }
}

/// The section: load, load view, plot.
pub(super) fn where_the_work_goes(
    ui: &mut egui::Ui,
    d: &Drill,
    playback: &mut Playback,
    who: &PoseRequest,
    overlays: &mut Overlays,
    (curve, units): (&mut Curve, &mut crate::options::Units),
) {
    ui.label(egui::RichText::new("Where the work goes").strong());
    if let Some(example) = d.load {
        let mut kg = playback.load_kg.unwrap_or(example.mass_kg);
        let before = kg;
        load_slider(ui, &mut kg, MAX_LOAD_KG.max(example.mass_kg), units);
        ui.label(
            egui::RichText::new(format!(
                "the example load is {}",
                units.say(example.mass_kg)
            ))
            .small(),
        );
        if kg != before {
            playback.load_kg = Some(kg);
        }
        if playback.load_kg.is_some() && ui.small_button("back to the example load").clicked() {
            playback.load_kg = None;
        }
    }
    ui.checkbox(
        &mut overlays.loads,
        "colour the working muscles on the figure",
    );
    let points = curve.of(d, who, playback.load_kg);
    moment_plot(ui, points, playback.time_s);
    ui.label(
        egui::RichText::new(
            "What each joint carries over one repetition. Above 0 the hips' glutes and \
             hamstrings, the back's muscles and the thighs' front work; below 0 at the \
             knees, the hamstrings.",
        )
        .small(),
    );
}

/// The three curves and the cursor at `now`.
fn moment_plot(ui: &mut egui::Ui, points: &[(f32, Moments)], now: f32) {
    let series = |f: fn(&Moments) -> f32| -> PlotPoints<'static> {
        points
            .iter()
            .map(|(t, m)| [f64::from(*t), f64::from(f(m))])
            .collect::<Vec<_>>()
            .into()
    };
    // Three colours from a colour-blind safe set, and three line styles, so
    // the curves part in black and white too.
    let lines = [
        ("hips", theme::PLOT_HIP, LineStyle::Solid, series(|m| m.hip)),
        (
            "lower back",
            theme::PLOT_BACK,
            LineStyle::dashed_loose(),
            series(|m| m.l5s1),
        ),
        (
            "knees",
            theme::PLOT_KNEE,
            LineStyle::Dotted { spacing: 6.0 },
            series(|m| m.knee),
        ),
    ];
    // The key above the plot, where it never covers a curve.
    ui.horizontal_wrapped(|ui| {
        for (name, colour, mark) in [
            ("hips", theme::PLOT_HIP, "\u{2014}\u{2014}"),
            ("lower back", theme::PLOT_BACK, "- -"),
            ("knees", theme::PLOT_KNEE, "\u{b7}\u{b7}\u{b7}"),
        ] {
            ui.label(
                egui::RichText::new(format!("{mark} {name}"))
                    .color(colour)
                    .strong(),
            );
        }
        ui.label(egui::RichText::new("| now").color(theme::TEXT));
    });
    Plot::new("moments over the repetition")
        .height(150.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .include_y(0.0)
        .x_axis_label("seconds")
        .y_axis_label("N\u{b7}m")
        .show(ui, |plot| {
            for (name, colour, style, points) in lines {
                plot.line(
                    Line::new(name, points)
                        .color(colour)
                        .style(style)
                        .width(2.5),
                );
            }
            plot.vline(
                VLine::new("now", f64::from(now))
                    .color(theme::TEXT)
                    .width(1.5),
            );
        });
}
