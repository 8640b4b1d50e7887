//! People's roles (`data/roles.tsv`): the titles news puts before their
//! names, by role class (`head_of_state`, `royal`, `military` ...: the
//! classes of `data/titles.tsv`). Among entities that a titled name fits
//! equally well, one that holds the title's role comes first: الرئيس قيس
//! is Kais Saied, a president, before Qais al-Khazali, a militia leader.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::{DataError, Error, Result};
use crate::tsv::{TsvReader, required};

/// The role classes, one bit each (the order is the bits').
const CLASSES: [&str; 14] = [
    "head_of_state",
    "head_of_government",
    "royal",
    "military",
    "minister",
    "religious",
    "leader",
    "diplomat",
    "legislator",
    "official",
    "academic",
    "sport",
    "honorific",
    "office",
];

/// The bit of a role class; `None` for a name that is no class.
pub(crate) fn bit(class: &str) -> Option<u16> {
    CLASSES.iter().position(|&c| c == class).map(|i| 1u16 << i)
}

/// Role classes by entity id, as bit sets.
#[derive(Debug, Default)]
pub(crate) struct Roles {
    by_entity: HashMap<String, u16>,
}

impl Roles {
    /// Reads a TSV with the columns `entity` and `role`, one role class
    /// per row; an entity may have several rows.
    #[cfg_attr(not(feature = "builtin-aliases"), allow(dead_code))]
    pub(crate) fn from_tsv(src: impl std::io::BufRead, origin: &str) -> Result<Roles> {
        let mut r = TsvReader::new(src, origin)?;
        let (ce, cr) = (r.column("entity")?, r.column("role")?);
        let mut roles = Roles::default();
        while let Some((line, f)) = r.next_row()? {
            let entity = required(&f, ce, "entity", origin, line)?;
            let role = required(&f, cr, "role", origin, line)?;
            let b = bit(role).ok_or_else(|| Error::Data {
                origin: origin.to_string(),
                line,
                column: cr + 1,
                reason: DataError::BadValue {
                    column: "role",
                    value: role.to_string(),
                    expected: "a role class of data/titles.tsv (head_of_state, royal, ...)",
                },
            })?;
            *roles.by_entity.entry(entity.to_string()).or_default() |= b;
        }
        Ok(roles)
    }

    /// The role classes of entity `id` (none for an id the file lacks).
    pub(crate) fn of(&self, id: &str) -> u16 {
        self.by_entity.get(id).copied().unwrap_or(0)
    }
}

/// The shipped roles, with the shipped alias table whose ids they use
/// (the `builtin-aliases` feature; none without it).
#[cfg(feature = "builtin-aliases")]
static SHIPPED: LazyLock<Roles> = LazyLock::new(|| {
    Roles::from_tsv(
        include_str!("../data/roles.tsv").as_bytes(),
        "data/roles.tsv",
    )
    .unwrap_or_else(|e| panic!("shipped roles are invalid (a test guards this): {e}"))
});
#[cfg(not(feature = "builtin-aliases"))]
static SHIPPED: LazyLock<Roles> = LazyLock::new(Roles::default);

/// The shipped roles, parsed once.
pub(crate) fn shipped() -> &'static Roles {
    &SHIPPED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "builtin-aliases")]
    #[test]
    fn shipped_roles_parse_and_name_known_classes() {
        let r = shipped();
        assert!(r.by_entity.len() > 1_000);
        assert_ne!(r.of("kais-saied") & bit("head_of_state").unwrap(), 0);
        assert_ne!(r.of("khalifa-haftar") & bit("military").unwrap(), 0);
        assert_eq!(r.of("no-such-entity"), 0);
    }

    #[test]
    fn every_role_of_the_titles_is_a_class() {
        let titles = include_str!("../data/titles.tsv");
        for line in titles.lines().skip(1) {
            let role = line.split('\t').nth(1).unwrap_or("").trim();
            assert!(bit(role).is_some(), "titles.tsv role {role:?}");
        }
    }

    #[test]
    fn a_role_outside_the_classes_is_an_error_with_its_line() {
        let e = Roles::from_tsv("entity\trole\nx\troyal\ny\tking\n".as_bytes(), "<t>").unwrap_err();
        assert!(
            matches!(
                &e,
                Error::Data {
                    line: 3,
                    column: 2,
                    reason: DataError::BadValue { .. },
                    ..
                }
            ),
            "{e}"
        );
        let e = Roles::from_tsv("entity\nx\n".as_bytes(), "<t>").unwrap_err();
        assert!(matches!(
            e,
            Error::Data {
                reason: DataError::MissingColumn("role"),
                ..
            }
        ));
    }
}
