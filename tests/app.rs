//! The app without a window: moving a slider changes the pose, the bones and
//! the verdict, and the bones land where the body model says the joints are.

use bevy::prelude::*;
use hinge::body::Joint;
use hinge::coach::Fault;
use hinge::mannequin::generate::{rest_heads, rest_pose};
use hinge::mannequin::rig::{BONE_COUNT, Bone};
use hinge::pose::PoseControls;
use hinge::stage::figure::{CoachThresholds, Figure, FigureSpawner, MainFigure};
use hinge::stage::model::Rig;

/// An app with one figure staged as a view stages it, wearing the built-in
/// mannequin (its assets made in memory; nothing rendered).
fn app_with_a_rigged_figure() -> (App, Entity, [Entity; BONE_COUNT]) {
    use bevy::ecs::system::RunSystemOnce;
    use bevy::mesh::skinning::SkinnedMeshInverseBindposes;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::asset::AssetPlugin::default(),
        bevy::transform::TransformPlugin,
    ));
    app.init_asset::<Mesh>()
        .init_asset::<StandardMaterial>()
        .init_asset::<SkinnedMeshInverseBindposes>();
    app.add_plugins((
        hinge::stage::figure::plugin,
        hinge::stage::mannequin::plugin,
        hinge::pose::plugin,
    ));
    let figure = app
        .world_mut()
        .run_system_once(
            |mut spawner: FigureSpawner, controls: Res<PoseControls>, t: Res<CoachThresholds>| {
                let t = t.0.preset(&controls.preset).unwrap();
                let figure = Figure::new(controls.request, t);
                spawner
                    .spawn("mannequin", figure, Vec3::ZERO)
                    .insert(MainFigure)
                    .id()
            },
        )
        .unwrap();
    app.update();
    let rig = app
        .world()
        .get::<Rig>(figure)
        .expect("the built-in mannequin is rigged on the frame it is staged")
        .clone();
    let bones = rig.bones.map(|b| b.expect("every bone is found by name"));
    (app, figure, bones)
}

fn figure(app: &App, e: Entity) -> Figure {
    app.world().get::<Figure>(e).unwrap().clone()
}

#[test]
fn moving_the_knee_slider_changes_the_pose_the_bones_and_the_verdict() {
    let (mut app, fig, bones) = app_with_a_rigged_figure();
    let before = figure(&app, fig);
    assert!(
        before.verdict.is_correct_hinge(),
        "{:?}",
        before.verdict.faults
    );
    let shin_before = *app
        .world()
        .get::<Transform>(bones[Bone::LeftLowerLeg as usize])
        .unwrap();

    app.world_mut()
        .resource_mut::<PoseControls>()
        .request
        .pose
        .knee_deg = 70.0;
    app.update();

    let after = figure(&app, fig);
    assert_eq!(after.request.pose.knee_deg, 70.0);
    assert!(after.solved.shin_deg > before.solved.shin_deg + 5.0);
    assert!(
        after.verdict.has(Fault::SquattingTheHinge),
        "{:?}",
        after.verdict.faults
    );
    let shin_after = *app
        .world()
        .get::<Transform>(bones[Bone::LeftLowerLeg as usize])
        .unwrap();
    assert!(shin_before.rotation.angle_between(shin_after.rotation) > 0.5);
}

#[test]
fn the_built_in_mannequin_stands_in_its_rest_pose_with_its_two_skinned_parts() {
    use bevy::mesh::skinning::SkinnedMesh;
    let (mut app, fig, bones) = app_with_a_rigged_figure();
    let rig = app.world().get::<Rig>(fig).unwrap().clone();
    // The skeleton at rest is the generator's (the .glb's bind pose).
    let heads = rest_heads(&rest_pose());
    for bone in Bone::ALL {
        let at = rig.rest_local[bone as usize].translation;
        let want = heads[bone as usize] - bone.parent().map_or(Vec3::ZERO, |p| heads[p as usize]);
        assert!(
            at.distance(want) < 1e-6,
            "{bone:?} rests at {at}, not {want}"
        );
    }
    // The shell and the joint balls, each skinned to every bone in order.
    let mut parts = app.world_mut().query::<(
        &SkinnedMesh,
        Has<Mesh3d>,
        Has<MeshMaterial3d<StandardMaterial>>,
    )>();
    let mut n = 0;
    for (skin, mesh, material) in parts.iter(app.world()) {
        assert_eq!(skin.joints, bones.to_vec());
        assert!(mesh && material);
        n += 1;
    }
    assert_eq!(n, 2);
}

#[test]
fn the_bones_land_on_the_solved_joints() {
    let (mut app, fig, bones) = app_with_a_rigged_figure();
    for (knee, hip, lumbar) in [
        (20.0, 80.0, 0.0),
        (70.0, 40.0, 0.0),
        (5.0, 60.0, 35.0),
        (110.0, 120.0, -10.0),
    ] {
        {
            let mut c = app.world_mut().resource_mut::<PoseControls>();
            c.request.pose.knee_deg = knee;
            c.request.pose.hip_deg = hip;
            c.request.pose.lumbar_deg = lumbar;
            c.request.pose.toe_out_deg = 15.0;
            c.request.pose.stance_width_m = 0.35;
        }
        app.update();
        app.update();
        let solved = figure(&app, fig).solved;
        for (bone, joint) in [
            (Bone::Hips, Joint::Pelvis),
            (Bone::Spine, Joint::L5S1),
            (Bone::Neck, Joint::NeckBase),
            (Bone::Head, Joint::HeadBase),
            (Bone::LeftLowerLeg, Joint::KneeL),
            (Bone::RightFoot, Joint::AnkleR),
            (Bone::LeftToes, Joint::BallL),
            (Bone::RightUpperArm, Joint::ShoulderR),
            (Bone::LeftHand, Joint::WristL),
        ] {
            let at = app
                .world()
                .get::<GlobalTransform>(bones[bone as usize])
                .unwrap()
                .translation();
            let want = solved.joint(joint);
            assert!(
                at.distance(want) < 0.005,
                "{knee}/{hip}/{lumbar}: {bone:?} at {at}, {joint:?} at {want}"
            );
        }
    }
}

#[test]
fn one_slider_change_moves_every_figure_in_the_compare_view() {
    use hinge::coach::faulty_pose;
    use hinge::pose::Role;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
    ));
    app.add_plugins((hinge::stage::figure::plugin, hinge::pose::plugin));
    let controls = PoseControls::default();
    let t = CoachThresholds::default()
        .0
        .preset(&controls.preset)
        .unwrap();
    let roles = [
        Role::Correct,
        Role::Faulty(Fault::RoundedBack),
        Role::Faulty(Fault::LockedKnees),
        Role::Faulty(Fault::ChinUp),
    ];
    let figures: Vec<Entity> = roles
        .iter()
        .map(|role| {
            let request = match role {
                Role::Correct => controls.request,
                Role::Faulty(f) => faulty_pose(&controls.request, *f),
            };
            let mut e = app.world_mut().spawn((
                *role,
                Figure::new(request, t.clone()),
                Transform::default(),
            ));
            if *role == Role::Correct {
                e.insert(MainFigure);
            }
            e.id()
        })
        .collect();
    app.update();
    let before: Vec<Figure> = figures.iter().map(|e| figure(&app, *e)).collect();
    app.world_mut()
        .resource_mut::<PoseControls>()
        .request
        .pose
        .hip_deg = 100.0;
    app.update();
    for (i, e) in figures.iter().enumerate() {
        let after = figure(&app, *e);
        let moved = before[i]
            .solved
            .joint(Joint::Vertex)
            .distance(after.solved.joint(Joint::Vertex));
        assert!(
            moved > 0.05,
            "{:?} did not follow the slider ({moved} m)",
            roles[i]
        );
    }
    // Each twin still shows its own fault.
    assert!(figure(&app, figures[2]).verdict.has(Fault::LockedKnees));
    assert!(figure(&app, figures[3]).verdict.has(Fault::ChinUp));
}

/// The guided lesson in the app: in "watch" the mannequin takes the step's
/// pose; in "your turn" the sliders pose it, and the step is done once the
/// learner has held a correct pose for the step's time.
#[test]
fn the_lesson_shows_each_step_then_accepts_the_learners_pose() {
    use hinge::drill::Library;
    use hinge::drill::lesson::LessonState;
    use hinge::options::ViewState;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
    ));
    app.insert_resource(bevy::time::TimeUpdateStrategy::ManualDuration(
        std::time::Duration::from_millis(100),
    ));
    app.insert_resource(Library::builtin().clone());
    app.add_plugins(hinge::app::headless);
    app.insert_state(ViewState::Drills);
    // The drills view stages its own figure: the one the coach describes.
    app.update();
    let fig = app
        .world_mut()
        .query_filtered::<Entity, With<MainFigure>>()
        .single(app.world())
        .expect("the drills view stages one main figure");
    // "Hold it": 3 s at depth.
    let hold = hinge::drill::lesson::Lesson::builtin(Library::builtin())
        .unwrap()
        .steps
        .iter()
        .position(|s| s.title.contains("Hold"))
        .unwrap();
    let mut lesson = LessonState::default();
    lesson.go_to(hold);
    app.insert_resource(lesson);
    for _ in 0..3 {
        app.update();
    }
    let content = app
        .world()
        .resource::<hinge::views::drills::LessonContent>()
        .0
        .clone()
        .expect("the lesson loaded");
    let step = &content.steps[hold];
    assert!(step.title.contains("Hold"), "{}", step.title);
    // Watching: the mannequin shows the step's pose.
    let shown = step.show.unwrap();
    let f = figure(&app, fig);
    assert_eq!(f.request.pose.hip_deg, shown.hip_deg);
    assert_eq!(f.request.pose.knee_deg, shown.knee_deg);
    // Your turn, standing up: not accepted, however long it is held.
    app.world_mut().resource_mut::<LessonState>().trying = true;
    {
        let mut c = app.world_mut().resource_mut::<PoseControls>();
        c.request.pose.hip_deg = 5.0;
        c.request.pose.knee_deg = 15.0;
    }
    for _ in 0..50 {
        app.update();
    }
    assert!(!app.world().resource::<LessonState>().done);
    // A rounded back at the right depth: refused too.
    {
        let mut c = app.world_mut().resource_mut::<PoseControls>();
        c.request.pose.hip_deg = 70.0;
        c.request.pose.knee_deg = 20.0;
        c.request.pose.lumbar_deg = 40.0;
    }
    for _ in 0..50 {
        app.update();
    }
    assert!(!app.world().resource::<LessonState>().done);
    // The right pose: done after about three seconds of holding, not before.
    app.world_mut()
        .resource_mut::<PoseControls>()
        .request
        .pose
        .lumbar_deg = 0.0;
    for _ in 0..10 {
        app.update();
    }
    assert!(
        !app.world().resource::<LessonState>().done,
        "done before the hold time"
    );
    for _ in 0..30 {
        app.update();
    }
    assert!(app.world().resource::<LessonState>().done);
    assert_eq!(figure(&app, fig).request.pose.hip_deg, 70.0);
}

/// "Check my hinge" in the app: a photo's joints tapped one after another,
/// in the order the view asks, give the coach's verdict, and the learner's
/// figure takes the photo's pose (a rounded toe touch is called one).
#[test]
fn tapping_the_joints_on_a_photo_gives_the_verdict_and_the_pose() {
    use hinge::coach::photo::model_marks;
    use hinge::options::ViewState;
    use hinge::views::photo::{ORDER, PhotoCheck};
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
    ));
    app.add_plugins(hinge::app::headless);
    // A toe touch: knees straight, hips folded, the lower back rounded
    // (Esola 1996, BIOMECHANICS.md §2: 41.6° of lumbar flexion).
    let mut toe_touch = hinge::body::PoseRequest::default();
    toe_touch.pose.knee_deg = 2.0;
    toe_touch.pose.hip_deg = 70.0;
    toe_touch.pose.lumbar_deg = 40.0;
    let marks = model_marks(&hinge::body::solve(&toe_touch));
    app.insert_resource(PhotoCheck::of_size((1200, 1000)));
    app.insert_state(ViewState::Photo);
    app.update();
    // A side photo, 300 pixels a metre, the floor at y = 900.
    let pixel = |p: Vec2| Vec2::new(600.0 + p.x * 300.0, 900.0 + p.y * 300.0);
    let badge = |app: &mut App| {
        *app.world_mut()
            .query_filtered::<&hinge::overlay::Badge, With<MainFigure>>()
            .single(app.world())
            .unwrap()
    };
    // Before the marks, the learner's figure only stands: its label says
    // it waits for them, not "standing: no faults".
    assert_eq!(
        badge(&mut app),
        hinge::overlay::Badge::Learner {
            place: 0,
            posed: false
        }
    );
    for l in ORDER {
        let mut check = app.world_mut().resource_mut::<PhotoCheck>();
        assert_eq!(
            check.next_mark(),
            Some(l),
            "the view asks for the marks in order"
        );
        check.place(pixel(marks.get(l).expect("the model marks every landmark")));
        app.update();
    }
    let check = app.world().resource::<PhotoCheck>();
    assert_eq!(check.next_mark(), None);
    let (pose, verdict) = match &check.result {
        Some(Ok(r)) => r,
        other => panic!("no verdict: {:?}", other.as_ref().map(|r| r.as_ref().err())),
    };
    assert!(verdict.has(Fault::RoundedBack), "{:?}", verdict.faults);
    assert!(
        (pose.angles.knee_deg - 2.0).abs() < 3.0,
        "{:?}",
        pose.angles
    );
    let learner = app
        .world_mut()
        .query_filtered::<&Figure, With<MainFigure>>()
        .single(app.world())
        .unwrap()
        .clone();
    assert!(learner.verdict.has(Fault::RoundedBack));
    assert!((learner.request.pose.lumbar_deg - 40.0).abs() < 5.0);
    assert_eq!(
        badge(&mut app),
        hinge::overlay::Badge::Learner {
            place: 0,
            posed: true
        }
    );
}

/// The handout stages one figure per phase of its drill, each still in
/// the pose that phase ends in and in its own place along the strip; the
/// clicker's "next" pages to the next drill's sheet and its phases.
#[test]
fn the_handout_shows_one_figure_per_phase_and_pages_through_the_drills() {
    use hinge::drill::{Library, Playback};
    use hinge::input::Action;
    use hinge::options::ViewState;
    let library = Library::builtin();
    let mut app = handout_app("conventional-deadlift");
    let staged = |app: &mut App| {
        let mut figures: Vec<(f32, Figure)> = app
            .world_mut()
            .query::<(&Transform, &Figure)>()
            .iter(app.world())
            .map(|(t, f)| (t.translation.z, f.clone()))
            .collect();
        figures.sort_by(|a, b| a.0.total_cmp(&b.0));
        figures
    };
    let deadlift = library.get("conventional-deadlift").unwrap();
    let figures = staged(&mut app);
    assert_eq!(figures.len(), deadlift.phases.len());
    for ((z, _), (next_z, _)) in figures.iter().zip(figures.iter().skip(1)) {
        assert!(next_z - z > 1.0, "figures {z} and {next_z} overlap");
    }
    // Left to right, the end of each phase: the hips' angle says which.
    for ((_, f), phase) in figures.iter().zip(&deadlift.phases) {
        assert_eq!(f.request.pose.hip_deg, phase.to.hip_deg, "{:?}", phase.kind);
        assert_eq!(
            f.request.pose.knee_deg, phase.to.knee_deg,
            "{:?}",
            phase.kind
        );
    }
    // Every drill's sheet, paged through with "next": one figure a phase.
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..library.drills.len() {
        app.world_mut().write_message(Action::NextDrill);
        for _ in 0..3 {
            app.update();
        }
        let id = app.world().resource::<Playback>().drill.clone().unwrap();
        assert_eq!(
            staged(&mut app).len(),
            library.get(&id).unwrap().phases.len(),
            "{id}"
        );
        seen.insert(id);
    }
    assert_eq!(
        seen.len(),
        library.drills.len(),
        "some drill's sheet was skipped"
    );
    // Escape goes back to the drill it shows.
    app.world_mut().write_message(Action::LeavePresent);
    for _ in 0..2 {
        app.update();
    }
    assert_eq!(
        *app.world().resource::<State<ViewState>>().get(),
        ViewState::Drills
    );
}

/// A handout's bar stays in its lifter's hands: when the view changes
/// shape and the figures move along the strip, their props move with them
/// in the same frame (a web page resizes its canvas after the first frames,
/// and a plate once hung where its figure had stood).
#[test]
fn a_handouts_props_move_with_their_figures_in_the_same_frame() {
    use hinge::stage::props::PropPart;
    let mut app = handout_app("barbell-rdl");
    let apart = |app: &mut App| {
        let figures: std::collections::HashMap<Entity, f32> = app
            .world_mut()
            .query_filtered::<(Entity, &Transform), With<Figure>>()
            .iter(app.world())
            .map(|(e, t)| (e, t.translation.z))
            .collect();
        let parts: Vec<(Entity, f32)> = app
            .world_mut()
            .query::<(&PropPart, &Transform)>()
            .iter(app.world())
            .map(|(p, t)| (p.figure, t.translation.z))
            .collect();
        assert!(!parts.is_empty(), "the barbell RDL's sheet shows its bar");
        parts
            .iter()
            .map(|(figure, z)| (z - figures[figure]).abs())
            .fold(0.0f32, f32::max)
    };
    assert!(apart(&mut app) < 0.5, "a prop is away from its figure");
    // The sheet leaves the strip a wide band: the figures spread out.
    let before = figure_places(&mut app);
    let band = bevy_egui::egui::Rect::from_min_size(
        bevy_egui::egui::pos2(0.0, 90.0),
        bevy_egui::egui::vec2(1280.0, 260.0),
    );
    app.insert_resource(hinge::ui::ViewRect(band));
    app.update();
    let after = figure_places(&mut app);
    assert!(
        after.last().unwrap() - after[0] > before.last().unwrap() - before[0] + 1.0,
        "the figures spread along a wider strip: {before:?} -> {after:?}"
    );
    assert!(
        apart(&mut app) < 0.5,
        "after the view changed shape, a prop stayed where its figure stood"
    );
}

/// A headless app showing a drill's handout, with its props (their meshes
/// made in memory), after its first frames.
fn handout_app(drill: &str) -> App {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
        AssetPlugin::default(),
    ));
    app.init_asset::<Mesh>().init_asset::<StandardMaterial>();
    app.insert_resource(hinge::drill::Library::builtin().clone());
    let mut playback = hinge::drill::Playback::default();
    playback.start(drill);
    app.insert_resource(playback);
    app.add_plugins((hinge::app::headless, hinge::stage::props::plugin));
    app.insert_state(hinge::options::ViewState::Handout);
    for _ in 0..3 {
        app.update();
    }
    app
}

/// Where the figures stand along the strip, left to right.
fn figure_places(app: &mut App) -> Vec<f32> {
    let mut z: Vec<f32> = app
        .world_mut()
        .query_filtered::<&Transform, With<Figure>>()
        .iter(app.world())
        .map(|t| t.translation.z)
        .collect();
    z.sort_by(f32::total_cmp);
    z
}
