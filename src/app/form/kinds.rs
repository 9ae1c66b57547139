//! The forms of each kind of thing: their fields, labels and hints.

use super::{Field, Form, FormKind, NO_LEADER};
use crate::domain::agenda::ItemKind;
use crate::domain::community::fields as cf;
use crate::domain::icebreaker::{Category, Depth};
use crate::domain::rounds::OrderStrategy;
use crate::domain::{
    AgendaItemId, ChosenBy, CommunityId, Draft, GoalId, GoalStatus, IcebreakerId, LeaderRole,
    MeetingId, MeetingMode, MemberId,
};

const YES_NO: [&str; 2] = ["no", "yes"];

/// "default" then every speaking order.
fn turn_orders() -> Vec<String> {
    let mut v = vec!["default".to_string()];
    v.extend(OrderStrategy::ALL.iter().map(|o| o.label().to_string()));
    v
}

fn options<T>(all: &[T], label: impl Fn(&T) -> &'static str) -> Vec<String> {
    all.iter().map(|x| label(x).to_string()).collect()
}

impl Form {
    /// The community form. `members` are offered as leader when editing.
    pub fn community(id: Option<CommunityId>, d: &Draft, members: &[(MemberId, String)]) -> Self {
        let mut fields = vec![
            Field::text(cf::NAME, "Name", "Required, unique", d.get(cf::NAME), false),
            Field::text(
                cf::PURPOSE,
                "Purpose",
                "Why the group meets",
                d.get(cf::PURPOSE),
                true,
            ),
            Field::text(
                cf::CADENCE,
                "Cadence",
                crate::domain::cadence::CADENCE_EXAMPLES,
                d.get(cf::CADENCE),
                false,
            ),
            Field::choice(
                cf::MODE,
                "Mode",
                MeetingMode::ALL
                    .iter()
                    .map(|m| m.label().to_string())
                    .collect(),
                d.get(cf::MODE),
            ),
            Field::text(
                cf::PLACE,
                "Place or link",
                "A room, an address or a video link",
                d.get(cf::PLACE),
                false,
            ),
            Field::text(
                cf::MINUTES,
                "Meeting length",
                "Minutes, 5 to 600 (default 90)",
                d.get(cf::MINUTES),
                false,
            ),
        ];
        if id.is_some() {
            let mut people = vec![(None, NO_LEADER.to_string())];
            people.extend(members.iter().map(|(id, name)| (Some(*id), name.clone())));
            fields.push(Field::people(
                cf::LEADER,
                "Leader",
                people,
                // "" (no leader yet) is the one value that is not an id.
                d.get(cf::LEADER).parse().ok(),
            ));
            fields.push(Field::choice(
                cf::LEADER_ROLE,
                "Leads as",
                LeaderRole::ALL
                    .iter()
                    .map(|r| r.as_str().to_string())
                    .collect(),
                d.get(cf::LEADER_ROLE),
            ));
            fields.push(Field::choice(
                cf::CHOSEN_BY,
                "Chosen by",
                ChosenBy::ALL
                    .iter()
                    .map(|c| c.label().to_string())
                    .collect(),
                d.get(cf::CHOSEN_BY),
            ));
        }
        let title = if id.is_some() {
            "Edit community"
        } else {
            "New community"
        };
        Self::new(FormKind::Community(id), title.into(), fields)
    }

    /// A community's working agreements: one multi-line field, one agreement a line.
    pub fn agreements(id: CommunityId, community: &str, d: &Draft) -> Self {
        let fields = vec![
            Field::text(
                "agreements",
                "Agreements",
                "How the group works: one a line, at most 12",
                d.get("agreements"),
                true,
            )
            // The whole list at once (at most 12, and room to add one).
            .with_rows(crate::store::AGREEMENTS_MAX as u16 + 1),
        ];
        let title = format!(
            "Working agreements: {}",
            crate::domain::text::one_line(community)
        );
        Self::new(FormKind::Agreements(id), title, fields)
    }

    /// The member form.
    pub fn member(id: Option<MemberId>, d: &Draft) -> Self {
        let t = |key, label, hint, multi| Field::text(key, label, hint, d.get(key), multi);
        let fields = vec![
            t("name", "Name", "Required, unique in this community", false),
            t("role", "Role", "e.g. charge nurse, note-taker", false),
            t("brings", "Brings", "What they bring to the group", true),
            t(
                "hopes",
                "Hopes to get",
                "What they hope to get from it",
                true,
            ),
            t(
                "learning_style",
                "Learning style",
                "e.g. hands-on, reads first, talks it through",
                false,
            ),
            t("strengths", "Strengths", "What they are good at", true),
            t(
                "growth_areas",
                "Growth areas",
                "What they want to grow in",
                true,
            ),
            t("joined", "Joined", "YYYY-MM-DD", false),
        ];
        let title = if id.is_some() {
            "Edit member"
        } else {
            "New member"
        };
        Self::new(FormKind::Member(id), title.into(), fields)
    }

    /// The goal form.
    pub fn goal(id: Option<GoalId>, d: &Draft) -> Self {
        let fields = vec![
            Field::text(
                "title",
                "Goal",
                "What the group wants to achieve",
                d.get("title"),
                false,
            ),
            Field::text(
                "success_measure",
                "Success measure",
                "How you will know it is met",
                d.get("success_measure"),
                true,
            ),
            Field::text(
                "target",
                "Target date",
                "YYYY-MM-DD (optional)",
                d.get("target"),
                false,
            ),
            Field::choice(
                "status",
                "Status",
                GoalStatus::ALL
                    .iter()
                    .map(|s| s.as_str().to_string())
                    .collect(),
                d.get("status"),
            ),
        ];
        let title = if id.is_some() {
            "Edit goal"
        } else {
            "New goal"
        };
        Self::new(FormKind::Goal(id), title.into(), fields)
    }

    /// The meeting details form (title, date and time, planned length).
    pub fn meeting(id: Option<MeetingId>, template: Option<String>, d: &Draft) -> Self {
        let fields = vec![
            Field::text(
                "title",
                "Title",
                "What the meeting is called",
                d.get("title"),
                false,
            ),
            Field::text(
                "when",
                "Date and time",
                "YYYY-MM-DD HH:MM, local time",
                d.get("when"),
                false,
            ),
            Field::text(
                "minutes",
                "Length",
                "Planned minutes, 5 to 600",
                d.get("minutes"),
                false,
            ),
        ];
        let title = match (&id, &template) {
            (Some(_), _) => "Meeting details".to_string(),
            (None, Some(t)) => format!("Plan a meeting from '{t}'"),
            (None, None) => "Plan a meeting with an empty agenda".to_string(),
        };
        Self::new(FormKind::Meeting { id, template }, title, fields)
    }

    /// The agenda item form.
    pub fn agenda_item(meeting: MeetingId, item: Option<AgendaItemId>, d: &Draft) -> Self {
        let fields = vec![
            Field::choice(
                "kind",
                "Kind",
                options(ItemKind::ALL, |k| k.label()),
                d.get("kind"),
            ),
            Field::text(
                "title",
                "Title or topic",
                "Empty: the kind's name",
                d.get("title"),
                false,
            ),
            Field::text(
                "minutes",
                "Timebox",
                "Minutes (at least 1)",
                d.get("minutes"),
                false,
            ),
            Field::text(
                "leader_notes",
                "Leader notes",
                "Questions to ask, what to watch for",
                d.get("leader_notes"),
                true,
            ),
            Field::choice(
                "recurring",
                "Recurring",
                options(&YES_NO, |s| s),
                d.get("recurring"),
            ),
            Field::choice(
                "turn_order",
                "Speaking order",
                turn_orders(),
                d.get("turn_order"),
            ),
            Field::text(
                "turn_length",
                "Turn length",
                "m:ss per speaker (empty: 2:00)",
                d.get("turn_length"),
                false,
            ),
        ];
        let title = if item.is_some() {
            "Edit agenda item"
        } else {
            "Add agenda item"
        };
        Self::new(FormKind::AgendaItem { meeting, item }, title.into(), fields)
    }

    /// Saving an agenda as a template.
    pub fn template(meeting: MeetingId, d: &Draft) -> Self {
        let fields = vec![
            Field::text(
                "name",
                "Template name",
                "Unique; built-in names are taken",
                d.get("name"),
                false,
            ),
            Field::text(
                "description",
                "Description",
                "When to use it",
                d.get("description"),
                true,
            ),
        ];
        Self::new(
            FormKind::Template { meeting },
            "Save agenda as template".into(),
            fields,
        )
    }

    /// One of the leader's own icebreakers.
    pub fn icebreaker(id: Option<IcebreakerId>, d: &Draft) -> Self {
        let fields = vec![
            Field::text("title", "Title", "Short and unique", d.get("title"), false),
            Field::text(
                "prompt",
                "Prompt",
                "What the leader says; what people do",
                d.get("prompt"),
                true,
            ),
            Field::choice(
                "category",
                "Category",
                options(Category::ALL, |c| c.as_str()),
                d.get("category"),
            ),
            Field::text(
                "minutes",
                "Minutes",
                "How long it takes",
                d.get("minutes"),
                false,
            ),
            Field::text(
                "min_group",
                "Smallest group",
                "People (default 2)",
                d.get("min_group"),
                false,
            ),
            Field::text(
                "max_group",
                "Largest group",
                "People (default 30)",
                d.get("max_group"),
                false,
            ),
            Field::choice(
                "remote_friendly",
                "Works online",
                options(&YES_NO, |s| s),
                d.get("remote_friendly"),
            ),
            Field::choice(
                "depth",
                "Depth",
                options(Depth::ALL, |d| d.as_str()),
                d.get("depth"),
            ),
        ];
        let title = if id.is_some() {
            "Edit your icebreaker"
        } else {
            "New icebreaker"
        };
        Self::new(FormKind::Icebreaker(id), title.into(), fields)
    }
}
