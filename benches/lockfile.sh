#!/usr/bin/env bash
# A monorepo-sized lockfile: wall time and peak memory of `stslint check` on one generated
# `package-lock.json` of about MB megabytes (default 200) pinning aws-sdk v2 at its end, in the npm v3
# layout (one entry per package with version, resolved, integrity and dependencies). Target: linted
# (one STS102 finding), in time linear in the size and peak memory about the file's size.
#
#   bash benches/lockfile.sh [MB]
#
# Needs GNU time (/usr/bin/time); installs it from Debian's packages when missing. Builds the release
# binary. Run once, not in a loop: it writes MB megabytes to a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
. benches/setup.sh time
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/package-lock.json" "$mb" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write('{\n  "name": "monorepo",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n')
    f.write('    "": {\n      "name": "monorepo",\n      "dependencies": {\n        "aws-sdk": "^2.1692.0"\n      }\n    },\n')
    i, size = 0, 0
    while size < mb * 1024 * 1024:
        entry = (f'    "node_modules/pkg-{i}/node_modules/dep-{i % 97}": {{\n'
                 f'      "version": "1.{i % 50}.{i % 7}",\n'
                 f'      "resolved": "https://registry.npmjs.org/dep-{i % 97}/-/dep-{i % 97}-1.{i % 50}.{i % 7}.tgz",\n'
                 f'      "integrity": "sha512-{(str(i) * 30)[:86]}==",\n'
                 f'      "dev": true,\n'
                 f'      "dependencies": {{\n        "left-pad": "^1.3.0",\n        "ms": "2.1.{i % 3}"\n      }}\n    }},\n')
        f.write(entry)
        size += len(entry)
        i += 1
    f.write('    "node_modules/aws-sdk": {\n      "version": "2.1692.0",\n      "resolved": "https://registry.npmjs.org/aws-sdk/-/aws-sdk-2.1692.0.tgz"\n    }\n  }\n}\n')
PY
size=$(stat -c %s "$dir/package-lock.json")
/usr/bin/time -f '%e %M' -o "$dir/time" \
  "$bin" check "$dir/package-lock.json" --format concise --color never > "$dir/out" 2>&1 || true
read -r secs kb < <(tail -n 1 "$dir/time")
grep -q 'STS102' "$dir/out" || { echo "the lockfile's aws-sdk pin was not found:"; cat "$dir/out"; exit 1; }
awk -v s="$secs" -v k="$kb" -v z="$size" \
  'BEGIN { printf "package-lock.json %.0f MB: %s s, peak RSS %d MB (%.2fx the file)\n", z / 1048576, s, k / 1024, k * 1024 / z }'
