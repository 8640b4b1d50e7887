//! Normalisation: any spelling of a name to its comparison form.
//!
//! The rules are listed in the crate docs (`# Normalization`); each has rows
//! in `tests/data/normalize.tsv`.

use std::fmt;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Bit set on a symbol that belongs to a removable prefix (article or clitic).
pub(crate) const PREFIX_FLAG: u32 = 1 << 31;
/// Mask that extracts the code point from a symbol.
pub(crate) const CHAR_MASK: u32 = 0x001F_FFFF;

/// A name in comparison form: folded letters, split into parts.
///
/// Build one with [`normalize`] (or [`Name::new`]). The comparison form
/// ([`Name::as_str`]) is what every distance, index and cluster in this crate
/// works on; the original spelling is not kept.
///
/// # Example
///
/// ```
/// use asmaa::normalize;
///
/// let name = normalize("المُشِير خليفة حفتـــر");
/// assert_eq!(name.as_str(), "المشير خليفه حفتر");
/// let parts: Vec<&str> = name.parts().iter().map(|p| p.core()).collect();
/// assert_eq!(parts, ["مشير", "خليفه", "حفتر"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Name {
    text: String,
    parts: Vec<Part>,
    #[cfg_attr(feature = "serde", serde(skip))]
    symbols: Vec<u32>,
}

/// One part of a [`Name`] (a word, or a compound such as عبدالله).
///
/// A leading article ال and a leading clitic (و ف ب ك ل, or لل) are kept in
/// the text but recorded as *removable*: [`Part::core`] is the part without
/// them, and the distance charges little for a prefix present on one side only.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Part {
    text: String,
    prefix_len: usize,
    article: bool,
    clitic: Option<char>,
    /// Range of this part's letters in the name's symbols.
    #[cfg_attr(feature = "serde", serde(skip))]
    span: (usize, usize),
    /// Letters (by index, first 64) that are cheap to drop: the short
    /// vowels of a romanised Latin name.
    #[cfg_attr(feature = "serde", serde(skip))]
    soft: u64,
}

impl Part {
    /// The whole part as it stands in the comparison form, prefix included.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The part without its removable prefix (article and clitic).
    ///
    /// ```
    /// let n = asmaa::normalize("والقذافي");
    /// assert_eq!(n.parts()[0].core(), "قذافي");
    /// assert_eq!(n.parts()[0].prefix(), "وال");
    /// ```
    pub fn core(&self) -> &str {
        &self.text[self.prefix_len..]
    }

    /// The removable prefix: `""`, an article `ال`, a clitic such as `و`, or
    /// both (`وال`, `لل`).
    pub fn prefix(&self) -> &str {
        &self.text[..self.prefix_len]
    }

    /// Whether the part carries the article ال (also inside لل).
    pub fn has_article(&self) -> bool {
        self.article
    }

    /// The clitic letter glued on the front, if any (و ف ب ك ل).
    pub fn clitic(&self) -> Option<char> {
        self.clitic
    }

    /// Letters (by index, first 64) that are cheap to drop.
    pub(crate) fn soft(&self) -> u64 {
        self.soft
    }

    /// Whether the part is written in Latin letters.
    pub fn is_latin(&self) -> bool {
        // By bytes: no byte of a multi-byte char is ASCII, and no char
        // need be decoded.
        self.text.bytes().any(|b| b.is_ascii_lowercase())
    }
}

impl Name {
    /// Normalises `input`; the same as [`normalize`].
    pub fn new(input: &str) -> Name {
        normalize(input)
    }

    /// The comparison form: parts separated by single spaces.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// True when nothing of the input survived normalisation (no letters or digits).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of letters (chars) in the comparison form, spaces included.
    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    /// The comparison form without any removable prefix, parts joined by spaces.
    ///
    /// ```
    /// assert_eq!(asmaa::normalize("وبنغازي").core(), "بنغازي");
    /// ```
    pub fn core(&self) -> String {
        let mut s = String::with_capacity(self.text.len());
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(p.core());
        }
        s
    }

    /// Whether any part is written in Latin letters.
    pub fn is_latin(&self) -> bool {
        // The parts' texts, spaces between: the same bytes.
        self.text.bytes().any(|b| b.is_ascii_lowercase())
    }

    /// Symbols for the distance: code points, with [`PREFIX_FLAG`] on prefix letters.
    pub(crate) fn symbols(&self) -> &[u32] {
        &self.symbols
    }

    /// The symbols of part `i` (prefix included).
    pub(crate) fn part_symbols(&self, i: usize) -> &[u32] {
        let (a, b) = self.parts[i].span;
        &self.symbols[a..b]
    }

    /// The range of part `i` in [`Name::symbols`].
    pub(crate) fn part_span(&self, i: usize) -> (usize, usize) {
        self.parts[i].span
    }

    /// A name made of the parts in `range` only.
    pub(crate) fn slice(&self, range: std::ops::Range<usize>) -> Name {
        Name::from_parts(self.parts[range].to_vec())
    }

    /// Builds a name from already-normalised parts (used by romanisation).
    pub(crate) fn from_parts(mut parts: Vec<Part>) -> Name {
        // Sized once: growing both a letter at a time was most of this
        // function's cost. The letters by count, not by bytes (an Arabic
        // letter is two): tables and clusterings hold names by the hundred
        // thousand. Each part counts one separator, one more than used.
        let bytes: usize = parts.iter().map(|p| p.text.len() + 1).sum();
        let letters: usize = parts.iter().map(|p| p.text.chars().count() + 1).sum();
        let mut text = String::with_capacity(bytes);
        let mut symbols = Vec::with_capacity(letters);
        for (i, p) in parts.iter_mut().enumerate() {
            if i > 0 {
                text.push(' ');
                symbols.push(' ' as u32);
            }
            text.push_str(&p.text);
            let start = symbols.len();
            push_symbols(&p.text, p.prefix_len, p.clitic, p.soft, &mut symbols);
            p.span = (start, symbols.len());
        }
        Name {
            text,
            parts,
            symbols,
        }
    }
}

/// Appends a part's letters to `out`, each with [`PREFIX_FLAG`] where it is
/// cheap to drop: the article's letters and the `soft` ones (by index).
pub(crate) fn push_symbols(
    text: &str,
    prefix_len: usize,
    clitic: Option<char>,
    soft: u64,
    out: &mut Vec<u32>,
) {
    // The article's letters are cheap to drop; a clitic is not (بنان is
    // not لبنان), so only its alignment is recorded. With a clitic, the
    // article is the prefix's last two letters (وال, وبال), or its last ل
    // where لل contracts it (لل, ولل); the letters before are clitics.
    let prefix = &text[..prefix_len.min(text.len())];
    let article_from = match clitic {
        None => 0,
        Some(_) if prefix.ends_with("ال") => prefix_len - "ال".len(),
        Some(_) if prefix.ends_with("لل") => prefix_len - "ل".len(),
        Some(_) => prefix_len,
    };
    let mut off = 0;
    for (k, c) in text.chars().enumerate() {
        let soft = k < 64 && soft & (1 << k) != 0;
        let article = off >= article_from && off < prefix_len;
        let flag = if article || soft { PREFIX_FLAG } else { 0 };
        out.push(c as u32 | flag);
        off += c.len_utf8();
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// What one input character becomes.
enum Fold {
    /// Dropped without trace (marks, tatweel, bidi controls).
    Drop,
    /// A separator between parts (space, punctuation, controls).
    Sep,
    /// One output letter.
    Char(char),
    /// Two output letters (ß → ss, æ → ae, ...).
    Two(char, char),
    /// Several output letters (č → tch).
    Str(&'static str),
}

fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// Whether normalisation drops `c` (a mark, tatweel, a control, an
/// apostrophe).
pub(crate) fn is_dropped(c: char) -> bool {
    matches!(fold_char(c), Fold::Drop)
}

/// Folds one character. Latin letters are lower-cased and stripped of
/// diacritics; Arabic letters are folded as documented in the crate docs.
fn fold_char(c: char) -> Fold {
    // Most letters of most names are kept as they are: the table's Arabic
    // letters but ة and ى (folded below), and ASCII lower case. They skip
    // the match, which took about 60 instructions a letter.
    if (is_table_letter(c) && c != 'ة' && c != 'ى') || c.is_ascii_lowercase() {
        return Fold::Char(c);
    }
    match c {
        // Removed: harakat and other marks, superscript alef, Quranic marks,
        // Arabic signs, tatweel, zero-width and bidi controls, BOM.
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{034F}' => Fold::Drop,
        // Apostrophes and ayn/hamza signs in Latin transliteration join letters.
        '\'' | '`' | '\u{00B4}' | '\u{2018}' | '\u{2019}' | '\u{02BB}' | '\u{02BC}'
        | '\u{02BE}' | '\u{02BF}' => Fold::Drop,
        // Alef forms.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => Fold::Char('ا'),
        'ى' | 'ئ' | 'ی' | 'ې' | 'ۍ' | 'ے' | 'ۓ' | 'ێ' | 'ۑ' | 'ٸ' => Fold::Char('ي'),
        'ة' | 'ہ' | 'ھ' | 'ە' | 'ۀ' | 'ۃ' | 'ۂ' => Fold::Char('ه'),
        'ؤ' | 'ۆ' | 'ۇ' | 'ۈ' | 'ۋ' | 'ۏ' | 'ٶ' | 'ٷ' => Fold::Char('و'),
        'ک' | 'ڪ' => Fold::Char('ك'),
        // Maghrebi and Urdu letter forms.
        'ڨ' | 'ڭ' | 'ګ' => Fold::Char('گ'),
        'ڢ' => Fold::Char('ف'),
        'ڧ' => Fold::Char('ق'),
        'ٹ' => Fold::Char('ت'),
        'ڈ' => Fold::Char('د'),
        'ڑ' | 'ڕ' => Fold::Char('ر'),
        'ں' => Fold::Char('ن'),
        'ڵ' => Fold::Char('ل'),
        // Digits.
        '\u{0660}'..='\u{0669}' => Fold::Char(digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Fold::Char(digit(c as u32 - 0x06F0)),
        // The Arabic letters the cost table knows, kept as they are.
        c if is_table_letter(c) => Fold::Char(c),
        '0'..='9' => Fold::Char(c),
        'A'..='Z' => Fold::Char(c.to_ascii_lowercase()),
        'a'..='z' => Fold::Char(c),
        // Latin letters with diacritics and ligatures.
        'ß' => Fold::Two('s', 's'),
        'æ' | 'Æ' => Fold::Two('a', 'e'),
        'œ' | 'Œ' => Fold::Two('o', 'e'),
        'þ' | 'Þ' => Fold::Two('t', 'h'),
        'ø' | 'Ø' => Fold::Char('o'),
        'đ' | 'Đ' | 'ð' | 'Ð' => Fold::Char('d'),
        'ł' | 'Ł' => Fold::Char('l'),
        // Slavic, Baltic, Turkish and Romanian letters for sounds that Arabic
        // writes with its own letters: spelt out, not stripped (Krešić is
        // كريشيتش, not كريسيك).
        'č' | 'Č' | 'ć' | 'Ć' => Fold::Str("tch"),
        'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => Fold::Two('s', 'h'),
        'ž' | 'Ž' => Fold::Two('z', 'h'),
        // ç is s in French, Portuguese and Catalan (França فرانسا).
        'ç' | 'Ç' => Fold::Char('s'),
        'ı' => Fold::Char('i'),
        c if is_latin_letter(c) && c.nfd().next().is_some_and(|b| b.is_ascii_alphabetic()) => {
            Fold::Char(c.nfd().next().map_or(c, |b| b.to_ascii_lowercase()))
        }
        // Any mark that Unicode may reorder (a non-zero combining class) is
        // dropped: kept, NFKC on a later pass could reorder it and break
        // idempotence (found by fuzzing: Hebrew points with a presentation form).
        c if unicode_normalization::char::canonical_combining_class(c) != 0 => Fold::Drop,
        // Any other letter (Cyrillic, Greek, CJK, IPA, ...) is kept, lower-cased
        // when that gives one char; the cost table's `other` row prices it.
        c if c.is_alphabetic() => {
            let mut low = c.to_lowercase();
            match (low.next(), low.next()) {
                // Lower-casing can land on a letter that folds further
                // (Angstrom sign → å → a, capital sharp s → ß → ss).
                (Some(l), None) if l != c => fold_char(l),
                (Some(l), None) => Fold::Char(l),
                _ => Fold::Char(c),
            }
        }
        // Combining marks of other scripts are dropped.
        c if is_mark(c) => Fold::Drop,
        _ => Fold::Sep,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}')
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

/// Clitic letters that may be glued to the front of a word.
const CLITICS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];

/// Minimum letters left after an article for it to count as one
/// (so that الله and الي stay whole).
const MIN_AFTER_ARTICLE: usize = 3;
/// Minimum letters left after a bare clitic (so that بلال, وليد stay whole).
const MIN_AFTER_CLITIC: usize = 4;

/// Splits a folded Arabic word into (prefix length in bytes, article, clitic).
fn split_prefix(word: &str) -> (usize, bool, Option<char>) {
    let n = word.chars().count();
    let mut chars = word.chars();
    let first = chars.next();
    let second = chars.next();
    let third = chars.next();
    // لل + at least three letters: ل + the article with its alef elided.
    if first == Some('ل') && second == Some('ل') && n >= 2 + MIN_AFTER_ARTICLE {
        return ('ل'.len_utf8() * 2, true, Some('ل'));
    }
    // و or ف before ب ك ل and the article (وبالرياض, فكالقاهرة), or
    // before لل (وللرياض): two clitics. (Without the article two leading
    // letters begin too many names: فلسطين, وبرلين.)
    if let (Some(c @ ('و' | 'ف')), Some(d @ ('ب' | 'ك' | 'ل'))) = (first, second) {
        let fourth = chars.next();
        if third == Some('ا') && fourth == Some('ل') && n >= 4 + MIN_AFTER_ARTICLE {
            return (
                c.len_utf8() + d.len_utf8() + 2 * 'ل'.len_utf8(),
                true,
                Some(c),
            );
        }
        if d == 'ل' && third == Some('ل') && n >= 3 + MIN_AFTER_ARTICLE {
            return (c.len_utf8() + 2 * 'ل'.len_utf8(), true, Some(c));
        }
    }
    if let Some(c) = first {
        if CLITICS.contains(&c)
            && second == Some('ا')
            && third == Some('ل')
            && n >= 3 + MIN_AFTER_ARTICLE
        {
            return (
                c.len_utf8() + 'ا'.len_utf8() + 'ل'.len_utf8(),
                true,
                Some(c),
            );
        }
    }
    if first == Some('ا') && second == Some('ل') && n >= 2 + MIN_AFTER_ARTICLE {
        return ('ا'.len_utf8() + 'ل'.len_utf8(), true, None);
    }
    if let Some(c) = first {
        if CLITICS.contains(&c) && n > MIN_AFTER_CLITIC && !is_compound_head(word) {
            return (c.len_utf8(), false, Some(c));
        }
    }
    (0, false, None)
}

/// `word`, or when it is a compound head before a word, or بن, ابن, بنت
/// between two words, written with the Persian pe (عپد الله, اپو زيد,
/// إلياس پن علي: these Arabic words have no p), the word with ب, made in
/// `buf`. (Elsewhere پ stays a p: شون پن is Sean Penn, and a lone پو is
/// more likely a foreign syllable, as in Chinese names, than بو.)
fn as_function_word<'a>(
    word: &'a str,
    has_prev: bool,
    has_next: bool,
    buf: &'a mut String,
) -> &'a str {
    if !has_next || !word.contains('پ') || word.chars().count() > 3 {
        return word;
    }
    buf.clear();
    buf.extend(word.chars().map(|c| if c == 'پ' { 'ب' } else { c }));
    let head = is_compound_head(buf) && buf != "بو";
    let particle = has_prev && matches!(buf.as_str(), "بن" | "ابن" | "بنت");
    if head || particle { buf } else { word }
}

/// Whether `word` is a clitic on عبد (و ف ب ل ك: وعبد, بعبد) or on ابو
/// (و ف ل: وأبو, لأبو; كابو and بابو are more often Cabo and Babu).
pub(crate) fn clitic_on_head(word: &str) -> bool {
    word.strip_prefix(CLITICS).is_some_and(|rest| rest == "عبد")
        || word
            .strip_prefix(['و', 'ف', 'ل'])
            .is_some_and(|rest| rest == "ابو")
}

/// Words that open a compound with the next word: عبد الله, أبو بكر.
fn is_compound_head(word: &str) -> bool {
    matches!(word, "عبد" | "ابو" | "ابي" | "ابا" | "بو")
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

pub(crate) fn make_part(text: String) -> Part {
    let arabic = text.chars().next().is_some_and(is_arabic);
    let (prefix_len, article, clitic) = if arabic {
        split_prefix(&text)
    } else {
        (0, false, None)
    };
    stored_part(text, prefix_len, article, clitic, 0)
}

/// A part with every field given (what [`crate::forms::Forms`] kept of
/// one); its span is set when a [`Name`] is made of it.
pub(crate) fn stored_part(
    text: String,
    prefix_len: usize,
    article: bool,
    clitic: Option<char>,
    soft: u64,
) -> Part {
    Part {
        text,
        prefix_len,
        article,
        clitic,
        span: (0, 0),
        soft,
    }
}

/// A part built by romanisation: Arabic letters, an article prefix length,
/// and a mask of soft (cheap to drop) letters.
pub(crate) fn romanized_part(text: String, prefix_len: usize, soft: u64) -> Part {
    stored_part(text, prefix_len, prefix_len > 0, None, soft)
}

/// Byte offsets of the apostrophes (' or ’) of English possessives in
/// `src`: followed by s or S and then no letter, after three letters or
/// more (Latin or not).
fn possessive_ends(src: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut run = 0usize;
    for (i, c) in src.char_indices() {
        if c == '\'' || c == '\u{2019}' {
            let mut ahead = src[i + c.len_utf8()..].chars();
            let s = ahead.next();
            let after = ahead.next();
            if run >= 3 && matches!(s, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric)
            {
                out.push(i);
            }
            run = 0;
        } else if c.is_alphabetic() {
            run += 1;
        } else {
            run = 0;
        }
    }
    out
}

/// Normalises a name to its comparison form.
///
/// Total: every `&str` gives a [`Name`], possibly empty; never panics.
/// Idempotent: `normalize(normalize(s).as_str()) == normalize(s)`.
/// Cost: O(n) in the input length, one pass plus NFKC only when Arabic
/// presentation forms are present; allocates the output.
///
/// # Example
///
/// ```
/// use asmaa::normalize;
///
/// assert_eq!(normalize("غوتيريشْ").as_str(), "غوتيريش");
/// assert_eq!(normalize("أبو  مازن").as_str(), "ابومازن");
/// assert_eq!(normalize("ابن سلمان").as_str(), normalize("بن سلمان").as_str());
/// assert_eq!(normalize("Kadhafi, Mu'ammar").as_str(), "kadhafi muammar");
/// ```
pub fn normalize(input: &str) -> Name {
    let owned;
    // Presentation forms (U+FB50 to U+FEFE) are three bytes led by 0xEF:
    // a name without that byte has none, and is not decoded to know.
    let src = if input.as_bytes().contains(&0xEF) && input.chars().any(is_presentation_form) {
        owned = input.nfkc().collect::<String>();
        owned.as_str()
    } else {
        input
    };
    // The folded text and its words' ranges live in this thread's scratch
    // buffers: normalising a table allocates only what the name keeps.
    // (Fresh ones if this thread's locals are being torn down.)
    let (mut folded, mut words) = SCRATCH.try_with(|s| s.take()).unwrap_or_default();
    folded.clear();
    folded.reserve(src.len());
    // Whether every letter kept is one of the fast word split's (see
    // `words_of`), noted as they are made.
    let mut simple = true;
    let mut chars = src.chars();
    // An English possessive ('s after a word of three letters or more)
    // is dropped: Haftar's is Haftar (the apostrophe alone would join it
    // into haftars). Ra's, Sa's keep theirs: an ayn or hamza sign.
    let possessive =
        // (One pass over the bytes: an apostrophe, or the lead byte of
        // U+2019, which an Arabic name has none of.)
        src.bytes().any(|b| b == b'\'' || b == 0xE2).then(|| possessive_ends(src));
    let possessive = possessive.unwrap_or_default();
    // The next possessive's apostrophe (offsets ascend), and where we are.
    let mut next = possessive.iter().copied().peekable();
    let mut at = 0usize;
    while let Some(c) = chars.next() {
        let here = at;
        at += c.len_utf8();
        if next.next_if_eq(&here).is_some() {
            // The apostrophe and its s.
            if let Some(s) = chars.next() {
                at += s.len_utf8();
            }
            continue;
        }
        match fold_char(c) {
            Fold::Drop => {}
            Fold::Sep => folded.push(' '),
            Fold::Char(o) => {
                simple &= splits_simply(o);
                folded.push(o);
            }
            Fold::Two(a, b) => {
                simple &= splits_simply(a) && splits_simply(b);
                folded.push(a);
                folded.push(b);
            }
            Fold::Str(s) => {
                simple &= s.chars().all(splits_simply);
                folded.push_str(s);
            }
        }
    }
    words_of(&folded, simple, &mut words);
    let word = |i: usize| words.get(i).map(|&(a, b)| &folded[a..b]);
    let mut parts: Vec<Part> = Vec::with_capacity(words.len());
    let mut i = 0;
    let mut bee = String::new();
    while let Some(w) = word(i) {
        let next = word(i + 1);
        let w = as_function_word(w, i > 0, next.is_some_and(is_arabic_word), &mut bee);
        let joined = match (w, next) {
            // عبد الله, أبو بكر, آل سعود: one unit; with a clitic on the
            // head (وعبد الله, وأبو مهدي), the unit takes it (read off
            // again as the part's clitic).
            (head, Some(n))
                if (is_compound_head(head) || head == "ال" || clitic_on_head(head))
                    && is_arabic_word(n) =>
            {
                i += 1;
                let mut s = String::with_capacity(head.len() + n.len());
                s.push_str(head);
                s.push_str(n);
                s
            }
            ("ابن", _) => "بن".to_string(),
            _ => w.to_string(),
        };
        parts.push(make_part(joined));
        i += 1;
    }
    let _ = SCRATCH.try_with(|s| s.set((folded, words)));
    Name::from_parts(parts)
}

thread_local! {
    /// [`normalize`]'s folded text and word ranges, kept between calls.
    static SCRATCH: std::cell::Cell<(String, Vec<(usize, usize)>)> =
        const { std::cell::Cell::new((String::new(), Vec::new())) };
}

/// The words of a folded string: by UAX #29 boundaries, a segment counting
/// when it has a letter or digit. With `simple` (the string has only the
/// Arabic letters the cost table knows, ASCII letters, digits and spaces:
/// nearly every name; see [`splits_simply`]) it takes a fast path with the
/// same result: those letters and digits never break between each other,
/// so its words are its runs between spaces.
fn words_of(folded: &str, simple: bool, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let base = folded.as_ptr() as usize;
    let add = |w: &str| {
        let start = w.as_ptr() as usize - base;
        out.push((start, start + w.len()));
    };
    if simple {
        folded.split(' ').filter(|w| !w.is_empty()).for_each(add);
        return;
    }
    // A combining letter after a space joins the space's segment: trim it.
    folded
        .split_word_bounds()
        .map(str::trim)
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .for_each(add);
}

/// The letters of the fast word split (see [`words_of`]): no word
/// boundary falls between two of them.
fn splits_simply(c: char) -> bool {
    c == ' ' || c.is_ascii_lowercase() || c.is_ascii_digit() || is_table_letter(c)
}

/// True when `s` surely normalises to a non-empty name: it has an ASCII
/// letter or digit or an Arabic letter kept as it is (each survives folding
/// and word splitting). False means "normalise it to know".
pub(crate) fn surely_not_empty(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_ascii_alphanumeric() || is_table_letter(c))
}

/// The Arabic letters [`fold_char`] keeps as they are.
fn is_table_letter(c: char) -> bool {
    matches!(c, 'ء' | 'ا'..='غ' | 'ف'..='ي' | 'گ' | 'پ' | 'چ' | 'ژ' | 'ڤ' | 'ڥ')
}

fn is_arabic_word(w: &str) -> bool {
    w.chars().next().is_some_and(is_arabic) && !w.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_clitics_go_only_before_the_article() {
        let p = |s: &str| {
            let n = normalize(s);
            let q = &n.parts()[0];
            (q.prefix().to_string(), q.core().to_string(), q.clitic())
        };
        assert_eq!(p("وبالرياض"), ("وبال".into(), "رياض".into(), Some('و')));
        assert_eq!(p("فكالقاهرة"), ("فكال".into(), "قاهره".into(), Some('ف')));
        assert_eq!(p("وللرياض"), ("ولل".into(), "رياض".into(), Some('و')));
        assert!(normalize("وللرياض").parts()[0].has_article());
        // Without the article, the second letter is the name's (the first
        // one is a clitic as before: not cheap to drop).
        assert_eq!(p("فلسطين"), ("ف".into(), "لسطين".into(), Some('ف')));
        assert_eq!(p("وبرلين"), ("و".into(), "برلين".into(), Some('و')));
        // Too short after the article: one clitic.
        assert_eq!(p("وبالله").0, "و");
    }

    use super::*;

    #[test]
    fn article_and_clitics_are_recorded_not_deleted() {
        let n = normalize("البرادعي");
        assert_eq!(n.as_str(), "البرادعي");
        assert_eq!(n.parts()[0].core(), "برادعي");
        assert!(n.parts()[0].has_article());
        for whole in ["الله", "بلال", "وليد", "فالح"] {
            let n = normalize(whole);
            assert_eq!(n.parts()[0].prefix(), "", "{whole}");
        }
        let n = normalize("للقذافي");
        assert_eq!(n.parts()[0].core(), "قذافي");
        assert_eq!(n.parts()[0].clitic(), Some('ل'));
        assert!(n.parts()[0].has_article());
    }

    fn words(s: &str) -> Vec<String> {
        let mut ranges = Vec::new();
        words_of(s, s.chars().all(splits_simply), &mut ranges);
        ranges.iter().map(|&(a, b)| s[a..b].to_string()).collect()
    }

    #[test]
    fn fast_word_split_agrees_with_uax29() {
        let slow = |s: &str| -> Vec<String> {
            s.split_word_bounds()
                .map(str::trim)
                .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
                .map(str::to_string)
                .collect()
        };
        let letters: Vec<char> = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي گپچژڤڥaz09 "
            .chars()
            .collect();
        // Every pair and triple of the fast path's alphabet.
        for &a in &letters {
            for &b in &letters {
                for &c in &letters {
                    let s: String = [a, b, c, a].iter().collect();
                    assert_eq!(words(&s), slow(&s), "{s:?}");
                }
            }
        }
        for s in ["  محمد  بن   سلمان ", "abc123 ٤٥", "x1 y2", ""] {
            assert_eq!(words(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn function_words_written_with_pe_read_as_with_ba() {
        for (pe, ba) in [
            ("عپد الله", "عبد الله"),
            ("اپو زيد", "ابو زيد"),
            ("إلياس پن علي", "إلياس بن علي"),
            ("مريم پنت علي", "مريم بنت علي"),
        ] {
            assert_eq!(normalize(pe).as_str(), normalize(ba).as_str(), "{pe}");
        }
        // Elsewhere پ stays: a p of a foreign name.
        assert_eq!(normalize("پوتين").as_str(), "پوتين");
        assert_eq!(normalize("پو تشي").parts().len(), 2);
        assert_eq!(normalize("شون پن").as_str(), "شون پن");
        assert_eq!(normalize("پن علي").as_str(), "پن علي");
        assert_eq!(normalize("زيد اپا").as_str(), "زيد اپا");
    }

    #[test]
    fn a_clitic_on_a_compound_head_stays_a_clitic() {
        // وعبد الله is و and عبد الله, one part with the clitic read off;
        // كابو (Cabo) and بابو (Babu) are no clitic on ابو.
        for (text, prefix, core) in [
            ("وعبد الله", "و", "عبدالله"),
            ("بعبد الفتاح", "ب", "عبدالفتاح"),
            ("وأبو مهدي", "و", "ابومهدي"),
            ("لأبو ظبي", "ل", "ابوظبي"),
        ] {
            let n = normalize(text);
            assert_eq!(n.parts().len(), 1, "{text}");
            assert_eq!((n.parts()[0].prefix(), n.parts()[0].core()), (prefix, core));
        }
        assert_eq!(normalize("كابو فيردي").parts().len(), 2);
        assert_eq!(normalize("بابو سوبيانتو").parts().len(), 2);
    }

    #[test]
    fn compounds_stay_one_unit() {
        assert_eq!(
            normalize("عبد الله").as_str(),
            normalize("عبدالله").as_str()
        );
        assert_eq!(normalize("أبو بكر").as_str(), normalize("أبوبكر").as_str());
        assert_eq!(normalize("عبدالله").parts()[0].prefix(), "");
    }

    #[test]
    fn symbols_flag_prefix_letters() {
        let n = normalize("وحفتر");
        let flagged = n
            .symbols()
            .iter()
            .filter(|&&s| s & PREFIX_FLAG != 0)
            .count();
        assert_eq!(flagged, 0, "a clitic is not cheap to drop");
        assert_eq!(n.len(), 5);
        let n = normalize("والقذافي");
        let flagged = n
            .symbols()
            .iter()
            .filter(|&&s| s & PREFIX_FLAG != 0)
            .count();
        assert_eq!(flagged, 2, "the article is");
    }
}
