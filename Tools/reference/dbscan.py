"""Independent reference for DBSCAN in km: scikit-learn's DBSCAN with the haversine metric.

Usage: dbscan.py EPS_KM MIN_POINTS < "lon lat" lines; prints one line per point:
"core LABEL" or "other LABEL" (LABEL -1 for noise).
"""
import sys

import numpy as np
from sklearn.cluster import DBSCAN

EARTH_RADIUS_KM = 6371.0088


def main(eps_km, min_points):
    coords = np.loadtxt(sys.stdin, ndmin=2)
    radians = np.radians(coords[:, [1, 0]])  # haversine wants (lat, lon)
    model = DBSCAN(eps=eps_km / EARTH_RADIUS_KM, min_samples=min_points, metric="haversine", algorithm="ball_tree")
    model.fit(radians)
    core = np.zeros(len(coords), dtype=bool)
    core[model.core_sample_indices_] = True
    sys.stdout.write("".join(f"{'core' if c else 'other'} {label}\n" for c, label in zip(core, model.labels_)))


if __name__ == "__main__":
    main(float(sys.argv[1]), int(sys.argv[2]))
