//! Launch options: what the command line (or the web page's URL query) asks
//! the app to open. Plain data, checked against the known ids.

use crate::cli::{CameraPreset, View, ViewOptions};
use crate::coach::Fault;

/// A request to render one frame and exit.
#[derive(Debug, Clone, PartialEq)]
pub struct ShotPlan {
    pub out: std::path::PathBuf,
    pub size: (u32, u32),
    /// Seconds of animation to run first.
    pub time_s: f32,
}

/// Everything the app needs to know at start.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    pub view: View,
    pub drill: Option<String>,
    pub fault: Option<Fault>,
    pub knee_deg: Option<f32>,
    pub hip_deg: Option<f32>,
    pub speed: f32,
    pub camera: CameraPreset,
    /// Whether the camera was chosen (or left to the view's default).
    pub camera_given: bool,
    pub fullscreen: bool,
    pub ghost: bool,
    /// Whether `--view` was given (or left to the saved settings).
    pub view_given: bool,
    /// Presenter colours.
    pub theme: crate::present::Theme,
    /// The lesson step to open (0-based).
    pub lesson_step: Option<usize>,
    /// A user's own model file, instead of the built-in mannequin.
    pub model: Option<std::path::PathBuf>,
    pub shot: Option<ShotPlan>,
    /// Draw without waiting for vsync (measurements, virtual displays).
    pub no_vsync: bool,
    /// The window's size, when not the default 1280x720.
    pub window_size: Option<(u32, u32)>,
}

/// What a launch with no options opens (the web page without a query, the
/// measurements): the same values the command line gives, normal speed.
impl Default for Launch {
    fn default() -> Self {
        Launch::from_options(&ViewOptions::default()).expect("no options are valid options")
    }
}

impl Launch {
    /// Check the view options; a bad one gives a one-line message naming the
    /// option and what it accepts.
    pub fn from_options(o: &ViewOptions) -> Result<Launch, String> {
        let fault = match &o.fault {
            None => None,
            Some(id) => Some(Fault::from_id(id).ok_or_else(|| {
                let known: Vec<&str> = Fault::ALL.iter().map(|f| f.id()).collect();
                format!("--fault {id}: unknown fault; known: {}", known.join(", "))
            })?),
        };
        if let Some(id) = &o.drill {
            let library = crate::drill::Library::builtin();
            if library.get(id).is_none() {
                return Err(format!(
                    "--drill {id}: unknown drill; known: {}",
                    library.ids().join(", ")
                ));
            }
        }
        let check = |name: &str, v: Option<f32>, range: crate::body::Range| match v {
            Some(x) if !range.contains(x) => Err(format!(
                "--{name} {x}: outside the accepted range {} to {}{}",
                range.min, range.max, range.unit
            )),
            _ => Ok(v),
        };
        let knee_deg = check("knee", o.knee, crate::body::ranges::KNEE)?;
        let hip_deg = check("hip", o.hip, crate::body::ranges::HIP)?;
        let speed = match o.speed {
            None => 1.0,
            Some(s) if s.is_finite() && (0.1..=2.0).contains(&s) => s,
            Some(s) => return Err(format!("--speed {s}: outside the accepted range 0.1 to 2")),
        };
        Ok(Launch {
            // A drill on its own opens the drill library on that drill.
            lesson_step: o.lesson.map(|n| n as usize - 1),
            view_given: o.view.is_some() || o.drill.is_some() || o.lesson.is_some(),
            theme: match o.theme {
                Some(crate::cli::ThemeArg::Dark) => crate::present::Theme::Dark,
                _ => crate::present::Theme::Light,
            },
            view: o
                .view
                .unwrap_or(if o.drill.is_some() || o.lesson.is_some() {
                    View::Drills
                } else {
                    View::Explore
                }),
            drill: o.drill.clone(),
            fault,
            knee_deg,
            hip_deg,
            speed,
            camera: o.camera.unwrap_or_default(),
            camera_given: o.camera.is_some(),
            fullscreen: o.fullscreen,
            ghost: o.ghost,
            model: match &o.model {
                Some(path) if !path.is_file() => {
                    return Err(format!(
                        "--model {}: no such file (a .glb humanoid with VRM or Mixamo bone names)",
                        path.display()
                    ));
                }
                other => other.clone(),
            },
            shot: None,
            no_vsync: false,
            window_size: None,
        })
    }
}
