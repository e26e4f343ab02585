//! The camera: orbit and zoom with mouse or touch, and presets (side, front,
//! three-quarter, top). Side is the default: the hinge is a sagittal movement.

use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::input::touch::Touches;
use bevy::prelude::*;

use crate::Frame;
use crate::input::{Action, Stick};
use crate::options::CameraPreset;

/// Where the camera looks from, in spherical coordinates around a target.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct Orbit {
    pub target: Vec3,
    /// Around the vertical: 0 looks at the figure's face, -90° at its right side.
    pub yaw_deg: f32,
    pub pitch_deg: f32,
    pub distance_m: f32,
    /// Set when the UI has the pointer, so a drag on a slider does not orbit.
    pub ui_has_pointer: bool,
}

impl Orbit {
    pub fn preset(preset: CameraPreset) -> Orbit {
        let (yaw_deg, pitch_deg) = match preset {
            CameraPreset::Side => (-90.0, 4.0),
            CameraPreset::Front => (0.0, 6.0),
            CameraPreset::ThreeQuarter => (-45.0, 14.0),
            CameraPreset::Top => (-90.0, 80.0),
        };
        Orbit {
            target: Vec3::new(0.0, HOME_TARGET_Y_M, 0.0),
            yaw_deg,
            pitch_deg,
            distance_m: HOME_DISTANCE_M,
            ui_has_pointer: false,
        }
    }

    /// The preset after this one's view (the next camera action), at the
    /// same distance.
    pub fn next_preset(&self) -> Orbit {
        let i = CameraPreset::ALL
            .iter()
            .position(|p| {
                let o = Orbit::preset(*p);
                o.yaw_deg == self.yaw_deg && o.pitch_deg == self.pitch_deg
            })
            .map_or(0, |i| (i + 1) % CameraPreset::ALL.len());
        Orbit {
            distance_m: self.distance_m,
            ..Orbit::preset(CameraPreset::ALL[i])
        }
    }

    /// This preset's direction, keeping the distance.
    pub fn looking(&self, preset: CameraPreset) -> Orbit {
        Orbit {
            distance_m: self.distance_m,
            ..Orbit::preset(preset)
        }
    }

    pub fn transform(&self) -> Transform {
        let (yaw, pitch) = (self.yaw_deg.to_radians(), self.pitch_deg.to_radians());
        let dir = Vec3::new(
            pitch.cos() * yaw.sin(),
            pitch.sin(),
            pitch.cos() * yaw.cos(),
        );
        Transform::from_translation(self.target + dir * self.distance_m)
            .looking_at(self.target, Vec3::Y)
    }
}

/// How far the camera stands from one figure: a 1.8 m figure, standing
/// or hinged, fills a 1280x720 view between the panels.
pub const HOME_DISTANCE_M: f32 = 3.4;
/// The height the camera looks at: a standing figure's hips.
pub const HOME_TARGET_Y_M: f32 = 0.78;

/// Vertical field of view of the stage camera.
pub const FOV_DEG: f32 = 35.0;

/// How far back the camera must stand for a `width` x `height` metre
/// stage to fill a view of this aspect (width / height).
pub fn fit_distance(width_m: f32, height_m: f32, aspect: f32) -> f32 {
    let half_v = (FOV_DEG / 2.0).to_radians().tan();
    let half_h = half_v * aspect;
    (width_m / (2.0 * half_h)).max(height_m / (2.0 * half_v))
}

/// The 3D camera.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct StageCamera;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(actions_plugin);
    app.add_systems(Startup, spawn_camera);
    app.add_systems(
        Update,
        (
            orbit_with_pointer.in_set(Frame::ApplyActions),
            place_camera
                .in_set(Frame::Draw)
                .after(FitCamera::Projection),
        ),
    );
    app.configure_sets(
        Update,
        (FitCamera::View, FitCamera::Projection)
            .chain()
            .in_set(Frame::Draw),
    );
    app.add_systems(Update, spare_the_software_renderer);
}

/// The camera's actions (next preset, the gamepad's stick) on the `Orbit`,
/// without a camera or a pointer (the headless app has them too).
pub fn actions_plugin(app: &mut App) {
    crate::order_frame(app);
    if !app.world().contains_resource::<Orbit>() {
        app.insert_resource(Orbit::preset(CameraPreset::Side));
    }
    app.init_resource::<Stick>().add_message::<Action>();
    app.add_systems(
        Update,
        (camera_actions, turn_with_stick).in_set(Frame::ApplyActions),
    );
}

/// On a CPU renderer (Mesa's lavapipe, a machine without a GPU) 4x
/// multisampling costs almost half the frame rate (3.6 vs 6.5 fps measured
/// at 1280x720): draw without it there. Real GPUs keep smooth edges. There
/// too, the shadows are filtered with one 2x2 look-up, not a Gaussian's
/// many, in a 1024 map instead of 2048: about 4.2 -> 6.0 fps in the explore
/// view (`hinge fps --view explore`), the figures' shadows a little harder;
/// and the fill light gives way to ambient light, as on WebGL2. The stage
/// is drawn into the depth buffer first, so each pixel is lit once, not
/// once for every layer of the figure drawn over it (the figure's limbs,
/// its joint balls inside them): CPU time a frame in the explore view 193
/// -> 170 ms (medians of four runs each). The 8-bit picture goes without
/// the dither that hides banding in smooth gradients: two powers of every
/// pixel's colour for a difference a projector cannot show.
fn spare_the_software_renderer(
    mut commands: Commands,
    adapter: Option<Res<bevy::render::renderer::RenderAdapterInfo>>,
    cameras: Query<Entity, (With<StageCamera>, Without<SoftwareChecked>)>,
    fill: Query<Entity, With<super::FillLight>>,
    mut ambient: ResMut<GlobalAmbientLight>,
    mut stage_spared: Local<bool>,
) {
    // Each new camera once, and the stage once: no work on other frames.
    if *stage_spared && cameras.is_empty() {
        return;
    }
    let Some(adapter) = adapter else { return };
    let software = format!("{:?}", adapter.device_type) == "Cpu";
    if software && !*stage_spared {
        commands.insert_resource(bevy::light::DirectionalLightShadowMap { size: 1024 });
        // One light, as on WebGL2: every pixel is lit once (about 5.4 -> 6.3
        // fps in the explore view).
        for e in &fill {
            commands.entity(e).despawn();
            ambient.brightness = super::ONE_LIGHT_AMBIENT;
        }
    }
    *stage_spared = true;
    for e in &cameras {
        let mut camera = commands.entity(e);
        if software {
            camera.insert((
                Msaa::Off,
                bevy::light::ShadowFilteringMethod::Hardware2x2,
                bevy::core_pipeline::tonemapping::DebandDither::Disabled,
                bevy::core_pipeline::prepass::DepthPrepass,
            ));
        }
        // Last: whoever watches for it finds the choices above made.
        camera.insert(SoftwareChecked);
    }
}

/// The camera's multisampling (and the rest above) has been chosen for this
/// renderer.
#[derive(Component)]
pub struct SoftwareChecked;

fn spawn_camera(mut commands: Commands, orbit: Res<Orbit>) {
    commands.spawn((
        Name::new("stage camera"),
        StageCamera,
        Camera3d::default(),
        super::TONEMAPPING,
        perspective(),
        orbit.transform(),
    ));
}

/// The stage camera's own projection (a view that changes it gives it back).
pub fn perspective() -> Projection {
    Projection::Perspective(PerspectiveProjection {
        fov: FOV_DEG.to_radians(),
        ..default()
    })
}

fn orbit_with_pointer(
    mut orbit: ResMut<Orbit>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    touches: Res<Touches>,
    mut last_pinch: Local<Option<f32>>,
) {
    if orbit.ui_has_pointer {
        *last_pinch = None;
        return;
    }
    let mut drag = Vec2::ZERO;
    if buttons.pressed(MouseButton::Left) || buttons.pressed(MouseButton::Right) {
        drag += motion.delta;
    }
    let active: Vec<_> = touches.iter().collect();
    if active.len() == 1 {
        drag += active[0].delta();
    }
    if active.len() == 2 {
        let d = active[0].position().distance(active[1].position());
        if let Some(prev) = *last_pinch
            && d > 1.0
        {
            orbit.distance_m = (orbit.distance_m * prev / d).clamp(1.0, 12.0);
        }
        *last_pinch = Some(d);
    } else {
        *last_pinch = None;
    }
    if drag != Vec2::ZERO {
        orbit.yaw_deg -= drag.x * 0.3;
        orbit.pitch_deg = (orbit.pitch_deg + drag.y * 0.3).clamp(-10.0, 89.0);
    }
    let lines = match scroll.unit {
        MouseScrollUnit::Line => scroll.delta.y,
        MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
    };
    if lines != 0.0 {
        orbit.distance_m = (orbit.distance_m * 0.9f32.powf(lines)).clamp(1.0, 12.0);
    }
}

/// The camera action: the next preset.
fn camera_actions(mut actions: MessageReader<Action>, mut orbit: ResMut<Orbit>) {
    for a in actions.read() {
        if *a == Action::NextCamera {
            *orbit = orbit.next_preset();
        }
    }
}

/// A gamepad's right stick turns and tilts the camera.
fn turn_with_stick(stick: Res<Stick>, time: Res<Time>, mut orbit: ResMut<Orbit>) {
    if stick.0 == Vec2::ZERO {
        return;
    }
    let dt = time.delta_secs();
    orbit.yaw_deg += stick.0.x * 90.0 * dt;
    orbit.pitch_deg = (orbit.pitch_deg + stick.0.y * 60.0 * dt).clamp(-10.0, 80.0);
}

/// The camera fits for this frame's view shape, before the camera is placed
/// from the orbit. Placed first, a frame drew the last frame's fit: a
/// phone's first drawn frame showed the figure fitted to the 1280x720 window
/// the app starts with, close up and cut off at the edge.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum FitCamera {
    /// Each view's own fit to its figures and the view's shape.
    View,
    /// Presenting on a projector, after the view's: its framing wins.
    Projection,
}

pub fn place_camera(orbit: Res<Orbit>, mut camera: Query<&mut Transform, With<StageCamera>>) {
    if !orbit.is_changed() {
        return;
    }
    for mut t in &mut camera {
        *t = orbit.transform();
    }
}
