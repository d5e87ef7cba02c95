#!/usr/bin/env bash
# Rendering cost per format for many findings in one file: wall time and peak memory of
# `stslint check` on one .env file holding N findings (default 100,000), in the human, JSON, SARIF
# and GitLab formats (plus concise as the baseline). Targets: each under 5 s and 200 MB. human and
# concise show 100 findings per file by default (`--max-findings-per-file`); `human-all` and
# `concise-all` are the same formats with every finding shown (`--max-findings-per-file 0`).
#
#   bash benches/render.sh [N]
#
# Needs GNU time (/usr/bin/time) for peak memory; installs it from Debian's packages when missing.
# Builds the release binary. Run once, not in a loop: it takes a core for a while.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
. benches/setup.sh time
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# One finding (STS002, with a fix) per line.
yes AWS_STS_REGIONAL_ENDPOINTS=legacy | head -n "$n" > "$dir/.env" || true
printf '%-12s %10s %10s %12s\n' format seconds "peak MB" "output MB"
for row in concise concise-all json sarif gitlab human human-all; do
  format=${row%-all}
  cap=100 limit=600
  [ "$row" = "$format" ] || { cap=0; limit=120; }
  timeout "$limit" /usr/bin/time -f '%e %M' -o "$dir/time" \
    "$bin" check "$dir/.env" --format "$format" --color never --exit-zero \
    --max-findings-per-file "$cap" > "$dir/out" 2>/dev/null || true
  read -r secs kb < "$dir/time" || { secs="timeout"; kb=0; }
  out=$(stat -c %s "$dir/out")
  awk -v f="$row" -v s="$secs" -v k="$kb" -v o="$out" \
    'BEGIN { printf "%-12s %10s %10d %12.1f\n", f, s, k / 1024, o / 1048576 }'
done
