//! The comparison forms of a table's rows, packed for the resolver's index.
//!
//! A [`Name`] per row holds three heap blocks and one more per part (its
//! text, its parts, its letters, each part's text). The search reads a
//! row's whole text (the exact lookup) and now and then a part's text;
//! the rest is rebuilt when an answer is explained. [`Forms`] keeps every
//! row's text in one buffer, 16 bytes per row and 24 per part, and gives
//! back each row's [`Name`] exactly as it was pushed. A table's rows are packed as
//! they are normalised, while the table is read, and the index is built
//! from the packed forms (a part's letters made again as it is interned).
//! On the generated 100k table (criterion's `resolve index build`), a
//! resolver held 708 bytes per spelling with a `Name` per row and holds
//! 467 with these; the parsed table alone, 53.4 MB and 30.4 MB.

use crate::normalize::{Name, push_symbols, stored_part};

/// What a part is besides its text (see [`crate::Part`]).
#[derive(Clone, Copy, Debug)]
struct Packed {
    /// Letters that are cheap to drop (romanised Latin vowels).
    soft: u64,
    /// The clitic letter, if any.
    clitic: Option<char>,
    /// Byte offset of the part's end in its row's text.
    end: u32,
    /// Bytes of the removable prefix.
    prefix_len: u16,
    /// The part carries the article.
    article: bool,
}

/// Rows' comparison forms: one text buffer and a few words per part.
///
/// Cost: O(1) to read a row's text or a part's text; O(n) to rebuild a
/// row's [`Name`] of n letters (three allocations and one per part).
#[derive(Clone, Debug)]
pub(crate) struct Forms {
    /// Every row's text, one after the other.
    text: String,
    /// Row `r`'s text is `text[row_at[r]..row_at[r + 1]]` (offsets in the
    /// whole table: `usize`, as a table's text may pass 4 GiB).
    row_at: Vec<usize>,
    /// Row `r`'s parts are `parts[part_at[r]..part_at[r + 1]]`.
    part_at: Vec<usize>,
    parts: Vec<Packed>,
}

impl Default for Forms {
    fn default() -> Forms {
        Forms {
            text: String::new(),
            row_at: vec![0],
            part_at: vec![0],
            parts: Vec::new(),
        }
    }
}

impl Forms {
    /// The forms of `names`, in order.
    #[cfg(test)]
    pub(crate) fn from_names(names: &[Name]) -> Forms {
        let bytes = names.iter().map(|n| n.as_str().len()).sum();
        let parts = names.iter().map(|n| n.parts().len()).sum();
        let mut f = Forms::default();
        f.text.reserve(bytes);
        f.row_at.reserve(names.len());
        f.part_at.reserve(names.len());
        f.parts.reserve(parts);
        for n in names {
            f.push(n);
        }
        f
    }

    /// The forms of `batches`, one after the other.
    pub(crate) fn concat(batches: Vec<Forms>) -> Forms {
        let mut f = Forms::default();
        f.text.reserve(batches.iter().map(|b| b.text.len()).sum());
        f.row_at.reserve(batches.iter().map(Forms::len).sum());
        f.part_at.reserve(batches.iter().map(Forms::len).sum());
        f.parts.reserve(batches.iter().map(|b| b.parts.len()).sum());
        for b in batches {
            f.append(&b);
        }
        f
    }

    /// Adds the rows of `other` after these.
    pub(crate) fn append(&mut self, other: &Forms) {
        let (t, p) = (self.text.len(), self.parts.len());
        self.text.push_str(&other.text);
        self.parts.extend_from_slice(&other.parts);
        self.row_at.extend(other.row_at[1..].iter().map(|&x| x + t));
        self.part_at
            .extend(other.part_at[1..].iter().map(|&x| x + p));
    }

    /// Adds row `r` of `other` after these rows.
    pub(crate) fn push_row(&mut self, other: &Forms, r: usize) {
        let (text, parts) = other.row(r);
        self.text.push_str(text);
        self.parts.extend_from_slice(parts);
        self.row_at.push(self.text.len());
        self.part_at.push(self.parts.len());
    }

    /// Room for `rows` more rows of `bytes` bytes and `parts` parts.
    pub(crate) fn reserve(&mut self, rows: usize, bytes: usize, parts: usize) {
        self.text.reserve(bytes);
        self.row_at.reserve(rows);
        self.part_at.reserve(rows);
        self.parts.reserve(parts);
    }

    /// The bytes of text and the parts these rows hold.
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.text.len(), self.parts.len())
    }

    /// Adds `n` after these rows.
    pub(crate) fn push(&mut self, n: &Name) {
        let start = self.text.len();
        for (i, p) in n.parts().iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            self.text.push_str(p.as_str());
            self.parts.push(Packed {
                soft: p.soft(),
                clitic: p.clitic(),
                end: (self.text.len() - start) as u32,
                // (At most 6 bytes: a clitic and the article.)
                prefix_len: p.prefix().len() as u16,
                article: p.has_article(),
            });
        }
        debug_assert_eq!(&self.text[start..], n.as_str());
        self.row_at.push(self.text.len());
        self.part_at.push(self.parts.len());
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.row_at.len().saturating_sub(1)
    }

    fn row(&self, r: usize) -> (&str, &[Packed]) {
        let text = &self.text[self.row_at[r]..self.row_at[r + 1]];
        let parts = &self.parts[self.part_at[r]..self.part_at[r + 1]];
        (text, parts)
    }

    /// Row `r`'s comparison form, as [`Name::as_str`].
    pub(crate) fn as_str(&self, r: usize) -> &str {
        self.row(r).0
    }

    /// Whether row `r` is in Latin letters, as [`Name::is_latin`].
    pub(crate) fn is_latin(&self, r: usize) -> bool {
        self.as_str(r).bytes().any(|b| b.is_ascii_lowercase())
    }

    /// The letters of part `j` of row `r`, as [`Name::part_symbols`], into
    /// `out` (cleared first).
    pub(crate) fn part_symbols(&self, r: usize, j: usize, out: &mut Vec<u32>) {
        out.clear();
        let p = self.row(r).1[j];
        push_symbols(
            self.part_str(r, j),
            p.prefix_len as usize,
            p.clitic,
            p.soft,
            out,
        );
    }

    /// How many parts row `r` has.
    pub(crate) fn part_count(&self, r: usize) -> usize {
        self.part_at[r + 1] - self.part_at[r]
    }

    /// The text of part `j` of row `r`, as [`crate::Part::as_str`].
    pub(crate) fn part_str(&self, r: usize, j: usize) -> &str {
        let (text, parts) = self.row(r);
        let start = match j {
            0 => 0,
            _ => parts[j - 1].end as usize + 1,
        };
        &text[start..parts[j].end as usize]
    }

    /// Row `r`'s letters, as [`Name::symbols`], into `out` (cleared first).
    pub(crate) fn symbols(&self, r: usize, out: &mut Vec<u32>) {
        out.clear();
        let (text, parts) = self.row(r);
        // (At most a letter per byte: sized once, not grown.)
        out.reserve(text.len());
        let mut start = 0;
        for (j, p) in parts.iter().enumerate() {
            if j > 0 {
                out.push(' ' as u32);
            }
            let t = &text[start..p.end as usize];
            start = p.end as usize + 1;
            push_symbols(t, p.prefix_len as usize, p.clitic, p.soft, out);
        }
    }

    /// Row `r`'s [`Name`], equal to the one pushed.
    pub(crate) fn name(&self, r: usize) -> Name {
        let (text, parts) = self.row(r);
        let mut start = 0;
        let parts = parts
            .iter()
            .map(|p| {
                let t = &text[start..p.end as usize];
                start = p.end as usize + 1;
                stored_part(
                    t.to_string(),
                    p.prefix_len as usize,
                    p.article,
                    p.clitic,
                    p.soft,
                )
            })
            .collect();
        Name::from_parts(parts)
    }

    /// Heap bytes held (for the resolver's memory figures in tests).
    #[cfg(all(test, feature = "builtin-aliases"))]
    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + std::mem::size_of::<usize>() * (self.row_at.capacity() + self.part_at.capacity())
            + std::mem::size_of::<Packed>() * self.parts.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn names() -> Vec<Name> {
        let mut v: Vec<Name> = [
            "المشير خليفة بلقاسم حفتر",
            "والقذافي",
            "",
            "عبد القادر",
            "بن سلمان",
            "للأمم المتحدة",
            "Kadhafi, Mu'ammar",
            "ﷲ",
        ]
        .iter()
        .map(|s| normalize(s))
        .collect();
        // Romanised forms carry soft letters and an article's prefix.
        v.push(crate::romanize::romanize(&normalize(
            "Abdel Aziz al-Rantissi",
        )));
        v
    }

    #[test]
    fn rows_come_back_as_they_went_in() {
        let want = names();
        let f = Forms::from_names(&want);
        let mut letters = Vec::new();
        assert_eq!(f.len(), want.len());
        for (r, n) in want.iter().enumerate() {
            assert_eq!(f.name(r), *n, "row {r}");
            f.symbols(r, &mut letters);
            assert_eq!(letters, n.symbols(), "row {r}");
            assert_eq!(f.as_str(r), n.as_str());
            assert_eq!(f.part_count(r), n.parts().len());
            for (j, p) in n.parts().iter().enumerate() {
                assert_eq!(f.part_str(r, j), p.as_str(), "row {r} part {j}");
            }
        }
        assert!(want.iter().any(|n| n.parts().iter().any(|p| p.soft() != 0)));
        for (r, n) in want.iter().enumerate() {
            assert_eq!(f.is_latin(r), n.is_latin(), "row {r}");
            for j in 0..n.parts().len() {
                f.part_symbols(r, j, &mut letters);
                assert_eq!(letters, n.part_symbols(j), "row {r} part {j}");
            }
        }
    }

    #[test]
    fn a_part_takes_24_bytes() {
        assert_eq!(std::mem::size_of::<Packed>(), 24);
    }

    #[test]
    fn rows_copied_appended_and_joined_stay_themselves() {
        let want = names();
        let (a, b) = want.split_at(3);
        let mut joined = Forms::from_names(a);
        joined.append(&Forms::from_names(b));
        let batches = Forms::concat(vec![
            Forms::from_names(&want[..1]),
            Forms::default(),
            Forms::from_names(&want[1..]),
        ]);
        let mut copied = Forms::default();
        let whole = Forms::from_names(&want);
        for r in 0..whole.len() {
            copied.push_row(&whole, r);
        }
        for f in [&joined, &batches, &copied] {
            assert_eq!(f.len(), want.len());
            for (r, n) in want.iter().enumerate() {
                assert_eq!(f.name(r), *n, "row {r}");
            }
        }
        assert_eq!(Forms::default().len(), 0);
    }

    #[cfg(feature = "builtin-aliases")]
    #[test]
    fn the_shipped_table_packs_in_a_fraction_of_its_names() {
        let t = crate::AliasTable::builtin();
        let names: Vec<Name> = t.spellings().map(|(_, s)| normalize(s)).collect();
        let f = Forms::from_names(&names);
        for (r, n) in names.iter().enumerate() {
            assert_eq!(f.name(r), *n);
        }
        // Each name's inline size and its heap blocks' bytes, at least.
        let as_names: usize = names
            .iter()
            .map(|n| {
                std::mem::size_of::<Name>()
                    + n.as_str().len()
                    + 4 * n.len()
                    + n.parts()
                        .iter()
                        .map(|p| std::mem::size_of_val(p) + p.as_str().len())
                        .sum::<usize>()
            })
            .sum();
        assert!(
            f.heap_bytes() * 3 < as_names,
            "{} vs {as_names}",
            f.heap_bytes()
        );
    }
}
