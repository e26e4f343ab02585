// The floor (src/stage/floor.rs): Bevy's standard lighting of a rough
// dielectric (Burley diffuse, GGX specular, the ambient light), written out
// for one flat surface without the clusters, environment and fog the
// standard material runs everywhere; shadows are sampled only inside the
// patch of floor where a shadow can fall. The grid of squares is drawn here
// too, its lines a fixed number of pixels wide and smoothed at their edges.
#import bevy_pbr::{
    forward_io::VertexOutput,
    mesh_view_bindings::{view, lights},
    mesh_view_types::DIRECTIONAL_LIGHT_FLAGS_SHADOWS_ENABLED_BIT,
    shadows::fetch_directional_shadow,
}
#ifdef TONEMAP_IN_SHADER
#import bevy_core_pipeline::tonemapping::{tone_mapping, screen_space_dither}
#endif

struct Floor {
    // Linear RGB; alpha unused.
    color: vec4<f32>,
    // Where shadows can fall: min x, min z, max x, max z.
    shadow_patch: vec4<f32>,
    // The grid's linear RGB and opacity.
    grid_color: vec4<f32>,
    // The squares' side (m), half the grid's extent (m), the lines' width (px).
    grid_lines: vec4<f32>,
}
@group(#{MATERIAL_BIND_GROUP}) @binding(0) var<uniform> floor: Floor;

const INV_PI: f32 = 0.31830988618;
// Perceptual roughness 0.95 (as the floor had), squared; F0 of a dielectric
// at Bevy's default reflectance.
const ROUGHNESS: f32 = 0.9025;
const F0: f32 = 0.04;
// Bevy's ambient light on a fully rough dielectric (its EnvBRDFApprox with
// F_AB(1.0, _) = (0.452, 0.0); specular F0 0.04 at 0.452): what the
// standard material gave this floor, within a grey level.
const AMBIENT_DIFFUSE: f32 = 0.452;
const AMBIENT_SPECULAR: f32 = 0.018;

fn schlick(f0: f32, f90: f32, x: f32) -> f32 {
    return f0 + (f90 - f0) * pow(1.0 - x, 5.0);
}

// How much of this pixel the grid's lines cover (0 to 1). `cells` is the
// position in squares and `per_px` how many squares one pixel spans.
fn grid_coverage(p: vec2<f32>, cells: vec2<f32>, per_px: vec2<f32>) -> f32 {
    let w = max(per_px, vec2(1e-6));
    let half_width_px = floor.grid_lines.z * 0.5;
    // Inside the grid, its outer lines included.
    let reach = floor.grid_lines.y + half_width_px * w * floor.grid_lines.x;
    if any(abs(p) > reach) {
        return 0.0;
    }
    // Distance to the nearest line, in pixels, across each axis.
    let d = abs(fract(cells + 0.5) - 0.5) / w;
    let c = saturate(half_width_px + 0.5 - d);
    // Where squares shrink below 6 pixels (far off, or seen at a
    // grazing angle) they fade out rather than shimmer.
    let fade = saturate(2.0 - 6.0 * max(w.x, w.y));
    return max(c.x, c.y) * fade;
}

@fragment
fn fragment(in: VertexOutput) -> @location(0) vec4<f32> {
    // Screen-space derivatives first, while every pixel of the quad runs.
    let cells = in.world_position.xz / floor.grid_lines.x;
    let per_px = fwidth(cells);
    let n = normalize(in.world_normal);
    let view_z = dot(vec4<f32>(
        view.view_from_world[0].z,
        view.view_from_world[1].z,
        view.view_from_world[2].z,
        view.view_from_world[3].z
    ), in.world_position);

    let p = in.world_position.xz;
    let in_patch = all(p >= floor.shadow_patch.xy) && all(p <= floor.shadow_patch.zw);
    let base = floor.color.rgb;

    let v = normalize(view.world_position.xyz - in.world_position.xyz);
    let n_dot_v = max(dot(n, v), 1e-4);

    var light = vec3(0.0);
    for (var i: u32 = 0u; i < lights.n_directional_lights; i = i + 1u) {
        let l = &lights.directional_lights[i];
        let n_dot_l = saturate(dot(n, (*l).direction_to_light));
        var shadow = 1.0;
        if ((*l).flags & DIRECTIONAL_LIGHT_FLAGS_SHADOWS_ENABLED_BIT) != 0u && n_dot_l > 0.0 && in_patch {
            shadow = fetch_directional_shadow(i, in.world_position, n, view_z, in.position.xy);
        }
        let to_light = (*l).direction_to_light;
        let h = normalize(to_light + v);
        let n_dot_h = saturate(dot(n, h));
        let l_dot_h = saturate(dot(to_light, h));
        // Burley diffuse, as Bevy's Fd_Burley.
        let f90 = 0.5 + 2.0 * ROUGHNESS * l_dot_h * l_dot_h;
        let diffuse = schlick(1.0, f90, n_dot_l) * schlick(1.0, f90, n_dot_v) * INV_PI;
        // GGX specular, as Bevy's D_GGX, V_SmithGGXCorrelated and fresnel.
        let a = n_dot_h * ROUGHNESS;
        let k = ROUGHNESS / (1.0 - n_dot_h * n_dot_h + a * a);
        let d = k * k * INV_PI;
        let a2 = ROUGHNESS * ROUGHNESS;
        let vis = 0.5 / (n_dot_l * sqrt((n_dot_v - a2 * n_dot_v) * n_dot_v + a2)
            + n_dot_v * sqrt((n_dot_l - a2 * n_dot_l) * n_dot_l + a2));
        let specular = d * vis * schlick(F0, 1.0, l_dot_h);
        light += (*l).color.rgb * (base * diffuse + vec3(specular)) * n_dot_l * shadow;
    }

    let ambient = lights.ambient_color.rgb * (AMBIENT_DIFFUSE * base + AMBIENT_SPECULAR);
    var color = vec4((light + ambient) * view.exposure, 1.0);
#ifdef TONEMAP_IN_SHADER
    color = tone_mapping(color, view.color_grading);
#ifdef DEBAND_DITHER
    var rgb = pow(max(color.rgb, vec3(0.0)), vec3(1.0 / 2.2));
    rgb += screen_space_dither(in.position.xy);
    color = vec4(pow(max(rgb, vec3(0.0)), vec3(2.2)), color.a);
#endif
#endif
    // The grid lies over the lit floor as the lines once drawn over it did.
    let grid = floor.grid_color.a * grid_coverage(in.world_position.xz, cells, per_px);
    color = vec4(mix(color.rgb, floor.grid_color.rgb, grid), color.a);
    return color;
}
