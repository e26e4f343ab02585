//! The soak run: the tutor left running on its own, cycling through every
//! view, drill, fault, playback speed, lesson step, window size (down to
//! 200x150, and at twice the scale) and quiz question through
//! the same messages a learner's clicks and a coach's clicker send, while its
//! entity count, asset counts and memory are sampled once per cycle. A class
//! that leaves the tutor on for an hour must find it as it was.
//!
//! `hinge soak` runs it (README, "Reliability"); tests/soak.rs runs a short
//! one in the test command.

use bevy::prelude::*;

use crate::coach::Fault;
use crate::drill::Playback;
use crate::drill::lesson::LessonState;
use crate::input::Action;
use crate::options::{CameraPreset, ViewState};
use crate::pose::PoseControls;
use crate::stage::camera::Orbit;
use crate::views::compare::CompareSettings;
use crate::views::quiz::session::QuizCommand;

/// How long to run and how often to act.
#[derive(Debug, Clone, PartialEq)]
pub struct SoakPlan {
    /// Whole cycles to run (at least 3: one to warm up, two to compare).
    pub cycles: u32,
    /// Keep cycling until this many seconds have passed (then finish the cycle).
    pub seconds: f32,
    /// Frames drawn between two steps.
    pub frames_per_step: u32,
    /// The window's size at launch, which each cycle returns to.
    pub size: (u32, u32),
}

/// One thing a user does.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    View(ViewState),
    Pose {
        knee_deg: f32,
        hip_deg: f32,
    },
    Faults(Vec<Fault>),
    Ghost(bool),
    Drill(String),
    Speed(f32),
    Camera(CameraPreset),
    Lesson(Option<usize>),
    /// Resize the window (logical pixels) and set its scale factor: a
    /// learner shrinking it, a coach moving it to a projector.
    Window {
        width: f32,
        height: f32,
        scale: f32,
    },
    Action(Action),
    Quiz(QuizCommand),
}

/// Every step of one cycle, in order: explore with the sliders across their
/// range, compare each fault (side by side and as a ghost), every drill at
/// every speed step, the lesson's steps, the presenter's actions, and every
/// question of every quiz, solo and for a group. The cycle ends where it
/// began (the explore view, presenter off), so cycles can be compared.
pub fn script(drills: &[&str], lesson_steps: usize, quizzes: &[(String, usize)]) -> Vec<Step> {
    let mut s = vec![Step::View(ViewState::Explore)];
    // The sliders' whole range, BIOMECHANICS.md §2 (knee 0-140, hip 0-150),
    // and past it: the solver clamps.
    for (k, h) in [
        (0.0, 0.0),
        (20.0, 60.0),
        (45.0, 100.0),
        (140.0, 150.0),
        (-30.0, 400.0),
    ] {
        s.push(Step::Pose {
            knee_deg: k,
            hip_deg: h,
        });
    }
    s.push(Step::Pose {
        knee_deg: 20.0,
        hip_deg: 0.0,
    });
    // Shrunk to a corner, then on a projector at twice the scale, then back.
    for (width, height, scale) in [
        (200.0, 150.0, 1.0),
        (640.0, 360.0, 2.0),
        (800.0, 450.0, 1.0),
    ] {
        s.push(Step::Window {
            width,
            height,
            scale,
        });
    }
    s.push(Step::View(ViewState::Compare));
    for f in Fault::ALL {
        s.push(Step::Faults(vec![f]));
        s.push(Step::Ghost(true));
        s.push(Step::Ghost(false));
    }
    s.push(Step::Faults(Fault::ALL[..3].to_vec()));
    s.push(Step::Faults(vec![Fault::RoundedBack]));
    s.push(Step::View(ViewState::Drills));
    const SPEEDS: [f32; 4] = [0.1, 0.5, 1.0, 2.0];
    for (i, id) in drills.iter().enumerate() {
        s.push(Step::Drill(id.to_string()));
        s.push(Step::Speed(SPEEDS[i % SPEEDS.len()]));
        s.push(Step::Camera(CameraPreset::ALL[i % CameraPreset::ALL.len()]));
    }
    s.push(Step::Speed(1.0));
    s.push(Step::Camera(CameraPreset::Side));
    for i in 0..lesson_steps {
        s.push(Step::Lesson(Some(i)));
    }
    s.push(Step::Lesson(None));
    // The handout: three drills' sheets, one kept as a picture.
    s.push(Step::View(ViewState::Handout));
    s.push(Step::Action(Action::NextDrill));
    s.push(Step::Action(Action::SavePicture));
    s.push(Step::Action(Action::PreviousDrill));
    s.push(Step::View(ViewState::Drills));
    // The coach's clicker and keyboard, presenting.
    s.push(Step::Action(Action::TogglePresent));
    for a in [
        Action::NextDrill,
        Action::Slower,
        Action::PlayPause,
        Action::StepForward,
        Action::StepBack,
        Action::PlayPause,
        Action::Faster,
        Action::NextCamera,
        Action::ToggleOverlays,
        Action::ToggleOverlays,
        Action::ToggleHelp,
        Action::ToggleHelp,
        Action::ToggleTheme,
        Action::ToggleCompare,
        Action::NextFault,
        Action::ToggleCompare,
        Action::ToggleTheme,
        Action::PreviousDrill,
    ] {
        s.push(Step::Action(a));
    }
    s.push(Step::Action(Action::TogglePresent));
    s.push(Step::View(ViewState::Quiz));
    for (i, (quiz, questions)) in quizzes.iter().enumerate() {
        // The last quiz is run for a group on the presenter's screen.
        let group = i + 1 == quizzes.len();
        if group {
            s.push(Step::Action(Action::TogglePresent));
        }
        s.push(Step::Quiz(QuizCommand::Start {
            quiz: quiz.clone(),
            group,
        }));
        for _ in 0..*questions {
            if group {
                // The clicker: reveal, then on.
                s.push(Step::Action(Action::RevealAnswer));
                s.push(Step::Action(Action::RevealAnswer));
            } else {
                s.push(Step::Quiz(QuizCommand::Choose(0)));
                s.push(Step::Quiz(QuizCommand::Reveal));
                s.push(Step::Quiz(QuizCommand::Next));
            }
        }
        s.push(Step::Quiz(QuizCommand::Quit));
        if group {
            s.push(Step::Action(Action::TogglePresent));
        }
    }
    s.push(Step::View(ViewState::Explore));
    s
}

/// The built-in content's cycle.
pub fn builtin_script() -> Vec<Step> {
    let library = crate::drill::Library::builtin();
    let lesson_steps = crate::drill::lesson::Lesson::builtin(library)
        .map(|l| l.steps.len())
        .unwrap_or(0);
    let quizzes: Vec<(String, usize)> = crate::quiz::QuizBank::builtin()
        .quizzes
        .iter()
        .map(|q| (q.id.clone(), q.questions.len()))
        .collect();
    script(&library.ids(), lesson_steps, &quizzes)
}

/// Frames left to the window system after each resize.
const RESIZE_SETTLE_FRAMES: u32 = 20;

/// What was measured at the end of one cycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub cycle: u32,
    pub seconds: f32,
    pub frames: u64,
    pub entities: usize,
    pub meshes: usize,
    pub materials: usize,
    /// Resident memory in kB (Linux; 0 elsewhere).
    pub rss_kb: u64,
}

/// Memory may grow this much between the first cycle after warm-up and the
/// last (allocators keep freed pages, the software renderer caches): 32 MB
/// or 10 %, whichever is larger. A leak of one figure per cycle (about
/// 0.4 MB of meshes and entities) over an hour's 100 cycles is well past it.
pub const RSS_SLACK_KB: u64 = 32 * 1024;
pub const RSS_SLACK_FRACTION: f64 = 0.10;

/// Each cycle saved a picture of a handout ("Save picture"): a problem
/// when fewer are in the pictures folder.
fn pictures_missing(cycles: usize) -> Option<String> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let pictures = std::fs::read_dir(crate::ui::picture::pictures_dir()).map_or(0, |d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
                .count()
        });
        println!("soak: {pictures} picture(s) saved");
        (pictures < cycles).then(|| {
            format!("{pictures} picture(s) saved in {cycles} cycles: \"Save picture\" lost some")
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        let _ = cycles;
        None
    }
}

/// Whether the samples are flat: after the first (warm-up) cycle, every
/// cycle ends with the same entities and assets, and memory within slack of
/// the second cycle's. Returns the problems found.
pub fn judge(samples: &[Sample]) -> Vec<String> {
    let mut problems = Vec::new();
    if samples.len() < 3 {
        problems.push(format!(
            "only {} cycle(s) ran; at least 3 are needed to judge",
            samples.len()
        ));
        return problems;
    }
    let base = samples[1];
    for s in &samples[2..] {
        for (what, then, now) in [
            ("entities", base.entities, s.entities),
            ("meshes", base.meshes, s.meshes),
            ("materials", base.materials, s.materials),
        ] {
            if now != then {
                problems.push(format!(
                    "{what}: {then} after cycle {} but {now} after cycle {}",
                    base.cycle, s.cycle
                ));
            }
        }
    }
    let last = samples[samples.len() - 1];
    let allowed = RSS_SLACK_KB.max((base.rss_kb as f64 * RSS_SLACK_FRACTION) as u64);
    if last.rss_kb > base.rss_kb + allowed {
        problems.push(format!(
            "memory grew from {} MB after cycle {} to {} MB after cycle {} (allowed {} MB)",
            base.rss_kb / 1024,
            base.cycle,
            last.rss_kb / 1024,
            last.cycle,
            allowed / 1024
        ));
    }
    problems
}

/// The samples as a table, for the terminal and the README.
pub fn report(samples: &[Sample]) -> String {
    let mut out = String::from("cycle  seconds   frames  entities  meshes  materials  memory MB\n");
    for s in samples {
        out.push_str(&format!(
            "{:>5}  {:>7.1}  {:>7}  {:>8}  {:>6}  {:>9}  {:>9.1}\n",
            s.cycle,
            s.seconds,
            s.frames,
            s.entities,
            s.meshes,
            s.materials,
            s.rss_kb as f64 / 1024.0
        ));
    }
    out
}

/// Resident memory of this process in kB, from /proc (Linux).
pub fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4)
}

#[derive(Resource)]
struct Soak {
    plan: SoakPlan,
    steps: Vec<Step>,
    at: usize,
    frames: u64,
    cycle: u32,
    samples: Vec<Sample>,
    started: std::time::Instant,
    /// Frames to wait before the next step (a resize settles first).
    hold: u32,
}

/// Drive the app through the script, and exit when done: success when flat.
pub fn plugin(plan: SoakPlan) -> impl Fn(&mut App) {
    move |app: &mut App| {
        let mut steps = builtin_script();
        // Each cycle's last resize goes back to the launch's size.
        if let Some(Step::Window { width, height, .. }) = steps
            .iter_mut()
            .rev()
            .find(|s| matches!(s, Step::Window { .. }))
        {
            (*width, *height) = (plan.size.0 as f32, plan.size.1 as f32);
        }
        app.insert_resource(Soak {
            plan: plan.clone(),
            steps,
            at: 0,
            frames: 0,
            cycle: 1,
            samples: Vec::new(),
            started: std::time::Instant::now(),
            hold: 0,
        });
        app.add_systems(PreUpdate, drive.after(bevy::input::InputSystems));
    }
}

/// What a soak step moves: as a person would, through the app's own state.
#[derive(bevy::ecs::system::SystemParam)]
struct Hands<'w, 's> {
    next_view: ResMut<'w, NextState<ViewState>>,
    controls: ResMut<'w, PoseControls>,
    compare: ResMut<'w, CompareSettings>,
    playback: ResMut<'w, Playback>,
    orbit: ResMut<'w, Orbit>,
    lesson: Option<ResMut<'w, LessonState>>,
    actions: MessageWriter<'w, Action>,
    quiz: MessageWriter<'w, QuizCommand>,
    window: Query<'w, 's, &'static mut Window, With<bevy::window::PrimaryWindow>>,
}

/// What the soak counts after each cycle.
#[derive(bevy::ecs::system::SystemParam)]
struct Counts<'w, 's> {
    entities: Query<'w, 's, Entity>,
    meshes: Res<'w, Assets<Mesh>>,
    materials: Res<'w, Assets<StandardMaterial>>,
}

fn drive(
    mut soak: ResMut<Soak>,
    mut hands: Hands,
    counts: Counts,
    mut exit: MessageWriter<AppExit>,
) {
    soak.frames += 1;
    if soak.hold > 0 {
        soak.hold -= 1;
        return;
    }
    if !soak
        .frames
        .is_multiple_of(u64::from(soak.plan.frames_per_step.max(1)))
    {
        return;
    }
    if soak.at == soak.steps.len() {
        let sample = Sample {
            cycle: soak.cycle,
            seconds: soak.started.elapsed().as_secs_f32(),
            frames: soak.frames,
            entities: counts.entities.iter().count(),
            meshes: counts.meshes.len(),
            materials: counts.materials.len(),
            rss_kb: rss_kb(),
        };
        println!(
            "soak: cycle {} done at {:.0} s: {} entities, {} meshes, {} materials, {:.0} MB",
            sample.cycle,
            sample.seconds,
            sample.entities,
            sample.meshes,
            sample.materials,
            sample.rss_kb as f64 / 1024.0
        );
        soak.samples.push(sample);
        let done = soak.cycle >= soak.plan.cycles.max(3) && sample.seconds >= soak.plan.seconds;
        if done {
            print!("{}", report(&soak.samples));
            let mut problems = judge(&soak.samples);
            problems.extend(pictures_missing(soak.samples.len()));
            for p in &problems {
                println!("soak: NOT FLAT: {p}");
            }
            if problems.is_empty() {
                println!("soak: flat over {} cycles", soak.samples.len());
                exit.write(AppExit::Success);
            } else {
                exit.write(AppExit::from_code(1));
            }
            soak.at += 1;
            return;
        }
        soak.cycle += 1;
        soak.at = 0;
    }
    let Some(step) = soak.steps.get(soak.at).cloned() else {
        return;
    };
    soak.at += 1;
    if let Some(frames) = hands.take(step) {
        // The window system answers a resize a few frames later, as it
        // does when a person drags the window's edge.
        soak.hold = frames;
    }
}

impl Hands<'_, '_> {
    /// Do one step; a resize says how many frames to let it settle.
    fn take(&mut self, step: Step) -> Option<u32> {
        let Hands {
            next_view,
            controls,
            compare,
            playback,
            orbit,
            lesson,
            actions,
            quiz,
            window,
        } = self;
        match step {
            Step::View(v) => next_view.set(v),
            Step::Pose { knee_deg, hip_deg } => {
                controls.request.pose.knee_deg = knee_deg;
                controls.request.pose.hip_deg = hip_deg;
            }
            Step::Faults(f) => compare.faults = f,
            Step::Ghost(g) => compare.ghost = g,
            Step::Drill(id) => playback.start(&id),
            Step::Speed(x) => playback.set_speed(x),
            Step::Camera(c) => **orbit = Orbit::preset(c),
            Step::Lesson(step) => {
                if let Some(lesson) = lesson.as_mut() {
                    match step {
                        Some(i) => lesson.go_to(i),
                        None => **lesson = LessonState::default(),
                    }
                }
            }
            Step::Window {
                width,
                height,
                scale,
            } => {
                if let Ok(mut w) = window.single_mut() {
                    w.resolution.set_scale_factor_override(Some(scale));
                    w.resolution.set(width, height);
                }
                return Some(RESIZE_SETTLE_FRAMES);
            }
            Step::Action(a) => {
                actions.write(a);
            }
            Step::Quiz(c) => {
                quiz.write(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cycle_visits_every_drill_fault_speed_and_question() {
        let steps = builtin_script();
        for id in crate::drill::Library::builtin().ids() {
            assert!(steps.contains(&Step::Drill(id.to_string())), "{id}");
        }
        for f in Fault::ALL {
            assert!(steps.contains(&Step::Faults(vec![f])), "{f:?}");
        }
        for x in [0.1, 0.5, 1.0, 2.0] {
            assert!(steps.contains(&Step::Speed(x)));
        }
        let bank = crate::quiz::QuizBank::builtin();
        let questions: usize = bank.quizzes.iter().map(|q| q.questions.len()).sum();
        let solo_reveals = steps
            .iter()
            .filter(|s| **s == Step::Quiz(QuizCommand::Reveal))
            .count();
        let group_reveals = steps
            .iter()
            .filter(|s| **s == Step::Action(Action::RevealAnswer))
            .count();
        assert_eq!(solo_reveals + group_reveals / 2, questions);
        assert_eq!(steps.first(), steps.last(), "a cycle ends where it began");
        assert!(steps.contains(&Step::Window {
            width: 200.0,
            height: 150.0,
            scale: 1.0
        }));
    }

    fn sample(cycle: u32, entities: usize, rss_mb: u64) -> Sample {
        Sample {
            cycle,
            seconds: cycle as f32 * 10.0,
            frames: u64::from(cycle) * 100,
            entities,
            meshes: 40,
            materials: 30,
            rss_kb: rss_mb * 1024,
        }
    }

    #[test]
    fn flat_runs_pass_and_leaks_are_named() {
        let flat = [
            sample(1, 300, 400),
            sample(2, 310, 420),
            sample(3, 310, 425),
        ];
        assert!(judge(&flat).is_empty(), "{:?}", judge(&flat));
        let leaking = [
            sample(1, 300, 400),
            sample(2, 310, 420),
            sample(3, 330, 425),
        ];
        let p = judge(&leaking);
        assert!(p.len() == 1 && p[0].starts_with("entities: 310"), "{p:?}");
        let swelling = [
            sample(1, 300, 400),
            sample(2, 310, 420),
            sample(3, 310, 520),
        ];
        let p = judge(&swelling);
        assert!(p.len() == 1 && p[0].starts_with("memory grew"), "{p:?}");
        assert!(!judge(&flat[..2]).is_empty(), "two cycles cannot be judged");
    }
}
