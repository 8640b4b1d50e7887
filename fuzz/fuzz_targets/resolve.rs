//! Resolving any UTF-8 query against the shipped table gives Ok, or
//! Err(TooLong) exactly for queries over MAX_NAME_CHARS; never a panic.
#![no_main]

use std::sync::LazyLock;

use asmaa::{Error, MAX_NAME_CHARS, Resolver};
use libfuzzer_sys::fuzz_target;

mod known;

static RESOLVER: LazyLock<Resolver> = LazyLock::new(Resolver::new);

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let r = &*RESOLVER;
    let too_long = query.chars().count() > MAX_NAME_CHARS;
    match r.resolve_top(query, 3) {
        Ok(ms) => {
            assert!(
                !too_long,
                "query of {} chars accepted",
                query.chars().count()
            );
            assert!(ms.len() <= 3);
            for (i, m) in ms.iter().enumerate() {
                assert!(
                    m.score.is_finite() && m.score >= r.threshold() - 1e-6 && m.score <= 1.0,
                    "score {} for {query:?}",
                    m.score
                );
                if i > 0 {
                    assert!(ms[i - 1].score >= m.score, "not best first for {query:?}");
                    assert!(
                        ms[..i].iter().all(|o| o.entity.id != m.entity.id),
                        "entity {} twice for {query:?}",
                        m.entity.id
                    );
                }
                let _ = m.alignment.to_string();
            }
            // resolve returns a match if and only if resolve_top does, never
            // scores over its first match. (With k == 1 the search prunes
            // by the best so far, so on rare queries its answer is another
            // of equal or lower score, as Resolver::resolve_top documents:
            // "klzy" gives Belize, and the top 3 Gaddafi, Belize and
            // Zawiya, all at 0.781.)
            let one = r.resolve(query).expect("resolve_top was Ok");
            assert_eq!(
                one.is_some(),
                !ms.is_empty(),
                "resolve and resolve_top disagree on answering {query:?}"
            );
            if let (Some(one), Some(first)) = (&one, ms.first()) {
                assert!(
                    one.score <= first.score + 1e-5,
                    "resolve scores {} over resolve_top's first {} for {query:?}",
                    one.score,
                    first.score
                );
            }
        }
        Err(Error::TooLong { len, max }) => {
            assert!(too_long, "TooLong for a query of {len} chars");
            assert_eq!((len, max), (query.chars().count(), MAX_NAME_CHARS));
        }
        Err(e) => panic!("resolve({query:?}) failed: {e}"),
    }
});
