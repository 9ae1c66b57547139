//! The `roundtable` binary: everything happens in [`roundtable::cli`].

fn main() -> std::process::ExitCode {
    roundtable::cli::main()
}
