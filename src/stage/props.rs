//! Props of a drill: dowel, band, wall, bench, bells, bars, cable, chains.
//! Each prop is a few simple shapes placed from the figure's solved body every
//! frame, so it moves with the body: the dowel stays on the back, a held bell
//! stays in the hands. The load's mass is in the pose request, so it already
//! counts in the balance; props only draw it.

use bevy::prelude::*;

use crate::body::pose::{DUMBBELL_HEAD_RADIUS_M, KETTLEBELL, PLATE_RADIUS_M};
use crate::body::{Joint, LoadPlace, SolvedBody};
use crate::drill::Prop;
use crate::stage::figure::Figure;

/// A figure that wears no props (a lesson's contrast figure beside the
/// one doing the drill).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Bare;

/// What the drill on stage uses; empty when no drill is playing.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct ActiveProps {
    /// The drill they belong to.
    pub drill: Option<String>,
    pub props: Vec<Prop>,
    pub load_at: Option<LoadPlace>,
    /// Where the wall stands (figure space, along the facing axis).
    pub wall_z: f32,
    /// Where the bench stands: just in front of the shins.
    pub bench_z: f32,
}

/// The props a figure wears: for which drill, and the entities of each
/// prop's shapes in `prop_shapes` order.
#[derive(Component, Debug, Clone, Default)]
struct Worn {
    drill: Option<String>,
    parts: Vec<(Prop, Vec<Entity>)>,
}

/// One shape of a prop, following a figure.
#[derive(Component, Debug, Clone, Copy)]
pub struct PropPart {
    pub figure: Entity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Radius 1, height 1, along Y.
    Rod,
    Ball,
    Block,
    /// Major radius 1 in the XZ plane.
    Ring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finish {
    Wood,
    Iron,
    Steel,
    Rubber,
    Wall,
    Frame,
    /// Weight plates, see-through so the shins and knees behind them show.
    Plate,
}

const FINISHES: [Finish; 7] = [
    Finish::Wood,
    Finish::Iron,
    Finish::Steel,
    Finish::Rubber,
    Finish::Wall,
    Finish::Frame,
    Finish::Plate,
];

#[derive(Resource)]
struct PropAssets {
    shapes: [Handle<Mesh>; 4],
    finishes: Vec<Handle<StandardMaterial>>,
}

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.init_resource::<ActiveProps>();
    app.add_systems(Startup, make_prop_assets);
    app.add_systems(
        Update,
        (rebuild_props, place_props)
            .chain()
            .in_set(crate::Frame::Draw)
            .run_if(resource_exists::<PropAssets>),
    );
}

fn make_prop_assets(
    mut commands: Commands,
    meshes: Option<ResMut<Assets<Mesh>>>,
    materials: Option<ResMut<Assets<StandardMaterial>>>,
) {
    let (Some(mut meshes), Some(mut materials)) = (meshes, materials) else {
        return;
    };
    let shapes = [
        meshes.add(Cylinder::new(1.0, 1.0).mesh().resolution(20)),
        meshes.add(Sphere::new(1.0).mesh().uv(20, 14)),
        meshes.add(Cuboid::new(1.0, 1.0, 1.0)),
        meshes.add(Torus {
            minor_radius: 0.14,
            major_radius: 1.0,
        }),
    ];
    let finishes = FINISHES
        .iter()
        .map(|f| {
            let (rgb, metal, rough) = match f {
                Finish::Wood => ([0.66, 0.47, 0.26], 0.0, 0.7),
                Finish::Iron => ([0.13, 0.13, 0.14], 0.2, 0.6),
                Finish::Steel => ([0.62, 0.63, 0.66], 0.8, 0.35),
                Finish::Rubber => ([0.85, 0.16, 0.12], 0.0, 0.8),
                Finish::Wall => ([0.78, 0.76, 0.70], 0.0, 0.95),
                Finish::Frame => ([0.22, 0.24, 0.30], 0.3, 0.6),
                Finish::Plate => ([0.10, 0.10, 0.12], 0.2, 0.6),
            };
            let see_through = *f == Finish::Plate;
            materials.add(StandardMaterial {
                base_color: Color::srgba(
                    rgb[0],
                    rgb[1],
                    rgb[2],
                    if see_through { 0.45 } else { 1.0 },
                ),
                alpha_mode: if see_through {
                    AlphaMode::Blend
                } else {
                    AlphaMode::Opaque
                },
                metallic: metal,
                perceptual_roughness: rough,
                ..default()
            })
        })
        .collect();
    commands.insert_resource(PropAssets { shapes, finishes });
}

/// Give every figure the active drill's props (and take away old ones, and
/// those of figures that left the stage).
fn rebuild_props(
    mut commands: Commands,
    active: Res<ActiveProps>,
    assets: Res<PropAssets>,
    figures: Query<(Entity, &Figure, Option<&Worn>), Without<Bare>>,
    parts: Query<(Entity, &PropPart)>,
) {
    for (entity, part) in &parts {
        if figures.get(part.figure).is_err() {
            commands.entity(entity).try_despawn();
        }
    }
    for (figure, f, worn) in &figures {
        if worn.is_some_and(|w| w.drill == active.drill) {
            continue;
        }
        for e in worn.iter().flat_map(|w| &w.parts).flat_map(|(_, es)| es) {
            commands.entity(*e).try_despawn();
        }
        let parts = active
            .props
            .iter()
            .map(|&prop| {
                let entities = prop_shapes(prop, &f.solved, &active)
                    .into_iter()
                    .map(|(shape, finish, _)| {
                        commands
                            .spawn((
                                Name::new(format!("prop {}", prop.name())),
                                PropPart { figure },
                                Mesh3d(assets.shapes[shape as usize].clone()),
                                MeshMaterial3d(assets.finishes[finish as usize].clone()),
                                // Placed by `place_props` in the same frame.
                                Transform::default(),
                            ))
                            .id()
                    })
                    .collect();
                (prop, entities)
            })
            .collect();
        commands.entity(figure).try_insert(Worn {
            drill: active.drill.clone(),
            parts,
        });
    }
}

/// A figure with its props, and whether either moved since the last frame.
type Wearer<'a> = (Ref<'a, Figure>, Ref<'a, Transform>, Ref<'a, Worn>);

/// Move each prop to where its figure's body puts it, when the body moved.
fn place_props(
    active: Res<ActiveProps>,
    figures: Query<Wearer, Without<PropPart>>,
    mut parts: Query<&mut Transform, With<PropPart>>,
) {
    for (f, root, worn) in &figures {
        if !(f.is_changed() || root.is_changed() || worn.is_changed()) {
            continue;
        }
        for (prop, entities) in &worn.parts {
            let shapes = prop_shapes(*prop, &f.solved, &active);
            for (e, (_, _, t)) in entities.iter().zip(shapes) {
                if let Ok(mut transform) = parts.get_mut(*e) {
                    *transform = Transform {
                        translation: t.translation + root.translation,
                        ..t
                    };
                }
            }
        }
    }
}

/// A rod of radius `r` from `a` to `b`.
fn rod(a: Vec3, b: Vec3, r: f32) -> Transform {
    let d = b - a;
    let len = d.length().max(1e-4);
    Transform {
        translation: (a + b) * 0.5,
        rotation: Quat::from_rotation_arc(Vec3::Y, d / len),
        scale: Vec3::new(r, len, r),
    }
}

/// A disc (a weight plate) of radius `r` and thickness `w` on the axis `axis`.
fn disc(c: Vec3, axis: Vec3, r: f32, w: f32) -> Transform {
    Transform {
        translation: c,
        rotation: Quat::from_rotation_arc(Vec3::Y, axis.normalize_or(Vec3::X)),
        scale: Vec3::new(r, w, r),
    }
}

fn block(c: Vec3, size: Vec3) -> Transform {
    Transform::from_translation(c).with_scale(size)
}

fn ball(c: Vec3, r: f32) -> Transform {
    Transform::from_translation(c).with_scale(Vec3::splat(r))
}

/// A kettlebell with its bell centred at `c`: (bell, handle).
fn kettlebell(c: Vec3) -> [(Shape, Finish, Transform); 2] {
    let k = KETTLEBELL;
    [
        (Shape::Ball, Finish::Iron, ball(c, k.bell_radius_m)),
        (
            Shape::Ring,
            Finish::Iron,
            Transform::from_translation(c + Vec3::Y * k.ring_above_m)
                .with_rotation(Quat::from_rotation_x(std::f32::consts::FRAC_PI_2))
                .with_scale(Vec3::splat(k.ring_radius_m)),
        ),
    ]
}

/// A kettlebell held by the top of its handle at `grip`.
fn kettlebell_from_grip(grip: Vec3) -> [(Shape, Finish, Transform); 2] {
    kettlebell(grip - Vec3::Y * KETTLEBELL.grip_above_centre_m())
}

/// A bar across the body at `c` (along X) with plates at both ends.
fn barbell(c: Vec3, half_length: f32) -> Vec<(Shape, Finish, Transform)> {
    let mut v = vec![(
        Shape::Rod,
        Finish::Steel,
        rod(c - Vec3::X * half_length, c + Vec3::X * half_length, 0.014),
    )];
    for side in [-1.0, 1.0] {
        // Standard plates are 45 cm across, so a loaded bar sits 22.5 cm up.
        v.push((
            Shape::Rod,
            Finish::Plate,
            disc(c + Vec3::X * side * 0.74, Vec3::X, PLATE_RADIUS_M, 0.05),
        ));
        v.push((
            Shape::Rod,
            Finish::Plate,
            disc(c + Vec3::X * side * 0.8, Vec3::X, 0.2, 0.04),
        ));
    }
    v
}

/// The shapes of one prop on a solved body (figure space), in a fixed order.
fn prop_shapes(
    prop: Prop,
    s: &SolvedBody,
    active: &ActiveProps,
) -> Vec<(Shape, Finish, Transform)> {
    let load_at = active.load_at;
    let j = |joint: Joint| s.joint(joint);
    // Where each hand grips (on the load in the hands, or where it waits on
    // the floor), and the middle of the two.
    let grips = s
        .held
        .map_or([j(Joint::GripL), j(Joint::GripR)], |h| h.grips);
    let grip = (grips[0] + grips[1]) * 0.5;
    let hands_grip = (j(Joint::GripL) + j(Joint::GripR)) * 0.5;
    // Where a load on the body is held: the solver's load centre.
    let held = match load_at {
        Some(LoadPlace::Hands) | None => grip,
        Some(_) => s.load_com.unwrap_or(grip),
    };
    let stature = s.body.stature_m;
    match prop {
        Prop::Dowel => {
            let a = j(Joint::Sacrum);
            let up = (j(Joint::UpperBack) - a).normalize_or(Vec3::Y);
            // A broomstick-length stick (about 1.3 m) from just below the tailbone.
            vec![(
                Shape::Rod,
                Finish::Wood,
                rod(a - up * 0.12, a + up * 1.18, 0.014),
            )]
        }
        Prop::Band => {
            let pelvis = j(Joint::Pelvis);
            let anchor = Vec3::new(0.0, 0.52 * stature, -1.4);
            vec![
                (
                    Shape::Rod,
                    Finish::Frame,
                    rod(Vec3::new(0.0, 0.0, -1.4), Vec3::new(0.0, 1.2, -1.4), 0.04),
                ),
                (
                    Shape::Rod,
                    Finish::Rubber,
                    rod(j(Joint::Sacrum), anchor, 0.018),
                ),
                (
                    Shape::Ring,
                    Finish::Rubber,
                    Transform::from_translation(pelvis).with_scale(Vec3::new(0.19, 0.12, 0.15)),
                ),
            ]
        }
        Prop::Wall => {
            // Where the hips touch it at the sticking point (see `ActiveProps`).
            let z = active.wall_z - 0.05;
            vec![(
                Shape::Block,
                Finish::Wall,
                block(Vec3::new(0.0, 1.2, z), Vec3::new(2.2, 2.4, 0.1)),
            )]
        }
        Prop::Bench => {
            let z = active.bench_z;
            vec![
                (
                    Shape::Block,
                    Finish::Frame,
                    block(Vec3::new(0.0, 0.42, z), Vec3::new(1.1, 0.06, 0.3)),
                ),
                (
                    Shape::Block,
                    Finish::Frame,
                    block(Vec3::new(-0.45, 0.2, z), Vec3::new(0.06, 0.4, 0.26)),
                ),
                (
                    Shape::Block,
                    Finish::Frame,
                    block(Vec3::new(0.45, 0.2, z), Vec3::new(0.06, 0.4, 0.26)),
                ),
            ]
        }
        Prop::Kettlebell => match load_at {
            Some(LoadPlace::Hands) | None => kettlebell_from_grip(grip).to_vec(),
            _ => kettlebell(held).to_vec(),
        },
        Prop::Kettlebells => grips.into_iter().flat_map(kettlebell_from_grip).collect(),
        Prop::Dumbbells => grips
            .into_iter()
            .flat_map(|c| {
                [
                    (
                        Shape::Rod,
                        Finish::Steel,
                        rod(c - Vec3::X * 0.09, c + Vec3::X * 0.09, 0.016),
                    ),
                    (
                        Shape::Rod,
                        Finish::Iron,
                        disc(c - Vec3::X * 0.12, Vec3::X, DUMBBELL_HEAD_RADIUS_M, 0.07),
                    ),
                    (
                        Shape::Rod,
                        Finish::Iron,
                        disc(c + Vec3::X * 0.12, Vec3::X, DUMBBELL_HEAD_RADIUS_M, 0.07),
                    ),
                ]
            })
            .collect(),
        Prop::Barbell => {
            let c = match load_at {
                Some(LoadPlace::Hands) | None => grip,
                _ => Vec3::new(0.0, held.y, held.z),
            };
            barbell(c, 1.0)
        }
        Prop::TrapBar => {
            // The handles run along the feet, one in each hand; the frame
            // goes round the lifter.
            let hx = grips[0].x.abs().max(0.2);
            let c = grip;
            let mut v = Vec::new();
            for side in [-1.0f32, 1.0] {
                let x = side * hx;
                v.push((
                    Shape::Rod,
                    Finish::Steel,
                    rod(
                        Vec3::new(x, c.y, c.z - 0.32),
                        Vec3::new(x, c.y, c.z + 0.32),
                        0.016,
                    ),
                ));
                v.push((
                    Shape::Rod,
                    Finish::Steel,
                    rod(
                        Vec3::new(x, c.y, c.z),
                        Vec3::new(side * 1.05, c.y, c.z),
                        0.02,
                    ),
                ));
                v.push((
                    Shape::Rod,
                    Finish::Plate,
                    disc(
                        Vec3::new(side * 0.85, c.y, c.z),
                        Vec3::X,
                        PLATE_RADIUS_M,
                        0.05,
                    ),
                ));
            }
            for dz in [-0.32, 0.32] {
                v.push((
                    Shape::Rod,
                    Finish::Steel,
                    rod(
                        Vec3::new(-hx, c.y, c.z + dz),
                        Vec3::new(hx, c.y, c.z + dz),
                        0.016,
                    ),
                ));
            }
            v
        }
        Prop::Landmine => {
            let pivot = Vec3::new(0.0, 0.06, 2.0);
            let dir = (grip - pivot).normalize_or(Vec3::Y);
            let end = grip + dir * 0.3;
            vec![
                (
                    Shape::Block,
                    Finish::Frame,
                    block(pivot - Vec3::Y * 0.03, Vec3::new(0.3, 0.06, 0.3)),
                ),
                (Shape::Rod, Finish::Steel, rod(pivot, end, 0.02)),
                (
                    Shape::Rod,
                    Finish::Plate,
                    disc(grip + dir * 0.18, dir, 0.225, 0.05),
                ),
            ]
        }
        Prop::Cable => {
            let grip = hands_grip;
            let pulley = Vec3::new(0.0, 0.3, -1.2);
            vec![
                (
                    Shape::Block,
                    Finish::Frame,
                    block(Vec3::new(0.0, 1.0, -1.38), Vec3::new(0.3, 2.0, 0.3)),
                ),
                (Shape::Ball, Finish::Steel, ball(pulley, 0.05)),
                (Shape::Rod, Finish::Iron, rod(pulley, grip, 0.008)),
                (
                    Shape::Rod,
                    Finish::Iron,
                    rod(grip - Vec3::X * 0.1, grip + Vec3::X * 0.1, 0.018),
                ),
            ]
        }
        Prop::Chains => {
            let neck = j(Joint::NeckBase);
            [-1.0f32, 1.0]
                .into_iter()
                .flat_map(|side| {
                    let top = neck + Vec3::new(side * 0.12, 0.0, 0.06);
                    let bottom = Vec3::new(top.x, 0.02, top.z);
                    [
                        (Shape::Rod, Finish::Steel, rod(top, bottom, 0.025)),
                        (Shape::Rod, Finish::Steel, disc(bottom, Vec3::Y, 0.12, 0.04)),
                    ]
                })
                .collect()
        }
        // Under the balls and toes, as thick as the body model raised them.
        Prop::ToePlate => [(Joint::BallL, Joint::ToeL), (Joint::BallR, Joint::ToeR)]
            .into_iter()
            .map(|(b, t)| {
                let c = (j(b) + j(t)) * 0.5;
                let top = j(b).y.max(0.01);
                let from = j(b).z - 0.04;
                let to = j(t).z + 0.03;
                (
                    Shape::Block,
                    Finish::Iron,
                    block(
                        Vec3::new(c.x, 0.5 * top, 0.5 * (from + to)),
                        Vec3::new(0.14, top, to - from),
                    ),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::{PoseRequest, solve};

    /// Every prop has shapes and none of them is placed at NaN.
    #[test]
    fn every_prop_has_finite_shapes() {
        let solved = solve(&PoseRequest::default());
        for prop in crate::drill::Prop::ALL {
            for load_at in [None, Some(LoadPlace::Hands), Some(LoadPlace::Back)] {
                let active = ActiveProps {
                    drill: None,
                    props: vec![prop],
                    load_at,
                    wall_z: -0.3,
                    bench_z: 0.3,
                };
                let shapes = prop_shapes(prop, &solved, &active);
                assert!(!shapes.is_empty(), "{prop:?}");
                for (_, _, t) in shapes {
                    assert!(t.translation.is_finite() && t.scale.is_finite(), "{prop:?}");
                }
            }
        }
    }
}
