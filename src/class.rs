//! Running a class plan (`plan::PlanRun`) over the views: each step opens
//! its view with its drill, fault, pose, load view or quiz question, and
//! while presenting the clicker's next and previous walk the steps instead
//! of the drills. A shell: it sets what the views read (the playback, the
//! comparison, the quiz session), so the views need not know of plans.

use bevy::prelude::*;

use crate::Frame;
use crate::coach::Fault;
use crate::drill::Playback;
use crate::input::{Action, PlanStepping};
use crate::options::{CameraPreset, ViewState};
use crate::overlay::Overlays;
use crate::plan::{PlanRun, StepView};
use crate::pose::PoseControls;
use crate::stage::camera::Orbit;
use crate::ui::Projection;
use crate::views::compare::CompareSettings;
use crate::views::quiz::session::QuizSession;

pub fn plugin(app: &mut App) {
    crate::order_frame(app);
    app.add_systems(Update, own_the_clicker.in_set(Frame::ReadInput));
    app.add_systems(
        Update,
        (
            step_with_clicker
                .in_set(Frame::ApplyActions)
                .run_if(resource_exists::<PlanRun>),
            // After the actions: a step's drill wins over "next drill".
            apply_step
                .in_set(Frame::DrivePoses)
                .run_if(resource_exists_and_changed::<PlanRun>),
        ),
    );
}

/// Next / previous are the plan's while it runs and the coach presents.
fn own_the_clicker(
    run: Option<Res<PlanRun>>,
    projection: Res<Projection>,
    mut stepping: ResMut<PlanStepping>,
) {
    stepping.set_if_neq(PlanStepping(run.is_some() && projection.on));
}

/// While presenting, next / previous (keys, clicker, pads, the on-screen
/// buttons) move through the plan. The drills and the quiz hear the same
/// actions; the step is put back on screen after them, even at either end.
fn step_with_clicker(
    mut actions: MessageReader<Action>,
    mut run: ResMut<PlanRun>,
    projection: Res<Projection>,
) {
    if !projection.on {
        return;
    }
    for a in actions.read() {
        match a {
            Action::NextDrill => {
                run.forward();
                run.set_changed();
            }
            Action::PreviousDrill => {
                run.back();
                run.set_changed();
            }
            _ => {}
        }
    }
}

/// What the views read, set for the step on screen.
#[derive(bevy::ecs::system::SystemParam)]
struct Stage<'w> {
    next: ResMut<'w, NextState<ViewState>>,
    playback: ResMut<'w, Playback>,
    controls: ResMut<'w, PoseControls>,
    overlays: ResMut<'w, Overlays>,
    compare: ResMut<'w, CompareSettings>,
    quiz: ResMut<'w, QuizSession>,
    orbit: ResMut<'w, Orbit>,
}

fn apply_step(run: Res<PlanRun>, mut stage: Stage) {
    let step = run.current();
    stage.next.set(step.view.into());
    match &step.drill {
        Some(id) if stage.playback.drill.as_deref() != Some(id.as_str()) => {
            stage.playback.start(id);
        }
        Some(_) => {}
        // A still pose: explore, or a comparison posed by the sliders.
        None if step.view != StepView::Quiz => stage.playback.drill = None,
        None => {}
    }
    let pose = &mut stage.controls.request.pose;
    if let Some(k) = step.knee_deg {
        pose.knee_deg = k;
    }
    if let Some(h) = step.hip_deg {
        pose.hip_deg = h;
    }
    stage.overlays.loads = step.loads;
    if let Some(f) = step.fault {
        // Knees caving is a frontal-plane fault: seen from the front.
        let front = f == Fault::KneesCaving;
        *stage.compare = CompareSettings {
            faults: vec![f],
            ghost: false,
            across_x: front,
        };
        *stage.orbit = Orbit::preset(if front {
            CameraPreset::Front
        } else {
            CameraPreset::Side
        });
    } else if step.view != StepView::Quiz {
        *stage.orbit = Orbit::preset(CameraPreset::Side);
    }
    let bank = crate::quiz::QuizBank::builtin();
    if let Some(q) = &step.question
        && let Some((quiz, _)) = bank.find_question(q)
    {
        // The group's quiz, at this question.
        stage.quiz.autostart = Some(quiz.id.clone());
        stage.quiz.first_question = Some(q.clone());
        stage.quiz.group = true;
    }
}
