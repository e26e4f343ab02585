//! The humanoid rig: bone names (VRM, with Mixamo aliases), which body joints
//! each bone spans, and the rotation that takes a bone from its rest pose to
//! a solved pose. Plain Rust over glam.

use glam::{Mat3, Quat, Vec3};

use crate::body::{Joint, SolvedBody};

/// Bones the tutor drives, named as in the VRM humanoid (BIOMECHANICS.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(usize)]
pub enum Bone {
    Hips,
    Spine,
    Chest,
    UpperChest,
    Neck,
    Head,
    LeftUpperLeg,
    LeftLowerLeg,
    LeftFoot,
    LeftToes,
    RightUpperLeg,
    RightLowerLeg,
    RightFoot,
    RightToes,
    LeftShoulder,
    LeftUpperArm,
    LeftLowerArm,
    LeftHand,
    RightShoulder,
    RightUpperArm,
    RightLowerArm,
    RightHand,
}

pub const BONE_COUNT: usize = Bone::RightHand as usize + 1;

impl Bone {
    pub const ALL: [Bone; BONE_COUNT] = [
        Bone::Hips,
        Bone::Spine,
        Bone::Chest,
        Bone::UpperChest,
        Bone::Neck,
        Bone::Head,
        Bone::LeftUpperLeg,
        Bone::LeftLowerLeg,
        Bone::LeftFoot,
        Bone::LeftToes,
        Bone::RightUpperLeg,
        Bone::RightLowerLeg,
        Bone::RightFoot,
        Bone::RightToes,
        Bone::LeftShoulder,
        Bone::LeftUpperArm,
        Bone::LeftLowerArm,
        Bone::LeftHand,
        Bone::RightShoulder,
        Bone::RightUpperArm,
        Bone::RightLowerArm,
        Bone::RightHand,
    ];

    pub fn vrm_name(self) -> &'static str {
        match self {
            Bone::Hips => "hips",
            Bone::Spine => "spine",
            Bone::Chest => "chest",
            Bone::UpperChest => "upperChest",
            Bone::Neck => "neck",
            Bone::Head => "head",
            Bone::LeftUpperLeg => "leftUpperLeg",
            Bone::LeftLowerLeg => "leftLowerLeg",
            Bone::LeftFoot => "leftFoot",
            Bone::LeftToes => "leftToes",
            Bone::RightUpperLeg => "rightUpperLeg",
            Bone::RightLowerLeg => "rightLowerLeg",
            Bone::RightFoot => "rightFoot",
            Bone::RightToes => "rightToes",
            Bone::LeftShoulder => "leftShoulder",
            Bone::LeftUpperArm => "leftUpperArm",
            Bone::LeftLowerArm => "leftLowerArm",
            Bone::LeftHand => "leftHand",
            Bone::RightShoulder => "rightShoulder",
            Bone::RightUpperArm => "rightUpperArm",
            Bone::RightLowerArm => "rightLowerArm",
            Bone::RightHand => "rightHand",
        }
    }

    /// The Mixamo name without its `mixamorig:` prefix (BIOMECHANICS.md §5).
    pub fn mixamo_name(self) -> &'static str {
        match self {
            Bone::Hips => "Hips",
            Bone::Spine => "Spine",
            Bone::Chest => "Spine1",
            Bone::UpperChest => "Spine2",
            Bone::Neck => "Neck",
            Bone::Head => "Head",
            Bone::LeftUpperLeg => "LeftUpLeg",
            Bone::LeftLowerLeg => "LeftLeg",
            Bone::LeftFoot => "LeftFoot",
            Bone::LeftToes => "LeftToeBase",
            Bone::RightUpperLeg => "RightUpLeg",
            Bone::RightLowerLeg => "RightLeg",
            Bone::RightFoot => "RightFoot",
            Bone::RightToes => "RightToeBase",
            Bone::LeftShoulder => "LeftShoulder",
            Bone::LeftUpperArm => "LeftArm",
            Bone::LeftLowerArm => "LeftForeArm",
            Bone::LeftHand => "LeftHand",
            Bone::RightShoulder => "RightShoulder",
            Bone::RightUpperArm => "RightArm",
            Bone::RightLowerArm => "RightForeArm",
            Bone::RightHand => "RightHand",
        }
    }

    /// Which bone a node name stands for, in VRM or Mixamo naming
    /// (`mixamorig:Hips`, `mixamorigHips` or plain `Hips`).
    pub fn from_node_name(name: &str) -> Option<Bone> {
        let bare = name
            .strip_prefix("mixamorig:")
            .or_else(|| name.strip_prefix("mixamorig"))
            .unwrap_or(name);
        Bone::ALL.into_iter().find(|b| {
            b.vrm_name() == name
                || b.mixamo_name() == bare
                || b.vrm_name().eq_ignore_ascii_case(bare)
        })
    }

    pub fn parent(self) -> Option<Bone> {
        use Bone::*;
        Some(match self {
            Hips => return None,
            Spine => Hips,
            Chest => Spine,
            UpperChest => Chest,
            Neck => UpperChest,
            Head => Neck,
            LeftUpperLeg | RightUpperLeg => Hips,
            LeftLowerLeg => LeftUpperLeg,
            LeftFoot => LeftLowerLeg,
            LeftToes => LeftFoot,
            RightLowerLeg => RightUpperLeg,
            RightFoot => RightLowerLeg,
            RightToes => RightFoot,
            LeftShoulder | RightShoulder => UpperChest,
            LeftUpperArm => LeftShoulder,
            LeftLowerArm => LeftUpperArm,
            LeftHand => LeftLowerArm,
            RightUpperArm => RightShoulder,
            RightLowerArm => RightUpperArm,
            RightHand => RightLowerArm,
        })
    }

    /// The body joints at the bone's head and tail.
    pub fn joints(self) -> (Joint, Joint) {
        use Bone::*;
        use Joint as J;
        match self {
            Hips => (J::Pelvis, J::L5S1),
            Spine => (J::L5S1, J::T12),
            Chest => (J::T12, J::T6),
            UpperChest => (J::T6, J::NeckBase),
            Neck => (J::NeckBase, J::HeadBase),
            Head => (J::HeadBase, J::Vertex),
            LeftUpperLeg => (J::HipL, J::KneeL),
            LeftLowerLeg => (J::KneeL, J::AnkleL),
            LeftFoot => (J::AnkleL, J::BallL),
            LeftToes => (J::BallL, J::ToeL),
            RightUpperLeg => (J::HipR, J::KneeR),
            RightLowerLeg => (J::KneeR, J::AnkleR),
            RightFoot => (J::AnkleR, J::BallR),
            RightToes => (J::BallR, J::ToeR),
            // The collar bones turn as the shoulder blades slide.
            LeftShoulder => (J::ClavicleL, J::ShoulderL),
            RightShoulder => (J::ClavicleR, J::ShoulderR),
            LeftUpperArm => (J::ShoulderL, J::ElbowL),
            LeftLowerArm => (J::ElbowL, J::WristL),
            LeftHand => (J::WristL, J::HandL),
            RightUpperArm => (J::ShoulderR, J::ElbowR),
            RightLowerArm => (J::ElbowR, J::WristR),
            RightHand => (J::WristR, J::HandR),
        }
    }

    /// The bone that starts where this one ends (none for the head, toes
    /// and hands).
    pub fn next(self) -> Option<Bone> {
        let (_, tail) = self.joints();
        Bone::ALL.into_iter().find(|b| b.joints().0 == tail)
    }

    pub fn is_left_leg(self) -> bool {
        matches!(
            self,
            Bone::LeftUpperLeg | Bone::LeftLowerLeg | Bone::LeftFoot | Bone::LeftToes
        )
    }

    pub fn is_right_leg(self) -> bool {
        matches!(
            self,
            Bone::RightUpperLeg | Bone::RightLowerLeg | Bone::RightFoot | Bone::RightToes
        )
    }
}

/// Where a bone points and which way its side faces: enough to fix its rotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aim {
    /// Unit vector from the bone's head towards its tail.
    pub along: Vec3,
    /// A vector roughly perpendicular to `along`, towards the body's left
    /// (for a foot, the foot's own left as it turns out).
    pub side: Vec3,
}

impl Aim {
    fn basis(&self) -> Option<Mat3> {
        let y = self.along.normalize_or_zero();
        let x = (self.side - y * self.side.dot(y)).normalize_or_zero();
        if y == Vec3::ZERO || x == Vec3::ZERO {
            return None;
        }
        Some(Mat3::from_cols(x, y, x.cross(y)))
    }

    /// The world rotation that turns a bone aimed like `rest` into one aimed
    /// like `self`.
    pub fn rotation_from(&self, rest: &Aim) -> Quat {
        match (self.basis(), rest.basis()) {
            (Some(to), Some(from)) => Quat::from_mat3(&(to * from.transpose())).normalize(),
            _ => Quat::IDENTITY,
        }
    }
}

/// The aim of every bone in a solved body.
pub fn aims(solved: &SolvedBody) -> [Option<Aim>; BONE_COUNT] {
    let toe_out = solved.request.pose.toe_out_deg.to_radians();
    let (s, c) = toe_out.sin_cos();
    // The foot's left: the body's left turned with the foot.
    let left_foot_side = Vec3::new(c, 0.0, -s);
    let right_foot_side = Vec3::new(c, 0.0, s);
    Bone::ALL.map(|bone| {
        let (head, tail) = bone.joints();
        let side = if bone.is_left_leg() {
            left_foot_side
        } else if bone.is_right_leg() {
            right_foot_side
        } else {
            Vec3::X
        };
        Some(Aim {
            along: solved.joint(tail) - solved.joint(head),
            side,
        })
    })
}
