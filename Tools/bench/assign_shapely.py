"""Benchmark (README, "Benchmarks"), the peer: shapely's best method, a point STRtree, prepared polygons and
contains_xy over the same boundaries (made valid, as partmap does).
Usage: assign_shapely.py POINTS.bin RUNS; prints "seconds=<median> points=<n>"."""
import json
import sys
import time

import numpy as np
import shapely

values = np.fromfile(sys.argv[1], dtype="<f8")
count = len(values) // 2
xs, ys = values[:count], values[count:]
with open("Data/countries-ne50.geojson", encoding="utf-8") as f:
    polygons = [shapely.make_valid(shapely.geometry.shape(feature["geometry"])) for feature in json.load(f)["features"]]
for polygon in polygons:
    shapely.prepare(polygon)
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    tree = shapely.STRtree(shapely.points(xs, ys))
    found = np.full(count, -1)
    for index, polygon in enumerate(polygons):
        candidates = tree.query(polygon)
        found[candidates[shapely.contains_xy(polygon, xs[candidates], ys[candidates])]] = index
    times.append(time.perf_counter() - start)
print(f"seconds={sorted(times)[len(times) // 2]:.9f} points={count}")
