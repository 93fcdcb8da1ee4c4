#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): export N projects (default 1M) to GeoJSONSeq: `partmap export` from a
# SQLite store against `ogr2ogr -f GeoJSONSeq` from the GeoJSON file, alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
sqlite="$BENCH/query-$N.sqlite"
[ -f "$sqlite" ] || "$bin" import "$input" --store "$sqlite" >/dev/null
ours=() peer=()
for _ in $(seq "$RUNS"); do
    rm -f "$BENCH"/export-*.geojsonl
    ours+=("$(time_of "$bin" export --store "$sqlite" --out "$BENCH/export-ours.geojsonl")")
    peer+=("$(time_of ogr2ogr -f GeoJSONSeq "$BENCH/export-peer.geojsonl" "$input")")
done
echo "  lines: partmap $(wc -l < "$BENCH/export-ours.geojsonl"), ogr2ogr $(wc -l < "$BENCH/export-peer.geojsonl")"
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 7  export %d projects to GeoJSONSeq\n  partmap  %.2f s\n  ogr2ogr  %.2f s\n  partmap time / ogr2ogr time: %.2f (target <= 0.25)\n", n, o, p, o / p }'
