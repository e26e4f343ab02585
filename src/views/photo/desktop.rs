//! On the desktop: the view's "Open a photo" button opens the system's file
//! chooser (the desktop portal, or zenity where there is none) on its own
//! thread, so the window keeps drawing while it is open; the chosen file
//! opens as a dropped one does.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::tasks::{IoTaskPool, Task, futures::check_ready};

use super::PhotoCheck;
use crate::options::ViewState;

/// The file chooser, while it is open.
pub struct Choosing {
    task: Task<Option<PathBuf>>,
    since: Instant,
}

/// A chooser that comes back empty sooner than this never opened: nobody
/// reads a folder and cancels in under a second.
const NEVER_OPENED: Duration = Duration::from_millis(800);

/// What to say when there is no file chooser on this desktop.
pub const NO_CHOOSER: &str = "No file chooser opened on this desktop. Drop the photo on \
     this window, or start the tutor with --photo FILE.";

/// Opens the chooser (once: a second click while it is open does nothing).
pub fn choose(check: &mut PhotoCheck) {
    if check.chooser.is_some() {
        return;
    }
    let dialog = rfd::AsyncFileDialog::new()
        .set_title("Open a side photo of your hinge")
        .add_filter(
            "Photo (PNG or JPEG)",
            &["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"],
        );
    let task = IoTaskPool::get().spawn(async move {
        dialog
            .pick_file()
            .await
            .map(|file| file.path().to_path_buf())
    });
    check.message = None;
    check.chooser = Some(Choosing {
        task,
        since: Instant::now(),
    });
}

/// Whether the chooser is open.
pub fn is_open(check: &PhotoCheck) -> bool {
    check.chooser.is_some()
}

/// The chosen photo opens in this view; a chooser that could not open says
/// how else to bring a photo.
pub fn take_chosen(mut check: ResMut<PhotoCheck>, mut next: ResMut<NextState<ViewState>>) {
    let Some(choosing) = check.chooser.as_mut() else {
        return;
    };
    let Some(chosen) = check_ready(&mut choosing.task) else {
        return;
    };
    let waited = choosing.since.elapsed();
    check.chooser = None;
    match outcome(chosen, waited) {
        Chosen::Photo(path) => {
            check.open(path);
            NextState::set_if_neq(&mut next, ViewState::Photo);
        }
        Chosen::NoChooser => check.message = Some(NO_CHOOSER.to_string()),
        Chosen::Cancelled => {}
    }
}

/// What came back from the chooser.
#[derive(Debug, PartialEq)]
enum Chosen {
    Photo(PathBuf),
    /// Nothing, after a person had time to look: they changed their mind.
    Cancelled,
    /// Nothing, at once: there was no chooser to show.
    NoChooser,
}

fn outcome(chosen: Option<PathBuf>, waited: Duration) -> Chosen {
    match chosen {
        Some(path) => Chosen::Photo(path),
        None if waited < NEVER_OPENED => Chosen::NoChooser,
        None => Chosen::Cancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chooser_that_comes_back_empty_at_once_is_said_to_be_missing() {
        let photo = PathBuf::from("side.jpg");
        assert_eq!(
            outcome(Some(photo.clone()), Duration::from_millis(5)),
            Chosen::Photo(photo)
        );
        // rfd answers None both when the portal and zenity are missing and
        // when the person cancels: only the time tells them apart.
        assert_eq!(outcome(None, Duration::from_millis(30)), Chosen::NoChooser);
        assert_eq!(outcome(None, Duration::from_secs(4)), Chosen::Cancelled);
    }
}
