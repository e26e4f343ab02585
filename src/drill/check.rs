//! Reading a drill file: parse it, then check what RON cannot (ranges,
//! phases, the preset, props, and that every keyframe is a correct pose),
//! naming the file's line of each problem.

use super::{ArmsSet, Drill, Key};
use crate::body::{LoadPlace, Range, ranges, solve};
use crate::coach::{ThresholdsFile, evaluate};
use crate::content::{ContentError, parse_ron};

/// How close to the floor a lift from the floor must bring its load at the
/// hold (the tests' promise: within 3 cm).
pub const FLOOR_TOLERANCE_M: f32 = 0.03;

/// The longest a phase may last, seconds.
const MAX_PHASE_S: f32 = 10.0;

impl Drill {
    /// Parse and validate one drill file. `thresholds` is the coach's file,
    /// to check the preset this drill names and to judge its keyframes.
    pub fn parse(
        file: &str,
        text: &str,
        thresholds: &ThresholdsFile,
    ) -> Result<Drill, ContentError> {
        let mut drill: Drill = parse_ron(file, text)?;
        drill.rest_ahead_m = drill.hold_grip().map_or(0.0, |g| g.z);
        drill
            .validate(thresholds)
            .map_err(|(needle, nth, message)| {
                ContentError::at_line(file, nth_line_of(text, &needle, nth), message)
            })?;
        Ok(drill)
    }

    /// Check what RON cannot: ranges, phases, the preset, and that every
    /// keyframe is a correct pose by this drill's own thresholds. An error
    /// names a text to find in the file (and which occurrence) for its line.
    fn validate(&self, file: &ThresholdsFile) -> Result<(), (String, usize, String)> {
        let at = |field: &str, message: String| Err((format!("{field}:"), 0, message));
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            return at(
                "id",
                format!("id `{}` must be lowercase words joined by '-'", self.id),
            );
        }
        for (field, value) in [
            ("name", &self.name),
            ("summary", &self.summary),
            ("why", &self.why),
            ("source", &self.source),
        ] {
            if value.trim().is_empty() {
                return at(field, format!("{field} is empty"));
            }
        }
        if self.rank == 0 {
            return at("rank", "rank starts at 1".into());
        }
        for (range, v) in [
            (ranges::STANCE_WIDTH, self.stance.width_m),
            (ranges::TOE_OUT, self.stance.toe_out_deg),
        ] {
            if !range.contains(v) {
                return at("stance", out_of_range(range, v));
            }
        }
        if let Some(load) = self.load
            && !ranges::LOAD_MASS.contains(load.mass_kg)
        {
            return at("load", out_of_range(ranges::LOAD_MASS, load.mass_kg));
        }
        if let Some(ArmsSet::Set {
            shoulder_deg,
            elbow_deg,
        }) = self.arms
        {
            for (range, v) in [(ranges::SHOULDER, shoulder_deg), (ranges::ELBOW, elbow_deg)] {
                if !range.contains(v) {
                    return at("arms", out_of_range(range, v));
                }
            }
        }
        if !ranges::FOREFOOT_RAISE.contains(self.stance.forefoot_raise_m) {
            return at(
                "stance",
                out_of_range(ranges::FOREFOOT_RAISE, self.stance.forefoot_raise_m),
            );
        }
        if !self.thresholds.is_empty() && file.preset(&self.thresholds).is_none() {
            let known: Vec<&str> = file.presets.keys().map(String::as_str).collect();
            return at(
                "thresholds",
                format!(
                    "no thresholds preset `{}`; known: {}",
                    self.thresholds,
                    known.join(", ")
                ),
            );
        }
        if self.faults.is_empty() {
            return at(
                "faults",
                "name at least one fault this drill is prone to".into(),
            );
        }
        if self.hold().is_none() {
            return at(
                "phases",
                "no `hold` phase: every drill holds at its sticking point (seed 001, step 5)"
                    .into(),
            );
        }
        let in_hands = self.load.is_some_and(|l| l.at == LoadPlace::Hands);
        if self.from_floor && !in_hands {
            return at(
                "from_floor",
                "a lift from the floor needs a load in the hands".into(),
            );
        }
        if let Some(i) = self.phases.iter().position(|p| p.to.holding < 1.0)
            && !in_hands
        {
            return Err((
                "holding:".to_string(),
                0,
                format!(
                    "phase {} lets go of the load, but the hands hold no load",
                    i + 1
                ),
            ));
        }
        if self.from_floor
            && let Some(message) = self.floor_problem()
        {
            return at("from_floor", message);
        }
        let t = self.thresholds(file);
        for (i, phase) in self.phases.iter().enumerate() {
            let here = |message: String| Err(("kind:".to_string(), i, message));
            if !(phase.seconds.is_finite() && phase.seconds > 0.0 && phase.seconds <= MAX_PHASE_S) {
                return here(format!(
                    "phase {} lasts {} s; a phase lasts more than 0 and at most {MAX_PHASE_S} s",
                    i + 1,
                    phase.seconds
                ));
            }
            if phase.cue.trim().is_empty() {
                return here(format!("phase {} has no cue", i + 1));
            }
            for (range, v) in phase.to.checks() {
                if !range.contains(v) {
                    return here(format!("phase {}: {}", i + 1, out_of_range(range, v)));
                }
            }
            let verdict = evaluate(&solve(&self.request(&phase.to)), &t);
            let pattern_ok = matches!(
                verdict.pattern,
                crate::coach::Pattern::Hinge | crate::coach::Pattern::Standing
            );
            if !pattern_ok
                || !verdict.faults.is_empty()
                || verdict.balance != crate::body::Balance::Balanced
            {
                let faults: Vec<&str> = verdict.faults.iter().map(|f| f.id()).collect();
                return here(format!(
                    "phase {} ({:?}) ends in a pose the coach would not accept: pattern {}, faults [{}], balance {:?}",
                    i + 1,
                    phase.kind,
                    verdict.pattern.id(),
                    faults.join(", "),
                    verdict.balance
                ));
            }
        }
        Ok(())
    }

    /// For a lift from the floor: what is wrong with where the load is at
    /// the hold, if anything. The grip's centre must be at the height the
    /// implement stands on the floor, within 3 cm (a bar on 450 mm plates:
    /// 0.225 m, B §2b).
    fn floor_problem(&self) -> Option<String> {
        let implement = self.implement();
        let floor = implement.grip_height_on_floor_m()?;
        let y = self.hold_grip()?.y;
        ((y - floor).abs() > FLOOR_TOLERANCE_M).then(|| {
            format!(
                "at the hold the {} is held {:.3} m up, but it stands on the floor at {floor:.3} m; move the hold's knee and hip so the hands reach it",
                implement.id(),
                y
            )
        })
    }
}

impl Key {
    fn checks(&self) -> [(Range, f32); 6] {
        [
            (ranges::HOLDING, self.holding),
            (ranges::KNEE, self.knee_deg),
            // (The hip's own range, narrowed by the knee bend.)
            (ranges::hip_for_knee(self.knee_deg), self.hip_deg),
            (ranges::LUMBAR, self.lumbar_deg),
            (ranges::THORACIC, self.thoracic_deg),
            (ranges::NECK, self.neck_deg),
        ]
    }
}

pub fn out_of_range(range: Range, v: f32) -> String {
    crate::body::RangeError { range, value: v }.to_string()
}

/// The line (1-based) of the `nth` occurrence (0-based) of `needle`, or of
/// the first when there are fewer; 0 when it does not occur.
pub fn nth_line_of(text: &str, needle: &str, nth: usize) -> usize {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    lines
        .get(nth)
        .or(lines.first())
        .copied()
        .unwrap_or_default()
}
