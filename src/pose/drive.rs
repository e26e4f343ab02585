//! A playing drill drives the pose: playback advances, the drill's pose (or
//! one still key of it) goes into the controls with its stance, arms and
//! load, and its props go on the stage. The views say which through
//! [`PoseSource`]; the playback actions (keys, clicker, pads) move it.

use bevy::prelude::*;

use crate::body::Joint;
use crate::drill::{Drill, Key, Library, Playback};
use crate::input::Action;
use crate::options::ViewState;
use crate::stage::props::ActiveProps;

use super::PoseControls;

/// Where the main figure's pose comes from this frame. Each view sets it
/// (in `Frame::ApplyActions`); the drive reads it.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Default)]
pub enum PoseSource {
    /// The sliders alone; no drill on the stage (explore).
    #[default]
    Sliders,
    /// The learner's own angles in the playing drill's stance, arms, load
    /// and props (a lesson turn, a set-the-pose question).
    SlidersInDrill,
    /// The playing drill, frame by frame.
    Drill,
    /// One key of the playing drill, held still (a lesson step that shows a pose).
    Still(Key),
}

/// Advance the playing drill and put its pose, load and props on stage.
pub(super) fn drive_from_drill(
    time: Res<Time>,
    source: Res<PoseSource>,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    mut controls: ResMut<PoseControls>,
    mut props: ResMut<ActiveProps>,
) {
    let drill = playback.drill.as_deref().and_then(|id| library.get(id));
    let Some(drill) = drill.filter(|_| *source != PoseSource::Sliders) else {
        if props.drill.is_some() {
            *props = ActiveProps::default();
        }
        if controls.moment.is_some() {
            controls.moment = None;
        }
        return;
    };
    // Props and preset change with the drill, not with every frame.
    if props.drill.as_deref() != Some(drill.id.as_str()) {
        *props = active_props(drill);
    }
    if controls.preset != drill.preset() {
        controls.preset = drill.preset().to_string();
    }
    let mut r = controls.request;
    let mut moment = None;
    match *source {
        PoseSource::Drill => {
            playback.advance(drill, time.delta_secs());
            let (key, phase) = drill.sample(playback.time_s);
            r.pose = drill.request(&key).pose;
            moment = Some(drill.moment(&key, phase));
        }
        PoseSource::Still(key) => r.pose = drill.request(&key).pose,
        PoseSource::Sliders | PoseSource::SlidersInDrill => {}
    }
    // The learner's own angles (when trying) or the drill's, in the drill's
    // stance, arms and load; the body (height, sex, mass) stays the user's.
    drill.equip(&mut r);
    crate::drill::with_load(&mut r, playback.load_kg);
    if r != controls.request || moment != controls.moment {
        controls.request = r;
        controls.moment = moment;
    }
}

/// The drill's props, with the wall where this body's hips reach it at the
/// sticking point (seed 003 puts it a foot's length behind the heels; closer
/// is the easier version, and that is where a mannequin of this size touches).
pub fn active_props(drill: &Drill) -> ActiveProps {
    let hold = drill.hold().map(|p| p.to).unwrap_or_default();
    let solved = crate::body::solve(&drill.request(&hold));
    let knee_z = solved
        .joint(Joint::KneeL)
        .z
        .max(solved.joint(Joint::KneeR).z);
    ActiveProps {
        drill: Some(drill.id.clone()),
        props: drill.props.clone(),
        load_at: drill.load_place(),
        wall_z: solved.joint(Joint::Sacrum).z - 0.06,
        // Its near edge just touches the shins at the sticking point.
        bench_z: knee_z + 0.21,
    }
}

/// The view on screen and the way to another (none in some test apps).
type Views<'w> = (
    Option<Res<'w, State<ViewState>>>,
    Option<ResMut<'w, NextState<ViewState>>>,
);

/// Playback speeds the slower / faster actions step through.
const SPEEDS: [f32; 6] = [0.1, 0.25, 0.5, 1.0, 1.5, 2.0];

/// Next / previous drill, play, speed and steps from keys, clicker and pads
/// (the quiz reads the same actions as its own).
pub(super) fn playback_actions(
    mut actions: MessageReader<Action>,
    library: Res<Library>,
    mut playback: ResMut<Playback>,
    views: Views,
    stepping: Option<Res<crate::input::PlanStepping>>,
) {
    let (state, next) = views;
    let stepping = stepping.map_or(crate::input::PlanStepping(false), |s| *s);
    let in_explore = state.is_some_and(|s| *s.get() == ViewState::Explore);
    let mut next = next;
    for action in actions.read().copied() {
        let drill = playback
            .drill
            .as_deref()
            .and_then(|id| library.get(id))
            .cloned();
        match action {
            // A class plan's step chooses the drill.
            Action::NextDrill | Action::PreviousDrill if stepping.0 => {}
            Action::NextDrill | Action::PreviousDrill => {
                let n = library.drills.len();
                if n == 0 {
                    continue;
                }
                let at = playback
                    .drill
                    .as_deref()
                    .and_then(|id| library.drills.iter().position(|d| d.id == id));
                let i = match (at, action) {
                    (None, _) => 0,
                    (Some(i), Action::NextDrill) => (i + 1) % n,
                    (Some(i), _) => (i + n - 1) % n,
                };
                playback.start(&library.drills[i].id);
                if in_explore && let Some(next) = next.as_mut() {
                    next.set(ViewState::Drills);
                }
            }
            Action::PlayPause => {
                if let Some(d) = &drill {
                    playback.toggle(d);
                }
            }
            Action::Slower | Action::Faster => {
                let i = SPEEDS
                    .iter()
                    .position(|s| *s >= playback.speed - 1e-3)
                    .unwrap_or(SPEEDS.len() - 1);
                let j = if action == Action::Faster {
                    (i + 1).min(SPEEDS.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                playback.set_speed(SPEEDS[j]);
            }
            Action::StepBack | Action::StepForward => {
                if let Some(d) = &drill {
                    playback.step(d, if action == Action::StepBack { -1 } else { 1 });
                }
            }
            _ => {}
        }
    }
}
