//! The `hinge` binary: launch options in, app or headless command out.
#![cfg_attr(target_arch = "wasm32", allow(unused_imports, dead_code))]

use std::process::ExitCode;

use clap::Parser;
use hinge::cli::{Cli, Command, Failure};
use hinge::commands::{check_content, run_list, run_pose};

/// `hinge shot` on a machine without a display: run again under a virtual X
/// server (Xvfb) when one is installed. Returns the exit code of that run.
fn rerun_under_xvfb(size: (u32, u32)) -> Option<ExitCode> {
    if !cfg!(target_os = "linux")
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some()
        || std::env::var_os("HINGE_NO_XVFB").is_some()
    {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let screen = format!("-screen 0 {}x{}x24", size.0.max(1280), size.1.max(720));
    let status = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", &screen])
        .arg(exe)
        .args(std::env::args_os().skip(1))
        .env("HINGE_NO_XVFB", "1")
        .status()
        .ok()?;
    Some(ExitCode::from(
        u8::try_from(status.code().unwrap_or(1)).unwrap_or(1),
    ))
}

fn run_app(launch: &hinge::launch::Launch) -> Result<(), Failure> {
    let mut app = hinge::app::build(launch);
    hinge::tools::shot::attach(&mut app, launch);
    match app.run() {
        bevy::app::AppExit::Success => Ok(()),
        bevy::app::AppExit::Error(code) => Err(Failure {
            message: "the app stopped with an error".into(),
            code: i32::from(code.get()),
        }),
    }
}

/// `hinge soak`: the tutor with its default launch, driven by the soak
/// script. Scores and settings go to a fresh folder unless HINGE_CONFIG_DIR
/// names one, so a soak never touches a learner's own.
#[cfg(not(target_arch = "wasm32"))]
fn run_soak(args: &hinge::cli::SoakArgs) -> Result<(), Failure> {
    let dir = std::env::temp_dir().join(format!("hinge-soak-{}", std::process::id()));
    if std::env::var_os("HINGE_CONFIG_DIR").is_none() {
        // SAFETY: nothing else runs yet: no threads have been started.
        unsafe { std::env::set_var("HINGE_CONFIG_DIR", &dir) };
    }
    // Its pictures too (it saves one of the handout).
    if std::env::var_os("HINGE_PICTURES_DIR").is_none() {
        // SAFETY: as above.
        unsafe { std::env::set_var("HINGE_PICTURES_DIR", dir.join("pictures")) };
    }
    let launch = hinge::launch::Launch {
        window_size: Some(args.size),
        no_vsync: true,
        view_given: true,
        ..Default::default()
    };
    let mut app = hinge::app::build(&launch);
    app.add_plugins(hinge::tools::soak::plugin(hinge::tools::soak::SoakPlan {
        cycles: args.cycles,
        seconds: args.minutes * 60.0,
        frames_per_step: args.frames_per_step,
        size: args.size,
    }));
    let exit = app.run();
    let _ = std::fs::remove_dir_all(&dir);
    match exit {
        bevy::app::AppExit::Success => Ok(()),
        bevy::app::AppExit::Error(_) => Err(Failure {
            message: "the soak run did not stay flat (see above)".into(),
            code: 1,
        }),
    }
}

/// In the browser the launch options come from the page's URL query.
#[cfg(target_arch = "wasm32")]
fn main() {
    hinge::app::build(&hinge::web::launch_from_page()).run();
}

/// `hinge photo --image F --out O.png`: the photo view of those marks, as
/// "Save picture" keeps it.
#[cfg(not(target_arch = "wasm32"))]
fn marked_photo(args: &hinge::cli::PhotoArgs) -> Result<(), Failure> {
    let (Some(out), Some(image)) = (&args.out, &args.image) else {
        return Ok(());
    };
    let options = hinge::cli::ViewOptions {
        photo: Some(image.clone()),
        ..Default::default()
    };
    let mut launch = hinge::launch::Launch::from_options(&options).map_err(Failure::usage)?;
    launch.photo_marks = hinge::coach::photo::Marks::parse(&args.points).ok();
    launch.shot = Some(hinge::launch::ShotPlan {
        out: out.clone(),
        size: args.size,
        time_s: 0.0,
    });
    run_app(&launch)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", hinge::cli::one_line_error(&e));
            return ExitCode::from(2);
        }
    };
    let result: Result<(), Failure> = match &cli.command {
        Some(Command::Pose(args)) => run_pose(args, &mut std::io::stdout().lock()),
        Some(Command::Rep(args)) => hinge::commands::run_rep(args, &mut std::io::stdout().lock()),
        Some(Command::Photo(args)) => {
            if args.out.is_some() && args.image.is_none() {
                eprintln!("error: --out draws the marked photo: give the photo with --image FILE");
                return ExitCode::from(2);
            }
            if args.out.is_some()
                && let Some(code) = rerun_under_xvfb(args.size)
            {
                return code;
            }
            hinge::commands::run_photo(args, &mut std::io::stdout().lock())
                .and_then(|()| marked_photo(args))
        }
        Some(Command::List(args)) => run_list(args, &mut std::io::stdout().lock()),
        Some(Command::Check(args)) => {
            let errors = check_content(args.dir.as_deref());
            for e in &errors {
                eprintln!("{e}");
            }
            if errors.is_empty() {
                println!("content ok");
                Ok(())
            } else {
                Err(Failure {
                    message: format!("{} problem(s) found", errors.len()),
                    code: 1,
                })
            }
        }
        Some(Command::Fps {
            empty,
            view,
            seconds,
            size,
            passes,
        }) => {
            if let Some(code) = rerun_under_xvfb(*size) {
                return code;
            }
            if !*empty && view.is_none() {
                return match hinge::tools::fps::run_all(*seconds, *size, *passes) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::from(1)
                    }
                };
            }
            let what = if *empty {
                None
            } else {
                Some(view.unwrap_or_default())
            };
            match hinge::tools::fps::run(started, what, *seconds, *size, *passes) {
                bevy::app::AppExit::Success => Ok(()),
                bevy::app::AppExit::Error(_) => Err(Failure {
                    message: "the measurement failed".into(),
                    code: 1,
                }),
            }
        }
        Some(Command::Soak(args)) => {
            if let Some(code) = rerun_under_xvfb(args.size) {
                return code;
            }
            run_soak(args)
        }
        Some(Command::GenPhoto(args)) => {
            if let Some(code) = rerun_under_xvfb(args.size) {
                return code;
            }
            match args
                .pose
                .request()
                .and_then(|r| r.validate().map(|()| r).map_err(Failure::from))
            {
                Err(f) => Err(f),
                Ok(request) => {
                    let camera = hinge::tools::subject::Viewpoint {
                        yaw_deg: args.yaw,
                        pitch_deg: args.pitch,
                        distance_m: args.distance,
                    };
                    match hinge::tools::subject::run(request, camera, args.out.clone(), args.size) {
                        bevy::app::AppExit::Success => Ok(()),
                        bevy::app::AppExit::Error(_) => Err(Failure {
                            message: "the photo could not be made".into(),
                            code: 1,
                        }),
                    }
                }
            }
        }
        Some(Command::GenMannequin { out }) => {
            let bytes = hinge::mannequin::generate::mannequin_glb();
            std::fs::write(out, &bytes)
                .map(|()| println!("wrote {} ({} bytes)", out.display(), bytes.len()))
                .map_err(|e| Failure {
                    message: format!("cannot write {}: {e}", out.display()),
                    code: 1,
                })
        }
        Some(Command::Handout(args)) => {
            if let Some(code) = rerun_under_xvfb(args.size) {
                return code;
            }
            let options = hinge::cli::ViewOptions {
                view: Some(hinge::options::View::Handout),
                drill: Some(args.drill.clone()),
                ..Default::default()
            };
            match hinge::launch::Launch::from_options(&options) {
                Err(message) => Err(Failure::usage(message)),
                Ok(mut launch) => {
                    launch.shot = Some(hinge::launch::ShotPlan {
                        out: args.out.clone(),
                        size: args.size,
                        time_s: 0.0,
                    });
                    run_app(&launch)
                }
            }
        }
        Some(Command::Shot(args)) => {
            if let Some(code) = rerun_under_xvfb(args.size) {
                return code;
            }
            match hinge::launch::Launch::from_options(&args.view) {
                Err(message) => Err(Failure::usage(message)),
                Ok(mut launch) => {
                    launch.shot = Some(hinge::launch::ShotPlan {
                        out: args.out.clone(),
                        size: args.size,
                        time_s: args.time,
                    });
                    run_app(&launch)
                }
            }
        }
        None => match hinge::launch::Launch::from_options(&cli.view) {
            Err(message) => Err(Failure::usage(message)),
            Ok(launch) => run_app(&launch),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(u8::try_from(f.code).unwrap_or(1))
        }
    }
}
