//! Content in RON: parsing with errors that name the file, the line and the
//! problem. Built-in content is embedded in the binary so the command line and
//! the web build work from anywhere; the same files live under `assets/`.

use std::fmt;

use serde::de::DeserializeOwned;

/// A problem with a content file: which file, where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    /// 1-based line, 0 when the problem is not tied to a line.
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 && self.col > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.col, self.message
            )
        } else if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for ContentError {}

impl ContentError {
    /// A problem with the file as a whole (unreadable, missing).
    pub fn whole_file(file: impl fmt::Display, message: impl Into<String>) -> ContentError {
        ContentError::at_line(file, 0, message)
    }

    /// A problem found after parsing, on a line (0 when not tied to one).
    pub fn at_line(
        file: impl fmt::Display,
        line: usize,
        message: impl Into<String>,
    ) -> ContentError {
        ContentError {
            file: file.to_string(),
            line,
            col: 0,
            message: message.into(),
        }
    }
}

/// Parse one RON document, naming the file and the line on error.
pub fn parse_ron<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, ContentError> {
    ron::Options::default()
        .from_str(text)
        .map_err(|e| ContentError {
            file: file.to_string(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: e.code.to_string(),
        })
}

/// Find the line of the first occurrence of `needle` in `text` (1-based), for
/// errors found after parsing (an id that does not exist, a duplicate).
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

/// Built-in content, embedded at compile time.
pub mod builtin {
    pub const THRESHOLDS: (&str, &str) = (
        "coach/thresholds.ron",
        include_str!("../../assets/coach/thresholds.ron"),
    );
    pub const FAULTS: (&str, &str) = ("faults.ron", include_str!("../../assets/faults.ron"));

    pub const LESSON: (&str, &str) = ("lesson.ron", include_str!("../../assets/lesson.ron"));

    macro_rules! quizzes {
        ($($id:literal),* $(,)?) => {
            &[$(($id, include_str!(concat!("../../assets/quiz/", $id, ".quiz.ron")))),*]
        };
    }

    /// Every quiz file under `assets/quiz/`, by id, in the order the quiz
    /// list shows them: the basics first (a test checks that this list and
    /// the folder agree).
    pub const QUIZZES: &[(&str, &str)] = quizzes!["hinge-basics", "faults-and-cues", "the-ladder"];

    /// Every drill file under `assets/drills/`, by id, in name order (listed
    /// by `build.rs`). The app loads them through the asset server (the web
    /// has no folder listing: this list names them); the command line and
    /// the tests read these embedded copies.
    pub const DRILLS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/drills.rs"));

    /// Every class plan under `assets/plans/`, by id, in name order (listed
    /// by `build.rs`).
    pub const PLANS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/plans.rs"));
}
