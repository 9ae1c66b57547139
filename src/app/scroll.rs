//! How far a long view (a cycle's detail, a meeting in full, a profile) is scrolled.

use std::cell::Cell;

/// A scrolled view's offset in lines, kept no further than it was last drawn able to go:
/// the drawing writes back how far it can scroll (as ratatui's stateful widgets write
/// back their offset), so j/k stop at the end whatever the terminal's size.
#[derive(Debug, Default)]
pub struct Scroll {
    offset: u16,
    max: Cell<u16>,
}

impl Scroll {
    /// The offset, no further than it was last drawn able to go.
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max.get())
    }

    /// Drawing: how many lines the view can scroll (0 when all of it shows).
    pub fn set_max(&self, max: u16) {
        self.max.set(max);
    }

    /// Moves by `by` lines (j/k, PgUp/PgDn), within what the view can scroll.
    pub fn by(&mut self, by: isize) {
        let to = (self.offset() as isize + by).clamp(0, self.max.get() as isize);
        self.offset = u16::try_from(to).unwrap_or(0);
    }

    /// Back to the top.
    pub fn reset(&mut self) {
        self.offset = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::Scroll;

    #[test]
    fn scrolling_stays_within_what_was_drawn() {
        let mut s = Scroll::default();
        s.by(5);
        assert_eq!(s.offset(), 0, "nothing drawn yet: nowhere to go");
        s.set_max(3);
        s.by(5);
        assert_eq!(s.offset(), 3);
        s.by(-1);
        assert_eq!(s.offset(), 2);
        s.set_max(1);
        assert_eq!(
            s.offset(),
            1,
            "a larger terminal shows more: the offset follows"
        );
        s.by(-9);
        assert_eq!(s.offset(), 0);
        s.set_max(3);
        s.by(2);
        s.reset();
        assert_eq!(s.offset(), 0);
    }
}
