//! The drill library: every drill loads and validates, animates through all
//! its phases with the feet planted and the balance held, and every frame of
//! it is a pose its own coach accepts; broken files are named with their line
//! while the other drills still load; playback and the first lesson behave.

use bevy::prelude::*;
use hinge::body::{Balance, Joint, solve};
use hinge::coach::{Pattern, ThresholdsFile, evaluate};
use hinge::drill::lesson::{Lesson, LessonState};
use hinge::drill::{Drill, Level, Library, PhaseKind, Playback};

/// The drill ids INTERFACES.md promises.
const PROMISED: [&str; 20] = [
    "wall-hinge",
    "dowel-hinge",
    "banded-hinge",
    "kettlebell-good-morning",
    "goblet-hinge",
    "upper-back-kettlebell-hinge",
    "pull-through",
    "chain-good-morning",
    "toes-elevated-kettlebell-good-morning",
    "banded-good-morning-bench",
    "dumbbell-rdl",
    "kettlebell-deadlift",
    "double-kettlebell-deadlift",
    "landmine-rdl",
    "cable-pull-through",
    "trap-bar-deadlift",
    "barbell-rdl",
    "good-morning",
    "sumo-deadlift",
    "conventional-deadlift",
];

fn assets() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

#[test]
fn every_promised_drill_loads_and_the_embedded_list_matches_the_folder() {
    let library = Library::builtin();
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    for id in PROMISED {
        assert!(library.get(id).is_some(), "{id} is missing");
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(assets().join("drills"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".drill.ron").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = hinge::content::builtin::DRILLS
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        on_disk, embedded,
        "content::builtin::DRILLS and assets/drills disagree"
    );
}

#[test]
fn the_library_follows_the_progression_ladder() {
    let library = Library::builtin();
    // Every rung has drills, and the list never steps down a rung.
    for level in Level::ALL {
        assert!(
            library.drills.iter().any(|d| d.level == level),
            "no drill on {level:?}"
        );
    }
    assert!(library.drills.windows(2).all(|w| w[0].level <= w[1].level));
    // Seed 004's ladder: where its named drills sit.
    let level = |id: &str| library.get(id).unwrap().level;
    assert_eq!(level("wall-hinge"), Level::Foundation);
    assert_eq!(level("chain-good-morning"), Level::Feedback);
    assert_eq!(level("kettlebell-deadlift"), Level::LoadedSkill);
    assert_eq!(level("trap-bar-deadlift"), Level::Strength);
    assert_eq!(level("conventional-deadlift"), Level::Highest);
    assert_eq!(library.drills.first().unwrap().id, "wall-hinge");
    // Every drill has a cue for each phase and says where it comes from.
    for d in &library.drills {
        let kinds: Vec<PhaseKind> = d.phases.iter().map(|p| p.kind).collect();
        for k in [
            PhaseKind::Setup,
            PhaseKind::Descent,
            PhaseKind::Hold,
            PhaseKind::Ascent,
        ] {
            assert!(kinds.contains(&k), "{}: no {k:?} phase", d.id);
        }
        assert!(d.source.contains("seed"), "{}: source {}", d.id, d.source);
    }
}

#[test]
fn every_drill_animates_with_the_feet_planted_balanced_and_correct() {
    let library = Library::builtin();
    let file = ThresholdsFile::builtin();
    let mut wrong = Vec::new();
    for d in &library.drills {
        let t = d.thresholds(&file);
        let steps = 240;
        let mut feet = None;
        let mut deepest: f32 = 0.0;
        let mut phases_seen = std::collections::BTreeSet::new();
        for i in 0..=steps {
            let time = d.duration_s() * i as f32 / steps as f32;
            let (key, phase) = d.sample(time);
            phases_seen.insert(phase);
            let solved = solve(&d.request(&key));
            let v = evaluate(&solved, &t);
            let at = format!("{} at {time:.2} s", d.id);
            assert_eq!(solved.balance, Balance::Balanced, "{at}");
            if !(matches!(v.pattern, Pattern::Hinge | Pattern::Standing) && v.faults.is_empty()) {
                wrong.push(format!(
                    "{at} (knee {:.0}, hip {:.0}): {:?} {:?}",
                    key.knee_deg, key.hip_deg, v.pattern, v.faults
                ));
            }
            // Heels on the floor, toes on it too (or on the plate under
            // them), in the same place all through.
            let raise = d.stance.forefoot_raise_m;
            let f = [Joint::HeelL, Joint::ToeL, Joint::HeelR, Joint::ToeR].map(|j| solved.joint(j));
            for (p, up) in f.iter().zip([0.0, raise, 0.0, raise]) {
                assert!((p.y - up).abs() < 1e-3, "{at}: a foot point at y={}", p.y);
            }
            match feet {
                None => feet = Some(f),
                Some(first) => {
                    for (a, b) in first.iter().zip(f) {
                        assert!(a.distance(b) < 1e-3, "{at}: the feet moved");
                    }
                }
            }
            deepest = deepest.max(key.hip_deg);
        }
        assert_eq!(
            phases_seen.len(),
            d.phases.len(),
            "{}: a phase was skipped",
            d.id
        );
        // It is a hinge drill: the hips really fold (torso towards parallel, B §1).
        assert!(deepest >= 60.0, "{}: deepest hip angle {deepest}", d.id);
    }
    assert!(
        wrong.is_empty(),
        "poses the coach would not accept:\n{}",
        wrong.join("\n")
    );
}

/// What every loaded drill promises a coach about the load in the hands,
/// sampled through the whole repetition (BIOMECHANICS.md §2b).
#[test]
fn every_loaded_drill_holds_its_load_where_a_coach_would() {
    use hinge::body::{Carry, Implement, metrics::grip_leg_gap};
    let library = Library::builtin();
    let mut checked = 0;
    for d in &library.drills {
        let Some(load) = d.load.filter(|l| l.at == hinge::body::LoadPlace::Hands) else {
            continue;
        };
        checked += 1;
        let implement = d.implement();
        let floor = implement.grip_height_on_floor_m();
        let lift = d.id.contains("deadlift") || d.id.contains("rdl");
        for i in 0..=200 {
            let time = d.duration_s() * i as f32 / 200.0;
            let (key, _) = d.sample(time);
            let s = solve(&d.request(&key));
            let at = format!("{} at {time:.2} s", d.id);
            let held = s.held.expect("a load in the hands is somewhere");
            let c = held.centre();
            // Never below the floor (5 mm for the give of rubber plates).
            if let Some(floor) = floor {
                assert!(
                    c.y > floor - 0.005,
                    "{at}: the grip at {:.3} m, below the floor",
                    c.y
                );
            }
            if !held.in_hands {
                // Waiting on the floor where the hold will pick it up.
                assert!((c.y - floor.unwrap_or(c.y)).abs() < 1e-6, "{at}");
                continue;
            }
            // The balance counts the load where the hands hold it.
            assert_eq!(s.balance, Balance::Balanced, "{at}");
            let share = load.mass_kg * key.holding;
            let counted = s.total_mass_kg - s.body.mass_kg;
            assert!(
                (counted - share).abs() < 0.01,
                "{at}: {counted} kg counted of {share}"
            );
            assert!(s.load_com.unwrap().distance(c) < 1e-4, "{at}");
            let gap = grip_leg_gap(&s).unwrap();
            if implement.carry() == Carry::FrontOfLegs {
                assert!(
                    gap > -0.002,
                    "{at}: the {} is {gap:.3} m inside the legs",
                    implement.id()
                );
                if lift {
                    assert!(
                        gap < 0.05,
                        "{at}: the {} is {gap:.3} m off the legs",
                        implement.id()
                    );
                }
            }
            // A bar or bells over the midfoot. Dumbbells ride on the front of
            // the thighs (their heads' centres 10 cm ahead at the top) and a
            // landmine's end is half carried by its pivot: both are held to
            // the legs instead.
            let midfoot_rule = !matches!(implement, Implement::Dumbbells | Implement::Landmine);
            if lift && midfoot_rule {
                assert!(
                    c.z.abs() < 0.05,
                    "{at}: the {} {:.3} m from the midfoot",
                    implement.id(),
                    c.z
                );
            }
        }
        if d.from_floor {
            let hold = d.hold_grip().unwrap();
            let floor = floor.unwrap();
            assert!(
                (hold.y - floor).abs() < 0.03,
                "{}: at the hold the grip is at {:.3}, the floor at {floor}",
                d.id,
                hold.y
            );
        }
    }
    assert!(
        checked >= 8,
        "only {checked} drills hold a load in the hands"
    );
    // The lifts from the floor are the deadlifts.
    for d in &library.drills {
        assert_eq!(d.from_floor, d.id.ends_with("deadlift"), "{}", d.id);
    }
}

#[test]
fn the_wall_drill_hands_are_on_the_ribs_and_the_back_and_the_dowel_keeps_its_three_points() {
    use hinge::body::metrics::dowel_gaps;
    let library = Library::builtin();
    let file = ThresholdsFile::builtin();
    let wall = library.get("wall-hinge").unwrap();
    let s = solve(&wall.request(&wall.hold().unwrap().to));
    let up = (s.joint(Joint::T12) - s.joint(Joint::L5S1)).normalize();
    let front = Vec3::new(0.0, -up.z, up.y);
    let grip = |j: Joint| s.joint(j) - s.joint(Joint::T12);
    assert!(
        grip(Joint::GripL).dot(front) > 0.05,
        "a hand on the ribs, in front"
    );
    assert!(
        grip(Joint::GripR).dot(front) < -0.05,
        "a hand on the lower back, behind"
    );
    for id in ["dowel-hinge", "banded-hinge"] {
        let d = library.get(id).unwrap();
        let t = d.thresholds(&file);
        for phase in &d.phases {
            let s = solve(&d.request(&phase.to));
            let v = evaluate(&s, &t);
            assert!(
                v.metrics.dowel_contact.all(),
                "{id} {:?}: {:?}",
                phase.kind,
                v.metrics.dowel_contact
            );
            // Both hands on the stick: its line runs through the upper back
            // along the thorax, its axis a dowel's radius behind the skin.
            let along = (s.joint(Joint::NeckBase) - s.joint(Joint::T6)).normalize();
            let origin = s.joint(Joint::UpperBack);
            for g in [Joint::GripL, Joint::GripR] {
                let v = s.joint(g) - origin;
                let off = (v - along * v.dot(along)).length();
                assert!(
                    off < 0.03,
                    "{id} {:?}: {g:?} {off:.3} m off the dowel",
                    phase.kind
                );
            }
            assert!(dowel_gaps(&s).iter().all(|g| g.abs() < 0.02));
        }
    }
}

#[test]
fn the_toes_elevated_drill_stands_the_forefoot_on_its_plate() {
    let library = Library::builtin();
    let d = library
        .get("toes-elevated-kettlebell-good-morning")
        .unwrap();
    let raise = d.stance.forefoot_raise_m;
    assert!(raise >= 0.02, "a plate: {raise}");
    let s = solve(&d.request(&d.hold().unwrap().to));
    for j in [Joint::BallL, Joint::ToeR] {
        assert!((s.joint(j).y - raise).abs() < 1e-4);
    }
    for j in [Joint::HeelL, Joint::HeelR] {
        assert!(s.joint(j).y.abs() < 1e-4);
    }
    assert!(
        s.foot_pitch_deg > 3.0,
        "the foot pitches up {}",
        s.foot_pitch_deg
    );
    // The same pose with flat feet leans the shins further forward: the plate
    // has used part of the ankle's bend (B §1: toes up, weight back).
    let mut flat = d.request(&d.hold().unwrap().to);
    flat.pose.forefoot_raise_m = 0.0;
    let flat = solve(&flat);
    assert!((s.shin_deg - flat.shin_deg).abs() > 0.1);
}

#[test]
fn the_lifts_are_shaped_like_the_lab_s() {
    // BIOMECHANICS.md §2, §2b: the trap bar with more knee bend and a more
    // upright trunk than the straight bar (Swinton 2011); sumo with the trunk
    // 5-10° more upright, near-vertical shins and knees over the toes
    // (Escamilla 2000); RDLs and good mornings towards parallel (seed 004).
    let library = Library::builtin();
    let file = ThresholdsFile::builtin();
    let hold = |id: &str| {
        let d = library.get(id).unwrap();
        let s = solve(&d.request(&d.hold().unwrap().to));
        let v = evaluate(&s, &d.thresholds(&file));
        (d.hold().unwrap().to, v.metrics, s)
    };
    let (conv_key, conv, conv_s) = hold("conventional-deadlift");
    let (trap_key, trap, _) = hold("trap-bar-deadlift");
    let (_, sumo, sumo_s) = hold("sumo-deadlift");
    assert!(trap_key.knee_deg > conv_key.knee_deg + 10.0);
    assert!(trap.torso_angle_deg < conv.torso_angle_deg - 5.0);
    let upright = conv.torso_angle_deg - sumo.torso_angle_deg;
    assert!(
        (5.0..=10.0).contains(&upright),
        "sumo {upright}° more upright"
    );
    assert!(sumo.shin_angle_deg < conv.shin_angle_deg && sumo.shin_angle_deg < 16.0);
    // Sumo knees out over the turned-out feet: beyond the ankles, further
    // than in the conventional stance.
    let out = |s: &hinge::body::SolvedBody| s.joint(Joint::KneeL).x - s.joint(Joint::AnkleL).x;
    assert!(
        out(&sumo_s) > 0.04 && out(&sumo_s) > out(&conv_s),
        "knees out {}",
        out(&sumo_s)
    );
    for id in ["barbell-rdl", "dumbbell-rdl", "good-morning"] {
        let (_, m, _) = hold(id);
        assert!(
            m.torso_angle_deg > 70.0,
            "{id}: torso {}",
            m.torso_angle_deg
        );
    }
}

/// The coach watching whole repetitions: each drill's correct repetition
/// has no fault, and its faulty twin for each fault it is prone to is found
/// to have that fault and ends standing like the correct figure.
#[test]
fn every_fault_is_found_in_its_own_repetition_and_none_in_the_correct_one() {
    use hinge::coach::judge;
    let library = Library::builtin();
    let file = ThresholdsFile::builtin();
    let mut covered = std::collections::BTreeSet::new();
    let mut wrong = Vec::new();
    for d in &library.drills {
        let t = d.thresholds(&file);
        let correct = judge(&d.repetition(None, 1.0 / 30.0, &file), &t);
        if !correct.is_empty() {
            wrong.push(format!("{} correct: {correct:?}", d.id));
        }
        for fault in &d.faults {
            covered.insert(*fault);
            let frames = d.repetition(Some(*fault), 1.0 / 30.0, &file);
            let found = judge(&frames, &t);
            if !found.iter().any(|f| f.id == *fault) {
                wrong.push(format!("{} {}: not found ({found:?})", d.id, fault.id()));
            }
            let end = frames.last().unwrap();
            let knee = end.solved.request.pose.knee_deg;
            if knee >= 30.0 {
                wrong.push(format!(
                    "{} {}: ends with the knee at {knee:.0}°",
                    d.id,
                    fault.id()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every fault in the catalogue is some drill's, so each is shown somewhere.
    for fault in hinge::coach::Fault::ALL {
        assert!(covered.contains(&fault), "no drill is prone to {fault:?}");
    }
}

fn drill_text(id: &str) -> String {
    std::fs::read_to_string(assets().join(format!("drills/{id}.drill.ron"))).unwrap()
}

#[test]
fn broken_drill_files_are_named_with_their_line_and_the_rest_still_load() {
    let file = ThresholdsFile::builtin();
    let good = drill_text("kettlebell-deadlift");
    // A syntax error: a missing comma between two fields.
    let syntax = good.replacen("rank:", "rank 2 rank:", 1);
    let syntax_line = syntax.lines().position(|l| l.contains("rank 2")).unwrap() + 1;
    // An unknown fault id.
    let unknown = drill_text("dumbbell-rdl").replacen("rounded_back", "hunched_back", 1);
    let unknown_line = unknown
        .lines()
        .position(|l| l.contains("hunched_back"))
        .unwrap()
        + 1;
    // An angle out of range, and a level that does not exist.
    let angle = drill_text("barbell-rdl").replacen("hip_deg:", "hip_deg: 170.0, lumbar_deg:", 1);
    let level = drill_text("good-morning").replacen("level: strength", "level: expert", 1);
    let mut files: Vec<(String, String)> = hinge::content::builtin::DRILLS
        .iter()
        .map(|(id, text)| (format!("drills/{id}.drill.ron"), text.to_string()))
        .collect();
    for (id, text) in [
        ("kettlebell-deadlift", &syntax),
        ("dumbbell-rdl", &unknown),
        ("barbell-rdl", &angle),
        ("good-morning", &level),
    ] {
        files
            .iter_mut()
            .find(|(f, _)| f.contains(&format!("/{id}.")))
            .unwrap()
            .1 = text.clone();
    }
    let library = Library::from_texts(files.iter().map(|(f, t)| (f.clone(), t.as_str())), &file);
    assert_eq!(library.drills.len(), PROMISED.len() - 4);
    assert_eq!(library.problems.len(), 4, "{:?}", library.problems);
    let text: Vec<String> = library.problems.iter().map(|p| p.to_string()).collect();
    let find = |id: &str| {
        text.iter()
            .find(|t| t.contains(id))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        find("kettlebell-deadlift")
            .contains(&format!("kettlebell-deadlift.drill.ron:{syntax_line}:")),
        "{text:?}"
    );
    let unknown_err = find("dumbbell-rdl");
    assert!(
        unknown_err.contains(&format!(":{unknown_line}:")),
        "{unknown_err}"
    );
    assert!(unknown_err.contains("hunched_back"), "{unknown_err}");
    assert!(find("barbell-rdl").contains("hip = 170"), "{text:?}");
    assert!(find("good-morning").contains("expert"), "{text:?}");
    // The others still work.
    assert!(library.get("sumo-deadlift").is_some());
}

#[test]
fn a_drill_whose_keyframe_is_faulty_is_refused() {
    let text = drill_text("barbell-rdl");
    // Round the back at the sticking point: the coach would call it out.
    let hold = text.find("kind: hold").unwrap();
    let (head, tail) = text.split_at(hold);
    let tail = tail.replacen("hip_deg:", "lumbar_deg: 40.0, hip_deg:", 1);
    let broken = format!("{head}{tail}");
    let err = Drill::parse("barbell-rdl.drill.ron", &broken, &ThresholdsFile::builtin())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rounded_back") || err.contains("stoop"),
        "{err}"
    );
    let line = broken
        .lines()
        .position(|l| l.contains("kind: hold"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("barbell-rdl.drill.ron:{line}:")),
        "{err}"
    );
}

fn a_drill() -> Drill {
    Library::builtin().get("dumbbell-rdl").unwrap().clone()
}

#[test]
fn playback_loops_holds_steps_and_scrubs() {
    let d = a_drill();
    let total = d.duration_s();
    let mut p = Playback::default();
    p.start(&d.id);
    p.advance(&d, total * 0.5);
    assert!((p.time_s - total * 0.5).abs() < 1e-4);
    // Looping wraps around; without the loop it stops at the end.
    p.advance(&d, total * 0.75);
    assert!((p.time_s - total * 0.25).abs() < 1e-3, "{}", p.time_s);
    p.looping = false;
    p.advance(&d, total);
    assert_eq!(p.time_s, total);
    assert!(!p.playing);
    p.toggle(&d);
    assert!(p.playing && p.time_s == 0.0, "play at the end restarts");
    // Hold at the sticking point: stops exactly where the hold begins.
    p.hold_at_sticking_point = true;
    p.advance(&d, total * 0.9);
    assert_eq!(p.time_s, d.hold_start_s());
    assert!(!p.playing);
    assert_eq!(d.phases[d.sample(p.time_s + 0.01).1].kind, PhaseKind::Hold);
    // Steps and scrubs pause and stay within the repetition.
    p.scrub(&d, -5.0);
    assert_eq!(p.time_s, 0.0);
    p.step(&d, -3);
    assert_eq!(p.time_s, 0.0);
    p.step(&d, 30);
    assert!((p.time_s - 1.0).abs() < 1e-4);
    p.scrub(&d, f32::NAN);
    assert_eq!(p.time_s, 0.0);
    // Speed stays within 0.1x-2x; half speed takes twice as long.
    p.set_speed(10.0);
    assert_eq!(p.speed, 2.0);
    p.set_speed(0.01);
    assert_eq!(p.speed, 0.1);
    p.set_speed(0.5);
    p.hold_at_sticking_point = false;
    p.playing = true;
    p.advance(&d, 1.0);
    assert!((p.time_s - 0.5).abs() < 1e-4);
}

#[test]
fn the_first_lesson_follows_seed_001_and_each_demo_meets_its_own_goal() {
    let library = Library::builtin();
    let lesson = Lesson::builtin(library).expect("the lesson parses");
    assert!(lesson.steps.len() >= 7);
    assert!(
        lesson
            .steps
            .iter()
            .any(|s| s.drill == "wall-hinge" && s.show.is_none())
    );
    assert!(
        lesson
            .steps
            .iter()
            .any(|s| s.drill == "dowel-hinge" && s.goal.dowel)
    );
    let file = ThresholdsFile::builtin();
    for s in &lesson.steps {
        let d = library.get(&s.drill).unwrap();
        // What the mannequin shows (its pose, or the drill's hold) passes.
        let key = s.show.unwrap_or_else(|| {
            d.phases
                .iter()
                .find(|p| p.kind == PhaseKind::Hold)
                .unwrap()
                .to
        });
        let request = d.request(&key);
        let v = evaluate(&solve(&request), &d.thresholds(&file));
        let checks = s.goal.check(&request, &v);
        assert!(checks.iter().all(|c| c.ok), "{}: {checks:?}", s.title);
        // And a toe touch does not.
        let mut bad = request;
        bad.pose.lumbar_deg = 42.0;
        bad.pose.hip_deg = 69.0;
        bad.pose.knee_deg = 0.0;
        let v = evaluate(&solve(&bad), &d.thresholds(&file));
        assert!(!s.goal.check(&bad, &v).iter().all(|c| c.ok), "{}", s.title);
    }
    // "Your turn" starts where the previous step left off, and from there the
    // learner has work to do: each step's goal is not met yet (the hold step
    // starts at depth, but asks for time).
    for (i, s) in lesson.steps.iter().enumerate() {
        let d = library.get(&s.drill).unwrap();
        let request = d.request(&lesson.start_key(i));
        let v = evaluate(&solve(&request), &d.thresholds(&file));
        let met = s.goal.check(&request, &v).iter().all(|c| c.ok);
        assert!(
            !met || s.goal.hold_s > 0.0,
            "{}: done before trying",
            s.title
        );
    }
    // Holding: the step is done only after the goal holds long enough.
    let mut state = LessonState::default();
    state.go_to(3);
    state.trying = true;
    assert!(!state.update(true, 1.0, 3.0));
    assert!(!state.update(false, 1.0, 3.0));
    assert!(!state.update(true, 2.0, 3.0));
    assert!(state.update(true, 1.5, 3.0));
    assert!(state.done);
}

#[test]
fn a_lesson_naming_an_unknown_drill_is_refused_with_its_line() {
    let (_, text) = hinge::content::builtin::LESSON;
    let broken = text.replacen("drill: \"dowel-hinge\"", "drill: \"broomstick\"", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("broomstick"))
        .unwrap()
        + 1;
    let err = Lesson::parse("lesson.ron", &broken, Library::builtin())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("lesson.ron:{line}:")), "{err}");
}

/// The app reads drills through its asset loader: with one file broken, the
/// library names it with its line and shows the built-in copy of that drill.
#[test]
fn the_app_loads_drills_through_the_asset_server_and_survives_a_broken_file() {
    let dir = std::env::temp_dir().join(format!("hinge-assets-{}", std::process::id()));
    let drills = dir.join("drills");
    std::fs::create_dir_all(&drills).unwrap();
    for (id, text) in hinge::content::builtin::DRILLS {
        let text = if *id == "landmine-rdl" {
            text.replacen("faults: [", "faults: [not_a_fault, ", 1)
        } else {
            text.to_string()
        };
        std::fs::write(drills.join(format!("{id}.drill.ron")), text).unwrap();
    }
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::asset::AssetPlugin {
            file_path: dir.to_string_lossy().into_owned(),
            ..default()
        },
    ));
    app.add_plugins(hinge::drill::assets::plugin);
    for _ in 0..2000 {
        app.update();
        // Every file loaded or failed (a failed file's built-in copy joins
        // the drills, so counting drills and problems would stop early).
        if app
            .world()
            .resource::<hinge::drill::assets::Pending>()
            .is_empty()
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let library = app.world().resource::<Library>();
    // The broken file is named with its line and problem; the class goes on
    // with the built-in copy of that drill.
    assert_eq!(
        library.drills.len(),
        PROMISED.len(),
        "{:?}",
        library.problems
    );
    assert_eq!(library.problems.len(), 1);
    let problem = library.problems[0].to_string();
    assert!(problem.contains("landmine-rdl.drill.ron:"), "{problem}");
    assert!(problem.contains("not_a_fault"), "{problem}");
    assert!(problem.contains("showing the built-in copy"), "{problem}");
    assert_eq!(
        library.get("landmine-rdl"),
        Library::builtin().get("landmine-rdl")
    );
    assert!(library.problems[0].line > 0, "{problem}");
    std::fs::remove_dir_all(&dir).ok();
}
