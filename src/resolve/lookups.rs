//! What the clusterer and the scanner ask of a resolver: anchors for
//! clustering, the table's match forms, and the entity a name after a
//! title, or a word in running text, stands for.

use crate::normalize::Name;

use super::Resolver;
use super::acronym::{Acronyms, NOT_ACRONYM};
use super::query::is_particle;
use super::search::{Pass, Scored, Slack};

#[cfg(doc)]
use super::acronym::is_acronym;

/// Least score for the clusterer to anchor a spelling to an entity: near
/// exact. An anchor is a must-link to the entity's other spellings and a
/// cannot-link to other entities', so a fuzzy one glues a different name to
/// a known entity. On the whole dev set (evaluate, all scripts) 0.9 gave
/// B-cubed F1 0.787 against 0.806 without anchors; 0.97 gives 0.805, and the
/// dev hard Arabic split goes 0.921 -> 0.931.
const ANCHOR_THRESHOLD: f32 = 0.97;

impl Resolver {
    /// What a spelling as written lets a clusterer's node anchor to of the
    /// table's Latin acronyms (see [`Acronyms`]): an acronym only its own
    /// text (PKK, not BBC, which romanises alike); another Latin spelling
    /// any; an Arabic one none.
    pub(crate) fn acronym_rule(&self, spelling: &str, latin: bool) -> Acronyms {
        match self.inner.index.acronym_rule(spelling) {
            Acronyms::Auto if latin => Acronyms::Any,
            rule => rule,
        }
    }

    /// The entity a clusterer anchors a form to: the unique best match
    /// scoring at least [`ANCHOR_THRESHOLD`] (and the resolver's threshold).
    /// `acronyms`: which Latin acronyms it may anchor to (see
    /// [`Resolver::acronym_rule`]).
    pub(crate) fn anchor(&self, form: &Name, acronyms: Acronyms) -> Option<u32> {
        let idx = &self.inner.index;
        let t = ANCHOR_THRESHOLD.max(self.inner.threshold);
        let pass = Pass {
            acronyms,
            ..Pass::default()
        };
        let scored = idx.score_form_k(form.clone(), t, usize::MAX, pass, Slack::NONE);
        unique_best(&scored).map(|s| s.entity)
    }
}

/// The best of `scored` (best first) unless the second ties with it.
fn unique_best(scored: &[Scored]) -> Option<&Scored> {
    match scored {
        [] => None,
        [one] => Some(one),
        [a, b, ..] => ((a.score - b.score).abs() > 1e-5).then_some(a),
    }
}

impl Resolver {
    /// Every row's match form with its entity index and whether the row
    /// is Latin (for phrase matching in Arabic text), but Latin acronyms'
    /// (see [`is_acronym`]: WAM reads وام, which is وأم, and mother).
    pub(crate) fn forms(&self) -> impl Iterator<Item = (Name, u32, bool)> + '_ {
        let idx = &self.inner.index;
        idx.table
            .rows
            .iter()
            .enumerate()
            .filter(|&(i, _)| idx.acronym_id[i] == NOT_ACRONYM)
            .map(|(i, r)| (idx.forms.name(i), r.entity, idx.latin_row[i]))
    }

    /// How many parts of `form` (particles aside) are no table row's part
    /// as written: a hash lookup per part.
    pub(crate) fn unknown_parts(&self, form: &Name) -> usize {
        let idx = &self.inner.index;
        (0..form.parts().len())
            .filter(|&i| {
                !is_particle(&form.parts()[i])
                    && idx
                        .parts
                        .get(form.part_symbols(i))
                        .is_none_or(|id| idx.part_df[id as usize] == 0)
            })
            .count()
    }

    /// The person that a name after a title names (see [`Pass::titled`]:
    /// الشيخ تميم): the best entity at `threshold` or above, if it ties
    /// with no other (or, of those it ties with, is the one that holds a
    /// role of `roles`, the title's: الرئيس قيس is Kais Saied), is a person
    /// (or of no kind, as a user table's entities may be) and its spelling
    /// has every part of the name as written; `None` too when a part of the
    /// name is no table row's part as written (a hash lookup per part,
    /// before any search: most names after titles in running text are
    /// people the table does not know).
    pub(crate) fn titled_person(&self, form: &Name, threshold: f32, roles: u16) -> Option<u32> {
        let idx = &self.inner.index;
        if self.unknown_parts(form) > 0 || form.is_empty() {
            return None;
        }
        let t = threshold.max(self.inner.threshold);
        let pass = Pass {
            titled: true,
            ..Pass::default()
        };
        let scored = idx.score_form_k(form.clone(), t, usize::MAX, pass, Slack::NONE);
        // A person, or an entity of no kind (a user table may give none),
        // whose spelling has every part of the name as written: the name
        // is known parts only, and one that differs (حسن for حسين, المهدي
        // for مهدي) is another person's.
        let best = unique_best(&scored).or_else(|| {
            let top = scored.first()?.score;
            let mut holders = scored
                .iter()
                .take_while(|s| (s.score - top).abs() <= 1e-5)
                .filter(|s| roles != 0 && idx.roles[s.entity as usize] & roles != 0);
            let one = holders.next();
            one.filter(|_| holders.next().is_none())
        })?;
        let row = idx.forms.name(best.row as usize);
        let has_all = form
            .parts()
            .iter()
            .filter(|p| !is_particle(p))
            .all(|p| row.parts().iter().any(|r| r.core() == p.core()));
        let e = best.entity;
        (has_all
            && idx.table.entities[e as usize]
                .kind
                .is_none_or(|k| k == crate::Kind::Person))
        .then_some(e)
    }

    /// Whether entity `e` holds a role of `roles` (bits of
    /// [`crate::roles::bit`]); `None` when the table knows no role of it.
    pub(crate) fn holds_role(&self, e: u32, roles: u16) -> Option<bool> {
        let have = *self.inner.index.roles.get(e as usize)?;
        (have != 0).then_some(have & roles != 0)
    }

    /// Best unique entity for a form at `threshold` or above (ties abstain),
    /// with the spelling it matched (see [`Lookup`]).
    pub(crate) fn entity_for(&self, form: &Name, threshold: f32) -> Option<Lookup<'_>> {
        let t = threshold.max(self.inner.threshold);
        let idx = &self.inner.index;
        let scored = idx.score_form(form.clone(), t);
        unique_best(&scored).map(|s| {
            let row = s.row as usize;
            Lookup {
                entity: s.entity,
                score: s.score,
                parts: idx.forms.part_count(row),
                latin: idx.table.rows[idx.table_row(s.row)].script == crate::alias::Script::Latin,
                form: idx.forms.as_str(row),
            }
        })
    }
}

/// What [`Resolver::entity_for`] found: the entity and its score, and the
/// spelling matched: its parts, whether it is a Latin spelling (romanised),
/// and its comparison form.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lookup<'a> {
    pub(crate) entity: u32,
    pub(crate) score: f32,
    pub(crate) parts: usize,
    pub(crate) latin: bool,
    pub(crate) form: &'a str,
}
