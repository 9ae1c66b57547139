//! Stored spellings of the small domain enums, declared once.
//!
//! Each enum derives strum's `IntoStaticStr` (its spelling), `EnumString` (reading it
//! back) and `VariantArray` (every variant), with one `#[strum(serialize_all = …)]` next
//! to serde's `rename_all`. [`spelled!`] then gives it `ALL`, `as_str` and `parse` as
//! inherent items (so callers need no trait in scope), the same for every enum. Screen
//! words stay in a hand-written `label()`. `spelling_tests` in `domain/mod.rs` pins
//! every spelling.

/// Gives a unit enum deriving `IntoStaticStr`, `EnumString` and `VariantArray`:
/// `ALL` (every variant, in declaration order), `as_str` (the stored spelling) and
/// `parse` (reads the stored spelling; surrounding whitespace is ignored).
/// `spelled!(T, or_label)` makes `parse` also read the enum's `label()`, for values
/// that come back from a form showing labels.
macro_rules! spelled {
    ($t:ident) => {
        $crate::domain::spelling::spelled!(@impl $t, |_: &str| None);
    };
    ($t:ident, or_label) => {
        $crate::domain::spelling::spelled!(@impl $t, |s: &str| {
            $t::ALL.iter().copied().find(|x| x.label() == s)
        });
    };
    (@impl $t:ident, $fallback:expr) => {
        impl $t {
            /// Every variant, in declaration order (the order pickers and cycles use).
            pub const ALL: &'static [Self] = <Self as ::strum::VariantArray>::VARIANTS;

            /// The stored spelling: in the database, dumps, CSV, assets and minutes.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Reads the stored spelling.
            pub fn parse(s: &str) -> Option<Self> {
                let s = s.trim();
                s.parse::<Self>().ok().or_else(|| ($fallback)(s))
            }
        }
    };
}
pub(crate) use spelled;

/// The variant after `x` in `all`, wrapping around: how a key cycles an enum.
pub fn next_in<T: Copy + PartialEq>(all: &[T], x: T) -> T {
    let i = all.iter().position(|&y| y == x).map_or(0, |i| i + 1);
    all.get(i % all.len().max(1)).copied().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::next_in;

    #[test]
    fn next_in_wraps_and_tolerates_strangers() {
        assert_eq!(next_in(&[1, 2, 3], 1), 2);
        assert_eq!(next_in(&[1, 2, 3], 3), 1);
        // A value not in the list starts the cycle over.
        assert_eq!(next_in(&[1, 2, 3], 9), 1);
        assert_eq!(next_in::<i32>(&[], 9), 9);
    }
}
