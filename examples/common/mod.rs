//! Shared plumbing for the examples: arguments, input, TSV output, exit 2.
#![allow(dead_code)]

use std::io::{self, Read, Write};
use std::process::ExitCode;

/// Prints one line on stderr and returns exit status 2.
pub fn fail(msg: impl std::fmt::Display) -> ExitCode {
    let _ = writeln!(io::stderr(), "{}: {msg}", program());
    ExitCode::from(2)
}

fn program() -> String {
    std::env::args()
        .next()
        .and_then(|p| {
            std::path::Path::new(&p)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "asmaa".into())
}

/// Parsed command line: flags (with or without a value) and positionals.
pub struct Args {
    pub flags: Vec<(String, Option<String>)>,
    pub positional: Vec<String>,
}

impl Args {
    /// Parses `std::env::args`. `switches` take no value, `options` take one.
    pub fn parse(switches: &[&str], options: &[&str]) -> Result<Args, String> {
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut it = std::env::args_os().skip(1);
        while let Some(a) = it.next() {
            let a = a
                .into_string()
                .map_err(|a| format!("argument {a:?} is not valid UTF-8"))?;
            if a == "--" {
                for rest in it.by_ref() {
                    positional.push(rest.to_string_lossy().into_owned());
                }
                break;
            }
            if let Some(flag) = a.strip_prefix("--") {
                let (name, inline) = match flag.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (flag.to_string(), None),
                };
                if switches.contains(&name.as_str()) {
                    if inline.is_some() {
                        return Err(format!("--{name} takes no value"));
                    }
                    flags.push((name, None));
                } else if options.contains(&name.as_str()) {
                    let v = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .ok_or_else(|| format!("--{name} needs a value"))?
                            .to_string_lossy()
                            .into_owned(),
                    };
                    flags.push((name, Some(v)));
                } else {
                    return Err(format!("unknown flag --{name}"));
                }
            } else if a.starts_with('-') && a.len() > 1 {
                return Err(format!("unknown flag {a}"));
            } else {
                positional.push(a);
            }
        }
        Ok(Args { flags, positional })
    }

    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The `--threshold` value, if given.
    pub fn threshold(&self) -> Result<Option<f32>, String> {
        self.value("threshold")
            .map(|t| {
                t.parse::<f32>()
                    .map_err(|_| format!("--threshold: {t:?} is not a number"))
            })
            .transpose()
    }

    /// At most `n` positional arguments.
    pub fn at_most(&self, n: usize) -> Result<(), String> {
        if self.positional.len() > n {
            return Err(format!("unexpected argument {:?}", self.positional[n]));
        }
        Ok(())
    }
}

/// Reads the whole input: the file named, or stdin. Errors say where.
pub fn read_input(path: Option<&str>) -> Result<String, String> {
    let (origin, bytes) = match path {
        Some(p) if p != "-" => (
            p.to_string(),
            std::fs::read(p).map_err(|e| format!("{p}: cannot read: {e}"))?,
        ),
        _ => {
            let mut b = Vec::new();
            io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("stdin: cannot read: {e}"))?;
            ("stdin".to_string(), b)
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        format!("{origin}: line {line}: invalid UTF-8")
    })
}

/// Input lines without their line ends (a final empty line is not a line).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// A TSV field: tabs and line breaks would break the row, so they become
/// spaces. Borrowed when there are none (nearly always): a 1M-name output
/// allocated three strings per row here.
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    // Bytes, not chars: a row's fields are scanned once each, a million rows.
    if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Writes output, turning a closed pipe into a quiet success.
pub fn finish(out: &mut impl Write) -> ExitCode {
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write output: {e}")),
    }
}

/// Leaves a large structure to the operating system at exit instead of
/// freeing it one allocation at a time: dropping the index of a 90k-spelling
/// table took a third of a whole `resolve` run. Call it last, just before
/// the program returns.
pub fn leak<T>(big: T) {
    std::mem::forget(big);
}

/// Writes one line; a broken pipe ends the program quietly.
pub fn emit(out: &mut impl Write, line: std::fmt::Arguments<'_>) -> Result<(), ExitCode> {
    match out.write_fmt(line) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => Err(fail(format!("cannot write output: {e}"))),
    }
}
