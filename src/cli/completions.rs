//! `roundtable completions SHELL` and `roundtable man`: the shell completion script and
//! the man page (roff), both generated from the clap definition in `cli/mod.rs`, so they
//! always list the real subcommands and options. Both go to standard output (see the
//! README for where to put them).

use anyhow::{Context, Result};
use clap::{CommandFactory, ValueEnum};

/// The shells `roundtable completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap_complete::Shell as Gen;
    let generator = match shell {
        Shell::Bash => Gen::Bash,
        Shell::Zsh => Gen::Zsh,
        Shell::Fish => Gen::Fish,
    };
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(generator, &mut cmd, "roundtable", &mut out);
    out
}

/// The man page, as roff: the command, its global options and every subcommand.
pub fn man_page() -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::Cli::command())
        .render(&mut out)
        .context("cannot write the man page")?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in Shell::value_variants() {
            let text = String::from_utf8(completions(*shell)).unwrap();
            for sub in ["roster", "export", "render", "completions", "man"] {
                assert!(text.contains(sub), "{shell:?} script lacks {sub}");
            }
        }
    }

    #[test]
    fn the_man_page_is_roff_listing_the_subcommands() {
        let text = String::from_utf8(man_page().unwrap()).unwrap();
        assert!(
            text.starts_with(".ie") || text.contains(".TH roundtable"),
            "{text}"
        );
        for sub in ["roster", "export", "render", "completions", "man"] {
            assert!(text.contains(sub), "man page lacks {sub}");
        }
    }
}
