//! Settings kept between runs: the window's size, the last view and drill,
//! the text size.
//! Kept in the platform's [`Store`](crate::store::Store): written
//! atomically; a damaged file is set aside and reported.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Resource)]
#[serde(default)]
pub struct Settings {
    /// The file format's version.
    pub version: u32,
    /// Logical window size.
    pub window: (u32, u32),
    /// The last view.
    pub view: crate::options::View,
    /// The last drill.
    pub drill: Option<String>,
    /// The learner's text size (`ui::TextScale`), 1 as the tutor comes.
    pub text_scale: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: 1,
            window: (1280, 720),
            view: crate::options::View::Explore,
            drill: None,
            text_scale: 1.0,
        }
    }
}

impl crate::store::Versioned for Settings {
    const VERSION: u32 = 1;
    fn version(&self) -> u32 {
        self.version
    }
}

/// The settings' name in the store.
pub const NAME: &str = "settings.ron";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("hinge-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn settings_round_trip_and_a_missing_file_gives_defaults() {
        let d = dir("trip");
        let store = Store::Dir(d.join("hinge"));
        assert_eq!(store.load::<Settings>(NAME), (Settings::default(), None));
        let s = Settings {
            window: (1920, 1080),
            view: crate::options::View::Drills,
            drill: Some("barbell-rdl".into()),
            text_scale: 1.3,
            ..Default::default()
        };
        store.save(NAME, &s).unwrap();
        assert_eq!(store.load::<Settings>(NAME), (s, None));
        assert!(!d.join("hinge/settings.ron.tmp").exists());
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_reported_not_overwritten() {
        let d = dir("corrupt");
        std::fs::create_dir_all(&d).unwrap();
        let store = Store::Dir(d.clone());
        let path = d.join(NAME);
        std::fs::write(&path, "(window: (1920, oops").unwrap();
        let (s, message) = store.load::<Settings>(NAME);
        assert_eq!(s, Settings::default());
        let message = message.unwrap();
        assert!(message.contains("corrupt-1"), "{message}");
        assert_eq!(
            std::fs::read_to_string(d.join("settings.ron.corrupt-1")).unwrap(),
            "(window: (1920, oops"
        );
        // A second damaged file does not replace the first one set aside.
        std::fs::write(&path, "garbage").unwrap();
        let (_, message) = store.load::<Settings>(NAME);
        assert!(message.unwrap().contains("corrupt-2"));
        assert!(d.join("settings.ron.corrupt-1").exists());
        std::fs::remove_dir_all(&d).ok();
    }
}
