#!/usr/bin/env bash
# The shell steps of action.yml, one subcommand per step:
#   install  build stslint from the action's own checkout with the lockfile, into $RUNNER_TEMP
#   sarif    write $RUNNER_TEMP/stslint.sarif (exit 0 whatever it finds) and name it in $GITHUB_OUTPUT
#   check    annotations (--format github) and the job summary; exits as stslint does (1 on findings)
# Inputs arrive as STSLINT_PATHS and STSLINT_ARGS (environment, never spliced into the script).
set -euo pipefail

: "${GITHUB_ACTION_PATH:?}" "${RUNNER_TEMP:?}" "${GITHUB_WORKSPACE:?}"
root="$RUNNER_TEMP/stslint"

stslint() {
  if [ -x "$root/bin/stslint" ]; then "$root/bin/stslint" "$@"; else command stslint "$@"; fi
}

read -r -a paths <<<"${STSLINT_PATHS:-.}"
read -r -a args <<<"${STSLINT_ARGS:-}"
[ "${#paths[@]}" -gt 0 ] || paths=(.)

case "${1:-}" in
  install)
    cargo install --locked --path "$GITHUB_ACTION_PATH" --root "$root"
    if [ -n "${GITHUB_PATH:-}" ]; then echo "$root/bin" >>"$GITHUB_PATH"; fi
    stslint --version
    ;;
  sarif)
    cd "$GITHUB_WORKSPACE"
    sarif="$RUNNER_TEMP/stslint.sarif"
    stslint check --format sarif --output-file "$sarif" --exit-zero "${args[@]}" -- "${paths[@]}"
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"; fi
    ;;
  check)
    cd "$GITHUB_WORKSPACE"
    stslint check --format github "${args[@]}" -- "${paths[@]}"
    ;;
  *)
    echo "usage: action.sh install|sarif|check" >&2
    exit 2
    ;;
esac
