#!/usr/bin/env bash
# action.yml's shell steps (.ci/action.sh) run locally the way the runner runs them: GITHUB_WORKSPACE
# is a throw-away project with a legacy `.aws/config`, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and
# GITHUB_PATH are files, RUNNER_TEMP a directory, GITHUB_ACTION_PATH this repository. Set
# CARGO_TARGET_DIR to share a release build with the other install tests.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

export GITHUB_ACTION_PATH="$repo"
export GITHUB_WORKSPACE="$work/workspace"
export GITHUB_STEP_SUMMARY="$work/step-summary.md"
export GITHUB_OUTPUT="$work/github-output"
export GITHUB_PATH="$work/github-path"
export RUNNER_TEMP="$work/runner-temp"
export GITHUB_ACTIONS=true
mkdir -p "$GITHUB_WORKSPACE/.aws" "$RUNNER_TEMP"
touch "$GITHUB_STEP_SUMMARY" "$GITHUB_OUTPUT" "$GITHUB_PATH"
printf '[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n' >"$GITHUB_WORKSPACE/.aws/config"
printf 'AWS_STS_REGIONAL_ENDPOINTS=regional\n' >"$GITHUB_WORKSPACE/.env"
step() { bash "$repo/.ci/action.sh" "$@"; }

passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}

installs_into_runner_temp() {
  step install >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; return 1; }
  [ -x "$RUNNER_TEMP/stslint/bin/stslint" ] && grep -qx "$RUNNER_TEMP/stslint/bin" "$GITHUB_PATH"
}

sarif_is_written_and_named_in_the_outputs() {
  STSLINT_PATHS="." STSLINT_ARGS="" step sarif || return 1
  grep -qx "sarif-file=$RUNNER_TEMP/stslint.sarif" "$GITHUB_OUTPUT" || return 1
  python3 - "$RUNNER_TEMP/stslint.sarif" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0", doc["version"]
results = doc["runs"][0]["results"]
assert [r["ruleId"] for r in results] == ["STS002"], results
uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert uri == ".aws/config", uri
PY
}

check_fails_with_annotations_and_a_summary() {
  local code=0
  STSLINT_PATHS="." STSLINT_ARGS="" step check >"$work/check.log" 2>&1 || code=$?
  [ "$code" -eq 1 ] || { cat "$work/check.log" >&2; return 1; }
  grep -q '^::warning file=.aws/config,line=3' "$work/check.log" \
    && grep -q 'STS002' "$GITHUB_STEP_SUMMARY" \
    || { cat "$work/check.log" "$GITHUB_STEP_SUMMARY" >&2; return 1; }
}

args_reach_stslint() {
  STSLINT_PATHS=". .env" STSLINT_ARGS="--fail-on error" step check >"$work/args.log" 2>&1 \
    || { cat "$work/args.log" >&2; return 1; }
}

check_passes_once_fixed() {
  printf '[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = regional\n' >"$GITHUB_WORKSPACE/.aws/config"
  STSLINT_PATHS="." STSLINT_ARGS="" step check >"$work/fixed.log" 2>&1 \
    || { cat "$work/fixed.log" >&2; return 1; }
}

check installs_into_runner_temp
check sarif_is_written_and_named_in_the_outputs
check check_fails_with_annotations_and_a_summary
check args_reach_stslint
check check_passes_once_fixed
echo "action: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
