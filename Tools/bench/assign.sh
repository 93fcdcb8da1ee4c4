#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): the country of N points (default 1M), partmap's grid index against
# shapely's best method (point STRtree + prepared contains_xy), alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(points "$N")
bin=$(kernels)
ours=() peer=()
for _ in $(seq "$RUNS"); do
    ours+=("$("$bin" assign "$input" 1 | seconds)")
    peer+=("$("$PYTHON" Tools/bench/assign_shapely.py "$input" 1 | seconds)")
done
report 2 "assign countries to $N points" "$(printf '%s\n' "${ours[@]}" | median)" "shapely" "$(printf '%s\n' "${peer[@]}" | median)" "$N"
