//! The explore view: sliders for knee bend and hip angle (and more under
//! "advanced"), and a live verdict in plain words.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::body::{Load, LoadPlace, PoseRequest, Range, Sex, ranges};
use crate::coach::faulty_pose;
use crate::coach::{Fault, FaultCatalogue, Pattern};
use crate::modes::{Role, ViewState};
use crate::overlay::{Overlays, ViewRect};
use crate::stage::camera::Orbit;
use crate::stage::figure::{CoachThresholds, Figure, FigureSystems, MainFigure};

/// What the sliders say: the pose request and the thresholds preset.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct PoseControls {
    pub request: PoseRequest,
    pub preset: String,
}

impl Default for PoseControls {
    fn default() -> Self {
        let mut request = PoseRequest::default();
        // Start in a good hinge: soft knees, hips folded (BIOMECHANICS.md §1).
        request.pose.knee_deg = 20.0;
        request.pose.hip_deg = 80.0;
        PoseControls {
            request,
            preset: "rdl".into(),
        }
    }
}

/// The fault catalogue, for cues.
#[derive(Resource, Debug, Clone)]
pub struct Catalogue(pub FaultCatalogue);

impl Default for Catalogue {
    fn default() -> Self {
        Catalogue(FaultCatalogue::builtin())
    }
}

/// The explore view's state and how it reaches the figures (no UI needed).
pub fn plugin(app: &mut App) {
    app.init_resource::<PoseControls>()
        .init_resource::<Catalogue>();
    app.add_systems(Update, apply_controls.before(FigureSystems));
}

/// Copy the slider values into every figure when they change: the correct
/// figure takes them as they are, each faulty twin with its fault.
pub fn apply_controls(
    controls: Res<PoseControls>,
    thresholds: Res<CoachThresholds>,
    mut figures: Query<(&mut Figure, Option<&Role>)>,
) {
    if !controls.is_changed() {
        return;
    }
    let t = thresholds.0.preset_or_default(&controls.preset);
    for (mut f, role) in &mut figures {
        f.request = match role {
            Some(Role::Faulty(fault)) => faulty_pose(&controls.request, *fault),
            Some(Role::Correct) | None => controls.request,
        };
        f.thresholds = t.clone();
    }
}

pub fn slider(ui: &mut egui::Ui, label: &str, value: &mut f32, range: Range, hint: &str) -> bool {
    ui.label(
        egui::RichText::new(format!(
            "{label}  ({:.0}{u} to {:.0}{u})",
            range.min,
            range.max,
            u = range.unit
        ))
        .strong(),
    );
    let r = ui.add(
        egui::Slider::new(value, range.min..=range.max)
            .suffix(range.unit)
            .fixed_decimals(0)
            .step_by(1.0),
    );
    if !hint.is_empty() {
        ui.label(
            egui::RichText::new(hint)
                .small()
                .color(egui::Color32::from_gray(70)),
        );
    }
    r.changed()
}

/// Both side panels of the explore view.
#[allow(clippy::too_many_arguments)] // a Bevy system: one argument per resource it reads or writes
pub fn panels(
    mut contexts: EguiContexts,
    mut controls: ResMut<PoseControls>,
    mut overlays: ResMut<Overlays>,
    mut orbit: ResMut<Orbit>,
    mut view_rect: ResMut<ViewRect>,
    thresholds: Res<CoachThresholds>,
    catalogue: Res<Catalogue>,
    figures: Query<&Figure, With<MainFigure>>,
    mut compare: ResMut<crate::modes::CompareSettings>,
    state: Res<State<ViewState>>,
    mut next: ResMut<NextState<ViewState>>,
    (library, mut playback): (Res<crate::drill::Library>, ResMut<crate::drill::Playback>),
) -> Result {
    let view = *state.get();
    let mut settings = compare.clone();
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = crate::ui::root_ui(&ctx, "explore");
    if view == ViewState::Compare
        && let Some(d) = playback.drill.clone().and_then(|id| library.get(&id))
    {
        super::drills::playback_bar(&mut root, d, &mut playback, None);
    }
    let mut edited = controls.request;
    let mut preset = controls.preset.clone();
    crate::ui::side_panel(
        &mut root,
        "controls",
        crate::ui::Side::Left,
        330.0,
        "Controls",
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                super::drills::view_tabs(ui, view, &mut next);
                ui.separator();
                match view {
                    ViewState::Explore => {
                        ui.heading("Explore the hinge");
                        ui.label("Bend the knees and fold at the hips. The body keeps its balance over the middle of the feet, as yours does.");
                    }
                    ViewState::Compare | ViewState::Drills | ViewState::Quiz => {
                        ui.heading("Correct and faulty");
                        ui.label("The same movement done right and done wrong. The sliders (or the drill) move every figure.");
                        fault_picker(ui, &mut settings, &catalogue.0);
                        drill_picker(ui, &library, &mut playback);
                    }
                }
                ui.separator();
                let p = &mut edited.pose;
                slider(ui, "Knee bend", &mut p.knee_deg, ranges::KNEE, "0 = straight. A hinge keeps the knees soft: about 15-25°.");
                slider(ui, "Hip angle", &mut p.hip_deg, ranges::HIP, "0 = standing tall. Fold here to hinge.");
                ui.separator();
                ui.label(egui::RichText::new("Judge it as").strong());
                egui::ComboBox::from_id_salt("preset")
                    .selected_text(preset_name(&preset))
                    .show_ui(ui, |ui| {
                        for name in thresholds.0.presets.keys() {
                            ui.selectable_value(&mut preset, name.clone(), preset_name(name));
                        }
                    });
                ui.separator();
                egui::CollapsingHeader::new(egui::RichText::new("Advanced").strong()).default_open(false).show(ui, |ui| {
                    slider(ui, "Lower back (lumbar)", &mut p.lumbar_deg, ranges::LUMBAR, "+ rounds, - arches");
                    slider(ui, "Upper back (thoracic)", &mut p.thoracic_deg, ranges::THORACIC, "+ rounds");
                    slider(ui, "Neck", &mut p.neck_deg, ranges::NECK, "+ chin tucked, - chin up");
                    slider(ui, "Knees caving in", &mut p.valgus_deg, ranges::VALGUS, "");
                    let mut width_cm = p.stance_width_m * 100.0;
                    let stance = Range { name: "stance", min: ranges::STANCE_WIDTH.min * 100.0, max: ranges::STANCE_WIDTH.max * 100.0, unit: " cm" };
                    if slider(ui, "Stance width", &mut width_cm, stance, "") {
                        p.stance_width_m = width_cm / 100.0;
                    }
                    slider(ui, "Toes turned out", &mut p.toe_out_deg, ranges::TOE_OUT, "");
                    let mut cm = edited.stature_m * 100.0;
                    let stature = Range { name: "stature", min: ranges::STATURE.min * 100.0, max: ranges::STATURE.max * 100.0, unit: " cm" };
                    if slider(ui, "Height", &mut cm, stature, "") {
                        edited.stature_m = cm / 100.0;
                    }
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut edited.sex, Sex::Male, "male");
                        ui.radio_value(&mut edited.sex, Sex::Female, "female");
                    });
                    let mut kg = edited.load.map_or(0.0, |l| l.mass_kg);
                    let mut at = edited.load.map_or(LoadPlace::Hands, |l| l.at);
                    let load_range = Range { name: "load", min: 0.0, max: 150.0, unit: " kg" };
                    slider(ui, "Load", &mut kg, load_range, "");
                    egui::ComboBox::from_id_salt("load at").selected_text(load_place_name(at)).show_ui(ui, |ui| {
                        for place in LoadPlace::ALL {
                            ui.selectable_value(&mut at, place, load_place_name(place));
                        }
                    });
                    // What the hands hold stays what the drill gave them (a bar by default).
                    let implement = edited.load.map(|l| l.implement).unwrap_or_default();
                    edited.load = (kg > 0.0).then_some(Load { mass_kg: kg, at, implement });
                });
                ui.separator();
                ui.label(egui::RichText::new("Show").strong());
                ui.checkbox(&mut overlays.angles, "knee and hip angles");
                ui.checkbox(&mut overlays.lines, "shin and torso lines");
                ui.checkbox(&mut overlays.centre_of_mass, "centre of mass over the midfoot");
                ui.checkbox(&mut overlays.dowel, "dowel on the back");
                ui.checkbox(&mut overlays.hip_path, "path of the hips");
                ui.checkbox(&mut overlays.back_load, "load on the lower back");
                ui.separator();
                ui.label(egui::RichText::new("Camera").strong());
                ui.horizontal_wrapped(|ui| {
                    use crate::cli::CameraPreset as C;
                    for (preset, name) in [(C::Side, "side"), (C::Front, "front"), (C::ThreeQuarter, "3/4"), (C::Top, "top")] {
                        if ui.button(name).clicked() {
                            let distance = orbit.distance_m;
                            *orbit = Orbit { distance_m: distance, ..Orbit::preset(preset) };
                        }
                    }
                });
                if ui.button("Reset pose").clicked() {
                    edited = PoseControls::default().request;
                }
            });
        },
    );

    let figure = figures.iter().next();
    crate::ui::side_panel(
        &mut root,
        "verdict",
        crate::ui::Side::Right,
        380.0,
        "Coach",
        |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match view {
                ViewState::Explore => {
                    if let Some(f) = figure {
                        verdict_ui(ui, f, &catalogue.0, overlays.back_load);
                    }
                }
                ViewState::Compare | ViewState::Drills | ViewState::Quiz => {
                    for fault in &settings.faults {
                        fault_card(ui, catalogue.0.get(*fault));
                        ui.separator();
                    }
                }
            });
        },
    );

    crate::ui::set_view_rect(&root, &mut view_rect);
    if edited != controls.request {
        controls.request = edited;
    }
    if preset != controls.preset {
        controls.preset = preset;
    }
    if settings != *compare {
        *compare = settings;
    }
    Ok(())
}

/// Choose the fault to compare with, or an overview of several; ghost mode.
fn fault_picker(
    ui: &mut egui::Ui,
    settings: &mut crate::modes::CompareSettings,
    catalogue: &FaultCatalogue,
) {
    let mut first = settings
        .faults
        .first()
        .copied()
        .unwrap_or(Fault::RoundedBack);
    ui.label(egui::RichText::new("Fault").strong());
    egui::ComboBox::from_id_salt("fault")
        .selected_text(catalogue.get(first).name.clone())
        .show_ui(ui, |ui| {
            for f in Fault::ALL {
                ui.selectable_value(&mut first, f, catalogue.get(f).name.clone());
            }
        });
    let mut overview = settings.faults.len() > 1;
    ui.checkbox(&mut overview, "overview: three faults at once");
    let mut faults = vec![first];
    if overview {
        // The two faults a novice most often mixes up with the one chosen.
        for f in [
            Fault::RoundedBack,
            Fault::SquattingTheHinge,
            Fault::LockedKnees,
            Fault::ChinUp,
        ] {
            if faults.len() < 3 && !faults.contains(&f) {
                faults.push(f);
            }
        }
    }
    settings.faults = faults;
    ui.checkbox(&mut settings.ghost, "ghost: overlay the faulty figure");
}

/// Animate the comparison with a drill, or pose it with the sliders.
fn drill_picker(
    ui: &mut egui::Ui,
    library: &crate::drill::Library,
    playback: &mut crate::drill::Playback,
) {
    ui.label(egui::RichText::new("Movement").strong());
    let current = playback
        .drill
        .as_deref()
        .and_then(|id| library.get(id))
        .map_or("the sliders (no drill)".to_string(), |d| d.name.clone());
    let mut chosen = playback.drill.clone();
    egui::ComboBox::from_id_salt("compare drill")
        .selected_text(current)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut chosen, None, "the sliders (no drill)");
            for d in &library.drills {
                ui.selectable_value(&mut chosen, Some(d.id.clone()), d.name.clone());
            }
        });
    if chosen != playback.drill {
        match chosen {
            Some(id) => playback.start(&id),
            None => playback.drill = None,
        }
    }
}

/// What a fault is, what to look for, and its cue.
fn fault_card(ui: &mut egui::Ui, info: &crate::coach::FaultInfo) {
    ui.label(
        egui::RichText::new(format!("✖ {}", info.name))
            .size(26.0)
            .strong()
            .color(FAULTY_COLOUR),
    );
    ui.label(&info.description);
    ui.label(egui::RichText::new("Look for").strong());
    ui.label(&info.look_for);
    ui.label(egui::RichText::new(format!("Cue: {}", info.cue)).strong());
}

/// Blue for correct, orange for faulty: a pair colour-blind viewers tell apart,
/// always with a symbol and a word beside it.
pub const CORRECT_COLOUR: egui::Color32 = egui::Color32::from_rgb(0, 90, 181);
pub const FAULTY_COLOUR: egui::Color32 = egui::Color32::from_rgb(200, 80, 0);

fn preset_name(id: &str) -> String {
    match id {
        "rdl" => "Romanian deadlift (soft knees)".into(),
        "good-morning" => "Good morning (straight-ish knees)".into(),
        "conventional-deadlift" => "Conventional deadlift (deeper knees)".into(),
        other => other.into(),
    }
}

fn load_place_name(p: LoadPlace) -> &'static str {
    match p {
        LoadPlace::Front => "hugged at the chest",
        LoadPlace::Back => "on the upper back",
        LoadPlace::Hands => "hanging from the hands",
        LoadPlace::OverheadBack => "behind the head",
    }
}

/// The colour and symbol of a pattern: never colour alone.
pub fn pattern_badge(p: Pattern, faults: usize) -> (egui::Color32, &'static str) {
    match (p, faults) {
        (Pattern::Hinge, 0) => (egui::Color32::from_rgb(0, 90, 181), "✔"),
        (Pattern::Standing, 0) => (egui::Color32::from_rgb(60, 60, 60), "•"),
        _ => (egui::Color32::from_rgb(200, 80, 0), "✖"),
    }
}

fn verdict_ui(ui: &mut egui::Ui, f: &Figure, catalogue: &FaultCatalogue, show_back_load: bool) {
    let v = &f.verdict;
    let m = &v.metrics;
    let (color, symbol) = pattern_badge(v.pattern, v.faults.len());
    let title = match (v.pattern, v.faults.is_empty()) {
        (Pattern::Hinge, true) => "Good hinge".to_string(),
        (p, _) => capitalise(p.id()),
    };
    ui.label(
        egui::RichText::new(format!("{symbol} {title}"))
            .size(34.0)
            .strong()
            .color(color),
    );
    ui.label(v.pattern.describe());
    ui.separator();
    if v.faults.is_empty() {
        if v.pattern == Pattern::Hinge {
            ui.label(egui::RichText::new("No faults: hips back, knees soft, back long.").strong());
        }
    } else {
        for fault in &v.faults {
            let info = catalogue.get(*fault);
            ui.label(
                egui::RichText::new(format!("✖ {}", info.name))
                    .size(23.0)
                    .strong()
                    .color(egui::Color32::from_rgb(200, 80, 0)),
            );
            ui.label(egui::RichText::new(format!("Cue: {}", info.cue)).strong());
        }
    }
    match v.balance {
        crate::body::Balance::Balanced => {}
        crate::body::Balance::OnToes => {
            ui.label(
                egui::RichText::new("Can't balance: the weight is past the toes.")
                    .strong()
                    .color(egui::Color32::from_rgb(200, 80, 0)),
            );
        }
        crate::body::Balance::OnHeels => {
            ui.label(
                egui::RichText::new("Can't balance: falling back on the heels.")
                    .strong()
                    .color(egui::Color32::from_rgb(200, 80, 0)),
            );
        }
    }
    ui.separator();
    ui.label(egui::RichText::new("The numbers").strong());
    let line = |ui: &mut egui::Ui, what: &str, value: String| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(value).strong());
            ui.label(what);
        });
    };
    line(
        ui,
        "shins from vertical (a hinge keeps them near 0)",
        format!("{:.0}°", m.shin_angle_deg),
    );
    line(
        ui,
        "torso from vertical (90° = flat)",
        format!("{:.0}°", m.torso_angle_deg),
    );
    line(
        ui,
        "hips behind the ankles",
        format!("{:.0} cm", m.hip_behind_ankle_m * 100.0),
    );
    let knee = m.knee_ahead_of_toes_m * 100.0;
    if knee > 0.0 {
        line(ui, "knees past the toes", format!("{knee:.0} cm"));
    } else {
        line(ui, "knees behind the toes", format!("{:.0} cm", -knee));
    }
    line(
        ui,
        "of the bend comes from the lower back",
        format!("{:.0}%", m.lumbar_share * 100.0),
    );
    // What the hands hold (a bar, bells, handles): where it is (B §2b: on
    // the floor at 0.225 m, over the midfoot, against the legs).
    if let (Some(h), Some(ahead), Some(legs)) =
        (m.grip_height_m, m.grip_ahead_of_midfoot_m, m.grip_to_legs_m)
    {
        line(ui, "bar off the floor", format!("{:.0} cm", h * 100.0));
        if ahead >= 0.0 {
            line(
                ui,
                "bar ahead of the midfoot",
                format!("{:.0} cm", ahead * 100.0),
            );
        } else {
            line(
                ui,
                "bar behind the midfoot",
                format!("{:.0} cm", -ahead * 100.0),
            );
        }
        if legs < 0.005 {
            line(ui, "", "Bar against the legs".to_string());
        } else {
            line(ui, "bar off the legs", format!("{:.0} cm", legs * 100.0));
        }
    }
    let d = m.dowel_contact;
    let mark = |b: bool| if b { "✔" } else { "✖" };
    ui.horizontal_wrapped(|ui| {
        ui.label("Dowel on the back:");
        ui.label(
            egui::RichText::new(format!(
                "head {}  upper back {}  tailbone {}",
                mark(d.head),
                mark(d.upper_back),
                mark(d.sacrum)
            ))
            .strong(),
        );
    });
    if show_back_load {
        ui.separator();
        ui.label(egui::RichText::new("Load on the lower back (L5/S1)").strong());
        // A display scale: the bar is full at 300 N·m.
        let frac = (m.l5s1_moment_nm / 300.0).clamp(0.0, 1.0);
        ui.add(
            egui::ProgressBar::new(frac)
                .text(format!("{:.0} N·m", m.l5s1_moment_nm))
                .desired_height(26.0),
        );
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
