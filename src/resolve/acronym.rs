//! Latin acronyms (PKK, BBC, UNICEF): which table rows are acronyms, and
//! which of them a query or a clusterer's spelling may match.

use super::build::Index;

/// Which Latin acronym rows (see [`is_acronym`]) a search may match.
/// Acronyms romanise alike (PKK and BBC both read بك), so an acronym
/// query meets only the table's acronym of its own text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Acronyms {
    /// Every one for a Latin pass, none for an Arabic one.
    #[default]
    Auto,
    /// Every one: a Latin query, or a clusterer's form of a Latin
    /// spelling (romanised, compared with the Arabic costs).
    Any,
    /// Only the acronym of this id ([`NOT_ACRONYM`]: none): the query is
    /// an acronym as written.
    Only(u32),
}

/// The acronym id of a row that is no acronym, and of a query acronym the
/// table lacks.
pub(super) const NOT_ACRONYM: u32 = u32::MAX;

impl Acronyms {
    /// Whether a row of acronym id `id` (not [`NOT_ACRONYM`]) may match.
    fn allows(self, id: u32) -> bool {
        match self {
            Acronyms::Any => true,
            Acronyms::Only(x) => x == id,
            Acronyms::Auto => false,
        }
    }
}

/// Whether a table spelling is a Latin acronym (PKK, CBL, UNICEF, G7): one
/// word of two to seven capitals and digits (a hyphen between; one capital
/// with digits will do), as written. Its romanised reading spells a word
/// (كبل for CBL, بجد for PJD) that Arabic text writes otherwise (the
/// letters' names, or the full name), and that garbled Arabic names met:
/// an Arabic query never matches one. A Latin query does, read as the
/// acronym is, and so does a clusterer's Latin spelling. (An acronym said
/// as a word mostly has its Arabic spelling as a row of its own, ناتو or
/// أوبك; إرنا is found through وكالة إرنا.)
pub(crate) fn is_acronym(name: &str) -> bool {
    let t = name.trim();
    // (Its letters first: any other, an Arabic one say, ends the test at
    // once; and then a byte is a letter.)
    if !t
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let caps = t.bytes().filter(u8::is_ascii_uppercase).count();
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    (2..=7).contains(&t.len())
        && (caps >= 2 || caps == 1 && digits > 0)
        && !t.starts_with('-')
        && !t.ends_with('-')
}

impl Index {
    /// Whether form row `row` may match under `acronyms` (a row that is no
    /// acronym always may).
    pub(super) fn acronym_allowed(&self, row: u32, acronyms: Acronyms) -> bool {
        let id = self.acronym_id[row as usize];
        id == NOT_ACRONYM || acronyms.allows(id)
    }

    /// What a query or spelling as written allows of the table's acronyms:
    /// an acronym only its own text, anything else `Auto`.
    ///
    /// Written in small letters, a word of two to five Latin letters with
    /// no vowel (pkk, bbc) is no English or French word: it is read as the
    /// acronym in capitals when the table has that one.
    pub(crate) fn acronym_rule(&self, text: &str) -> Acronyms {
        let t = text.trim_matches(|c: char| c.is_whitespace() || crate::normalize::is_dropped(c));
        if is_acronym(t) {
            return Acronyms::Only(self.acronym_ids.get(t).copied().unwrap_or(NOT_ACRONYM));
        }
        let consonants = (2..=5).contains(&t.len())
            && t.bytes()
                .all(|b| b.is_ascii_alphabetic() && !b"aeiouyAEIOUY".contains(&b));
        match consonants.then(|| self.acronym_ids.get(&t.to_ascii_uppercase())) {
            Some(Some(&id)) => Acronyms::Only(id),
            _ => Acronyms::Auto,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_acronym;

    #[test]
    fn an_acronym_is_two_to_seven_capitals_and_digits() {
        for yes in ["PKK", "UN", "G7", " NATO ", "P5-1", "UNSMIL", "ABCDEFG"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in [
            "",
            "A",
            "7",
            "G",
            "Pkk",
            "pkk",
            "ABCDEFGH",
            "-AB",
            "AB-",
            "حفتر",
            "PKKحفتر",
            "U N",
        ] {
            assert!(!is_acronym(no), "{no}");
        }
    }
}
