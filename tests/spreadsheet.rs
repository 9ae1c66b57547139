//! Rosters and spreadsheets (issue 12), through the real binary: what `roster export`
//! writes opens correctly by double-click (a UTF-8 byte-order mark), and what spreadsheets
//! save (BOM, CRLF, `;` from European locales, tab-separated UTF-16 "Unicode text",
//! quoted line breaks) imports unchanged; anything else is refused whole.
// Tests state what they expect by panicking; the shipped code reports errors instead.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{fails, ok, run_in};
use roundtable::domain::{CommunityInfo, MeetingMode};
use roundtable::store::Store;
use std::path::{Path, PathBuf};

const DEMO: &str = "Ward 7 Nursing Practice Circle";
const BOM: &str = "\u{feff}";

/// A demo database plus empty communities to import into, in a temporary home.
struct Sheet {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Sheet {
    fn new(empty: &[&str]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.db");
        ok(&run_in(dir.path(), &db, &["demo"]));
        let mut store = Store::open(&db).unwrap();
        for name in empty {
            let info = CommunityInfo {
                name: (*name).into(),
                purpose: String::new(),
                cadence: None,
                mode: MeetingMode::InPerson,
                place: String::new(),
                meeting_minutes: 60,
            };
            store
                .write(|tx| tx.insert_community(&info, chrono::Utc::now()))
                .unwrap();
        }
        Self { dir, db }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        run_in(self.dir.path(), &self.db, args)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn export(&self, community: &str) -> Vec<u8> {
        self.run(&["roster", "export", "--community", community])
            .stdout
    }

    fn import(&self, file: &Path, community: &str) -> std::process::Output {
        self.run(&[
            "roster",
            "import",
            file.to_str().unwrap(),
            "--community",
            community,
        ])
    }
}

/// `text` as UTF-16 with its byte-order mark, little or big endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

/// What `roster export` writes for the two members of [`european`], by default.
fn exported_two() -> String {
    format!(
        "{BOM}name,role,brings,hopes,learning_style,strengths,growth_areas,joined\r\n\
         Zoë Ångström,Nurse; nights,,,,\"Listening\nTeaching\",,2025-09-01\r\n\
         Łukasz Żółć,Porter,,,,,,\r\n"
    )
}

/// A roster as a spreadsheet in a European locale saves it: BOM, `;`, CRLF, a quoted
/// field with a `;` and one with a line break, columns in its own order.
fn european() -> String {
    format!(
        "{BOM}Name;Role;Strengths;Joined\r\n\
         Zoë Ångström;\"Nurse; nights\";\"Listening\r\nTeaching\";2025-09-01\r\n\
         Łukasz Żółć;Porter;;\r\n"
    )
}

#[test]
fn a_spreadsheet_style_csv_round_trips() {
    let sh = Sheet::new(&["Nights", "Days"]);
    let file = sh.file("european.csv", european().as_bytes());
    let out = ok(&sh.import(&file, "Nights"));
    assert_eq!(out, "added 2 members to Nights\n");
    let exported = sh.export("Nights");
    assert_eq!(String::from_utf8(exported.clone()).unwrap(), exported_two());
    // The export comes back in unchanged.
    let again = sh.file("again.csv", &exported);
    ok(&sh.import(&again, "Days"));
    assert_eq!(sh.export("Days"), exported);
}

#[test]
fn unicode_text_from_a_spreadsheet_imports_in_both_byte_orders() {
    // Excel's "Unicode text": UTF-16 with a mark, tab-separated, CRLF, quotes only where
    // a cell needs them.
    let text = "name\trole\tstrengths\tjoined\r\n\
                Zoë Ångström\tNurse; nights\t\"Listening\r\nTeaching\"\t2025-09-01\r\n\
                Łukasz Żółć\tPorter\t\t\r\n";
    for (little, community) in [(true, "Nights"), (false, "Days")] {
        let sh = Sheet::new(&[community]);
        let file = sh.file("unicode.txt", &utf16(text, little));
        let out = ok(&sh.import(&file, community));
        assert_eq!(out, format!("added 2 members to {community}\n"), "{little}");
        assert_eq!(
            String::from_utf8(sh.export(community)).unwrap(),
            exported_two(),
            "little endian: {little}"
        );
    }
}

#[test]
fn the_demo_roster_exports_with_a_bom_and_comes_back_unchanged() {
    let sh = Sheet::new(&["Nights"]);
    let exported = sh.export(DEMO);
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(text.starts_with("\u{feff}name,role,"), "{text}");
    assert!(text.contains("Nguyễn Thị Lan"));
    let file = sh.file("demo.csv", &exported);
    assert_eq!(
        ok(&sh.import(&file, "Nights")),
        "added 8 members to Nights\n"
    );
    assert_eq!(sh.export("Nights"), exported);
    // --no-bom writes the same without the mark (and --out the same bytes).
    let plain = ok(&sh.run(&["roster", "export", "--community", DEMO, "--no-bom"]));
    assert_eq!(format!("{BOM}{plain}"), text);
    let out = sh.dir.path().join("out.csv");
    ok(&sh.run(&[
        "roster",
        "export",
        "--community",
        DEMO,
        "--out",
        out.to_str().unwrap(),
    ]));
    assert_eq!(std::fs::read(out).unwrap(), exported);
}

#[test]
fn files_in_other_encodings_are_refused_whole_with_how_to_save_them() {
    let sh = Sheet::new(&["Nights"]);
    let before = sh.export(DEMO);
    let db_before = std::fs::read(&sh.db).unwrap();
    // Windows-1252, as a spreadsheet's plain "CSV" saves on many systems: a good first
    // row, then "Zoë" in one byte.
    let mut cp1252 = b"name;role\r\nAda;nurse\r\nZo".to_vec();
    cp1252.extend([0xEB, b';', b'x', b'\r', b'\n']);
    let mut no_bom_utf16 = utf16("name\trole\r\nAda\tnurse\r\n", true);
    no_bom_utf16.drain(..2);
    let mut cut_utf16 = utf16("name\r\nAda\r\n", false);
    cut_utf16.pop();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "windows-1252",
            cp1252,
            "line 3: is not valid UTF-8 (byte 0xEB",
        ),
        (
            "utf-16 without a mark",
            no_bom_utf16,
            "UTF-16 text without its byte-order mark",
        ),
        ("utf-16 cut short", cut_utf16, "half a UTF-16 character"),
        (
            "a workbook",
            b"PK\x03\x04\x14\x00\x06\x00".to_vec(),
            "workbook (.xlsx or .ods)",
        ),
    ];
    for (what, bytes, expect) in cases {
        let file = sh.file("bad.csv", &bytes);
        let err = fails(&sh.import(&file, "Nights"), 1);
        assert!(err.contains(expect), "{what}: {err}");
        assert!(err.contains("CSV UTF-8"), "{what} says how to save: {err}");
        assert!(err.contains("nobody was added from"), "{what}: {err}");
        assert!(
            String::from_utf8(sh.export("Nights"))
                .unwrap()
                .trim_start_matches(BOM)
                .lines()
                .count()
                == 1,
            "{what}: nobody added"
        );
    }
    assert_eq!(sh.export(DEMO), before);
    assert!(
        std::fs::read(&sh.db).unwrap() == db_before,
        "database unchanged"
    );
}

#[test]
fn defused_cells_come_back_as_they_were() {
    // A role a spreadsheet would run as a formula, and a value that starts with an
    // apostrophe of its own (written twice in a file, as the export writes it).
    let sh = Sheet::new(&["Days", "Nights"]);
    let file = sh.file(
        "in.csv",
        b"name,role,brings\r\nAda,'+44 20 7946 0000,''twice\r\nBo,=1+1,plain\r\n",
    );
    assert_eq!(ok(&sh.import(&file, "Days")), "added 2 members to Days\n");
    let exported = sh.export("Days");
    let text = String::from_utf8(exported.clone()).unwrap();
    assert!(text.contains("Ada,'+44 20 7946 0000,''twice,"), "{text}");
    assert!(text.contains("Bo,'=1+1,plain,"), "{text}");
    // Imported again elsewhere, the roster holds the same values: the apostrophe the
    // export added is not kept as data.
    let again = sh.file("again.csv", &exported);
    assert_eq!(
        ok(&sh.import(&again, "Nights")),
        "added 2 members to Nights\n"
    );
    assert_eq!(sh.export("Nights"), exported);
    let store = Store::open_read_only(&sh.db).unwrap();
    for name in ["Days", "Nights"] {
        let c = store.community_by_name(name).unwrap();
        let roles: Vec<(String, String, String)> = store
            .members(c.id)
            .unwrap()
            .into_iter()
            .map(|m| (m.profile.name, m.profile.role, m.profile.brings))
            .collect();
        assert_eq!(
            roles,
            [
                ("Ada".into(), "+44 20 7946 0000".into(), "'twice".into()),
                ("Bo".into(), "=1+1".into(), "plain".into()),
            ],
            "{name}"
        );
    }
}
