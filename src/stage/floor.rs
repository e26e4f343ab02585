//! The floor: a matte surface with its own small shader, the figures'
//! shadows on it, and a grid of 10 cm squares.
//!
//! Bevy's standard material runs its whole lighting model on every pixel
//! (clusters, specular, environment, fog). The floor fills half the 3D view,
//! so on a CPU renderer that was a quarter of the frame; a flat, rough floor
//! needs only the diffuse light. Its shadow look-up is the other large cost,
//! so the shader samples the shadow map only inside the patch of floor where
//! shadows can fall ([`ShadowPatch`]), worked out each frame from what casts
//! shadows and where the light comes from.
//!
//! The grid is drawn by the same shader, not as lines over the floor: as
//! 82 gizmo lines it was built again every frame and blended over 200k
//! pixels in a pass of its own, about a tenth of the explore view's frame on
//! a CPU renderer (`hinge fps --view explore`).

use bevy::camera::primitives::Aabb;
use bevy::light::NotShadowCaster;
use bevy::mesh::skinning::SkinnedMesh;
use bevy::prelude::*;
use bevy::render::render_resource::{AsBindGroup, ShaderType};
use bevy::shader::ShaderRef;

/// The floor's side, metres: room for a row of faulty twins.
pub const FLOOR_SIDE_M: f32 = 12.0;

/// How far a shadow's soft edge and the shadow map's filtering reach past
/// the caster's outline, metres.
const SHADOW_EDGE_M: f32 = 0.25;

/// How far from a skinned model's joints its skin reaches, metres (a
/// user's model: its bounds move with its joints, not with the mesh).
const SKIN_REACH_M: f32 = 0.35;

pub(super) fn plugin(app: &mut App) {
    bevy::asset::embedded_asset!(app, "shaders/floor.wgsl");
    app.add_plugins(MaterialPlugin::<FloorMaterial>::default());
    app.add_systems(Startup, spawn_floor);
    app.add_systems(
        PostUpdate,
        bound_the_shadows
            .after(TransformSystems::Propagate)
            .after(bevy::camera::visibility::VisibilitySystems::CalculateBounds)
            .after(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate),
    );
}

/// The floor's material: its colour and the patch of it where shadows fall.
#[derive(Asset, TypePath, AsBindGroup, Clone, Debug)]
pub struct FloorMaterial {
    #[uniform(0)]
    pub uniform: FloorUniform,
}

/// What the floor shader reads (linear RGB colour; the shadow patch as
/// min x, min z, max x, max z; the grid's linear RGB and opacity, and its
/// squares' side, half its extent and its lines' width in pixels).
#[derive(Clone, Copy, Debug, ShaderType)]
pub struct FloorUniform {
    pub color: Vec4,
    pub shadow_patch: Vec4,
    pub grid_color: Vec4,
    pub grid_lines: Vec4,
}

/// The grid's squares, metres: 10 cm, fine enough to read how far the hips
/// travel back or the bar drifts from the legs.
const GRID_STEP_M: f32 = 0.1;

/// The grid covers 4 m x 4 m under the figures, not the whole floor.
const GRID_HALF_M: f32 = 2.0;

/// The grid's lines, physical pixels wide at any distance.
const GRID_LINE_PX: f32 = 2.0;

impl Material for FloorMaterial {
    fn fragment_shader() -> ShaderRef {
        "embedded://hinge/stage/shaders/floor.wgsl".into()
    }
}

/// The floor entity.
#[derive(Component)]
pub struct Floor;

fn spawn_floor(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<FloorMaterial>>,
) {
    commands.spawn((
        Name::new("floor"),
        Floor,
        Mesh3d(meshes.add(Plane3d::default().mesh().size(FLOOR_SIDE_M, FLOOR_SIDE_M))),
        MeshMaterial3d(materials.add(FloorMaterial {
            uniform: FloorUniform {
                color: crate::theme::FLOOR.to_linear().to_vec4(),
                shadow_patch: ShadowPatch::default().as_vec4(),
                grid_color: crate::theme::FLOOR_GRID.to_linear().to_vec4(),
                grid_lines: Vec4::new(GRID_STEP_M, GRID_HALF_M, GRID_LINE_PX, 0.0),
            },
        })),
        // Nothing is under the floor to shade: drawing it into the shadow
        // map cost a fifth of the frame on a CPU renderer (3.4 -> 4.2 fps
        // in `hinge fps --view explore`).
        NotShadowCaster,
    ));
}

/// A rectangle of floor (x and z, metres) outside which no shadow falls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShadowPatch {
    pub min: Vec2,
    pub max: Vec2,
}

impl Default for ShadowPatch {
    /// No shadow anywhere.
    fn default() -> Self {
        ShadowPatch {
            min: Vec2::splat(f32::MAX),
            max: Vec2::splat(f32::MIN),
        }
    }
}

impl ShadowPatch {
    /// Grows the patch to take in the floor shadow of a point lit from
    /// `to_light` (a unit vector towards the light), and the floor under it.
    pub fn cast(&mut self, point: Vec3, to_light: Vec3) {
        let under = point.xz();
        self.min = self.min.min(under);
        self.max = self.max.max(under);
        // A light at or below the horizon throws no shadow on the floor.
        if to_light.y > 1e-3 && point.y > 0.0 {
            let shadow = point - to_light * (point.y / to_light.y);
            self.min = self.min.min(shadow.xz());
            self.max = self.max.max(shadow.xz());
        }
    }

    /// Takes in the shadow of a box (its eight corners).
    pub fn cast_box(&mut self, corners: [Vec3; 8], to_light: Vec3) {
        for c in corners {
            self.cast(c, to_light);
        }
    }

    /// The patch widened by `m` on every side (empty stays empty).
    pub fn grown(self, m: f32) -> ShadowPatch {
        if self.is_empty() {
            return self;
        }
        ShadowPatch {
            min: self.min - Vec2::splat(m),
            max: self.max + Vec2::splat(m),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.min.x > self.max.x || self.min.y > self.max.y
    }

    /// Whether a point of the floor (x, z) is in the patch.
    pub fn contains(&self, p: Vec2) -> bool {
        p.cmpge(self.min).all() && p.cmple(self.max).all()
    }

    fn as_vec4(self) -> Vec4 {
        Vec4::new(self.min.x, self.min.y, self.max.x, self.max.y)
    }

    /// Near enough to `other` that the floor need not be re-sent.
    fn close_to(&self, other: &ShadowPatch) -> bool {
        self.is_empty() && other.is_empty()
            || (self.min - other.min).abs().max_element() < 0.01
                && (self.max - other.max).abs().max_element() < 0.01
    }
}

/// The eight corners of a mesh's bounds, in the world.
fn world_corners(aabb: &Aabb, at: &GlobalTransform) -> [Vec3; 8] {
    let (c, h) = (Vec3::from(aabb.center), Vec3::from(aabb.half_extents));
    let mut corners = [Vec3::ZERO; 8];
    for (i, corner) in corners.iter_mut().enumerate() {
        let sign = Vec3::new(
            if i & 1 == 0 { -1.0 } else { 1.0 },
            if i & 2 == 0 { -1.0 } else { 1.0 },
            if i & 4 == 0 { -1.0 } else { 1.0 },
        );
        *corner = at.transform_point(c + h * sign);
    }
    corners
}

type Casters<'w, 's> = Query<
    'w,
    's,
    (
        &'static GlobalTransform,
        Option<&'static Aabb>,
        Option<&'static SkinnedMesh>,
        &'static InheritedVisibility,
    ),
    (With<Mesh3d>, Without<NotShadowCaster>),
>;

/// Works out where shadows can fall this frame and hands it to the floor.
fn bound_the_shadows(
    lights: Query<(&DirectionalLight, &GlobalTransform)>,
    casters: Casters,
    joints: Query<&GlobalTransform>,
    floor: Query<&MeshMaterial3d<FloorMaterial>, With<Floor>>,
    mut materials: ResMut<Assets<FloorMaterial>>,
) {
    let mut patch = ShadowPatch::default();
    for (light, at) in &lights {
        if !light.shadow_maps_enabled {
            continue;
        }
        // A directional light shines along its forward axis.
        let to_light = at.back().as_vec3();
        for (at, aabb, skin, visible) in &casters {
            if !visible.get() {
                continue;
            }
            if let Some(skin) = skin {
                for joint in joints.iter_many(&skin.joints) {
                    let p = joint.translation();
                    let reach = Vec3::splat(SKIN_REACH_M);
                    let around = Aabb::from_min_max(p - reach, p + reach);
                    patch.cast_box(world_corners(&around, &GlobalTransform::IDENTITY), to_light);
                }
            } else if let Some(aabb) = aabb {
                patch.cast_box(world_corners(aabb, at), to_light);
            } else {
                // Bounds unknown (a mesh drawn without culling): shadows
                // may fall anywhere.
                patch = ShadowPatch {
                    min: Vec2::splat(-FLOOR_SIDE_M),
                    max: Vec2::splat(FLOOR_SIDE_M),
                };
            }
        }
    }
    let patch = patch.grown(SHADOW_EDGE_M);
    for handle in &floor {
        let unchanged = materials.get(&handle.0).is_some_and(|m| {
            let v = m.uniform.shadow_patch;
            patch.close_to(&ShadowPatch {
                min: v.xy(),
                max: v.zw(),
            })
        });
        if !unchanged && let Some(mut m) = materials.get_mut(&handle.0) {
            m.uniform.shadow_patch = patch.as_vec4();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key light's direction in the stage (front-left, above).
    fn key_light() -> Vec3 {
        Vec3::new(-3.0, 6.0, 4.0) - Vec3::new(0.0, 0.8, 0.0)
    }

    #[test]
    fn a_standing_figure_s_shadow_falls_inside_its_patch() {
        let to_light = key_light().normalize();
        let mut patch = ShadowPatch::default();
        assert!(patch.is_empty());
        // A 1.8 m figure as a box 0.5 m wide and 0.3 m deep.
        let body = Aabb::from_min_max(Vec3::new(-0.25, 0.0, -0.15), Vec3::new(0.25, 1.8, 0.15));
        patch.cast_box(world_corners(&body, &GlobalTransform::IDENTITY), to_light);
        let patch = patch.grown(SHADOW_EDGE_M);
        // The head's shadow: away from the light, on the floor.
        let head = Vec3::new(0.0, 1.8, 0.0);
        let shadow = head - to_light * (head.y / to_light.y);
        assert!(patch.contains(shadow.xz()), "{shadow} not in {patch:?}");
        assert!(patch.contains(Vec2::ZERO));
        // The far side of the floor and the lit side stay out: the shader
        // does not sample the shadow map there.
        assert!(!patch.contains(Vec2::new(-2.0, 2.0)));
        assert!(!patch.contains(Vec2::new(5.0, 5.0)));
    }

    #[test]
    fn an_empty_patch_stays_empty_and_a_light_below_the_floor_casts_none() {
        assert!(ShadowPatch::default().grown(1.0).is_empty());
        let mut patch = ShadowPatch::default();
        patch.cast(Vec3::new(1.0, 1.0, 1.0), Vec3::NEG_Y);
        // Only the point under the caster.
        assert_eq!(patch.min, Vec2::new(1.0, 1.0));
        assert_eq!(patch.max, Vec2::new(1.0, 1.0));
    }
}
