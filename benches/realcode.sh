#!/usr/bin/env bash
# stslint on real code, beside ripgrep with the same needles and the read-only floor, in one run.
#
#   bash benches/realcode.sh [--runs N] [--prepare]
#
# The tree ($TREE, default /tmp/stslint-realcode, built once and cached) is made of packages a user
# really has, at pinned versions so that it is the same tree on every machine:
#   stdlib/    this machine's Python standard library (CPython 3.11 here)
#   pylibs/    boto3 1.35.99, botocore 1.35.99 and awscli 1.36.40 from PyPI (pip --target, no deps)
#   crates/    the Rust crate sources this build downloaded (pinned by Cargo.lock)
#   npm-libs/  aws-sdk 2.1692.0 and its dependencies from the npm registry
# The directories are not named site-packages or node_modules, which stslint skips by default: here
# the point is to read them. Before timing, the script checks that stslint reports exactly what
# benches/realcode.expected lists (a change of findings is reviewed there, not hidden in a figure).
# Installs hyperfine, ripgrep and GNU time from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=10 prepare=
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --prepare) prepare=1; shift ;;  # build and check the tree only (benches/run.sh times it)
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tree=${TREE:-/tmp/stslint-realcode}

. benches/setup.sh hyperfine rg time

if [ ! -f "$tree/.complete" ]; then
  echo "building $tree"
  rm -rf "$tree" && mkdir -p "$tree"
  stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
  rsync -a --exclude site-packages --exclude __pycache__ "$stdlib/" "$tree/stdlib/"
  python3 -m pip install -q --no-deps --no-compile --target "$tree/pylibs" \
    boto3==1.35.99 botocore==1.35.99 awscli==1.36.40
  registry=${CARGO_HOME:-$HOME/.cargo}/registry/src
  mkdir -p "$tree/crates"
  for d in "$registry"/*/; do cp -r "$d". "$tree/crates/"; done
  mkdir -p "$tree/npm" && (cd "$tree/npm" && npm init -y >/dev/null && npm install -s --no-audit --no-fund --ignore-scripts aws-sdk@2.1692.0 >/dev/null)
  mv "$tree/npm/node_modules" "$tree/npm-libs" && rm -rf "$tree/npm"
  touch "$tree/.complete"
fi
cd "$tree"
printf 'tree: %s files, %s\n' "$(find . -type f | wc -l)" "$(du -sh . | cut -f1)"

# Correctness first: the findings are the reviewed ones.
"$bin" check . --format concise --quiet --exit-zero --isolated --no-ignore \
  | sed -nE 's/^(.*):[0-9]+:[0-9]+: (STS[0-9]+) .*/\1 \2/p' | sort | uniq -c | awk '{print $2, $3, $1}' \
  > /tmp/stslint-realcode.found
if ! diff -u "$repo/benches/realcode.expected" /tmp/stslint-realcode.found; then
  echo "stslint's findings on the real-code tree changed (review, then update benches/realcode.expected)" >&2
  exit 1
fi
[ -z "$prepare" ] || exit 0

# The prefilter's needles (benches/setup.sh).
rg_cmd="rg -l --no-ignore --hidden -i -F ${needles[*]} ."
floor_cmd="rg -c --no-ignore --hidden -F -e 'NO SUCH NEEDLE IN ANY FILE' ."
sts_cmd="$bin check . --format concise --quiet --exit-zero --isolated --no-ignore"
hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json /tmp/stslint-realcode.json \
  -n floor "$floor_cmd" -n rg "$rg_cmd" -n stslint "$sts_cmd" >/dev/null
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'; }
sts_rss=$(rss $sts_cmd)
python3 - "$sts_rss" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open("/tmp/stslint-realcode.json"))["results"]}
print("| real code | median | vs rg -l |")
print("|---|---|---|")
for name in ("floor", "rg", "stslint"):
    print(f"| {name} | {r[name]*1000:.0f} ms | {r[name]/r['rg']:.2f}x |")
print(f"| stslint peak RSS | {int(sys.argv[1])/1024:.0f} MB | |")
PY
