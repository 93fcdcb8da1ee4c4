#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): `partmap serve` and pygeoapi side by side under wrk (DURATION, 64
# connections) over the same N synthetic projects (default 100k), with the same requests: /items with
# a bbox of about 100 hits, then /collections/projects; then partmap's /clusters and /tiles at a
# viewport. pygeoapi (PyPI, `make bench-deps`) runs under gunicorn with 4 workers on its SQLite/GeoPackage
# provider over a GeoPackage that ogr2ogr makes from partmap's export, with `server.limits` raised.
# Each server's peak resident memory (all its processes) is printed after its runs, and partmap's
# resident memory right after each run and 12 s later (it gives freed memory back in the 5 s
# periods after requests stop).
source "$(dirname "$0")/common.sh"
N=${1:-100000}
DURATION=${DURATION:-30s}
PEER_PYTHON=${PEER_PYTHON:-$BENCH/venv/bin/python}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
[ -x "$PEER_PYTHON" ] && "$PEER_PYTHON" -c 'import pygeoapi, gunicorn' 2>/dev/null \
    || { echo "pygeoapi and gunicorn are needed in $PEER_PYTHON (make bench-deps)" >&2; exit 1; }
input=$(projects "$N")
bin=$(partmap_bin)
store="$BENCH/serve-$N.sqlite"
[ -f "$store" ] || "$bin" import "$input" --store "$store" >/dev/null
peer_dir="$BENCH/pygeoapi-$N"
if [ ! -f "$peer_dir/projects.gpkg" ]; then
    mkdir -p "$peer_dir"
    "$bin" export --store "$store" --format geojson --out "$peer_dir/projects.geojson"
    ogr2ogr -f GPKG "$peer_dir/projects.gpkg" "$peer_dir/projects.geojson" -nln projects
fi
free_port() { "$PEER_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
peer_port=$(free_port)
sed -e "s|@PORT@|$peer_port|g" -e "s|@DATA@|$(realpath "$peer_dir/projects.gpkg")|" Tools/bench/pygeoapi.yml > "$peer_dir/config.yml"
export PYGEOAPI_CONFIG="$peer_dir/config.yml" PYGEOAPI_OPENAPI="$peer_dir/openapi.yml"
"$PEER_PYTHON" -m pygeoapi openapi generate "$PYGEOAPI_CONFIG" --output-file "$PYGEOAPI_OPENAPI" >/dev/null 2>&1 \
    || "$(dirname "$PEER_PYTHON")/pygeoapi" openapi generate "$PYGEOAPI_CONFIG" --output-file "$PYGEOAPI_OPENAPI" >/dev/null

"$bin" serve --store "$store" --port 0 > "$BENCH/serve.out" 2>/dev/null &
pid=$!
"$(dirname "$PEER_PYTHON")/gunicorn" --workers 4 --timeout 300 --bind "127.0.0.1:$peer_port" pygeoapi.flask_app:APP \
    > "$peer_dir/gunicorn.log" 2>&1 &
peer_pid=$!
trap 'kill $pid $peer_pid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q http "$BENCH/serve.out" 2>/dev/null && curl -sf "http://127.0.0.1:$peer_port/" >/dev/null && break; sleep 0.3; done
base=$(sed -n 's|.*\(http://[^ /]*\).*|\1|p' "$BENCH/serve.out")
peer="http://127.0.0.1:$peer_port"
# Peak resident memory of a process and its children, MB.
peak_rss() { for p in "$1" $(pgrep -P "$1"); do awk '/VmHWM/ { print $2 }' "/proc/$p/status" 2>/dev/null; done | awk '{ s += $1 } END { printf "%.0f", s / 1024 }'; }
rss() { for p in "$1" $(pgrep -P "$1"); do awk '/VmRSS/ { print $2 }' "/proc/$p/status" 2>/dev/null; done | awk '{ s += $1 } END { printf "%.0f", s / 1024 }'; }
# A box of about 100 hits at this density, around (10, 45).
side=$(awk -v n="$N" 'BEGIN { printf "%.4f", sqrt(100 / n * 360 * 170) }')
bbox=$(awk -v s="$side" 'BEGIN { printf "%.4f,%.4f,%.4f,%.4f", 10, 45, 10 + s, 45 + s }')
items="/collections/projects/items?bbox=$bbox&limit=100&f=json"
matched() { curl -s "$1$items" | "$PEER_PYTHON" -c 'import json, sys; print(len(json.load(sys.stdin)["features"]))'; }
echo "row 12/13  partmap serve and pygeoapi $("$PEER_PYTHON" -c 'import pygeoapi; print(pygeoapi.__version__)') over $N projects, wrk $DURATION, 64 connections (medians are wrk's p50)"
echo "  $items: partmap $(matched "$base") features, pygeoapi $(matched "$peer") features"
curl -s "$base/clusters?zoom=6&bbox=0,40,20,50" >/dev/null  # the cluster index, built once
curl -s "$base/collections/projects?f=json" >/dev/null  # the extent, read once
curl -s "$base/tiles/6/33/22.mvt" >/dev/null  # the tile renderer, made once
echo "  memory before: partmap $(rss $pid) MB, pygeoapi $(rss $peer_pid) MB"
# partmap's resident memory right after a run, and 12 s later, once it has given freed memory back.
settled() {
    echo "    partmap memory after: $(rss $pid) MB; 12 s later: $(sleep 12; rss $pid) MB"
}
# load URL → "REQ_PER_S P50_MS P99_MS ERRORS"
load() {
    wrk -t2 -c64 -d"$DURATION" --timeout 60s --latency "$1" | awk '
        function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
        / 50% / { p50 = ms($2) } / 99% / { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { errors += $NF } /Socket errors/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%s %.1f %.1f %d\n", rps, p50, p99, errors }'
}
# The cheap route first: pygeoapi's sync workers go on with queued /items requests after wrk stops.
for path in "/collections/projects?f=json" "$items"; do
    read -r o50 o_rps o99 oerr < <(load "$base$path" | awk '{ print $2, $1, $3, $4 }')
    read -r p50 p_rps p99 perr < <(load "$peer$path" | awk '{ print $2, $1, $3, $4 }')
    echo "  GET $path"
    printf '    partmap   %8.1f req/s  median %7.1f ms  p99 %7.1f ms  errors %s\n' "$o_rps" "$o50" "$o99" "$oerr"
    printf '    pygeoapi  %8.1f req/s  median %7.1f ms  p99 %7.1f ms  errors %s\n' "$p_rps" "$p50" "$p99" "$perr"
    awk -v o="$o_rps" -v p="$p_rps" 'BEGIN { printf "    ratio (partmap req/s / pygeoapi req/s): %.1fx\n", o / p }'
    settled
done
peer_peak=$(peak_rss $peer_pid)
kill $peer_pid 2>/dev/null  # its backlog would take CPU from the routes below
for path in "/clusters?zoom=6&bbox=0,40,20,50" "/tiles/6/33/22.mvt"; do
    read -r rps p50 p99 err < <(load "$base$path")
    printf '  GET %s\n    partmap   %8.1f req/s  median %7.1f ms  p99 %7.1f ms  errors %s\n' "$path" "$rps" "$p50" "$p99" "$err"
    settled
done
echo "  peak memory: partmap $(peak_rss $pid) MB (now $(rss $pid) MB); pygeoapi, 4 workers and master, $peer_peak MB"
echo "  targets: items >= 30x pygeoapi's req/s, p99 < 50 ms; /collections/projects >= 1x; clusters and tiles p99 < 20 ms; 0 errors; memory flat"
