//! Settings kept between runs: the window's size, the last view and drill,
//! the text size, the units of loads, the side panels' widths.
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
    /// Loads in kilograms or pounds.
    pub units: crate::options::Units,
    /// The side panels as the learner left them: widths and folded ones.
    pub panels: PanelLayout,
}

/// The side panels of a window big enough for them: the widths they were
/// dragged to and the ones folded away, by panel id (`ui::side_panel`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, bevy::prelude::Resource)]
#[serde(default)]
pub struct PanelLayout {
    pub widths: std::collections::BTreeMap<String, f32>,
    pub folded: std::collections::BTreeSet<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: 1,
            window: (1280, 720),
            view: crate::options::View::Explore,
            drill: None,
            text_scale: 1.0,
            units: crate::options::Units::Kg,
            panels: PanelLayout::default(),
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
            units: crate::options::Units::Lb,
            panels: PanelLayout {
                widths: [("card".to_string(), 420.0)].into(),
                folded: ["controls".to_string()].into(),
            },
            ..Default::default()
        };
        store.save(NAME, &s).unwrap();
        assert_eq!(store.load::<Settings>(NAME), (s, None));
        assert!(!d.join("hinge/settings.ron.tmp").exists());
        std::fs::remove_dir_all(&d).ok();
    }

    /// A settings file from before the units were kept still loads, in kg.
    #[test]
    fn an_older_settings_file_without_units_loads_in_kg() {
        let d = dir("older");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join(NAME),
            "(version: 1, window: (1280, 720), view: drills, drill: None, text_scale: 1.2)",
        )
        .unwrap();
        let (s, message) = Store::Dir(d.clone()).load::<Settings>(NAME);
        assert_eq!(message, None);
        assert_eq!(s.units, crate::options::Units::Kg);
        assert_eq!(s.text_scale, 1.2);
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn pounds_are_shown_whole_and_come_back_to_the_same_kilograms() {
        use crate::options::Units;
        assert_eq!(Units::Lb.say(50.0), "110 lb");
        assert_eq!(Units::Kg.say(50.0), "50 kg");
        assert_eq!(Units::Lb.say(100.0), "220 lb");
        for kg in [0.0, 8.0, 24.0, 60.0, 142.5] {
            let back = Units::Lb.to_kg(Units::Lb.shown(kg));
            assert!((back - kg).abs() < 1e-3, "{kg} kg came back as {back}");
        }
        // 45 lb, the standard bar, is 20.4 kg.
        assert!((Units::Lb.to_kg(45.0) - 20.41).abs() < 0.01);
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
