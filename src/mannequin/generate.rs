//! Generates the built-in mannequin (`assets/models/mannequin.glb`) from the
//! body model's proportions: a skinned, artist's-mannequin-like figure with a
//! VRM-named skeleton. Run `hinge gen-mannequin` to rewrite the file; a test
//! checks that the committed file matches this generator.

use std::collections::BTreeMap;

use glam::{Mat4, Quat, Vec3};
use gltf_json as json;
use json::validation::Checked::Valid;
use json::validation::USize64;

use super::rig::{BONE_COUNT, Bone};
use crate::body::surface::{self, Station};
use crate::body::{Arms, Body, Joint, Pose, PoseRequest, SolvedBody, solve};

/// The rest pose: standing tall, feet under the hips and pointing forward,
/// shins vertical, arms hanging.
pub fn rest_pose() -> SolvedBody {
    let body = Body::default();
    let request = PoseRequest {
        pose: Pose {
            stance_width_m: 2.0 * body.hip_half_width_m,
            toe_out_deg: 0.0,
            arms: Arms::Hang,
            ..Pose::default()
        },
        ..PoseRequest::default()
    };
    let mut s = solve(&request);
    // Stand the figure up straight: undo the balance lean about the ankles.
    let ankle = s.joint(Joint::AnkleL);
    let unlean = Quat::from_rotation_x(-s.shin_deg.to_radians());
    let feet = [
        Joint::HeelL,
        Joint::AnkleL,
        Joint::BallL,
        Joint::ToeL,
        Joint::HeelR,
        Joint::AnkleR,
        Joint::BallR,
        Joint::ToeR,
    ];
    for (i, p) in s.joints.iter_mut().enumerate() {
        if feet.iter().any(|f| *f as usize == i) {
            continue;
        }
        let rel = *p - Vec3::new(p.x, ankle.y, ankle.z);
        *p = Vec3::new(p.x, ankle.y, ankle.z) + unlean * rel;
    }
    s.shin_deg = 0.0;
    s
}

/// Where each bone's head sits in the rest pose (world space).
pub fn rest_heads(rest: &SolvedBody) -> [Vec3; BONE_COUNT] {
    Bone::ALL.map(|b| rest.joint(b.joints().0))
}

/// One vertex: position, normal, up to two bones with weights.
#[derive(Debug, Clone, Copy)]
struct Vertex {
    pos: Vec3,
    normal: Vec3,
    joints: [u8; 4],
    weights: [f32; 4],
}

/// A mesh in the making: one primitive per material.
#[derive(Default)]
struct Builder {
    vertices: Vec<Vertex>,
    indices: Vec<u32>,
}

/// Skin weights of a ring: (bone, weight) pairs that sum to 1.
type Weights = [(Bone, f32); 2];

fn only(b: Bone) -> Weights {
    [(b, 1.0), (b, 0.0)]
}

/// Vertices around each ring of the body's tubes. Each triangle costs a
/// software renderer about as much as the pixels it covers (llvmpipe shades
/// in 4x4 blocks, so a small triangle pays for a whole block): 24 around and
/// 12 rings to a ball made the figure 10,800 triangles and 229k fragment
/// shader runs a frame at 1280x720 for ~55k pixels on screen. At 16 the
/// silhouette is still round at 1920x1080 (`hinge fps --passes`).
const AROUND: usize = 16;
/// The joint balls, nose, jaw and hands are small (the balls mostly inside
/// the body): fewer still.
const SMALL: (usize, usize) = (12, 6);
/// The head: the one large round part.
const HEAD: (usize, usize) = (AROUND, 10);

/// One ring of a loft: centre, axis, lateral direction, (lateral, depth) radii, weights.
type Ring = (Vec3, Vec3, Vec3, (f32, f32), Weights);

impl Builder {
    /// A lofted tube along a polyline of rings. Each ring: centre, axis
    /// direction, lateral direction, (lateral radius, depth radius), weights.
    /// The ends are closed with a single vertex each.
    fn loft(&mut self, rings: &[Ring]) {
        self.loft_around(rings, AROUND);
    }

    /// [`Self::loft`] with `around` vertices to a ring.
    fn loft_around(&mut self, rings: &[Ring], around: usize) {
        let base = self.vertices.len() as u32;
        let first = rings.first().expect("a loft has rings");
        let last = rings.last().expect("a loft has rings");
        // End points (caps).
        self.push(first.0, first.4);
        for (c, axis, lateral, (rx, rz), w) in rings {
            let y = axis.normalize();
            let x = (*lateral - y * lateral.dot(y)).normalize();
            let z = x.cross(y);
            for k in 0..around {
                let a = k as f32 / around as f32 * std::f32::consts::TAU;
                let p = *c + x * (a.cos() * rx) + z * (a.sin() * rz);
                self.push(p, *w);
            }
        }
        self.push(last.0, last.4);
        let n = rings.len() as u32;
        let ring = |r: u32, k: usize| base + 1 + r * around as u32 + (k % around) as u32;
        let top = base + 1 + n * around as u32;
        // Counter-clockwise seen from outside, so the faces point out.
        for k in 0..around {
            self.tri(base, ring(0, k), ring(0, k + 1));
            self.tri(top, ring(n - 1, k + 1), ring(n - 1, k));
        }
        for r in 0..n - 1 {
            for k in 0..around {
                let (a, b, c, d) = (
                    ring(r, k),
                    ring(r, k + 1),
                    ring(r + 1, k),
                    ring(r + 1, k + 1),
                );
                self.tri(a, c, b);
                self.tri(b, c, d);
            }
        }
    }

    /// An ellipsoid with the given centre, axes (unit) and radii, in
    /// `around` vertices to a ring and `steps` slices from pole to pole.
    fn ellipsoid(
        &mut self,
        centre: Vec3,
        axes: [Vec3; 3],
        radii: Vec3,
        w: Weights,
        (around, steps): (usize, usize),
    ) {
        let [x, y, _] = axes;
        let rings: Vec<_> = (1..steps)
            .map(|i| {
                let t = i as f32 / steps as f32 * std::f32::consts::PI;
                let c = centre - y * (t.cos() * radii.y);
                (c, y, x, (t.sin() * radii.x, t.sin() * radii.z), w)
            })
            .collect();
        let base = self.vertices.len();
        self.loft_around(&rings, around);
        // Pull the cap vertices to the poles.
        self.vertices[base].pos = centre - y * radii.y;
        let last = self.vertices.len() - 1;
        self.vertices[last].pos = centre + y * radii.y;
    }

    fn sphere(&mut self, centre: Vec3, r: f32, w: Weights) {
        self.ellipsoid(
            centre,
            [Vec3::X, Vec3::Y, Vec3::Z],
            Vec3::splat(r),
            w,
            SMALL,
        );
    }

    fn push(&mut self, pos: Vec3, w: Weights) {
        let mut joints = [0u8; 4];
        let mut weights = [0.0f32; 4];
        let (a, wa) = w[0];
        let (b, wb) = w[1];
        if a == b || wb <= 0.0 {
            joints[0] = a as u8;
            weights[0] = 1.0;
        } else if wa <= 0.0 {
            joints[0] = b as u8;
            weights[0] = 1.0;
        } else {
            joints[0] = a as u8;
            joints[1] = b as u8;
            weights[0] = wa / (wa + wb);
            weights[1] = 1.0 - weights[0];
        }
        self.vertices.push(Vertex {
            pos,
            normal: Vec3::ZERO,
            joints,
            weights,
        });
    }

    fn tri(&mut self, a: u32, b: u32, c: u32) {
        self.indices.extend([a, b, c]);
    }

    /// Smooth normals: the area-weighted average of the faces around each vertex.
    fn finish_normals(&mut self) {
        for v in &mut self.vertices {
            v.normal = Vec3::ZERO;
        }
        for t in self.indices.chunks_exact(3) {
            let [a, b, c] = [t[0], t[1], t[2]].map(|i| i as usize);
            let n = (self.vertices[b].pos - self.vertices[a].pos)
                .cross(self.vertices[c].pos - self.vertices[a].pos);
            for i in [a, b, c] {
                self.vertices[i].normal += n;
            }
        }
        for v in &mut self.vertices {
            v.normal = v.normal.try_normalize().unwrap_or(Vec3::Y);
        }
    }
}

/// Blend from `a` to `b` as `t` goes from `t0` to `t1` (smoothly).
fn blend(a: Bone, b: Bone, t: f32, t0: f32, t1: f32) -> Weights {
    let u = ((t - t0) / (t1 - t0)).clamp(0.0, 1.0);
    let u = u * u * (3.0 - 2.0 * u);
    [(a, 1.0 - u), (b, u)]
}

/// A limb segment from one joint to the next, tapered, blended into the
/// bones on either side over the last stretch of each end.
struct Limb<'a> {
    from: Vec3,
    to: Vec3,
    /// Sideways, away from the body.
    lateral: Vec3,
    /// The limb's front: where its stations' `front` depth lies.
    front: Vec3,
    /// The limb's shape along it, as fractions of `stature`.
    stations: &'a [Station],
    stature: f32,
    bone: Bone,
    prev: Option<Bone>,
    next: Option<Bone>,
}

impl Limb<'_> {
    fn build(&self, m: &mut Builder) {
        let axis = self.to - self.from;
        let h = self.stature;
        let rings: Vec<_> = self
            .stations
            .iter()
            .map(|st| {
                let t = st.t;
                let w = if t < 0.12 {
                    self.prev
                        .map_or(only(self.bone), |p| blend(p, self.bone, t, -0.05, 0.12))
                } else if t > 0.88 {
                    self.next
                        .map_or(only(self.bone), |n| blend(self.bone, n, t, 0.88, 1.05))
                } else {
                    only(self.bone)
                };
                // Thicker behind than in front: the ring's centre moves back.
                let centre = self.from + axis * t + self.front * (0.5 * (st.front - st.back) * h);
                let depth = 0.5 * (st.front + st.back) * h;
                (centre, axis, self.lateral, (st.half_width * h, depth), w)
            })
            .collect();
        m.loft(&rings);
    }
}

/// A round station: the same depth in front and behind.
const fn round(t: f32, half_width: f32, depth: f32) -> Station {
    Station {
        t,
        half_width,
        front: depth,
        back: depth,
    }
}

/// The two meshes of the mannequin: the body shell and the joint balls.
fn build(rest: &SolvedBody) -> (Builder, Builder) {
    let h = rest.body.stature_m;
    let j = |joint| rest.joint(joint);
    let mut shell = Builder::default();
    let mut balls = Builder::default();

    // --- Torso: one loft up the spine, wide at the hips and the chest,
    // narrow at the waist, so that a bending spine bends the whole shell.
    let spine = [
        j(Joint::Pelvis),
        j(Joint::L5S1),
        j(Joint::T12),
        j(Joint::T6),
        j(Joint::NeckBase),
    ];
    let bones = [Bone::Hips, Bone::Spine, Bone::Chest, Bone::UpperChest];
    let seg_len: Vec<f32> = spine.windows(2).map(|w| w[0].distance(w[1])).collect();
    let trunk: f32 = seg_len.iter().sum();
    // (height from the mid-hip, half width, half depth), shared with the
    // solver so hands laid on the body touch this shell.
    let profile = surface::torso_profile(trunk, h);
    let point_at = |s: f32| -> (Vec3, Vec3, usize, f32) {
        let mut rest_s = s;
        for (i, len) in seg_len.iter().enumerate() {
            if rest_s <= *len || i == seg_len.len() - 1 {
                let dir = (spine[i + 1] - spine[i]).normalize();
                return (spine[i] + dir * rest_s, dir, i, rest_s);
            }
            rest_s -= len;
        }
        unreachable!()
    };
    let blend_zone = 0.035 * h;
    let rings: Vec<_> = profile
        .iter()
        .map(|&(s, rx, rz)| {
            let (c, dir, i, local) = point_at(s);
            // Near a vertebral joint, share the ring between the two bones.
            let w = if i > 0 && local < blend_zone {
                blend(bones[i - 1], bones[i], local, -blend_zone, blend_zone)
            } else if i + 1 < bones.len() && seg_len[i] - local < blend_zone {
                blend(
                    bones[i],
                    bones[i + 1],
                    local - seg_len[i],
                    -blend_zone,
                    blend_zone,
                )
            } else {
                only(bones[i])
            };
            (c, dir, Vec3::X, (rx, rz), w)
        })
        .collect();
    shell.loft(&rings);

    // --- Neck and head. The head is an egg with a nose and a brow, so the
    // way it faces reads at a glance.
    Limb {
        from: j(Joint::NeckBase) - Vec3::Y * (0.01 * h),
        to: j(Joint::HeadBase) + Vec3::Y * (0.02 * h),
        lateral: Vec3::X,
        front: Vec3::Z,
        stations: &[
            round(0.0, 0.030, 0.030),
            round(0.5, 0.027, 0.028),
            round(1.0, 0.028, 0.030),
        ],
        stature: h,
        bone: Bone::Neck,
        prev: Some(Bone::UpperChest),
        next: Some(Bone::Head),
    }
    .build(&mut shell);
    let head_c = j(Joint::HeadBase) + Vec3::Y * (0.5 * rest.body.head_m) + Vec3::Z * (0.006 * h);
    shell.ellipsoid(
        head_c,
        [Vec3::X, Vec3::Y, Vec3::Z],
        Vec3::new(0.050 * h, 0.064 * h, 0.058 * h),
        only(Bone::Head),
        HEAD,
    );
    let nose = head_c + Vec3::new(0.0, -0.006 * h, 0.056 * h);
    shell.ellipsoid(
        nose,
        [Vec3::X, Vec3::Y, Vec3::Z],
        Vec3::new(0.008 * h, 0.014 * h, 0.012 * h),
        only(Bone::Head),
        SMALL,
    );
    let jaw = head_c + Vec3::new(0.0, -0.036 * h, 0.030 * h);
    shell.ellipsoid(
        jaw,
        [Vec3::X, Vec3::Y, Vec3::Z],
        Vec3::new(0.034 * h, 0.026 * h, 0.030 * h),
        only(Bone::Head),
        SMALL,
    );

    // --- Legs.
    for (hip, knee, ankle, heel, ball, toe, bones) in [
        (
            Joint::HipL,
            Joint::KneeL,
            Joint::AnkleL,
            Joint::HeelL,
            Joint::BallL,
            Joint::ToeL,
            [
                Bone::LeftUpperLeg,
                Bone::LeftLowerLeg,
                Bone::LeftFoot,
                Bone::LeftToes,
            ],
        ),
        (
            Joint::HipR,
            Joint::KneeR,
            Joint::AnkleR,
            Joint::HeelR,
            Joint::BallR,
            Joint::ToeR,
            [
                Bone::RightUpperLeg,
                Bone::RightLowerLeg,
                Bone::RightFoot,
                Bone::RightToes,
            ],
        ),
    ] {
        let [thigh, shank, foot, toes] = bones;
        // The thigh's top reaches a little above the hip joint, into the buttock.
        let thigh_top = j(hip) + Vec3::Y * (0.02 * h);
        let thigh_stations = surface::THIGH.map(|st| Station {
            t: (st.t * j(hip).distance(j(knee)) + 0.02 * h) / thigh_top.distance(j(knee)),
            ..st
        });
        let mut thigh_stations = thigh_stations.to_vec();
        thigh_stations.insert(
            0,
            Station {
                t: 0.0,
                ..surface::THIGH[0]
            },
        );
        Limb {
            from: thigh_top,
            to: j(knee),
            lateral: Vec3::X,
            front: Vec3::Z,
            stations: &thigh_stations,
            stature: h,
            bone: thigh,
            prev: Some(Bone::Hips),
            next: Some(shank),
        }
        .build(&mut shell);
        Limb {
            from: j(knee),
            to: j(ankle),
            lateral: Vec3::X,
            front: Vec3::Z,
            stations: &surface::SHANK,
            stature: h,
            bone: shank,
            prev: Some(thigh),
            next: Some(foot),
        }
        .build(&mut shell);
        balls.sphere(j(knee), surface::KNEE_RADIUS * h, only(shank));
        balls.sphere(j(ankle), 0.021 * h, only(foot));
        // The foot: heel to the ball, flat on the floor, higher at the instep.
        let fw = 0.5 * rest.body.foot_width_m;
        let heel_p = j(heel);
        let ball_p = j(ball);
        let along = ball_p - heel_p;
        let ring = |t: f32, rx: f32, ry: f32, w| {
            let c = heel_p + along * t + Vec3::Y * ry;
            (c, along, Vec3::X, (rx, ry), w)
        };
        let ah = rest.body.ankle_height_m;
        shell.loft(&[
            ring(-0.02, 0.55 * fw, 0.35 * ah, only(foot)),
            ring(0.08, 0.80 * fw, 0.55 * ah, only(foot)),
            ring(0.35, 0.90 * fw, 0.62 * ah, only(foot)),
            ring(0.75, 1.00 * fw, 0.42 * ah, only(foot)),
            ring(1.00, 1.00 * fw, 0.28 * ah, blend(foot, toes, 1.0, 0.9, 1.1)),
        ]);
        let toe_along = j(toe) - ball_p;
        let toe_ring = |t: f32, rx: f32, ry: f32| {
            let c = ball_p + toe_along * t + Vec3::Y * ry;
            (c, toe_along, Vec3::X, (rx, ry), only(toes))
        };
        shell.loft(&[
            toe_ring(0.05, 1.0 * fw, 0.26 * ah),
            toe_ring(0.6, 0.92 * fw, 0.22 * ah),
            toe_ring(1.0, 0.55 * fw, 0.14 * ah),
        ]);
    }

    // --- Arms.
    for (shoulder, elbow, wrist, hand, bones, sign) in [
        (
            Joint::ShoulderL,
            Joint::ElbowL,
            Joint::WristL,
            Joint::HandL,
            [
                Bone::LeftShoulder,
                Bone::LeftUpperArm,
                Bone::LeftLowerArm,
                Bone::LeftHand,
            ],
            1.0f32,
        ),
        (
            Joint::ShoulderR,
            Joint::ElbowR,
            Joint::WristR,
            Joint::HandR,
            [
                Bone::RightShoulder,
                Bone::RightUpperArm,
                Bone::RightLowerArm,
                Bone::RightHand,
            ],
            -1.0f32,
        ),
    ] {
        let [_, upper, lower, hand_b] = bones;
        let lateral = Vec3::X * sign;
        balls.sphere(j(shoulder), 0.030 * h, only(upper));
        Limb {
            from: j(shoulder),
            to: j(elbow),
            lateral,
            front: Vec3::Z,
            stations: &[
                round(0.0, 0.026, 0.027),
                round(0.4, 0.025, 0.026),
                round(1.0, 0.019, 0.019),
            ],
            stature: h,
            bone: upper,
            prev: None,
            next: Some(lower),
        }
        .build(&mut shell);
        balls.sphere(j(elbow), 0.020 * h, only(lower));
        Limb {
            from: j(elbow),
            to: j(wrist),
            lateral,
            front: Vec3::Z,
            stations: &[
                round(0.0, 0.019, 0.020),
                round(0.3, 0.021, 0.022),
                round(1.0, 0.013, 0.016),
            ],
            stature: h,
            bone: lower,
            prev: Some(upper),
            next: Some(hand_b),
        }
        .build(&mut shell);
        balls.sphere(j(wrist), 0.014 * h, only(hand_b));
        // A mitten hand: flat, palm towards the body.
        let hand_dir = (j(hand) - j(wrist)).normalize();
        let hand_c = j(wrist) + (j(hand) - j(wrist)) * 0.55;
        let x = (lateral - hand_dir * lateral.dot(hand_dir)).normalize();
        let z = x.cross(hand_dir);
        shell.ellipsoid(
            hand_c,
            [x, hand_dir, z],
            Vec3::new(0.011 * h, 0.062 * h, 0.028 * h),
            only(hand_b),
            SMALL,
        );
    }

    shell.finish_normals();
    balls.finish_normals();
    (shell, balls)
}

/// Append `data` to the binary buffer, 4-byte aligned, as a buffer view.
fn view(
    root: &mut json::Root,
    bin: &mut Vec<u8>,
    data: &[u8],
    target: Option<json::buffer::Target>,
) -> json::Index<json::buffer::View> {
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    let offset = bin.len();
    bin.extend_from_slice(data);
    root.push(json::buffer::View {
        buffer: json::Index::new(0),
        byte_length: USize64::from(data.len()),
        byte_offset: Some(USize64::from(offset)),
        byte_stride: None,
        extensions: Default::default(),
        extras: Default::default(),
        name: None,
        target: target.map(Valid),
    })
}

#[allow(clippy::too_many_arguments)]
fn accessor(
    root: &mut json::Root,
    view: json::Index<json::buffer::View>,
    count: usize,
    component: json::accessor::ComponentType,
    type_: json::accessor::Type,
    min: Option<Vec<f32>>,
    max: Option<Vec<f32>>,
) -> json::Index<json::Accessor> {
    root.push(json::Accessor {
        buffer_view: Some(view),
        byte_offset: Some(USize64(0)),
        count: USize64::from(count),
        component_type: Valid(json::accessor::GenericComponentType(component)),
        extensions: Default::default(),
        extras: Default::default(),
        type_: Valid(type_),
        min: min.map(json::Value::from),
        max: max.map(json::Value::from),
        name: None,
        normalized: false,
        sparse: None,
    })
}

fn bytes_f32(values: impl IntoIterator<Item = f32>) -> Vec<u8> {
    values.into_iter().flat_map(f32::to_le_bytes).collect()
}

fn primitive(
    root: &mut json::Root,
    bin: &mut Vec<u8>,
    part: &Part,
    material: json::Index<json::Material>,
) -> json::mesh::Primitive {
    use json::accessor::{ComponentType as C, Type as T};
    use json::buffer::Target;
    let n = part.positions.len();
    let (min, max) = part.bounds();
    let pos = view(
        root,
        bin,
        &bytes_f32(part.positions.iter().flatten().copied()),
        Some(Target::ArrayBuffer),
    );
    let pos = accessor(
        root,
        pos,
        n,
        C::F32,
        T::Vec3,
        Some(min.to_array().to_vec()),
        Some(max.to_array().to_vec()),
    );
    let nor = view(
        root,
        bin,
        &bytes_f32(part.normals.iter().flatten().copied()),
        Some(Target::ArrayBuffer),
    );
    let nor = accessor(root, nor, n, C::F32, T::Vec3, None, None);
    let jv: Vec<u8> = part.joints.iter().flatten().copied().collect();
    let jv = view(root, bin, &jv, Some(Target::ArrayBuffer));
    let joints = accessor(root, jv, n, C::U8, T::Vec4, None, None);
    let wv = view(
        root,
        bin,
        &bytes_f32(part.weights.iter().flatten().copied()),
        Some(Target::ArrayBuffer),
    );
    let weights = accessor(root, wv, n, C::F32, T::Vec4, None, None);
    let iv: Vec<u8> = part.indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    let iv = view(root, bin, &iv, Some(Target::ElementArrayBuffer));
    let indices = accessor(root, iv, part.indices.len(), C::U32, T::Scalar, None, None);
    let mut attributes = BTreeMap::new();
    attributes.insert(Valid(json::mesh::Semantic::Positions), pos);
    attributes.insert(Valid(json::mesh::Semantic::Normals), nor);
    attributes.insert(Valid(json::mesh::Semantic::Joints(0)), joints);
    attributes.insert(Valid(json::mesh::Semantic::Weights(0)), weights);
    json::mesh::Primitive {
        attributes,
        extensions: Default::default(),
        extras: Default::default(),
        indices: Some(indices),
        material: Some(material),
        mode: Valid(json::mesh::Mode::Triangles),
        targets: None,
    }
}

fn material(
    root: &mut json::Root,
    name: &str,
    rgb: [f32; 3],
    roughness: f32,
) -> json::Index<json::Material> {
    root.push(json::Material {
        name: Some(name.to_string()),
        pbr_metallic_roughness: json::material::PbrMetallicRoughness {
            base_color_factor: json::material::PbrBaseColorFactor([rgb[0], rgb[1], rgb[2], 1.0]),
            metallic_factor: json::material::StrengthFactor(0.0),
            roughness_factor: json::material::StrengthFactor(roughness),
            ..Default::default()
        },
        ..Default::default()
    })
}

fn node(name: &str) -> json::Node {
    json::Node {
        camera: None,
        children: None,
        extensions: Default::default(),
        extras: Default::default(),
        matrix: None,
        mesh: None,
        name: Some(name.to_string()),
        rotation: None,
        scale: None,
        translation: None,
        skin: None,
        weights: None,
    }
}

/// A part of the mannequin drawn in one material: its vertices (position,
/// normal, up to four bones as indices into [`Bone::ALL`] with their
/// weights), its triangles and its material.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: &'static str,
    pub positions: Vec<[f32; 3]>,
    pub normals: Vec<[f32; 3]>,
    pub joints: Vec<[u8; 4]>,
    pub weights: Vec<[f32; 4]>,
    pub indices: Vec<u32>,
    /// Base colour, linear RGB (as glTF's `baseColorFactor`).
    pub rgb: [f32; 3],
    pub roughness: f32,
}

impl Part {
    fn from_builder(name: &'static str, m: &Builder, rgb: [f32; 3], roughness: f32) -> Part {
        Part {
            name,
            positions: m.vertices.iter().map(|v| v.pos.to_array()).collect(),
            normals: m.vertices.iter().map(|v| v.normal.to_array()).collect(),
            joints: m.vertices.iter().map(|v| v.joints).collect(),
            weights: m.vertices.iter().map(|v| v.weights).collect(),
            indices: m.indices.clone(),
            rgb,
            roughness,
        }
    }

    /// The smallest box around the part's vertices at rest.
    pub fn bounds(&self) -> (Vec3, Vec3) {
        self.positions.iter().fold(
            (Vec3::splat(f32::MAX), Vec3::splat(f32::MIN)),
            |(lo, hi), p| (lo.min(Vec3::from(*p)), hi.max(Vec3::from(*p))),
        )
    }
}

/// The whole mannequin, ready to be written as glTF ([`mannequin_glb`]) or
/// put straight on the stage (`stage::figure`, which needs no glTF loader):
/// the skeleton at rest and the skinned parts.
#[derive(Debug, Clone)]
pub struct Mannequin {
    /// Each bone's translation from its parent's head ([`Bone::ALL`] order;
    /// the hips' from the model's origin). Bones carry no rotation at rest.
    pub bone_offsets: [Vec3; BONE_COUNT],
    /// Each bone's inverse bind matrix ([`Bone::ALL`] order).
    pub inverse_bind: [Mat4; BONE_COUNT],
    /// The shell and the darker joint balls.
    pub parts: [Part; 2],
}

/// The mannequin's skeleton and skinned parts, built from the body model.
pub fn mannequin() -> Mannequin {
    let rest = rest_pose();
    let heads = rest_heads(&rest);
    let (shell, balls) = build(&rest);
    Mannequin {
        bone_offsets: Bone::ALL
            .map(|b| heads[b as usize] - b.parent().map_or(Vec3::ZERO, |p| heads[p as usize])),
        inverse_bind: heads.map(|h| Mat4::from_translation(-h)),
        // A warm, matte wood-like shell; darker joints so they read.
        parts: [
            Part::from_builder("mannequin", &shell, [0.72, 0.52, 0.33], 0.8),
            Part::from_builder("joints", &balls, [0.30, 0.22, 0.16], 0.6),
        ],
    }
}

/// The mannequin as a binary glTF file.
pub fn mannequin_glb() -> Vec<u8> {
    mannequin_glb_named(|b| b.vrm_name().to_string())
}

/// The mannequin with its bones named by `name` (e.g. Mixamo's names, to
/// test that other people's rigs are recognised).
pub fn mannequin_glb_named(name: impl Fn(Bone) -> String) -> Vec<u8> {
    let m = mannequin();

    let mut root = json::Root::default();
    root.asset.generator = Some("hinge gen-mannequin (from de Leva 1996 proportions)".into());
    let mut bin = Vec::new();

    let materials = m
        .parts
        .each_ref()
        .map(|p| material(&mut root, p.name, p.rgb, p.roughness));

    // Bones: one node each, translation relative to the parent, no rotation.
    let bone_nodes: Vec<json::Index<json::Node>> = Bone::ALL
        .iter()
        .map(|b| {
            let mut n = node(&name(*b));
            n.translation = Some(m.bone_offsets[*b as usize].to_array());
            root.push(n)
        })
        .collect();
    for b in Bone::ALL {
        let children: Vec<_> = Bone::ALL
            .iter()
            .filter(|c| c.parent() == Some(b))
            .map(|c| bone_nodes[*c as usize])
            .collect();
        if !children.is_empty() {
            root.nodes[bone_nodes[b as usize].value()].children = Some(children);
        }
    }

    let ibm: Vec<f32> = m
        .inverse_bind
        .iter()
        .flat_map(|ibm| ibm.to_cols_array())
        .collect();
    let ibm_view = view(&mut root, &mut bin, &bytes_f32(ibm), None);
    let ibm = accessor(
        &mut root,
        ibm_view,
        BONE_COUNT,
        json::accessor::ComponentType::F32,
        json::accessor::Type::Mat4,
        None,
        None,
    );
    let skin = root.push(json::Skin {
        extensions: Default::default(),
        extras: Default::default(),
        inverse_bind_matrices: Some(ibm),
        joints: bone_nodes.clone(),
        name: Some("mannequin".into()),
        skeleton: Some(bone_nodes[Bone::Hips as usize]),
    });

    let primitives = m
        .parts
        .iter()
        .zip(materials)
        .map(|(part, material)| primitive(&mut root, &mut bin, part, material))
        .collect();
    let mesh = root.push(json::Mesh {
        extensions: Default::default(),
        extras: Default::default(),
        name: Some("mannequin".into()),
        primitives,
        weights: None,
    });
    let mut body_node = node("mannequin_body");
    body_node.mesh = Some(mesh);
    body_node.skin = Some(skin);
    let body_node = root.push(body_node);
    // The skinned mesh is a root node of its own (its transform is ignored anyway).
    let mut top = node("mannequin");
    top.children = Some(vec![bone_nodes[Bone::Hips as usize]]);
    let top = root.push(top);
    let scene = root.push(json::Scene {
        extensions: Default::default(),
        extras: Default::default(),
        name: Some("mannequin".into()),
        nodes: vec![top, body_node],
    });
    root.scene = Some(scene);
    while !bin.len().is_multiple_of(4) {
        bin.push(0);
    }
    root.push(json::Buffer {
        byte_length: USize64::from(bin.len()),
        extensions: Default::default(),
        extras: Default::default(),
        name: None,
        uri: None,
    });

    let mut json_bytes = root.to_vec().expect("the glTF document serialises");
    while !json_bytes.len().is_multiple_of(4) {
        json_bytes.push(b' ');
    }
    let total = 12 + 8 + json_bytes.len() + 8 + bin.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"glTF");
    out.extend_from_slice(&2u32.to_le_bytes());
    out.extend_from_slice(&(total as u32).to_le_bytes());
    out.extend_from_slice(&(json_bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(b"JSON");
    out.extend_from_slice(&json_bytes);
    out.extend_from_slice(&(bin.len() as u32).to_le_bytes());
    out.extend_from_slice(b"BIN\0");
    out.extend_from_slice(&bin);
    out
}
