//! Resolve names to known entities.
//!
//! ```text
//! cargo run --release --example resolve -- [--aliases FILE] [--no-builtin] [--threshold T] [FILE]
//! ```
//!
//! Reads names, one per line, from FILE or stdin; writes TSV with the header
//! `query<TAB>entity<TAB>canonical<TAB>score`, one row per input line, in
//! order. `entity` is empty where the resolver abstains. Bad input: one line
//! on stderr, exit status 2.

mod common;

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use asmaa::{AliasTable, Resolver};
use common::{Args, emit, fail, field, finish, leak, lines, read_input};

fn main() -> ExitCode {
    let args = match Args::parse(&["no-builtin", "help"], &["aliases", "threshold"]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if args.has("help") {
        println!("usage: resolve [--aliases FILE] [--no-builtin] [--threshold T] [FILE]");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = args.at_most(1) {
        return fail(e);
    }
    let mut builder = Resolver::builder().builtin(!args.has("no-builtin"));
    if let Some(path) = args.value("aliases") {
        match AliasTable::from_path(path) {
            Ok(t) => builder = builder.table(t),
            Err(e) => return fail(e),
        }
    }
    match args.threshold() {
        Ok(Some(t)) => builder = builder.threshold(t),
        Ok(None) => {}
        Err(e) => return fail(e),
    }
    let resolver = match builder.build() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let text = match read_input(args.positional.first().map(String::as_str)) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Err(code) = emit(&mut out, format_args!("query\tentity\tcanonical\tscore\n")) {
        return code;
    }
    // All queries at once: the resolver answers them on all cores, in order.
    let queries: Vec<&str> = lines(&text).collect();
    let trimmed: Vec<&str> = queries.iter().map(|l| l.trim()).collect();
    let answers = resolver.resolve_many(&trimmed);
    for (line, answer) in queries.iter().zip(answers) {
        // A query over the length limit is answered with an abstention.
        let m = answer.ok().flatten();
        let row = match &m {
            Some(m) => emit(
                &mut out,
                format_args!(
                    "{}\t{}\t{}\t{:.4}\n",
                    field(line),
                    field(&m.entity.id),
                    field(m.entity.canonical()),
                    m.score
                ),
            ),
            None => emit(&mut out, format_args!("{}\t\t\t0\n", field(line))),
        };
        if let Err(code) = row {
            return code;
        }
    }
    let _ = out.flush();
    leak(resolver);
    finish(&mut out)
}
