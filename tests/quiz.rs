//! The quiz: its content (every kind, fault and level covered, each
//! question checked against the coach), the logic of a run (seeded shuffle,
//! scoring, misses, best scores), and a whole quiz played in the app with
//! simulated keys.

use std::collections::BTreeSet;

use bevy::prelude::*;
use hinge::coach::{Fault, ThresholdsFile};
use hinge::drill::{Level, Library};
use hinge::quiz::{Answer, Ask, Kind, Quiz, QuizBank, QuizRun, Scores};
use hinge::views::quiz::session::{QuizCommand, QuizSession};

fn bank() -> QuizBank {
    let bank = QuizBank::builtin().clone();
    assert!(bank.problems.is_empty(), "{:?}", bank.problems);
    bank
}

#[test]
fn the_bank_has_50_questions_over_every_kind_fault_and_level() {
    let bank = bank();
    let questions: Vec<_> = bank.quizzes.iter().flat_map(|q| &q.questions).collect();
    assert!(questions.len() >= 50, "{} questions", questions.len());
    for kind in Kind::ALL {
        let n = questions.iter().filter(|q| q.ask.kind() == kind).count();
        assert!(n >= 5, "{kind:?}: only {n} questions");
    }
    for fault in Fault::ALL {
        let n = questions
            .iter()
            .filter(|q| q.ask.fault() == Some(fault))
            .count();
        assert!(n >= 2, "{fault:?}: only {n} questions");
    }
    let library = Library::builtin();
    let levels: BTreeSet<Level> = questions
        .iter()
        .filter(|q| q.ask.kind() != Kind::Order)
        .flat_map(|q| q.ask.drills())
        .map(|id| library.get(id).unwrap().level)
        .collect();
    assert_eq!(
        levels.len(),
        Level::ALL.len(),
        "levels asked about: {levels:?}"
    );
    // No prompt gives its answer away (the loader refuses one that does; this
    // checks the shipped questions the same way a learner reads them).
    let catalogue = hinge::coach::FaultCatalogue::builtin();
    for q in &questions {
        let prompt = q.prompt(library, &catalogue).to_lowercase();
        for answer in q.answer_texts(&catalogue) {
            assert!(
                !prompt.contains(&answer.to_lowercase()),
                "{}: the prompt says `{answer}`",
                q.id
            );
        }
        if let Some(f) = q.ask.fault() {
            assert!(!prompt.contains(&f.id().replace('_', " ")), "{}", q.id);
        }
    }
    for q in &questions {
        assert!(q.explanation.len() > 40, "{}: explanation too short", q.id);
        assert!(
            q.source.contains("seed") || q.source.contains("BIOMECHANICS"),
            "{}: source `{}` names no seed or BIOMECHANICS section",
            q.id,
            q.source
        );
    }
}

#[test]
fn the_embedded_list_matches_the_quiz_folder() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/quiz");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".quiz.ron").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = hinge::content::builtin::QUIZZES
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

/// A copy of a quiz file with one change, parsed on its own.
fn parse_changed(from: &str, to: &str) -> Result<Quiz, hinge::content::ContentError> {
    let (id, text) = hinge::content::builtin::QUIZZES[0];
    assert!(text.contains(from), "`{from}` is not in {id}");
    let changed = text.replacen(from, to, 1);
    Quiz::parse(
        &format!("quiz/{id}.quiz.ron"),
        &changed,
        Library::builtin(),
        &ThresholdsFile::builtin(),
    )
}

#[test]
fn a_broken_quiz_file_is_named_with_its_line_and_the_others_still_load() {
    let (id, text) = hinge::content::builtin::QUIZZES[0];
    // A syntax error: a missing closing bracket after the first question.
    let broken = text.replacen("explanation:", "explanation: (", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("explanation: ("))
        .unwrap()
        + 1;
    let files = hinge::content::builtin::QUIZZES
        .iter()
        .map(|(i, t)| {
            let t = if *i == id { broken.as_str() } else { *t };
            (format!("quiz/{i}.quiz.ron"), t)
        })
        .collect::<Vec<_>>();
    let bank = QuizBank::from_texts(files, Library::builtin(), &ThresholdsFile::builtin());
    assert_eq!(bank.problems.len(), 1, "{:?}", bank.problems);
    let p = bank.problems[0].to_string();
    assert!(p.starts_with(&format!("quiz/{id}.quiz.ron:")), "{p}");
    assert!(
        bank.problems[0].line >= line,
        "{p} (error after line {line})"
    );
    assert_eq!(
        bank.quizzes.len(),
        hinge::content::builtin::QUIZZES.len() - 1
    );
}

/// A one-question quiz around `ask`, written as RON and parsed.
fn parse_one(ask: Ask) -> Result<Quiz, hinge::content::ContentError> {
    parse_one_asking(ask, None)
}

fn parse_one_asking(ask: Ask, prompt: Option<&str>) -> Result<Quiz, hinge::content::ContentError> {
    let quiz = Quiz {
        id: "one".into(),
        title: "One".into(),
        summary: "One question.".into(),
        questions: vec![hinge::quiz::Question {
            id: "the-question".into(),
            ask,
            prompt: prompt.map(str::to_string),
            explanation: "Because.".into(),
            source: "seed 001".into(),
        }],
    };
    let text = ron::ser::to_string_pretty(&quiz, Default::default()).unwrap();
    Quiz::parse(
        "quiz/one.quiz.ron",
        &text,
        Library::builtin(),
        &ThresholdsFile::builtin(),
    )
}

#[test]
fn questions_that_would_mislead_are_refused_with_their_line() {
    let bank = bank();
    let quiz = &bank.quizzes[0];
    // An unknown drill.
    let some_drill = quiz.questions[0].ask.drill().to_string();
    let e = parse_changed(&format!("\"{some_drill}\""), "\"deadlift-9000\"").unwrap_err();
    assert!(e.message.contains("deadlift-9000") && e.line > 0, "{e}");
    // Two questions with one id.
    let first = &quiz.questions[0].id;
    let second = &quiz.questions[1].id;
    let e = parse_changed(&format!("\"{second}\""), &format!("\"{first}\"")).unwrap_err();
    assert!(e.message.contains("earlier"), "{e}");
    // A well-formed question loads ...
    parse_one(Ask::SpotFault {
        drill: "barbell-rdl".into(),
        fault: Fault::LockedKnees,
        choices: vec![Fault::LockedKnees, Fault::ChinUp],
    })
    .unwrap();
    // ... the answer missing from the choices does not,
    let e = parse_one(Ask::SpotFault {
        drill: "barbell-rdl".into(),
        fault: Fault::LockedKnees,
        choices: vec![Fault::ChinUp, Fault::RibsFlared],
    })
    .unwrap_err();
    assert!(
        e.message.contains("not among the choices") && e.line > 0,
        "{e}"
    );
    // nor a pose goal that its own example does not meet,
    let e = parse_one(Ask::SetPose {
        drill: "dowel-hinge".into(),
        goal: hinge::drill::lesson::Goal {
            hip_deg: Some((60.0, 100.0)),
            hinge: true,
            ..Default::default()
        },
        example: hinge::drill::Key {
            knee_deg: 20.0,
            hip_deg: 30.0,
            ..Default::default()
        },
    })
    .unwrap_err();
    assert!(e.message.contains("example pose does not meet"), "{e}");
    // nor a goal that standing still meets,
    let e = parse_one(Ask::SetPose {
        drill: "dowel-hinge".into(),
        goal: hinge::drill::lesson::Goal {
            hip_deg: Some((0.0, 100.0)),
            ..Default::default()
        },
        example: hinge::drill::Key {
            knee_deg: 20.0,
            hip_deg: 30.0,
            ..Default::default()
        },
    })
    .unwrap_err();
    assert!(e.message.contains("standing still"), "{e}");
    // nor drills listed out of ladder order,
    let order = |ids: [&str; 3]| {
        parse_one(Ask::Order {
            drills: ids.iter().map(|s| s.to_string()).collect(),
        })
    };
    let e = order(["barbell-rdl", "dowel-hinge", "dumbbell-rdl"]).unwrap_err();
    assert!(e.message.contains("easiest first") && e.line > 0, "{e}");
    // nor two drills of one rung (seed 004 does not rank them),
    let e = order(["dumbbell-rdl", "kettlebell-deadlift", "barbell-rdl"]).unwrap_err();
    assert!(e.message.contains("higher rung"), "{e}");
    // nor a drill that is not on seed 004's ladder at all,
    let e = order(["wall-hinge", "dumbbell-rdl", "barbell-rdl"]).unwrap_err();
    assert!(e.message.contains("not on seed 004's ladder"), "{e}");
    order(["dowel-hinge", "dumbbell-rdl", "barbell-rdl"]).unwrap();
    // nor a prompt that names its answer or says its cue,
    let spot = Ask::SpotFault {
        drill: "barbell-rdl".into(),
        fault: Fault::LockedKnees,
        choices: vec![Fault::LockedKnees, Fault::ChinUp],
    };
    let e =
        parse_one_asking(spot.clone(), Some("Barbell RDL: are these locked knees?")).unwrap_err();
    assert!(e.message.contains("gives the answer away"), "{e}");
    let catalogue = hinge::coach::FaultCatalogue::builtin();
    let cue = catalogue.cue(Fault::LockedKnees).to_string();
    let e = parse_one_asking(
        Ask::MatchCue {
            drill: "barbell-rdl".into(),
            fault: Fault::LockedKnees,
            choices: vec![Fault::LockedKnees, Fault::ChinUp],
        },
        Some(&format!("Would you say: {cue}")),
    )
    .unwrap_err();
    assert!(e.message.contains("gives the answer away"), "{e}");
    // nor a pose to set given in numbers,
    let e = parse_one_asking(
        Ask::SetPose {
            drill: "dowel-hinge".into(),
            goal: hinge::drill::lesson::Goal {
                hip_deg: Some((75.0, 100.0)),
                hinge: true,
                ..Default::default()
            },
            example: hinge::drill::Key {
                knee_deg: 20.0,
                hip_deg: 90.0,
                ..Default::default()
            },
        },
        Some("Fold the hips to 75-100°."),
    )
    .unwrap_err();
    assert!(e.message.contains("in words, not numbers"), "{e}");
    // nor a question in words whose prompt holds its answer.
    let e = parse_one_asking(
        Ask::Principle {
            drill: None,
            fault: None,
            choices: vec!["Over the middle of the feet.".into(), "On the toes.".into()],
            answer: 0,
        },
        Some("Is the weight over the middle of the feet."),
    )
    .unwrap_err();
    assert!(e.message.contains("gives the answer away"), "{e}");
}

#[test]
fn a_seed_gives_the_same_shuffle_and_another_seed_another() {
    let bank = bank();
    let quiz = &bank.quizzes[0];
    let a = QuizRun::new(quiz, 7, false, None);
    let b = QuizRun::new(quiz, 7, false, None);
    let c = QuizRun::new(quiz, 8, false, None);
    assert_eq!(a, b);
    assert_ne!(a.shown, c.shown);
    // Every question once.
    let mut asked: Vec<usize> = a.shown.iter().map(|s| s.question).collect();
    asked.sort();
    assert_eq!(asked, (0..quiz.questions.len()).collect::<Vec<_>>());
    // Over many seeds the right answer is not always in the same place.
    let places: BTreeSet<usize> = (0..40)
        .flat_map(|seed| {
            QuizRun::new(quiz, seed, false, None)
                .shown
                .iter()
                .filter(|s| {
                    matches!(
                        s.kind,
                        Kind::SpotFault | Kind::MatchCue | Kind::WhichCorrect
                    )
                })
                .map(|s| s.right_place())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(places.len() >= 2, "{places:?}");
    // A question asked for comes first.
    let last = quiz.questions.len() - 1;
    assert_eq!(
        QuizRun::new(quiz, 7, false, Some(last)).shown[0].question,
        last
    );
}

/// The answer a perfect learner gives to the question on screen.
fn right_answer(run: &QuizRun, quiz: &Quiz) -> Answer {
    let s = run.current().unwrap();
    match &quiz.questions[s.question].ask {
        Ask::Order { drills } => Answer::Order(
            (0..drills.len())
                .map(|rank| s.options.iter().position(|o| *o == rank).unwrap())
                .collect(),
        ),
        Ask::SetPose { .. } => Answer::Pose(true),
        _ => Answer::Choice(s.right_place()),
    }
}

#[test]
fn scoring_counts_right_answers_and_lists_the_misses() {
    let bank = bank();
    let quiz = &bank.quizzes[1];
    let mut run = QuizRun::new(quiz, 3, false, None);
    let mut missed = Vec::new();
    let mut i = 0;
    while !run.finished() {
        let s = run.current().unwrap().clone();
        let answer = if i % 3 == 0 {
            missed.push(s.question);
            match right_answer(&run, quiz) {
                Answer::Choice(p) => Answer::Choice((p + 1) % s.options.len()),
                Answer::Order(mut o) => {
                    o.reverse();
                    Answer::Order(o)
                }
                Answer::Pose(_) => Answer::Pose(false),
            }
        } else {
            right_answer(&run, quiz)
        };
        let right = run.answer(quiz, answer.clone()).unwrap();
        assert_eq!(
            right,
            i % 3 != 0,
            "question {}",
            quiz.questions[s.question].id
        );
        assert!(run.revealed);
        // A second answer to the same question does not count.
        assert_eq!(run.answer(quiz, right_answer(&run, quiz)), None);
        run.next();
        i += 1;
    }
    let (right, answered) = run.score();
    assert_eq!(answered as usize, quiz.questions.len());
    assert_eq!(right as usize, quiz.questions.len() - missed.len());
    assert_eq!(run.misses(), missed);
    // Going back shows an answered question as answered.
    run.previous();
    assert!(run.revealed && !run.finished());
}

#[test]
fn best_scores_keep_the_best_share() {
    let mut s = Scores::default();
    assert!(s.record("q", 5, 10));
    assert!(!s.record("q", 4, 10));
    assert!(s.record("q", 9, 10));
    assert!(!s.record("q", 9, 10));
    assert!(!s.record("q", 11, 10), "more right than asked is refused");
    assert!(!s.record("q", 0, 0));
    assert_eq!(s.best["q"].right, 9);
    assert!(s.record("other", 1, 2));
}

#[test]
fn scores_survive_a_restart_and_a_damaged_file_is_set_aside() {
    let dir = std::env::temp_dir().join(format!("hinge-scores-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = hinge::store::Store::Dir(dir.clone());
    let mut s = Scores::default();
    s.record("hinge-basics", 12, 15);
    store.save(Scores::NAME, &s).unwrap();
    assert_eq!(store.load::<Scores>(Scores::NAME), (s, None));
    std::fs::write(dir.join(Scores::NAME), "(best: {\"x\": (right: 1,").unwrap();
    let (loaded, message) = store.load::<Scores>(Scores::NAME);
    assert_eq!(loaded, Scores::default());
    assert!(message.unwrap().contains("scores.ron.corrupt-1"));
    assert!(dir.join("scores.ron.corrupt-1").exists());
    std::fs::remove_dir_all(&dir).ok();
}

// ---- the quiz in the app, driven by keys --------------------------------

fn quiz_app(store: &std::path::Path) -> App {
    use hinge::options::ViewState;
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::transform::TransformPlugin,
        bevy::state::app::StatesPlugin,
    ));
    app.insert_resource(Library::builtin().clone());
    app.insert_resource(hinge::store::Store::Dir(store.to_path_buf()));
    app.init_resource::<ButtonInput<KeyCode>>();
    app.add_plugins(hinge::app::headless);
    app.insert_state(ViewState::Quiz);
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

const DIGITS: [KeyCode; 5] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
];

fn run(app: &App) -> QuizRun {
    app.world()
        .resource::<QuizSession>()
        .run
        .clone()
        .expect("a quiz is running")
}

#[test]
fn a_whole_quiz_played_with_keys_scores_every_answer_and_saves_the_best() {
    let dir = std::env::temp_dir().join(format!("hinge-quiz-app-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = quiz_app(&dir);
    let bank = app.world().resource::<QuizBank>().clone();
    let quiz = bank.quizzes[0].clone();
    app.world_mut().write_message(QuizCommand::Start {
        quiz: quiz.id.clone(),
        group: false,
    });
    app.update();
    let mut questions = 0;
    let mut kinds = BTreeSet::new();
    while !run(&app).finished() {
        let r = run(&app);
        let shown = r.current().unwrap().clone();
        let q = &quiz.questions[shown.question];
        kinds.insert(q.ask.kind());
        // The mannequin performs the question's drill (for an order
        // question, the one shown first, so as not to give the answer away).
        let playing = app
            .world()
            .resource::<hinge::drill::Playback>()
            .drill
            .clone();
        let expected = match &q.ask {
            Ask::Order { drills } => &drills[shown.options[0]],
            other => other.drill(),
        };
        assert_eq!(playing.as_deref(), Some(expected), "{}", q.id);
        match &q.ask {
            Ask::SetPose { example, .. } => {
                // The sliders start standing; move them (as a slider drag
                // would) to the pose, then Enter checks it.
                let c = app.world().resource::<hinge::pose::PoseControls>().request;
                assert_eq!((c.pose.knee_deg, c.pose.hip_deg), (0.0, 0.0), "{}", q.id);
                {
                    let mut c = app.world_mut().resource_mut::<hinge::pose::PoseControls>();
                    example.apply_to(&mut c.request.pose);
                }
                app.update();
                press(&mut app, KeyCode::Enter);
            }
            Ask::Order { drills } => {
                for rank in 0..drills.len() {
                    let place = shown.options.iter().position(|o| *o == rank).unwrap();
                    press(&mut app, DIGITS[place]);
                }
            }
            _ => press(&mut app, DIGITS[shown.right_place()]),
        }
        let after = run(&app);
        assert!(after.revealed, "{}: not answered", q.id);
        assert_eq!(
            after.answers[r.at].as_ref().map(|a| a.1),
            Some(true),
            "{}",
            q.id
        );
        // Enter goes on to the next question.
        press(&mut app, KeyCode::Enter);
        questions += 1;
    }
    assert_eq!(questions, quiz.questions.len());
    let r = run(&app);
    let n = quiz.questions.len() as u32;
    assert_eq!(r.score(), (n, n));
    assert!(r.misses().is_empty());
    // The score is the best so far, and it is on disk.
    let session = app.world().resource::<QuizSession>();
    assert!(session.new_best && session.message.is_none());
    let (saved, _) = hinge::store::Store::Dir(dir.clone()).load::<Scores>(Scores::NAME);
    assert_eq!(saved.best[&quiz.id].right, r.score().0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_set_pose_question_accepts_the_right_pose_from_the_sliders() {
    let dir = std::env::temp_dir().join(format!("hinge-quiz-pose-{}", std::process::id()));
    let mut app = quiz_app(&dir);
    let bank = app.world().resource::<QuizBank>().clone();
    let (quiz, i) = bank
        .quizzes
        .iter()
        .find_map(|q| {
            q.questions
                .iter()
                .position(|x| x.ask.kind() == Kind::SetPose)
                .map(|i| (q.clone(), i))
        })
        .expect("a set-the-pose question");
    let Ask::SetPose { example, .. } = quiz.questions[i].ask.clone() else {
        unreachable!()
    };
    {
        let mut s = app.world_mut().resource_mut::<QuizSession>();
        s.first_question = Some(quiz.questions[i].id.clone());
    }
    app.world_mut().write_message(QuizCommand::Start {
        quiz: quiz.id.clone(),
        group: false,
    });
    app.update();
    app.update();
    // The sliders start standing, and the drill does not move the figure.
    let c = app.world().resource::<hinge::pose::PoseControls>().request;
    assert_eq!(c.pose.hip_deg, 0.0);
    // A rounded back at the example's depth is refused.
    {
        let mut c = app.world_mut().resource_mut::<hinge::pose::PoseControls>();
        example.apply_to(&mut c.request.pose);
        c.request.pose.lumbar_deg = 35.0;
    }
    app.update();
    app.world_mut().write_message(QuizCommand::CheckPose);
    app.update();
    assert_eq!(run(&app).answers[0].as_ref().map(|a| a.1), Some(false));
    // Start again at the same question with the example pose: accepted.
    app.world_mut().resource_mut::<QuizSession>().first_question =
        Some(quiz.questions[i].id.clone());
    app.world_mut().write_message(QuizCommand::Start {
        quiz: quiz.id.clone(),
        group: false,
    });
    app.update();
    {
        let mut c = app.world_mut().resource_mut::<hinge::pose::PoseControls>();
        example.apply_to(&mut c.request.pose);
    }
    app.update();
    press(&mut app, KeyCode::Enter);
    assert_eq!(run(&app).answers[0].as_ref().map(|a| a.1), Some(true));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_coach_reveals_with_the_clicker_and_a_group_quiz_keeps_no_score() {
    let dir = std::env::temp_dir().join(format!("hinge-quiz-group-{}", std::process::id()));
    let mut app = quiz_app(&dir);
    let bank = app.world().resource::<QuizBank>().clone();
    let quiz = bank.quizzes[1].clone();
    {
        let mut s = app.world_mut().resource_mut::<QuizSession>();
        s.countdown_s = 20;
    }
    app.world_mut().write_message(QuizCommand::Start {
        quiz: quiz.id.clone(),
        group: true,
    });
    app.update();
    // Number keys do not answer for the group.
    press(&mut app, KeyCode::Digit1);
    assert!(!run(&app).revealed);
    let now = app.world().resource::<Time>().elapsed_secs();
    let left = app
        .world()
        .resource::<QuizSession>()
        .countdown_left(now)
        .unwrap();
    assert!(left > 19.0 && left <= 20.0, "{left}");
    // Enter reveals; Page Down moves on.
    press(&mut app, KeyCode::Enter);
    assert!(run(&app).revealed);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(run(&app).at, 1);
    assert!(!run(&app).revealed);
    // A clicker has only Page Down: the first press reveals, the second moves on.
    press(&mut app, KeyCode::PageDown);
    assert!(run(&app).revealed);
    assert_eq!(run(&app).at, 1);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(run(&app).at, 2);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(run(&app).at, 0);
    // A gamepad's right stick click reveals too.
    let pad = app
        .world_mut()
        .spawn(bevy::input::gamepad::Gamepad::default())
        .id();
    assert!(!run(&app).revealed);
    app.world_mut()
        .get_mut::<bevy::input::gamepad::Gamepad>(pad)
        .unwrap()
        .digital_mut()
        .press(bevy::input::gamepad::GamepadButton::RightThumb);
    app.update();
    assert!(run(&app).revealed);
    // Through every question: nothing is scored or saved.
    for _ in 0..2 * quiz.questions.len() + 2 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(run(&app).finished());
    assert_eq!(run(&app).score(), (0, 0));
    assert!(!dir.join(Scores::NAME).exists());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_where_does_the_work_go_answer_must_be_what_the_body_model_finds() {
    use hinge::body::Part;
    let ask = |fault: Option<Fault>, choices: Vec<Part>, answer: Part| Ask::WhereWork {
        drill: "barbell-rdl".into(),
        fault,
        choices,
        answer,
    };
    // The RDL's work is in the glutes and hamstrings, not the thighs' front.
    parse_one(ask(
        None,
        vec![Part::GlutesHamstrings, Part::Quadriceps],
        Part::GlutesHamstrings,
    ))
    .unwrap();
    let e = parse_one(ask(
        None,
        vec![Part::GlutesHamstrings, Part::Quadriceps],
        Part::Quadriceps,
    ))
    .unwrap_err();
    assert!(e.message.contains("body model finds"), "{e}");
    assert!(e.line > 0, "{e}");
    // A rounded back hangs the lower back on its spine; a neutral one on
    // its muscles.
    parse_one(ask(
        Some(Fault::RoundedBack),
        vec![Part::BackMuscles, Part::Spine],
        Part::Spine,
    ))
    .unwrap();
    let e = parse_one(ask(None, vec![Part::BackMuscles, Part::Spine], Part::Spine)).unwrap_err();
    assert!(e.message.contains("body model finds"), "{e}");
    // The answer among the choices, offered once.
    let e = parse_one(ask(None, vec![Part::Quadriceps, Part::Calves], Part::Spine)).unwrap_err();
    assert!(e.message.contains("not among the choices"), "{e}");
    let e = parse_one(ask(None, vec![Part::Spine, Part::Spine], Part::Spine)).unwrap_err();
    assert!(e.message.contains("different parts"), "{e}");
    // Two parts working nearly as hard are no question for a novice: the
    // trap bar's hips and knees (0.21 and 0.14 of body weight times height).
    let e = parse_one(Ask::WhereWork {
        drill: "trap-bar-deadlift".into(),
        fault: None,
        choices: vec![Part::GlutesHamstrings, Part::Quadriceps],
        answer: Part::GlutesHamstrings,
    })
    .unwrap_err();
    assert!(e.message.contains("times as hard"), "{e}");
}
