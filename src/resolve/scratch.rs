//! What a query fills and a thread keeps between queries: part
//! similarities and candidates ([`Sims`]) and per-row marks
//! ([`RowMarks`]), stamped so that each query starts clean.

use std::collections::HashMap;

/// Query parts whose similarities [`Sims`] keeps in its dense cells; a
/// later part's go to its map.
const SIM_SLOTS: usize = 4;

/// Part similarities of one query, by (query part, table part): a
/// similarity, or the negated floor it fell below; and which table parts
/// are a query part's candidates.
///
/// The first [`SIM_SLOTS`] query parts' are kept in cells indexed by table
/// part, stamped with the query that wrote them (so that a query starts
/// clean without clearing them), the query parts of one table part side by
/// side: a row's scoring reads a cell per (query part, row part) pair.
/// (300 generated queries against the 100k table took 363M instructions,
/// 397M with a hash map and binary searches over the candidates.) Later
/// parts' similarities, and all of a `Sims` that was never
/// [started](Sims::start), are kept in a map, as are those of table parts
/// past the cells (a thread's cells are sized for the largest table it
/// has searched fuzzily: 32 bytes per distinct part, 32 MB for a million).
#[derive(Default)]
pub(super) struct Sims {
    /// The query's stamp, shifted left by [`SIM_FLAGS`].
    stamp: u32,
    /// Per table part and query part: the stamp of the query that wrote
    /// the cell with its flags ([`SIM_KNOWN`], [`SIM_CANDIDATE`]), and the
    /// value known.
    cells: Vec<(u32, f32)>,
    /// What the cells do not hold: later query parts', and table parts'
    /// past the cells.
    more: HashMap<u64, f32, std::hash::BuildHasherDefault<crate::index::PreHashed>>,
    /// This query's candidates are noted (see [`Sims::note_candidates`]).
    noted: bool,
}

/// Bits of a cell's tag below the stamp.
const SIM_FLAGS: u32 = 2;
/// The cell holds a value.
const SIM_KNOWN: u32 = 1;
/// The table part is the query part's candidate.
const SIM_CANDIDATE: u32 = 2;

impl Sims {
    /// Starts a query against a table of `parts` distinct parts (0: keep
    /// the cells as they are, the map holds what they cannot): every
    /// similarity and candidate is forgotten.
    pub(super) fn start(&mut self, parts: usize) {
        self.stamp = self.stamp.wrapping_add(1 << SIM_FLAGS);
        if self.stamp == 0 {
            // After 2^30 queries: stamps of old queries could repeat.
            self.cells.iter_mut().for_each(|c| c.0 = 0);
            self.stamp = 1 << SIM_FLAGS;
        }
        if self.cells.len() < parts * SIM_SLOTS {
            // Zeroed (stamp 0 is no query's), not copied.
            self.cells = vec![(0, 0.0); parts * SIM_SLOTS];
        }
        self.more.clear();
        self.noted = false;
    }

    /// Query part `i`'s cell for table part `pid`, if it has one.
    #[inline]
    fn cell(&self, i: usize, pid: u32) -> Option<(u32, f32)> {
        if i < SIM_SLOTS {
            let (tag, s) = *self.cells.get(pid as usize * SIM_SLOTS + i)?;
            Some(if tag >> SIM_FLAGS == self.stamp >> SIM_FLAGS {
                (tag, s)
            } else {
                (0, 0.0)
            })
        } else {
            None
        }
    }

    /// What is known of query part `i` and table part `pid`.
    #[inline]
    pub(super) fn get(&self, i: usize, pid: u32) -> Option<f32> {
        match self.cell(i, pid) {
            Some((tag, s)) => (tag & SIM_KNOWN != 0).then_some(s),
            None => self.more.get(&key(i, pid)).copied(),
        }
    }

    /// Keeps what is known of query part `i` and table part `pid`.
    #[inline]
    pub(super) fn insert(&mut self, i: usize, pid: u32, s: f32) {
        match self.cell(i, pid) {
            Some((tag, _)) => {
                let flags = tag & SIM_CANDIDATE | SIM_KNOWN;
                self.cells[pid as usize * SIM_SLOTS + i] = (self.stamp | flags, s);
            }
            None => {
                self.more.insert(key(i, pid), s);
            }
        }
    }

    /// Notes each query part's candidates (`cands[i]`), once per query:
    /// when a row's scoring first asks (most single-part queries never do).
    pub(super) fn note_candidates(&mut self, cands: &[(Vec<u32>, usize)]) {
        if self.noted {
            return;
        }
        self.noted = true;
        for (i, (c, _)) in cands.iter().enumerate().take(SIM_SLOTS) {
            for &pid in c {
                if let Some((tag, s)) = self.cell(i, pid) {
                    let flags = tag & SIM_KNOWN | SIM_CANDIDATE;
                    self.cells[pid as usize * SIM_SLOTS + i] = (self.stamp | flags, s);
                }
            }
        }
    }

    /// Whether table part `pid` is query part `i`'s candidate, if this
    /// `Sims` keeps that (see [`Sims::note_candidates`]).
    #[inline]
    pub(super) fn candidate(&self, i: usize, pid: u32) -> Option<bool> {
        if !self.noted {
            return None;
        }
        self.cell(i, pid).map(|(tag, _)| tag & SIM_CANDIDATE != 0)
    }
}

/// What a query fills (part similarities, row marks), kept per thread and
/// reused.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) sims: Sims,
    pub(super) rows: RowMarks,
    /// A row scoring's buffers.
    pub(super) buf: super::score::RowBuf,
    /// The best row per entity so far (emptied by each search).
    pub(super) best: crate::index::Map<u32, (f32, u32)>,
    /// The rows under the query's name keys.
    pub(super) key_rows: Vec<u32>,
    /// The query's name parts' skeletons, its name key.
    pub(super) key_skels: Vec<u128>,
}

/// Per-row marks of one search, indexed by row: the rows a search has
/// scored, or the query parts that lead to each row and the weight they
/// match with. Each mark is stamped with the search that wrote it, so that
/// a search starts from clean marks without clearing them. (A hash map of
/// the rows reached, rehashed as it grew and then read back in full, was
/// about a sixth of the instructions of 300 generated queries of several
/// parts against the 100k table; with the marks they took 458M instead of
/// 505M.)
#[derive(Default)]
pub(super) struct RowMarks {
    stamp: u32,
    /// Per row: the stamp of the search that wrote the mark; the query
    /// parts that lead to the row (high half) and the rank of the last of
    /// them (low half); the bits of the weight the earlier parts match with,
    /// and of the last part's. Plain numbers, so that a table's worth of
    /// them is allocated zeroed: a thread's pages are touched only where
    /// its queries reach (each `resolve_many` runs on fresh threads).
    marks: Vec<[u32; 4]>,
    /// The rows marked in this search, in the order first marked.
    touched: Vec<u32>,
}

/// A fresh mark's rank: none yet.
const NO_RANK: u32 = 0xFFFF;

impl RowMarks {
    /// Starts a search over `rows` rows: every mark is cleared.
    pub(super) fn start(&mut self, rows: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // After 2^32 searches: stamps of old searches could repeat.
            self.marks.iter_mut().for_each(|m| m[0] = 0);
            self.stamp = 1;
        }
        if self.marks.len() < rows {
            // Zeroed (stamp 0 is no search's), not copied.
            self.marks = vec![[0; 4]; rows];
        }
        self.touched.clear();
    }

    /// Row `row`'s mark, fresh (no parts, no rank) if this search has not
    /// marked it.
    fn mark(&mut self, row: u32) -> &mut [u32; 4] {
        let m = &mut self.marks[row as usize];
        if m[0] != self.stamp {
            *m = [self.stamp, NO_RANK, 0, 0];
            self.touched.push(row);
        }
        m
    }

    /// Marks `row`; true if this search had not marked it.
    pub(super) fn insert(&mut self, row: u32) -> bool {
        let n = self.touched.len();
        self.mark(row);
        self.touched.len() > n
    }

    /// Notes that the query part of rank `rank` leads to `row` with weight
    /// `gain`: a part's best gain counts, once.
    pub(super) fn hit(&mut self, row: u32, rank: u16, gain: f32) {
        let m = self.mark(row);
        Self::note(m, rank, gain);
    }

    /// As [`RowMarks::hit`] for a row this search has marked; other rows
    /// stay unmarked. (A row first reached by the last query part searched
    /// is reached by that part alone.)
    pub(super) fn hit_marked(&mut self, row: u32, rank: u16, gain: f32) {
        let m = &mut self.marks[row as usize];
        if m[0] == self.stamp {
            Self::note(m, rank, gain);
        }
    }

    /// [`RowMarks::hit`] on a current mark.
    fn note(m: &mut [u32; 4], rank: u16, gain: f32) {
        let (parts, last_rank) = (m[1] >> 16, m[1] & 0xFFFF);
        let last = f32::from_bits(m[3]);
        if last_rank != u32::from(rank) {
            m[1] = (parts + 1).min(0xFFFF) << 16 | u32::from(rank);
            m[2] = (f32::from_bits(m[2]) + last).to_bits();
            m[3] = gain.to_bits();
        } else {
            m[3] = last.max(gain).to_bits();
        }
    }

    /// The rows that at least two query parts lead to, with the weight
    /// their parts match with, in the order first marked.
    pub(super) fn reached_twice(&self) -> impl Iterator<Item = (f32, u32)> + '_ {
        self.touched.iter().filter_map(|&r| {
            let m = &self.marks[r as usize];
            (m[1] >> 16 >= 2).then(|| (f32::from_bits(m[2]) + f32::from_bits(m[3]), r))
        })
    }
}

thread_local! {
    pub(super) static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// Key of (query part, table part) in [`Sims`], mixed for the hash table.
fn key(i: usize, pid: u32) -> u64 {
    ((i as u64) << 32 | pid as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_marks_start_clean_each_search_and_after_the_stamp_wraps() {
        let mut m = RowMarks::default();
        m.start(5);
        assert!(m.insert(0));
        assert!(m.insert(2));
        assert!(!m.insert(2));
        // Two parts lead to row 3, the second twice: its best gain counts.
        m.hit(3, 0, 0.5);
        m.hit(3, 1, 0.25);
        m.hit(3, 1, 0.125);
        m.hit(1, 1, 0.5);
        assert_eq!(m.touched, [0, 2, 3, 1]);
        assert_eq!(m.reached_twice().collect::<Vec<_>>(), [(0.75, 3)]);
        // The last part adds to rows marked before, and marks no other.
        m.hit_marked(1, 2, 0.25);
        m.hit_marked(4, 2, 0.25);
        m.hit_marked(0, 2, 0.25);
        assert_eq!(m.touched, [0, 2, 3, 1]);
        assert_eq!(
            m.reached_twice().collect::<Vec<_>>(),
            [(0.75, 3), (0.75, 1)]
        );
        m.start(4);
        assert!(m.touched.is_empty());
        m.hit(3, 1, 0.5);
        assert_eq!(
            m.reached_twice().count(),
            0,
            "a new search sees no old mark"
        );
        assert!(m.insert(2));
        // The last stamp before wrapping, then a search after it.
        m.stamp = u32::MAX;
        m.hit(1, 0, 0.5);
        m.hit(1, 1, 0.5);
        m.start(4);
        m.hit(1, 2, 0.5);
        assert_eq!(
            m.reached_twice().count(),
            0,
            "marks are cleared when the stamp wraps"
        );
        // Row 0's mark is the first search's, whose stamp comes round again.
        assert!(m.insert(0), "a mark from before the wrap is not current");
        // A larger table's search.
        m.start(6);
        assert!(m.insert(5) && m.insert(1));
    }

    #[test]
    fn sims_start_clean_each_query_and_after_the_stamp_wraps() {
        let mut s = Sims::default();
        // Never started: kept in the map.
        s.insert(0, 7, 0.5);
        assert_eq!(s.get(0, 7), Some(0.5));
        assert_eq!(s.candidate(0, 7), None);
        s.start(10);
        assert_eq!(s.get(0, 7), None, "a new query knows nothing");
        s.insert(0, 7, 0.9);
        s.insert(SIM_SLOTS, 7, 0.8);
        assert_eq!(s.get(0, 7), Some(0.9));
        assert_eq!(s.get(SIM_SLOTS, 7), Some(0.8), "a later part's is mapped");
        assert_eq!(s.get(1, 7), None);
        assert_eq!(s.candidate(0, 7), None, "candidates not noted yet");
        s.note_candidates(&[(vec![3, 7], 1), (vec![3], 1)]);
        assert_eq!(s.candidate(0, 7), Some(true));
        assert_eq!(s.candidate(0, 5), Some(false));
        assert_eq!(s.candidate(1, 3), Some(true));
        assert_eq!(s.candidate(SIM_SLOTS, 3), None);
        assert_eq!(s.get(0, 7), Some(0.9), "noting keeps what is known");
        s.insert(1, 3, -0.7);
        assert_eq!(s.candidate(1, 3), Some(true), "a value keeps the note");
        assert_eq!(s.get(1, 3), Some(-0.7));
        // A table part past the cells (a larger table's) is mapped.
        s.insert(0, 99, 0.4);
        assert_eq!(s.get(0, 99), Some(0.4));
        s.start(10);
        assert_eq!(s.get(0, 7), None);
        assert_eq!(s.get(0, 99), None);
        assert_eq!(s.candidate(0, 7), None);
        // The last stamp before wrapping, then a query after it.
        s.stamp = u32::MAX << SIM_FLAGS;
        s.insert(0, 1, 0.3);
        s.note_candidates(&[(vec![1], 1)]);
        s.start(10);
        assert_eq!(s.get(0, 1), None, "cells are cleared when the stamp wraps");
        s.note_candidates(&[]);
        assert_eq!(s.candidate(0, 1), Some(false));
        // A larger table's query.
        s.start(200);
        s.insert(3, 150, 0.6);
        assert_eq!(s.get(3, 150), Some(0.6));
    }
}
