//! `hinge rep`: one repetition of a drill (or its faulty twin), judged frame
//! by frame and as a whole.

use super::rounded;
use crate::coach::{FaultCatalogue, ThresholdsFile};
use crate::drill::Library;
use std::io::Write;

use serde::Serialize;

use crate::cli::Failure;
use crate::cli::RepArgs;

/// The JSON of `hinge rep --json` (INTERFACES.md, second round).
#[derive(Debug, Serialize)]
pub struct RepReport {
    pub drill: String,
    pub fault: Option<&'static str>,
    pub faults: Vec<RepFaultReport>,
    pub frames: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct RepFaultReport {
    pub id: &'static str,
    pub first_at_s: f32,
    pub phase: &'static str,
}

pub fn run_rep(args: &RepArgs, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::drill::playback::{MAX_SPEED, MIN_SPEED};
    let library = Library::builtin();
    let drill = library.get(&args.drill).ok_or_else(|| {
        Failure::usage(format!(
            "--drill {}: unknown drill; known: {}",
            args.drill,
            library.ids().join(", ")
        ))
    })?;
    let fault = match args.fault.as_deref() {
        None => None,
        Some(id) => Some(crate::coach::Fault::from_id(id).ok_or_else(|| {
            let known: Vec<&str> = crate::coach::Fault::ALL.iter().map(|f| f.id()).collect();
            Failure::usage(format!(
                "--fault {id}: unknown fault; known: {}",
                known.join(", ")
            ))
        })?),
    };
    if !(args.speed.is_finite() && (MIN_SPEED..=MAX_SPEED).contains(&args.speed)) {
        return Err(Failure::usage(format!(
            "--speed {}: outside the accepted range {MIN_SPEED} to {MAX_SPEED}",
            args.speed
        )));
    }
    let file = ThresholdsFile::builtin();
    let thresholds = drill.thresholds(&file);
    let frames = drill.repetition(fault, args.speed / 30.0, &file);
    let found = crate::coach::judge(&frames, &thresholds);
    let io = |e: std::io::Error| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    };
    let round = |x: f32, step: f32| ((x / step).round() * step * 1000.0).round() / 1000.0;
    if args.json {
        let report = RepReport {
            drill: drill.id.clone(),
            fault: fault.map(|f| f.id()),
            faults: found
                .iter()
                .map(|f| RepFaultReport {
                    id: f.id.id(),
                    first_at_s: round(f.first_at_s, 0.001),
                    phase: f.phase,
                })
                .collect(),
            frames: frames
                .iter()
                .map(|f| {
                    let p = &f.solved.request.pose;
                    serde_json::json!({
                        "t_s": round(f.t_s, 0.001),
                        "phase": f.phase,
                        "knee_deg": round(p.knee_deg, 0.1),
                        "hip_deg": round(p.hip_deg, 0.1),
                        "lumbar_deg": round(p.lumbar_deg, 0.1),
                        "thoracic_deg": round(p.thoracic_deg, 0.1),
                        "neck_deg": round(p.neck_deg, 0.1),
                        "valgus_deg": round(p.valgus_deg, 0.1),
                        "holding": round(p.holding, 0.001),
                        "pattern": f.verdict.pattern.id(),
                        "faults": f.verdict.faults.iter().map(|x| x.id()).collect::<Vec<_>>(),
                        "metrics": rounded(&f.verdict.metrics),
                    })
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&report).map_err(|e| Failure {
            message: e.to_string(),
            code: 1,
        })?;
        writeln!(out, "{text}").map_err(io)?;
        return Ok(());
    }
    let catalogue = FaultCatalogue::builtin();
    let what = match fault {
        Some(f) => format!(
            "{} with the fault {}",
            drill.name,
            catalogue.get(f).name.to_lowercase()
        ),
        None => drill.name.clone(),
    };
    writeln!(
        out,
        "{what}: one repetition, {:.1} s, {} frames.",
        drill.duration_s(),
        frames.len()
    )
    .map_err(io)?;
    if found.is_empty() {
        writeln!(out, "A clean repetition: no faults.").map_err(io)?;
    }
    for f in &found {
        let info = catalogue.get(f.id);
        writeln!(
            out,
            "  - {} (from {:.1} s, {}): {}",
            info.name, f.first_at_s, f.phase, info.cue
        )
        .map_err(io)?;
    }
    Ok(())
}
