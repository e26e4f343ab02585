//! The pose controls the explore and compare views share: knee and hip
//! sliders, the preset the coach judges by, the advanced joints and the
//! body, what the overlays show, the camera presets.

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy_egui::egui;

use crate::body::{Load, LoadPlace, PoseRequest, Range, Sex, ranges};
use crate::coach::ThresholdsFile;
use crate::options::CameraPreset;
use crate::overlay::Overlays;
use crate::pose::PoseControls;
use crate::stage::camera::Orbit;
use crate::stage::figure::CoachThresholds;
use crate::ui::widgets::{knee_hip_sliders, load_slider, slider};

/// The heaviest load the panel's slider reaches (the body model's range
/// goes further: `ranges::LOAD_MASS`).
const MAX_LOAD_KG: f32 = 150.0;

/// The resources the pose panel reads and writes.
#[derive(SystemParam)]
pub struct PoseTools<'w> {
    pub controls: ResMut<'w, PoseControls>,
    pub overlays: ResMut<'w, Overlays>,
    orbit: ResMut<'w, Orbit>,
    thresholds: Res<'w, CoachThresholds>,
}

impl PoseTools<'_> {
    /// Show the panel; write back only what changed, so nothing downstream
    /// redoes its work every frame.
    /// `units` are the view's (`ui::ViewUi::units`).
    pub fn show(&mut self, ui: &mut egui::Ui, units: &mut crate::options::Units) {
        let mut request = self.controls.request;
        let mut preset = self.controls.preset.clone();
        let mut overlays = *self.overlays;
        let mut orbit = *self.orbit;
        let mut shown_in = *units;
        pose_panel(
            ui,
            PoseEdit {
                request: &mut request,
                preset: &mut preset,
                overlays: &mut overlays,
                orbit: &mut orbit,
                presets: &self.thresholds.0,
                units: &mut shown_in,
            },
        );
        if shown_in != *units {
            *units = shown_in;
        }
        if request != self.controls.request {
            self.controls.request = request;
        }
        if preset != self.controls.preset {
            self.controls.preset = preset;
        }
        if overlays != *self.overlays {
            *self.overlays = overlays;
        }
        if orbit != *self.orbit {
            *self.orbit = orbit;
        }
    }
}

/// What the panel edits, copied out of the resources and written back
/// only when it changed.
pub struct PoseEdit<'a> {
    pub request: &'a mut PoseRequest,
    pub preset: &'a mut String,
    pub overlays: &'a mut Overlays,
    pub orbit: &'a mut Orbit,
    pub presets: &'a ThresholdsFile,
    pub units: &'a mut crate::options::Units,
}

/// The sliders and switches under a view's heading.
pub fn pose_panel(ui: &mut egui::Ui, e: PoseEdit) {
    let p = &mut e.request.pose;
    knee_hip_sliders(
        ui,
        p,
        [
            "0 = straight. A hinge keeps the knees soft: about 15-25°.",
            "0 = standing tall. Fold here to hinge.",
        ],
    );
    ui.separator();
    ui.label(egui::RichText::new("Judge it as").strong());
    egui::ComboBox::from_id_salt("preset")
        .selected_text(preset_name(e.preset))
        .show_ui(ui, |ui| {
            for name in e.presets.presets.keys() {
                ui.selectable_value(e.preset, name.clone(), preset_name(name));
            }
        });
    ui.separator();
    egui::CollapsingHeader::new(egui::RichText::new("Advanced").strong())
        .default_open(false)
        .show(ui, |ui| advanced(ui, e.request, e.units));
    ui.separator();
    ui.label(egui::RichText::new("Show").strong());
    let o = e.overlays;
    ui.checkbox(&mut o.angles, "knee and hip angles");
    ui.checkbox(&mut o.lines, "shin and torso lines");
    ui.checkbox(&mut o.centre_of_mass, "centre of mass over the midfoot");
    ui.checkbox(&mut o.dowel, "dowel on the back");
    ui.checkbox(&mut o.hip_path, "path of the hips");
    ui.checkbox(&mut o.back_load, "load on the lower back");
    ui.checkbox(&mut o.loads, "where the work goes (hips, knees, back)");
    ui.separator();
    ui.label(egui::RichText::new("Camera").strong());
    ui.horizontal_wrapped(|ui| {
        for (preset, name) in [
            (CameraPreset::Side, "side"),
            (CameraPreset::Front, "front"),
            (CameraPreset::ThreeQuarter, "3/4"),
            (CameraPreset::Top, "top"),
        ] {
            if ui.button(name).clicked() {
                *e.orbit = e.orbit.looking(preset);
            }
        }
    });
    if ui.button("Reset pose").clicked() {
        *e.request = PoseControls::default().request;
    }
}

/// The back, the neck, the knees' line, the stance, the body and the load.
fn advanced(ui: &mut egui::Ui, r: &mut PoseRequest, units: &mut crate::options::Units) {
    let p = &mut r.pose;
    slider(
        ui,
        "Lower back (lumbar)",
        &mut p.lumbar_deg,
        ranges::LUMBAR,
        "+ rounds, - arches",
    );
    slider(
        ui,
        "Upper back (thoracic)",
        &mut p.thoracic_deg,
        ranges::THORACIC,
        "+ rounds",
    );
    slider(
        ui,
        "Neck",
        &mut p.neck_deg,
        ranges::NECK,
        "+ chin tucked, - chin up",
    );
    slider(ui, "Knees caving in", &mut p.valgus_deg, ranges::VALGUS, "");
    let mut width_cm = p.stance_width_m * 100.0;
    if slider(
        ui,
        "Stance width",
        &mut width_cm,
        in_cm(ranges::STANCE_WIDTH),
        "",
    ) {
        p.stance_width_m = width_cm / 100.0;
    }
    slider(
        ui,
        "Toes turned out",
        &mut p.toe_out_deg,
        ranges::TOE_OUT,
        "",
    );
    let mut height_cm = r.stature_m * 100.0;
    if slider(ui, "Height", &mut height_cm, in_cm(ranges::STATURE), "") {
        r.stature_m = height_cm / 100.0;
    }
    ui.horizontal(|ui| {
        ui.radio_value(&mut r.sex, Sex::Male, "male");
        ui.radio_value(&mut r.sex, Sex::Female, "female");
    });
    let mut kg = r.load.map_or(0.0, |l| l.mass_kg);
    let mut at = r.load.map_or(LoadPlace::Hands, |l| l.at);
    ui.label(egui::RichText::new("Load").strong());
    load_slider(ui, &mut kg, MAX_LOAD_KG, units);
    egui::ComboBox::from_id_salt("load at")
        .selected_text(load_place_name(at))
        .show_ui(ui, |ui| {
            for place in LoadPlace::ALL {
                ui.selectable_value(&mut at, place, load_place_name(place));
            }
        });
    // What the hands hold stays what the drill gave them (a bar by default).
    let implement = r.load.map(|l| l.implement).unwrap_or_default();
    r.load = (kg > 0.0).then_some(Load {
        mass_kg: kg,
        at,
        implement,
    });
}

/// A range in metres, shown in centimetres.
fn in_cm(r: Range) -> Range {
    Range {
        min: r.min * 100.0,
        max: r.max * 100.0,
        unit: " cm",
        ..r
    }
}

fn preset_name(id: &str) -> String {
    match id {
        "rdl" => "Romanian deadlift (soft knees)".into(),
        "good-morning" => "Good morning (straight-ish knees)".into(),
        "conventional-deadlift" => "Conventional deadlift (deeper knees)".into(),
        "trap-bar-deadlift" => "Trap bar deadlift (knees bend more)".into(),
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
