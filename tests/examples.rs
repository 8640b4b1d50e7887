//! The example programs, run as subprocesses: output format, one row per
//! input, and clean failures (exit status 2, one line on stderr, no panic).
//!
//! The examples are built once with `cargo build --examples` into the target
//! directory this test binary lives in, so any `CARGO_TARGET_DIR` works.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// `…/target/<profile>` for the running test binary (`…/<profile>/deps/x`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let deps = exe.parent().expect("deps dir");
    deps.parent().expect("profile dir").to_path_buf()
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn build_examples() -> &'static Result<PathBuf, String> {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let profile = profile_dir();
        let target = profile.parent().expect("target dir").to_path_buf();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "--quiet", "--examples"])
            .current_dir(manifest_dir())
            .env("CARGO_TARGET_DIR", &target);
        match profile.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => {}
            Some(name) => {
                cmd.args(["--profile", name]);
            }
        }
        let out = cmd.output().map_err(|e| format!("cannot run cargo: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cargo build --examples failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(profile.join("examples"))
    })
}

/// The example's binary, or `None` (with a note) when its source is absent.
fn example(name: &str) -> Option<PathBuf> {
    if !manifest_dir()
        .join("examples")
        .join(format!("{name}.rs"))
        .exists()
    {
        println!("note: examples/{name}.rs does not exist; skipping");
        return None;
    }
    let dir = build_examples().as_ref().unwrap_or_else(|e| panic!("{e}"));
    let bin = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} was not built", bin.display());
    Some(bin)
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(bin: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(manifest_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The program may exit before reading everything: ignore EPIPE.
        let _ = pipe.write_all(&input);
    });
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait");
    writer.join().expect("stdin writer");
    Run {
        code: status.code(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Exit status 2, exactly one non-empty line on stderr, no panic, no output rows.
fn assert_clean_failure(r: &Run, what: &str) {
    assert_eq!(r.code, Some(2), "{what}: exit status; stderr: {}", r.stderr);
    assert!(
        !r.stderr.contains("panicked"),
        "{what}: panicked: {}",
        r.stderr
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: stderr should be one line: {:?}",
        r.stderr
    );
    assert!(!lines[0].trim().is_empty(), "{what}: empty message");
    assert!(
        r.stderr.ends_with('\n'),
        "{what}: message not ended by a newline"
    );
}

fn rows(stdout: &str) -> Vec<Vec<&str>> {
    stdout.lines().map(|l| l.split('\t').collect()).collect()
}

/// A scratch directory for files the tests write.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("asmaa-examples-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

const MISSING: &str = "/nonexistent/asmaa/no-such-file.txt";
const BAD_UTF8: &[u8] = b"\xd8\xad\xd9\x81\n\xff\xfe\xd8\n";

/// Failures every line-reading example shares.
fn common_failures(bin: &Path, name: &str, extra_args: &[&str]) {
    let with = |more: &[&str]| -> Vec<String> {
        extra_args
            .iter()
            .chain(more.iter())
            .map(|s| s.to_string())
            .collect()
    };
    let args = with(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(bin, &args, BAD_UTF8);
    assert_clean_failure(&r, &format!("{name}: invalid UTF-8 on stdin"));
    assert!(r.stderr.contains("UTF-8"), "{name}: {}", r.stderr);

    let args = with(&[MISSING]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(bin, &args, b"");
    assert_clean_failure(&r, &format!("{name}: missing file"));
    assert!(
        r.stderr.contains("no-such-file.txt"),
        "{name}: {}",
        r.stderr
    );

    let dir = scratch(&format!("{name}-dir"));
    std::fs::create_dir_all(&dir).expect("dir");
    let dir_s = dir.display().to_string();
    let args = with(&[&dir_s]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(bin, &args, b"");
    assert_clean_failure(&r, &format!("{name}: a directory as the file"));

    let bad = scratch(&format!("{name}-bad.txt"));
    std::fs::write(&bad, BAD_UTF8).expect("write");
    let bad_s = bad.display().to_string();
    let args = with(&[&bad_s]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(bin, &args, b"");
    assert_clean_failure(&r, &format!("{name}: invalid UTF-8 in a file"));

    for flag in ["--no-such-flag", "-x", "--no-such=1"] {
        let args = with(&[flag]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(bin, &args, b"");
        assert_clean_failure(&r, &format!("{name}: unknown flag {flag}"));
    }

    let r = run(bin, &["--help"], b"");
    assert_eq!(r.code, Some(0), "{name} --help");
    assert!(r.stdout.contains("usage"), "{name} --help: {}", r.stdout);
}

// ---------------------------------------------------------------------------

#[test]
fn resolve_example() {
    let Some(bin) = example("resolve") else {
        return;
    };
    let input = "حفتر\nHaftar\n\nزززززززززز\nالرئيس الليبي معمر القذافى\r\nغوتيريس\n";
    let r = run(&bin, &[], input.as_bytes());
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    let rows = rows(&r.stdout);
    assert_eq!(rows[0], ["query", "entity", "canonical", "score"]);
    let body = &rows[1..];
    assert_eq!(body.len(), 6, "one row per input line: {:?}", r.stdout);
    for row in body {
        assert_eq!(row.len(), 4, "{row:?}");
        let score: f32 = row[3].parse().expect("score is a number");
        assert!((0.0..=1.0).contains(&score), "{row:?}");
        assert_eq!(row[1].is_empty(), score == 0.0, "{row:?}");
    }
    let queries: Vec<&str> = body.iter().map(|r| r[0]).collect();
    assert_eq!(
        queries,
        [
            "حفتر",
            "Haftar",
            "",
            "زززززززززز",
            "الرئيس الليبي معمر القذافى",
            "غوتيريس"
        ]
    );
    assert_eq!(body[0][1], "khalifa-haftar");
    assert_eq!(body[0][2], "خليفة حفتر");
    assert_eq!(body[1][1], "khalifa-haftar");
    assert_eq!(body[2][1], "");
    assert_eq!(body[3][1], "");
    assert_eq!(body[4][1], "muammar-gaddafi");
    assert_eq!(body[5][1], "antonio-guterres");

    // A file argument gives the same output as stdin.
    let file = scratch("resolve-input.txt");
    std::fs::write(&file, input).expect("write");
    let f = run(&bin, &[file.to_str().expect("utf-8 path")], b"");
    assert_eq!(f.code, Some(0));
    assert_eq!(f.stdout, r.stdout);

    // A tab in the input cannot break the row.
    let r = run(&bin, &[], "خليفة\tحفتر\n".as_bytes());
    let rows = self::rows(&r.stdout);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].len(), 4);

    // A query over the length limit abstains instead of failing.
    let long = "ب".repeat(asmaa::MAX_NAME_CHARS + 10);
    let r = run(&bin, &[], format!("{long}\nحفتر\n").as_bytes());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(self::rows(&r.stdout).len(), 3);
}

#[test]
fn resolve_example_options() {
    let Some(bin) = example("resolve") else {
        return;
    };
    let table = scratch("resolve-aliases.tsv");
    std::fs::write(&table, "entity\tname\nmy-haftar\tحفتر\n").expect("write");
    let t = table.to_str().expect("utf-8 path");
    let r = run(
        &bin,
        &["--no-builtin", "--aliases", t],
        "هفتر\nغوتيريس\n".as_bytes(),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = rows(&r.stdout);
    assert_eq!(rows[1][1], "my-haftar");
    assert_eq!(rows[2][1], "", "the builtin table is off");

    let r = run(&bin, &["--threshold", "1.5"], b"x\n");
    assert_clean_failure(&r, "resolve --threshold 1.5");
    let r = run(&bin, &["--threshold", "abc"], b"x\n");
    assert_clean_failure(&r, "resolve --threshold abc");
    let r = run(&bin, &["--threshold"], b"x\n");
    assert_clean_failure(&r, "resolve --threshold without a value");

    let bad = scratch("resolve-bad-aliases.tsv");
    std::fs::write(&bad, "entity\tname\nq1\t\n").expect("write");
    let r = run(
        &bin,
        &["--aliases", bad.to_str().expect("utf-8 path")],
        b"x\n",
    );
    assert_clean_failure(&r, "resolve with a malformed alias table");
    assert!(r.stderr.contains(":2:2:"), "{}", r.stderr);

    let r = run(&bin, &["--aliases", MISSING], b"x\n");
    assert_clean_failure(&r, "resolve with a missing alias table");

    let r = run(&bin, &["a.txt", "b.txt"], b"");
    assert_clean_failure(&r, "resolve with two files");
}

#[test]
fn resolve_example_survives_mixed_script_words() {
    let Some(bin) = example("resolve") else {
        return;
    };
    let r = run(&bin, &[], "Aء\nحفتر\n".as_bytes());
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(rows(&r.stdout).len(), 3);
}

#[test]
fn resolve_example_failures() {
    let Some(bin) = example("resolve") else {
        return;
    };
    common_failures(&bin, "resolve", &[]);
}

#[test]
fn resolve_example_empty_input() {
    let Some(bin) = example("resolve") else {
        return;
    };
    let r = run(&bin, &[], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "query\tentity\tcanonical\tscore\n");
}

// ---------------------------------------------------------------------------

#[test]
fn cluster_example() {
    let Some(bin) = example("cluster") else {
        return;
    };
    let input = "غوتيريش\nجوتيريس\nحفتر\n\nغوتيريش\n  حفطر  \nهفتر\nجوتيريس\r\nQaddafi\n";
    let distinct = ["غوتيريش", "جوتيريس", "حفتر", "حفطر", "هفتر", "Qaddafi"];
    for args in [&[][..], &["--no-aliases"][..]] {
        let r = run(&bin, args, input.as_bytes());
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
        let rows = rows(&r.stdout);
        assert_eq!(rows[0], ["name", "cluster", "entity", "canonical"]);
        let body = &rows[1..];
        let names: Vec<&str> = body.iter().map(|r| r[0]).collect();
        assert_eq!(
            names, distinct,
            "{args:?}: one row per distinct name, first-seen order"
        );
        for row in body {
            assert_eq!(row.len(), 4, "{row:?}");
            assert!(row[1].starts_with('c'), "{row:?}");
            assert!(!row[3].is_empty(), "{row:?}");
        }
        let cluster = |name: &str| body.iter().find(|r| r[0] == name).map(|r| r[1]);
        assert_eq!(cluster("غوتيريش"), cluster("جوتيريس"), "{args:?}");
        assert_eq!(cluster("حفتر"), cluster("حفطر"), "{args:?}");
        assert_eq!(cluster("حفتر"), cluster("هفتر"), "{args:?}");
        assert_ne!(cluster("حفتر"), cluster("غوتيريش"), "{args:?}");
        if args.is_empty() {
            let entity = |name: &str| body.iter().find(|r| r[0] == name).map(|r| r[2]);
            assert_eq!(entity("حفتر"), Some("khalifa-haftar"));
            assert_eq!(entity("غوتيريش"), Some("antonio-guterres"));
        } else {
            assert!(
                body.iter().all(|r| r[2].is_empty()),
                "--no-aliases: {body:?}"
            );
        }
    }
}

#[test]
fn cluster_example_options() {
    let Some(bin) = example("cluster") else {
        return;
    };
    let r = run(&bin, &["--no-aliases", "--aliases", "x.tsv"], b"x\n");
    assert_clean_failure(&r, "cluster --no-aliases --aliases");
    let r = run(&bin, &["--threshold", "2"], b"x\n");
    assert_clean_failure(&r, "cluster --threshold 2");
    let r = run(&bin, &["--aliases", MISSING], b"x\n");
    assert_clean_failure(&r, "cluster with a missing alias table");
}

#[test]
fn cluster_example_failures() {
    let Some(bin) = example("cluster") else {
        return;
    };
    common_failures(&bin, "cluster", &["--no-aliases"]);
    common_failures(&bin, "cluster", &[]);
}

#[test]
fn cluster_example_empty_input() {
    let Some(bin) = example("cluster") else {
        return;
    };
    for input in [&b""[..], b"\n\n  \n"] {
        let r = run(&bin, &[], input);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_eq!(r.stdout, "name\tcluster\tentity\tcanonical\n");
    }
}

// ---------------------------------------------------------------------------

#[test]
fn normalize_example() {
    let Some(bin) = example("normalize") else {
        return;
    };
    let input = "المُشِير خليفة حفتـــر\nعبد الله\n\nKadhafi, Mu'ammar\nوالقذافي\r\n!!!\n";
    let r = run(&bin, &[], input.as_bytes());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = rows(&r.stdout);
    assert_eq!(rows[0], ["input", "normalized", "parts"]);
    let body = &rows[1..];
    assert_eq!(body.len(), 6, "one row per input line: {:?}", r.stdout);
    for (row, line) in body.iter().zip(input.lines()) {
        assert_eq!(row.len(), 3, "{row:?}");
        let line = line.strip_suffix('\r').unwrap_or(line);
        assert_eq!(row[0], line);
        assert_eq!(row[1], asmaa::normalize(line).as_str(), "{line:?}");
    }
    assert_eq!(body[0][1], "المشير خليفه حفتر");
    assert_eq!(body[0][2], "ال+مشير | خليفه | حفتر");
    assert_eq!(body[1][1], "عبدالله");
    assert_eq!(body[3][1], "kadhafi muammar");
    assert_eq!(body[4][2], "وال+قذافي");
    assert_eq!(body[5][1], "");
}

#[test]
fn normalize_example_failures() {
    let Some(bin) = example("normalize") else {
        return;
    };
    common_failures(&bin, "normalize", &[]);
}

#[test]
fn normalize_example_empty_input() {
    let Some(bin) = example("normalize") else {
        return;
    };
    let r = run(&bin, &[], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "input\tnormalized\tparts\n");
}

// ---------------------------------------------------------------------------

const SCAN_HEADER: [&str; 7] = [
    "start",
    "end",
    "surface",
    "name",
    "cluster",
    "entity",
    "canonical",
];

#[test]
fn scan_example() {
    let Some(bin) = example("scan") else { return };
    let text = "قال المشير خليفة حفتر إن قواته دخلت بنغازي، وأكد حفتر أن الأمين العام أنطونيو غوتيريش دعا إلى الحوار.\n";
    let r = run(&bin, &["--tsv"], text.as_bytes());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    let rows = rows(&r.stdout);
    assert_eq!(rows[0], SCAN_HEADER);
    let body = &rows[1..];
    assert!(!body.is_empty(), "no mentions found in {text}");
    let chars: Vec<char> = text.chars().collect();
    for row in body {
        assert_eq!(row.len(), 7, "{row:?}");
        let start: usize = row[0].parse().expect("start");
        let end: usize = row[1].parse().expect("end");
        assert!(start < end && end <= chars.len(), "{row:?}");
        let surface: String = chars[start..end].iter().collect();
        assert_eq!(surface, row[2], "offsets are char offsets of the surface");
    }
    let entities: Vec<&str> = body.iter().map(|r| r[5]).collect();
    assert!(entities.contains(&"khalifa-haftar"), "{entities:?}");

    // The summary form.
    let r = run(&bin, &[], text.as_bytes());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout
            .lines()
            .next()
            .is_some_and(|l| l.contains("mentions")),
        "{}",
        r.stdout
    );
}

#[test]
fn scan_example_failures() {
    let Some(bin) = example("scan") else { return };
    common_failures(&bin, "scan", &["--tsv"]);
}

#[test]
fn scan_example_empty_input() {
    let Some(bin) = example("scan") else { return };
    // An empty file (not stdin: empty stdin scans the shipped samples).
    let empty = scratch("scan-empty.txt");
    std::fs::write(&empty, "").expect("write");
    let r = run(&bin, &["--tsv", empty.to_str().expect("utf-8 path")], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, format!("{}\n", SCAN_HEADER.join("\t")));
    // Empty stdin: the samples, with a note on stderr.
    let r = run(&bin, &["--tsv"], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(rows(&r.stdout).len() > 1, "the samples have mentions");
    assert!(!r.stderr.contains("panicked"));
}

// ---------------------------------------------------------------------------

#[test]
fn evaluate_example() {
    let Some(bin) = example("evaluate") else {
        return;
    };
    let gold = scratch("gold.tsv");
    std::fs::write(
        &gold,
        "cluster_id\tname\tscript\tkind\n\
         g1\tحفتر\tarab\tperson\n\
         g1\tحفطر\tarab\tperson\n\
         g1\tهفتر\tarab\tperson\n\
         g2\tغوتيريش\tarab\tperson\n\
         g2\tجوتيريس\tarab\tperson\n\
         g3\tبنغازي\tarab\tplace\n\
         g3\tBenghazi\tlatn\tplace\n",
    )
    .expect("write");
    let g = gold.to_str().expect("utf-8 path");
    let r = run(&bin, &[g], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let last = r.stdout.lines().last().expect("output");
    assert!(last.starts_with("bcubed_p="), "{last}");
    assert!(last.ends_with("n=7"), "{last}");
    let fields: Vec<(&str, &str)> = last
        .split(' ')
        .map(|kv| kv.split_once('=').expect("key=value"))
        .collect();
    let keys: Vec<&str> = fields.iter().map(|f| f.0).collect();
    assert_eq!(
        keys,
        ["bcubed_p", "bcubed_r", "bcubed_f1", "pairwise_f1", "n"]
    );
    for (k, v) in &fields[..4] {
        let v: f64 = v.parse().expect("number");
        assert!((0.0..=1.0).contains(&v), "{k}={v}");
    }
    assert!(r.stdout.contains("subset\tn\tbcubed_p"), "{}", r.stdout);

    let r = run(&bin, &[g, "--script", "latn"], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.lines().last().is_some_and(|l| l.ends_with("n=1")),
        "{}",
        r.stdout
    );
    let r = run(&bin, &[g, "--script", "cyrl"], b"");
    assert_clean_failure(&r, "evaluate --script cyrl");
}

#[test]
fn evaluate_example_failures() {
    let Some(bin) = example("evaluate") else {
        return;
    };
    let r = run(&bin, &[], b"");
    assert_clean_failure(&r, "evaluate without GOLD.tsv");
    // `-` reads the gold table from stdin.
    let r = run(&bin, &["-"], BAD_UTF8);
    assert_clean_failure(&r, "evaluate: invalid UTF-8 on stdin");
    let r = run(&bin, &[MISSING], b"");
    assert_clean_failure(&r, "evaluate: missing file");
    let bad = scratch("evaluate-bad.tsv");
    std::fs::write(&bad, BAD_UTF8).expect("write");
    let r = run(&bin, &[bad.to_str().expect("utf-8 path")], b"");
    assert_clean_failure(&r, "evaluate: invalid UTF-8 file");
    let nohdr = scratch("evaluate-no-header.tsv");
    std::fs::write(&nohdr, "a\tb\nx\ty\n").expect("write");
    let r = run(&bin, &[nohdr.to_str().expect("utf-8 path")], b"");
    assert_clean_failure(&r, "evaluate: header without the gold columns");
    for flag in ["--no-such-flag", "-x"] {
        let r = run(&bin, &[flag, "gold.tsv"], b"");
        assert_clean_failure(&r, &format!("evaluate: unknown flag {flag}"));
    }
}

#[test]
fn evaluate_example_empty_input() {
    let Some(bin) = example("evaluate") else {
        return;
    };
    let gold = scratch("gold-empty.tsv");
    std::fs::write(&gold, "cluster_id\tname\tscript\tkind\n").expect("write");
    let r = run(&bin, &[gold.to_str().expect("utf-8 path")], b"");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    assert!(
        r.stdout.lines().last().is_some_and(|l| l.ends_with("n=0")),
        "{}",
        r.stdout
    );
    let empty = scratch("gold-nothing.tsv");
    std::fs::write(&empty, "").expect("write");
    let r = run(&bin, &[empty.to_str().expect("utf-8 path")], b"");
    assert_clean_failure(&r, "evaluate: empty gold file");
}
