//! Where the app keeps what it must not lose (settings, best quiz scores):
//! RON files in the user's config directory on the desktop, the browser's
//! local storage on the web.
//!
//! A file is written atomically (a temporary file beside it, flushed to disk,
//! then renamed over it), so a crash mid-write leaves the old file whole. A
//! saved value that does not parse, or comes from a newer version of the
//! app, is set aside under a new name (`NAME.corrupt-N`) and reported, never
//! silently overwritten.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A place for saved values.
#[derive(Debug, Clone, PartialEq, Eq, bevy::prelude::Resource)]
pub enum Store {
    /// Files in this folder.
    Dir(PathBuf),
    /// The browser's `localStorage`, keys prefixed `hinge/`.
    Browser,
}

/// Saved values carry their format's version, so an older app can tell a
/// file from a newer one apart from a damaged one.
pub trait Versioned {
    /// The newest version this build reads.
    const VERSION: u32;
    fn version(&self) -> u32;
}

impl Store {
    /// The platform's store: the platform's config folder on the desktop
    /// (`$XDG_CONFIG_HOME/hinge`, else `~/.config/hinge` on Linux;
    /// `~/Library/Application Support/hinge` on macOS; `%APPDATA%\hinge` on
    /// Windows), local storage in a browser. `HINGE_CONFIG_DIR` overrides
    /// the folder.
    pub fn platform() -> Option<Store> {
        #[cfg(target_arch = "wasm32")]
        {
            if browser::storage().is_err() {
                // Said once, however many things would have been saved.
                static SAID: std::sync::Once = std::sync::Once::new();
                SAID.call_once(|| {
                    crate::notify::notice(
                        "this browser keeps no storage for this page (turned off, or blocked for this site): the tutor works, but will not remember your settings or best scores",
                    );
                });
                return None;
            }
            Some(Store::Browser)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            if let Some(dir) = std::env::var_os("HINGE_CONFIG_DIR") {
                return Some(Store::Dir(PathBuf::from(dir)));
            }
            Some(Store::Dir(dirs::config_dir()?.join("hinge")))
        }
    }

    /// Where `name` lives, for messages.
    pub fn describe(&self, name: &str) -> String {
        match self {
            Store::Dir(d) => d.join(name).display().to_string(),
            Store::Browser => format!("browser storage '{}'", key(name)),
        }
    }

    /// Read `name`. Missing gives the default and no message; unreadable,
    /// damaged or from a newer version gives the default and a message
    /// saying what happened and where the old value went.
    pub fn load<T: DeserializeOwned + Default + Versioned>(
        &self,
        name: &str,
    ) -> (T, Option<String>) {
        let text = match self.read(name) {
            Ok(Some(t)) => t,
            Ok(None) => return (T::default(), None),
            Err(e) => {
                return (
                    T::default(),
                    Some(format!(
                        "cannot read {}: {e}; using the defaults",
                        self.describe(name)
                    )),
                );
            }
        };
        let problem = match crate::content::parse_ron::<T>(&self.describe(name), &text) {
            Ok(v) if v.version() <= T::VERSION => return (v, None),
            Ok(v) => format!(
                "{} was written by a newer Hinge (format {}, this one reads up to {})",
                self.describe(name),
                v.version(),
                T::VERSION
            ),
            Err(e) => format!("{} is damaged ({e})", self.describe(name)),
        };
        let what = match self.set_aside(name, &text) {
            Ok(aside) => format!("set aside as {aside}"),
            Err(e) => {
                format!("could not be set aside ({e}); it is left as it is and not saved over")
            }
        };
        (
            T::default(),
            Some(format!("{problem}; {what}; using the defaults")),
        )
    }

    /// Write `name` atomically.
    pub fn save<T: Serialize>(&self, name: &str, value: &T) -> std::io::Result<()> {
        let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        match self {
            Store::Dir(d) => write_atomic(&d.join(name), text.as_bytes()),
            Store::Browser => browser::set(&key(name), &text),
        }
    }

    fn read(&self, name: &str) -> std::io::Result<Option<String>> {
        match self {
            Store::Dir(d) => match std::fs::read_to_string(d.join(name)) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
            Store::Browser => browser::get(&key(name)),
        }
    }

    /// Move a bad value out of the way under the first free `NAME.corrupt-N`.
    fn set_aside(&self, name: &str, text: &str) -> std::io::Result<String> {
        for n in 1..10_000 {
            let aside = format!("{name}.corrupt-{n}");
            match self {
                Store::Dir(d) => {
                    let to = d.join(&aside);
                    if to.exists() {
                        continue;
                    }
                    std::fs::rename(d.join(name), &to)?;
                    return Ok(to.display().to_string());
                }
                Store::Browser => {
                    if browser::get(&key(&aside))?.is_some() {
                        continue;
                    }
                    browser::set(&key(&aside), text)?;
                    browser::remove(&key(name))?;
                    return Ok(self.describe(&aside));
                }
            }
        }
        Err(std::io::Error::other("too many files already set aside"))
    }
}

fn key(name: &str) -> String {
    format!("hinge/{name}")
}

/// Write a file atomically: a uniquely named temporary file beside it,
/// flushed to disk, then renamed over it. A failure leaves the old file as
/// it was (the temporary file is removed), and two writers at once never
/// share a temporary file: the last rename wins, whole.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.",
            path.file_name().unwrap_or_default().to_string_lossy()
        ))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// A browser has no files to write (its store is local storage).
#[cfg(target_arch = "wasm32")]
pub fn write_atomic(path: &Path, _: &[u8]) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        format!("{}: a browser keeps no files", path.display()),
    ))
}

#[cfg(target_arch = "wasm32")]
mod browser {
    //! `localStorage`; a browser with storage disabled gives an error, not a panic.
    pub fn storage() -> std::io::Result<web_sys::Storage> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| {
                std::io::Error::other(
                    "this browser keeps no storage for the page (turned off, or blocked for this site); nothing will be saved",
                )
            })
    }
    fn js(e: wasm_bindgen::JsValue) -> std::io::Error {
        std::io::Error::other(format!("browser storage: {e:?}"))
    }
    pub fn get(key: &str) -> std::io::Result<Option<String>> {
        storage()?.get_item(key).map_err(js)
    }
    pub fn set(key: &str, value: &str) -> std::io::Result<()> {
        storage()?.set_item(key, value).map_err(js)
    }
    pub fn remove(key: &str) -> std::io::Result<()> {
        storage()?.remove_item(key).map_err(js)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    //! Outside a browser there is no browser storage.
    fn none() -> std::io::Error {
        std::io::Error::other("browser storage exists only in a browser")
    }
    pub fn get(_: &str) -> std::io::Result<Option<String>> {
        Err(none())
    }
    pub fn set(_: &str, _: &str) -> std::io::Result<()> {
        Err(none())
    }
    pub fn remove(_: &str) -> std::io::Result<()> {
        Err(none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    struct Thing {
        version: u32,
        n: u32,
    }
    impl Default for Thing {
        fn default() -> Self {
            Thing { version: 1, n: 0 }
        }
    }
    impl Versioned for Thing {
        const VERSION: u32 = 1;
        fn version(&self) -> u32 {
            self.version
        }
    }

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hinge-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn round_trip_missing_and_no_temporary_file_left() {
        let d = dir("trip");
        let store = Store::Dir(d.clone());
        assert_eq!(store.load::<Thing>("t.ron"), (Thing::default(), None));
        let t = Thing { version: 1, n: 7 };
        store.save("t.ron", &t).unwrap();
        assert_eq!(store.load::<Thing>("t.ron"), (t, None));
        let left: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["t.ron"], "only the file itself is left");
        std::fs::remove_dir_all(&d).ok();
    }

    /// Two copies of the tutor saving the same file at once: every save
    /// succeeds, and the file is always one of the two, whole.
    #[test]
    fn two_writers_at_once_never_clash() {
        let d = dir("two");
        let path = d.join("scores.ron");
        let a = "a".repeat(64 * 1024);
        let b = "b".repeat(64 * 1024);
        std::thread::scope(|s| {
            for text in [&a, &b] {
                let path = &path;
                s.spawn(move || {
                    for _ in 0..200 {
                        write_atomic(path, text.as_bytes()).expect("a save never fails");
                    }
                });
            }
            s.spawn(|| {
                for _ in 0..400 {
                    if let Ok(read) = std::fs::read_to_string(&path) {
                        assert!(read == a || read == b, "a torn file: {} bytes", read.len());
                    }
                }
            });
        });
        let left = std::fs::read_dir(&d).unwrap().count();
        assert_eq!(left, 1, "no temporary file left behind");
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_newer_version_is_set_aside_not_overwritten() {
        let d = dir("future");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("t.ron"), "(version: 9, n: 3)").unwrap();
        let (t, message) = Store::Dir(d.clone()).load::<Thing>("t.ron");
        assert_eq!(t, Thing::default());
        let message = message.unwrap();
        assert!(
            message.contains("newer") && message.contains("corrupt-1"),
            "{message}"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("t.ron.corrupt-1")).unwrap(),
            "(version: 9, n: 3)"
        );
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_failed_write_leaves_what_was_there_and_no_temporary_file() {
        let d = dir("fail");
        let store = Store::Dir(d.clone());
        store.save("t.ron", &Thing { version: 1, n: 1 }).unwrap();
        // Something that is not a file where the file should go (a folder
        // with a file in it) makes the last step, the rename, fail.
        std::fs::create_dir_all(d.join("u.ron")).unwrap();
        std::fs::write(d.join("u.ron/keep"), "kept").unwrap();
        assert!(store.save("u.ron", &Thing { version: 1, n: 2 }).is_err());
        assert_eq!(
            std::fs::read_to_string(d.join("u.ron/keep")).unwrap(),
            "kept"
        );
        assert_eq!(store.load::<Thing>("t.ron").0.n, 1);
        let mut left: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["t.ron", "u.ron"], "no temporary file is left");
        std::fs::remove_dir_all(&d).ok();
    }
}
