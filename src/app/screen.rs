//! What the leader sees, shared by every area: the screens, what sits on top of one (an
//! overlay), and the status line.

use super::form::Form;
use super::live::{NoteEditor, VoteSheet};
use crate::domain::cycle::Phase;
use crate::domain::{ActionId, AgendaItemId, CommunityId, CycleId, GoalId, MeetingId, NoteId};
use ratatui_textarea::TextArea;

/// The screens. The first seven are tabs; Plan and Icebreakers open from Meetings.
///
/// This is the one list of screens: the keymap, the list states and the command line's
/// `render` choices are all derived from it (a new variant fails to compile until every
/// `match` on it says where the screen's state lives and what it shows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumCount, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum Screen {
    Communities,
    Roster,
    Goals,
    Meetings,
    History,
    /// The community's learning cycles, and one cycle in detail.
    Cycles,
    /// Every action item of the community, followed up between meetings.
    Actions,
    /// The agenda of one planned meeting.
    Plan,
    /// The icebreaker library.
    Icebreakers,
    /// Who is here, before and during a meeting.
    Attendance,
    /// The meeting being run.
    Live,
    /// What happened, right after a meeting ends.
    Summary,
    // Insights (issue 10).
    /// One member's attendance, airtime and actions (from Roster).
    Profile,
    /// The community's cadence, attendance, balance and progress over time.
    Insights,
    /// A past meeting in full, opened from History (issue 10): timeline, turns, notes,
    /// airtime, decisions and actions; it scrolls, `[`/`]` go to the older/newer one.
    MeetingView,
    /// Full-text search over every meeting (issue 10): `S` from the browse screens.
    Search,
}

impl Screen {
    /// The tabs, in order.
    pub const TABS: [Screen; 7] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
        Screen::Cycles,
        Screen::Actions,
    ];

    /// Every screen, in the order of [`Screen::index`] (the tabs first: a tab's number is
    /// its index plus one).
    pub const ALL: [Screen; 16] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
        Screen::Cycles,
        Screen::Actions,
        Screen::Plan,
        Screen::Icebreakers,
        Screen::Attendance,
        Screen::Live,
        Screen::Summary,
        Screen::Profile,
        Screen::Insights,
        Screen::MeetingView,
        Screen::Search,
    ];

    /// The title.
    pub fn title(self) -> &'static str {
        match self {
            Screen::Communities => "Communities",
            Screen::Roster => "Roster",
            Screen::Goals => "Goals",
            Screen::Meetings => "Meetings",
            Screen::History => "History",
            Screen::Cycles => "Cycles",
            Screen::Actions => "Actions",
            Screen::Plan => "Plan",
            Screen::Icebreakers => "Icebreakers",
            Screen::Attendance => "Attendance",
            Screen::Live => "Live meeting",
            Screen::Summary => "Meeting summary",
            Screen::Profile => "Member profile",
            Screen::Insights => "Insights",
            Screen::MeetingView => "Meeting",
            Screen::Search => "Search",
        }
    }

    /// The title in few letters, for a narrow tab bar.
    pub fn short_title(self) -> &'static str {
        match self {
            Screen::Communities => "Comm.",
            Screen::Meetings => "Meet.",
            Screen::History => "Hist.",
            s @ (Screen::Roster
            | Screen::Goals
            | Screen::Cycles
            | Screen::Actions
            | Screen::Plan
            | Screen::Icebreakers
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary
            | Screen::Insights
            | Screen::MeetingView
            | Screen::Search) => s.title(),
            Screen::Profile => "Profile",
        }
    }

    /// The screen's name on the command line (`roundtable render roster`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// Index among all screens (its place in [`Screen::ALL`]).
    pub fn index(self) -> usize {
        match self {
            Screen::Communities => 0,
            Screen::Roster => 1,
            Screen::Goals => 2,
            Screen::Meetings => 3,
            Screen::History => 4,
            Screen::Cycles => 5,
            Screen::Actions => 6,
            Screen::Plan => 7,
            Screen::Icebreakers => 8,
            Screen::Attendance => 9,
            Screen::Live => 10,
            Screen::Summary => 11,
            Screen::Profile => 12,
            Screen::Insights => 13,
            Screen::MeetingView => 14,
            Screen::Search => 15,
        }
    }

    /// The tab a screen belongs to.
    pub fn tab(self) -> Screen {
        match self {
            Screen::Plan
            | Screen::Icebreakers
            | Screen::Attendance
            | Screen::Live
            | Screen::Summary => Screen::Meetings,
            Screen::Profile => Screen::Roster,
            Screen::Insights => Screen::History,
            Screen::MeetingView => Screen::History,
            Screen::Search => Screen::History,
            s @ (Screen::Communities
            | Screen::Roster
            | Screen::Goals
            | Screen::Meetings
            | Screen::History
            | Screen::Cycles
            | Screen::Actions) => s,
        }
    }

    /// The tab `by` places after this screen's tab (before it, for a negative `by`).
    pub fn tab_after(self, by: isize) -> Screen {
        let n = Self::TABS.len() as isize;
        let i = Self::TABS
            .iter()
            .position(|&t| t == self.tab())
            // Every screen's tab is one of the tabs (a test checks it).
            .unwrap_or(0) as isize;
        Self::TABS[(i + by).rem_euclid(n) as usize]
    }

    /// The screens that are lists (with rows to select and filter).
    pub const LISTS: [Screen; 10] = [
        Screen::Communities,
        Screen::Roster,
        Screen::Goals,
        Screen::Meetings,
        Screen::History,
        Screen::Cycles,
        Screen::Actions,
        Screen::Plan,
        Screen::Icebreakers,
        Screen::Attendance,
    ];

    /// Whether the screen is a list (with rows to select and filter).
    pub fn has_list(self) -> bool {
        Self::LISTS.contains(&self)
    }

    /// Whether the screen shows one community's data.
    pub fn needs_community(self) -> bool {
        // Search runs over every community when none is chosen.
        !matches!(
            self,
            Screen::Communities | Screen::Icebreakers | Screen::Search
        )
    }
}

// `Screen::ALL` is written out (an array, so it can size per-screen state); the compiler
// checks it has one entry per variant, and a test that each sits at its `index`.
const _: () = assert!(Screen::ALL.len() == <Screen as strum::EnumCount>::COUNT);

/// A one-line message under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Something waiting for a yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
}

impl Confirm {
    /// The popup's title: what it asks, where that is not just "are you sure?".
    pub fn title(&self) -> &'static str {
        match self.on_yes {
            Pending::Resume(_) => "Resume the meeting?",
            _ => "Are you sure?",
        }
    }
}

/// What a confirmed question does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Archive (true) or restore (false) a community.
    ArchiveCommunity(CommunityId, bool),
    /// Cancel a planned meeting.
    CancelMeeting(MeetingId),
    /// Remove an agenda item.
    RemoveItem(AgendaItemId),
    /// End the live meeting.
    EndMeeting(MeetingId),
    /// Resume the live meeting found at start-up.
    Resume(MeetingId),
    /// Quit while a meeting is live.
    QuitLive,
    /// Delete a meeting note.
    DeleteNote(NoteId),
    /// Skip the current speaker's turn though they are marked in the room.
    SkipTurn(MeetingId),
    // Cycles and goals (issue 9).
    /// Move a cycle to a phase, skipping the ones between (recorded).
    CyclePhase(CycleId, Phase),
    /// Delete a goal nothing refers to.
    DeleteGoal(GoalId),
    /// Archive (true) or restore (false) a goal.
    ArchiveGoal(GoalId, bool),
    /// The learning cycle in a live meeting (a questioned commitment, a phase move).
    LiveCycle(super::live::LiveCyclePending),
    /// Actions screen: save the held action form though nobody owns the action or its
    /// due date is past (`n` goes back to the form).
    SaveAction,
    /// Live meeting: save the held details of an action note though its due date is
    /// past (`n` goes back to the form).
    SaveActionNote,
    /// Actions screen: delete an action item.
    DeleteAction(ActionId),
    /// Esc on a form with typing in it: throw the held form's typing away (`n` goes
    /// back to the form as it was).
    DiscardForm,
    /// Esc on the consent votes with a vote typed: throw them away (`n` goes back to
    /// the votes as they were; meanwhile they are kept as a draft).
    DiscardVotes,
}

/// A short list to choose one entry from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chooser {
    pub title: String,
    /// Each option with a one-line description.
    pub options: Vec<(String, String)>,
    /// The row id behind each option, where the purpose needs one.
    pub ids: Vec<i64>,
    pub selected: usize,
    pub purpose: ChoosePurpose,
}

/// What choosing an entry does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoosePurpose {
    /// Plan a new meeting from the chosen template (the last option is "empty agenda").
    Template,
    /// Queue the chosen member to speak next (options are member ids).
    RaiseHand,
    /// Edit the chosen note (options are note ids).
    EditNote,
    /// Follow up the chosen action (options are action ids): its verdict comes next.
    FollowUpWhich,
    /// How the action went (options are the rows of the verdict chooser).
    Verdict(ActionId),
    /// Give the open floor to the chosen member (options are member ids; the last,
    /// without an id, is "nobody").
    Floor,
    /// Edit the chosen member's profile (the cue card's rows all carry their id).
    EditProfile,
    // Cycles (issue 9).
    /// Move the cycle to the chosen phase (options are the phases, in order).
    CyclePhase(CycleId),
    /// Go to the chosen meeting of a cycle (options are meeting ids).
    CycleMeeting,
    /// Closing a cycle with its reflection not done (unjudged goals, no
    /// improvements): walk it first (`CLOSE_WALK`) or close it now (`CLOSE_NOW`);
    /// `bool`: the close skips phases (confirmed).
    CloseCycle(CycleId, bool),
    /// The learning cycle in a live meeting (a solution's link, the improvements).
    LiveCycle(super::live::LiveCycleChoice),
    /// Actions screen: how the action went (options are the verdicts, in
    /// `ActionVerdict::ALL` order); a note follows.
    ActionsVerdict(ActionId),
    /// Search: only the chosen member's words (options are member ids; the first, 0, is
    /// anyone).
    SearchMember,
    /// End the live meeting, with a note or votes typed but not saved: save them first,
    /// go back, or discard them (the rows of the live area's end choices).
    EndMeeting(MeetingId),
}

/// What sits on top of the current screen.
#[derive(Debug, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    Filter(Box<TextArea<'static>>),
    Form(Box<Form>),
    Confirm(Confirm),
    Choose(Chooser),
    /// Typing a meeting note.
    Note(Box<NoteEditor>),
    /// Entering consent votes.
    Vote(Box<VoteSheet>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_sits_at_its_index_and_belongs_to_a_tab() {
        for (i, s) in Screen::ALL.into_iter().enumerate() {
            assert_eq!(s.index(), i, "{s:?}");
            assert!(Screen::TABS.contains(&s.tab()), "{s:?}");
        }
    }

    #[test]
    fn tabs_cycle_both_ways() {
        assert_eq!(Screen::History.tab_after(1), Screen::Cycles);
        assert_eq!(Screen::Cycles.tab_after(1), Screen::Actions);
        assert_eq!(Screen::Actions.tab_after(1), Screen::Communities);
        assert_eq!(Screen::Communities.tab_after(-1), Screen::Actions);
        assert_eq!(Screen::Plan.tab_after(1), Screen::History);
        assert_eq!(Screen::Plan.tab_after(-1), Screen::Goals);
    }
}
