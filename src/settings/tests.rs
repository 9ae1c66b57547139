use super::*;

#[test]
fn an_empty_file_is_all_defaults() {
    assert_eq!(Settings::parse(""), Settings::default());
    assert_eq!(Settings::parse("# only a comment\n"), Settings::default());
}

#[test]
fn every_key_is_read_with_its_line() {
    let s = Settings::parse(
        "turn-time = \"3:30\"\nspeaking-order = \"least-heard\"\nmeeting-length = 75\n\
         date-format = \"%d/%m/%Y\"\ntime-format = \"%-I:%M %p\"\nweek-start = \"sunday\"\n\
         theme = \"high-contrast\"\n[keys]\nquit = \"Ctrl-q\"\ndown = [\"Down\", \"j\"]\n\
         [community.\"Ward 4 nurses\"]\ntemplate = \"Check-in\"\n",
    );
    assert_eq!(s.problems, vec![]);
    assert_eq!(
        s.turn_seconds,
        Setting {
            value: 210,
            source: Source::File(1)
        }
    );
    assert_eq!(s.speaking_order.value, OrderStrategy::LeastHeard);
    assert_eq!(
        s.meeting_minutes,
        Setting {
            value: 75,
            source: Source::File(3)
        }
    );
    assert_eq!(s.date_format.value, "%d/%m/%Y");
    assert_eq!(s.time_format.source, Source::File(5));
    assert_eq!(s.week_start.value, Weekday::Sun);
    assert_eq!(s.theme.value, ThemeName::HighContrast);
    assert_eq!(s.keys.len(), 2);
    assert_eq!(s.keys[0].action, "quit");
    assert_eq!(s.keys[0].line, 9);
    assert_eq!(s.keys[1].keys, vec!["Down".to_string(), "j".to_string()]);
    assert_eq!(s.template_for("ward 4 NURSES"), Some("Check-in"));
    assert_eq!(s.communities[0].template.source, Source::File(12));
}

#[test]
fn unknown_keys_and_bad_values_name_their_line_and_keep_the_default() {
    let s = Settings::parse(
        "turn-tme = 3\nturn-time = \"0:00\"\nmeeting-length = \"long\"\ntheme = \"pink\"\n\
         date-format = \"%Q\"\nweek-start = \"someday\"\nspeaking-order = \"loudest\"\n\
         [community.\"A\"]\ntemplat = \"x\"\n",
    );
    let lines: Vec<Option<usize>> = s.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, (1..=7).chain([9]).map(Some).collect::<Vec<_>>());
    assert!(s.problems[0].message.contains("unknown setting `turn-tme`"));
    assert!(s.problems[3].message.contains("pink"));
    let d = Settings::default();
    assert_eq!(s.turn_seconds, d.turn_seconds);
    assert_eq!(s.meeting_minutes, d.meeting_minutes);
    assert_eq!(s.theme, d.theme);
    assert_eq!(s.date_format, d.date_format);
    assert_eq!(s.week_start, d.week_start);
    assert!(s.problems_summary().unwrap().contains("line 1"));
}

#[test]
fn a_file_that_is_not_toml_is_one_problem_with_its_line_and_all_defaults() {
    let s = Settings::parse("theme = \"light\"\nthis is not toml\n");
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.problems[0].line, Some(2));
    assert!(s.problems[0].message.contains("not valid TOML"));
    assert_eq!(s.theme.value, ThemeName::Dark);
}

#[test]
fn user_text_in_problems_is_sanitized() {
    let s = Settings::parse("theme = \"\\u001b[31mred\"\n");
    assert!(!s.problems[0].message.contains('\u{1b}'));
    assert!(s.problems[0].message.contains('\u{241b}'));
}

#[test]
fn turn_lengths() {
    assert_eq!(parse_turn("3"), Some(180));
    assert_eq!(parse_turn("2:30"), Some(150));
    assert_eq!(parse_turn("0"), None);
    assert_eq!(parse_turn("2:3"), None);
    assert_eq!(parse_turn("61"), None);
    // Seconds past 59 and minutes that overflow are refused, never wrapped or a panic.
    assert_eq!(parse_turn("1:99"), None);
    // A date format that needs a time of day is a problem on its line, not a panic later.
    let s = Settings::parse("date-format = \"%a %Y-%m-%d %H:%M\"\n");
    assert_eq!(s.date_format.value, crate::settings::DATE_FORMAT);
    assert_eq!(
        s.problems.first().and_then(|p| p.line),
        Some(1),
        "{:?}",
        s.problems
    );
    assert_eq!(parse_turn("71582789:00"), None);
    assert_eq!(parse_turn("4294967295:00"), None);
}

#[test]
fn reading_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // Missing: all defaults, no problem.
    assert_eq!(
        file::load(&dir.path().join("none.toml")),
        Settings::default()
    );
    // Not UTF-8, or not a file: one problem without a line, all defaults.
    let p = dir.path().join("bin.toml");
    std::fs::write(&p, b"theme = \"\xff\"\n").unwrap();
    let s = file::load(&p);
    assert_eq!(s.problems.len(), 1);
    assert!(s.problems[0].message.contains("not UTF-8"));
    assert_eq!(s.theme.value, ThemeName::Dark);
    assert!(
        file::load(dir.path()).problems[0]
            .message
            .contains("cannot read")
    );
    // Created once, owner-only, and the template itself is all defaults.
    let p = dir.path().join("a/b/settings.toml");
    assert!(file::create_if_missing(&p).unwrap());
    assert!(!file::create_if_missing(&p).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(file::load(&p), Settings::default());
    // Uncommenting every example line of the template gives no problem.
    let text = std::fs::read_to_string(&p).unwrap();
    let uncommented: String = text
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| l.contains(" = ") || l.starts_with('['))
        .map(|l| format!("{l}\n"))
        .collect();
    let s = Settings::parse(&uncommented);
    assert_eq!(s.problems, vec![], "{uncommented}");
    assert_eq!(s.keys.len(), 2);
    assert_eq!(
        s.template_for("Ward 4 nurses"),
        Some("Learning cycle meeting")
    );
}
