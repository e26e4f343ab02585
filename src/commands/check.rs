//! `hinge check`: validate a content folder, every error with its file and line.

use crate::coach::{FaultCatalogue, ThresholdsFile};
use crate::content::ContentError;
use crate::drill::Library;
/// Load and validate a content folder; every error found, not just the first.
pub fn check_content(dir: Option<&std::path::Path>) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let read = |rel: &str, builtin: &str| -> Result<String, ContentError> {
        match dir {
            None => Ok(builtin.to_string()),
            Some(d) => std::fs::read_to_string(d.join(rel)).map_err(|e| {
                ContentError::whole_file(d.join(rel).display(), format!("cannot read: {e}"))
            }),
        }
    };
    let name = |rel: &str| match dir {
        None => rel.to_string(),
        Some(d) => d.join(rel).display().to_string(),
    };
    let (file, text) = crate::content::builtin::FAULTS;
    match read(file, text) {
        Ok(t) => {
            if let Err(e) = FaultCatalogue::parse(&name(file), &t) {
                errors.push(e);
            }
        }
        Err(e) => errors.push(e),
    }
    let (file, text) = crate::content::builtin::THRESHOLDS;
    let mut thresholds = ThresholdsFile::builtin();
    match read(file, text) {
        Ok(t) => match ThresholdsFile::parse(&name(file), &t) {
            Ok(parsed) => thresholds = parsed,
            Err(e) => errors.push(e),
        },
        Err(e) => errors.push(e),
    }
    let library = match dir {
        None => Library::builtin().clone(),
        Some(d) => {
            let folder = d.join("drills");
            if let Err(e) = std::fs::read_dir(&folder) {
                errors.push(ContentError::whole_file(
                    folder.display(),
                    format!("cannot read the drills folder: {e}"),
                ));
            }
            let texts = read_folder(&folder, ".drill.ron", &mut errors);
            Library::from_texts(
                texts.iter().map(|(f, t)| (f.clone(), t.as_str())),
                &thresholds,
            )
        }
    };
    let quiz_files = content_files(
        dir,
        "quiz",
        ".quiz.ron",
        crate::content::builtin::QUIZZES,
        &mut errors,
    );
    let bank = crate::quiz::QuizBank::from_texts(
        quiz_files.iter().map(|(f, t)| (f.clone(), t.as_str())),
        &library,
        &thresholds,
    );
    let plan_files = content_files(
        dir,
        "plans",
        ".plan.ron",
        crate::content::builtin::PLANS,
        &mut errors,
    );
    let plans = crate::plan::Plans::from_texts(
        plan_files.iter().map(|(f, t)| (f.clone(), t.as_str())),
        &library,
        &bank,
    );
    errors.extend(library.problems);
    errors.extend(bank.problems);
    errors.extend(plans.problems);
    errors
}

/// The files of one kind of content: `dir/folder/*SUFFIX`, or the built-in
/// ones named as if they were there.
fn content_files(
    dir: Option<&std::path::Path>,
    folder: &str,
    suffix: &str,
    builtin: &[(&str, &str)],
    errors: &mut Vec<ContentError>,
) -> Vec<(String, String)> {
    match dir {
        None => builtin
            .iter()
            .map(|(id, text)| (format!("{folder}/{id}{suffix}"), text.to_string()))
            .collect(),
        Some(d) => read_folder(&d.join(folder), suffix, errors),
    }
}

/// The `*SUFFIX` files of a folder, read in name order; a missing folder
/// has none (plans are optional), an unreadable file is an error.
fn read_folder(
    folder: &std::path::Path,
    suffix: &str,
    errors: &mut Vec<ContentError>,
) -> Vec<(String, String)> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(suffix))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| match std::fs::read_to_string(&path) {
            Ok(t) => Some((path.display().to_string(), t)),
            Err(e) => {
                errors.push(ContentError::whole_file(
                    path.display(),
                    format!("cannot read: {e}"),
                ));
                None
            }
        })
        .collect()
}
