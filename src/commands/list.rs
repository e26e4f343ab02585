//! `hinge list`: the drill library, the fault catalogue, the quiz questions
//! or the class plans.

use crate::coach::FaultCatalogue;
use crate::drill::Library;
use std::io::Write;

use crate::cli::Failure;
use crate::cli::{ListArgs, ListWhat};

pub fn run_list(args: &ListArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    };
    match args.what {
        ListWhat::Faults => {
            let catalogue = FaultCatalogue::builtin();
            if args.json {
                print_json(out, &catalogue.faults)?;
            } else {
                for f in &catalogue.faults {
                    writeln!(out, "{:<22} {}: {}", f.id.id(), f.name, f.cue).map_err(io)?;
                }
            }
            Ok(())
        }
        ListWhat::Drills => {
            let library = Library::builtin();
            if args.json {
                print_json(out, &library.drills)?;
            } else {
                let mut level = None;
                for d in &library.drills {
                    if level != Some(d.level) {
                        level = Some(d.level);
                        writeln!(out, "{}", d.level.name()).map_err(io)?;
                    }
                    writeln!(out, "  {:<40} {}", d.id, d.summary).map_err(io)?;
                }
            }
            Ok(())
        }
        ListWhat::Plans => {
            let plans = crate::plan::Plans::builtin();
            if args.json {
                print_json(out, &plans.plans)?;
            } else {
                for p in &plans.plans {
                    writeln!(
                        out,
                        "{:<22} {} ({} steps): {}",
                        p.id,
                        p.title,
                        p.steps.len(),
                        p.summary
                    )
                    .map_err(io)?;
                }
            }
            Ok(())
        }
        ListWhat::Quiz => {
            let bank = crate::quiz::QuizBank::builtin();
            let library = Library::builtin();
            let catalogue = FaultCatalogue::builtin();
            if args.json {
                let quizzes: Vec<serde_json::Value> = bank
                    .quizzes
                    .iter()
                    .map(|quiz| {
                        let questions: Vec<serde_json::Value> = quiz
                            .questions
                            .iter()
                            .map(|q| {
                                serde_json::json!({
                                    "id": q.id,
                                    "kind": q.ask.kind(),
                                    "prompt": q.prompt(library, &catalogue),
                                    "drills": q.ask.drills(),
                                    "fault": q.ask.fault().map(|f| f.id()),
                                    "ask": q.ask,
                                    "explanation": q.explanation,
                                    "source": q.source,
                                })
                            })
                            .collect();
                        serde_json::json!({
                            "id": quiz.id,
                            "title": quiz.title,
                            "summary": quiz.summary,
                            "questions": questions,
                        })
                    })
                    .collect();
                print_json(out, &quizzes)?;
            } else {
                for quiz in &bank.quizzes {
                    writeln!(out, "{} ({}): {}", quiz.title, quiz.id, quiz.summary).map_err(io)?;
                    for q in &quiz.questions {
                        writeln!(
                            out,
                            "  {:<40} {:<22} {}",
                            q.id,
                            q.ask.kind().name(),
                            q.prompt(library, &catalogue)
                        )
                        .map_err(io)?;
                    }
                }
            }
            for p in &bank.problems {
                eprintln!("{p}");
            }
            Ok(())
        }
    }
}

/// A value as pretty JSON on `out`.
fn print_json(out: &mut dyn Write, value: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Failure {
        message: e.to_string(),
        code: 1,
    })?;
    writeln!(out, "{text}").map_err(|e| Failure {
        message: format!("cannot write the output: {e}"),
        code: 1,
    })
}
