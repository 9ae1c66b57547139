//! Keys, pastes and commands: every [`Command`] is handled in exactly one arm of
//! [`App::handle`], a `match` without a catch-all, so a new command does not compile
//! until it is routed. Work that spans areas (opening a community, picking an icebreaker
//! for the plan, starting a meeting) is put together here, from what each area offers.

use super::form::Form;
use super::live::Started;
use super::{App, Command, Confirm, Overlay, Pending, Screen};
use crate::domain::text::sanitize;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};
use ratatui_textarea::TextArea;

/// Rows a page-up/page-down moves.
const PAGE: isize = 10;

impl App {
    /// A key from the terminal.
    pub fn on_key(&mut self, ev: KeyEvent) {
        if ev.kind == KeyEventKind::Release {
            return;
        }
        self.key(ev);
        // The heartbeat is due before the screen shows a new second (see `Live::tick`).
        self.tick();
    }

    fn key(&mut self, ev: KeyEvent) {
        let cmd = self.keymap.lookup(self.mode(), self.cx.screen, &ev);
        if self.too_small() {
            // Nothing the leader cannot see may change: only help and quit act.
            if let Some(cmd) = cmd.filter(|c| self.acts_while_too_small(*c)) {
                self.handle(cmd);
            }
            return;
        }
        if let Some(cmd) = cmd {
            self.handle(cmd);
            return;
        }
        match &mut self.cx.overlay {
            Overlay::Form(form) => form.input(ev),
            Overlay::Note(note) => super::editor::type_key(&mut note.area, ev),
            Overlay::Filter(area) => {
                super::editor::type_key(area, ev);
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            // Elsewhere a key that is not a command means nothing.
            Overlay::None
            | Overlay::Help
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Vote(_) => {}
        }
    }

    /// While the terminal is too small: help (and closing it), quit, and the answer to
    /// "quit during a live meeting?".
    fn acts_while_too_small(&self, cmd: Command) -> bool {
        match cmd {
            Command::Help | Command::Quit => true,
            Command::Back => matches!(self.cx.overlay, Overlay::Help),
            Command::Yes | Command::No => self.answers_while_too_small(),
            _ => false,
        }
    }

    /// The keys that act while the terminal is too small, in what is open now, with what
    /// they do (`("?", "help")`): none while a form, a note or a list to choose from is
    /// open, where `?` and `q` are typed, not commands.
    pub fn keys_while_too_small(&self) -> Vec<(String, &'static str)> {
        self.keymap
            .bindings(self.mode(), self.cx.screen)
            .filter(|r| self.acts_while_too_small(r.binding.command))
            .map(|r| (r.keys_label(), r.binding.label))
            .collect()
    }

    /// Whether the question shown can be answered while the terminal is too small: only
    /// "quit during a live meeting?" (any other waits for a larger window).
    pub fn answers_while_too_small(&self) -> bool {
        matches!(
            self.cx.overlay,
            Overlay::Confirm(Confirm {
                on_yes: Pending::QuitLive,
                ..
            })
        )
    }

    /// Text pasted into the terminal (bracketed paste).
    pub fn on_paste(&mut self, text: &str) {
        if self.too_small() {
            return;
        }
        self.paste(text);
        // Pasted text is kept like typed text (see `Live::keep_drafts`).
        self.tick();
    }

    fn paste(&mut self, text: &str) {
        match &mut self.cx.overlay {
            Overlay::Form(form) => form.paste(text),
            Overlay::Note(note) => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                note.area.insert_str(sanitize(&text, true));
            }
            Overlay::Filter(area) => {
                area.insert_str(sanitize(&text.replace(['\r', '\n'], " "), false));
                let text = area.lines().join(" ");
                self.set_filter(text);
            }
            // Nothing takes text there.
            Overlay::None
            | Overlay::Help
            | Overlay::Confirm(_)
            | Overlay::Choose(_)
            | Overlay::Vote(_) => {}
        }
    }

    /// Applies one command, then re-reads every area if one of them changed data others
    /// show.
    pub fn handle(&mut self, cmd: Command) {
        if !matches!(
            cmd,
            Command::Up | Command::Down | Command::Vote(_) | Command::SelectRow(_)
        ) {
            self.cx.status = None;
        }
        self.route(cmd);
        if self.cx.stale {
            self.refresh();
        }
        self.load_shown();
        // A form just saved or thrown away drops its draft at once.
        self.cx.keep_form_draft();
    }

    /// The one place each command is handled.
    fn route(&mut self, cmd: Command) {
        let list_drawn = self.list_is_drawn();
        let cx = &mut self.cx;
        match cmd {
            // Moving around.
            Command::Quit if self.live.is_running() => cx.open(Overlay::Confirm(Confirm {
                question: "A meeting is live. Quit? It stays live: reopen Roundtable to resume it."
                    .into(),
                on_yes: Pending::QuitLive,
            })),
            Command::Quit => self.quit = true,
            Command::Help => {
                self.help_page = 0;
                cx.open(Overlay::Help);
            }
            Command::NextScreen => self.go_to(self.cx.screen.tab_after(1)),
            Command::PrevScreen => self.go_to(self.cx.screen.tab_after(-1)),
            Command::GoTo(s) => self.go_to(s),
            Command::Up => self.move_selection(-1),
            Command::Down => self.move_selection(1),
            // The help's pages go round: the screen knows how many fit.
            Command::PageUp if matches!(cx.overlay, Overlay::Help) => self.help_page -= 1,
            Command::PageDown if matches!(cx.overlay, Overlay::Help) => self.help_page += 1,
            Command::PageUp => self.move_selection(-PAGE),
            Command::PageDown => self.move_selection(PAGE),
            Command::Top => self.move_selection(isize::MIN / 2),
            Command::Bottom => self.select_last(),
            Command::Open => self.open(),
            Command::Back => self.back(),
            // A filter typed where no list is drawn would be typed out of sight.
            Command::Filter if !list_drawn => {
                let no_community = self.browse.community.is_none();
                self.cx.info(if no_community {
                    "Choose a community first: select one on Communities and press Enter"
                } else {
                    "No list to filter here"
                })
            }
            Command::Filter => {
                let mut area = TextArea::new(vec![self.list(self.cx.screen).filter.clone()]);
                area.move_cursor(ratatui_textarea::CursorMove::End);
                area.set_cursor_line_style(ratatui::style::Style::default());
                self.cx.open(Overlay::Filter(Box::new(area)));
            }
            // Enter on Search's query line runs it (searchui).
            Command::FilterDone if cx.screen == Screen::Search => {
                let chosen = self.browse.community_id();
                self.search.run(cx, chosen);
            }
            Command::FilterDone => cx.open(Overlay::None),
            // Lists and forms.
            Command::New => self.open_form(true),
            Command::Edit => self.open_form(false),
            Command::Remove => self.remove(),
            Command::ToggleShowArchived => self.browse.toggle_archived(cx),
            Command::CycleStatus => self.browse.cycle_goal_status(cx),
            Command::EditAgreements => self.browse.agreements_form(cx),
            Command::FormNext => with_form(cx, Form::next),
            Command::FormPrev => with_form(cx, Form::prev),
            Command::FormEnter => match &cx.overlay {
                Overlay::Form(f) if f.saves_on_enter() => self.save_form(),
                _ => with_form(cx, Form::enter),
            },
            Command::FormSave => self.save_form(),
            Command::FormCancel => {
                // The action's note was saved on Enter; only its details are left out.
                let saved_action = matches!(
                    &cx.overlay,
                    Overlay::Form(f) if matches!(f.kind, super::form::FormKind::ActionNote { .. })
                );
                // A step of the reflection walk: the walk waits there (live-cycle).
                let walk = match &cx.overlay {
                    Overlay::Form(f) if f.kind.is_walk_step() => Some(f.kind.clone()),
                    _ => None,
                };
                let typed = matches!(&cx.overlay, Overlay::Form(f) if f.draft_body().is_some());
                if typed && !saved_action {
                    // What was typed is not thrown away on one key: the form waits
                    // (its draft still kept) while the question shows.
                    let title = match std::mem::take(&mut cx.overlay) {
                        Overlay::Form(f) => {
                            let title = f.title.clone();
                            cx.held_form = Some(f);
                            title
                        }
                        _ => String::new(),
                    };
                    return cx.open(Overlay::Confirm(Confirm {
                        question: format!(
                            "Throw away what you typed in '{}'? (n goes back to the form)",
                            sanitize(&title, false)
                        ),
                        on_yes: Pending::DiscardForm,
                    }));
                }
                cx.open(Overlay::None);
                if saved_action {
                    cx.info("The action is saved without an owner or due date; N edits it");
                } else if let Some(kind) = walk {
                    let (walk, cx) = self.walk();
                    walk.left_walk(cx, &kind);
                } else {
                    cx.info("Cancelled; nothing was changed");
                }
            }
            Command::Yes => self.confirm(),
            Command::No => match std::mem::take(&mut cx.overlay) {
                Overlay::Confirm(Confirm {
                    on_yes: Pending::Resume(_),
                    ..
                }) => cx.info("The meeting stays live: press l on Meetings to resume it"),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::QuitLive,
                    ..
                }) => cx.info("Still here; the meeting goes on"),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::LiveCycle(p),
                    ..
                }) if cx.screen == Screen::Cycles => self.cycles.walk.walk_declined(cx, p),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::LiveCycle(p),
                    ..
                }) => self.live.cycle_declined(cx, p),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::SaveAction,
                    ..
                }) => self.answer_held_action(false),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::SaveActionNote,
                    ..
                }) => self.answer_held_action_note(false),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::DiscardVotes,
                    ..
                }) => self.live.votes_back(cx),
                Overlay::Confirm(Confirm {
                    on_yes: Pending::DiscardForm,
                    ..
                }) => match cx.held_form.take() {
                    Some(form) => {
                        cx.open(Overlay::Form(form));
                        cx.info("Back to the form as you left it — Ctrl-S saves");
                    }
                    None => cx.info("Nothing was changed"),
                },
                _ => cx.info("Nothing was changed"),
            },
            // Planning.
            Command::MoveUp => self.planner.move_item(cx, -1),
            Command::MoveDown => self.planner.move_item(cx, 1),
            Command::EditMeeting => self.planner.edit_meeting(cx),
            Command::SaveTemplate => self.planner.save_as_template(cx),
            Command::Library => self.open_library(),
            Command::Suggest => self.suggest(),
            Command::CycleCategory => self.library.cycle_filter(super::LibraryFilterKey::Category),
            Command::ToggleRemote => self.library.cycle_filter(super::LibraryFilterKey::Remote),
            Command::CycleMinutes => self.library.cycle_filter(super::LibraryFilterKey::Minutes),
            Command::CycleDepth => self.library.cycle_filter(super::LibraryFilterKey::Depth),
            // Running a meeting.
            Command::StartMeeting => {
                let meeting = self.browse.selected_upcoming().cloned();
                let community = self.browse.community_id();
                self.live.prepare_start(cx, meeting, community);
            }
            Command::OpenLive => {
                let community = self.browse.community_id();
                if self.live.open(cx, community) == Started::Now {
                    // Its plan is history now: the agenda no longer changes.
                    self.planner.close();
                }
            }
            Command::Attendance => cx.screen = Screen::Attendance,
            Command::CycleAttendance => self.live.cycle_attendance(cx),
            Command::AddGuest => self.live.walk_in_form(cx, true),
            Command::AddNewMember => self.live.walk_in_form(cx, false),
            Command::NextSpeaker => self.live.next_speaker(cx),
            Command::PassTurn => self
                .live
                .turn_op(cx, |s, m, now| s.write(|tx| tx.pass_turn(m, now))),
            Command::BackTurn => self
                .live
                .turn_op(cx, |s, m, now| s.write(|tx| tx.back_turn(m, now))),
            Command::SkipTurn => self.live.skip_turn(cx, None),
            Command::RaiseHand => self.live.choose_hand(cx),
            Command::NewRound => self.live.new_round(cx),
            Command::CycleOrder => self.live.cycle_order(cx),
            Command::SaveDefaultOrder => self.live.save_default_order(cx),
            // An application or reflection item offers to move the cycle (live-cycle).
            Command::NextItem => {
                self.live.step_item(cx, 1);
                self.live.offer_phase(cx);
            }
            Command::PrevItem => {
                self.live.step_item(cx, -1);
                self.live.offer_phase(cx);
            }
            Command::TogglePause => self.live.toggle_pause(cx),
            Command::ConsentCheck => self.live.open_consent(cx),
            Command::EndMeeting => self.live.ask_end(cx),
            Command::Note => self.live.open_note(cx),
            Command::EditNotes => self.live.choose_note(cx),
            Command::EditSpeaker => self.live.edit_speaker(cx),
            Command::FollowUp => self.live.follow_up(cx),
            Command::Floor => self.live.choose_floor(cx),
            Command::TogglePrompts => self.live.toggle_prompts(cx),
            // The learning cycle in the meeting (live-cycle).
            Command::ShowAgreements => self.live.toggle_agreements(cx),
            Command::LinkSolution => self.live.choose_solution(cx),
            Command::CommitAction => self.live.commit_form(cx),
            Command::ReflectionWalk if cx.screen == Screen::Cycles => self.cycles.start_walk(cx),
            Command::ReflectionWalk => self.live.start_walk(cx),
            // The Actions screen.
            Command::ActionsFollowUp => self.follow_up_selected_action(),
            Command::ActionsOwner => self.actions.cycle_owner(cx, self.browse.community_id()),
            Command::ActionsStatus => self.actions.cycle_status(cx),
            // Insights (issue 10).
            Command::Profile => self.open_profile(),
            Command::Insights => self.open_insights(),
            // The meeting view (issue 10, hist).
            Command::OtherMeeting(newer) => {
                let filter = self.browse.history_filter();
                self.review.other_meeting(cx, newer, &filter);
            }
            Command::ExportMinutes => self.review.export_minutes(cx),
            // Search (issue 10, searchui).
            Command::Search => {
                let chosen = self.browse.community_id();
                self.search.open(cx, chosen);
            }
            Command::SearchAll => {
                let chosen = self.browse.community_id();
                self.search.toggle_all(cx, chosen);
            }
            Command::SearchKind | Command::SearchKindBack => {
                let chosen = self.browse.community_id();
                self.search
                    .cycle_kind(cx, chosen, cmd == Command::SearchKind);
            }
            Command::SearchMember => self.search.choose_member(cx, &self.browse.members),
            Command::ChooseNth(n) => {
                if let Overlay::Choose(c) = &mut cx.overlay
                    && let Some(i) = usize::from(n).checked_sub(1)
                    && i < c.options.len()
                {
                    c.selected = i;
                    self.choose();
                }
            }
            Command::NoteSave => self.live.save_note(cx),
            Command::NoteNewline => self.live.with_note(cx, |n| n.area.insert_newline()),
            Command::NoteKind => self.live.with_note(cx, |n| n.kind = n.kind.next()),
            Command::NoteAbout => self.live.cycle_about(cx),
            Command::NoteCancel => self.live.close_note(cx),
            Command::NoteDelete => self.live.ask_delete_note(cx),
            Command::Vote(score) => self.live.vote(cx, score),
            Command::VoteSave => self.live.save_votes(cx),
            // Cycles (issue 9).
            Command::NextPhase => self.cycles.next_phase(cx),
            Command::ChoosePhase => self.cycles.choose_phase(cx),
            Command::CycleMeetings => self.cycles.choose_meeting(cx),
            // Mouse and $EDITOR (issue 12, native).
            Command::SelectRow(n) => self.select_row(n),
            Command::ExternalEditor => self.request_editor(),
            Command::ClearLine => self.clear_line(),
        }
    }
}

fn with_form(cx: &mut super::Ctx, f: impl FnOnce(&mut Form)) {
    if let Overlay::Form(form) = &mut cx.overlay {
        f(form);
    }
}

impl App {
    /// Whether the screen draws its list: not without its community, meeting or plan.
    pub(super) fn list_is_drawn(&self) -> bool {
        match self.cx.screen {
            s if s.needs_community() && self.browse.community.is_none() => false,
            Screen::Plan => self.planner.plan.is_some(),
            Screen::Attendance => self.live.meeting.is_some(),
            // The cycle's detail replaces its list.
            Screen::Cycles => self.cycles.detail.is_none(),
            // The query line is drawn on Search whatever it shows.
            Screen::Search => true,
            s => s.has_list(),
        }
    }
}
