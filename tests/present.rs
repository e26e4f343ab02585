//! Presenter controls without hardware: simulated keys (a clicker sends
//! Page Up / Page Down / B / F5 / Escape) and gamepad buttons drive every
//! action, on any of several pads.

use bevy::input::gamepad::{Gamepad, GamepadButton};
use bevy::prelude::*;
use hinge::coach::Fault;
use hinge::drill::{Library, Playback};
use hinge::input::Help;
use hinge::input::{Action, BUTTONS, Device, KEYS};
use hinge::options::{Theme, ViewState};
use hinge::overlay::Overlays;
use hinge::stage::camera::Orbit;
use hinge::ui::Projection;
use hinge::views::compare::CompareSettings;

fn app() -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
    ));
    app.insert_resource(Library::builtin().clone());
    app.init_resource::<ButtonInput<KeyCode>>();
    app.add_plugins(hinge::app::headless);
    app.insert_state(ViewState::Drills);
    app.update();
    app
}

fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    app.update();
}

fn button(app: &mut App, pad: Entity, b: GamepadButton) {
    app.world_mut()
        .get_mut::<Gamepad>(pad)
        .unwrap()
        .digital_mut()
        .press(b);
    app.update();
    let mut g = app.world_mut().get_mut::<Gamepad>(pad).unwrap();
    g.digital_mut().release(b);
    g.digital_mut().clear();
    app.update();
}

fn drill(app: &App) -> Option<String> {
    app.world().resource::<Playback>().drill.clone()
}

fn view(app: &App) -> ViewState {
    *app.world().resource::<State<ViewState>>().get()
}

/// What each action changed, read back from the app.
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    drill: Option<String>,
    playing: bool,
    speed: f32,
    time: f32,
    view: ViewState,
    fault: Vec<Fault>,
    yaw: f32,
    angles: bool,
    presenting: bool,
    help: bool,
    theme: Theme,
}

fn snapshot(app: &App) -> Snapshot {
    let p = app.world().resource::<Playback>();
    let pr = app.world().resource::<Projection>();
    Snapshot {
        drill: p.drill.clone(),
        playing: p.playing,
        speed: p.speed,
        time: p.time_s,
        view: view(app),
        fault: app.world().resource::<CompareSettings>().faults.clone(),
        yaw: app.world().resource::<Orbit>().yaw_deg,
        angles: app.world().resource::<Overlays>().angles,
        presenting: pr.on,
        help: app.world().resource::<Help>().0,
        theme: pr.theme,
    }
}

/// The part of the state an action is meant to change.
fn changed_by(action: Action, before: &Snapshot, after: &Snapshot) -> bool {
    match action {
        Action::NextDrill | Action::PreviousDrill => before.drill != after.drill,
        Action::PlayPause => before.playing != after.playing,
        Action::Slower => after.speed < before.speed,
        Action::Faster => after.speed > before.speed,
        Action::StepBack | Action::StepForward => !after.playing && before.time != after.time,
        // Outside the quiz, reveal opens it (the quiz app test covers the rest).
        Action::ToggleCompare | Action::RevealAnswer => before.view != after.view,
        Action::NextFault => before.fault != after.fault,
        Action::NextCamera => before.yaw != after.yaw,
        Action::ToggleOverlays => before.angles != after.angles,
        Action::TogglePresent => before.presenting != after.presenting,
        Action::LeavePresent => before.presenting && !after.presenting,
        Action::ToggleHelp => before.help != after.help,
        Action::ToggleTheme => before.theme != after.theme,
        // No window in this app: these only need not to crash (the soak
        // saves a real picture).
        Action::ToggleFullscreen | Action::SavePicture => true,
    }
}

/// Put the app where `action` has something to change.
fn prepare(app: &mut App, action: Action) {
    let w = app.world_mut();
    match action {
        Action::LeavePresent => w.resource_mut::<Projection>().on = true,
        Action::StepBack => {
            let mut p = w.resource_mut::<Playback>();
            p.time_s = 1.0;
        }
        Action::Slower => w.resource_mut::<Playback>().speed = 1.0,
        Action::Faster => w.resource_mut::<Playback>().speed = 1.0,
        _ => {}
    }
}

#[test]
fn every_action_has_a_key_and_every_key_does_its_action() {
    for action in Action::ALL {
        let keys: Vec<KeyCode> = KEYS
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect();
        assert!(!keys.is_empty(), "{action:?} has no key");
        for key in keys {
            let mut app = app();
            prepare(&mut app, action);
            app.update();
            let before = snapshot(&app);
            press(&mut app, key);
            let after = snapshot(&app);
            assert!(
                changed_by(action, &before, &after),
                "{key:?} ({action:?}): {before:?} -> {after:?}"
            );
        }
    }
}

#[test]
fn every_gamepad_button_does_its_action_on_any_pad() {
    let mut app = app();
    let first = app.world_mut().spawn(Gamepad::default()).id();
    let second = app.world_mut().spawn(Gamepad::default()).id();
    for (i, (b, action)) in BUTTONS.iter().enumerate() {
        let pad = if i % 2 == 0 { first } else { second };
        prepare(&mut app, *action);
        app.update();
        let before = snapshot(&app);
        button(&mut app, pad, *b);
        let after = snapshot(&app);
        assert!(
            changed_by(*action, &before, &after),
            "{b:?} ({action:?}): {before:?} -> {after:?}"
        );
    }
    // A pad unplugged mid-drill: the other keeps working (back in the
    // drills: reveal opened the quiz, where next means next question).
    app.world_mut()
        .resource_mut::<NextState<ViewState>>()
        .set(ViewState::Drills);
    app.update();
    app.world_mut().despawn(first);
    let before = drill(&app);
    button(&mut app, second, GamepadButton::DPadRight);
    assert_ne!(drill(&app), before);
    assert_eq!(*app.world().resource::<Device>(), Device::Gamepad);
}

#[test]
fn a_clicker_walks_the_library_and_wraps_around() {
    let mut app = app();
    let library = Library::builtin();
    let first = library.drills.first().unwrap().id.clone();
    let last = library.drills.last().unwrap().id.clone();
    app.world_mut().resource_mut::<Playback>().start(&first);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(drill(&app).as_deref(), Some(last.as_str()));
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(drill(&app).as_deref(), Some(library.drills[1].id.as_str()));
    // F5 presents, Escape leaves.
    press(&mut app, KeyCode::F5);
    assert!(app.world().resource::<Projection>().on);
    press(&mut app, KeyCode::Escape);
    assert!(!app.world().resource::<Projection>().on);
}

#[test]
fn presenting_ends_a_lesson_in_progress() {
    let mut app = app();
    let mut lesson = hinge::drill::lesson::LessonState::default();
    lesson.go_to(2);
    lesson.trying = true;
    app.insert_resource(lesson);
    press(&mut app, KeyCode::F5);
    assert!(app.world().resource::<Projection>().on);
    assert_eq!(
        app.world()
            .resource::<hinge::drill::lesson::LessonState>()
            .step,
        None
    );
}

/// A class from a plan, run by the clicker alone: every shipped plan steps
/// from its first step to its last with Page Down, each step opening its
/// view with its drill, fault and load view (a quiz step starts the group's
/// quiz at its question), stays on the last step, and walks back with Page
/// Up. Out of presenter mode the clicker changes the drill again.
#[test]
fn the_clicker_runs_every_shipped_class_plan_to_its_end() {
    use hinge::plan::{PlanRun, Plans};
    use hinge::views::quiz::session::QuizSession;
    let plans = Plans::builtin();
    assert!(plans.problems.is_empty(), "{:?}", plans.problems);
    for plan in &plans.plans {
        let mut app = app();
        app.insert_resource(Projection {
            on: true,
            theme: Theme::Light,
        });
        app.insert_resource(PlanRun::new(plan.clone()));
        app.update();
        app.update();
        for (i, step) in plan.steps.iter().enumerate() {
            let at = format!("{} step {}", plan.id, i + 1);
            assert_eq!(app.world().resource::<PlanRun>().step, i, "{at}");
            assert_eq!(view(&app), ViewState::from(step.view), "{at}");
            if let Some(d) = &step.drill {
                assert_eq!(drill(&app).as_deref(), Some(d.as_str()), "{at}");
            }
            if let Some(f) = step.fault {
                assert_eq!(
                    app.world().resource::<CompareSettings>().faults,
                    vec![f],
                    "{at}"
                );
            }
            assert_eq!(app.world().resource::<Overlays>().loads, step.loads, "{at}");
            if let Some(k) = step.knee_deg {
                let pose = app
                    .world()
                    .resource::<hinge::pose::PoseControls>()
                    .request
                    .pose;
                assert_eq!(pose.knee_deg, k, "{at}");
            }
            if let Some(q) = &step.question {
                let session = app.world().resource::<QuizSession>();
                let run = session.run.as_ref().expect("the quiz started");
                assert!(run.group, "{at}: a class's quiz is the group's");
                let bank = hinge::quiz::QuizBank::builtin();
                let (quiz, index) = bank.find_question(q).unwrap();
                assert_eq!(run.quiz, quiz.id, "{at}");
                assert_eq!(run.current().map(|s| s.question), Some(index), "{at}");
            }
            press(&mut app, KeyCode::PageDown);
        }
        // Past the end: the last step stays, its drill too.
        let last = plan.steps.len() - 1;
        assert_eq!(app.world().resource::<PlanRun>().step, last, "{}", plan.id);
        if let Some(d) = &plan.steps[last].drill {
            press(&mut app, KeyCode::PageDown);
            assert_eq!(drill(&app).as_deref(), Some(d.as_str()), "{}", plan.id);
        }
        for _ in 0..plan.steps.len() {
            press(&mut app, KeyCode::PageUp);
        }
        assert_eq!(app.world().resource::<PlanRun>().step, 0, "{}", plan.id);
    }
    // Not presenting, the clicker moves through the drills, not the plan.
    let mut app = app();
    app.insert_resource(PlanRun::new(plans.plans[0].clone()));
    app.update();
    app.world_mut().resource_mut::<Projection>().on = false;
    app.world_mut()
        .insert_resource(NextState::Pending(ViewState::Drills));
    app.update();
    let before = drill(&app);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.world().resource::<PlanRun>().step, 0);
    assert_ne!(drill(&app), before);
}
