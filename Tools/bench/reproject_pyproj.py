"""Benchmark (README, "Benchmarks"), a peer: pyproj's Transformer.transform on numpy arrays.
Usage: reproject_pyproj.py POINTS.bin RUNS; prints "seconds=<median> points=<n>"."""
import sys
import time

import numpy as np
from pyproj import Transformer

values = np.fromfile(sys.argv[1], dtype="<f8")
count = len(values) // 2
lon, lat = values[:count], values[count:]
transformer = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    transformer.transform(lon, lat)
    times.append(time.perf_counter() - start)
print(f"seconds={sorted(times)[len(times) // 2]:.9f} points={count}")
