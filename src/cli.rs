//! The `hinge` command line (INTERFACES.md): its subcommands and their
//! arguments, the view options that launch the app, and the failure a
//! command ends with. The commands themselves are in `commands`.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::body::{Load, LoadPlace, PoseRequest, RangeError, Sex, ranges};
use crate::drill::Library;
use crate::options::{CameraPreset, Theme, View};

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
    /// Render a drill's handout to a PNG: every phase's figure with its cue,
    /// the faults to watch, the equipment and the source, to print.
    Handout(HandoutArgs),
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
        /// Measure only this view. Without it (or --empty), the explore,
        /// compare and drills views and the empty scene are measured one
        /// after another and each view's share of the empty scene's rate is
        /// printed.
        #[arg(long, value_enum, conflicts_with = "empty")]
        view: Option<crate::options::View>,
        #[arg(long, default_value_t = 10.0)]
        seconds: f32,
        #[arg(long, default_value = "1280x720", value_parser = parse_size)]
        size: (u32, u32),
        /// Also time each render pass on the graphics device (timestamp
        /// queries, where the device has them) and count its shader runs,
        /// and print them, costliest first.
        #[arg(long)]
        passes: bool,
    },
    /// Render a side photo of the mannequin in a pose, with no panels or
    /// overlays, and write beside it the marks of its joints as projected
    /// to the picture's pixels (`PHOTO.hinge-marks.ron`, which the photo
    /// view reads): synthetic learners' photos (for developers and tests).
    #[command(name = "gen-photo", hide = true)]
    GenPhoto(GenPhotoArgs),
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
    /// The load view: where the work goes (hips, knees, back), on every figure.
    #[arg(long)]
    pub loads: bool,
    /// Presenter view colours: light for a bright room, dark for a dark one.
    #[arg(long, value_enum)]
    pub theme: Option<Theme>,
    /// Open the guided first lesson at this step (1 = the first).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub lesson: Option<u32>,
    /// Your own humanoid .glb (VRM or Mixamo bone names) instead of the built-in mannequin.
    #[arg(long)]
    pub model: Option<std::path::PathBuf>,
    /// "Check my hinge": open this side photo (PNG or JPEG) to mark and judge.
    #[arg(long, value_name = "FILE")]
    pub photo: Option<std::path::PathBuf>,
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
    /// Run a class plan in presenter mode (see `hinge list plans`): the
    /// clicker's next and previous walk its steps.
    #[arg(long)]
    pub plan: Option<String>,
    /// With --plan: open it at this step (1 = the first), to pick a class
    /// up where it stopped.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub step: Option<u32>,
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
pub struct GenPhotoArgs {
    /// Where to write the PNG.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Picture size, WIDTHxHEIGHT (a phone's portrait photo by default).
    #[arg(long, default_value = "900x1200", value_parser = parse_size)]
    pub size: (u32, u32),
    /// The camera's turn from side-on, degrees (a learner's photo is seldom square).
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub yaw: f32,
    /// The camera's height above the hips' level, as a pitch in degrees.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    pub pitch: f32,
    /// The camera's distance from the figure, metres.
    #[arg(long, default_value_t = 3.5)]
    pub distance: f32,
    #[command(flatten)]
    pub pose: PoseArgs,
}

#[derive(Debug, Clone, Args)]
pub struct HandoutArgs {
    /// The drill (see `hinge list drills`).
    #[arg(long)]
    pub drill: String,
    /// Where to write the PNG.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Picture size, WIDTHxHEIGHT; the default is A4 landscape at 150 dpi
    /// (it fits Letter too).
    #[arg(long, default_value = "1754x1240", value_parser = parse_size)]
    pub size: (u32, u32),
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

#[derive(Debug, Clone, Args)]
pub struct PhotoArgs {
    /// The marks, in pixels: "ankle=X,Y;knee=X,Y;hip=X,Y;shoulder=X,Y;ear=X,Y"
    /// and optionally toe, heel and low_back.
    #[arg(long)]
    pub points: String,
    /// The photo the marks are on: checks they are inside it.
    #[arg(long)]
    pub image: Option<std::path::PathBuf>,
    /// Also draw the marked photo, the verdict and the two figures (the
    /// photo view) to this PNG; needs --image.
    #[arg(long)]
    pub out: Option<std::path::PathBuf>,
    /// The picture's size with --out, WIDTHxHEIGHT.
    #[arg(long, default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
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

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Drills,
    Faults,
    Quiz,
    Plans,
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
        Failure::usage(e.for_option())
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
        // A hip given with a deep knee bend: refused, naming what it needs
        // (one left out is lifted by the solver, as the sliders lift it).
        if self.hip.is_some() {
            let knee = request.pose.knee_deg;
            ranges::hip_fits_knee(knee, request.pose.hip_deg)
                .map_err(|e| Failure::usage(format!("{} (--knee {knee})", e.for_option())))?;
        }
        Ok(request)
    }
}
