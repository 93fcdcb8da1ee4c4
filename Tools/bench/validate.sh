#!/usr/bin/env bash
# Benchmark (README, "Benchmarks"): validate N synthetic projects (default 1M) as GeoJSON: `partmap validate`
# (parse, check every record, geocode, assign regions) against `ogrinfo -so -al` (reads every
# feature), alternately, RUNS times each (default 5). Prints MB/s and the ratio.
source "$(dirname "$0")/common.sh"
N=${1:-1000000}
input=$(projects "$N")
bin=$(partmap_bin)
command -v ogrinfo >/dev/null || { echo "ogrinfo missing: apt-get install gdal-bin" >&2; exit 1; }
ours=() peer=()
for _ in $(seq "$RUNS"); do
    ours+=("$(time_of "$bin" validate "$input")")
    peer+=("$(time_of ogrinfo -so -al "$input")")
done
o=$(printf '%s\n' "${ours[@]}" | median) p=$(printf '%s\n' "${peer[@]}" | median)
megabytes=$(( $(stat -c %s "$input") / 1000000 ))
awk -v o="$o" -v p="$p" -v mb="$megabytes" -v n="$N" 'BEGIN {
    printf "row 3  validate %d projects (%d MB)\n  partmap  %.2f s  (%.1f MB/s)\n  ogrinfo  %.2f s  (%.1f MB/s)\n  ratio (ogrinfo time / partmap time): %.2fx\n",
        n, mb, o, mb / o, p, mb / p, p / o }'
