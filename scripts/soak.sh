#!/usr/bin/env bash
# The crash soak: kills the real binary with `kill -9` at random points of a live meeting
# (in tmux), N times, checking after each kill that every note the screen called saved is
# stored, that the database passes `PRAGMA integrity_check`, and that the next launch
# resumes at the stored item and speaker. Prints the figures docs/RELIABILITY.md records;
# the whole log is kept in target/soak.log.
# Usage: scripts/soak.sh [TRIALS] [SEED]      (defaults: 200, random)
set -euo pipefail
cd "$(dirname "$0")/.."
export ROUNDTABLE_SOAK_TRIALS="${1:-200}"
if [ -n "${2:-}" ]; then export ROUNDTABLE_SOAK_SEED="$2"; fi
log="${CARGO_TARGET_DIR:-target}/soak.log"
status=0
cargo test --test crash_trials -- --ignored --nocapture soak_random_kill_points >"$log" 2>&1 || status=$?
grep -E '^soak|test result' "$log" || true
if [ "$status" -ne 0 ]; then
    grep -A 40 'panicked' "$log" | head -60
    echo "soak FAILED; the whole log is in $log" >&2
fi
exit "$status"
