# Shared by the side-by-side benchmarks: build the kernels, make inputs, and compare medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
RUNS=${RUNS:-5}
BENCH=var/bench
mkdir -p "$BENCH"

# PARTMAP_KERNELS and PARTMAP_BIN name binaries already built (to compare two builds side by side).
kernels() {
    [ -z "${PARTMAP_KERNELS:-}" ] || { echo "$PARTMAP_KERNELS"; return; }
    PARTMAP_BENCHMARKS=1 swift build -c release --product partmap-kernels >&2
    echo "$(PARTMAP_BENCHMARKS=1 swift build -c release --show-bin-path)/partmap-kernels"
}

points() {  # points N → a file of N points, made once
    local file="$BENCH/points-$1.bin"
    [ -f "$file" ] || "$PYTHON" Tools/gen_points.py "$1" "$file"
    echo "$file"
}

projects() {  # projects N → a GeoJSON file of N synthetic projects, made once
    local file="$BENCH/projects-$1.geojson"
    [ -f "$file" ] || "$PYTHON" Tools/gen_projects.py "$1" > "$file"
    echo "$file"
}

partmap_bin() {
    [ -z "${PARTMAP_BIN:-}" ] || { echo "$PARTMAP_BIN"; return; }
    swift build -c release --product partmap >&2
    echo "$(swift build -c release --show-bin-path)/partmap"
}

time_of() {  # wall seconds of a command, its output discarded
    local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    echo "$end - $start" | bc
}

seconds() { sed -n 's/^seconds=\([0-9.e-]*\).*/\1/p'; }

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# report ROW WORK PARTMAP_SECONDS PEER PEER_SECONDS POINTS
report() {
    awk -v row="$1" -v work="$2" -v ours="$3" -v peer="$4" -v theirs="$5" -v n="$6" 'BEGIN {
        printf "row %s  %s\n  partmap  %.4f s  (%.2f M pts/s)\n  %-8s %.4f s  (%.2f M pts/s)\n  ratio (peer time / partmap time): %.2fx\n",
            row, work, ours, n / ours / 1e6, peer, theirs, n / theirs / 1e6, theirs / ours }'
}

# A throwaway PostgreSQL + PostGIS cluster of its own (15/bench on port 5434, or BENCH_PG_CLUSTER
# on BENCH_PG_PORT where several people bench on one machine), dropped on exit.
# Sets PG_URL; `fresh_database NAME` makes an empty database with PostGIS and prints its URL.
postgres_cluster() {
    export PARTMAP_PG_CLUSTER=${BENCH_PG_CLUSTER:-bench} PARTMAP_PG_PORT=${BENCH_PG_PORT:-5434}
    PG_URL=$(bash Tools/postgres.sh start)
    trap 'bash Tools/postgres.sh stop' EXIT
}

# GDAL's PG: connection string for a postgres:// URL (GDAL 3.6 mangles URIs).
gdal_pg() {
    echo "$1" | sed -E 's|postgres://([^:]*):([^@]*)@([^:]*):([0-9]*)/(.*)|PG:host=\3 port=\4 dbname=\5 user=\1 password=\2|'
}

fresh_database() {
    psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1 TEMPLATE partmap_template" >/dev/null
    echo "${PG_URL%/*}/$1"
}
