//! Overlays a coach would draw on the figure: joint angle arcs, shin and torso
//! lines against the vertical, the centre of mass with its plumb line and the
//! midfoot, the dowel along the back with its three contact points, and the
//! path of the hips. Gizmos for the lines; egui for the numbers.

mod labels;
mod loads;

use std::collections::VecDeque;

use bevy::prelude::*;

use crate::Frame;
use crate::body::Joint;
use crate::input::Action;
use crate::pose::Role;
use crate::stage::figure::{Figure, MainFigure};
use crate::theme::palette;
use crate::ui::ViewRect;

/// Which overlays are shown.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Overlays {
    pub angles: bool,
    pub lines: bool,
    pub centre_of_mass: bool,
    pub dowel: bool,
    pub hip_path: bool,
    pub back_load: bool,
    /// The load view: where the work goes (`loads`).
    pub loads: bool,
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
            loads: false,
        }
    }
}

impl Overlays {
    pub const NONE: Overlays = Overlays {
        angles: false,
        lines: false,
        centre_of_mass: false,
        dowel: false,
        hip_path: false,
        back_load: false,
        loads: false,
    };
}

/// What a figure's label says, put on it by the view that staged it.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge {
    /// A big letter above the head (figures A and B of a question).
    Letter(char),
    /// Its role under the feet, with the verdict and two numbers; neighbours
    /// in odd `place`s sit lower so the labels never overlap.
    Role { role: Role, place: usize },
    /// The learner's own pose (from their photo), with its verdict once
    /// `posed` (before the marks are placed, the figure only stands).
    Learner { place: usize, posed: bool },
}

/// A figure's own say on the load view, over the global toggle: a lesson
/// step about where the work goes shows it; a question about it hides it
/// until the answer is given.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadBands {
    Shown,
    Hidden,
}

impl LoadBands {
    /// Whether a figure with this say shows its loads.
    pub fn shown(own: Option<&LoadBands>, overlays: &Overlays) -> bool {
        match own {
            Some(LoadBands::Shown) => true,
            Some(LoadBands::Hidden) => false,
            None => overlays.loads,
        }
    }
}

/// The overlays before "angle lines off", to bring them back.
#[derive(Resource, Debug, Default, Clone, Copy)]
struct Hidden(Option<Overlays>);

/// Recent positions of the main figure's hips.
#[derive(Resource, Debug, Default, Clone)]
pub struct HipPath(pub VecDeque<Vec3>);

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<Overlays>()
        .init_resource::<ViewRect>()
        .init_resource::<HipPath>()
        .init_resource::<Hidden>()
        .add_message::<Action>();
    app.add_plugins((loads::plugin, labels::plugin, actions_plugin));
    app.add_systems(
        Update,
        (record_hip_path, draw_overlays).chain().in_set(Frame::Draw),
    );
}

/// Which overlays show and the action that hides them, without drawing
/// (the headless app has it too).
pub fn actions_plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<Overlays>()
        .init_resource::<Hidden>()
        .add_message::<Action>();
    app.add_systems(Update, toggle_overlays.in_set(Frame::ApplyActions));
}

/// "Angle lines on / off": all overlays off, then back as they were.
fn toggle_overlays(
    mut actions: MessageReader<Action>,
    mut overlays: ResMut<Overlays>,
    mut hidden: ResMut<Hidden>,
) {
    for a in actions.read() {
        if *a != Action::ToggleOverlays {
            continue;
        }
        match hidden.0.take() {
            Some(saved) => *overlays = saved,
            None => {
                hidden.0 = Some(*overlays);
                *overlays = Overlays::NONE;
            }
        }
    }
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
    mut bands: Gizmos<loads::LoadGizmos>,
    overlays: Res<Overlays>,
    path: Res<HipPath>,
    figures: Query<(&Figure, &Transform, Has<MainFigure>, Option<&LoadBands>)>,
) {
    for (f, t, main, bands_say) in &figures {
        let s = &f.solved;
        if LoadBands::shown(bands_say, &overlays) {
            loads::draw(&mut bands, s, t.translation);
        }
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
