//! Drills as Bevy assets: a loader for `*.drill.ron`, and the library
//! resource the views read. A file that fails to load is kept as a problem
//! (file, line, message), logged and shown in the app; the others still work.

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;

use super::{Drill, Library};
use crate::coach::ThresholdsFile;
use crate::content::ContentError;

/// Reads `*.drill.ron`, judged by the built-in coach thresholds (parsed once,
/// not per file).
#[derive(TypePath)]
pub struct DrillLoader {
    thresholds: ThresholdsFile,
    /// The asset folder, to name files as a user finds them.
    root: String,
}

/// The folder the asset server reads (`assets` unless the app says).
#[derive(Resource, Debug, Clone)]
pub struct AssetRoot(pub String);

impl AssetLoader for DrillLoader {
    type Asset = Drill;
    type Settings = ();
    type Error = ContentError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<Drill, ContentError> {
        let file = format!("{}/{}", self.root, load_context.path());
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .await
            .map_err(|e| ContentError::whole_file(&file, format!("cannot read: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| ContentError::whole_file(&file, format!("not UTF-8 text: {e}")))?;
        Drill::parse(&file, &text, &self.thresholds)
    }

    fn extensions(&self) -> &[&str] {
        &["drill.ron"]
    }
}

/// Handles of the drill files still loading, with their paths.
#[derive(Resource, Default)]
pub struct Pending(Vec<(String, Handle<Drill>)>);

pub fn plugin(app: &mut App) {
    let root = app
        .world()
        .get_resource::<AssetRoot>()
        .map_or("assets".to_string(), |r| r.0.clone());
    app.init_asset::<Drill>()
        .register_asset_loader(DrillLoader {
            thresholds: ThresholdsFile::builtin(),
            root,
        })
        .init_resource::<Library>()
        .init_resource::<Pending>()
        .init_resource::<super::Playback>()
        .add_systems(Startup, load_drills)
        .add_systems(PreUpdate, collect_drills);
}

fn load_drills(
    assets: Res<AssetServer>,
    mut pending: ResMut<Pending>,
    mut library: ResMut<Library>,
    root: Option<Res<AssetRoot>>,
) {
    let root = root.as_deref().map_or("assets", |r| r.0.as_str());
    // No asset folder at all (a copied binary, a wrong HINGE_ASSETS): one
    // message, and the drills built into the app.
    if !cfg!(target_arch = "wasm32") && !std::path::Path::new(root).is_dir() {
        crate::notify::notice(&format!(
            "the asset folder {root} does not exist; showing the drills and the mannequin built into the app"
        ));
        *library = Library::builtin().clone();
        return;
    }
    for (id, _) in crate::content::builtin::DRILLS {
        let path = format!("drills/{id}.drill.ron");
        pending
            .0
            .push((format!("{root}/{path}"), assets.load(path)));
    }
}

/// Move loaded drills into the library, and failures into its problems.
fn collect_drills(
    mut pending: ResMut<Pending>,
    mut library: ResMut<Library>,
    drills: Res<Assets<Drill>>,
    assets: Res<AssetServer>,
) {
    if pending.0.is_empty() {
        return;
    }
    let mut still = Vec::new();
    for (path, handle) in pending.0.drain(..) {
        if let Some(drill) = drills.get(&handle) {
            library.insert(drill.clone(), &path);
            continue;
        }
        match assets.load_state(&handle) {
            bevy::asset::LoadState::Failed(err) => {
                let mut problem = content_error(&path, &err);
                // A drill the app ships stays in the library when its file is
                // missing, unreadable or broken: the class goes on with the
                // built-in copy, and the problem is still named.
                let id = path
                    .rsplit('/')
                    .next()
                    .and_then(|f| f.strip_suffix(".drill.ron"));
                if let Some(d) = id.and_then(|id| Library::builtin().get(id)) {
                    problem.message.push_str("; showing the built-in copy");
                    library.insert(d.clone(), &path);
                }
                error!("{problem}");
                library.problems.push(problem);
            }
            _ => still.push((path, handle)),
        }
    }
    pending.0 = still;
}

/// Our own error when the loader produced it; Bevy's message otherwise (a
/// missing file, an unreadable folder), for the file at `file`.
fn content_error(file: &str, err: &bevy::asset::AssetLoadError) -> ContentError {
    if let bevy::asset::AssetLoadError::AssetLoaderError(e) = err
        && let Some(ours) = e.error().downcast_ref::<ContentError>()
    {
        return ours.clone();
    }
    ContentError::whole_file(file, err.to_string())
}

impl Pending {
    /// Whether every drill file has loaded or failed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
