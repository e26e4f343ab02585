//! The body model and the coach keep their promises: feet planted, lengths
//! fixed, balance over the midfoot, and the lab cases read as a coach would.

use hinge::body::metrics::dowel_gaps;
use hinge::body::{
    Arms, Balance, Body, Hand, Implement, Joint, Load, LoadPlace, Pose, PoseRequest, Sex, ranges,
    solve,
};
use hinge::coach::{Fault, FaultCatalogue, Pattern, Thresholds, ThresholdsFile, evaluate};
use proptest::prelude::*;

fn request(knee: f32, hip: f32, lumbar: f32) -> PoseRequest {
    let mut r = PoseRequest::default();
    r.pose.knee_deg = knee;
    r.pose.hip_deg = hip;
    r.pose.lumbar_deg = lumbar;
    r
}

fn thresholds(preset: Option<&str>) -> Thresholds {
    let file = ThresholdsFile::builtin();
    match preset {
        None => file.default.clone(),
        Some(p) => file.preset(p).expect("preset exists"),
    }
}

// --- literature cases (BIOMECHANICS.md §2, §3) ---

#[test]
fn standing_centre_of_mass_is_at_55_to_57_percent_of_stature() {
    for sex in Sex::ALL {
        for stature in [1.55, 1.75, 1.95] {
            let r = PoseRequest {
                stature_m: stature,
                sex,
                ..PoseRequest::default()
            };
            let s = solve(&r);
            let share = s.com.y / stature;
            // BIOMECHANICS.md §3: roughly 55-57% of stature. de Leva's female
            // reference has a much shorter thigh (368.5 vs 422.2 mm), which
            // puts her centre of mass a little lower: allow her down to 53.5%.
            let band = match sex {
                Sex::Male => 0.55..=0.57,
                Sex::Female => 0.535..=0.57,
            };
            assert!(
                band.contains(&share),
                "{sex:?} {stature}: COM at {share:.4} of stature"
            );
            assert_eq!(evaluate(&s, &thresholds(None)).pattern, Pattern::Standing);
        }
    }
}

#[test]
fn a_good_morning_with_schellenbergs_angles_is_a_hinge_with_near_vertical_shins() {
    // Schellenberg 2013: knee 5.3°, hip 75.3°, pelvis-lumbar 23.8°.
    let s = solve(&request(5.3, 75.3, 23.8));
    let v = evaluate(&s, &thresholds(Some("good-morning")));
    assert_eq!(v.pattern, Pattern::Hinge);
    // The lab's lifters bent their lower backs 23.8°: enough to lift a dowel
    // off the tailbone, so the tutor, which teaches the seeds' neutral spine,
    // calls it rounded. The same trunk angle with the hips doing that share
    // is a correct good morning.
    assert!(v.has(Fault::RoundedBack), "{:?}", v.faults);
    let s = solve(&request(5.3, 75.3 + 23.8, 0.0));
    let v = evaluate(&s, &thresholds(Some("good-morning")));
    assert!(v.is_correct_hinge(), "{:?}", v.faults);
    // Near vertical: within 10° (a loaded squat tips the shins 30-40° forward).
    assert!(
        v.metrics.shin_angle_deg.abs() < 10.0,
        "shin {}",
        v.metrics.shin_angle_deg
    );
    assert!(!v.has(Fault::LockedKnees), "{:?}", v.faults);
    assert_eq!(s.balance, Balance::Balanced);
}

#[test]
fn a_toe_touch_is_flagged_as_a_stoop_with_a_rounded_back() {
    // Esola 1996: 41.6° lumbar + 69.4° hip.
    let s = solve(&request(0.0, 69.4, 41.6));
    let v = evaluate(&s, &thresholds(None));
    assert_eq!(v.pattern, Pattern::Stoop);
    assert!(v.has(Fault::RoundedBack), "{:?}", v.faults);
    assert!(
        !v.metrics.dowel_contact.sacrum,
        "the sacrum leaves the dowel"
    );
}

#[test]
fn a_deep_squat_is_a_squat_with_the_knees_past_the_toes() {
    let s = solve(&request(120.0, 125.0, 0.0));
    let v = evaluate(&s, &thresholds(None));
    assert_eq!(v.pattern, Pattern::Squat);
    assert!(v.has(Fault::SquattingTheHinge));
    // McKean 2010: loaded squats put the knees 64-97 mm past the toes.
    let ahead = v.metrics.knee_ahead_of_toes_m;
    assert!((0.03..0.12).contains(&ahead), "knee {ahead}");
    assert!(
        v.metrics.shin_angle_deg > 25.0,
        "shin {}",
        v.metrics.shin_angle_deg
    );
    assert_eq!(s.balance, Balance::Balanced);
}

#[test]
fn a_load_held_in_front_pushes_the_hips_further_back() {
    let bare = solve(&request(20.0, 80.0, 0.0));
    let mut loaded = request(20.0, 80.0, 0.0);
    loaded.load = Some(Load {
        mass_kg: 24.0,
        at: LoadPlace::Front,
        implement: Implement::Barbell,
    });
    let loaded = solve(&loaded);
    let back = |s: &hinge::body::SolvedBody| hinge::body::Metrics::of(s).hip_behind_ankle_m;
    assert!(
        back(&loaded) > back(&bare) + 0.01,
        "{} vs {}",
        back(&loaded),
        back(&bare)
    );
    assert!(loaded.shin_deg < bare.shin_deg);
}

#[test]
fn a_textbook_rdl_is_a_correct_hinge_with_the_hips_behind_the_heels() {
    // Soft knees (~20°), torso towards parallel, neutral spine (BIOMECHANICS.md §1-2).
    let s = solve(&request(20.0, 90.0, 0.0));
    let v = evaluate(&s, &thresholds(Some("rdl")));
    assert!(v.is_correct_hinge(), "{:?} {:?}", v.pattern, v.faults);
    assert!(v.metrics.dowel_contact.all());
    assert!(
        v.metrics.hip_behind_ankle_m > 0.12,
        "hips {}",
        v.metrics.hip_behind_ankle_m
    );
    assert!(
        v.metrics.torso_angle_deg > 60.0,
        "torso {}",
        v.metrics.torso_angle_deg
    );
}

#[test]
fn a_hinge_moves_the_hips_back_far_more_than_down() {
    // BIOMECHANICS.md §2 derived: 20° of knee bend with a vertical shin puts the
    // hip ~0.15 m behind the ankle but only ~0.03 m lower.
    let stand = hinge::body::Metrics::of(&solve(&request(0.0, 0.0, 0.0)));
    let hinge = hinge::body::Metrics::of(&solve(&request(20.0, 90.0, 0.0)));
    let back = hinge.hip_behind_ankle_m - stand.hip_behind_ankle_m;
    let down = stand.hip_height_m - hinge.hip_height_m;
    assert!(back > 2.0 * down, "back {back} down {down}");
}

#[test]
fn each_single_pose_fault_is_detected_and_has_a_cue() {
    let t = thresholds(None);
    let catalogue = FaultCatalogue::builtin();
    let base = request(20.0, 80.0, 0.0);
    let cases: Vec<(Fault, PoseRequest)> = vec![
        (Fault::RoundedBack, request(20.0, 50.0, 40.0)),
        (Fault::SquattingTheHinge, request(70.0, 80.0, 0.0)),
        (Fault::LockedKnees, request(0.0, 80.0, 0.0)),
        (Fault::ChinUp, {
            let mut r = base;
            r.pose.neck_deg = -30.0;
            r
        }),
        (Fault::RibsFlared, {
            let mut r = base;
            r.pose.lumbar_deg = -20.0;
            r
        }),
        (Fault::WeightOnToes, {
            let mut r = base;
            r.pose.balance_shift_m = 0.08;
            r
        }),
        (Fault::KneesCaving, {
            let mut r = base;
            r.pose.valgus_deg = 15.0;
            r
        }),
    ];
    assert!(evaluate(&solve(&base), &t).faults.is_empty());
    for (fault, r) in cases {
        let v = evaluate(&solve(&r), &t);
        assert!(v.has(fault), "{fault:?} not found in {:?}", v.faults);
        assert!(!catalogue.cue(fault).is_empty());
    }
}

#[test]
fn chin_up_takes_the_head_off_the_dowel_and_rounding_takes_the_sacrum() {
    let mut chin = request(20.0, 80.0, 0.0);
    chin.pose.neck_deg = -30.0;
    let d = hinge::body::Metrics::of(&solve(&chin)).dowel_contact;
    assert!(!d.head && d.upper_back && d.sacrum, "{d:?}");
    let round = hinge::body::Metrics::of(&solve(&request(20.0, 60.0, 30.0))).dowel_contact;
    assert!(round.head && !round.sacrum, "{round:?}");
}

/// The hip's range follows the knee bend: a straight hip in a deep knee
/// bend is refused with the range it needs, and solved as the nearest pose
/// that keeps the trunk up.
#[test]
fn a_deep_knee_bend_takes_the_hip_with_it() {
    let least = 150.0 - ranges::PELVIS_BEHIND_SHIN_MAX_DEG;
    let e = ranges::hip_fits_knee(150.0, 0.0).expect_err("knee 150 with hip 0 is accepted");
    assert_eq!(e.range.min, least);
    assert!(e.to_string().contains("at this knee bend"), "{e}");
    let s = solve(&request(150.0, 0.0, 0.0));
    let nearest = solve(&request(150.0, least, 0.0));
    assert_eq!(s.joints, nearest.joints);
    // What the numbers beside the figure and the coach read: the hip it shows.
    assert_eq!(s.request.pose.hip_deg, least);
    let torso = hinge::body::Metrics::of(&s).torso_angle_deg;
    assert!(torso > -75.0, "torso {torso}");
    // The lifts stay inside it (BIOMECHANICS.md §2: deadlift knee 107.8°
    // with hip 103.2°), and a straight-legged stand is untouched.
    assert!(ranges::hip_fits_knee(108.0, 103.0).is_ok());
    assert!(ranges::hip_fits_knee(0.0, -20.0).is_ok());
}

/// A deep toe touch: the hanging hands reach the floor before the arms are
/// straight, so they rest on it with the elbows bent out to the side, and
/// the balance is as before (the arms still below the shoulders).
#[test]
fn a_deep_toe_touch_rests_its_hands_on_the_floor() {
    let mut r = request(0.0, 120.0, 45.0);
    r.pose.thoracic_deg = 30.0;
    let s = solve(&r);
    for j in [
        Joint::WristL,
        Joint::HandL,
        Joint::GripL,
        Joint::WristR,
        Joint::HandR,
        Joint::GripR,
    ] {
        assert!(s.joint(j).y > -1e-4, "{j:?} at {}", s.joint(j).y);
    }
    let lowest = s.joint(Joint::HandL).y.min(s.joint(Joint::GripL).y);
    assert!(lowest < 1e-3, "the hand hangs {lowest} m above the floor");
    let bent = (s.joint(Joint::ElbowL) - s.joint(Joint::ShoulderL))
        .angle_between(s.joint(Joint::WristL) - s.joint(Joint::ElbowL));
    assert!(
        bent.to_degrees() > 10.0,
        "elbow bent {}°",
        bent.to_degrees()
    );
    for j in [Joint::ElbowL, Joint::WristL, Joint::HandL] {
        assert!(
            (s.joint(j).z - s.joint(Joint::ShoulderL).z).abs() < 1e-4,
            "{j:?} left the plumb line"
        );
    }
    assert_eq!(s.balance, Balance::Balanced);
}

#[test]
fn an_impossible_lean_is_reported_not_balanced() {
    // Straight legs, torso flat and a heavy bell hugged out in front: no lean
    // of the shins within the ankle's range can bring that back over the feet.
    let mut r = request(0.0, 90.0, 0.0);
    r.load = Some(Load {
        mass_kg: 150.0,
        at: LoadPlace::Front,
        implement: Implement::Barbell,
    });
    let s = solve(&r);
    assert_eq!(s.balance, Balance::OnToes);
    assert_eq!(s.shin_deg, ranges::SHIN.min);
    let v = evaluate(&s, &thresholds(None));
    assert!(v.has(Fault::WeightOnToes));
    // And the mirror: a deep squat with nothing to counterbalance it sits back on the heels.
    let s = solve(&request(120.0, 100.0, 0.0));
    assert_eq!(s.balance, Balance::OnHeels);
}

#[test]
fn the_presets_judge_knees_differently() {
    let straight = solve(&request(2.0, 75.0, 0.0));
    assert!(evaluate(&straight, &thresholds(Some("rdl"))).has(Fault::LockedKnees));
    assert!(!evaluate(&straight, &thresholds(Some("good-morning"))).has(Fault::LockedKnees));
    let deep = solve(&request(65.0, 110.0, 0.0));
    assert!(evaluate(&deep, &thresholds(Some("rdl"))).has(Fault::SquattingTheHinge));
    let v = evaluate(&deep, &thresholds(Some("conventional-deadlift")));
    assert!(
        v.is_correct_hinge(),
        "{:?} {:?} {:?}",
        v.pattern,
        v.faults,
        v.metrics
    );
}

// --- properties over the whole anatomical range ---

fn any_request() -> impl Strategy<Value = PoseRequest> {
    let angles = (
        ranges::KNEE.min..=ranges::KNEE.max,
        ranges::HIP.min..=ranges::HIP.max,
        ranges::LUMBAR.min..=ranges::LUMBAR.max,
        ranges::THORACIC.min..=ranges::THORACIC.max,
        ranges::NECK.min..=ranges::NECK.max,
        ranges::VALGUS.min..=ranges::VALGUS.max,
        ranges::SHOULDER.min..=ranges::SHOULDER.max,
        ranges::ELBOW.min..=ranges::ELBOW.max,
    );
    let stance = (
        ranges::STANCE_WIDTH.min..=ranges::STANCE_WIDTH.max,
        ranges::TOE_OUT.min..=ranges::TOE_OUT.max,
        ranges::BALANCE_SHIFT.min..=ranges::BALANCE_SHIFT.max,
        ranges::STATURE.min..=ranges::STATURE.max,
        0usize..4,
        prop::bool::ANY,
        prop::option::of((0.0f32..=120.0, 0usize..4, 0usize..Implement::ALL.len())),
    );
    let hands = (
        0usize..Hand::ALL.len(),
        0usize..Hand::ALL.len(),
        ranges::FOREFOOT_RAISE.min..=ranges::FOREFOOT_RAISE.max,
        prop_oneof![Just(1.0f32), Just(0.0f32), 0.0f32..=1.0],
        ranges::REST_AHEAD.min..=ranges::REST_AHEAD.max,
        prop_oneof![
            Just(0.0f32),
            ranges::LOAD_DRIFT.min..=ranges::LOAD_DRIFT.max
        ],
    );
    (angles, stance, hands).prop_map(|(a, s, h)| {
        let pose = Pose {
            knee_deg: a.0,
            hip_deg: a.1,
            lumbar_deg: a.2,
            thoracic_deg: a.3,
            neck_deg: a.4,
            valgus_deg: a.5,
            shoulder_deg: a.6,
            elbow_deg: a.7,
            arms: match s.4 {
                0 => Arms::Hang,
                1 => Arms::Set,
                _ => Arms::Hands {
                    left: Hand::ALL[h.0],
                    right: Hand::ALL[h.1],
                },
            },
            holding: h.3,
            rest_ahead_m: h.4,
            load_drift_m: h.5,
            stance_width_m: s.0,
            toe_out_deg: s.1,
            forefoot_raise_m: h.2,
            balance_shift_m: s.2,
        };
        PoseRequest {
            pose,
            stature_m: s.3,
            sex: if s.5 { Sex::Male } else { Sex::Female },
            mass_kg: None,
            load: s.6.map(|(kg, i, k)| Load {
                mass_kg: kg,
                at: LoadPlace::ALL[i],
                implement: Implement::ALL[k],
            }),
        }
    })
}

fn dist(s: &hinge::body::SolvedBody, a: Joint, b: Joint) -> f32 {
    s.joint(a).distance(s.joint(b))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A deep knee bend with a straight hip leaned the trunk back through
    /// the floor (knee 150°, hip 0°: torso -110°, the head under the floor),
    /// and a deep toe touch put the hands through it. Whatever the explore
    /// view's two sliders and the lower back say, the body stays on or
    /// above the floor. (Not yet every combination of the advanced inputs:
    /// a straight-legged fold of 190° in a wide stance, hands set in front
    /// or holding a load in a deep squat the solve cannot balance, or a very
    /// wide full squat can end a few centimetres under it.)
    #[test]
    fn the_body_stays_above_the_floor_whatever_the_sliders_say(
        knee in ranges::KNEE.min..=ranges::KNEE.max,
        hip in ranges::HIP.min..=ranges::HIP.max,
        lumbar in ranges::LUMBAR.min..=ranges::LUMBAR.max,
        stature in ranges::STATURE.min..=ranges::STATURE.max,
    ) {
        let mut r = request(knee, hip, lumbar);
        r.stature_m = stature;
        let s = solve(&r);
        for (i, j) in s.joints.iter().enumerate() {
            prop_assert!(j.y > -1e-4, "joint {i} at {} m", j.y);
        }
    }

    #[test]
    fn feet_stay_on_the_floor_for_every_pose_in_range(r in any_request()) {
        let s = solve(&r);
        // The heels on the floor; the balls and toes on it too, or on the
        // plate under them when there is one.
        // (A plate pitches a foot up 30° at most.)
        let raise = r.pose.forefoot_raise_m.min(0.375 * s.body.foot_m);
        for j in [Joint::HeelL, Joint::HeelR] {
            prop_assert!(s.joint(j).y.abs() < 1e-6, "{j:?} at {}", s.joint(j).y);
        }
        for j in [Joint::BallL, Joint::ToeL, Joint::BallR, Joint::ToeR] {
            prop_assert!((s.joint(j).y - raise).abs() < 1e-6, "{j:?} at {} (plate {raise})", s.joint(j).y);
        }
        let standing = solve(&PoseRequest { pose: Pose { stance_width_m: r.pose.stance_width_m, toe_out_deg: r.pose.toe_out_deg, forefoot_raise_m: r.pose.forefoot_raise_m, ..Pose::default() }, ..r });
        for j in [Joint::HeelL, Joint::AnkleL, Joint::ToeL, Joint::HeelR, Joint::AnkleR, Joint::ToeR] {
            prop_assert!(s.joint(j).distance(standing.joint(j)) < 1e-5, "{j:?} moved");
        }
    }

    #[test]
    fn segment_lengths_never_change(r in any_request()) {
        let s = solve(&r);
        let b = &s.body;
        let eps = 1e-4;
        for (a, c, len) in [
            (Joint::KneeL, Joint::AnkleL, b.shank_m),
            (Joint::KneeR, Joint::AnkleR, b.shank_m),
            (Joint::HipL, Joint::KneeL, b.thigh_m),
            (Joint::HipR, Joint::KneeR, b.thigh_m),
            (Joint::Pelvis, Joint::L5S1, b.pelvis_m),
            (Joint::L5S1, Joint::T12, b.lumbar_m),
            (Joint::T12, Joint::T6, b.thoracic_lower_m),
            (Joint::T6, Joint::NeckBase, b.thoracic_upper_m),
            (Joint::NeckBase, Joint::HeadBase, b.neck_m),
            (Joint::HeadBase, Joint::Vertex, b.head_m),
            (Joint::ShoulderL, Joint::ElbowL, b.upper_arm_m),
            (Joint::ElbowR, Joint::WristR, b.forearm_m),
            (Joint::WristL, Joint::HandL, b.hand_m),
            (Joint::WristR, Joint::GripR, b.grip_m),
            (Joint::HeelL, Joint::BallL, 0.75 * b.foot_m),
            (Joint::BallR, Joint::ToeR, 0.25 * b.foot_m),
            (Joint::HipL, Joint::HipR, 2.0 * b.hip_half_width_m),
        ] {
            prop_assert!((dist(&s, a, c) - len).abs() < eps, "{a:?}-{c:?}: {} vs {len}", dist(&s, a, c));
        }
        // The collar bones keep their length as the shoulder blades slide.
        let rest = solve(&PoseRequest { pose: Pose::default(), ..r });
        for (a, c) in [(Joint::ClavicleL, Joint::ShoulderL), (Joint::ClavicleR, Joint::ShoulderR)] {
            prop_assert!((dist(&s, a, c) - dist(&rest, a, c)).abs() < eps, "{a:?}-{c:?}");
        }
    }

    #[test]
    fn a_bar_in_front_of_the_legs_never_passes_through_them(r in any_request()) {
        let s = solve(&r);
        // Hips above the knees, shoulders above the hips: in a full squat (or
        // sitting on the floor), or folded over until the head hangs below
        // the hips, no one holds a bar in front of the legs with straight arms.
        let squatting = s.joint(Joint::Pelvis).y < s.joint(Joint::KneeL).y + 0.05
            || s.joint(Joint::ShoulderL).y < s.joint(Joint::Pelvis).y;
        if let (Some(gap), Some(held)) = (hinge::body::metrics::grip_leg_gap(&s), s.held)
            && held.implement.carry() == hinge::body::Carry::FrontOfLegs
            && !squatting
        {
            // (5 mm: the outline is a polyline round the knee cap.)
            prop_assert!(gap > -5e-3, "{:?} {gap} inside the legs", held.implement);
        }
    }

    #[test]
    fn the_centre_of_mass_is_over_the_midfoot_whenever_balanced(r in any_request()) {
        let s = solve(&r);
        let shift = r.pose.balance_shift_m * s.body.stature_m / 1.75;
        match s.balance {
            Balance::Balanced => prop_assert!((s.com.z - shift).abs() < 1e-4, "com {} target {shift}", s.com.z),
            Balance::OnToes => prop_assert!(s.com.z > shift),
            Balance::OnHeels => prop_assert!(s.com.z < shift),
        }
        prop_assert!(s.shin_deg >= ranges::SHIN.min - 1e-3 && s.shin_deg <= ranges::SHIN.max + 1e-3);
    }

    #[test]
    fn nothing_is_nan(r in any_request()) {
        let s = solve(&r);
        prop_assert!(s.joints.iter().all(|j| j.is_finite()));
        prop_assert!(s.com.is_finite() && s.shin_deg.is_finite());
        let v = evaluate(&s, &thresholds(None));
        let m = &v.metrics;
        for x in [m.com_height_m, m.com_ahead_of_midfoot_m, m.shin_angle_deg, m.torso_angle_deg,
                  m.hip_behind_ankle_m, m.hip_height_m, m.knee_ahead_of_toes_m, m.lumbar_share, m.l5s1_moment_nm] {
            prop_assert!(x.is_finite());
        }
        prop_assert!(dowel_gaps(&s).iter().all(|g| g.is_finite()));
    }

    #[test]
    fn doubling_the_stature_doubles_every_length(r in any_request()) {
        let one = solve(&r);
        let two = solve(&PoseRequest { stature_m: 2.0 * r.stature_m, ..r });
        for (a, b) in one.body.lengths().iter().zip(two.body.lengths()) {
            prop_assert!((2.0 * a - b).abs() < 1e-5, "{a} {b}");
        }
        // Without an external load (whose mass does not grow with the body)
        // or a plate under the toes (which does not grow either) the whole
        // solved figure scales too.
        if r.load.is_none() && r.pose.forefoot_raise_m == 0.0 {
            for (a, b) in one.joints.iter().zip(two.joints.iter()) {
                prop_assert!((*a * 2.0).distance(*b) < 1e-3, "{a} {b}");
            }
        }
    }

    #[test]
    fn arbitrary_numbers_never_panic_or_give_nan(
        knee in any::<f32>(), hip in any::<f32>(), lumbar in any::<f32>(), stature in any::<f32>(), load in any::<f32>()
    ) {
        let mut r = request(knee, hip, lumbar);
        r.stature_m = stature;
        r.load = Some(Load { mass_kg: load, at: LoadPlace::Front, implement: Implement::Barbell });
        let s = solve(&r);
        prop_assert!(s.joints.iter().all(|j| j.is_finite()) && s.com.is_finite());
        let _ = evaluate(&s, &thresholds(None));
    }
}

#[test]
fn the_body_segments_come_from_de_leva() {
    let b = Body::new(1.741, Sex::Male);
    assert!((b.thigh_m - 0.4222).abs() < 1e-4);
    assert!((b.shank_m - 0.434).abs() < 1e-4);
    assert!((b.mass_kg - 73.0).abs() < 1e-3);
}

#[test]
fn every_still_faulty_twin_shows_its_fault_and_differs_from_the_correct_hinge() {
    let t = thresholds(Some("rdl"));
    for (knee, hip) in [(20.0, 80.0), (15.0, 95.0), (25.0, 60.0)] {
        let mut correct = request(knee, hip, 0.0);
        // A bar in the hands, so the bar can drift.
        correct.load = Some(Load {
            mass_kg: 30.0,
            at: LoadPlace::Hands,
            implement: Implement::Barbell,
        });
        let good = solve(&correct);
        assert!(evaluate(&good, &t).is_correct_hinge());
        for fault in Fault::ALL {
            let twin = hinge::coach::faulty_pose(&correct, fault);
            let bad = solve(&twin);
            let v = evaluate(&bad, &t);
            // Timing faults need the repetition (tests/drills.rs); their
            // still twin shows the moment they happen.
            if fault.seen_in_one_pose() {
                assert!(v.has(fault), "{knee}/{hip} {fault:?}: {:?}", v.faults);
            }
            // Arms that carry a bar cannot be shown lifting it (the arms are
            // straight); pulling with the arms is a fault of the pull-throughs,
            // whose hands hold a cable, not a load.
            if fault == Fault::ArmsPulling {
                continue;
            }
            let moved = good
                .joints
                .iter()
                .zip(bad.joints.iter())
                .map(|(a, b)| a.distance(*b))
                .fold(0.0, f32::max);
            let com_moved = (good.com - bad.com).length();
            assert!(
                moved > 0.04 || com_moved > 0.03,
                "{fault:?}: the twin barely differs ({moved} m)"
            );
        }
    }
    // The rounded back keeps the hips forward; the squat sends the knees over the toes.
    let correct = request(20.0, 80.0, 0.0);
    let m = |r: &PoseRequest| hinge::body::Metrics::of(&solve(r));
    let round = m(&hinge::coach::faulty_pose(&correct, Fault::RoundedBack));
    let squat = m(&hinge::coach::faulty_pose(
        &correct,
        Fault::SquattingTheHinge,
    ));
    let good = m(&correct);
    assert!(round.hip_behind_ankle_m < good.hip_behind_ankle_m - 0.02);
    assert!(squat.knee_ahead_of_toes_m > good.knee_ahead_of_toes_m + 0.1);
}

#[test]
fn the_lower_back_rule_and_the_dowel_agree() {
    // Whatever the stature and the depth, the coach calls a rounded lower
    // back exactly when a dowel along the back would lose the tailbone
    // (outside a 1° band around the threshold, where a finger's thickness
    // decides).
    let t = thresholds(None);
    for stature in [1.5, 1.75, 2.0] {
        for (knee, hip) in [(20.0, 40.0), (20.0, 80.0), (60.0, 110.0)] {
            for step in 0..=60 {
                let lumbar = step as f32 * 0.5;
                if (lumbar - t.rounded_back_lumbar_deg).abs() < 1.0 {
                    continue;
                }
                let mut r = request(knee, hip, lumbar);
                r.stature_m = stature;
                let s = solve(&r);
                let v = evaluate(&s, &t);
                assert_eq!(
                    v.has(Fault::RoundedBack),
                    !v.metrics.dowel_contact.sacrum,
                    "{stature} m, knee {knee}, hip {hip}, lumbar {lumbar}: {:?}",
                    v.metrics.dowel_contact
                );
            }
        }
    }
}

#[test]
fn retired_fault_ids_still_read() {
    assert_eq!(
        Fault::from_id("hips_up_and_down"),
        Some(Fault::SquattingTheHinge)
    );
    let f: Fault = ron::from_str("hips_up_and_down").unwrap();
    assert_eq!(f, Fault::SquattingTheHinge);
    let catalogue = FaultCatalogue::builtin();
    for fault in Fault::ALL {
        let info = catalogue.get(fault);
        for text in [&info.description, &info.look_for, &info.cue, &info.source] {
            assert!(!text.trim().is_empty(), "{fault:?}");
        }
    }
}

// --- shoulders, grip and a held bar (BIOMECHANICS.md §2b, §3) ---

#[test]
fn the_shoulder_joint_sits_below_the_acromion_and_the_grip_in_the_fingers() {
    for stature in [1.55, 1.75, 1.95] {
        let r = PoseRequest {
            stature_m: stature,
            ..PoseRequest::default()
        };
        let s = solve(&r);
        // Standing, shins vertical: compare with Drillis & Contini's 0.818 H
        // for the acromion; the joint centre is 3-6 cm below it (scaled).
        let k = stature / 1.75;
        let acromion = 0.818 * stature;
        let drop = acromion - s.joint(Joint::ShoulderL).y;
        assert!(
            (0.025 * k..0.065 * k).contains(&drop),
            "{stature}: shoulder {drop} below the acromion"
        );
        let grip = s.joint(Joint::GripL).distance(s.joint(Joint::WristL));
        assert!(
            (0.08 * k..=0.10 * k).contains(&grip),
            "{stature}: grip {grip} past the wrist"
        );
    }
}

#[test]
fn the_shoulder_blades_slide_forward_when_the_straight_arms_carry_a_bar_in_a_hinge() {
    let mut r = request(20.0, 90.0, 0.0);
    r.load = Some(Load {
        mass_kg: 40.0,
        at: LoadPlace::Hands,
        implement: Implement::Barbell,
    });
    let s = solve(&r);
    let upright = solve(&PoseRequest {
        pose: Pose::default(),
        ..r
    });
    // Relative to the base of the neck and the trunk's own front, the
    // shoulder joint has moved forward (protraction) by a few centimetres.
    let front_of = |s: &hinge::body::SolvedBody| {
        let up = (s.joint(Joint::NeckBase) - s.joint(Joint::T6)).normalize();
        let front = glam::Vec3::new(0.0, -up.z, up.y);
        (s.joint(Joint::ShoulderL) - s.joint(Joint::NeckBase)).dot(front)
    };
    let slide = front_of(&s) - front_of(&upright);
    assert!((0.01..0.05).contains(&slide), "protraction {slide}");
}

#[test]
fn a_held_bar_rests_on_the_legs_and_balances_with_the_body() {
    for (knee, hip) in [(5.0, 0.0), (20.0, 60.0), (22.0, 100.0), (80.0, 126.0)] {
        let mut r = request(knee, hip, 0.0);
        r.load = Some(Load {
            mass_kg: 60.0,
            at: LoadPlace::Hands,
            implement: Implement::Barbell,
        });
        let s = solve(&r);
        let m = hinge::body::Metrics::of(&s);
        let gap = hinge::body::metrics::grip_leg_gap(&s).expect("a bar in the hands");
        assert!(gap.abs() < 0.005, "{knee}/{hip}: bar {gap} m off the legs");
        assert_eq!(m.grip_to_legs_m, Some(gap.max(0.0)));
        // The bar is counted where the hands hold it.
        assert_eq!(s.balance, Balance::Balanced);
        assert!(s.com.z.abs() < 1e-4);
        let load_at = s.load_com.expect("carried");
        assert!(load_at.distance(s.held.unwrap().centre()) < 1e-5);
    }
}

#[test]
fn a_bar_left_on_the_floor_is_out_of_the_balance_and_the_hands_reach_for_it() {
    let mut r = request(80.0, 126.0, 0.0);
    r.load = Some(Load {
        mass_kg: 100.0,
        at: LoadPlace::Hands,
        implement: Implement::Barbell,
    });
    r.pose.holding = 0.0;
    let s = solve(&r);
    assert!(s.carried_load().is_none() && s.load_com.is_none());
    let held = s.held.expect("the bar is still there");
    assert!(!held.in_hands);
    assert!((held.centre().y - hinge::body::pose::PLATE_RADIUS_M).abs() < 1e-6);
    // Within reach of the bar: the hands are on it.
    assert!(s.joint(Joint::GripL).distance(held.grips[0]) < 0.02);
    // Standing tall, the hands hang, far from it.
    r.pose = Pose {
        holding: 0.0,
        ..Pose::default()
    };
    let s = solve(&r);
    assert!(s.joint(Joint::GripL).y > 0.6);
}

#[test]
fn wall_drill_hands_lie_on_the_ribs_and_the_small_of_the_back() {
    let mut r = request(20.0, 70.0, 0.0);
    r.pose.arms = Arms::Hands {
        left: Hand::Ribs,
        right: Hand::LowBack,
    };
    let s = solve(&r);
    let up = (s.joint(Joint::T12) - s.joint(Joint::L5S1)).normalize();
    let front = glam::Vec3::new(0.0, -up.z, up.y);
    let palm = |wrist: Joint, grip: Joint| {
        let w = s.joint(wrist);
        w + (s.joint(grip) - w).normalize() * s.body.palm_m
    };
    let left = palm(Joint::WristL, Joint::GripL) - s.joint(Joint::T12);
    let right = palm(Joint::WristR, Joint::GripR) - s.joint(Joint::L5S1);
    // In front of the trunk at the lowest ribs, behind it at the lumbar spine.
    assert!(left.dot(front) > 0.08, "ribs hand {}", left.dot(front));
    assert!(right.dot(front) < -0.08, "back hand {}", right.dot(front));
    assert!(left.dot(up).abs() < 0.06 && right.dot(up).abs() < 0.12);
}

// --- what each joint carries (inverse statics, BIOMECHANICS.md §2b) ---

fn moments_of(r: &PoseRequest) -> hinge::body::Moments {
    hinge::body::moments(&solve(r))
}

#[test]
fn standing_tall_the_knees_hips_and_lower_back_carry_almost_nothing() {
    for sex in Sex::ALL {
        for stature in [1.55, 1.75, 1.95] {
            let r = PoseRequest {
                stature_m: stature,
                sex,
                ..PoseRequest::default()
            };
            let s = solve(&r);
            let rel = hinge::body::moments(&s).relative(&s);
            for (name, x) in [("knee", rel.knee), ("hip", rel.hip), ("l5s1", rel.l5s1)] {
                assert!(x.abs() < 0.03, "{sex:?} {stature}: {name} {x}");
            }
        }
    }
}

#[test]
fn the_rdl_knee_works_as_a_flexor_and_the_deadlift_knee_as_an_extensor() {
    // Lee 2018 (BIOMECHANICS.md §2): in the RDL the knee moment is a flexor
    // moment, unlike the conventional deadlift's.
    let library = hinge::drill::Library::builtin();
    let hold = |id: &str| {
        let d = library.get(id).unwrap();
        moments_of(&d.request(&d.hold().unwrap().to))
    };
    assert!(hold("barbell-rdl").knee < 0.0);
    assert!(hold("conventional-deadlift").knee > 0.0);
}

#[test]
fn the_published_comparisons_hold_with_the_drills_own_poses() {
    let library = hinge::drill::Library::builtin();
    let hold = |id: &str| {
        let d = library.get(id).unwrap();
        moments_of(&d.request(&d.hold().unwrap().to))
    };
    let (trap, straight, sumo) = (
        hold("trap-bar-deadlift"),
        hold("conventional-deadlift"),
        hold("sumo-deadlift"),
    );
    // Swinton 2011: the trap bar lowers the lumbar and hip moments and
    // raises the knee's (the ankle's, lower in the study, is within a few
    // N·m here).
    assert!(trap.l5s1 < straight.l5s1 && trap.hip < straight.hip);
    assert!(trap.knee > straight.knee);
    // Cholewicki 1991: the sumo lumbar moment is smaller (about 10% there).
    assert!(sumo.l5s1 < straight.l5s1);
}

#[test]
fn a_rounded_back_moves_the_load_onto_the_spine_and_a_squat_onto_the_knees() {
    use hinge::body::LoadView;
    let library = hinge::drill::Library::builtin();
    for id in ["wall-hinge", "barbell-rdl", "conventional-deadlift"] {
        let d = library.get(id).unwrap();
        let correct = d.request(&d.hold().unwrap().to);
        let good = LoadView::of(&solve(&correct));
        let round = LoadView::of(&solve(&hinge::coach::faulty_pose(
            &correct,
            Fault::RoundedBack,
        )));
        let squat = LoadView::of(&solve(&hinge::coach::faulty_pose(
            &correct,
            Fault::SquattingTheHinge,
        )));
        assert_eq!(
            good.spine, 0.0,
            "{id}: a neutral back carries nothing on the spine"
        );
        assert!(round.spine > 0.03, "{id}: {round:?}");
        assert!(
            squat.quadriceps > good.quadriceps + 0.03,
            "{id}: {squat:?} {good:?}"
        );
        assert!(
            good.glutes_hamstrings > good.back_muscles,
            "{id}: the hips lead"
        );
    }
    // The toe touch: nearly all of the lower back's load is on the spine.
    let toe = LoadView::of(&solve(&request(0.0, 69.4, 41.6)));
    assert!(toe.spine > 5.0 * toe.back_muscles, "{toe:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn doubling_the_body_mass_doubles_every_moment(r in any_request()) {
        let r = PoseRequest { load: None, mass_kg: Some(60.0), ..r };
        let one = moments_of(&r);
        let two = moments_of(&PoseRequest { mass_kg: Some(120.0), ..r });
        for (a, b) in [(one.ankle, two.ankle), (one.knee, two.knee), (one.hip, two.hip), (one.l5s1, two.l5s1)] {
            prop_assert!((2.0 * a - b).abs() < 0.5 + 0.01 * b.abs(), "{a} {b}");
        }
    }

    #[test]
    fn a_heavier_bar_weighs_more_on_the_hips_and_back(
        knee in 10.0f32..40.0, hip in 40.0f32..110.0, kg in 10.0f32..80.0
    ) {
        let mut r = request(knee, hip, 0.0);
        r.load = Some(Load { mass_kg: kg, at: LoadPlace::Hands, implement: Implement::Barbell });
        let light = moments_of(&r);
        r.load = Some(Load { mass_kg: 2.0 * kg, at: LoadPlace::Hands, implement: Implement::Barbell });
        let heavy = moments_of(&r);
        prop_assert!(heavy.hip > light.hip && heavy.l5s1 > light.l5s1, "{light:?} {heavy:?}");
    }

    #[test]
    fn the_hips_work_harder_the_deeper_the_hinge(knee in 10.0f32..30.0, hip in 10.0f32..85.0) {
        let shallow = moments_of(&request(knee, hip, 0.0));
        let deep = moments_of(&request(knee, hip + 10.0, 0.0));
        prop_assert!(deep.hip > shallow.hip, "{} -> {}", shallow.hip, deep.hip);
    }

    #[test]
    fn the_knees_work_harder_the_more_they_bend_at_a_fixed_trunk(knee in 10.0f32..80.0, trunk in 30.0f32..60.0) {
        // The trunk's lean is hip minus knee (the shin's lean aside): keep it.
        let less = moments_of(&request(knee, trunk + knee, 0.0));
        let more = moments_of(&request(knee + 10.0, trunk + knee + 10.0, 0.0));
        prop_assert!(more.knee > less.knee, "{} -> {}", less.knee, more.knee);
    }
}

// --- a learner's own photo (coach/photo.rs) ---

/// A side photo of a solved figure: its landmarks projected to pixels
/// (`scale` pixels a metre, the floor at y = 900, facing `face`).
fn photo_of(s: &hinge::body::SolvedBody, scale: f32, face: f32) -> hinge::coach::photo::Marks {
    use hinge::coach::photo::{Landmark, PHOTO_DISTANCE_M, seen_marks};
    let mut m = seen_marks(s, PHOTO_DISTANCE_M);
    for l in Landmark::ALL {
        if let Some(p) = m.get(l) {
            m.set(
                l,
                Some(glam::Vec2::new(
                    600.0 + face * p.x * scale,
                    900.0 + p.y * scale,
                )),
            );
        }
    }
    m
}

#[test]
fn a_photo_of_a_known_pose_gives_its_angles_and_the_same_verdict() {
    use hinge::coach::photo::{fit, verdict};
    let t = thresholds(None);
    let cases = [
        (20.0, 80.0, 0.0, 5.0, 0.0),
        (20.0, 95.0, 25.0, -30.0, 0.0),
        (60.0, 110.0, 0.0, 0.0, 0.05),
        (40.0, 70.0, 10.0, 10.0, -0.05),
        (5.0, 0.0, 0.0, 0.0, 0.0),
    ];
    for (knee, hip, lumbar, neck, shift) in cases {
        for (scale, face) in [(400.0, 1.0), (900.0, -1.0)] {
            let mut r = request(knee, hip, lumbar);
            r.pose.neck_deg = neck;
            r.pose.balance_shift_m = shift;
            let s = solve(&r);
            let marks = photo_of(&s, scale, face);
            let fitted = fit(&marks, &PoseRequest::default()).unwrap();
            let p = fitted.request.pose;
            for (what, got, want) in [
                ("knee", p.knee_deg, knee),
                ("hip", p.hip_deg, hip),
                ("lumbar", p.lumbar_deg, lumbar),
                ("neck", p.neck_deg, neck),
            ] {
                assert!(
                    (got - want).abs() < 3.0,
                    "{what}: {got} for {want} ({knee}/{hip}/{lumbar})"
                );
            }
            let from_photo = verdict(&fitted, &marks, &t);
            let direct = evaluate(&s, &t);
            let mut direct_faults = direct.faults.clone();
            direct_faults.retain(|f| *f != Fault::KneesCaving);
            assert_eq!(from_photo.pattern, direct.pattern);
            assert_eq!(from_photo.faults, direct_faults, "{knee}/{hip}/{lumbar}");
        }
    }
}

#[test]
fn a_photo_without_the_back_or_the_ear_says_what_it_could_not_judge() {
    use hinge::coach::photo::{fit, verdict};
    let s = solve(&request(20.0, 70.0, 35.0));
    let mut marks = photo_of(&s, 500.0, 1.0);
    marks.low_back = None;
    marks.ear = None;
    let fitted = fit(&marks, &PoseRequest::default()).unwrap();
    assert!(fitted.not_judged.iter().any(|n| n.contains("lower back")));
    assert!(fitted.not_judged.iter().any(|n| n.contains("neck")));
    let v = verdict(&fitted, &marks, &thresholds(None));
    assert!(!v.has(Fault::RoundedBack) && !v.has(Fault::ChinUp));
    // Missing, doubled or unknown marks are named, never a panic.
    use hinge::coach::photo::Marks;
    assert!(
        Marks::parse("ankle=1,2;ankle=3,4")
            .unwrap_err()
            .contains("twice")
    );
    assert!(
        Marks::parse("elbow=1,2")
            .unwrap_err()
            .contains("not a landmark")
    );
    assert!(Marks::parse("knee=1").unwrap_err().contains("NAME=X,Y"));
    assert!(
        Marks::parse("knee=a,2")
            .unwrap_err()
            .contains("not a number")
    );
    let partial = Marks::parse("ankle=100,900;knee=120,700").unwrap();
    let problems = partial.problems(Some((640.0, 480.0)));
    assert!(problems.iter().any(|p| p.contains("mark hip")));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("outside the 640x480 picture"))
    );
}

#[test]
fn the_plot_over_a_repetition_follows_the_drill_the_load_and_the_body() {
    // The load view's plot (views/drills/work.rs) samples the drill's own
    // repetition: the hips carry most at the bottom, a heavier bar and a
    // heavier body raise every loaded moment, and a body is its own.
    let library = hinge::drill::Library::builtin();
    let d = library.get("barbell-rdl").unwrap();
    let who = PoseRequest::default();
    let curve = d.moments_over(&who, None, 61);
    assert_eq!(curve.len(), 61);
    assert_eq!(curve[0].0, 0.0);
    assert!((curve[60].0 - d.duration_s()).abs() < 1e-4);
    let at = |t: f32, c: &[(f32, hinge::body::Moments)]| {
        c.iter()
            .min_by(|a, b| (a.0 - t).abs().total_cmp(&(b.0 - t).abs()))
            .unwrap()
            .1
    };
    let bottom = d.sticking_point_s();
    assert!(
        at(bottom, &curve).hip > 3.0 * at(0.0, &curve).hip.abs().max(5.0),
        "{:?} vs {:?}",
        at(bottom, &curve),
        at(0.0, &curve)
    );
    let example = d.load.unwrap().mass_kg;
    let heavy = d.moments_over(&who, Some(example * 2.0), 61);
    let heavier_body = d.moments_over(
        &PoseRequest {
            mass_kg: Some(110.0),
            ..who
        },
        None,
        61,
    );
    for (name, other) in [("double load", &heavy), ("110 kg body", &heavier_body)] {
        let (a, b) = (at(bottom, &curve), at(bottom, other));
        assert!(b.hip > a.hip + 10.0, "{name}: hip {} -> {}", a.hip, b.hip);
        assert!(
            b.l5s1 > a.l5s1 + 10.0,
            "{name}: l5s1 {} -> {}",
            a.l5s1,
            b.l5s1
        );
    }
    // No load: the bar comes off; a drill without a load stays without one.
    let bare = d.moments_over(&who, Some(0.0), 61);
    assert!(at(bottom, &bare).hip < at(bottom, &curve).hip - 10.0);
    let wall = library.get("wall-hinge").unwrap();
    assert_eq!(
        wall.moments_over(&who, Some(50.0), 11),
        wall.moments_over(&who, None, 11)
    );
}
