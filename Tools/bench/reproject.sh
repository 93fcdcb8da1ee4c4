#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): reproject N points (default 1M) EPSG:4326 → EPSG:3857, partmap against
# PROJ's C API (one proj_trans_generic call) and pyproj, alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(points "$N")
bin=$(kernels)
cc -O2 -o "$BENCH/reproject_peer" Tools/bench/reproject_peer.c -lproj
ours=() c=() py=()
for _ in $(seq "$RUNS"); do
    ours+=("$("$bin" reproject "$input" 1 | seconds)")
    c+=("$("$BENCH/reproject_peer" "$input" 1 | seconds)")
    py+=("$("$PYTHON" Tools/bench/reproject_pyproj.py "$input" 1 | seconds)")
done
o=$(printf '%s\n' "${ours[@]}" | median)
report 1 "reproject $N points 4326→3857" "$o" "PROJ C" "$(printf '%s\n' "${c[@]}" | median)" "$N"
report 1 "reproject $N points 4326→3857" "$o" "pyproj" "$(printf '%s\n' "${py[@]}" | median)" "$N"
