#!/usr/bin/env python3
"""Writes N query boxes (W S E N per line) that each hold about HITS of N_POINTS uniform
projects (lon in [-180, 180), lat in [-85, 85)), from a fixed seed.
Usage: Tools/gen_boxes.py N HITS N_POINTS > boxes.txt
"""
import math
import random
import sys

count, hits, points = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
side = math.sqrt(360 * 170 * hits / points)
rng = random.Random(7)
for _ in range(count):
    west = rng.uniform(-180, 180 - side)
    south = rng.uniform(-85, 85 - side)
    print(f"{west:.6f} {south:.6f} {west + side:.6f} {south + side:.6f}")
