//! `hinge photo`: the coach's verdict on a learner's side photo, from the
//! joints marked on it.

use super::{PoseReport, describe, thresholds_for};
use crate::body::{PoseRequest, Sex};
use crate::cli::SexArg;
use crate::coach::{FaultCatalogue, ThresholdsFile};
use crate::drill::Library;
use std::io::Write;

use crate::cli::Failure;
use crate::cli::PhotoArgs;

/// The size of a photo from its header, or why it cannot be used.
pub fn photo_size(path: &std::path::Path) -> Result<(u32, u32), Failure> {
    let bad = |why: String| Failure {
        message: format!("--image {}: {why}", path.display()),
        code: 1,
    };
    #[cfg(not(target_arch = "wasm32"))]
    {
        let reader = image::ImageReader::open(path)
            .map_err(|e| bad(format!("cannot read it ({e})")))?
            .with_guessed_format()
            .map_err(|e| bad(format!("cannot read it ({e})")))?;
        if reader.format().is_none() {
            return Err(bad("not a picture the tutor reads (PNG or JPEG)".into()));
        }
        let (w, h) = reader
            .into_dimensions()
            .map_err(|e| bad(format!("not a readable picture ({e})")))?;
        if let Some(why) = crate::coach::photo::size_problem(w, h) {
            return Err(bad(why));
        }
        Ok((w, h))
    }
    #[cfg(target_arch = "wasm32")]
    Err(bad("photos are read by the page on the web".into()))
}

pub fn run_photo(args: &PhotoArgs, out: &mut dyn Write) -> Result<(), Failure> {
    use crate::coach::photo::{Marks, fit, verdict};
    let marks = Marks::parse(&args.points).map_err(|e| Failure::usage(format!("--points: {e}")))?;
    let picture = match &args.image {
        Some(path) => Some(photo_size(path)?),
        None => None,
    };
    let problems = marks.problems(picture.map(|(w, h)| (w as f32, h as f32)));
    if !problems.is_empty() {
        return Err(Failure::usage(format!("--points: {}", problems.join("; "))));
    }
    let file = ThresholdsFile::builtin();
    let thresholds = thresholds_for(&file, args.drill.as_deref())?;
    let mut base = PoseRequest {
        stature_m: args.stature,
        sex: match args.sex {
            SexArg::Male => Sex::Male,
            SexArg::Female => Sex::Female,
        },
        ..PoseRequest::default()
    };
    if let Some(d) = args
        .drill
        .as_deref()
        .and_then(|id| Library::builtin().get(id))
    {
        d.equip(&mut base);
    }
    base.validate()?;
    let fitted =
        fit(&marks, &base).map_err(|e| Failure::usage(format!("--points: {}", e.join("; "))))?;
    let v = verdict(&fitted, &marks, &thresholds);
    let caveat = crate::coach::photo::caveat(&v);
    let catalogue = FaultCatalogue::builtin();
    let report = PoseReport::new(&fitted.request, &v, &catalogue);
    let io = |e: std::io::Error| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    };
    let a = fitted.angles;
    let tenth = |x: f32| (x * 10.0).round() / 10.0;
    if args.json {
        let mut json = serde_json::to_value(&report).map_err(|e| Failure {
            message: e.to_string(),
            code: 1,
        })?;
        json["angles"] = serde_json::json!({
            "knee_deg": tenth(a.knee_deg),
            "hip_deg": tenth(a.hip_trunk_deg),
            "shin_deg": tenth(a.shin_deg),
            "trunk_deg": tenth(a.trunk_deg),
            "neck_deg": a.neck_deg.map(tenth),
            "low_back_deg": a.low_back_bend_deg.map(tenth),
        });
        json["not_judged"] = serde_json::json!(fitted.not_judged);
        json["caveat"] = serde_json::json!(caveat);
        let text = serde_json::to_string_pretty(&json).map_err(|e| Failure {
            message: e.to_string(),
            code: 1,
        })?;
        writeln!(out, "{text}").map_err(io)?;
        return Ok(());
    }
    writeln!(
        out,
        "From the photo: knee {:.0}°, hip {:.0}°, shin {:.0}° and trunk {:.0}° from vertical.",
        a.knee_deg, a.hip_trunk_deg, a.shin_deg, a.trunk_deg
    )
    .map_err(io)?;
    write!(out, "{}", describe(&v, &report)).map_err(io)?;
    for n in &fitted.not_judged {
        writeln!(out, "Not judged: {n}.").map_err(io)?;
    }
    if let Some(c) = caveat {
        writeln!(out, "Note: {c}.").map_err(io)?;
    }
    writeln!(out, "(Angles hold only for a photo taken side-on.)").map_err(io)?;
    Ok(())
}
