#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): zoom clusters 0-16 (radius 40, extent 512, minPoints 2) of N synthetic
# projects (default 1M) as a whole process from the same GeoJSON file: `partmap cluster --from FILE --zoom 0`
# against mapbox/supercluster v8 on Node (JSON.parse included), alternately, RUNS times each, with peak
# memory. The peer runs from a checkout outside the repository: SUPERCLUSTER_DIR names a supercluster v8
# checkout whose node_modules/kdbush is a mourner/kdbush v4 checkout. Without it, the published figure is
# printed instead. Then the kernel's build and 1,000 viewport queries over N flat points (SKIP_KERNELS=1
# leaves them out: they need the benchmark build).
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
wall() { sed -n 's/^wall=\([0-9.]*\) peak_kb=.*/\1/p'; }
peak() { sed -n 's/^wall=.* peak_kb=//p' | awk '{ printf "%.0f", $1 / 1024 }'; }
measure() { { /usr/bin/time -f "wall=%e peak_kb=%M" "$@" >/dev/null; } 2>&1; }
ours=() ours_mb=() peer=() peer_mb=()
for _ in $(seq "$RUNS"); do
    out=$(measure "$bin" cluster --from "$input" --zoom 0)
    ours+=("$(echo "$out" | wall)"); ours_mb+=("$(echo "$out" | peak)")
    if [ -n "${SUPERCLUSTER_DIR:-}" ]; then
        out=$(measure node --max-old-space-size=8192 Tools/bench/supercluster_peer.mjs "$SUPERCLUSTER_DIR" "$input")
        peer+=("$(echo "$out" | wall)"); peer_mb+=("$(echo "$out" | peak)")
    fi
done
o=$(printf '%s\n' "${ours[@]}" | median) om=$(printf '%s\n' "${ours_mb[@]}" | median)
echo "row 8  zoom clusters 0-16 of $N projects from their GeoJSON file, whole process (median of $RUNS)"
printf '  partmap cluster --from   %.2f s, peak %s MB\n' "$o" "$om"
if [ -n "${SUPERCLUSTER_DIR:-}" ]; then
    p=$(printf '%s\n' "${peer[@]}" | median) pm=$(printf '%s\n' "${peer_mb[@]}" | median)
    printf '  supercluster v8, node %s   %.2f s, peak %s MB\n' "$(node --version)" "$p" "$pm"
    awk -v o="$o" -v p="$p" 'BEGIN { printf "  ratio (partmap time / peer time): %.2f (target <= 0.33, <= 250 MB)\n", o / p }'
else
    echo "  supercluster: SUPERCLUSTER_DIR is not set (a supercluster v8 checkout with node_modules/kdbush), so it is not run;"
    echo "  its published figure on this kind of machine, 1M full records, node 20: 25.6 s (8.7 s JSON.parse + 16.9 s index), 2.0 GB peak"
    [ "$N" = 1000000 ] && awk -v o="$o" 'BEGIN { printf "  ratio (partmap time / published time): %.2f (target <= 0.33, <= 250 MB)\n", o / 25.6 }'
fi
[ "${SKIP_KERNELS:-}" = 1 ] && exit 0
kernel=$(kernels)
out=$( { /usr/bin/time -f "peak_kb=%M" "$kernel" cluster "$(points "$N")" "$RUNS"; } 2>&1 )
echo "$out" | awk -v n="$N" '
    /^seconds=/ { split($1, s, "="); build = s[2] }
    /^viewport/ { view = $0 }
    /^peak_kb=/ { split($1, m, "="); peak = m[2] / 1024 }
    END { printf "  kernel over %d flat points: build %.2f s, peak %.0f MB (all runs in one process); %s (target < 1 ms)\n", n, build, peak, view }'
