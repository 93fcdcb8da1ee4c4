#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): import N synthetic projects (default 1M) into PostGIS with `partmap import`
# against `ogr2ogr -f PostgreSQL` (COPY, GiST index) into the same server, alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
postgres_cluster
ours=() peer=()
for _ in $(seq "$RUNS"); do
    ours_url=$(fresh_database bench_partmap) peer_url=$(fresh_database bench_ogr)
    ours+=("$(time_of "$bin" import "$input" --store "$ours_url")")
    peer+=("$(time_of ogr2ogr -f PostgreSQL "$(gdal_pg "$peer_url")" "$input" -nln project -lco GEOMETRY_NAME=position --config PG_USE_COPY YES)")
done
echo "  partmap stored $(psql -X -A -t "$ours_url" -c 'SELECT count(*) FROM project'), ogr2ogr $(psql -X -A -t "$peer_url" -c 'SELECT count(*) FROM project')"
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 5  import %d projects into PostGIS\n  partmap  %.2f s\n  ogr2ogr  %.2f s (COPY, GiST)\n  partmap time / ogr2ogr time: %.2f (target <= 1)\n", n, o, p, o / p }'
