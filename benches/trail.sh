#!/usr/bin/env bash
# `stslint trail --format json` against the decompression floor `find … | xargs -0 zcat > /dev/null` on
# the same generated S3-layout tree: wall-time medians, MB/s of JSON, records/s, and peak RSS.
# Installs hyperfine and GNU time from Debian's packages when missing. Not run by CI or the tests.
#
#   bash benches/trail.sh [--mb MB] [--runs N]
#
# Default: 2,200 MB of JSON before compression (the issue's "at least 2 GB"). The tree is cached in
# $CORPUS (default /tmp/stslint-trail-<mb>) and regenerated only when missing (same seed, same tree).
set -euo pipefail
cd "$(dirname "$0")/.."

mb=2200 runs=5
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
corpus=${CORPUS:-/tmp/stslint-trail-$mb}

. benches/setup.sh hyperfine time

if [ ! -f "$corpus/EXPECTED.json" ]; then
  echo "generating ~$mb MB of CloudTrail JSON in $corpus"
  rm -rf "$corpus"
  python3 benches/gen_trail.py "$corpus" --mb "$mb" >/dev/null
fi
cd "$corpus"

# Correctness first: the report's counts are the generator's.
"$bin" trail AWSLogs --format json --exit-zero > /tmp/stslint-trail-report.json
python3 - <<'PY'
import json, sys
e = json.load(open("EXPECTED.json"))
s = json.load(open("/tmp/stslint-trail-report.json"))["summary"]
checks = {k: (s[k], e[k]) for k in ("records", "sts_records", "global", "global_served_locally", "regional", "unknown")}
checks["files"] = (s["files"], e["files"])
checks["skipped_files (digests)"] = (s["skipped_files"], e["digests"])
bad = {k: v for k, v in checks.items() if v[0] != v[1]}
if bad:
    sys.exit(f"stslint trail disagrees with the generator: {bad}")
print(f"report: {s['records']:,} records, {s['sts_records']:,} STS, as generated")
PY

sts_cmd="$bin trail AWSLogs --format json --exit-zero > /dev/null"
zcat_cmd="find AWSLogs -name '*.json.gz' -print0 | xargs -0 zcat > /dev/null"
hyperfine --warmup 1 --runs "$runs" --export-json /tmp/stslint-trail-bench.json \
  -n stslint "$sts_cmd" -n zcat "$zcat_cmd" >/dev/null

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
sts_rss=$(rss "$bin" trail AWSLogs --format json --exit-zero)
gz_bytes=$(find AWSLogs -name '*.json.gz' -printf '%s\n' | awk '{s += $1} END {print s}')

python3 - "$sts_rss" "$gz_bytes" "$(nproc)" <<'PY'
import json, sys
sts_rss, gz_bytes, cores = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
e = json.load(open("EXPECTED.json"))
r = {x["command"]: x for x in json.load(open("/tmp/stslint-trail-bench.json"))["results"]}
sts, zc = r["stslint"]["median"], r["zcat"]["median"]
mb = e["json_bytes"] / 1e6
print(f"| corpus | {e['files']:,} files, {mb:,.0f} MB of JSON ({gz_bytes/1e6:,.0f} MB gzip), {e['records']:,} records ({e['sts_records']:,} STS) |")
print("|---|---|")
print(f"| `stslint trail --format json`, median | {sts:.2f} s: {mb/sts:,.0f} MB/s, {e['records']/sts/1000:,.0f} k records/s |")
print(f"| `find … \\| xargs -0 zcat > /dev/null`, median | {zc:.2f} s: {mb/zc:,.0f} MB/s |")
print(f"| ratio stslint / zcat | {sts/zc:.2f} |")
print(f"| peak RSS stslint | {sts_rss/1024:.0f} MB |")
print(f"| machine | {cores} cores |")
PY
