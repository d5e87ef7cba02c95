#!/usr/bin/env bash
# Fuzz smoke run for CI: every target replays its seeds (the test fixtures and the labelled corpus)
# and then mutates them for a fixed number of runs from a fixed seed, so the run is the same on every
# machine. Long campaigns: see README ("Fuzzing").
#
#   bash fuzz/smoke.sh [RUNS]      (default 3000 executions per target, the seeds included)
#
# Every execution lints the input and renders it in all seven formats under AddressSanitizer (the
# SARIF output alone carries every rule's documentation), tens of milliseconds each: 3,000 keeps
# the whole smoke run to minutes. Long campaigns: see README ("Fuzzing").
#
# cargo-fuzz needs nightly-only compiler flags (sanitizers); no nightly toolchain can be fetched here,
# so the stable toolchain is asked to accept them with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-3000}
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --quiet
./seed.sh
cargo fuzz build -O
logs=$(mktemp -d)
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  if ! cargo fuzz run -O "$target" "corpus/$target" -- -runs="$runs" -seed=1 -rss_limit_mb=1024 \
      -timeout=10 > "$logs/$target.log" 2>&1; then
    tail -n 40 "$logs/$target.log" >&2
    echo "fuzz target $target failed" >&2
    exit 1
  fi
  echo "$target: $(grep -E '^Done [0-9]+ runs' "$logs/$target.log" || echo 'done')"
done
