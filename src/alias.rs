//! The alias table: entities and their known spellings.

use crate::forms::Forms;
use crate::index::Chains;
use std::fmt;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use crate::error::{DataError, Error, Result};
use crate::normalize::{normalize, surely_not_empty};
use crate::tsv::{TsvReader, required};

/// Rows a table loader hands to the other core at a time, to normalise.
const ROW_BATCH: usize = 2048;

/// What kind of thing an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Kind {
    /// A person.
    Person,
    /// A place: country, city, region.
    Place,
    /// An organisation, alliance, party or armed group.
    Org,
    /// Anything else.
    Other,
}

impl Kind {
    /// The name used in TSV files: `person`, `place`, `org`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Org => "org",
            Kind::Other => "other",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "person" => Kind::Person,
            "place" => Kind::Place,
            "org" => Kind::Org,
            "other" => Kind::Other,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The script a spelling is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Script {
    /// Arabic script (Arabic, Persian, Urdu letters).
    Arabic,
    /// Latin script.
    Latin,
}

/// Whether a char is of the Arabic script's blocks (presentation forms
/// included).
pub(crate) fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

impl Script {
    /// Guesses the script of a spelling: Arabic if it has any Arabic letter.
    pub fn of(s: &str) -> Script {
        if s.chars().any(is_arabic_script) {
            Script::Arabic
        } else {
            Script::Latin
        }
    }
}

/// One entity of an [`AliasTable`]: an id, a kind and canonical spellings.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Entity {
    /// The id: a Wikidata Q-id or a readable slug (`khalifa-haftar`).
    pub id: String,
    /// The kind, when the table says.
    pub kind: Option<Kind>,
    /// The canonical Arabic-script spelling (the row marked canonical, else the first).
    pub canonical_arabic: Option<String>,
    /// The canonical Latin-script spelling (the row marked canonical, else the first).
    pub canonical_latin: Option<String>,
}

impl Entity {
    /// The canonical spelling to show: Arabic if there is one, else Latin, else the id.
    pub fn canonical(&self) -> &str {
        self.canonical_arabic
            .as_deref()
            .or(self.canonical_latin.as_deref())
            .unwrap_or(&self.id)
    }
}

/// One spelling of an entity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Row {
    pub(crate) entity: u32,
    pub(crate) name: String,
    pub(crate) script: Script,
    pub(crate) ambiguous: bool,
    /// Where it was read: origin and line, for messages.
    pub(crate) line: usize,
}

/// A table of entities and their known spellings, in any script.
///
/// The crate ships a curated table (`data/aliases.tsv`, cargo feature
/// `builtin-aliases`, on by default): [`AliasTable::builtin`]. Users load their
/// own from a path, a reader or a string, and may [merge](AliasTable::merge)
/// tables.
///
/// The minimal format is a TSV with the header `entity<TAB>name`. Optional
/// columns: `script` (`arab`/`latn`, guessed when absent), `kind`
/// (`person`/`place`/`org`/`other`), `canonical` (`1` marks the canonical
/// spelling of its script), `ambiguous` (`1` marks a spelling knowingly shared
/// by several entities). Other columns are ignored. A spelling may be listed
/// under several entities (homonyms): the resolver reports the tie.
///
/// Memory: the rows, and their normalised forms packed (the text, 16
/// bytes per row and 24 per word) for the resolver to take: 2.5 MB for
/// 10k rows of two or three words, 30.4 MB for 100k (criterion's
/// `resolve index build`).
///
/// ```
/// use asmaa::AliasTable;
///
/// let t = AliasTable::from_tsv_str("entity\tname\nhaftar\tحفتر\nhaftar\tHaftar\n")?;
/// assert_eq!(t.len(), 2);
/// assert_eq!(t.entity("haftar").unwrap().canonical(), "حفتر");
/// # Ok::<(), asmaa::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct AliasTable {
    pub(crate) entities: Vec<Entity>,
    pub(crate) rows: Vec<Row>,
    /// Entities by their id ([`AliasTable::find`]).
    by_id: Chains,
    origins: Vec<Arc<str>>,
    /// Each row's [`normalize`]d name, when the rows were read with them
    /// (see [`AliasTable::from_reader`]); the resolver's index takes them.
    pub(crate) forms: Option<Forms>,
}

#[cfg(feature = "builtin-aliases")]
static BUILTIN: std::sync::LazyLock<AliasTable> = std::sync::LazyLock::new(|| {
    AliasTable::from_reader(
        include_str!("../data/aliases.tsv").as_bytes(),
        "data/aliases.tsv",
    )
    .unwrap_or_else(|e| panic!("the shipped alias table is invalid (a test guards this): {e}"))
});

impl AliasTable {
    /// An empty table.
    pub fn new() -> AliasTable {
        AliasTable::default()
    }

    /// The curated table shipped in `data/aliases.tsv` (parsed once, lazily;
    /// later calls clone it).
    #[cfg(feature = "builtin-aliases")]
    pub fn builtin() -> AliasTable {
        BUILTIN.clone()
    }

    /// Parses a table from a string. Errors name the origin `<str>`.
    ///
    /// # Errors
    ///
    /// See [`AliasTable::from_reader`].
    pub fn from_tsv_str(s: &str) -> Result<AliasTable> {
        AliasTable::from_reader(s.as_bytes(), "<str>")
    }

    /// Reads a table from a file.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if the file cannot be opened or read, else as
    /// [`AliasTable::from_reader`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<AliasTable> {
        let path = path.as_ref();
        let origin = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|cause| Error::Io {
            origin: origin.clone(),
            cause,
        })?;
        AliasTable::from_reader(std::io::BufReader::new(file), origin)
    }

    /// Reads a table from any buffered reader, streaming (a large file is
    /// never held whole in memory). `origin` names it in errors.
    ///
    /// The rows' names are normalised as they are read, on another core
    /// (a resolver built on the table needs them): the table keeps them
    /// packed, the text, 16 bytes per row and 24 per word (the generated
    /// 100k table, rows and forms: 30.4 MB).
    ///
    /// Cost: O(rows), their normalisation included; reading a million
    /// generated two-word rows and building a resolver's index on them
    /// takes 1.1–1.6 s (2 cores, 2026-12-03).
    ///
    /// # Errors
    ///
    /// [`Error::Data`] naming the line and column of: a missing `entity` or
    /// `name` column, a row with the wrong number of fields, an empty entity
    /// or name, invalid UTF-8, a spelling that normalises to nothing, or a bad
    /// `script`/`kind`/`canonical`/`ambiguous` value, or a name over
    /// [`MAX_NAME_CHARS`](crate::MAX_NAME_CHARS) chars. No row is ever skipped.
    pub fn from_reader(reader: impl BufRead, origin: impl Into<String>) -> Result<AliasTable> {
        let mut t = AliasTable::new();
        t.read(reader, origin.into())?;
        Ok(t)
    }

    fn read(&mut self, reader: impl BufRead, origin: String) -> Result<()> {
        let mut r = TsvReader::new(reader, origin.clone())?;
        let ce = r.column("entity")?;
        let cn = r.column("name")?;
        let cs = r.optional_column("script");
        let ck = r.optional_column("kind");
        let cc = r.optional_column("canonical");
        let ca = r.optional_column("ambiguous");
        let origin_arc: Arc<str> = Arc::from(origin.as_str());
        self.origins.push(origin_arc);
        let first_row = self.rows.len();
        // Rows go to the other core in batches to be normalised while the
        // next ones are parsed: loading dev.arabres's 87k rows and building
        // the resolver's index took a median 170 ms before, 144 ms after.
        let (rows, forms) = crate::par::pipelined(
            ROW_BATCH,
            |rows: &[Row]| {
                // Packed as they are made: a parsed table holds 24 bytes
                // per part and the text, not a `Name` per row.
                let mut forms = Forms::default();
                for row in rows {
                    forms.push(&normalize(&row.name));
                }
                forms
            },
            |emit| -> Result<()> {
                while let Some((line, f)) = r.next_row()? {
                    let bad = |col: usize, column: &'static str, expected: &'static str| {
                        crate::tsv::bad_value(&origin, line, &f, col, column, expected)
                    };
                    let id = required(&f, ce, "entity", &origin, line)?;
                    let name = required(&f, cn, "name", &origin, line)?;
                    // A name of at most MAX_NAME_CHARS bytes has no more chars.
                    if name.len() > crate::MAX_NAME_CHARS {
                        let chars = name.chars().count();
                        if chars > crate::MAX_NAME_CHARS {
                            let shown: String = name.chars().take(32).collect();
                            return Err(Error::Data {
                                origin: origin.clone(),
                                line,
                                column: cn + 1,
                                reason: DataError::BadValue {
                                    column: "name",
                                    value: format!("{shown}… ({chars} chars)"),
                                    expected: "a name of at most MAX_NAME_CHARS (256) chars",
                                },
                            });
                        }
                    }
                    if !surely_not_empty(name) && normalize(name).is_empty() {
                        return Err(Error::Data {
                            origin: origin.clone(),
                            line,
                            column: cn + 1,
                            reason: DataError::EmptyName(name.to_string()),
                        });
                    }
                    let script = match cs.map(|c| crate::tsv::trim(&f[c])) {
                        None | Some("") => Script::of(name),
                        Some("arab") => Script::Arabic,
                        Some("latn") => Script::Latin,
                        Some(_) => return Err(bad(cs.unwrap_or(0), "script", "`arab` or `latn`")),
                    };
                    let kind = match ck.map(|c| crate::tsv::trim(&f[c])) {
                        None | Some("") => None,
                        Some(k) => Some(Kind::parse(k).ok_or_else(|| {
                            bad(ck.unwrap_or(0), "kind", "person, place, org or other")
                        })?),
                    };
                    let flag = |c: Option<usize>, column: &'static str| -> Result<bool> {
                        match c.map(|c| crate::tsv::trim(&f[c])) {
                            None | Some("") | Some("0") => Ok(false),
                            Some("1") => Ok(true),
                            Some(_) => Err(bad(c.unwrap_or(0), column, "`1`, `0` or empty")),
                        }
                    };
                    let canonical = flag(cc, "canonical")?;
                    let ambiguous = flag(ca, "ambiguous")?;
                    let e = self.entity_index(id, kind);
                    if kind.is_some() && self.entities[e as usize].kind.is_none() {
                        self.entities[e as usize].kind = kind;
                    }
                    let ent = &mut self.entities[e as usize];
                    let slot = match script {
                        Script::Arabic => &mut ent.canonical_arabic,
                        Script::Latin => &mut ent.canonical_latin,
                    };
                    if canonical || slot.is_none() {
                        *slot = Some(name.to_string());
                    }
                    emit(Row {
                        entity: e,
                        name: name.to_string(),
                        script,
                        ambiguous,
                        line,
                    });
                }
                Ok(())
            },
        )?;
        let forms = Forms::concat(forms);
        if first_row == 0 {
            self.rows = rows;
            self.forms = Some(forms);
        } else {
            self.rows.extend(rows);
            match &mut self.forms {
                Some(f) if f.len() == first_row => f.append(&forms),
                _ => self.forms = None,
            }
        }
        Ok(())
    }

    fn entity_index(&mut self, id: &str, kind: Option<Kind>) -> u32 {
        let h = self.by_id.hash(id);
        let entities = &self.entities;
        let (i, new) = self
            .by_id
            .find_or_push(h, |i| entities[i as usize].id == id);
        if new {
            self.entities.push(Entity {
                id: id.to_string(),
                kind,
                canonical_arabic: None,
                canonical_latin: None,
            });
        }
        i
    }

    /// The index of the entity with this id, by its hash.
    fn find(&self, h: u64, id: &str) -> Option<u32> {
        self.by_id
            .get(h)
            .find(|&i| self.entities[i as usize].id == id)
    }

    /// Adds every row of `other` to this table. Entities with the same id
    /// are one entity; canonical spellings already set here are kept.
    ///
    /// ```
    /// use asmaa::AliasTable;
    /// let mut t = AliasTable::from_tsv_str("entity\tname\nhaftar\tحفتر\n")?;
    /// t.merge(AliasTable::from_tsv_str("entity\tname\nhaftar\tهفتر\nsisi\tالسيسي\n")?);
    /// assert_eq!((t.len(), t.entities().len()), (3, 2));
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    pub fn merge(&mut self, other: AliasTable) {
        if self.rows.is_empty() && self.entities.is_empty() {
            // Into an empty table (a user table without the builtin one):
            // the other table as it is, without re-indexing its entities.
            let origins = std::mem::take(&mut self.origins);
            *self = other;
            self.origins.splice(0..0, origins);
            return;
        }
        let forms = match (self.forms.take(), other.forms) {
            (Some(mut a), Some(b)) if a.len() == self.rows.len() && b.len() == other.rows.len() => {
                a.append(&b);
                Some(a)
            }
            _ => None,
        };
        for row in other.rows {
            let src = &other.entities[row.entity as usize];
            let e = self.entity_index(&src.id, src.kind);
            let ent = &mut self.entities[e as usize];
            if ent.kind.is_none() {
                ent.kind = src.kind;
            }
            if ent.canonical_arabic.is_none() {
                ent.canonical_arabic.clone_from(&src.canonical_arabic);
            }
            if ent.canonical_latin.is_none() {
                ent.canonical_latin.clone_from(&src.canonical_latin);
            }
            self.rows.push(Row { entity: e, ..row });
        }
        self.forms = forms;
        self.origins.extend(other.origins);
    }

    /// Number of spellings (rows).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The entities, in order of first appearance.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.find(self.by_id.hash(id), id)
            .map(|i| &self.entities[i as usize])
    }

    /// The index of the entity with this id (in [`AliasTable::entities`]).
    pub(crate) fn index_of(&self, id: &str) -> Option<u32> {
        self.find(self.by_id.hash(id), id)
    }

    /// Every spelling with its entity id, in table order.
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.rows.iter().map(|r| {
            (
                self.entities[r.entity as usize].id.as_str(),
                r.name.as_str(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms normalised while reading are each row's, in order, past
    /// the first batch too, and stay so through a merge.
    #[test]
    fn forms_read_with_the_rows_are_theirs() {
        let mut text = String::from("entity\tname\n");
        for i in 0..(2 * ROW_BATCH + 7) {
            let name = ["حفتر", "Haftar", "غوتيريش", "البرادعي"][i % 4];
            text.push_str(&format!("e{}\t{name} {}\n", i % 97, i % 13));
        }
        let check = |t: &AliasTable| {
            let forms = t.forms.as_ref().expect("forms are read with the rows");
            assert_eq!(forms.len(), t.rows.len());
            for (r, row) in t.rows.iter().enumerate() {
                assert_eq!(forms.name(r), normalize(&row.name), "line {}", row.line);
            }
        };
        let mut t = AliasTable::from_tsv_str(&text).unwrap();
        check(&t);
        t.merge(AliasTable::from_tsv_str("entity\tname\ne1\tالسيسي\n").unwrap());
        check(&t);
        assert_eq!(t.len(), 2 * ROW_BATCH + 8);
        // An error past the first batch is still reported, at its line.
        text.push_str("e1\t\n");
        let e = AliasTable::from_tsv_str(&text).unwrap_err().to_string();
        assert!(e.contains(&format!(":{}:", 2 * ROW_BATCH + 9)), "{e}");
    }
}
