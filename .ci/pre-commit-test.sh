#!/usr/bin/env bash
# pre-commit end to end: installs pre-commit from PyPI into a throw-away venv, makes a throw-away git
# repository with a bad `.aws/config` and a clean `.env`, and runs this repository's `stslint` hook
# (which pre-commit builds with `cargo install`) and `stslint-python` hook (which pre-commit installs
# with `pip install .`, so maturin builds the wheel) through `pre-commit try-repo`, as users get them.
# Each hook must fail on the bad file and pass once it is fixed. Set CARGO_TARGET_DIR to share a
# release build with the other install tests.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check 'pre-commit>=3,<5'
pre_commit="$work/venv/bin/pre-commit"
# Keep pre-commit's cache and cargo's build of the hook inside the throw-away directory.
export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$work/cargo-target}"

project="$work/project"
mkdir -p "$project/.aws"
cd "$project"
git init --quiet
printf '[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n' > .aws/config
printf 'AWS_REGION=eu-west-1\nAWS_STS_REGIONAL_ENDPOINTS=regional\n' > .env
printf '# a file the hook must not look at\n' > README.md
git add --all

passed=0
failed=0
check() {
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: ${*:2}" >&2
  fi
}

bad_config='[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n'

hook_fails_on_bad_file() {
  local hook="$1"
  printf "$bad_config" > .aws/config
  git add --all
  if "$pre_commit" try-repo "$repo" "$hook" --all-files >"$work/bad.log" 2>&1; then
    cat "$work/bad.log" >&2
    return 1
  fi
  grep -q 'STS002' "$work/bad.log" && grep -m1 '\.aws/config' "$work/bad.log" \
    || { cat "$work/bad.log" >&2; return 1; }
}

hook_passes_when_fixed() {
  local hook="$1"
  printf '[profile prod]\nregion = eu-west-1\nsts_regional_endpoints = regional\n' > .aws/config
  git add --all
  "$pre_commit" try-repo "$repo" "$hook" --all-files >"$work/good.log" 2>&1 \
    || { cat "$work/good.log" >&2; return 1; }
}

for hook in stslint stslint-python; do
  check hook_fails_on_bad_file "$hook" "the $hook hook fails on a legacy .aws/config"
  check hook_passes_when_fixed "$hook" "the $hook hook passes once .aws/config is regional"
done

echo "pre-commit hook: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
