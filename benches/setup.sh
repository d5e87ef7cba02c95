# Sourced by the benchmark scripts from the repository top: installs the Debian package of each named
# command that is missing (`rg` is ripgrep, `time` GNU time) and builds the release binary, named in
# $bin. Also the prefilter's needles (src/extract/mod.rs), which `rg -l` is given, case-insensitively
# as the prefilter matches them, to be timed beside stslint.
#
#   . benches/setup.sh hyperfine rg time
needles=(-e aws -e boto -e sts- -e sts. -e sts_ -e globalendpoint -e stsregional -e stslint)
need=()
for tool in "$@"; do
  case "$tool" in
    time) [ -x /usr/bin/time ] || need+=(time) ;;
    rg) command -v rg >/dev/null || need+=(ripgrep) ;;
    *) command -v "$tool" >/dev/null || need+=("$tool") ;;
  esac
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --locked -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/stslint
