//! What a solved body is: its named points, whether it balances, what its
//! hands hold, and what can be read from it. `solve` finds one; metrics,
//! moments and the stage read it.

use glam::Vec3;
use serde::Serialize;

use super::anthropometry::Body;
use super::pose::{Implement, Load, PoseRequest};

/// Named points of the solved body. Left is +X, forward is +Z, up is +Y;
/// the origin is on the floor under the midpoint of the two midfeet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[repr(usize)]
pub enum Joint {
    HeelL,
    AnkleL,
    BallL,
    ToeL,
    KneeL,
    HipL,
    HeelR,
    AnkleR,
    BallR,
    ToeR,
    KneeR,
    HipR,
    /// Mid-hip: between the two hip joint centres.
    Pelvis,
    L5S1,
    T12,
    T6,
    /// Base of the neck (suprasternale level on the trunk axis).
    NeckBase,
    /// Top of the neck, where the head turns.
    HeadBase,
    Vertex,
    /// A point in front of the face: head centre plus the facing direction.
    Nose,
    /// The shoulder joint's centre (glenohumeral).
    ShoulderL,
    ElbowL,
    WristL,
    /// The tip of the hand bone (the knuckles).
    HandL,
    ShoulderR,
    ElbowR,
    WristR,
    HandR,
    /// Dowel contact points on the back surface.
    Sacrum,
    UpperBack,
    Occiput,
    /// The sternal end of each collar bone: the shoulder girdle turns here.
    ClavicleL,
    ClavicleR,
    /// Where each hand holds a bar or a handle, in the fingers and palm.
    GripL,
    GripR,
}

pub const JOINT_COUNT: usize = Joint::GripR as usize + 1;

/// Whether the solver could balance the pose within the ankle's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    Balanced,
    /// No shin angle in range brings the centre of mass over the target,
    /// and it ends up ahead of it: the weight is on the toes.
    OnToes,
    /// No shin angle in range brings the centre of mass over the target,
    /// and it ends up behind it: the weight is on the heels.
    OnHeels,
}

/// What the hands hold (or will take) in the hands: the implement and where
/// each hand's grip is on it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Held {
    pub implement: Implement,
    /// Left and right grip on the implement.
    #[serde(skip)]
    pub grips: [Vec3; 2],
    /// `false`: it rests on the floor over the midfoot, the hands off it.
    pub in_hands: bool,
}

impl Held {
    /// The grip's centre: the bar's axis, the middle of the two handles.
    pub fn centre(&self) -> Vec3 {
        (self.grips[0] + self.grips[1]) * 0.5
    }
}

/// A solved, balanced (or honestly unbalanced) body.
#[derive(Debug, Clone, Serialize)]
pub struct SolvedBody {
    pub request: PoseRequest,
    pub body: Body,
    #[serde(skip)]
    pub joints: [Vec3; JOINT_COUNT],
    /// The solved shin lean from vertical, forward positive (the ankle angle).
    pub shin_deg: f32,
    pub balance: Balance,
    /// Centre of mass of body plus load.
    pub com: Vec3,
    pub total_mass_kg: f32,
    /// Where the load's centre of mass is, if the body carries a load.
    pub load_com: Option<Vec3>,
    /// A load in the hands: what it is and where it is held (or rests).
    pub held: Option<Held>,
    /// The foot's pitch from the floor, degrees (0 flat; a plate under the toes raises it).
    pub foot_pitch_deg: f32,
}

impl SolvedBody {
    pub fn joint(&self, j: Joint) -> Vec3 {
        self.joints[j as usize]
    }

    /// The midfoot the balance aims for, on the floor.
    pub fn midfoot(&self) -> Vec3 {
        Vec3::ZERO
    }

    /// The load the body carries (`None` when it rests on the floor).
    pub fn carried_load(&self) -> Option<Load> {
        let load = self.request.load?;
        match self.held {
            Some(h) if !h.in_hands => None,
            _ => Some(load),
        }
    }
}
