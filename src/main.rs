//! The `hinge` binary: launch options in, app or headless command out.

use std::process::ExitCode;

use clap::Parser;
use hinge::cli::{Cli, Command, Failure, check_content, run_list, run_pose};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // One line: the option and what it accepts (clap puts the
            // accepted values on a line of their own; join them up).
            let text = e.render().to_string();
            let line: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with("Usage:")
                        && !l.starts_with("For more information")
                })
                .collect();
            eprintln!("{}", line.join(" "));
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    let result: Result<(), Failure> = match &cli.command {
        Some(Command::Pose(args)) => run_pose(args, &mut stdout),
        Some(Command::List(args)) => run_list(args, &mut stdout),
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
        Some(Command::GenMannequin { out }) => {
            let bytes = hinge::mannequin::generate::mannequin_glb();
            std::fs::write(out, &bytes)
                .map(|()| println!("wrote {} ({} bytes)", out.display(), bytes.len()))
                .map_err(|e| Failure {
                    message: format!("cannot write {}: {e}", out.display()),
                    code: 1,
                })
        }
        Some(Command::Shot(_)) | None => Err(Failure {
            message: "the 3D view is not built yet".into(),
            code: 1,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(u8::try_from(f.code).unwrap_or(1))
        }
    }
}
