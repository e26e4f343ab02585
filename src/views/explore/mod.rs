//! The explore view: sliders for knee bend and hip angle (and more under
//! "advanced"), one figure, and the coach's verdict in plain words.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::options::ViewState;
use crate::pose::PoseSource;
use crate::stage::camera::{HOME_DISTANCE_M, Orbit, fit_distance};
use crate::stage::figure::{Catalogue, Figure, MainFigure};
use crate::ui::widgets::{VerdictExtras, verdict_headline, verdict_ui, view_tabs};
use crate::ui::{Side, UiPass, ViewRect, ViewUi, compact, projecting, side_panel};
use crate::views::figures::stage_one;
use crate::views::pose_panel::PoseTools;

pub fn plugin(app: &mut App) {
    app.init_resource::<Fitted>();
    app.add_systems(
        OnEnter(ViewState::Explore),
        (stage_one, use_sliders, |mut f: ResMut<Fitted>| f.0 = None),
    );
    app.add_systems(
        Update,
        fit_camera
            .in_set(crate::stage::camera::FitCamera::View)
            .run_if(in_state(ViewState::Explore)),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        panels
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Explore))
            .run_if(not(projecting)),
    );
}

/// The 3D view's shape the camera was last fitted to (hundredths of its
/// aspect), forgotten on entering the view.
#[derive(Resource, Default)]
struct Fitted(Option<u32>);

/// A hinged figure and its labels across the 3D view, however narrow (a
/// phone held upright): the camera steps back from its home distance only
/// when the view is too narrow, and only when the view's shape changes, so
/// the learner's own zoom stays.
fn fit_camera(rect: Res<ViewRect>, mut orbit: ResMut<Orbit>, mut fitted: ResMut<Fitted>) {
    let aspect = rect.aspect(0.3, 4.0);
    let key = (aspect * 100.0) as u32;
    if fitted.0 == Some(key) {
        return;
    }
    fitted.0 = Some(key);
    // A deep hinge from the hips behind the heels to the head past the toes,
    // with the angle labels beside it.
    orbit.distance_m = fit_distance(1.7, 2.1, aspect).max(HOME_DISTANCE_M);
}

/// The sliders alone pose the figure; no drill stands on the stage.
fn use_sliders(mut source: ResMut<PoseSource>) {
    *source = PoseSource::Sliders;
}

/// The controls on the left, the verdict on the right.
fn panels(
    mut view: ViewUi,
    mut tools: PoseTools,
    catalogue: Res<Catalogue>,
    figures: Query<&Figure, With<MainFigure>>,
) -> Result {
    let (ctx, mut root) = view.root("explore")?;
    side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            view_tabs(ui, ViewState::Explore, &mut view);
            ui.separator();
            ui.heading("Explore the hinge");
            ui.label(
                "Bend the knees and fold at the hips. The body keeps its balance \
                 over the middle of the feet, as yours does.",
            );
            ui.separator();
            tools.show(ui, &mut view.units);
        });
    });
    let extras = VerdictExtras {
        back_load: tools.overlays.back_load,
        loads: tools.overlays.loads,
    };
    // Folded (a phone), the panel's button says the verdict itself.
    let headline = compact(&ctx)
        .then(|| figures.iter().next())
        .flatten()
        .map(|f| verdict_headline(f, &catalogue.0));
    let label = headline.map_or("Coach".to_string(), |h| format!("Coach: {h}"));
    side_panel(&mut root, "verdict", Side::Right, 380.0, &label, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(f) = figures.iter().next() {
                verdict_ui(ui, f, &catalogue.0, extras);
            }
        });
    });
    view.rect.set_from(&root);
    Ok(())
}
