//! The index the resolver builds over a table: the rows' comparison forms
//! (Latin rows with their second readings), the exact lookup and the part
//! index, and what it notes per row, part and entity.

use std::collections::HashMap;

use crate::alias::AliasTable;
use crate::error::{Error, Result};
use crate::forms::Forms;
use crate::index::{Chains, PartIndex};
use crate::letters::Costs;
use crate::lexicon::{self, Lexicon};
use crate::normalize::{Name, normalize};
use crate::romanize;

use super::MAX_NAME_CHARS;
use super::acronym::{Acronyms, NOT_ACRONYM, is_acronym};
use super::namekey::NameKeys;
use super::query::is_particle_text;

#[cfg(doc)]
use super::{ALT_PENALTY, PLACE_WORD_SKIP};

/// Cost of a table spelling's article or clitic letter against a Latin
/// query: Latin spellings of Arabic names mostly leave the article out
/// (Tillisi for التليسي, Mhiri for المهيري), so the usual prefix cost
/// ranked a near spelling without it first. Chosen on all 88,608 dev Latin
/// queries against the first Arabic spelling of each cluster (acc@1 at
/// 0.15, the Arabic cost: 0.8208; 0.12: 0.8242; 0.10: 0.8240; 0.08: 0.8235;
/// 0.05: 0.8198).
pub(super) const LATIN_PREFIX_INDEL: f32 = 0.12;

/// Rows from which a resolver's exact-lookup chains are built on another
/// core, beside the part index (a thread costs tens of microseconds).
const EXACT_ON_ANOTHER_CORE: usize = 16_384;

/// Everything the resolver precomputes over a table.
#[derive(Debug)]
pub(crate) struct Index {
    pub(crate) table: AliasTable,
    pub(crate) costs: Costs,
    /// The Latin costs with [`LATIN_PREFIX_INDEL`], for Latin queries.
    pub(super) latin_costs: Costs,
    /// Per row: the comparison form (Latin romanised), whole (titles and
    /// common words are cut from queries only).
    pub(crate) forms: Forms,
    /// Rows by their form's text ([`Index::exact_rows`]).
    exact: Chains,
    pub(super) parts: PartIndex,
    /// Row `r`'s part ids are `row_parts[row_start[r]..row_start[r + 1]]`,
    /// [`PARTICLE_PART`] for a particle: no hashing in [`Index::row_score`].
    pub(super) row_parts: Vec<u32>,
    pub(super) row_start: Vec<u32>,
    /// Per part: every row it occurs in was a Latin spelling (romanised),
    /// so an Arabic query is compared with it with the Latin costs too.
    pub(super) latin_part: Vec<bool>,
    /// Per part: a state form (جمهورية, مملكة: see
    /// [`Lexicon::is_state_form_text`]), which a query may leave out at
    /// [`PLACE_WORD_SKIP`] of the usual cost when it opens the spelling.
    pub(super) state_part: Vec<bool>,
    /// Per row: a Latin spelling.
    pub(super) latin_row: Vec<bool>,
    /// Per form row (a second reading as its table row): the id of its
    /// Latin acronym text (see [`is_acronym`]; [`NOT_ACRONYM`] for other
    /// rows), which only [`Acronyms`] that allow it match.
    pub(super) acronym_id: Vec<u32>,
    /// Some row is a Latin acronym.
    pub(super) any_acronym: bool,
    /// Acronym ids by text as written (PKK, BBC).
    pub(super) acronym_ids: HashMap<String, u32>,
    /// Some row is a Latin spelling.
    pub(super) any_latin: bool,
    /// Per entity: it has a spelling in Arabic script.
    pub(super) arabic_entity: Vec<bool>,
    /// Per entity: how many table rows spell it, which orders entities
    /// that score the same (see [`Index::tie_order`]).
    pub(super) spellings: Vec<u32>,
    /// Per entity: its role classes (`data/roles.tsv`, by id), which order
    /// the entities that a titled query's name fits equally well (see
    /// [`Index::by_title_role`]).
    pub(super) roles: Vec<u16>,
    /// Per part: the number of table rows (second readings not counted)
    /// it occurs in, for [`Index::weight`].
    pub(super) part_df: Vec<u32>,
    /// Rows from `table.rows.len()` on are second readings of Latin
    /// spellings (Jerez as خيريز, see `where = alt` in
    /// `data/romanize.tsv`): row `table.rows.len() + i` reads row
    /// `alt_of[i]` otherwise and scores [`ALT_PENALTY`] less. They are
    /// found through their parts, never by the exact lookup.
    alt_of: Vec<u32>,
    pub(super) lexicon: &'static Lexicon,
    /// Rows of two name parts or more by their name key.
    pub(super) names: NameKeys,
}

/// The id [`Index::row_parts`] gives a particle (بن, بنت, ال).
pub(super) const PARTICLE_PART: u32 = u32::MAX;

/// A Latin row's romanised first reading and its second readings.
type Readings = Vec<(usize, Name, Vec<Name>)>;

/// The index's forms: the rows `read`, each Latin one (`readings`, in row
/// order) as its first reading, then every second reading; with which
/// forms are Latin readings, and the row each second reading reads.
/// (`read` is dropped here, before the part index is built.)
fn with_readings(read: Forms, readings: Readings) -> (Forms, Vec<bool>, Vec<u32>) {
    let n_rows = read.len();
    let mut latin_row = vec![false; n_rows];
    if readings.is_empty() {
        return (read, latin_row, Vec::new());
    }
    let mut forms = Forms::default();
    let (bytes, parts) = read.size();
    let alts: usize = readings.iter().map(|(_, _, a)| a.len()).sum();
    forms.reserve(n_rows + alts, bytes, parts);
    let mut next = readings.iter().peekable();
    for (r, latin) in latin_row.iter_mut().enumerate() {
        match next.next_if(|(i, _, _)| *i == r) {
            Some((_, first, _)) => {
                forms.push(first);
                *latin = true;
            }
            None => forms.push_row(&read, r),
        }
    }
    debug_assert!(next.peek().is_none(), "readings out of row order");
    let mut alt_of = Vec::with_capacity(alts);
    for (i, _, second) in &readings {
        alt_of.extend(std::iter::repeat_n(*i as u32, second.len()));
        for a in second {
            forms.push(a);
        }
    }
    latin_row.resize(forms.len(), true);
    (forms, latin_row, alt_of)
}

impl Index {
    pub(crate) fn build(mut table: AliasTable, costs: Costs, latin_costs: Costs) -> Result<Index> {
        let lexicon = lexicon::shipped();
        for row in &table.rows {
            // A name of at most MAX_NAME_CHARS bytes has no more chars.
            if row.name.len() > MAX_NAME_CHARS {
                let len = row.name.chars().count();
                if len > MAX_NAME_CHARS {
                    return Err(Error::TooLong {
                        len,
                        max: MAX_NAME_CHARS,
                    });
                }
            }
        }
        // Normalising the rows is most of the work: done while the table
        // was read, or here on all cores.
        let n_rows = table.rows.len();
        let read: Forms = match table.forms.take() {
            Some(forms) if forms.len() == n_rows => forms,
            _ => Forms::concat(crate::par::par_map_balanced(
                &table.rows,
                4096,
                |rows: &[crate::alias::Row]| {
                    let mut forms = Forms::default();
                    for row in rows {
                        forms.push(&normalize(&row.name));
                    }
                    vec![forms]
                },
            )),
        };
        // A Latin row's form is its first romanised reading, and it brings
        // its second readings, as an Arabic query would meet them: on all
        // cores too.
        let latin: Vec<usize> = (0..n_rows).filter(|&i| read.is_latin(i)).collect();
        let readings = crate::par::par_map_balanced(&latin, 256, |chunk: &[usize]| {
            chunk
                .iter()
                .map(|&i| {
                    let n = read.name(i);
                    let (first, units) = romanize::romanize_units(&n);
                    let alts = romanize::alternatives(&n, &first, &units);
                    (i, first, alts)
                })
                .collect()
        });
        let (forms, latin_row, alt_of) = with_readings(read, readings);
        // Rows by their form's text, for exact lookups: on the other core
        // while the part index's first, one-core steps run (building the
        // index on dev.arabres's 87k rows: 7 ms of its 70).
        let latin_costs = latin_costs.with_prefix_indel(LATIN_PREFIX_INDEL);
        let (exact, (parts, mut row_parts, row_start)) = crate::par::join(
            n_rows,
            EXACT_ON_ANOTHER_CORE,
            || {
                let mut exact = Chains::default();
                exact.reserve(n_rows);
                for r in 0..n_rows {
                    exact.push(exact.hash(forms.as_str(r)));
                }
                exact
            },
            || PartIndex::build(&costs, &latin_costs, &forms),
        );
        for r in 0..forms.len() {
            let ids = &mut row_parts[row_start[r] as usize..row_start[r + 1] as usize];
            for (j, id) in ids.iter_mut().enumerate().take(forms.part_count(r)) {
                if is_particle_text(forms.part_str(r, j)) {
                    *id = PARTICLE_PART;
                }
            }
        }
        // The name keys on another core while the per-part flags are read
        // (indexing the generated 100k table: 20 ms of its 100).
        // (Particles are left out: بن may be written or not.)
        let (names, (part_df, latin_part, state_part)) = crate::par::join(
            n_rows,
            EXACT_ON_ANOTHER_CORE,
            || {
                NameKeys::build(forms.len(), |r, out| {
                    out.extend(
                        crate::index::run(&row_parts, &row_start, r)
                            .iter()
                            .filter(|&&p| p != PARTICLE_PART)
                            .map(|&p| (parts.skeleton(p), parts.weak(p))),
                    );
                })
            },
            || {
                let part_df: Vec<u32> = (0..parts.len() as u32)
                    .map(|id| {
                        let occ = parts.occurrences(id);
                        occ.iter().filter(|&&(r, _)| (r as usize) < n_rows).count() as u32
                    })
                    .collect();
                let latin_part: Vec<bool> = (0..parts.len() as u32)
                    .map(|id| {
                        parts
                            .occurrences(id)
                            .iter()
                            .all(|&(r, _)| latin_row[r as usize])
                    })
                    .collect();
                let state_part: Vec<bool> = (0..parts.len() as u32)
                    .map(|id| {
                        parts.occurrences(id).first().is_some_and(|&(r, j)| {
                            lexicon.is_state_form_text(forms.part_str(r as usize, j as usize))
                        })
                    })
                    .collect();
                (part_df, latin_part, state_part)
            },
        );
        // Per form row (second readings take their row's).
        let mut acronym_ids: HashMap<String, u32> = HashMap::new();
        let acronym_id: Vec<u32> = (0..forms.len())
            .map(|r| {
                let t = if r < n_rows {
                    r
                } else {
                    alt_of[r - n_rows] as usize
                };
                let text = table.rows[t].name.trim();
                if is_acronym(text) {
                    let next = acronym_ids.len() as u32;
                    *acronym_ids.entry(text.to_string()).or_insert(next)
                } else {
                    NOT_ACRONYM
                }
            })
            .collect();
        let any_acronym = !acronym_ids.is_empty();
        let mut arabic_entity = vec![false; table.entities.len()];
        let mut spellings = vec![0u32; table.entities.len()];
        for row in &table.rows {
            spellings[row.entity as usize] += 1;
        }
        let shipped_roles = crate::roles::shipped();
        let roles = table
            .entities
            .iter()
            .map(|e| shipped_roles.of(&e.id))
            .collect();
        for (r, (row, &latin)) in table.rows.iter().zip(&latin_row).enumerate() {
            // (A row of digits alone, Arabic-Indic ones too, is neither.)
            if !latin && crate::alias::Script::of(forms.as_str(r)) == crate::alias::Script::Arabic {
                arabic_entity[row.entity as usize] = true;
            }
        }
        Ok(Index {
            names,
            table,
            latin_costs,
            costs,
            forms,
            exact,
            parts,
            row_parts,
            row_start,
            latin_part,
            state_part,
            any_latin: latin_row.iter().any(|&l| l),
            arabic_entity,
            spellings,
            roles,
            latin_row,
            acronym_id,
            any_acronym,
            acronym_ids,
            part_df,
            alt_of,
            lexicon,
        })
    }

    /// The table row that `row` is (a second reading is its row's).
    pub(super) fn table_row(&self, row: u32) -> usize {
        let n = self.table.rows.len();
        let r = row as usize;
        if r < n {
            r
        } else {
            self.alt_of[r - n] as usize
        }
    }

    /// The rows whose form is exactly `text`, in order; Latin acronyms
    /// (see [`is_acronym`]) only as `acronyms` allows.
    pub(super) fn exact_rows<'a>(
        &'a self,
        text: &'a str,
        acronyms: Acronyms,
    ) -> impl Iterator<Item = u32> + 'a {
        self.exact.get(self.exact.hash(text)).filter(move |&r| {
            self.forms.as_str(r as usize) == text && self.acronym_allowed(r, acronyms)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::Resolver;

    /// The index's forms: Arabic rows as read, Latin rows as their first
    /// romanised reading, then every Latin row's second readings in row
    /// order, each pointing back at its row.
    #[test]
    fn latin_rows_forms_and_second_readings_keep_their_rows() {
        let text =
            "entity\tname\na\tحفتر\nb\tJerez\nc\tغوتيريش\nd\tLucchese\ne\tالسيسي\nf\tJuan Carlos\n";
        let r = Resolver::builder()
            .builtin(false)
            .table(AliasTable::from_tsv_str(text).unwrap())
            .build()
            .unwrap();
        let idx = &r.inner.index;
        let names: Vec<Name> = text.lines().skip(1).map(|l| normalize(&l[2..])).collect();
        let mut want: Vec<Name> = Vec::new();
        let mut want_alt: Vec<u32> = Vec::new();
        let mut seconds: Vec<Name> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if n.is_latin() {
                let (first, units) = romanize::romanize_units(n);
                let alts = romanize::alternatives(n, &first, &units);
                want_alt.extend(std::iter::repeat_n(i as u32, alts.len()));
                seconds.extend(alts);
                want.push(first);
            } else {
                want.push(n.clone());
            }
        }
        assert!(!seconds.is_empty(), "no second readings to check");
        want.extend(seconds);
        assert_eq!(idx.forms.len(), want.len());
        for (row, w) in want.iter().enumerate() {
            assert_eq!(idx.forms.name(row), *w, "row {row}");
            assert_eq!(
                idx.latin_row[row],
                row >= names.len() || names[row].is_latin()
            );
        }
        assert_eq!(idx.alt_of, want_alt);
    }
}
