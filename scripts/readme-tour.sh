#!/usr/bin/env bash
# Regenerates the tour at the top of README.md: screens of the demo database drawn by
# `roundtable render`, as of a fixed instant and in UTC, so the same code always gives the
# same text. Each capture replaces what is between `<!-- tour:NAME -->` and
# `<!-- /tour:NAME -->` (NAME = plan, live, review).
#
#   scripts/readme-tour.sh           rewrite README.md
#   scripts/readme-tour.sh --check   exit 1 (with a diff) if README.md is not up to date
#
# ROUNDTABLE=path/to/roundtable uses that binary; otherwise it is built (debug) first.
# tests/readme.rs runs the check, so a change to a screen that leaves the README stale
# fails the tests until this script is run.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac

bin=${ROUNDTABLE:-}
if [ -z "$bin" ]; then
    cargo build --quiet --bin roundtable
    bin="${CARGO_TARGET_DIR:-target}/debug/roundtable"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A private home, UTC, no colour, no settings file: nothing of this machine shows in
# the captures.
export HOME="$tmp" XDG_DATA_HOME="$tmp" XDG_CONFIG_HOME="$tmp" TZ=UTC NO_COLOR=1
export ROUNDTABLE_CONFIG="$tmp/no-settings.toml"
unset ROUNDTABLE_DB ROUNDTABLE_THEME

now=2026-03-05T17:44:00Z
community="Ward 7 Nursing Practice Circle"
db="$tmp/demo.db"
rt() { "$bin" --db "$db" "$@"; }
# Trailing blanks are dropped so that editors which strip them do not break the check.
render() { rt render "$@" --now "$now" | sed 's/[[:space:]]*$//'; }

# The demo as of `now`, its next meeting nine minutes in; a meeting planned
# from the built-in template for the week after.
rt demo --live --now "$now" >/dev/null
meeting=$(rt plan --community "$community" --at "2026-03-19 17:30" --title "Cycle 5: Handover of falls risk")

render plan --meeting "$meeting" --width 100 --height 24 >"$tmp/plan.txt"
render live --width 100 --height 30 >"$tmp/live.txt"
render history --width 100 --height 20 >"$tmp/review.txt"

for name in plan live review; do
    if ! grep -qx "<!-- tour:$name -->" README.md || ! grep -qx "<!-- /tour:$name -->" README.md; then
        echo "README.md lacks the markers <!-- tour:$name --> and <!-- /tour:$name -->" >&2
        exit 1
    fi
done

awk -v dir="$tmp" '
    /^<!-- tour:[a-z]+ -->$/ {
        print
        name = substr($0, 11, length($0) - 14)
        print "```text"
        file = dir "/" name ".txt"
        while ((getline line < file) > 0) print line
        close(file)
        print "```"
        skip = 1
        next
    }
    /^<!-- \/tour:[a-z]+ -->$/ { skip = 0 }
    !skip { print }
' README.md >"$tmp/README.md"

if $check; then
    if ! diff -u README.md "$tmp/README.md"; then
        echo "README.md's tour is stale: run scripts/readme-tour.sh" >&2
        exit 1
    fi
else
    cp "$tmp/README.md" README.md
fi
