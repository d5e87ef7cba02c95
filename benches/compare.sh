#!/usr/bin/env bash
# stslint vs ripgrep on the same generated tree: wall-time medians, their ratio, the pre-commit case
# and peak memory. Installs hyperfine, ripgrep and GNU time from Debian's packages when missing.
#
#   bash benches/compare.sh [--files N] [--mb MB] [--runs N] [--prepare]
#
# Defaults are the issue's targets: 100,000 files, ~1 GB. The corpus is cached in $CORPUS
# (default /tmp/stslint-corpus-<files>-<mb>) and regenerated only when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

files=100000 mb=1000 runs=10 prepare=
while [ $# -gt 0 ]; do
  case "$1" in
    --prepare) prepare=1; shift ;;  # generate and check the tree only (benches/run.sh times it)
    --files) files=$2; shift 2 ;;
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
corpus=${CORPUS:-/tmp/stslint-corpus-$files-$mb}

. benches/setup.sh hyperfine rg time

if [ ! -f "$corpus/PLANTED.txt" ]; then
  echo "generating $files files (~$mb MB) in $corpus"
  rm -rf "$corpus"
  python3 benches/gen_corpus.py "$corpus" --files "$files" --mb "$mb"
fi

# Both tools run from inside the tree, on `.`, so paths and work are the same.
cd "$corpus"

# Correctness first: stslint finds exactly the planted findings.
"$bin" check . --format json --exit-zero \
  | python3 -c 'import json,sys; d=json.load(sys.stdin)["diagnostics"]; print("\n".join(sorted("%s:%d %s" % (x["path"], x["line"], x["code"]) for x in d)))' \
  > /tmp/stslint-found.txt
if ! diff -q <(sort "$corpus/PLANTED.txt") /tmp/stslint-found.txt >/dev/null; then
  echo "stslint findings differ from PLANTED.txt:" >&2
  diff <(sort "$corpus/PLANTED.txt") /tmp/stslint-found.txt | head -20 >&2
  exit 1
fi
echo "findings: $(wc -l < /tmp/stslint-found.txt) planted, all found, nothing else"
[ -z "$prepare" ] || exit 0

rg_cmd="rg -l -e 'sts\.amazonaws\.com' -e 'sts_regional_endpoints' -e 'AWS_STS_REGIONAL_ENDPOINTS' -e 'awscli' -e 'aws-sdk' -e 'boto' ."
sts_cmd="$bin check . --format concise --quiet --exit-zero"
hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json /tmp/stslint-bench.json \
  -n rg "$rg_cmd" -n stslint "$sts_cmd" >/dev/null

# The pre-commit case: ten files named on the command line.
mapfile -t ten < <(find services -type f | sort | head -n 10)
hyperfine --warmup 3 --runs 50 --ignore-failure -N --export-json /tmp/stslint-precommit.json \
  -n precommit "$bin check --format concise --quiet --exit-zero ${ten[*]}" >/dev/null

rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
sts_rss=$(rss "$bin" check . --format concise --quiet --exit-zero)
rg_rss=$(rss bash -c "$rg_cmd")

python3 - "$files" "$mb" "$sts_rss" "$rg_rss" <<'PY'
import json, sys
files, mb, sts_rss, rg_rss = sys.argv[1:]
r = {x["command"]: x for x in json.load(open("/tmp/stslint-bench.json"))["results"]}
p = json.load(open("/tmp/stslint-precommit.json"))["results"][0]
rg, sts = r["rg"]["median"], r["stslint"]["median"]
print(f"| corpus | {int(files):,} files, ~{mb} MB |")
print("|---|---|")
print(f"| rg -l (6 patterns), median | {rg*1000:.0f} ms |")
print(f"| stslint check, median | {sts*1000:.0f} ms |")
print(f"| ratio stslint / rg | {sts/rg:.2f} |")
print(f"| pre-commit, 10 files, median | {p['median']*1000:.1f} ms |")
print(f"| peak RSS stslint / rg | {int(sts_rss)/1024:.0f} MB / {int(rg_rss)/1024:.0f} MB |")
PY
