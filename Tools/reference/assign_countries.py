"""Independent reference for region assignment: which boundary polygons contain each point.

Reads Data/countries-ne50.geojson (repairing invalid polygons with make_valid, as partmap does)
and points as "lon lat" lines on stdin; prints, per point, the index of the one polygon that
contains it, -1 for none, or -2 when several do (overlapping boundaries).
Uses shapely's STRtree over the points and prepared polygons, the fastest shapely method.
"""
import json
import sys

import numpy as np
import shapely


def main(boundaries_path):
    with open(boundaries_path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    polygons = [shapely.make_valid(shapely.geometry.shape(f["geometry"])) for f in features]
    coords = np.loadtxt(sys.stdin, ndmin=2)
    xs, ys = coords[:, 0], coords[:, 1]
    points = shapely.points(xs, ys)
    tree = shapely.STRtree(points)
    found = np.full(len(points), -1, dtype=np.int64)
    for index, polygon in enumerate(polygons):
        shapely.prepare(polygon)
        candidates = tree.query(polygon)
        inside = candidates[shapely.contains_xy(polygon, xs[candidates], ys[candidates])]
        found[inside] = np.where(found[inside] == -1, index, -2)
    sys.stdout.write("\n".join(map(str, found.tolist())) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
