//! The comparison forms of a table's rows, packed for the resolver's index.
//!
//! A [`Name`] per row holds three heap blocks and one more per part (its
//! text, its parts, its letters, each part's text). The search reads a
//! row's whole text (the exact lookup) and now and then a part's text;
//! the rest is rebuilt when an answer is explained. [`Forms`] keeps every
//! row's text in one buffer and 24 bytes per part, and gives back each
//! row's [`Name`] exactly as it was pushed. On the generated 100k table
//! (criterion's `resolve index build`), a resolver held 708 bytes per
//! spelling with a `Name` per row and holds 459 with these.

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
/// Cost: O(1) to read a row's text or a part's text; O(n) with four
/// allocations to rebuild a row's [`Name`] of n letters.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// Every row's text, one after the other.
    text: String,
    /// Row `r`'s text is `text[row_at[r]..row_at[r + 1]]`.
    row_at: Vec<u32>,
    /// Row `r`'s parts are `parts[part_at[r]..part_at[r + 1]]`.
    part_at: Vec<u32>,
    parts: Vec<Packed>,
}

impl Forms {
    /// The forms of `names`, in order.
    pub(crate) fn from_names(names: &[Name]) -> Forms {
        let bytes = names.iter().map(|n| n.as_str().len()).sum();
        let parts = names.iter().map(|n| n.parts().len()).sum();
        let mut f = Forms {
            text: String::with_capacity(bytes),
            row_at: Vec::with_capacity(names.len() + 1),
            part_at: Vec::with_capacity(names.len() + 1),
            parts: Vec::with_capacity(parts),
        };
        f.row_at.push(0);
        f.part_at.push(0);
        for n in names {
            f.push(n);
        }
        f
    }

    fn push(&mut self, n: &Name) {
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
                prefix_len: p.prefix().len() as u16,
                article: p.has_article(),
            });
        }
        debug_assert_eq!(&self.text[start..], n.as_str());
        self.row_at.push(self.text.len() as u32);
        self.part_at.push(self.parts.len() as u32);
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.row_at.len().saturating_sub(1)
    }

    fn row(&self, r: usize) -> (&str, &[Packed]) {
        let text = &self.text[self.row_at[r] as usize..self.row_at[r + 1] as usize];
        let parts = &self.parts[self.part_at[r] as usize..self.part_at[r + 1] as usize];
        (text, parts)
    }

    /// Row `r`'s comparison form, as [`Name::as_str`].
    pub(crate) fn as_str(&self, r: usize) -> &str {
        self.row(r).0
    }

    /// How many parts row `r` has.
    pub(crate) fn part_count(&self, r: usize) -> usize {
        (self.part_at[r + 1] - self.part_at[r]) as usize
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
    #[cfg(test)]
    fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + 4 * (self.row_at.capacity() + self.part_at.capacity())
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
        // Each name's inline size and its four heap blocks, at least.
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
