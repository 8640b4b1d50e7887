//! A small strict TSV reader shared by every table loader.
//!
//! Header row first (a UTF-8 BOM before it is skipped), fields split on tabs,
//! LF or CRLF line ends, blank lines skipped. Every other irregularity is an
//! [`Error::Data`] naming the origin, line and column: rows are never dropped.

use std::io::BufRead;

use crate::error::{DataError, Error, Result};

pub(crate) struct TsvReader<R> {
    reader: R,
    origin: String,
    line: usize,
    header: Vec<String>,
    buf: Vec<u8>,
    text: String,
    /// Byte ranges of the current row's fields in `text`.
    spans: Vec<(usize, usize)>,
}

/// The fields of one row, borrowed from the reader (no allocation per row).
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a> {
    text: &'a str,
    spans: &'a [(usize, usize)],
}

impl<'a> Fields<'a> {
    /// Field `i`, untrimmed, if the row has it.
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        self.spans.get(i).map(|&(a, b)| &self.text[a..b])
    }

    /// Field `i`, untrimmed; empty if the row has no such field (a row has
    /// exactly the header's fields, and columns come from the header).
    pub(crate) fn field(&self, i: usize) -> &'a str {
        self.get(i).unwrap_or("")
    }
}

impl std::ops::Index<usize> for Fields<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.field(i)
    }
}

impl<R: BufRead> TsvReader<R> {
    /// Opens a table and reads its header row.
    pub(crate) fn new(reader: R, origin: impl Into<String>) -> Result<Self> {
        let mut t = TsvReader {
            reader,
            origin: origin.into(),
            line: 0,
            header: Vec::new(),
            buf: Vec::new(),
            text: String::new(),
            spans: Vec::new(),
        };
        loop {
            if !t.read_line()? {
                return Err(t.error(0, DataError::NoHeader));
            }
            if !t.text.trim().is_empty() {
                break;
            }
        }
        let header: Vec<String> = t
            .text
            .trim_start_matches('\u{FEFF}')
            .split('\t')
            .map(|h| h.trim().to_string())
            .collect();
        for (i, h) in header.iter().enumerate() {
            if !h.is_empty() && header[..i].contains(h) {
                return Err(t.error(i + 1, DataError::DuplicateColumn(h.clone())));
            }
        }
        t.header = header;
        Ok(t)
    }

    pub(crate) fn origin(&self) -> &str {
        &self.origin
    }

    /// The index of a required column.
    pub(crate) fn column(&self, name: &'static str) -> Result<usize> {
        self.optional_column(name)
            .ok_or_else(|| self.error_at(1, 0, DataError::MissingColumn(name)))
    }

    /// The index of a column that may be absent.
    pub(crate) fn optional_column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// An error at the current line.
    pub(crate) fn error(&self, column: usize, reason: DataError) -> Error {
        self.error_at(self.line, column, reason)
    }

    fn error_at(&self, line: usize, column: usize, reason: DataError) -> Error {
        Error::Data {
            origin: self.origin.clone(),
            line,
            column,
            reason,
        }
    }

    /// Reads one physical line into `self.text`; false at end of input.
    fn read_line(&mut self) -> Result<bool> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|cause| Error::Io {
                origin: self.origin.clone(),
                cause,
            })?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        // The line becomes `text` without a copy; the old text's buffer
        // takes the next line.
        match String::from_utf8(std::mem::take(&mut self.buf)) {
            Ok(s) => self.buf = std::mem::replace(&mut self.text, s).into_bytes(),
            Err(e) => {
                self.buf = e.into_bytes();
                // Column of the first bad byte's field.
                let valid =
                    std::str::from_utf8(&self.buf).map_or_else(|e| e.valid_up_to(), |s| s.len());
                let column = self.buf[..valid].iter().filter(|&&b| b == b'\t').count() + 1;
                return Err(self.error(column, DataError::InvalidUtf8));
            }
        }
        Ok(true)
    }

    /// The next non-blank row: its line number and fields (exactly as many
    /// as the header has). `None` at the end.
    pub(crate) fn next_row(&mut self) -> Result<Option<(usize, Fields<'_>)>> {
        loop {
            if !self.read_line()? {
                return Ok(None);
            }
            if !trim(&self.text).is_empty() {
                break;
            }
        }
        self.spans.clear();
        let mut start = 0;
        for (i, b) in self.text.bytes().enumerate() {
            if b == b'\t' {
                self.spans.push((start, i));
                start = i + 1;
            }
        }
        self.spans.push((start, self.text.len()));
        let found = self.spans.len();
        if found != self.header.len() {
            return Err(Error::Data {
                origin: self.origin.clone(),
                line: self.line,
                column: found.min(self.header.len()) + 1,
                reason: DataError::FieldCount {
                    expected: self.header.len(),
                    found,
                },
            });
        }
        let fields = Fields {
            text: &self.text,
            spans: &self.spans,
        };
        Ok(Some((self.line, fields)))
    }
}

/// A `BadValue` error for field `col` (0-based) of a row.
pub(crate) fn bad_value(
    origin: &str,
    line: usize,
    fields: &Fields<'_>,
    col: usize,
    column: &'static str,
    expected: &'static str,
) -> Error {
    Error::Data {
        origin: origin.to_string(),
        line,
        column: col + 1,
        reason: DataError::BadValue {
            column,
            value: fields.field(col).to_string(),
            expected,
        },
    }
}

/// `s.trim()`, without decoding a field that begins and ends with an
/// ASCII letter, digit or sign, or an Arabic letter (two bytes led by
/// 0xD8 to 0xDB): no whitespace is either, and nearly every field is
/// such (reading dev.arabres's 87k rows: 11M fewer instructions).
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain = |c: u8| c.is_ascii_graphic() || (0xD8..=0xDB).contains(&c);
    let ends_plain = match b {
        [.., lead, last] if (0x80..0xC0).contains(last) => (0xD8..=0xDB).contains(lead),
        [.., last] => last.is_ascii_graphic(),
        [] => false,
    };
    if ends_plain && b.first().is_some_and(|&c| plain(c)) {
        s
    } else {
        s.trim()
    }
}

/// A required, non-empty field (trimmed).
pub(crate) fn required<'a>(
    fields: &Fields<'a>,
    idx: usize,
    name: &'static str,
    origin: &str,
    line: usize,
) -> Result<&'a str> {
    let v = trim(fields.field(idx));
    if v.is_empty() {
        return Err(Error::Data {
            origin: origin.to_string(),
            line,
            column: idx + 1,
            reason: DataError::EmptyField(name),
        });
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(src: &[u8]) -> Result<Vec<Vec<String>>> {
        let mut r = TsvReader::new(src, "<t>")?;
        let mut out = Vec::new();
        while let Some((_, f)) = r.next_row()? {
            out.push((0..).map_while(|i| f.get(i)).map(str::to_string).collect());
        }
        Ok(out)
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "حفتر",
            " حفتر",
            "حفتر\u{a0}",
            "\u{a0}حفتر",
            "\u{3000}x",
            "x\u{2003}",
            "é",
            "é ",
            "\u{85}a",
            "a\u{85}",
            "ـ",
            "\t\r",
            "ab cd",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn bom_crlf_and_blank_lines() {
        let got = rows("\u{FEFF}a\tb\r\n\r\nx\ty\r\n".as_bytes()).unwrap();
        assert_eq!(got, vec![vec!["x".to_string(), "y".to_string()]]);
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = rows(b"a\tb\nx\n").unwrap_err().to_string();
        assert_eq!(e, "<t>:2:2: expected 2 fields, found 1");
        let e = rows(b"a\tb\nx\t\xff\n").unwrap_err().to_string();
        assert_eq!(e, "<t>:2:2: invalid UTF-8");
        let e = rows(b"").unwrap_err().to_string();
        assert_eq!(e, "<t>:0:0: no header row");
        let e = rows(b"a\ta\n").unwrap_err().to_string();
        assert_eq!(e, "<t>:1:2: header names column `a` twice");
    }
}
