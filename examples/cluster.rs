//! Group the spellings of names.
//!
//! ```text
//! cargo run --release --example cluster -- [--no-aliases] [--aliases FILE] [--threshold T] [FILE]
//! ```
//!
//! Reads names, one per line, from FILE or stdin (blank lines skipped);
//! writes TSV with the header `name<TAB>cluster<TAB>entity<TAB>canonical`,
//! one row per distinct input name in first-seen order. `cluster` is a
//! group id, `entity` the alias-table id or empty, `canonical` the group's
//! representative. `--no-aliases` clusters on spelling alone. Bad input:
//! one line on stderr, exit status 2.

mod common;

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use asmaa::{AliasTable, Clusterer, Resolver};
use common::{Args, emit, fail, field, finish, leak, lines, read_input};

fn main() -> ExitCode {
    let args = match Args::parse(&["no-aliases", "help"], &["aliases", "threshold"]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if args.has("help") {
        println!("usage: cluster [--no-aliases] [--aliases FILE] [--threshold T] [FILE]");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = args.at_most(1) {
        return fail(e);
    }
    if args.has("no-aliases") && args.value("aliases").is_some() {
        return fail("--no-aliases and --aliases exclude each other");
    }
    let mut builder = Clusterer::builder().anchors(!args.has("no-aliases"));
    if let Some(path) = args.value("aliases") {
        let table = match AliasTable::from_path(path) {
            Ok(t) => t,
            Err(e) => return fail(e),
        };
        match Resolver::builder().table(table).build() {
            Ok(r) => builder = builder.resolver(r),
            Err(e) => return fail(e),
        }
    }
    match args.threshold() {
        Ok(Some(t)) => builder = builder.threshold(t),
        Ok(None) => {}
        Err(e) => return fail(e),
    }
    let clusterer = match builder.build() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let text = match read_input(args.positional.first().map(String::as_str)) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let names = lines(&text).map(str::trim).filter(|l| !l.is_empty());
    let clustering = clusterer.cluster(names);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Err(code) = emit(&mut out, format_args!("name\tcluster\tentity\tcanonical\n")) {
        return code;
    }
    // Each cluster's columns are formatted once, into one buffer, and a
    // name's row is its own text and its cluster's columns: at a million
    // names, reading each name's cluster (scattered over memory) took half
    // a second.
    let mut tails = String::new();
    let mut tail_at = Vec::with_capacity(clustering.len() + 1);
    for c in clustering.clusters() {
        tail_at.push(tails.len());
        let entity = c.entity.as_ref().map_or("", |e| e.id.as_str());
        let _ = writeln!(
            tails,
            "\tc{}\t{}\t{}",
            c.id,
            field(entity),
            field(&c.representative)
        );
    }
    tail_at.push(tails.len());
    for (name, id) in clustering.name_ids() {
        let tail = &tails[tail_at[id]..tail_at[id + 1]];
        if let Err(code) = emit(&mut out, format_args!("{}{tail}", field(name))) {
            return code;
        }
    }
    let _ = out.flush();
    leak((clustering, clusterer));
    finish(&mut out)
}
