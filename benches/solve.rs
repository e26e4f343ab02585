//! Solve + evaluate for one pose (with the load view's moments too): the
//! per-figure cost of every frame; one frame of a playing drill; the load
//! view's plot over a repetition; loading the drill library.

use criterion::{Criterion, criterion_group, criterion_main};
use hinge::body::{Implement, Load, LoadPlace, PoseRequest, solve};
use hinge::coach::{ThresholdsFile, evaluate};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let thresholds = ThresholdsFile::builtin().default;
    let mut request = PoseRequest::default();
    request.pose.knee_deg = 20.0;
    request.pose.hip_deg = 85.0;
    request.pose.lumbar_deg = 5.0;
    // A bar held against the legs: the arms solved with the balance.
    request.load = Some(Load {
        mass_kg: 24.0,
        at: LoadPlace::Hands,
        implement: Implement::Barbell,
    });
    c.bench_function("solve_and_evaluate_one_pose", |b| {
        b.iter(|| {
            let solved = solve(black_box(&request));
            evaluate(&solved, &thresholds)
        })
    });
    c.bench_function("solve_one_pose", |b| b.iter(|| solve(black_box(&request))));
    // What a figure with the load view on costs each frame: the joint
    // moments and the parts' shares on top of solve + evaluate.
    c.bench_function("solve_evaluate_and_loads_one_pose", |b| {
        b.iter(|| {
            let solved = solve(black_box(&request));
            (
                evaluate(&solved, &thresholds),
                hinge::body::LoadView::of(&solved),
            )
        })
    });
    // One frame of a playing drill: sample the keyframes, solve, evaluate.
    let library = hinge::drill::Library::builtin();
    let drill = library.get("conventional-deadlift").unwrap().clone();
    let t = drill.thresholds(&ThresholdsFile::builtin());
    let mut time = 0.0f32;
    c.bench_function("drill_frame_sample_solve_evaluate", |b| {
        b.iter(|| {
            time = (time + 0.016) % drill.duration_s();
            let (key, _) = drill.sample(black_box(time));
            evaluate(&solve(&drill.request(&key)), &t)
        })
    });
    // The load view's plot: the moments over a whole repetition, computed
    // again when the drill, the body or the load change (views/drills/work.rs).
    let who = PoseRequest::default();
    c.bench_function("moments_over_a_repetition_121_frames", |b| {
        b.iter(|| drill.moments_over(black_box(&who), Some(80.0), 121))
    });
    // Loading the whole library from text (what `hinge check` and start-up do).
    c.bench_function("parse_and_validate_all_drills", |b| {
        b.iter(hinge::drill::Library::parse_builtin)
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
