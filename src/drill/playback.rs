//! Playback of a drill: play, pause, step, scrub, speed, loop, and a hold at
//! the sticking point. Plain data advanced by the app's clock, so tests can
//! drive it without a window.

use super::Drill;

/// Slowest and fastest playback speed (PRODUCT.md §4).
pub const MIN_SPEED: f32 = 0.1;
pub const MAX_SPEED: f32 = 2.0;
/// One step of the step buttons, seconds of drill time (a 30 fps frame).
pub const STEP_S: f32 = 1.0 / 30.0;

#[derive(Debug, Clone, PartialEq, bevy::prelude::Resource)]
pub struct Playback {
    /// The drill playing, by id.
    pub drill: Option<String>,
    /// Seconds into the repetition.
    pub time_s: f32,
    pub playing: bool,
    pub speed: f32,
    /// Start again at the end (otherwise stop there).
    pub looping: bool,
    /// Stop at the sticking point and stay there until played again.
    pub hold_at_sticking_point: bool,
    /// The learner's own load for this drill, kilograms; `None` is the
    /// drill's example load. A new drill starts with its own.
    pub load_kg: Option<f32>,
}

impl Default for Playback {
    fn default() -> Self {
        Playback {
            drill: None,
            time_s: 0.0,
            playing: true,
            speed: 1.0,
            looping: true,
            hold_at_sticking_point: false,
            load_kg: None,
        }
    }
}

impl Playback {
    /// Advance by `dt` seconds of wall time.
    pub fn advance(&mut self, drill: &Drill, dt: f32) {
        if !self.playing || !dt.is_finite() || dt <= 0.0 {
            return;
        }
        let total = drill.duration_s();
        if total <= 0.0 {
            return;
        }
        let before = self.time_s;
        let mut t = before + dt * self.speed.clamp(MIN_SPEED, MAX_SPEED);
        if self.hold_at_sticking_point {
            let hold = drill.hold_start_s();
            if before < hold && t >= hold {
                self.time_s = hold;
                self.playing = false;
                return;
            }
        }
        if t >= total {
            if self.looping {
                t %= total;
            } else {
                t = total;
                self.playing = false;
            }
        }
        self.time_s = t;
    }

    /// Move by whole steps (negative steps go back), pausing playback.
    pub fn step(&mut self, drill: &Drill, steps: i32) {
        self.playing = false;
        let total = drill.duration_s();
        self.time_s = (self.time_s + steps as f32 * STEP_S).clamp(0.0, total);
    }

    /// Jump to a time, pausing playback.
    pub fn scrub(&mut self, drill: &Drill, t: f32) {
        self.playing = false;
        self.time_s = if t.is_finite() {
            t.clamp(0.0, drill.duration_s())
        } else {
            0.0
        };
    }

    /// Play or pause; playing again at the end of a non-looping run restarts.
    pub fn toggle(&mut self, drill: &Drill) {
        if !self.playing && !self.looping && self.time_s >= drill.duration_s() {
            self.time_s = 0.0;
        }
        self.playing = !self.playing;
    }

    pub fn set_speed(&mut self, speed: f32) {
        self.speed = if speed.is_finite() {
            speed.clamp(MIN_SPEED, MAX_SPEED)
        } else {
            1.0
        };
    }

    /// Start a drill from its beginning.
    pub fn start(&mut self, id: &str) {
        self.drill = Some(id.to_string());
        self.time_s = 0.0;
        self.playing = true;
        self.load_kg = None;
    }
}
