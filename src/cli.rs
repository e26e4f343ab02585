//! The `hinge` command line (INTERFACES.md): the headless commands, and the
//! view options that launch the app.

use std::io::Write;

use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::{Deserialize, Serialize};

use crate::body::{Load, LoadPlace, Metrics, PoseRequest, RangeError, Sex, solve};
use crate::coach::{FaultCatalogue, ThresholdsFile, Verdict, evaluate};
use crate::content::ContentError;
use crate::drill::Library;

#[derive(Debug, Parser)]
#[command(
    name = "hinge",
    version,
    about = "An interactive 3D tutor for the hip hinge"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub view: ViewOptions,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render one frame of a view to a PNG and exit.
    Shot(ShotArgs),
    /// Solve and evaluate one pose, print the verdict.
    Pose(PoseArgs),
    /// Play one repetition of a drill (or its faulty twin), judge every
    /// frame and the whole repetition, and print what a coach would say.
    Rep(RepArgs),
    /// Judge a learner's own hinge from the joints marked on a side photo.
    Photo(PhotoArgs),
    /// Print the content.
    List(ListArgs),
    /// Validate a content folder (default: the built-in assets).
    Check(CheckArgs),
    /// Leave the tutor running headless, cycling through every view, drill,
    /// fault, speed and quiz question; exit 1 unless its entity count and
    /// memory stay flat.
    Soak(SoakArgs),
    /// Measure frames per second and start-up time (for developers).
    #[command(hide = true)]
    Fps {
        /// Measure a bare Bevy + egui scene instead of the tutor.
        #[arg(long)]
        empty: bool,
        #[arg(long, default_value_t = 10.0)]
        seconds: f32,
        #[arg(long, default_value = "1280x720", value_parser = parse_size)]
        size: (u32, u32),
    },
    /// Write the built-in mannequin model (for developers).
    #[command(name = "gen-mannequin", hide = true)]
    GenMannequin {
        #[arg(long, default_value = "assets/models/mannequin.glb")]
        out: std::path::PathBuf,
    },
}

/// Options that put the app straight into a view.
#[derive(Debug, Clone, Default, Args)]
pub struct ViewOptions {
    /// The view to open.
    #[arg(long, value_enum)]
    pub view: Option<View>,
    /// A drill id (see `hinge list drills`).
    #[arg(long)]
    pub drill: Option<String>,
    /// A fault id (see `hinge list faults`).
    #[arg(long)]
    pub fault: Option<String>,
    /// Knee bend in degrees.
    #[arg(long, allow_negative_numbers = true)]
    pub knee: Option<f32>,
    /// Hip angle in degrees.
    #[arg(long, allow_negative_numbers = true)]
    pub hip: Option<f32>,
    /// Playback speed, 0.1 to 2.
    #[arg(long)]
    pub speed: Option<f32>,
    /// Camera preset.
    #[arg(long, value_enum)]
    pub camera: Option<CameraPreset>,
    /// Start in fullscreen.
    #[arg(long)]
    pub fullscreen: bool,
    /// Compare view: overlay the faulty figure on the correct one, translucent.
    #[arg(long)]
    pub ghost: bool,
    /// Presenter view colours: light for a bright room, dark for a dark one.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Open the guided first lesson at this step (1 = the first).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub lesson: Option<u32>,
    /// Your own humanoid .glb (VRM or Mixamo bone names) instead of the built-in mannequin.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
    /// Quiz view: the quiz to open (see `hinge list quiz`).
    #[arg(long)]
    pub quiz: Option<String>,
    /// Quiz view: open this question (see `hinge list quiz`).
    #[arg(long)]
    pub question: Option<String>,
    /// Quiz view: the seed of the shuffle, to repeat an order.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Quiz for a group: seconds to think before the answer may be revealed (0 = no countdown).
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=600))]
    pub countdown: Option<u32>,
    /// Quiz: one question at a time for a group, answers revealed by the coach.
    #[arg(long)]
    pub group: bool,
}

/// The view options on their own, as a web page's URL query gives them.
#[derive(Debug, Parser)]
#[command(name = "hinge", no_binary_name = true, disable_help_flag = true)]
pub struct QueryOptions {
    #[command(flatten)]
    pub view: ViewOptions,
}

/// A command-line error on one line: the option and what it accepts (clap
/// puts the accepted values on a line of their own; join them up).
pub fn one_line_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
        })
        .collect();
    lines.join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    #[default]
    Explore,
    Compare,
    Drills,
    Quiz,
    Present,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ThemeArg {
    #[default]
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CameraPreset {
    #[default]
    Side,
    Front,
    ThreeQuarter,
    Top,
}

impl CameraPreset {
    pub const ALL: [CameraPreset; 4] = [
        CameraPreset::Side,
        CameraPreset::Front,
        CameraPreset::ThreeQuarter,
        CameraPreset::Top,
    ];
}

#[derive(Debug, Clone, Args)]
pub struct ShotArgs {
    /// Where to write the PNG.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Image size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Seconds of animation to run before the shot.
    #[arg(long, default_value_t = 0.0)]
    pub time: f32,
    #[command(flatten)]
    pub view: ViewOptions,
}

#[derive(Debug, Clone, Args)]
pub struct SoakArgs {
    /// Whole cycles to run (at least 3: one warms up, two are compared).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(3..))]
    pub cycles: u32,
    /// Keep cycling for at least this many minutes.
    #[arg(long, default_value_t = 0.0)]
    pub minutes: f32,
    /// Window size, WIDTHxHEIGHT.
    #[arg(long, default_value = "800x450", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Frames drawn between two steps.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub frames_per_step: u32,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("expected WIDTHxHEIGHT between 64x64 and 7680x4320, got `{s}`");
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(64..=7680).contains(&w) || !(64..=4320).contains(&h) {
        return Err(bad());
    }
    Ok((w, h))
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SexArg {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LoadAtArg {
    Front,
    Back,
    Hands,
    OverheadBack,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PhaseArg {
    Setup,
    Descent,
    Hold,
    Ascent,
}

impl PhaseArg {
    pub fn kind(self) -> crate::drill::PhaseKind {
        use crate::drill::PhaseKind;
        match self {
            PhaseArg::Setup => PhaseKind::Setup,
            PhaseArg::Descent => PhaseKind::Descent,
            PhaseArg::Hold => PhaseKind::Hold,
            PhaseArg::Ascent => PhaseKind::Ascent,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct PoseArgs {
    /// Knee flexion, degrees (0 straight).
    #[arg(long, allow_negative_numbers = true)]
    pub knee: Option<f32>,
    /// Hip flexion, degrees (0 upright).
    #[arg(long, allow_negative_numbers = true)]
    pub hip: Option<f32>,
    /// Lumbar flexion, degrees (negative arches).
    #[arg(long, allow_negative_numbers = true)]
    pub lumbar: Option<f32>,
    /// Thoracic flexion, degrees.
    #[arg(long, allow_negative_numbers = true)]
    pub thoracic: Option<f32>,
    /// Neck flexion, degrees (negative is chin up).
    #[arg(long, allow_negative_numbers = true)]
    pub neck: Option<f32>,
    /// Knee valgus, degrees (knees caving in).
    #[arg(long, allow_negative_numbers = true)]
    pub valgus: Option<f32>,
    /// With --drill: the drill's own pose at the end of this phase (its
    /// stance, arms, props and load); angle options override its angles.
    #[arg(long, value_enum)]
    pub phase: Option<PhaseArg>,
    /// Stature in metres.
    #[arg(long, default_value_t = 1.75, allow_negative_numbers = true)]
    pub stature: f32,
    #[arg(long, value_enum, default_value = "male")]
    pub sex: SexArg,
    /// External load in kilograms.
    #[arg(long, allow_negative_numbers = true)]
    pub load_kg: Option<f32>,
    /// Where the load is held.
    #[arg(long, value_enum)]
    pub load_at: Option<LoadAtArg>,
    /// Evaluate with this drill's thresholds.
    #[arg(long)]
    pub drill: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct RepArgs {
    /// The drill (see `hinge list drills`).
    #[arg(long)]
    pub drill: String,
    /// Play its faulty twin with this fault (see `hinge list faults`).
    #[arg(long)]
    pub fault: Option<String>,
    /// Playback speed, 0.1 to 2: the frames are 1/30 s of playback apart.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f32,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

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

#[derive(Debug, Clone, Args)]
pub struct PhotoArgs {
    /// The marks, in pixels: "ankle=X,Y;knee=X,Y;hip=X,Y;shoulder=X,Y;ear=X,Y"
    /// and optionally toe, heel and low_back.
    #[arg(long)]
    pub points: String,
    /// The photo the marks are on: checks they are inside it.
    #[arg(long)]
    pub image: Option<std::path::PathBuf>,
    /// Judge with this drill's thresholds (and its load).
    #[arg(long)]
    pub drill: Option<String>,
    /// The learner's stature in metres.
    #[arg(long, default_value_t = 1.75)]
    pub stature: f32,
    #[arg(long, value_enum, default_value = "male")]
    pub sex: SexArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// The largest photo the tutor reads: a phone's 48-megapixel picture.
pub const MAX_PHOTO_PIXELS: u64 = 50_000_000;

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
        if u64::from(w) * u64::from(h) > MAX_PHOTO_PIXELS {
            return Err(bad(format!(
                "{w}x{h} is too big: at most {} megapixels",
                MAX_PHOTO_PIXELS / 1_000_000
            )));
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
    writeln!(out, "(Angles hold only for a photo taken side-on.)").map_err(io)?;
    Ok(())
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Drills,
    Faults,
    Quiz,
}

#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    #[arg(value_enum)]
    pub what: ListWhat,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// A content folder laid out like `assets/`.
    pub dir: Option<std::path::PathBuf>,
}

/// A failure of a headless command: the message, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    /// A bad option: exit code 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

impl From<RangeError> for Failure {
    fn from(e: RangeError) -> Self {
        let r = e.range;
        Failure::usage(format!(
            "--{} {}: outside the accepted range {} to {}{}",
            r.name, e.value, r.min, r.max, r.unit
        ))
    }
}

impl PoseArgs {
    /// The drill's own request at the end of `--phase`, when both are given.
    fn phase_request(&self) -> Result<Option<PoseRequest>, Failure> {
        let Some(phase) = self.phase else {
            return Ok(None);
        };
        let library = Library::builtin();
        let Some(id) = self.drill.as_deref() else {
            return Err(Failure::usage(
                "--phase needs --drill ID: the phase of which drill",
            ));
        };
        let Some(drill) = library.get(id) else {
            return Err(Failure::usage(format!(
                "--drill {id}: unknown drill (--phase takes a drill, not a thresholds preset); known: {}",
                library.ids().join(", ")
            )));
        };
        let kind = phase.kind();
        let Some(end) = drill.phase_end(kind) else {
            return Err(Failure::usage(format!(
                "--phase {}: drill {id} has no such phase",
                kind.id()
            )));
        };
        Ok(Some(drill.request(&end.to)))
    }

    pub fn request(&self) -> Result<PoseRequest, Failure> {
        let mut request = self.phase_request()?.unwrap_or_default();
        request.stature_m = self.stature;
        request.sex = match self.sex {
            SexArg::Male => Sex::Male,
            SexArg::Female => Sex::Female,
        };
        let p = &mut request.pose;
        for (given, angle) in [
            (self.knee, &mut p.knee_deg),
            (self.hip, &mut p.hip_deg),
            (self.lumbar, &mut p.lumbar_deg),
            (self.thoracic, &mut p.thoracic_deg),
            (self.neck, &mut p.neck_deg),
            (self.valgus, &mut p.valgus_deg),
        ] {
            if let Some(v) = given {
                *angle = v;
            }
        }
        request.load = match (self.load_kg, self.load_at, request.load) {
            (None, None, drill_load) => drill_load,
            // The drill's load, heavier or lighter.
            (Some(kg), None, Some(l)) => Some(Load { mass_kg: kg, ..l }),
            (kg, at, _) => {
                let at = match at.unwrap_or(LoadAtArg::Hands) {
                    LoadAtArg::Front => LoadPlace::Front,
                    LoadAtArg::Back => LoadPlace::Back,
                    LoadAtArg::Hands => LoadPlace::Hands,
                    LoadAtArg::OverheadBack => LoadPlace::OverheadBack,
                };
                Some(Load {
                    mass_kg: kg.unwrap_or(16.0),
                    at,
                    implement: Default::default(),
                })
            }
        };
        request.validate()?;
        Ok(request)
    }
}

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
    let report = PoseReport::new(&request, &verdict, &catalogue);
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

/// Load and validate a content folder; every error found, not just the first.
pub fn check_content(dir: Option<&std::path::Path>) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let read = |rel: &str, builtin: &str| -> Result<String, ContentError> {
        match dir {
            None => Ok(builtin.to_string()),
            Some(d) => std::fs::read_to_string(d.join(rel)).map_err(|e| {
                ContentError::whole_file(d.join(rel).display(), format!("cannot read: {e}"))
            }),
        }
    };
    let name = |rel: &str| match dir {
        None => rel.to_string(),
        Some(d) => d.join(rel).display().to_string(),
    };
    let (file, text) = crate::content::builtin::FAULTS;
    match read(file, text) {
        Ok(t) => {
            if let Err(e) = FaultCatalogue::parse(&name(file), &t) {
                errors.push(e);
            }
        }
        Err(e) => errors.push(e),
    }
    let (file, text) = crate::content::builtin::THRESHOLDS;
    let mut thresholds = ThresholdsFile::builtin();
    match read(file, text) {
        Ok(t) => match ThresholdsFile::parse(&name(file), &t) {
            Ok(parsed) => thresholds = parsed,
            Err(e) => errors.push(e),
        },
        Err(e) => errors.push(e),
    }
    let library = match dir {
        None => Library::builtin().clone(),
        Some(d) => {
            let folder = d.join("drills");
            let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(&folder) {
                Ok(entries) => entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.to_string_lossy().ends_with(".drill.ron"))
                    .collect(),
                Err(e) => {
                    errors.push(ContentError::whole_file(
                        folder.display(),
                        format!("cannot read the drills folder: {e}"),
                    ));
                    Vec::new()
                }
            };
            files.sort();
            let mut texts = Vec::new();
            for path in files {
                match std::fs::read_to_string(&path) {
                    Ok(t) => texts.push((path.display().to_string(), t)),
                    Err(e) => errors.push(ContentError::whole_file(
                        path.display(),
                        format!("cannot read: {e}"),
                    )),
                }
            }
            Library::from_texts(
                texts.iter().map(|(f, t)| (f.clone(), t.as_str())),
                &thresholds,
            )
        }
    };
    let quiz_files: Vec<(String, String)> = match dir {
        None => crate::content::builtin::QUIZZES
            .iter()
            .map(|(id, text)| (format!("quiz/{id}.quiz.ron"), text.to_string()))
            .collect(),
        Some(d) => {
            let folder = d.join("quiz");
            let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.to_string_lossy().ends_with(".quiz.ron"))
                        .collect()
                })
                .unwrap_or_default();
            paths.sort();
            paths
                .into_iter()
                .filter_map(|path| match std::fs::read_to_string(&path) {
                    Ok(t) => Some((path.display().to_string(), t)),
                    Err(e) => {
                        errors.push(ContentError::whole_file(
                            path.display(),
                            format!("cannot read: {e}"),
                        ));
                        None
                    }
                })
                .collect()
        }
    };
    let bank = crate::quiz::QuizBank::from_texts(
        quiz_files.iter().map(|(f, t)| (f.clone(), t.as_str())),
        &library,
        &thresholds,
    );
    errors.extend(library.problems);
    errors.extend(bank.problems);
    errors
}

pub fn run_list(args: &ListArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    };
    match args.what {
        ListWhat::Faults => {
            let catalogue = FaultCatalogue::builtin();
            if args.json {
                let text =
                    serde_json::to_string_pretty(&catalogue.faults).map_err(|e| Failure {
                        message: e.to_string(),
                        code: 1,
                    })?;
                writeln!(out, "{text}").map_err(io)?;
            } else {
                for f in &catalogue.faults {
                    writeln!(out, "{:<22} {}: {}", f.id.id(), f.name, f.cue).map_err(io)?;
                }
            }
            Ok(())
        }
        ListWhat::Drills => {
            let library = Library::builtin();
            if args.json {
                let text = serde_json::to_string_pretty(&library.drills).map_err(|e| Failure {
                    message: e.to_string(),
                    code: 1,
                })?;
                writeln!(out, "{text}").map_err(io)?;
            } else {
                let mut level = None;
                for d in &library.drills {
                    if level != Some(d.level) {
                        level = Some(d.level);
                        writeln!(out, "{}", d.level.name()).map_err(io)?;
                    }
                    writeln!(out, "  {:<40} {}", d.id, d.summary).map_err(io)?;
                }
            }
            Ok(())
        }
        ListWhat::Quiz => {
            let bank = crate::quiz::QuizBank::builtin();
            let library = Library::builtin();
            let catalogue = FaultCatalogue::builtin();
            if args.json {
                let quizzes: Vec<serde_json::Value> = bank
                    .quizzes
                    .iter()
                    .map(|quiz| {
                        let questions: Vec<serde_json::Value> = quiz
                            .questions
                            .iter()
                            .map(|q| {
                                serde_json::json!({
                                    "id": q.id,
                                    "kind": q.ask.kind(),
                                    "prompt": q.prompt(library, &catalogue),
                                    "drills": q.ask.drills(),
                                    "fault": q.ask.fault().map(|f| f.id()),
                                    "ask": q.ask,
                                    "explanation": q.explanation,
                                    "source": q.source,
                                })
                            })
                            .collect();
                        serde_json::json!({
                            "id": quiz.id,
                            "title": quiz.title,
                            "summary": quiz.summary,
                            "questions": questions,
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&quizzes).map_err(|e| Failure {
                    message: e.to_string(),
                    code: 1,
                })?;
                writeln!(out, "{text}").map_err(io)?;
            } else {
                for quiz in &bank.quizzes {
                    writeln!(out, "{} ({}): {}", quiz.title, quiz.id, quiz.summary).map_err(io)?;
                    for q in &quiz.questions {
                        writeln!(
                            out,
                            "  {:<40} {:<22} {}",
                            q.id,
                            q.ask.kind().name(),
                            q.prompt(library, &catalogue)
                        )
                        .map_err(io)?;
                    }
                }
            }
            for p in &bank.problems {
                eprintln!("{p}");
            }
            Ok(())
        }
    }
}
