//! Find the names in Arabic running text and group the spellings of each.
//!
//! ```text
//! cargo run --release --example scan -- [--tsv] [--no-aliases] [FILE]
//! ```
//!
//! Reads text from FILE or stdin; with no FILE and nothing on stdin, scans
//! the sample articles shipped in `data/samples/`. The default output is a
//! summary, one block per group: the representative, the entity and its
//! canonical names, and every spelling seen with its count. `--tsv` writes
//! one row per mention with the header
//! `start<TAB>end<TAB>surface<TAB>name<TAB>cluster<TAB>entity<TAB>canonical`
//! (char offsets, end exclusive). Bad input: one line on stderr, exit 2.

mod common;

use std::io::{BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use asmaa::Scanner;
use common::{Args, emit, fail, field, finish, leak};

const SAMPLES: [(&str, &str); 3] = [
    (
        "data/samples/libya.txt",
        include_str!("../data/samples/libya.txt"),
    ),
    (
        "data/samples/syria.txt",
        include_str!("../data/samples/syria.txt"),
    ),
    (
        "data/samples/sudan.txt",
        include_str!("../data/samples/sudan.txt"),
    ),
];

fn main() -> ExitCode {
    let args = match Args::parse(&["tsv", "no-aliases", "help"], &[]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if args.has("help") {
        println!("usage: scan [--tsv] [--no-aliases] [FILE]");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = args.at_most(1) {
        return fail(e);
    }
    let (origin, bytes) = match args.positional.first() {
        Some(p) if p != "-" => match std::fs::read(p) {
            Ok(b) => (p.clone(), b),
            Err(e) => return fail(format!("{p}: cannot read: {e}")),
        },
        _ => {
            let mut b = Vec::new();
            let stdin = std::io::stdin();
            if !stdin.is_terminal() {
                if let Err(e) = stdin.lock().read_to_end(&mut b) {
                    return fail(format!("stdin: cannot read: {e}"));
                }
            }
            ("stdin".to_string(), b)
        }
    };
    let text = if bytes.is_empty() && args.positional.is_empty() {
        eprintln!("scan: no input; scanning the samples in data/samples/");
        SAMPLES
            .iter()
            .map(|(_, t)| *t)
            .collect::<Vec<_>>()
            .join("\n\n")
    } else {
        match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
                return fail(format!("{origin}: line {line}: invalid UTF-8"));
            }
        }
    };
    let scanner = if args.has("no-aliases") {
        Scanner::builder().no_aliases().build()
    } else {
        Scanner::builder().build()
    };
    let scanner = match scanner {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let scan = scanner.scan(&text);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if args.has("tsv") {
        write_tsv(&mut out, &scan)
    } else {
        write_summary(&mut out, &scan)
    };
    if let Err(code) = result {
        return code;
    }
    leak((scan, scanner));
    finish(&mut out)
}

fn write_tsv(out: &mut impl Write, scan: &asmaa::Scan) -> Result<(), ExitCode> {
    emit(
        out,
        format_args!("start\tend\tsurface\tname\tcluster\tentity\tcanonical\n"),
    )?;
    for m in scan.mentions() {
        let g = &scan.groups()[m.group];
        let entity = m.entity.as_ref().map_or("", |e| e.id.as_str());
        emit(
            out,
            format_args!(
                "{}\t{}\t{}\t{}\tg{}\t{}\t{}\n",
                m.start,
                m.end,
                field(&m.surface),
                field(&m.name),
                m.group,
                field(entity),
                field(&g.representative)
            ),
        )?;
    }
    Ok(())
}

fn write_summary(out: &mut impl Write, scan: &asmaa::Scan) -> Result<(), ExitCode> {
    emit(
        out,
        format_args!(
            "{} mentions in {} groups\n",
            scan.mentions().len(),
            scan.groups().len()
        ),
    )?;
    for g in scan.groups() {
        let total: usize = g.members.iter().map(|m| m.count).sum();
        emit(
            out,
            format_args!("\n{} ({} mentions)\n", g.representative, total),
        )?;
        match &g.entity {
            Some(e) => emit(
                out,
                format_args!(
                    "  entity: {}  [{}{}{}]\n",
                    e.id,
                    e.canonical_arabic.as_deref().unwrap_or(""),
                    if e.canonical_latin.is_some() {
                        " / "
                    } else {
                        ""
                    },
                    e.canonical_latin.as_deref().unwrap_or("")
                ),
            )?,
            None => emit(out, format_args!("  entity: (not in the table)\n"))?,
        }
        for m in &g.members {
            emit(out, format_args!("  {} ×{}\n", m.name, m.count))?;
        }
    }
    Ok(())
}
