//! Scanning running text is total, and its mentions and groups are
//! consistent: offsets are char offsets of the surface, mentions are in text
//! order without overlap, each mention's name is a member of its group, the
//! member counts add up to the mentions, and a group holds one entity.
//!
//! Input: byte 0 picks the scanner (bit 0 set: no alias table), the rest is
//! the text as lossy UTF-8.
#![no_main]

use std::sync::LazyLock;

use asmaa::Scanner;
use libfuzzer_sys::fuzz_target;

mod known;

static WITH_TABLE: LazyLock<Scanner> = LazyLock::new(Scanner::new);
static NO_ALIASES: LazyLock<Scanner> = LazyLock::new(|| {
    Scanner::builder()
        .no_aliases()
        .build()
        .expect("a scanner without aliases builds")
});

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let scanner = if sel & 1 == 0 {
        &*WITH_TABLE
    } else {
        &*NO_ALIASES
    };
    let scan = scanner.scan(&text);

    let chars: Vec<char> = text.chars().collect();
    let groups = scan.groups();
    let mut counted = vec![0usize; groups.len()];
    let mut prev_end = 0;
    for m in scan.mentions() {
        assert!(
            m.start < m.end && m.end <= chars.len(),
            "mention {}..{} in a text of {} chars",
            m.start,
            m.end,
            chars.len()
        );
        assert!(
            m.start >= prev_end,
            "mentions overlap or are out of order at {}",
            m.start
        );
        prev_end = m.end;
        let surface: String = chars[m.start..m.end].iter().collect();
        assert_eq!(
            m.surface, surface,
            "surface is not the text at {}..{}",
            m.start, m.end
        );
        assert!(
            !asmaa::normalize(&m.name).is_empty(),
            "mention {:?} has no name",
            m.surface
        );
        if let Some(t) = &m.title {
            assert!(
                !t.is_empty() && text.contains(t.as_str()),
                "title {t:?} not in the text"
            );
        }
        let Some(g) = groups.get(m.group) else {
            panic!(
                "mention {:?} in group {} of {}",
                m.surface,
                m.group,
                groups.len()
            );
        };
        assert!(
            g.members.iter().any(|x| x.name == m.name),
            "{:?} is not a member of its group {:?}",
            m.name,
            g.members
        );
        if let (Some(a), Some(b)) = (&m.entity, &g.entity) {
            assert_eq!(
                a.id, b.id,
                "mention {:?} and its group name different entities",
                m.name
            );
        }
        counted[m.group] += 1;
    }
    for (i, g) in groups.iter().enumerate() {
        assert_eq!(g.id, i, "group ids out of order");
        let total: usize = g.members.iter().map(|x| x.count).sum();
        assert_eq!(
            total, counted[i],
            "member counts of group {i} do not add up"
        );
        assert!(total > 0, "group {i} has no mention");
    }
});
