//! `export minutes`: a meeting's minutes as Markdown or JSON (see docs/MINUTES.md).
//! Reads only, so it works while the app is running the meeting.

use crate::domain::meeting::MeetingStatus;
use crate::domain::minutes::{self, Minutes};
use crate::domain::{CommunityId, MeetingId};
use crate::store::Store;
use anyhow::{Context, Result, bail};
use chrono::{Local, Utc};
use clap::{ArgGroup, Args, ValueEnum};
use std::path::Path;

/// Output formats for minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MinutesFormat {
    /// Markdown (CommonMark with pipe tables)
    Md,
    Json,
}

/// Which meeting's minutes, and where to write them.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["meeting", "last"])))]
pub struct MinutesArgs {
    /// The meeting, by id
    #[arg(long, value_name = "ID")]
    pub meeting: Option<i64>,
    /// The community's most recent meeting that has started (live or ended)
    #[arg(long)]
    pub last: bool,
    /// The community [default for --last: the one used last, or the only one]
    #[arg(long)]
    pub community: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = MinutesFormat::Md)]
    pub format: MinutesFormat,
    #[command(flatten)]
    pub out: super::OutArgs,
}

/// The community `--last` means: named, else the one used last, else the only one.
pub(super) fn community_for_last(store: &Store, name: Option<&str>) -> Result<CommunityId> {
    if let Some(name) = name {
        return Ok(store.community_by_name(name)?.id);
    }
    let all = store.communities(false)?;
    let last = store
        .setting("last_community")?
        .and_then(|s| s.parse::<CommunityId>().ok())
        .filter(|id| all.iter().any(|c| c.id == *id));
    match (last, all.as_slice()) {
        (Some(id), _) => Ok(id),
        (None, [only]) => Ok(only.id),
        (None, []) => bail!("there are no communities yet"),
        (None, many) => {
            let names: Vec<String> = many.iter().map(|c| format!("'{}'", c.info.name)).collect();
            bail!(
                "which community? pass --community NAME (one of {})",
                names.join(", ")
            )
        }
    }
}

/// Builds the minutes of the meeting `args` names, in the requested format.
pub fn render(store: &Store, args: &MinutesArgs) -> Result<String> {
    let (live, community) = store.snapshot(|store| {
        let id = match args.meeting.map(MeetingId::new) {
            Some(id) => id,
            None => {
                let c = community_for_last(store, args.community.as_deref())?;
                let latest = match store.live_meeting_id(c)? {
                    Some(id) => Some(id),
                    None => store.meetings(c, &["ended"], true)?.first().map(|m| m.id),
                };
                let community = store.community(c)?;
                latest.with_context(|| {
                    format!(
                        "'{}' has no meeting that has started yet",
                        community.info.name
                    )
                })?
            }
        };
        let meeting = store.meeting(id)?;
        if let (Some(name), Some(_)) = (&args.community, args.meeting) {
            let c = store.community_by_name(name)?;
            if c.id != meeting.community_id {
                bail!("meeting {id} is not a meeting of '{}'", c.info.name);
            }
        }
        match meeting.status {
            MeetingStatus::Live | MeetingStatus::Ended => {}
            MeetingStatus::Planned => bail!(
                "meeting {id} ('{}') is planned and has not started: it has no minutes yet",
                crate::domain::text::one_line(&meeting.title)
            ),
            MeetingStatus::Cancelled => bail!(
                "meeting {id} ('{}') was cancelled: it has no minutes",
                crate::domain::text::one_line(&meeting.title)
            ),
        }
        let community = store.community(meeting.community_id)?;
        anyhow::Ok((store.live_meeting(id)?, community.info.name))
    })?;
    let m = Minutes::from_live(&live, &community, Utc::now(), &Local);
    Ok(match args.format {
        MinutesFormat::Md => minutes::markdown(&m),
        MinutesFormat::Json => minutes::json(&m)?,
    })
}

/// `roundtable export minutes`.
pub fn run(db: &Path, args: &MinutesArgs) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let text = render(&store, args)?;
    super::write_out(db, &args.out, text.as_bytes())
}
