//! What spreadsheets save, made into UTF-8 text for the CSV reader (issue 12): UTF-8 with
//! or without a byte-order mark ("CSV UTF-8"), UTF-16 little or big endian with its mark
//! (Excel's "Unicode text", tab-separated), and the separator told from the header line:
//! `,`, `;` (spreadsheets in European locales) or a tab. Anything else is refused whole,
//! with a message saying what the file seems to be and how to save it instead.

use anyhow::{anyhow, bail};

/// How to save a file so that it imports.
const SAVE_AS: &str =
    "in the spreadsheet, save it as \"CSV UTF-8\" (or \"Unicode text\"), then import that";

/// The encoding a file was read in, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// The file's text (without its byte-order mark) and the encoding it was in.
pub fn decode(bytes: &[u8]) -> anyhow::Result<(String, Encoding)> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        bail!("the file is UTF-32 text, which is not read; {SAVE_AS}");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((utf16(rest, u16::from_le_bytes)?, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((utf16(rest, u16::from_be_bytes)?, Encoding::Utf16Be));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        bail!("the file is a spreadsheet workbook (.xlsx or .ods), not CSV; {SAVE_AS}");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        bail!("the file is an old Excel workbook (.xls), not CSV; {SAVE_AS}");
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    // UTF-16 without its mark has a zero in every other byte of ASCII text (a stray zero
    // in UTF-8 is left to the field checks, which name its line).
    let head = body.get(..64).unwrap_or(body);
    let zeros = head.iter().filter(|&&b| b == 0).count();
    if zeros > 0 && zeros * 4 >= head.len() {
        bail!("the file looks like UTF-16 text without its byte-order mark; {SAVE_AS}");
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(e) => {
            let at = e.valid_up_to();
            let line = line_at(&body[..at]);
            let byte = body.get(at).copied().unwrap_or(0);
            Err(anyhow!(
                "line {line}: is not valid UTF-8 (byte 0x{byte:02X}; the file may be in a \
                 legacy encoding such as Windows-1252); {SAVE_AS}"
            ))
        }
    }
}

/// Decodes UTF-16 code units read by `unit`; an odd length or an unpaired surrogate is
/// refused, naming its line.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> anyhow::Result<String> {
    let (pairs, rest) = bytes.as_chunks::<2>();
    if !rest.is_empty() {
        bail!("the file ends in half a UTF-16 character (is it cut short?); {SAVE_AS}");
    }
    let mut text = String::with_capacity(pairs.len());
    for c in char::decode_utf16(pairs.iter().map(|p| unit(*p))) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => bail!(
                "line {}: is not valid UTF-16 (an unpaired surrogate); {SAVE_AS}",
                line_at(text.as_bytes())
            ),
        }
    }
    Ok(text)
}

/// The line that follows `before`, counting LF, CRLF and a lone CR each as one line end.
fn line_at(before: &[u8]) -> usize {
    let mut line = 1;
    let mut after_cr = false;
    for &b in before {
        if b == b'\r' || (b == b'\n' && !after_cr) {
            line += 1;
        }
        after_cr = b == b'\r';
    }
    line
}

/// The separator of the header line: whichever of `,`, `;` and tab it holds most often
/// outside quotes (a one-column header has none: `,`).
pub fn separator(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(sep, _)| *sep == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent, so a tie (or none) keeps the comma.
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0);
    counts.iter().find(|c| c.1 == max).map_or(b',', |c| c.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn every_accepted_encoding_gives_the_same_text() {
        let text = "name\trole\r\nNguyễn Thị Lan\tnurse 🩺\r\n";
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        assert_eq!(
            decode(&utf16le(text)).unwrap(),
            (text.into(), Encoding::Utf16Le)
        );
        assert_eq!(decode(&be).unwrap(), (text.into(), Encoding::Utf16Be));
        assert_eq!(decode(&bom).unwrap(), (text.into(), Encoding::Utf8));
        assert_eq!(
            decode(text.as_bytes()).unwrap(),
            (text.into(), Encoding::Utf8)
        );
    }

    #[test]
    fn what_is_not_text_is_refused_with_how_to_save_it() {
        let cases: [(&[u8], &str); 7] = [
            (b"name\nZo\xEB\n", "line 2: is not valid UTF-8 (byte 0xEB"),
            (b"PK\x03\x04rest", "workbook (.xlsx or .ods)"),
            (&[0xD0, 0xCF, 0x11, 0xE0, 1], "old Excel workbook"),
            (b"n\0a\0m\0e\0", "UTF-16 text without its byte-order mark"),
            (&[0xFF, 0xFE, b'n', 0, b'a'], "half a UTF-16 character"),
            (&[0xFF, 0xFE, 0, 0, b'n', 0, 0, 0], "UTF-32"),
            // "a\nb", then a lone high surrogate.
            (
                &[0xFF, 0xFE, b'a', 0, b'\n', 0, 0x00, 0xD8],
                "line 2: is not valid UTF-16",
            ),
        ];
        for (bytes, expect) in cases {
            let err = decode(bytes).unwrap_err().to_string();
            assert!(err.contains(expect), "{expect}: {err}");
            assert!(err.contains("CSV UTF-8"), "{err}");
        }
    }

    #[test]
    fn the_separator_comes_from_the_header_line() {
        assert_eq!(separator("name,role;x\nA;B;C;D\n"), b',');
        assert_eq!(separator("name;role;joined\r\nA,B;C;D\n"), b';');
        assert_eq!(separator("name\trole\r\n"), b'\t');
        assert_eq!(separator("name\n"), b',');
        assert_eq!(separator(""), b',');
        // Separators inside a quoted header name do not count.
        assert_eq!(separator("\"a;b;c\",name\n"), b',');
    }
}
