#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): `partmap summary --by subregion,level` over a store of N synthetic projects
# (default 1M), on SQLite and on PostGIS, against the same count as one `SELECT … GROUP BY` in psql
# over a PostGIS table whose sub-region and level are columns ("regions precomputed"), warm,
# RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
sqlite="$BENCH/summary-$N.sqlite"
[ -f "$sqlite" ] || "$bin" import "$input" --store "$sqlite" >/dev/null
postgres_cluster
url=$(fresh_database bench_summary)
"$bin" import "$input" --store "$url" >/dev/null
psql -X -q "$url" -c "CREATE TABLE peer AS SELECT subregion, feature::jsonb #>> '{properties,participationLevel}' AS level, visibility FROM project" -c "VACUUM ANALYZE peer"
sql="SELECT subregion, level, count(*) FROM peer WHERE visibility = 'public' GROUP BY 1, 2"
# Once untimed: a store made by an older partmap is migrated on first open.
"$bin" summary --store "$sqlite" --by subregion,level >/dev/null
ours_sqlite=() ours_pg=() peer=()
for _ in $(seq "$RUNS"); do
    ours_sqlite+=("$(time_of "$bin" summary --store "$sqlite" --by subregion,level)")
    ours_pg+=("$(time_of "$bin" summary --store "$url" --by subregion,level)")
    peer+=("$(psql -X -q "$url" -c '\timing on' -c "$sql" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ print $1 / 1000 }')")
done
s=$(printf '%s\n' "${ours_sqlite[@]}" | median) g=$(printf '%s\n' "${ours_pg[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v s="$s" -v g="$g" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 10  summary by subregion,level over %d projects\n  partmap, SQLite store   %.2f s (whole command)\n  partmap, PostGIS store  %.2f s (whole command)\n  GROUP BY in psql        %.3f s (columns precomputed)\n  partmap PostGIS / SQL: %.1fx (target < 1 s, <= 1x)\n", n, s, g, p, g / p }'
