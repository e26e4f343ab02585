//! Solve + evaluate for one pose: the per-figure cost of every frame.

use criterion::{Criterion, criterion_group, criterion_main};
use hinge::body::{Load, LoadPlace, PoseRequest, solve};
use hinge::coach::{ThresholdsFile, evaluate};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let thresholds = ThresholdsFile::builtin().default;
    let mut request = PoseRequest::default();
    request.pose.knee_deg = 20.0;
    request.pose.hip_deg = 85.0;
    request.pose.lumbar_deg = 5.0;
    request.load = Some(Load {
        mass_kg: 24.0,
        at: LoadPlace::Hands,
    });
    c.bench_function("solve_and_evaluate_one_pose", |b| {
        b.iter(|| {
            let solved = solve(black_box(&request));
            evaluate(&solved, &thresholds)
        })
    });
    c.bench_function("solve_one_pose", |b| b.iter(|| solve(black_box(&request))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
