#!/usr/bin/env bash
# The Python wheel end to end: installs maturin from PyPI into a throw-away venv, builds the wheel
# (pyproject.toml, `bindings = "bin"`, the lockfile's versions), installs it into a fresh venv and
# runs the `stslint` it puts on that venv's PATH. Set CARGO_TARGET_DIR to share the release build.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/build"
"$work/build/bin/python" -m pip install --quiet --disable-pip-version-check 'maturin>=1.7,<2'
(cd "$repo" && "$work/build/bin/maturin" build --release --out "$work/dist" --quiet)
wheels=("$work"/dist/stslint-*.whl)
[ "${#wheels[@]}" -eq 1 ] || { echo "expected one wheel, got: ${wheels[*]}" >&2; exit 1; }

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "${wheels[0]}"

passed=0
failed=0
check() {
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}

version_matches_cargo_toml() {
  local want
  want="$(sed -n 's/^version = "\(.*\)"/stslint \1/p' "$repo/Cargo.toml" | head -1)"
  [ "$("$work/venv/bin/stslint" --version)" = "$want" ]
}

the_wheel_binary_lints() {
  mkdir -p "$work/project/.aws"
  printf '[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n' >"$work/project/.aws/config"
  local code=0
  (cd "$work/project" && PATH="$work/venv/bin:/usr/bin:/bin" stslint check --format concise) \
    >"$work/out.log" 2>&1 || code=$?
  [ "$code" -eq 1 ] && grep -q '^.aws/config:3:26: STS002' "$work/out.log" \
    || { cat "$work/out.log" >&2; return 1; }
}

the_wheel_holds_only_the_binary_and_metadata() {
  "$work/venv/bin/python" - "${wheels[0]}" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
data = [n for n in names if ".data/" in n]
assert data == [n for n in data if n.endswith(".data/scripts/stslint")] and data, names
PY
}

check version_matches_cargo_toml
check the_wheel_binary_lints
check the_wheel_holds_only_the_binary_and_metadata
echo "wheel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
