#!/usr/bin/env bash
# Every throughput benchmark in one run, printed as one table: stslint beside `rg -l` with the
# prefilter's needles and the read-only floor (`rg` for a string no file holds: every byte read, nothing
# matched), on each tree, plus 1 against 2 threads on the real-code tree.
#
#   bash benches/run.sh [--rounds N] [--runs N] [--files N --mb MB (the generated tree's size)]
#
# Trees (each built once, cached in /tmp, and checked to report exactly what it should before timing):
#   real code   benches/realcode.sh --prepare: a Python standard library, boto3/botocore/awscli and
#               aws-sdk v2 at pinned versions, the Rust crate sources of this build
#   generated   benches/compare.sh --prepare: 100,000 files (~1 GB) of a monorepo, 240 planted findings
#               (by default; --files/--mb choose another size)
#   dense       benches/gen_dense.py: 20,000 small files, each with one finding
#   terraform   benches/gen_dense.py: 5,000 `main.tf` with `endpoints { sts = "https://sts.amazonaws.com" }`
# Timing is interleaved: each of --rounds rounds runs every command --runs times with hyperfine (after one
# warm-up), so a change of machine load hits all commands alike; the table shows the medians over all
# rounds. Peak RSS is GNU time's maximum resident set of one stslint run.
# Installs hyperfine, ripgrep and GNU time from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
rounds=5 runs=2 files=100000 mb=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done

. benches/setup.sh hyperfine rg time

# Build and check every tree first: a figure for a tree that reports the wrong thing means nothing.
bash benches/realcode.sh --prepare
bash benches/compare.sh --prepare --files "$files" --mb "$mb"
realcode=${TREE:-/tmp/stslint-realcode}
generated=${CORPUS:-/tmp/stslint-corpus-$files-$mb}
dense=${DENSE:-/tmp/stslint-dense}
if [ ! -f "$dense/.complete" ]; then
  echo "generating $dense"
  rm -rf "$dense"
  python3 benches/gen_dense.py "$dense"
  touch "$dense/.complete"
fi
for t in dense terraform; do
  (cd "$dense/$t" && "$bin" check . --format concise --quiet --exit-zero --isolated --no-ignore) \
    | awk '{print $2}' | sort | uniq -c | awk '{print $2, $1}' > "/tmp/stslint-$t.found"
  if ! diff -u "$dense/$t.expected" "/tmp/stslint-$t.found"; then
    echo "stslint's findings on the $t tree differ from $dense/$t.expected" >&2
    exit 1
  fi
done
echo "every tree reports what it should"

# The prefilter's needles (benches/setup.sh).
rg_cmd="rg -l --no-ignore --hidden -i -F ${needles[*]} ."
floor_cmd="rg -c --no-ignore --hidden -F -e 'NO SUCH NEEDLE IN ANY FILE' ."
sts_cmd="$bin check . --format concise --quiet --exit-zero --isolated --no-ignore"
trees=("real code=$realcode" "generated=$generated" "dense=$dense/dense" "terraform=$dense/terraform")

out=/tmp/stslint-run
rm -rf "$out" && mkdir -p "$out"
for round in $(seq "$rounds"); do
  for entry in "${trees[@]}"; do
    name=${entry%%=*} dir=${entry#*=}
    extra=()
    if [ "$name" = "real code" ]; then
      extra=(-n j1 "$sts_cmd -j 1" -n j2 "$sts_cmd -j 2")
    fi
    (cd "$dir" && hyperfine --warmup 1 --runs "$runs" --ignore-failure \
      --export-json "$out/${name// /-}.$round.json" \
      -n rg "$rg_cmd" -n floor "$floor_cmd" -n stslint "$sts_cmd" "${extra[@]}" >/dev/null)
  done
  echo "round $round of $rounds done"
done

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
rows=()
for entry in "${trees[@]}"; do
  name=${entry%%=*} dir=${entry#*=}
  files=$(find "$dir" -type f | wc -l)
  peak=$(cd "$dir" && rss $sts_cmd)
  rows+=("$name|$files|$peak")
done

python3 - "$out" "${rows[@]}" <<'PY'
import glob, json, statistics, sys
out, rows = sys.argv[1], sys.argv[2:]
def medians(name):
    times = {}
    for path in glob.glob(f"{out}/{name.replace(' ', '-')}.*.json"):
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {k: statistics.median(v) for k, v in times.items()}
print("| tree | files | rg -l | floor | stslint | stslint / rg -l | peak RSS |")
print("|---|---:|---:|---:|---:|---:|---:|")
for row in rows:
    name, files, peak = row.split("|")
    m = medians(name)
    print(f"| {name} | {int(files):,} | {m['rg']*1000:.0f} ms | {m['floor']*1000:.0f} ms | "
          f"{m['stslint']*1000:.0f} ms | {m['stslint']/m['rg']:.2f}x | {int(peak)/1024:.0f} MB |")
m = medians("real code")
print(f"\nreal code, 1 thread {m['j1']*1000:.0f} ms, 2 threads {m['j2']*1000:.0f} ms: "
      f"{m['j1']/m['j2']:.2f}x")
PY
