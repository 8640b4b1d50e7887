//! Print the comparison form and the parts of names.
//!
//! ```text
//! cargo run --example normalize -- [FILE]
//! ```
//!
//! Reads names, one per line, from FILE or stdin, and writes TSV with the
//! header `input<TAB>normalized<TAB>parts`: the input line as read (tabs
//! shown as spaces), its comparison form, and its parts separated by ` | `
//! (a removable prefix is shown as `prefix+core`). Invalid UTF-8, an
//! unreadable file or an unknown flag: one line on stderr, exit status 2.

mod common;

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use common::{Args, emit, fail, field, finish, lines, read_input};

fn main() -> ExitCode {
    let args = match Args::parse(&["help"], &[]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if args.has("help") {
        println!("usage: normalize [FILE]");
        return ExitCode::SUCCESS;
    }
    if let Err(e) = args.at_most(1) {
        return fail(e);
    }
    let text = match read_input(args.positional.first().map(String::as_str)) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if let Err(code) = emit(&mut out, format_args!("input\tnormalized\tparts\n")) {
        return code;
    }
    for line in lines(&text) {
        let name = asmaa::normalize(line);
        let parts: Vec<String> = name
            .parts()
            .iter()
            .map(|p| {
                if p.prefix().is_empty() {
                    p.core().to_string()
                } else {
                    format!("{}+{}", p.prefix(), p.core())
                }
            })
            .collect();
        let row = emit(
            &mut out,
            format_args!(
                "{}\t{}\t{}\n",
                field(line),
                name.as_str(),
                parts.join(" | ")
            ),
        );
        if let Err(code) = row {
            return code;
        }
    }
    let _ = out.flush();
    finish(&mut out)
}
