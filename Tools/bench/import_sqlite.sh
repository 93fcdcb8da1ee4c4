#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): import N synthetic projects (default 1M) into a new SQLite store with
# `partmap import` against `ogr2ogr -f GPKG` (SQLite + R-tree), alternately, RUNS times each (default 5).
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
ours=() peer=()
for _ in $(seq "$RUNS"); do
    rm -f "$BENCH"/import.sqlite* "$BENCH"/import.gpkg
    ours+=("$(time_of "$bin" import "$input" --store "$BENCH/import.sqlite")")
    peer+=("$(time_of ogr2ogr -f GPKG "$BENCH/import.gpkg" "$input")")
done
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 4  import %d projects into SQLite\n  partmap  %.2f s\n  ogr2ogr  %.2f s (GPKG)\n  partmap time / ogr2ogr time: %.2f (target <= 0.5)\n", n, o, p, o / p }'
