#!/usr/bin/env bash
# BENCHMARKS.md row 4: import N synthetic projects (default 1M) into a new SQLite store with
# `partmap import` against `ogr2ogr -f GPKG` (SQLite + R-tree), alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
RUNS=${RUNS:-3}
input="$BENCH/projects-$N.geojson"
[ -f "$input" ] || "$PYTHON" Tools/gen_projects.py "$N" > "$input"
swift build -c release --product partmap >&2
bin="$(swift build -c release --show-bin-path)/partmap"
time_of() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
ours=() peer=()
for _ in $(seq "$RUNS"); do
    rm -f "$BENCH"/import.sqlite* "$BENCH"/import.gpkg
    ours+=("$(time_of "$bin" import "$input" --store "$BENCH/import.sqlite")")
    peer+=("$(time_of ogr2ogr -f GPKG "$BENCH/import.gpkg" "$input")")
done
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 4  import %d projects into SQLite\n  partmap  %.2f s\n  ogr2ogr  %.2f s (GPKG)\n  partmap time / ogr2ogr time: %.2f (target <= 0.5)\n", n, o, p, o / p }'
