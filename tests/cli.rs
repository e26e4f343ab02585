//! The `hinge` command keeps its promises: the JSON of `hinge pose`, one-line
//! errors with exit code 2 for bad options, content that validates.

use std::process::{Command, Output};

fn hinge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hinge"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn pose_json_has_the_promised_shape() {
    let o = hinge(&["pose", "--knee", "20", "--hip", "85", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["pattern"], "hinge");
    assert!(v["faults"].as_array().is_some());
    assert!(v["cues"].as_array().is_some());
    let m = &v["metrics"];
    for key in [
        "stature_m",
        "com_height_m",
        "com_ahead_of_midfoot_m",
        "shin_angle_deg",
        "torso_angle_deg",
        "hip_behind_ankle_m",
        "hip_height_m",
        "knee_ahead_of_toes_m",
        "lumbar_share",
        "l5s1_moment_nm",
    ] {
        assert!(m[key].is_number(), "{key} missing in {m}");
    }
    for key in ["head", "upper_back", "sacrum"] {
        assert!(m["dowel_contact"][key].is_boolean(), "dowel_contact.{key}");
    }
    assert_eq!(m["stature_m"], 1.75);
}

#[test]
fn pose_flags_a_toe_touch_with_its_cue() {
    let o = hinge(&["pose", "--hip", "69.4", "--lumbar", "41.6", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["pattern"], "stoop");
    let faults: Vec<&str> = v["faults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    assert!(faults.contains(&"rounded_back"));
    assert_eq!(v["cues"].as_array().unwrap().len(), faults.len());
}

#[test]
fn pose_text_reads_in_plain_words() {
    let o = hinge(&["pose", "--knee", "70", "--hip", "80"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Pattern:"), "{text}");
    assert!(text.contains("squatting_the_hinge"), "{text}");
    assert!(text.contains("Dowel:"), "{text}");
}

#[test]
fn drill_presets_change_the_verdict() {
    let rdl = hinge(&[
        "pose", "--knee", "65", "--hip", "110", "--drill", "rdl", "--json",
    ]);
    let dl = hinge(&[
        "pose",
        "--knee",
        "65",
        "--hip",
        "110",
        "--drill",
        "conventional-deadlift",
        "--json",
    ]);
    let faults = |o: &Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["faults"].as_array().unwrap().len()
    };
    assert!(faults(&rdl) > 0);
    assert_eq!(faults(&dl), 0);
}

fn assert_one_line_usage_error(args: &[&str], must_name: &[&str]) {
    let o = hinge(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.trim().lines().count(),
        1,
        "{args:?} gave several lines:\n{err}"
    );
    for word in must_name {
        assert!(err.contains(word), "{args:?}: `{err}` should name {word}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn bad_options_get_one_line_naming_the_option_and_exit_2() {
    assert_one_line_usage_error(&["pose", "--knee", "200"], &["--knee", "150"]);
    assert_one_line_usage_error(&["pose", "--hip", "-90"], &["--hip", "-20"]);
    // A deep knee bend leaves the hip less: the range it needs, and why.
    assert_one_line_usage_error(
        &["pose", "--knee", "150", "--hip", "0"],
        &["--hip", "90", "knee bend"],
    );
    assert_one_line_usage_error(&["pose", "--stature", "-1.7"], &["--stature", "1.2"]);
    assert_one_line_usage_error(
        &["pose", "--drill", "zercher"],
        &["--drill", "rdl", "good-morning"],
    );
    assert_one_line_usage_error(
        &["pose", "--load-at", "head"],
        &["--load-at", "front", "overhead-back"],
    );
    assert_one_line_usage_error(&["pose", "--sex", "x"], &["--sex", "male", "female"]);
    assert_one_line_usage_error(&["pose", "--knee", "lots"], &["--knee"]);
}

#[test]
fn the_built_in_content_checks_clean() {
    let o = hinge(&["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_broken_content_folder_is_named_with_file_and_line() {
    let dir = std::env::temp_dir().join(format!("hinge-check-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("coach")).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::copy(
        root.join("coach/thresholds.ron"),
        dir.join("coach/thresholds.ron"),
    )
    .unwrap();
    let faults = std::fs::read_to_string(root.join("faults.ron")).unwrap();
    // An unknown fault id on a known line.
    let broken = faults.replacen("id: chin_up", "id: chin_upp", 1);
    let line = broken.lines().position(|l| l.contains("chin_upp")).unwrap() + 1;
    std::fs::write(dir.join("faults.ron"), broken).unwrap();
    let o = hinge(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("faults.ron:{line}:")), "{err}");
    assert!(err.contains("chin_upp"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn list_faults_prints_every_fault_id() {
    let o = hinge(&["list", "faults", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    for id in hinge::coach::Fault::ALL.map(|f| f.id()) {
        assert!(ids.contains(&id), "{id}");
    }
}

#[test]
fn bad_view_options_get_one_line_and_exit_2_before_any_window_opens() {
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--fault", "bad_posture"],
        &["--fault", "rounded_back", "knees_caving"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--view", "gallery"],
        &["--view", "explore", "compare"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--camera", "overhead"],
        &["--camera", "three-quarter"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--speed", "5"],
        &["--speed", "0.1", "2"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--knee", "170"],
        &["--knee", "150"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--knee", "150", "--hip", "0"],
        &["--hip", "90", "--knee"],
    );
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--size", "10x10"],
        &["--size", "WIDTHxHEIGHT"],
    );
    assert_one_line_usage_error(&["--fault", "nope"], &["--fault", "chin_up"]);
}

#[test]
fn list_drills_prints_the_ladder_as_json() {
    let o = hinge(&["list", "drills", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let drills = v.as_array().unwrap();
    assert!(drills.len() >= 20);
    let ids: Vec<&str> = drills.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids.first(), Some(&"wall-hinge"));
    assert_eq!(ids.last(), Some(&"conventional-deadlift"));
    for d in drills {
        assert!(d["phases"].as_array().unwrap().len() >= 4);
        assert!(!d["faults"].as_array().unwrap().is_empty());
    }
}

#[test]
fn check_names_a_broken_drill_file_and_its_line() {
    let dir = std::env::temp_dir().join(format!("hinge-check-drills-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("coach")).unwrap();
    std::fs::create_dir_all(dir.join("drills")).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for f in ["coach/thresholds.ron", "faults.ron"] {
        std::fs::copy(root.join(f), dir.join(f)).unwrap();
    }
    let text = std::fs::read_to_string(root.join("drills/good-morning.drill.ron")).unwrap();
    std::fs::write(dir.join("drills/good-morning.drill.ron"), &text).unwrap();
    let broken = text.replacen("faults: [", "faults: [bad_posture, ", 1);
    let line = broken
        .lines()
        .position(|l| l.contains("bad_posture"))
        .unwrap()
        + 1;
    std::fs::write(dir.join("drills/copy.drill.ron"), broken).unwrap();
    let o = hinge(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!("copy.drill.ron:{line}:")), "{err}");
    assert!(err.contains("bad_posture"), "{err}");
    assert!(!err.contains("good-morning.drill.ron"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_drill_lists_the_known_ones() {
    assert_one_line_usage_error(
        &["shot", "--out", "/tmp/x.png", "--drill", "kettlebell-swing"],
        &["--drill", "wall-hinge", "conventional-deadlift"],
    );
}

#[test]
fn a_launch_without_options_plays_at_normal_speed() {
    // The web page without a query and the measurements start from this.
    let l = hinge::launch::Launch::default();
    assert_eq!(l.speed, 1.0);
    assert_eq!(l.view, hinge::options::View::Explore);
}

#[test]
fn list_quiz_prints_every_question_as_json() {
    let o = hinge(&["list", "quiz", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let quizzes = v.as_array().unwrap();
    assert_eq!(quizzes.len(), 3);
    let questions: Vec<&serde_json::Value> = quizzes
        .iter()
        .flat_map(|q| q["questions"].as_array().unwrap())
        .collect();
    assert!(questions.len() >= 40);
    for q in questions {
        for field in ["id", "kind", "prompt", "explanation", "source"] {
            assert!(
                q[field].as_str().is_some_and(|s| !s.is_empty()),
                "{field} in {q}"
            );
        }
    }
}

#[test]
fn check_names_a_broken_quiz_file_and_its_line_and_keeps_the_drills() {
    let dir = std::env::temp_dir().join(format!("hinge-check-quiz-{}", std::process::id()));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for sub in ["coach", "drills", "quiz"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for f in ["coach/thresholds.ron", "faults.ron"] {
        std::fs::copy(root.join(f), dir.join(f)).unwrap();
    }
    for (id, text) in hinge::content::builtin::DRILLS {
        std::fs::write(dir.join(format!("drills/{id}.drill.ron")), text).unwrap();
    }
    let text = std::fs::read_to_string(root.join("quiz/hinge-basics.quiz.ron")).unwrap();
    std::fs::write(dir.join("quiz/hinge-basics.quiz.ron"), &text).unwrap();
    // The ladder quiz with an order question put out of order.
    let ladder = std::fs::read_to_string(root.join("quiz/the-ladder.quiz.ron")).unwrap();
    let broken = ladder.replacen(
        "Order(drills: [\"",
        "Order(drills: [\"conventional-deadlift\", \"",
        1,
    );
    assert_ne!(broken, ladder);
    let line = broken
        .lines()
        .position(|l| l.contains("Order(drills: [\"conventional-deadlift\""))
        .unwrap();
    std::fs::write(dir.join("quiz/the-ladder.quiz.ron"), broken).unwrap();
    let o = hinge(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("the-ladder.quiz.ron:"), "{err}");
    // The error names the question's line, at or just before the order.
    let named: usize = err
        .split("the-ladder.quiz.ron:")
        .nth(1)
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(
        named > 0 && named <= line + 1 && line - named < 6,
        "{err} (order on line {})",
        line + 1
    );
    assert!(
        !err.contains("hinge-basics") && !err.contains("drill.ron"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A PNG that says it is `w` x `h` pixels: its signature and header chunk.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(w.to_be_bytes());
    chunk.extend(h.to_be_bytes());
    chunk.extend([8, 2, 0, 0, 0]);
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    png.extend(13u32.to_be_bytes());
    png.extend(&chunk);
    png.extend(crc32(&chunk).to_be_bytes());
    // An empty data chunk and the end: enough for a reader to get the size.
    for name in [b"IDAT", b"IEND"] {
        png.extend(0u32.to_be_bytes());
        png.extend(name);
        png.extend(crc32(name).to_be_bytes());
    }
    png
}

#[test]
fn a_photo_is_judged_from_its_marks_and_bad_marks_or_pictures_get_one_line() {
    let points =
        "ankle=400,900;knee=430,700;hip=300,520;shoulder=560,380;ear=650,350;low_back=300,450";
    let o = hinge(&["photo", "--points", points, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    for key in [
        "pose",
        "pattern",
        "faults",
        "cues",
        "metrics",
        "angles",
        "not_judged",
    ] {
        assert!(v.get(key).is_some(), "no {key} in {v}");
    }
    assert!(v["angles"]["knee_deg"].as_f64().unwrap() > 20.0);
    let dir = std::env::temp_dir().join(format!("hinge-photo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = dir.join("notes.png");
    std::fs::write(&text, "not a picture").unwrap();
    let huge = dir.join("huge.png");
    std::fs::write(&huge, png_header(20_000, 20_000)).unwrap();
    let small = dir.join("small.png");
    std::fs::write(&small, png_header(640, 480)).unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["--points", "ankle=400,900;knee=430,700"], "mark hip"),
        (&["--points", "ankle=400,900;ankle=1,1"], "twice"),
        (
            &[
                "--points",
                "ankle=400,900;knee=400,900;hip=300,520;shoulder=560,380",
            ],
            "same spot",
        ),
        (
            &["--points", points, "--image", text.to_str().unwrap()],
            "picture",
        ),
        (
            &["--points", points, "--image", huge.to_str().unwrap()],
            "too big",
        ),
        (
            &["--points", points, "--image", small.to_str().unwrap()],
            "outside the 640x480",
        ),
        // A marked photo needs the photo.
        (&["--points", points, "--out", "marked.png"], "--image FILE"),
    ];
    for (args, says) in cases {
        let mut all = vec!["photo"];
        all.extend_from_slice(args);
        let o = hinge(&all);
        assert!(!o.status.success(), "{args:?} passed");
        let err = stderr(&o);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rep_finds_the_fault_of_a_faulty_repetition_and_none_in_the_correct_one() {
    let o = hinge(&["rep", "--drill", "conventional-deadlift", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["faults"].as_array().unwrap().len(), 0, "{}", v["faults"]);
    assert!(v["frames"].as_array().unwrap().len() > 100);
    let frame = &v["frames"][0];
    for key in ["t_s", "phase", "knee_deg", "hip_deg", "pattern", "faults"] {
        assert!(frame.get(key).is_some(), "no {key} in a frame");
    }
    // The retired id reads as the fault that replaced it.
    let o = hinge(&[
        "rep",
        "--drill",
        "barbell-rdl",
        "--fault",
        "hips_up_and_down",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["fault"], "squatting_the_hinge");
    let ids: Vec<&str> = v["faults"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert!(ids.contains(&"squatting_the_hinge"), "{ids:?}");
    let o = hinge(&["rep", "--drill", "barbell-rdl", "--speed", "9"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--speed"));
}

/// The licence list that ships with the binary and the web build
/// (THIRD-PARTY-LICENSES.txt, from `scripts/licenses.sh`) accounts for
/// every package of Cargo.lock at the version the lock fixes: each either
/// in the program with its licence, or named as left out. A dependency
/// added or updated without rerunning the script fails here.
#[test]
fn the_third_party_licence_list_matches_the_lock_file() {
    use std::collections::BTreeSet;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |name: &str| std::fs::read_to_string(format!("{root}/{name}")).unwrap();
    let mut lock = BTreeSet::new();
    let mut name = None;
    for line in read("Cargo.lock").lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_string());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            lock.insert((n, v.trim_matches('"').to_string()));
        }
    }
    // Hinge itself is in the list (its own MIT OR Apache-2.0), not a dependency.
    let hinge = ("hinge".to_string(), env!("CARGO_PKG_VERSION").to_string());
    lock.remove(&hinge);
    let list = read("THIRD-PARTY-LICENSES.txt");
    let (shipped, left_out) = list
        .split_once("\nNot in the program")
        .expect("the list names what it leaves out");
    let pair = |l: &str| {
        let (n, v) = l.split_once(' ')?;
        Some((n.to_string(), v.to_string()))
    };
    let mut listed: BTreeSet<_> = shipped
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .filter(|l| l.split(' ').count() == 2)
        .filter_map(pair)
        .collect();
    listed.remove(&hinge);
    let in_program = listed.len();
    listed.extend(
        left_out
            .lines()
            .filter_map(|l| l.strip_prefix("  "))
            .filter_map(pair),
    );
    let missing: Vec<_> = lock.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&lock).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "THIRD-PARTY-LICENSES.txt is out of date: run ./scripts/licenses.sh \
         (not listed: {missing:?}; not in Cargo.lock: {stale:?})"
    );
    assert!(in_program > 300, "only {in_program} crates in the program");
    for font in ["UFL.txt", "OFL.txt", "Hack-Regular.txt"] {
        assert!(shipped.contains(font), "the font licence {font} is missing");
    }
}

/// The class plans: listed as JSON with their steps; a plan naming a fault
/// a compare step cannot show, in a content folder, is named with its file
/// and the step's line while the good plans and the drills still check.
#[test]
fn plans_are_listed_and_a_broken_plan_is_named_with_file_and_line() {
    let o = hinge(&["list", "plans", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let plans = v.as_array().unwrap();
    let ids: Vec<&str> = plans.iter().filter_map(|p| p["id"].as_str()).collect();
    for id in ["first-hinge-class", "loaded-ladder", "fault-clinic"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    assert!(
        plans
            .iter()
            .all(|p| p["steps"].as_array().is_some_and(|s| s.len() >= 4))
    );

    let dir = std::env::temp_dir().join(format!("hinge-check-plan-{}", std::process::id()));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for sub in ["coach", "drills", "quiz", "plans"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for f in ["coach/thresholds.ron", "faults.ron"] {
        std::fs::copy(root.join(f), dir.join(f)).unwrap();
    }
    for (id, text) in hinge::content::builtin::DRILLS {
        std::fs::write(dir.join(format!("drills/{id}.drill.ron")), text).unwrap();
    }
    for (id, text) in hinge::content::builtin::QUIZZES {
        std::fs::write(dir.join(format!("quiz/{id}.quiz.ron")), text).unwrap();
    }
    for (id, text) in hinge::content::builtin::PLANS {
        std::fs::write(dir.join(format!("plans/{id}.plan.ron")), text).unwrap();
    }
    let clinic = std::fs::read_to_string(root.join("plans/fault-clinic.plan.ron")).unwrap();
    // The third step's drill, misspelt.
    let broken = clinic.replacen("Some(\"barbell-rdl\")", "Some(\"barbel-rdl\")", 1);
    assert_ne!(broken, clinic);
    let view_lines: Vec<usize> = broken
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("view:"))
        .map(|(i, _)| i + 1)
        .collect();
    std::fs::write(dir.join("plans/fault-clinic.plan.ron"), broken).unwrap();
    let o = hinge(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let want = format!(
        "fault-clinic.plan.ron:{}: step 3: unknown drill `barbel-rdl`",
        view_lines[2]
    );
    assert!(err.contains(&want), "{err}\nwanted: {want}");
    assert_eq!(
        err.lines().filter(|l| l.contains(".ron:")).count(),
        1,
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
    // Unknown plan, a step past the end, a step without a plan: one line each.
    assert_one_line_usage_error(&["--plan", "yoga"], &["--plan yoga", "first-hinge-class"]);
    assert_one_line_usage_error(
        &["--plan", "fault-clinic", "--step", "8"],
        &["--step 8", "7 steps"],
    );
    assert_one_line_usage_error(&["--step", "2"], &["--step", "--plan"]);
}
