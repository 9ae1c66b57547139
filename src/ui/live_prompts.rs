//! The item's prompts on the live screen: the leader notes planned for the item and the
//! chosen icebreaker's prompt. Where the screen is short they share a panel with the cue
//! card (`v` shows them over the whole left column); a cut panel says how much is left.

use super::Theme;
use super::widgets::panel;
use crate::domain::live::{LiveItem, LiveMeeting};
use crate::domain::text::one_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The prompts of `item`, as (label, text) paragraphs (the icebreaker's first, then the
/// leader notes); empty when it has none.
pub fn prompts(l: &LiveMeeting, item: &LiveItem) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    // The icebreaker's prompt first: it is what the leader reads out.
    if let Some(p) = l.icebreaker_prompt(item.item.id) {
        let title = item
            .item
            .icebreaker
            .as_ref()
            .map_or("", |(_, t)| t.as_str());
        out.push((
            "Icebreaker: ",
            format!("{} — {}", one_line(title), one_line(p)),
        ));
    }
    for para in item.item.info.leader_notes.split('\n') {
        let para = one_line(para);
        if !para.trim().is_empty() {
            out.push(("", para));
        }
    }
    out
}

/// Greedy word wrap of `label` + `text` to `width` columns (a word longer than a line is
/// cut into pieces), the label on the first line only.
fn wrap<'a>(label: &'static str, text: &str, width: usize, theme: &Theme) -> Vec<Line<'a>> {
    let width = width.max(8);
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut cur = String::new();
    let mut first = true;
    let mut push = |cur: &mut String, first: &mut bool| {
        let line = if *first && !label.is_empty() {
            Line::from(vec![
                Span::styled(label, theme.label()),
                Span::raw(cur[label.len()..].to_string()),
            ])
        } else {
            Line::from(cur.clone())
        };
        lines.push(line);
        cur.clear();
        *first = false;
    };
    cur.push_str(label);
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let sep = usize::from(cur.width() > 0 && !cur.ends_with(' '));
            if cur.width() + sep + word.width() <= width {
                if sep == 1 {
                    cur.push(' ');
                }
                cur.push_str(&word);
                break;
            }
            if cur.width() > 0 && cur.width() > label.len() {
                push(&mut cur, &mut first);
                continue;
            }
            // A word wider than the line: cut it.
            let room = width.saturating_sub(cur.width() + sep).max(1);
            let head = super::chrome::truncate(&word, room);
            let head = head.trim_end_matches('…').to_string();
            let head = if head.is_empty() {
                word.chars().take(1).collect()
            } else {
                head
            };
            if sep == 1 {
                cur.push(' ');
            }
            cur.push_str(&head);
            word = word[head.len()..].to_string();
            push(&mut cur, &mut first);
            if word.is_empty() {
                break;
            }
        }
    }
    if !cur.is_empty() {
        push(&mut cur, &mut first);
    }
    lines
}

/// The prompts wrapped to `width`.
pub fn prompt_lines<'a>(
    l: &LiveMeeting,
    item: &LiveItem,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    prompts(l, item)
        .into_iter()
        .flat_map(|(label, text)| wrap(label, &text, width, theme))
        .collect()
}

/// Draws the prompts panel; a cut panel ends with how many lines are hidden and `hint`.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    l: &LiveMeeting,
    item: &LiveItem,
    title: &str,
    hint: &str,
    theme: &Theme,
) {
    let block = panel(title.to_string(), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = prompt_lines(l, item, inner.width as usize, theme);
    let room = inner.height as usize;
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(Line::styled(
            format!("… {hidden} more lines — {hint}"),
            theme.accent(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
