//! Settings kept between runs on the desktop: the window's size and the last
//! view. Written atomically (a temporary file, then a rename); a file that
//! does not parse is set aside under a new name and reported, never
//! silently overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, bevy::prelude::Resource)]
#[serde(default)]
pub struct Settings {
    /// The file format's version.
    pub version: u32,
    /// Logical window size.
    pub window: (u32, u32),
    /// The last view.
    pub view: crate::cli::View,
    /// The last drill.
    pub drill: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: 1,
            window: (1280, 720),
            view: crate::cli::View::Explore,
            drill: None,
        }
    }
}

/// `$XDG_CONFIG_HOME/hinge/settings.ron`, else `~/.config/hinge/settings.ron`.
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("hinge").join("settings.ron"))
}

/// Read the settings. A missing file gives the defaults; a corrupt one is
/// renamed to `settings.ron.corrupt-N` and the defaults come back with a
/// message saying where it went.
pub fn load(path: &Path) -> (Settings, Option<String>) {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Settings::default(), None),
        Err(e) => {
            return (
                Settings::default(),
                Some(format!(
                    "cannot read {}: {e}; using the defaults",
                    path.display()
                )),
            );
        }
    };
    match crate::content::parse_ron::<Settings>(&path.display().to_string(), &text) {
        Ok(s) => (s, None),
        Err(e) => {
            let mut n = 1;
            let aside = loop {
                let candidate = path.with_extension(format!("ron.corrupt-{n}"));
                if !candidate.exists() {
                    break candidate;
                }
                n += 1;
            };
            let moved = std::fs::rename(path, &aside);
            let what = match moved {
                Ok(()) => format!("set aside as {}", aside.display()),
                Err(m) => format!("could not be set aside ({m}); it is left as it is"),
            };
            (
                Settings::default(),
                Some(format!(
                    "settings file is damaged ({e}); {what}; using the defaults"
                )),
            )
        }
    }
}

/// Write the settings atomically: a temporary file beside the target,
/// flushed to disk, then renamed over it.
pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let tmp = path.with_extension("ron.tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hinge-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn settings_round_trip_and_a_missing_file_gives_defaults() {
        let d = dir("trip");
        let path = d.join("hinge/settings.ron");
        assert_eq!(load(&path), (Settings::default(), None));
        let s = Settings {
            window: (1920, 1080),
            view: crate::cli::View::Drills,
            drill: Some("barbell-rdl".into()),
            ..Default::default()
        };
        save(&path, &s).unwrap();
        assert_eq!(load(&path), (s, None));
        assert!(!path.with_extension("ron.tmp").exists());
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_corrupt_file_is_set_aside_and_reported_not_overwritten() {
        let d = dir("corrupt");
        std::fs::create_dir_all(&d).unwrap();
        let path = d.join("settings.ron");
        std::fs::write(&path, "(window: (1920, oops").unwrap();
        let (s, message) = load(&path);
        assert_eq!(s, Settings::default());
        let message = message.unwrap();
        assert!(message.contains("corrupt-1"), "{message}");
        assert_eq!(
            std::fs::read_to_string(d.join("settings.ron.corrupt-1")).unwrap(),
            "(window: (1920, oops"
        );
        // A second damaged file does not replace the first one set aside.
        std::fs::write(&path, "garbage").unwrap();
        let (_, message) = load(&path);
        assert!(message.unwrap().contains("corrupt-2"));
        assert!(d.join("settings.ron.corrupt-1").exists());
        std::fs::remove_dir_all(&d).ok();
    }
}
