#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): bbox queries returning about 100 of N projects (default 1M), warm:
# the SQLite store in process (target: median < 0.2 ms), the PostGIS store in process, and the
# same query written in SQL and timed by psql on the same PostGIS index (target: store <= 1.5x).
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
kernel=$(kernels)
boxes="$BENCH/boxes-$N.txt"
"$PYTHON" Tools/gen_boxes.py 20 100 "$N" > "$boxes"
sqlite="$BENCH/query-$N.sqlite"
[ -f "$sqlite" ] || "$bin" import "$input" --store "$sqlite" >/dev/null
postgres_cluster
url=$(fresh_database bench_query)
"$bin" import "$input" --store "$url" >/dev/null
psql -X -q "$url" -c "VACUUM ANALYZE project"

ours_sqlite=$("$kernel" query "$sqlite" "$boxes" "$RUNS")
ours_postgis=$("$kernel" query "$url" "$boxes" "$RUNS")
# The raw SQL: the same candidates from the GiST index, timed by the server's own clock.
sql=$(awk '{ printf "SELECT id, feature, updated FROM project WHERE public_position && ST_MakeEnvelope(%s, %s, %s, %s, 4326) AND visibility = '"'"'public'"'"';\n", $1, $2, $3, $4 }' "$boxes")
raw=$( (echo '\timing on'; for _ in $(seq $((RUNS + 1))); do echo "$sql"; done) | psql -X -q -o /dev/null "$url" \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n +21 | median)
echo "$ours_sqlite" | awk -v raw="$raw" -v pg="$ours_postgis" -v n="$N" '{
    split($1, s, "="); split($3, h, "="); split(pg, p, "[= ]")
    printf "row 6  bbox query of ~%.0f hits in %d projects (median of warm queries)\n", h[2], n
    printf "  SQLite store, in process   %.3f ms  (target < 0.2 ms)\n", s[2] * 1000
    printf "  PostGIS store, in process  %.3f ms\n", p[2] * 1000
    printf "  raw SQL in psql            %.3f ms\n", raw
    printf "  PostGIS store / raw SQL: %.2f (target <= 1.5)\n", p[2] * 1000 / raw }'
