//! The drill library: every drill file parsed and checked, in ladder order,
//! the built-in ones embedded and parsed once; a bad file becomes a problem
//! with its file and line while the others load.

use super::Drill;
use crate::coach::ThresholdsFile;
use crate::content::ContentError;

/// The drills in ladder order: by level, then rank, then name.
#[derive(Debug, Clone, Default, PartialEq, bevy::prelude::Resource)]
pub struct Library {
    pub drills: Vec<Drill>,
    /// Files that did not load, with their problem.
    pub problems: Vec<ContentError>,
}

impl Library {
    /// Add a drill, keeping ladder order; a second drill with the same id is
    /// a problem and is left out.
    pub fn insert(&mut self, drill: Drill, file: &str) {
        if self.drills.iter().any(|d| d.id == drill.id) {
            self.problems.push(ContentError::whole_file(
                file,
                format!("a drill with id `{}` already exists", drill.id),
            ));
            return;
        }
        self.drills.push(drill);
        self.drills
            .sort_by(|a, b| (a.level, a.rank, &a.name).cmp(&(b.level, b.rank, &b.name)));
    }

    pub fn get(&self, id: &str) -> Option<&Drill> {
        self.drills.iter().find(|d| d.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.drills.iter().map(|d| d.id.as_str()).collect()
    }

    /// Load a set of (file name, text) pairs; bad files become problems and
    /// the rest still load.
    pub fn from_texts<'a>(
        files: impl IntoIterator<Item = (String, &'a str)>,
        thresholds: &ThresholdsFile,
    ) -> Library {
        let mut library = Library::default();
        for (file, text) in files {
            match Drill::parse(&file, text, thresholds) {
                Ok(d) => {
                    let expected = format!("{}.drill.ron", d.id);
                    if !file.ends_with(&expected) {
                        library.problems.push(ContentError::at_line(
                            file,
                            crate::content::line_of(text, "id:"),
                            format!("the file of drill `{}` must be named {expected}", d.id),
                        ));
                    } else {
                        library.insert(d, &file);
                    }
                }
                Err(e) => library.problems.push(e),
            }
        }
        library
    }

    /// The drills shipped with the app (embedded, for the command line and
    /// the launch checks), parsed once per process.
    pub fn builtin() -> &'static Library {
        static BUILTIN: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(Library::parse_builtin)
    }

    /// Parse and validate the embedded drills (what `builtin` caches).
    pub fn parse_builtin() -> Library {
        let thresholds = ThresholdsFile::builtin();
        Library::from_texts(
            crate::content::builtin::DRILLS
                .iter()
                .map(|(id, text)| (format!("drills/{id}.drill.ron"), *text)),
            &thresholds,
        )
    }
}
