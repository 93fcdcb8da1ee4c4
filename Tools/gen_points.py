#!/usr/bin/env python3
"""Writes N uniform random points (lon in [-180, 180), lat in [-85, 85), fixed seed) as
little-endian float64: N longitudes, then N latitudes. Usage: Tools/gen_points.py N OUT.bin"""
import sys

import numpy as np

count, out = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20261124)
lon = rng.uniform(-180, 180, count)
lat = rng.uniform(-85, 85, count)
np.concatenate([lon, lat]).astype("<f8").tofile(out)
