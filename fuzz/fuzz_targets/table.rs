//! Loading an alias table from arbitrary bytes returns Ok or Err and never
//! panics; a table that loads builds a resolver (or a clean error) that
//! resolves the table's own spellings without panicking.
#![no_main]

use asmaa::{AliasTable, Error, MAX_NAME_CHARS, Resolver};
use libfuzzer_sys::fuzz_target;

mod known;

fuzz_target!(|data: &[u8]| {
    let table = match AliasTable::from_reader(data, "fuzz") {
        Ok(t) => t,
        Err(e) => {
            // Errors render (Display walks every DataError variant).
            let _ = e.to_string();
            return;
        }
    };
    let _ = (table.len(), table.is_empty(), table.entities().len());
    for e in table.entities() {
        let _ = e.canonical();
        assert!(table.entity(&e.id).is_some());
    }
    let spellings: Vec<(String, String)> = table
        .spellings()
        .take(8)
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect();

    let resolver = match Resolver::builder().builtin(false).table(table).build() {
        Ok(r) => r,
        Err(Error::TooLong { .. }) => return,
        Err(e) => panic!("building a resolver over a valid table failed: {e}"),
    };
    for (_id, name) in &spellings {
        match resolver.resolve(name) {
            Ok(Some(m)) => {
                assert!(
                    (0.0..=1.0).contains(&m.score),
                    "score {} out of [0, 1] for {name:?}",
                    m.score
                );
                assert!(resolver.table().entity(&m.entity.id).is_some());
            }
            Ok(None) => {}
            Err(Error::TooLong { .. }) => assert!(name.chars().count() > MAX_NAME_CHARS),
            Err(e) => panic!("resolve({name:?}) failed: {e}"),
        }
    }
});
