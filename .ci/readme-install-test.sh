#!/usr/bin/env bash
# The README's plain-shell CI snippet, run as written except for the repository URL, which points at
# this clone (CI has no network to the real host): `cargo install --locked --git <URL> stslint`, then
# `stslint check --format concise .` on a throw-away project. The URL must be Cargo.toml's
# `repository` (`tests/it/install.rs` checks every other snippet). Set CARGO_TARGET_DIR to share the
# release build.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

url="$(sed -n 's/^repository = "\(.*\)"$/\1/p' "$repo/Cargo.toml")"
snippet="$(awk '/^### Any other CI/ { on = 1 } on && /^```sh$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' "$repo/README.md")"
grep -q "cargo install --locked --git $url stslint" <<<"$snippet" \
  || { echo "the README's shell snippet does not install from $url:" >&2; echo "$snippet" >&2; exit 1; }

mkdir -p "$work/project/.aws"
printf '[default]\nregion = eu-west-1\nsts_regional_endpoints = legacy\n' >"$work/project/.aws/config"
# The snippet's own lines, with the clone for the URL and a throw-away install root.
export CARGO_INSTALL_ROOT="$work/root"
export PATH="$work/root/bin:$PATH"
code=0
(cd "$work/project" && bash -c "${snippet//$url/file://$repo}") >"$work/out.log" 2>&1 || code=$?
if [ "$code" -eq 1 ] && grep -q '^.aws/config:3:26: STS002' "$work/out.log"; then
  echo "readme install: 1 passed, 0 failed"
else
  cat "$work/out.log" >&2
  echo "readme install: 0 passed, 1 failed (exit $code)"
  exit 1
fi
