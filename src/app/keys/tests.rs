use super::*;

fn ov(action: &str, keys: &[&str], line: usize) -> KeyOverride {
    KeyOverride {
        action: action.into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
        line,
    }
}

fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn ch(c: char) -> KeyEvent {
    ev(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn action_names_are_kebab_case_and_unique() {
    assert_eq!(action_name(Command::NextSpeaker), "next-speaker");
    assert_eq!(action_name(Command::GoTo(Screen::Roster)), "go-to-roster");
    assert_eq!(action_name(Command::Vote(3)), "vote-3");
    assert_eq!(
        action_name(Command::OtherMeeting(false)),
        "other-meeting-false"
    );
    let names: Vec<String> = actions().into_iter().map(action_name).collect();
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
    assert!(names.iter().all(|n| {
        n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }));
}

#[test]
fn keys_are_read_as_help_writes_them() {
    let k = |s| parse_key(s).map(|k| (k.code, k.mods));
    assert_eq!(k("j"), Some((KeyCode::Char('j'), KeyModifiers::NONE)));
    assert_eq!(
        k("Ctrl-q"),
        Some((KeyCode::Char('q'), KeyModifiers::CONTROL))
    );
    assert_eq!(
        k("Ctrl-Q"),
        Some((KeyCode::Char('q'), KeyModifiers::CONTROL))
    );
    assert_eq!(k("shift-tab"), Some((KeyCode::BackTab, KeyModifiers::NONE)));
    assert_eq!(k("Shift-Up"), Some((KeyCode::Up, KeyModifiers::SHIFT)));
    assert_eq!(k("Space"), Some((KeyCode::Char(' '), KeyModifiers::NONE)));
    assert_eq!(k("PgDn"), Some((KeyCode::PageDown, KeyModifiers::NONE)));
    assert_eq!(k("F2"), Some((KeyCode::F(2), KeyModifiers::NONE)));
    assert_eq!(k("-"), Some((KeyCode::Char('-'), KeyModifiers::NONE)));
    for bad in ["", "Ctrl-", "Hyper-x", "F13", "jj", "Downn"] {
        assert_eq!(k(bad), None, "{bad}");
    }
    // What help writes reads back (these are not in the table).
    for name in ["F2", "Backspace", "Delete", "Insert", "Alt-x", "Ctrl-Enter"] {
        assert_eq!(parse_key(name).map(|k| k.label()).as_deref(), Some(name));
    }
    // Every key of the table reads back from its label.
    for bd in KEYMAP {
        for key in bd.keys {
            let back = parse_key(&key.label()).unwrap_or_else(|| panic!("{}", key.label()));
            assert!(same_key(&back, key), "{}", key.label());
        }
    }
}

#[test]
fn an_override_replaces_the_keys_everywhere_the_action_is_bound() {
    let (map, problems) = Keymap::with_overrides(&[ov("quit", &["Ctrl-q"], 4)]);
    assert_eq!(problems, vec![]);
    let ctrl_q = ev(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Goals, &ctrl_q),
        Some(Command::Quit)
    );
    assert_eq!(map.lookup(Mode::Browse, Screen::Goals, &ch('q')), None);
    // q still closes help: that is another action (back).
    assert_eq!(
        map.lookup(Mode::Help, Screen::Goals, &ch('q')),
        Some(Command::Back)
    );
    let hints = map.hints(Mode::Browse, Screen::Goals, true);
    assert!(hints.contains(&("Ctrl-Q".to_string(), "quit")), "{hints:?}");
}

#[test]
fn in_typing_modes_letters_stay_text() {
    let (map, problems) = Keymap::with_overrides(&[ov("down", &["Down", "f"], 2)]);
    assert_eq!(problems, vec![]);
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Roster, &ch('f')),
        Some(Command::Down)
    );
    assert_eq!(map.lookup(Mode::Browse, Screen::Roster, &ch('j')), None);
    assert_eq!(map.lookup(Mode::Filter, Screen::Roster, &ch('f')), None);
    let down = ev(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(
        map.lookup(Mode::Filter, Screen::Roster, &down),
        Some(Command::Down)
    );
}

#[test]
fn a_conflicting_override_is_not_applied_and_names_its_line() {
    // `s` is "next status" on Goals.
    let (map, problems) = Keymap::with_overrides(&[ov("down", &["s"], 7)]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(7));
    assert!(
        problems[0].message.contains("cycle-status"),
        "{}",
        problems[0].message
    );
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Roster, &ch('j')),
        Some(Command::Down)
    );
    assert_eq!(map.lookup(Mode::Browse, Screen::Roster, &ch('s')), None);
}

#[test]
fn two_overrides_may_swap_keys_but_not_take_the_same_one() {
    let (map, problems) = Keymap::with_overrides(&[
        ov("next-speaker", &["p"], 1),
        ov("pass-turn", &["Space"], 2),
    ]);
    assert_eq!(problems, vec![]);
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Live, &ch('p')),
        Some(Command::NextSpeaker)
    );
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Live, &ch(' ')),
        Some(Command::PassTurn)
    );
    let (map, problems) =
        Keymap::with_overrides(&[ov("next-item", &["F5"], 1), ov("prev-item", &["F5"], 3)]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, Some(3));
    let f5 = ev(KeyCode::F(5), KeyModifiers::NONE);
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Live, &f5),
        Some(Command::NextItem)
    );
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Live, &ch('[')),
        Some(Command::PrevItem)
    );
}

#[test]
fn unknown_actions_and_bad_keys_are_reported_with_their_line() {
    let (map, problems) =
        Keymap::with_overrides(&[ov("fly", &["f"], 2), ov("quit", &["Ctrl-"], 5)]);
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![Some(2), Some(5)]);
    assert!(problems[0].message.contains("`fly` is not an action"));
    assert!(problems[1].message.contains("\"Ctrl-\" is not a key"));
    assert_eq!(
        map.lookup(Mode::Browse, Screen::Roster, &ch('q')),
        Some(Command::Quit)
    );
}

#[test]
fn ctrl_z_is_refused_as_an_override_with_its_line() {
    for key in ["Ctrl-z", "Ctrl-Z", "ctrl-shift-z"] {
        let (map, problems) = Keymap::with_overrides(&[ov("note-save", &["F9", key], 7)]);
        assert_eq!(problems.len(), 1, "{key}: {problems:?}");
        assert_eq!(problems[0].line, Some(7));
        assert!(
            problems[0].message.contains("Ctrl-Z suspends"),
            "{problems:?}"
        );
        // Not applied: the action keeps its keys, F9 included.
        let f9 = ev(KeyCode::F(9), KeyModifiers::NONE);
        assert_eq!(map.lookup(Mode::Note, Screen::Live, &f9), None);
    }
}

#[test]
fn footers_show_where_search_insights_and_profiles_open_and_views_how_to_leave() {
    let map = Keymap::default();
    let has = |screen: Screen, keys: &str, label: &str| {
        (map.hints(Mode::Browse, screen, true).iter()).any(|(k, l)| k == keys && *l == label)
    };
    for s in [Screen::Communities, Screen::History] {
        assert!(has(s, "I", "insights") && has(s, "S", "search"), "{s:?}");
    }
    assert!(has(Screen::Roster, "Enter/p", "profile") && has(Screen::Roster, "S", "search"));
    // On Search, `S` types the query again, as `/` does: the footer shows `/` alone.
    assert!(has(Screen::Search, "/", "query"), "the query key");
    let search = map.hints(Mode::Browse, Screen::Search, true);
    assert!(!search.iter().any(|(k, _)| k == "S"), "{search:?}");
    assert_eq!(
        map.lookup(
            Mode::Browse,
            Screen::Search,
            &ev(KeyCode::Char('S'), KeyModifiers::NONE)
        ),
        Some(Command::Search),
        "S still types the query"
    );
    for s in [Screen::Profile, Screen::Insights, Screen::MeetingView] {
        assert!(
            has(s, "Esc", "back") && has(s, "↓/j", "scroll down"),
            "{s:?}"
        );
    }
    // An empty roster has no profile to open, an empty list of communities no insights.
    let empty = map.hints(Mode::Browse, Screen::Roster, false);
    assert!(!empty.iter().any(|(_, l)| *l == "profile"), "{empty:?}");
    let empty = map.hints(Mode::Browse, Screen::Communities, false);
    assert!(!empty.iter().any(|(_, l)| *l == "insights"), "{empty:?}");
    // On History `I` opens the chosen community's insights: an empty History (a new
    // community, a filter matching nothing) still offers them.
    let empty = map.hints(Mode::Browse, Screen::History, false);
    assert!(empty.iter().any(|(_, l)| *l == "insights"), "{empty:?}");
}
