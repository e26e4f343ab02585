//! `hinge pose`: solve and judge one pose, in words or as JSON.

use crate::body::{Metrics, PoseRequest, solve};
use crate::coach::{FaultCatalogue, ThresholdsFile, Verdict, evaluate};
use crate::drill::Library;
use std::io::Write;

use serde::Serialize;

use crate::cli::Failure;
use crate::cli::PoseArgs;

/// The JSON of `hinge pose --json` (INTERFACES.md).
#[derive(Debug, Serialize)]
pub struct PoseReport {
    /// What was solved.
    pub pose: crate::body::pose::PoseEcho,
    pub pattern: &'static str,
    pub faults: Vec<&'static str>,
    pub cues: Vec<String>,
    /// The measures, rounded for reading (see [`rounded`]).
    pub metrics: serde_json::Value,
    /// Whether the solver could balance the pose: balanced, on_toes or on_heels.
    pub balance: crate::body::Balance,
}

impl PoseReport {
    pub fn new(request: &PoseRequest, verdict: &Verdict, catalogue: &FaultCatalogue) -> PoseReport {
        PoseReport {
            pose: round_echo(request.echo()),
            pattern: verdict.pattern.id(),
            faults: verdict.faults.iter().map(|f| f.id()).collect(),
            cues: verdict
                .faults
                .iter()
                .map(|f| catalogue.cue(*f).to_string())
                .collect(),
            metrics: rounded(&verdict.metrics),
            balance: verdict.balance,
        }
    }
}

/// The measures as JSON, rounded by unit: millimetres for `_m`, tenths of a
/// degree for `_deg`, tenths of a newton-metre for `_nm`, thousandths for shares.
pub fn rounded(m: &Metrics) -> serde_json::Value {
    let mut v = serde_json::to_value(m).unwrap_or_default();
    round_numbers(&mut v, false);
    v
}

/// Round every number of a JSON object by its key's unit; inside an object
/// whose key ends in `_nm` (the moments), every number is newton-metres.
fn round_numbers(v: &mut serde_json::Value, in_nm: bool) {
    if let Some(map) = v.as_object_mut() {
        for (key, value) in map.iter_mut() {
            let nm = in_nm || key.ends_with("_nm");
            if value.is_object() {
                round_numbers(value, nm);
                continue;
            }
            let Some(x) = value.as_f64() else { continue };
            let step = if key.ends_with("_deg") || nm {
                0.1
            } else {
                0.001
            };
            let r = (x / step).round() * step;
            // Print 0.74, not 0.7400000000000001.
            let r: f64 = format!("{r:.3}").parse().unwrap_or(r);
            let r = if r == 0.0 { 0.0 } else { r };
            *value = serde_json::json!(r);
        }
    }
}

/// The echo with its angles to tenths of a degree and its load to grams.
fn round_echo(mut e: crate::body::pose::PoseEcho) -> crate::body::pose::PoseEcho {
    let tenth = |x: f32| (x * 10.0).round() / 10.0;
    for a in [
        &mut e.knee_deg,
        &mut e.hip_deg,
        &mut e.lumbar_deg,
        &mut e.thoracic_deg,
        &mut e.neck_deg,
        &mut e.valgus_deg,
    ] {
        *a = tenth(*a);
    }
    e.load_kg = e.load_kg.map(|kg| (kg * 1000.0).round() / 1000.0);
    e.holding = (e.holding * 1000.0).round() / 1000.0;
    e
}

/// The thresholds `--drill` names in `hinge pose`: a drill id (judged by its
/// preset) or a preset of `coach/thresholds.ron`.
pub fn thresholds_for(
    file: &ThresholdsFile,
    drill: Option<&str>,
) -> Result<crate::coach::Thresholds, Failure> {
    let Some(id) = drill else {
        return Ok(file.default.clone());
    };
    let library = Library::builtin();
    if let Some(d) = library.get(id) {
        return Ok(d.thresholds(file));
    }
    file.preset(id).ok_or_else(|| {
        let mut known: Vec<&str> = library.ids();
        known.extend(file.presets.keys().map(String::as_str));
        Failure::usage(format!(
            "--drill {id}: unknown drill; known: {}",
            known.join(", ")
        ))
    })
}

pub fn run_pose(args: &PoseArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let request = args.request()?;
    let thresholds = thresholds_for(&ThresholdsFile::builtin(), args.drill.as_deref())?;
    let catalogue = FaultCatalogue::builtin();
    let solved = solve(&request);
    let verdict = evaluate(&solved, &thresholds);
    // The pose as solved: a hip left out under a deep knee bend is lifted.
    let report = PoseReport::new(&solved.request, &verdict, &catalogue);
    let io = |e: std::io::Error| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    };
    if args.json {
        let text = serde_json::to_string_pretty(&report).map_err(|e| Failure {
            message: e.to_string(),
            code: 1,
        })?;
        writeln!(out, "{text}").map_err(io)?;
    } else {
        write!(out, "{}", describe(&verdict, &report)).map_err(io)?;
    }
    Ok(())
}

/// The verdict in plain words.
pub fn describe(verdict: &Verdict, report: &PoseReport) -> String {
    use std::fmt::Write as _;
    let m = &report.metrics;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Pattern: {} - {}",
        report.pattern,
        verdict.pattern.describe()
    );
    if report.faults.is_empty() {
        let _ = writeln!(s, "Faults: none");
    } else {
        let _ = writeln!(s, "Faults:");
        for (id, cue) in report.faults.iter().zip(&report.cues) {
            let _ = writeln!(s, "  - {id}: {cue}");
        }
    }
    match verdict.balance {
        crate::body::Balance::Balanced => {}
        crate::body::Balance::OnToes => {
            let _ = writeln!(
                s,
                "Balance: cannot balance: the weight is on the toes even with the shins leaning back as far as they go."
            );
        }
        crate::body::Balance::OnHeels => {
            let _ = writeln!(
                s,
                "Balance: cannot balance: the weight is on the heels even with the shins leaning forward as far as they go."
            );
        }
    }
    // Rounded for reading, without a "-0".
    let num = |key: &str| {
        let x = m[key].as_f64().unwrap_or(f64::NAN);
        if x.abs() < 0.5 { 0.0 } else { x }
    };
    let cm = |key: &str| num(key) * 100.0;
    let _ = writeln!(
        s,
        "Shins lean {:.0}° forward of vertical; torso leans {:.0}° (90° is flat).",
        num("shin_angle_deg"),
        num("torso_angle_deg")
    );
    let _ = writeln!(
        s,
        "Hips are {:.0} cm behind the ankles and {:.0} cm off the floor.",
        cm("hip_behind_ankle_m"),
        cm("hip_height_m")
    );
    let knee = cm("knee_ahead_of_toes_m");
    if knee > 0.0 {
        let _ = writeln!(s, "Knees are {knee:.0} cm past the toes.");
    } else {
        let _ = writeln!(s, "Knees are {:.0} cm behind the toes.", (-knee).max(0.0));
    }
    let _ = writeln!(
        s,
        "Centre of mass: {:.0} cm high, {:+.1} cm from the midfoot.",
        cm("com_height_m"),
        cm("com_ahead_of_midfoot_m")
    );
    let _ = writeln!(
        s,
        "The lower back does {:.0}% of the bending; load on the lower back (L5/S1): {:.0} N·m.",
        num("lumbar_share") * 100.0,
        num("l5s1_moment_nm")
    );
    let mv = &verdict.metrics;
    if let (Some(h), Some(ahead), Some(legs)) = (
        mv.grip_height_m,
        mv.grip_ahead_of_midfoot_m,
        mv.grip_to_legs_m,
    ) {
        let legs = if legs < 0.005 {
            "against the legs".to_string()
        } else {
            format!("{:.0} cm off the legs", legs * 100.0)
        };
        let _ = writeln!(
            s,
            "What the hands hold: {:.0} cm off the floor, {:+.0} cm from the midfoot, {legs}.",
            h * 100.0,
            ahead * 100.0
        );
    }
    let d = verdict.metrics.dowel_contact;
    let yes = |b: bool| if b { "on" } else { "OFF" };
    let _ = writeln!(
        s,
        "Dowel: head {}, upper back {}, tailbone {}.",
        yes(d.head),
        yes(d.upper_back),
        yes(d.sacrum)
    );
    s
}
