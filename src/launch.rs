//! Launch options: what the command line (or the web page's URL query) asks
//! the app to open. Plain data, checked against the known ids.

use crate::cli::ViewOptions;
use crate::coach::Fault;
use crate::options::{CameraPreset, View};

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
    /// The load view on (`--loads`, `?loads`).
    pub loads: bool,
    /// Whether `--view` was given (or left to the saved settings).
    pub view_given: bool,
    /// Presenter colours.
    pub theme: crate::options::Theme,
    /// The lesson step to open (0-based).
    pub lesson_step: Option<usize>,
    /// A user's own model file, instead of the built-in mannequin.
    pub model: Option<std::path::PathBuf>,
    /// A learner's photo to check (the photo view).
    pub photo: Option<std::path::PathBuf>,
    /// The photo's marks, given with it (`hinge photo --out`); else the
    /// kept ones, if any.
    pub photo_marks: Option<crate::coach::photo::Marks>,
    pub shot: Option<ShotPlan>,
    /// Draw without waiting for vsync (measurements, virtual displays).
    pub no_vsync: bool,
    /// The window's size, when not the default 1280x720.
    pub window_size: Option<(u32, u32)>,
    /// The quiz to start (`--quiz`, or the one holding `--question`).
    pub quiz: Option<String>,
    /// The question to ask first.
    pub question: Option<String>,
    /// The shuffle's seed.
    pub seed: Option<u64>,
    /// Seconds on the group quiz's countdown (0 = none).
    pub countdown_s: u32,
    /// The quiz for a coach's group.
    pub group: bool,
    /// The class plan to run (presenting).
    pub plan: Option<String>,
    /// The plan's step to open (0-based).
    pub plan_step: usize,
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
        let bank = (o.quiz.is_some() || o.question.is_some()).then(crate::quiz::QuizBank::builtin);
        let mut quiz = o.quiz.clone();
        if let (Some(id), Some(bank)) = (&o.quiz, &bank)
            && bank.get(id).is_none()
        {
            let known: Vec<&str> = bank.quizzes.iter().map(|q| q.id.as_str()).collect();
            return Err(format!(
                "--quiz {id}: unknown quiz; known: {}",
                known.join(", ")
            ));
        }
        if let (Some(id), Some(bank)) = (&o.question, &bank) {
            match bank.find_question(id) {
                None => {
                    return Err(format!(
                        "--question {id}: unknown question; known: {}",
                        bank.question_ids().join(", ")
                    ));
                }
                Some((q, _)) if quiz.as_deref().is_some_and(|given| given != q.id) => {
                    return Err(format!(
                        "--question {id}: it is in quiz {}, not {}",
                        q.id,
                        quiz.unwrap_or_default()
                    ));
                }
                Some((q, _)) => quiz = Some(q.id.clone()),
            }
        }
        match (&o.plan, o.step) {
            // The plans are parsed only when asked for: they check their
            // quiz questions, which solves poses (150 ms of a web start).
            (Some(id), step) => match crate::plan::Plans::builtin().get(id) {
                None => {
                    return Err(format!(
                        "--plan {id}: unknown plan; known: {}",
                        crate::plan::Plans::builtin().ids().join(", ")
                    ));
                }
                Some(p) if step.is_some_and(|s| s as usize > p.steps.len()) => {
                    return Err(format!(
                        "--step {}: plan {id} has {} steps",
                        step.unwrap_or_default(),
                        p.steps.len()
                    ));
                }
                Some(_) => {}
            },
            (None, Some(_)) => return Err("--step: it needs --plan ID".into()),
            (None, None) => {}
        }
        let quiz_asked = quiz.is_some() || o.group;
        let check = |v: Option<f32>, range: crate::body::Range| match v {
            Some(value) if !range.contains(value) => {
                Err(crate::body::RangeError { range, value }.for_option())
            }
            _ => Ok(v),
        };
        let knee_deg = check(o.knee, crate::body::ranges::KNEE)?;
        let hip_deg = check(o.hip, crate::body::ranges::HIP)?;
        if let (Some(knee), Some(hip)) = (knee_deg, hip_deg) {
            crate::body::ranges::hip_fits_knee(knee, hip)
                .map_err(|e| format!("{} (--knee {knee})", e.for_option()))?;
        }
        let speed = match o.speed {
            None => 1.0,
            Some(s) if s.is_finite() && (0.1..=2.0).contains(&s) => s,
            Some(s) => return Err(format!("--speed {s}: outside the accepted range 0.1 to 2")),
        };
        Ok(Launch {
            // A drill on its own opens the drill library on that drill.
            lesson_step: o.lesson.map(|n| n as usize - 1),
            view_given: o.view.is_some()
                || o.drill.is_some()
                || o.lesson.is_some()
                || o.photo.is_some()
                || o.plan.is_some()
                || quiz_asked,
            theme: o.theme.unwrap_or_default(),
            view: o.view.unwrap_or(if quiz_asked {
                View::Quiz
            } else if o.photo.is_some() {
                View::Photo
            } else if o.drill.is_some() || o.lesson.is_some() {
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
            loads: o.loads,
            model: match &o.model {
                Some(path) => Some(own_model(path)?),
                None => None,
            },
            photo: match &o.photo {
                // On the web a photo is an address the page reads (and says
                // when it cannot).
                Some(path) if !cfg!(target_arch = "wasm32") && !path.is_file() => {
                    return Err(format!(
                        "--photo {}: no such file (a side photo, PNG or JPEG)",
                        path.display()
                    ));
                }
                other => other.clone(),
            },
            photo_marks: None,
            shot: None,
            no_vsync: false,
            window_size: None,
            quiz,
            question: o.question.clone(),
            seed: o.seed,
            countdown_s: o.countdown.unwrap_or(0),
            group: o.group,
            plan: o.plan.clone(),
            plan_step: o.step.map_or(0, |s| s as usize - 1),
        })
    }
}

/// The launch a web page's URL query asks for, e.g.
/// `?view=compare&drill=kettlebell-deadlift&fault=rounded_back&speed=0.5`:
/// the same options as the command line, checked the same way. A bad one
/// gives the same one-line message (naming it as `name=`).
pub fn from_query(query: &str) -> Result<Launch, String> {
    use clap::Parser;
    let args = query_args(query);
    let options = crate::cli::QueryOptions::try_parse_from(&args)
        .map_err(|e| web_names(&crate::cli::one_line_error(&e)))?;
    if options.view.model.is_some() {
        return Err(
            "model=: a browser cannot open your own model file; use the desktop app".into(),
        );
    }
    Launch::from_options(&options.view).map_err(|m| web_names(&m))
}

/// A user's model file, checked: it is there and has a humanoid the stage
/// can pose (VRM 0.x or 1.0, Mixamo, Blender or VRM node names).
fn own_model(path: &std::path::Path) -> Result<std::path::PathBuf, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "--model {}: {e} (a .vrm, .glb or .gltf humanoid)",
            path.display()
        )
    })?;
    let model = crate::mannequin::humanoid::Model::parse(&bytes)
        .map_err(|e| format!("--model {}: {e}", path.display()))?;
    crate::mannequin::humanoid::find(&model)
        .map_err(|e| format!("--model {}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

/// `a=1&b=x%20y&flag` as command-line words: `--a 1 --b "x y" --flag`. A
/// switch (`ghost`, `fullscreen`, `group`) is on when present, unless its
/// value is `0`, `false`, `no` or `off`.
pub fn query_args(query: &str) -> Vec<String> {
    const SWITCHES: [&str; 4] = ["ghost", "fullscreen", "group", "loads"];
    let mut args = Vec::new();
    for pair in query.trim_start_matches('?').split('&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = percent_decode(name);
        let value = percent_decode(value);
        if SWITCHES.contains(&name.as_str()) {
            if !matches!(
                value.to_ascii_lowercase().as_str(),
                "0" | "false" | "no" | "off"
            ) {
                args.push(format!("--{name}"));
            }
        } else {
            // `--name=value` keeps a value that starts with '-' a value.
            args.push(format!("--{name}={value}"));
        }
    }
    args
}

/// Decode `%XX` escapes and `+` (a space in a query). Bad escapes stay as
/// they are; the option's own check then names them.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Messages name options as the command line does (`--speed 5`); in a URL
/// they are `speed=5`.
fn web_names(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("--") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..end];
        let mut tail = &after[end..];
        // `--speed 5` and `--speed=5` both become `speed=5`; `'--view <VIEW>'` becomes `'view='`.
        if let Some(t) = tail.strip_prefix(' ').or_else(|| tail.strip_prefix('=')) {
            tail = t;
        }
        if let Some(t) = tail.strip_prefix('<') {
            tail = t.find('>').map_or(t, |j| &t[j + 1..]);
        }
        out.push_str(name);
        out.push('=');
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_query_gives_the_same_launch_as_the_command_line() {
        let launch =
            from_query("?view=compare&drill=kettlebell-deadlift&fault=rounded_back&speed=0.5")
                .unwrap();
        assert_eq!(launch.view, View::Compare);
        assert_eq!(launch.drill.as_deref(), Some("kettlebell-deadlift"));
        assert_eq!(launch.fault, Some(Fault::RoundedBack));
        assert_eq!(launch.speed, 0.5);
        assert!(launch.view_given);
        let plain = from_query("").unwrap();
        assert_eq!(plain, Launch::default());
        let l = from_query("camera=three-quarter&ghost&fullscreen=0&hip=-5&theme=dark").unwrap();
        assert_eq!(l.camera, CameraPreset::ThreeQuarter);
        assert!(l.ghost && !l.fullscreen);
        assert_eq!(l.hip_deg, Some(-5.0));
    }

    #[test]
    fn a_bad_url_option_is_named_with_what_it_accepts() {
        let e = from_query("view=gallery").unwrap_err();
        assert!(
            e.contains("view=") && e.contains("compare") && !e.contains("--"),
            "{e}"
        );
        let e = from_query("speed=5").unwrap_err();
        assert!(e.contains("speed=5") && e.contains("0.1 to 2"), "{e}");
        let e = from_query("drill=deadlift").unwrap_err();
        assert!(
            e.contains("drill=deadlift") && e.contains("barbell-rdl"),
            "{e}"
        );
        let e = from_query("colour=red").unwrap_err();
        assert!(e.contains("colour"), "{e}");
        assert!(from_query("model=x.glb").unwrap_err().contains("model="));
    }

    #[test]
    fn query_escapes_are_decoded() {
        assert_eq!(
            query_args("drill=barbell%2Drdl&x=a+b&bad=%zz&end=%4"),
            ["--drill=barbell-rdl", "--x=a b", "--bad=%zz", "--end=%4"]
        );
    }
}
