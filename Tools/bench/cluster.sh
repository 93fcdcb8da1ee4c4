#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): build zoom clusters 0-16 (radius 40, extent 512, minPoints 2) over N
# uniform points (default 1M), then time 1,000 screen-sized viewport queries at zooms 2-16.
# The peer, supercluster v8 on Node, cannot be installed here (no npm registry): its published
# figures on this kind of machine (22.5 s and 565 MB geometry-only) are printed beside ours.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(points "$N")
kernel=$(kernels)
out=$( { /usr/bin/time -f "peak_kb=%M" "$kernel" cluster "$input" "$RUNS"; } 2>&1 )
echo "$out" | awk -v n="$N" '
    /^seconds=/ { split($1, s, "="); build = s[2] }
    /^viewport/ { view = $0 }
    /^peak_kb=/ { split($1, m, "="); peak = m[2] / 1024 }
    END {
        printf "row 8  zoom clusters 0-16 over %d points\n  partmap  build %.2f s, peak %.0f MB (all runs in one process)\n  %s\n", n, build, peak, view
        printf "  supercluster v8 (published figures, same kind of machine, 1M): 22.5 s, 565 MB; target <= 7 s, <= 250 MB, viewport < 1 ms\n" }'
