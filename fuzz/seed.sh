#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the test fixtures and the labelled corpus, by file kind.
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../tests/fixtures
seed() { mkdir -p "corpus/$1"; cp "$2" "corpus/$1/$(echo "$2" | md5sum | cut -c1-16)"; }
while IFS= read -r -d '' f; do
  case "$f" in
    */.aws/config|*/aws/config) seed aws_config "$f" ;;
    */.aws/credentials) seed aws_config "$f" ;;
    *.sh|*/.bashrc|*/.zshrc|*/.profile|*.fish) seed shell "$f" ;;
    */.env|*/.env.*|*.env) seed dotenv "$f" ;;
    */Dockerfile|*/Dockerfile.*|*.Dockerfile) seed dockerfile "$f" ;;
    *.yaml|*.yml) seed yaml "$f" ;;
  esac
  # code and terraform read their first byte as the language (FileKind::CODE order) or the form.
  lang=""
  case "$f" in
    *.py) lang=0 ;; *.js|*.mjs|*.cjs|*.jsx|*.ts|*.tsx) lang=1 ;; *.go) lang=2 ;;
    *.java|*.kt|*.kts) lang=3 ;; *.cs) lang=4 ;; *.rb) lang=5 ;; *.php) lang=6 ;; *.rs) lang=7 ;;
  esac
  if [ -n "$lang" ]; then
    mkdir -p corpus/code
    { printf "\\x0$lang"; cat "$f"; } > "corpus/code/$(echo "$f" | md5sum | cut -c1-16)"
  fi
  case "$f" in
    *.tf.json) mkdir -p corpus/terraform; { printf '\x01'; cat "$f"; } > "corpus/terraform/$(echo "$f" | md5sum | cut -c1-16)" ;;
    *.tf) mkdir -p corpus/terraform; { printf '\x00'; cat "$f"; } > "corpus/terraform/$(echo "$f" | md5sum | cut -c1-16)" ;;
  esac
  # The pipeline target reads the file name from the first line: every fixture seeds it.
  mkdir -p corpus/pipeline
  case "$f" in
    */input/*) name=${f#*/input/} ;;
    *) name=${f#../tests/corpus/} ;;
  esac
  { echo "$name"; cat "$f"; } > "corpus/pipeline/$(echo "$f" | md5sum | cut -c1-16)"
done < <(find "$fixtures" -path '*/input/*' -type f -print0; [ -d ../tests/corpus ] && find ../tests/corpus -type f -print0)
