//! Where outside data enters, nothing may panic: content files (drills,
//! quizzes, settings, scores) and URL launch options, fed arbitrary text and
//! mutations of the real files. Each bad input gets an error that names the
//! file (and a line where there is one). Drills, quizzes, the fault
//! catalogue, the thresholds and the lesson get mutations of the real files. Property tests with many cases;
//! inputs that ever failed are kept in `tests/fuzz.proptest-regressions`.

use hinge::coach::ThresholdsFile;
use hinge::drill::{Drill, Library};
use hinge::quiz::{Quiz, Scores};
use hinge::settings::Settings;
use proptest::prelude::*;

/// A real file with a slice cut out, or a few bytes changed: the kind of
/// damage a bad edit or a half-written file does.
fn damaged(text: &'static str) -> impl Strategy<Value = String> {
    let n = text.len();
    prop_oneof![
        // Cut short (a writer killed halfway).
        (0..n).prop_map(move |at| text[..text.floor_char_boundary(at)].to_string()),
        // A slice removed.
        (0..n, 1..40usize).prop_map(move |(at, len)| {
            let a = text.floor_char_boundary(at);
            let b = text.floor_char_boundary((at + len).min(n));
            format!("{}{}", &text[..a], &text[b..])
        }),
        // A few characters put in.
        (0..n, "[\\(\\)\\[\\]:,\"0-9a-z_ -]{1,6}").prop_map(move |(at, junk)| {
            let a = text.floor_char_boundary(at);
            format!("{}{junk}{}", &text[..a], &text[a..])
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn a_damaged_drill_file_is_an_error_naming_the_file_never_a_panic(
        text in damaged(hinge::content::builtin::DRILLS[4].1)
    ) {
        let file = format!("drills/{}.drill.ron", hinge::content::builtin::DRILLS[4].0);
        if let Err(e) = Drill::parse(&file, &text, &ThresholdsFile::builtin()) {
            prop_assert_eq!(&e.file, &file);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn a_damaged_quiz_file_is_an_error_naming_the_file_never_a_panic(
        text in damaged(hinge::content::builtin::QUIZZES[0].1)
    ) {
        let file = format!("quiz/{}.quiz.ron", hinge::content::builtin::QUIZZES[0].0);
        if let Err(e) = Quiz::parse(&file, &text, Library::builtin(), &ThresholdsFile::builtin()) {
            prop_assert_eq!(&e.file, &file);
        }
    }

    #[test]
    fn a_damaged_fault_catalogue_is_an_error_naming_the_file_never_a_panic(
        text in damaged(hinge::content::builtin::FAULTS.1)
    ) {
        if let Err(e) = hinge::coach::FaultCatalogue::parse("faults.ron", &text) {
            prop_assert_eq!(e.file.as_str(), "faults.ron");
        }
    }

    #[test]
    fn damaged_thresholds_are_an_error_naming_the_file_never_a_panic(
        text in damaged(hinge::content::builtin::THRESHOLDS.1)
    ) {
        if let Err(e) = ThresholdsFile::parse("coach/thresholds.ron", &text) {
            prop_assert_eq!(e.file.as_str(), "coach/thresholds.ron");
        }
    }

    #[test]
    fn a_damaged_lesson_is_an_error_naming_the_file_never_a_panic(
        text in damaged(hinge::content::builtin::LESSON.1)
    ) {
        if let Err(e) = hinge::drill::lesson::Lesson::parse("lesson.ron", &text, Library::builtin()) {
            prop_assert_eq!(e.file.as_str(), "lesson.ron");
        }
    }

    #[test]
    fn any_text_as_settings_or_scores_gives_values_or_an_error(text in ".{0,200}") {
        let _ = hinge::content::parse_ron::<Settings>("settings.ron", &text);
        let _ = hinge::content::parse_ron::<Scores>("scores.ron", &text);
    }

    #[test]
    fn any_url_query_gives_a_launch_or_a_one_line_error(
        query in "[?]?([a-z_]{1,10}(=[-a-z0-9_.%+]{0,12})?&?){0,5}"
    ) {
        match hinge::launch::from_query(&query) {
            Ok(l) => {
                prop_assert!(l.speed.is_finite() && (0.1..=2.0).contains(&l.speed));
                prop_assert!(l.knee_deg.is_none_or(f32::is_finite));
            }
            Err(m) => {
                prop_assert!(!m.contains('\n'), "{}", m);
                prop_assert!(!m.is_empty());
            }
        }
    }

    #[test]
    fn any_bytes_in_a_url_query_never_panic(query in "\\PC{0,60}") {
        let _ = hinge::launch::from_query(&query);
    }
}

/// Settings and scores cut short at every byte (a writer killed halfway):
/// never a panic, and never a wrong value passed off as a good file.
#[test]
fn settings_and_scores_cut_short_at_every_byte_are_refused_or_whole() {
    let settings = Settings {
        window: (1920, 1080),
        view: hinge::options::View::Quiz,
        drill: Some("barbell-rdl".into()),
        ..Default::default()
    };
    let mut scores = Scores::default();
    scores.record("hinge-basics", 12, 15);
    scores.record("the-ladder", 3, 16);
    let s_text = ron::ser::to_string_pretty(&settings, Default::default()).unwrap();
    let q_text = ron::ser::to_string_pretty(&scores, Default::default()).unwrap();
    for cut in 0..s_text.len() {
        if let Ok(s) = hinge::content::parse_ron::<Settings>("s", &s_text[..cut]) {
            // Only a cut in trailing whitespace may parse, and then it is whole.
            assert_eq!(s, settings, "cut at {cut}");
        }
    }
    for cut in 0..q_text.len() {
        if let Ok(q) = hinge::content::parse_ron::<Scores>("q", &q_text[..cut]) {
            assert_eq!(q, scores, "cut at {cut}");
        }
    }
}

/// A writer killed at random moments while saving the best scores, twenty
/// times over: the file on disk is always a whole, readable set of scores
/// (the last one written, or one before it), never damaged or lost.
#[test]
fn a_writer_killed_halfway_loses_nothing() {
    use hinge::store::Store;
    const NAME: &str = "a_writer_killed_halfway_loses_nothing";
    // In the child: save scores as fast as possible until killed.
    if let Ok(dir) = std::env::var("HINGE_WRITER_DIR") {
        let store = Store::Dir(dir.into());
        let mut round = 0u32;
        loop {
            round += 1;
            let mut s = Scores::default();
            for q in 0..300 {
                s.record(&format!("quiz-{q}"), round % 50, 50);
            }
            store.save(Scores::NAME, &s).unwrap();
        }
    }
    let dir = std::env::temp_dir().join(format!("hinge-killed-writer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::Dir(dir.clone());
    let exe = std::env::current_exe().unwrap();
    let mut saw_a_file = 0;
    for round in 0..20u64 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
            .env("HINGE_WRITER_DIR", &dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40 + round * 13 % 90));
        child.kill().unwrap();
        child.wait().unwrap();
        let (scores, message) = store.load::<Scores>(Scores::NAME);
        assert_eq!(message, None, "round {round}: {message:?}");
        if dir.join(Scores::NAME).exists() {
            saw_a_file += 1;
            assert_eq!(
                scores.best.len(),
                300,
                "round {round}: a partial set of scores"
            );
        }
    }
    assert!(
        saw_a_file >= 15,
        "the writer rarely got to write ({saw_a_file} of 20)"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A config folder that cannot be written (read-only, full, or not a folder
/// at all): saving says so and names the place; the old file is untouched.
#[test]
fn saving_into_an_unwritable_folder_is_an_error_that_names_it() {
    use hinge::store::Store;
    let blocker = std::env::temp_dir().join(format!("hinge-blocker-{}", std::process::id()));
    std::fs::write(&blocker, "a file, not a folder").unwrap();
    let store = Store::Dir(blocker.join("hinge"));
    let mut scores = Scores::default();
    scores.record("hinge-basics", 3, 5);
    let err = store.save(Scores::NAME, &scores).unwrap_err();
    assert!(!err.to_string().is_empty());
    assert!(
        store.describe(Scores::NAME).contains("hinge-blocker"),
        "{}",
        store.describe(Scores::NAME)
    );
    let (loaded, message) = store.load::<Scores>(Scores::NAME);
    assert_eq!(loaded, Scores::default());
    assert!(message.is_some_and(|m| m.contains("cannot read")));
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file, not a folder"
    );
    std::fs::remove_file(&blocker).ok();
}
