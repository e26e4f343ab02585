//! The explore view: sliders for knee bend and hip angle (and more under
//! "advanced"), one figure, and the coach's verdict in plain words.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::options::ViewState;
use crate::pose::PoseSource;
use crate::stage::figure::{Catalogue, Figure, MainFigure};
use crate::ui::widgets::{VerdictExtras, verdict_ui, view_tabs};
use crate::ui::{Side, UiPass, ViewUi, projecting, side_panel};
use crate::views::figures::stage_one;
use crate::views::pose_panel::PoseTools;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(ViewState::Explore), (stage_one, use_sliders));
    app.add_systems(
        EguiPrimaryContextPass,
        panels
            .in_set(UiPass::Panels)
            .run_if(in_state(ViewState::Explore))
            .run_if(not(projecting)),
    );
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
    let (_, mut root) = view.root("explore")?;
    side_panel(&mut root, "controls", Side::Left, 330.0, "Controls", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            view_tabs(ui, ViewState::Explore, &mut view.next);
            ui.separator();
            ui.heading("Explore the hinge");
            ui.label(
                "Bend the knees and fold at the hips. The body keeps its balance \
                 over the middle of the feet, as yours does.",
            );
            ui.separator();
            tools.show(ui);
        });
    });
    let extras = VerdictExtras {
        back_load: tools.overlays.back_load,
        loads: tools.overlays.loads,
    };
    side_panel(&mut root, "verdict", Side::Right, 380.0, "Coach", |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            if let Some(f) = figures.iter().next() {
                verdict_ui(ui, f, &catalogue.0, extras);
            }
        });
    });
    view.rect.set_from(&root);
    Ok(())
}
