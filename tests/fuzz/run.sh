#!/usr/bin/env bash
# run.sh — `make fuzz`: runs each libFuzzer target of build-fuzz/bin for SECONDS on a working copy of its
# seed corpus (build-fuzz/corpus/<target>, so what the fuzzer adds never touches tests/fuzz/corpus), then
# prints one line per target (runs, execs/s, coverage, corpus) from its log. Exits 1 when any target
# crashed, leaked, timed out or broke an invariant; the input is in build-fuzz/artifacts/<target>/.
#   tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...
set -uo pipefail
build=$1 seconds=$2
shift 2
source_dir=$(cd "$(dirname "$0")" && pwd)
failed=()
summary=()
for target in "$@"; do
  corpus=$build/corpus/$target artifacts=$build/artifacts/$target log=$build/logs/$target.log
  mkdir -p "$corpus" "$artifacts" "$build/logs"
  cp -n "$source_dir/corpus/$target/"* "$corpus/" 2>/dev/null || true
  dict=$source_dir/json.dict
  [ "$target" = fuzz_catalogue_csv ] && dict=$source_dir/csv.dict
  [ "$target" = fuzz_hub_request ] && dict=$source_dir/http.dict
  echo "== $target: $seconds s (log: $log)"
  "$build/bin/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -dict="$dict" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
  status=$?
  # The last status line, e.g. "#812345 DONE cov: 1234 ft: 5678 corp: 321/45Kb lim: 4096 exec/s: 13529 rss: 512Mb".
  last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
  line="$target: runs ${runs:-?}, exec/s ${speed:-?}, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  if [ $status -ne 0 ]; then
    line="$line — FAILED (exit $status): $(grep -m1 -E 'ERROR|invariant|runtime error' "$log")"
    failed+=("$target")
  fi
  echo "$line"
  summary+=("$line")
done
echo
echo "Fuzzing summary ($seconds s per target):"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${failed[*]} failed; crashing inputs are in $build/artifacts/" >&2
  exit 1
fi
