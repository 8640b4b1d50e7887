//! `normalize` is total (never panics on any `&str`) and idempotent:
//! `normalize(normalize(s).as_str()) == normalize(s)`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod known;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let n = asmaa::normalize(&s);

    // Idempotence, on the whole value (text, parts, prefixes).
    let again = asmaa::normalize(n.as_str());
    if again != n && known::nfkc_mark_order(&n, &again) {
        return;
    }
    assert_eq!(again, n, "normalize is not idempotent on {s:?}");

    // The comparison form is its parts joined by single spaces, and each part
    // is its prefix followed by its core.
    let joined: Vec<&str> = n.parts().iter().map(|p| p.as_str()).collect();
    assert_eq!(
        joined.join(" "),
        n.as_str(),
        "parts do not make up the form of {s:?}"
    );
    for p in n.parts() {
        assert!(!p.as_str().is_empty(), "empty part in {s:?}");
        assert_eq!(format!("{}{}", p.prefix(), p.core()), p.as_str());
        let _ = (p.has_article(), p.clitic(), p.is_latin());
    }
    assert_eq!(n.is_empty(), n.parts().is_empty());
    assert_eq!(n.len(), n.as_str().chars().count());
    let _ = (n.core(), n.is_latin(), n.to_string());
});
