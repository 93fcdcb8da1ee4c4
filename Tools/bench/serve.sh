#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): `partmap serve` under wrk (30 s, 64 connections) over a SQLite
# store of N synthetic projects (default 100k): /items with a bbox of about 100 hits, then
# /clusters and /tiles at a viewport, with the service's resident memory before, right after each
# run and 6 s later.
# The peer, pygeoapi (OGR provider on a GeoPackage, gunicorn), is not run here: its published
# figures are the comparison.
source "$(dirname "$0")/common.sh"
N=${1:-100000}
DURATION=${DURATION:-30s}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
input=$(projects "$N")
bin=$(partmap_bin)
store="$BENCH/serve-$N.sqlite"
[ -f "$store" ] || "$bin" import "$input" --store "$store" >/dev/null
"$bin" serve --store "$store" --port 0 > "$BENCH/serve.out" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do grep -q http "$BENCH/serve.out" 2>/dev/null && break; sleep 0.2; done
base=$(sed -n 's|.*\(http://[^ /]*\).*|\1|p' "$BENCH/serve.out")
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status"; }
# A box of about 100 hits at this density, around (10, 45).
side=$(awk -v n="$N" 'BEGIN { printf "%.4f", sqrt(100 / n * 360 * 170) }')
bbox=$(awk -v s="$side" 'BEGIN { printf "%.4f,%.4f,%.4f,%.4f", 10, 45, 10 + s, 45 + s }')
curl -s "$base/clusters?zoom=6&bbox=0,40,20,50" >/dev/null  # the cluster index, built once
echo "row 12/13  partmap serve over $N projects ($base), wrk $DURATION, 64 connections"
echo "  memory before: $(rss) MB"
for path in "/collections/projects/items?bbox=$bbox&limit=100" "/clusters?zoom=6&bbox=0,40,20,50" "/tiles/6/33/22.mvt"; do
    echo "  GET $path"
    wrk -t2 -c64 -d"$DURATION" --latency "$base$path" | awk '/Requests\/sec|99%|Non-2xx|Socket errors/ { print "    " $0 }'
    echo "    memory after: $(rss) MB"
    # The service gives freed memory back once requests pause (every 5 s): read it again then.
    sleep 6
    echo "    memory 6 s later: $(rss) MB"
done
echo "  targets: items >= 30x pygeoapi's 55 req/s (1650 req/s), p99 < 50 ms; clusters and tiles p99 < 20 ms; 0 errors; memory flat"
