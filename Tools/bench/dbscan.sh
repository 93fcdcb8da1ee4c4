#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): DBSCAN over N uniform points (default 1M), eps 10 km, minPoints 5:
# partmap's great-circle DBSCAN in process against PostGIS ST_ClusterDBSCAN on EPSG:3857
# geometry with eps 10000 (where a Mercator metre shrinks with latitude, so the peer's
# neighbourhoods are smaller away from the equator and its clusters fewer), alternately.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(points "$N")
kernel=$(kernels)
postgres_cluster
url=$(fresh_database bench_dbscan)
csv="$BENCH/points-$N.csv"
[ -f "$csv" ] || "$PYTHON" -c "
import sys, numpy as np
v = np.fromfile(sys.argv[1], dtype='<f8'); n = len(v) // 2
np.savetxt(sys.argv[2], np.column_stack([v[:n], v[n:]]), fmt='%.17g', delimiter=',')" "$input" "$csv"
psql -X -q "$url" -c "CREATE TABLE point (lon float8, lat float8)" \
    -c "\\copy point FROM '$csv' WITH (FORMAT csv)" \
    -c "ALTER TABLE point ADD COLUMN geom geometry(Point, 3857)" \
    -c "UPDATE point SET geom = ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3857)" \
    -c "VACUUM ANALYZE point"
ours=() peer=()
for _ in $(seq "$RUNS"); do
    ours+=("$("$kernel" dbscan "$input" 1 | seconds)")
    peer+=("$( (echo '\timing on'; echo 'SELECT count(DISTINCT cid) FROM (SELECT ST_ClusterDBSCAN(geom, eps := 10000, minpoints := 5) OVER () AS cid FROM point) t;') \
        | psql -X -q "$url" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{ print $1 / 1000 }')")
done
echo "  partmap: $("$kernel" dbscan "$input" 1 | head -1); PostGIS clusters: $(psql -X -A -t "$url" -c 'SELECT count(DISTINCT cid) FROM (SELECT ST_ClusterDBSCAN(geom, eps := 10000, minpoints := 5) OVER () AS cid FROM point) t')"
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" 'BEGIN {
    printf "row 9  DBSCAN eps 10 km, minPoints 5 over %d points\n  partmap  %.2f s (great-circle km)\n  PostGIS  %.2f s (ST_ClusterDBSCAN, EPSG:3857)\n  partmap time / PostGIS time: %.2f (target <= 0.33)\n", n, o, p, o / p }'
