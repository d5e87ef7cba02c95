#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the test fixtures, by file kind.
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
    *.tf) seed terraform "$f" ;;
    *.tf.json) seed terraform "$f" ;;
    *.py|*.js|*.ts|*.go|*.java|*.kt|*.cs|*.rb|*.php|*.rs) seed code "$f" ;;
  esac
  # The pipeline target reads its first byte as the kind: seed it with every file under kind 0..n.
  mkdir -p corpus/pipeline
  for k in $(seq 0 15); do
    { printf "\\x$(printf %02x $k)"; cat "$f"; } > "corpus/pipeline/$k-$(echo "$f" | md5sum | cut -c1-16)"
  done
done < <(find "$fixtures" -path '*/input/*' -type f -print0)
