//! The weighted distance: symmetric, non-negative, the bounded version equals
//! the full one whenever the full one is within the bound, and `explain`
//! costs what `distance` says.
//!
//! Input: first byte picks the bound; the rest is split at the first 0xFF byte
//! (never part of valid UTF-8) into two strings, or in half when there is none.
#![no_main]

use std::sync::LazyLock;

use asmaa::{Costs, normalize};
use libfuzzer_sys::fuzz_target;

mod known;

static COSTS: LazyLock<Costs> = LazyLock::new(Costs::shipped);

const TOL: f32 = 1e-3;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let (ra, rb) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => rest.split_at(rest.len() / 2),
    };
    let (sa, sb) = (String::from_utf8_lossy(ra), String::from_utf8_lossy(rb));
    let (a, b) = (normalize(&sa), normalize(&sb));
    let c = &*COSTS;

    let d = c.distance(&a, &b);
    let d_rev = c.distance(&b, &a);
    assert!(
        d.is_finite() && d >= 0.0,
        "distance {d} for {sa:?} / {sb:?}"
    );
    assert!(
        (d - d_rev).abs() <= TOL,
        "not symmetric: {d} vs {d_rev} for {sa:?} / {sb:?}"
    );
    if a.as_str() == b.as_str() {
        assert_eq!(d, 0.0, "equal forms at distance {d}: {sa:?} / {sb:?}");
    }
    // Every cost is at most 1 (documented on `Costs::distance`).
    let longer = a.len().max(b.len()).min(asmaa::MAX_DISTANCE_LETTERS) as f32;
    assert!(
        d <= longer + TOL,
        "distance {d} over the longer length {longer}"
    );

    // The str front end agrees with the Name one.
    let ds = c.distance_str(&sa, &sb);
    assert!((ds - d).abs() <= TOL, "distance_str {ds} vs distance {d}");

    let sim = c.similarity(&a, &b);
    assert!((0.0..=1.0).contains(&sim), "similarity {sim} out of [0, 1]");

    let al = c.explain(&a, &b);

    // Bounded == full when the full distance is within the bound, for a bound
    // at exactly the distance, just above it, and one chosen by the input.
    let chosen = f32::from(sel) / 16.0; // 0 ..= ~16
    for max in [d, d + 0.01, d * 1.5, chosen] {
        match c.distance_within(&a, &b, max) {
            Some(v) => {
                assert!(
                    (v - d).abs() <= TOL,
                    "distance_within({max}) = {v} but distance = {d} for {sa:?} / {sb:?}"
                );
                assert!(
                    v <= max + TOL,
                    "distance_within({max}) returned {v} above the bound"
                );
            }
            None => assert!(
                d > max,
                "distance_within({max}) = None but distance = {d} for {sa:?} / {sb:?}"
            ),
        }
    }

    // explain: its cost is the distance, and its steps add up to it.
    assert!(
        (al.cost() - d).abs() <= TOL,
        "explain cost {} vs distance {d} for {sa:?} / {sb:?}",
        al.cost()
    );
    let sum: f32 = al.steps().iter().map(|s| s.cost).sum();
    assert!(
        (sum - al.cost()).abs() <= 1e-2,
        "steps sum to {sum}, alignment costs {} for {sa:?} / {sb:?}",
        al.cost()
    );
    let _ = al.to_string();
});
